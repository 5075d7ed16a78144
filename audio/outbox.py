"""Getting events out of the engine without ever letting a consumer hold it up.

The engine thread hands each event to an :class:`Outbox` and goes on: the
hand-over is an append under a lock that is only ever held for a list swap.
A delivery thread of its own calls the subscribers. So a subscriber that is
slow, or frozen, delays only later events, never a packet: while it is
behind, discrete events queue up (bounded: beyond ``limit`` the oldest are
dropped and counted) and :class:`~audio.commands.Metrics` snapshots are
coalesced, the newest replacing the one not yet delivered.

Subscribers are therefore called on the delivery thread, neither on the
engine thread nor on a GUI thread: a GUI must re-queue what it receives onto
its own thread (with Qt, emit a signal over a queued connection) and return.

:class:`EventQueue` is a subscriber for consumers that poll (a bot, a test):
it keeps discrete events in order and the latest metrics apart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TypeVar

from audio.commands import Event, Metrics

log = logging.getLogger(__name__)

Subscriber = Callable[[Event], None]
E = TypeVar("E")


class Outbox:
    """Events from the engine thread to subscribers, delivered on a thread of its own."""

    def __init__(self, *, limit: int = 4096, name: str = "rsi-engine-events") -> None:
        if limit < 1:
            raise ValueError("limit must be >= 1")
        self._limit = limit
        self._subscribers: tuple[Subscriber, ...] = ()
        self._events: deque[Event] = deque()
        self._metrics: Metrics | None = None
        self._cond = threading.Condition()
        self._closing = False
        self.dropped = 0
        """Discrete events lost because the subscribers fell more than ``limit`` behind."""
        self.coalesced = 0
        """Metrics snapshots replaced by a newer one before delivery."""
        self._thread = threading.Thread(target=self._deliver, name=name, daemon=True)

    def start(self) -> None:
        """Start delivering (events put before this wait for it)."""
        self._thread.start()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber(event)`` for every event from now on; returns an unsubscribe."""
        with self._cond:
            self._subscribers = (*self._subscribers, subscriber)

        def unsubscribe() -> None:
            with self._cond:
                self._subscribers = tuple(s for s in self._subscribers if s is not subscriber)

        return unsubscribe

    def put(self, event: Event) -> None:
        """Queue one event (any thread; never waits for a subscriber)."""
        with self._cond:
            if isinstance(event, Metrics):
                if self._metrics is not None:
                    self.coalesced += 1
                self._metrics = event
            else:
                if len(self._events) >= self._limit:
                    self._events.popleft()
                    self.dropped += 1
                self._events.append(event)
            self._cond.notify()

    def delivering(self) -> bool:
        """Is the caller running on the delivery thread (inside a subscriber)?"""
        return threading.current_thread() is self._thread

    def close(self, timeout: float = 2.0) -> bool:
        """Deliver what is queued, then stop; False if a subscriber is still stuck."""
        with self._cond:
            self._closing = True
            self._cond.notify()
        if self._thread.ident is None:
            return True  # never started
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _deliver(self) -> None:
        while True:
            with self._cond:
                while not self._events and self._metrics is None and not self._closing:
                    self._cond.wait()
                events = list(self._events)
                self._events.clear()
                metrics, self._metrics = self._metrics, None
                subscribers = self._subscribers
                closing = self._closing
            if metrics is not None:
                events.append(metrics)
            for event in events:
                for subscriber in subscribers:
                    try:
                        subscriber(event)
                    except Exception:
                        log.exception("event subscriber %r failed on %r", subscriber, event)
            if closing and not events:
                return


class EventQueue:
    """A subscriber that keeps events for polling: discrete events in order, latest metrics.

    ``limit`` bounds the discrete events kept (the oldest go first, counted in
    :attr:`dropped`).
    """

    def __init__(self, limit: int = 10_000) -> None:
        self._events: deque[Event] = deque()
        self._limit = limit
        self._cond = threading.Condition()
        self.metrics: Metrics | None = None
        """The newest metrics snapshot."""
        self.history: list[Event] = []
        """Every discrete event received (bounded like the queue), for inspection."""
        self.dropped = 0

    def __call__(self, event: Event) -> None:
        with self._cond:
            if isinstance(event, Metrics):
                self.metrics = event
            else:
                if len(self._events) >= self._limit:
                    self._events.popleft()
                    self.dropped += 1
                self._events.append(event)
                self.history.append(event)
                if len(self.history) > self._limit:
                    del self.history[0]
            self._cond.notify_all()

    def take(self, kind: type[E], predicate: Callable[[E], bool] | None = None) -> E | None:
        """Remove and return the oldest waiting event of ``kind`` that matches, if any."""
        with self._cond:
            return self._find(kind, predicate)

    def wait_for(
        self,
        kind: type[E],
        predicate: Callable[[E], bool] | None = None,
        timeout: float = 2.0,
    ) -> E:
        """Block until an event of ``kind`` matching ``predicate`` arrives (TimeoutError)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = self._find(kind, predicate)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    waiting = ", ".join(type(e).__name__ for e in list(self._events)[-10:])
                    raise TimeoutError(
                        f"no {kind.__name__} within {timeout} s; waiting: {waiting or 'nothing'}"
                    )
                self._cond.wait(left)

    def _find(self, kind: type[E], predicate: Callable[[E], bool] | None) -> E | None:
        for index, event in enumerate(self._events):
            if isinstance(event, kind) and (predicate is None or predicate(event)):
                del self._events[index]
                return event
        return None

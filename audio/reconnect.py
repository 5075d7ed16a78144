"""Whether and when the engine connects again after a loss, and what it tells the user: sans-I/O.

The engine owns the sockets and the timer; this decides. A welcomed
connection that ends in a way reconnecting can help (the session's
``resumable``: a lost link, a hub stopping or restarting) starts an outage:
the engine tries again after each delay of a :class:`~channels.backoff.Backoff`,
with the last ``Connect``'s address, token and TLS options, and the session
presents ``resume`` so the hub gives the listening set back. A ``Connect`` that names
several addresses (the edges of a cluster) has them tried in turn, each attempt from
the next one. Each failed
attempt becomes the next :class:`~audio.commands.Reconnecting` (its
``ConnectionFailed`` is not shown: it is not the user's to handle), until a
failure that retrying cannot cure (the token refused or revoked, the
certificate refused...) ends it with
:class:`~audio.commands.ReconnectGaveUp`. The welcome that ends an outage
becomes :class:`~audio.commands.Reconnected`, which says what came back and
that the air did not: the hub released it when the link died, and taking it
again is the user's decision alone.

Before an outage there may be a stall: the socket stays open but nothing
arrives. :class:`Liveness` tells it within :data:`STALL_S` of the last
packet (:class:`~audio.commands.LinkStalled`) and when the hub is heard
again (:class:`~audio.commands.LinkRestored`); the outage itself still
starts only when the link gives up (``silence_timeout_s``, 6 s).
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Final

from audio.commands import (
    Connect,
    ConnectionFailed,
    Disconnected,
    DisconnectKind,
    Event,
    FailureKind,
    LinkRestored,
    LinkStalled,
    Reconnected,
    ReconnectGaveUp,
    Reconnecting,
)
from channels.backoff import Backoff
from channels.client import addresses

PERMANENT: Final = frozenset(
    {
        FailureKind.BAD_URL,
        FailureKind.TOKEN_REFUSED,
        FailureKind.WRONG_MEETING,
        FailureKind.NO_SUCH_BOOTH,
        FailureKind.INSECURE,
        FailureKind.CERTIFICATE,
    }
)
"""Failures of an attempt that the same attempt later would meet again."""
STALL_S: Final = 1.0
"""Nothing from the hub for this long on an open link: it is stalled, say so.

A quiet link pings (:data:`channels.client.QUIET_PING_S`), so a healthy hub
answers well within it on a round trip of up to 0.75 s, also when nobody
speaks on the channels listened to."""


class Liveness:
    """Whether a welcomed link still hears the hub: sans-I/O, the time passed in.

    :meth:`watch` a link when it is welcomed, :meth:`forget` it when it ends;
    feed it when anything arrives (:meth:`heard`: media, a message, a pong)
    and :meth:`tick` it at :attr:`deadline`. A stall is told once, when it is
    found, and its end once, when something arrives again.
    """

    def __init__(self, stall_s: float = STALL_S) -> None:
        self.stall_s = stall_s
        self._heard: float | None = None
        """When the hub was last heard; None: no link is watched."""
        self._stalled = False

    @property
    def deadline(self) -> float:
        """When :meth:`tick` would find a stall (``math.inf``: none can start)."""
        if self._heard is None or self._stalled:
            return math.inf
        return self._heard + self.stall_s

    def watch(self, now: float) -> None:
        """A link was welcomed at ``now``: watch it from then on."""
        self._heard = now
        self._stalled = False

    def forget(self) -> None:
        """The link ended: nothing to watch (its end says the rest)."""
        self._heard = None
        self._stalled = False

    def heard(self, at: float) -> LinkRestored | None:
        """Something arrived at ``at`` (older times are ignored): the end of a stall, if any."""
        last = self._heard
        if last is None or at <= last:
            return None
        self._heard = at
        if not self._stalled:
            return None
        self._stalled = False
        return LinkRestored(at - last)

    def tick(self, now: float) -> LinkStalled | None:
        """The time is ``now``: a stall, if one starts."""
        last = self._heard
        if last is None or self._stalled or now - last < self.stall_s:
            return None
        self._stalled = True
        return LinkStalled(now - last)

    def silent_s(self, now: float) -> float | None:
        """While stalled, how long the hub has said nothing; None otherwise."""
        if not self._stalled or self._heard is None:
            return None
        return max(0.0, now - self._heard)


class Reconnector:
    """One engine's reconnection state: the target, the outage, the backoff."""

    def __init__(self, backoff: Backoff | None = None) -> None:
        self.backoff = backoff if backoff is not None else Backoff()
        self.target: Connect | None = None
        """What the user last connected to, while they have not left."""
        self._outage: tuple[float, str | None] | None = None
        """(when the link was lost, the channel we were on air on) during an outage."""

    @property
    def in_outage(self) -> bool:
        return self._outage is not None

    def connecting(self, command: Connect) -> None:
        """The user connects (again): that is the target now; any outage is over."""
        self.target = command
        self._outage = None
        self.backoff.reset()

    def leave(self) -> Disconnected | None:
        """The user leaves: no more attempts. The event to show if an outage was waiting."""
        waiting = self._outage is not None
        self.target = None
        self._outage = None
        if not waiting:
            return None
        return Disconnected(
            DisconnectKind.CLOSED_BY_US,
            "reconnecting stopped: disconnected from the meeting",
            None,
            True,
        )

    def ended(
        self, event: ConnectionFailed | Disconnected, air: str | None, now: float
    ) -> tuple[list[Event], float | None]:
        """A connection (or an attempt) ended: the events to show, and the delay before
        the next attempt (None: no attempt). ``air``: the channel we were on air on."""
        if self.target is None:
            return [event], None
        if self._outage is None:
            if (
                not isinstance(event, Disconnected)
                or not event.resumable
                or event.kind is DisconnectKind.CLOSED_BY_US
            ):
                return [event], None
            self._outage = (now, air)
            self.backoff.reset()
            attempt, delay = self._attempt(event.sentence)
            return [event, attempt], delay
        permanent = (
            event.kind in PERMANENT if isinstance(event, ConnectionFailed) else not event.resumable
        )
        if permanent:
            self.target = None
            self._outage = None
            return [ReconnectGaveUp(str(event.kind), event.sentence)], None
        attempt, delay = self._attempt(event.sentence)
        return [attempt], delay

    def welcomed(self, resumed: bool, listening: tuple[str, ...], now: float) -> Reconnected | None:
        """Admitted again: what came back, if this ended an outage."""
        outage = self._outage
        if outage is None:
            return None
        self._outage = None
        attempts = self.backoff.attempts
        self.backoff.reset()
        since, air = outage
        return Reconnected(attempts, max(0.0, now - since), listening, resumed, air)

    def _attempt(self, reason: str) -> tuple[Reconnecting, float]:
        self._turn()
        delay = self.backoff.next_delay()
        return Reconnecting(self.backoff.attempts, delay, reason), delay

    def _turn(self) -> None:
        """Several addresses (a cluster's edges): the next attempt starts at the next one, so
        the one just lost, or the first that just failed, is tried last."""
        target = self.target
        assert target is not None
        urls = addresses(target.url)
        if len(urls) > 1:
            self.target = replace(target, url=",".join(urls[1:] + urls[:1]))

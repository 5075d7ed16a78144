"""The engine seen from Qt: its events as queued signals, its commands as one call.

The engine delivers events on a delivery thread of its own
(:mod:`audio.outbox`), which must never wait for the GUI: a frozen window may
delay what it shows, never a packet. So the subscriber here only appends the
event to a queue (or, for metrics, replaces the newest snapshot) and, if no
call is pending, emits one signal with a queued connection to the GUI
thread; there the events are re-emitted in order, and the newest metrics
only. A window that freezes for a second finds the discrete events it missed
and one snapshot, not ten.

The sentences of a failed or ended connection are handed on in the user's language
(:func:`console.shell.connectdialog.in_words`, with the token of the last
:class:`~audio.commands.Connect`): the engine words them in English.

Stopping the engine waits for the hub's closing handshake (up to 1.5 s), so
it runs on a thread of its own; :meth:`EngineBridge.wait_stopped` bounds
how long the program waits for it at exit.
"""

from __future__ import annotations

import threading
from collections import deque

from PySide6.QtCore import QObject, Qt, Signal, Slot

from audio.commands import Command, CommandRejected, Connect, Event, Metrics
from audio.engine import Engine
from console.shell.connectdialog import in_words


class EngineBridge(QObject):
    """Owns an :class:`~audio.engine.Engine`; lives on the GUI thread."""

    arrived = Signal(object)
    """Every discrete engine event, in order (never :class:`Metrics`)."""
    metrics = Signal(object)
    """The newest :class:`Metrics` snapshot; older ones not yet shown are skipped."""
    _posted = Signal()

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self._lock = threading.Lock()
        self._events: deque[Event] = deque()
        self._latest: Metrics | None = None
        self._stopper: threading.Thread | None = None
        self._pending = False
        self._token = ""
        """The token of the last Connect: words a refusal ("your token has expired")."""
        self._posted.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Subscribe, then start the engine (raises what prevented it)."""
        self.engine.subscribe(self._receive)
        self.engine.start()

    def submit(self, command: Command) -> bool:
        """Hand ``command`` to the engine; never blocks. False (and an event) if it cannot."""
        if isinstance(command, Connect):
            self._token = command.token
        try:
            self.engine.submit(command)
        except RuntimeError as exc:
            self.arrived.emit(CommandRejected(command, str(exc)))
            return False
        return True

    def stop(self) -> None:
        """Stop the engine on a thread of its own; the GUI goes on at once."""
        if self._stopper is None:
            self._stopper = threading.Thread(
                target=self.engine.stop, name="rsi-console-stop", daemon=True
            )
            self._stopper.start()

    def wait_stopped(self, timeout: float = 3.0) -> bool:
        """Wait up to ``timeout`` for :meth:`stop` to finish; True when it has."""
        if self._stopper is None:
            return not self.engine.running
        self._stopper.join(timeout)
        return not self._stopper.is_alive()

    # -- delivery thread ---------------------------------------------------------------------

    def _receive(self, event: Event) -> None:
        """Called on the engine's delivery thread: queue, post once, return."""
        with self._lock:
            if isinstance(event, Metrics):
                self._latest = event
            else:
                self._events.append(event)
            if self._pending:
                return
            self._pending = True
        self._posted.emit()

    # -- GUI thread ----------------------------------------------------------------------------

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            events, self._events = self._events, deque()
            latest, self._latest = self._latest, None
            self._pending = False
        for event in events:
            self.arrived.emit(in_words(event, self._token))
        if latest is not None:
            self.metrics.emit(latest)

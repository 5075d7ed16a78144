"""A thread that ticks in real time, for ports that have no sound card to clock them.

Tick ``k`` is due at ``start + k * period`` on the monotonic clock: each
deadline is computed from the start, never from the previous tick, so
rounding and late wake-ups do not add up to drift. A tick that runs late is
followed at once by the next ones until the pacer has caught up (a sound
card's buffer gives the same burst after a hiccup). If it falls more than
``max_behind`` ticks behind (the machine was suspended, or a debugger stopped
the process) the missed ticks are skipped and counted rather than replayed
in a burst that would flood the engine.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Pacer:
    """Calls ``tick()`` every ``period_s`` seconds on its own thread."""

    def __init__(
        self, period_s: float, tick: Callable[[], None], *, name: str, max_behind: int = 5
    ) -> None:
        if period_s <= 0:
            raise ValueError(f"period_s must be positive, not {period_s}")
        if max_behind < 1:
            raise ValueError(f"max_behind must be at least 1, not {max_behind}")
        self.period_s = period_s
        self.name = name
        self.max_behind = max_behind
        self._tick = tick
        self.ticks = 0
        self.late_ticks = 0
        """Ticks that ran more than half a period after their deadline."""
        self.skipped_ticks = 0
        """Ticks dropped because the pacer fell more than ``max_behind`` ticks behind."""
        self.error: BaseException | None = None
        """What ``tick()`` raised; the pacer stops ticking then."""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.name} is already started")
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop ticking; returns once the last tick has finished."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        period = self.period_s
        start = time.monotonic()
        due = 0  # the index of the next tick
        while True:
            delay = start + due * period - time.monotonic()
            if self._stop.wait(delay) if delay > 0 else self._stop.is_set():
                return
            late = time.monotonic() - (start + due * period)
            if late > self.max_behind * period:
                missed = int(late / period)
                self.skipped_ticks += missed
                due += missed
            elif late > period / 2:
                self.late_ticks += 1
            try:
                self._tick()
            except Exception as err:  # reported through .error; the port says so
                self.error = err
                return
            self.ticks += 1
            due += 1

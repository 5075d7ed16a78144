"""Where a port's clock ticks, learned by watching its rings.

The port never calls into the engine (audio/port.py), so the engine cannot be
woken by the sound card. What it can do is look at a ring and count how many
callbacks ("ticks") the port has made so far: for the capture ring, blocks
taken + blocks waiting + overruns; for the playback ring, blocks given -
blocks waiting + underruns. Tick ``k`` happens at ``anchor + k * period`` on the
monotonic clock; :class:`PortClock` estimates the anchor, so the engine can

* sleep until a capture block is due instead of polling every millisecond
  (each wake-up of an asyncio loop costs about 25 us of CPU: polling at 1 kHz
  alone would take 2.5 % of a core), and
* make each playback block *just in time*: a block made right before the
  port takes it carries the freshest network audio, where a block made right
  after the previous one was taken would wait a whole block period in the
  ring (10 ms more mouth-to-ear delay).

The estimate. Seeing ``ticks`` at time ``now`` proves that tick ``ticks - 1``
happened by then: ``anchor <= now - (ticks - 1) * period``. The smallest such
bound over the last ``window_s`` seconds is the estimate. A look right after a
tick gives a tight bound and late looks do not matter; a port whose callbacks
jitter is predicted at its earliest, the safe side for a playback deadline;
and because old bounds expire, the estimate follows clock drift and a port
that stalled and resumed. A port that takes blocks in bursts is predicted at
the first block of each burst: early, hence safe, at the cost of latency.
"""

from __future__ import annotations

from collections import deque


class PortClock:
    """Tick times of one port clock with period ``period_s``, from observed tick counts."""

    def __init__(self, period_s: float, *, window_s: float = 2.0) -> None:
        if period_s <= 0 or window_s <= 0:
            raise ValueError("period_s and window_s must be positive")
        self.period_s = period_s
        self.window_s = window_s
        self._bounds: deque[tuple[float, float]] = deque()
        """(time observed, upper bound on the anchor), bounds increasing: a sliding minimum."""

    def observe(self, now: float, ticks: int) -> None:
        """The port has made ``ticks`` callbacks by ``now``."""
        if ticks <= 0:
            return
        bound = now - (ticks - 1) * self.period_s
        bounds = self._bounds
        while bounds and bounds[-1][1] >= bound:
            bounds.pop()
        bounds.append((now, bound))
        while bounds[0][0] < now - self.window_s:
            bounds.popleft()

    @property
    def known(self) -> bool:
        return bool(self._bounds)

    def tick_time(self, k: int) -> float | None:
        """When tick ``k`` (counted from 0) happens, or None before any observation."""
        if not self._bounds:
            return None
        return self._bounds[0][1] + k * self.period_s

    def reset(self) -> None:
        self._bounds.clear()

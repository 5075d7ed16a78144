"""Where a port's clock ticks, learned by watching its rings.

The port never calls into the engine (:mod:`audio.port`), so the engine
learns the sound card's clock by counting the callbacks ("ticks") the port
has made so far: for the capture ring, blocks taken + blocks waiting +
overruns; for the playback ring, blocks given - blocks waiting + underruns.
Pass each count with the time to :meth:`PortClock.observe`, and the port's own
time of its newest tick (:attr:`~audio.ring.BlockRing.taken` of the playback
ring, :attr:`~audio.ring.BlockRing.given` of the capture ring);
:meth:`PortClock.tick_time` then predicts when tick ``k`` happens (``None``
until :attr:`PortClock.known`), so the engine can sleep until a capture block
is due and make each playback block just in time; :meth:`PortClock.reset`
forgets what was learned. How the estimate works and why it errs early:
docs/architecture.md, "Design notes".
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

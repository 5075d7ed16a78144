"""The least value seen over a sliding window of time, in O(1) amortised per value.

Used where a clock or a path is learned from its earliest observation of the last few
seconds (:mod:`audio.clock`, :mod:`audio.jitter`): :meth:`SlidingMin.push` a value with
its time, read :attr:`SlidingMin.value`. Sans-I/O: time is passed in, and only has to
grow.
"""

from __future__ import annotations

from collections import deque


class SlidingMin:
    """The least value pushed in the last ``window_s`` (by the times given with them)."""

    def __init__(self, window_s: float) -> None:
        if window_s <= 0:
            raise ValueError("window_s must be positive")
        self.window_s = window_s
        self._kept: deque[tuple[float, float]] = deque()
        """(time, value), values increasing: each may still become the least."""

    def push(self, at: float, value: float) -> None:
        """``value`` seen at ``at``; what is older than ``at - window_s`` is forgotten."""
        kept = self._kept
        while kept and kept[-1][1] >= value:
            kept.pop()
        kept.append((at, value))
        while kept[0][0] < at - self.window_s:
            kept.popleft()

    @property
    def value(self) -> float:
        """The least value in the window; only when there is one (``bool(self)``)."""
        return self._kept[0][1]

    def __bool__(self) -> bool:
        return bool(self._kept)

    def clear(self) -> None:
        self._kept.clear()

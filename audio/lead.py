"""How long before the port takes it the engine makes each playback block: the lead.

The engine plans to make block ``k`` at ``tick k - lead`` and tells
:meth:`PlaybackLead.made` how late after that plan it was pushed into the
ring: the wake-up came late (another thread held the interpreter, the
machine was busy) or the work before the push took long. The port takes the
block at its tick, so a block pushed later than the lead is an underrun.
The lead is the worst of those latenesses over the last :data:`HOLD_S`, plus
:data:`MARGIN_S`, between ``min_s`` and ``max_s``: it rises at once to cover
a new worst, and comes down by at most :data:`FALL_PER_S` once the worst
has left the window. A lateness of ``max_s`` or more (the process stalled)
is left out: no lead could cover it, so counting it would only add delay
for the next 30 s. An underrun the lateness does not explain (the port's
clock moved) counts as a block :data:`UNDERRUN_STEP_S` later than the lead.
Sans-I/O: time is passed in. Figures: bench/README.md, "glitches".
"""

from __future__ import annotations

from collections import deque
from typing import Final

MARGIN_S: Final = 0.001
"""Above the worst lateness seen: what the next wake-up may add to it unseen."""
HOLD_S: Final = 30.0
"""How long a lateness keeps the lead up."""
BUCKET_S: Final = 1.0
"""Latenesses are kept as each second's worst."""
FALL_PER_S: Final = 0.0001
"""At most 1 ms down every 10 s: a lateness that comes back finds the lead still there."""
UNDERRUN_STEP_S: Final = 0.001


class PlaybackLead:
    """The playback lead from this machine's measured lateness. Read :attr:`lead_s`."""

    def __init__(self, start_s: float, min_s: float, max_s: float) -> None:
        if not 0 < min_s <= start_s <= max_s:
            raise ValueError(f"need 0 < min_s <= start_s <= max_s, not {min_s}, {start_s}, {max_s}")
        self.min_s = min_s
        self.max_s = max_s
        self.lead_s = start_s
        self._worst: deque[tuple[float, float]] = deque()
        """(second it began, worst lateness in it), oldest first."""
        self._updated: float | None = None

    def made(self, now: float, late_s: float) -> None:
        """A block was pushed ``late_s`` after it was planned (its tick minus the lead)."""
        if late_s >= self.max_s:
            return
        worst = self._worst
        if worst and now < worst[-1][0] + BUCKET_S:
            if late_s > worst[-1][1]:
                worst[-1] = (worst[-1][0], late_s)
        else:
            worst.append((now, late_s))
        while worst[0][0] < now - HOLD_S:
            worst.popleft()
        target = min(self.max_s, max(self.min_s, max(w for _, w in worst) + MARGIN_S))
        if target >= self.lead_s:
            self.lead_s = target
        elif self._updated is not None:
            self.lead_s = max(target, self.lead_s - FALL_PER_S * (now - self._updated))
        self._updated = now

    def underrun(self, now: float) -> None:
        """The port found no block while playing."""
        self.made(now, min(self.lead_s + UNDERRUN_STEP_S, self.max_s - MARGIN_S))

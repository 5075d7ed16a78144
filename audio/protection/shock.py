"""Acoustic shock: a sudden jump to a loud level, pulled down within the quarter block it starts."""

from __future__ import annotations

import math
from typing import Final

from audio.format import SAMPLE_RATE
from audio.protection.calibration import SplScale
from audio.protection.events import EventKind, EventRing
from audio.protection.settings import ProtectionSettings, whole_blocks
from audio.protection.sustained import SHORT_TERM_S

SUB_BLOCKS: Final = 4
"""Shock detection resolution: a quarter block (2.5 ms at 480 frames)."""


class ShockDetector:
    """Feed :meth:`update` every block's input and :meth:`heard` its output.

    A quarter block is a shock when its level lands at ``shock_min_spl`` or
    more, ``shock_jump_db`` above the loudest quarter of the previous
    ``shock_window_s`` and ``shock_above_context_db`` above what the listener
    has been hearing (:attr:`context_spl`). From that quarter on, the block's
    gain must stay under :attr:`gains` (one per quarter), enough to bring it
    to ``shock_target_spl``; the reduction holds ``shock_hold_s``, then
    releases at ``shock_release_db_per_s``. Emits :attr:`~EventKind.SHOCK`.
    """

    __slots__ = (
        "_above_context",
        "_context_decay",
        "_events",
        "_heard",
        "_heard_len",
        "_heard_pos",
        "_hold",
        "_hold_left",
        "_jump",
        "_min_spl",
        "_pos",
        "_ref",
        "_ref_len",
        "_release",
        "_scale",
        "_target",
        "context_spl",
        "gains",
        "reduction_db",
    )

    def __init__(
        self, settings: ProtectionSettings, block_frames: int, scale: SplScale, events: EventRing
    ) -> None:
        s = settings
        sub_s = block_frames // SUB_BLOCKS / SAMPLE_RATE
        self._min_spl = s.shock_min_spl
        self._jump = s.shock_jump_db
        self._above_context = s.shock_above_context_db
        self._target = s.shock_target_spl
        self._ref_len = max(1, round(s.shock_window_s / sub_s))
        self._hold = max(1, round(s.shock_hold_s / sub_s))
        self._release = s.shock_release_db_per_s * sub_s
        self._context_decay = s.shock_context_decay_db_per_s * (block_frames / SAMPLE_RATE)
        self._heard_len = whole_blocks(SHORT_TERM_S, block_frames)
        self._scale = scale
        self._events = events
        self.reset()

    def reset(self) -> None:
        """Forget the signal history."""
        self._ref = [-math.inf] * self._ref_len
        self._pos = 0
        self.reduction_db = 0.0
        """Reduction asked for at the end of the last quarter, dB."""
        self._hold_left = 0
        self.gains = [1.0] * SUB_BLOCKS
        """Gain cap for each quarter of the last block (1.0: none)."""
        self.context_spl = -math.inf
        """What the listener has been hearing: loudest short-term output level, decaying."""
        self._heard = [0.0] * self._heard_len
        self._heard_pos = 0

    def update(self, sub_ms: list[float]) -> bool:
        """One block's input: the mean square of each quarter (loudest channel).

        Returns whether any quarter needs a reduction (then read :attr:`gains`).
        The jump is measured from the loudest quarter of the previous window: a
        click train is caught click after click, a ramp (feedback growing a
        dB or two per block) never is.
        """
        acts = False
        level = self._scale.level
        levels = [level(ms) for ms in sub_ms]
        for i in range(SUB_BLOCKS):
            level_i = levels[i]
            reference = max(self._ref)
            if (
                level_i >= self._min_spl
                and level_i - reference >= self._jump
                and level_i - self.context_spl >= self._above_context
            ):
                if self.reduction_db == 0.0 or self._hold_left == 0:
                    self._events.emit(EventKind.SHOCK, level_i)
                # A burst that starts late in a quarter shows only part of its level
                # there; the rest of the block is already known, so size the cut on it.
                loudest = max(levels[i:])
                self.reduction_db = max(self.reduction_db, loudest - self._target)
                self._hold_left = self._hold
            elif self.reduction_db > 0.0:
                if self._hold_left > 0:
                    self._hold_left -= 1
                    # still held: follow a burst that keeps getting louder
                    self.reduction_db = max(self.reduction_db, level_i - self._target)
                else:
                    self.reduction_db = max(0.0, self.reduction_db - self._release)
            self._ref[self._pos] = level_i
            self._pos = (self._pos + 1) % self._ref_len
            if self.reduction_db > 0.0:
                self.gains[i] = math.pow(10.0, -self.reduction_db / 20.0)
                acts = True
            else:
                self.gains[i] = 1.0
        return acts

    def heard(self, out_ms: float) -> None:
        """One block's output mean square (loudest channel): moves :attr:`context_spl`."""
        self._heard[self._heard_pos] = out_ms
        self._heard_pos = (self._heard_pos + 1) % self._heard_len
        out_level = self._scale.level(sum(self._heard) / self._heard_len)
        self.context_spl = max(out_level, self.context_spl - self._context_decay)

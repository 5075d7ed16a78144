"""The sustained limit: a level that stays above the limit is brought just under it."""

from __future__ import annotations

import math
from typing import Final

from audio.format import SAMPLE_RATE
from audio.protection.calibration import SplScale
from audio.protection.events import EventKind, EventRing
from audio.protection.settings import ProtectionSettings, whole_blocks

SHORT_TERM_S: Final = 0.1
"""The short-term level this limit acts on (and :attr:`SustainedLimit.level_spl`): 100 ms."""


class SustainedLimit:
    """Feed :meth:`update` every block's input; read :attr:`reduction_db` for the block's gain.

    Engages once the block level has stayed above ``sustained_limit_spl`` for
    ``sustained_after_s`` (a brief dip does not restart the count), then asks
    for enough reduction to bring the short-term level ``sustained_margin_db``
    under the limit; holds ``sustained_hold_s`` after the need passes, then
    releases at ``sustained_release_db_per_s``. Emits
    :attr:`~EventKind.SUSTAINED_START` and :attr:`~EventKind.SUSTAINED_END`.
    """

    __slots__ = (
        "_after",
        "_count",
        "_events",
        "_hold",
        "_hold_left",
        "_limit",
        "_margin",
        "_pos",
        "_release",
        "_ring",
        "_ring_len",
        "_scale",
        "active",
        "level_spl",
        "reduction_db",
    )

    def __init__(
        self, settings: ProtectionSettings, block_frames: int, scale: SplScale, events: EventRing
    ) -> None:
        s = settings
        self._limit = s.sustained_limit_spl
        self._margin = s.sustained_margin_db
        self._after = whole_blocks(s.sustained_after_s, block_frames)
        self._hold = whole_blocks(s.sustained_hold_s, block_frames)
        self._release = s.sustained_release_db_per_s * (block_frames / SAMPLE_RATE)
        self._ring_len = whole_blocks(SHORT_TERM_S, block_frames)
        self._scale = scale
        self._events = events
        self.reset()

    def reset(self) -> None:
        """Forget the signal history."""
        self._ring = [0.0] * self._ring_len
        self._pos = 0
        self.level_spl = -math.inf
        """Short-term (100 ms) input level, dB SPL."""
        self._count = 0
        self.active = False
        """Engaged: between SUSTAINED_START and SUSTAINED_END."""
        self.reduction_db = 0.0
        """Reduction this limit asks of the block's gain, dB."""
        self._hold_left = 0

    def update(self, block_ms: float, block_level: float) -> None:
        """One block: its mean square (loudest channel) and that as a level in dB SPL."""
        self._ring[self._pos] = block_ms
        self._pos = (self._pos + 1) % self._ring_len
        self.level_spl = self._scale.level(sum(self._ring) / self._ring_len)
        # Up/down count of loud blocks: a brief dip (a syllable gap) does not restart it.
        if block_level > self._limit:
            self._count = min(self._count + 1, self._after)
        elif self._count > 0:
            self._count -= 1
        if not self.active and self._count >= self._after:
            self.active = True
            self._events.emit(EventKind.SUSTAINED_START, self.level_spl)
        need = 0.0
        if self.active:
            need = max(0.0, self.level_spl - self._limit + self._margin)
        if need >= self.reduction_db:
            self.reduction_db = need
            self._hold_left = self._hold
        elif self._hold_left > 0:
            self._hold_left -= 1
        else:
            self.reduction_db = max(need, self.reduction_db - self._release)
        if self.active and self._count == 0 and self.reduction_db == 0.0:
            self.active = False
            self._events.emit(EventKind.SUSTAINED_END, self.level_spl)

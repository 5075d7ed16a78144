"""The volume law (control position to gain) and a click-free gain stage.

:func:`position_to_db` maps a control position in [0, 1] to a gain:
0.7 is nominal (0 dB), 1.0 is the reserve (+12 dB), linear in dB from 0.1
(-24 dB) up, linear in amplitude from 0.1 down to silence at 0. It is
continuous and strictly increasing; :func:`db_to_position` is its inverse,
for restoring a saved gain to a knob.

:class:`Gain` applies a gain to blocks, ramping linearly within one 10 ms
block from the previous block's gain to the one last set
(:meth:`Gain.set_gain`, :meth:`Gain.set_db`, :meth:`Gain.set_position`), so a
change makes no click and no zipper. Why this law: docs/architecture.md,
"Design notes".
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK

NOMINAL_POSITION: Final = 0.7
RESERVE_DB: Final = 12.0
DB_PER_TRAVEL: Final = RESERVE_DB / (1.0 - NOMINAL_POSITION)
"""40 dB over the full travel."""
FADE_POSITION: Final = 0.1
FADE_DB: Final = DB_PER_TRAVEL * (FADE_POSITION - NOMINAL_POSITION)
"""-24 dB: the gain where the dB-linear part meets the fade to silence."""


def position_to_db(position: float) -> float:
    """Gain in dB for a control position in [0, 1] (clamped); -inf at 0."""
    p = min(max(position, 0.0), 1.0)
    if p >= FADE_POSITION:
        return DB_PER_TRAVEL * (p - NOMINAL_POSITION)
    if p <= 0.0:
        return -math.inf
    return FADE_DB + 20.0 * math.log10(p / FADE_POSITION)


def position_to_gain(position: float) -> float:
    """Linear gain for a control position in [0, 1] (clamped); 0.0 at 0."""
    db = position_to_db(position)
    return 0.0 if db == -math.inf else float(10.0 ** (db / 20.0))


def db_to_position(gain_db: float) -> float:
    """The control position giving ``gain_db`` (clamped to the law's range, -inf -> 0)."""
    if gain_db >= FADE_DB:
        return min(NOMINAL_POSITION + gain_db / DB_PER_TRAVEL, 1.0)
    if gain_db == -math.inf:
        return 0.0
    return float(FADE_POSITION * 10.0 ** ((gain_db - FADE_DB) / 20.0))


def block_ramp(block: int = BLOCK) -> npt.NDArray[np.float32]:
    """``(n + 1) / block`` for n in 0..block-1: 0 before the block, exactly 1 at its last sample."""
    return (np.arange(1, block + 1, dtype=np.float64) / block).astype(np.float32)


class Gain:
    """Multiply blocks by a gain that may change at any time, without clicks.

    :meth:`set_gain` / :meth:`set_position` may be called from any thread;
    :meth:`process` (audio thread) ramps from the gain it applied last to the
    newest request over the next block.
    """

    def __init__(self, channels: int = 1, *, block: int = BLOCK, gain: float = 1.0) -> None:
        self.channels: Final = channels
        self.block: Final = block
        ramp = block_ramp(block)
        # full (block, channels) shape: broadcasting a (block, 1) column allocates in numpy
        self._ramp: Final = ramp if channels == 1 else np.repeat(ramp[:, None], channels, axis=1)
        self._gains: Final = np.zeros_like(self._ramp)
        self._target = float(gain)
        self._current = float(gain)

    @property
    def gain(self) -> float:
        """The requested gain (reached at the end of the next block)."""
        return self._target

    def set_gain(self, gain: float) -> None:
        """Request a linear gain (>= 0)."""
        if not gain >= 0.0:
            raise ValueError("gain must be >= 0")
        self._target = float(gain)

    def set_db(self, gain_db: float) -> None:
        """Request a gain in dB (-inf for silence)."""
        self.set_gain(0.0 if gain_db == -math.inf else 10.0 ** (gain_db / 20.0))

    def set_position(self, position: float) -> None:
        """Request the gain of a control position, per :func:`position_to_gain`."""
        self.set_gain(position_to_gain(position))

    def process(self, x: npt.NDArray[np.floating], out: npt.NDArray[np.float32]) -> None:
        """Apply the gain to one block into ``out`` (may be ``x``). Audio thread; no allocation."""
        target = self._target  # read once
        start = self._current
        if target == start:
            if target == 1.0:
                if out is not x:
                    np.copyto(out, x)
            else:
                np.multiply(x, target, out=out)
            return
        np.multiply(self._ramp, target - start, out=self._gains)
        np.add(self._gains, start, out=self._gains)
        np.multiply(x, self._gains, out=out)
        self._current = target

"""Loudness per ITU-R BS.1770-4 / EBU R 128: momentary, short-term and gated.

:class:`LoudnessMeter` measures K-weighted loudness in LUFS at 48 kHz:
momentary (last 400 ms) and short-term (last 3 s), both updated every
100 ms, and gated loudness (the basis of "integrated") over a chosen span.

Threads: :meth:`LoudnessMeter.process` is for the audio thread, one block at
a time, and allocates no buffers. The ``*_lufs`` readings are plain floats,
safe to read anywhere. :meth:`LoudnessMeter.gated_lufs` copies the ring and
does numpy work: call it from the UI thread (a block of tearing between the
copy and the audio thread is harmless for a 10 s statistic). Why loudness,
and how the standard is implemented: docs/architecture.md, "Design notes".
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.biquad import Biquad
from audio.blockfilter import BlockFilter
from audio.format import BLOCK, SAMPLE_RATE

K_WEIGHTING: Final = (
    Biquad(
        1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585
    ),
    Biquad(1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621),
)
"""BS.1770-4 Tables 1 and 2: the pre-filter (shelf) and the RLB high-pass, at 48 kHz."""
LUFS_OFFSET: Final = -0.691
ABSOLUTE_GATE_LUFS: Final = -70.0
RELATIVE_GATE_LU: Final = -10.0
SILENCE_LUFS: Final = -150.0
"""What a window of digital silence reads (instead of -inf)."""
SLOT_S: Final = 0.1
MOMENTARY_SLOTS: Final = 4
SHORT_TERM_SLOTS: Final = 30

_MS_FLOOR: Final = 10.0 ** ((SILENCE_LUFS - LUFS_OFFSET) / 10.0)


def lufs(mean_square: float) -> float:
    """Loudness of a channel-summed K-weighted mean square (floored at :data:`SILENCE_LUFS`)."""
    return LUFS_OFFSET + 10.0 * math.log10(max(mean_square, _MS_FLOOR))


def gating_blocks(slot_mean_squares: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Mean squares of the 400 ms gating blocks (75 % overlap) over consecutive 100 ms slots."""
    slots = np.asarray(slot_mean_squares, dtype=np.float64)
    if slots.size < MOMENTARY_SLOTS:
        return np.zeros(0)
    kernel = np.full(MOMENTARY_SLOTS, 1.0 / MOMENTARY_SLOTS)
    return np.asarray(np.convolve(slots, kernel, mode="valid"), dtype=np.float64)


def gate(block_mean_squares: npt.NDArray[np.float64]) -> float | None:
    """BS.1770 absolute (-70 LUFS) then relative (-10 LU) gating of 400 ms blocks.

    None when no block passes the absolute gate (silence or near-silence).
    """
    absolute = 10.0 ** ((ABSOLUTE_GATE_LUFS - LUFS_OFFSET) / 10.0)
    kept = block_mean_squares[block_mean_squares > absolute]
    if kept.size == 0:
        return None
    relative = float(np.mean(kept)) * 10.0 ** (RELATIVE_GATE_LU / 10.0)
    kept = kept[kept > relative]
    return lufs(float(np.mean(kept)))


def gated_loudness(slot_mean_squares: npt.ArrayLike) -> float | None:
    """BS.1770 gated loudness of consecutive 100 ms slots (oldest first), or None.

    Allocates; not for the audio thread.
    """
    return gate(gating_blocks(slot_mean_squares))


class LoudnessMeter:
    """Momentary, short-term and gated loudness of a mono or multi-channel stream.

    Blocks are ``(block,)`` for one channel and ``(block, channels)`` for more;
    48 kHz only (the K-weighting coefficients are the standard's 48 kHz ones).
    """

    def __init__(
        self,
        channels: int = 1,
        *,
        block: int = BLOCK,
        rate: int = SAMPLE_RATE,
        history_s: float = 10.0,
    ) -> None:
        if rate != SAMPLE_RATE:
            raise ValueError("BS.1770 K-weighting coefficients are given for 48 kHz only")
        slot_samples = round(SLOT_S * rate)
        if slot_samples % block:
            raise ValueError(f"block {block} must divide the 100 ms slot ({slot_samples})")
        self.channels: Final = channels
        self.block: Final = block
        self._weighting: Final = BlockFilter(K_WEIGHTING, block=block, channels=channels)
        self._weighted: Final = self._weighting.output_samples
        self._blocks_per_slot: Final = slot_samples // block
        self._inv_slot_samples: Final = 1.0 / slot_samples
        self._ring_len: Final = max(SHORT_TERM_SLOTS, round(history_s / SLOT_S))
        self._ring = [0.0] * self._ring_len
        self._pos = 0
        self._filled = 0
        self._acc = 0.0
        self._blocks = 0
        self._momentary_sum = 0.0
        self._short_sum = 0.0
        self._momentary = SILENCE_LUFS
        self._short_term = SILENCE_LUFS

    @property
    def history_s(self) -> float:
        """How far back :meth:`gated_lufs` can look."""
        return self._ring_len * SLOT_S

    @property
    def momentary_lufs(self) -> float:
        """Loudness of the last 400 ms (updated every 100 ms)."""
        return self._momentary

    @property
    def short_term_lufs(self) -> float:
        """Loudness of the last 3 s (updated every 100 ms)."""
        return self._short_term

    @property
    def weighted(self) -> npt.NDArray[np.float32]:
        """The last block after K-weighting, flat and channel after channel (a view)."""
        return self._weighted

    def process(self, x: npt.NDArray[np.floating]) -> None:
        """Measure one block. Audio thread; allocates no buffers."""
        self._weighting.process(x)
        self._acc += float(np.dot(self._weighted, self._weighted))
        self._blocks += 1
        if self._blocks == self._blocks_per_slot:
            self._close_slot()

    def _close_slot(self) -> None:
        value = self._acc * self._inv_slot_samples
        self._acc = 0.0
        self._blocks = 0
        ring, n, pos = self._ring, self._ring_len, self._pos
        if self._filled >= MOMENTARY_SLOTS:
            self._momentary_sum -= ring[(pos - MOMENTARY_SLOTS) % n]
        if self._filled >= SHORT_TERM_SLOTS:
            self._short_sum -= ring[(pos - SHORT_TERM_SLOTS) % n]
        ring[pos] = value
        self._momentary_sum += value
        self._short_sum += value
        self._pos = pos = (pos + 1) % n
        self._filled = min(self._filled + 1, n)
        if pos == 0:  # once per turn of the ring: re-sum exactly, so rounding cannot drift
            self._momentary_sum = self._sum_last(MOMENTARY_SLOTS)
            self._short_sum = self._sum_last(SHORT_TERM_SLOTS)
        self._momentary = lufs(self._momentary_sum / min(self._filled, MOMENTARY_SLOTS))
        self._short_term = lufs(self._short_sum / min(self._filled, SHORT_TERM_SLOTS))

    def _sum_last(self, count: int) -> float:
        total = 0.0
        for k in range(1, min(count, self._filled) + 1):
            total += self._ring[(self._pos - k) % self._ring_len]
        return total

    def slot_history(self, seconds: float | None = None) -> npt.NDArray[np.float64]:
        """Mean squares of the last ``seconds`` (default: all kept) 100 ms slots, oldest first.

        Allocates: UI thread.
        """
        count = self._filled if seconds is None else min(self._filled, round(seconds / SLOT_S))
        ring = np.array(self._ring, dtype=np.float64)
        idx = (self._pos - count + np.arange(count)) % self._ring_len
        return ring[idx]

    def gated_lufs(self, seconds: float | None = None) -> float | None:
        """BS.1770 gated loudness of the last ``seconds`` (default: the whole history)."""
        return gated_loudness(self.slot_history(seconds))

    def reset(self) -> None:
        """Forget everything (a new floor, a new channel). Not while :meth:`process` runs."""
        self._weighting.reset()
        self._ring = [0.0] * self._ring_len
        self._pos = self._filled = self._blocks = 0
        self._acc = self._momentary_sum = self._short_sum = 0.0
        self._momentary = self._short_term = SILENCE_LUFS

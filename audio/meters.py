"""Level meters for the console, and the RFC 6464 level of outgoing packets.

:class:`LevelMeter` reads three scales, because "dBFS" is ambiguous for RMS:
**peak** is ``20 log10(max |x|)``; **RMS** follows AES17,
``10 log10(2 * mean square)``, so a full-scale sine reads 0 dBFS on both and
two bars can share one scale; the **RFC 6464** level
(:meth:`LevelMeter.take_rfc6464_level`) is ``-10 log10(mean square)`` in
-dBov (a full-scale sine is 3; digital silence 127, a quiet signal that
rounds to 127 is sent as 126). The readings have peak, hold, RMS and over
ballistics (see docs/architecture.md, "Design notes"). A block with NaN or
infinity reads as a full-scale block and is counted in
:attr:`LevelMeter.invalid_blocks`; every reading is a finite number.

Threads: :meth:`LevelMeter.process` runs on the audio thread and allocates no
buffers; the readings are plain Python floats that the UI thread may read at
any time (each is replaced whole, so a reader never sees a torn value).
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK, SAMPLE_RATE

METER_FLOOR_DBFS: Final = -120.0
"""Readings never go below this (silence reads as the floor, not -inf)."""
PEAK_FALL_DB_PER_S: Final = 20.0 / 1.7
"""IEC 60268-18 return time: 20 dB in 1.7 s."""
RFC6464_SILENCE: Final = 127
RFC6464_QUIET: Final = 126

_FLOOR_MS: Final = 10.0 ** (METER_FLOOR_DBFS / 10.0)
_FLOOR_AMPLITUDE: Final = 10.0 ** (METER_FLOOR_DBFS / 20.0)
_MAX: Final = np.maximum.reduce
_MIN: Final = np.minimum.reduce
"""The ufuncs' own reductions: ``np.max`` adds a Python wrapper's cost to every call."""


def amplitude_to_dbfs(amplitude: float) -> float:
    """Peak scale: ``20 log10(|amplitude|)``, floored at :data:`METER_FLOOR_DBFS` (NaN too)."""
    magnitude = abs(amplitude)
    return 20.0 * math.log10(magnitude) if magnitude > _FLOOR_AMPLITUDE else METER_FLOOR_DBFS


def mean_square_to_dbfs(mean_square: float) -> float:
    """AES17 RMS scale (a full-scale sine reads 0 dBFS), floored at :data:`METER_FLOOR_DBFS`
    (NaN too)."""
    power = 2.0 * mean_square
    return 10.0 * math.log10(power) if power > _FLOOR_MS else METER_FLOOR_DBFS


def rfc6464_level(mean_square: float, *, silent: bool = False) -> int:
    """The RFC 6464 level, 0..127 -dBov, of audio with this mean square (full scale = 1.0).

    ``silent`` says the audio was digital silence (every sample zero, e.g. a
    muted microphone): that is always 127. Otherwise the level is at most 126.
    """
    if silent or not mean_square > 0.0:  # NaN too: no level can be read from it
        return RFC6464_SILENCE
    if mean_square >= 1.0:  # full scale or more, infinity included
        return 0
    level = math.floor(-10.0 * math.log10(mean_square) + 0.5)
    return min(max(level, 0), RFC6464_QUIET)


class LevelMeter:
    """Peak, peak-hold, RMS and clip readings of a mono or multi-channel stream.

    Feed it every block with :meth:`process` (``(block,)`` for one channel,
    ``(block, channels)`` for more). Per-channel readings are tuples.

    It also accumulates the packet level for RFC 6464: call
    :meth:`take_rfc6464_level` once per outgoing packet (10 or 20 ms) to get
    the level of the blocks since the previous call, all channels together.
    """

    def __init__(
        self,
        channels: int = 1,
        *,
        block: int = BLOCK,
        rate: int = SAMPLE_RATE,
        fall_db_per_s: float = PEAK_FALL_DB_PER_S,
        hold_s: float = 2.0,
        rms_time_s: float = 0.3,
        over_dbfs: float = -0.1,
        over_hold_s: float = 2.0,
    ) -> None:
        if channels < 1:
            raise ValueError("channels must be >= 1")
        self.channels: Final = channels
        self.block: Final = block
        dt = block / rate
        # Ballistics run on linear amplitudes: a fall of F dB per block is a factor
        # 10^(-F/20), so the per-block path needs no logarithm; readings convert on demand.
        self._fall: Final = 10.0 ** (-fall_db_per_s * dt / 20.0)
        # ages are counted in whole blocks: summing 0.01 s floats would drift off the limits
        self._hold_blocks: Final = round(hold_s / dt)
        self._rms_k: Final = 1.0 - math.exp(-dt / rms_time_s)
        self._over_amplitude: Final = 10.0 ** (over_dbfs / 20.0)
        self._over_hold_blocks: Final = round(over_hold_s / dt)
        self._inv_block: Final = 1.0 / block

        # channel-major, so the reductions below run along contiguous memory
        # (reducing the interleaved (block, channels) layout along axis 0 is 4x slower);
        # one channel needs no copy: it is measured where it lies
        self._buf: Final = np.zeros((channels, block), dtype=np.float32)
        self._work: Final = np.zeros((channels, block), dtype=np.float32)
        self._buf_io: Final = self._buf.reshape(block) if channels == 1 else self._buf.T
        self._peak_now: Final = np.zeros(channels, dtype=np.float32)
        self._sum_sq: Final = np.zeros(channels, dtype=np.float32)

        floor = _FLOOR_AMPLITUDE
        self._block_peak = [floor] * channels
        self._block_ms = [0.0] * channels
        self._peak = [floor] * channels
        self._hold = [floor] * channels
        self._hold_age = [0] * channels
        self._ms_smooth = [0.0] * channels
        self._over_age = [self._over_hold_blocks + 1] * channels
        self._packet_sum = 0.0
        self._packet_samples = 0
        self._packet_nonzero = False
        self._full_scale_sum_sq: Final = 0.5 * block
        """A full-scale sine's block: what a block with NaN or infinity is measured as."""
        self.invalid_blocks = 0
        """Blocks that held NaN or infinity, each channel counted."""

    def process(self, x: npt.NDArray[np.floating]) -> None:
        """Measure one block. Audio thread; allocates no buffers."""
        if self.channels == 1 and x.dtype == np.float32 and x.flags.c_contiguous:
            x = x.reshape(self.block)
            top, bottom = float(_MAX(x)), float(_MIN(x))
            self._measured(0, max(top, -bottom), float(np.dot(x, x)))
            self._packet_samples += self.block
            return
        np.copyto(self._buf_io, x)
        np.abs(self._buf, out=self._work)
        _MAX(self._work, axis=1, out=self._peak_now)
        np.multiply(self._buf, self._buf, out=self._work)
        np.add.reduce(self._work, axis=1, out=self._sum_sq)
        for c in range(self.channels):
            self._measured(c, float(self._peak_now[c]), float(self._sum_sq[c]))
        self._packet_samples += self.block * self.channels

    def _measured(self, c: int, amplitude: float, sum_sq: float) -> None:
        """Ballistics of channel ``c`` after a block with this peak and sum of squares."""
        if not (math.isfinite(amplitude) and math.isfinite(sum_sq)):
            self.invalid_blocks += 1
            amplitude, sum_sq = 1.0, self._full_scale_sum_sq
        self._packet_sum += sum_sq
        if amplitude > 0.0:
            self._packet_nonzero = True
        mean_square = sum_sq * self._inv_block
        peak = amplitude if amplitude > _FLOOR_AMPLITUDE else _FLOOR_AMPLITUDE
        self._block_peak[c] = peak
        self._block_ms[c] = mean_square
        falling = self._peak[c] * self._fall
        self._peak[c] = shown = peak if peak > falling else falling
        if peak >= self._hold[c]:
            self._hold[c] = peak
            self._hold_age[c] = 0
        else:
            self._hold_age[c] += 1
            if self._hold_age[c] > self._hold_blocks:
                self._hold[c] = max(self._hold[c] * self._fall, shown)
        self._ms_smooth[c] += (mean_square - self._ms_smooth[c]) * self._rms_k
        if amplitude >= self._over_amplitude:
            self._over_age[c] = 0
        elif self._over_age[c] <= self._over_hold_blocks:
            self._over_age[c] += 1

    @property
    def block_peak_dbfs(self) -> tuple[float, ...]:
        """Peak of the last block, no ballistics."""
        return tuple(amplitude_to_dbfs(a) for a in self._block_peak)

    @property
    def block_rms_dbfs(self) -> tuple[float, ...]:
        """RMS (AES17) of the last block, no ballistics."""
        return tuple(mean_square_to_dbfs(ms) for ms in self._block_ms)

    @property
    def peak_dbfs(self) -> tuple[float, ...]:
        """The peak bar: instant rise, 20 dB per 1.7 s fall."""
        return tuple(amplitude_to_dbfs(a) for a in self._peak)

    @property
    def hold_dbfs(self) -> tuple[float, ...]:
        """The peak-hold marker."""
        return tuple(amplitude_to_dbfs(a) for a in self._hold)

    @property
    def rms_dbfs(self) -> tuple[float, ...]:
        """The RMS bar (AES17 scale), 300 ms integration."""
        return tuple(mean_square_to_dbfs(ms) for ms in self._ms_smooth)

    @property
    def over(self) -> tuple[bool, ...]:
        """Clip indicators: a sample reached ``over_dbfs`` within the last ``over_hold_s``."""
        return tuple(age <= self._over_hold_blocks for age in self._over_age)

    def take_rfc6464_level(self) -> int:
        """RFC 6464 level of the blocks since the previous call, then start a new packet.

        Call it from the thread that calls :meth:`process` (the packetiser
        usually runs right after metering the block it encodes).
        """
        if self._packet_samples == 0:
            return RFC6464_SILENCE
        level = rfc6464_level(
            self._packet_sum / self._packet_samples, silent=not self._packet_nonzero
        )
        self._packet_sum = 0.0
        self._packet_samples = 0
        self._packet_nonzero = False
        return level

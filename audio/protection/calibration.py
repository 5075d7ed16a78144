"""Headset calibration: from AES17 dBFS to dB SPL at the ear, with one offset.

``dB SPL = dBFS + spl_at_full_scale``. A full-scale sine (peak 1.0) is 0 dBFS,
so a signal's RMS level is ``20 log10(rms) + 3.01 dB`` and a sine's RMS level
equals its peak level. The offset holds only while the system volume stays
where it was during calibration.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import SAMPLE_RATE

AES17_SINE_DB: Final = 10.0 * math.log10(2.0)
"""3.01 dB: RMS level of a full-scale sine relative to a full-scale DC (AES17)."""

DEFAULT_SPL_AT_FULL_SCALE: Final = 110.0
"""Assumed dB SPL of a 0 dBFS sine until the headset is calibrated.

Deliberately at the loud end of ordinary headsets: an offset that is too high
makes every limit act early (safe), one that is too low lets sound through
(unsafe). Until calibrated, peaks above -10 dBFS meet the ceiling and a steady
level above -16 dBFS meets the sustained limit: keep volume headroom and ask
the user to calibrate.
"""

ASSUMED_COMFORTABLE_SPL: Final = 72.0
"""Level assumed for speech the user sets to "comfortable" (no meter): the headset check.

Comfortable listening to speech is around 70-75 dB SPL; 72 sits in it with
8 dB to the exposure warning (80 dB SPL over a minute), so an hour at the
chosen level never warns, while 15 dB louder warns within a minute. A sound
level meter reading is better.
"""

CALIBRATION_TONE_HZ: Final = 1000.0
"""Reference tone for a meter calibration: A-weighting is 0 dB at 1 kHz, so dBA = dB SPL."""

MIN_SPL_AT_FULL_SCALE: Final = 60.0
MAX_SPL_AT_FULL_SCALE: Final = 140.0

TINY_POWER: Final = 1e-30
"""Floor for mean squares before a logarithm (-300 dBFS: digital silence)."""


@dataclass(frozen=True, slots=True)
class Calibration:
    """Headset calibration: ``dB SPL = dBFS + spl_at_full_scale`` (AES17 dBFS).

    ``spl_at_full_scale`` is the SPL that a 0 dBFS sine produces at the ear with
    the system volume as it was when calibrating. The default is
    :data:`DEFAULT_SPL_AT_FULL_SCALE` (110 dB SPL, a loud headset: the safe side).
    """

    spl_at_full_scale: float = DEFAULT_SPL_AT_FULL_SCALE

    def __post_init__(self) -> None:
        value = self.spl_at_full_scale
        if not (math.isfinite(value) and MIN_SPL_AT_FULL_SCALE <= value <= MAX_SPL_AT_FULL_SCALE):
            raise ValueError(
                f"spl_at_full_scale must be {MIN_SPL_AT_FULL_SCALE:g}-"
                f"{MAX_SPL_AT_FULL_SCALE:g} dB SPL, not {value!r}"
            )

    @classmethod
    def from_meter_reading(cls, tone_dbfs: float, measured_spl: float) -> Calibration:
        """Calibrate from a sound level meter.

        Play :func:`calibration_tone` (1 kHz) at ``tone_dbfs`` through this
        output with the system volume where it will stay, read the SPL at the
        ear (an ear simulator or coupler is best; a meter at the earcup
        opening will do), and pass both here.
        """
        return cls(measured_spl - tone_dbfs)

    @classmethod
    def from_comfortable_level(
        cls, reference_dbfs: float, comfortable_spl: float = ASSUMED_COMFORTABLE_SPL
    ) -> Calibration:
        """Estimate the offset from a "set this to a comfortable level" step, without a meter.

        The user adjusts a speech-like reference until it is comfortable;
        ``reference_dbfs`` is the level (AES17 RMS dBFS) it then has at the
        protection's input. Its SPL is assumed to be ``comfortable_spl`` (72 dB
        SPL by default: :data:`ASSUMED_COMFORTABLE_SPL`). Someone who
        chooses a louder "comfortable" level gets limits that act late by the
        difference: prefer a meter when possible.
        """
        return cls(comfortable_spl - reference_dbfs)

    def spl(self, dbfs: float) -> float:
        """dB SPL of an AES17 dBFS level."""
        return dbfs + self.spl_at_full_scale

    def dbfs(self, spl: float) -> float:
        """AES17 dBFS level that produces ``spl``."""
        return spl - self.spl_at_full_scale

    def peak_amplitude(self, spl: float) -> float:
        """Sample magnitude of the peak of a sine at ``spl`` (the ceiling's unit)."""
        return math.pow(10.0, self.dbfs(spl) / 20.0)

    def mean_square(self, spl: float) -> float:
        """Mean square (per channel) of a signal whose level is ``spl``."""
        return math.pow(10.0, (self.dbfs(spl) - AES17_SINE_DB) / 10.0)

    def level_of_mean_square(self, mean_square: float) -> float:
        """dB SPL of a mean square (inverse of :meth:`mean_square`)."""
        return self.spl(10.0 * math.log10(max(mean_square, TINY_POWER)) + AES17_SINE_DB)


def calibration_tone(
    level_dbfs: float, frames: int, frequency_hz: float = CALIBRATION_TONE_HZ
) -> npt.NDArray[np.float32]:
    """A sine at ``level_dbfs`` (AES17: the peak is ``10**(level_dbfs/20)``) for calibration."""
    t = np.arange(frames, dtype=np.float64) / SAMPLE_RATE
    amplitude = math.pow(10.0, level_dbfs / 20.0)
    tone: npt.NDArray[np.float32] = (amplitude * np.sin(2.0 * np.pi * frequency_hz * t)).astype(
        np.float32
    )
    return tone


class SplScale:
    """The calibration in force, as the detectors read levels (audio thread only).

    The chain :meth:`set`\\ s it at the start of a block when the calibration
    changed; every detector holding it then reads levels in the new one.
    """

    __slots__ = (
        "_offset",
        "calibration",
    )

    def __init__(self, calibration: Calibration) -> None:
        self.calibration = calibration
        self._offset = 0.0
        self.set(calibration)

    def set(self, calibration: Calibration) -> None:
        """Read levels in ``calibration`` from now on."""
        self.calibration = calibration
        self._offset = calibration.spl_at_full_scale + AES17_SINE_DB

    def level(self, mean_square: float) -> float:
        """dB SPL of a per-channel mean square."""
        return 10.0 * math.log10(mean_square + TINY_POWER) + self._offset

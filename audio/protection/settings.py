"""The protection's thresholds (dB SPL through the :class:`~audio.protection.Calibration`) and
time constants."""

from __future__ import annotations

from dataclasses import dataclass, field

from audio.format import SAMPLE_RATE


@dataclass(frozen=True, slots=True)
class ExposurePolicy:
    """The exposure warning and the back-off after it.

    Warn when the Leq of the output over ``window_s`` passes ``warn_leq_spl``,
    then reduce the gain by ``backoff_db`` for ``backoff_s``. A further warning
    during a back-off deepens it by ``backoff_db`` (up to ``max_backoff_db``)
    and restarts the period. ``backoff_db=0`` keeps the warning and never
    changes the gain.
    """

    warn_leq_spl: float = 80.0
    window_s: int = 60
    """Leq window, whole seconds (the Leq is kept in 1-second bins)."""
    backoff_db: float = 6.0
    max_backoff_db: float = 12.0
    backoff_s: float = 1800.0
    ramp_db_per_s: float = 3.0
    """How fast the back-off fades in and out: 6 dB over 2 s is a volume change, not a jump."""
    rearm_hysteresis_db: float = 3.0
    """A new warning needs the Leq to have dropped this far below the warning level, or a
    whole window to have passed since the last warning."""

    def __post_init__(self) -> None:
        if self.window_s < 1:
            raise ValueError("window_s must be at least 1 second")
        if self.backoff_db < 0 or self.max_backoff_db < self.backoff_db:
            raise ValueError("need 0 <= backoff_db <= max_backoff_db")
        if self.backoff_s < 0 or self.ramp_db_per_s <= 0 or self.rearm_hysteresis_db < 0:
            raise ValueError("backoff_s, rearm_hysteresis_db >= 0 and ramp_db_per_s > 0")


@dataclass(frozen=True, slots=True)
class ProtectionSettings:
    """Thresholds (dB SPL) and time constants of every protection layer.

    The defaults are the reference desk's ceiling, sustained limit and
    exposure warning (100 / 94 / 80 dB SPL) and the shock and howl detectors'
    own numbers.
    """

    ceiling_spl: float = 100.0
    """Instant ceiling: peak SPL (AES17) that no output sample exceeds."""
    peak_release_db_per_s: float = 60.0
    """Recovery of the sample-exact gain (ceiling and shock): fast enough that a click
    costs 0.3 s of 20 dB, slow enough not to follow the waveform of a loud low tone."""

    sustained_limit_spl: float = 94.0
    sustained_after_s: float = 0.1
    """How long the level must stay above the limit before the limit engages."""
    sustained_margin_db: float = 0.5
    """The gain aims this far under the limit, so the level ends up under, not on it."""
    sustained_hold_s: float = 0.2
    """Reduction held this long after the need passes: bridges syllable gaps (no pumping)."""
    sustained_release_db_per_s: float = 40.0
    """After the hold: 16 dB (a full-scale howl at the default calibration) in 0.4 s."""

    shock_jump_db: float = 20.0
    """Rise of the 2.5 ms level above the loudest of the previous ``shock_window_s``."""
    shock_window_s: float = 0.01
    shock_min_spl: float = 85.0
    """A jump only counts when it lands this loud (2.5 ms RMS): below it a jump is just speech
    starting after a pause."""
    shock_above_context_db: float = 15.0
    """...and only when it also lands this far above what the listener has been hearing:
    the loudest 100 ms level of the *output*, decaying ``shock_context_decay_db_per_s``."""
    shock_context_decay_db_per_s: float = 5.0
    shock_target_spl: float = 80.0
    """A shock is pulled down to this level (5 dB under the gate, so a trigger always acts)."""
    shock_hold_s: float = 0.05
    shock_release_db_per_s: float = 40.0

    howl_min_spl: float = 80.0
    """Howl is only acted on at this block level and above: a quiet steady tone is no hazard."""
    howl_tonality: float = 0.9
    """Share of the band's energy inside the loudest peak's main lobe (+-2 bins) that makes
    a block tonal. Lower it and loud speech starts to pass for howl."""
    howl_persist_s: float = 0.1
    howl_fast_spl: float = 90.0
    howl_fast_persist_s: float = 0.05
    """At howl_fast_spl and above less evidence is needed: a loud pure tone is harmful sooner."""
    howl_target_spl: float = 70.0
    """A howl is pulled down to about listening level: audible (something is wrong), harmless."""
    howl_min_reduction_db: float = 20.0
    howl_end_s: float = 0.05
    """Non-tonal time after which the howl is over (the 40 ms window has cleared by then)."""
    howl_release_s: float = 0.5
    """Gain recovery after a howl, from any depth: linear in dB, no steps."""
    howl_band_hz: tuple[float, float] = (150.0, 16_000.0)

    exposure: ExposurePolicy = field(default_factory=ExposurePolicy)

    def __post_init__(self) -> None:
        positive = {
            "peak_release_db_per_s": self.peak_release_db_per_s,
            "sustained_release_db_per_s": self.sustained_release_db_per_s,
            "shock_jump_db": self.shock_jump_db,
            "shock_window_s": self.shock_window_s,
            "shock_release_db_per_s": self.shock_release_db_per_s,
            "howl_release_s": self.howl_release_s,
            "howl_persist_s": self.howl_persist_s,
            "howl_fast_persist_s": self.howl_fast_persist_s,
        }
        for name, value in positive.items():
            if not value > 0:
                raise ValueError(f"{name} must be > 0, not {value!r}")
        if not 0.0 < self.howl_tonality < 1.0:
            raise ValueError("howl_tonality must be between 0 and 1")
        lo, hi = self.howl_band_hz
        if not 0.0 <= lo < hi <= SAMPLE_RATE / 2:
            raise ValueError("howl_band_hz must be (low, high) within 0..24000 Hz")
        if self.sustained_margin_db < 0 or self.howl_min_reduction_db < 0:
            raise ValueError("margins and minimum reductions must be >= 0")


def whole_blocks(seconds: float, block_frames: int) -> int:
    """A duration in whole blocks, at least one."""
    return max(1, round(seconds * SAMPLE_RATE / block_frames))

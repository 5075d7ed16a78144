"""Hearing protection on everything the interpreter hears (acoustic shock, howl, exposure).

Why this exists: 47-67 % of interpreters in AIIC's 2019-20 study had acoustic
incidents, and level caps alone (around 85 dB) proved ineffective in
call-centre trials. This module sits **last** in every output chain, after the
interpreter's volume and tone controls and right before the sound device, so
that what it measures is what reaches the ear. It follows the layers of a
reference desk (Televic Lingua ID, ISO 20109) and adds the detectors that the
call-centre trials asked for:

1. **Instant ceiling** (default 100 dB SPL): no output sample ever exceeds it.
2. **Sustained limit** (default 94 dB SPL): when the level stays above it for
   more than 100 ms, the gain is pulled down until the level is under it.
3. **Shock and howl detectors**: a jump of >= 20 dB within 10 ms (2.5 ms
   levels) that lands at >= 85 dB SPL and >= 15 dB above what the listener
   has been hearing is an acoustic shock: it is pulled down to 80 dB SPL from
   the quarter block where it starts, decided within that block. A spectral
   line holding >= 90 % of the energy (40 ms window), at a steady frequency,
   at >= 80 dB SPL for 100 ms (50 ms from 90 dB SPL up) is feedback howl: it
   is pulled down to 70 dB SPL (at least 20 dB) for as long as it lasts.
4. **Exposure warning**: when the 1-minute Leq of the output passes 80 dB SPL,
   an event asks the GUI to beep (twice 100 ms, as the reference desk does) and
   the gain backs off by 6 dB for 30 minutes (:class:`ExposurePolicy`).

Recovery is smooth and bounded: after a howl the gain returns to unity over
0.5 s, linearly in dB (0.55-0.61 s after the howl stops, in the tests);
the sustained limit holds 0.2 s (syllable gaps: no pumping) then releases at
40 dB/s; a shock holds 50 ms then releases at 40 dB/s; the sample-exact stage
never rises faster than 60 dB/s (0.00125 dB per sample); the back-off fades
at 3 dB/s. Every gain change is ramped per sample: no step, no click. Speech at
listening level passes bit-exact (FIELD.md: no compression on the
interpreter's ear), only delayed by the 1 ms lookahead.

What it cannot tell apart, by design (the safe side): any loud steady pure
tone (a test tone, an alarm) is treated as howl; a talker whose first
syllable out of digital silence lands at >= 85 dB SPL within 2.5 ms is
treated as a shock (there is nothing yet to compare it with).

Levels and calibration
----------------------
Software cannot know the SPL at the ear: it depends on the headset and on the
system volume. :class:`Calibration` maps dBFS to dB SPL with one offset
(``SPL = dBFS + spl_at_full_scale``). dBFS follows AES17: a full-scale sine
(peak 1.0) is 0 dBFS, so the RMS level of any signal is ``20 log10(rms) +
3.01 dB`` and a sine's RMS level equals its peak level. "Peak SPL" below means
``20 log10(|sample|)`` on that scale: the instant ceiling of 100 dB SPL is the
peak of a sine whose level is 100 dB SPL. The calibration assumes the system
volume stays where it was during calibration.

Signal path and latency
-----------------------
Every threshold is judged on the *input* of this stage (what would be heard
without protection), except the exposure Leq and the shock detector's
context, which measure the *output* (what was heard). The output gain is::

    g = min(g_fast, g_slow)

* ``g_fast`` is sample-exact: per sample, the gain that keeps the peak under
  the ceiling, and per quarter block (2.5 ms), the shock reduction. It is
  computed with **1 ms of lookahead** (48 samples, the only latency this stage
  adds): a sliding minimum over the next 1 ms followed by a 1 ms moving
  average ramps the gain down *before* the loud sample arrives, so the gain
  stage, not a clipper, keeps the ceiling. It recovers at most 60 dB/s
  (exponential, computed in closed form with a cumulative minimum).
* ``g_slow`` is one value per block for the sustained limit, howl and exposure
  back-off, ramped linearly across the block (a 10 ms attack, no step).

A final sample-exact clamp at the ceiling is the last resort; its activations
are counted (:attr:`EventKind.SAFETY_CLAMP`) and the tests check that the gain
stage leaves it nothing to do.

Cost and allocation
-------------------
Every buffer and every view used per block is made in ``__init__``; the block
path calls numpy with ``out=`` and only creates small scalar objects (the
tests check with tracemalloc that 1000 blocks leave no trace and never hold a
block-sized array). The howl detector's FFT (1920 points, 40 ms, 25 Hz bins)
runs only on blocks loud enough to matter (>= ``howl_min_spl``): a quiet tone
is no hazard, and speech at listening level mostly stays under that gate.
Measured on the development machine (``test_cost_per_block``), per 10 ms
block: about 20 us mono / 30 us stereo for speech at 70 dB SPL, about
70-85 us with every layer and the FFT running (howl over 95 dB SPL speech);
the engine's whole budget is 1000 us.

Thread model: :meth:`HearingProtection.process` runs on the audio thread.
The GUI may call :meth:`~HearingProtection.set_calibration`,
:meth:`~HearingProtection.poll_events` and :meth:`~HearingProtection.metrics`
from another thread without locks: the calibration is handed over as one
reference assignment, events go through a single-producer single-consumer
ring whose write index is published after the entry, and metrics are plain
attributes (each read is atomic; a snapshot may mix adjacent blocks).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import IntEnum, IntFlag
from typing import Any, Final, NamedTuple

import numpy as np
import numpy.fft
import numpy.typing as npt

from audio.format import BLOCK, SAMPLE_RATE

LOOKAHEAD_FRAMES: Final = 48
"""1 ms: the delay this stage adds, so the gain can ramp down before a peak."""

SUB_BLOCKS: Final = 4
"""Shock detection resolution: a quarter block (2.5 ms at 480 frames)."""

HOWL_WINDOW_S: Final = 0.04
"""Howl analysis window: 40 ms (1920 points at 480-frame blocks: 4 blocks), 25 Hz bins.

At 25 Hz per bin, the Hann main lobe (+-2 bins, +-50 Hz) holds one harmonic of
even a 100 Hz voice, so a vowel cannot pass for a pure tone; 20 ms windows
(50 Hz bins) let two or three harmonics share the lobe and made espeak-ng
vowels look 97 % "tonal".
"""

AES17_SINE_DB: Final = 10.0 * math.log10(2.0)
"""3.01 dB: RMS level of a full-scale sine relative to a full-scale DC (AES17)."""

DEFAULT_SPL_AT_FULL_SCALE: Final = 110.0
"""Assumed dB SPL of a 0 dBFS sine until the headset is calibrated.

Why 110: an offset that is too high makes every limit act *earlier* (safe);
one that is too low lets sound through above the limits (unsafe). PC and USB
headsets at full system volume typically produce 95-110 dB SPL for a
full-scale sine, so 110 is at the loud end of ordinary equipment. Going up to
ITU-T P.360's 118 dBA (the most a telephone headset may ever deliver) would
judge a programme mixed around -20 dBFS to be near 100 dB SPL and duck
ordinary speech, which pushes users to switch protection off. The price of
110: until calibrated, peaks above -10 dBFS meet the ceiling and a steady
level above -16 dBFS meets the sustained limit, so the console should run
its volume with headroom (FIELD.md: about 30 % volume reserve) and ask for
calibration.
"""

ASSUMED_COMFORTABLE_SPL: Final = 75.0
"""Level assumed when the user sets a reference to "comfortable" (no meter).

Most comfortable listening levels for speech in quiet sit around 60-75 dB
SPL; taking the top of that range makes the derived offset err high, so
limits act early rather than late. A sound level meter reading is better.
"""

CALIBRATION_TONE_HZ: Final = 1000.0
"""Reference tone for a meter calibration: A-weighting is 0 dB at 1 kHz, so dBA = dB SPL."""

MIN_SPL_AT_FULL_SCALE: Final = 60.0
MAX_SPL_AT_FULL_SCALE: Final = 140.0

_TINY_POWER: Final = 1e-30
"""Floor for mean squares before a logarithm (-300 dBFS: digital silence)."""

_CEILING_HEADROOM: Final = 1.0 - 1e-5
"""The gain stage aims 0.0001 dB under the ceiling so float32 rounding never reaches it."""

_EVENT_CAPACITY: Final = 256

Float32Array = npt.NDArray[np.float32]
Float64Array = npt.NDArray[np.float64]


def _find_rfft_ufunc() -> Any:
    """numpy's own real-FFT ufunc for even lengths, or None.

    ``numpy.fft.rfft`` is a Python wrapper around this ufunc; on a 1920-point
    frame the wrapper costs about 3 us and creates about 1.7 KB of short-lived
    objects per call. The ufunc lives in a private module, so it is only used
    when it is there with the expected signature (numpy 2.x), and the result
    is checked against the public function once, at construction.
    """
    try:
        from numpy.fft import _pocketfft_umath  # type: ignore[attr-defined]
    except ImportError:
        return None
    ufunc = getattr(_pocketfft_umath, "rfft_n_even", None)
    if not isinstance(ufunc, np.ufunc) or ufunc.signature != "(n),()->(m)":
        return None
    return ufunc


_RFFT_UFUNC: Final = _find_rfft_ufunc()


class Layer(IntFlag):
    """Which protection acts (flags: several may act at once)."""

    NONE = 0
    CEILING = 1
    SUSTAINED = 2
    SHOCK = 4
    HOWL = 8
    EXPOSURE_BACKOFF = 16
    SAFETY_CLAMP = 32


class EventKind(IntEnum):
    """What the GUI is told about. Values index :meth:`HearingProtection.event_count`."""

    SHOCK = 1
    """A sudden onset was pulled down (value: its level, dB SPL)."""
    HOWL_START = 2
    """Feedback howl detected (value: its frequency in Hz)."""
    HOWL_END = 3
    """The howl stopped; the gain recovers over ``howl_release_s`` (value: Hz)."""
    SUSTAINED_START = 4
    """The sustained limit engaged (value: short-term input level, dB SPL)."""
    SUSTAINED_END = 5
    """The sustained limit released fully (value: short-term input level, dB SPL)."""
    EXPOSURE_WARNING = 6
    """1-minute Leq passed the warning level: play the two beeps (value: Leq, dB SPL)."""
    BACKOFF_END = 7
    """The exposure back-off period is over (value: Leq, dB SPL)."""
    SAFETY_CLAMP = 8
    """The last-resort clamp changed samples: the gain stage missed (value: peak, dB SPL)."""
    NONFINITE_INPUT = 9
    """NaN or infinity in the input; those samples were replaced by silence."""


# Plain ints for the block path: IntFlag arithmetic goes through enum machinery.
_CEILING: Final = Layer.CEILING.value
_SUSTAINED: Final = Layer.SUSTAINED.value
_SHOCK: Final = Layer.SHOCK.value
_HOWL: Final = Layer.HOWL.value
_BACKOFF: Final = Layer.EXPOSURE_BACKOFF.value


class ProtectionEvent(NamedTuple):
    """One event: what, how much, and when.

    ``frame`` is the index (since construction or reset) of the first input
    sample of the block in which it was decided; the decision used that whole
    block, so it was taken ``block_frames`` later.
    """

    kind: EventKind
    frame: int
    value: float


@dataclass(frozen=True, slots=True)
class Calibration:
    """Headset calibration: ``dB SPL = dBFS + spl_at_full_scale`` (AES17 dBFS).

    ``spl_at_full_scale`` is the SPL that a 0 dBFS sine produces at the ear with
    the system volume as it was when calibrating. The default
    (:data:`DEFAULT_SPL_AT_FULL_SCALE`, 110 dB SPL) deliberately assumes a loud
    headset: see there for why.
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
        ``reference_dbfs`` is the level (AES17 RMS dBFS) it then has at this
        stage's input. Its SPL is assumed to be ``comfortable_spl`` (75 dB SPL
        by default, the top of the usual range, so the estimate errs towards
        acting early). Someone who chooses a louder "comfortable" level gets
        limits that act late by the difference: prefer a meter when possible.
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
        return self.spl(10.0 * math.log10(max(mean_square, _TINY_POWER)) + AES17_SINE_DB)


def calibration_tone(
    level_dbfs: float, frames: int, frequency_hz: float = CALIBRATION_TONE_HZ
) -> Float32Array:
    """A sine at ``level_dbfs`` (AES17: the peak is ``10**(level_dbfs/20)``) for calibration."""
    t = np.arange(frames, dtype=np.float64) / SAMPLE_RATE
    amplitude = math.pow(10.0, level_dbfs / 20.0)
    tone: Float32Array = (amplitude * np.sin(2.0 * np.pi * frequency_hz * t)).astype(np.float32)
    return tone


@dataclass(frozen=True, slots=True)
class ExposurePolicy:
    """The 1-minute exposure warning and the back-off after it.

    Defaults follow the reference desk: warn when the 1-minute Leq of the
    output passes 80 dB SPL, then back off for 30 minutes. The depth is ours:
    6 dB brings a Leq that just triggered (80-86 dB SPL) to about 80 or below,
    while speech stays clearly audible. A further warning during a back-off
    deepens it by ``backoff_db`` (up to ``max_backoff_db``) and restarts the
    period. ``backoff_db=0`` keeps the warning and never changes the gain.
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
    """Thresholds (dB SPL through the :class:`Calibration`) and time constants.

    The defaults are the reference desk's (100 / 94 / 80 dB SPL) plus the
    detector numbers explained in the module docstring.
    """

    ceiling_spl: float = 100.0
    """Instant ceiling: peak SPL (AES17) that no output sample exceeds."""
    peak_release_db_per_s: float = 60.0
    """Recovery of the sample-exact gain (ceiling and shock): fast enough that a click
    costs 0.3 s of 20 dB, slow enough not to follow the waveform of a loud low tone."""

    sustained_limit_spl: float = 94.0
    sustained_after_s: float = 0.1
    """How long the level must stay above the limit before the limit engages (desk: ~100 ms)."""
    sustained_margin_db: float = 0.5
    """The gain aims this far under the limit, so the level ends up under, not on it."""
    sustained_hold_s: float = 0.2
    """Reduction held this long after the need passes: bridges syllable gaps (no pumping)."""
    sustained_release_db_per_s: float = 40.0
    """After the hold: 16 dB (a full-scale howl at the default calibration) in 0.4 s."""

    shock_jump_db: float = 20.0
    """Rise of the 2.5 ms level above the loudest of the previous 10 ms that is a shock."""
    shock_window_s: float = 0.01
    shock_min_spl: float = 85.0
    """A jump only counts when it lands this loud (2.5 ms RMS): below it a jump is just speech
    starting after a pause. 70 dB SPL speech stays below it even in plosives and laughter."""
    shock_above_context_db: float = 15.0
    """...and only when it also lands this far above what the listener has been hearing:
    the loudest 100 ms level of the *output* over the last seconds, decaying 5 dB/s. A
    plosive after a stop closure jumps 30 dB from the closure, but not 15 dB above the
    talker's vowels; a click or a dropped microphone does. Output, not input: after a
    suppressed howl or shock the listener heard little, so the next click still counts."""
    shock_context_decay_db_per_s: float = 5.0
    shock_target_spl: float = 80.0
    """A shock is pulled down to this level (5 dB under the gate, so a trigger always acts)."""
    shock_hold_s: float = 0.05
    shock_release_db_per_s: float = 40.0

    howl_min_spl: float = 80.0
    """Howl is only acted on at this block level and above: a quiet steady tone is no hazard."""
    howl_tonality: float = 0.9
    """Share of the band's energy inside the loudest peak's main lobe (+-2 bins). espeak-ng
    and synthetic speech peak at 0.87 over 40 ms windows; a howl 10 dB above the rest
    reaches 0.9, a howl alone 0.999."""
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
    """Gain recovery after a howl, from any depth: linear in dB, no steps, well within 1 s."""
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


@dataclass(frozen=True, slots=True)
class ProtectionMetrics:
    """A snapshot for the GUI (made on request, never on the audio thread)."""

    gain_reduction_db: float
    """Reduction applied at the end of the last block (0 = untouched)."""
    active: Layer
    """Every layer acting in the last block."""
    dominant: Layer
    """The layer responsible for most of the reduction (``Layer.NONE`` if none)."""
    input_level_spl: float
    """Short-term (100 ms) input level."""
    leq_1min_spl: float
    """Output Leq over the exposure window (updated every second)."""
    backoff_db: float
    backoff_remaining_s: float
    howl_frequency_hz: float
    """Frequency of the howl being suppressed, 0.0 when none."""
    event_counts: dict[EventKind, int]
    dropped_events: int


def _blocks(seconds: float, block_frames: int) -> int:
    """A duration in whole blocks, at least one."""
    return max(1, round(seconds * SAMPLE_RATE / block_frames))


class HearingProtection:
    """Protect one output (mono or multichannel, gain linked across channels).

    ``process`` takes blocks of exactly ``block_frames`` float32 samples,
    shaped ``(frames,)`` or ``(frames, channels)`` (``(frames, 1)`` too when
    mono), and returns them delayed by :data:`LOOKAHEAD_FRAMES` with the
    protection gain applied. Without ``out`` the block is overwritten in place.
    """

    def __init__(
        self,
        settings: ProtectionSettings | None = None,
        calibration: Calibration | None = None,
        *,
        channels: int = 1,
        block_frames: int = BLOCK,
    ) -> None:
        if channels < 1:
            raise ValueError("channels must be >= 1")
        if block_frames < 2 * LOOKAHEAD_FRAMES or block_frames % SUB_BLOCKS:
            raise ValueError(
                f"block_frames must be a multiple of {SUB_BLOCKS} and >= {2 * LOOKAHEAD_FRAMES}"
            )
        self.settings: Final = settings if settings is not None else ProtectionSettings()
        self.channels: Final = channels
        self.block_frames: Final = block_frames
        self.latency_frames: Final = LOOKAHEAD_FRAMES
        s = self.settings
        n = block_frames
        d = LOOKAHEAD_FRAMES
        self._sub = n // SUB_BLOCKS
        block_s = n / SAMPLE_RATE
        sub_s = self._sub / SAMPLE_RATE

        # -- time constants in blocks / sub-blocks / per-sample factors ------------
        self._sus_after = _blocks(s.sustained_after_s, n)
        self._sus_hold = _blocks(s.sustained_hold_s, n)
        self._sus_release = s.sustained_release_db_per_s * block_s
        self._st_len = _blocks(0.1, n)  # short-term level: 100 ms
        self._shock_ref_len = max(1, round(s.shock_window_s / sub_s))
        self._shock_hold = max(1, round(s.shock_hold_s / sub_s))
        self._shock_release = s.shock_release_db_per_s * sub_s
        self._context_decay = s.shock_context_decay_db_per_s * block_s
        self._howl_persist = _blocks(s.howl_persist_s, n)
        self._howl_fast_persist = _blocks(s.howl_fast_persist_s, n)
        self._howl_end = _blocks(s.howl_end_s, n)
        self._howl_release_blocks = _blocks(s.howl_release_s, n)
        self._backoff_ramp = s.exposure.ramp_db_per_s * block_s

        # -- delay line and gain path (float64 gains, float32 samples) -------------
        self._x = np.zeros((d + n, channels), dtype=np.float32)
        self._x_cols = [self._x[:, c] for c in range(channels)]
        self._x_in = self._x[d:]
        self._x_in_cols = [col[d:] for col in self._x_cols]
        self._x_out_cols = [col[:n] for col in self._x_cols]
        self._x_head = self._x[:d]
        self._x_tail = self._x[n:]
        self._mag = np.empty(n, dtype=np.float32)
        self._mag2 = np.empty(n, dtype=np.float32)
        self._req32 = np.empty(n, dtype=np.float32)
        self._req = np.ones(d + n, dtype=np.float64)
        self._req_head = self._req[:d]
        self._req_tail = self._req[n:]
        self._req_in = self._req[d:]
        self._req_sub = [
            self._req_in[i * self._sub : (i + 1) * self._sub] for i in range(SUB_BLOCKS)
        ]
        # sliding minimum over d samples by doubling: window 2, 4, ..., p <= d
        self._min_steps: list[tuple[Float64Array, Float64Array, Float64Array]] = []
        src = self._req
        width = 1
        while width * 2 <= d:
            dst = np.empty(src.shape[0] - width, dtype=np.float64)
            self._min_steps.append((src[:-width], src[width:], dst))
            src = dst
            width *= 2
        self._m = np.ones(d + n, dtype=np.float64)  # sliding minimum, with d of history
        self._m_head = self._m[:d]
        self._m_tail = self._m[n:]
        self._min_final = (src[:n], src[d - width : d - width + n], self._m[d:])
        self._csum = np.zeros(d + n + 1, dtype=np.float64)
        self._csum_body = self._csum[1:]
        self._avg_hi = self._csum[d + 1 : d + 1 + n]
        self._avg_lo = self._csum[1 : n + 1]
        self._g_fast = np.empty(n, dtype=np.float64)
        release = 10.0 ** (s.peak_release_db_per_s / 20.0 / SAMPLE_RATE)
        steps = np.arange(1, n + 1, dtype=np.float64)
        self._rise = release**steps  # release growth after j+1 samples
        self._rise_inv = release**-steps
        self._ramp = steps / n  # linear ramp of the per-block gain
        self._g_slow = np.empty(n, dtype=np.float64)
        self._g32 = np.empty(n, dtype=np.float32)
        self._out_mag = np.empty(n, dtype=np.float32)
        self._g_fast_prev = 1.0
        self._fast_settled = True  # requirement history, minimum and gain all 1.0
        self._g_slow_prev = 1.0

        # -- howl analysis: ring of blocks, Hann window, FFT -------------------------
        self._fft_blocks = max(1, round(HOWL_WINDOW_S * SAMPLE_RATE / n))
        nfft = self._fft_blocks * n
        self._hist = [np.zeros(n, dtype=np.float64) for _ in range(self._fft_blocks)]
        self._hist_pos = 0
        self._mix = np.empty(n, dtype=np.float32)
        window = 0.5 - 0.5 * np.cos(2.0 * np.pi * (np.arange(nfft) + 0.5) / nfft)
        self._win_parts = [window[i * n : (i + 1) * n] for i in range(self._fft_blocks)]
        self._frame = np.empty(nfft, dtype=np.float64)
        self._frame_parts = [self._frame[i * n : (i + 1) * n] for i in range(self._fft_blocks)]
        self._spec = np.empty(nfft // 2 + 1, dtype=np.complex128)
        self._spec_re = self._spec.real
        self._spec_im = self._spec.imag
        self._pow = np.empty(nfft // 2 + 1, dtype=np.float64)
        self._pow2 = np.empty(nfft // 2 + 1, dtype=np.float64)
        self._bin_hz = SAMPLE_RATE / nfft
        lo = max(1, math.ceil(s.howl_band_hz[0] / self._bin_hz))
        hi = min(nfft // 2, math.floor(s.howl_band_hz[1] / self._bin_hz))
        self._band_lo = lo
        self._band = self._pow[lo : hi + 1]
        self._band_cum = np.empty(hi - lo + 1, dtype=np.float64)
        self._band_len = hi - lo + 1
        self._rfft = _RFFT_UFUNC
        if self._rfft is not None:
            probe = np.cos(np.arange(nfft) * 0.1)
            self._rfft(probe, 1.0, out=self._spec)
            if not np.allclose(self._spec, numpy.fft.rfft(probe), rtol=1e-9, atol=1e-9):
                self._rfft = None
        self._frame.fill(0.0)
        self._fft()  # load the module and plan this size now, not on the audio thread

        # -- views for per-(sub)block energies --------------------------------------
        # One small matrix product gives every quarter's mean square for every channel.
        self._sq = np.empty((n, channels), dtype=np.float32)
        quarters = np.zeros((SUB_BLOCKS, n), dtype=np.float32)
        for i in range(SUB_BLOCKS):
            quarters[i, i * self._sub : (i + 1) * self._sub] = 1.0 / self._sub
        self._quarters = quarters
        self._sub_ms = np.empty((SUB_BLOCKS, channels), dtype=np.float32)
        self._sub_ms_cols = [self._sub_ms[:, c] for c in range(channels)]
        self._sub_ms_max = np.empty(SUB_BLOCKS, dtype=np.float32)
        self._quarter_mean = np.full(SUB_BLOCKS, 1.0 / SUB_BLOCKS, dtype=np.float32)
        self._block_ms = np.empty(channels, dtype=np.float32)

        self._events_kind = np.zeros(_EVENT_CAPACITY, dtype=np.int16)
        self._events_frame = np.zeros(_EVENT_CAPACITY, dtype=np.int64)
        self._events_value = np.zeros(_EVENT_CAPACITY, dtype=np.float64)
        self._event_write = 0
        self._event_read = 0
        self._dropped = 0
        self._counts = np.zeros(max(EventKind) + 1, dtype=np.int64)

        self._requested_cal = calibration if calibration is not None else Calibration()
        self._cal = self._requested_cal
        self._apply_calibration(self._cal)
        self.reset()

    # -- configuration ------------------------------------------------------------

    @property
    def calibration(self) -> Calibration:
        """The calibration requested most recently (applied from the next block on)."""
        return self._requested_cal

    def set_calibration(self, calibration: Calibration) -> None:
        """Change the headset calibration; safe from any thread, applies at the next block.

        All thresholds move with it (they are in dB SPL). The Leq history is kept
        in dBFS, so the 1-minute Leq is re-expressed in the new calibration.
        """
        self._requested_cal = calibration

    def _apply_calibration(self, cal: Calibration) -> None:
        s = self.settings
        self._cal = cal
        self._offset = cal.spl_at_full_scale + AES17_SINE_DB  # mean square -> dB SPL
        ceiling = cal.peak_amplitude(s.ceiling_spl)
        self._ceiling32 = np.float32(ceiling)
        self._ceiling_aim32 = np.float32(ceiling * _CEILING_HEADROOM)
        self._ceiling = float(self._ceiling32)
        self._ceiling_aim = float(self._ceiling_aim32)
        self._neg_ceiling32 = np.float32(-ceiling)

    def _level(self, mean_square: float) -> float:
        """dB SPL of a per-channel mean square."""
        return 10.0 * math.log10(mean_square + _TINY_POWER) + self._offset

    def reset(self) -> None:
        """Forget all signal history and state (counters and events are kept)."""
        self._x.fill(0.0)
        self._req.fill(1.0)
        self._m.fill(1.0)
        self._g_fast_prev = 1.0
        self._g_slow_prev = 1.0
        self._fast_settled = True
        self._frames = 0
        self._gain_reduction_db = 0.0
        self._active = 0
        self._dominant = 0
        self._last_unity = True
        # sustained limit
        self._st_ring = [0.0] * self._st_len
        self._st_pos = 0
        self._st_level = -math.inf
        self._context = -math.inf
        self._out_ring = [0.0] * self._st_len
        self._out_pos = 0
        self._sus_count = 0
        self._sus_active = False
        self._sus_red = 0.0
        self._sus_hold_left = 0
        # shock
        self._shock_ref = [-math.inf] * self._shock_ref_len
        self._shock_pos = 0
        self._shock_red = 0.0
        self._shock_hold_left = 0
        self._shock_gain = [1.0] * SUB_BLOCKS
        # howl
        for h in self._hist:
            h.fill(0.0)
        self._hist_pos = 0
        self._howl_evidence = 0
        self._howl_bin = -10
        self._howling = False
        self._howl_quiet = 0
        self._howl_red = 0.0
        self._howl_step = 0.0
        self._howl_hz = 0.0
        # exposure
        s = self.settings.exposure
        self._bins = [0.0] * s.window_s  # energy (sum of mean square x frames) per second
        self._bin_pos = 0
        self._bin_energy = 0.0
        self._bin_frames = 0
        self._leq_ms = 0.0  # mean square over the window
        self._warn_armed = True
        self._warn_frame = 0
        self._backoff_target = 0.0
        self._backoff_red = 0.0
        self._backoff_left = 0  # frames

    # -- events -------------------------------------------------------------------

    def _emit(self, kind: EventKind, value: float) -> None:
        """Record an event (audio thread). Entry first, index last: the reader never sees half."""
        i = self._event_write % _EVENT_CAPACITY
        self._events_kind[i] = kind
        self._events_frame[i] = self._frames
        self._events_value[i] = value
        self._counts[kind] += 1
        self._event_write += 1

    def poll_events(self) -> list[ProtectionEvent]:
        """Events since the last poll, oldest first (one consumer thread).

        If more than 256 piled up, the oldest are lost and counted in
        ``metrics().dropped_events``; the per-kind counts stay exact.
        """
        write = self._event_write
        read = self._event_read
        if write - read > _EVENT_CAPACITY:
            self._dropped += write - read - _EVENT_CAPACITY
            read = write - _EVENT_CAPACITY
        events = []
        for j in range(read, write):
            i = j % _EVENT_CAPACITY
            events.append(
                ProtectionEvent(
                    EventKind(int(self._events_kind[i])),
                    int(self._events_frame[i]),
                    float(self._events_value[i]),
                )
            )
        self._event_read = write
        return events

    def event_count(self, kind: EventKind) -> int:
        """How many events of ``kind`` occurred since construction."""
        return int(self._counts[kind])

    # -- metrics ------------------------------------------------------------------

    @property
    def gain_reduction_db(self) -> float:
        """Reduction at the end of the last block, dB (0.0 = untouched)."""
        return self._gain_reduction_db

    @property
    def active_layers(self) -> Layer:
        """Every layer acting in the last block."""
        return Layer(self._active)

    @property
    def leq_1min_spl(self) -> float:
        """Output Leq over the exposure window in dB SPL (silence before the start counts)."""
        return self._level(self._leq_ms)

    @property
    def howling(self) -> bool:
        """A feedback howl is being suppressed."""
        return self._howling

    @property
    def last_block_gain(self) -> Float32Array:
        """Per-sample gain applied to the last block (a copy: diagnostics and tests)."""
        if self._last_unity:
            return np.ones(self.block_frames, dtype=np.float32)
        return self._g32.copy()

    def metrics(self) -> ProtectionMetrics:
        """A snapshot of the figures the GUI shows."""
        return ProtectionMetrics(
            gain_reduction_db=self._gain_reduction_db,
            active=Layer(self._active),
            dominant=Layer(self._dominant),
            input_level_spl=self._st_level,
            leq_1min_spl=self.leq_1min_spl,
            backoff_db=self._backoff_red,
            backoff_remaining_s=self._backoff_left / SAMPLE_RATE,
            howl_frequency_hz=self._howl_hz if self._howling else 0.0,
            event_counts={k: int(self._counts[k]) for k in EventKind},
            dropped_events=self._dropped,
        )

    # -- the block path -------------------------------------------------------------

    def process(self, block: Float32Array, out: Float32Array | None = None) -> Float32Array:
        """Protect one block; returns ``out`` (or ``block``, overwritten) delayed by 1 ms."""
        n = self.block_frames
        if block.dtype != np.float32:
            raise TypeError(f"block must be float32, not {block.dtype}")
        shape = block.shape
        if not (shape == (n, self.channels) or (self.channels == 1 and shape == (n,))):
            raise ValueError(
                f"block must have shape ({n}, {self.channels})"
                + (f" or ({n},)" if self.channels == 1 else "")
                + f", not {shape}"
            )
        if out is None:
            out = block
        elif out.shape != shape or out.dtype != np.float32:
            raise ValueError("out must have the shape and dtype of block")
        requested = self._requested_cal
        if requested is not self._cal:
            self._apply_calibration(requested)

        if block.ndim == 1:
            np.copyto(self._x_in_cols[0], block)
        else:
            np.copyto(self._x_in, block)
        peak = self._input_magnitude()
        if not math.isfinite(peak):
            np.nan_to_num(self._x_in, copy=False, nan=0.0, posinf=0.0, neginf=0.0)
            self._emit(EventKind.NONFINITE_INPUT, 0.0)
            peak = self._input_magnitude()

        block_ms, sub_ms = self._energies()
        block_level = self._level(block_ms)
        shock_acts = self._update_shock(sub_ms)
        self._update_sustained(block_ms, block_level)
        tonal, peak_bin = self._analyse_howl(block_level)
        self._update_howl(tonal, peak_bin, block_level)

        # -- fast (sample-exact) requirement: ceiling and shock ---------------------
        ceiling_acts = peak > self._ceiling_aim
        if ceiling_acts:
            np.maximum(self._mag, self._ceiling_aim32, out=self._mag)
            np.divide(self._ceiling_aim32, self._mag, out=self._req32)
            np.copyto(self._req_in, self._req32)
        else:
            self._req_in.fill(1.0)
        if shock_acts:
            for i in range(SUB_BLOCKS):
                g = self._shock_gain[i]
                if g < 1.0:
                    np.minimum(self._req_sub[i], g, out=self._req_sub[i])
        fast_unity = self._fast_settled and not ceiling_acts and not shock_acts
        if not fast_unity:
            self._fast_gain()

        # -- slow (per-block) requirement: sustained, howl, back-off ----------------
        self._update_backoff()
        slow_red = max(self._sus_red, self._howl_red, self._backoff_red)
        g_slow = math.pow(10.0, -slow_red / 20.0)
        slow_unity = g_slow == 1.0 and self._g_slow_prev == 1.0
        if not slow_unity:
            np.multiply(self._ramp, g_slow - self._g_slow_prev, out=self._g_slow)
            np.add(self._g_slow, self._g_slow_prev, out=self._g_slow)
        self._g_slow_prev = g_slow

        # -- apply ---------------------------------------------------------------------
        cols_out = [out] if out.ndim == 1 else None
        self._last_unity = fast_unity and slow_unity
        if self._last_unity:
            g_end = 1.0
            for c in range(self.channels):
                dst = cols_out[0] if cols_out is not None else out[:, c]
                np.copyto(dst, self._x_out_cols[c])
        else:
            if fast_unity:
                np.copyto(self._g32, self._g_slow, casting="same_kind")
                g_end = g_slow
            elif slow_unity:
                np.copyto(self._g32, self._g_fast, casting="same_kind")
                g_end = float(self._g_fast[-1])
            else:
                np.minimum(self._g_fast, self._g_slow, out=self._g_slow)
                np.copyto(self._g32, self._g_slow, casting="same_kind")
                g_end = float(self._g_slow[-1])
            for c in range(self.channels):
                dst = cols_out[0] if cols_out is not None else out[:, c]
                np.multiply(self._x_out_cols[c], self._g32, out=dst)

        # -- last resort clamp, exposure ----------------------------------------------
        out_peak, out_ms = self._output_stats(out)
        clamped = out_peak > self._ceiling
        if clamped:
            np.minimum(out, self._ceiling32, out=out)
            np.maximum(out, self._neg_ceiling32, out=out)
            self._emit(EventKind.SAFETY_CLAMP, self._cal.spl(20.0 * math.log10(out_peak)))
            out_ms = min(out_ms, 0.5 * self._ceiling * self._ceiling)
        self._update_exposure(out_ms)
        self._out_ring[self._out_pos] = out_ms
        self._out_pos = (self._out_pos + 1) % self._st_len
        out_level = self._level(sum(self._out_ring) / self._st_len)
        self._context = max(out_level, self._context - self._context_decay)

        # -- metrics, shift history ------------------------------------------------------
        self._gain_reduction_db = -20.0 * math.log10(max(g_end, 1e-15))
        self._set_layers(peak, ceiling_acts, clamped)
        np.copyto(self._x_head, self._x_tail)
        self._frames += n
        return out

    def _input_magnitude(self) -> float:
        """Per-sample magnitude, loudest channel, into ``_mag``; returns the block peak."""
        np.abs(self._x_in_cols[0], out=self._mag)
        for c in range(1, self.channels):
            np.abs(self._x_in_cols[c], out=self._mag2)
            np.maximum(self._mag, self._mag2, out=self._mag)
        return float(self._mag[int(self._mag.argmax())])

    def _energies(self) -> tuple[float, list[float]]:
        """Mean square of the block and of each quarter, loudest channel (per-ear hazard)."""
        np.multiply(self._x_in, self._x_in, out=self._sq)
        np.dot(self._quarters, self._sq, out=self._sub_ms)
        np.dot(self._quarter_mean, self._sub_ms, out=self._block_ms)
        block_ms = max(self._block_ms.tolist())
        if self.channels == 1:
            sub_ms: list[float] = self._sub_ms_cols[0].tolist()
        else:
            np.maximum(self._sub_ms_cols[0], self._sub_ms_cols[1], out=self._sub_ms_max)
            for c in range(2, self.channels):
                np.maximum(self._sub_ms_max, self._sub_ms_cols[c], out=self._sub_ms_max)
            sub_ms = self._sub_ms_max.tolist()
        # howl history: channel sum (a feedback loop goes through one microphone)
        hist = self._hist[self._hist_pos]
        if self.channels == 1:
            np.copyto(hist, self._x_in_cols[0])
        else:
            np.add(self._x_in_cols[0], self._x_in_cols[1], out=self._mix)
            for c in range(2, self.channels):
                np.add(self._mix, self._x_in_cols[c], out=self._mix)
            np.copyto(hist, self._mix)
        self._hist_pos = (self._hist_pos + 1) % self._fft_blocks
        return block_ms, sub_ms

    def _update_sustained(self, block_ms: float, block_level: float) -> None:
        """Layer 2: above the limit for ``sustained_after_s`` -> gain down to just under it."""
        s = self.settings
        self._st_ring[self._st_pos] = block_ms
        self._st_pos = (self._st_pos + 1) % self._st_len
        self._st_level = self._level(sum(self._st_ring) / self._st_len)
        # Up/down count of loud blocks: a brief dip (a syllable gap) does not restart it.
        if block_level > s.sustained_limit_spl:
            self._sus_count = min(self._sus_count + 1, self._sus_after)
        elif self._sus_count > 0:
            self._sus_count -= 1
        if not self._sus_active and self._sus_count >= self._sus_after:
            self._sus_active = True
            self._emit(EventKind.SUSTAINED_START, self._st_level)
        need = 0.0
        if self._sus_active:
            need = max(0.0, self._st_level - s.sustained_limit_spl + s.sustained_margin_db)
        if need >= self._sus_red:
            self._sus_red = need
            self._sus_hold_left = self._sus_hold
        elif self._sus_hold_left > 0:
            self._sus_hold_left -= 1
        else:
            self._sus_red = max(need, self._sus_red - self._sus_release)
        if self._sus_active and self._sus_count == 0 and self._sus_red == 0.0:
            self._sus_active = False
            self._emit(EventKind.SUSTAINED_END, self._st_level)

    def _analyse_howl(self, block_level: float) -> tuple[bool, int]:
        """Is the last 40 ms one dominant, loud spectral line? Returns (tonal, bin)."""
        if block_level < self.settings.howl_min_spl:
            return False, -10
        pos = self._hist_pos  # oldest block first
        for i in range(self._fft_blocks):
            np.multiply(
                self._hist[(pos + i) % self._fft_blocks],
                self._win_parts[i],
                out=self._frame_parts[i],
            )
        self._fft()
        np.multiply(self._spec_re, self._spec_re, out=self._pow)
        np.multiply(self._spec_im, self._spec_im, out=self._pow2)
        np.add(self._pow, self._pow2, out=self._pow)
        np.add.accumulate(self._band, out=self._band_cum)
        total = float(self._band_cum[-1])
        if total <= 0.0:
            return False, -10
        k = int(self._band.argmax())
        hi = min(k + 2, self._band_len - 1)
        lobe = float(self._band_cum[hi])
        if k >= 3:
            lobe -= float(self._band_cum[k - 3])
        return lobe >= self.settings.howl_tonality * total, k + self._band_lo

    def _fft(self) -> None:
        """``_spec = rfft(_frame)`` without the wrapper when numpy's ufunc is usable."""
        if self._rfft is not None:
            self._rfft(self._frame, 1.0, out=self._spec)
        else:
            numpy.fft.rfft(self._frame, out=self._spec)

    def _update_howl(self, tonal: bool, peak_bin: int, block_level: float) -> None:
        """Layer 3b: persistent loud pure tone -> pull it down while it lasts, then recover."""
        s = self.settings
        if tonal:
            if abs(peak_bin - self._howl_bin) <= 2:
                self._howl_evidence += 1
            else:
                self._howl_evidence = 1
            self._howl_bin = peak_bin
        else:
            self._howl_evidence = max(0, self._howl_evidence - 2)
        if not self._howling:
            need = self._howl_fast_persist if block_level >= s.howl_fast_spl else self._howl_persist
            if tonal and self._howl_evidence >= need:
                self._howling = True
                self._howl_quiet = 0
                self._howl_hz = peak_bin * self._bin_hz
                self._emit(EventKind.HOWL_START, self._howl_hz)
        if self._howling:
            if tonal:
                self._howl_quiet = 0
                target = max(s.howl_min_reduction_db, block_level - s.howl_target_spl)
                self._howl_red = max(self._howl_red, target)
            else:
                self._howl_quiet += 1
                if self._howl_quiet >= self._howl_end:
                    self._howling = False
                    self._howl_step = self._howl_red / self._howl_release_blocks
                    self._emit(EventKind.HOWL_END, self._howl_hz)
        elif self._howl_red > 0.0:
            self._howl_red = max(0.0, self._howl_red - self._howl_step)

    def _update_shock(self, sub_ms: list[float]) -> bool:
        """Layer 3a: per quarter block, a >= 20 dB jump to >= 85 dB SPL is a shock.

        The jump is measured from the loudest quarter of the previous 10 ms: a
        click train is caught click after click, a ramp (feedback growing 1-2 dB
        per 10 ms) never is. The context test (15 dB above what the output has
        recently carried) keeps loud speech's own plosives out. Returns whether
        any quarter of this block needs a reduction (``_shock_gain``).
        """
        s = self.settings
        acts = False
        levels = [self._level(ms) for ms in sub_ms]
        for i in range(SUB_BLOCKS):
            level = levels[i]
            reference = max(self._shock_ref)
            if (
                level >= s.shock_min_spl
                and level - reference >= s.shock_jump_db
                and level - self._context >= s.shock_above_context_db
            ):
                if self._shock_red == 0.0 or self._shock_hold_left == 0:
                    self._emit(EventKind.SHOCK, level)
                # A burst that starts late in a quarter shows only part of its level
                # there; the rest of the block is already known, so size the cut on it.
                loudest = max(levels[i:])
                self._shock_red = max(self._shock_red, loudest - s.shock_target_spl)
                self._shock_hold_left = self._shock_hold
            elif self._shock_red > 0.0:
                if self._shock_hold_left > 0:
                    self._shock_hold_left -= 1
                    # still held: follow a burst that keeps getting louder
                    self._shock_red = max(self._shock_red, level - s.shock_target_spl)
                else:
                    self._shock_red = max(0.0, self._shock_red - self._shock_release)
            self._shock_ref[self._shock_pos] = level
            self._shock_pos = (self._shock_pos + 1) % self._shock_ref_len
            if self._shock_red > 0.0:
                self._shock_gain[i] = math.pow(10.0, -self._shock_red / 20.0)
                acts = True
            else:
                self._shock_gain[i] = 1.0
        return acts

    def _fast_gain(self) -> None:
        """Sample-exact gain from ``_req``: 1 ms look-ahead minimum, 1 ms average, release.

        With ``m[j] = min(req[j .. j+d-1])`` and ``avg[j] = mean(m[j-d+1 .. j])``
        every term of the average is <= req[j], so the gain never exceeds
        what any sample needs, and it ramps over 1 ms instead of stepping.
        The release ``g[j] = min(avg[j], g[j-1] * r)`` is evaluated for the
        whole block at once as ``r**(j+1) * min(g_prev, cummin(avg[k] / r**(k+1)))``.
        """
        for a, b, dst in self._min_steps:
            np.minimum(a, b, out=dst)
        a, b, dst = self._min_final
        np.minimum(a, b, out=dst)
        np.add.accumulate(self._m, out=self._csum_body)
        g = self._g_fast
        np.subtract(self._avg_hi, self._avg_lo, out=g)
        np.multiply(g, 1.0 / LOOKAHEAD_FRAMES, out=g)
        np.multiply(g, self._rise_inv, out=g)
        np.minimum.accumulate(g, out=g)
        np.minimum(g, self._g_fast_prev, out=g)
        np.multiply(g, self._rise, out=g)
        np.minimum(g, 1.0, out=g)
        g_end = float(g[-1])
        self._g_fast_prev = g_end
        np.copyto(self._req_head, self._req_tail)
        np.copyto(self._m_head, self._m_tail)
        # Settled once the next block would compute 1.0 from all-ones requirements:
        # then the whole path is skipped and the gain is exactly 1.0 again (the
        # closed-form release leaves 1 - 1e-16 where the exact value is 1).
        self._fast_settled = (
            g_end > 1.0 - 1e-9
            and float(self._req_head[int(self._req_head.argmin())]) == 1.0
            and float(self._m_head[int(self._m_head.argmin())]) == 1.0
        )
        if self._fast_settled:
            self._g_fast_prev = 1.0

    def _update_backoff(self) -> None:
        """Layer 4: move the back-off towards its target; end it when its time is up."""
        if self._backoff_left > 0:
            self._backoff_left -= self.block_frames
            if self._backoff_left <= 0:
                self._backoff_left = 0
                self._backoff_target = 0.0
                self._emit(EventKind.BACKOFF_END, self.leq_1min_spl)
        red, target, step = self._backoff_red, self._backoff_target, self._backoff_ramp
        if red < target:
            self._backoff_red = min(target, red + step)
        elif red > target:
            self._backoff_red = max(target, red - step)

    def _output_stats(self, out: Float32Array) -> tuple[float, float]:
        """Peak magnitude and loudest-channel mean square of the output block."""
        peak = 0.0
        ms = 0.0
        for c in range(self.channels):
            col = out if out.ndim == 1 else out[:, c]
            np.abs(col, out=self._out_mag)
            p = float(self._out_mag[int(self._out_mag.argmax())])
            peak = max(peak, p)
            ms = max(ms, float(np.dot(col, col)) / self.block_frames)
        return peak, ms

    def _update_exposure(self, out_ms: float) -> None:
        """Accumulate the output Leq in 1-second bins; warn and back off when it passes."""
        p = self.settings.exposure
        n = self.block_frames
        self._bin_energy += out_ms * n
        self._bin_frames += n
        if self._bin_frames < SAMPLE_RATE:
            return
        self._bins[self._bin_pos] = self._bin_energy
        self._bin_pos = (self._bin_pos + 1) % p.window_s
        self._bin_energy = 0.0
        self._bin_frames = 0
        self._leq_ms = sum(self._bins) / (p.window_s * SAMPLE_RATE)
        leq = self.leq_1min_spl
        # Re-arm once the Leq has clearly dropped, or once a whole window has passed since
        # the warning: from then on the Leq measures only what was heard after it, so a
        # listener who is still above the level (volume turned up during the back-off) is
        # warned again and the back-off deepens.
        if not self._warn_armed and (
            leq < p.warn_leq_spl - p.rearm_hysteresis_db
            or self._frames - self._warn_frame >= p.window_s * SAMPLE_RATE
        ):
            self._warn_armed = True
        if self._warn_armed and leq >= p.warn_leq_spl:
            self._warn_armed = False
            self._warn_frame = self._frames
            self._emit(EventKind.EXPOSURE_WARNING, leq)
            if p.backoff_db > 0.0 and p.backoff_s > 0.0:
                deeper = (
                    self._backoff_target + p.backoff_db if self._backoff_left > 0 else p.backoff_db
                )
                self._backoff_target = min(p.max_backoff_db, deeper)
                self._backoff_left = round(p.backoff_s * SAMPLE_RATE)
        elif not self._warn_armed and leq < p.warn_leq_spl - p.rearm_hysteresis_db:
            self._warn_armed = True

    def _set_layers(self, peak: float, ceiling_acts: bool, clamped: bool) -> None:
        """Record which layers act and which dominates (for the GUI)."""
        reductions = (
            (_CEILING, 20.0 * math.log10(peak / self._ceiling_aim) if ceiling_acts else 0.0),
            (_SUSTAINED, self._sus_red),
            (_SHOCK, self._shock_red),
            (_HOWL, self._howl_red),
            (_BACKOFF, self._backoff_red),
        )
        active = Layer.SAFETY_CLAMP.value if clamped else 0
        dominant = 0
        deepest = 0.01
        for layer, red in reductions:
            if red > 0.01:
                active |= layer
                if red > deepest:
                    deepest = red
                    dominant = layer
        self._active = active
        self._dominant = dominant

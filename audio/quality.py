"""Floor-quality analysis: tell the interpreter what is wrong with the speaker's sound.

Following ISO 24019:2022 and FIELD.md, :class:`FloorQuality` detects
band-limited (telephone) sound, clipping, a level too low or too high, and
noise, so the interpreter can ask the technician for the right fix.
Call :meth:`FloorQuality.process` on the audio thread with each 10 ms block
of the floor, or :meth:`FloorQuality.feed` with decoded frames of any length
(it only accumulates, into buffers made in ``__init__``), and
:meth:`FloorQuality.report` from the UI thread a few times a second: it
returns a :class:`QualityReport` with the metrics and human-readable reasons.
The engine runs it on the input that plays the floor only
(:class:`audio.receive.InputStrip`), on the sound as decoded: before the
time-scaler and the leveller, which change what is played, not what the
speaker sends. How each figure is measured is in docs/architecture.md,
"Design notes".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from audio.fifo import SampleFifo
from audio.format import BLOCK, SAMPLE_RATE
from audio.loudness import LoudnessMeter, gate, gating_blocks
from audio.meters import METER_FLOOR_DBFS, mean_square_to_dbfs
from audio.volume import RESERVE_DB

_N1: Final = 16
_N2: Final = 30
BIN_HZ: Final = SAMPLE_RATE / BLOCK
"""100 Hz: the DFT covers exactly one block."""
TARGET_LUFS: Final = -23.0
"""EBU R 128's programme target, the nominal level of the console's volume law."""

_MAX: Final = np.maximum.reduce
_MIN: Final = np.minimum.reduce
_HIST_LOW_DB: Final = METER_FLOOR_DBFS
_HIST_STEP_DB: Final = 0.5
_HIST_BINS: Final = int((6.0 - _HIST_LOW_DB) / _HIST_STEP_DB) + 1
ACTIVITY_MARGIN_DB: Final = 10.0
"""With pauses present, loudness leaves out 400 ms blocks within this of the noise floor."""
_AES17_DB: Final = 10.0 * math.log10(2.0)
_SILENT_MS: Final = 1e-12
"""Blocks quieter than -117 dBFS RMS (digital silence, dither at most) teach no spectrum."""
_SPECTRUM_EVERY: Final = 2
"""Blocks per spectrum: every other block's, enough for 2 s averages at half the cost."""


@dataclass(frozen=True, slots=True)
class QualityLimits:
    """Where each issue starts. Defaults and their reasons are in the module doc."""

    band_limited_hz: float = 7000.0
    telephone_hz: float = 4500.0
    spectrum_range_db: float = 60.0
    noise_margin_db: float = 10.0
    clip_level: float = 0.99
    clip_run: int = 3
    clipped_fraction: float = 5e-4
    too_quiet_lufs: float = TARGET_LUFS - RESERVE_DB
    too_loud_lufs: float = -12.0
    min_snr_db: float = 20.0
    noise_gate_dbfs: float = -70.0
    noise_percentile: float = 10.0
    speech_percentile: float = 95.0
    pause_spread_db: float = 10.0
    """p95 - p10 of 10 ms levels above this means the signal has pauses (speech)."""
    min_seconds: float = 1.0
    """Audio needed before a statistic is reported at all."""


class Issue(NamedTuple):
    """A problem with the floor: a stable ``code`` for the UI, a sentence for the interpreter."""

    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class QualityReport:
    """What :meth:`FloorQuality.report` found. None means "not enough audio to say"."""

    bandwidth_hz: float | None
    clipped_fraction: float
    loudness_lufs: float | None
    noise_floor_dbfs: float | None
    speech_level_dbfs: float | None
    snr_db: float | None
    speech_present: bool
    seconds: float
    """How much audio the window held."""
    issues: tuple[Issue, ...]

    @property
    def codes(self) -> frozenset[str]:
        """The issue codes, for quick membership tests."""
        return frozenset(issue.code for issue in self.issues)


def blackman_harris(n: int) -> npt.NDArray[np.float64]:
    """Periodic 4-term Blackman-Harris window: -92 dB side lobes, for deep stop bands."""
    phase = 2.0 * np.pi * np.arange(n) / n
    return (
        0.35875
        - 0.48829 * np.cos(phase)
        + 0.14128 * np.cos(2 * phase)
        - 0.01168 * np.cos(3 * phase)
    )


class FloorQuality:
    """Accumulate quality statistics of the floor (mono, 48 kHz, 480-sample blocks)."""

    def __init__(
        self,
        *,
        limits: QualityLimits | None = None,
        window_s: float = 10.0,
        spectrum_time_s: float = 2.0,
    ) -> None:
        self.limits: Final = limits or QualityLimits()
        if self.limits.clip_run < 1:
            raise ValueError("clip_run must be >= 1")
        self.window_s: Final = window_s
        n = BLOCK
        dt = n / SAMPLE_RATE
        self._window_blocks: Final = max(1, round(window_s / dt))
        self._beta: Final = 1.0 - math.exp(-dt * _SPECTRUM_EVERY / spectrum_time_s)
        self._loudness: Final = LoudnessMeter(1, history_s=max(window_s, 3.0))

        self._buf: Final = np.zeros(n, dtype=np.float32)
        self._fifo: Final = SampleFifo(2 * n)
        """What :meth:`feed` was given short of a whole block."""
        self._block: Final = np.zeros(n, dtype=np.float32)
        self._abs: Final = np.zeros(n, dtype=np.float32)
        # DFT, 480 = 16 x 30, n = 30 n1 + n2, k = k1 + 16 k2. Everything is kept
        # transposed, (n2, k1) then (k2, k1), so that every product writes a
        # contiguous array and the spectrum comes out in k order when flattened.
        self._window: Final = blackman_harris(n).astype(np.float32)
        self._windowed: Final = np.zeros(n, dtype=np.float32)
        self._a_t: Final = self._windowed.reshape(_N1, _N2).T  # (n2, n1) view
        k1 = np.arange(_N1)
        n2 = np.arange(_N2)
        f1 = np.exp(-2j * np.pi * np.outer(k1, k1) / _N1)  # (n1, k1), symmetric
        # Stage 1 on real input as a *real* product: columns re k1=0, im k1=0, re k1=1, ...
        # so the (n2, 32) float32 result *is* the interleaved complex64 (n2, k1) array.
        w1 = np.empty((_N1, 2 * _N1))
        w1[:, 0::2] = f1.real
        w1[:, 1::2] = f1.imag
        self._w1: Final = w1.astype(np.float32)
        self._stage_real: Final = np.zeros((_N2, 2 * _N1), dtype=np.float32)
        self._stage: Final = self._stage_real.view(np.complex64)  # (n2, k1)
        self._twiddle: Final = np.exp(-2j * np.pi * np.outer(n2, k1) / n).astype(np.complex64)
        self._f2: Final = np.exp(-2j * np.pi * np.outer(n2, n2) / _N2).astype(np.complex64)
        self._spectrum: Final = np.zeros((_N2, _N1), dtype=np.complex64)  # (k2, k1)
        self._magnitude: Final = np.zeros((_N2, _N1), dtype=np.float32)
        self._power: Final = np.zeros((_N2, _N1), dtype=np.float32)
        self._speech_avg: Final = np.zeros((_N2, _N1), dtype=np.float32)
        self._pause_avg: Final = np.zeros((_N2, _N1), dtype=np.float32)
        self._speech_frames = 0
        self._pause_frames = 0

        # clipping: mask[0:run-1] carries the end of the previous block
        carry = self.limits.clip_run - 1
        self._clip_level: Final = np.array(self.limits.clip_level, dtype=np.float32)
        self._mask: Final = np.zeros(n + carry, dtype=np.bool_)
        self._mask_new: Final = self._mask[carry:]
        self._mask_carry: Final = self._mask[:carry]
        self._mask_tail: Final = self._mask[n:]
        self._runs: Final = np.zeros(n, dtype=np.bool_)
        self._mask_shifted: Final = tuple(self._mask[j : j + n] for j in range(carry + 1))
        # numpy rings, not lists: a list would keep one int object per entry alive
        self._clip_ring: Final = np.zeros(self._window_blocks, dtype=np.int32)
        self._clip_total = 0

        # 10 ms level histogram over the window
        self._hist: Final = np.zeros(_HIST_BINS, dtype=np.int64)
        self._cum: Final = np.zeros(_HIST_BINS, dtype=np.int64)
        self._level_ring: Final = np.zeros(self._window_blocks, dtype=np.int32)
        self._pos = 0
        self._filled = 0
        self._noise_db = METER_FLOOR_DBFS
        self._spread_db = 0.0
        self._reset_requested = False

    # ----------------------------------------------------------------- audio thread

    def process(self, x: npt.NDArray[np.floating]) -> None:
        """Accumulate one ``(480,)`` block of the floor. Audio thread; allocates no buffers."""
        if self._reset_requested:
            self._reset()
        buf = self._buf
        np.copyto(buf, x)
        self._loudness.process(buf)
        mean_square = float(np.dot(buf, buf)) / BLOCK
        level_db = mean_square_to_dbfs(mean_square)

        # level histogram and clip counts over a ring of window_s
        pos = self._pos
        level_bin = min(max(int((level_db - _HIST_LOW_DB) / _HIST_STEP_DB), 0), _HIST_BINS - 1)
        clipped = self._count_clipped()
        if self._filled == self._window_blocks:
            self._hist[self._level_ring[pos]] -= 1
            self._clip_total -= int(self._clip_ring[pos])
        else:
            self._filled += 1
        self._hist[level_bin] += 1
        self._level_ring[pos] = level_bin
        self._clip_ring[pos] = clipped
        self._clip_total += clipped
        self._pos = (pos + 1) % self._window_blocks
        if self._pos % 10 == 0:
            self._update_levels()

        # spectrum of speech blocks and of pause blocks (of every other block; the
        # percentiles above are refreshed on the other ones, so no block does both)
        if mean_square <= _SILENT_MS or pos % _SPECTRUM_EVERY:
            return
        if self._spread_db >= self.limits.pause_spread_db:
            speech = level_db >= self._noise_db + 6.0
            pause = level_db < self._noise_db + 3.0
        else:  # no pauses to tell apart: every audible block counts as signal
            speech = level_db > self.limits.noise_gate_dbfs
            pause = False
        if speech:
            self._accumulate_spectrum(self._speech_avg)
            self._speech_frames += 1
        elif pause:
            self._accumulate_spectrum(self._pause_avg)
            self._pause_frames += 1

    def feed(self, pcm: npt.NDArray[np.float32]) -> None:
        """Accumulate decoded samples of any length, as :meth:`process` does in whole blocks
        (the rest waits for the next call). Audio thread; allocates no buffers."""
        if self._reset_requested:
            self._reset()
        fifo, block = self._fifo, self._block
        at, n = 0, pcm.shape[0]
        while at < n:
            take = min(n - at, fifo.space)
            fifo.write(pcm[at : at + take])
            at += take
            while fifo.read_into(block):
                self.process(block)

    def _count_clipped(self) -> int:
        buf = self._buf
        if max(float(_MAX(buf)), -float(_MIN(buf))) < self.limits.clip_level:  # the usual case
            self._mask_carry.fill(False)
            return 0
        np.abs(buf, out=self._abs)
        np.greater_equal(self._abs, self._clip_level, out=self._mask_new)
        shifted = self._mask_shifted
        np.copyto(self._runs, shifted[0])
        for view in shifted[1:]:
            np.logical_and(self._runs, view, out=self._runs)
        np.copyto(self._mask_carry, self._mask_tail)
        return int(np.count_nonzero(self._runs))

    def _accumulate_spectrum(self, average: npt.NDArray[np.float32]) -> None:
        np.multiply(self._buf, self._window, out=self._windowed)
        np.matmul(self._a_t, self._w1, out=self._stage_real)
        np.multiply(self._stage, self._twiddle, out=self._stage)
        np.matmul(self._f2, self._stage, out=self._spectrum)
        np.abs(self._spectrum, out=self._magnitude)
        np.multiply(self._magnitude, self._magnitude, out=self._power)
        # average += beta * (power - average)
        np.subtract(self._power, average, out=self._power)
        np.multiply(self._power, self._beta, out=self._power)
        np.add(average, self._power, out=average)

    def _update_levels(self) -> None:
        """Refresh the noise floor and spread that steer the speech/pause decision."""
        noise, speech = self._percentiles(
            self._hist, self._cum, self.limits.noise_percentile, self.limits.speech_percentile
        )
        self._noise_db = noise
        self._spread_db = speech - noise

    @staticmethod
    def _percentiles(
        hist: npt.NDArray[np.int64], cum: npt.NDArray[np.int64], low: float, high: float
    ) -> tuple[float, float]:
        np.cumsum(hist, out=cum)
        total = int(cum[-1])
        if total == 0:
            return METER_FLOOR_DBFS, METER_FLOOR_DBFS
        # integer targets: a float would make searchsorted cast the whole int64 array
        i_low = int(np.searchsorted(cum, math.ceil(total * low / 100.0)))
        i_high = int(np.searchsorted(cum, math.ceil(total * high / 100.0)))
        return (
            _HIST_LOW_DB + (i_low + 0.5) * _HIST_STEP_DB,
            _HIST_LOW_DB + (i_high + 0.5) * _HIST_STEP_DB,
        )

    @property
    def loudness(self) -> LoudnessMeter:
        """The BS.1770 meter this analysis feeds (its momentary and short-term readings)."""
        return self._loudness

    def request_reset(self) -> None:
        """Start afresh at the next block (a new speaker, another floor channel). Any thread."""
        self._reset_requested = True

    def _reset(self) -> None:
        self._reset_requested = False
        self._fifo.clear()
        self._loudness.reset()
        self._speech_avg.fill(0.0)
        self._pause_avg.fill(0.0)
        self._speech_frames = self._pause_frames = 0
        self._mask.fill(False)
        self._hist.fill(0)
        self._clip_ring.fill(0)
        self._level_ring.fill(0)
        self._clip_total = self._pos = self._filled = 0
        self._noise_db = METER_FLOOR_DBFS
        self._spread_db = 0.0

    # ----------------------------------------------------------------- UI thread

    def _average_spectrum(
        self, average: npt.NDArray[np.float32], frames: int
    ) -> npt.NDArray[np.float64]:
        """Bias-corrected average power per 100 Hz bin, 0 Hz .. 24 kHz (241 bins)."""
        flat = average.astype(np.float64).reshape(-1)  # (k2, k1) in C order: k = k1 + 16 k2
        weight = 1.0 - (1.0 - self._beta) ** frames
        return flat[: BLOCK // 2 + 1] / max(weight, 1e-12)

    def bandwidth_hz(self) -> float | None:
        """Where the speaker's sound stops (see the module doc), or None without enough speech."""
        min_frames = self.limits.min_seconds * SAMPLE_RATE / BLOCK / _SPECTRUM_EVERY
        if self._speech_frames < min_frames:
            return None
        speech = self._average_spectrum(self._speech_avg, self._speech_frames)
        threshold = np.full_like(
            speech, speech[1:].max() * 10.0 ** (-self.limits.spectrum_range_db / 10)
        )
        if self._pause_frames >= min_frames:
            pause = self._average_spectrum(self._pause_avg, self._pause_frames)
            np.maximum(threshold, pause * 10.0 ** (self.limits.noise_margin_db / 10), out=threshold)
        above = speech > threshold
        above[0] = False  # DC says nothing about bandwidth
        both = np.flatnonzero(above[1:] & above[:-1]) + 1
        if both.size == 0:
            return None
        return float(both[-1] * BIN_HZ)

    def report(self, *, boost_db: float | None = None) -> QualityReport:
        """The current metrics and issues. UI thread: allocates, reads the audio thread's
        accumulators without locking (a block of tearing is harmless for 10 s statistics).

        ``boost_db``: how far the input is turned up after this analysis by itself (the
        leveller's range, :data:`audio.leveller.RANGE_DB`, while it is on). A floor
        less than that under the target is then no issue: nobody needs to act on it.
        None: only the volume reserve makes up a quiet floor.
        """
        lim = self.limits
        filled = self._filled
        seconds = filled * BLOCK / SAMPLE_RATE
        enough = seconds >= lim.min_seconds
        clipped_fraction = self._clip_total / (filled * BLOCK) if filled else 0.0

        noise_db: float | None = None
        speech_db: float | None = None
        snr_db: float | None = None
        speech_present = False
        if enough:
            noise_db, speech_db = self._percentiles(
                self._hist.copy(),
                np.zeros(_HIST_BINS, np.int64),
                lim.noise_percentile,
                lim.speech_percentile,
            )
            snr_db = speech_db - noise_db
            speech_present = snr_db >= lim.pause_spread_db

        loudness: float | None = None
        if enough:
            slots = self._loudness.slot_history(self.window_s)
            if speech_present and noise_db is not None:
                # activity gate: leave out 400 ms blocks within 10 dB of the noise floor
                blocks = gating_blocks(slots)
                floor_ms = 10.0 ** ((noise_db - _AES17_DB + ACTIVITY_MARGIN_DB) / 10.0)
                loudness = gate(blocks[blocks > floor_ms])
            else:
                loudness = gate(gating_blocks(slots))

        bandwidth = self.bandwidth_hz()
        issues: list[Issue] = []
        if bandwidth is not None and bandwidth < lim.band_limited_hz:
            khz = f"{bandwidth / 1000:.1f} kHz"
            if bandwidth <= lim.telephone_hz:
                reason = (
                    f"the floor's sound stops at {khz}: telephone quality; s/f and sh/ch are hard"
                    " to tell apart (a full-band microphone reaches 15 kHz)"
                )
            else:
                reason = (
                    f"the floor's sound stops at {khz} (full band reaches 15 kHz): band-limited,"
                    " sibilants will sound dull"
                )
            issues.append(Issue("band_limited", reason))
        if clipped_fraction > lim.clipped_fraction:
            issues.append(
                Issue(
                    "clipped",
                    f"{clipped_fraction * 100:.2f} % of the floor's samples are clipped at full"
                    f" scale (last {seconds:.0f} s): the speaker's input is overdriven, it"
                    " distorts",
                )
            )
        quiet_lufs = lim.too_quiet_lufs if boost_db is None else TARGET_LUFS - boost_db
        if loudness is not None and speech_present and loudness < quiet_lufs:
            under = (
                f"the floor speaks at {loudness:.0f} LUFS, {TARGET_LUFS - loudness:.0f} LU"
                f" under the {TARGET_LUFS:.0f} LUFS target"
            )
            if boost_db is None:
                reason = f"{under}: more than the volume reserve can make up"
            else:
                reason = (
                    f"{under}: more than even levels (+{boost_db:.0f} dB) can make up; the"
                    " technician should raise the speaker's microphone"
                )
            issues.append(Issue("too_quiet", reason))
        if loudness is not None and loudness > lim.too_loud_lufs:
            issues.append(
                Issue(
                    "too_loud",
                    f"the floor is at {loudness:.0f} LUFS, {loudness - TARGET_LUFS:.0f} LU over the"
                    f" {TARGET_LUFS:.0f} LUFS target: its peaks reach full scale and distort",
                )
            )
        if (
            snr_db is not None
            and noise_db is not None
            and snr_db < lim.min_snr_db
            and noise_db > lim.noise_gate_dbfs
        ):
            issues.append(
                Issue(
                    "noisy",
                    f"background noise on the floor at {noise_db:.0f} dBFS, only {snr_db:.0f} dB"
                    " under the speech: noisy input",
                )
            )
        return QualityReport(
            bandwidth_hz=bandwidth,
            clipped_fraction=clipped_fraction,
            loudness_lufs=loudness,
            noise_floor_dbfs=noise_db,
            speech_level_dbfs=speech_db,
            snr_db=snr_db,
            speech_present=speech_present,
            seconds=seconds,
            issues=tuple(issues),
        )

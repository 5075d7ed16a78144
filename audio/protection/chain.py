"""The protection chain: one output's detectors, their gains combined, applied sample by sample."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntFlag
from typing import Final, Protocol

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK, SAMPLE_RATE
from audio.protection.calibration import Calibration, SplScale
from audio.protection.events import EventKind, EventRing, ProtectionEvent
from audio.protection.exposure import Backoff, ExposureMeter
from audio.protection.howl import HowlDetector
from audio.protection.limiter import LOOKAHEAD_FRAMES, LookaheadLimiter
from audio.protection.settings import ProtectionSettings
from audio.protection.shock import SUB_BLOCKS, ShockDetector
from audio.protection.sustained import SustainedLimit


class Layer(IntFlag):
    """Which protection acts (flags: several may act at once)."""

    NONE = 0
    CEILING = 1
    SUSTAINED = 2
    SHOCK = 4
    HOWL = 8
    EXPOSURE_BACKOFF = 16
    SAFETY_CLAMP = 32


# Plain ints for the block path: IntFlag arithmetic goes through enum machinery.
_CEILING: Final = Layer.CEILING.value
_SUSTAINED: Final = Layer.SUSTAINED.value
_SHOCK: Final = Layer.SHOCK.value
_HOWL: Final = Layer.HOWL.value
_BACKOFF: Final = Layer.EXPOSURE_BACKOFF.value
_SAFETY_CLAMP: Final = Layer.SAFETY_CLAMP.value


class _Reduction(Protocol):
    """A layer's figure: the reduction it asks of the gain, dB."""

    reduction_db: float


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


class HearingProtection:
    """Protect one output (mono or multichannel, gain linked across channels).

    Put it last in the output chain, right before the sound device, so that it
    judges what reaches the ear. ``process`` takes blocks of exactly
    ``block_frames`` float32 samples, shaped ``(frames,)`` or
    ``(frames, channels)`` (``(frames, 1)`` too when mono), and returns them
    delayed by :data:`LOOKAHEAD_FRAMES` with the protection gain applied.
    Without ``out`` the block is overwritten in place. ``process`` allocates
    nothing (audio thread).

    From another thread, without locks: :meth:`set_calibration` (applies at
    the next block), :meth:`poll_events` (one consumer) and :meth:`metrics`
    (a snapshot may mix adjacent blocks).
    """

    __slots__ = (
        "_active",
        "_backoff",
        "_block_ms",
        "_dominant",
        "_events",
        "_exposure",
        "_g32",
        "_g_slow",
        "_g_slow_prev",
        "_gain_reduction_db",
        "_howl",
        "_last_unity",
        "_layers",
        "_limiter",
        "_mag",
        "_mag2",
        "_out_mag",
        "_quarter_mean",
        "_quarters",
        "_ramp",
        "_requested_cal",
        "_scale",
        "_shock",
        "_sq",
        "_sub_ms",
        "_sub_ms_cols",
        "_sub_ms_max",
        "_sustained",
        "_x",
        "_x_cols",
        "_x_head",
        "_x_in",
        "_x_in_cols",
        "_x_out_cols",
        "_x_tail",
        "block_frames",
        "channels",
        "latency_frames",
        "settings",
    )

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
        self._requested_cal = calibration if calibration is not None else Calibration()

        # -- the detectors, each with its own state --------------------------------
        self._events = EventRing()
        self._scale = SplScale(self._requested_cal)  # the calibration in force
        self._limiter = LookaheadLimiter(s, self._requested_cal, n, self._events)
        self._shock = ShockDetector(s, n, self._scale, self._events)
        self._sustained = SustainedLimit(s, n, self._scale, self._events)
        self._howl = HowlDetector(s, n, self._events)
        self._exposure = ExposureMeter(s.exposure, n, self._scale, self._events)
        self._backoff = Backoff(s.exposure, n, self._exposure, self._events)
        self._layers: tuple[tuple[int, _Reduction], ...] = (
            (_CEILING, self._limiter),
            (_SUSTAINED, self._sustained),
            (_SHOCK, self._shock),
            (_HOWL, self._howl),
            (_BACKOFF, self._backoff),
        )

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
        self._ramp = np.arange(1, n + 1, dtype=np.float64) / n  # linear ramp of the slow gain
        self._g_slow = np.empty(n, dtype=np.float64)
        self._g32 = np.empty(n, dtype=np.float32)
        self._out_mag = np.empty(n, dtype=np.float32)

        # -- per-quarter mean squares: one small matrix product for every channel --
        sub = n // SUB_BLOCKS
        self._sq = np.empty((n, channels), dtype=np.float32)
        quarters = np.zeros((SUB_BLOCKS, n), dtype=np.float32)
        for i in range(SUB_BLOCKS):
            quarters[i, i * sub : (i + 1) * sub] = 1.0 / sub
        self._quarters = quarters
        self._sub_ms = np.empty((SUB_BLOCKS, channels), dtype=np.float32)
        self._sub_ms_cols = [self._sub_ms[:, c] for c in range(channels)]
        self._sub_ms_max = np.empty(SUB_BLOCKS, dtype=np.float32)
        self._quarter_mean = np.full(SUB_BLOCKS, 1.0 / SUB_BLOCKS, dtype=np.float32)
        self._block_ms = np.empty(channels, dtype=np.float32)
        self.reset()

    # -- configuration ------------------------------------------------------------

    @property
    def calibration(self) -> Calibration:
        """The calibration requested most recently (applied from the next block on)."""
        return self._requested_cal

    def set_calibration(self, calibration: Calibration) -> None:
        """Change the headset calibration; safe from any thread, applies at the next block.

        All thresholds move with it (they are in dB SPL). The Leq history is kept
        in dBFS, so the exposure Leq is re-expressed in the new calibration.
        """
        self._requested_cal = calibration

    def reset(self) -> None:
        """Forget all signal history and state (counters and events are kept)."""
        self._x.fill(0.0)
        self._g_slow_prev = 1.0
        self._events.frame = 0
        self._gain_reduction_db = 0.0
        self._active = 0
        self._dominant = 0
        self._last_unity = True
        self._limiter.reset()
        self._shock.reset()
        self._sustained.reset()
        self._howl.reset()
        self._exposure.reset()
        self._backoff.reset()

    # -- events and figures ---------------------------------------------------------

    def poll_events(self) -> list[ProtectionEvent]:
        """Events since the last poll, oldest first (one consumer thread).

        If more than 256 piled up, the oldest are lost and counted in
        ``metrics().dropped_events``; the per-kind counts stay exact.
        """
        return self._events.poll()

    def event_count(self, kind: EventKind) -> int:
        """How many events of ``kind`` occurred since construction."""
        return self._events.count(kind)

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
        return self._exposure.leq_spl

    @property
    def howling(self) -> bool:
        """A feedback howl is being suppressed."""
        return self._howl.howling

    @property
    def last_block_gain(self) -> npt.NDArray[np.float32]:
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
            input_level_spl=self._sustained.level_spl,
            leq_1min_spl=self._exposure.leq_spl,
            backoff_db=self._backoff.reduction_db,
            backoff_remaining_s=self._backoff.remaining_frames / SAMPLE_RATE,
            howl_frequency_hz=self._howl.frequency_hz if self._howl.howling else 0.0,
            event_counts={k: self._events.count(k) for k in EventKind},
            dropped_events=self._events.dropped,
        )

    # -- the block path -------------------------------------------------------------

    def process(
        self, block: npt.NDArray[np.float32], out: npt.NDArray[np.float32] | None = None
    ) -> npt.NDArray[np.float32]:
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
        if requested is not self._scale.calibration:
            self._scale.set(requested)
            self._limiter.set_calibration(requested)

        # -- measure the input, feed the detectors ----------------------------------
        if block.ndim == 1:
            np.copyto(self._x_in_cols[0], block)
        else:
            np.copyto(self._x_in, block)
        peak = self._input_magnitude()
        if not math.isfinite(peak):
            np.nan_to_num(self._x_in, copy=False, nan=0.0, posinf=0.0, neginf=0.0)
            self._events.emit(EventKind.NONFINITE_INPUT, 0.0)
            peak = self._input_magnitude()
        block_ms, sub_ms = self._energies()
        block_level = self._scale.level(block_ms)
        shock_acts = self._shock.update(sub_ms)
        self._sustained.update(block_ms, block_level)
        self._howl.update(self._x_in_cols, block_level)

        # -- fast (sample-exact) gain: ceiling and shock -----------------------------
        limiter = self._limiter
        fast_unity = limiter.update(self._mag, peak, self._shock.gains if shock_acts else None)

        # -- slow (per-block) gain: sustained, howl, back-off ------------------------
        self._backoff.update()
        slow_red = max(
            self._sustained.reduction_db, self._howl.reduction_db, self._backoff.reduction_db
        )
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
                np.copyto(self._g32, limiter.gain, casting="same_kind")
                g_end = float(limiter.gain[-1])
            else:
                np.minimum(limiter.gain, self._g_slow, out=self._g_slow)
                np.copyto(self._g32, self._g_slow, casting="same_kind")
                g_end = float(self._g_slow[-1])
            for c in range(self.channels):
                dst = cols_out[0] if cols_out is not None else out[:, c]
                np.multiply(self._x_out_cols[c], self._g32, out=dst)

        # -- what was heard: last resort clamp, exposure, shock context --------------
        out_peak, out_ms = self._output_stats(out)
        clamped = out_peak > limiter.ceiling
        if clamped:
            out_ms = limiter.clamp(out, out_peak, out_ms)
        if self._exposure.update(out_ms):
            self._backoff.engage()
        self._shock.heard(out_ms)

        # -- figures, shift history ------------------------------------------------------
        self._gain_reduction_db = -20.0 * math.log10(max(g_end, 1e-15))
        if self._last_unity and not clamped:  # then no layer asked for any reduction
            self._active = 0
            self._dominant = 0
        else:
            self._set_layers(clamped)
        np.copyto(self._x_head, self._x_tail)
        self._events.frame += n
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
        return block_ms, sub_ms

    def _output_stats(self, out: npt.NDArray[np.float32]) -> tuple[float, float]:
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

    def _set_layers(self, clamped: bool) -> None:
        """Record which layers act and which dominates (for the GUI)."""
        active = _SAFETY_CLAMP if clamped else 0
        dominant = 0
        deepest = 0.01
        for layer, source in self._layers:
            red = source.reduction_db
            if red > 0.01:
                active |= layer
                if red > deepest:
                    deepest = red
                    dominant = layer
        self._active = active
        self._dominant = dominant

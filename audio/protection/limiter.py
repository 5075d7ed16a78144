"""The sample-exact gain: the instant ceiling and the shock's cuts, with 1 ms of lookahead."""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import SAMPLE_RATE
from audio.protection.calibration import Calibration
from audio.protection.events import EventKind, EventRing
from audio.protection.settings import ProtectionSettings
from audio.protection.shock import SUB_BLOCKS

LOOKAHEAD_FRAMES: Final = 48
"""1 ms: the delay the protection adds, so the gain can ramp down before a peak."""

_CEILING_HEADROOM: Final = 1.0 - 1e-5
"""The gain aims 0.0001 dB under the ceiling so float32 rounding never reaches it."""


class LookaheadLimiter:
    """Per-sample gain that keeps every peak under ``ceiling_spl`` and applies the shock's cuts.

    Call :meth:`update` once per block with the input's per-sample magnitude
    (the block :data:`LOOKAHEAD_FRAMES` *after* the one being output); unless
    it returns True (unity), :attr:`gain` then holds the per-sample gain for
    the output block. The gain ramps down over 1 ms before a loud sample and
    recovers at ``peak_release_db_per_s``. :meth:`clamp` is the last resort
    after the gain, and emits :attr:`~EventKind.SAFETY_CLAMP`.
    """

    __slots__ = (
        "_aim",
        "_aim32",
        "_avg_hi",
        "_avg_lo",
        "_cal",
        "_ceiling32",
        "_ceiling_spl",
        "_csum",
        "_csum_body",
        "_events",
        "_m",
        "_m_head",
        "_m_tail",
        "_min_final",
        "_min_steps",
        "_neg_ceiling32",
        "_prev",
        "_req",
        "_req32",
        "_req_head",
        "_req_in",
        "_req_sub",
        "_req_tail",
        "_rise",
        "_rise_inv",
        "_settled",
        "ceiling",
        "gain",
        "reduction_db",
    )

    def __init__(
        self,
        settings: ProtectionSettings,
        calibration: Calibration,
        block_frames: int,
        events: EventRing,
    ) -> None:
        n = block_frames
        d = LOOKAHEAD_FRAMES
        sub = n // SUB_BLOCKS
        self._ceiling_spl = settings.ceiling_spl
        self._events = events
        self._req32 = np.empty(n, dtype=np.float32)
        self._req = np.ones(d + n, dtype=np.float64)  # what each sample needs, d of history
        self._req_head = self._req[:d]
        self._req_tail = self._req[n:]
        self._req_in = self._req[d:]
        self._req_sub = [self._req_in[i * sub : (i + 1) * sub] for i in range(SUB_BLOCKS)]
        # sliding minimum over d samples by doubling: window 2, 4, ..., p <= d
        self._min_steps: list[
            tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]
        ] = []
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
        self.gain = np.empty(n, dtype=np.float64)
        """Per-sample gain for the output block (valid when :meth:`update` returned False)."""
        release = 10.0 ** (settings.peak_release_db_per_s / 20.0 / SAMPLE_RATE)
        steps = np.arange(1, n + 1, dtype=np.float64)
        self._rise = release**steps  # release growth after j+1 samples
        self._rise_inv = release**-steps
        self.set_calibration(calibration)
        self.reset()

    def set_calibration(self, calibration: Calibration) -> None:
        """Move the ceiling to ``ceiling_spl`` in ``calibration`` (audio thread)."""
        self._cal = calibration
        ceiling = calibration.peak_amplitude(self._ceiling_spl)
        self._ceiling32 = np.float32(ceiling)
        self._aim32 = np.float32(ceiling * _CEILING_HEADROOM)
        self.ceiling = float(self._ceiling32)
        """The ceiling as a sample magnitude."""
        self._aim = float(self._aim32)
        self._neg_ceiling32 = np.float32(-ceiling)

    def reset(self) -> None:
        """Forget the lookahead history: the gain is unity again."""
        self._req.fill(1.0)
        self._m.fill(1.0)
        self._prev = 1.0
        self._settled = True  # requirement history, minimum and gain all 1.0
        self.reduction_db = 0.0
        """The ceiling's reduction: how far the last block's peak was over it, dB (0.0: under)."""

    def update(
        self, magnitude: npt.NDArray[np.float32], peak: float, caps: list[float] | None
    ) -> bool:
        """One input block: its per-sample magnitude (overwritten) and peak, and the shock's
        gain caps per quarter block (None: no cap). Returns True when the gain is unity."""
        ceiling_acts = peak > self._aim
        if ceiling_acts:
            self.reduction_db = 20.0 * math.log10(peak / self._aim)
            np.maximum(magnitude, self._aim32, out=magnitude)
            np.divide(self._aim32, magnitude, out=self._req32)
            np.copyto(self._req_in, self._req32)
        else:
            self.reduction_db = 0.0
            self._req_in.fill(1.0)
        if caps is not None:
            for i in range(SUB_BLOCKS):
                g = caps[i]
                if g < 1.0:
                    np.minimum(self._req_sub[i], g, out=self._req_sub[i])
        if self._settled and not ceiling_acts and caps is None:
            return True
        self._compute()
        return False

    def _compute(self) -> None:
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
        g = self.gain
        np.subtract(self._avg_hi, self._avg_lo, out=g)
        np.multiply(g, 1.0 / LOOKAHEAD_FRAMES, out=g)
        np.multiply(g, self._rise_inv, out=g)
        np.minimum.accumulate(g, out=g)
        np.minimum(g, self._prev, out=g)
        np.multiply(g, self._rise, out=g)
        np.minimum(g, 1.0, out=g)
        g_end = float(g[-1])
        self._prev = g_end
        np.copyto(self._req_head, self._req_tail)
        np.copyto(self._m_head, self._m_tail)
        # Settled once the next block would compute 1.0 from all-ones requirements:
        # then the whole path is skipped and the gain is exactly 1.0 again (the
        # closed-form release leaves 1 - 1e-16 where the exact value is 1).
        self._settled = (
            g_end > 1.0 - 1e-9
            and float(self._req_head[int(self._req_head.argmin())]) == 1.0
            and float(self._m_head[int(self._m_head.argmin())]) == 1.0
        )
        if self._settled:
            self._prev = 1.0

    def clamp(self, out: npt.NDArray[np.float32], out_peak: float, out_ms: float) -> float:
        """Clamp ``out`` at the ceiling (its peak ``out_peak`` is over it); emits SAFETY_CLAMP.

        Returns the output mean square to count for exposure: ``out_ms`` at most
        that of a sine peaking at the ceiling.
        """
        np.minimum(out, self._ceiling32, out=out)
        np.maximum(out, self._neg_ceiling32, out=out)
        self._events.emit(EventKind.SAFETY_CLAMP, self._cal.spl(20.0 * math.log10(out_peak)))
        return min(out_ms, 0.5 * self.ceiling * self.ceiling)

"""Feedback howl: a loud, steady spectral line, pulled down for as long as it lasts."""

from __future__ import annotations

import math
from typing import Any, Final

import numpy as np
import numpy.fft
import numpy.typing as npt

from audio.format import SAMPLE_RATE
from audio.protection.events import EventKind, EventRing
from audio.protection.settings import ProtectionSettings, whole_blocks

HOWL_WINDOW_S: Final = 0.04
"""Analysis window: 40 ms (4 blocks of 480 frames), 25 Hz bins: one voice harmonic per lobe."""


def _find_rfft_ufunc() -> Any:
    """numpy's own real-FFT ufunc for even lengths, or None.

    ``numpy.fft.rfft`` is a Python wrapper around it that creates short-lived
    objects on every call. The ufunc lives in a private module, so it is only
    used when it is there with the expected signature (numpy 2.x), and its
    result is checked against the public function once, at construction.
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


class HowlDetector:
    """Feed :meth:`update` every block's input; read :attr:`reduction_db` for the block's gain.

    A block is tonal when one spectral line (the main lobe, +-2 bins) holds
    ``howl_tonality`` of the energy in ``howl_band_hz`` over the last
    :data:`HOWL_WINDOW_S`, at ``howl_min_spl`` or more (quieter blocks are not
    analysed). Tonal blocks at a steady frequency for ``howl_persist_s``
    (``howl_fast_persist_s`` from ``howl_fast_spl`` up) are a howl: it is pulled
    down to ``howl_target_spl`` (at least ``howl_min_reduction_db``) until
    ``howl_end_s`` without a tonal block, then the gain recovers linearly in dB
    over ``howl_release_s``. Any loud steady pure tone counts as howl. Emits
    :attr:`~EventKind.HOWL_START` and :attr:`~EventKind.HOWL_END`.
    """

    __slots__ = (
        "_band",
        "_band_cum",
        "_band_len",
        "_band_lo",
        "_bin",
        "_bin_hz",
        "_blocks",
        "_end",
        "_events",
        "_evidence",
        "_fast_persist",
        "_fast_spl",
        "_frame",
        "_frame_parts",
        "_hist",
        "_hist_pos",
        "_min_reduction",
        "_min_spl",
        "_mix",
        "_persist",
        "_pow",
        "_pow2",
        "_quiet",
        "_release_blocks",
        "_rfft",
        "_spec",
        "_spec_im",
        "_spec_re",
        "_step",
        "_target",
        "_tonality",
        "_win_parts",
        "frequency_hz",
        "howling",
        "reduction_db",
    )

    def __init__(self, settings: ProtectionSettings, block_frames: int, events: EventRing) -> None:
        s = settings
        n = block_frames
        self._min_spl = s.howl_min_spl
        self._tonality = s.howl_tonality
        self._fast_spl = s.howl_fast_spl
        self._target = s.howl_target_spl
        self._min_reduction = s.howl_min_reduction_db
        self._persist = whole_blocks(s.howl_persist_s, n)
        self._fast_persist = whole_blocks(s.howl_fast_persist_s, n)
        self._end = whole_blocks(s.howl_end_s, n)
        self._release_blocks = whole_blocks(s.howl_release_s, n)
        self._events = events

        # ring of the last blocks, Hann window, FFT: every buffer made here
        self._blocks = max(1, round(HOWL_WINDOW_S * SAMPLE_RATE / n))
        nfft = self._blocks * n
        self._hist = [np.zeros(n, dtype=np.float64) for _ in range(self._blocks)]
        self._hist_pos = 0
        self._mix = np.empty(n, dtype=np.float32)
        window = 0.5 - 0.5 * np.cos(2.0 * np.pi * (np.arange(nfft) + 0.5) / nfft)
        self._win_parts = [window[i * n : (i + 1) * n] for i in range(self._blocks)]
        self._frame = np.empty(nfft, dtype=np.float64)
        self._frame_parts = [self._frame[i * n : (i + 1) * n] for i in range(self._blocks)]
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
        self.reset()

    def reset(self) -> None:
        """Forget the signal history."""
        for h in self._hist:
            h.fill(0.0)
        self._hist_pos = 0
        self._evidence = 0
        self._bin = -10
        self.howling = False
        """A howl is being suppressed (between HOWL_START and HOWL_END)."""
        self._quiet = 0
        self.reduction_db = 0.0
        """Reduction this detector asks of the block's gain, dB."""
        self._step = 0.0
        self.frequency_hz = 0.0
        """Frequency of the last howl detected (the current one while :attr:`howling`)."""

    def update(self, channels: list[npt.NDArray[np.float32]], block_level: float) -> None:
        """One block: its input channels and its level (dB SPL, loudest channel).

        The channels are summed (a feedback loop goes through one microphone).
        """
        hist = self._hist[self._hist_pos]
        if len(channels) == 1:
            np.copyto(hist, channels[0])
        else:
            np.add(channels[0], channels[1], out=self._mix)
            for c in range(2, len(channels)):
                np.add(self._mix, channels[c], out=self._mix)
            np.copyto(hist, self._mix)
        self._hist_pos = (self._hist_pos + 1) % self._blocks
        self._decide(self._tonal_bin(block_level), block_level)

    def _tonal_bin(self, block_level: float) -> int:
        """The bin of the last window's dominant, loud spectral line; 0 when there is none."""
        if block_level < self._min_spl:
            return 0
        pos = self._hist_pos  # oldest block first
        for i in range(self._blocks):
            np.multiply(
                self._hist[(pos + i) % self._blocks], self._win_parts[i], out=self._frame_parts[i]
            )
        self._fft()
        np.multiply(self._spec_re, self._spec_re, out=self._pow)
        np.multiply(self._spec_im, self._spec_im, out=self._pow2)
        np.add(self._pow, self._pow2, out=self._pow)
        np.add.accumulate(self._band, out=self._band_cum)
        total = float(self._band_cum[-1])
        if total <= 0.0:
            return 0
        k = int(self._band.argmax())
        hi = min(k + 2, self._band_len - 1)
        lobe = float(self._band_cum[hi])
        if k >= 3:
            lobe -= float(self._band_cum[k - 3])
        return k + self._band_lo if lobe >= self._tonality * total else 0

    def _fft(self) -> None:
        """``_spec = rfft(_frame)`` without the wrapper when numpy's ufunc is usable."""
        if self._rfft is not None:
            self._rfft(self._frame, 1.0, out=self._spec)
        else:
            numpy.fft.rfft(self._frame, out=self._spec)

    def _decide(self, peak_bin: int, block_level: float) -> None:
        """Persistent loud pure tone -> pull it down while it lasts, then recover."""
        tonal = peak_bin > 0
        if tonal:
            if abs(peak_bin - self._bin) <= 2:
                self._evidence += 1
            else:
                self._evidence = 1
            self._bin = peak_bin
        else:
            self._evidence = max(0, self._evidence - 2)
        if not self.howling:
            need = self._fast_persist if block_level >= self._fast_spl else self._persist
            if tonal and self._evidence >= need:
                self.howling = True
                self._quiet = 0
                self.frequency_hz = peak_bin * self._bin_hz
                self._events.emit(EventKind.HOWL_START, self.frequency_hz)
        if self.howling:
            if tonal:
                self._quiet = 0
                target = max(self._min_reduction, block_level - self._target)
                self.reduction_db = max(self.reduction_db, target)
            else:
                self._quiet += 1
                if self._quiet >= self._end:
                    self.howling = False
                    self._step = self.reduction_db / self._release_blocks
                    self._events.emit(EventKind.HOWL_END, self.frequency_hz)
        elif self.reduction_db > 0.0:
            self.reduction_db = max(0.0, self.reduction_db - self._step)

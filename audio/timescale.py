"""Time-scale modification of decoded audio: play a little faster or slower, inaudibly, sans-I/O.

:class:`TimeScaler` sits between the decoder and the output of one stream
(48 kHz mono float32). Pass it every block that will be played, in order,
with :meth:`TimeScaler.process`: ``want`` is 0 to play the block as it is,
negative to play it shorter by at most ``-want`` samples (the buffer is above
its target: catch up), positive to play it longer by at most ``want``
samples (below target: slow down). It returns the samples to play and how
many it removed (negative) or added (positive): one whole pitch period of
2.5-15 ms (:data:`MIN_LAG` to :data:`MAX_LAG`) or nothing, never a fraction
of one (it waits while the only period it finds is longer than asked); ask
again with the remainder on the next block. To shrink, give it two blocks at
once (up to :data:`MAX_INPUT` samples) when they are there: the period taken
out must fit in the input with 5 ms to spare, so one block can lose at most
5 ms, which is shorter than a low voice's period.

Pass every block even when ``want`` is 0: the scaler matches against the
last samples played (its history) and stretches by repeating them. Call
:meth:`TimeScaler.reset` where the stream starts afresh (a new source).
Nothing is allocated after construction; the returned view is valid until
the next call. How it chooses where to cut: docs/architecture.md, "Time-scale
modification".
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from audio.format import BLOCK, SAMPLE_RATE

F32 = npt.NDArray[np.float32]

MIN_LAG: Final = SAMPLE_RATE * 25 // 10_000
"""2.5 ms (400 Hz): the shortest period removed or inserted; ask for no fewer samples."""
MAX_LAG: Final = SAMPLE_RATE * 15 // 1000
"""15 ms (67 Hz): the longest period, below any speaking voice."""
MATCH_BEFORE: Final = 3 * MIN_LAG
MATCH_AFTER: Final = MIN_LAG
"""The matched stretch spans this many samples before and after the cut point (10 ms in all)."""
MAX_INPUT: Final = 2 * BLOCK
"""The most samples one call takes: two blocks, so that a whole low pitch period can go."""
VOICED: Final = 0.9
"""Normalised correlation from which a stretch of signal counts as periodic (NetEQ's figure):
below it only a short segment (at most :data:`UNVOICED_LAG`) is removed or repeated."""
UNVOICED_LAG: Final = 2 * MIN_LAG
QUIET: Final = 1e-6
"""Mean square (-60 dBFS) under which the signal is a pause: the longest period goes, untested."""
_DECIMATE: Final = 4
"""The coarse search runs at 12 kHz; the full rate refines its best lag by +-3 samples."""
_TIE: Final = 0.002
"""Coarse correlations this close to the best count as a tie, won by the longest lag."""
_HISTORY: Final = MAX_LAG + MATCH_BEFORE
_MATCH: Final = MATCH_BEFORE + MATCH_AFTER


class TimeScaler:
    """One stream's time-scale modifier (WSOLA: one pitch period out or in, cross-faded)."""

    def __init__(self) -> None:
        size = _HISTORY + MAX_INPUT
        # Two buffers of [history | input], used in turn so that no copy overlaps itself.
        self._z = [np.zeros(size, dtype=np.float32) for _ in range(2)]
        self._which = 0
        self._coarse = np.zeros(size // _DECIMATE, dtype=np.float32)
        self._coarse_rows = sliding_window_view(self._coarse, _MATCH // _DECIMATE)
        self._square = np.zeros(size // _DECIMATE, dtype=np.float32)
        self._energy = np.zeros(size // _DECIMATE + 1, dtype=np.float32)
        self._energy_back = self._energy[::-1]
        self._rows_back = self._coarse_rows[::-1]
        ref = slice((_HISTORY - MATCH_BEFORE) // _DECIMATE, (_HISTORY + MATCH_AFTER) // _DECIMATE)
        self._coarse_ref = self._coarse[ref]
        self._refs = [z[_HISTORY - MATCH_BEFORE : _HISTORY + MATCH_AFTER] for z in self._z]
        self._phases = [[z[i::_DECIMATE] for i in range(_DECIMATE)] for z in self._z]
        self._z_rows = [sliding_window_view(z, _MATCH) for z in self._z]
        self._z_rows_back = [rows[::-1] for rows in self._z_rows]
        self._z_square = np.zeros(size, dtype=np.float32)
        self._z_square_rows = sliding_window_view(self._z_square, _MATCH)
        self._z_square_back = self._z_square_rows[::-1]
        self._fine_ones = np.ones(_MATCH, dtype=np.float32)
        self._fine_corr = np.zeros(2 * _DECIMATE + 1, dtype=np.float32)
        self._fine_norm = np.zeros(2 * _DECIMATE + 1, dtype=np.float32)
        lags = (MAX_LAG - MIN_LAG) // _DECIMATE + 1
        self._corr = np.zeros(lags, dtype=np.float32)
        self._norm = np.zeros(lags, dtype=np.float32)
        self._corr_back = self._corr[::-1]
        self._near = np.zeros(lags, dtype=np.bool_)
        self._out = np.zeros(MAX_INPUT + MAX_LAG, dtype=np.float32)
        self._ramp = (np.arange(MAX_INPUT, dtype=np.float64) + 0.5).astype(np.float32)
        self._fade_in = np.zeros(MAX_INPUT, dtype=np.float32)
        self._fade_out = np.zeros(MAX_INPUT, dtype=np.float32)
        self._scratch = np.zeros(MAX_INPUT, dtype=np.float32)

    def reset(self) -> None:
        """Forget the history: the next block starts a new stream (nothing to match it with)."""
        for z in self._z:
            z.fill(0.0)

    def process(self, samples: F32, want: int = 0) -> tuple[F32, int]:
        """Play ``samples`` (at most :data:`MAX_INPUT`), changed in length towards ``want``.

        Returns the samples to play (a view, valid until the next call) and the change made:
        0, or ``-p`` / ``+p`` for one period ``p`` with ``MIN_LAG <= p <= abs(want)``.
        """
        n = samples.shape[0]
        if n > MAX_INPUT:
            raise ValueError(f"at most {MAX_INPUT} samples per call, not {n}")
        z = self._z[self._which]
        h = _HISTORY
        np.copyto(z[h : h + n], samples)
        delta, fade = self._choose(z, n, want)
        out = self._out[: n + delta]
        if delta == 0:
            np.copyto(out, z[h : h + n])
        else:
            d = -delta  # where the output goes on from, relative to the cut point
            np.multiply(z[h : h + fade], self._fade_out[:fade], out=out[:fade])
            np.multiply(z[h + d : h + d + fade], self._fade_in[:fade], out=self._scratch[:fade])
            np.add(out[:fade], self._scratch[:fade], out=out[:fade])
            np.copyto(out[fade:], z[h + d + fade : h + n])
        self._remember(z, out)
        return out, delta

    def _choose(self, z: F32, n: int, want: int) -> tuple[int, int]:
        """The change to make (0, -p or +p) and the length of its cross-fade, made ready."""
        h = _HISTORY
        if n < MATCH_AFTER:
            return 0, 0  # too short to match or to cross-fade in
        if want <= -MIN_LAG:
            sign, longest = 1, min(MAX_LAG, n - MATCH_AFTER - MIN_LAG)
        elif want >= MIN_LAG:
            sign, longest = -1, MAX_LAG
        else:
            return 0, 0
        wanted = min(abs(want), longest)
        if wanted < MIN_LAG:
            return 0, 0
        reach = z[(h if sign > 0 else h - longest) - MATCH_BEFORE : h + n]
        if float(np.dot(reach, reach)) < QUIET * reach.shape[0]:
            lag, correlation = wanted, 0.0
        else:
            coarse = self._correlate(z, sign, longest)
            lag, correlation = self._refine(z, sign, coarse, wanted, longest)
            if correlation < VOICED and float(coarse[int(np.argmax(coarse))]) < VOICED:
                short = min(wanted, UNVOICED_LAG)
                lag, correlation = self._refine(z, sign, coarse, short, short)
            elif correlation < VOICED or lag > wanted:
                return 0, 0  # periodic, with a longer period than wanted: wait for more
        fade = min(lag, n - lag) if sign > 0 else min(lag, n)
        self._fades(fade, correlation)
        return -sign * lag, fade

    def _correlate(self, z: F32, sign: int, longest: int) -> F32:
        """Normalised correlation at 12 kHz of the samples around the cut point with those
        ``sign * lag`` later, for lag = MIN_LAG, MIN_LAG + 4, ... up to ``longest``."""
        h, q = _HISTORY, _DECIMATE
        coarse, phases = self._coarse, self._phases[self._which]
        np.add(phases[0], phases[1], out=coarse)  # a box filter of 4, then every 4th sample
        for phase in phases[2:]:
            np.add(coarse, phase, out=coarse)
        np.multiply(coarse, coarse, out=self._square)
        energy = self._energy  # energy[i]: of the first i coarse samples
        np.cumsum(self._square, out=energy[1:])
        m, ref = _MATCH // q, (h - MATCH_BEFORE) // q
        first, count = MIN_LAG // q, (longest - MIN_LAG) // q + 1
        corr, norm = self._corr[:count], self._norm[:count]
        if sign > 0:  # the windows after the reference, nearest first
            at = ref + first
            np.matmul(self._coarse_rows[at : at + count], self._coarse_ref, out=corr)
            np.subtract(energy[at + m : at + m + count], energy[at : at + count], out=norm)
        else:  # the windows before it, nearest first
            at = self._rows_back.shape[0] - 1 - (ref - first)
            np.matmul(self._rows_back[at : at + count], self._coarse_ref, out=corr)
            back = self._energy_back  # energy_back[j] = energy[-1 - j]
            np.subtract(back[at : at + count], back[at + m : at + m + count], out=norm)
        _normalise(corr, norm, float(energy[ref + m] - energy[ref]))
        return corr

    def _refine(
        self, z: F32, sign: int, coarse: F32, wanted: int, longest: int
    ) -> tuple[int, float]:
        """The best coarse lag up to ``wanted`` (the longest of near ties, to do the most with
        one cut) refined at the full rate, up to ``longest``, and its correlation. A lag above
        ``wanted`` means the period found does not fit in what was wanted."""
        q = _DECIMATE
        k = (wanted - MIN_LAG) // q + 1
        best = float(coarse[int(np.argmax(coarse[:k]))])
        # the last lag near the best: the first of them in the correlations read backwards
        np.greater_equal(self._corr_back[-k:], best - _TIE, out=self._near[:k])
        i = k - 1 - int(np.argmax(self._near[:k]))
        last = (longest - MIN_LAG) // q
        while i < last and coarse[i + 1] > coarse[i]:
            i += 1  # up to the peak, which may lie beyond what was wanted
        centre = MIN_LAG + i * q
        first, last = max(MIN_LAG, centre - q), min(longest, centre + q)
        count, ref = last - first + 1, _HISTORY - MATCH_BEFORE
        np.multiply(z, z, out=self._z_square)
        if sign > 0:
            at = ref + first
            rows, energies = self._z_rows[self._which], self._z_square_rows
        else:
            at = self._z_square_back.shape[0] - 1 - (ref - first)
            rows, energies = self._z_rows_back[self._which], self._z_square_back
        corr, norm = self._fine_corr[:count], self._fine_norm[:count]
        np.matmul(rows[at : at + count], self._refs[self._which], out=corr)
        np.matmul(energies[at : at + count], self._fine_ones, out=norm)
        _normalise(corr, norm, float(np.dot(self._z_square[ref : ref + _MATCH], self._fine_ones)))
        best = int(np.argmax(corr))
        return first + best, float(corr[best])

    def _fades(self, length: int, correlation: float) -> None:
        """Cross-fade curves of ``length`` samples whose sum keeps the power of signals that
        correlate by ``correlation`` (equal gain when identical, equal power when unrelated)."""
        c = min(max(correlation, 0.0), 1.0)
        s, g, o = self._fade_in[:length], self._scratch[:length], self._fade_out[:length]
        np.multiply(self._ramp[:length], np.pi / length, out=s)
        np.cos(s, out=s)
        np.multiply(s, -0.5, out=s)
        np.add(s, 0.5, out=s)  # raised cosine, 0 to 1
        np.subtract(1.0, s, out=o)
        # power of s*b + (1-s)*a: s^2 + (1-s)^2 + 2c s(1-s) = 1 - 2(1-c) s(1-s)
        np.multiply(s, o, out=g)
        np.multiply(g, -2.0 * (1.0 - c), out=g)
        np.add(g, 1.0, out=g)
        np.sqrt(g, out=g)
        np.divide(s, g, out=s)
        np.divide(o, g, out=o)

    def _remember(self, z: F32, out: F32) -> None:
        """The next call's history: the last samples played (old history, then ``out``)."""
        h = _HISTORY
        k = out.shape[0]
        nxt = self._z[1 - self._which]
        if k >= h:
            np.copyto(nxt[:h], out[k - h :])
        else:
            np.copyto(nxt[: h - k], z[k:h])
            np.copyto(nxt[h - k : h], out)
        self._which = 1 - self._which


def _normalise(products: F32, energies: F32, reference: float) -> None:
    """``products`` divided by the root of ``energies`` times ``reference``, in place
    (``energies`` is overwritten): the normalised correlations, 0 where a window is silent."""
    np.maximum(energies, 0.0, out=energies)  # rounding can leave a silent window below 0
    np.multiply(energies, reference, out=energies)
    np.sqrt(energies, out=energies)
    np.add(energies, 1e-20, out=energies)
    np.divide(products, energies, out=products)

"""Loop detection: a channel's own output coming back in the floor (sans-I/O).

A device gateway plays each interpretation channel into a virtual device and
captures the floor from another. When a platform client is set up wrongly
(the floor client also hears a channel's microphone), the channel comes back
in the floor, the hub sends it to the interpreters as the floor, and the
channel is fed its own output: an echo at best, a howl at worst.

:class:`LoopDetector` takes every block played on each channel
(:meth:`~LoopDetector.output`) and every block of the floor
(:meth:`~LoopDetector.floor`), both in their order of time; every
:data:`HOP_S` of floor it compares the last :data:`WINDOW_S` of floor with
each channel's recent output at every delay up to ``max_delay_s`` (normalised
cross-correlation, so the platform's gain and polarity do not matter, on a 4 kHz
low-passed copy, so a speech codec's treatment of the high band does not
either), and reports a :class:`Loop` from :meth:`~LoopDetector.loops_found`
when a channel's output is found in the floor at the same delay on
:data:`CONFIRM` hops in a row.

A hub passes the floor on to a channel while nobody is on air there, so that
channel's output *follows* the floor; only output that *precedes* the floor
is a loop. Speech does not repeat itself, so the delays searched keep the two
apart; but a floor that does (a tone, music, a test signal's bursts) matches
the output it passed on at a positive delay too. So a match is no loop when
the output's last window is found in the floor's past as well (at delays up
to :data:`FOLLOW_MAX_S`): a loop is found while an interpreter speaks, not
while the channel only carries the floor back.

Blocks are the clock (10 ms each), so tests run in virtual time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK, SAMPLE_RATE

DECIMATION: Final = 12
"""48 kHz to 4 kHz: a 12-sample average per sample (the band where speech has its energy)."""
RATE: Final = SAMPLE_RATE // DECIMATION
WINDOW_S: Final = 1.0
"""How much floor is compared each time: long enough that unrelated speech does not match.

With 0.5 s two unrelated voices of similar pitch scored up to 0.58 at some
delay; with 1 s at most 0.33 (synthetic voices, 80 s of them).
"""
HOP_S: Final = 0.25
"""How often (in floor time) the comparison runs."""
MAX_DELAY_S: Final = 1.0
"""Default longest output-to-floor delay searched: a platform's round trip plus the buffers."""
THRESHOLD: Final = 0.45
"""Normalised correlation at or above which the output is "in" the floor.

A loop on its own scores above 0.9; through Opus at 24 kb/s with other floor
speech as loud as the loop, about 0.6; unrelated speech at most 0.33
(tests/audio/test_gateway_device_loop.py).
"""
FOLLOW_MAX_S: Final = 2.0
"""Longest floor-to-channel delay through the hub and back searched (a hub far away, buffers)."""
CONFIRM: Final = 2
"""Hops in a row that must find the output at one delay before a loop is reported."""
DELAY_TOLERANCE_S: Final = 0.025
"""How far the delay may move between confirming hops.

A device clock drifts, a loop through ``module-loopback`` adapts its latency,
and on a loaded machine a stream skips or repeats a block now and then.
"""
SILENCE_RMS: Final = 10 ** (-50 / 20)
"""Output or floor quieter than this (-50 dBFS) over the window is not compared."""


@dataclass(frozen=True, slots=True)
class Loop:
    """``channel``'s output is back in the floor ``delay_s`` later, ``similarity`` (0..1) alike."""

    channel: str
    delay_s: float
    similarity: float


class _History:
    """The last ``size`` decimated samples of one stream, oldest first."""

    def __init__(self, size: int) -> None:
        self.samples = np.zeros(size, dtype=np.float64)

    def append(self, block: npt.NDArray[np.float32]) -> None:
        low = block.reshape(-1, DECIMATION).mean(axis=1)
        self.samples = np.roll(self.samples, -low.size)
        self.samples[-low.size :] = low


class LoopDetector:
    """Finds each of ``channels``' output in the floor; see the module docstring."""

    def __init__(self, channels: Iterable[str], *, max_delay_s: float = MAX_DELAY_S) -> None:
        self._window = int(WINDOW_S * RATE)
        self._max_lag = int(max_delay_s * RATE)
        self._hop_blocks = round(HOP_S * SAMPLE_RATE / BLOCK)
        self._floor = _History(self._window + int(FOLLOW_MAX_S * RATE))
        self._floor_blocks = 0
        self._outputs = {ch: _History(self._window + self._max_lag) for ch in channels}
        self._streak: dict[str, tuple[int, int]] = {ch: (0, 0) for ch in self._outputs}
        """Per channel: hops in a row that found the output, and at which lag."""
        self._found: list[Loop] = []

    def output(self, channel: str, block: npt.NDArray[np.float32]) -> None:
        """One 10 ms block played on ``channel`` (silence too: the clock must keep going)."""
        history = self._outputs.get(channel)
        if history is not None:
            history.append(block)

    def floor(self, block: npt.NDArray[np.float32]) -> None:
        """One 10 ms block of the floor as captured."""
        self._floor.append(block)
        self._floor_blocks += 1
        if self._floor_blocks % self._hop_blocks == 0 and self._floor_blocks * BLOCK >= (
            self._window * DECIMATION
        ):
            self._compare()

    def loops_found(self) -> list[Loop]:
        """The loops found since the last call.

        Each channel is reported once: from then on it is no longer watched
        (and its :meth:`output` blocks are ignored), as its caller stops playing it.
        """
        found, self._found = self._found, []
        return found

    def _compare(self) -> None:
        f = self._floor.samples[-self._window :]
        f_energy = float(f @ f)
        if f_energy < SILENCE_RMS**2 * f.size:
            self._streak = dict.fromkeys(self._streak, (0, 0))
            return
        tolerance = DELAY_TOLERANCE_S * RATE
        for channel, history in list(self._outputs.items()):
            lag, similarity = self._best_lag(history.samples, f, f_energy)
            hops, last_lag = self._streak[channel]
            if similarity < THRESHOLD or self._follows(history.samples[-self._window :]):
                self._streak[channel] = (0, 0)
                continue
            hops = hops + 1 if hops and abs(lag - last_lag) <= tolerance else 1
            self._streak[channel] = (hops, lag)
            if hops == CONFIRM:
                self._found.append(Loop(channel, lag / RATE, similarity))
                del self._outputs[channel], self._streak[channel]

    def _follows(self, o: npt.NDArray[np.float64]) -> bool:
        """Whether the output window ``o`` is found in the floor's past: the floor passed on."""
        o_energy = float(o @ o)
        if o_energy < SILENCE_RMS**2 * o.size:
            return False
        return self._best_lag(self._floor.samples, o, o_energy)[1] >= THRESHOLD

    def _best_lag(
        self, o: npt.NDArray[np.float64], f: npt.NDArray[np.float64], f_energy: float
    ) -> tuple[int, float]:
        """How long before its end the history ``o`` best matches the window ``f``, how well.

        The delay is in decimated samples, from the end of ``f``'s match in ``o``
        to the end of ``o``; ``f_energy`` is ``f @ f``.
        """
        w = f.size
        n = 1 << int(np.ceil(np.log2(o.size + w)))
        # corr[m] = sum_i f[i] o[m + i]: the output window starting at m against the floor
        corr = np.fft.irfft(np.fft.rfft(o, n) * np.conj(np.fft.rfft(f, n)), n)[: o.size - w + 1]
        energy = np.concatenate(([0.0], np.cumsum(o * o)))
        window_energy = energy[w:] - energy[:-w]
        audible = window_energy >= SILENCE_RMS**2 * w
        if not audible.any():
            return 0, 0.0
        score = np.where(
            audible, np.abs(corr) / np.sqrt(np.maximum(window_energy, 1e-30) * f_energy), 0.0
        )
        m = int(np.argmax(score))
        return o.size - w - m, float(score[m])

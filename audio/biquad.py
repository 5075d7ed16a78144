"""Second-order IIR sections (biquads): coefficients, designs and responses.

This module only *describes* filters; :mod:`audio.blockfilter` runs them over
audio blocks. Keeping the two apart lets the designs be checked against their
analytic frequency response (cheap, exact) and the block engine against a
plain per-sample loop (slow, obvious), each on its own.

Designs follow Robert Bristow-Johnson's "Audio EQ Cookbook", the de-facto
reference for shelving and pass filters: it is what most consoles and DAWs
implement, so "bass +6 dB at 250 Hz" means the same here as elsewhere. The
bilinear transform it uses maps the analog prototype exactly at the corner
frequency and warps the response near Nyquist, which for a 48 kHz console
(band of interest up to 15 kHz) is harmless.

All coefficients are normalised so that ``a0 == 1`` and stored as Python
floats (float64): designs happen off the audio path, and the block engine
decides the precision it runs at.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import SAMPLE_RATE


@dataclass(frozen=True, slots=True)
class Biquad:
    """``H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)``.

    Frozen so a design can be shared between threads and cached without
    anyone changing it under the audio thread's feet.
    """

    b0: float
    b1: float
    b2: float
    a1: float
    a2: float

    def response(
        self, freqs_hz: npt.ArrayLike, rate: int = SAMPLE_RATE
    ) -> npt.NDArray[np.complex128]:
        """Complex frequency response at ``freqs_hz`` (evaluated exactly on the unit circle)."""
        z1 = np.exp(-2j * np.pi * np.asarray(freqs_hz, dtype=np.float64) / rate)
        z2 = z1 * z1
        num = self.b0 + self.b1 * z1 + self.b2 * z2
        den = 1.0 + self.a1 * z1 + self.a2 * z2
        return np.asarray(num / den, dtype=np.complex128)

    @property
    def is_identity(self) -> bool:
        """True for the pass-through section (what a 0 dB shelf designs to)."""
        return self.b0 == 1.0 and self.b1 == self.a1 and self.b2 == self.a2


IDENTITY: Final = Biquad(1.0, 0.0, 0.0, 0.0, 0.0)


def _normalised(b0: float, b1: float, b2: float, a0: float, a1: float, a2: float) -> Biquad:
    return Biquad(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0)


def _check(freq_hz: float, rate: int) -> float:
    if not 0.0 < freq_hz < rate / 2:
        raise ValueError(f"corner frequency {freq_hz} Hz is outside (0, {rate / 2}) Hz")
    return 2.0 * math.pi * freq_hz / rate


def low_shelf(
    freq_hz: float, gain_db: float, rate: int = SAMPLE_RATE, slope: float = 1.0
) -> Biquad:
    """RBJ low shelf: ``gain_db`` below ``freq_hz``, 0 dB above; half the gain at ``freq_hz``.

    ``slope`` 1.0 is the steepest shelf without a bump in the response, the
    usual choice for a console's bass control.
    """
    return _shelf(freq_hz, gain_db, rate, slope, 1.0)


def high_shelf(
    freq_hz: float, gain_db: float, rate: int = SAMPLE_RATE, slope: float = 1.0
) -> Biquad:
    """RBJ high shelf: ``gain_db`` above ``freq_hz``, 0 dB below; half the gain at ``freq_hz``."""
    return _shelf(freq_hz, gain_db, rate, slope, -1.0)


def _shelf(freq_hz: float, gain_db: float, rate: int, slope: float, side: float) -> Biquad:
    """The RBJ shelves; ``side`` -1 mirrors the low shelf into the high one (cos w0 -> -cos w0)."""
    w0 = _check(freq_hz, rate)
    a = 10.0 ** (gain_db / 40.0)
    c = side * math.cos(w0)
    alpha = math.sin(w0) / 2.0 * math.sqrt((a + 1.0 / a) * (1.0 / slope - 1.0) + 2.0)
    t = 2.0 * math.sqrt(a) * alpha
    return _normalised(
        a * ((a + 1) - (a - 1) * c + t),
        2 * a * side * ((a - 1) - (a + 1) * c),
        a * ((a + 1) - (a - 1) * c - t),
        (a + 1) + (a - 1) * c + t,
        -2 * side * ((a - 1) + (a + 1) * c),
        (a + 1) + (a - 1) * c - t,
    )


def lowpass(freq_hz: float, q: float = math.sqrt(0.5), rate: int = SAMPLE_RATE) -> Biquad:
    """RBJ second-order low-pass (Butterworth for ``q = 1/sqrt(2)``)."""
    w0 = _check(freq_hz, rate)
    cos_w0 = math.cos(w0)
    alpha = math.sin(w0) / (2.0 * q)
    return _normalised(
        (1 - cos_w0) / 2, 1 - cos_w0, (1 - cos_w0) / 2, 1 + alpha, -2 * cos_w0, 1 - alpha
    )


def highpass(freq_hz: float, q: float = math.sqrt(0.5), rate: int = SAMPLE_RATE) -> Biquad:
    """RBJ second-order high-pass (Butterworth for ``q = 1/sqrt(2)``)."""
    w0 = _check(freq_hz, rate)
    cos_w0 = math.cos(w0)
    alpha = math.sin(w0) / (2.0 * q)
    return _normalised(
        (1 + cos_w0) / 2, -(1 + cos_w0), (1 + cos_w0) / 2, 1 + alpha, -2 * cos_w0, 1 - alpha
    )


def butterworth_qs(order: int) -> tuple[float, ...]:
    """The Q of each second-order section of an even-order Butterworth filter.

    Cascading RBJ low-passes with these Qs gives a maximally flat response of
    ``6 * order`` dB per octave: steep band limits for test signals and for
    anyone who needs an anti-alias style cut.
    """
    if order < 2 or order % 2:
        raise ValueError("order must be even and >= 2")
    return tuple(
        1.0 / (2.0 * math.cos((2 * k + 1) * math.pi / (2 * order))) for k in range(order // 2)
    )


def cascade_response(
    sections: Iterable[Biquad], freqs_hz: npt.ArrayLike, rate: int = SAMPLE_RATE
) -> npt.NDArray[np.complex128]:
    """Complex response of sections in series (the product of their responses)."""
    out = np.ones(np.shape(freqs_hz), dtype=np.complex128)
    for section in sections:
        out *= section.response(freqs_hz, rate)
    return out


def cascade_gain_db(sections: Sequence[Biquad], freq_hz: float, rate: int = SAMPLE_RATE) -> float:
    """Gain in dB of sections in series at one frequency."""
    return float(20.0 * np.log10(np.abs(cascade_response(sections, [freq_hz], rate)[0])))

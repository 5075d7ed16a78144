"""Shared helpers for the DSP tests: test signals, a reference filter, an allocation probe.

Signals are float32 at 48 kHz, like the engine's blocks. The reference filter
is the obvious per-sample direct-form-I loop in float64, deliberately written
without any of the block engine's matrix tricks so that it can check them.
"""

from __future__ import annotations

import math
import tracemalloc
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import numpy.typing as npt

from audio.biquad import Biquad, butterworth_qs, lowpass
from audio.format import BLOCK, SAMPLE_RATE

F32 = npt.NDArray[np.float32]

ALLOC_PEAK_LIMIT = 1800
"""Bytes. numpy's own call machinery (ufunc/gufunc iterators, reduction setup) briefly
allocates up to about 1.1 KB per call; a single 480-sample float32 buffer is 1920 B.
A peak under this limit over 1000 blocks therefore means no sample buffer was allocated."""

ALLOC_HELD_LIMIT = 1024
"""Bytes still held after the probe. A processor's attributes may end up holding a few new
Python scalars (ints above 256, floats) in place of ones allocated before tracing began;
a leak of anything per block would hold at least 28 kB after 1000 blocks."""


def reference_filter(sections: Sequence[Biquad], x: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Direct form I, one sample at a time, float64, zero initial state."""
    signal = np.asarray(x, dtype=np.float64)
    for q in sections:
        y = np.empty_like(signal)
        x1 = x2 = y1 = y2 = 0.0
        for n, v in enumerate(signal.tolist()):
            o = q.b0 * v + q.b1 * x1 + q.b2 * x2 - q.a1 * y1 - q.a2 * y2
            x2, x1, y2, y1 = x1, v, y1, o
            y[n] = o
        signal = y
    return signal


def sine(freq_hz: float, seconds: float, amplitude: float = 1.0, phase: float = 0.0) -> F32:
    n = round(seconds * SAMPLE_RATE)
    t = np.arange(n, dtype=np.float64) / SAMPLE_RATE
    return (amplitude * np.sin(2 * np.pi * freq_hz * t + phase)).astype(np.float32)


def noise(seconds: float, rms: float = 1.0, seed: int = 0) -> F32:
    """White Gaussian noise with the given RMS (not AES17: plain root mean square)."""
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(round(seconds * SAMPLE_RATE)) * rms).astype(np.float32)


def brickwall(x: npt.ArrayLike, cutoff_hz: float) -> F32:
    """Zero everything above ``cutoff_hz``: what resampling from a phone line's 8 kHz does."""
    spectrum = np.fft.rfft(np.asarray(x, dtype=np.float64))
    freqs = np.fft.rfftfreq(np.size(x), 1.0 / SAMPLE_RATE)
    spectrum[freqs > cutoff_hz] = 0.0
    return np.fft.irfft(spectrum, n=np.size(x)).astype(np.float32)


def butterworth_lowpass(order: int, cutoff_hz: float) -> list[Biquad]:
    """An even-order Butterworth low-pass as RBJ sections (our own filters, no scipy)."""
    return [lowpass(cutoff_hz, q) for q in butterworth_qs(order)]


def apply_filter(sections: Sequence[Biquad], x: npt.NDArray[np.floating]) -> F32:
    """Filter a whole test signal (a multiple of the block length) with the block engine."""
    from audio.blockfilter import BlockFilter

    f = BlockFilter(sections, channels=1 if x.ndim == 1 else x.shape[1])
    return run_blocks(f.process, x)


def bursts(x: npt.ArrayLike, on_s: float = 0.3, off_s: float = 0.2, ramp_s: float = 0.005) -> F32:
    """Gate a signal on and off like speech with pauses (raised-cosine edges)."""
    signal = np.asarray(x, dtype=np.float64)
    period = round((on_s + off_s) * SAMPLE_RATE)
    on = round(on_s * SAMPLE_RATE)
    ramp = round(ramp_s * SAMPLE_RATE)
    one = np.zeros(period)
    one[:on] = 1.0
    edge = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
    one[:ramp] = edge
    one[on - ramp : on] = edge[::-1]
    envelope = np.tile(one, math.ceil(signal.size / period))[: signal.size]
    return (signal * envelope).astype(np.float32)


def blocks(x: npt.NDArray[np.floating], block: int = BLOCK) -> Iterator[npt.NDArray[np.floating]]:
    """Consecutive whole blocks of ``x`` (along the first axis)."""
    for start in range(0, x.shape[0] - block + 1, block):
        yield x[start : start + block]


def run_blocks(
    process: Callable[[npt.NDArray[np.floating]], npt.NDArray[np.floating] | None],
    x: npt.NDArray[np.floating],
    block: int = BLOCK,
) -> F32:
    """Feed ``x`` block by block; concatenate what ``process`` returns (copies)."""
    outs = []
    for b in blocks(x, block):
        y = process(b)
        assert y is not None
        outs.append(np.array(y, dtype=np.float32, copy=True))
    return np.concatenate(outs)


def alloc_probe(
    step: Callable[[], object], blocks_: int = 1000, warmup: int = 50
) -> tuple[int, int]:
    """Run ``step`` ``blocks_`` times under tracemalloc; return (bytes still held, peak bytes).

    Both are relative to the start of tracing, after ``warmup`` untraced calls.
    """
    for _ in range(warmup):
        step()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        for _ in range(blocks_):
            step()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return current - base, peak - base


def rms_db(x: npt.ArrayLike) -> float:
    """Plain RMS in dB (full-scale square = 0 dB)."""
    v = np.asarray(x, dtype=np.float64)
    return 10.0 * math.log10(float(np.mean(v * v)))

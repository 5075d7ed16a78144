"""Run a cascade of biquads over fixed-size blocks with a few matrix products.

:class:`BlockFilter` filters 10 ms blocks (one channel, or interleaved
channels sharing the coefficients) without a per-sample Python loop and
without allocating: call :meth:`BlockFilter.process` once per block on the
audio thread, and build the filter elsewhere (a few ms) and hand it over.
:func:`state_space` gives the cascade's state-space model. How blocks become
matrix products, and the numerics and denormal handling: docs/architecture.md,
"Design notes".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.biquad import Biquad
from audio.format import BLOCK

_FLUSH: Final = 1e-18
"""Adding then subtracting it rounds states under ~6e-26 to exact zero (see the module doc)."""

DEFAULT_SUB_BLOCK: Final = 48
"""Sub-block length: among the fastest measured (24 to 80 are within noise) for one
and two channels on x86-64 with OpenBLAS; 240 and 480 are 1.5 to 2 times slower."""

Float32Array = npt.NDArray[np.float32]
Float64Array = npt.NDArray[np.float64]


def state_space(
    sections: Sequence[Biquad],
) -> tuple[Float64Array, Float64Array, Float64Array, float]:
    """``(A, B, C, D)`` of the sections in series: ``s' = A s + B x``, ``y = C s + D x``.

    Each section is taken in transposed direct form II, whose two delay
    registers become two state variables; cascading feeds one section's
    output (``C s + D x``) into the next section's input.
    """
    if not sections:
        raise ValueError("a filter needs at least one section")
    a = np.zeros((0, 0))
    b = np.zeros(0)
    c = np.zeros(0)
    d = 1.0
    for q in sections:
        ak = np.array([[-q.a1, 1.0], [-q.a2, 0.0]])
        bk = np.array([q.b1 - q.a1 * q.b0, q.b2 - q.a2 * q.b0])
        ck = np.array([1.0, 0.0])
        dk = q.b0
        m = a.shape[0]
        a_new = np.zeros((m + 2, m + 2))
        a_new[:m, :m] = a
        a_new[m:, :m] = np.outer(bk, c)
        a_new[m:, m:] = ak
        a = a_new
        b = np.concatenate([b, bk * d])
        c = np.concatenate([dk * c, ck])
        d = dk * d
    return a, b, c, d


class BlockFilter:
    """A cascade of biquads applied to blocks of ``block`` samples, ``channels`` at once.

    Blocks are ``(block,)`` arrays for one channel and ``(block, channels)``
    (interleaved, as sound devices deliver them) for more. Each channel has
    its own state; all share the coefficients.

    Not thread-safe: one thread (the audio thread) calls :meth:`process`.
    Building a filter is the expensive part (a few ms): do it elsewhere and
    hand the finished object over, as :mod:`audio.tone` does.
    """

    def __init__(
        self,
        sections: Sequence[Biquad],
        *,
        block: int = BLOCK,
        channels: int = 1,
        sub_block: int = DEFAULT_SUB_BLOCK,
    ) -> None:
        if channels < 1:
            raise ValueError("channels must be >= 1")
        if sub_block < 1 or block % sub_block:
            raise ValueError(f"sub_block {sub_block} must divide block {block}")
        self.sections: Final = tuple(sections)
        self.block: Final = block
        self.channels: Final = channels
        a, b, c, d = state_space(self.sections)
        m = a.shape[0]
        sub = sub_block
        p = block // sub

        powers = [np.eye(m)]
        for _ in range(sub):
            powers.append(powers[-1] @ a)
        impulse = np.empty(sub)
        impulse[0] = d
        for k in range(1, sub):
            impulse[k] = c @ powers[k - 1] @ b
        h = np.zeros((sub, sub))
        for k in range(sub):
            h[np.arange(k, sub), np.arange(0, sub - k)] = impulse[k]
        g = np.stack([c @ powers[n] for n in range(sub)])  # (sub, m): output from state
        cs = np.stack([powers[sub - 1 - k] @ b for k in range(sub)], axis=1)  # (m, sub)
        d_sub = powers[sub]
        t = np.zeros(((p + 1) * m, (p + 1) * m))
        d_pow = [np.eye(m)]
        for _ in range(p):
            d_pow.append(d_pow[-1] @ d_sub)
        for i in range(p + 1):
            for j in range(i, p + 1):
                t[i * m : (i + 1) * m, j * m : (j + 1) * m] = d_pow[j - i].T

        f32 = np.float32
        self._ht: Final = np.ascontiguousarray(h.T, dtype=f32)
        self._cst: Final = np.ascontiguousarray(cs.T, dtype=f32)
        self._gt: Final = np.ascontiguousarray(g.T, dtype=f32)
        self._tt: Final = np.ascontiguousarray(t, dtype=f32)

        self._x: Final = np.zeros((channels, p, sub), dtype=f32)
        self._y: Final = np.zeros((channels, p, sub), dtype=f32)
        self._y_state: Final = np.zeros((channels, p, sub), dtype=f32)
        self._z: Final = np.zeros((channels, p + 1, m), dtype=f32)
        self._s: Final = np.zeros((channels, p + 1, m), dtype=f32)
        # Views, made once: creating them per block would allocate.
        self._z_flat: Final = self._z.reshape(channels, (p + 1) * m)
        self._s_flat: Final = self._s.reshape(channels, (p + 1) * m)
        self._z_start: Final = self._z[:, 0, :]
        self._z_sub: Final = self._z[:, 1:, :]
        self._s_sub: Final = self._s[:, :p, :]
        self._s_end: Final = self._s[:, p, :]
        self._x_rows: Final = self._x.reshape(channels * p, sub)
        self._y_rows: Final = self._y.reshape(channels * p, sub)
        self._y_flat: Final = self._y.reshape(channels * block)
        # I/O views: (block,) for one channel, (block, channels) interleaved for more.
        self._x_io: Final = (
            self._x.reshape(block) if channels == 1 else self._x.reshape(channels, block).T
        )
        self._y_io: Final = (
            self._y.reshape(block) if channels == 1 else self._y.reshape(channels, block).T
        )

    @property
    def output(self) -> Float32Array:
        """The last block's output (a view into this filter; overwritten by the next block)."""
        return self._y_io

    @property
    def output_samples(self) -> Float32Array:
        """The last block's output as one flat, contiguous view, channel after channel.

        For statistics that ignore sample order (sums of squares): unlike
        :attr:`output` it is contiguous for any channel count, so BLAS takes
        it without a copy.
        """
        return self._y_flat

    def reset(self) -> None:
        """Forget the past: zero state, as if the input had always been silent."""
        self._z_start.fill(0.0)

    def process(self, x: npt.NDArray[np.floating], out: Float32Array | None = None) -> Float32Array:
        """Filter one block; write it to ``out`` (may be ``x``) or return :attr:`output`.

        Audio thread only. Allocates nothing.
        """
        np.copyto(self._x_io, x)
        np.matmul(self._x, self._cst, out=self._z_sub)
        np.matmul(self._z_flat, self._tt, out=self._s_flat)
        np.add(self._s_end, _FLUSH, out=self._z_start)  # next block's start state,
        np.subtract(self._z_start, _FLUSH, out=self._z_start)  # flushed of denormals
        np.matmul(self._x_rows, self._ht, out=self._y_rows)
        np.matmul(self._s_sub, self._gt, out=self._y_state)
        np.add(self._y, self._y_state, out=self._y)
        if out is None:
            return self._y_io
        np.copyto(out, self._y_io)
        return out

"""A preallocated sample FIFO: blocks of one size in, blocks of another size out.

The engine thinks in 10 ms blocks (480 samples, the size every DSP stage is
built for), while a port may deliver another size and a 20 ms Opus packet
decodes into two blocks' worth. This FIFO re-blocks between them without
allocating sample memory: a circular buffer, each transfer at most two
copies. One thread only (the engine's).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


class SampleFifo:
    """Up to ``capacity`` frames of ``channels`` float32 samples, first in first out.

    Mono FIFOs take and give ``(frames,)`` arrays; others ``(frames, channels)``.
    """

    def __init__(self, capacity: int, channels: int = 1) -> None:
        if capacity < 1 or channels < 1:
            raise ValueError(f"bad FIFO shape {capacity}x{channels}")
        self.capacity = capacity
        self.channels = channels
        shape = (capacity,) if channels == 1 else (capacity, channels)
        self._buf = np.zeros(shape, dtype=np.float32)
        self._read = 0
        self._count = 0

    def __len__(self) -> int:
        """Frames waiting."""
        return self._count

    @property
    def space(self) -> int:
        return self.capacity - self._count

    def write(self, x: npt.NDArray[np.float32]) -> None:
        """Append ``x``; raises OverflowError when it does not fit (the caller's bug)."""
        m = x.shape[0]
        if m > self.capacity - self._count:
            raise OverflowError(f"{m} frames do not fit: {self.space} of {self.capacity} free")
        start = (self._read + self._count) % self.capacity
        first = min(m, self.capacity - start)
        self._buf[start : start + first] = x[:first]
        if m > first:
            self._buf[: m - first] = x[first:]
        self._count += m

    def read_into(self, out: npt.NDArray[np.float32]) -> bool:
        """Fill ``out`` with the oldest frames; False (``out`` untouched) if too few wait."""
        m = out.shape[0]
        if m > self._count:
            return False
        r = self._read
        first = min(m, self.capacity - r)
        out[:first] = self._buf[r : r + first]
        if m > first:
            out[first:] = self._buf[: m - first]
        self._read = (r + m) % self.capacity
        self._count -= m
        return True

    def clear(self) -> None:
        self._read = 0
        self._count = 0

"""A single-producer, single-consumer ring of fixed-size audio blocks.

This is the only thing an audio callback touches. The callback thread and the
engine thread share it without a lock: each index is written by one side only,
and under the GIL an ``int`` store is atomic, so the reader never sees a slot
that the writer has not finished copying (the index moves after the copy).
All memory is allocated up front; ``push`` and ``pop_into`` only copy.

A playback callback uses :meth:`BlockRing.play_into`: when the engine is
late and the ring is empty, the sound does not drop from its last sample to
zero in one step (a click in the interpreter's ears, the very thing hearing
protection is there to prevent), it fades to zero over :data:`FADE_FRAMES`,
and the block after the gap fades back in.

Each pop also notes when it happened (:attr:`BlockRing.taken`), and each
push (:attr:`BlockRing.given`): for a playback ring's pops and a capture
ring's pushes, that is the port's clock itself, which the engine times its
blocks by (:mod:`audio.clock`).
"""

from __future__ import annotations

import time
from typing import Final

import numpy as np
import numpy.typing as npt

FADE_FRAMES: Final = 96
"""2 ms at 48 kHz: long enough to turn a step into a soft edge, short enough to lose nothing."""


class BlockRing:
    """``capacity`` blocks of ``frames`` x ``channels`` float32 samples.

    Overruns (push into a full ring) drop the new block; underruns (pop from an
    empty ring) leave the caller to play silence. Both are counted, because a
    glitch that is not counted cannot be found later.
    """

    def __init__(self, capacity: int, frames: int, channels: int = 1) -> None:
        if capacity < 1:
            raise ValueError(f"a ring needs at least one block, not {capacity}")
        if frames < 1 or channels < 1:
            raise ValueError(f"bad block shape {frames}x{channels}")
        self.frames = frames
        self.channels = channels
        # One spare slot tells "full" from "empty" without a shared counter.
        self._slots = np.zeros((capacity + 1, frames, channels), dtype=np.float32)
        self._size = capacity + 1
        self._write = 0  # written only by the producer
        self._read = 0  # written only by the consumer
        self.overruns = 0  # producer side
        self.underruns = 0  # consumer side
        self.gaps = 0
        """Underruns in :meth:`play_into` that began a gap: a run of them is one gap heard
        (one fade out, one fade in), however many blocks it lasts (consumer side)."""
        self.pops = 0
        """Pops so far, underruns included (consumer side)."""
        self.taken: tuple[float, int] | None = None
        """``(time.monotonic(), pops)`` as of the newest pop, or None before the first: one
        reference, so a producer reading it never mixes one pop's time with another's count."""
        self.pushes = 0
        """Pushes so far, overruns included (producer side)."""
        self.given: tuple[float, int] | None = None
        """``(time.monotonic(), pushes)`` as of the newest push, or None before the first
        (producer side; one reference, as :attr:`taken`)."""
        # play_into's state, consumer side only
        fade = min(FADE_FRAMES, frames)
        ramp = (0.5 + 0.5 * np.cos(np.pi * (np.arange(fade) + 1) / (fade + 1))).astype(np.float32)
        self._fade_ramp = ramp
        self._fade_in = np.repeat(ramp[::-1, None], channels, axis=1)
        self._last = np.zeros(channels, dtype=np.float32)
        self._gap = False

    @property
    def capacity(self) -> int:
        return self._size - 1

    def __len__(self) -> int:
        """Blocks waiting to be read (a snapshot; either side may move it)."""
        return (self._write - self._read) % self._size

    def push(self, block: npt.NDArray[np.float32]) -> bool:
        """Copy ``block`` (frames x channels, or frames for mono) into the ring."""
        self.pushes += 1
        self.given = (time.monotonic(), self.pushes)
        write = self._write
        following = (write + 1) % self._size
        if following == self._read:
            self.overruns += 1
            return False
        slot = self._slots[write]
        if block.ndim == 1:
            slot[:, 0] = block
        else:
            slot[:] = block
        self._write = following
        return True

    def pop_into(self, out: npt.NDArray[np.float32]) -> bool:
        """Copy the oldest block into ``out``; on underrun fill it with zeros."""
        self.pops += 1
        self.taken = (time.monotonic(), self.pops)
        read = self._read
        if read == self._write:
            self.underruns += 1
            out[:] = 0.0
            return False
        slot = self._slots[read]
        if out.ndim == 1:
            out[:] = slot[:, 0]
        else:
            out[:] = slot
        self._read = (read + 1) % self._size
        return True

    def play_into(self, out: npt.NDArray[np.float32]) -> bool:
        """:meth:`pop_into` for a playback callback: fade out into an underrun, in after it.

        ``out`` is ``(frames, channels)``. Allocates nothing.
        """
        fade = self._fade_in.shape[0]
        head = out[:fade]
        if self.pop_into(out):
            if self._gap:
                np.multiply(head, self._fade_in, out=head)
                self._gap = False
            np.copyto(self._last, out[-1])
            return True
        if not self._gap:  # channel by channel: a broadcast product would allocate a buffer
            ramp, last = self._fade_ramp, self._last
            for c in range(self.channels):
                np.multiply(ramp, last[c], out=head[:, c])
            self._gap = True
            self.gaps += 1
        return False

    def clear(self) -> None:
        """Drop everything waiting. Only the consumer may call this."""
        self._read = self._write

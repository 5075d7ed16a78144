"""The sound card of a gateway (``rsi-gateway``): another platform's meeting as the microphone.

:class:`GatewayPort` is a :class:`~audio.fileport.FilePort` with no files:
its clock (a :class:`~audio.pacer.Pacer` thread) is the engine's, and each
tick captures one block of the platform meeting's sound, which a
:class:`~channels.platforms.link.PlatformSide` gives to
:attr:`GatewayPort.floor_sink` from its own thread, or which the tick takes
from the side's source when the side gave one
(:meth:`FloorInput.pull`: a side with a playout buffer of its own). What the
engine plays (the stereo mix a console would hear) is taken in real time and
discarded: a gateway speaks each channel separately, from
:attr:`audio.engine.Engine.taps`.

Delay: a block waits in the floor ring for the next tick, 0-10 ms, and at
most :data:`FLOOR_KEEP_BLOCKS` more blocks may wait behind it (a platform
that sends 20 ms packets delivers two blocks at once: the second waits 10 ms
more, which is the platform's packetisation, not ours). A pulled block
waits for nothing here: the side's buffer decides what is due at the tick.
"""

from __future__ import annotations

import time
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.fileport import FilePort
from audio.format import BLOCK
from audio.ring import BlockRing
from channels.platforms.link import FloorSource

FLOOR_RING_BLOCKS: Final = 16
FLOOR_KEEP_BLOCKS: Final = 2
"""Blocks of the platform's sound that may still wait after a tick; more are dropped and
counted, so that a burst (a platform packet late once) does not leave its delay behind."""


class FloorInput:
    """The port's way in for the platform's sound: a :class:`~channels.platforms.link.PullingSink`.

    Call it with each block (the side's own thread, no waiting), or give it a
    source with :meth:`pull` that the port's tick asks for each block.
    """

    def __init__(self) -> None:
        self.ring = BlockRing(FLOOR_RING_BLOCKS, BLOCK)
        self.source: FloorSource | None = None

    def __call__(self, block: npt.NDArray[np.float32], arrival: float) -> None:
        """One 10 ms block of the platform meeting's sound; one thread at a time, no waiting."""
        self.ring.push(block)

    def pull(self, source: FloorSource | None) -> None:
        """Take each block from ``source`` on the port's tick from now on; None: pushed ones."""
        self.source = source


class GatewayPort(FilePort):
    """The platform's sound in, the engine's playback discarded, in real time.

    :attr:`floor_sink` is the side's :data:`~channels.platforms.link.FloorSink`;
    each tick takes one block of it, or silence when the platform gave none
    (counted in :attr:`floor_missing`), faded as a sound card's playback is
    (:meth:`~audio.ring.BlockRing.play_into`): a late packet is no click on the
    floor. While a side pulls, each tick asks its source instead.
    """

    def __init__(self) -> None:
        super().__init__(frames=BLOCK)
        self.floor_sink = FloorInput()
        self._floor = self.floor_sink.ring
        self._pulled = self._block[:, 0]
        """The capture block as the ``(BLOCK,)`` a source writes."""
        self.floor_dropped = 0
        """Blocks dropped because more than :data:`FLOOR_KEEP_BLOCKS` waited."""

    @property
    def name(self) -> str:
        return "gateway port: the platform's sound -> nowhere"

    @property
    def floor_missing(self) -> int:
        """Ticks that found no block of the platform's sound (silence went out instead)."""
        return self._floor.underruns

    def start(self) -> None:
        """Start the clock; what the platform gave before it is stale: dropped, uncounted."""
        self._floor.clear()  # the clock is not running: this is the ring's only reader
        super().start()

    def _next_capture(self) -> npt.NDArray[np.float32]:
        ring, block = self._floor, self._block
        source = self.floor_sink.source
        if source is not None:
            source(self._pulled, time.monotonic())
            return block
        while len(ring) > FLOOR_KEEP_BLOCKS + 1:
            ring.pop_into(block)
            self.floor_dropped += 1
        ring.play_into(block)  # when empty: the last sound fades out, and back in after
        return block

"""The sound card of a gateway (``rsi-gateway``): another platform's meeting as the microphone.

:class:`GatewayPort` is a :class:`~audio.fileport.FilePort` with no files:
its clock (a :class:`~audio.pacer.Pacer` thread) is the engine's, and each
tick captures one block of the platform meeting's sound, which a
:class:`~channels.platforms.link.PlatformSide` gives to
:meth:`GatewayPort.floor_sink` from its own thread. What the engine plays
(the stereo mix a console would hear) is taken in real time and discarded:
a gateway speaks each channel separately, from :attr:`audio.engine.Engine.taps`.

Delay: a block waits in the floor ring for the next tick, 0-10 ms, and at
most :data:`FLOOR_KEEP_BLOCKS` more blocks may wait behind it (a platform
that sends 20 ms packets delivers two blocks at once: the second waits 10 ms
more, which is the platform's packetisation, not ours).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from audio.fileport import FilePort
from audio.format import BLOCK
from audio.ring import BlockRing

FLOOR_RING_BLOCKS: Final = 16
FLOOR_KEEP_BLOCKS: Final = 2
"""Blocks of the platform's sound that may still wait after a tick; more are dropped and
counted, so that a burst (a platform packet late once) does not leave its delay behind."""


class GatewayPort(FilePort):
    """The platform's sound in, the engine's playback discarded, in real time.

    :meth:`floor_sink` is the side's :data:`~channels.platforms.link.FloorSink`;
    each tick takes one block of it, or silence when the platform gave none
    (counted in :attr:`floor_missing`).
    """

    def __init__(self) -> None:
        super().__init__(frames=BLOCK)
        self._floor = BlockRing(FLOOR_RING_BLOCKS, BLOCK)
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

    def floor_sink(self, block: npt.NDArray[np.float32], arrival: float) -> None:
        """One 10 ms block of the platform meeting's sound; one thread at a time, no waiting."""
        self._floor.push(block)

    def _next_capture(self) -> npt.NDArray[np.float32]:
        ring, block = self._floor, self._block
        while len(ring) > FLOOR_KEEP_BLOCKS + 1:
            ring.pop_into(block)
            self.floor_dropped += 1
        ring.pop_into(block)  # zeros when empty
        return block

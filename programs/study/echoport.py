"""A scripted interpreter's sound card: it says what it heard, ``evs_s`` later, while on air.

A rehearsal's interpreter bots "interpret" by repeating the floor they hear
with a set ear-voice span, so the study's measures can be checked against
the script: the span measured from their tracks must be ``evs_s``. Like a
console's, their two tracks are recorded side by side from the same clock
tick: ``heard`` (what reached the headset) and ``mic`` (what they said).
"""

from __future__ import annotations

import os

import numpy as np
import numpy.typing as npt

from audio.fileio import FileRecorder
from audio.fileport import FilePort
from audio.format import SAMPLE_RATE


class EchoPort(FilePort):
    """Record what is heard to ``heard`` and speak it ``evs_s`` later, recorded to ``mic``."""

    def __init__(
        self,
        heard: str | os.PathLike[str],
        mic: str | os.PathLike[str],
        evs_s: float,
        *,
        frames: int = 480,
        gain_db: float = -6.0,
    ) -> None:
        super().__init__(None, heard, frames=frames)
        blocks = round(evs_s * SAMPLE_RATE / frames)
        if blocks < 1:
            raise ValueError(f"an ear-voice span of {evs_s} s is under one block")
        self.evs_s = blocks * frames / SAMPLE_RATE
        """The span as the port keeps it: a whole number of blocks."""
        self._line = np.zeros((blocks, frames, 1), dtype=np.float32)
        self._write = 0
        self._gain = np.float32(0.5 * 10.0 ** (gain_db / 20.0))
        self._mic = FileRecorder(mic, frames=frames, channels=1)
        self._silence = np.zeros((frames, 1), dtype=np.float32)
        self.speaking = False
        """Whether it speaks (on air) or keeps quiet; it listens and remembers either way."""

    def start(self) -> None:
        self._mic.start()
        super().start()

    def stop(self) -> None:
        super().stop()
        self._mic.stop()

    def _next_capture(self) -> npt.NDArray[np.float32]:
        """Keep the block heard at the last tick; say the one heard ``evs_s`` ago."""
        slot = self._line[self._write]
        np.add(self._heard[:, 0], self._heard[:, 1], out=slot[:, 0])
        slot *= self._gain
        self._write = (self._write + 1) % len(self._line)
        said: npt.NDArray[np.float32] = self._line[self._write] if self.speaking else self._silence
        self._mic.blocks.push(said)
        return said

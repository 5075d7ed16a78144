"""What the user hears and says, recorded from the engine's clock to two WAV files.

A usability study (``rsi-study``) keeps what reached the interpreter's
headset (the mix after hearing protection, stereo) and what their microphone
took (mono). The engine pushes each 10 ms block into a preallocated ring as
it renders or takes it, and two writer threads (:class:`~audio.fileio.FileRecorder`)
drain the rings to the files: the audio path copies, and allocates, locks and
writes nothing. Both tracks start on the same engine tick (the one that
carries out :class:`~audio.commands.Record`), so sample ``n`` of one is
sample ``n`` of the other, give or take the sound card's own latencies. A
tick the engine missed (the sound card played silence, or lost a microphone
block) is recorded as that much silence (:meth:`RecordTap.missed`), so a
busy machine shifts neither track on the clock.
"""

from __future__ import annotations

import os
import time

import numpy as np

from audio.fileio import FileRecorder
from audio.format import BLOCK, PLAYBACK_CHANNELS


class RecordTap:
    """Record to ``heard`` (stereo) and ``mic`` (mono): ``start()``, then ``Record(tap)``.

    Stop the engine (or submit ``Record(None)``) before :meth:`stop`, which
    writes what is left and closes the files. A disk that falls behind by
    ``buffer_blocks`` blocks drops blocks (counted in ``heard.blocks.overruns``).
    """

    def __init__(
        self,
        heard: str | os.PathLike[str],
        mic: str | os.PathLike[str],
        *,
        buffer_blocks: int = 500,
    ) -> None:
        self.heard = FileRecorder(
            heard, frames=BLOCK, channels=PLAYBACK_CHANNELS, buffer_blocks=buffer_blocks
        )
        self.mic = FileRecorder(mic, frames=BLOCK, channels=1, buffer_blocks=buffer_blocks)
        self._silence = np.zeros((BLOCK, PLAYBACK_CHANNELS), dtype=np.float32)
        self._silence_mono = self._silence[:, 0]
        self._missing = [0, 0]
        """Frames of silence owed to each track (heard, mic), less than a block once paid."""
        self.started_wall: float | None = None
        """When the engine began recording (``time.time()``), set on its thread."""

    def start(self) -> None:
        """Open both files and start their writers (raises AudioFileError)."""
        self.heard.start()
        try:
            self.mic.start()
        except Exception:
            self.heard.stop()
            raise

    def attached(self) -> None:
        """Called by the engine on the tick it begins pushing blocks."""
        self.started_wall = time.time()

    def missed(self, heard_frames: int, mic_frames: int) -> None:
        """The port went on without the engine for these frames: record them as silence."""
        self._missing[0] += heard_frames
        self._missing[1] += mic_frames
        while self._missing[0] >= BLOCK:
            self.heard.blocks.push(self._silence)
            self._missing[0] -= BLOCK
        while self._missing[1] >= BLOCK:
            self.mic.blocks.push(self._silence_mono)
            self._missing[1] -= BLOCK

    def stop(self) -> None:
        self.heard.stop()
        self.mic.stop()

    @property
    def error(self) -> str | None:
        """Why a file stopped being written, or None."""
        return self.heard.error or self.mic.error

"""What the user hears and says, recorded from the engine's clock to two WAV files.

A usability study (``rsi-study``) keeps what reached the interpreter's
headset (the mix after hearing protection, stereo) and what their microphone
took (mono). The engine pushes each 10 ms block into a preallocated ring as
it renders or takes it, and two writer threads (:class:`~audio.fileio.FileRecorder`)
drain the rings to the files: the audio path copies, and allocates, locks and
writes nothing.

Both tracks keep the sound card's time, so sample ``n`` of one was played
when sample ``n`` of the other was captured (give or take the card's own
latencies, to the nearest block on a card whose blocks are not 10 ms). The
engine renders ahead of the card by its lead, which grows on a busy
machine, and takes microphone blocks a little behind it, so at the start
the microphone track leaves out what was captured before the first block
heard is played (:meth:`RecordTap.attached`), at the end it goes on until
it has caught up with the last block heard (:meth:`RecordTap.detach`), and
:meth:`RecordTap.stop` cuts whichever track an engine that stopped early
left longer. A tick the engine missed (the sound card played silence, or
lost a microphone block) is recorded as that much silence
(:meth:`RecordTap.missed`), so a busy machine shifts neither track.
"""

from __future__ import annotations

import os
import time

import numpy as np
import numpy.typing as npt

from audio.fileio import FileRecorder
from audio.format import BLOCK, PLAYBACK_CHANNELS, SAMPLE_RATE


class RecordTap:
    """Record to ``heard`` (stereo) and ``mic`` (mono): ``start()``, then ``Record(tap)``.

    Submit ``Record(None)`` to stop recording (the microphone track runs on
    for the engine's lead, see the module), then stop the engine before
    :meth:`stop`, which writes what is left and closes the files. A disk that
    falls behind by ``buffer_blocks`` blocks drops blocks (counted in
    ``heard.blocks.overruns``).
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
        self._skip = 0
        """Microphone frames still to leave out: captured before the first block heard plays."""
        self._hearing = False
        self._sides = (True, True)
        """Whether the port plays (heard) and captures (mic)."""
        self.heard_blocks = 0
        """Blocks pushed to the heard track (silence for missed ticks included)."""
        self.mic_blocks = 0
        """Blocks pushed to the microphone track (likewise)."""
        self.started_wall: float | None = None
        """When the first block heard was due to play (``time.time()``), set by the engine."""

    def start(self) -> None:
        """Open both files and start their writers (raises AudioFileError)."""
        self.heard.start()
        try:
            self.mic.start()
        except Exception:
            self.heard.stop()
            raise

    def attached(self, ahead_frames: int | None, behind_frames: int | None) -> None:
        """Called by the engine on the tick it begins recording.

        ``ahead_frames``: frames rendered but not yet played (the next block
        heard plays after them); ``behind_frames``: frames captured but not
        yet taken (the next microphone block was captured before them). None
        for a side the port does not have (a headset with no microphone): its
        track stays empty and the other is neither held back nor cut for it.
        """
        self._sides = (ahead_frames is not None, behind_frames is not None)
        self._skip = (ahead_frames or 0) + (behind_frames or 0) if all(self._sides) else 0
        self._hearing = True
        self.started_wall = time.time() + (ahead_frames or 0) / SAMPLE_RATE

    def detach(self) -> None:
        """Stop the heard track; the microphone track goes on until :attr:`caught_up`."""
        self._hearing = False

    @property
    def caught_up(self) -> bool:
        """Detached, and the microphone track is as long as the heard track."""
        if self._hearing:
            return False
        return not all(self._sides) or self.mic_blocks >= self.heard_blocks

    def hear(self, block: npt.NDArray[np.float32]) -> None:
        """One block rendered for the headset (ignored once detached)."""
        if self._hearing:
            self.heard.blocks.push(block)
            self.heard_blocks += 1

    def say(self, block: npt.NDArray[np.float32]) -> None:
        """One block taken from the microphone (left out while it precedes the heard track)."""
        if self._skip >= BLOCK // 2:  # to the nearest block on a card of other block sizes
            self._skip = max(0, self._skip - BLOCK)
        elif not self.caught_up:
            self._skip = 0
            self.mic.blocks.push(block)
            self.mic_blocks += 1

    def missed(self, heard_frames: int, mic_frames: int) -> None:
        """The port went on without the engine for these frames: record them as silence."""
        if self._hearing:
            self._missing[0] += heard_frames
        self._missing[1] += mic_frames
        while self._missing[0] >= BLOCK:
            self.hear(self._silence)
            self._missing[0] -= BLOCK
        while self._missing[1] >= BLOCK:
            self.say(self._silence_mono)
            self._missing[1] -= BLOCK

    def stop(self) -> None:
        """Once the engine has stopped: write the rest, both tracks cut to the shorter (if
        the port has both sides)."""
        keep = min(self.heard_blocks, self.mic_blocks) * BLOCK if all(self._sides) else None
        self.heard.stop(keep_frames=keep)
        self.mic.stop(keep_frames=keep)

    @property
    def error(self) -> str | None:
        """Why a file stopped being written, or None."""
        return self.heard.error or self.mic.error

"""Ports clocked by a thread instead of a sound card: files, or nothing at all.

:class:`FilePort` plays a file as if it were a microphone and records what the
engine plays to a WAV file, both in real time, ``frames`` per tick of a
:class:`~audio.pacer.Pacer`. It is what rsi-bot speaks and listens through.
:class:`NullPort` is the same port with no files: capture is silence and
playback is taken at real-time speed and thrown away, so the engine's meters
and the floor keep running on a machine without a sound card.

The clock thread only moves blocks between rings (the file is decoded ahead
and the recording written behind it, see :mod:`audio.fileio`), so a slow disk
cannot make it late. Each tick pushes exactly one capture block and takes
exactly one playback block, as a sound card's callback does.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from audio.fileio import FileReader, FileRecorder
from audio.format import PLAYBACK_CHANNELS, SAMPLE_RATE
from audio.pacer import Pacer
from audio.port import PortStatus
from audio.ring import BlockRing


@dataclass(frozen=True, slots=True)
class FilePortStats:
    """Counters of a :class:`FilePort` since it started."""

    ticks: int
    late_ticks: int
    """Ticks that ran more than half a block late (the machine was busy)."""
    skipped_ticks: int
    """Ticks dropped because the clock fell more than a few blocks behind."""
    blocks_played: int
    """Blocks of the file pushed into ``capture``."""
    read_underruns: int
    """Ticks that found no decoded block ready (silence was captured instead)."""
    nonfinite_samples: int
    """Samples of the file that were NaN or infinite, played as silence."""
    blocks_recorded: int
    """Blocks of ``playback`` written to the recording."""
    record_dropped: int
    """Blocks that could not be recorded because the disk fell behind."""
    capture_ring_overruns: int
    playback_ring_underruns: int


class FilePort:
    """Play ``play`` as the capture side and record the playback side to ``record``.

    Either may be ``None``: no file captures silence, no recording discards
    what is played. ``loop`` restarts the file at its end; otherwise
    :attr:`finished` is set once its last block is in ``capture``, and silence
    follows. ``gain_db`` scales the file. ``record_subtype`` is the WAV sample
    format (:class:`~audio.fileio.FileRecorder`). Bad files raise
    :class:`~audio.fileio.AudioFileError` here (the file to play) or in
    :meth:`start` (the recording).
    """

    def __init__(
        self,
        play: str | os.PathLike[str] | None = None,
        record: str | os.PathLike[str] | None = None,
        *,
        frames: int = 480,
        loop: bool = False,
        gain_db: float = 0.0,
        ring_blocks: int = 32,
        record_subtype: str = "FLOAT",
    ) -> None:
        if frames < 1:
            raise ValueError(f"frames must be positive, not {frames}")
        self.frames = frames
        self._capture = BlockRing(ring_blocks, frames, 1)
        self._playback = BlockRing(ring_blocks, frames, PLAYBACK_CHANNELS)
        self.capture: BlockRing | None = self._capture
        self.playback: BlockRing | None = self._playback
        self.finished = threading.Event()
        """Set when the file (not looping) has been played to its end, or failed."""
        # The recorder first: it only checks its path, while the reader opens its file.
        self._recorder = (
            None if record is None else FileRecorder(record, frames=frames, subtype=record_subtype)
        )
        self._reader = (
            None if play is None else FileReader(play, frames=frames, loop=loop, gain_db=gain_db)
        )
        self._silence = np.zeros((frames, 1), dtype=np.float32)
        self._block = np.zeros((frames, 1), dtype=np.float32)
        self._heard = np.zeros((frames, PLAYBACK_CHANNELS), dtype=np.float32)
        self._played = 0
        self._read_underruns = 0
        self._pacer = Pacer(frames / SAMPLE_RATE, self._tick, name=f"{self.name} clock")
        self._started = False

    @property
    def name(self) -> str:
        source = f"'{self._reader.path}'" if self._reader else "silence"
        sink = f"'{self._recorder.path}'" if self._recorder else "nowhere"
        return f"file port: {source} -> {sink}"

    def start(self) -> None:
        if self._started:
            raise RuntimeError(f"{self.name} was already started; make a new port")
        self._started = True
        try:
            if self._recorder is not None:
                self._recorder.start()
            if self._reader is not None:
                self._reader.start()
        except Exception:
            self.stop()
            raise
        self._pacer.start()

    def stop(self) -> None:
        """Stop the clock, then finish the recording and close the files (started or not)."""
        self._pacer.stop()
        if self._reader is not None:
            self._reader.stop()
        if self._recorder is not None:
            self._recorder.stop()

    def status(self) -> PortStatus:
        problems = [
            f"The clock of the {self.name} stopped: {self._pacer.error!r}."
            if self._pacer.error
            else None,
            _sentence(self._reader.error) if self._reader else None,
            _sentence(self._recorder.error) if self._recorder else None,
        ]
        found = [p for p in problems if p]
        return PortStatus(
            name=self.name,
            running=self._pacer.running,
            problem=" ".join(found) if found else None,
        )

    def stats(self) -> FilePortStats:
        return FilePortStats(
            ticks=self._pacer.ticks,
            late_ticks=self._pacer.late_ticks,
            skipped_ticks=self._pacer.skipped_ticks,
            blocks_played=self._played,
            read_underruns=self._read_underruns,
            nonfinite_samples=self._reader.nonfinite_samples if self._reader else 0,
            blocks_recorded=self._recorder.written_blocks if self._recorder else 0,
            record_dropped=self._recorder.blocks.overruns if self._recorder else 0,
            capture_ring_overruns=self._capture.overruns,
            playback_ring_underruns=self._playback.underruns,
        )

    @property
    def recording(self) -> Path | None:
        return self._recorder.path if self._recorder else None

    def _tick(self) -> None:
        """One block period: what a sound card's two callbacks would do."""
        self._capture.push(self._next_capture())
        self._playback.play_into(self._heard)
        if self._recorder is not None:
            self._recorder.blocks.push(self._heard)

    def _next_capture(self) -> npt.NDArray[np.float32]:
        reader = self._reader
        if reader is None or self.finished.is_set():
            return self._silence
        eof = reader.eof  # read before the pop: a block pushed after it is still seen
        if reader.blocks.pop_into(self._block):
            self._played += 1
            return self._block
        if eof:
            self.finished.set()
        else:
            self._read_underruns += 1
        return self._silence


class NullPort(FilePort):
    """No sound card: silence in, playback consumed in real time and discarded."""

    def __init__(self, *, frames: int = 480, ring_blocks: int = 32) -> None:
        super().__init__(frames=frames, ring_blocks=ring_blocks)

    @property
    def name(self) -> str:
        return "no sound card (null port)"


def _sentence(text: str | None) -> str | None:
    if text is None:
        return None
    return f"{text[0].upper()}{text[1:]}."

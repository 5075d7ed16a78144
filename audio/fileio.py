"""Audio files read ahead of a real-time clock, and recorded behind it.

A clock thread must never wait for a disk. :class:`FileReader` decodes a file
on a thread of its own into a ring of 48 kHz mono blocks a couple of seconds
ahead of the clock (libsndfile through ``soundfile``: WAV, FLAC, Ogg Vorbis,
Ogg Opus, MP3...); :class:`FileRecorder` takes stereo blocks from the clock
through another ring and writes them to a WAV file on a thread of its own.
Several channels are mixed down to mono by averaging; other sample rates
are resampled with libsoxr; a looping file restarts with no gap; NaN or
infinite samples are played as silence and counted. Only regular files are
played or recorded (a pipe is refused: write the stream to a file first).
Why: docs/architecture.md, "Design notes".
"""

from __future__ import annotations

import math
import os
import threading
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import soundfile
import soxr

from audio.format import PLAYBACK_CHANNELS, SAMPLE_RATE
from audio.ring import BlockRing
from channels.untrusted import NotARegularFile, file_kind, open_regular

CHUNK_BLOCKS: Final = 20
"""Blocks decoded, or written, at a time."""
WAKE_S: Final = 0.05
"""How often the reader and the recorder threads look at their ring."""

_FILE_ERRORS = (soundfile.LibsndfileError, RuntimeError, OSError, ValueError)
_FILES_ONLY = "; give the path of an audio file (write a stream to a file first)"


class AudioFileError(Exception):
    """A file that cannot be played or recorded. The message names it and says why."""


def _reason(err: BaseException, *, writing: bool) -> str:
    if isinstance(err, soundfile.LibsndfileError):
        reason = str(err.error_string).rstrip(".")
        if reason == "System error":  # libsndfile keeps the errno to itself
            if writing:
                return "the system refused to write (disk full, file too large or not allowed)"
            return "the system refused to read it (not allowed, or an I/O error)"
        return reason
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err)


class FileReader:
    """The file ``path`` as ``frames``-frame mono blocks in :attr:`blocks`, decoded ahead.

    ``gain_db`` scales the samples (no limiting: a gain that clips is the
    caller's choice). When the last block of a non-looping file is in the
    ring, :attr:`eof` becomes true. A read error ends the file early, with
    :attr:`error` saying what happened. Samples that are NaN or infinite are
    played as silence and counted in :attr:`nonfinite_samples`.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        frames: int,
        loop: bool = False,
        gain_db: float = 0.0,
        ahead_blocks: int = 200,
    ) -> None:
        self.path = Path(path)
        if ahead_blocks < 2 * CHUNK_BLOCKS:
            raise ValueError(f"ahead_blocks must be at least {2 * CHUNK_BLOCKS}")
        if not math.isfinite(gain_db):
            raise ValueError(f"gain_db must be a number of dB, not {gain_db}")
        self._file = self._open(self.path)
        self.source_rate = int(self._file.samplerate)
        self.source_channels = int(self._file.channels)
        self.duration_s = int(self._file.frames) / self.source_rate
        self.frames = frames
        self.loop = loop
        self.gain = 10.0 ** (gain_db / 20.0)
        self.blocks = BlockRing(ahead_blocks, frames, 1)
        self.eof = False
        self.error: str | None = None
        self.nonfinite_samples = 0
        """Samples of the file (after mixing down and gain) that were NaN or infinite."""
        self._resampler: Any = None
        if self.source_rate != SAMPLE_RATE:
            self._resampler = soxr.ResampleStream(self.source_rate, SAMPLE_RATE, 1, dtype="float32")
        # Source frames that make about CHUNK_BLOCKS blocks at 48 kHz.
        self._chunk_frames = max(1, CHUNK_BLOCKS * frames * self.source_rate // SAMPLE_RATE)
        self._pending = np.zeros(0, dtype=np.float32)
        self._decoded_all = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @staticmethod
    def _open(path: Path) -> Any:
        if not path.exists():
            raise AudioFileError(f"cannot play '{path}': there is no such file")
        try:
            fd = open_regular(path)
        except NotARegularFile as err:
            raise AudioFileError(f"cannot play '{path}': {err.strerror}{_FILES_ONLY}") from None
        except OSError as err:
            raise AudioFileError(f"cannot play '{path}': {_reason(err, writing=False)}") from err
        try:
            file = soundfile.SoundFile(fd, closefd=True)  # libsndfile closes it, even on error
        except _FILE_ERRORS as err:
            raise AudioFileError(f"cannot play '{path}': {_reason(err, writing=False)}") from err
        if file.frames <= 0 or file.samplerate <= 0:
            file.close()
            raise AudioFileError(f"cannot play '{path}': it holds no audio")
        return file

    def start(self) -> None:
        """Fill the ring, then keep it filled from a thread; errors at the start raise."""
        self._pump()
        if self.error is not None:
            raise AudioFileError(self.error)
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"read {self.path.name}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._file.close()

    def _run(self) -> None:
        while not self.eof and not self._stop.wait(WAKE_S):
            self._pump()

    def _pump(self) -> None:
        """Push decoded blocks until the ring is full or the file is done."""
        frames = self.frames
        while not self.eof:
            while len(self._pending) >= frames:
                if not self.blocks.push(self._pending[:frames]):
                    return
                self._pending = self._pending[frames:]
            if self._decoded_all:
                if len(self._pending):  # the end of the file, padded to a whole block
                    last = np.zeros(frames, dtype=np.float32)
                    last[: len(self._pending)] = self._pending
                    if not self.blocks.push(last):
                        return
                self.eof = True
                return
            try:
                decoded = self._decode()
            except _FILE_ERRORS as err:
                self.error = f"reading '{self.path}' failed: {_reason(err, writing=False)}"
                self.eof = True
                return
            self._pending = np.concatenate((self._pending, decoded))

    def _decode(self) -> npt.NDArray[np.float32]:
        data = self._file.read(self._chunk_frames, dtype="float32", always_2d=True)
        if len(data) == 0 and self.loop:
            self._file.seek(0)
            data = self._file.read(self._chunk_frames, dtype="float32", always_2d=True)
        at_end = len(data) == 0
        with np.errstate(over="ignore", invalid="ignore"):  # what overflows is made silent
            mono = data.mean(axis=1, dtype=np.float32) if data.shape[1] > 1 else data[:, 0]
            if self.gain != 1.0:
                mono = mono * np.float32(self.gain)
        self._silence_nonfinite(mono)  # before the resampler, which would spread them
        if self._resampler is not None:
            mono = self._resampler.resample_chunk(mono, last=at_end)
        self._decoded_all = at_end
        return np.asarray(mono, dtype=np.float32)

    def _silence_nonfinite(self, mono: npt.NDArray[np.float32]) -> None:
        bad = ~np.isfinite(mono)
        count = int(np.count_nonzero(bad))
        if count:
            mono[bad] = 0.0
            self.nonfinite_samples += count


class FileRecorder:
    """Writes the blocks pushed into :attr:`blocks` (``channels`` wide) to the WAV file ``path``.

    ``subtype`` is a WAV sample format of libsndfile: ``FLOAT`` (default;
    exact, and nothing clips), ``PCM_16``, ``PCM_24``... A full ring (the disk
    stalled for ``buffer_blocks`` blocks) drops blocks and counts them in
    ``blocks.overruns``; a write error stops the recording, with :attr:`error`
    saying why.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        frames: int,
        subtype: str = "FLOAT",
        buffer_blocks: int = 500,
        channels: int = PLAYBACK_CHANNELS,
    ) -> None:
        self.path = Path(path)
        if self.path.suffix.lower() != ".wav":
            raise AudioFileError(f"cannot record to '{self.path}': recordings are WAV files (.wav)")
        self._check_place()
        if not soundfile.check_format("WAV", subtype):
            known = ", ".join(soundfile.available_subtypes("WAV"))
            raise AudioFileError(
                f"cannot record to '{self.path}': WAV has no sample format '{subtype}' ({known})"
            )
        if buffer_blocks < CHUNK_BLOCKS:
            raise ValueError(f"buffer_blocks must be at least {CHUNK_BLOCKS}")
        self.subtype = subtype
        self.frames = frames
        self.channels = channels
        self.blocks = BlockRing(buffer_blocks, frames, channels)
        self.written_blocks = 0
        self.error: str | None = None
        self._chunk = np.zeros((CHUNK_BLOCKS * frames, channels), dtype=np.float32)
        self._slots = [self._chunk[i * frames : (i + 1) * frames] for i in range(CHUNK_BLOCKS)]
        self._file: Any = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _check_place(self) -> None:
        if not self.path.parent.is_dir():
            raise AudioFileError(
                f"cannot record to '{self.path}': there is no directory '{self.path.parent}'"
            )
        try:
            kind = file_kind(self.path.stat().st_mode)
        except OSError:
            return  # nothing there yet: the recording creates it
        if kind is not None:
            raise AudioFileError(
                f"cannot record to '{self.path}': it is {kind}, not a regular file{_FILES_ONLY}"
            )

    def start(self) -> None:
        self._check_place()  # again: the directory may have gone since
        try:
            fd = open_regular(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            self._file = soundfile.SoundFile(
                fd,
                "w",
                samplerate=SAMPLE_RATE,
                channels=self.channels,
                subtype=self.subtype,
                format="WAV",
                closefd=True,
            )
        except _FILE_ERRORS as err:
            raise AudioFileError(
                f"cannot record to '{self.path}': {_reason(err, writing=True)}"
            ) from err
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"record {self.path.name}", daemon=True
        )
        self._thread.start()

    def stop(self, *, keep_frames: int | None = None) -> None:
        """Write what is left in the ring and close the file, cut to ``keep_frames`` if given."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._drain()
        if self._file is not None:
            if keep_frames is not None and self.error is None:
                self._cut(keep_frames)
            self._file.close()
            self._file = None

    def _cut(self, frames: int) -> None:
        if self.written_blocks * self.frames <= frames:
            return
        try:
            self._file.truncate(frames)
        except _FILE_ERRORS as err:
            self.error = f"shortening '{self.path}' failed: {_reason(err, writing=True)}"
            return
        self.written_blocks = -(-frames // self.frames)

    def _run(self) -> None:
        while not self._stop.wait(WAKE_S):
            self._drain()

    def _drain(self) -> None:
        while True:
            count = 0
            while count < CHUNK_BLOCKS and self.blocks.pop_into(self._slots[count]):
                count += 1
            if count == 0:
                return
            if self.error is None:
                try:
                    self._file.write(self._chunk[: count * self.frames])
                    self.written_blocks += count
                except _FILE_ERRORS as err:
                    self.error = f"recording to '{self.path}' failed: {_reason(err, writing=True)}"

"""Parts for driving engines in tests and benchmarks: a clocked port, signals, an event tap.

:class:`ClockedPort` implements :class:`audio.port.AudioPort` with a thread
that ticks every block period (10 ms) on the monotonic clock, as a duplex
sound card's callback does: it pushes the next capture block (from a source:
:class:`Tone`, :class:`Speech`, a benchmark's own, or silence) and pops one
playback block into a recording, with the time it was taken. Its underruns
are counted and located, so a test can tell a gap the engine made (silence
it delivered) from a late engine (a block it did not deliver).

:class:`EventTap` subscribes to an engine and lets ``async`` tests wait for
events without blocking the loop that runs the hub (it polls an
:class:`audio.outbox.EventQueue`).

:class:`OpusTone` makes a raw rsi.v1 test client (:class:`tests.rig.wsclient.WsClient`)
a real Opus sender: a source, encoded by libopus, in RTP with the audio level,
paced by the clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import soundfile
import soxr
from websockets.exceptions import ConnectionClosed

from audio.commands import Metrics
from audio.engine import Engine, EngineConfig
from audio.format import BLOCK, SAMPLE_RATE
from audio.meters import rfc6464_level
from audio.opus import Encoder
from audio.outbox import EventQueue
from audio.port import PortStatus
from audio.ring import BlockRing
from resources import SPEECH
from tests.rig.wsclient import WsClient

E = TypeVar("E")
Source = Callable[[int], npt.NDArray[np.float32]]
"""A signal: called with a number of frames, it returns the next block (48 kHz, mono)."""


class Tone:
    """A continuous sine, ``level_dbfs`` peak (AES17: a sine's RMS reads the same)."""

    def __init__(self, frequency: float = 1000.0, level_dbfs: float = -30.0) -> None:
        self.frequency = frequency
        self.amplitude: float = 10.0 ** (level_dbfs / 20.0)
        self._n = 0

    def __call__(self, frames: int) -> npt.NDArray[np.float32]:
        t = (self._n + np.arange(frames)) / SAMPLE_RATE
        self._n += frames
        return (self.amplitude * np.sin(2 * np.pi * self.frequency * t)).astype(np.float32)


class Speech:
    """A language's speech clip (``resources/speech/``), looped: a floor that sounds like one.

    ``telephone``: through an 8 kHz line first, as a speaker on the phone sounds
    (band-limited: what the floor-quality analysis must report).
    """

    def __init__(self, language: str = "en", *, telephone: bool = False) -> None:
        path = SPEECH / f"{language}.ogg"
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=False)
        assert rate == SAMPLE_RATE, f"{path} must be at {SAMPLE_RATE} Hz"
        if telephone:
            data = soxr.resample(soxr.resample(data, rate, 8_000), 8_000, rate)
        self.data: npt.NDArray[np.float32] = np.asarray(data, dtype=np.float32) * 0.5
        self._at = 0

    def __call__(self, frames: int) -> npt.NDArray[np.float32]:
        out: npt.NDArray[np.float32] = np.take(
            self.data, np.arange(self._at, self._at + frames), mode="wrap"
        )
        self._at = (self._at + frames) % len(self.data)
        return out


class ClockedPort:
    """A duplex port ticking on a thread: capture from ``source``, playback recorded."""

    def __init__(
        self,
        source: Source | None = None,
        *,
        frames: int = BLOCK,
        capacity: int = 8,
        record_s: float = 20.0,
    ) -> None:
        self.frames = frames
        self.source = source
        self.capture: BlockRing | None = BlockRing(capacity, frames, 1)
        self.playback: BlockRing | None = BlockRing(capacity, frames, 2)
        self._record = np.zeros((int(record_s * SAMPLE_RATE), 2), dtype=np.float32)
        self._recorded = 0
        self._times = np.zeros(len(self._record) // frames, dtype=np.float64)
        self._out = np.zeros((frames, 2), dtype=np.float32)
        self.ticks = 0
        self.gaps: list[int] = []
        """Recording positions (frames) of the blocks the engine did not deliver in time."""
        self.late: set[int] = set()
        """Recording positions of the ticks this port itself made more than a period late
        (its thread was not scheduled, then caught up back to back)."""
        self._running = False
        self._thread: threading.Thread | None = None
        self.problem: str | None = None
        """What :meth:`status` reports (a test sets it to play an unplugged headset)."""

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        self._thread = threading.Thread(target=self._run, name="test-port", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._running = False
        if self._thread is not None:
            self._thread.join(2.0)

    def status(self) -> PortStatus:
        return PortStatus("test clock", self._running, self.problem)

    @property
    def position(self) -> int:
        """Frames recorded so far: a mark to cut the recording at."""
        return self._recorded

    def recording(self, start: int = 0, end: int | None = None) -> npt.NDArray[np.float32]:
        return self._record[start : self._recorded if end is None else end].copy()

    @property
    def block_times(self) -> npt.NDArray[np.float64]:
        """When each recorded block was taken (time.monotonic): it starts playing then."""
        return self._times[: self._recorded // self.frames].copy()

    def gaps_between(self, start: int, end: int) -> int:
        """Gaps at ticks the port made on time: the engine's, not a starved test machine's.

        While the port's own thread catches up after a stall, it asks for blocks
        back to back, faster than any engine is clocked to make them; those
        gaps say nothing of the engine (:attr:`gaps` keeps every one).
        """
        return sum(1 for g in self.gaps if start <= g < end and g not in self.late)

    def delivered_levels(self, start: int, end: int, channel: int = 0) -> list[float]:
        """RMS of each block the engine delivered in time (gaps of a starved test machine,
        where the port found nothing to play, are left out: they are not the engine's audio)."""
        gaps = set(self.gaps)
        first = start - start % self.frames
        return [
            rms_dbfs(self._record[at : at + self.frames, channel])
            for at in range(first, min(end, self._recorded) - self.frames + 1, self.frames)
            if at not in gaps
        ]

    def _run(self) -> None:
        period = self.frames / SAMPLE_RATE
        deadline = time.monotonic()
        silence = np.zeros(self.frames, dtype=np.float32)
        while self._running:
            deadline += period
            delay = deadline - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            now = time.monotonic()
            if now - deadline > period:
                self.late.add(self._recorded)
            block = self.source(self.frames) if self.source is not None else silence
            assert self.capture is not None and self.playback is not None
            self.capture.push(block)
            if not self.playback.pop_into(self._out):
                self.gaps.append(self._recorded)
            end = self._recorded + self.frames
            if end <= len(self._record):
                self._record[self._recorded : end] = self._out
                self._times[self._recorded // self.frames] = now
                self._recorded = end
            self.ticks += 1


def rms_dbfs(x: npt.NDArray[np.floating[Any]]) -> float:
    """AES17 RMS level (a sine reads its peak level)."""
    mean_square = float(np.mean(np.square(x, dtype=np.float64)))
    return 10.0 * math.log10(max(2.0 * mean_square, 1e-20))


def dominant_hz(x: npt.NDArray[np.floating[Any]]) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.argmax(spectrum) * SAMPLE_RATE / len(x))


def delay_and_gain(
    heard: npt.NDArray[np.float32], mic: npt.NDArray[np.float32], at: int, length: int
) -> tuple[int, float, float]:
    """Where ``mic`` is found in ``heard[at:at+length]``: (delay, gain dB, residual dB)."""
    most = SAMPLE_RATE // 10
    y = heard[at : at + length].astype(np.float64)
    x = mic[at - most : at + length].astype(np.float64)
    size = 1 << math.ceil(math.log2(len(x) + length))
    correlation = np.fft.irfft(np.conj(np.fft.rfft(y, size)) * np.fft.rfft(x, size), size)
    k = int(np.argmax(correlation[: most + 1]))
    source = x[k : k + length]
    gain = float(np.dot(y, source) / np.dot(source, source))
    residual = float(np.sum(np.square(y - gain * source)) / np.sum(np.square(y)))
    return most - k, 20 * math.log10(gain), 10 * math.log10(max(residual, 1e-30))


class EventTap:
    """An engine subscriber that ``async`` tests can wait on without blocking their loop."""

    def __init__(self) -> None:
        self.queue = EventQueue()

    def __call__(self, event: Any) -> None:
        self.queue(event)

    @property
    def history(self) -> list[Any]:
        return self.queue.history

    async def expect(
        self,
        kind: type[E],
        predicate: Callable[[E], bool] | None = None,
        timeout: float = 3.0,
    ) -> E:
        """The first waiting event of ``kind`` that matches (removed from the queue)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.queue.take(kind, predicate)
            if found is not None:
                return found
            if time.monotonic() > deadline:
                seen = ", ".join(type(e).__name__ for e in self.history[-15:])
                raise AssertionError(f"no {kind.__name__} within {timeout} s; seen: {seen}")
            await asyncio.sleep(0.005)

    async def metrics(self, predicate: Callable[[Metrics], bool], timeout: float = 3.0) -> Metrics:
        """The first metrics snapshot that matches."""
        deadline = time.monotonic() + timeout
        while True:
            metrics = self.queue.metrics
            if metrics is not None and predicate(metrics):
                return metrics
            if time.monotonic() > deadline:
                raise AssertionError(f"no matching metrics within {timeout} s; last: {metrics}")
            await asyncio.sleep(0.01)


class OpusTone:
    """Send a source (a :class:`Tone`, :class:`Speech`) as real Opus RTP from a raw test
    client, paced by the clock."""

    def __init__(
        self,
        client: WsClient,
        source: Source,
        *,
        frame_ms: int = 10,
    ) -> None:
        self.client = client
        self.source = source
        self.frame = SAMPLE_RATE * frame_ms // 1000
        self.encoder = Encoder(frame_ms=10 if frame_ms == 10 else 20)
        self.sequence = 0
        self.sent = 0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> OpusTone:
        self._task = asyncio.create_task(self._run())
        return self

    async def _run(self) -> None:
        period = self.frame / SAMPLE_RATE
        start = time.monotonic()
        with contextlib.suppress(ConnectionClosed):
            while True:
                pcm = self.source(self.frame)
                level = rfc6464_level(float(np.mean(np.square(pcm, dtype=np.float64))))
                await self.client.send_rtp(
                    self.sequence & 0xFFFF,
                    self.sequence * self.frame,
                    self.encoder.encode(pcm),
                    marker=self.sequence == 0,
                    level=level,
                )
                self.sequence += 1
                self.sent += 1
                await asyncio.sleep(max(0.0, start + self.sequence * period - time.monotonic()))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.encoder.close()


@contextlib.asynccontextmanager
async def running(
    port: Any, config: EngineConfig | None = None
) -> AsyncIterator[tuple[Engine, EventTap]]:
    """An engine on ``port``, started, with a tap on its events; stopped at the end.

    Stopped off the loop: a hub on the test's loop must answer the closing handshake.
    """
    engine = Engine(port, config)
    tap = EventTap()
    engine.subscribe(tap)
    engine.start()
    try:
        yield engine, tap
    finally:
        await asyncio.to_thread(engine.stop)

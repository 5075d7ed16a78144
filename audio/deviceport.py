"""A port on a sound card: PortAudio callback streams, watched and reopened.

:class:`DevicePort` opens one input stream (mono blocks into ``capture``) and
one output stream (stereo blocks from ``playback``) at 48 kHz, ``frames``
frames per callback. The two may be different devices; each has its own
callback thread and clock.

The callbacks (:class:`CaptureCallback`, :class:`PlaybackCallback`) only copy
between PortAudio's buffer and a ring and increment counters: no allocation
of sample memory, no lock, no I/O (design principle 2). Everything else, and
every PortAudio call, happens on a supervisor thread. It watches each stream
and, when one fails (PortAudio ended it: the device went away), or stalls (no
callback for ``stall_s``: some drivers just stop calling), it closes it, says
so in :meth:`DevicePort.status`, and tries to reopen it every ``retry_s``:
first from PortAudio's current device list, then, when no stream of the
process is left open, from a fresh scan (:func:`audio.devices.rescan`), which
is what finds a device that disappeared from the list and came back. While
another stream stays open a rescan is impossible, so a device that comes back
under a new name or number is found once that stream has gone too (see
:mod:`audio.devices`). A driver call that never returns cannot be
interrupted; :meth:`DevicePort.stop` waits ``stop_s`` for it, then says so.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from audio import devices
from audio.devices import SYSTEM_DEFAULT, DeviceError, DeviceInfo, Kind
from audio.format import CAPTURE_CHANNELS, PLAYBACK_CHANNELS, SAMPLE_RATE
from audio.port import PortStatus
from audio.ring import BlockRing

log = logging.getLogger(__name__)

POLL_S: Final = 0.1
"""How often the supervisor looks at the streams."""
FIRST_CALLBACK_S: Final = 2.0
"""A new stream may take this long to make its first callback (Bluetooth is slow)."""


class CaptureCallback:
    """PortAudio's input callback: each call pushes one mono block into ``ring``.

    ``channels`` is what the stream was opened with: a device that cannot
    record mono gives its first channel.
    """

    def __init__(self, ring: BlockRing) -> None:
        self.ring = ring
        self.channels = CAPTURE_CHANNELS
        self.calls = 0
        self.overflows = 0
        """PortAudio's input-overflow flags: input lost before we got it."""
        self.underflows = 0

    def __call__(self, indata: npt.NDArray[np.float32], frames: int, _t: Any, status: Any) -> None:
        self.calls += 1
        if status:
            if status.input_overflow:
                self.overflows += 1
            if status.input_underflow:
                self.underflows += 1
        if self.channels == 1:
            self.ring.push(indata)
        else:
            self.ring.push(indata[:, 0])


class PlaybackCallback:
    """PortAudio's output callback: each call plays one stereo block from ``ring``.

    An empty ring plays silence, faded out from the last sample and back in
    after (:meth:`~audio.ring.BlockRing.play_into`; the ring counts the underrun). A mono device
    gets the average of left and right; a device with more than two channels
    gets left and right on its first two and silence on the others.
    """

    def __init__(self, ring: BlockRing) -> None:
        self.ring = ring
        self.channels = PLAYBACK_CHANNELS
        self.calls = 0
        self.underflows = 0
        """PortAudio's output-underflow flags: the device ran out of samples."""
        self.overflows = 0
        self._stereo = np.zeros((ring.frames, PLAYBACK_CHANNELS), dtype=np.float32)
        self._left = self._stereo[:, 0:1]
        self._right = self._stereo[:, 1:2]

    def __call__(self, outdata: npt.NDArray[np.float32], frames: int, _t: Any, status: Any) -> None:
        self.calls += 1
        if status:
            if status.output_underflow:
                self.underflows += 1
            if status.output_overflow:
                self.overflows += 1
        if self.channels == 2:
            self.ring.play_into(outdata)
            return
        self.ring.play_into(self._stereo)
        if self.channels == 1:
            np.add(self._left, self._right, out=outdata)
            np.multiply(outdata, 0.5, out=outdata)
        else:
            outdata.fill(0.0)
            outdata[:, :2] = self._stereo


@dataclass(frozen=True, slots=True)
class DeviceStats:
    """Counters of a :class:`DevicePort` since it was made."""

    capture_callbacks: int
    playback_callbacks: int
    input_overflows: int
    input_underflows: int
    output_underflows: int
    output_overflows: int
    capture_ring_overruns: int
    """Blocks dropped because the engine did not take them in time."""
    playback_ring_underruns: int
    """Blocks played as silence because the engine had none ready."""
    losses: int
    """Times a stream failed or stalled and was closed."""
    reopens: int
    """Times a lost stream was opened again and delivered audio."""


class _Side:
    """One direction of a port: its device, ring, callback and current stream."""

    def __init__(
        self, kind: Kind, query: str, callback: CaptureCallback | PlaybackCallback
    ) -> None:
        self.kind: Kind = kind
        self.query = query
        self.callback = callback
        self.stream: Any = None
        self.device: DeviceInfo | None = None
        self.latency_ms: float | None = None
        self.lost: str | None = None
        """What happened, while the stream is lost."""
        self.last_error: str | None = None
        """Why the last attempt to reopen it failed."""
        self.seen_calls = 0
        self.progress_at = 0.0
        self.started_calls = 0
        self.retry_at = 0.0

    @property
    def problem(self) -> str | None:
        if self.lost is None:
            return None
        if self.last_error is None:
            return self.lost
        return f"{self.lost} Last attempt: {self.last_error.rstrip('.')}."

    @property
    def title(self) -> str:
        return f"The {self.kind} device {self.described}"

    @property
    def described(self) -> str:
        if self.device is not None:
            return self.device.label
        return "(system default)" if self.query == SYSTEM_DEFAULT else f"'{self.query}'"


class DevicePort:
    """Capture from ``input_device`` and play to ``output_device``, by name.

    A name is looked up with :func:`audio.devices.find_device` (exact, then
    ignoring case, then a substring); :data:`~audio.devices.SYSTEM_DEFAULT`
    (``""``) is the system's default device, and ``None`` leaves that side out
    (its ring is ``None``). ``latency_s`` is the buffering asked of PortAudio;
    by default three blocks, enough for a Python callback that waits a few
    milliseconds for the GIL. ``stop_s`` bounds how long :meth:`stop` waits
    for a PortAudio call in progress (an open, a close, a rescan) to return.
    """

    def __init__(
        self,
        input_device: str | None = SYSTEM_DEFAULT,
        output_device: str | None = SYSTEM_DEFAULT,
        *,
        frames: int = 480,
        latency_s: float | None = None,
        ring_blocks: int = 32,
        host_api: str | None = None,
        stall_s: float = 0.5,
        retry_s: float = 1.0,
        stop_s: float = 5.0,
    ) -> None:
        if input_device is None and output_device is None:
            raise ValueError("a device port needs an input device, an output device or both")
        if frames < 1:
            raise ValueError(f"frames must be positive, not {frames}")
        if stall_s <= 0 or retry_s <= 0 or stop_s <= 0:
            raise ValueError("stall_s, retry_s and stop_s must be positive")
        self.frames = frames
        self.latency_s = 3 * frames / SAMPLE_RATE if latency_s is None else latency_s
        self.host_api = host_api
        self.stall_s = stall_s
        self.retry_s = retry_s
        self.stop_s = stop_s
        self.capture: BlockRing | None = None
        self.playback: BlockRing | None = None
        self._sides: list[_Side] = []
        if input_device is not None:
            self.capture = BlockRing(ring_blocks, frames, CAPTURE_CHANNELS)
            self._sides.append(_Side("input", input_device, CaptureCallback(self.capture)))
        if output_device is not None:
            self.playback = BlockRing(ring_blocks, frames, PLAYBACK_CHANNELS)
            self._sides.append(_Side("output", output_device, PlaybackCallback(self.playback)))
        self._losses = 0
        self._reopens = 0
        self._running = False
        self._stop = threading.Event()
        self._supervisor: threading.Thread | None = None
        self._doing: str | None = None
        """What the supervisor is doing with PortAudio now, for :meth:`stop`'s error."""

    # -- the AudioPort interface -------------------------------------------

    def start(self) -> None:
        """Open and start the streams; :class:`DeviceError` if a device cannot be had."""
        if self._running:
            return
        try:
            for side in self._sides:
                side.lost = side.last_error = None
                self._open(side)
        except DeviceError:
            self._close_all()
            raise
        self._running = True
        self._stop.clear()
        self._supervisor = threading.Thread(
            target=self._supervise, name="DevicePort supervisor", daemon=True
        )
        self._supervisor.start()

    def stop(self) -> None:
        """Stop and close the streams (the rings keep what they hold).

        Waits at most ``stop_s`` for the supervisor thread to finish what it is
        doing. When a PortAudio call of its does not return in that time (a
        sound driver that hangs), raises :class:`DeviceError` saying which
        device and what call, and logs the thread's stack: the streams are then
        left open (closing them would wait on the same driver), the port no
        longer runs, and the thread, a daemon, does not keep the program from
        exiting. Calling :meth:`stop` again waits for it once more.
        """
        self._stop.set()
        self._running = False
        supervisor = self._supervisor
        if supervisor is not None:
            supervisor.join(self.stop_s)
            if supervisor.is_alive():
                raise self._stuck(supervisor)
            self._supervisor = None
        self._close_all()

    def status(self) -> PortStatus:
        problems = [side.problem for side in self._sides if side.problem]
        by_kind = {side.kind: side for side in self._sides}
        return PortStatus(
            name=" / ".join(side.described for side in self._sides),
            running=self._running and all(side.stream is not None for side in self._sides),
            problem=" ".join(problems) if problems else None,
            input_latency_ms=by_kind["input"].latency_ms if "input" in by_kind else None,
            output_latency_ms=by_kind["output"].latency_ms if "output" in by_kind else None,
        )

    # -- more than the interface -------------------------------------------

    def devices(self) -> dict[Kind, DeviceInfo | None]:
        """The device each side has open now (``None`` while it is lost)."""
        return {side.kind: side.device if side.stream is not None else None for side in self._sides}

    def stats(self) -> DeviceStats:
        capture = next((s.callback for s in self._sides if s.kind == "input"), None)
        playback = next((s.callback for s in self._sides if s.kind == "output"), None)
        return DeviceStats(
            capture_callbacks=capture.calls if capture else 0,
            playback_callbacks=playback.calls if playback else 0,
            input_overflows=capture.overflows if capture else 0,
            input_underflows=capture.underflows if capture else 0,
            output_underflows=playback.underflows if playback else 0,
            output_overflows=playback.overflows if playback else 0,
            capture_ring_overruns=self.capture.overruns if self.capture else 0,
            playback_ring_underruns=self.playback.underruns if self.playback else 0,
            losses=self._losses,
            reopens=self._reopens,
        )

    def _stuck(self, supervisor: threading.Thread) -> DeviceError:
        """Log where ``supervisor`` is stuck; the error for :meth:`stop` to raise."""
        doing = self._doing or "working"
        frame = sys._current_frames().get(supervisor.ident or 0)
        stack = "".join(traceback.format_stack(frame)) if frame is not None else "(gone)\n"
        log.error(
            "DevicePort.stop: the supervisor thread is still %s after %g s; its stack:\n%s",
            doing,
            self.stop_s,
            stack,
        )
        return DeviceError(
            f"The sound card's driver has not returned for {self.stop_s:g} s while {doing}, "
            "so its streams could not be closed; they stay open until the program exits. "
            "Restart the program to use the sound card again, and if it happens again, "
            "reconnect the device or restart the sound server (PulseAudio, PipeWire)."
        )

    # -- opening and closing (never on a callback thread) ------------------

    def _open(self, side: _Side) -> None:
        with devices.PORTAUDIO_LOCK:
            device = devices.find_device(side.query, side.kind, host_api=self.host_api)
            stream, channels = self._open_stream(side, device)
            devices.stream_opened()
        side.callback.channels = channels
        side.device = device
        side.stream = stream
        if side.kind == "output" and self.playback is not None:
            # No callback runs yet, so this thread may act as the ring's consumer:
            # blocks queued while the device was gone would only add delay.
            self.playback.clear()
        side.started_calls = side.seen_calls = side.callback.calls
        side.progress_at = time.monotonic()
        try:
            stream.start()
        except devices.portaudio().PortAudioError as err:
            self._close(side)
            raise DeviceError(f"{side.title} would not start: {err}") from err
        side.latency_ms = float(stream.latency) * 1000.0

    def _open_stream(self, side: _Side, device: DeviceInfo) -> tuple[Any, int]:
        """A stream on ``device`` with the channels we want, else with all of its channels."""
        sd = devices.portaudio()
        wanted = CAPTURE_CHANNELS if side.kind == "input" else PLAYBACK_CHANNELS
        counts = dict.fromkeys(
            (min(wanted, device.channels(side.kind)), device.channels(side.kind))
        )
        kind = sd.InputStream if side.kind == "input" else sd.OutputStream
        error: Exception | None = None
        for channels in counts:
            try:
                stream = kind(
                    device=device.index,
                    samplerate=SAMPLE_RATE,
                    blocksize=self.frames,
                    channels=channels,
                    dtype="float32",
                    latency=self.latency_s,
                    callback=side.callback,
                )
            except sd.PortAudioError as err:
                error = err
                continue
            return stream, channels
        raise DeviceError(
            f"{side.kind} device {device.label} cannot be opened at {SAMPLE_RATE} Hz with "
            f"{self.frames}-frame blocks: {error}"
        )

    def _close(self, side: _Side) -> None:
        stream, side.stream = side.stream, None
        side.latency_ms = None
        if stream is None:
            return
        with devices.PORTAUDIO_LOCK:
            try:
                stream.stop(ignore_errors=True)
                stream.close(ignore_errors=True)
            finally:
                devices.stream_closed()

    def _close_all(self) -> None:
        for side in self._sides:
            self._close(side)

    # -- the supervisor thread ---------------------------------------------

    def _supervise(self) -> None:
        while not self._stop.wait(POLL_S):
            now = time.monotonic()
            for side in self._sides:
                if self._stop.is_set():  # stop() may have given up on the call before
                    break
                if side.stream is not None:
                    self._doing = f"checking the {side.kind} device {side.described}"
                    self._watch(side, now)
                elif now >= side.retry_at:
                    self._doing = f"reopening the {side.kind} device {side.described}"
                    self._retry(side)
            self._doing = None

    def _watch(self, side: _Side, now: float) -> None:
        calls = side.callback.calls
        if calls != side.seen_calls:
            side.seen_calls = calls
            side.progress_at = now
            if side.lost is not None:  # reopened, and audio flows again
                side.lost = side.last_error = None
                self._reopens += 1
        with devices.PORTAUDIO_LOCK:
            active = side.stream.active
        if not active:
            why = "it was disconnected or failed"
        elif now - side.progress_at > (
            self.stall_s if calls != side.started_calls else FIRST_CALLBACK_S
        ):
            why = f"no audio for {now - side.progress_at:.1f} s"
        else:
            return
        what = "captured from" if side.kind == "input" else "played on"
        side.last_error = None
        side.lost = (  # before closing, so that status() never shows a gap
            f"{side.title} stopped ({why}). Nothing is {what} it until it is back; "
            f"trying to reopen it every {self.retry_s:g} s."
        )
        self._doing = f"closing the {side.kind} device {side.described} ({why})"
        self._close(side)
        self._losses += 1
        side.retry_at = now + self.retry_s

    def _retry(self, side: _Side) -> None:
        try:
            try:
                self._open(side)
            except DeviceError:
                if not devices.rescan():
                    raise
                self._open(side)
        except DeviceError as err:
            side.retry_at = time.monotonic() + self.retry_s
            side.last_error = str(err)
            return
        side.last_error = None  # the problem stays until the first callback (_watch)

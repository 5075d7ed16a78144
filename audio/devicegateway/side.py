"""The device gateway's platform side: the floor from one device, each channel into another.

:class:`DeviceSide` keeps :class:`channels.platforms.link.PlatformSide`'s
contract with sound devices: one PortAudio input stream captures the floor
(the platform client's speaker output, e.g. the monitor of the null sink
``rsi-floor``) and hands each 10 ms block to the gateway's FloorSink from the
audio callback; one output stream per channel plays the hub's channel into
its device (e.g. the null sink ``rsi-fr``, whose monitor a platform client
uses as its microphone). The callbacks copy and count only.

Devices are named as the sound server names them. Where a PulseAudio or
PipeWire server answers ``pactl``, a name is a sink or source of that server
(a sink given as the floor means its monitor), and the streams go through
PortAudio's ``pulse`` device, routed by name (:func:`.pulse.routed`);
elsewhere (Windows, macOS) a name is a PortAudio device, chosen as
:func:`audio.devices.choose` does.

A watcher task feeds the floor and every channel's output to a
:class:`~.loop.LoopDetector`; a channel found coming back in the floor is no
longer played (its device plays silence) and one line says what to change.
A stream that fails or stops calling back ends the side (:meth:`wait_ended`),
and the gateway opens it again.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from audio import devices
from audio.devicegateway import pulse
from audio.devicegateway.loop import Loop, LoopDetector
from audio.devices import DeviceError, Kind
from audio.format import BLOCK, SAMPLE_RATE
from audio.ring import BlockRing
from channels.platforms.link import FloorSink, NoSuchPlace, Opener, PlatformError

log = logging.getLogger(__name__)

FLOOR_DEVICE: Final = "rsi-floor"
"""The floor device when none is named: the sink ``--setup`` creates (its monitor is recorded)."""
CHANNEL_PREFIX: Final = "rsi-"
"""``--setup`` makes the sink ``rsi-LANG`` for each language."""
LATENCY_S: Final = 3 * BLOCK / SAMPLE_RATE
"""Buffering asked of each stream: three blocks, as :class:`audio.deviceport.DevicePort`."""
QUEUE_BLOCKS: Final = 4
"""Most blocks a channel keeps queued for its device; older ones are skipped, not delayed."""
WATCH_RING_BLOCKS: Final = 100
"""Blocks captured or played kept for the loop detector between two looks (1 s: a late loop)."""
POLL_S: Final = 0.05
"""How often the watcher drains the floor into the detector and looks at the streams."""
FIRST_CALLBACK_S: Final = 5.0
"""A new stream may take this long to call back (a PulseAudio null sink runs 2 s ahead at first)."""
STALL_S: Final = 2.0
"""A stream that has called back and then stays silent this long has stopped."""
DEVICE_CHECK_S: Final = 1.0
"""How often the PulseAudio sinks and sources in use are checked to be there.

The server moves a stream whose sink or source goes away to another one: a
channel would go on playing into the default sink (the speakers), unnoticed.
"""


class BadDevices(PlatformError, ValueError):
    """The devices named cannot work together (a loop by construction, two channels in one).

    A bad argument: exit status 2, as ``rsi-bot``'s usage errors.
    """

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Place:
    """Where one stream goes, as resolved from the name the user gave."""

    given: str
    kind: Kind
    portaudio: str
    """The PortAudio device to open (``pulse`` for every PulseAudio place)."""
    pulse: str | None
    """The PulseAudio sink (output) or source (input), when through PulseAudio."""
    device: str
    """What the place plays into or records from: the same for a sink and its monitor."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The device gateway's own options: ``--floor-from`` and ``--setup``.

    ``--channel LANG=DEVICE`` is the program's, as for every platform kind:
    DEVICE is the sink LANG is played into (``rsi-LANG`` after ``--setup``).
    """
    parser.add_argument(
        "--floor-from",
        metavar="DEVICE",
        default=FLOOR_DEVICE,
        help="the device the platform client's speaker plays into: a source, or a sink whose "
        f"monitor is recorded (default {FLOOR_DEVICE}); `rsi-gateway devices` lists them",
    )
    parser.add_argument(
        "--setup",
        action="store_true",
        help="create the virtual devices (PulseAudio/PipeWire null sinks) for the floor and each "
        "--channel's language, say which to choose where in the platform clients, and exit",
    )


def opener(args: argparse.Namespace) -> tuple[Opener, dict[str, str]]:
    """The Opener for ``args`` and each hub channel's device.

    ``args.floor_from`` is :func:`add_arguments`'s, ``args.channel`` a list of
    (LANG, DEVICE). Devices that cannot work together are refused here
    (:class:`BadDevices`, a ValueError too); the Opener looks the devices up
    each time it opens them, so a device missing now (:class:`NoSuchPlace`)
    is its error, as it is when the device goes away later.
    """
    floor_from: str = args.floor_from
    channels: list[tuple[str, str]] = args.channel
    try:
        resolve(floor_from, channels)
    except BadDevices:
        raise
    except PlatformError:
        pass  # the Opener's to say, with its exit status (see above)

    async def open_side(sink: FloorSink) -> DeviceSide:
        floor, places = await asyncio.to_thread(resolve, floor_from, channels)
        return await DeviceSide.open(floor, places, sink)

    return open_side, dict(channels)


def resolve(floor_from: str, channels: Sequence[tuple[str, str]]) -> tuple[Place, dict[str, Place]]:
    """The floor's place and each channel's, checked to work together."""
    langs = [lang for lang, _ in channels]
    if len(set(langs)) != len(langs):
        raise BadDevices(f"a channel is named twice in --channel ({', '.join(langs)})")
    if pulse.running():
        sources, sinks = pulse.endpoints("source"), pulse.endpoints("sink")
        floor = _pulse_floor(floor_from, sources, sinks)
        places = {lang: _pulse_channel(device, sinks) for lang, device in channels}
    else:
        floor = _portaudio_place(floor_from, "input")
        places = {lang: _portaudio_place(device, "output") for lang, device in channels}
    for lang, place in places.items():
        if place.device == floor.device:
            raise BadDevices(
                f"--channel {lang}={place.given} would play {lang} into the device the floor is "
                f"recorded from ({floor.given}): the floor would carry {lang} back to the "
                f"interpreters. Give {lang} a device of its own (rsi-gateway device --setup "
                f"--channel {lang} makes {CHANNEL_PREFIX}{lang})"
            )
    by_device: dict[str, str] = {}
    for lang, place in places.items():
        if place.device in by_device:
            raise BadDevices(
                f"channels {by_device[place.device]} and {lang} are both played into "
                f"{place.given}: give each channel a device of its own"
            )
        by_device[place.device] = lang
    return floor, places


def _matching(name: str, found: Sequence[pulse.Endpoint]) -> pulse.Endpoint | None:
    folded = name.casefold()
    for endpoint in found:
        if endpoint.name == name:
            return endpoint
    for endpoint in found:
        if folded in (endpoint.name.casefold(), endpoint.description.casefold()):
            return endpoint
    return None


def _pulse_floor(
    name: str, sources: Sequence[pulse.Endpoint], sinks: Sequence[pulse.Endpoint]
) -> Place:
    source = _matching(name, sources)
    if source is not None:
        return Place(name, "input", pulse.PORTAUDIO_DEVICE, source.name, source.device)
    sink = _matching(name, sinks)
    if sink is not None:
        return Place(name, "input", pulse.PORTAUDIO_DEVICE, f"{sink.name}.monitor", sink.name)
    raise NoSuchPlace(
        f"there is no sound source or sink '{name}' to record the floor from; the sources are "
        f"{_names(sources)} (a sink's name records its monitor; `rsi-gateway device --setup` "
        f"creates {FLOOR_DEVICE})"
    )


def _pulse_channel(name: str, sinks: Sequence[pulse.Endpoint]) -> Place:
    sink = _matching(name, sinks)
    if sink is None:
        raise NoSuchPlace(
            f"there is no sink '{name}' to play a channel into; the sinks are {_names(sinks)} "
            "(`rsi-gateway device --setup --channel LANG` creates rsi-LANG)"
        )
    return Place(name, "output", pulse.PORTAUDIO_DEVICE, sink.name, sink.name)


def _names(found: Sequence[pulse.Endpoint]) -> str:
    return ", ".join(endpoint.name for endpoint in found) or "none"


def _portaudio_place(name: str, kind: Kind) -> Place:
    try:
        with devices.PORTAUDIO_LOCK:
            devices.rescan()  # finds a device plugged in since the last scan, if no stream is open
            info = devices.find_device(name, kind)
    except DeviceError as err:
        raise NoSuchPlace(f"{err}") from err
    # A virtual cable is one device under two names ("CABLE Input", "CABLE Output").
    words = [w for w in info.name.casefold().split() if w not in ("input", "output")]
    return Place(name, kind, info.name, None, " ".join(words))


class _FloorCapture:
    """The floor stream's callback: each block to the FloorSink and to the detector's ring."""

    def __init__(self, sink: FloorSink, ring: BlockRing) -> None:
        self.sink = sink
        self.ring = ring
        self.calls = 0
        self.overflows = 0

    def __call__(self, indata: npt.NDArray[np.float32], frames: int, _t: Any, status: Any) -> None:
        self.calls += 1
        if status and status.input_overflow:
            self.overflows += 1
        block = indata[:, 0]
        self.sink(block, time.monotonic())
        self.ring.push(block)


class _ChannelPlayback:
    """A channel stream's callback: plays from the channel's ring, at most QUEUE_BLOCKS late.

    What it played goes on to ``played``, for the loop detector: the very
    blocks that reached the device, gaps and skips included.
    """

    def __init__(self, ring: BlockRing) -> None:
        self.ring = ring
        self.played = BlockRing(WATCH_RING_BLOCKS, BLOCK)
        self.calls = 0
        self.underflows = 0
        self.skipped = 0

    def __call__(self, outdata: npt.NDArray[np.float32], frames: int, _t: Any, status: Any) -> None:
        self.calls += 1
        if status and status.output_underflow:
            self.underflows += 1
        while len(self.ring) > QUEUE_BLOCKS:
            self.ring.pop_into(outdata)
            self.skipped += 1
        self.ring.play_into(outdata)
        self.played.push(outdata[:, 0])


class _Stream:
    """One open PortAudio stream of a place, and what its callback counted."""

    def __init__(self, place: Place, callback: _FloorCapture | _ChannelPlayback) -> None:
        self.place = place
        self.callback = callback
        self.seen_calls = 0
        self.progress_at = time.monotonic()
        sd = devices.portaudio()
        kind = sd.InputStream if place.kind == "input" else sd.OutputStream
        with devices.PORTAUDIO_LOCK:
            try:
                info = devices.find_device(place.portaudio, place.kind)
                with (
                    pulse.routed("source" if place.kind == "input" else "sink", place.pulse)
                    if place.pulse is not None
                    else contextlib.nullcontext()
                ):
                    self.stream: Any = kind(
                        device=info.index,
                        samplerate=SAMPLE_RATE,
                        blocksize=BLOCK,
                        channels=1,
                        dtype="float32",
                        latency=LATENCY_S,
                        callback=callback,
                    )
                devices.stream_opened()
            except (DeviceError, sd.PortAudioError) as err:
                raise self._error(err) from err
            try:
                self.stream.start()
            except sd.PortAudioError as err:
                self.close()
                raise self._error(err) from err

    def _error(self, err: Exception) -> PlatformError:
        return PlatformError(
            f"{self.place.given} cannot be opened as a mono {SAMPLE_RATE} Hz "
            f"{self.place.kind} device: {err}"
        )

    def problem(self, now: float) -> str | None:
        """Why the stream is no longer usable, or ``None``."""
        calls = self.callback.calls
        if calls != self.seen_calls:
            self.seen_calls = calls
            self.progress_at = now
        with devices.PORTAUDIO_LOCK:
            active = bool(self.stream.active)
        limit = STALL_S if calls else FIRST_CALLBACK_S
        if not active:
            return f"the device {self.place.given} stopped (disconnected or failed)"
        if now - self.progress_at > limit:
            return f"the device {self.place.given} gave no audio for {now - self.progress_at:.1f} s"
        return None

    def close(self) -> None:
        with devices.PORTAUDIO_LOCK:
            try:
                self.stream.abort(ignore_errors=True)  # now: what is queued is not wanted
                self.stream.close(ignore_errors=True)
            finally:
                devices.stream_closed()


class DeviceSide:
    """The floor from one device, each channel into its own: a :class:`PlatformSide`."""

    def __init__(self, floor: Place, places: Mapping[str, Place], sink: FloorSink) -> None:
        """Use :meth:`open`."""
        self.floor_place = floor
        self.places = dict(places)
        self._floor_ring = BlockRing(WATCH_RING_BLOCKS, BLOCK)
        self._floor = _FloorCapture(sink, self._floor_ring)
        self._channels = {ch: _ChannelPlayback(BlockRing(2 * QUEUE_BLOCKS, BLOCK)) for ch in places}
        self._detector = LoopDetector(places)
        self._stopped: dict[str, Loop] = {}
        self._streams: list[_Stream] = []
        self._ended: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._watcher: asyncio.Task[None] | None = None
        self._spoken = 0
        self._dropped = 0

    @classmethod
    async def open(cls, floor: Place, places: Mapping[str, Place], sink: FloorSink) -> DeviceSide:
        """Open and start every stream; :class:`PlatformError` if one cannot be."""
        side = cls(floor, places, sink)
        try:
            await asyncio.to_thread(side._open_streams)
        except BaseException:
            await asyncio.to_thread(side._close_streams)
            raise
        side._watcher = asyncio.create_task(side._watch(), name="device gateway watcher")
        return side

    @property
    def platform(self) -> str:
        return "device"

    @property
    def loops(self) -> list[Loop]:
        """The channels stopped because they came back in the floor."""
        return list(self._stopped.values())

    def speak(self, channel: str, block: npt.NDArray[np.float32]) -> None:
        if channel in self._stopped:
            self._dropped += 1
            return
        self._spoken += 1
        self._channels[channel].ring.push(block)

    def figures(self) -> Mapping[str, int | float]:
        playback = self._channels.values()
        return {
            "floor_blocks": self._floor.calls,
            "floor_overflows": self._floor.overflows,
            "played_blocks": self._spoken,
            "playback_underruns": sum(p.ring.underruns for p in playback),
            "playback_skipped": sum(p.skipped for p in playback),
            "playback_overruns": sum(p.ring.overruns for p in playback),
            "loops_stopped": len(self._stopped),
        }

    async def wait_ended(self) -> str:
        return await asyncio.shield(self._ended)

    async def close(self) -> None:
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        await asyncio.to_thread(self._close_streams)

    def _open_streams(self) -> None:
        self._streams.append(_Stream(self.floor_place, self._floor))
        for channel, place in self.places.items():
            self._streams.append(_Stream(place, self._channels[channel]))

    def _close_streams(self) -> None:
        streams, self._streams = self._streams, []
        for stream in streams:
            stream.close()

    async def _watch(self) -> None:
        block = np.zeros(BLOCK, dtype=np.float32)
        checked = time.monotonic()
        while True:
            await asyncio.sleep(POLL_S)
            # off the event loop: a look at 8 channels takes about 15 ms of numpy here
            await asyncio.to_thread(self._detect, block)
            for loop in self._detector.loops_found():
                self._stop(loop)
            now = time.monotonic()
            problems = [p for p in (s.problem(now) for s in self._streams) if p is not None]
            if not problems and now - checked >= DEVICE_CHECK_S:
                checked = now
                problems = await asyncio.to_thread(self._gone)
            if problems:
                # closed at once: a stream moved elsewhere by the server must not play on
                await asyncio.to_thread(self._close_streams)
                self._ended.set_result(f"{problems[0]}; opening the devices again")
                return

    def _gone(self) -> list[str]:
        """The PulseAudio places in use that are no longer there, each as a sentence."""
        wanted = [p for p in (self.floor_place, *self.places.values()) if p.pulse is not None]
        if not wanted:
            return []
        try:
            present = pulse.names("sink") | pulse.names("source")
        except PlatformError as err:
            return [str(err)]
        return [f"the device {p.given} is gone" for p in wanted if p.pulse not in present]

    def _detect(self, block: npt.NDArray[np.float32]) -> None:
        """Feed the detector what was captured and played, in step, then what was played since."""
        while len(self._floor_ring):
            for channel, playback in self._channels.items():
                if len(playback.played):
                    playback.played.pop_into(block)
                    self._detector.output(channel, block)
            self._floor_ring.pop_into(block)
            self._detector.floor(block)
        for channel, playback in self._channels.items():
            while len(playback.played):
                playback.played.pop_into(block)
                self._detector.output(channel, block)

    def _stop(self, loop: Loop) -> None:
        self._stopped[loop.channel] = loop
        place = self.places[loop.channel]
        log.error(
            "%s comes back in the floor %.0f ms after it is played (a loop): stopped playing it "
            "into %s. The platform client whose speaker is %s hears the one whose microphone "
            "is %s: give them separate meetings or language channels, then restart the gateway",
            loop.channel,
            loop.delay_s * 1000,
            place.given,
            self.floor_place.given,
            f"{place.pulse}.monitor" if place.pulse is not None else place.given,
        )

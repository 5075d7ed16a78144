"""``rsi-gateway mumble``: a Mumble server's channels as the hub's floor and languages.

The gateway program (:mod:`programs.gateway`) registers this module:
:func:`add_arguments` adds the Mumble options; :func:`opener` turns the
parsed arguments (``--channel LANG=NAME`` among them) into the
:data:`~channels.platforms.link.Opener` of a :class:`MumbleSide` and the
places of the hub's channels.

The gateway sits in the floor channel and hears everyone there
(:class:`~.floor.FloorMixer` mixes them as a Mumble client does); it speaks
each language into its Mumble channel by a whisper (one ``VoiceTarget`` per
language) without leaving the floor channel, so Mumble users in
``Français`` hear the French channel and those in the floor channel hear
the floor only. murmurd counts all our voice against one bandwidth limit,
so the languages share it, or get a connection each when their shares
would be too small (docs/gateways.md, "Mumble").
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import time
from collections import deque
from collections.abc import Callable, Mapping
from functools import partial
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK
from channels.platforms.link import (
    FloorSink,
    LoginRefused,
    NoSuchPlace,
    Opener,
    PlatformError,
    PlatformSide,
    PlatformUnreachable,
    PullingSink,
)
from channels.platforms.mumble import options
from channels.platforms.mumble.client import BITRATE, Heard, MumbleClient, MumbleError
from channels.platforms.mumble.core import (
    CommandError,
    Ended,
    EndKind,
    Event,
    UserLeft,
    opus_bitrate,
)
from channels.platforms.mumble.floor import BlockClock, FloorMixer
from channels.platforms.mumble.voice import WHISPER_TARGETS

SILENT: Final = 1e-4
"""A block whose every sample is below this (-80 dBFS) is silence: not sent."""
WHISPER_MIN_BITRATE: Final = 32_000
"""The least Opus bitrate a whispered language may get from its share of the server's
bandwidth limit; below it each language gets a connection of its own. Opus is near
transparent for fullband speech from about 32 kb/s (its documentation says 28-40 kb/s)."""
HANGOVER_BLOCKS: Final = 20
"""Silent blocks still sent after sound (200 ms), so a pause between words does not end the
talk burst; then the burst ends and nothing is sent until the next sound."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The Mumble options (:func:`.options.add_arguments`); the program adds ``--channel``."""
    options.add_arguments(parser)


def opener(args: argparse.Namespace) -> tuple[Opener, dict[str, str]]:
    """The opener of the Mumble side ``args`` describe, and hub channel -> Mumble channel.

    ``args.channel`` is the program's list of ``(LANG, NAME)``; a Mumble
    channel is a name or a path ``Parent/Child``. ValueError for a language
    given twice, two languages in one channel, or too many languages.
    """
    settings = options.MumbleOptions.from_args(args)
    places: dict[str, str] = {}
    for lang, name in args.channel:
        if lang in places:
            raise ValueError(f"--channel {lang} is given twice: give each language once")
        if name in places.values() or name == settings.floor_channel:
            raise ValueError(
                f"--channel {lang}={name}: each language needs a Mumble channel of its own, "
                "apart from the floor's"
            )
        places[lang] = name
    if len(places) > len(WHISPER_TARGETS):
        raise ValueError(f"at most {len(WHISPER_TARGETS)} language channels, not {len(places)}")

    async def open_side(sink: FloorSink) -> PlatformSide:
        return await MumbleSide.open(settings, places, sink)

    return open_side, places


def whispers_fit(max_bandwidth: int | None, languages: int, frame_ms: int) -> bool:
    """Can ``languages`` whispers share one connection under the server's bandwidth limit?"""
    if languages < 2 or max_bandwidth is None:
        return True
    share = opus_bitrate(max_bandwidth // languages, frame_ms, BITRATE)
    return share >= WHISPER_MIN_BITRATE


class _Voice:
    """Where one language goes: a connection, a target on it, and its talk burst's state."""

    __slots__ = ("client", "quiet", "talking", "target")

    def __init__(self, client: MumbleClient, target: int) -> None:
        self.client = client
        self.target = target
        self.talking = False
        self.quiet = 0


class MumbleSide:
    """A Mumble server joined: the floor channel heard, each language spoken into its channel.

    Made by :meth:`open` (what the gateway's opener does). A
    :class:`~channels.platforms.link.PullingSink` (the gateway's port) takes
    each 10 ms block of the floor from the mixer on its own tick; any other
    sink is given them on a steady clock kept by a task of the event loop
    that opened the side, each with its due time as its arrival. What is
    heard reaches the mixer through a queue that the taker drains first, so
    the mixer is only ever touched on the clock's thread.

    Languages are whispered over the floor's connection while each one's share
    of the server's bandwidth limit allows :data:`WHISPER_MIN_BITRATE`;
    otherwise each language has a connection of its own (user ``NAME-LANG``)
    that sits in its channel and talks there, with the whole limit to itself.
    """

    def __init__(
        self,
        places: Mapping[str, str],
        sink: FloorSink,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sink = sink
        self._clock = clock
        self._places = dict(places)
        self._mixer = FloorMixer()
        self._inbox: deque[Callable[[], None]] = deque()
        """What was heard since the last block, for the mixer (appended on the loop's thread,
        run on the clock's: a deque's append and popleft are atomic)."""
        self._block = np.zeros(BLOCK, dtype=np.float32)
        self.client = MumbleClient(
            on_voice=self._heard,
            on_event=self._event,
            clock=clock,
            streams=max(1, len(places)),
        )
        """The floor's connection (and the languages', when they are whispered)."""
        self._voices: dict[str, _Voice] = {}
        self._clients = [self.client]
        self._sessions: set[int] = set()
        """Our own connections' sessions: never floor."""
        self._ticks: BlockClock | None = None
        self._pacing: asyncio.Task[None] | None = None
        self._closed = False
        self.own = 0
        """Packets of our own sessions heard (a server's loopback, linked channels): not floor."""

    @property
    def whispering(self) -> bool:
        """The languages go as whispers over the floor's connection (not one connection each)."""
        return all(voice.client is self.client for voice in self._voices.values())

    @classmethod
    async def open(
        cls,
        settings: options.MumbleOptions,
        places: Mapping[str, str],
        sink: FloorSink,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> MumbleSide:
        """Connect, join the floor channel, set up each language; :class:`PlatformError` if not."""
        side = cls(places, sink, clock=clock)
        try:
            await _connect(settings, side.client)
            await side._enter(settings)
        except BaseException:
            await side.close()
            raise
        return side

    async def _enter(self, settings: options.MumbleOptions) -> None:
        client = self.client
        protocol = client.protocol
        assert protocol is not None and protocol.session is not None
        self._sessions.add(protocol.session)
        try:
            floor = (
                protocol.channels[protocol.users[protocol.session].channel]
                if settings.floor_channel is None
                else protocol.find_channel(settings.floor_channel)
            )
            places = {lang: protocol.find_channel(name) for lang, name in self._places.items()}
        except CommandError as exc:  # its sentence lists the channels the server has
            raise NoSuchPlace(str(exc)) from None
        for lang, place in places.items():
            if place.id == floor.id:
                raise NoSuchPlace(
                    f"--channel {lang}={self._places[lang]} names the floor channel itself: give "
                    "each language a Mumble channel of its own, where its listeners go"
                )
        try:
            if settings.floor_channel is not None:
                await client.join(settings.floor_channel)
            if whispers_fit(protocol.max_bandwidth, len(places), client.frame_ms):
                for i, (lang, name) in enumerate(self._places.items()):
                    client.whisper(WHISPER_TARGETS[i], [name])
                    self._voices[lang] = _Voice(client, WHISPER_TARGETS[i])
            else:
                for lang, name in self._places.items():
                    self._voices[lang] = _Voice(await self._own_connection(settings, lang, name), 0)
        except CommandError as exc:
            raise PlatformError(str(exc)) from None
        except MumbleError as exc:  # a connection ended while we waited
            raise PlatformUnreachable(str(exc)) from None
        if isinstance(self._sink, PullingSink):
            self._sink.pull(self._take)
        else:
            self._ticks = BlockClock(self._clock())
            self._pacing = asyncio.get_running_loop().create_task(self._pace())

    async def _own_connection(
        self, settings: options.MumbleOptions, lang: str, name: str
    ) -> MumbleClient:
        """A connection for one language, in its channel; counted as ours before it speaks."""
        client = MumbleClient(clock=self._clock)
        self._clients.append(client)
        await _connect(dataclasses.replace(settings, user=f"{settings.user}-{lang}"), client)
        assert client.protocol is not None and client.protocol.session is not None
        self._sessions.add(client.protocol.session)
        await client.join(name)
        return client

    @property
    def platform(self) -> str:
        return "mumble"

    def speak(self, channel: str, block: npt.NDArray[np.float32]) -> None:
        """Speak one 10 ms block of ``channel`` into its Mumble channel; silence is not sent."""
        voice = self._voices[channel]
        sound = float(np.max(block)) >= SILENT or float(np.min(block)) <= -SILENT
        if sound:
            voice.quiet = 0
            voice.talking = True
        elif not voice.talking:
            return
        else:
            voice.quiet += 1
        last = voice.quiet >= HANGOVER_BLOCKS
        if last:
            voice.talking = False
        voice.client.send_block(block, voice.target, last=last)

    def figures(self) -> Mapping[str, int | float]:
        """Counters since the side was opened, all its connections together (10 ms frames)."""
        f, mixer = self.client.figures, self._mixer
        sent = [client.figures for client in self._clients]
        return {
            "connections": sum(s.connections for s in sent),
            "frames_in": f.frames_in,
            "frames_out": sum(s.frames_out for s in sent),
            "dropped_out": sum(s.dropped for s in sent),
            "lost_in": f.lost,
            "late_in": f.late,
            "speakers": mixer.speakers,
            "most_at_once": mixer.most_at_once,
            "lost_at_playout": mixer.lost,
            "late_at_playout": mixer.late,
            "caught_up": mixer.dropped,
            "underruns": mixer.underruns,
            "shortened": mixer.shortened,
            "ignored": sum(s.ignored for s in sent),
            "own_voice": self.own,
            "skipped_blocks": self._ticks.skipped if self._ticks is not None else 0,
        }

    async def wait_ended(self) -> str:
        """Why the first of our connections to end ended (the side is then over)."""
        waits = {
            asyncio.ensure_future(client.wait_ended()): client
            for client in self._clients
            if client.protocol is not None
        }
        try:
            done, _ = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for wait in waits:
                wait.cancel()
        first = next(iter(done))
        client = waits[first]
        sentence = first.result().sentence
        if client is self.client:
            return sentence
        lang = next(lang for lang, voice in self._voices.items() if voice.client is client)
        return f"the connection for {lang}: {sentence}"

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._stop_pacing()
        for client in self._clients:
            client.close()
        for client in self._clients:
            if client.protocol is not None:
                await client.wait_ended()

    # -- inside --------------------------------------------------------------------------

    def _heard(self, heard: Heard) -> None:
        speaker = heard.speaker
        if speaker is None:
            return
        if speaker.session in self._sessions:
            self.own += 1
            return
        self._inbox.append(
            partial(
                self._mixer.heard,
                speaker.session,
                heard.sequence,
                heard.pcm.copy(),
                heard.arrival,
                last=heard.last,
            )
        )

    def _event(self, event: Event) -> None:
        if isinstance(event, UserLeft):
            self._inbox.append(partial(self._mixer.forget, event.user.session))
        elif isinstance(event, Ended):
            self._inbox.append(self._mixer.clear)
            self._stop_pacing()

    def _stop_pacing(self) -> None:
        if isinstance(self._sink, PullingSink):
            self._sink.pull(None)
        if self._pacing is not None:
            self._pacing.cancel()
            self._pacing = None

    def _take(self, out: npt.NDArray[np.float32], now: float) -> None:
        """The floor's block taken at ``now`` into ``out``, on the clock's thread."""
        inbox = self._inbox
        while inbox:
            inbox.popleft()()
        self._mixer.mix(now, out)

    async def _pace(self) -> None:
        ticks, block = self._ticks, self._block
        assert ticks is not None
        while True:
            now = self._clock()
            while (due := ticks.take(now)) is not None:
                self._take(block, due)
                self._sink(block, due)
            await asyncio.sleep(max(0.0, ticks.next - self._clock()))


async def _connect(settings: options.MumbleOptions, client: MumbleClient) -> None:
    """Connect as ``settings`` say; the :class:`PlatformError` for a gateway if not."""
    try:
        await settings.connect(client)
    except MumbleError as exc:
        end = exc.end
        if end.retry:
            raise PlatformUnreachable(end.sentence) from None
        if end.kind in (EndKind.CERTIFICATE, EndKind.REJECTED):
            raise LoginRefused(end.sentence) from None
        raise PlatformError(end.sentence) from None

"""``rsi-gateway mumble``: a Mumble server's channels as the hub's floor and languages.

The gateway program registers this module: :func:`add_arguments` adds the
Mumble options and ``--channel LANG=NAME``; :func:`opener` turns the parsed
arguments into the :data:`~channels.platforms.link.Opener` of a
:class:`MumbleSide` and the places of the hub's channels.

One connection does it all. The gateway sits in the floor channel and hears
everyone there (:class:`~.floor.FloorMixer` mixes them as a Mumble client
does); it speaks each language into its Mumble channel by a whisper (one
``VoiceTarget`` per language) without leaving the floor channel, so Mumble
users in ``Français`` hear the French channel and those in the floor channel
hear the floor only. murmurd counts all our voice against one bandwidth
limit, so the languages share it (docs/gateways.md, "Mumble").
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK
from channels import identity
from channels.platforms.link import (
    FloorSink,
    LoginRefused,
    NoSuchPlace,
    Opener,
    PlatformError,
    PlatformSide,
    PlatformUnreachable,
)
from channels.platforms.mumble import options
from channels.platforms.mumble.client import Heard, MumbleClient, MumbleError
from channels.platforms.mumble.core import CommandError, Ended, EndKind, Event, UserLeft
from channels.platforms.mumble.floor import BlockClock, FloorMixer
from channels.platforms.mumble.voice import WHISPER_TARGETS

SILENT: Final = 1e-4
"""A block whose every sample is below this (-80 dBFS) is silence: not sent."""
HANGOVER_BLOCKS: Final = 20
"""Silent blocks still sent after sound (200 ms), so a pause between words does not end the
talk burst; then the burst ends and nothing is sent until the next sound."""


def _place(text: str) -> tuple[str, str]:
    lang, sep, name = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(
            f"{text!r}: write LANG=CHANNEL, e.g. fr=Français (the hub's channel, then the "
            "Mumble channel)"
        )
    try:
        identity.check_participant_id(lang, "channel")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: {exc}") from None
    return lang, name.strip()


class _Places(argparse.Action):
    """``--channel LANG=NAME``, repeated: a dict, each language once."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        places: dict[str, str] = dict(getattr(namespace, self.dest) or {})
        assert isinstance(values, list)  # nargs="+" of _place: (lang, name) pairs
        for lang, name in values:
            if lang in places:
                parser.error(f"--channel {lang}= is given twice: give each language once")
            places[lang] = name
        if len(places) > len(WHISPER_TARGETS):
            parser.error(f"at most {len(WHISPER_TARGETS)} language channels (Mumble's whispers)")
        setattr(namespace, self.dest, places)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The Mumble options (:func:`.options.add_arguments`) and ``--channel LANG=NAME ...``."""
    options.add_arguments(parser)
    parser.add_argument(
        "--channel",
        nargs="+",
        type=_place,
        action=_Places,
        default={},
        metavar="LANG=NAME",
        help="speak the hub's channel LANG into the Mumble channel NAME (a name, or a path "
        "Parent/Child), e.g. --channel fr=Français de=Deutsch",
    )


def opener(args: argparse.Namespace) -> tuple[Opener, dict[str, str]]:
    """The opener of the Mumble side the arguments describe, and hub channel -> Mumble channel."""
    settings = options.MumbleOptions.from_args(args)
    places: dict[str, str] = dict(args.channel)

    async def open_side(sink: FloorSink) -> PlatformSide:
        return await MumbleSide.open(settings, places, sink)

    return open_side, places


def _refusal(error: MumbleError) -> PlatformError:
    """What a gateway reports when the connection does not come up."""
    end = error.end
    if end.retry:
        return PlatformUnreachable(end.sentence)
    if end.kind in (EndKind.CERTIFICATE, EndKind.REJECTED):
        return LoginRefused(end.sentence)
    return PlatformError(end.sentence)


class _Talk:
    """One language's whisper: its target, and whether a talk burst is going on."""

    __slots__ = ("quiet", "talking", "target")

    def __init__(self, target: int) -> None:
        self.target = target
        self.talking = False
        self.quiet = 0


class MumbleSide:
    """A Mumble server joined: the floor channel heard, each language whispered to its channel.

    Made by :meth:`open` (what the gateway's opener does). The floor goes to
    the sink as 10 ms blocks on a steady clock kept by a task of the event
    loop that opened the side, each with its due time as its arrival.
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
        self._mixer = FloorMixer()
        self._block = np.zeros(BLOCK, dtype=np.float32)
        self._talks = {lang: _Talk(WHISPER_TARGETS[i]) for i, lang in enumerate(places)}
        self._places = dict(places)
        self.client = MumbleClient(
            on_voice=self._heard,
            on_event=self._event,
            clock=clock,
            streams=max(1, len(places)),
        )
        self._ticks: BlockClock | None = None
        self._pacing: asyncio.Task[None] | None = None
        self._closed = False
        self.own = 0
        """Packets of our own session heard (the server should never send them): ignored."""

    @classmethod
    async def open(
        cls,
        settings: options.MumbleOptions,
        places: Mapping[str, str],
        sink: FloorSink,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> MumbleSide:
        """Connect, join the floor channel, set a whisper per language; :class:`PlatformError`."""
        side = cls(places, sink, clock=clock)
        try:
            await settings.connect(side.client)
        except MumbleError as exc:
            raise _refusal(exc) from None
        try:
            await side._enter(settings.floor_channel)
        except BaseException:
            await side.close()
            raise
        return side

    async def _enter(self, floor: str | None) -> None:
        client = self.client
        protocol = client.protocol
        assert protocol is not None and protocol.session is not None
        try:
            if floor is not None:
                here = await client.join(floor)
            else:
                here = protocol.channels[protocol.users[protocol.session].channel]
            for lang, name in self._places.items():
                place = protocol.find_channel(name)
                if place.id == here.id:
                    raise NoSuchPlace(
                        f"--channel {lang}={name} names the floor channel itself: give each "
                        "language a Mumble channel of its own, where its listeners go"
                    )
                client.whisper(self._talks[lang].target, [name])
        except CommandError as exc:
            # find_channel's sentences say which channels the server has
            missing = "has no channel" in str(exc) or "channels named" in str(exc)
            raise (NoSuchPlace if missing else PlatformError)(str(exc)) from None
        except MumbleError as exc:
            raise _refusal(exc) from None
        self._ticks = BlockClock(self._clock())
        self._pacing = asyncio.get_running_loop().create_task(self._pace())

    @property
    def platform(self) -> str:
        return "mumble"

    def speak(self, channel: str, block: npt.NDArray[np.float32]) -> None:
        """Whisper one 10 ms block of ``channel`` to its Mumble channel; silence is not sent."""
        talk = self._talks[channel]
        sound = float(np.max(block)) >= SILENT or float(np.min(block)) <= -SILENT
        if sound:
            talk.quiet = 0
            talk.talking = True
        elif not talk.talking:
            return
        else:
            talk.quiet += 1
        last = talk.quiet >= HANGOVER_BLOCKS
        if last:
            talk.talking = False
        self.client.send_block(block, talk.target, last=last)

    def figures(self) -> Mapping[str, int | float]:
        f, mixer = self.client.figures, self._mixer
        figures: dict[str, int | float] = {
            "connections": f.connections,
            "frames_in": f.frames_in,
            "frames_out": f.frames_out,
            "dropped_out": f.dropped,
            "lost_in": f.lost,
            "late_in": f.late,
            "speakers": mixer.speakers,
            "most_at_once": mixer.most_at_once,
            "lost_at_playout": mixer.lost,
            "late_at_playout": mixer.late,
            "caught_up": mixer.dropped,
            "underruns": mixer.underruns,
            "ignored": f.ignored + self.own,
            "skipped_blocks": self._ticks.skipped if self._ticks is not None else 0,
        }
        if f.rtt_ms is not None:
            figures["rtt_ms"] = round(f.rtt_ms, 1)
        return figures

    async def wait_ended(self) -> str:
        return (await self.client.wait_ended()).sentence

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._stop_pacing()
        self.client.close()
        with contextlib.suppress(CommandError):
            await self.client.wait_ended()

    # -- inside --------------------------------------------------------------------------

    def _heard(self, heard: Heard) -> None:
        protocol = self.client.protocol
        speaker = heard.speaker
        if speaker is None or protocol is None:
            return
        if speaker.session == protocol.session:
            self.own += 1
            return
        self._mixer.heard(
            speaker.session, heard.sequence, heard.pcm, heard.arrival, last=heard.last
        )

    def _event(self, event: Event) -> None:
        if isinstance(event, UserLeft):
            self._mixer.forget(event.user.session)
        elif isinstance(event, Ended):
            self._mixer.clear()
            self._stop_pacing()

    def _stop_pacing(self) -> None:
        if self._pacing is not None:
            self._pacing.cancel()
            self._pacing = None

    async def _pace(self) -> None:
        ticks, mixer, block = self._ticks, self._mixer, self._block
        assert ticks is not None
        while True:
            now = self._clock()
            while (due := ticks.take(now)) is not None:
                mixer.mix(due, block)
                self._sink(block, due)
            await asyncio.sleep(max(0.0, ticks.next - self._clock()))

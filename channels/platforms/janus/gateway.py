"""Janus AudioBridge rooms, joined as a plain RTP participant: the floor room and one per channel.

``rsi-gateway janus --janus ws://HOST:8188/ --room ROOM [--channel LANG=ROOM ...]
[--room-secret S]``: the floor is room ROOM's mix (the gateway joins it muted),
and each channel is spoken into its own room, where the Janus participants who
want that language listen. :class:`JanusSide` is the
:class:`~channels.platforms.link.PlatformSide`, made by :func:`open_janus`.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
from collections.abc import Mapping
from typing import Final

import numpy as np
import numpy.typing as npt

from channels.platforms.janus.client import JanusClient, JanusRoom, JoinRefused, LinkEnded
from channels.platforms.janus.protocol import NO_SUCH_ROOM, JoinSettings, RoomId
from channels.platforms.link import (
    FloorSink,
    LoginRefused,
    NoSuchPlace,
    Opener,
    PlatformUnreachable,
)

PLATFORM: Final = "janus"
OPEN_TIMEOUT_S: Final = 5.0
DISPLAY: Final = "RSI gateway"


class JanusSide:
    """The floor room (heard) and each channel's room (spoken into), through one Janus session."""

    def __init__(
        self, client: JanusClient, floor: JanusRoom, rooms: Mapping[str, JanusRoom]
    ) -> None:
        self._client = client
        self._floor = floor
        self._rooms = dict(rooms)

    @property
    def platform(self) -> str:
        return PLATFORM

    def speak(self, channel: str, block: npt.NDArray[np.float32]) -> None:
        self._rooms[channel].send_block(block)

    def figures(self) -> dict[str, int]:
        floor = self._floor.figures
        out = {
            "floor_packets_in": floor.packets_in,
            "floor_lost": floor.lost,
            "floor_late": floor.late,
            "malformed": floor.malformed,
            "foreign": floor.foreign,
        }
        for channel, room in self._rooms.items():
            figures = room.figures
            out[f"{channel}_packets_out"] = figures.packets_out
            out["malformed"] += figures.malformed
            out["foreign"] += figures.foreign
        return out

    async def wait_ended(self) -> str:
        """The link ended, or a room did (a kick, a room destroyed): why."""
        waits = [
            asyncio.ensure_future(w)
            for w in (
                self._client.wait_ended(),
                self._floor.wait_ended(),
                *(room.wait_ended() for room in self._rooms.values()),
            )
        ]
        try:
            done, _ = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            return next(iter(done)).result()
        finally:
            for wait in waits:
                wait.cancel()

    async def close(self) -> None:
        await self._client.close()


async def open_janus(
    url: str,
    floor_room: RoomId,
    places: Mapping[str, RoomId],
    pin: str | None,
    sink: FloorSink,
) -> JanusSide:
    """Join ``floor_room`` (heard, into ``sink``) and each channel's room (spoken into).

    :class:`PlatformUnreachable` when Janus does not answer or the link ends,
    :class:`NoSuchPlace` for a room Janus does not have, :class:`LoginRefused`
    for any other refusal (a wrong PIN, plain RTP not allowed).
    """
    try:
        client = await JanusClient.connect(url, open_timeout=OPEN_TIMEOUT_S)
    except LinkEnded as exc:
        raise PlatformUnreachable(str(exc)) from None
    try:
        floor = await client.join(
            floor_room, sink, JoinSettings(display=f"{DISPLAY} (floor)", pin=pin, muted=True)
        )
        rooms = {
            channel: await client.join(
                room, _unheard, JoinSettings(display=f"{DISPLAY} ({channel})", pin=pin)
            )
            for channel, room in places.items()
        }
    except JoinRefused as exc:
        await client.close()
        kind = NoSuchPlace if exc.code == NO_SUCH_ROOM else LoginRefused
        raise kind(str(exc)) from None
    except LinkEnded as exc:
        await client.close()
        raise PlatformUnreachable(str(exc)) from None
    return JanusSide(client, floor, rooms)


def _unheard(block: npt.NDArray[np.float32], arrival: float) -> None:
    """A channel's room: what others say there is not the gateway's to hear."""


def room_id(text: str) -> RoomId:
    """A room's id as given: a number, or a string for a Janus with ``string_ids``."""
    return int(text) if text.isdecimal() else text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--janus", required=True, metavar="URL", help="Janus's WebSocket API, ws://HOST:8188/"
    )
    parser.add_argument("--room", required=True, help="the AudioBridge room whose mix is the floor")
    parser.add_argument("--room-secret", metavar="S", help="the rooms' PIN, if they have one")


def opener(args: argparse.Namespace) -> tuple[Opener, dict[str, str]]:
    """The rooms named by ``args``; ValueError for a URL or a room given wrong."""
    url: str = args.janus
    if not url.startswith(("ws://", "wss://")):
        raise ValueError(f"--janus takes Janus's WebSocket address (ws://HOST:8188/), not {url!r}")
    places: dict[str, str] = {}
    for channel, room in args.channel:
        if channel in places:
            raise ValueError(f"--channel {channel} is given twice")
        if room == args.room or room in places.values():
            raise ValueError(
                f"--channel {channel}={room}: each channel needs a room of its own, "
                "apart from the floor's"
            )
        places[channel] = room
    rooms = {channel: room_id(room) for channel, room in places.items()}
    return (
        functools.partial(open_janus, url, room_id(args.room), rooms, args.room_secret),
        places,
    )

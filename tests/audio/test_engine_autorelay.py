"""Auto-relay in the engine, against a real hub on loopback with the demo meeting.

The engine is an interpreter of the Arabic booth (it understands English and
French). Raw test clients play the coordinator, who sets the floor
language, and the English and French booths, which take and leave the air.
The relay input must follow, say why, put its source first in ``listen``
(the hub then shows it as the booth's source), and give way to a manual
choice. ``rsi-bot --listen auto`` runs the same code: one test runs a
:class:`programs.bot.Bot` on it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from audio.commands import (
    AutoRelayChanged,
    CommandRejected,
    Connect,
    InputSwitched,
    MeetingChanged,
    SetAutoRelay,
    SetInput,
    Welcomed,
)
from audio.engine import Engine
from channels import meeting_file
from programs.bot import AUTO, Bot, BotConfig
from programs.hub import DEMO_MEETING
from relay.source import ReasonKind
from tests.rig.engineport import ClockedPort, EventTap, running
from tests.rig.wsclient import Room, WsClient, open_room, participant

RELAY = 1


@pytest.fixture
async def room() -> AsyncIterator[Room]:
    async with open_room(meeting_file.load(DEMO_MEETING)) as room:
        yield room


@pytest.fixture
async def arabic(room: Room) -> AsyncIterator[tuple[Engine, EventTap]]:
    """The Arabic booth's engine: floor on input 0, auto-relay on input 1 (both before joining)."""
    async with running(ClockedPort()) as (engine, tap):
        engine.submit(SetInput(0, "floor"))
        engine.submit(SetAutoRelay(True))
        engine.submit(Connect(room.url, room.token("ar-1", "interpreter", "ar")))
        await tap.expect(Welcomed)
        yield engine, tap


async def follows(tap: EventTap, channel: str | None, *words: str) -> AutoRelayChanged:
    event = await tap.expect(
        AutoRelayChanged, lambda e: e.channel == channel and all(w in e.sentence for w in words)
    )
    assert event.index == RELAY
    return event


async def source_of(room: Room, coord: WsClient, channel: str) -> None:
    """The hub shows the engine's booth taking ``channel`` first: its source."""
    await coord.expect_state(
        lambda m: (participant(m, "ar-1") or {}).get("listening", [])[:1] == [channel]
    )


async def set_floor(coord: WsClient, language: str) -> None:
    await coord.send({"type": "floor_language", "language": language})


async def test_the_relay_input_follows_the_floor_language_and_the_air(
    room: Room, arabic: tuple[Engine, EventTap]
) -> None:
    _, tap = arabic
    first = await follows(tap, None, "floor: English → the floor")
    assert first.auto and first.decision is not None
    assert first.decision.reason.kind is ReasonKind.FLOOR_UNDERSTOOD

    coord = await room.join("coord", "coordinator")
    await set_floor(coord, "es")
    no_relay = await follows(tap, None, "floor: Spanish → the floor: no booth is on air into")
    assert no_relay.decision is not None
    assert no_relay.decision.reason.kind is ReasonKind.NO_RELAY

    en = await room.join("en-1", "interpreter", "en", listen=["floor"])
    await room.take_air(en, "en")
    pivot = await follows(tap, "en", "floor: Spanish → relay from the English booth")
    assert pivot.auto
    await tap.expect(InputSwitched, lambda e: e.index == RELAY and e.channel == "en")
    await source_of(room, coord, "en")

    fr = await room.join("fr-1", "interpreter", "fr", listen=["floor"])
    await room.take_air(fr, "fr")
    await en.send({"type": "mic", "on": False})
    moved = await follows(
        tap, "fr", "the English booth went off air", "relay from the French booth"
    )
    assert moved.decision is not None and moved.decision.left is not None
    await source_of(room, coord, "fr")

    await set_floor(coord, "fr")
    await follows(tap, None, "the floor switched from Spanish", "floor: French → the floor")
    await source_of(room, coord, "floor")


async def test_a_manual_choice_wins_until_auto_is_turned_back_on(
    room: Room, arabic: tuple[Engine, EventTap]
) -> None:
    engine, tap = arabic
    await follows(tap, None, "floor: English → the floor")
    coord = await room.join("coord", "coordinator")
    en = await room.join("en-1", "interpreter", "en", listen=["floor"])
    await room.take_air(en, "en")
    await tap.expect(MeetingChanged, lambda e: e.meeting.air_of("en-1") == "en")

    engine.submit(SetInput(RELAY, "en"))
    manual = await tap.expect(AutoRelayChanged, lambda e: not e.auto)
    assert manual.channel == "en"
    assert manual.sentence.startswith("auto-relay off; manual: relay from the English booth")
    since = len(tap.history)

    fr = await room.join("fr-1", "interpreter", "fr", listen=["floor"])
    await room.take_air(fr, "fr")
    await set_floor(coord, "fr")  # auto would go to the floor now: the choice holds
    await tap.expect(MeetingChanged, lambda e: e.meeting.floor_language == "fr")
    await asyncio.sleep(0.3)
    assert not [e for e in tap.history[since:] if isinstance(e, AutoRelayChanged) and e.auto]
    switched = [e for e in tap.history[since:] if isinstance(e, InputSwitched) and e.index == RELAY]
    assert all(e.channel == "en" for e in switched), switched

    engine.submit(SetAutoRelay(True))
    await follows(tap, None, "floor: French → the floor")
    await tap.expect(InputSwitched, lambda e: e.index == RELAY and e.channel is None)


async def test_the_relay_input_gives_the_floor_to_the_floor_input_and_takes_it_back(
    room: Room,
) -> None:
    async with running(ClockedPort()) as (engine, tap):
        engine.submit(SetAutoRelay(True))
        engine.submit(Connect(room.url, room.token("ar-1", "interpreter", "ar")))
        await follows(tap, "floor", "floor: English → the floor")
        engine.submit(SetInput(0, "floor"))
        await tap.expect(InputSwitched, lambda e: e.index == 0 and e.channel == "floor")
        await follows(tap, None, "floor: English → the floor")
        engine.submit(SetInput(0, None))
        await follows(tap, "floor", "floor: English → the floor")
        assert not [e for e in tap.history if isinstance(e, CommandRejected)]


async def test_auto_relay_needs_a_booth(room: Room) -> None:
    async with running(ClockedPort()) as (engine, tap):
        engine.submit(Connect(room.url, room.token("lis", "listener")))
        await tap.expect(Welcomed)
        engine.submit(SetAutoRelay(True))
        refused = await tap.expect(CommandRejected)
        assert "only interpreters" in refused.sentence


async def test_rsi_bot_listen_auto_follows_the_same_way(room: Room) -> None:
    coord = await room.join("coord", "coordinator")
    await set_floor(coord, "es")
    notices: list[str] = []
    bot = Bot(
        BotConfig(room.url, room.token("ar-1", "interpreter", "ar"), listen=(AUTO,)),
        notices.append,
    )
    await asyncio.to_thread(bot.start)
    try:
        en = await room.join("en-1", "interpreter", "en", listen=["floor"])
        await room.take_air(en, "en")
        await source_of(room, coord, "en")
        await asyncio.to_thread(bot.run, 0.2)
    finally:
        await asyncio.to_thread(bot.stop)
    assert any(
        n.startswith("input 0 follows en: a relay came on air; ")
        and n.endswith("floor: Spanish → relay from the English booth")
        for n in notices
    ), notices

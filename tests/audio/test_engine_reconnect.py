"""The engine reconnects by itself: backoff, resume, what it tells the user, and the ear.

The policy parts (:class:`channels.backoff.Backoff`, :class:`audio.reconnect.Reconnector`)
are checked exactly, without clocks. Then an engine plays a real floor tone
from a real hub (:class:`channels.server.HubServer` in the test's loop) that
is stopped and started again on the same port, or whose link is cut by a
TCP relay in between: the engine must come back with its channels, never
with the microphone, and what reaches the ear must fade out and in without a
click (the largest step between two output samples stays near the tone's own).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import math
import time
from collections.abc import AsyncIterator

import numpy as np
import pytest

from audio.commands import (
    AirChanged,
    Connect,
    ConnectionFailed,
    Disconnect,
    Disconnected,
    DisconnectKind,
    FailureKind,
    LinkRestored,
    LinkStalled,
    Mic,
    Reconnected,
    ReconnectGaveUp,
    Reconnecting,
    SetInput,
    Welcomed,
)
from audio.engine import Engine
from audio.format import SAMPLE_RATE
from audio.reconnect import STALL_S, Reconnector
from channels.backoff import Backoff
from channels.hub import Hub
from channels.linkrelay import LinkRelay
from channels.meeting import MeetingConfig, simple_meeting
from channels.server import HubServer
from tests.rig.engineport import ClockedPort, EventTap, OpusTone, Tone, rms_dbfs, running
from tests.rig.wsclient import Room, participant

TONE_HZ = 440.0
TONE_DBFS = -30.0

# --- The policy, without clocks -------------------------------------------------------------


def test_backoff_doubles_from_a_quarter_second_to_two_and_jitters_within_each_step() -> None:
    low = Backoff(random=lambda: 0.0)
    assert [low.next_delay() for _ in range(7)] == [0.25, 0.5, 1.0, 2.0, 2.0, 2.0, 2.0]
    assert Backoff(maximum_s=5.0).step_s(6) == 5.0 and Backoff().step_s(10_000) == 2.0
    high = Backoff(random=lambda: 0.999)
    delays = [high.next_delay() for _ in range(6)]
    for delay, step in zip(delays, [0.25, 0.5, 1.0, 2.0, 2.0, 2.0], strict=True):
        assert step / 2 < delay < step / 2 + 0.01  # half of each step is random
    assert high.attempts == 6
    high.reset()
    assert high.attempts == 0 and high.next_delay() == pytest.approx(0.125, abs=0.001)
    with pytest.raises(ValueError):
        Backoff(initial_s=2.0, maximum_s=1.0)
    with pytest.raises(ValueError):
        Backoff(jitter=1.5)


def _lost() -> Disconnected:
    return Disconnected(DisconnectKind.LOST, "the connection to the meeting was lost", None, True)


def test_reconnector_retries_a_loss_until_welcomed_and_says_what_came_back() -> None:
    policy = Reconnector(Backoff(random=lambda: 0.0))
    policy.connecting(Connect("wss://hub/v1", "t"))
    shown, delay = policy.ended(_lost(), "en", now=100.0)
    assert shown == [_lost(), Reconnecting(1, 0.25, "the connection to the meeting was lost")]
    assert delay == 0.25 and policy.in_outage
    refused = ConnectionFailed(FailureKind.UNREACHABLE, "could not reach the hub")
    shown, delay = policy.ended(refused, None, now=100.3)
    assert shown == [Reconnecting(2, 0.5, "could not reach the hub")] and delay == 0.5
    back = policy.welcomed(False, ("floor",), now=101.5)
    assert back == Reconnected(2, 1.5, ("floor",), False, "en")
    assert not policy.in_outage and policy.backoff.attempts == 0
    assert policy.welcomed(True, (), now=102.0) is None  # a welcome that ends no outage


def test_reconnector_gives_up_on_a_refused_token_and_never_retries_a_chosen_end() -> None:
    policy = Reconnector(Backoff(random=lambda: 0.0))
    policy.connecting(Connect("wss://hub/v1", "t"))
    policy.ended(_lost(), None, now=0.0)
    refused = ConnectionFailed(FailureKind.TOKEN_REFUSED, "the hub refused the token: expired")
    shown, delay = policy.ended(refused, None, now=1.0)
    assert shown == [ReconnectGaveUp("token_refused", "the hub refused the token: expired")]
    assert delay is None and policy.target is None

    for final in (
        Disconnected(DisconnectKind.CLOSED_BY_US, "disconnected", 1000, True),
        Disconnected(DisconnectKind.REPLACED, "connected elsewhere", 4409, False),
        ConnectionFailed(FailureKind.UNREACHABLE, "first connection failed"),
    ):
        policy.connecting(Connect("wss://hub/v1", "t"))
        assert policy.ended(final, None, now=0.0) == ([final], None)

    policy.connecting(Connect("wss://hub/v1", "t"))
    policy.ended(_lost(), None, now=0.0)
    left = policy.leave()
    assert left is not None and left.kind is DisconnectKind.CLOSED_BY_US
    assert policy.leave() is None


def test_reconnector_starts_each_attempt_at_the_next_address_of_a_cluster() -> None:
    policy = Reconnector(Backoff(random=lambda: 0.0))
    policy.connecting(Connect("ws://127.0.0.1:1/v1, ws://127.0.0.1:2/v1 ws://127.0.0.1:3/v1", "t"))
    tried = []
    shown, delay = policy.ended(_lost(), None, now=0.0)  # lost on the first: it comes last
    for now in (0.3, 0.9, 2.0):
        assert policy.target is not None
        tried.append(policy.target.url)
        refused = ConnectionFailed(FailureKind.UNREACHABLE, "could not reach the hub")
        shown, delay = policy.ended(refused, None, now=now)
        assert shown == [Reconnecting(len(tried) + 1, delay, "could not reach the hub")]
    assert tried == [
        "ws://127.0.0.1:2/v1,ws://127.0.0.1:3/v1,ws://127.0.0.1:1/v1",
        "ws://127.0.0.1:3/v1,ws://127.0.0.1:1/v1,ws://127.0.0.1:2/v1",
        "ws://127.0.0.1:1/v1,ws://127.0.0.1:2/v1,ws://127.0.0.1:3/v1",
    ]
    assert [policy.backoff.step_s(n) for n in (1, 2, 3, 4)] == [0.25, 0.5, 1.0, 2.0]
    back = policy.welcomed(True, ("fr",), now=2.5)
    assert back is not None and back.attempts == 4
    one = Reconnector(Backoff(random=lambda: 0.0))
    one.connecting(Connect("wss://hub/v1", "t"))
    one.ended(_lost(), None, now=0.0)
    assert one.target == Connect("wss://hub/v1", "t")  # one address: as given


# --- A real engine and a real hub -----------------------------------------------------------


@contextlib.asynccontextmanager
async def serving(meeting: MeetingConfig, port: int = 0) -> AsyncIterator[Room]:
    server = HubServer(Hub(meeting), port=port)
    await server.start()
    room = Room(server, meeting)
    try:
        yield room
    finally:
        await room.close()
        await server.stop()


async def floor_tone(room: Room) -> OpusTone:
    chair = await room.join("chair", "floor")
    await room.take_air(chair, "floor")
    return OpusTone(chair, Tone(TONE_HZ, TONE_DBFS)).start()


async def hearing_the_tone(tap: EventTap, timeout: float = 5.0) -> None:
    await tap.metrics(lambda m: m.inputs[0].level.rms_dbfs > TONE_DBFS - 6, timeout=timeout)


def events_after(tap: EventTap, event: object, *kinds: type) -> list[object]:
    history = tap.history
    return [e for e in history[history.index(event) + 1 :] if isinstance(e, kinds)]


def silence_around(port: ClockedPort, start: int, inside: int, end: int) -> tuple[int, int]:
    """Where the silence that contains ``inside`` starts and ends (it must be there: the
    output faded out, rather than concealing forever)."""
    frames = port.frames
    at = inside - inside % frames

    def quiet(block: int) -> bool:
        return rms_dbfs(port.recording(block, block + frames)[:, 0]) < -90

    assert quiet(at), "the output did not fade out to silence during the outage"
    first = at
    while first - frames >= start and quiet(first - frames):
        first -= frames
    last = at
    while last + frames < end and quiet(last + frames):
        last += frames
    return first, last + frames


def largest_step(port: ClockedPort, start: int, end: int) -> float:
    """The largest jump between two consecutive output samples the engine delivered.

    Blocks the port found empty (a starved test machine, not the engine's audio) are
    left out, with the steps at their edges.
    """
    left = port.recording(start, end)[:, 0]
    steps = np.abs(np.diff(left))
    for gap in port.gaps:
        lo, hi = gap - start - 1, gap - start + port.frames + 1
        if hi > 0 and lo < len(steps):
            steps[max(0, lo) : max(0, hi)] = 0.0
    return float(steps.max())


async def test_hub_restart_brings_the_channels_back_without_the_mic_and_without_a_click() -> None:
    meeting = simple_meeting(("en", "fr"))
    port = ClockedPort(record_s=30.0)
    async with running(port) as (engine, tap):
        async with serving(meeting) as room:
            hub_port = room.server.port
            tone = await floor_tone(room)
            engine.submit(Connect(room.url, room.token("en1", "interpreter", "en")))
            await tap.expect(Welcomed)
            engine.submit(SetInput(0, "floor"))
            engine.submit(Mic(True, "en"))
            await tap.expect(AirChanged, lambda e: e.sending)
            await hearing_the_tone(tap)
            await asyncio.sleep(0.5)
            start = port.position

            await room.server.stop()  # the hub goes away (its clients see 1001)
            await tone.stop()
        lost = await tap.expect(Disconnected)
        assert lost.resumable
        first = await tap.expect(Reconnecting)
        assert first.attempt == 1 and 0.0 < first.delay_s <= 0.25
        await tap.expect(AirChanged, lambda e: e.channel is None and not e.sending)
        await tap.expect(Reconnecting, lambda e: e.attempt >= 2, timeout=5)  # refused meanwhile
        # The second attempt may come within 150 ms; the output has faded once the buffered
        # audio (the jitter target, at most 40 ms here) and 100 ms of concealment have played.
        while port.position < start + SAMPLE_RATE // 2:
            await asyncio.sleep(0.01)
        outage_mark = port.position

        async with serving(meeting, hub_port) as room2:
            restarted = time.monotonic()
            back = await tap.expect(Reconnected, timeout=8)
            took = time.monotonic() - restarted
            assert back.listening == ("floor",) and not back.resumed and back.air_lost == "en"
            coord = await room2.join("coord", "coordinator")
            state = await coord.expect_state(
                lambda m: participant(m, "en1")["listening"] == ["floor"], timeout=3
            )
            assert participant(state, "en1")["on_air"] is None
            tone2 = await floor_tone(room2)
            await hearing_the_tone(tap)
            await asyncio.sleep(1.0)
            end = port.position
            await tone2.stop()
            assert tap.queue.take(AirChanged, lambda e: e.sending) is None  # never given back
            assert engine.latest_metrics is not None and not engine.latest_metrics.mic.sending
            await asyncio.to_thread(engine.stop)

    silent, resumed = silence_around(port, start, outage_mark, end)
    # 50 ms into the silence and 30 ms out of it, with the steps in and out of it: the
    # fades (10 ms each), and little else that a loaded machine could disturb.
    fading_out = largest_step(port, silent - 5 * port.frames, silent + 1)
    fading_in = largest_step(port, resumed - 1, resumed + 3 * port.frames)
    natural = 10 ** (TONE_DBFS / 20) * 2 * math.pi * TONE_HZ / SAMPLE_RATE
    print(
        f"\nhub restart: back {took:.2f} s after it, after {back.attempts} attempts, "
        f"{back.outage_s:.2f} s of outage; {(resumed - silent) / SAMPLE_RATE:.2f} s silent; "
        "largest "
        f"output step fading out {fading_out:.4f}, fading in {fading_in:.4f} (the tone's own "
        f"{natural:.4f}; anywhere {largest_step(port, start, end):.4f}); port gaps "
        f"{len(port.gaps)}"
    )
    # A sound cut or started dead would step by up to the tone's peak, 17 times its own step.
    assert fading_out < 2 * natural and fading_in < 2 * natural


@contextlib.asynccontextmanager
async def relayed(room: Room, engine: Engine, tap: EventTap) -> AsyncIterator[LinkRelay]:
    """The engine in the room as fr1 through a (clean) :class:`LinkRelay`, listening to en."""
    relay = LinkRelay(room.server.port)
    await relay.start()
    try:
        engine.submit(Connect(relay.url, room.token("fr1", "interpreter", "fr")))
        await tap.expect(Welcomed)
        engine.submit(SetInput(0, "en"))
        yield relay
    finally:
        await relay.stop()


async def test_a_cut_link_resumes_the_listening_set_and_a_refused_token_gives_up() -> None:
    meeting = simple_meeting(("en", "fr"))
    port = ClockedPort()
    async with serving(meeting) as room, running(port) as (engine, tap):
        async with relayed(room, engine, tap) as relay:
            observer = await room.join("coord", "coordinator")
            await observer.expect_state(lambda m: participant(m, "fr1")["listening"] == ["en"])

            relay.cut()
            lost = await tap.expect(Disconnected)
            assert lost.kind is DisconnectKind.LOST and lost.resumable
            await tap.expect(Reconnecting)
            back = await tap.expect(Reconnected, timeout=8)
            assert back.resumed and back.listening == ("en",) and back.air_lost is None
            welcome = await tap.expect(Welcomed)
            assert welcome.me.resumed and welcome.me.listening == ("en",)
            engine.submit(Disconnect())
            await tap.expect(Disconnected, lambda e: e.kind is DisconnectKind.CLOSED_BY_US)

        # The hub comes back with another secret: the token is refused, retrying stops.
        hub_port = room.server.port
        engine.submit(Connect(room.url, room.token("fr1", "interpreter", "fr")))
        await tap.expect(Welcomed)
        await observer.expect_state(  # asked for again (another address: no resume)
            lambda m: (
                participant(m, "fr1")["connected"] and participant(m, "fr1")["listening"] == ["en"]
            )
        )
        await room.server.stop()
        await tap.expect(Reconnecting)
        other = dataclasses.replace(meeting, secret="another-secret-of-at-least-32-bytes!!")
        async with serving(other, hub_port):
            gave_up = await tap.expect(ReconnectGaveUp, timeout=8)
            assert gave_up.kind == "token_refused"
            assert "token" in gave_up.sentence
            await asyncio.sleep(1.0)
            assert not events_after(tap, gave_up, Reconnecting, Welcomed)
            await asyncio.to_thread(engine.stop)


async def test_a_stalled_link_says_no_sound_within_a_second_and_when_it_is_back() -> None:
    """Nobody speaks: only pongs keep the link heard, and they are enough; then it stalls."""
    meeting = simple_meeting(("en", "fr"))
    async with (
        serving(meeting) as room,
        running(ClockedPort()) as (engine, tap),
        relayed(room, engine, tap) as relay,  # listening to en, a channel nobody speaks on
    ):
        await asyncio.sleep(3.0)  # over a keepalive period (2 s), under its timeout (6 s)
        assert not tap.queue.take(LinkStalled)  # silent channels, a healthy link: the pongs

        relay.outage(2.0)  # a dead Wi-Fi: the connection open, nothing passing either way
        held = time.monotonic()
        stalled = await tap.expect(LinkStalled, timeout=1.5)
        found = time.monotonic() - held
        assert STALL_S <= stalled.silent_s < 1.5 and found < 1.5, (stalled, found)
        counting = await tap.metrics(lambda m: (m.link.silent_s or 0.0) > stalled.silent_s)
        assert counting.link.connected  # still open: not yet the 6 s of a lost link

        back = await tap.expect(LinkRestored, timeout=2.0)
        assert 2.0 <= back.silent_s < 3.5, back
        healthy = await tap.metrics(lambda m: m.link.silent_s is None)
        assert healthy.link.connected
        assert not tap.queue.take(Disconnected) and not tap.queue.take(Reconnecting)


async def test_disconnect_during_an_outage_stops_the_attempts() -> None:
    meeting = simple_meeting(("en", "fr"))
    async with serving(meeting) as room, running(ClockedPort()) as (engine, tap):
        engine.submit(Connect(room.url, room.token("l1", "listener")))
        await tap.expect(Welcomed)
        await room.server.stop()
        await tap.expect(Reconnecting)
        engine.submit(Disconnect())
        stopped = await tap.expect(Disconnected, lambda e: e.kind is DisconnectKind.CLOSED_BY_US)
        assert "reconnecting stopped" in stopped.sentence
        tap.queue.take(ConnectionFailed)  # an attempt under way, cancelled
        await asyncio.sleep(1.0)
        assert not events_after(tap, stopped, Reconnecting, Welcomed)

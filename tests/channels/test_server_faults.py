"""The hub over real WebSockets when things go wrong: PROTOCOL.md's safety and bad-input rules.

Lost connections release the air within 1 s; bad control input is refused
with `error` and the connection stays up; bad media is dropped and counted;
frames over 64 KiB close with 1009 and a client that keeps misbehaving is
closed with 1008; a listener that stops reading never delays the others.
Throughout, another participant must notice nothing.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import statistics
import time

import pytest

from channels.rtp import build
from tests.rig.wsclient import (
    Room,
    WsClient,
    booth,
    contiguous,
    on_air,
    participant,
    raw_handshake,
)

FLOOR_SSRC, EN_SSRC = 1, 2


# --- Safety ------------------------------------------------------------------------------


async def test_a_live_interpreter_lost_abruptly_falls_back_to_the_floor_within_1_s(room: Room):
    chair = await room.join("chair", "floor")
    en1 = await room.join("en1", "interpreter", "en", listen=["floor"])
    en2 = await room.join("en2", "interpreter", "en", listen=["floor"])
    coord = await room.join("coord", "coordinator")
    on_en = await room.join("l1", "listener", listen=["en"])
    await room.take_air(chair, "floor")
    room.speak(chair)
    await room.take_air(en1, "en")
    voice = room.speak(en1)
    await on_en.packets_until(lambda r: r.packet.csrc == (en1.ssrc,))
    await en1.send({"type": "handover", "action": "offer"})  # pending when the link dies
    await coord.expect_state(lambda m: booth(m, "en")["handover"] is not None)

    voice.cancel()
    en1.abort()  # no close frame: the process died or the link broke
    lost = time.monotonic()

    got = await on_en.packets_until(lambda r: r.packet.csrc == (FLOOR_SSRC,), timeout=1)
    assert time.monotonic() - lost < 1.0
    assert got[-1].packet.marker
    assert got[-1].packet.ssrc == EN_SSRC
    assert contiguous([r.packet.sequence for r in got])

    def released(m: dict) -> bool:
        return on_air(m, "en") is None and participant(m, "en1")["connected"] is False

    for observer in (en2, coord):
        state = await observer.expect_state(
            released, timeout=max(0.05, 1 - (time.monotonic() - lost))
        )
        assert participant(state, "en1")["on_air"] is None
        assert booth(state, "en")["live"] is None
        assert booth(state, "en")["handover"] is None
    assert time.monotonic() - lost < 1.0

    # The partner may now take the air: nothing is left held by the lost connection.
    await room.take_air(en2, "en")

    # Coming back (even with the resume value) does not give the mic back.
    assert en1.welcome is not None
    back = await WsClient.join(
        room.url, room.token("en1", "interpreter", "en"), resume=en1.welcome["resume"]
    )
    room.clients.append(back)
    assert back.welcome is not None
    assert back.welcome["participant"]["resumed"] is True
    assert on_air(back.welcome["meeting"], "en") == "en2"


async def test_the_floor_source_lost_abruptly_releases_the_floor(room: Room):
    chair = await room.join("chair", "floor")
    coord = await room.join("coord", "coordinator")
    on_floor = await room.join("l1", "listener", listen=["floor"])
    await room.take_air(chair, "floor")
    voice = room.speak(chair)
    await on_floor.next_packet()

    voice.cancel()
    chair.abort()
    lost = time.monotonic()
    state = await coord.expect_state(
        lambda m: on_air(m, "floor") is None and participant(m, "chair")["connected"] is False,
        timeout=1,
    )
    assert time.monotonic() - lost < 1.0
    assert state["channels"][0]["id"] == "floor"
    on_floor.drain_media()
    assert await on_floor.quiet_media(0.05) == []


async def test_a_silent_link_is_declared_dead_by_keepalive_and_the_air_released(room: Room):
    """No FIN, no RST, no pong: the hub pings every 2 s and gives up 4 s later (6 s)."""
    chair = await room.join("chair", "floor")
    en1 = await room.join("en1", "interpreter", "en", listen=["floor"])
    coord = await room.join("coord", "coordinator")
    on_en = await room.join("l1", "listener", listen=["en"])
    await room.take_air(chair, "floor")
    room.speak(chair)
    await room.take_air(en1, "en")
    voice = room.speak(en1)
    await on_en.packets_until(lambda r: r.packet.csrc == (en1.ssrc,))
    coord.take("state")

    voice.cancel()
    en1.stall()  # the link goes quiet: the hub's pings are never answered
    silent = time.monotonic()
    state = await coord.expect_state(lambda m: on_air(m, "en") is None, timeout=8)
    released = time.monotonic() - silent
    assert 3.9 <= released <= 7.0, f"released after {released:.2f} s"
    assert participant(state, "en1")["connected"] is False
    await on_en.packets_until(lambda r: r.packet.csrc == (FLOOR_SSRC,), timeout=1)


# --- Bad control input -------------------------------------------------------------------

OVERSIZE_CHAT = json.dumps({"type": "chat", "to": "booth", "text": "x" * (20 * 1024)})
assert 16 * 1024 < len(OVERSIZE_CHAT) < 64 * 1024


@pytest.mark.parametrize(
    ("text", "code", "ref"),
    [
        pytest.param("{not json", "bad_message", None, id="malformed-json"),
        pytest.param("", "bad_message", None, id="empty"),
        pytest.param("[1, 2]", "bad_message", None, id="not-an-object"),
        pytest.param('"hello"', "bad_message", None, id="a-string"),
        pytest.param('{"t": 1}', "bad_message", None, id="no-type"),
        pytest.param('{"type": 7}', "bad_message", None, id="type-not-a-string"),
        pytest.param('{"type": "dance"}', "bad_message", "dance", id="unknown-type"),
        pytest.param('{"type": "mic"}', "bad_message", "mic", id="missing-field"),
        pytest.param('{"type": "mic", "on": true}', "bad_message", "mic", id="mic-no-channel"),
        pytest.param('{"type": "mic", "on": "yes"}', "bad_message", "mic", id="wrong-type"),
        pytest.param('{"type": "listen", "channels": "en"}', "bad_message", "listen", id="str"),
        pytest.param('{"type": "listen", "channels": [1]}', "bad_message", "listen", id="int"),
        pytest.param('{"type": "ping", "t": "now"}', "bad_message", "ping", id="ping-str"),
        pytest.param('{"type": "ping"}', "bad_message", "ping", id="ping-no-t"),
        pytest.param(
            '{"type": "report", "rtt_ms": 1, "jitter_ms": 1, "loss": 2, "buffer_ms": 1}',
            "bad_message",
            "report",
            id="out-of-range",
        ),
        pytest.param(
            '{"type": "handover", "action": "steal"}', "bad_message", "handover", id="enum"
        ),
        pytest.param('{"type": "hello", "token": "x"}', "bad_message", "hello", id="hello-2"),
        pytest.param('{"type": "listen", "channels": ["xx"]}', "unknown_channel", "listen"),
        pytest.param(OVERSIZE_CHAT, "bad_message", "chat", id="oversize-20KiB"),
    ],
)
async def test_bad_control_input_is_refused_and_the_connection_stays_up(
    room: Room, text: str, code: str, ref: str | None
):
    chair = await room.join("chair", "floor")
    on_floor = await room.join("l1", "listener", listen=["floor"])
    en1 = await room.join("en1", "interpreter", "en")
    await room.take_air(chair, "floor")
    voice = room.speak(chair)

    await en1.send_text(text)
    error = await en1.expect("error")
    assert error["code"] == code
    assert error.get("ref") == ref
    assert isinstance(error["message"], str)
    assert error["message"]
    # Still connected, still served, and nobody else noticed.
    assert (await en1.ping(42.0))["t"] == 42.0
    await en1.listen(["floor"])
    assert (await en1.next_packet()).packet.csrc == (chair.ssrc,)
    on_floor.drain_media()
    assert (await on_floor.next_packet()).packet.csrc == (chair.ssrc,)
    await voice.stop()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"type": "ping", "t": 1, "x": ' + "[" * 5000 + "]" * 5000 + "}", id="array"),
        pytest.param(
            '{"type": "ping", "t": 1, "x": ' + '{"a":' * 2000 + "1" + "}" * 2001, id="obj"
        ),
    ],
)
async def test_deeply_nested_json_is_refused_and_the_connection_stays_up(room: Room, text: str):
    """Well within 16 KiB, but deeper than the decoder's recursion limit."""
    assert len(text.encode()) < 16 * 1024
    coord = await room.join("coord", "coordinator")
    en1 = await room.join("en1", "interpreter", "en")
    await en1.send_text(text)
    error = await en1.expect("error")
    assert error["code"] == "bad_message"
    assert (await en1.ping(8.0))["t"] == 8.0
    assert en1.close_code is None
    await coord.expect_state(lambda m: participant(m, "en1")["connected"] is True)


async def test_a_bug_carrying_out_the_hubs_outputs_costs_one_message_not_the_connection(
    room: Room, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    en1 = await room.join("en1", "interpreter", "en")
    execute = room.server._execute
    calls = 0

    def broken_once(outputs: list[object]) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("a bug in the I/O layer")
        execute(outputs)  # type: ignore[arg-type]

    monkeypatch.setattr(room.server, "_execute", broken_once)
    await en1.send({"type": "ping", "t": 1.0})  # its pong is lost to the bug
    assert (await en1.ping(2.0))["t"] == 2.0
    assert en1.close_code is None
    assert "not all done" in caplog.text


async def test_the_size_limit_message_names_the_limit(room: Room):
    en1 = await room.join("en1", "interpreter", "en")
    await en1.send_text(OVERSIZE_CHAT)
    error = await en1.expect("error")
    assert "16384" in error["message"]


@pytest.mark.parametrize("kind", ["text", "binary"])
async def test_a_frame_over_64_kib_closes_with_1009_and_others_are_undisturbed(
    room: Room, kind: str
):
    chair = await room.join("chair", "floor")
    on_floor = await room.join("l1", "listener", listen=["floor"])
    en1 = await room.join("en1", "interpreter", "en")
    coord = await room.join("coord", "coordinator")
    await room.take_air(chair, "floor")
    room.speak(chair)
    await on_floor.next_packet()

    big = 64 * 1024 + 1
    if kind == "text":
        await en1.send_text(json.dumps({"type": "chat", "to": "booth", "text": "x" * big}))
    else:
        await en1.send_bytes(b"\x80" * big)
    assert await en1.wait_closed() == 1009
    await coord.expect_state(lambda m: participant(m, "en1")["connected"] is False)
    on_floor.drain_media()
    assert (await on_floor.next_packet()).packet.csrc == (chair.ssrc,)


# --- Bad media ---------------------------------------------------------------------------


def _packet(ssrc: int, **kw: object) -> bytes:
    fields: dict = {"sequence": 5000, "timestamp": 123, "ssrc": ssrc, "payload": b"bad"}
    fields.update(kw)
    return build(**fields)


@pytest.mark.parametrize(
    ("who", "make", "reason"),
    [
        pytest.param("en1", lambda ssrc: _packet(ssrc), "off_air", id="not-on-air"),
        pytest.param("l1", lambda ssrc: _packet(ssrc), "off_air", id="listener"),
        pytest.param(
            "chair", lambda ssrc: b"\x40" + _packet(ssrc)[1:], "malformed", id="version-1"
        ),
        pytest.param(
            "chair", lambda ssrc: b"\x00" + _packet(ssrc)[1:], "malformed", id="version-0"
        ),
        pytest.param("chair", lambda ssrc: _packet(ssrc, payload_type=0), "malformed", id="pcmu"),
        pytest.param("chair", lambda ssrc: _packet(ssrc, payload_type=96), "malformed", id="pt-96"),
        pytest.param(
            "chair", lambda ssrc: _packet(ssrc, payload=b"x" * 1490), "malformed", id="1502B"
        ),
        pytest.param(
            "chair", lambda ssrc: _packet(ssrc, payload=b"x" * 4000), "malformed", id="4012B"
        ),
        pytest.param(
            "chair",
            lambda ssrc: _packet(ssrc, payload=b"x" * 1488),
            "oversize",
            id="1500B-no-room-for-csrc",
        ),
        pytest.param("chair", lambda ssrc: _packet(ssrc)[:11], "malformed", id="short"),
        pytest.param("chair", lambda ssrc: b"", "malformed", id="empty"),
        pytest.param(
            "chair", lambda ssrc: _packet(ssrc ^ 0xFF), "wrong_ssrc", id="someone-else-ssrc"
        ),
        pytest.param(
            "chair", lambda ssrc: _packet(ssrc, csrc=(1,) * 15)[:60], "malformed", id="truncated"
        ),
    ],
)
async def test_bad_media_is_dropped_counted_and_never_forwarded(
    room: Room, who: str, make, reason: str
):
    chair = await room.join("chair", "floor")
    clients = {
        "chair": chair,
        "en1": await room.join("en1", "interpreter", "en"),
        "l1": await room.join("l1", "listener", listen=["floor"]),
    }
    on_en = await room.join("l2", "listener", listen=["en"])
    on_floor = clients["l1"]
    await room.take_air(chair, "floor")
    await chair.send_rtp(1, payload=b"before")
    assert (await on_floor.next_packet()).packet.payload == b"before"
    assert (await on_en.next_packet()).packet.payload == b"before"
    before = dict(room.hub.dropped)

    sender = clients[who]
    await sender.send_bytes(make(sender.ssrc))
    await sender.ping()  # the hub has handled the packet
    await chair.send_rtp(2, payload=b"after")  # a fence: the next good packet

    for listener in (on_floor, on_en):
        got = await listener.next_packet()
        assert got.packet.payload == b"after", "the bad packet was forwarded"
        assert await listener.quiet_media(0.02) == []
    dropped = {k: v - before.get(k, 0) for k, v in room.hub.dropped.items()}
    assert {k: v for k, v in dropped.items() if v} == {reason: 1}
    assert (await sender.ping(3.0))["t"] == 3.0  # the connection stays up


async def test_media_before_hello_is_dropped_and_counted(room: Room):
    on_floor = await room.join("l1", "listener", listen=["floor"])
    stranger = await room.open()
    await stranger.send_bytes(_packet(FLOOR_SSRC))
    await stranger.hello(room.token("l9", "listener"))  # handled after the packet
    assert room.hub.dropped["before_hello"] == 1
    assert await on_floor.quiet_media(0.02) == []


# --- Abuse -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["text", "media"])
async def test_a_client_that_keeps_sending_bad_input_is_closed_1008(room: Room, kind: str):
    chair = await room.join("chair", "floor")
    on_floor = await room.join("l1", "listener", listen=["floor"])
    coord = await room.join("coord", "coordinator")
    en1 = await room.join("en1", "interpreter", "en")
    await room.take_air(chair, "floor")
    voice = room.speak(chair)
    await on_floor.next_packet()
    on_floor.drain_media()
    coord.take("state")
    on_floor.take("state")

    started = time.monotonic()
    for i in range(60):
        if kind == "text":
            await en1.send_text("{nope")
        else:
            await en1.send_bytes(b"\x00" * (20 + i))
    assert await en1.wait_closed() == 1008
    errors = [m for m in en1.history if m["type"] == "error"]
    if kind == "text":
        assert 50 <= len(errors) <= 51  # the 51st refusal in 10 s is one too many
        assert {e["code"] for e in errors} == {"bad_message"}
    assert time.monotonic() - started < 2

    # Meanwhile the others were served as usual: media on time, states delivered.
    state = await coord.expect_state(lambda m: participant(m, "en1")["connected"] is False)
    assert participant(state, "chair")["connected"] is True
    await on_floor.expect_state(lambda m: participant(m, "en1")["connected"] is False)
    await asyncio.sleep(0.1)
    await voice.stop()
    got = on_floor.drain_media()
    assert len(got) >= 5
    assert contiguous([r.packet.sequence for r in got])
    assert all(r.packet.csrc == (chair.ssrc,) for r in got)
    gaps = [b.at - a.at for a, b in itertools.pairwise(got)]
    assert max(gaps) < 0.2
    # The abuser may come back on a new connection.
    again = await room.join("en1", "interpreter", "en")
    assert (await again.ping(1.0))["t"] == 1.0


async def test_fifty_refusals_are_tolerated(room: Room):
    """50 refusals in a burst leave the connection up: the limit is over 50 in 10 s."""
    en1 = await room.join("en1", "interpreter", "en")
    for _ in range(50):
        await en1.send_text("{nope")
    for _ in range(50):
        await en1.expect("error")
    assert (await en1.ping(5.0))["t"] == 5.0
    assert en1.close_code is None


# --- Slow listeners ----------------------------------------------------------------------


async def test_a_stalled_listener_does_not_delay_the_others(room: Room):
    chair = await room.join("chair", "floor")
    healthy = await room.join("l1", "listener", listen=["floor"])
    coord = await room.join("coord", "coordinator")
    await room.take_air(chair, "floor")

    # A monitor that stops reading: a small receive window, then no reads at all.
    # It listens to all three channels (the floor, and the floor in fallback on en
    # and fr), so its backlog builds three times as fast.
    stalled = await raw_handshake(room.url, rcvbuf=4096)
    try:
        assert stalled.status == 101
        for message in (
            {"type": "hello", "token": room.token("mon", "coordinator")},
            {"type": "listen", "channels": ["floor", "en", "fr"]},
            {"type": "ping", "t": 1},
        ):
            stalled.send_frame(0x1, json.dumps(message).encode())
        while True:
            opcode, data = await asyncio.wait_for(stalled.read_frame(), 2)
            if opcode == 0x1 and json.loads(data)["type"] == "pong":
                break
        stalled.writer.transport.pause_reading()
        await coord.expect_state(lambda m: participant(m, "mon")["listening"] is not None)

        # 1,400-byte packets, 8 every 4 ms: megabytes a second for the stalled socket.
        voice = room.speak(chair, interval=0.004, burst=8, size=1400)
        got = []
        async with asyncio.timeout(8):
            while room.server.backlog_dropped() < 100:
                got.append(await healthy.next_packet())
        for _ in range(100):  # and it goes on, after the stalled one is saturated
            got.append(await healthy.next_packet())
        await voice.stop()
        await asyncio.sleep(0.05)
        got += healthy.drain_media()

        # The stalled listener backed up and loses its own oldest media ...
        assert room.server.backlog_dropped() >= 100
        # ... while the healthy one got every packet, in order, promptly.
        assert contiguous([r.packet.sequence for r in got])
        sent = voice.sent
        assert len(got) == len(sent)
        delays = [r.at - sent[r.packet.payload] for r in got]
        assert statistics.median(delays) < 0.02
        assert max(delays) < 0.25, f"worst delay {max(delays):.3f} s"
        # And the hub still answers the others at once.
        started = time.monotonic()
        assert (await coord.ping(9.0))["t"] == 9.0
        assert time.monotonic() - started < 0.1
    finally:
        stalled.close()

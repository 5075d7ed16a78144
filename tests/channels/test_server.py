"""The hub over real WebSockets on loopback: PROTOCOL.md end to end, the well-behaved side.

Every test starts a real :class:`channels.server.HubServer` on a free port and
talks to it with real clients (:mod:`wsclient`). Waits are event driven (a
message, a packet, a close) with timeouts, so the file runs in seconds; the
one test that must wait for the 5 s hello deadline does so once.

Faults (bad input, abuse, lost connections, stalled listeners) are in
``test_server_faults.py``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import ssl
import time
from pathlib import Path

import jwt
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidMessage, InvalidStatus

from channels.hub import Hub
from channels.meeting import simple_meeting
from channels.rtp import audio_level_extension, build
from channels.server import HubServer
from channels.tls import hub_tls
from tests.rig.meetings import bi_active_meeting
from tests.rig.tlskit import make_ca, make_hub_cert
from tests.rig.wsclient import (
    Room,
    WsClient,
    booth,
    channel,
    contiguous,
    on_air,
    open_room,
    participant,
    raw_handshake,
    token,
)

FLOOR_SSRC, EN_SSRC, FR_SSRC = 1, 2, 3


# --- Handshake ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/v2", "/v1/extra", "/V1"])
async def test_a_path_other_than_v1_gets_http_404(room: Room, path: str):
    url = room.url.removesuffix("/v1") + path
    with pytest.raises(InvalidStatus) as refused:
        await connect(url, subprotocols=["rsi.v1"], open_timeout=2)
    assert refused.value.response.status_code == 404
    assert b"/v1" in refused.value.response.body


async def test_a_query_string_on_v1_is_still_the_v1_path(room: Room):
    client = await WsClient.open(room.url + "?x=1")
    room.clients.append(client)
    await client.hello(room.token("l1", "listener"))
    assert client.welcome is not None
    assert client.welcome["participant"]["id"] == "l1"


@pytest.mark.parametrize("offered", [None, ["rsi.v2"], ["chat", "superchat"]])
async def test_a_client_without_the_rsi_v1_subprotocol_is_refused(
    room: Room, offered: list[str] | None
):
    with pytest.raises(InvalidStatus) as refused:
        await connect(room.url, subprotocols=offered, open_timeout=2)
    assert refused.value.response.status_code == 400
    assert b"subprotocol" in refused.value.response.body


async def test_rsi_v1_is_negotiated_and_compression_is_not_even_when_offered(room: Room):
    client = await room.open(compression="deflate")  # the library offers permessage-deflate
    request_extensions = client.ws.request.headers.get("Sec-WebSocket-Extensions", "")
    assert "permessage-deflate" in request_extensions
    assert client.ws.subprotocol == "rsi.v1"
    assert "Sec-WebSocket-Extensions" not in client.ws.response.headers
    assert client.ws.protocol.extensions == []

    # The same by hand, with several subprotocols offered and rsi.v1 last.
    raw = await raw_handshake(room.url, subprotocol="x.v9, rsi.v1")
    try:
        assert raw.status == 101
        assert raw.headers["sec-websocket-protocol"] == "rsi.v1"
        assert "sec-websocket-extensions" not in raw.headers
    finally:
        raw.close()


async def test_the_hub_pings_every_2_s(room: Room):
    raw = await raw_handshake(room.url)
    try:
        assert raw.status == 101
        opened = time.monotonic()
        opcode, payload = await asyncio.wait_for(raw.read_frame(), 2.6)
        first = time.monotonic() - opened
        assert opcode == 0x9, f"expected a ping frame, got opcode {opcode:#x}"
        assert 1.5 <= first <= 2.6
        raw.send_frame(0xA, payload)  # answer it, as a live client does
        raw.send_frame(0x9, b"mine")  # and the hub answers ours
        assert await asyncio.wait_for(raw.read_frame(), 1) == (0xA, b"mine")
    finally:
        raw.close()


async def test_with_a_certificate_the_hub_serves_wss(tmp_path: Path):
    ca_key, ca = make_ca(tmp_path, "hub-ca")
    cert, key = make_hub_cert(tmp_path, ca_key, ca)
    server_context = hub_tls(cert, key)
    client_context = ssl.create_default_context(cafile=str(tmp_path / "hub-ca.pem"))
    meeting = simple_meeting(("en", "fr"))
    async with HubServer(Hub(meeting), port=0, ssl_context=server_context) as server:
        assert server.url.startswith("wss://127.0.0.1:")
        client = await WsClient.join(
            server.url, token(meeting, "l1", "listener"), ssl=client_context
        )
        try:
            assert client.welcome is not None
            assert client.ws.subprotocol == "rsi.v1"
            assert (await client.ping(4.0))["t"] == 4.0
        finally:
            await client.close()
        # A plain ws:// client gets nowhere on a TLS port.
        with pytest.raises((OSError, InvalidMessage, TimeoutError)):
            await connect(server.url.replace("wss://", "ws://"), subprotocols=["rsi.v1"],
                          open_timeout=1)  # fmt: skip


# --- Session -----------------------------------------------------------------------------


async def test_hello_gets_welcome_with_identity_resume_and_snapshot(room: Room):
    coord = await room.join("coord", "coordinator")
    welcome = coord.welcome
    assert welcome is not None
    me = welcome["participant"]
    assert me["id"] == "coord"
    assert me["name"] == "COORD"
    assert me["role"] == "coordinator"
    assert me["booth"] is None
    assert me["listening"] == []
    assert isinstance(me["ssrc"], int)
    assert me["ssrc"] > 3  # not one of the channels' SSRCs
    assert isinstance(welcome["resume"], str)
    assert len(welcome["resume"]) >= 16
    meeting = welcome["meeting"]
    assert meeting["id"] == "test"
    assert meeting["floor_language"] == "en"
    assert [(c["id"], c["ssrc"], c["language"]) for c in meeting["channels"]] == [
        ("floor", FLOOR_SSRC, None),
        ("en", EN_SSRC, "en"),
        ("fr", FR_SSRC, "fr"),
    ]
    assert all(c["on_air"] is None for c in meeting["channels"])
    assert [b["id"] for b in meeting["booths"]] == ["en", "fr"]
    assert participant(meeting, "coord")["connected"] is True
    assert meeting["listeners"] == 0

    en1 = await room.join("en1", "interpreter", "en")
    assert en1.welcome is not None
    assert en1.welcome["participant"]["booth"] == "en"
    assert en1.ssrc != coord.ssrc
    seen = await coord.expect_state(lambda m: participant(m, "en1")["connected"] is True)
    assert seen["version"] > meeting["version"]
    assert booth(seen, "en")["members"] == ["en1"]

    listener = await room.join("l1", "listener", listen=["fr"])
    assert listener.ssrc not in (coord.ssrc, en1.ssrc)
    seen = await coord.expect_state(lambda m: m["listeners"] == 1)
    assert all(x["id"] != "l1" for x in seen["participants"])  # listeners are a count


@pytest.mark.parametrize(
    "bad",
    ["wrong_secret", "expired", "other_meeting", "garbage"],
)
async def test_a_refused_token_gets_error_then_close_4401(room: Room, bad: str):
    meeting = room.meeting
    if bad == "wrong_secret":
        other = simple_meeting(("en", "fr"), secret="another-secret-that-is-32-bytes-long!")
        tok = token(other, "en1", "interpreter", "en")
    elif bad == "expired":
        tok = token(meeting, "en1", "interpreter", "en", ttl_s=60, now=time.time() - 3600)
    elif bad == "other_meeting":
        other = simple_meeting(("en", "fr"), meeting_id="other")
        tok = token(other, "en1", "interpreter", "en")
    else:
        tok = "not.a.token"
    client = await room.open()
    await client.send({"type": "hello", "token": tok, "client": "test/1"})
    error = await client.expect("error")
    assert error["code"] == "unauthorized"
    assert error["ref"] == "hello"
    assert error["message"]
    assert await client.wait_closed() == 4401
    assert not [m for m in client.history if m["type"] in ("welcome", "state")]
    assert "en1" not in room.hub.participants


async def test_an_interpreter_of_a_booth_the_meeting_lacks_is_closed_4403(room: Room):
    claims = {
        "sub": "xx1",
        "name": "Nobody",
        "role": "interpreter",
        "booth": "xx",
        "mtg": room.meeting.id,
        "exp": int(time.time()) + 600,
    }
    assert room.meeting.secret is not None
    tok = jwt.encode(claims, room.meeting.secret, algorithm="HS256")
    client = await room.open()
    await client.send({"type": "hello", "token": tok})
    error = await client.expect("error")
    assert error["code"] == "forbidden"
    assert await client.wait_closed() == 4403


async def test_a_command_before_hello_is_refused_and_the_connection_stays(room: Room):
    client = await room.open()
    await client.send({"type": "listen", "channels": ["en"]})
    error = await client.expect("error")
    assert error["code"] == "unauthorized"
    assert error["ref"] == "listen"
    await client.hello(room.token("l1", "listener"))
    assert client.welcome is not None


async def test_no_hello_within_5_s_is_closed_4408(room: Room):
    client = await room.open()
    opened = time.monotonic()
    error = await client.expect("error", timeout=7)
    assert error["code"] == "unauthorized"
    assert await client.wait_closed(timeout=2) == 4408
    waited = time.monotonic() - opened
    assert 4.9 <= waited <= 6.5


async def test_the_same_participant_twice_closes_the_older_with_4409(room: Room):
    coord = await room.join("coord", "coordinator")
    first = await room.join("en1", "interpreter", "en", listen=["floor"])
    await room.take_air(first, "en")
    coord.take("state")

    second = await room.join("en1", "interpreter", "en")
    assert await first.wait_closed() == 4409
    assert second.welcome is not None
    assert second.welcome["participant"]["resumed"] is False
    # The mic does not move to the new connection.
    assert on_air(second.welcome["meeting"], "en") is None
    assert participant(second.welcome["meeting"], "en1")["connected"] is True
    await coord.expect_state(
        lambda m: on_air(m, "en") is None and participant(m, "en1")["connected"] is True
    )
    assert (await second.ping(7.0))["t"] == 7.0


async def test_resume_gives_identity_and_listening_back_but_never_the_mic(room: Room):
    coord = await room.join("coord", "coordinator")
    en1 = await room.join("en1", "interpreter", "en", listen=["floor", "fr"])
    await room.take_air(en1, "en")
    assert en1.welcome is not None
    resume, ssrc = en1.welcome["resume"], en1.ssrc
    await en1.ws.close()
    await coord.expect_state(lambda m: participant(m, "en1")["connected"] is False)

    back = await WsClient.join(room.url, room.token("en1", "interpreter", "en"), resume=resume)
    room.clients.append(back)
    assert back.welcome is not None
    me = back.welcome["participant"]
    assert me["resumed"] is True
    assert me["listening"] == ["floor", "fr"]
    assert me["ssrc"] == ssrc
    assert back.welcome["resume"] != resume  # a fresh value for the next time
    assert on_air(back.welcome["meeting"], "en") is None

    # A wrong resume value is a fresh start: listening set empty.
    coord.take("state")
    await back.ws.close()
    await coord.expect_state(lambda m: participant(m, "en1")["connected"] is False)
    fresh = await WsClient.join(room.url, room.token("en1", "interpreter", "en"), resume="nope")
    room.clients.append(fresh)
    assert fresh.welcome is not None
    assert fresh.welcome["participant"]["resumed"] is False
    assert fresh.welcome["participant"]["listening"] == []


async def test_a_resume_value_with_non_ascii_characters_is_just_a_failed_resume(room: Room):
    listener = await room.join("l1", "listener", listen=["fr"])
    await listener.ws.close()
    back = await room.open()
    await back.send({"type": "hello", "token": room.token("l1", "listener"), "resume": "résumé"})
    welcome = await back.expect("welcome")
    assert welcome["participant"]["resumed"] is False
    assert welcome["participant"]["listening"] == []


@pytest.mark.parametrize("t", [0, 12.5, 1e12, -3])
async def test_ping_is_answered_by_pong_with_the_same_t(room: Room, t: float):
    client = await room.join("l1", "listener")
    sent = time.monotonic()
    pong = await client.ping(t)
    assert pong == {"type": "pong", "t": t}
    assert time.monotonic() - sent < 0.5


# --- Media -------------------------------------------------------------------------------


async def test_the_floor_reaches_floor_listeners_and_language_channels_in_fallback(room: Room):
    chair = await room.join("chair", "floor")
    on_floor = await room.join("l1", "listener", listen=["floor"])
    on_en = await room.join("l2", "listener", listen=["en"])
    coord = await room.join("coord", "coordinator", listen=["floor", "en", "fr"])
    await room.take_air(chair, "floor")

    sent = []
    for i in range(20):
        sequence = (65530 + i) & 0xFFFF  # wraps around on the way in
        level = 10 + i
        sent.append(
            await chair.send_rtp(
                sequence, 1000 + i * 960, bytes([i]) * 40, level=level, marker=i == 0
            )
        )

    floor_got = [(await on_floor.next_packet()).packet for _ in range(20)]
    en_got = [(await on_en.next_packet()).packet for _ in range(20)]
    assert all(p.ssrc == FLOOR_SSRC and p.csrc == (chair.ssrc,) for p in floor_got)
    assert all(p.ssrc == EN_SSRC and p.csrc == (FLOOR_SSRC,) for p in en_got)
    for got in (floor_got, en_got):
        assert contiguous([p.sequence for p in got])
        assert all(
            (b.timestamp - a.timestamp) & 0xFFFFFFFF == 960 for a, b in itertools.pairwise(got)
        )
        assert [p.payload for p in got] == [bytes([i]) * 40 for i in range(20)]
        assert [p.audio_level for p in got] == [(True, 10 + i) for i in range(20)]
        assert got[0].marker
        assert all(p.payload_type == 111 for p in got)
        assert not any(p.marker for p in got[1:])
    # The extension is forwarded byte for byte.
    assert floor_got[0].extension == audio_level_extension(10, True)

    # A coordinator listening to three channels gets all three streams.
    coord_got = [(await coord.next_packet()).packet for _ in range(60)]
    assert {p.ssrc for p in coord_got} == {FLOOR_SSRC, EN_SSRC, FR_SSRC}
    assert all(
        p.csrc == ((chair.ssrc,) if p.ssrc == FLOOR_SSRC else (FLOOR_SSRC,)) for p in coord_got
    )
    assert await on_en.quiet_media(0.05) == []  # one copy of each packet, no more


async def test_packets_that_arrive_together_go_out_together_in_order(room: Room):
    """A hub that fell behind writes what waits in one go: fewer system calls, same stream."""
    on_floor = await room.join("l1", "listener", listen=["floor"])
    raw = await raw_handshake(room.url)
    raw.send_frame(
        0x1, json.dumps({"type": "hello", "token": room.token("chair", "floor")}).encode()
    )
    welcome = json.loads((await raw.read_frame())[1])
    raw.send_frame(0x1, b'{"type": "mic", "on": true, "channel": "floor"}')
    packets = [
        build(
            sequence=i,
            timestamp=i * 480,
            ssrc=welcome["participant"]["ssrc"],
            payload=bytes([i]) * 30,
        )
        for i in range(1, 4)
    ]
    # One TCP write with three frames: the hub reads them in one go.
    for packet in packets:
        raw.send_frame(0x2, packet)
    got = [(await on_floor.next_packet()).packet for _ in packets]
    assert [p.payload for p in got] == [bytes([i]) * 30 for i in range(1, 4)]
    assert contiguous([p.sequence for p in got])
    assert room.server.media_coalesced >= 2
    raw.close()


@pytest.mark.parametrize("closer", ["hub", "client", "websockets"])
async def test_no_media_follows_a_close_frame(room: Room, closer: str):
    """The fan-out writes straight to listeners' sockets: it stops at the close frame
    (RFC 6455 5.5.1) while the channel streams on, whoever closes: the hub, the client, or
    websockets by itself (keepalive) while the listener is still in the audience."""
    chair = await room.join("chair", "floor")
    await room.take_air(chair, "floor")
    raw = await raw_handshake(room.url)
    for message in (
        {"type": "hello", "token": room.token("l1", "listener")},
        {"type": "listen", "channels": ["floor"]},
    ):
        raw.send_frame(0x1, json.dumps(message).encode())
    room.speak(chair, interval=0.002)
    while (await raw.read_frame())[0] != 0x2:
        pass  # until the stream reaches it
    if closer == "hub":
        await room.join("l1", "listener")  # the same participant again: 4409
    elif closer == "client":
        raw.send_frame(0x8, (1000).to_bytes(2, "big"))
    else:
        server = room.server
        [listener] = [
            connection
            for conn, connection in server._connections.items()
            if (who := room.hub.participant_of(conn)) is not None and who.id == "l1"
        ]
        server._background(listener.close(1011, "keepalive ping timeout"))
    try:
        while (opcode := (await asyncio.wait_for(raw.read_frame(), 2))[0]) != 0x8:
            assert opcode in (0x1, 0x2, 0x9)
        with pytest.raises(asyncio.IncompleteReadError) as read:
            await asyncio.wait_for(raw.read_frame(), 2)  # the hub ends the TCP stream
        assert read.value.partial == b""
    finally:
        raw.close()


async def test_an_interpreter_on_air_replaces_the_fallback_and_releasing_brings_it_back(
    room: Room,
):
    chair = await room.join("chair", "floor")
    en1 = await room.join("en1", "interpreter", "en", listen=["floor"])
    on_en = await room.join("l2", "listener", listen=["en"])
    await room.take_air(chair, "floor")
    floor = room.speak(chair)
    await on_en.packets_until(lambda r: r.packet.csrc == (FLOOR_SSRC,))

    await room.take_air(en1, "en")
    speaker = room.speak(en1)
    # The interpreter's own stream carries the floor it listens to.
    assert (await en1.next_packet()).packet.ssrc == FLOOR_SSRC
    got = await on_en.packets_until(lambda r: r.packet.csrc == (en1.ssrc,))
    first = got[-1].packet
    assert first.marker
    assert all(r.packet.csrc == (FLOOR_SSRC,) for r in got[:-1])
    more = [await on_en.next_packet() for _ in range(10)]
    assert all(r.packet.csrc == (en1.ssrc,) for r in more)
    assert all(r.packet.ssrc == EN_SSRC for r in got + more)
    assert contiguous([r.packet.sequence for r in got + more])

    await en1.send({"type": "mic", "on": False})
    back = await on_en.packets_until(lambda r: r.packet.csrc == (FLOOR_SSRC,))
    assert back[-1].packet.marker
    tail = [await on_en.next_packet() for _ in range(5)]
    assert all(r.packet.csrc == (FLOOR_SSRC,) for r in tail)
    assert contiguous([r.packet.sequence for r in got + more + back + tail])
    await speaker.stop()
    await floor.stop()


@pytest.mark.parametrize("first", ["request", "offer"])
async def test_handover_passes_the_air_in_one_step(room: Room, first: str):
    chair = await room.join("chair", "floor")
    a = await room.join("en1", "interpreter", "en", listen=["floor"])
    b = await room.join("en2", "interpreter", "en", listen=["floor"])
    coord = await room.join("coord", "coordinator")
    on_en = await room.join("l1", "listener", listen=["en"])
    await room.take_air(chair, "floor")
    room.speak(chair)
    await room.take_air(a, "en")
    voice_a = room.speak(a, tag=b"A-before")
    voice_b = room.speak(b, tag=b"B")  # B's console is live too: dropped until B has the air
    await on_en.packets_until(lambda r: r.packet.csrc == (a.ssrc,))

    asker, answerer = (b, a) if first == "request" else (a, b)
    await asker.send({"type": "handover", "action": first})
    pending = await answerer.expect_state(lambda m: booth(m, "en")["handover"] is not None)
    handover = booth(pending, "en")["handover"]
    assert handover["from"] == asker.id
    assert handover["to"] == answerer.id
    assert handover["action"] == first
    assert isinstance(handover["since"], int | float)
    assert on_air(pending, "en") == "en1"  # nothing moves before the accept
    await coord.expect_state(lambda m: booth(m, "en")["handover"] == handover)

    await answerer.send({"type": "handover", "action": "accept"})
    if answerer is a:
        voice_a.tag = b"A-after"  # everything A sends from now on follows the accept
    passed = await coord.expect_state(lambda m: on_air(m, "en") == "en2")
    if answerer is b:
        voice_a.tag = b"A-after"  # A learns of the accept from the state, like a console
    assert booth(passed, "en")["live"] == "en2"
    assert booth(passed, "en")["handover"] is None
    assert participant(passed, "en2")["on_air"] == "en"
    assert participant(passed, "en1")["on_air"] is None

    got = await on_en.packets_until(lambda r: r.packet.csrc == (b.ssrc,))
    got += [await on_en.next_packet() for _ in range(20)]
    await asyncio.sleep(0.05)
    got += on_en.drain_media()
    sources = [r.packet.csrc for r in got]
    first_b = sources.index((b.ssrc,))
    assert all(s == (a.ssrc,) for s in sources[:first_b]), "floor or B before the switch"
    assert all(s == (b.ssrc,) for s in sources[first_b:]), "A or the floor after the switch"
    assert got[first_b].packet.marker
    assert not any(r.packet.marker for r in got[first_b + 1 :])
    assert not any(r.packet.payload.startswith(b"A-after") for r in got)
    assert contiguous([r.packet.sequence for r in got])
    assert voice_a.sent and voice_b.sent


async def test_handover_cancel_and_refusals(room: Room):
    a = await room.join("en1", "interpreter", "en")
    b = await room.join("en2", "interpreter", "en")
    await b.send({"type": "handover", "action": "request"})
    assert (await b.expect("error"))["code"] == "no_handover"  # nobody is on air
    await room.take_air(a, "en")
    await a.send({"type": "handover", "action": "request"})
    assert (await a.expect("error"))["code"] == "no_handover"  # live: offer instead
    await b.send({"type": "handover", "action": "offer"})
    assert (await b.expect("error"))["code"] == "no_handover"  # only the live one offers
    await a.send({"type": "handover", "action": "accept"})
    assert (await a.expect("error"))["code"] == "no_handover"  # nothing pending

    await a.send({"type": "handover", "action": "offer"})
    await b.expect_state(lambda m: booth(m, "en")["handover"] is not None)
    a.take("state")
    await b.send({"type": "handover", "action": "cancel"})
    state = await a.expect_state(lambda m: booth(m, "en")["handover"] is None)
    assert on_air(state, "en") == "en1"
    await b.send({"type": "handover", "action": "accept"})
    assert (await b.expect("error"))["code"] == "no_handover"


# --- Rules -------------------------------------------------------------------------------


async def test_booth_outputs_engaged_channels_and_the_booth_interlock():
    async with open_room(bi_active_meeting()) as room:
        en1 = await room.join("en1", "interpreter", "en")
        en2 = await room.join("en2", "interpreter", "en")
        zh1 = await room.join("zh1", "interpreter", "zh")
        zh2 = await room.join("zh2", "interpreter", "zh")

        await en1.send({"type": "mic", "on": True, "channel": "fr"})
        error = await en1.expect("error")
        assert (error["code"], error["ref"]) == ("not_an_output", "mic")
        await en1.send({"type": "mic", "on": True, "channel": "floor"})
        assert (await en1.expect("error"))["code"] == "not_an_output"
        await en1.send({"type": "mic", "on": True, "channel": "nope"})
        assert (await en1.expect("error"))["code"] == "unknown_channel"

        await room.take_air(en1, "en")
        await zh1.send({"type": "mic", "on": True, "channel": "en"})  # zh's B output
        assert (await zh1.expect("error"))["code"] == "channel_engaged"
        await en2.send({"type": "mic", "on": True, "channel": "en"})
        assert (await en2.expect("error"))["code"] == "partner_live"

        await room.take_air(zh1, "zh")
        await zh2.send({"type": "mic", "on": True, "channel": "zh"})
        assert (await zh2.expect("error"))["code"] == "partner_live"
        # A bi-active booth switches its live member from A to B (after en is free).
        await en1.send({"type": "mic", "on": False})
        state = await zh1.expect_state(lambda m: on_air(m, "en") is None)
        assert on_air(state, "zh") == "zh1"
        await room.take_air(zh1, "en")
        state = zh1.latest_state()
        assert on_air(state, "zh") is None
        assert booth(state, "zh")["live"] == "zh1"


async def test_listen_limits_by_role(room: Room):
    listener = await room.join("l1", "listener")
    await listener.send({"type": "listen", "channels": ["en", "fr"]})
    assert (await listener.expect("error"))["code"] == "too_many_channels"
    en1 = await room.join("en1", "interpreter", "en")
    await en1.send({"type": "listen", "channels": ["floor", "en", "fr", "floor"]})  # 3 distinct
    await en1.expect_state(lambda m: participant(m, "en1")["listening"] == ["floor", "en", "fr"])
    await en1.send({"type": "listen", "channels": ["floor", "en", "fr", "es"]})
    assert (await en1.expect("error"))["code"] == "unknown_channel"
    coord = await room.join("coord", "coordinator", listen=["floor", "en", "fr"])
    assert participant(coord.latest_state(), "coord")["listening"] == ["floor", "en", "fr"]
    chair = await room.join("chair", "floor", listen=["floor", "en", "fr"])
    assert participant(chair.latest_state(), "chair")["listening"] == ["floor", "en", "fr"]


@pytest.mark.parametrize(
    ("role", "message"),
    [
        ("listener", {"type": "mic", "on": True, "channel": "floor"}),
        ("listener", {"type": "chat", "to": "coordinators", "text": "hi"}),
        ("coordinator", {"type": "mic", "on": True, "channel": "floor"}),
        ("coordinator", {"type": "signal", "kind": "slow_down"}),
        ("coordinator", {"type": "cough", "on": True}),
        ("floor", {"type": "handover", "action": "offer"}),
        ("interpreter", {"type": "force_off", "participant": "x"}),
        ("interpreter", {"type": "floor_language", "language": "fr"}),
        ("listener", {"type": "floor_language", "language": "fr"}),
    ],
)
async def test_a_role_may_not_send_what_is_not_its_own(room: Room, role: str, message: dict):
    client = await room.join("x1", role, "en" if role == "interpreter" else None)
    await client.send(message)
    error = await client.expect("error")
    assert error["code"] == "forbidden"
    assert error["ref"] == message["type"]
    assert (await client.ping(1.0))["t"] == 1.0


async def test_cough_holds_the_air_and_sends_nothing(room: Room):
    chair = await room.join("chair", "floor")
    en1 = await room.join("en1", "interpreter", "en")
    on_en = await room.join("l1", "listener", listen=["en"])
    await room.take_air(chair, "floor")
    await room.take_air(en1, "en")
    room.speak(chair)
    voice = room.speak(en1)
    await on_en.packets_until(lambda r: r.packet.csrc == (en1.ssrc,))

    dropped = room.hub.dropped["cough"]
    await en1.send({"type": "cough", "on": True})
    state = await en1.expect_state(lambda m: participant(m, "en1")["cough"] is True)
    assert on_air(state, "en") == "en1"
    on_en.drain_media()
    await asyncio.sleep(0.1)
    assert on_en.drain_media() == []  # no fallback to the floor either
    assert room.hub.dropped["cough"] > dropped

    await en1.send({"type": "cough", "on": False})
    await en1.expect_state(lambda m: participant(m, "en1")["cough"] is False)
    got = await on_en.next_packet()
    assert got.packet.csrc == (en1.ssrc,)
    await voice.stop()


async def test_force_off_takes_the_air_from_a_stuck_microphone(room: Room):
    chair = await room.join("chair", "floor")
    en1 = await room.join("en1", "interpreter", "en")
    coord = await room.join("coord", "coordinator")
    on_en = await room.join("l1", "listener", listen=["en"])
    await room.take_air(chair, "floor")
    await room.take_air(en1, "en")
    room.speak(chair)
    room.speak(en1)
    await on_en.packets_until(lambda r: r.packet.csrc == (en1.ssrc,))
    coord.take("state")

    await coord.send({"type": "force_off", "participant": "en1"})
    told = await en1.expect("forced_off")
    assert told["by"] == "coord"
    await coord.expect_state(lambda m: on_air(m, "en") is None)
    await on_en.packets_until(lambda r: r.packet.csrc == (FLOOR_SSRC,))
    await coord.send({"type": "force_off", "participant": "ghost"})
    assert (await coord.expect("error"))["code"] == "bad_message"


async def test_floor_language_and_reports_show_in_state(room: Room):
    coord = await room.join("coord", "coordinator")
    en1 = await room.join("en1", "interpreter", "en")
    await coord.send({"type": "floor_language", "language": "fr"})
    state = await en1.expect_state(lambda m: m["floor_language"] == "fr")
    assert state["floor_language"] == "fr"
    await coord.send({"type": "floor_language", "language": None})
    await en1.expect_state(lambda m: m["floor_language"] is None)
    await coord.send({"type": "floor_language", "language": "not a language!"})
    assert (await coord.expect("error"))["code"] == "bad_message"

    await en1.send({"type": "report", "rtt_ms": 41, "jitter_ms": 6, "loss": 0.01, "buffer_ms": 60})
    state = await coord.expect_state(lambda m: participant(m, "en1")["quality"] is not None)
    quality = participant(state, "en1")["quality"]
    assert quality["rtt_ms"] == 41
    assert quality["jitter_ms"] == 6
    assert quality["loss"] == 0.01


async def test_the_source_of_a_channel_on_air_shows_the_relay_chain(room: Room):
    en1 = await room.join("en1", "interpreter", "en", listen=["floor"])
    fr1 = await room.join("fr1", "interpreter", "fr", listen=["en"])
    await room.take_air(en1, "en")
    await room.take_air(fr1, "fr")
    state = fr1.latest_state()
    assert channel(state, "en")["source"] == "floor"
    assert channel(state, "fr")["source"] == "en"


# --- Chat, signals, state ----------------------------------------------------------------


async def test_chat_reaches_the_booth_the_coordinators_and_one_participant(room: Room):
    en1 = await room.join("en1", "interpreter", "en")
    en2 = await room.join("en2", "interpreter", "en")
    fr1 = await room.join("fr1", "interpreter", "fr")
    coord = await room.join("coord", "coordinator")
    chair = await room.join("chair", "floor")

    await en1.send({"type": "chat", "to": "booth", "text": "take over at 10:30?"})
    got = await en2.expect("chat")
    assert got["from"] == "en1"
    assert got["to"] == "booth"
    assert got["text"] == "take over at 10:30?"
    assert isinstance(got["at"], int | float)
    assert abs(got["at"] - time.time()) < 5
    echo = await en1.expect("chat")
    assert echo["text"] == got["text"]

    await en2.send({"type": "chat", "to": "coordinators", "text": "no sound from floor"})
    got = await coord.expect("chat")
    assert (got["from"], got["to"], got["text"]) == ("en2", "coordinators", "no sound from floor")

    await coord.send({"type": "chat", "to": "fr1", "text": "fr: please check your mic"})
    got = await fr1.expect("chat")
    assert (got["from"], got["to"]) == ("coord", "fr1")

    await chair.send({"type": "chat", "to": "booth", "text": "x"})
    assert (await chair.expect("error"))["code"] == "not_in_booth"
    await en1.send({"type": "chat", "to": "nobody", "text": "x"})
    assert (await en1.expect("error"))["code"] == "bad_message"
    await en1.send({"type": "chat", "to": "booth", "text": "y" * 1001})
    assert (await en1.expect("error"))["code"] == "bad_message"

    # Nobody got what was not addressed to them.
    for client in (en1, en2, fr1, coord, chair):
        await client.ping()
    assert [m["text"] for m in fr1.history if m["type"] == "chat"] == ["fr: please check your mic"]
    assert [m["text"] for m in chair.history if m["type"] == "chat"] == []
    assert [m["text"] for m in coord.history if m["type"] == "chat"] == [
        "no sound from floor",
        "fr: please check your mic",  # the sender's echo
    ]


async def test_chat_is_rate_limited(room: Room):
    en1 = await room.join("en1", "interpreter", "en")
    en2 = await room.join("en2", "interpreter", "en")
    for i in range(25):
        await en1.send({"type": "chat", "to": "booth", "text": f"m{i}"})
    error = await en1.expect("error", lambda m: m["code"] == "rate_limited")
    assert error["ref"] == "chat"
    await en1.ping()
    await en2.ping()
    delivered = [m["text"] for m in en2.history if m["type"] == "chat"]
    assert 18 <= len(delivered) < 25
    assert delivered == [f"m{i}" for i in range(len(delivered))]


async def test_signals_reach_coordinators_and_the_floor_only(room: Room):
    coord = await room.join("coord", "coordinator")
    chair = await room.join("chair", "floor")
    en1 = await room.join("en1", "interpreter", "en")
    listener = await room.join("l1", "listener")

    await listener.send({"type": "signal", "kind": "no_sound"})
    for receiver in (coord, chair):
        got = await receiver.expect("signal")
        assert (got["from"], got["kind"]) == ("l1", "no_sound")
        assert isinstance(got["at"], int | float)
    await en1.send({"type": "signal", "kind": "slow_down"})
    got = await chair.expect("signal")
    assert (got["from"], got["kind"]) == ("en1", "slow_down")
    await en1.send({"type": "signal", "kind": "louder"})
    assert (await en1.expect("error"))["code"] == "bad_message"

    for client in (coord, chair, en1, listener):
        await client.ping()
    assert not [m for m in en1.history if m["type"] == "signal"]
    assert not [m for m in listener.history if m["type"] == "signal"]
    assert len([m for m in coord.history if m["type"] == "signal"]) == 2


async def test_a_burst_of_changes_is_batched_into_fewer_snapshots(room: Room):
    coord = await room.join("coord", "coordinator")
    en1 = await room.join("en1", "interpreter", "en")
    await coord.expect_state(lambda m: participant(m, "en1")["connected"] is True)
    await asyncio.sleep(0.1)  # a quiet spell
    mark = len(coord.history)

    choices = [["floor"], ["fr"], ["floor", "fr"], ["en"]]
    changes = [choices[i % len(choices)] for i in range(40)]
    for wanted in changes:
        await en1.send({"type": "listen", "channels": wanted})
    await coord.expect_state(lambda m: participant(m, "en1")["listening"] == changes[-1])
    await asyncio.sleep(0.15)  # let any trailing snapshot arrive
    burst = [m["meeting"] for m in coord.history[mark:] if m["type"] == "state"]

    assert 2 <= len(burst) < len(changes) // 2
    versions = [m["version"] for m in burst]
    assert all(b - a == 1 for a, b in itertools.pairwise(versions)), versions
    # The first change after the quiet spell went out at once, on its own ...
    assert participant(burst[0], "en1")["listening"] == changes[0]
    # ... and the last snapshot shows where the burst ended.
    assert participant(burst[-1], "en1")["listening"] == changes[-1]
    assert participant(en1.latest_state(), "en1")["listening"] == changes[-1]


async def test_a_crowd_joining_does_not_flood_everyone(room: Room):
    coord = await room.join("coord", "coordinator")
    await asyncio.sleep(0.06)
    mark = len(coord.history)
    crowd = await asyncio.gather(*(room.join(f"l{i}", "listener") for i in range(30)))
    await coord.expect_state(lambda m: m["listeners"] == 30)
    await asyncio.sleep(0.1)
    states = [m["meeting"] for m in coord.history[mark:] if m["type"] == "state"]
    assert len(states) < 15
    assert states[-1]["listeners"] == 30
    versions = [m["version"] for m in states]
    assert versions == sorted(set(versions))
    assert all(len(c.history) < 15 for c in crowd)  # nor the crowd itself

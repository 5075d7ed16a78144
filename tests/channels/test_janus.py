"""The Janus AudioBridge client: its rules in virtual time, then against a real Janus.

The protocol tests drive :class:`JanusSession` with the texts Janus 1.1.2
really sent on this machine (transcripts of a session recorded by hand:
field names, order of ack and event, error codes and wording); the media
tests run :class:`RoomSender` and :class:`MixReceiver` on real libopus. The
last tests start Debian's ``janus`` (:mod:`tests.rig.janus`) and join its rooms
as a plain RTP participant: a tone burst from another participant is heard
at its level and on time, our tone reaches a listener in another room,
refusals are one sentence each, a restarted Janus ends the link with a
reason and can be joined again, and the delay and speech quality through
Janus are measured (docs/gateways.md has the figures).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audio.format import BLOCK, SAMPLE_RATE
from audio.opus import Encoder
from channels.platforms.janus import (
    JanusClient,
    JoinRefused,
    JoinSettings,
    LinkEnded,
)
from channels.platforms.janus.media import IDLE_PACKET_S, MixReceiver, RoomSender
from channels.platforms.janus.protocol import (
    KEEPALIVE_S,
    PLUGIN,
    REQUEST_TIMEOUT_S,
    Ended,
    Endpoint,
    Event,
    JanusSession,
    Joined,
    JoinFailed,
    Left,
    SessionReady,
)
from channels.rtp import build, parse
from tests.rig.dspkit import blocks, rms_db, sine
from tests.rig.janus import (
    TONE_AMPLITUDE,
    Blocks,
    JanusServer,
    RoomConfig,
    behind_ms,
    delays_ms,
    onset_after,
    play,
    start_janus,
    tone_bursts,
)

F32 = npt.NDArray[np.float32]
T0: Final = 1000.0
LOCAL: Final = Endpoint("127.0.0.1", 47000)
SESSION: Final = 4521460102539012
HANDLES: Final = (6117746843120406, 31797855222619, 2262702488373267)
PARTICIPANT: Final = 5957469921786849
JANUS_RTP: Final = {"ip": "127.0.0.1", "port": 40002, "payload_type": 111}


# -- Janus's side, as Janus 1.1.2 says it --------------------------------------------------------


class Janus:
    """A JanusSession and the texts Janus answers it with (shapes copied from real ones)."""

    def __init__(self, **options: Any) -> None:
        self.core = JanusSession(T0, **options)
        self.handles = iter(HANDLES)
        self.sent: list[dict[str, Any]] = []

    def take(self) -> list[dict[str, Any]]:
        """The requests the session sent since the last call."""
        new = [json.loads(text) for text in self.core.data_to_send()]
        self.sent += new
        return new

    def say(self, message: dict[str, Any], now: float = T0) -> list[Event]:
        self.core.receive_text(json.dumps(message), now)
        return self.core.events_received()

    def success(self, request: dict[str, Any], ident: int, now: float = T0) -> list[Event]:
        message: dict[str, Any] = {"janus": "success", "transaction": request["transaction"]}
        if "session_id" in request:
            message["session_id"] = SESSION
        message["data"] = {"id": ident}
        return self.say(message, now)

    def ack(self, request: dict[str, Any], now: float = T0) -> list[Event]:
        return self.say(
            {"janus": "ack", "session_id": SESSION, "transaction": request["transaction"]}, now
        )

    def event(
        self, handle: int, data: dict[str, Any], request: dict[str, Any] | None = None
    ) -> list[Event]:
        message: dict[str, Any] = {"janus": "event", "session_id": SESSION}
        if request is not None:
            message["transaction"] = request["transaction"]
        message["sender"] = handle
        message["plugindata"] = {"plugin": PLUGIN, "data": data}
        return self.say(message)

    def open(self) -> None:
        """Answer the session's create."""
        (create,) = self.take()
        assert self.success(create, SESSION) == [SessionReady(SESSION)]

    def join(self, room: int, settings: JoinSettings | None = None) -> tuple[int, dict[str, Any]]:
        """Join ``room`` up to the join request; its handle and the request."""
        self.core.join(room, LOCAL, settings or JoinSettings(), T0)
        (attach,) = self.take()
        handle = next(self.handles)
        assert self.success(attach, handle) == []
        (message,) = self.take()
        return handle, message

    def joined(self, room: int) -> int:
        """Join ``room`` all the way; its handle."""
        handle, message = self.join(room)
        assert self.ack(message) == []
        data = {"audiobridge": "joined", "room": room, "id": PARTICIPANT, "participants": []}
        events = self.event(handle, {**data, "rtp": JANUS_RTP}, message)
        assert events == [Joined(room, PARTICIPANT, Endpoint("127.0.0.1", 40002), 111)]
        return handle


@pytest.fixture
def janus() -> Janus:
    janus = Janus()
    janus.open()
    return janus


# -- the session, in virtual time ------------------------------------------------------------


def test_create_attach_join_as_janus_wants_them() -> None:
    janus = Janus()
    janus.core.join(1001, LOCAL, JoinSettings(muted=True, pin="2468"), T0)
    (create,) = janus.take()
    assert create == {"janus": "create", "transaction": create["transaction"]}
    assert janus.success(create, SESSION) == [SessionReady(SESSION)]
    (attach,) = janus.take()
    assert attach == {
        "janus": "attach",
        "transaction": attach["transaction"],
        "session_id": SESSION,
        "plugin": "janus.plugin.audiobridge",
    }
    assert janus.success(attach, HANDLES[0]) == []
    (message,) = janus.take()
    assert message["janus"] == "message"
    assert message["session_id"] == SESSION and message["handle_id"] == HANDLES[0]
    assert message["body"] == {
        "request": "join",
        "room": 1001,
        "display": "RSI gateway",
        "muted": True,
        "bitrate": 64000,
        "quality": 10,
        "prebuffer": 2,
        "expected_loss": 0,
        "rtp": {
            "ip": "127.0.0.1",
            "port": 47000,
            "payload_type": 111,
            "audiolevel_ext": 1,
            "fec": False,
        },
        "pin": "2468",
    }
    assert len({r["transaction"] for r in janus.sent}) == 3, "a transaction id per request"
    assert janus.ack(message) == []
    # Janus tells us about the others on our own handle, without a transaction: not ours.
    others = {"audiobridge": "joined", "room": 1001, "participants": [{"id": 7, "display": "B"}]}
    assert janus.event(HANDLES[0], others) == []
    data = {"audiobridge": "joined", "room": 1001, "id": PARTICIPANT, "participants": []}
    assert janus.event(HANDLES[0], {**data, "rtp": JANUS_RTP}, message) == [
        Joined(1001, PARTICIPANT, Endpoint("127.0.0.1", 40002), 111)
    ]


def test_a_room_that_does_not_exist_is_one_sentence_even_when_the_event_beats_the_ack(
    janus: Janus,
) -> None:
    handle, message = janus.join(999)
    error = {"audiobridge": "event", "error_code": 485, "error": "No such room (999)"}
    (failed,) = janus.event(handle, error, message)  # before the ack, as Janus 1.1.2 sent it
    assert failed == JoinFailed(
        999,
        485,
        "Janus has no room 999 (Janus error 485: No such room (999)): check the room number",
    )
    (detach,) = janus.take()
    assert detach["janus"] == "detach" and detach["handle_id"] == handle
    assert janus.ack(message) == []
    assert janus.core.ended is None, "the session goes on; the room can be joined again"
    janus.joined(999)


@pytest.mark.parametrize(
    ("error", "todo"),
    [
        ("Plain RTP participants not allowed in this room", "(allow_rtp_participants = true)"),
        ("Unauthorized (wrong pin)", "give the room's PIN"),
    ],
)
def test_a_refused_join_says_what_to_do(janus: Janus, error: str, todo: str) -> None:
    handle, message = janus.join(1002)
    janus.ack(message)
    (failed,) = janus.event(
        handle, {"audiobridge": "event", "error_code": 489, "error": error}, message
    )
    assert isinstance(failed, JoinFailed) and failed.code == 489
    assert failed.message.startswith(
        f"Janus refused the gateway in room 1002 (Janus error 489: {error})"
    )
    assert failed.message.endswith(todo)


def test_joined_without_an_rtp_address_is_refused(janus: Janus) -> None:
    handle, message = janus.join(1001)
    data = {"audiobridge": "joined", "room": 1001, "id": PARTICIPANT, "participants": []}
    (failed,) = janus.event(handle, data, message)
    assert isinstance(failed, JoinFailed) and "without an RTP address" in failed.message


def test_keepalive_every_25_s_and_a_silent_janus_ends_the_session(janus: Janus) -> None:
    assert janus.core.next_deadline() == T0 + KEEPALIVE_S
    janus.core.advance(T0 + KEEPALIVE_S - 0.001)
    assert janus.take() == []
    janus.core.advance(T0 + KEEPALIVE_S)
    (keepalive,) = janus.take()
    assert keepalive == {
        "janus": "keepalive",
        "transaction": keepalive["transaction"],
        "session_id": SESSION,
    }
    assert janus.ack(keepalive, T0 + KEEPALIVE_S + 0.01) == []
    assert janus.core.next_deadline() == T0 + 2 * KEEPALIVE_S
    janus.core.advance(T0 + 2 * KEEPALIVE_S)
    janus.take()  # the next keepalive, never answered
    assert janus.core.next_deadline() == T0 + 2 * KEEPALIVE_S + REQUEST_TIMEOUT_S
    janus.core.advance(T0 + 2 * KEEPALIVE_S + REQUEST_TIMEOUT_S)
    assert janus.core.events_received() == [
        Ended(
            "Janus did not answer the gateway's keepalive within 10 s: it is stuck or the "
            "network is; reconnect"
        )
    ]
    assert janus.core.next_deadline() is None


def test_a_request_sent_resets_the_keepalive_clock(janus: Janus) -> None:
    janus.core.join(1001, LOCAL, JoinSettings(), T0 + 20)
    (attach,) = janus.take()
    janus.success(attach, HANDLES[0], T0 + 20)
    janus.take()
    assert janus.core.next_deadline() == T0 + 20 + REQUEST_TIMEOUT_S, "the join's answer is due"


def test_janus_timing_the_session_out_ends_it(janus: Janus) -> None:
    janus.joined(1001)
    (ended,) = janus.say({"janus": "timeout", "session_id": SESSION})
    assert isinstance(ended, Ended) and "session_timeout" in ended.reason
    janus.say({"janus": "timeout", "session_id": SESSION})
    assert janus.core.events_received() == [], "one end only"


def test_a_forgotten_session_ends_it(janus: Janus) -> None:
    janus.core.advance(T0 + KEEPALIVE_S)
    (keepalive,) = janus.take()
    (ended,) = janus.say(
        {
            "janus": "error",
            "session_id": SESSION,
            "transaction": keepalive["transaction"],
            "error": {"code": 458, "reason": f"No such session {SESSION}"},
        }
    )
    assert ended == Ended(
        f"Janus dropped the gateway's session (error 458: No such session {SESSION}); reconnect"
    )


def test_leave(janus: Janus) -> None:
    handle = janus.joined(1001)
    janus.core.leave(1001, T0)
    (leave,) = janus.take()
    assert leave["body"] == {"request": "leave"} and leave["handle_id"] == handle
    janus.ack(leave)
    left = {"audiobridge": "left", "room": 1001, "id": PARTICIPANT}
    assert janus.event(handle, left, leave) == [Left(1001, "left room 1001")]
    (detach,) = janus.take()
    assert detach["janus"] == "detach"
    with pytest.raises(ValueError, match="not joined"):
        janus.core.leave(1001, T0)


def test_a_destroyed_room_and_a_kick_end_the_room_not_the_session(janus: Janus) -> None:
    first = janus.joined(1001)
    destroyed = {"audiobridge": "destroyed", "room": 1001}
    assert janus.event(first, destroyed) == [Left(1001, "Janus room 1001 was destroyed")]
    (detach,) = janus.take()
    assert detach["janus"] == "detach" and detach["handle_id"] == first
    second = janus.joined(1002)
    someone_else = {"audiobridge": "event", "room": 1002, "kicked": 42}
    assert janus.event(second, someone_else) == []
    kicked = {"audiobridge": "event", "room": 1002, "kicked": PARTICIPANT}
    assert janus.event(second, kicked) == [
        Left(1002, "a moderator removed the gateway from Janus room 1002")
    ]
    (detach,) = janus.take()
    assert detach["janus"] == "detach" and detach["handle_id"] == second, (
        "a kicked handle is still 'in a room' for Janus: never reused"
    )
    assert janus.core.ended is None


def test_close_destroys_the_session(janus: Janus) -> None:
    janus.joined(1001)
    janus.core.close(T0)
    (destroy,) = janus.take()
    assert destroy["janus"] == "destroy" and destroy["session_id"] == SESSION
    assert janus.say(
        {"janus": "success", "session_id": SESSION, "transaction": destroy["transaction"]}
    ) == [Ended("the gateway closed its Janus session")]


def test_the_socket_lost_ends_it_once_and_nothing_after_counts(janus: Janus) -> None:
    janus.joined(1001)
    janus.core.connection_lost("gone")
    assert janus.core.events_received() == [Ended("gone")]
    janus.core.connection_lost("again")
    assert janus.say({"janus": "timeout", "session_id": SESSION}) == []
    with pytest.raises(ValueError, match="ended: gone"):
        janus.core.join(1003, LOCAL, JoinSettings(), T0)


def test_a_handle_detached_while_joining_fails_the_join_only(janus: Janus) -> None:
    handle, _ = janus.join(1001)
    detached = {"janus": "detached", "session_id": SESSION, "sender": handle}
    assert janus.say(detached) == [JoinFailed(1001, None, "Janus detached room 1001")]
    janus.core.advance(T0 + REQUEST_TIMEOUT_S)
    assert janus.core.events_received() == [], "the join's answer is not awaited any more"


def test_a_refused_session_is_one_sentence() -> None:
    janus = Janus(api_secret="wrong")
    (create,) = janus.take()
    error = {"code": 403, "reason": "Unauthorized request (wrong or missing secret/token)"}
    assert janus.say({"janus": "error", "transaction": create["transaction"], "error": error}) == [
        Ended(
            "Janus refused the gateway a session (error 403: Unauthorized request (wrong or "
            "missing secret/token)): check its API secret"
        )
    ]


def test_api_secret_in_every_request() -> None:
    janus = Janus(api_secret="s3cret")
    janus.open()
    janus.joined(1001)
    janus.core.advance(T0 + KEEPALIVE_S)
    janus.take()
    assert len(janus.sent) == 4
    assert all(request["apisecret"] == "s3cret" for request in janus.sent)


def test_a_room_joined_twice_is_refused_here(janus: Janus) -> None:
    janus.joined(1001)
    with pytest.raises(ValueError, match="already joined"):
        janus.core.join(1001, LOCAL, JoinSettings(), T0)


def test_what_is_not_a_json_object_is_counted_and_ignored(janus: Janus) -> None:
    janus.core.receive_text("not json", T0)
    janus.core.receive_text("[1, 2]", T0)
    assert janus.core.malformed == 2 and janus.core.events_received() == []
    janus.joined(1001)


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="quality"):
        JoinSettings(quality=11)
    with pytest.raises(ValueError, match="prebuffer"):
        JoinSettings(prebuffer=0)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=6,
)
MESSAGES = st.fixed_dictionaries(
    {
        "janus": st.sampled_from(
            ["success", "error", "ack", "event", "timeout", "detached", "hangup"]
        )
    },
    optional={
        "transaction": st.sampled_from(["rsi1", "rsi2", "rsi3", "rsi4"]) | JSON,
        "session_id": st.just(SESSION) | JSON,
        "sender": st.sampled_from(HANDLES) | JSON,
        "data": JSON,
        "error": JSON,
        "plugindata": st.fixed_dictionaries({"data": JSON}) | JSON,
    },
)


@settings(max_examples=60, deadline=None)
@given(st.lists(MESSAGES | JSON, max_size=10))
def test_nothing_janus_says_raises(messages: list[Any]) -> None:
    janus = Janus()
    janus.core.join(1001, LOCAL, JoinSettings(), T0)
    for message in messages:
        janus.core.receive_text(json.dumps(message), T0)
    janus.core.advance(T0 + 100)
    ends = [e for e in janus.core.events_received() if isinstance(e, Ended)]
    assert len(ends) == (janus.core.ended is not None)


# -- the room's sound, on real libopus -------------------------------------------------------


def test_blocks_go_out_as_20_ms_packets_with_their_level() -> None:
    packets: list[bytes] = []
    sender = RoomSender(packets.append, T0)
    sender.advance(T0)
    assert len(packets) == 1, "a packet at once: Janus sends nothing before it hears us"
    tone = sine(1000, 0.1, 0.5)
    for k, block in enumerate(blocks(tone)):
        sender.send_block(block, T0 + 0.01 * k)
    assert len(packets) == 6 and sender.packets_sent == 6
    first, *rest = [parse(p) for p in packets]
    assert all(p.payload_type == 111 for p in rest)
    assert [p.timestamp - first.timestamp for p in rest] == [960, 1920, 2880, 3840, 4800]
    assert [p.sequence - first.sequence for p in rest] == [1, 2, 3, 4, 5]
    assert first.audio_level == (False, 127)
    assert rest[-1].audio_level == (True, 9), "a sine at half scale: -9 dBov"
    sender.close()


def test_an_idle_room_sends_one_packet_of_silence_a_second() -> None:
    packets: list[bytes] = []
    sender = RoomSender(packets.append, T0)
    sender.advance(T0)
    assert sender.next_deadline() == T0 + IDLE_PACKET_S
    sender.send_block(np.zeros(BLOCK, dtype=np.float32), T0 + 0.5)
    sender.advance(T0 + IDLE_PACKET_S)
    assert len(packets) == 1, "a block given: not idle"
    assert sender.next_deadline() == T0 + 0.5 + IDLE_PACKET_S
    sender.advance(T0 + 0.5 + IDLE_PACKET_S)
    assert len(packets) == 2, "the half-given packet completed with silence"
    sender.advance(T0 + 0.5 + 2 * IDLE_PACKET_S)
    assert len(packets) == 3
    sender.close()


def _janus_packets(signal: F32, ssrc: int = 77, first_sequence: int = 65530) -> list[bytes]:
    """``signal`` as Janus sends it: 20 ms Opus packets, payload type 111."""
    encoder = Encoder(frame_ms=20)
    frames = signal.reshape(-1, 2 * BLOCK)
    packets = [
        build(sequence=first_sequence + k, timestamp=960 * k, ssrc=ssrc, payload=encoder.encode(f))
        for k, f in enumerate(frames)
    ]
    encoder.close()
    return packets


def test_the_mix_comes_out_as_10_ms_blocks_and_gaps_are_concealed() -> None:
    out = Blocks()
    receiver = MixReceiver(out)
    packets = _janus_packets(sine(1000, 0.4, 0.5))
    for k in (0, 1, 2, 3, 4, 7, 5, 8, 8, 9):  # 5 and 6 missing, then 5 late, 8 twice
        receiver.receive(packets[k], T0 + 0.02 * k)
    assert (receiver.packets, receiver.lost, receiver.late) == (8, 2, 2)
    assert len(out.got) == 2 * 10, "the timeline is whole: two blocks a packet, lost ones too"
    assert [t for t, _ in out.got[:4]] == [T0, T0, T0 + 0.02, T0 + 0.02]
    assert abs(rms_db(out.signal()[4800:]) - rms_db(sine(1000, 0.1, 0.5))) < 1.5
    receiver.close()


def test_a_new_stream_or_a_long_gap_restarts_without_concealing() -> None:
    out = Blocks()
    receiver = MixReceiver(out)
    first = _janus_packets(sine(440, 0.1, 0.3), ssrc=1)
    for packet in first[:3]:
        receiver.receive(packet, T0)
    receiver.receive(first[4 + 0], T0)  # one lost: concealed
    assert len(out.got) == 2 * 5
    later = _janus_packets(sine(440, 0.1, 0.3), ssrc=1, first_sequence=65530 + 100)
    receiver.receive(later[0], T0)
    assert receiver.lost == 1 + 95 and len(out.got) == 2 * 6, "a long gap is not concealed"
    other = _janus_packets(sine(440, 0.1, 0.3), ssrc=2, first_sequence=7)
    receiver.receive(other[0], T0)
    assert len(out.got) == 2 * 7 and receiver.late == 0
    receiver.close()


def test_what_is_not_opus_rtp_is_dropped() -> None:
    out = Blocks()
    receiver = MixReceiver(out)
    (packet,) = _janus_packets(np.zeros(2 * BLOCK, dtype=np.float32))
    receiver.receive(b"\x80\x00", T0)
    receiver.receive(packet[:1] + bytes([0]) + packet[2:], T0)  # payload type 0
    assert receiver.malformed == 2 and out.got == []
    receiver.close()


# -- a real Janus ---------------------------------------------------------------------------

FLOOR: Final = 1001
FR: Final = 1002
NO_RTP: Final = 1003
DEFAULT_PREBUFFER: Final = 1004
MODERATED: Final = 1005
SECRET: Final = "moderator"
ROOMS: Final = (
    RoomConfig(FLOOR),
    RoomConfig(FR),
    RoomConfig(NO_RTP, allow_rtp=False),
    RoomConfig(DEFAULT_PREBUFFER, prebuffer=6),
    RoomConfig(MODERATED, secret=SECRET),
)
LISTEN: Final = JoinSettings(display="listener", muted=True)
real = pytest.mark.slow


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[JanusServer]:
    server = await start_janus(tmp_path, ROOMS)
    try:
        yield server
    finally:
        await server.stop()


async def listen_and_speak(
    server: JanusServer, room: int, signal: F32
) -> tuple[list[float], Blocks]:
    """A listener and a speaker in ``room``, both plain RTP clients: play ``signal``."""
    heard = Blocks()
    async with (
        await JanusClient.connect(server.url) as listening,
        await JanusClient.connect(server.url) as speaking,
    ):
        heard.stamp_in_kernel(await listening.join(room, heard, LISTEN))
        speaker = await speaking.join(room, lambda block, arrival: None)
        given = await play(speaker, signal)
        await asyncio.sleep(0.3)
        assert speaker.figures.lost == 0
    return given, heard


@real
async def test_a_tone_burst_in_the_room_is_heard_at_its_level_and_on_time(
    server: JanusServer,
) -> None:
    signal, starts = tone_bursts(3, on_s=0.3)
    given, heard = await listen_and_speak(server, FLOOR, signal)
    delays = delays_ms(given, starts, heard)
    assert all(20 < d < 150 for d in delays), (delays, f"{behind_ms(given):.0f} ms behind")
    received = heard.signal()
    at = onset_after(received, 0)
    assert at is not None
    steady = received[at + 4800 : at + 4800 + 4800]
    assert abs(rms_db(steady) - rms_db(sine(1000, 0.1, TONE_AMPLITUDE))) < 1.0


@real
async def test_our_tone_reaches_a_listener_in_another_room(server: JanusServer) -> None:
    floor_heard, fr_heard = Blocks(), Blocks()
    async with (
        await JanusClient.connect(server.url) as gateway,
        await JanusClient.connect(server.url) as listener,
    ):
        floor = await gateway.join(FLOOR, floor_heard, LISTEN)
        fr = await gateway.join(FR, lambda block, arrival: None)
        fr_heard.stamp_in_kernel(await listener.join(FR, fr_heard, LISTEN))
        signal, starts = tone_bursts(2, on_s=0.3)
        given = await play(fr, signal)
        await asyncio.sleep(0.3)
        figures = fr.figures
    assert figures.packets_out >= len(given) // 2 and figures.packets_in > 0
    assert figures.lost == figures.late == figures.malformed == figures.foreign == 0
    delays = delays_ms(given, starts, fr_heard)
    assert all(20 < d < 150 for d in delays), (delays, f"{behind_ms(given):.0f} ms behind")
    assert onset_after(floor_heard.signal(), 0) is None, "nothing leaks into the floor room"
    assert floor.end_reason == fr.end_reason == "the gateway closed its Janus session"


@real
async def test_a_room_that_does_not_exist_and_a_refused_join(server: JanusServer) -> None:
    async with await JanusClient.connect(server.url) as janus:
        with pytest.raises(JoinRefused) as missing:
            await janus.join(999, lambda block, arrival: None)
        with pytest.raises(JoinRefused) as refused:
            await janus.join(NO_RTP, lambda block, arrival: None)
        room = await janus.join(FLOOR, lambda block, arrival: None, LISTEN)
        assert room.end_reason is None, "the session survives refusals"
    assert missing.value.code == 485
    assert str(missing.value) == (
        "Janus has no room 999 (Janus error 485: No such room (999)): check the room number"
    )
    assert refused.value.code == 489
    assert str(refused.value) == (
        f"Janus refused the gateway in room {NO_RTP} (Janus error 489: Plain RTP participants "
        "not allowed in this room): its owner must allow plain RTP participants "
        "(allow_rtp_participants = true)"
    )


@real
async def test_a_kick_and_a_destroyed_room_end_the_room_not_the_link(server: JanusServer) -> None:
    async with await JanusClient.connect(server.url) as janus:
        room = await janus.join(MODERATED, lambda block, arrival: None, LISTEN)
        kick = {"request": "kick", "room": MODERATED, "secret": SECRET, "id": room.participant}
        assert await server.moderate(kick) == {"audiobridge": "success"}
        assert await asyncio.wait_for(room.wait_ended(), 5) == (
            f"a moderator removed the gateway from Janus room {MODERATED}"
        )
        again = await janus.join(MODERATED, lambda block, arrival: None, LISTEN)
        destroy = {"request": "destroy", "room": MODERATED, "secret": SECRET}
        assert (await server.moderate(destroy))["audiobridge"] == "destroyed"
        assert await asyncio.wait_for(again.wait_ended(), 5) == (
            f"Janus room {MODERATED} was destroyed"
        )
        assert janus.end_reason is None
        await janus.join(FLOOR, lambda block, arrival: None, LISTEN)


@real
async def test_unreachable_janus_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(
        LinkEnded, match=r"^cannot reach Janus at ws://127\.0\.0\.1:9/ \(.*\): check"
    ):
        await JanusClient.connect("ws://127.0.0.1:9/", open_timeout=2)


@real
async def test_janus_restarted_ends_the_link_with_a_reason_and_can_be_joined_again(
    server: JanusServer, tmp_path: Path
) -> None:
    janus = await JanusClient.connect(server.url)
    room = await janus.join(FLOOR, lambda block, arrival: None, LISTEN)
    await server.stop()
    reason = await asyncio.wait_for(janus.wait_ended(), 5)
    assert reason == (
        f"the connection to Janus at {server.url} was lost (Janus stopped or restarted, "
        "or the network failed); reconnect"
    )
    assert await room.wait_ended() == reason
    with pytest.raises(LinkEnded, match="was lost"):
        await janus.join(FR, lambda block, arrival: None)
    await janus.close()
    restarted = await start_janus(tmp_path, ROOMS, port=server.port)
    try:
        signal, starts = tone_bursts(1, on_s=0.3)
        given, heard = await listen_and_speak(restarted, FLOOR, signal)
        delays = delays_ms(given, starts, heard)
        assert all(20 < d < 150 for d in delays), (delays, f"{behind_ms(given):.0f} ms behind")
    finally:
        await restarted.stop()


@real
async def test_janus_timing_a_silent_session_out_ends_the_link(tmp_path: Path) -> None:
    server = await start_janus(tmp_path, ROOMS, session_timeout_s=1)
    try:
        janus = await JanusClient.connect(server.url, keepalive_s=60)
        await janus.join(FLOOR, lambda block, arrival: None, LISTEN)
        reason = await asyncio.wait_for(janus.wait_ended(), 10)
        assert reason.startswith("Janus ended the session: it heard nothing from the gateway")
        await janus.close()
    finally:
        await server.stop()


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


@real
@pytest.mark.parametrize("room", [FLOOR, DEFAULT_PREBUFFER])
async def test_delay_through_janus_at_prebuffer_2(server: JanusServer, room: int) -> None:
    """Our join asks for prebuffer 2, so a room whose default is 6 is as quick for us."""
    signal, starts = tone_bursts(20)
    given, heard = await listen_and_speak(server, room, signal)
    delays = delays_ms(given, starts, heard)
    behind = f"{behind_ms(given):.0f} ms behind"
    assert 30 < percentile(delays, 50) < 100, (delays, behind)
    assert percentile(delays, 99) < 150, (delays, behind)


@real
async def test_speech_through_janus_keeps_its_quality(server: JanusServer) -> None:
    from bench.speech_quality import load_clip, wideband_pesq

    clip = load_clip("en")[: 6 * SAMPLE_RATE]
    padded = np.concatenate([clip, np.zeros(SAMPLE_RATE // 2, dtype=np.float32)])
    _, heard = await listen_and_speak(server, FLOOR, padded)
    score = wideband_pesq(clip, heard.signal())
    assert score > 3.5, score

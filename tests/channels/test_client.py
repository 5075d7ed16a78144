"""The rsi.v1 client: the sans-I/O session against the reference hub, then the I/O link on loopback.

The session tests wire a :class:`channels.session.Session` to a connection of
the sans-I/O hub (:mod:`hubkit`): what the session builds is fed to the real
:class:`channels.hub.Hub`, and what the hub sends back is digested by the
session, so the client is checked against the reference behaviour, with no
socket and a virtual clock. The link tests run :class:`channels.client.HubLink`
against a real :class:`channels.server.HubServer` (and, for the watchdog, a
server that stops answering).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve

from channels import protocol as p
from channels.client import MEDIA_BACKLOG_BYTES, QUIET_PING_GAP_S, HubLink
from channels.meeting import simple_meeting
from channels.rtp import build
from channels.session import (
    ChatReceived,
    CommandError,
    ConnectionFailed,
    Disconnected,
    DisconnectKind,
    FailureKind,
    ForcedOff,
    HubError,
    MeetingChanged,
    Phase,
    RoundTrip,
    Session,
    SessionEvent,
    SignalReceived,
    Welcomed,
)
from tests.rig.hubkit import Meeting
from tests.rig.wsclient import Room, token


class Driven:
    """A Session wired to one hubkit connection: sends go to the hub, deliveries come back."""

    def __init__(
        self, meeting: Meeting, sub: str, role: str, booth: str | None = None, **kw: Any
    ) -> None:
        self.meeting = meeting
        self.client = meeting.connect()
        self.session = Session(meeting.token(sub, role, booth=booth), **kw)
        self.events: list[SessionEvent] = []
        self._seen = 0
        self.send(self.session.hello())

    def send(self, data: bytes) -> list[SessionEvent]:
        self.client.send_raw(data)
        return self.pull()

    def pull(self) -> list[SessionEvent]:
        """Digest what the hub delivered since the last pull."""
        new: list[SessionEvent] = []
        for message in self.client.messages[self._seen :]:
            new.extend(self.session.receive(json.dumps(message), self.meeting.now))
        self._seen = len(self.client.messages)
        self.events.extend(new)
        return new

    def of(self, kind: type[Any]) -> list[Any]:
        self.pull()
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def meeting() -> Meeting:
    return Meeting()


# --- Session: admission and the meeting model ---------------------------------------------------


def test_welcome_gives_identity_resume_and_a_typed_meeting(meeting: Meeting) -> None:
    fr1 = Driven(meeting, "fr1", "interpreter", "fr")
    session = fr1.session
    assert session.phase is Phase.WELCOMED
    welcomed = fr1.of(Welcomed)[0]
    assert (welcomed.me.id, welcomed.me.role, welcomed.me.booth) == ("fr1", "interpreter", "fr")
    assert welcomed.me.ssrc >= 0x10000 and not welcomed.me.resumed
    assert session.resume == fr1.client.resume
    model = session.meeting
    assert model is not None and model.id == meeting.config.id
    assert [ch.id for ch in model.channels] == ["floor", "en", "fr"]
    assert model.channel_ssrcs() == {1: "floor", 2: "en", 3: "fr"}
    assert model.booth("fr") is not None and model.booth("fr").outputs == ("fr",)  # type: ignore[union-attr]
    assert model.participant("fr1") is not None
    assert fr1.of(MeetingChanged)  # the state that follows every welcome


def test_snapshots_never_go_back_in_version(meeting: Meeting) -> None:
    fr1 = Driven(meeting, "fr1", "interpreter", "fr")
    newest = fr1.session.meeting
    assert newest is not None
    stale = {"type": "state", "meeting": {**meeting.view(), "version": newest.version - 1}}
    assert fr1.session.receive(json.dumps(stale), meeting.now) == []
    assert fr1.session.meeting is newest


def test_air_speakers_and_handover_are_read_from_the_snapshot(meeting: Meeting) -> None:
    chair = Driven(meeting, "chair", "floor")
    fr1 = Driven(meeting, "fr1", "interpreter", "fr")
    fr2 = Driven(meeting, "fr2", "interpreter", "fr")
    chair.send(chair.session.encode(p.Mic(True, "floor")))
    fr1.send(fr1.session.encode(p.Mic(True, "fr")))
    fr2.send(fr2.session.encode(p.Handover("request")))
    meeting.wait(0.1)  # past the hub's 50 ms state batch
    fr1.pull()
    model = fr1.session.meeting
    assert model is not None
    assert model.air_of("fr1") == "fr" and model.air_of("chair") == "floor"
    assert model.air_of("fr2") is None
    booth = model.booth("fr")
    assert booth is not None and booth.handover is not None
    handover = booth.handover
    assert (handover.sender, handover.to, handover.action) == ("fr2", "fr1", "request")
    speakers = model.speakers()
    assert speakers[1] == "floor"
    assert speakers[fr1.session.me.ssrc] == "fr1"  # type: ignore[union-attr]


def test_resume_gives_the_listening_set_back(meeting: Meeting) -> None:
    fr1 = Driven(meeting, "fr1", "interpreter", "fr")
    fr1.send(fr1.session.encode(p.Listen(["floor", "en"])))
    resume = fr1.session.resume
    fr1.client.disconnect()
    meeting.wait(5.0)
    again = Driven(meeting, "fr1", "interpreter", "fr", resume=resume)
    me = again.of(Welcomed)[0].me
    assert me.resumed and me.listening == ("floor", "en")
    assert again.session.resume != resume  # each value works once


# --- Session: commands are checked before they leave ---------------------------------------------


def test_nothing_but_hello_and_ping_before_welcome() -> None:
    session = Session(token(simple_meeting(), "fr1", "interpreter", "fr"))
    assert json.loads(session.ping(1.5)) == {"type": "ping", "t": 1.5}
    with pytest.raises(CommandError, match="not connected"):
        session.encode(p.Listen(["floor"]))
    hello = json.loads(session.hello())
    assert hello["type"] == "hello" and hello["client"].startswith("rsi-console/")
    with pytest.raises(CommandError, match="already sent"):
        session.hello()
    with pytest.raises(CommandError, match="no token"):
        Session("  ")


@pytest.mark.parametrize(
    ("role", "booth", "build", "words"),
    [
        (
            "listener",
            None,
            lambda s: s.encode(p.Chat("coordinators", "hi")),
            "a listener may not send chat",
        ),
        ("listener", None, lambda s: s.encode(p.Mic(True, "en")), "a listener may not send mic"),
        ("listener", None, lambda s: s.encode(p.Listen(["en", "fr"])), "at most 1 channel, not 2"),
        ("floor", None, lambda s: s.encode(p.Cough(True)), "a floor speaker may not send cough"),
        ("coordinator", None, lambda s: s.encode(p.Signal("slow_down")), "may not send signal"),
        ("interpreter", "fr", lambda s: s.encode(p.ForceOff("x")), "may not send force off"),
        ("interpreter", "fr", lambda s: s.encode(p.Listen(["floor", "en", "fr", "floor"])), None),
        ("interpreter", "fr", lambda s: s.encode(p.Listen(["de"])), "has no channel 'de'"),
        ("interpreter", "fr", lambda s: s.encode(p.Mic(True, None)), "which channel"),
        (
            "interpreter",
            "fr",
            lambda s: s.encode(p.Chat("booth", "x" * 1001)),
            "text: expected `str`",
        ),
        ("interpreter", "fr", lambda s: s.encode(p.Signal("louder")), "kind: "),
        ("interpreter", "fr", lambda s: s.encode(p.Handover("grab")), "action: "),
        ("coordinator", None, lambda s: s.encode(p.FloorLanguage("e")), "language: "),
    ],
)
def test_bad_commands_are_refused_locally_with_a_sentence(
    meeting: Meeting, role: str, booth: str | None, build: Any, words: str | None
) -> None:
    driven = Driven(meeting, "p1", role, booth)
    refusals = len(meeting.hub._connections[driven.client.conn].refusals)
    if words is None:  # duplicates do not count: this one is fine
        assert json.loads(build(driven.session))["channels"] == ["floor", "en", "fr"]
        return
    with pytest.raises(CommandError, match=words):
        build(driven.session)
    assert len(meeting.hub._connections[driven.client.conn].refusals) == refusals


def test_report_is_clamped_to_what_the_hub_accepts(meeting: Meeting) -> None:
    fr1 = Driven(meeting, "fr1", "interpreter", "fr")
    report = json.loads(fr1.session.report(-3.0, 6.04, 1.5, 61.26))
    assert report == {
        "type": "report",
        "rtt_ms": 0.0,
        "jitter_ms": 6.0,
        "loss": 1.0,
        "buffer_ms": 61.3,
    }
    fr1.send(fr1.session.report(41.0, 6.0, 0.0, 60.0))
    assert meeting.participant("fr1")["quality"]["rtt_ms"] == 41.0


# --- Session: what the hub says ------------------------------------------------------------


def test_hub_refusals_become_errors_with_a_sentence(meeting: Meeting) -> None:
    en1 = Driven(meeting, "en1", "interpreter", "en")
    fr1 = Driven(meeting, "fr1", "interpreter", "fr")
    fr2 = Driven(meeting, "fr2", "interpreter", "fr")
    (error,) = fr1.send(fr1.session.encode(p.Mic(True, "en")))
    assert isinstance(error, HubError)
    assert (error.code, error.ref) == ("not_an_output", "mic")
    assert error.sentence == "Not one of your booth's channels: booth fr outputs fr, not en"
    fr1.send(fr1.session.encode(p.Mic(True, "fr")))
    errors = [e for e in fr2.send(fr2.session.encode(p.Mic(True, "fr"))) if isinstance(e, HubError)]
    assert errors[0].code == "partner_live"
    assert errors[0].sentence.startswith("Your partner is live: Fr1 is live in your booth")
    en1.send(en1.session.encode(p.Mic(True, "en")))
    assert not en1.of(HubError)


def test_chat_signal_forced_off_and_pong_are_events(meeting: Meeting) -> None:
    coord = Driven(meeting, "coord", "coordinator")
    fr1 = Driven(meeting, "fr1", "interpreter", "fr")
    fr2 = Driven(meeting, "fr2", "interpreter", "fr")
    fr1.send(fr1.session.encode(p.Chat("booth", "numbers coming")))
    chat = fr2.of(ChatReceived)[0]
    assert (chat.sender, chat.name, chat.to, chat.text) == ("fr1", "Fr1", "booth", "numbers coming")
    assert chat.at == meeting.now
    fr1.send(fr1.session.encode(p.Signal("slow_down")))
    signal = coord.of(SignalReceived)[0]
    assert (signal.sender, signal.kind) == ("fr1", "slow_down")
    fr1.send(fr1.session.encode(p.Mic(True, "fr")))
    coord.send(coord.session.encode(p.ForceOff("fr1")))
    assert fr1.of(ForcedOff)[0].by == "coord"
    fr1.client.send_raw(fr1.session.ping(meeting.now - 0.041))
    rtt = fr1.of(RoundTrip)[0]
    assert rtt.rtt_ms == pytest.approx(41.0, abs=0.01)
    assert fr1.session.rtt_ms == rtt.rtt_ms


def test_unknown_and_unreadable_messages_are_ignored_and_counted() -> None:
    session = Session("a.b.c")
    session.hello()
    for text in ('{"type":"future_thing","x":1}', "not json", '{"type":"pong","t":"x"}'):
        assert session.receive(text, 0.0) == []
    assert session.ignored == 3


# --- Session: how a connection ended --------------------------------------------------------


def turned_away(meeting: Meeting, session: Session, code: int) -> ConnectionFailed:
    """Say ``session``'s hello to the hub, which must close with ``code``; how it ends."""
    client = meeting.connect()
    for message in client.send_raw(session.hello()):
        session.receive(json.dumps(message), meeting.now)
    assert client.closed is not None and client.closed.code == code
    failed = session.closed(client.closed.code, client.closed.reason)
    assert isinstance(failed, ConnectionFailed)
    return failed


def test_a_refused_token_says_why(meeting: Meeting) -> None:
    driven = Driven(meeting, "fr1", "interpreter", "fr", resume=None)
    bad = Session(meeting.token("fr1", "interpreter", booth="fr") + "x")
    failed = turned_away(meeting, bad, 4401)
    assert failed.kind is FailureKind.TOKEN_REFUSED and failed.code == 4401
    assert "signature does not match" in failed.sentence
    assert driven.session.phase is Phase.WELCOMED


def test_a_token_for_another_meeting_is_named_as_such(meeting: Meeting) -> None:
    other = simple_meeting(meeting_id="other", secret="another-secret-of-at-least-32-bytes!")
    failed = turned_away(meeting, Session(token(other, "fr1", "interpreter", "fr")), 4401)
    assert failed.kind is FailureKind.WRONG_MEETING
    assert failed.sentence.startswith("this hub serves meeting 'test', but your token is for")


def test_a_token_for_another_meeting_with_the_same_secret_is_named_as_such(
    meeting: Meeting,
) -> None:
    """The hub then names the token's meeting first: the one it serves must still be found."""
    other = simple_meeting(meeting_id="other", secret=meeting.config.secret)
    failed = turned_away(meeting, Session(token(other, "fr1", "interpreter", "fr")), 4401)
    assert failed.kind is FailureKind.WRONG_MEETING
    assert failed.sentence.startswith(
        "this hub serves meeting 'test', but your token is for meeting 'other'"
    )


def test_a_missing_booth_is_named() -> None:
    session = Session("a.b.c")
    session.hello()
    message = "booth 'de' is not part of meeting 'x'"
    session.receive(json.dumps({"type": "error", "code": "forbidden", "message": message}), 0.0)
    failed = session.closed(4403, "no such booth")
    assert isinstance(failed, ConnectionFailed) and failed.kind is FailureKind.NO_SUCH_BOOTH
    assert "booth 'de'" in failed.sentence


def test_a_platform_named_without_being_a_gateway_is_our_mistake_not_a_booth(
    meeting: Meeting,
) -> None:
    failed = turned_away(meeting, Session(meeting.token("l1", "listener"), platform="zoom"), 4403)
    assert failed.kind is FailureKind.PROTOCOL
    assert failed.sentence.startswith("only a gateway serves a platform: a listener may not")
    gateway = Driven(meeting, "gw", "gateway", platform="zoom")
    [welcomed] = gateway.of(Welcomed)
    seen = welcomed.meeting.participant("gw")
    assert seen is not None and seen.platform == "zoom"


@pytest.mark.parametrize(
    ("code", "by_us", "kind", "resumable"),
    [
        (4409, False, DisconnectKind.REPLACED, False),
        (1008, False, DisconnectKind.ABUSE, True),
        (1001, False, DisconnectKind.HUB_STOPPING, True),
        (1006, False, DisconnectKind.LOST, True),
        (None, False, DisconnectKind.LOST, True),
        (1000, True, DisconnectKind.CLOSED_BY_US, True),
        (4401, False, DisconnectKind.CLOSED_BY_HUB, False),
        (1013, False, DisconnectKind.CLOSED_BY_HUB, True),
        (4999, False, DisconnectKind.CLOSED_BY_HUB, True),
    ],
)
def test_how_a_welcomed_connection_ended(
    meeting: Meeting, code: int | None, by_us: bool, kind: DisconnectKind, resumable: bool
) -> None:
    fr1 = Driven(meeting, "fr1", "interpreter", "fr")
    ended = fr1.session.closed(code, "", by_us=by_us)
    assert isinstance(ended, Disconnected)
    assert (ended.kind, ended.resumable, ended.code) == (kind, resumable, code)
    assert fr1.session.phase is Phase.ENDED


# --- The link, over real WebSockets ---------------------------------------------------------


class Recorder:
    """Events and media a link delivers, with a way to wait for them."""

    def __init__(self) -> None:
        self.events: list[SessionEvent] = []
        self.media: list[bytes] = []

    def event(self, event: SessionEvent) -> None:
        self.events.append(event)

    def packet(self, data: bytes, arrival: float) -> None:
        self.media.append(data)

    async def wait(self, kind: type[Any], timeout: float = 3.0) -> Any:
        async with asyncio.timeout(timeout):
            while True:
                found = [e for e in self.events if isinstance(e, kind)]
                if found:
                    return found[0]
                await asyncio.sleep(0.005)


def link_for(session: Session, recorder: Recorder, **kw: Any) -> HubLink:
    return HubLink(session, on_event=recorder.event, on_media=recorder.packet, **kw)


async def test_link_joins_measures_sends_and_closes(room: Room) -> None:
    recorder = Recorder()
    session = Session(room.token("chair", "floor"))
    link = link_for(session, recorder)
    task = asyncio.create_task(link.run(room.url))
    await recorder.wait(Welcomed)
    assert (await recorder.wait(RoundTrip)).rtt_ms < 100.0  # the first ping goes with hello
    listener = await room.join("l1", "listener", listen=["floor"])
    link.send(session.encode(p.Mic(True, "floor")))
    await listener.expect_state(lambda m: m["channels"][0]["on_air"] == "chair")
    assert session.me is not None
    link.send_media(build(sequence=1, timestamp=960, ssrc=session.me.ssrc, payload=b"\xf8\xff\xfe"))
    received = await listener.next_packet()
    assert received.packet.payload == b"\xf8\xff\xfe" and link.media_out == 1
    link.close()
    await task
    ended = recorder.events[-1]
    assert isinstance(ended, Disconnected) and ended.kind is DisconnectKind.CLOSED_BY_US


async def test_link_failures_are_told_apart(room: Room) -> None:
    cases = [
        ("http://127.0.0.1/v1", room.token("fr1", "interpreter", "fr"), FailureKind.BAD_URL),
        ("ws://127.0.0.1:9/v1", room.token("fr1", "interpreter", "fr"), FailureKind.UNREACHABLE),
        (room.url.replace("/v1", "/v2"), room.token("fr1", "interpreter", "fr"), "HTTP 404"),
        (room.url, room.token("fr1", "interpreter", "fr") + "x", FailureKind.TOKEN_REFUSED),
    ]
    for url, tok, expected in cases:
        recorder = Recorder()
        await link_for(Session(tok), recorder).run(url)
        failed = recorder.events[-1]
        assert isinstance(failed, ConnectionFailed)
        assert all(isinstance(e, HubError) for e in recorder.events[:-1])
        if isinstance(expected, FailureKind):
            assert failed.kind is expected
        else:
            assert failed.kind is FailureKind.NOT_A_HUB and expected in failed.sentence


async def test_link_tries_several_addresses_in_turn(room: Room) -> None:
    recorder = Recorder()
    tok = room.token("l1", "listener")
    both = f"ws://127.0.0.1:9/v1, {room.url.replace('/v1', '/v2')} {room.url}"
    link = link_for(Session(tok), recorder)
    task = asyncio.create_task(link.run(both))
    await recorder.wait(Welcomed)
    link.close()
    await task
    for url, expected in [
        ("ws://127.0.0.1:9/v1,http://127.0.0.1/v1", FailureKind.BAD_URL),  # before any attempt
        ("ws://127.0.0.1:9/v1,ws://127.0.0.1:10/v1", FailureKind.UNREACHABLE),
    ]:
        recorder = Recorder()
        await link_for(Session(tok), recorder).run(url)
        failed = recorder.events[-1]
        assert isinstance(failed, ConnectionFailed) and failed.kind is expected
    assert "127.0.0.1:10" in failed.sentence  # the last one's failure


async def test_link_replaced_by_a_newer_connection_is_final(room: Room) -> None:
    first, second = Recorder(), Recorder()
    task = asyncio.create_task(
        link_for(Session(room.token("fr1", "interpreter", "fr")), first).run(room.url)
    )
    await first.wait(Welcomed)
    newer = link_for(Session(room.token("fr1", "interpreter", "fr")), second)
    newer_task = asyncio.create_task(newer.run(room.url))
    ended = await first.wait(Disconnected)
    assert ended.kind is DisconnectKind.REPLACED and not ended.resumable
    await task
    newer.close()
    await newer_task


async def test_link_gives_up_on_a_hub_that_stops_answering() -> None:
    meeting = simple_meeting()

    async def mute_hub(ws: ServerConnection) -> None:
        hello = json.loads(await ws.recv())
        assert hello["type"] == "hello"
        welcome = {
            "type": "welcome",
            "participant": {"id": "l1", "name": "L1", "role": "listener", "ssrc": 65536},
            "resume": "r",
            "meeting": {"id": "test", "version": 1, "channels": [{"id": "floor", "ssrc": 1}]},
        }
        await ws.send(json.dumps(welcome))
        await ws.wait_closed()  # then nothing, not even pongs, until the client gives up

    async with serve(mute_hub, "127.0.0.1", 0, subprotocols=["rsi.v1"]) as server:  # type: ignore[list-item]
        port = next(iter(server.sockets)).getsockname()[1]
        recorder = Recorder()
        session = Session(token(meeting, "l1", "listener"))
        link = link_for(session, recorder, ping_interval_s=0.1, silence_timeout_s=0.35)
        await asyncio.wait_for(link.run(f"ws://127.0.0.1:{port}/v1"), 3.0)
    ended = recorder.events[-1]
    assert isinstance(ended, Disconnected) and ended.kind is DisconnectKind.LOST
    assert "has not answered" in ended.sentence and ended.resumable


async def test_link_pings_a_quiet_hub_twice_a_second_and_one_that_sends_media_no_more() -> None:
    """Pongs keep a link where nobody speaks heard within a second; audio needs no pings."""
    pings: list[tuple[float, bool]] = []
    """(when, while media flowed) of each ping after the first."""
    media, silent = asyncio.Event(), asyncio.Event()

    async def hub(ws: ServerConnection) -> None:
        assert json.loads(await ws.recv())["type"] == "hello"
        assert json.loads(await ws.recv())["type"] == "ping"  # the first, with hello
        await ws.send(json.dumps(WELCOME))
        media.set()
        async for message in ws:
            ping = json.loads(message)
            pings.append((asyncio.get_running_loop().time(), media.is_set()))
            await ws.send(json.dumps({"type": "pong", "t": ping["t"]}))

    async def stream(ws: ServerConnection) -> None:
        await media.wait()
        packet = build(sequence=1, timestamp=0, ssrc=1, payload=b"\xf8\xff\xfe")
        for _ in range(40):  # 0.8 s of a packet every 20 ms, under the 2 s of a regular ping
            await ws.send(packet)
            await asyncio.sleep(0.02)
        media.clear()
        silent.set()

    async def handler(ws: ServerConnection) -> None:
        await asyncio.gather(hub(ws), stream(ws))

    async with serve(handler, "127.0.0.1", 0, subprotocols=["rsi.v1"]) as server:  # type: ignore[list-item]
        port = next(iter(server.sockets)).getsockname()[1]
        recorder = Recorder()
        link = link_for(Session(token(simple_meeting(), "l1", "listener")), recorder)
        task = asyncio.create_task(link.run(f"ws://127.0.0.1:{port}/v1"))
        await recorder.wait(Welcomed)
        await silent.wait()
        await asyncio.sleep(1.0)  # 1 s of silence after the media
        link.close()
        await task
    assert [at for at, flowing in pings if flowing] == []
    quiet = [at for at, flowing in pings if not flowing]
    assert len(quiet) == 2, pings  # 0.25 s after the last packet, then 0.5 s later
    assert quiet[1] - quiet[0] == pytest.approx(QUIET_PING_GAP_S, abs=0.1)


WELCOME = {
    "type": "welcome",
    "participant": {"id": "l1", "name": "L1", "role": "listener", "ssrc": 65536},
    "resume": "r",
    "meeting": {"id": "test", "version": 1, "channels": [{"id": "floor", "ssrc": 1}]},
}


async def test_link_joins_fragments_and_fails_a_hub_that_sends_text_that_is_not_utf8() -> None:
    """RFC 6455: fragments make one message; invalid UTF-8 text closes the connection (1007)."""
    closed_with: list[int | None] = []

    async def odd_hub(ws: ServerConnection) -> None:
        await ws.recv()  # hello
        text = json.dumps(WELCOME)
        await ws.send([text[:10], text[10:40], text[40:]])  # one message in three frames
        packet = build(sequence=1, timestamp=0, ssrc=1, payload=b"\xf8\xff\xfe")
        await ws.send([packet[:5], packet[5:]])
        await ws.send(b"\xff\xfe not UTF-8", text=True)
        await ws.wait_closed()
        closed_with.append(ws.close_code)

    meeting = simple_meeting()
    async with serve(odd_hub, "127.0.0.1", 0, subprotocols=["rsi.v1"]) as server:  # type: ignore[list-item]
        port = next(iter(server.sockets)).getsockname()[1]
        recorder = Recorder()
        link = link_for(Session(token(meeting, "l1", "listener")), recorder)
        await asyncio.wait_for(link.run(f"ws://127.0.0.1:{port}/v1"), 3.0)
    assert any(isinstance(e, Welcomed) for e in recorder.events)
    assert recorder.media == [build(sequence=1, timestamp=0, ssrc=1, payload=b"\xf8\xff\xfe")]
    assert closed_with == [1007]
    assert isinstance(recorder.events[-1], Disconnected)


async def test_media_is_dropped_not_queued_while_the_hub_does_not_read() -> None:
    """A hub that stops reading gets MEDIA_BACKLOG_BYTES of speech beyond what the kernel holds."""
    stalled = asyncio.Event()
    release = asyncio.Event()

    async def stalled_hub(ws: ServerConnection) -> None:
        await ws.recv()  # hello
        await ws.send(json.dumps(WELCOME))
        ws.transport.pause_reading()  # the hub stops reading this socket
        stalled.set()
        await release.wait()
        ws.transport.resume_reading()
        async for _ in ws:  # read what was sent, up to our close
            pass

    meeting = simple_meeting()
    async with serve(stalled_hub, "127.0.0.1", 0, subprotocols=["rsi.v1"]) as server:  # type: ignore[list-item]
        port = next(iter(server.sockets)).getsockname()[1]
        recorder = Recorder()
        link = link_for(Session(token(meeting, "l1", "listener")), recorder)
        task = asyncio.create_task(link.run(f"ws://127.0.0.1:{port}/v1"))
        await recorder.wait(Welcomed)
        await stalled.wait()
        packet = bytes(200)
        for _ in range(20_000):  # 200 s of speech at once: far more than the socket buffers
            link.send_media(packet)
            await asyncio.sleep(0)
        assert link.media_dropped > 0
        assert link.media_out + link.media_dropped == 20_000
        assert link._wire is not None and link._wire.backlog() <= MEDIA_BACKLOG_BYTES + 256
        release.set()
        link.close()
        await asyncio.wait_for(task, 5.0)

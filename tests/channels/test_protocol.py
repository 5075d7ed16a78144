"""rsi.v1 from hub to client: the hub writes with the structs a client reads with.

The hub's messages are checked against the wire format docs/protocol.md
gives (field names, their order, which fields are left out and when), and
read back with :func:`channels.protocol.decode_from_hub`, which must also
read what another backend may send (fewer fields, unknown ones).
"""

from __future__ import annotations

import json

import pytest

from audio.config import EngineConfig
from channels import protocol as p
from channels.meeting import FLOOR
from channels.session import CommandError, Session
from tests.rig.hubkit import Client, Meeting
from tests.rig.meetings import bi_active_meeting


def _session() -> tuple[Meeting, list[Client]]:
    """A meeting in which the hub has sent every kind of message it sends."""
    m = Meeting(bi_active_meeting())
    chair = m.floor("chair")
    coord = m.coordinator("coord")
    fr1 = m.interpreter("fr1", "fr", listen=["en", FLOOR])
    fr2 = m.interpreter("fr2", "fr")
    listener = m.listener("l1", listen=["fr"])
    chair.ok({"type": "mic", "on": True, "channel": FLOOR})
    fr1.ok({"type": "mic", "on": True, "channel": "fr"})
    fr1.ok({"type": "report", "rtt_ms": 41, "jitter_ms": 6, "loss": 0.0, "buffer_ms": 60})
    fr2.ok({"type": "handover", "action": "request"})
    m.wait(0.1)  # a snapshot with the pending handover goes out
    fr1.ok({"type": "chat", "to": "coordinators", "text": "numbers coming"})
    listener.ok({"type": "signal", "kind": "slow_down"})
    listener.ok({"type": "ping", "t": 5.25})
    listener.refused({"type": "mic", "on": True, "channel": "fr"})
    listener.refused("not json")
    coord.ok({"type": "force_off", "participant": "fr1"})
    m.wait(0.1)
    return m, [chair, coord, fr1, fr2, listener]


def _first(clients: list[Client], kind: str, test: object = None) -> dict:
    for client in clients:
        for message in client.of_type(kind):
            if test is None or test(message):  # type: ignore[operator]
                return message
    raise AssertionError(f"no {kind} message")


def test_every_message_the_hub_sends_reads_back_as_its_struct() -> None:
    _, clients = _session()
    decoded = [p.decode_from_hub(json.dumps(x)) for c in clients for x in c.messages]
    assert {type(x) for x in decoded} == set(p.HubMessage.__args__)
    chat = next(x for x in decoded if isinstance(x, p.ChatDelivered))
    assert (chat.sender, chat.name, chat.to) == ("fr1", "Fr1", "coordinators")
    assert chat.text == "numbers coming"
    states = [x for x in decoded if isinstance(x, p.State)]
    newest = max(states, key=lambda x: x.meeting.version).meeting
    handover = newest.booth("fr").handover  # type: ignore[union-attr]
    assert handover is None, "the force_off ended the pending handover"
    assert newest.air_of("chair") == FLOOR and newest.air_of("fr1") is None
    assert newest.channel(FLOOR) == p.ChannelInfo(FLOOR, 1, None, "chair", 0)


def test_field_names_order_and_omissions_are_the_wire_format() -> None:
    _, clients = _session()
    _, _, fr1, _, listener = clients
    keys = list
    welcome = fr1.welcome
    assert welcome is not None
    assert keys(welcome) == ["type", "participant", "resume", "meeting"]
    assert keys(welcome["participant"]) == [
        *("id", "name", "role", "booth", "ssrc", "listening", "resumed")
    ]
    [refused, unreadable] = listener.errors()
    assert keys(refused) == ["type", "code", "message", "ref"]
    assert keys(unreadable) == ["type", "code", "message"], "ref is left out, not null"
    assert keys(_first(clients, "chat")) == ["type", "from", "name", "to", "text", "at"]
    assert keys(_first(clients, "signal")) == ["type", "from", "kind", "at"]
    assert listener.of_type("pong") == [{"type": "pong", "t": 5.25}]
    assert fr1.of_type("forced_off") == [{"type": "forced_off", "by": "coord"}]

    pending = _first(clients, "state", lambda x: x["meeting"]["booths"][1]["handover"])
    meeting = pending["meeting"]
    assert keys(pending) == ["type", "meeting"]
    assert keys(meeting) == [
        *("id", "title", "version", "floor_language", "floor_language_set_by"),
        *("channels", "booths"),
        *("participants", "listeners"),
    ]
    floor, en, fr, _ = meeting["channels"]
    assert keys(floor) == ["id", "ssrc", "language", "on_air", "listeners"]
    interpretation = ["id", "ssrc", "language", "on_air", "listeners"]
    interpretation += ["booth", "booths", "source", "fallback"]
    assert keys(en) == keys(fr) == interpretation
    assert en["on_air"] is None and en["source"] is None, "null, not left out"
    assert fr["source"] == "en" and fr["listeners"] == 1
    booth = meeting["booths"][1]
    assert keys(booth) == [
        *("id", "outputs", "languages", "members", "live", "live_since", "handover")
    ]
    assert keys(booth["handover"]) == ["from", "to", "action", "since"]
    ana = next(x for x in meeting["participants"] if x["id"] == "fr1")
    assert keys(ana) == [
        *("id", "name", "role", "booth", "ssrc", "connected", "cough", "listening"),
        *("on_air", "quality", "platform"),
    ]
    assert ana["quality"] == {"rtt_ms": 41.0, "jitter_ms": 6.0, "loss": 0.0, "buffer_ms": 60.0}


def test_a_gateway_s_platform_goes_from_its_session_s_hello_to_everyone_s_snapshot() -> None:
    m = Meeting()
    session = Session(m.token("janus-1", "gateway"), platform="janus")
    data = session.hello()
    hello = p.decode(data)
    assert isinstance(hello, p.Hello) and hello.platform == "janus"
    gateway = m.connect()
    gateway.send_raw(data)
    welcome = p.decode_from_hub(json.dumps(gateway.welcome))
    assert isinstance(welcome, p.Welcome)
    seen = welcome.meeting.participant("janus-1")
    assert seen is not None and (seen.role, seen.platform) == ("gateway", "janus")
    plain = p.decode(Session(m.token("coord", "coordinator")).hello())
    assert isinstance(plain, p.Hello) and plain.platform is None


@pytest.mark.parametrize("platform", ["", "x" * 33, "<b>Zoom</b>", "zoom\n", "Zoom Meetings"])
def test_a_platform_that_breaks_the_rule_is_refused_before_it_is_sent(platform: str) -> None:
    with pytest.raises(CommandError, match="a platform is 1 to 32 characters"):
        Session("a.b.c", platform=platform)
    with pytest.raises(ValueError, match="a platform is 1 to 32 characters"):
        EngineConfig(platform=platform)
    assert EngineConfig(platform="x" * 32).platform == "x" * 32


def test_a_client_reads_what_another_backend_may_send() -> None:
    error = p.decode_from_hub(b'{"type":"error","code":"its_own_code","extra":1}')
    assert error == p.Error("its_own_code", "", None)
    chat = p.decode_from_hub(b'{"type":"chat","from":"a","to":"booth","text":"hi"}')
    assert chat == p.ChatDelivered(sender="a", to="booth", text="hi")
    contract = {
        "id": "m",
        "version": 1,
        "floor_language": None,
        "channels": [{"id": FLOOR, "ssrc": 1, "language": None, "on_air": None}],
        "booths": [],
        "future": {"x": 1},
    }
    state = p.decode_from_hub(json.dumps({"type": "state", "meeting": contract}))
    assert isinstance(state, p.State) and state.meeting.listeners == 0


@pytest.mark.parametrize(
    "data",
    [
        b'{"type":"news"}',
        b'{"type":"pong"}',
        b'{"type":"state","meeting":{"id":"m","version":"1"}}',
        b"[1]",
        b"{",
    ],
)
def test_what_a_client_cannot_read_is_a_protocol_error(data: bytes) -> None:
    with pytest.raises(p.ProtocolError) as info:
        p.decode_from_hub(data)
    assert info.value.code is p.ErrorCode.BAD_MESSAGE and info.value.message


def test_a_role_this_side_does_not_know_may_send_what_everyone_may() -> None:
    other = p.role("relay-node")
    assert other.sends == {"hello", "ping", "listen", "report"}
    assert other.listen_limit is None and other.called == "relay-node"
    assert p.role("listener").listen_limit == 1
    assert p.role("interpreter").listen_limit == p.MAX_INTERPRETER_CHANNELS
    for name, known in p.ROLES.items():
        assert other.sends < known.sends, name

"""Every rule and error code of PROTOCOL.md, checked on the hub's state machine.

No sockets: each test drives :class:`channels.hub.Hub` through the helpers in
:mod:`tests.hubkit` (real tokens, a virtual clock, clients that collect what
the hub sends them) and looks at what comes out: messages, closes, forwarded
RTP, the snapshot.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import random

import msgspec
import pytest

from channels import rtp
from channels.hub import (
    ABUSE_LIMIT,
    AUDIENCE_BATCH_S,
    HANDOVER_TIMEOUT_S,
    HELLO_TIMEOUT_S,
    MAX_MISORDER,
    PING_BURST,
    PING_RATE_PER_S,
    RESUME_WINDOW_S,
    STATE_BATCH_S,
    TICK_AT_MOST_EVERY_S,
    Forward,
)
from channels.meeting import FLOOR, BoothConfig, simple_meeting
from tests.rig.hubkit import (
    FLOOR_SSRC,
    FRAME_S,
    FRAME_TICKS,
    Client,
    Meeting,
)
from tests.rig.meetings import bi_active_meeting

# --- Small helpers ---------------------------------------------------------------------


def mic_on(client: Client, channel: str) -> None:
    client.ok({"type": "mic", "on": True, "channel": channel})


def mic_off(client: Client) -> None:
    client.ok({"type": "mic", "on": False})


def handover(client: Client, action: str) -> list[dict]:
    return client.ok({"type": "handover", "action": action})


def assert_error(error: dict, code: str, ref: str | None) -> None:
    assert error["type"] == "error"
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"]
    if ref is None:
        assert "ref" not in error or error["ref"] is None, error
    else:
        assert error["ref"] == ref, error


def assert_continuous(packets: list[rtp.RtpPacket]) -> None:
    """One stream: sequence numbers +1 each, timestamps strictly forward."""
    for before, after in itertools.pairwise(packets):
        assert after.sequence == (before.sequence + 1) & 0xFFFF, (before, after)
        assert 0 < (after.timestamp - before.timestamp) & 0xFFFFFFFF < 2**31, (before, after)


def booth_of_two() -> tuple[Meeting, Client, Client, Client, Client]:
    """Floor on air, en1 live on en, en2 its partner, a listener on en."""
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    en1 = m.interpreter("en1", "en", listen=[FLOOR])
    en2 = m.interpreter("en2", "en", listen=[FLOOR])
    mic_on(en1, "en")
    listener = m.listener("l1", listen=["en"])
    return m, chair, en1, en2, listener


# --- hello and welcome -----------------------------------------------------------------


def test_welcome_carries_participant_resume_and_meeting_snapshot() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en", name="Ana")
    welcome = en1.welcome
    assert welcome is not None
    participant = welcome["participant"]
    assert participant["id"] == "en1"
    assert participant["name"] == "Ana"
    assert participant["role"] == "interpreter"
    assert participant["booth"] == "en"
    assert participant["listening"] == []
    assert participant["resumed"] is False
    assert isinstance(participant["ssrc"], int)
    assert participant["ssrc"] not in {1, 2, 3}, "a participant's ssrc must not be a channel's"
    assert isinstance(welcome["resume"], str) and len(welcome["resume"]) >= 16
    meeting = welcome["meeting"]
    assert meeting["id"] == "test"
    assert meeting["title"] == "Test"
    assert meeting["floor_language"] == "en"
    assert isinstance(meeting["version"], int) and meeting["version"] >= 1
    assert [(c["id"], c["ssrc"], c["language"]) for c in meeting["channels"]] == [
        (FLOOR, 1, None),
        ("en", 2, "en"),
        ("fr", 3, "fr"),
    ]
    assert all(c["on_air"] is None for c in meeting["channels"])
    assert [b["id"] for b in meeting["booths"]] == ["en", "fr"]
    en_booth = meeting["booths"][0]
    assert en_booth["outputs"] == ["en"]
    assert en_booth["members"] == ["en1"]
    assert en_booth["live"] is None
    assert en_booth["handover"] is None
    [me] = meeting["participants"]
    assert me["id"] == "en1" and me["connected"] is True and me["cough"] is False
    assert meeting["listeners"] == 0


def test_welcome_versions_increase_and_ssrcs_are_distinct() -> None:
    m = Meeting()
    a = m.interpreter("en1", "en")
    b = m.interpreter("fr1", "fr")
    c = m.listener("l1")
    versions = [x.welcome["meeting"]["version"] for x in (a, b, c)]  # type: ignore[index]
    assert versions == sorted(versions) and len(set(versions)) == 3
    assert len({a.ssrc, b.ssrc, c.ssrc}) == 3


def test_bad_token_is_refused_with_4401() -> None:
    m = Meeting()
    client = m.connect()
    replies = client.hello("not-a-token")
    [error] = replies
    assert_error(error, "unauthorized", "hello")
    assert client.closed is not None and client.closed.code == 4401
    assert client.welcome is None
    assert m.hub.participants == {}
    assert m.hub.participant_of(client.conn) is None


def test_wrongly_signed_token_is_refused() -> None:
    m = Meeting()
    forged = dataclasses.replace(m.config, secret="another-secret")
    client = m.connect()
    client.hello(m.token("en1", "interpreter", booth="en", meeting=forged))
    assert_error(client.errors()[0], "unauthorized", "hello")
    assert client.closed is not None and client.closed.code == 4401


def test_expired_token_is_refused() -> None:
    m = Meeting()
    token = m.token("en1", "interpreter", booth="en", ttl_s=60)
    m.advance(60 + 31)  # past exp and the 30 s leeway that tokens.verify allows for clocks
    client = m.connect()
    client.hello(token)
    assert_error(client.errors()[0], "unauthorized", "hello")
    assert client.closed is not None and client.closed.code == 4401
    assert "en1" not in m.hub.participants


def test_token_still_valid_before_expiry_is_accepted() -> None:
    m = Meeting()
    token = m.token("en1", "interpreter", booth="en", ttl_s=60)
    m.advance(59)
    client = m.connect()
    client.hello(token)
    assert client.welcome is not None and client.closed is None


def test_token_for_another_meeting_is_refused() -> None:
    m = Meeting()
    # Same secret, so only the meeting id tells the token apart.
    other = simple_meeting(meeting_id="other-meeting", secret="test-secret")
    client = m.connect()
    client.hello(m.token("en1", "interpreter", booth="en", meeting=other))
    assert_error(client.errors()[0], "unauthorized", "hello")
    assert client.closed is not None and client.closed.code == 4401


def test_interpreter_of_a_booth_not_in_the_meeting_is_refused_with_4403() -> None:
    m = Meeting()
    # A validly signed token for this meeting that names a booth the meeting lacks.
    wider = dataclasses.replace(m.config, booths=(*m.config.booths, BoothConfig("de", ("de",))))
    client = m.connect()
    client.hello(m.token("de1", "interpreter", booth="de", meeting=wider))
    assert_error(client.errors()[0], "forbidden", "hello")
    assert client.closed is not None and client.closed.code == 4403
    assert "de1" not in m.hub.participants


def test_no_hello_within_5_s_closes_with_4408() -> None:
    m = Meeting()
    client = m.connect()
    m.wait(4.9)
    assert client.closed is None
    m.wait(0.2)
    assert client.closed is not None and client.closed.code == 4408
    # A hello that comes too late is ignored: the connection is gone.
    client.closed = None
    assert client.hello(m.token("en1", "interpreter", booth="en")) == []
    assert "en1" not in m.hub.participants


def test_hello_in_time_is_not_closed_later() -> None:
    m = Meeting()
    client = m.connect()
    m.wait(4.0)
    client.hello(m.token("l1", "listener"))
    m.wait(10.0)
    assert client.closed is None and client.welcome is not None


def test_ping_before_hello_is_answered() -> None:
    client = Meeting().connect()
    assert client.ok({"type": "ping", "t": 3}) == [{"type": "pong", "t": 3}]


def test_message_before_hello_is_unauthorized_and_connection_stays() -> None:
    m = Meeting()
    client = m.connect()
    error = client.refused({"type": "mic", "on": True, "channel": "en"})
    assert_error(error, "unauthorized", "mic")
    assert client.closed is None
    client.hello(m.token("l1", "listener"))
    assert client.welcome is not None


def test_malformed_hello_is_bad_message_and_connection_stays() -> None:
    m = Meeting()
    client = m.connect()
    assert_error(client.refused({"type": "hello"}), "bad_message", "hello")
    assert_error(client.refused({"type": "hello", "token": 42}), "bad_message", "hello")
    assert client.closed is None
    client.hello(m.token("l1", "listener"))
    assert client.welcome is not None


def test_hello_twice_is_bad_message() -> None:
    m = Meeting()
    client = m.interpreter("en1", "en")
    error = client.refused({"type": "hello", "token": m.token("en1", "interpreter", booth="en")})
    assert_error(error, "bad_message", "hello")
    assert client.closed is None
    assert m.hub.participant_of(client.conn) is m.hub.participants["en1"]
    assert len(client.of_type("welcome")) == 1


def test_same_participant_connecting_again_closes_the_older_connection_and_its_air() -> None:
    m = Meeting()
    old = m.interpreter("en1", "en", listen=[FLOOR])
    mic_on(old, "en")
    new = m.interpreter("en1", "en")
    assert old.closed is not None and old.closed.code == 4409
    assert new.closed is None and new.welcome is not None
    assert m.on_air("en") is None, "the air is not carried to the new connection"
    assert m.hub.participant_of(old.conn) is None
    assert m.hub.participants["en1"].conn == new.conn
    assert new.ssrc == old.ssrc, "the same participant keeps its identity"
    # The old connection can do nothing any more.
    m.hub.receive_text(old.conn, json.dumps({"type": "mic", "on": True, "channel": "en"}), m.now)
    assert m.on_air("en") is None


def test_same_participant_in_another_booth_also_closes_the_older_connection() -> None:
    # E.g. the organiser re-issued the token for another booth.
    m = Meeting()
    old = m.interpreter("x1", "en")
    new = m.join("x1", "interpreter", booth="fr")
    assert old.closed is not None and old.closed.code == 4409
    assert m.hub.participant_of(old.conn) is None
    assert m.hub.participants["x1"].booth == "fr"
    # Whatever the old connection still sends must not put the new identity on
    # air on a channel that its booth (or role) may not speak on.
    m.hub.receive_text(old.conn, json.dumps({"type": "mic", "on": True, "channel": "en"}), m.now)
    assert m.on_air("en") is None
    assert new.closed is None


@pytest.mark.parametrize("role", ["listener", "floor", "coordinator"])
def test_a_token_of_another_role_cannot_take_a_connected_participants_place(role: str) -> None:
    # A listener token with the live interpreter's id took it off air; now it is refused,
    # whichever role it has, and the participant keeps its connection and its air.
    m = Meeting()
    fr1 = m.interpreter("fr-1", "fr")
    mic_on(fr1, "fr")
    intruder = m.connect()
    [error] = intruder.hello(m.token("fr-1", role))
    assert_error(error, "forbidden", "hello")
    assert "connected as an interpreter" in error["message"]
    assert "id of your own" in error["message"]
    assert intruder.closed is not None and intruder.closed.code == 4409
    assert intruder.welcome is None and m.hub.participant_of(intruder.conn) is None
    assert fr1.closed is None and m.on_air("fr") == "fr-1"
    assert m.hub.participants["fr-1"].role == "interpreter"
    # Once the interpreter has gone, the id may come back in another role.
    fr1.disconnect()
    assert m.join("fr-1", role).welcome is not None
    assert m.hub.participants["fr-1"].role == role


def test_resume_within_30_s_restores_listening_but_not_the_mic() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en", listen=[FLOOR, "fr"])
    mic_on(en1, "en")
    resume = en1.resume
    en1.disconnect()
    assert m.on_air("en") is None
    m.wait(29)
    back = m.interpreter("en1", "en", resume=resume)
    participant = back.welcome["participant"]  # type: ignore[index]
    assert participant["resumed"] is True
    assert participant["listening"] == [FLOOR, "fr"]
    assert participant["ssrc"] == en1.ssrc
    assert m.on_air("en") is None, "the mic is never given back automatically"
    assert m.participant("en1")["on_air"] is None
    assert back.resume != resume, "a fresh resume value with every welcome"
    assert back.conn in m.hub.channels["fr"].audience
    assert back.conn in m.hub.channels[FLOOR].audience


def test_listener_resume_restores_its_channel() -> None:
    m = Meeting()
    listener = m.listener("l1", listen=["fr"])
    listener.disconnect()
    m.wait(10)
    back = m.listener("l1", resume=listener.resume)
    assert back.welcome["participant"]["listening"] == ["fr"]  # type: ignore[index]
    assert m.channel("fr")["listeners"] == 1
    assert m.view()["listeners"] == 1


def test_resume_after_30_s_does_not_restore() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en", listen=[FLOOR])
    en1.disconnect()
    m.wait(31)
    back = m.interpreter("en1", "en", resume=en1.resume)
    assert back.welcome["participant"]["resumed"] is False  # type: ignore[index]
    assert back.welcome["participant"]["listening"] == []  # type: ignore[index]
    assert back.conn not in m.hub.channels[FLOOR].audience


def test_listener_resume_after_30_s_does_not_restore() -> None:
    m = Meeting()
    listener = m.listener("l1", listen=["fr"])
    listener.disconnect()
    m.wait(31)
    back = m.listener("l1", resume=listener.resume)
    assert back.welcome["participant"]["resumed"] is False  # type: ignore[index]
    assert back.welcome["participant"]["listening"] == []  # type: ignore[index]


def test_resume_with_a_wrong_value_does_not_restore() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en", listen=[FLOOR])
    en1.disconnect()
    m.wait(1)
    back = m.interpreter("en1", "en", resume="not-" + en1.resume)
    assert back.welcome["participant"]["resumed"] is False  # type: ignore[index]
    assert back.welcome["participant"]["listening"] == []  # type: ignore[index]


def test_resume_into_another_booth_is_a_new_identity() -> None:
    m = Meeting()
    en1 = m.interpreter("x1", "en", listen=[FLOOR])
    en1.disconnect()
    back = m.interpreter("x1", "fr", resume=en1.resume)
    participant = back.welcome["participant"]  # type: ignore[index]
    assert participant["booth"] == "fr"
    assert participant["resumed"] is False, "a new booth is a new identity, not a resume"
    assert participant["listening"] == []
    assert participant["ssrc"] != en1.ssrc
    assert m.booth("en")["members"] == []
    assert m.booth("fr")["members"] == ["x1"]


def test_resume_value_is_used_once() -> None:
    m = Meeting()
    first = m.listener("l1", listen=["en"])
    first.disconnect()
    second = m.listener("l1", resume=first.resume)
    assert second.welcome["participant"]["resumed"] is True  # type: ignore[index]
    second.disconnect()
    third = m.listener("l1", resume=first.resume)  # the old value, not second.resume
    assert third.welcome["participant"]["resumed"] is False  # type: ignore[index]


# --- listen ----------------------------------------------------------------------------


def test_interpreter_listens_to_at_most_3_channels() -> None:
    m = Meeting(bi_active_meeting())
    en1 = m.interpreter("en1", "en")
    en1.ok({"type": "listen", "channels": [FLOOR, "fr", "zh"]})
    error = en1.refused({"type": "listen", "channels": [FLOOR, "en", "fr", "zh"]})
    assert_error(error, "too_many_channels", "listen")
    assert m.participant("en1")["listening"] == [FLOOR, "fr", "zh"], "a refusal changes nothing"


def test_listener_listens_to_one_channel() -> None:
    m = Meeting()
    listener = m.listener("l1")
    listener.ok({"type": "listen", "channels": ["fr"]})
    error = listener.refused({"type": "listen", "channels": ["fr", "en"]})
    assert_error(error, "too_many_channels", "listen")
    assert m.hub.participants["l1"].listening == ["fr"]


@pytest.mark.parametrize("role", ["coordinator", "floor", "gateway"])
def test_coordinator_floor_and_gateway_listen_to_any_number(role: str) -> None:
    m = Meeting(bi_active_meeting())
    client = m.join("x", role)
    channels = [FLOOR, "en", "fr", "zh"]
    client.ok({"type": "listen", "channels": channels})
    assert m.participant("x")["listening"] == channels
    assert all(client.conn in m.hub.channels[ch].audience for ch in channels)


def test_listen_to_an_unknown_channel() -> None:
    m = Meeting()
    listener = m.listener("l1", listen=["en"])
    error = listener.refused({"type": "listen", "channels": ["klingon"]})
    assert_error(error, "unknown_channel", "listen")
    assert m.hub.participants["l1"].listening == ["en"]


def test_listen_replaces_the_audience_set() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    listener = m.listener("l1", listen=["en"])
    chair.speak(1)
    assert [p.ssrc for p in listener.heard()] == [2]
    listener.ok({"type": "listen", "channels": ["fr"]})
    assert listener.conn not in m.hub.channels["en"].audience
    chair.speak(1)
    assert [p.ssrc for p in listener.heard()] == [2, 3]
    listener.ok({"type": "listen", "channels": []})
    chair.speak(1)
    assert len(listener.heard()) == 2, "listening to nothing receives nothing"


def test_listener_counts_in_snapshot() -> None:
    m = Meeting()
    a = m.listener("l1", listen=["en"])
    m.listener("l2", listen=["en"])
    m.listener("l3", listen=["fr"])
    m.interpreter("fr1", "fr", listen=["en"])
    view = m.view()
    assert view["listeners"] == 3
    per_channel = {c["id"]: c["listeners"] for c in view["channels"]}
    assert per_channel == {FLOOR: 0, "en": 2, "fr": 1}
    assert [x["id"] for x in view["participants"]] == ["fr1"], "listeners are only a count"
    a.disconnect()
    assert m.view()["listeners"] == 2
    assert m.channel("en")["listeners"] == 1


# --- mic -------------------------------------------------------------------------------


def test_mic_only_on_booth_outputs() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    assert_error(en1.refused({"type": "mic", "on": True, "channel": "fr"}), "not_an_output", "mic")
    assert_error(en1.refused({"type": "mic", "on": True, "channel": FLOOR}), "not_an_output", "mic")
    assert m.on_air("fr") is None and m.on_air(FLOOR) is None
    mic_on(en1, "en")
    assert m.on_air("en") == "en1"
    assert m.channel("en")["on_air"] == "en1"
    assert m.booth("en")["live"] == "en1"
    assert m.participant("en1")["on_air"] == "en"


def test_mic_on_unknown_channel() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    assert_error(
        en1.refused({"type": "mic", "on": True, "channel": "xx"}), "unknown_channel", "mic"
    )


@pytest.mark.parametrize("role", ["floor", "gateway"])
def test_floor_sources_speak_only_on_the_floor_channel(role: str) -> None:
    m = Meeting()
    chair = m.join("chair", role)
    assert_error(
        chair.refused({"type": "mic", "on": True, "channel": "en"}), "not_an_output", "mic"
    )
    mic_on(chair, FLOOR)
    assert m.on_air(FLOOR) == "chair"
    assert m.channel(FLOOR)["on_air"] == "chair"


@pytest.mark.parametrize("kind", ["chat", "signal", "floor_language", "force_off", "handover"])
def test_a_gateway_bridges_sound_and_nothing_else(kind: str) -> None:
    m = Meeting()
    gateway = m.join("zoom-1", "gateway")
    message = {
        "chat": {"type": "chat", "to": "coord", "text": "hi"},
        "signal": {"type": "signal", "kind": "slow_down"},
        "floor_language": {"type": "floor_language", "language": "fr"},
        "force_off": {"type": "force_off", "participant": "chair"},
        "handover": {"type": "handover", "action": "offer"},
    }[kind]
    error = gateway.refused(message)
    assert_error(error, "forbidden", kind)
    assert error["message"] == f"a gateway may not send {kind}"
    assert m.participant("zoom-1")["role"] == "gateway"


def test_a_gateway_names_its_platform_and_the_snapshot_shows_it() -> None:
    m = Meeting()
    coord = m.coordinator("coord")
    gateway = m.join("janus-1", "gateway", platform="janus", listen=["en"])
    gateway.ok({"type": "mic", "on": True, "channel": FLOOR})
    gateway.ok({"type": "report", "rtt_ms": 12, "jitter_ms": 3, "loss": 0.01, "buffer_ms": 40})
    m.wait(STATE_BATCH_S)
    seen = next(x for x in coord.state["participants"] if x["id"] == "janus-1")
    assert (seen["role"], seen["platform"], seen["on_air"]) == ("gateway", "janus", FLOOR)
    assert seen["quality"] == {"rtt_ms": 12.0, "jitter_ms": 3.0, "loss": 0.01, "buffer_ms": 40.0}
    assert m.participant("coord")["platform"] is None, "null for everyone but a gateway"
    assert m.join("device-1", "gateway").welcome is not None, "a gateway may leave it out"
    assert m.participant("device-1")["platform"] is None


def test_a_gateway_s_platform_is_its_latest_hello_s() -> None:
    m = Meeting()
    first = m.join("gw", "gateway", platform="janus")
    first.disconnect()
    m.wait(STATE_BATCH_S)
    assert m.participant("gw")["connected"] is False
    assert m.participant("gw")["platform"] == "janus", "a disconnected gateway keeps it"
    m.join("gw", "gateway", platform="mumble", resume=first.resume)
    assert m.participant("gw")["platform"] == "mumble"
    m.join("gw", "gateway")
    assert m.participant("gw")["platform"] is None


@pytest.mark.parametrize("role", ["interpreter", "coordinator", "floor", "listener"])
def test_only_a_gateway_serves_a_platform(role: str) -> None:
    m = Meeting()
    token = m.token("x1", role, booth="en" if role == "interpreter" else None)
    client = m.connect()
    client.hello(token, platform="zoom")
    [error] = client.errors()
    assert_error(error, "forbidden", "hello")
    assert error["message"].startswith("only a gateway serves a platform"), error
    assert client.closed is not None and client.closed.code == 4403
    assert client.closed.reason == "not a gateway"
    assert "x1" not in m.hub.participants
    # Saying "no platform" is no platform.
    again = m.connect()
    again.send({"type": "hello", "token": token, "platform": None})
    assert again.welcome is not None and m.hub.participants["x1"].platform is None


@pytest.mark.parametrize(
    "platform",
    [
        "",
        "x" * 33,
        "<b>Zoom</b>",
        "zoom\nEVACUATE",
        "zoom\u202egnp.exe",
        "zoom\x1b[2J",
        "Zoom Meetings",
        42,
        ["janus"],
    ],
)
def test_a_platform_that_breaks_the_rule_is_a_malformed_hello(platform: object) -> None:
    m = Meeting()
    gateway = m.connect()
    token = m.token("gw", "gateway")
    error = gateway.refused({"type": "hello", "token": token, "platform": platform})
    assert_error(error, "bad_message", "hello")
    assert "$.platform" in error["message"], error
    assert gateway.closed is None and "gw" not in m.hub.participants
    gateway.hello(token, platform="x" * 32)
    assert gateway.welcome is not None and m.participant("gw")["platform"] == "x" * 32


def test_second_floor_source_finds_the_floor_engaged() -> None:
    m = Meeting()
    chair = m.floor("chair")
    delegate = m.floor("delegate")
    mic_on(chair, FLOOR)
    error = delegate.refused({"type": "mic", "on": True, "channel": FLOOR})
    assert_error(error, "channel_engaged", "mic")
    mic_off(chair)
    mic_on(delegate, FLOOR)
    assert m.on_air(FLOOR) == "delegate"


def test_channel_engaged_by_another_booth() -> None:
    m = Meeting(bi_active_meeting())
    en1 = m.interpreter("en1", "en")
    zh1 = m.interpreter("zh1", "zh")
    mic_on(en1, "en")
    error = zh1.refused({"type": "mic", "on": True, "channel": "en"})
    assert_error(error, "channel_engaged", "mic")
    assert m.on_air("en") == "en1"
    # Live on A, the zh booth still cannot take B while the en booth holds it.
    mic_on(zh1, "zh")
    error = zh1.refused({"type": "mic", "on": True, "channel": "en"})
    assert_error(error, "channel_engaged", "mic")
    assert m.on_air("zh") == "zh1" and m.on_air("en") == "en1"
    # And the en booth cannot take en back once the zh booth holds it.
    mic_off(en1)
    mic_on(zh1, "en")
    error = en1.refused({"type": "mic", "on": True, "channel": "en"})
    assert_error(error, "channel_engaged", "mic")
    assert m.channel("en")["on_air"] == "zh1"
    assert m.channel("en")["booth"] == "zh"


def test_partner_live_interlock() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    en2 = m.interpreter("en2", "en")
    mic_on(en1, "en")
    error = en2.refused({"type": "mic", "on": True, "channel": "en"})
    assert_error(error, "partner_live", "mic")
    assert m.on_air("en") == "en1"


def test_partner_live_across_the_outputs_of_a_bi_active_booth() -> None:
    m = Meeting(bi_active_meeting())
    zh1 = m.interpreter("zh1", "zh")
    zh2 = m.interpreter("zh2", "zh")
    mic_on(zh1, "zh")
    error = zh2.refused({"type": "mic", "on": True, "channel": "en"})
    assert_error(error, "partner_live", "mic")
    assert m.on_air("en") is None
    assert m.booth("zh")["live"] == "zh1"


def test_mic_on_without_channel_is_bad_message() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    assert_error(en1.refused({"type": "mic", "on": True}), "bad_message", "mic")
    assert m.on_air("en") is None


def test_switching_from_a_to_b_while_live() -> None:
    m = Meeting(bi_active_meeting())
    zh1 = m.interpreter("zh1", "zh")
    en_listener = m.listener("l1", listen=["en"])
    mic_on(zh1, "zh")
    zh1.speak(2)
    mic_on(zh1, "en")
    assert m.on_air("zh") is None and m.on_air("en") == "zh1"
    assert m.booth("zh")["live"] == "zh1"
    out = zh1.speak(2)
    assert [ch for ch, _ in out] == ["en", "en"], "nothing goes on A any more"
    first, second = en_listener.heard("en")
    assert first.marker and not second.marker
    assert first.csrc == (zh1.ssrc,) and first.ssrc == 2


def test_mic_off_releases_and_repeats_are_harmless() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    mic_on(en1, "en")  # the same channel again: no error, no change
    assert m.on_air("en") == "en1"
    mic_off(en1)
    assert m.on_air("en") is None
    assert m.booth("en")["live"] is None
    mic_off(en1)  # already off: no error
    assert m.on_air("en") is None


def test_repeated_mic_on_sends_no_state() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    m.wait(1)  # every snapshot out, no timeout pending
    en1.clear()
    m.advance(1)
    mic_on(en1, "en")
    assert m.wake_at is None, "no snapshot waits for a tick"
    assert en1.of_type("state") == [], "an idempotent mic on changes nothing"


@pytest.mark.parametrize("role", ["coordinator", "listener"])
def test_mic_is_forbidden_to_coordinators_and_listeners(role: str) -> None:
    m = Meeting()
    client = m.join("x", role)
    for channel in (FLOOR, "en"):
        error = client.refused({"type": "mic", "on": True, "channel": channel})
        assert_error(error, "forbidden", "mic")
    assert m.on_air(FLOOR) is None and m.on_air("en") is None


# --- cough -----------------------------------------------------------------------------


def test_cough_mutes_but_keeps_the_air() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    en1 = m.interpreter("en1", "en")
    listener = m.listener("l1", listen=["en"])
    mic_on(en1, "en")
    en1.ok({"type": "cough", "on": True})
    assert m.participant("en1")["cough"] is True
    assert m.on_air("en") == "en1", "the air stays held"
    assert en1.speak(3) == []
    assert m.hub.dropped["cough"] == 3
    chair.speak(2)
    assert listener.heard("en") == [], "no floor fallback while the booth only coughs"
    en1.ok({"type": "cough", "on": False})
    assert m.participant("en1")["cough"] is False
    out = en1.speak(1)
    assert [(ch, p.csrc) for ch, p in out] == [("en", (en1.ssrc,))]


def test_cough_state_reaches_everyone() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    coord = m.coordinator("coord")
    mic_on(en1, "en")
    en1.ok({"type": "cough", "on": True})
    m.wait(0.1)
    [me] = [x for x in coord.state["participants"] if x["id"] == "en1"]
    assert me["cough"] is True


@pytest.mark.parametrize("role", ["floor", "coordinator", "listener", "gateway"])
def test_cough_is_only_for_interpreters(role: str) -> None:
    m = Meeting()
    client = m.join("x", role)
    assert_error(client.refused({"type": "cough", "on": True}), "forbidden", "cough")


# --- handover --------------------------------------------------------------------------


def test_offer_then_accept() -> None:
    m, _, en1, en2, _ = booth_of_two()
    handover(en1, "offer")
    pending = m.booth("en")["handover"]
    assert pending == {"from": "en1", "to": "en2", "action": "offer", "since": m.now}
    assert m.on_air("en") == "en1"
    handover(en2, "accept")
    assert m.on_air("en") == "en2"
    assert m.booth("en")["live"] == "en2"
    assert m.booth("en")["handover"] is None
    assert m.participant("en1")["on_air"] is None


def test_request_then_accept() -> None:
    m, _, en1, en2, _ = booth_of_two()
    handover(en2, "request")
    assert m.booth("en")["handover"] == {
        "from": "en2",
        "to": "en1",
        "action": "request",
        "since": m.now,
    }
    handover(en1, "accept")
    assert m.on_air("en") == "en2"
    assert m.booth("en")["handover"] is None


@pytest.mark.parametrize("canceller", ["offerer", "partner"])
def test_either_side_cancels_an_offer(canceller: str) -> None:
    m, _, en1, en2, _ = booth_of_two()
    handover(en1, "offer")
    handover(en1 if canceller == "offerer" else en2, "cancel")
    assert m.booth("en")["handover"] is None
    assert_error(en2.refused({"type": "handover", "action": "accept"}), "no_handover", "handover")
    assert m.on_air("en") == "en1"


@pytest.mark.parametrize("canceller", ["requester", "live"])
def test_either_side_cancels_a_request(canceller: str) -> None:
    m, _, en1, en2, _ = booth_of_two()
    handover(en2, "request")
    handover(en2 if canceller == "requester" else en1, "cancel")
    assert m.booth("en")["handover"] is None
    assert_error(en1.refused({"type": "handover", "action": "accept"}), "no_handover", "handover")
    assert m.on_air("en") == "en1"


def test_cancel_without_pending_handover() -> None:
    _, _, en1, _, _ = booth_of_two()
    assert_error(en1.refused({"type": "handover", "action": "cancel"}), "no_handover", "handover")


def test_accept_without_pending_handover() -> None:
    m, _, _, en2, _ = booth_of_two()
    assert_error(en2.refused({"type": "handover", "action": "accept"}), "no_handover", "handover")
    assert m.on_air("en") == "en1"


def test_the_offerer_cannot_accept_its_own_offer() -> None:
    m, _, en1, _, _ = booth_of_two()
    handover(en1, "offer")
    assert_error(en1.refused({"type": "handover", "action": "accept"}), "no_handover", "handover")
    assert m.on_air("en") == "en1"


def test_offer_by_a_member_who_is_not_live() -> None:
    m, _, _, en2, _ = booth_of_two()
    assert_error(en2.refused({"type": "handover", "action": "offer"}), "no_handover", "handover")
    assert m.booth("en")["handover"] is None


def test_offer_and_request_when_nobody_is_live() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    en2 = m.interpreter("en2", "en")
    for action, who in (("offer", en1), ("request", en2)):
        error = who.refused({"type": "handover", "action": action})
        assert_error(error, "no_handover", "handover")
    assert m.booth("en")["handover"] is None


def test_request_by_the_live_member() -> None:
    _, _, en1, _, _ = booth_of_two()
    assert_error(en1.refused({"type": "handover", "action": "request"}), "no_handover", "handover")


def test_offer_with_no_partner_connected() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    assert_error(en1.refused({"type": "handover", "action": "offer"}), "no_handover", "handover")


@pytest.mark.parametrize("first", ["offer", "request"])
def test_crossing_offer_and_request_complete_the_handover(first: str) -> None:
    m, _, en1, en2, _ = booth_of_two()
    if first == "offer":
        handover(en1, "offer")
        handover(en2, "request")
    else:
        handover(en2, "request")
        handover(en1, "offer")
    assert m.on_air("en") == "en2"
    assert m.booth("en")["handover"] is None


def test_pending_handover_expires_after_60_s() -> None:
    m, _, en1, en2, _ = booth_of_two()
    handover(en1, "offer")
    m.wait(59)
    assert m.booth("en")["handover"] is not None
    m.wait(2)
    assert m.booth("en")["handover"] is None
    assert_error(en2.refused({"type": "handover", "action": "accept"}), "no_handover", "handover")
    assert m.on_air("en") == "en1"


def test_pending_handover_cleared_when_the_live_member_goes_off_air() -> None:
    m, _, en1, en2, _ = booth_of_two()
    handover(en1, "offer")
    mic_off(en1)
    assert m.booth("en")["handover"] is None
    assert_error(en2.refused({"type": "handover", "action": "accept"}), "no_handover", "handover")
    assert m.on_air("en") is None


@pytest.mark.parametrize("who", ["live", "partner"])
def test_pending_handover_cleared_when_either_side_disconnects(who: str) -> None:
    m, _, en1, en2, _ = booth_of_two()
    handover(en2, "request")
    (en1 if who == "live" else en2).disconnect()
    assert m.booth("en")["handover"] is None
    if who == "live":
        assert m.on_air("en") is None
    else:
        assert m.on_air("en") == "en1"


def test_handover_in_a_booth_of_three_names_the_partner() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    m.interpreter("en2", "en")
    en3 = m.interpreter("en3", "en")
    mic_on(en1, "en")
    error = en1.refused({"type": "handover", "action": "offer"})
    assert_error(error, "bad_message", "handover")
    error = en1.refused({"type": "handover", "action": "offer", "to": "fr9"})
    assert_error(error, "no_handover", "handover")
    en1.ok({"type": "handover", "action": "offer", "to": "en3"})
    assert m.booth("en")["handover"]["to"] == "en3"
    handover(en3, "accept")
    assert m.on_air("en") == "en3"


def test_handover_is_only_for_interpreters() -> None:
    m = Meeting()
    for role in ("floor", "coordinator", "listener"):
        client = m.join(f"x-{role}", role)
        error = client.refused({"type": "handover", "action": "offer"})
        assert_error(error, "forbidden", "handover")


def test_media_across_a_handover() -> None:
    m, chair, en1, en2, listener = booth_of_two()
    en1.speak(3)
    handover(en1, "offer")
    en1.speak(1)
    handover(en2, "accept")
    # In the gap between the accept and the new speaker's first packet: the old
    # speaker's in-flight packets and the floor must not reach the channel.
    assert en1.speak(2) == []
    assert m.hub.dropped["off_air"] == 2
    assert [ch for ch, _ in chair.speak(3)] == [FLOOR, "fr", FLOOR, "fr", FLOOR, "fr"]
    en2.speak(3)
    stream = listener.heard("en")
    assert [p.csrc[0] for p in stream] == [en1.ssrc] * 4 + [en2.ssrc] * 3
    assert [p.marker for p in stream] == [True, False, False, False, True, False, False]
    assert all(p.ssrc == 2 for p in stream)
    assert_continuous(stream)


# --- floor fallback --------------------------------------------------------------------


def test_floor_fallback_into_silent_language_channels() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    en_listener = m.listener("l1", listen=["en"])
    fr_listener = m.listener("l2", listen=["fr"])
    floor_listener = m.listener("l3", listen=[FLOOR])
    chair.speak(3)
    for client, ssrc in ((en_listener, 2), (fr_listener, 3)):
        packets = client.heard()
        assert len(packets) == 3
        assert all(p.ssrc == ssrc and p.csrc == (FLOOR_SSRC,) for p in packets)
        assert [p.marker for p in packets] == [True, False, False]
        assert_continuous(packets)
    floor_packets = floor_listener.heard()
    assert all(p.ssrc == FLOOR_SSRC and p.csrc == (chair.ssrc,) for p in floor_packets)
    assert m.channel("en")["fallback"] is True


def test_floor_fallback_stops_when_an_interpreter_takes_the_air_and_resumes_after() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    en1 = m.interpreter("en1", "en", listen=[FLOOR])
    listener = m.listener("l1", listen=["en"])
    chair.speak(3)
    mic_on(en1, "en")
    out = chair.speak(3)
    assert "en" not in [ch for ch, _ in out], "no floor packets into a channel on air"
    en1.speak(3)
    mic_off(en1)
    chair.speak(2)
    stream = listener.heard("en")
    senders = [p.csrc[0] for p in stream]
    assert senders == [FLOOR_SSRC] * 3 + [en1.ssrc] * 3 + [FLOOR_SSRC] * 2
    # A marker on every change of sender, and only there.
    assert [p.marker for p in stream] == [True, False, False, True, False, False, True, False]
    assert all(p.ssrc == 2 for p in stream)
    assert_continuous(stream)


def test_a_new_floor_speaker_is_a_change_of_sender_in_fallback_too() -> None:
    m = Meeting()
    chair = m.floor("chair")
    delegate = m.floor("delegate")
    mic_on(chair, FLOOR)
    chair.speak(2)
    mic_off(chair)
    mic_on(delegate, FLOOR)
    delegate.speak(2)
    for channel, origins in ((FLOOR, [chair.ssrc] * 2 + [delegate.ssrc] * 2), ("en", [1] * 4)):
        stream = m.stream(channel)
        assert [p.csrc[0] for p in stream] == origins
        assert [p.marker for p in stream] == [True, False, True, False]
        assert_continuous(stream)


def test_the_same_floor_speaker_coming_back_starts_a_talkspurt_in_fallback_too() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    chair.speak(2)
    mic_off(chair)
    m.advance(1.0)
    mic_on(chair, FLOOR)
    chair.speak(2)
    for channel in (FLOOR, "en"):
        stream = m.stream(channel)
        assert [p.marker for p in stream] == [True, False, True, False], channel
        assert_continuous(stream)
        gap = (stream[2].timestamp - stream[1].timestamp) & 0xFFFFFFFF
        assert gap >= 48_000, f"{channel}: the timeline follows the second of silence"


def test_source_shows_what_the_interpreter_on_air_listens_to() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en", listen=[FLOOR])
    fr1 = m.interpreter("fr1", "fr", listen=["en", FLOOR])
    assert m.channel("en")["source"] is None, "off air: no source"
    mic_on(en1, "en")
    mic_on(fr1, "fr")
    assert m.channel("en")["source"] == FLOOR
    assert m.channel("fr")["source"] == "en", "relay: fr interprets from en"
    fr1.ok({"type": "listen", "channels": [FLOOR]})
    assert m.channel("fr")["source"] == FLOOR
    mic_off(en1)
    assert m.channel("en")["source"] is None


def test_timestamp_follows_real_time_across_a_change_of_sender() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    en1 = m.interpreter("en1", "en")
    chair.speak(2)
    last_floor = m.stream("en")[-1]
    mic_on(en1, "en")
    m.advance(0.5)  # the interpreter starts half a second later
    en1.speak(1, step_s=0.0)
    first = m.stream("en")[-1]
    gap = (first.timestamp - last_floor.timestamp) & 0xFFFFFFFF
    elapsed = round(0.5 * 48_000)
    assert gap >= FRAME_TICKS
    assert elapsed <= gap <= elapsed + FRAME_TICKS


def test_timestamp_advances_at_least_one_frame_on_an_instant_switch() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    en1 = m.interpreter("en1", "en")
    chair.speak(2)
    mic_on(en1, "en")
    en1.speak(1, step_s=0.0)  # same instant as the last floor packet
    before, after = m.stream("en")[-2:]
    assert (after.timestamp - before.timestamp) & 0xFFFFFFFF >= FRAME_TICKS
    assert after.sequence == (before.sequence + 1) & 0xFFFF


def test_each_channel_starts_its_numbering_at_random() -> None:
    """RFC 3550 5.1: a restarted hub's streams must not continue where the old ones were."""

    def first_packet(numbering: random.Random | None) -> rtp.RtpPacket:
        m = Meeting(numbering=numbering)
        chair = m.floor("chair")
        mic_on(chair, FLOOR)
        chair.speak(1)
        return m.stream(FLOOR)[0]

    starts = {(p.sequence, p.timestamp) for p in (first_packet(None) for _ in range(8))}
    assert len(starts) == 8  # 48 random bits each: a repeat would be a broken generator
    seeded = first_packet(random.Random(7)), first_packet(random.Random(7))
    assert (seeded[0].sequence, seeded[0].timestamp) == (seeded[1].sequence, seeded[1].timestamp)


def test_sequence_stays_unique_after_a_late_packet_before_a_switch() -> None:
    # A sender's packet that arrives late (out of order) must not make the channel
    # reuse a sequence number when the next speaker starts.
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    en2 = m.interpreter("en2", "en")
    mic_on(en1, "en")
    en1.send_media(en1.packet(seq=10, ts=9600))
    en1.send_media(en1.packet(seq=12, ts=11520))
    en1.send_media(en1.packet(seq=11, ts=10560))  # late
    handover(en1, "offer")
    handover(en2, "accept")
    en2.speak(1)
    numbers = [p.sequence for p in m.stream("en")]
    assert len(set(numbers)) == len(numbers), f"sequence number reused: {numbers}"


@pytest.mark.parametrize(("seq", "ts"), [(0, 0), (100 + 5 + 3001, 50_000)])
def test_a_sender_numbering_afresh_goes_on_in_the_channel_stream(seq: int, ts: int) -> None:
    # A restarted encoder or gateway on the same connection numbers from anywhere: its
    # packets are not taken for late ones (a listener would drop them for seconds), the
    # channel's stream goes on with a marker, the time that passed in its timestamps.
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    listener = m.listener("l1", listen=[FLOOR])
    chair.speak(5)
    chair.seq, chair.ts = seq, ts
    m.advance(0.5)
    assert [ch for ch, _ in chair.speak(3)].count(FLOOR) == 3
    stream = listener.heard(FLOOR)
    assert [p.marker for p in stream] == [True] + [False] * 4 + [True, False, False]
    assert_continuous(stream)
    gap = (stream[5].timestamp - stream[4].timestamp) & 0xFFFFFFFF
    assert gap == round((0.5 + FRAME_S) * 48_000)


def test_a_packet_a_little_behind_is_late_not_a_new_numbering() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    listener = m.listener("l1", listen=[FLOOR])
    chair.speak(3)
    head = listener.heard(FLOOR)[-1]
    chair.send_media(chair.packet(seq=chair.seq - MAX_MISORDER, ts=chair.ts - 1000))
    late = listener.heard(FLOOR)[-1]
    assert not late.marker and (head.sequence - late.sequence) & 0xFFFF == MAX_MISORDER - 1
    chair.speak(1)
    assert listener.heard(FLOOR)[-1].sequence == (head.sequence + 1) & 0xFFFF


# --- media rules -----------------------------------------------------------------------


def test_media_before_hello_is_dropped() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    stranger = m.connect()
    packet = rtp.build(sequence=1, timestamp=0, ssrc=chair.ssrc, payload=b"x")
    assert stranger.send_media(packet) == []
    assert m.hub.dropped["before_hello"] == 1
    assert m.forwarded == []


def test_media_from_someone_off_air_is_dropped() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    m.listener("l1", listen=["en"])
    assert en1.speak(2) == []
    assert m.hub.dropped["off_air"] == 2
    assert m.forwarded == []


def test_media_with_a_wrong_ssrc_is_dropped() -> None:
    m = Meeting()
    chair = m.floor("chair")
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    assert en1.send_media(en1.packet(ssrc=chair.ssrc)) == []
    assert en1.send_media(en1.packet(ssrc=2)) == [], "a channel's ssrc is not the sender's"
    assert m.hub.dropped["wrong_ssrc"] == 2
    assert m.forwarded == []


def _malformed(client: Client) -> dict[str, bytes]:
    good = client.packet(seq=1, ts=0, level=None)
    return {
        "version 1": bytes([0x40 | (good[0] & 0x3F)]) + good[1:],
        "version 0": bytes([good[0] & 0x3F]) + good[1:],
        "payload type 0": client.packet(seq=1, ts=0, payload_type=0),
        "payload type 96": client.packet(seq=1, ts=0, payload_type=96),
        "oversize": client.packet(seq=1, ts=0, level=None, payload=b"\x00" * 1489),
        "shorter than the header": good[:11],
        "empty": b"",
        "csrc list truncated": bytes([good[0] | 0x03]) + good[1:12] + b"\x00\x00\x00\x01",
        "extension truncated": bytes([good[0] | 0x10]) + good[1:12] + b"\xbe",
        "extension length beyond the end": bytes([good[0] | 0x10])
        + good[1:12]
        + b"\xbe\xde\x00\x09",
        "padding beyond the end": bytes([good[0] | 0x20]) + good[1:12] + b"\x00\xff",
        "padding of zero": bytes([good[0] | 0x20]) + good[1:12] + b"\x01\x00",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "version 1",
        "version 0",
        "payload type 0",
        "payload type 96",
        "oversize",
        "shorter than the header",
        "empty",
        "csrc list truncated",
        "extension truncated",
        "extension length beyond the end",
        "padding beyond the end",
        "padding of zero",
    ],
)
def test_malformed_rtp_is_dropped_and_counted(kind: str) -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    listener = m.listener("l1", listen=["en"])
    mic_on(en1, "en")
    data = _malformed(en1)[kind]
    assert en1.send_media(data) == []
    assert m.hub.dropped["malformed"] == 1
    assert listener.heard() == []
    assert en1.closed is None, "bad media is dropped, the connection stays"
    assert m.on_air("en") == "en1"


def test_forwarded_packets_fit_the_1500_byte_frame_limit() -> None:
    # The hub adds one CSRC (4 bytes) to a packet that had none: a packet that is
    # within the limit on the way in must still be within it on the way out.
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    fits = en1.packet(level=None, payload=b"\x00" * 1484)
    assert len(fits) == 1496
    m.hub.receive_media(en1.conn, fits, m.now)
    [forward], _ = m.hub.outputs_to_send()
    assert isinstance(forward, Forward) and len(forward.data) == 1500
    assert rtp.parse(forward.data).payload == b"\x00" * 1484
    largest = en1.packet(level=None, payload=b"\x00" * 1488)
    assert len(largest) == 1500, "the largest packet a client may send"
    m.hub.receive_media(en1.conn, largest, m.now)
    outputs, _ = m.hub.outputs_to_send()
    out = [x.data for x in outputs if isinstance(x, Forward)]
    assert all(len(data) <= rtp.MAX_PACKET for data in out), [len(d) for d in out]


def test_audio_level_extension_and_payload_forwarded_unchanged() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    data = en1.packet(level=(42, True), payload=b"opus-frame")
    sent = rtp.parse(data)
    [(_, packet)] = en1.send_media(data)
    assert packet.extension == sent.extension
    assert packet.audio_level == (True, 42)
    assert packet.payload == b"opus-frame"
    assert packet.payload_type == 111


def test_forwarded_packet_names_the_channel_and_the_interpreter() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    # Whatever CSRC list the sender put in, the hub's names the speaker.
    [(channel, packet)] = en1.send_media(en1.packet(csrc=(7, 8)))
    assert channel == "en"
    assert packet.ssrc == m.channel("en")["ssrc"] == 2
    assert packet.csrc == (en1.ssrc,)
    assert packet.audio_level == (True, 30)


def test_padding_is_forwarded_intact() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    body = en1.packet(payload=b"abc\x00\x00\x03")
    padded = bytes([body[0] | 0x20]) + body[1:]
    [(_, packet)] = en1.send_media(padded)
    assert packet.payload == b"abc"


# --- safety ----------------------------------------------------------------------------


def test_losing_a_live_interpreter_releases_the_channel_at_once() -> None:
    m, chair, en1, en2, listener = booth_of_two()
    coord = m.coordinator("coord")
    chair.speak(1)
    en1.speak(2)
    en1.disconnect()
    assert m.on_air("en") is None
    assert m.booth("en")["live"] is None
    assert m.participant("en1")["connected"] is False
    m.wait(0.1)  # let the state batch out
    for watcher in (en2, coord):
        state = watcher.state
        [en] = [c for c in state["channels"] if c["id"] == "en"]
        assert en["on_air"] is None
        [gone] = [x for x in state["participants"] if x["id"] == "en1"]
        assert gone["connected"] is False
    # The floor comes back into en at once.
    chair.speak(2)
    stream = listener.heard("en")
    assert [p.csrc[0] for p in stream[-2:]] == [FLOOR_SSRC, FLOOR_SSRC]
    assert stream[-2].marker
    assert_continuous(stream)
    # Coming back, the interpreter must press the mic again.
    back = m.interpreter("en1", "en", resume=en1.resume)
    assert m.on_air("en") is None
    assert back.speak(1) == []


def test_losing_the_floor_source_releases_the_floor() -> None:
    m = Meeting()
    chair = m.floor("chair")
    delegate = m.floor("delegate")
    mic_on(chair, FLOOR)
    chair.disconnect()
    assert m.on_air(FLOOR) is None
    assert m.participant("chair")["connected"] is False
    mic_on(delegate, FLOOR)
    assert m.on_air(FLOOR) == "delegate"


# --- chat ------------------------------------------------------------------------------


def chat_room() -> tuple[Meeting, dict[str, Client]]:
    m = Meeting()
    people = {
        "en1": m.interpreter("en1", "en"),
        "en2": m.interpreter("en2", "en"),
        "fr1": m.interpreter("fr1", "fr"),
        "coord": m.coordinator("coord"),
        "chair": m.floor("chair"),
        "l1": m.listener("l1"),
    }
    return m, people


def chats_of(people: dict[str, Client]) -> dict[str, list[dict]]:
    return {name: client.of_type("chat") for name, client in people.items()}


def received_by(people: dict[str, Client]) -> set[str]:
    return {name for name, chats in chats_of(people).items() if chats}


def test_chat_to_booth_reaches_its_members_only() -> None:
    m, people = chat_room()
    people["en1"].ok({"type": "chat", "to": "booth", "text": "water please"})
    assert received_by(people) == {"en1", "en2"}
    [chat] = people["en2"].of_type("chat")
    assert chat["from"] == "en1"
    assert chat["to"] == "booth"
    assert chat["text"] == "water please"
    assert chat["at"] == m.now
    assert people["en1"].of_type("chat") == [chat], "the sender gets an echo"


def test_chat_to_coordinators() -> None:
    _, people = chat_room()
    people["fr1"].ok({"type": "chat", "to": "coordinators", "text": "no sound"})
    assert received_by(people) == {"fr1", "coord"}


def test_chat_to_a_participant() -> None:
    _, people = chat_room()
    people["coord"].ok({"type": "chat", "to": "fr1", "text": "ok?"})
    assert received_by(people) == {"coord", "fr1"}


def test_chat_to_a_named_booth() -> None:
    _, people = chat_room()
    people["coord"].ok({"type": "chat", "to": "booth:en", "text": "5 min"})
    assert received_by(people) == {"coord", "en1", "en2"}


def test_chat_to_all_by_a_coordinator() -> None:
    _, people = chat_room()
    people["coord"].ok({"type": "chat", "to": "all", "text": "break"})
    assert received_by(people) == {"en1", "en2", "fr1", "coord", "chair"}


@pytest.mark.parametrize("sender", ["en1", "chair"])
def test_chat_to_all_is_for_coordinators_only(sender: str) -> None:
    _, people = chat_room()
    error = people[sender].refused({"type": "chat", "to": "all", "text": "hi"})
    assert_error(error, "forbidden", "chat")
    assert received_by(people) == set()


def test_listener_may_not_chat() -> None:
    _, people = chat_room()
    error = people["l1"].refused({"type": "chat", "to": "coordinators", "text": "hi"})
    assert_error(error, "forbidden", "chat")
    assert received_by(people) == set()


@pytest.mark.parametrize("sender", ["coord", "chair"])
def test_chat_to_booth_without_a_booth(sender: str) -> None:
    _, people = chat_room()
    error = people[sender].refused({"type": "chat", "to": "booth", "text": "hi"})
    assert_error(error, "not_in_booth", "chat")


@pytest.mark.parametrize("to", ["nobody", "booth:xx", "l1"])
def test_chat_to_an_unknown_recipient(to: str) -> None:
    _, people = chat_room()
    error = people["coord"].refused({"type": "chat", "to": to, "text": "hi"})
    assert_error(error, "bad_message", "chat")
    assert received_by(people) == set()


def test_chat_text_length() -> None:
    _, people = chat_room()
    people["en1"].ok({"type": "chat", "to": "booth", "text": "x" * 1000})
    error = people["en1"].refused({"type": "chat", "to": "booth", "text": "x" * 1001})
    assert_error(error, "bad_message", "chat")
    error = people["en1"].refused({"type": "chat", "to": "booth", "text": ""})
    assert_error(error, "bad_message", "chat")
    assert len(people["en2"].of_type("chat")) == 1


def test_chat_text_is_cleaned_of_control_and_text_direction_characters() -> None:
    # "\u202egnp.exe" would show as "exe.png"; escapes and line breaks would fake lines.
    _, people = chat_room()
    text = "see report\u202egnp.exe\x1b[2J\r\nfrom coord:\u2066 evacuate\u2069\u200f"
    people["en1"].ok({"type": "chat", "to": "fr1", "text": text})
    [chat] = people["fr1"].of_type("chat")
    assert chat["text"] == "see reportgnp.exe[2J  from coord: evacuate"
    assert people["en1"].of_type("chat") == [chat], "the echo shows what was delivered"
    error = people["en1"].refused({"type": "chat", "to": "fr1", "text": "\u202e\u200e\x00"})
    assert_error(error, "bad_message", "chat")
    assert "nothing is left" in error["message"]
    assert len(people["fr1"].of_type("chat")) == 1


def test_chat_is_rate_limited() -> None:
    m, people = chat_room()
    en1 = people["en1"]
    for _ in range(20):
        en1.ok({"type": "chat", "to": "booth", "text": "hi"})
    error = en1.refused({"type": "chat", "to": "booth", "text": "one too many"})
    assert_error(error, "rate_limited", "chat")
    assert len(people["en2"].of_type("chat")) == 20
    m.advance(1.0)  # tokens come back at 2 per second
    en1.ok({"type": "chat", "to": "booth", "text": "again"})
    en1.ok({"type": "chat", "to": "booth", "text": "again"})
    assert_error(en1.refused({"type": "chat", "to": "booth", "text": "x"}), "rate_limited", "chat")
    assert en1.closed is None


# --- signal ----------------------------------------------------------------------------


@pytest.mark.parametrize("sender", ["en1", "l1"])
def test_signal_reaches_coordinators_and_floor_only(sender: str) -> None:
    m, people = chat_room()
    people[sender].ok({"type": "signal", "kind": "slow_down"})
    got = {name: client.of_type("signal") for name, client in people.items()}
    assert {name for name, signals in got.items() if signals} == {"coord", "chair"}
    for name in ("coord", "chair"):
        assert got[name] == [{"type": "signal", "from": sender, "kind": "slow_down", "at": m.now}]


@pytest.mark.parametrize("sender", ["coord", "chair"])
def test_signal_from_coordinator_or_floor_is_forbidden(sender: str) -> None:
    _, people = chat_room()
    error = people[sender].refused({"type": "signal", "kind": "need_help"})
    assert_error(error, "forbidden", "signal")
    assert all(not client.of_type("signal") for client in people.values())


def test_signal_kinds() -> None:
    _, people = chat_room()
    for kind in ("slow_down", "poor_sound", "need_help", "no_sound"):
        people["en1"].ok({"type": "signal", "kind": kind})
    assert [s["kind"] for s in people["coord"].of_type("signal")] == [
        "slow_down",
        "poor_sound",
        "need_help",
        "no_sound",
    ]
    error = people["en1"].refused({"type": "signal", "kind": "coffee"})
    assert_error(error, "bad_message", "signal")


# --- floor_language --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "floor"])
def test_floor_language_set_by_coordinator_or_floor(role: str) -> None:
    m = Meeting()
    client = m.join("x", role)
    watcher = m.listener("l1")
    client.ok({"type": "floor_language", "language": "fr"})
    assert m.view()["floor_language"] == "fr"
    m.wait(0.1)
    assert watcher.state["floor_language"] == "fr"
    client.ok({"type": "floor_language", "language": "pt-BR"})
    assert m.view()["floor_language"] == "pt-BR"
    client.ok({"type": "floor_language", "language": None})
    assert m.view()["floor_language"] is None


def test_the_snapshot_says_who_set_the_floor_language_and_a_restart_shows_the_files() -> None:
    m = Meeting()
    coord = m.coordinator("coord")
    assert coord.state["floor_language"] == "en"
    assert coord.state["floor_language_set_by"] is None, "the meeting file's"
    coord.ok({"type": "floor_language", "language": "fr"})
    m.wait(STATE_BATCH_S)
    assert coord.state["floor_language"] == "fr"
    assert coord.state["floor_language_set_by"] == "coord"
    restarted = Meeting(m.hub.meeting)  # a new hub on the same meeting file
    again = restarted.coordinator("coord")
    assert again.state["floor_language"] == "en"
    assert again.state["floor_language_set_by"] is None, "the reset shows"


@pytest.mark.parametrize("role", ["interpreter", "listener"])
def test_floor_language_forbidden_to_others(role: str) -> None:
    m = Meeting()
    client = m.join("x", role, booth="en" if role == "interpreter" else None)
    error = client.refused({"type": "floor_language", "language": "fr"})
    assert_error(error, "forbidden", "floor_language")
    assert m.view()["floor_language"] == "en"


@pytest.mark.parametrize("language", ["not a code", "e", "", "en_US", 42])
def test_floor_language_bad_code(language: object) -> None:
    m = Meeting()
    coord = m.coordinator()
    error = coord.refused({"type": "floor_language", "language": language})
    assert_error(error, "bad_message", "floor_language")
    assert m.view()["floor_language"] == "en"


# --- force_off -------------------------------------------------------------------------


def test_force_off_takes_the_air_from_a_stuck_microphone() -> None:
    m, chair, en1, _, listener = booth_of_two()
    coord = m.coordinator("coord")
    coord.ok({"type": "force_off", "participant": "en1"})
    assert m.on_air("en") is None
    assert m.booth("en")["live"] is None
    [forced] = en1.of_type("forced_off")
    assert forced["type"] == "forced_off"
    assert en1.closed is None
    assert en1.speak(1) == [], "its in-flight packets go nowhere"
    chair.speak(1)
    assert listener.heard("en")[-1].csrc == (FLOOR_SSRC,), "the floor falls back at once"
    mic_on(en1, "en")  # and the interpreter may press the mic again
    assert m.on_air("en") == "en1"


def test_force_off_the_floor_source() -> None:
    m = Meeting()
    chair = m.floor("chair")
    mic_on(chair, FLOOR)
    m.coordinator("coord").ok({"type": "force_off", "participant": "chair"})
    assert m.on_air(FLOOR) is None
    assert len(chair.of_type("forced_off")) == 1


def test_force_off_of_someone_not_on_air_changes_nothing() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    m.coordinator("coord").ok({"type": "force_off", "participant": "en1"})
    assert en1.of_type("forced_off") == []


@pytest.mark.parametrize("role", ["interpreter", "floor", "listener"])
def test_force_off_is_for_coordinators_only(role: str) -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    client = m.join("x", role, booth="en" if role == "interpreter" else None)
    error = client.refused({"type": "force_off", "participant": "en1"})
    assert_error(error, "forbidden", "force_off")
    assert m.on_air("en") == "en1"
    assert en1.of_type("forced_off") == []


def test_force_off_unknown_participant() -> None:
    m = Meeting()
    coord = m.coordinator()
    error = coord.refused({"type": "force_off", "participant": "ghost"})
    assert_error(error, "bad_message", "force_off")


# --- report ----------------------------------------------------------------------------


def test_report_shows_as_quality_for_non_listeners() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    listener = m.listener("l1")
    figures = {"rtt_ms": 41, "jitter_ms": 6, "loss": 0.02, "buffer_ms": 60}
    en1.ok({"type": "report", **figures})
    assert m.participant("en1")["quality"] == figures
    listener.ok({"type": "report", **figures})
    assert all(x["id"] != "l1" for x in m.view()["participants"])
    assert msgspec.to_builtins(m.hub.participants["l1"].quality) == figures


def test_a_listener_report_sends_no_state() -> None:
    # Listeners are only a count: their figures change nothing that others see.
    m = Meeting()
    listener = m.listener("l1")
    m.wait(1.0)
    m.advance(1.0)
    listener.clear()
    listener.ok({"type": "report", "rtt_ms": 80, "jitter_ms": 9, "loss": 0.1, "buffer_ms": 90})
    assert m.wake_at is None, "no snapshot waits for a tick"
    assert listener.of_type("state") == []


@pytest.mark.parametrize(
    "bad",
    [
        {"loss": 1.5},
        {"loss": -0.1},
        {"rtt_ms": -1},
        {"jitter_ms": "high"},
        {"buffer_ms": None},
    ],
)
def test_report_out_of_range(bad: dict) -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    message = {"type": "report", "rtt_ms": 41, "jitter_ms": 6, "loss": 0.0, "buffer_ms": 60}
    error = en1.refused({**message, **bad})
    assert_error(error, "bad_message", "report")
    assert m.participant("en1")["quality"] is None


def test_report_with_a_missing_figure() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    error = en1.refused({"type": "report", "rtt_ms": 41, "jitter_ms": 6, "loss": 0.0})
    assert_error(error, "bad_message", "report")


# --- ping ------------------------------------------------------------------------------


@pytest.mark.parametrize("t", [0, 12345, 1.75e12, -3.5])
def test_ping_is_answered_with_pong_and_same_t(t: float) -> None:
    m = Meeting()
    client = m.listener("l1")
    replies = client.ok({"type": "ping", "t": t})
    assert replies == [{"type": "pong", "t": t}]


def test_unknown_fields_are_ignored() -> None:
    m = Meeting()
    client = m.listener("l1")
    replies = client.ok({"type": "ping", "t": 7, "future": {"x": 1}})
    assert replies == [{"type": "pong", "t": 7}]


# --- state batching --------------------------------------------------------------------


def test_state_first_change_at_once_then_batched_within_100_ms() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    coord = m.coordinator("coord")
    m.wait(1.0)  # the joins' snapshots are out, their hello timeouts gone
    m.advance(1.0)
    coord.clear()
    en1.ok({"type": "listen", "channels": [FLOOR]})
    assert m.wake_at is None
    [first] = coord.of_type("state")
    assert first["meeting"]["participants"][0]["listening"] == [FLOOR], "at once"
    m.advance(0.01)
    mic_on(en1, "en")
    deadline = m.wake_at
    assert deadline is not None
    assert deadline - m.now == pytest.approx(STATE_BATCH_S - 0.01), "a tick at the window's end"
    m.advance(0.01)
    en1.ok({"type": "cough", "on": True})
    assert m.wake_at == pytest.approx(deadline)
    assert len(coord.of_type("state")) == 1, "changes within the window wait"
    m.now = deadline
    m.tick()
    assert m.wake_at is None
    first, second = coord.of_type("state")
    snapshot = second["meeting"]
    [me] = [x for x in snapshot["participants"] if x["id"] == "en1"]
    assert me["on_air"] == "en" and me["cough"] is True, "both changes in one snapshot"
    assert second["meeting"]["version"] == first["meeting"]["version"] + 1
    # Quiet again: nothing to send, and the next change goes out at once.
    m.wait(1.0)
    assert m.wake_at is None
    assert len(coord.of_type("state")) == 2
    mic_off(en1)
    assert m.wake_at is None
    third = coord.of_type("state")[-1]
    assert third["meeting"]["version"] == second["meeting"]["version"] + 1


def test_one_participant_switching_fast_costs_others_10_snapshots_a_second() -> None:
    m = Meeting()
    observers = [m.listener(f"l{i}") for i in range(3)]
    switcher = m.interpreter("fast", "en")
    m.wait(1.0)
    for x in observers:
        x.clear()
    channels = [[FLOOR], ["en"]]
    for step in range(300):  # every 10 ms for 3 s, ticked when the hub asks
        switcher.ok({"type": "listen", "channels": channels[step % 2]})
        m.advance(0.01)
        if m.wake_at is not None and m.wake_at <= m.now:
            m.tick()
    m.wait(STATE_BATCH_S)
    for x in observers:
        states = x.of_type("state")
        assert 29 <= len(states) <= 31, f"{len(states)} snapshots in 3 s"
        assert x.state["listeners"] == 3
        [fast] = [p for p in x.state["participants"] if p["id"] == "fast"]
        assert fast["listening"] == ["en"], "the newest state came last"


def test_listeners_joining_fast_cost_others_a_snapshot_a_second_with_their_counts() -> None:
    m = Meeting()
    coord = m.coordinator("coord")
    en1 = m.interpreter("en1", "en")
    m.wait(1.0)
    m.advance(AUDIENCE_BATCH_S)
    coord.clear()
    for i in range(300):  # 100 listeners a second for 3 s, each choosing English
        m.listener(f"l{i}").ok({"type": "listen", "channels": ["en"]})
        m.advance(0.01)
        if m.wake_at is not None and m.wake_at <= m.now:
            m.tick()
    m.wait(AUDIENCE_BATCH_S)
    states = coord.of_type("state")
    assert 3 <= len(states) <= 5, f"{len(states)} snapshots in 3 s"
    counts = [s["meeting"]["listeners"] for s in states]
    assert counts[0] == 1, "the first join after a quiet spell goes out at once"
    assert counts == sorted(counts) and counts[-1] == 300
    [en] = [c for c in coord.state["channels"] if c["id"] == "en"]
    assert en["listeners"] == 300, "the audience indicator counts per channel"
    # Anything else still goes out at once, carrying the counts waiting for their turn.
    m.advance(0.5)
    coord.clear()
    m.listener("late").ok({"type": "listen", "channels": ["en"]})
    assert coord.of_type("state") == [], "a count alone waits for its second"
    m.advance(0.01)
    mic_on(en1, "en")
    [state] = coord.of_type("state")
    [en] = [c for c in state["meeting"]["channels"] if c["id"] == "en"]
    assert en["on_air"] == "en1" and en["listeners"] == 301


def test_state_is_broadcast_to_every_welcomed_connection_only() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    listener = m.listener("l1")
    stranger = m.connect()
    m.advance(1.0)
    en1.clear()
    listener.clear()
    mic_on(en1, "en")
    for client in (en1, listener):
        [state] = client.of_type("state")
        assert state["meeting"]["channels"][1]["on_air"] == "en1"
    assert stranger.messages == []


def test_state_versions_increase_by_one() -> None:
    m = Meeting()
    coord = m.coordinator("coord")
    en1 = m.interpreter("en1", "en")
    coord.clear()
    for step in range(5):
        m.advance(1.0)
        if step % 2:
            mic_off(en1)
        else:
            mic_on(en1, "en")
    versions = [s["meeting"]["version"] for s in coord.of_type("state")]
    assert len(versions) == 5
    assert versions == list(range(versions[0], versions[0] + 5))


# --- waking for time -------------------------------------------------------------------


def test_the_hub_asks_for_a_tick_by_each_timeout_and_no_more() -> None:
    """An I/O layer that ticks only when asked sees every timeout take effect on time:
    at its deadline or at the latest TICK_AT_MOST_EVERY_S after it."""
    m, _, en1, _, _ = booth_of_two()
    m.wait(1.0)
    assert m.wake_at is None, "nothing waits for time"
    silent = m.connect()
    gone = m.listener("l2")
    gone.disconnect()
    handover(en1, "offer")
    due = {
        "hello": m.now + HELLO_TIMEOUT_S,
        "resume": m.now + RESUME_WINDOW_S,
        "handover": m.now + HANDOVER_TIMEOUT_S,
    }
    happened: dict[str, float] = {}
    wakes = 0
    while m.wake_at is not None:
        assert m.wake_at > m.now
        m.now = m.wake_at
        m.tick()
        wakes += 1
        if silent.closed is not None:
            happened.setdefault("hello", m.now)
        if "l2" not in m.hub.participants:
            happened.setdefault("resume", m.now)
        if m.booth("en")["handover"] is None:
            happened.setdefault("handover", m.now)
    assert silent.closed is not None and silent.closed.code == 4408
    for timeout, deadline in due.items():
        assert deadline <= happened[timeout] <= deadline + TICK_AT_MOST_EVERY_S, timeout
    assert wakes <= 2 * len(due) + 1, "woken only near a deadline (and for the last snapshot)"


# --- abuse -----------------------------------------------------------------------------


def test_over_50_refusals_in_10_s_close_with_1008() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    for _ in range(50):
        en1.refused("{")
        m.advance(0.1)
    assert en1.closed is None
    en1.send_raw("{")
    assert en1.closed is not None and en1.closed.code == 1008
    assert en1.messages[-1]["type"] == "error", "the last refusal is explained"
    assert m.on_air("en") is None, "a closed connection loses its air"
    assert m.participant("en1")["connected"] is False


def test_refusals_spread_over_more_than_10_s_do_not_close() -> None:
    m = Meeting()
    client = m.listener("l1")
    for _ in range(200):  # 4 a second: at most 41 in any 10 s
        client.refused({"type": "mic", "on": True, "channel": "en"})
        m.advance(0.25)
    assert client.closed is None
    assert len(client.errors()) == 200


def test_refusals_before_hello_count_too() -> None:
    m = Meeting()
    client = m.connect()
    for _ in range(51):
        client.send_raw(json.dumps({"type": "listen", "channels": ["en"]}))
    assert client.closed is not None and client.closed.code == 1008


def test_pings_before_hello_count_as_abuse() -> None:
    client = Meeting().connect()
    for _ in range(ABUSE_LIMIT):
        assert client.send({"type": "ping", "t": 1})[-1:] in ([{"type": "pong", "t": 1}], [])
    assert client.closed is None
    client.send({"type": "ping", "t": 1})
    assert client.closed is not None and client.closed.code == 1008


def test_a_ping_flood_is_not_answered_and_counts_as_abuse() -> None:
    m = Meeting()
    listener = m.listener("l1")
    listener.clear()
    for _ in range(PING_BURST + 5):
        listener.send({"type": "ping", "t": 1})
    assert len(listener.of_type("pong")) == PING_BURST, "a burst, then nothing"
    m.advance(1.0)
    for _ in range(int(PING_RATE_PER_S) + 1):
        listener.send({"type": "ping", "t": 2})
    assert len(listener.of_type("pong")) == PING_BURST + PING_RATE_PER_S, "refilled"
    assert listener.closed is None
    for _ in range(ABUSE_LIMIT):
        listener.send({"type": "ping", "t": 3})
    assert listener.closed is not None and listener.closed.code == 1008


def test_pinging_at_a_steady_rate_is_served_for_ever() -> None:
    m = Meeting()
    listener = m.listener("l1")
    listener.clear()
    for _ in range(600):
        m.advance(1 / PING_RATE_PER_S)
        listener.send({"type": "ping", "t": 1})
    assert len(listener.of_type("pong")) == 600 and listener.closed is None


def test_media_before_hello_counts_as_abuse() -> None:
    m = Meeting()
    stranger = m.connect()
    packet = rtp.build(sequence=1, timestamp=0, ssrc=FLOOR_SSRC, payload=b"x")
    for _ in range(ABUSE_LIMIT + 1):
        stranger.send_media(packet)
    assert stranger.closed is not None and stranger.closed.code == 1008
    assert m.hub.dropped["before_hello"] == ABUSE_LIMIT + 1


def test_media_from_a_listener_counts_as_abuse() -> None:
    m = Meeting()
    listener = m.listener("l1")
    for _ in range(ABUSE_LIMIT + 1):
        listener.send_media(listener.packet())
    assert listener.closed is not None and listener.closed.code == 1008
    assert m.hub.dropped["off_air"] == ABUSE_LIMIT + 1


def test_pressing_an_engaged_mic_again_and_again_is_not_abuse() -> None:
    m = Meeting(bi_active_meeting())
    en1 = m.interpreter("en1", "en")
    zh1 = m.interpreter("zh1", "zh")
    mic_on(en1, "en")
    for _ in range(60):
        assert_error(
            zh1.refused({"type": "mic", "on": True, "channel": "en"}), "channel_engaged", "mic"
        )
    assert zh1.closed is None


def test_malformed_media_counts_as_abuse() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    for _ in range(51):
        en1.send_media(b"\x00" * 20)
    assert en1.closed is not None and en1.closed.code == 1008


def test_media_from_someone_who_lost_the_air_is_not_abuse() -> None:
    m, _, en1, en2, _ = booth_of_two()
    handover(en1, "offer")
    handover(en2, "accept")
    for _ in range(200):  # packets in flight, and a slow client still sending
        assert en1.send_media(en1.packet()) == []
    assert en1.closed is None
    assert m.hub.dropped["off_air"] == 200


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "ref"),
    [
        ("{", None),
        ("not json at all", None),
        ("", None),
        ("[]", None),
        ("null", None),
        ('{"no_type": 1}', None),
        ('{"type": 7}', None),
        ('{"type": "dance"}', "dance"),
        ('{"type": "mic"}', "mic"),
        ('{"type": "mic", "on": "yes", "channel": "en"}', "mic"),
        ('{"type": "listen", "channels": "en"}', "listen"),
        ('{"type": "listen", "channels": [1, 2]}', "listen"),
        ('{"type": "listen", "channels": [""]}', "listen"),
        ('{"type": "ping"}', "ping"),
        ('{"type": "ping", "t": "now"}', "ping"),
        ('{"type": "handover", "action": "steal"}', "handover"),
        ('{"type": "chat", "to": "booth"}', "chat"),
        ('{"type": "force_off"}', "force_off"),
        (b"\xff\xfe{", None),
    ],
)
def test_bad_input_is_bad_message(data: str | bytes, ref: str | None) -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    error = en1.refused(data)
    assert_error(error, "bad_message", ref)
    assert en1.closed is None
    assert en1.ok({"type": "ping", "t": 1}) == [{"type": "pong", "t": 1}], "still served"


def test_oversize_control_message() -> None:
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    data = json.dumps({"type": "mic", "on": False, "pad": "x" * 16_400})
    assert len(data.encode()) > 16 * 1024
    assert_error(en1.refused(data), "bad_message", "mic")
    assert m.on_air("en") == "en1", "an oversize message is not acted on"
    unreadable = "{" + "x" * 17_000
    assert_error(en1.refused(unreadable), "bad_message", None)


def test_oversize_is_measured_in_bytes_not_characters() -> None:
    # 16 KiB is a frame size: 9,000 two-byte characters are over it.
    m = Meeting()
    en1 = m.interpreter("en1", "en")
    mic_on(en1, "en")
    data = json.dumps({"type": "mic", "on": False, "pad": "é" * 9_000}, ensure_ascii=False)
    assert len(data) < 16 * 1024 < len(data.encode())
    assert_error(en1.refused(data), "bad_message", "mic")
    assert m.on_air("en") == "en1"


def test_bad_input_does_not_disturb_others() -> None:
    m, _, en1, en2, listener = booth_of_two()
    for data in ("{", '{"type":"dance"}', '{"type":"mic","on":1}'):
        en2.send_raw(data)
    en2.send_media(b"\x80" * 30)
    assert listener.errors() == [] and en1.errors() == []
    assert m.on_air("en") == "en1"
    assert [ch for ch, _ in en1.speak(1)] == ["en"]

"""One rule for participant ids and display names (channels.identity), and the attacks it stops.

Tokens used to accept any ``sub``: a floor speaker with a 200-character id
could not be forced off (``force_off`` allowed 128 characters), ids with
spaces, ``" #"`` or a line break could not be revoked by ``sub``, and a name
holding U+202E showed "…gnp.exe" as "exe.png". Now every id a hub admits can
be named in ``force_off``, ``chat``, ``handover`` and the revocation file, and
the hub refuses every token that breaks the rule, whoever signed it. Over real
WebSockets the attacks are replayed against a running hub.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import jwt
import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels import protocol, revocation
from channels.hub import Hub
from channels.identity import (
    CHAT_GROUPS,
    MAX_ID_CHARS,
    IdentityError,
    check_name,
    check_participant_id,
    clean_text,
    printable,
    unsafe_character,
)
from channels.meeting import simple_meeting
from channels.revocation import RevocationFile
from channels.server import HubServer
from channels.tokens import TokenError, issue, verify
from tests.rig.wsclient import WsClient, on_air, open_room, token

MEETING = simple_meeting(("en", "fr"))
LONGEST_ID = "a.b_c-d@e+f" + "9" * (MAX_ID_CHARS - 11)


def signed(sub: str, role: str = "floor", name: str = "Someone", **claims: Any) -> str:
    """A token made by another issuer that knows the meeting's secret: `issue` is not asked."""
    assert MEETING.secret is not None
    payload = {"sub": sub, "name": name, "role": role, "mtg": MEETING.id}
    payload["exp"] = int(time.time()) + 600
    return jwt.encode({**payload, **claims}, MEETING.secret, algorithm="HS256")


# --- The rule ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["fr-1", "l-17", "anna.smith@example.org", "a+b_c", LONGEST_ID])
def test_ids_that_follow_the_rule(value: str) -> None:
    assert check_participant_id(value) == value


@pytest.mark.parametrize(
    "value", ["", "x" * 65, "fr 1", " fr-1", "fr-1 ", "fr-1 #", "fr-1\n", "fr:1", "émile", "all"]
)
def test_ids_that_break_it(value: str) -> None:
    with pytest.raises(IdentityError):
        check_participant_id(value)


@pytest.mark.parametrize("value", ["Ana María", "FR interpreter (B)", "李雷", "N" * 64])
def test_names_that_follow_the_rule(value: str) -> None:
    assert check_name(value) == value


@pytest.mark.parametrize(
    "value", ["", "  ", "N" * 65, " Ana", "Ana\t", "a\u202egnp.exe", "a\u200fb", "a\u2028b", "\x00"]
)
def test_names_that_break_it(value: str) -> None:
    with pytest.raises(IdentityError):
        check_name(value)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("photo\u202egnp.exe", "photognp.exe"),
        ("line\r\nfake line", "line  fake line"),
        ("\x1b[31mred\x1b[0m", "[31mred[0m"),
        ("\u2067\u05e9\u05dc\u05d5\u05dd\u2069 ok", "\u05e9\u05dc\u05d5\u05dd ok"),
        ("Grüße, 李雷 👋", "Grüße, 李雷 👋"),
    ],
)
def test_clean_text_keeps_what_a_person_wrote_and_nothing_that_reorders_or_breaks_it(
    text: str, clean: str
) -> None:
    assert clean_text(text) == clean


_maybe_ids = st.one_of(
    st.from_regex(r"[A-Za-z0-9._@+-]{1,70}", fullmatch=True),
    st.sampled_from([*sorted(CHAT_GROUPS), LONGEST_ID, "a #", "a\n", " a", "a\u202e"]),
    st.text(max_size=80),
)


@settings(max_examples=300, deadline=None)
@given(_maybe_ids)
def test_every_id_a_hub_admits_can_be_named_wherever_a_participant_is_named(sub: str) -> None:
    try:
        claims = verify(signed(sub, jti=sub), MEETING)
    except TokenError:
        with pytest.raises(ValueError):  # `rsi-hub token` refuses it too
            issue(MEETING, sub=sub, name="X", role="listener")
        return
    assert (claims.sub, claims.jti) == (sub, sub)
    for message in (
        protocol.ForceOff(participant=sub),
        protocol.Chat(to=sub, text="hi"),
        protocol.Handover(action="offer", to=sub),
    ):
        assert protocol.decode(msgspec.json.encode(message)) == message
    revoked = revocation.parse(f"sub {sub}  # removed\njti {sub}\n")
    assert (revoked.participants, revoked.token_ids) == ({sub}, {sub})
    assert revoked.refuses(sub, None) is not None


@pytest.mark.parametrize("target", ["x" * 65, "fr-1 ", "fr\u202e1"])
def test_force_off_and_handover_name_only_ids_a_token_may_carry(target: str) -> None:
    for message in (
        protocol.ForceOff(participant=target),
        protocol.Handover(action="offer", to=target),
    ):
        with pytest.raises(protocol.ProtocolError) as refused:
            protocol.decode(msgspec.json.encode(message))
        assert refused.value.code is protocol.ErrorCode.BAD_MESSAGE


# --- The attacks, against a running hub --------------------------------------------------


@pytest.mark.parametrize(
    ("sub", "name", "expected"),
    [
        ("f" * 200, "Floor", "is 200 characters long; a participant id is 1 to 64 characters"),
        (" fr-1", "Floor", "contains U+0020 (SPACE) at position 1"),
        ("fr-1 ", "Floor", "contains U+0020 (SPACE) at position 5"),
        ("fr-1 #", "Floor", "contains U+0020 (SPACE) at position 5"),
        ("fr-1\n", "Floor", "contains U+000A (a control character) at position 5"),
        ("fr-1", "photo\u202egnp.exe", "contains U+202E (RIGHT-TO-LEFT OVERRIDE) at position 6"),
        ("fr-1", "x" * 200, "is 200 characters long; a name is 1 to 64 characters"),
    ],
)
async def test_a_token_that_breaks_the_rule_is_refused_at_hello_whoever_signed_it(
    sub: str, name: str, expected: str
) -> None:
    async with open_room(MEETING) as room:
        client = await room.open()
        await client.send({"type": "hello", "token": signed(sub, name=name)})
        error = await client.expect("error")
        assert (error["code"], error["ref"]) == ("unauthorized", "hello")
        assert expected in error["message"] and "ask the organiser" in error["message"]
        assert await client.wait_closed() == protocol.CloseCode.TOKEN_REFUSED
        assert not room.hub.participants


async def test_the_longest_id_can_be_written_to_forced_off_and_revoked(tmp_path: Path) -> None:
    revoked = tmp_path / "revoked.txt"
    revoked.write_text("")
    revocations = RevocationFile(revoked)
    revocations.load()
    async with (
        HubServer(Hub(MEETING), port=0, revocations=revocations) as server,
        await WsClient.join(server.url, token(MEETING, LONGEST_ID, "floor")) as floor,
        await WsClient.join(server.url, token(MEETING, "coord", "coordinator")) as coord,
    ):
        await floor.send({"type": "mic", "on": True, "channel": "floor"})
        await coord.expect_state(lambda m: on_air(m, "floor") == LONGEST_ID)

        await coord.send({"type": "chat", "to": LONGEST_ID, "text": "stop please"})
        assert (await floor.expect("chat"))["text"] == "stop please"
        await coord.send({"type": "force_off", "participant": LONGEST_ID})
        assert (await floor.expect("forced_off"))["by"] == "coord"
        await coord.expect_state(lambda m: on_air(m, "floor") is None)

        revoked.write_text(f"sub {LONGEST_ID}\n")
        server.reload_revocations()
        assert "removed from this meeting" in (await floor.expect("error"))["message"]
        assert await floor.wait_closed() == protocol.CloseCode.TOKEN_REFUSED


async def test_a_listener_token_with_the_live_interpreters_id_does_not_take_it_off_air() -> None:
    async with open_room(MEETING) as room:
        interpreter = await room.join("fr-1", "interpreter", "fr", listen=["floor"])
        await room.take_air(interpreter, "fr")
        listener = await room.join("l1", "listener", listen=["fr"])
        room.speak(interpreter, tag=b"fr-1")
        await listener.next_packet()

        intruder = await room.open()
        await intruder.send({"type": "hello", "token": room.token("fr-1", "listener")})
        error = await intruder.expect("error")
        assert (error["code"], error["ref"]) == ("forbidden", "hello")
        assert "'fr-1' is connected as an interpreter" in error["message"]
        assert await intruder.wait_closed() == protocol.CloseCode.CONNECTED_ELSEWHERE

        # The interpreter is still connected and on air: its voice keeps reaching listeners.
        listener.drain_media()
        heard = await listener.packets_until(lambda got: got.packet.payload.startswith(b"fr-1:"))
        assert heard and interpreter.close_code is None
        assert room.hub.on_air("fr-1") == "fr"
        assert room.hub.participants["fr-1"].role == "interpreter"

        # A token of the same role still takes the id over (a reconnecting console).
        again = await room.join("fr-1", "interpreter", "fr")
        assert await interpreter.wait_closed() == protocol.CloseCode.CONNECTED_ELSEWHERE
        assert again.welcome is not None


async def test_chat_from_the_wire_reaches_others_without_direction_overrides() -> None:
    async with open_room(MEETING) as room:
        coord = await room.join("coord", "coordinator")
        fr1 = await room.join("fr-1", "interpreter", "fr")
        await coord.send({"type": "chat", "to": "fr-1", "text": "open photo\u202egnp.exe\nnow"})
        assert (await fr1.expect("chat"))["text"] == "open photognp.exe now"


# --- Text from the wire or a file in a log line ----------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("council-2026", "council-2026"),
        ("Zoë Wang 王", "Zoë Wang 王"),
        ("a\x00b", "a\\x00b"),
        ("\x1b[2J\x1b[31mEVACUATE", "\\x1b[2J\\x1b[31mEVACUATE"),
        ("line\nforged: admitted", "line\\nforged: admitted"),
        ("\x9b31m", "\\x9b31m"),  # C1: CSI on some terminals
        ("report\u202egnp.exe", "report\\u202egnp.exe"),  # shows as report"exe.png"
        ("tab\there\x7f", "tab\\there\\x7f"),
    ],
)
def test_printable_escapes_control_characters_and_nothing_else(text: str, shown: str):
    assert printable(text) == shown
    assert (unsafe_character(text) is None) == (text == shown)


def test_printable_takes_anything_with_a_str():
    """Log lines and error lines carry paths and exceptions as well as strings."""
    assert printable(Path("/tmp/a\x1bb")) == "/tmp/a\\x1bb"
    assert printable(ValueError("bad\nline")) == "bad\\nline"

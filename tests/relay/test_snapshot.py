"""The meeting snapshot as relay relies on it: what parses, and the errors for what does not."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audio.autorelay import AutoInput
from channels.meeting import FLOOR
from channels.protocol import BoothInfo, ChannelInfo
from channels.session import Meeting as SessionMeeting
from relay.snapshot import SnapshotError, meeting_of, parse_meeting, parse_struct
from tests.rig import ROOT
from tests.rig.hubkit import Meeting as HubMeeting
from tests.rig.meetings import bi_active_meeting
from tests.rig.relaykit import wire, wire_meetings

# The example of PROTOCOL.md, "The meeting snapshot", as written there: it abbreviates
# the booths and participants, and the floor channel has only the contract's fields.
CONTRACT_EXAMPLE = """
{"id": "council-2026", "title": "Council 2026", "version": 17,
 "floor_language": "ar",
 "channels": [
   {"id": "floor", "ssrc": 1, "language": null, "on_air": "chair"},
   {"id": "en", "ssrc": 2, "language": "en", "booth": "en", "on_air": "p3",
    "source": "floor"},
   {"id": "fr", "ssrc": 3, "language": "fr", "booth": "fr", "on_air": "p5",
    "source": "en"}],
 "booths": [
   {"id": "fr", "outputs": ["fr"], "languages": ["en", "es"],
    "members": ["p5", "p6"], "live": "p5", "handover": null}],
 "participants": [
   {"id": "p5", "name": "Ana", "role": "interpreter", "booth": "fr",
    "connected": true, "cough": false, "listening": ["en"],
    "quality": {"rtt_ms": 41, "jitter_ms": 6, "loss": 0.0}}],
 "listeners": 212}
"""


def base() -> dict[str, Any]:
    return wire(
        {"en": (("en",), ("fr",)), "fr": (("fr",), ("en",))},
        floor_language="en",
        air={"en": ("en", FLOOR), "fr": ("fr", "en")},
    )


def refused(data: object, *fragments: str) -> str:
    with pytest.raises(SnapshotError) as info:
        parse_meeting(data)
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text, text
    return text


# --- What parses -------------------------------------------------------------------------


def test_the_contract_example_parses_with_defaults_for_what_it_leaves_out() -> None:
    meeting = parse_meeting(json.loads(CONTRACT_EXAMPLE))
    assert meeting.id == "council-2026" and meeting.version == 17
    assert meeting.floor_language == "ar"
    assert [ch.id for ch in meeting.channels] == [FLOOR, "en", "fr"]
    floor = meeting.channel(FLOOR)
    assert floor == ChannelInfo(id=FLOOR, language=None, on_air="chair", ssrc=1)
    fr = meeting.channel("fr")
    assert fr is not None and fr.source == "en" and fr.fallback is None
    assert meeting.booth("fr") == BoothInfo(
        id="fr", outputs=("fr",), languages=("en", "es"), members=("p5", "p6"), live="p5"
    )
    [ana] = meeting.participants
    assert ana.listening == ("en",) and ana.on_air is None
    assert meeting.listeners == 212


def test_a_contract_only_meeting_reaches_relay_through_the_session_model() -> None:
    """A backend that sends only PROTOCOL.md's fields: no per-channel listener counts.

    The client session's lenient model holds what is missing as null; the one
    conversion (parse_struct) that auto-relay, the console and the coordinator's
    window use accepts it, and auto-relay finds the booth's source.
    """
    data = json.loads(CONTRACT_EXAMPLE)
    data["booths"].append(  # the example abbreviates the booths: the en booth, in full
        {"id": "en", "outputs": ["en"], "languages": ["ar"], "members": ["p3"], "live": "p3",
         "handover": None}
    )  # fmt: skip
    session = msgspec.convert(data, SessionMeeting)
    assert all(ch.listeners is None for ch in session.channels)
    meeting = parse_struct(session)
    assert [ch.listeners for ch in meeting.channels] == [None, None, None]
    assert meeting.listeners == 212
    auto = AutoInput()
    auto.turn(True, 1, "fr", session)  # welcomed: auto-relay starts on this snapshot
    decision = auto.decision
    assert decision is not None and decision.auto
    assert decision.source == "en"  # the fr booth understands no Arabic: relay from en
    assert auto.update("fr", session) == decision


def test_the_guide_example_parses() -> None:
    guide = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 7. The meeting snapshot") :]
    example = re.search(r"```json\n(.*?)```", section, re.S)
    assert example is not None, "docs/protocol.md §7 lost its example"
    meeting = parse_meeting(json.loads(example.group(1)))
    es = meeting.channel("es")
    assert es is not None and es.fallback is True and es.carries_floor
    assert meeting.holder_booth("fr") == "fr"
    assert meeting.holder_booth("es") is None, "nobody on air: no holder, whatever `booth` says"


def test_a_real_hub_snapshot_parses_and_agrees_with_the_hub() -> None:
    hub = HubMeeting(bi_active_meeting())
    chair = hub.floor("chair")
    chair.ok({"type": "mic", "on": True, "channel": FLOOR})
    zh = hub.interpreter("zh1", "zh", listen=[FLOOR])
    fr = hub.interpreter("fr1", "fr", listen=["en", FLOOR])
    zh.ok({"type": "mic", "on": True, "channel": "en"})  # the zh booth's B output: retour
    fr.ok({"type": "mic", "on": True, "channel": "fr"})
    hub.wait(0.1)  # past the state batch window: the last change has been sent
    meeting = meeting_of({"type": "state", "meeting": fr.state})
    held = parse_meeting(hub.view())  # numbered as the next snapshot would be
    assert meeting == msgspec.structs.replace(held, version=meeting.version)
    assert meeting.holder_booth("en") == "zh"
    assert meeting.channel("en").source == FLOOR  # type: ignore[union-attr]
    assert meeting.channel("fr").source == "en"  # type: ignore[union-attr]
    assert meeting.channel("zh").carries_floor  # type: ignore[union-attr]
    assert meeting.understood_by("zh") == {"en", "zh"}
    assert meeting.understood_by("en") == {"en", "fr", "zh"}, "outputs count as understood"
    assert meeting.understood_by("nobody") == frozenset()
    welcome = meeting_of(chair.welcome)
    assert welcome.version < meeting.version


def test_holder_booth_falls_back_to_the_participant_on_air() -> None:
    data = base()
    del data["channels"][1]["booth"]
    meeting = parse_meeting(data)
    assert meeting.holder_booth("en") == "en", "from participant en-1"
    data["participants"] = [p for p in data["participants"] if p["id"] != "en-1"]
    assert parse_meeting(data).holder_booth("en") is None
    assert parse_meeting(data).holder_booth("nowhere") is None


def test_unknown_fields_are_ignored() -> None:
    data = base()
    data["future"] = {"x": 1}
    data["channels"][1]["colour"] = "red"
    assert parse_meeting(data) == parse_meeting(base())


# --- What is refused, and how it is said ------------------------------------------------


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda d: d.pop("channels"), ("missing required field `channels`",)),
        (lambda d: d.update(version="17"), ("Expected `int`, got `str`", "$.version")),
        (lambda d: d.update(version=True), ("Expected `int`, got `bool`",)),
        (lambda d: d["channels"][1].update(on_air=7), ("$.channels[1].on_air",)),
        (lambda d: d["channels"][2].update(id=""), ("$.channels[2].id",)),
        (lambda d: d["booths"][0].update(outputs="en"), ("$.booths[0].outputs",)),
        (lambda d: d["booths"][0].update(languages="en"), ("$.booths[0].languages",)),
        (lambda d: d["participants"][0].pop("role"), ("`role`",)),
        (lambda d: d["participants"][1].update(listening=[1]), ("$.participants[1].listening",)),
        (lambda d: d.update(floor_language=["en"]), ("$.floor_language",)),
    ],
)
def test_type_errors_name_the_field(change: Any, fragments: tuple[str, ...]) -> None:
    data = base()
    change(data)
    refused(data, "not a meeting snapshot", *fragments)


def test_rule_errors_name_the_field_and_the_fault() -> None:
    data = base()
    data["channels"].append(dict(data["channels"][1]))
    refused(data, "$.channels", "'en' appears more than once")

    data = base()
    data["booths"].append(dict(data["booths"][0]))
    refused(data, "$.booths", "'en' appears more than once")

    data = base()
    data["participants"].append(dict(data["participants"][0]))
    refused(data, "$.participants", "'chair' appears more than once")

    data = base()
    data["channels"] = data["channels"][1:]
    refused(data, "no 'floor' channel")

    data = base()
    data["channels"][2]["source"] = "de"
    refused(data, "$.channels[2].source", "no channel 'de'")

    data = base()
    data["channels"][2].update(on_air=None, fallback=True)
    refused(data, "$.channels[2].source", "'en' while nobody is on air on 'fr'")

    data = base()
    data["channels"][1]["fallback"] = True
    refused(data, "$.channels[1].fallback", "True although 'en' is on air ('en-1')")

    data = base()
    data["channels"][2].update(on_air=None, source=None, fallback=False)
    refused(data, "$.channels[2].fallback", "False although 'fr' is off air")

    data = base()
    data["booths"][1]["outputs"] = ["fr", "de"]
    refused(data, "$.booths[1].outputs", "no channel 'de'")

    data = base()
    data["booths"][1]["outputs"] = [FLOOR]
    refused(data, "$.booths[1].outputs", "never outputs the floor")


def test_not_an_object_at_all() -> None:
    refused([1, 2], "Expected `object`, got `array`")
    refused(None, "Expected `object`, got `null`")


def test_meeting_of_takes_only_welcome_and_state() -> None:
    assert meeting_of({"type": "welcome", "meeting": base()}) == parse_meeting(base())
    for message, fragment in (
        ([], "a message is a JSON object, not list"),
        ({"type": "chat", "meeting": base()}, "not 'chat'"),
        ({"type": "state"}, "state without a meeting"),
        ({"type": "state", "meeting": 5}, "Expected `object`, got `int`"),
    ):
        with pytest.raises(SnapshotError, match=re.escape(fragment)):
            meeting_of(message)


# --- Properties --------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(data=wire_meetings())
def test_every_snapshot_the_hub_could_send_parses(data: dict[str, Any]) -> None:
    meeting = parse_meeting(data)
    assert [ch.id for ch in meeting.channels] == [ch["id"] for ch in data["channels"]]
    for ch in meeting.channels:
        if not ch.is_floor:
            assert ch.carries_floor == ch.fallback


@settings(max_examples=200, deadline=None)
@given(data=wire_meetings(), path=st.lists(st.integers(0, 50), min_size=1, max_size=4), junk=JSON)
def test_any_corruption_is_parsed_or_refused_with_a_snapshot_error(
    data: dict[str, Any], path: list[int], junk: object
) -> None:
    """Replace one node anywhere in a valid snapshot with junk: never any other exception."""
    broken = copy.deepcopy(data)
    node: Any = broken
    for step in path[:-1]:
        children = list(node.values() if isinstance(node, dict) else node)
        containers = [c for c in children if isinstance(c, dict | list) and c]
        if not containers:
            break
        node = containers[step % len(containers)]
    if isinstance(node, dict):
        keys = sorted(node)
        node[keys[path[-1] % len(keys)]] = junk
    else:
        node[path[-1] % len(node)] = junk
    try:
        parse_meeting(broken)
    except SnapshotError as exc:
        assert str(exc)


@settings(max_examples=100, deadline=None)
@given(junk=JSON)
def test_arbitrary_json_is_refused_cleanly(junk: object) -> None:
    with pytest.raises(SnapshotError):
        parse_meeting(junk)

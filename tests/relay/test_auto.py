"""Auto-relay as a state machine: follows the best source, says why, yields to the interpreter."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.meeting import FLOOR
from channels.meeting_file import load
from programs.hub import DEMO_MEETING
from relay.auto import AutoRelay, Decision, Left, LeftBecause, describe
from relay.graph import Quality
from relay.snapshot import Meeting, meeting_of, parse_meeting
from relay.source import ReasonKind, RelayError, best_source
from tests.rig.hubkit import Client
from tests.rig.hubkit import Meeting as HubMeeting
from tests.rig.relaykit import graph_of, later, wire, wire_meetings

UN = {
    "en": (("en",), ("fr", "es", "ru", "ar")),
    "fr": (("fr",), ("en", "es", "ru")),
    "es": (("es",), ("en", "fr", "ar")),
    "ar": (("ar",), ("en", "fr")),
    "zh": (("zh", "en"), ("en", "zh")),
    "ru": (("ru",), ("en", "fr")),
}
"""The demo meeting's booths (outputs, languages), but the es booth knows Arabic here."""


def un(floor_language: str | None, version: int = 1, **air: tuple[str, str | None]) -> Meeting:
    """The meeting with ``air`` as booth -> (channel, source)."""
    return parse_meeting(
        wire(
            UN,
            floor_language=floor_language,
            air={channel: (booth, source) for booth, (channel, source) in air.items()},
            version=version,
        )
    )


def test_it_starts_on_the_best_source() -> None:
    relay = AutoRelay("fr", un("en", en=("en", FLOOR)))
    assert relay.decision.source == FLOOR and relay.decision.auto
    assert relay.decision.left is None
    assert describe(relay.decision) == "floor: English → the floor"
    manual = AutoRelay("fr", un("ar", en=("en", FLOOR)), auto=False)
    assert manual.decision.source == FLOOR and not manual.decision.auto
    assert describe(manual.decision) == "manual: the floor"


def test_the_floor_switches_language_and_back() -> None:
    relay = AutoRelay("fr", un("en", en=("en", FLOOR), fr=("fr", FLOOR)))
    decision = relay.update(un("ar", en=("en", FLOOR), fr=("fr", FLOOR)))
    assert decision.source == "en"
    assert decision.left == Left(LeftBecause.FLOOR_LANGUAGE, FLOOR, None, None, "en")
    assert describe(decision) == (
        "the floor switched from English; floor: Arabic → relay from the English booth"
    )
    decision = relay.update(un("en", en=("en", FLOOR), fr=("fr", "en")))
    assert decision.source == FLOOR
    assert decision.left is not None and decision.left.cause is LeftBecause.FLOOR_LANGUAGE
    assert describe(decision) == "the floor switched from Arabic; floor: English → the floor"
    unset = AutoRelay("fr", un(None)).update(un("ar", en=("en", FLOOR)))
    assert describe(unset).startswith("the floor language is now set; floor: Arabic")


def test_the_source_goes_off_air_mid_sentence() -> None:
    """Floor Arabic: fr relays from en; en goes off air; es works from the floor too."""
    both = {"en": ("en", FLOOR), "es": ("es", FLOOR), "fr": ("fr", "en")}
    relay = AutoRelay("fr", un("ar", **both))
    assert relay.decision.source == "en", "fr lists en before es"
    decision = relay.update(un("ar", es=("es", FLOOR), fr=("fr", "en")))
    assert decision.source == "es"
    assert decision.left == Left(LeftBecause.OFF_AIR, "en", "en", "en", "ar")
    assert describe(decision) == (
        "the English booth went off air; floor: Arabic → relay from the Spanish booth"
    )
    decision = relay.update(un("ar", fr=("fr", "es")))
    assert decision.source == FLOOR
    assert decision.reason.kind is ReasonKind.NO_RELAY
    assert describe(decision).startswith(
        "the Spanish booth went off air; floor: Arabic → the floor"
    )
    decision = relay.update(un("ar", en=("en", FLOOR), fr=("fr", FLOOR)))
    assert decision.source == "en"
    assert describe(decision) == (
        "a relay came on air; floor: Arabic → relay from the English booth"
    )


def test_an_equal_newcomer_does_not_move_the_input() -> None:
    relay = AutoRelay("fr", un("ar", es=("es", FLOOR), fr=("fr", "es")))
    assert relay.decision.source == "es"
    decision = relay.update(un("ar", en=("en", FLOOR), es=("es", FLOOR), fr=("fr", "es")))
    assert decision.source == "es" and decision.left is None


def test_the_why_stays_while_the_source_stays() -> None:
    relay = AutoRelay("ru", un("en", en=("en", FLOOR)))
    moved = relay.update(un("ar", en=("en", FLOOR)))
    assert moved.source == "en" and moved.left is not None
    assert relay.update(un("ar", en=("en", FLOOR), ru=("ru", "en"), version=3)) == moved
    spanish = relay.update(un("es", en=("en", FLOOR), ru=("ru", "en"), version=4))
    assert spanish.source == "en" and spanish.left is None, "another floor: that why is over"
    assert describe(spanish) == "floor: Spanish → relay from the English booth"
    assert relay.choose("en").left is None
    assert relay.set_auto(True).left is None


def test_a_shorter_chain_wins_and_says_so() -> None:
    """ru knows en and fr. en relays es; fr, on the floor, does not know Arabic."""
    relay = AutoRelay("ru", un("ar", en=("en", "es"), es=("es", FLOOR)))
    assert relay.decision.source == "en"
    assert relay.decision.reason.kind is ReasonKind.RELAY_OF_RELAY
    decision = relay.update(un("ar", en=("en", "es"), es=("es", FLOOR), fr=("fr", FLOOR)))
    assert decision.source == "en", "fr does not know Arabic: no pivot"
    decision = relay.update(un("ar", en=("en", FLOOR), es=("es", FLOOR)))
    assert decision.source == "en" and decision.left is None
    assert decision.reason.kind is ReasonKind.PIVOT, "same source, better reason"
    decision = relay.update(un("ar", en=("en", "es"), es=("es", FLOOR), fr=("fr", "es")))
    assert decision.source == "en", "equal: stays"


def test_the_source_starts_taking_relay_itself() -> None:
    relay = AutoRelay("fr", un("ar", es=("es", FLOOR), en=("en", FLOOR)))
    relay.choose("es")
    relay.set_auto(True)
    assert relay.decision.source == "es"
    decision = relay.update(un("ar", es=("es", "en"), en=("en", FLOOR)))
    assert decision.source == "en"
    assert decision.left is not None and decision.left.cause is LeftBecause.SOURCE_RELAYS
    assert describe(decision).startswith("the Spanish booth now takes relay itself;")


def test_the_source_turns_to_us_a_loop_is_left() -> None:
    """fr relays from en; en switches to relay from fr: fr must leave en, for es."""
    relay = AutoRelay("fr", un("ar", en=("en", FLOOR), es=("es", FLOOR), fr=("fr", "en")))
    decision = relay.update(un("ar", en=("en", "fr"), es=("es", FLOOR), fr=("fr", "en")))
    assert decision.source == "es"
    assert decision.left is not None and decision.left.cause is LeftBecause.LOOP
    assert describe(decision).startswith("the English booth now takes relay from you;")


def test_the_source_loses_its_own_source() -> None:
    relay = AutoRelay("ru", un("ar", en=("en", FLOOR), fr=("fr", FLOOR), ru=("ru", "en")))
    assert relay.decision.source == "en"
    decision = relay.update(un("ar", en=("en", None), fr=("fr", "es"), es=("es", FLOOR)))
    assert decision.source == "fr"
    assert decision.left is not None and decision.left.cause is LeftBecause.SOURCE_LOST
    assert describe(decision) == (
        "the English booth lost its own source; floor: Arabic → relay of relay from the "
        "French booth (2 steps)"
    )


def test_a_manual_choice_wins_until_auto_is_back_on() -> None:
    relay = AutoRelay("fr", un("ar", en=("en", FLOOR), es=("es", FLOOR)))
    decision = relay.choose("es")
    assert decision == Decision("es", False, decision.reason)
    assert describe(decision) == "manual: relay from the Spanish booth (+)"
    for meeting in (
        un("en", en=("en", FLOOR), es=("es", FLOOR)),  # floor understood: still es
        un("ar", en=("en", FLOOR), es=("es", "en")),  # es now a relay of relay: still es
        un("ar", en=("en", FLOOR), es=("es", "fr"), fr=("fr", "es")),  # a loop: still es
    ):
        decision = relay.update(meeting)
        assert decision.source == "es" and not decision.auto and decision.left is None
    assert decision.reason.quality is Quality.NONE
    decision = relay.set_auto(True)
    assert decision.source == "en" and decision.auto
    assert relay.set_auto(False) == Decision("en", False, relay.decision.reason)
    assert relay.update(un("ar", en=("en", FLOOR))).source == "en"


def test_auto_comes_back_when_the_manual_source_goes_off_air() -> None:
    relay = AutoRelay("fr", un("ar", en=("en", FLOOR), es=("es", FLOOR)))
    relay.choose("es")
    decision = relay.update(un("ar", en=("en", FLOOR)))
    assert decision.auto and decision.auto_resumed
    assert decision.source == "en"
    assert decision.left == Left(LeftBecause.OFF_AIR, "es", "es", "es", "ar")
    assert describe(decision) == (
        "auto-relay back on; the Spanish booth went off air; floor: Arabic → relay from the "
        "English booth"
    )
    assert relay.update(un("ar", en=("en", FLOOR), version=2)) == decision, "and keeps saying so"


def test_a_manual_source_that_still_gives_a_known_language_is_kept() -> None:
    """Floor English: fr chose relay from es anyway; es goes off air: es carries English."""
    relay = AutoRelay("fr", un("en", es=("es", FLOOR)))
    relay.choose("es")
    decision = relay.update(un("en"))
    assert decision.source == "es" and not decision.auto
    assert describe(decision) == "manual: the Spanish channel, which carries the floor"


def test_a_manual_choice_of_a_channel_never_on_air_is_kept() -> None:
    relay = AutoRelay("fr", un("ar", en=("en", FLOOR)))
    relay.choose("es")  # in floor fallback: the interpreter wants the floor through es
    assert relay.update(un("ar", en=("en", FLOOR))).source == "es"
    relay.choose(FLOOR)
    assert relay.update(un("ar", en=("en", FLOOR))).source == FLOOR


def test_a_manual_channel_that_leaves_the_meeting_hands_back_to_auto() -> None:
    relay = AutoRelay("fr", parse_meeting(wire(UN, floor_language="ar", air={"es": ("es", FLOOR)})))
    relay.choose("es")
    smaller = {b: v for b, v in UN.items() if b != "es"}
    decision = relay.update(parse_meeting(wire(smaller, floor_language="ar")))
    assert decision.auto_resumed and decision.source == FLOOR
    assert decision.left is not None and decision.left.cause is LeftBecause.OFF_AIR


def test_bad_input_is_refused_and_changes_nothing() -> None:
    with pytest.raises(RelayError, match="no booth 'de' in meeting 'relay-test'"):
        AutoRelay("de", un("en"))
    relay = AutoRelay("fr", un("ar", en=("en", FLOOR)))
    before = relay.decision
    with pytest.raises(RelayError, match="no channel 'de' in the meeting"):
        relay.choose("de")
    without_fr = parse_meeting(wire({"en": UN["en"]}, floor_language="ar"))
    with pytest.raises(RelayError, match="no booth 'fr'"):
        relay.update(without_fr)
    assert relay.decision == before
    assert relay.graph.meeting.booth("fr") is not None


# --- With a real hub ---------------------------------------------------------------------


class Console:
    """One interpreter with auto-relay: what the console will do, minus the window."""

    def __init__(self, hub: HubMeeting, booth: str) -> None:
        self.client: Client = hub.interpreter(f"{booth}-1", booth)
        self.relay = AutoRelay(booth, meeting_of(self.client.welcome))
        self.listening: str | None = None
        self.follow()

    def follow(self) -> bool:
        """Apply the latest snapshot; send `listen` if the source moved. True if it did."""
        decision = self.relay.update(meeting_of({"type": "state", "meeting": self.client.state}))
        if decision.source == self.listening:
            return False
        self.client.ok({"type": "listen", "channels": [decision.source]})
        self.listening = decision.source
        return True


def settle(hub: HubMeeting, consoles: dict[str, Console]) -> int:
    """Let every console follow the snapshots until nobody moves; returns the rounds taken."""
    for rounds in range(1, 6):
        hub.wait(0.1)  # past the state batch: every client has the latest snapshot
        moved = [c.follow() for c in consoles.values()]
        if not any(moved):
            return rounds
    raise AssertionError("auto-relay did not settle in 5 rounds")


def test_the_demo_meeting_on_a_real_hub() -> None:
    """The chair switches from English to Arabic, then to Chinese; the retour goes off air."""
    hub = HubMeeting(load(DEMO_MEETING))
    chair = hub.floor("chair")
    chair.ok({"type": "mic", "on": True, "channel": FLOOR})
    coordinator = hub.coordinator("coord")
    consoles = {b: Console(hub, b) for b in ("en", "fr", "es", "ar", "zh", "ru")}
    for booth, console in consoles.items():
        console.client.ok({"type": "mic", "on": True, "channel": booth})
    settle(hub, consoles)
    assert {b: c.listening for b, c in consoles.items()} == dict.fromkeys(consoles, FLOOR)

    coordinator.ok({"type": "floor_language", "language": "ar"})
    assert settle(hub, consoles) == 2, "one round to move, one to see that nobody moves"
    view = graph_of(hub.view())
    sources = {b: view.booth_source(b) for b in consoles}
    assert sources == {"en": FLOOR, "fr": "en", "es": "en", "ar": FLOOR, "zh": "en", "ru": "en"}
    assert view.loops == ()
    assert view.booth_quality("fr") is Quality.PIVOT
    assert describe(consoles["es"].relay.decision) == (
        "the floor switched from English; floor: Arabic → relay from the English booth"
    )

    # Chinese: the en booth leaves English to the zh booth's retour.
    coordinator.ok({"type": "floor_language", "language": "zh"})
    consoles["en"].client.ok({"type": "mic", "on": False})
    consoles["zh"].client.ok({"type": "mic", "on": True, "channel": "en"})
    settle(hub, consoles)
    view = graph_of(hub.view())
    assert view.booth_source("zh") == FLOOR
    for booth in ("fr", "es", "ar", "ru"):
        assert view.booth_source(booth) == "en", booth
        assert view.booth_quality(booth) is Quality.PIVOT
    # For one round fr heard nothing useful: zh took en while still listening to en
    # (a loop of one), so fr went to the floor, and came back once zh was on the floor.
    assert describe(consoles["fr"].relay.decision) == (
        "a relay came on air; floor: Chinese → relay from the Chinese booth into English"
    )

    # The retour goes off air mid-sentence: nobody else understands Chinese.
    consoles["zh"].client.ok({"type": "mic", "on": False})
    settle(hub, consoles)
    decision = consoles["fr"].relay.decision
    assert decision.source == FLOOR and decision.reason.kind is ReasonKind.NO_RELAY
    assert describe(decision) == (
        "the Chinese booth into English went off air; floor: Chinese → the floor: no booth "
        "is on air into English, Spanish, Russian or French"
    )

    # The French interpreter picks Spanish by hand; the floor goes back to English.
    consoles["fr"].relay.choose("es")
    coordinator.ok({"type": "floor_language", "language": "en"})
    settle(hub, consoles)
    assert consoles["fr"].listening == "es", "a manual choice wins"
    assert hub.channel("fr")["source"] == "es"
    assert all(c.listening == FLOOR for b, c in consoles.items() if b != "fr")
    assert describe(consoles["zh"].relay.decision) == "floor: English → the floor"


# --- Properties --------------------------------------------------------------------------

Event = tuple[str, Any]


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, Any], str, list[Event]]:
    """A meeting, one of its booths, and what happens next: snapshots, choices, the switch."""
    first = draw(wire_meetings(sound_bias=True).filter(lambda d: d["booths"]))
    booth = draw(st.sampled_from([b["id"] for b in first["booths"]]))
    channels = [ch["id"] for ch in first["channels"]]
    events: list[Event] = []
    data = first
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["snapshot", "snapshot", "choose", "auto"]))
        if kind == "snapshot":
            data = draw(later(data))
            events.append((kind, data))
        elif kind == "choose":
            events.append((kind, draw(st.sampled_from(channels))))
        else:
            events.append((kind, draw(st.booleans())))
    return first, booth, events


@settings(max_examples=150, deadline=None)
@given(history=histories())
def test_the_machine_keeps_its_promises(history: tuple[dict[str, Any], str, list[Event]]) -> None:
    first, booth, events = history
    relay = AutoRelay(booth, parse_meeting(first))
    manual: str | None = None
    for kind, value in events:
        before = relay.decision
        if kind == "choose":
            decision = relay.choose(value)
            manual = value
            assert decision.source == value and not decision.auto
        elif kind == "auto":
            decision = relay.set_auto(value)
            manual = None if value else before.source
            assert decision.auto is value
            if not value:
                assert decision.source == before.source
        else:
            meeting = parse_meeting(value)
            decision = relay.update(meeting)
            graph = relay.graph
            if manual is not None and decision.auto:
                assert decision.auto_resumed
                assert decision.left is not None and decision.left.cause is LeftBecause.OFF_AIR
                gone = meeting.channel(manual)
                assert gone is None or gone.on_air is None
                assert meeting.floor_language not in meeting.understood_by(booth)
                manual = None
            elif manual is not None:
                assert decision.source == manual, "a manual choice wins"
                assert decision.left is None and not decision.auto_resumed
            else:
                expected = best_source(graph, booth, current=before.source)
                assert decision.source == expected.source and decision.reason == expected.reason
                same = (decision.reason.kind, decision.reason.floor_language) == (
                    before.reason.kind,
                    before.reason.floor_language,
                )
                if decision.source == before.source and same:
                    assert decision.left == before.left, "the why stays while the source stays"
                    assert decision.auto_resumed == before.auto_resumed
                elif decision.source == before.source:
                    assert decision.left is None and not decision.auto_resumed
                else:
                    assert decision.left is not None and not decision.auto_resumed
            if decision.auto and decision.source != FLOOR:
                assert graph.chain(decision.source).sound
        assert decision == relay.decision
        assert describe(decision)

"""The best source for a booth: floor, pivot, shortest chain; never a loop; why, in words."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.meeting import FLOOR
from relay.graph import ChainEnd, Quality, relay_graph
from relay.snapshot import parse_meeting
from relay.source import (
    Choice,
    Reason,
    ReasonKind,
    RelayError,
    best_source,
    describe_reason,
    explain,
    own_channels,
    relay_candidates,
)
from tests.rig.relaykit import air_of, graph_of, rewire, wire, wire_meetings

UN = {
    "en": (("en",), ("fr", "es", "ru", "ar")),
    "fr": (("fr",), ("en", "es", "ru")),
    "es": (("es",), ("en", "fr")),
    "ar": (("ar",), ("en", "fr")),
    "zh": (("zh", "en"), ("en", "zh")),
    "ru": (("ru",), ("en", "fr")),
}
"""The demo meeting's booths: outputs, languages understood."""
EVERYONE_ON_THE_FLOOR = {b: (outputs[0], FLOOR) for b, (outputs, _) in UN.items()}


def un(floor_language: str | None, **air: tuple[str, str | None]) -> dict[str, Any]:
    """The demo meeting with ``air`` as booth -> (channel, source)."""
    return wire(
        UN,
        floor_language=floor_language,
        air={channel: (booth, source) for booth, (channel, source) in air.items()},
    )


def best(data: dict[str, Any], booth: str, current: str | None = None) -> Choice:
    return best_source(graph_of(data), booth, current=current)


# --- The rule ------------------------------------------------------------------------------


def test_a_booth_that_understands_the_floor_takes_the_floor() -> None:
    data = un("en", **EVERYONE_ON_THE_FLOOR)
    for booth in UN:
        choice = best(data, booth)
        assert choice.source == FLOOR, booth
        assert choice.reason.kind is ReasonKind.FLOOR_UNDERSTOOD
        assert choice.chain.channels == (FLOOR,)
    assert describe_reason(best(data, "fr").reason) == "floor: English → the floor"


def test_the_chair_switches_to_arabic() -> None:
    """Right after the switch every booth is still on the floor; en knows Arabic.

    The booths that do not know Arabic go to relay from en, the pivot, at once: fr,
    es, zh and ru are still "on the floor" too, but interpreting from a language they
    do not know makes nobody a pivot.
    """
    data = un("ar", **EVERYONE_ON_THE_FLOOR)
    g = graph_of(data)
    choices = {booth: best_source(g, booth, current=FLOOR) for booth in UN}
    assert {b: c.source for b, c in choices.items()} == {
        "en": FLOOR,
        "fr": "en",
        "es": "en",
        "ar": FLOOR,
        "zh": "en",
        "ru": "en",
    }
    fr = choices["fr"].reason
    assert fr == Reason(ReasonKind.PIVOT, "en", "ar", "en", "en", 1, Quality.PIVOT)
    assert describe_reason(fr) == "floor: Arabic → relay from the English booth"
    # One step later, with everybody where auto-relay sent them: nothing moves, no loop.
    moved = rewire(
        data, {out: (b, choices[b].source) for b, (out, _) in EVERYONE_ON_THE_FLOOR.items()}
    )
    g = graph_of(moved)
    assert g.loops == ()
    assert all(best_source(g, b, current=choices[b].source) == choices[b] for b in UN)
    assert g.booth_quality("fr") is Quality.PIVOT


def test_a_retour_is_a_pivot_too() -> None:
    """Floor Chinese: the bi-active zh booth works into English, its B output."""
    data = un("zh", zh=("en", FLOOR), fr=("fr", FLOOR), ar=("ar", FLOOR))
    choice = best(data, "fr")
    assert choice.source == "en" and choice.reason.booth == "zh"
    assert (
        describe_reason(choice.reason)
        == "floor: Chinese → relay from the Chinese booth into English"
    )
    assert best(data, "zh").source == FLOOR


def test_relay_of_relay_when_no_pivot_is_on_air() -> None:
    """Floor Arabic, en from the floor; es (en, fr) from en; a booth knowing only es."""
    booths = {**UN, "pt": (("pt",), ("es",))}
    data = wire(
        booths,
        floor_language="ar",
        air={"en": ("en", FLOOR), "es": ("es", "en")},
    )
    choice = best_source(graph_of(data), "pt")
    assert choice.source == "es"
    assert choice.reason.kind is ReasonKind.RELAY_OF_RELAY
    assert choice.reason.quality is Quality.RELAY_OF_RELAY and choice.reason.steps == 2
    assert describe_reason(choice.reason) == (
        "floor: Arabic → relay of relay from the Spanish booth (2 steps)"
    )
    assert choice.chain.channels == ("es", "en", FLOOR)


def test_a_channel_in_floor_fallback_is_never_a_relay() -> None:
    """It carries the floor, which the booth does not understand: the floor, with a reason."""
    data = un("ar", fr=("fr", FLOOR))
    choice = best(data, "fr")
    assert choice.source == FLOOR
    assert choice.reason.kind is ReasonKind.NO_RELAY
    assert choice.reason.languages == ("en", "es", "ru", "fr"), "its list first, then outputs"
    assert describe_reason(choice.reason) == (
        "floor: Arabic → the floor: no booth is on air into English, Spanish, Russian or French"
    )
    assert relay_candidates(graph_of(data), "fr") == ()


def test_an_unknown_floor_language_keeps_everyone_on_the_floor() -> None:
    choice = best(un(None, en=("en", FLOOR)), "fr")
    assert choice.source == FLOOR and choice.reason.kind is ReasonKind.FLOOR_LANGUAGE_UNSET
    assert describe_reason(choice.reason) == "floor language not set → the floor"


def test_never_a_source_that_relays_from_us() -> None:
    """fr (en, es, ru) works from en; es relays from fr. Then en goes off air.

    The chain of es still ends at the floor (es → fr → en in fallback → floor),
    but through fr: taking it would close a loop. And fr's link is unsound anyway.
    """
    data = un("ar", en=("en", FLOOR), fr=("fr", "en"), es=("es", "fr"))
    g = graph_of(data)
    assert relay_candidates(g, "fr", current="en") == ("en",)
    assert "es" not in relay_candidates(g, "fr"), "es relays from fr"
    assert own_channels(g, "fr") == {"fr"}
    off = rewire(data, {k: v for k, v in air_of(data).items() if k != "en"})
    assert best(off, "fr", current="en").source == FLOOR


def test_not_through_an_idle_output_of_the_booth() -> None:
    """zh may take the air on en (its B) at any moment: a relay through en is no relay for it.

    fr relays from en in fallback (the floor, Spanish, which fr knows); ru works from the
    floor. zh lists fr before ru, yet takes ru: if zh took en with fr as its source,
    fr and en would relay each other.
    """
    booths = {
        "zh": (("zh", "en"), ("en", "fr", "ru")),
        "fr": (("fr",), ("es", "zh")),
        "ru": (("ru",), ("es",)),
    }
    data = wire(booths, floor_language="es", air={"fr": ("fr", "en"), "ru": ("ru", FLOOR)})
    g = graph_of(data)
    assert own_channels(g, "zh") == {"zh", "en"}
    assert relay_candidates(g, "zh") == ("ru",)
    air = {"zh": ("zh", "ru"), "fr": ("fr", "en"), "ru": ("ru", FLOOR)}
    live = wire(booths, floor_language="es", air=air)
    assert own_channels(graph_of(live), "zh") == {"zh", "en"}, "live on A, B still idle"
    assert best(live, "zh", current="ru").source == "ru"


def test_two_booths_moving_at_once_never_pick_each_other() -> None:
    """A chain that runs back through an idle output of a booth on it is nobody's relay.

    Floor Spanish. P (fr, it) works into fr from en; en takes the floor through "it",
    P's idle B output (a manual choice). P must leave en (an A/B switch would close a
    loop) and only has de, four steps away. de itself is on ru, three steps away; P's
    fr, two steps away, would tempt it: if both moved, fr and de would relay each other.
    """
    booths = {
        "P": (("fr", "it"), ("en", "de")),
        "en": (("en",), ("es",)),
        "de": (("de",), ("fr", "ru")),
        "ru": (("ru",), ("pt",)),
        "pt": (("pt",), ("nl",)),
        "nl": (("nl",), ("es",)),
    }
    air = {
        "fr": ("P", "en"),
        "en": ("en", "it"),
        "de": ("de", "ru"),
        "ru": ("ru", "pt"),
        "pt": ("pt", "nl"),
        "nl": ("nl", FLOOR),
    }
    data = wire(booths, floor_language="es", air=air)
    g = graph_of(data)
    assert g.chain("fr").channels == ("fr", "en", "it", FLOOR)
    assert not g.chain("fr").sound
    choices = choices_of(data)
    assert choices["P"].source == "de"
    assert choices["de"].source == "ru"
    moved = rewire(data, {ch: (b, choices[b].source) for ch, (b, _) in air.items()})
    assert graph_of(moved).loops == ()


# --- Ties ----------------------------------------------------------------------------------


def test_ties_keep_the_current_source_then_follow_the_booths_languages() -> None:
    """Floor Arabic: en and es both interpret from it (es here knows Arabic); fr lists en first."""
    booths = {**UN, "es": (("es",), ("ar", "en"))}
    data = wire(booths, floor_language="ar", air={"en": ("en", FLOOR), "es": ("es", FLOOR)})
    g = graph_of(data)
    assert relay_candidates(g, "fr") == ("en", "es")
    assert best_source(g, "fr").source == "en", "fr lists en before es"
    assert best_source(g, "fr", current="es").source == "es", "an equal newcomer never wins"
    assert relay_candidates(g, "fr", current="es") == ("es", "en")
    assert best_source(g, "fr", current="nowhere").source == "en"


def test_fewer_steps_beat_the_current_source() -> None:
    booths = {**UN, "pt": (("pt",), ("es", "en"))}
    data = wire(booths, floor_language="ar", air={"en": ("en", FLOOR), "es": ("es", "en")})
    assert best_source(graph_of(data), "pt", current="es").source == "en"


def test_an_a_output_beats_a_retour() -> None:
    """Floor Chinese: zh works into English (B), fr from the floor (it knows Chinese here)."""
    booths = {**UN, "fr": (("fr",), ("zh", "en")), "ar": (("ar",), ("en", "fr"))}
    data = wire(booths, floor_language="zh", air={"en": ("zh", FLOOR), "fr": ("fr", FLOOR)})
    g = graph_of(data)
    assert relay_candidates(g, "ar") == ("fr", "en"), "ar lists en first, but en is a retour"
    assert best_source(g, "ar", current="en").source == "en", "the current source still wins"


def test_then_the_channel_id() -> None:
    booths = {
        "a1": (("en-1",), ("ar",)),
        "a2": (("en-2",), ("ar",)),
        "fr": (("fr",), ("en",)),
    }
    channels = {"en-2": "en", "en-1": "en", "fr": "fr"}
    data = wire(
        booths,
        floor_language="ar",
        air={"en-2": ("a2", FLOOR), "en-1": ("a1", FLOOR)},
        channels=channels,
    )
    assert relay_candidates(graph_of(data), "fr") == ("en-1", "en-2")


# --- Errors and wording --------------------------------------------------------------------


def test_unknown_booth_or_channel() -> None:
    g = graph_of(un("en"))
    with pytest.raises(RelayError, match="no booth 'de' in the meeting"):
        best_source(g, "de")
    with pytest.raises(RelayError, match="no booth 'de'"):
        relay_candidates(g, "de")
    with pytest.raises(RelayError, match="no channel 'de' in the meeting"):
        explain(g, "de")


def test_candidates_on_air_by_an_unknown_booth_rank_last() -> None:
    """Links from the floor are not judged while the floor language is unknown."""
    booths = {"a": (("en",), ()), "fr": (("fr",), ("en",))}
    channels = {"en": "en", "en-x": "en", "fr": "fr"}
    air = {"en": ("a", FLOOR), "en-x": ("ghost", FLOOR)}
    data = wire(booths, floor_language=None, air=air, channels=channels)
    assert relay_candidates(graph_of(data), "fr") == ("en", "en-x")
    assert best(data, "fr").source == FLOOR, "unknown floor language: the floor"


def test_manual_reasons() -> None:
    data = un("ar", en=("en", FLOOR), fr=("fr", "es"), ru=("ru", "ru"))
    g = graph_of(data)
    assert describe_reason(explain(g, FLOOR)) == "manual: the floor"
    assert describe_reason(explain(g, "en")) == "manual: relay from the English booth (+)"
    assert (
        describe_reason(explain(g, "es")) == "manual: the Spanish channel, which carries the floor"
    )
    assert describe_reason(explain(g, "ru")) == (
        "manual: relay from the Russian booth, which does not reach the floor"
    )
    assert describe_reason(explain(g, "fr")) == "manual: relay from the French booth (+)"
    two = graph_of(un("ar", en=("en", FLOOR), fr=("fr", "en")))
    assert describe_reason(explain(two, "fr")) == "manual: relay from the French booth (\u2212)"


def test_wording_of_names_booths_and_codes() -> None:
    reason = Reason(ReasonKind.PIVOT, "x-en", "tlh", "en", "b7", 1, Quality.PIVOT)
    assert describe_reason(reason) == "floor: tlh → relay from booth b7 into English"
    french = {"tlh": "klingon", "en": "anglais"}
    assert describe_reason(reason, french) == "floor: klingon → relay from booth b7 into anglais"
    one = Reason(ReasonKind.NO_RELAY, FLOOR, "ar", languages=("en",))
    assert describe_reason(one).endswith("no booth is on air into English")
    none = Reason(ReasonKind.NO_RELAY, FLOOR, "ar")
    assert describe_reason(none).endswith("no booth is on air into a language")


# --- Properties ----------------------------------------------------------------------------


def choices_of(data: dict[str, Any]) -> dict[str, Choice]:
    g = graph_of(data)
    return {
        booth.id: best_source(g, booth.id, current=g.booth_source(booth.id))
        for booth in g.meeting.booths
    }


@settings(max_examples=200, deadline=None)
@given(data=wire_meetings(sound_bias=True))
def test_the_choice_follows_the_rule(data: dict[str, Any]) -> None:
    g = graph_of(data)
    meeting = g.meeting
    for booth in meeting.booths:
        current = g.booth_source(booth.id)
        choice = best_source(g, booth.id, current=current)
        understood = meeting.understood_by(booth.id)
        ranked = relay_candidates(g, booth.id, current=current)
        describe_reason(choice.reason)
        assert choice.chain == g.chain(choice.source)
        assert choice.reason.source == choice.source
        assert choice.reason.quality is choice.chain.quality
        assert choice.reason.steps == choice.chain.steps
        if meeting.floor_language is None or meeting.floor_language in understood:
            assert choice.source == FLOOR, "the floor whenever the booth understands it"
            continue
        own = own_channels(g, booth.id)
        for candidate in ranked:
            chain = g.chain(candidate)
            ch = meeting.channel(candidate)
            assert ch is not None and ch.on_air is not None and ch.language in understood
            assert chain.sound and chain.channels[-1] == FLOOR and not own & set(chain.channels)
        if not ranked:
            assert choice.source == FLOOR and choice.reason.kind is ReasonKind.NO_RELAY
            continue
        assert choice.source == ranked[0]
        assert choice.chain.end is ChainEnd.FLOOR and choice.chain.sound
        assert choice.chain.steps == min(g.chain(c).steps for c in ranked)
        kind = ReasonKind.PIVOT if choice.chain.steps == 1 else ReasonKind.RELAY_OF_RELAY
        assert choice.reason.kind is kind
        if current in ranked and g.chain(current).steps == choice.chain.steps:
            assert choice.source == current, "an equal newcomer never makes the input jump"


@settings(max_examples=200, deadline=None)
@given(data=wire_meetings(sound_bias=True))
def test_taking_the_air_with_the_chosen_source_never_closes_a_loop(data: dict[str, Any]) -> None:
    """On the channel the booth holds, or on any idle output it could take."""
    g = graph_of(data)
    meeting = g.meeting
    for booth in meeting.booths:
        choice = best_source(g, booth.id, current=g.booth_source(booth.id))
        live = g.booth_channel(booth.id)
        for channel in own_channels(g, booth.id):
            if live is not None and channel != live:
                continue  # a booth on air has one channel; its A/B switch is the case below
            air = {k: v for k, v in air_of(data).items() if v[0] != booth.id}
            air[channel] = (booth.id, choice.source)
            after = graph_of(rewire(data, air))
            assert after.chain(channel).end is ChainEnd.FLOOR
            assert set(after.loops) <= set(g.loops), "no new loop"
        if live is not None:
            for other in own_channels(g, booth.id) - {live}:  # an A/B switch keeps the source
                air = {k: v for k, v in air_of(data).items() if v[0] != booth.id}
                air[other] = (booth.id, choice.source)
                assert graph_of(rewire(data, air)).chain(other).end is ChainEnd.FLOOR


@settings(max_examples=200, deadline=None)
@given(data=wire_meetings(sound_bias=True) | wire_meetings(sound_bias=True, bi_active=True))
def test_every_booth_on_auto_at_once_never_makes_a_loop(data: dict[str, Any]) -> None:
    """All booths on air follow the same snapshot at the same moment (the chair switched)."""
    choices = choices_of(data)
    air = {channel: (booth, choices[booth].source) for channel, (booth, _) in air_of(data).items()}
    after = graph_of(rewire(data, air))
    assert after.loops == ()
    for booth, choice in choices.items():
        if choice.reason.kind in (ReasonKind.PIVOT, ReasonKind.RELAY_OF_RELAY):
            channel = after.booth_channel(booth)
            if channel is not None:
                assert after.chain(channel).end is ChainEnd.FLOOR


@settings(max_examples=300, deadline=None)
@given(data=wire_meetings(sound_bias=True, bi_active=True, most=5))
def test_a_booth_with_a_sound_chain_has_its_source_among_its_candidates(
    data: dict[str, Any],
) -> None:
    """The step on which "booths moving at once never pick each other" rests (source.py).

    A booth that moves only to strictly shorter chains cannot take part in a loop;
    bi-active booths relaying through each other's idle outputs are where it could fail.
    """
    g = graph_of(data)
    meeting = g.meeting
    for booth in meeting.booths:
        channel = g.booth_channel(booth.id)
        if channel is None or not g.chain(channel).sound:
            continue
        floor_language = meeting.floor_language
        if floor_language is None or floor_language in meeting.understood_by(booth.id):
            continue
        source = g.sources[channel]
        assert source in relay_candidates(g, booth.id, current=source)
        assert best_source(g, booth.id, current=source).chain.steps <= g.chain(source).steps


@settings(max_examples=60, deadline=None)
@given(data=wire_meetings(sound_bias=True), shuffle=st.randoms(use_true_random=False))
def test_the_choice_is_deterministic_whatever_the_order_of_the_lists(
    data: dict[str, Any], shuffle: Any
) -> None:
    before = choices_of(data)
    assert choices_of(data) == before
    for key in ("channels", "booths", "participants"):
        shuffle.shuffle(data[key])
    assert choices_of(data) == before


@settings(max_examples=100, deadline=None)
@given(data=wire_meetings())
def test_no_snapshot_makes_it_fail(data: dict[str, Any]) -> None:
    g = relay_graph(parse_meeting(data))
    for booth in g.meeting.booths:
        for current in (None, FLOOR, *g.chains):
            describe_reason(best_source(g, booth.id, current=current).reason)
    for channel in g.chains:
        describe_reason(explain(g, channel))

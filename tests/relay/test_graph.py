"""The relay graph: chains to the floor, steps and quality, loops, dead ends."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.meeting import FLOOR
from relay.graph import Chain, ChainEnd, Quality, RelayGraph, relay_graph
from relay.snapshot import parse_meeting
from tests.rig.relaykit import graph_of, wire, wire_meetings

UN = {
    "en": (("en",), ("fr", "es", "ru", "ar")),
    "fr": (("fr",), ("en", "es", "ru")),
    "es": (("es",), ("en", "fr")),
    "ar": (("ar",), ("en", "fr")),
    "zh": (("zh", "en"), ("en", "zh")),
    "ru": (("ru",), ("en", "fr")),
}
"""The demo meeting's booths: outputs, languages understood."""


def test_chains_steps_and_quality_in_a_relay_of_relay() -> None:
    """Floor Spanish: en from the floor, fr from en, ar from fr; es in floor fallback."""
    g = graph_of(
        wire(
            UN,
            floor_language="es",
            air={"en": ("en", FLOOR), "fr": ("fr", "en"), "ar": ("ar", "fr")},
        )
    )
    assert g.sources == {
        "en": FLOOR,
        "fr": "en",
        "ar": "fr",
        "es": FLOOR,
        "zh": FLOOR,
        "ru": FLOOR,
    }
    assert g.chain("ar") == Chain(("ar", "fr", "en", FLOOR), ChainEnd.FLOOR, 3)
    assert g.chain("es") == Chain(("es", FLOOR), ChainEnd.FLOOR, 0), "fallback: the floor"
    assert g.chain(FLOOR) == Chain((FLOOR,), ChainEnd.FLOOR, 0)
    assert [g.quality(c) for c in (FLOOR, "es", "en", "fr", "ar")] == [
        Quality.FLOOR,
        Quality.FLOOR,
        Quality.PIVOT,
        Quality.RELAY_OF_RELAY,
        Quality.RELAY_OF_RELAY,
    ]
    assert g.booth_quality("en") is Quality.FLOOR
    assert g.booth_quality("fr") is Quality.PIVOT, "relay from a booth on the floor: +"
    assert g.booth_quality("ar") is Quality.RELAY_OF_RELAY, "relay of relay"
    assert g.booth_quality("es") is None, "not on air"
    assert g.booth_source("ar") == "fr" and g.booth_source("es") is None
    assert g.loops == ()
    assert all(g.chain(c).sound for c in g.chains)


def test_a_loop_is_reported_once_and_poisons_whoever_relays_from_it() -> None:
    g = graph_of(
        wire(
            UN,
            floor_language="es",
            air={"fr": ("fr", "en"), "en": ("en", "fr"), "ru": ("ru", "fr"), "ar": ("ar", FLOOR)},
        )
    )
    assert g.loops == (("en", "fr"),)
    assert g.chain("fr") == Chain(("fr", "en"), ChainEnd.LOOP, 2)
    assert g.chain("ru") == Chain(("ru", "fr", "en"), ChainEnd.LOOP, 3)
    assert g.quality("ru") is Quality.NONE and not g.chain("ru").sound
    assert g.booth_quality("fr") is Quality.NONE
    assert g.booth_quality("ar") is Quality.FLOOR


def test_an_interpreter_listening_to_their_own_channel_is_a_loop_of_one() -> None:
    g = graph_of(wire(UN, floor_language="en", air={"fr": ("fr", "fr")}))
    assert g.loops == (("fr",),)
    assert g.chain("fr").end is ChainEnd.LOOP


def test_a_loop_of_three_starts_at_its_smallest_id_in_relay_order() -> None:
    g = graph_of(
        wire(
            UN,
            floor_language="es",
            air={"ru": ("ru", "ar"), "ar": ("ar", "fr"), "fr": ("fr", "ru")},
        )
    )
    assert g.loops == (("ar", "fr", "ru"),)


def test_an_interpreter_who_listens_to_nothing_ends_the_chain() -> None:
    g = graph_of(wire(UN, floor_language="es", air={"en": ("en", None), "fr": ("fr", "en")}))
    assert "en" not in g.sources
    assert g.chain("en") == Chain(("en",), ChainEnd.NO_SOURCE, 1)
    assert g.chain("fr") == Chain(("fr", "en"), ChainEnd.NO_SOURCE, 2)
    assert g.booth_quality("en") is Quality.NONE and g.booth_source("en") is None


def test_a_booth_working_from_a_language_it_does_not_know_makes_the_chain_unsound() -> None:
    """The chair switched to Arabic; fr (en, es, ru) is still on the floor."""
    air = {"fr": ("fr", FLOOR), "es": ("es", "fr"), "en": ("en", FLOOR)}
    g = graph_of(wire(UN, floor_language="ar", air=air))
    assert g.chain("es") == Chain(("es", "fr", FLOOR), ChainEnd.FLOOR, 2, ("fr",))
    assert g.chain("es").quality is Quality.RELAY_OF_RELAY, "quality counts steps only"
    assert not g.chain("es").sound
    assert g.chain("en").sound, "en understands Arabic"
    unknown = graph_of(wire(UN, floor_language=None, air=air))
    assert unknown.chain("es").sound, "an unknown floor language is not judged"


def test_a_relay_channel_without_a_language_is_understood_by_nobody() -> None:
    data = wire(UN, floor_language="es", air={"en": ("en", FLOOR), "fr": ("fr", "en")})
    data["channels"][1]["language"] = None
    assert graph_of(data).chain("fr").not_understood == ("fr",)


def test_relay_through_a_channel_in_fallback_is_the_floor_one_hop_further() -> None:
    g = graph_of(wire(UN, floor_language="en", air={"fr": ("fr", "es")}))
    assert g.chain("fr") == Chain(("fr", "es", FLOOR), ChainEnd.FLOOR, 1)
    assert g.booth_quality("fr") is Quality.FLOOR
    g = graph_of(wire(UN, floor_language="ar", air={"fr": ("fr", "es")}))
    assert g.chain("fr").not_understood == ("fr",), "es carries Arabic, which fr does not know"


def test_hearing_the_floor_through_an_idle_output_of_ones_own_booth_is_loop_prone() -> None:
    """zh on its A output takes "relay" from en, its own B output, in fallback (the floor).

    Sound until zh switches to en: then en would relay from itself.
    """
    g = graph_of(wire(UN, floor_language="en", air={"zh": ("zh", "en"), "fr": ("fr", "zh")}))
    assert g.chain("zh") == Chain(("zh", "en", FLOOR), ChainEnd.FLOOR, 1, (), ("zh",))
    assert g.chain("fr").loop_prone == ("zh",) and not g.chain("fr").sound
    assert g.chain("zh").quality is Quality.PIVOT, "quality counts steps only"
    held = graph_of(wire(UN, floor_language="en", air={"zh": ("zh", "en"), "en": ("en", FLOOR)}))
    assert held.chain("zh").loop_prone == (), "en is held by the en booth: zh cannot take it"


def test_a_bi_active_booth_on_its_b_output() -> None:
    """Floor Chinese: the zh booth works into English (retour), fr takes relay from it."""
    g = graph_of(wire(UN, floor_language="zh", air={"en": ("zh", FLOOR), "fr": ("fr", "en")}))
    assert g.booth_channel("zh") == "en"
    assert g.booth_channel("en") is None
    assert g.booth_quality("fr") is Quality.PIVOT
    assert g.chain("fr").sound


def test_quality_of_steps() -> None:
    assert [Quality.of_steps(n) for n in range(4)] == [
        Quality.FLOOR,
        Quality.PIVOT,
        Quality.RELAY_OF_RELAY,
        Quality.RELAY_OF_RELAY,
    ]
    assert Quality.RELAY_OF_RELAY.value == "\u2212"
    with pytest.raises(ValueError, match="cannot be negative: -1"):
        Quality.of_steps(-1)


# --- Properties --------------------------------------------------------------------------


def check_chain(g: RelayGraph, channel_id: str) -> None:
    meeting = g.meeting
    chain = g.chain(channel_id)
    hops = chain.channels
    assert hops[0] == channel_id
    assert FLOOR not in hops[:-1]
    assert len(set(hops)) == len(hops)
    for here, there in itertools.pairwise(hops):
        assert g.sources[here] == there
    on_air = [c for c in hops if c != FLOOR and meeting.channel(c).on_air is not None]  # type: ignore[union-attr]
    assert chain.steps == len(on_air), "steps count the interpretations on the way"
    assert set(chain.not_understood) <= set(on_air)
    assert set(chain.loop_prone) <= set(on_air)
    if chain.end is ChainEnd.FLOOR:
        assert hops[-1] == FLOOR
        assert chain.quality is Quality.of_steps(chain.steps)
    else:
        assert chain.quality is Quality.NONE and not chain.sound
        last = hops[-1]
        if chain.end is ChainEnd.LOOP:
            assert g.sources[last] in hops
        else:
            assert last not in g.sources and meeting.channel(last).on_air is not None  # type: ignore[union-attr]


@settings(max_examples=120, deadline=None)
@given(data=wire_meetings())
def test_chains_follow_sources_and_quality_follows_steps(data: dict[str, Any]) -> None:
    g = graph_of(data)
    for ch in g.meeting.channels:
        check_chain(g, ch.id)
    for booth in g.meeting.booths:
        channel = g.booth_channel(booth.id)
        quality = g.booth_quality(booth.id)
        if channel is None:
            assert quality is None
        else:
            source = g.sources.get(channel)
            assert quality is (Quality.NONE if source is None else g.quality(source))


@settings(max_examples=120, deadline=None)
@given(data=wire_meetings())
def test_loops_are_exactly_the_cycles_of_the_sources(data: dict[str, Any]) -> None:
    g = graph_of(data)
    assert list(g.loops) == sorted(set(g.loops))
    on_a_loop = set()
    for loop in g.loops:
        assert loop[0] == min(loop)
        for here, there in zip(loop, loop[1:] + loop[:1], strict=True):
            assert g.sources[here] == there
        on_a_loop |= set(loop)
        assert g.chain(loop[0]).channels == loop
    for channel_id, chain in g.chains.items():
        assert (chain.end is ChainEnd.LOOP) == bool(on_a_loop & set(chain.channels)), channel_id


@settings(max_examples=60, deadline=None)
@given(data=wire_meetings(), shuffle=st.randoms(use_true_random=False))
def test_the_order_of_the_lists_changes_nothing(data: dict[str, Any], shuffle: Any) -> None:
    g = graph_of(data)
    for key in ("channels", "booths", "participants"):
        shuffle.shuffle(data[key])
    h = relay_graph(parse_meeting(data))
    assert dict(h.sources) == dict(g.sources)
    assert dict(h.chains) == dict(g.chains)
    assert h.loops == g.loops

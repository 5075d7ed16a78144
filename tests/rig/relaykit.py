"""Meeting snapshots for the relay tests: a compact builder and a hypothesis strategy.

:func:`wire` writes a snapshot dict the way the hub's ``snapshot()`` does
(channel ``booth``/``booths``/``source``/``fallback``, booths with ``live``,
one interpreter per live booth whose first ``listening`` entry is its
source), from a short description::

    wire({"en": (("en",), ("ar",)), "fr": (("fr",), ("en",))},
         floor_language="ar", air={"en": ("en", "floor"), "fr": ("fr", "en")})

:func:`wire_meetings` draws random meetings that obey the hub's rules (one
speaker per channel, one live member per booth, booths on their own outputs)
but with any sources, loops and floor language at all.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from channels.meeting import FLOOR
from relay.graph import RelayGraph, relay_graph
from relay.snapshot import parse_meeting

LANGS = ("en", "fr", "es", "ar", "zh", "ru", "de", "pt")
Booths = Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]
"""Booth id -> (outputs, languages understood)."""
Air = Mapping[str, tuple[str, str | None]]
"""Channel id -> (booth on air on it, its source)."""


def wire(
    booths: Booths,
    *,
    floor_language: str | None,
    air: Air | None = None,
    channels: Mapping[str, str | None] | None = None,
    version: int = 1,
) -> dict[str, Any]:
    """A snapshot dict as the hub sends it. Channels default to every output, language = id."""
    air = air or {}
    if channels is None:
        channels = {out: out for outputs, _ in booths.values() for out in outputs}
    views: list[dict[str, Any]] = [
        {"id": FLOOR, "ssrc": 1, "language": None, "on_air": "chair", "listeners": 0}
    ]
    for index, (channel_id, language) in enumerate(channels.items()):
        listing = [b for b, (outputs, _) in booths.items() if channel_id in outputs]
        holder = air.get(channel_id)
        views.append(
            {
                "id": channel_id,
                "ssrc": index + 2,
                "language": language,
                "on_air": f"{holder[0]}-1" if holder else None,
                "listeners": 0,
                "booth": holder[0] if holder else (listing[0] if listing else None),
                "booths": listing,
                "source": holder[1] if holder else None,
                "fallback": holder is None,
            }
        )
    live = {booth: (channel_id, source) for channel_id, (booth, source) in air.items()}
    participants: list[dict[str, Any]] = [
        {
            "id": "chair",
            "name": "Chair",
            "role": "floor",
            "booth": None,
            "ssrc": 65536,
            "connected": True,
            "cough": False,
            "listening": [],
            "on_air": FLOOR,
            "quality": None,
        },
    ]
    for index, (booth, (channel_id, source)) in enumerate(live.items()):
        participants.append(
            {"id": f"{booth}-1", "name": booth.title(), "role": "interpreter", "booth": booth,
             "ssrc": 65537 + index, "connected": True, "cough": False,
             "listening": [source] if source else [], "on_air": channel_id, "quality": None}
        )  # fmt: skip
    return {
        "id": "relay-test",
        "title": "Relay test",
        "version": version,
        "floor_language": floor_language,
        "channels": views,
        "booths": [
            {
                "id": booth,
                "outputs": list(outputs),
                "languages": list(languages),
                "members": [f"{booth}-1"] if booth in live else [],
                "live": f"{booth}-1" if booth in live else None,
                "live_since": 1800000000.0 if booth in live else None,
                "handover": None,
            }
            for booth, (outputs, languages) in booths.items()
        ],
        "participants": participants,
        "listeners": 0,
    }


def graph_of(data: Mapping[str, Any]) -> RelayGraph:
    return relay_graph(parse_meeting(data))


def air_of(data: Mapping[str, Any]) -> dict[str, tuple[str, str | None]]:
    """The ``air`` argument of :func:`wire` that a snapshot dict shows."""
    return {
        ch["id"]: (ch["booth"], ch["source"])
        for ch in data["channels"]
        if ch["id"] != FLOOR and ch["on_air"] is not None
    }


def booths_of(data: Mapping[str, Any]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {b["id"]: (tuple(b["outputs"]), tuple(b["languages"])) for b in data["booths"]}


def channels_of(data: Mapping[str, Any]) -> dict[str, str | None]:
    return {ch["id"]: ch["language"] for ch in data["channels"] if ch["id"] != FLOOR}


def rewire(data: Mapping[str, Any], air: Air, floor_language: str | None = None) -> dict[str, Any]:
    """The same meeting with other booths on air (and, if given, another floor language)."""
    return wire(
        booths_of(data),
        floor_language=floor_language or data["floor_language"],
        air=air,
        channels=channels_of(data),
        version=data["version"] + 1,
    )


@st.composite
def wire_meetings(
    draw: st.DrawFn, *, sound_bias: bool = False, bi_active: bool = False, most: int = len(LANGS)
) -> dict[str, Any]:
    """A random meeting that obeys the hub's rules, with any sources at all.

    ``sound_bias`` makes busy meetings (three channels or more, about one booth per
    channel, most of them on air) with realistic relay chains: most sources are the
    floor, a channel on air or a channel in fallback (relay through an idle output
    is where loops hide), and booths mostly understand what their source carries
    and, when on relay, mostly not the floor. Without it, sources and languages are
    anything at all. ``bi_active`` gives every booth two outputs where the meeting
    has two channels; ``most`` limits the number of channels besides the floor
    (small meetings make dense relay structures).
    """
    fewest = min(3, most) if sound_bias else 1
    langs = _shuffled(draw, LANGS)[: draw(_between(fewest, most))]
    named_booths = draw(st.booleans())
    booths: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    crowd = len(langs) - 1 if sound_bias else 0
    for index in range(draw(_between(crowd, len(langs) + 1))):
        named = _pick(draw, LANGS)
        booth_id = named if named_booths and named not in booths else f"b{index}"
        least = min(2, len(langs)) if bi_active else 1
        outputs = _shuffled(draw, langs)[: draw(_between(least, min(2, len(langs))))]
        understood = _shuffled(draw, LANGS)[: draw(_between(0, 4))]
        booths[booth_id] = (outputs, understood)
    return draw(_moments(booths, langs, sound_bias=sound_bias, learn=sound_bias))


def later(data: Mapping[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Another moment of the same meeting: same booths and channels, any air and floor."""
    return _moments(booths_of(data), tuple(channels_of(data)), sound_bias=True, learn=False).map(
        lambda moment: {**moment, "version": data["version"] + 1}
    )


@st.composite
def _moments(
    draw: st.DrawFn,
    booths: Booths,
    langs: tuple[str, ...],
    *,
    sound_bias: bool,
    learn: bool,
) -> dict[str, Any]:
    """Who is on air and on what source, and the floor language.

    ``learn`` lets a booth on air learn the language of its source, and a booth on
    relay forget the floor language, four times in five.
    """
    booths = dict(booths)
    floor_language = _pick(draw, (None, *LANGS))
    air: dict[str, tuple[str, str | None]] = {}
    for booth_id in _shuffled(draw, tuple(booths)):
        free = [out for out in booths[booth_id][0] if out not in air]
        if free:
            takes: bool = draw(_mostly) if sound_bias else draw(st.booleans())
            if takes:
                air[_pick(draw, free)] = (booth_id, None)
    idle = [x for x in langs if x not in air] or [FLOOR]
    for channel, (booth_id, _) in list(air.items()):
        kind = draw(_between(0, 3)) if sound_bias else 3
        others = [x for x in air if x != channel] or [FLOOR]
        pool = (others, idle, [FLOOR], [None, FLOOR, *langs])[kind]
        source = _pick(draw, pool)
        air[channel] = (booth_id, source)
        if learn:
            booths[booth_id] = _learn(draw, booths[booth_id], source in air, source, floor_language)
    return wire(booths, floor_language=floor_language, air=air, channels={x: x for x in langs})


def _learn(
    draw: st.DrawFn,
    booth: tuple[tuple[str, ...], tuple[str, ...]],
    relays: bool,
    source: str | None,
    floor_language: str | None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    outputs, understood = booth
    heard = source if relays else floor_language
    if source is not None and heard is not None and heard not in understood and draw(_mostly):
        understood = (*understood, heard)
    if relays and floor_language in understood and draw(_mostly):
        understood = tuple(x for x in understood if x != floor_language)
    return outputs, understood


# Strategies are built once: building them inside every draw costs more than the tests.

T = TypeVar("T")
_mostly = st.integers(0, 4).map(bool)
"""True four times in five."""


@functools.cache
def _between(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, max(low, high))


def _pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    return items[draw(_between(0, len(items) - 1))]


def _shuffled(draw: st.DrawFn, items: Sequence[T]) -> tuple[T, ...]:
    """A random order of ``items`` (Fisher-Yates, so that hypothesis can shrink it)."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = draw(_between(0, i))
        out[i], out[j] = out[j], out[i]
    return tuple(out)

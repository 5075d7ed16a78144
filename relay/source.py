"""The best source for a booth, and why, in words a console can show.

:func:`best_source` applies the field's rule (FIELD.md, "Relay"): a booth
interprets from the floor when it understands the floor language; otherwise
it takes relay from a booth on air into a language it understands, a
*pivot* (one step) before a relay of relay, the shortest chain first, and
keeps its ``current`` source among equals. It returns a :class:`Choice`: the
source, its :class:`relay.graph.Chain` and a :class:`Reason`.
:func:`relay_candidates` lists the ranked candidates. What makes a candidate,
the order among them and why auto-relay never closes a loop are in
docs/architecture.md, "Design notes".

Reasons are data (:class:`Reason`: a :class:`ReasonKind` and its
parameters), so a Qt layer formats them with ``tr()``; :func:`describe_reason`
is the English wording, used by ``rsi-bot`` and logs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from channels.meeting import FLOOR
from channels.protocol import BoothInfo
from relay.graph import Chain, Quality, RelayGraph


class RelayError(ValueError):
    """A question about a booth or channel that the snapshot does not have."""


class ReasonKind(Enum):
    FLOOR_UNDERSTOOD = "floor_understood"
    """The booth understands the floor language: the floor."""
    FLOOR_LANGUAGE_UNSET = "floor_language_unset"
    """Nobody has said what the floor speaks: the floor."""
    PIVOT = "pivot"
    """Relay from a booth that works from the floor (+)."""
    RELAY_OF_RELAY = "relay_of_relay"
    """Relay from a booth that takes relay itself: the shortest chain there is (minus)."""
    NO_RELAY = "no_relay"
    """The floor is not understood and no booth is on air into a language the booth knows."""
    MANUAL = "manual"
    """The interpreter chose the source."""


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a source was chosen: everything a sentence about it needs."""

    kind: ReasonKind
    source: str
    """The channel chosen."""
    floor_language: str | None
    language: str | None = None
    """The language of the source channel (None for the floor)."""
    booth: str | None = None
    """The booth on air on the source channel (None: the floor, or a channel in fallback)."""
    steps: int = 0
    """Interpretations between the floor and the booth through this source."""
    quality: Quality = Quality.FLOOR
    languages: tuple[str, ...] = ()
    """NO_RELAY: the languages the booth understands, its ``languages`` first."""


@dataclass(frozen=True, slots=True)
class Choice:
    source: str
    reason: Reason
    chain: Chain
    """The chain of the source: what the booth hears through it."""


def best_source(graph: RelayGraph, booth_id: str, *, current: str | None = None) -> Choice:
    """The source booth ``booth_id`` should interpret from, and why.

    ``current`` is the source it has now: among equally good candidates it is kept.
    Raises :class:`RelayError` for a booth the snapshot does not list.
    """
    booth = _booth(graph, booth_id)
    meeting = graph.meeting
    floor_language = meeting.floor_language
    if floor_language is None:
        return _floor(graph, ReasonKind.FLOOR_LANGUAGE_UNSET)
    understood = meeting.understood_by(booth.id)
    if floor_language in understood:
        return _floor(graph, ReasonKind.FLOOR_UNDERSTOOD)
    ranked = relay_candidates(graph, booth_id, current=current)
    if not ranked:
        return Choice(
            FLOOR,
            Reason(
                ReasonKind.NO_RELAY,
                FLOOR,
                floor_language,
                languages=_in_preference_order(booth, understood),
            ),
            graph.chain(FLOOR),
        )
    source = ranked[0]
    chain = graph.chain(source)
    kind = ReasonKind.PIVOT if chain.steps == 1 else ReasonKind.RELAY_OF_RELAY
    return Choice(source, _reason(graph, kind, source), chain)


def relay_candidates(
    graph: RelayGraph, booth_id: str, *, current: str | None = None
) -> tuple[str, ...]:
    """Every channel booth ``booth_id`` may take relay from, best first (module docstring)."""
    booth = _booth(graph, booth_id)
    meeting = graph.meeting
    understood = meeting.understood_by(booth.id)
    own = own_channels(graph, booth_id)
    preference = _in_preference_order(booth, understood)
    found = []
    for ch in meeting.channels:
        chain = graph.chain(ch.id)
        if (
            ch.is_floor
            or ch.on_air is None
            or ch.language not in understood
            or not chain.sound
            or own.intersection(chain.channels)
        ):
            continue
        assert ch.language is not None, "None is never understood"
        found.append(
            (
                chain.steps,
                ch.id != current,
                _output_rank(graph, ch.id),
                preference.index(ch.language),
                ch.id,
            )
        )
    return tuple(key[-1] for key in sorted(found))


def own_channels(graph: RelayGraph, booth_id: str) -> frozenset[str]:
    """The channels a relay must not pass through: the booth's own, now or after a mic press.

    The channel the booth is on air on, and its outputs in floor fallback.
    """
    booth = _booth(graph, booth_id)
    meeting = graph.meeting
    idle = {out for out in booth.outputs if meeting.holder_booth(out) is None}
    on_air = graph.booth_channel(booth_id)
    return frozenset(idle if on_air is None else idle | {on_air})


def explain(graph: RelayGraph, channel_id: str) -> Reason:
    """The reason to show for a source chosen by hand."""
    if graph.meeting.channel(channel_id) is None:
        raise RelayError(f"no channel {channel_id!r} in the meeting")
    return _reason(graph, ReasonKind.MANUAL, channel_id)


# --- English wording ------------------------------------------------------------------

LANGUAGE_NAMES: Mapping[str, str] = {
    "ar": "Arabic",
    "bg": "Bulgarian",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mt": "Maltese",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sv": "Swedish",
    "sw": "Swahili",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
}
"""English names of common ISO 639-1 codes; any other code is shown as it is."""


def describe_reason(reason: Reason, names: Mapping[str, str] = LANGUAGE_NAMES) -> str:
    """The reason in English, e.g. ``floor: Arabic → relay from the English booth``."""
    floor = f"floor: {_name(reason.floor_language, names)}"
    source = _source_label(reason, names)
    match reason.kind:
        case ReasonKind.FLOOR_UNDERSTOOD:
            return f"{floor} → the floor"
        case ReasonKind.FLOOR_LANGUAGE_UNSET:
            return "floor language not set → the floor"
        case ReasonKind.PIVOT:
            return f"{floor} → relay from {source}"
        case ReasonKind.RELAY_OF_RELAY:
            return f"{floor} → relay of relay from {source} ({reason.steps} steps)"
        case ReasonKind.NO_RELAY:
            wanted = _or_list([_name(x, names) for x in reason.languages]) or "a language"
            return f"{floor} → the floor: no booth is on air into {wanted}"
        case ReasonKind.MANUAL:
            if reason.source == FLOOR:
                return "manual: the floor"
            if reason.quality is Quality.FLOOR:
                return f"manual: {source}, which carries the floor"
            if reason.quality is Quality.NONE:
                return f"manual: relay from {source}, which does not reach the floor"
            return f"manual: relay from {source} ({reason.quality.value})"


def booth_label(booth: str | None, language: str | None, names: Mapping[str, str]) -> str:
    """``the English booth``, ``the Chinese booth into English``, or ``the English channel``."""
    into = _name(language, names)
    if booth is None:
        return f"the {into} channel"
    if booth == language:
        return f"the {into} booth"
    if booth in names:
        return f"the {names[booth]} booth into {into}"
    return f"booth {booth} into {into}"


# --- Helpers --------------------------------------------------------------------------


def _booth(graph: RelayGraph, booth_id: str) -> BoothInfo:
    booth = graph.meeting.booth(booth_id)
    if booth is None:
        raise RelayError(f"no booth {booth_id!r} in the meeting")
    return booth


def _floor(graph: RelayGraph, kind: ReasonKind) -> Choice:
    return Choice(FLOOR, _reason(graph, kind, FLOOR), graph.chain(FLOOR))


def _reason(graph: RelayGraph, kind: ReasonKind, channel_id: str) -> Reason:
    meeting = graph.meeting
    ch = meeting.channel(channel_id)
    chain = graph.chain(channel_id)
    return Reason(
        kind,
        channel_id,
        meeting.floor_language,
        language=None if ch is None or ch.is_floor else ch.language,
        booth=meeting.holder_booth(channel_id),
        steps=chain.steps,
        quality=chain.quality,
    )


def _output_rank(graph: RelayGraph, channel_id: str) -> int:
    """0 for the A output of the booth on air on the channel, 1 for its B, ...

    Last when that booth is unknown (a sound chain allows it only while the floor
    language is unknown, as links from the floor are then not judged).
    """
    holder = graph.meeting.booth(graph.meeting.holder_booth(channel_id) or "")
    if holder is None or channel_id not in holder.outputs:
        return len(graph.meeting.channels)
    return holder.outputs.index(channel_id)


def _in_preference_order(booth: BoothInfo, understood: Iterable[str]) -> tuple[str, ...]:
    listed = tuple(dict.fromkeys(booth.languages))
    return listed + tuple(sorted(set(understood) - set(listed)))


def _source_label(reason: Reason, names: Mapping[str, str]) -> str:
    return (
        "the floor" if reason.source == FLOOR else booth_label(reason.booth, reason.language, names)
    )


def _name(code: str | None, names: Mapping[str, str]) -> str:
    return "unknown" if code is None else names.get(code, code)


def _or_list(items: list[str]) -> str:
    """``English``, ``English or French``, ``English, French or Spanish``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"

"""A typed, validated view of the meeting snapshot as it arrives on the wire.

The hub sends the whole meeting in ``welcome.meeting`` and in every
``{"type": "state", "meeting": {...}}`` (PROTOCOL.md, docs/protocol.md §7).
:func:`parse_meeting` turns that decoded JSON object into small frozen
dataclasses, so that the relay computations, the console, the coordinator
window and ``rsi-bot`` all read the same checked structure instead of
poking into dicts.

What is checked, and what is not
--------------------------------

Types are checked strictly (no ``"1"`` for ``1``, no ``true`` for ``0``),
and every refusal is a :class:`SnapshotError` that names the field, as in
``$.channels[2].on_air: Expected `str | null`, got `int```. Fields this view
does not know are ignored, as the protocol allows extensions.

Required are the fields relay cannot work without: the meeting's ``id``,
``version``, ``floor_language``, ``channels`` and ``booths``; a channel's
``id``, ``language`` and ``on_air``; a booth's ``id``, ``outputs`` and
``languages``; a participant's ``id`` and ``role``. Everything else (among
them the hub's extensions ``fallback``, ``booths``, ``listeners`` and
``ssrc``) has a default, so the contract's own example snapshot parses and a
backend that sends only the contract is understood. An extension may also be
null: the client session's lenient model (:class:`channels.session.Meeting`)
writes a field the backend left out as null (:func:`parse_struct`).

Beyond types, the things relay relies on are checked: ids are unique per
kind; the ``floor`` channel exists; a channel's ``source`` and a booth's
``outputs`` name channels of the snapshot (and outputs never the floor); an
interpretation channel has a ``source`` only while someone is on air; and
``fallback``, when present, says the same as ``on_air`` (fallback exactly
while nobody is on air). References to booths and participants are *not*
checked: the contract's example abbreviates those lists, and relay never
needs them to be complete (an unknown booth simply understands nothing).

Assumptions (PROTOCOL.md leaves them open)
------------------------------------------

* A booth understands the languages it lists in ``languages`` *and* the
  languages of its own outputs: a booth works into its A language, and a
  bi-active booth's B (retour) is a language it commands. The demo's zh booth
  lists its outputs anyway; the en booth does not list English, and would
  otherwise be sent to relay when the floor speaks English.
* Language codes compare exactly as written: the meeting file, the booths and
  ``floor_language`` use the same codes.
* The booth holding a channel is the channel's ``booth`` while someone is on
  air; when a backend omits it, the ``booth`` of the participant on air.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, TypeVar

import msgspec

from channels.meeting import FLOOR

Id = Annotated[str, msgspec.Meta(min_length=1, max_length=128)]


class SnapshotError(ValueError):
    """The snapshot is not a meeting snapshot that relay can rely on; says where and why."""


@dataclass(frozen=True, slots=True)
class Channel:
    """One channel: the floor, or a language of interpretation."""

    id: Id
    language: str | None
    """Null for the floor: its language is the meeting's ``floor_language``."""
    on_air: str | None
    """The participant speaking on the channel, or None."""
    ssrc: int | None = None
    booth: str | None = None
    """The booth on air; while nobody is, the hub's choice (its first listed booth)."""
    booths: tuple[str, ...] = ()
    """(Hub extension) every booth that lists this channel among its outputs."""
    source: str | None = None
    """What the interpreter on air interprets from: ``floor`` or a channel id."""
    fallback: bool | None = None
    """(Hub extension) true while nobody is on air: the channel then carries the floor."""
    listeners: int | None = None
    """(Hub extension) how many listeners receive it; None when the backend does not say."""

    @property
    def is_floor(self) -> bool:
        return self.id == FLOOR

    @property
    def carries_floor(self) -> bool:
        """The floor itself, or an interpretation channel in floor fallback."""
        return self.is_floor or self.on_air is None


@dataclass(frozen=True, slots=True)
class Booth:
    """A team of interpreters and the channels it works into."""

    id: Id
    outputs: tuple[str, ...]
    """The channels it may speak on: A first, then B, then C."""
    languages: tuple[str, ...]
    """The languages it understands, for relay, in the meeting file's order."""
    members: tuple[str, ...] = ()
    live: str | None = None
    """The member on air, on any output."""


@dataclass(frozen=True, slots=True)
class Participant:
    """Anyone but a listener: interpreters, coordinators, floor sources."""

    id: Id
    role: str
    name: str = ""
    booth: str | None = None
    connected: bool = True
    cough: bool = False
    listening: tuple[str, ...] = ()
    """The channels it receives; for an interpreter the first is its source."""
    on_air: str | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    """One meeting snapshot. Lists keep the wire's order."""

    id: Id
    version: int
    floor_language: str | None
    channels: tuple[Channel, ...]
    booths: tuple[Booth, ...]
    title: str = ""
    participants: tuple[Participant, ...] = ()
    listeners: int = 0

    def channel(self, channel_id: str) -> Channel | None:
        return _find(self.channels, channel_id)

    def booth(self, booth_id: str) -> Booth | None:
        return _find(self.booths, booth_id)

    def participant(self, participant_id: str) -> Participant | None:
        return _find(self.participants, participant_id)

    def holder_booth(self, channel_id: str) -> str | None:
        """The booth of whoever is on air on the channel; None when nobody (or the floor) is."""
        ch = self.channel(channel_id)
        if ch is None or ch.is_floor or ch.on_air is None:
            return None
        if ch.booth is not None:
            return ch.booth
        holder = self.participant(ch.on_air)
        return holder.booth if holder is not None else None

    def understood_by(self, booth_id: str) -> frozenset[str]:
        """What a booth understands: its ``languages`` and the languages of its outputs.

        Empty for a booth the snapshot does not list.
        """
        booth = self.booth(booth_id)
        if booth is None:
            return frozenset()
        spoken = (self.channel(out) for out in booth.outputs)
        return frozenset(booth.languages).union(
            ch.language for ch in spoken if ch is not None and ch.language is not None
        )


_T = TypeVar("_T", Channel, Booth, Participant)


def parse_meeting(data: object) -> Meeting:
    """Check a decoded ``meeting`` object and return its typed view.

    Raises :class:`SnapshotError` naming the first field that is wrong.
    """
    try:
        meeting = msgspec.convert(data, Meeting)
    except msgspec.ValidationError as exc:
        raise SnapshotError(f"not a meeting snapshot: {exc}") from None
    _check(meeting)
    return meeting


def parse_struct(meeting: msgspec.Struct) -> Meeting:
    """The typed view of a meeting another msgspec model holds (a client session's).

    The one conversion the engine's auto-relay, the console and the
    coordinator's window use. Raises :class:`SnapshotError` as
    :func:`parse_meeting` does.
    """
    return parse_meeting(msgspec.to_builtins(meeting))


def meeting_of(message: object) -> Meeting:
    """The meeting carried by a decoded ``welcome`` or ``state`` message."""
    if not isinstance(message, Mapping):
        raise SnapshotError(f"a message is a JSON object, not {type(message).__name__}")
    kind = message.get("type")
    if kind not in ("welcome", "state"):
        raise SnapshotError(f"only welcome and state carry a meeting, not {kind!r}")
    if "meeting" not in message:
        raise SnapshotError(f"{kind} without a meeting")
    return parse_meeting(message["meeting"])


def _find(items: Iterable[_T], item_id: str) -> _T | None:
    for item in items:
        if item.id == item_id:
            return item
    return None


def _check(meeting: Meeting) -> None:
    for kind, items in (
        ("channels", meeting.channels),
        ("booths", meeting.booths),
        ("participants", meeting.participants),
    ):
        twice = [i for i, n in Counter(x.id for x in items).items() if n > 1]
        if twice:
            raise SnapshotError(f"$.{kind}: id {twice[0]!r} appears more than once")
    channel_ids = {ch.id for ch in meeting.channels}
    if FLOOR not in channel_ids:
        raise SnapshotError(f"$.channels: no {FLOOR!r} channel")
    for index, ch in enumerate(meeting.channels):
        where = f"$.channels[{index}]"
        if ch.source is not None and ch.source not in channel_ids:
            raise SnapshotError(f"{where}.source: no channel {ch.source!r} in the snapshot")
        if ch.is_floor:
            continue
        if ch.source is not None and ch.on_air is None:
            raise SnapshotError(
                f"{where}.source: {ch.source!r} while nobody is on air on {ch.id!r}"
            )
        if ch.fallback is not None and ch.fallback != (ch.on_air is None):
            state = f"on air ({ch.on_air!r})" if ch.on_air else "off air"
            raise SnapshotError(f"{where}.fallback: {ch.fallback} although {ch.id!r} is {state}")
    for index, booth in enumerate(meeting.booths):
        for out in booth.outputs:
            if out == FLOOR:
                raise SnapshotError(f"$.booths[{index}].outputs: a booth never outputs the floor")
            if out not in channel_ids:
                raise SnapshotError(f"$.booths[{index}].outputs: no channel {out!r}")

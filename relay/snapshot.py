"""The meeting snapshot as relay relies on it: the protocol's own, checked for consistency.

The hub sends the whole meeting in ``welcome.meeting`` and in every
``{"type": "state", "meeting": {...}}``; a client decodes it once, into
:class:`channels.protocol.Meeting`, whose structs check types and required
fields (docs/protocol.md §7). :func:`parse_struct` takes that decoded
snapshot, as the engine's auto-relay, the console and the coordinator's
window hold it, and :func:`parse_meeting` a decoded JSON object; both add
the checks below and raise :class:`SnapshotError` naming the field, as in
``$.channels[2].on_air: Expected `str | null`, got `int```.

Beyond types, the things relay relies on are checked: ids are unique per
kind; the ``floor`` channel exists; a channel's ``source`` and a booth's
``outputs`` name channels of the snapshot (and outputs never the floor); an
interpretation channel has a ``source`` only while someone is on air; and
``fallback``, when present, says the same as ``on_air`` (fallback exactly
while nobody is on air). References to booths and participants are *not*
checked: the contract's example abbreviates those lists, and relay never
needs them to be complete (an unknown booth simply understands nothing).
Language codes compare exactly as written: the meeting file, the booths and
``floor_language`` use the same codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import msgspec

from channels.meeting import FLOOR
from channels.protocol import Meeting

__all__ = ["Meeting", "SnapshotError", "meeting_of", "parse_meeting", "parse_struct"]


class SnapshotError(ValueError):
    """The snapshot is not a meeting snapshot that relay can rely on; says where and why."""


def parse_meeting(data: object) -> Meeting:
    """Check a decoded ``meeting`` object and return its typed view.

    Raises :class:`SnapshotError` naming the first field that is wrong.
    """
    try:
        meeting = msgspec.convert(data, Meeting)
    except msgspec.ValidationError as exc:
        raise SnapshotError(f"not a meeting snapshot: {exc}") from None
    return parse_struct(meeting)


def parse_struct(meeting: Meeting) -> Meeting:
    """The same snapshot, once checked for what relay relies on (a client session's, say).

    The one check the engine's auto-relay, the console and the coordinator's
    window use. Raises :class:`SnapshotError` as :func:`parse_meeting` does.
    """
    _check(meeting)
    return meeting


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


def _check(meeting: Meeting) -> None:
    for kind, ids in (
        ("channels", [x.id for x in meeting.channels]),
        ("booths", [x.id for x in meeting.booths]),
        ("participants", [x.id for x in meeting.participants]),
    ):
        twice = [i for i, n in Counter(ids).items() if n > 1]
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

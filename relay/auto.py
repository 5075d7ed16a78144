"""Auto-relay: the interpreter's input follows the best source, unless they choose one.

:class:`AutoRelay` is a sans-I/O state machine for one booth (the console's
or ``rsi-bot --listen auto``'s). Its inputs are the meeting snapshots as
they arrive (:meth:`AutoRelay.update`), a source chosen by hand
(:meth:`AutoRelay.choose`) and the auto switch (:meth:`AutoRelay.set_auto`);
each returns a :class:`Decision`: the channel to interpret from (the I/O
layer puts it first in its ``listen``, which makes it the channel's
``source`` for everyone) and why (:attr:`Decision.left`,
:attr:`Decision.auto_resumed`). It never sends anything itself.

With auto on, every snapshot recomputes :func:`relay.source.best_source`. A
manual choice turns auto off and is kept, except that auto comes back by
itself when the chosen channel leaves the interpreter with a floor they do
not understand; turning auto off keeps the present source as if chosen by
hand. The policy in full: docs/architecture.md, "Design notes".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum

from channels.meeting import FLOOR
from relay.graph import RelayGraph, relay_graph
from relay.snapshot import Meeting
from relay.source import (
    LANGUAGE_NAMES,
    Reason,
    RelayError,
    best_source,
    booth_label,
    describe_reason,
    explain,
    own_channels,
)


class LeftBecause(Enum):
    """Why auto-relay (or a manual choice) left a source."""

    FLOOR_LANGUAGE = "floor_language"
    """The floor changed language."""
    OFF_AIR = "off_air"
    """Nobody is on air on it any more: it carries the floor."""
    LOOP = "loop"
    """It now takes relay, directly or through others, from this booth."""
    SOURCE_LOST = "source_lost"
    """Its own chain no longer reaches the floor in languages understood on the way."""
    SOURCE_RELAYS = "source_relays"
    """Its chain grew longer (it now takes relay itself), and a shorter one is on air."""
    BETTER = "better"
    """A shorter chain came on air (or a relay, while the booth was on the floor)."""


@dataclass(frozen=True, slots=True)
class Left:
    """The source that was left, as it was, and why."""

    cause: LeftBecause
    channel: str
    booth: str | None
    """The booth that was on air on it."""
    language: str | None
    """Its language (None for the floor)."""
    floor_language: str | None
    """The floor language before the change."""


@dataclass(frozen=True, slots=True)
class Decision:
    """What to interpret from, and why."""

    source: str
    """The channel to put first in ``listen``."""
    auto: bool
    reason: Reason
    left: Left | None = None
    """Why auto-relay left the previous source. It stays while the source, the kind of
    reason and the floor language stay, so that the console can go on showing why; None
    after a choice, a press of the switch, or when the situation it explained is over."""
    auto_resumed: bool = False
    """Auto came back on by itself: the manual source went off air (module docstring).
    Like ``left``, it stays while the source stays."""


class AutoRelay:
    """Auto-relay for one booth. Feed it snapshots and the interpreter's choices."""

    def __init__(self, booth_id: str, meeting: Meeting, *, auto: bool = True) -> None:
        self.booth_id = booth_id
        graph = self._graph_for(meeting)
        self._graph = graph
        self._manual_on_air = False
        if auto:
            choice = best_source(graph, booth_id)
            self._decision = Decision(choice.source, True, choice.reason)
        else:
            self._decision = self._hold(FLOOR)

    @property
    def decision(self) -> Decision:
        return self._decision

    @property
    def graph(self) -> RelayGraph:
        """The relay graph of the latest snapshot."""
        return self._graph

    def update(self, meeting: Meeting) -> Decision:
        """A new snapshot. Raises RelayError (and changes nothing) if it lacks this booth."""
        graph = self._graph_for(meeting)
        before, self._graph = self._graph, graph
        current = self._decision.source
        if self._decision.auto:
            choice = best_source(graph, self.booth_id, current=current)
            if choice.source == current:
                self._decision = self._stay(choice.reason)
            else:
                left = self._why_left(before, current)
                self._decision = Decision(choice.source, True, choice.reason, left)
        elif self._manual_source_lost(current):
            choice = best_source(graph, self.booth_id)
            left = self._left(before, current, LeftBecause.OFF_AIR)
            self._decision = Decision(choice.source, True, choice.reason, left, auto_resumed=True)
        else:
            self._decision = self._hold(current)
        return self._decision

    def choose(self, channel_id: str) -> Decision:
        """The interpreter picks a source: auto goes off and this channel wins."""
        if self._graph.meeting.channel(channel_id) is None:
            raise RelayError(f"no channel {channel_id!r} in the meeting")
        self._manual_on_air = False
        self._decision = self._hold(channel_id)
        return self._decision

    def set_auto(self, on: bool) -> Decision:
        """Turn auto-relay on (the best source now) or off (keep the present source)."""
        current = self._decision.source
        if on:
            choice = best_source(self._graph, self.booth_id, current=current)
            self._decision = Decision(choice.source, True, choice.reason)
        else:
            self._manual_on_air = False
            self._decision = self._hold(current)
        return self._decision

    # --- Inside ------------------------------------------------------------------------

    def _stay(self, reason: Reason) -> Decision:
        """Same source: the why stays as long as the situation it explains (kind, floor)."""
        was = self._decision
        if (reason.kind, reason.floor_language) == (was.reason.kind, was.reason.floor_language):
            return replace(was, reason=reason)
        return Decision(was.source, True, reason)

    def _graph_for(self, meeting: Meeting) -> RelayGraph:
        if meeting.booth(self.booth_id) is None:
            raise RelayError(f"no booth {self.booth_id!r} in meeting {meeting.id!r}")
        return relay_graph(meeting)

    def _hold(self, channel_id: str) -> Decision:
        """Keep ``channel_id`` as the manual source, noting whether it has been on air."""
        ch = self._graph.meeting.channel(channel_id)
        if ch is not None and not ch.is_floor and ch.on_air is not None:
            self._manual_on_air = True
        return Decision(channel_id, False, explain(self._graph, channel_id))

    def _manual_source_lost(self, channel_id: str) -> bool:
        """The exception to "manual wins": see the module docstring."""
        meeting = self._graph.meeting
        ch = meeting.channel(channel_id)
        if ch is None:
            return True  # the channel is gone from the meeting: nothing to listen to
        floor_language = meeting.floor_language
        return (
            self._manual_on_air
            and not ch.is_floor
            and ch.on_air is None
            and floor_language is not None
            and floor_language not in meeting.understood_by(self.booth_id)
        )

    def _why_left(self, before: RelayGraph, source: str) -> Left:
        now = self._graph.meeting
        if now.floor_language != before.meeting.floor_language:
            return self._left(before, source, LeftBecause.FLOOR_LANGUAGE)
        ch = now.channel(source)
        if ch is None or (not ch.is_floor and ch.on_air is None):
            return self._left(before, source, LeftBecause.OFF_AIR)
        chain = self._graph.chain(source)
        if own_channels(self._graph, self.booth_id).intersection(chain.channels):
            return self._left(before, source, LeftBecause.LOOP)
        if source != FLOOR and not chain.sound:
            return self._left(before, source, LeftBecause.SOURCE_LOST)
        if source in before.chains and before.chain(source).steps < chain.steps:
            return self._left(before, source, LeftBecause.SOURCE_RELAYS)
        return self._left(before, source, LeftBecause.BETTER)

    @staticmethod
    def _left(before: RelayGraph, source: str, cause: LeftBecause) -> Left:
        was = before.meeting
        ch = was.channel(source)
        return Left(
            cause,
            source,
            booth=was.holder_booth(source),
            language=None if ch is None or ch.is_floor else ch.language,
            floor_language=was.floor_language,
        )


def describe(decision: Decision, names: Mapping[str, str] = LANGUAGE_NAMES) -> str:
    """The decision in English: ``the English booth went off air; floor: Arabic → ...``."""
    parts = ["auto-relay back on"] if decision.auto_resumed else []
    if decision.left is not None:
        parts.append(describe_left(decision.left, names))
    parts.append(describe_reason(decision.reason, names))
    return "; ".join(parts)


def describe_left(left: Left, names: Mapping[str, str] = LANGUAGE_NAMES) -> str:
    """Why a source was left, in English."""
    what = "the floor" if left.channel == FLOOR else booth_label(left.booth, left.language, names)
    match left.cause:
        case LeftBecause.FLOOR_LANGUAGE:
            if left.floor_language is None:
                return "the floor language is now set"
            return f"the floor switched from {names.get(left.floor_language, left.floor_language)}"
        case LeftBecause.OFF_AIR:
            return f"{what} went off air"
        case LeftBecause.LOOP:
            return f"{what} now takes relay from you"
        case LeftBecause.SOURCE_LOST:
            return f"{what} lost its own source"
        case LeftBecause.SOURCE_RELAYS:
            return f"{what} now takes relay itself"
        case LeftBecause.BETTER:
            return "a relay came on air" if left.channel == FLOOR else "a shorter relay came on air"

"""The relay graph of a meeting: who interprets from whom, how far from the floor.

:class:`RelayGraph` is a pure function of one
:class:`~relay.snapshot.Meeting`. Every interpretation channel with someone
on air takes its sound from its ``source`` (the floor, or another channel:
relay); a channel in floor fallback *is* the floor, one hop further.
:meth:`RelayGraph.chain` follows sources from a channel to its
:class:`Chain`, which ends at the floor (``steps`` counts the
interpretations on the way), in a loop, or at a channel on air whose
interpreter listens to nothing. Its :class:`Quality` is what a hardware desk
shows: *floor*, one step *+* (a pivot), *minus* (relay of relay, shown as
U+2212), or :attr:`Quality.NONE` when the floor is never reached.
:attr:`Chain.sound` is false when the chain has a weak link, so that
auto-relay never builds on it; which links are weak, and why:
docs/architecture.md, "Design notes".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from channels.meeting import FLOOR
from relay.snapshot import Meeting


class Quality(Enum):
    """What a listener of a channel gets, counted in interpretations from the floor."""

    FLOOR = "floor"
    PIVOT = "+"
    RELAY_OF_RELAY = "\u2212"
    NONE = "none"
    """The chain never reaches the floor (a loop, or nobody to interpret from)."""

    @classmethod
    def of_steps(cls, steps: int) -> Quality:
        if steps < 0:
            raise ValueError(f"steps count interpretations and cannot be negative: {steps}")
        return (cls.FLOOR, cls.PIVOT)[steps] if steps < 2 else cls.RELAY_OF_RELAY


class ChainEnd(Enum):
    FLOOR = "floor"
    LOOP = "loop"
    NO_SOURCE = "no_source"
    """A channel on air whose interpreter listens to nothing."""


@dataclass(frozen=True, slots=True)
class Chain:
    """Where the sound of one channel comes from, hop by hop."""

    channels: tuple[str, ...]
    """From the first channel to the end: ends with ``floor`` when ``end`` is FLOOR; for a
    loop, the channel it runs back to is the last one's source and is not repeated."""
    end: ChainEnd
    steps: int
    """Channels on air in the chain: the interpretations a listener of the first one hears."""
    not_understood: tuple[str, ...] = ()
    """Channels whose interpreter works from a language its booth does not understand."""
    loop_prone: tuple[str, ...] = ()
    """Channels whose booth hears its source through one of its own idle outputs."""

    @property
    def quality(self) -> Quality:
        return Quality.of_steps(self.steps) if self.end is ChainEnd.FLOOR else Quality.NONE

    @property
    def sound(self) -> bool:
        """Reaches the floor, through interpreters who understand what they hear and
        whose sound does not come through an idle output of their own booth."""
        return self.end is ChainEnd.FLOOR and not self.not_understood and not self.loop_prone


@dataclass(frozen=True, slots=True)
class RelayGraph:
    """The relay chains of every channel of one snapshot. Build it with :func:`relay_graph`."""

    meeting: Meeting
    sources: Mapping[str, str]
    """Channel -> the channel its sound comes from: the source of a channel on air, ``floor``
    for a channel in fallback. The floor and channels on air with no source have none."""
    chains: Mapping[str, Chain]
    loops: tuple[tuple[str, ...], ...]
    """Every loop once, as channels in relay order starting at the smallest id; sorted."""

    def chain(self, channel_id: str) -> Chain:
        """The chain of a channel of the snapshot (KeyError for an unknown id)."""
        return self.chains[channel_id]

    def quality(self, channel_id: str) -> Quality:
        """The relay quality of listening to ``channel_id``."""
        return self.chains[channel_id].quality

    def booth_channel(self, booth_id: str) -> str | None:
        """The channel a booth is on air on, or None."""
        for ch in self.meeting.channels:
            if self.meeting.holder_booth(ch.id) == booth_id:
                return ch.id
        return None

    def booth_source(self, booth_id: str) -> str | None:
        """What the booth on air interprets from; None when it is not on air or hears nothing."""
        channel = self.booth_channel(booth_id)
        return None if channel is None else self.sources.get(channel)

    def booth_quality(self, booth_id: str) -> Quality | None:
        """The booth's relay quality (floor, plus, minus, none); None while it is not on air."""
        channel = self.booth_channel(booth_id)
        if channel is None:
            return None
        source = self.sources.get(channel)
        return Quality.NONE if source is None else self.quality(source)


def relay_graph(meeting: Meeting) -> RelayGraph:
    """Follow every channel's source to the floor, a loop, or a dead end."""
    sources: dict[str, str] = {}
    for ch in meeting.channels:
        if ch.is_floor:
            continue
        if ch.on_air is None:
            sources[ch.id] = FLOOR
        elif ch.source is not None:
            sources[ch.id] = ch.source
    chains = {ch.id: _follow(meeting, sources, ch.id) for ch in meeting.channels}
    loops = set()
    for chain in chains.values():
        if chain.end is ChainEnd.LOOP:
            back_to = sources[chain.channels[-1]]
            cycle = chain.channels[chain.channels.index(back_to) :]
            first = cycle.index(min(cycle))
            loops.add(cycle[first:] + cycle[:first])
    return RelayGraph(meeting, sources, chains, tuple(sorted(loops)))


def _follow(meeting: Meeting, sources: Mapping[str, str], start: str) -> Chain:
    seen: list[str] = []
    steps = 0
    not_understood: list[str] = []
    at = start
    end = ChainEnd.FLOOR
    while at != FLOOR:
        if at in seen:
            end = ChainEnd.LOOP
            break
        seen.append(at)
        ch = meeting.channel(at)
        assert ch is not None, "sources only name channels of the snapshot"
        source = sources.get(at)
        if ch.on_air is not None:
            steps += 1
            if source is None:
                end = ChainEnd.NO_SOURCE
                break
            if not _understands(meeting, at, source):
                not_understood.append(at)
        assert source is not None, "a channel off air carries the floor"
        at = source
    hops = (*seen, FLOOR) if end is ChainEnd.FLOOR else tuple(seen)
    return Chain(hops, end, steps, tuple(not_understood), _loop_prone(meeting, hops))


def _loop_prone(meeting: Meeting, hops: tuple[str, ...]) -> tuple[str, ...]:
    """The channels of ``hops`` whose booth has an idle output further down the chain."""
    prone = []
    for index, channel_id in enumerate(hops):
        booth = meeting.booth(meeting.holder_booth(channel_id) or "")
        if booth is None:
            continue
        idle = {out for out in booth.outputs if meeting.holder_booth(out) is None}
        if idle.intersection(hops[index + 1 :]):
            prone.append(channel_id)
    return tuple(prone)


def _understands(meeting: Meeting, channel_id: str, source: str) -> bool:
    """Whether the booth on air on ``channel_id`` understands what ``source`` carries.

    Not judged (True) while the floor language is unknown; a relay channel without a
    language (a malformed meeting) is never understood.
    """
    heard = meeting.channel(source)
    assert heard is not None, "sources only name channels of the snapshot"
    if heard.carries_floor:
        if meeting.floor_language is None:
            return True
        language: str | None = meeting.floor_language
    else:
        language = heard.language
    booth = meeting.holder_booth(channel_id)
    return language is not None and booth is not None and language in meeting.understood_by(booth)

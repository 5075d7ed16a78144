"""What the coordinator's window shows, from the engine's events: pure data, no Qt.

The coordinator watches the whole meeting at once: every channel (its level,
who is on air, where its sound comes from, how many listen), every booth
(members, who is live, a pending handover, the turn timer), every
participant's link, the alarms, and the messages. :class:`CoordinatorModel`
digests engine events (:meth:`CoordinatorModel.apply`) and feeds the alarms
(:mod:`console.coordinator.alarms`); :meth:`CoordinatorModel.view` returns an immutable
:class:`CoordinatorView` for a given wall-clock time, which the window only
draws. Texts are codes, names and numbers; the Qt layer words them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from audio.commands import (
    ChatReceived,
    CommandRejected,
    Connecting,
    ConnectionFailed,
    Disconnected,
    Event,
    HubError,
    InputSwitched,
    Meeting,
    MeetingChanged,
    Metrics,
    SignalReceived,
    Welcomed,
)
from channels.meeting import FLOOR
from channels.session import Me
from console.coordinator.alarms import Alarm, Alarms, Change
from console.shell.model import (
    LINK_POOR_JITTER_MS,
    LINK_POOR_LOSS,
    LINK_POOR_RTT_MS,
    MAX_MESSAGES,
    MAX_NOTICES,
    QUIET_METER,
    Connection,
    Meter,
    channel_meter,
)
from relay.graph import ChainEnd, Quality, RelayGraph, relay_graph
from relay.snapshot import SnapshotError, parse_struct


@dataclass(frozen=True, slots=True)
class ChannelRow:
    id: str
    language: str | None
    on_air: str | None
    """Participant id of whoever speaks on it (None: nobody; an interpretation channel then
    carries the floor)."""
    speaker: str | None
    """Their name."""
    cough: bool
    gateway: bool
    """A gateway is on air: the channel carries another platform's meeting."""
    platform: str | None
    """The platform of the gateway on air, as its hello named it (None: it named none)."""
    meter: Meter
    chain: tuple[str, ...]
    """Where the sound comes from, source first: ("floor", "en", "fr") for fr relaying en."""
    end: ChainEnd
    quality: Quality
    listeners: int
    heard: bool
    """The coordinator listens to it now."""

    @property
    def fallback(self) -> bool:
        return self.id != FLOOR and self.on_air is None


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    name: str
    connected: bool
    live: bool


@dataclass(frozen=True, slots=True)
class BoothRow:
    id: str
    outputs: tuple[str, ...]
    members: tuple[Member, ...]
    live: str | None
    """Name of the live member."""
    channel: str | None
    """The channel the booth is on air on."""
    handover: tuple[str, str, str] | None
    """A pending handover: (action, from name, to name)."""
    turn_s: float | None


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    id: str
    name: str
    role: str
    platform: str | None
    """A gateway's: the platform it serves, as its hello named it."""
    booth: str | None
    connected: bool
    on_air: str | None
    rtt_ms: float | None
    jitter_ms: float | None
    loss: float | None
    poor: bool
    """The link is worse than RSI providers ask (ping 250 ms, jitter 30 ms, loss 2 %)."""


@dataclass(frozen=True, slots=True)
class Message:
    at: float
    sender: str
    to: str
    text: str


@dataclass(frozen=True, slots=True)
class CoordinatorView:
    connection: Connection
    connection_text: str
    title: str
    me: str
    floor_language: str | None
    floor_language_set_by: str | None
    """The name of whoever set the floor language; None: it is the meeting file's (also after
    a hub restart, which the alarm ``floor_language_reset`` then reports)."""
    languages: tuple[str, ...]
    """What the floor may speak: the channels' languages, then those the booths understand."""
    channels: tuple[ChannelRow, ...]
    booths: tuple[BoothRow, ...]
    participants: tuple[ParticipantRow, ...]
    listeners: int
    heard: str | None
    """The channel the coordinator listens to."""
    alarms: tuple[Alarm, ...]
    messages: tuple[Message, ...]
    notices: tuple[str, ...]
    now: float


@dataclass(slots=True)
class CoordinatorModel:
    """The coordinator's state: apply events, read views."""

    alarms: Alarms = field(default_factory=Alarms)
    connection: Connection = Connection.OFFLINE
    connection_text: str = ""
    me: Me | None = None
    meeting: Meeting | None = None
    graph: RelayGraph | None = None
    metrics: Metrics | None = None
    heard: str | None = None
    messages: deque[Message] = field(default_factory=lambda: deque(maxlen=MAX_MESSAGES))
    notices: deque[str] = field(default_factory=lambda: deque(maxlen=MAX_NOTICES))

    def apply(self, event: Event, now: float) -> list[Change]:
        """Digest one engine event (``now``: wall-clock time); returns the alarms' changes."""
        match event:
            case Metrics():
                self.metrics = event
                if event.inputs:
                    self.heard = event.inputs[0].channel
                return self.alarms.levels(event.channels, now)
            case Connecting(url=url):
                self.connection, self.connection_text = Connection.CONNECTING, url
            case Welcomed(me=me, meeting=meeting):
                self.me = me
                self.connection, self.connection_text = Connection.CONNECTED, ""
                return self._set_meeting(meeting, now)
            case MeetingChanged(meeting=meeting):
                return self._set_meeting(meeting, now)
            case InputSwitched(index=0, channel=channel):
                self.heard = channel
            case SignalReceived(sender=sender, kind=kind, at=at):
                return self.alarms.signal(sender, kind, now if not at else min(at, now))
            case ChatReceived():
                self.messages.append(
                    Message(
                        event.at or now,
                        event.name or self._name(event.sender),
                        event.to,
                        event.text,
                    )
                )
            case ConnectionFailed(sentence=sentence):
                self.connection, self.connection_text = Connection.FAILED, sentence
            case Disconnected(sentence=sentence, resumable=resumable):
                self.connection = Connection.LOST if resumable else Connection.FAILED
                self.connection_text = sentence
            case HubError(sentence=sentence) | CommandRejected(sentence=sentence):
                self.notices.append(sentence)
        return []

    def _set_meeting(self, meeting: Meeting, now: float) -> list[Change]:
        self.meeting = meeting
        try:
            self.graph = relay_graph(parse_struct(meeting))
        except SnapshotError as exc:
            self.graph = None
            self.notices.append(str(exc))
        return self.alarms.meeting(meeting, now)

    def channel_ids(self) -> tuple[str, ...]:
        return tuple(ch.id for ch in self.meeting.channels) if self.meeting is not None else ()

    def holder(self, channel: str | None) -> str | None:
        """Who is on air on ``channel`` (a participant id), or None."""
        info = self.meeting.channel(channel) if self.meeting and channel else None
        return info.on_air if info is not None else None

    def _name(self, participant: str | None) -> str:
        if participant is None:
            return ""
        info = self.meeting.participant(participant) if self.meeting is not None else None
        return info.name if info is not None and info.name else participant

    # -- the view -------------------------------------------------------------------------

    def view(self, now: float) -> CoordinatorView:
        meeting = self.meeting
        languages: tuple[str, ...] = ()
        set_by: str | None = None
        if meeting is not None:
            set_by = meeting.floor_language_set_by
            found = [ch.language for ch in meeting.channels if ch.language is not None]
            found += [language for booth in meeting.booths for language in booth.languages]
            if meeting.floor_language is not None:
                found.append(meeting.floor_language)
            languages = tuple(dict.fromkeys(found))
        return CoordinatorView(
            connection=self.connection,
            connection_text=self.connection_text,
            title=(meeting.title or meeting.id) if meeting is not None else "",
            me=self.me.name if self.me is not None else "",
            floor_language=meeting.floor_language if meeting is not None else None,
            floor_language_set_by=self._name(set_by) if set_by is not None else None,
            languages=languages,
            channels=self._channels(),
            booths=self._booths(now),
            participants=self._participants(),
            listeners=meeting.listeners if meeting is not None else 0,
            heard=self.heard,
            alarms=self.alarms.active,
            messages=tuple(self.messages),
            notices=tuple(self.notices),
            now=now,
        )

    def _meter(self, channel: str) -> Meter:
        return channel_meter(self.metrics, channel) if self.metrics is not None else QUIET_METER

    def _channels(self) -> tuple[ChannelRow, ...]:
        meeting, graph = self.meeting, self.graph
        if meeting is None:
            return ()
        rows = []
        for ch in meeting.channels:
            chain: tuple[str, ...] = (ch.id,)
            end, quality = ChainEnd.FLOOR, Quality.FLOOR
            if graph is not None and ch.id in graph.chains:
                found = graph.chain(ch.id)
                chain, end, quality = tuple(reversed(found.channels)), found.end, found.quality
            info = meeting.participant(ch.on_air) if ch.on_air is not None else None
            rows.append(
                ChannelRow(
                    id=ch.id,
                    language=ch.language,
                    on_air=ch.on_air,
                    speaker=self._name(ch.on_air) if ch.on_air is not None else None,
                    cough=info is not None and info.cough,
                    gateway=info is not None and info.role == "gateway",
                    platform=info.platform if info is not None else None,
                    meter=self._meter(ch.id),
                    chain=chain,
                    end=end,
                    quality=quality,
                    listeners=ch.listeners or 0,
                    heard=ch.id == self.heard,
                )
            )
        return tuple(rows)

    def _booths(self, now: float) -> tuple[BoothRow, ...]:
        meeting = self.meeting
        if meeting is None:
            return ()
        rows = []
        for booth in meeting.booths:
            members = []
            for member in booth.members:
                info = meeting.participant(member)
                connected = info is not None and info.connected
                members.append(Member(member, self._name(member), connected, booth.live == member))
            pending = booth.handover
            turn = None
            if booth.live is not None and booth.live_since is not None:
                turn = max(0.0, now - booth.live_since)
            rows.append(
                BoothRow(
                    id=booth.id,
                    outputs=booth.outputs,
                    members=tuple(members),
                    live=self._name(booth.live) if booth.live is not None else None,
                    channel=meeting.air_of(booth.live) if booth.live is not None else None,
                    handover=(
                        (pending.action, self._name(pending.sender), self._name(pending.to))
                        if pending is not None
                        else None
                    ),
                    turn_s=turn,
                )
            )
        return tuple(rows)

    def _participants(self) -> tuple[ParticipantRow, ...]:
        meeting = self.meeting
        if meeting is None:
            return ()
        rows = []
        for x in meeting.participants:
            q = x.quality
            poor = q is not None and (
                q.rtt_ms > LINK_POOR_RTT_MS
                or q.jitter_ms > LINK_POOR_JITTER_MS
                or q.loss > LINK_POOR_LOSS
            )
            rows.append(
                ParticipantRow(
                    id=x.id,
                    name=x.name or x.id,
                    role=x.role,
                    platform=x.platform,
                    booth=x.booth,
                    connected=x.connected,
                    on_air=meeting.air_of(x.id),
                    rtt_ms=q.rtt_ms if q is not None else None,
                    jitter_ms=q.jitter_ms if q is not None else None,
                    loss=q.loss if q is not None else None,
                    poor=poor,
                )
            )
        return tuple(rows)

"""What the interpreter's console shows, from the engine's events: pure data, no Qt, no clock.

The window is a function of this state. Keeping it here, apart from the
widgets, is what lets tests check every rule of the display ("engaged",
relay quality, the handover buttons that make sense now, unread messages...)
directly, and what keeps widgets down to drawing. :class:`ViewModel` digests
events (:meth:`ViewModel.apply`) and the user's local choices (which output,
floor or relay, which relay is pre-selected); :meth:`ViewModel.view` returns
an immutable :class:`View` for a given wall-clock time (turn timer, clock).

Texts that come from the engine or the hub (their ``sentence`` fields) are
passed through as they are; everything else is codes and numbers, so the Qt
layer words and translates it.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from typing import Final

from audio.commands import (
    AirChanged,
    AutoRelayChanged,
    ChatReceived,
    CommandRejected,
    Connecting,
    ConnectionFailed,
    Disconnected,
    Event,
    ForcedOff,
    HubError,
    InputSwitched,
    LinkRestored,
    LinkStalled,
    Meeting,
    MeetingChanged,
    Metrics,
    PlayoutCounts,
    PortProblem,
    Priority,
    ProtectionAlert,
    Reconnected,
    ReconnectGaveUp,
    Reconnecting,
    Welcomed,
)
from audio.protection import Layer
from channels.meeting import FLOOR
from channels.session import Me
from console.shell.model import (
    LINK_POOR_JITTER_MS,
    LINK_POOR_LOSS,
    LINK_POOR_RTT_MS,
    MAX_MESSAGES,
    MAX_NOTICES,
    QUIET_METER,
    SILENT_AFTER_S,
    Connection,
    Meter,
    channel_meter,
)
from relay.graph import Quality, relay_graph
from relay.snapshot import SnapshotError, parse_struct

OUTPUT_LETTERS: Final = "ABCDEF"
FLOOR_INPUT: Final = 0
"""The engine's input that plays the floor (PROTOCOL.md: the first listened is the source)."""
RELAY_INPUT: Final = 1
"""The input that plays the relay (auto-relay moves this one)."""
PARTNER_INPUT: Final = 2
"""The input that plays the booth's own output, to hear the partner."""
INPUTS: Final = 3
RESTORED_SHOWN_S: Final = 5.0
"""How long "sound from the hub is back" stays on the connection line after a stall."""


class Air(Enum):
    """The state of the microphone, as the big control shows it."""

    OFF = "off"
    TAKING = "taking"
    """Pressed, the hub has not confirmed yet (sending has started on trust)."""
    ON = "on"
    COUGH = "cough"
    """On air, muted while the cough key is held."""
    UNSURE = "unsure"
    """On air (or taking it), but the hub is not heard (a stalled link): the voice may
    reach no one."""


class Source(Enum):
    FLOOR = "floor"
    RELAY = "relay"


class Severity(Enum):
    INFO = "info"
    WARNING = "warning"
    ALARM = "alarm"


@dataclass(frozen=True, slots=True)
class Notice:
    at: float
    severity: Severity
    text: str
    params: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChannelMark:
    """A channel of the meeting, as the input side lists it."""

    id: str
    language: str | None
    on_air: str | None
    """Name of whoever holds it (None: nobody; the floor's fallback plays)."""
    live: bool
    """Sound arrives on it now (a packet within the last second); only where ``heard``."""
    quality: Quality
    """What a listener of this channel gets: floor, + or minus."""
    heard: bool = False
    """The console receives it (an input plays it, or it is metered): only then is ``live``
    known; elsewhere the hub's state (``on_air``) is all there is to show."""
    source: str | None = None
    """The channel its interpreter interprets from (``floor`` or a channel id); None while
    nobody is on air or the interpreter listens to nothing."""
    listeners: int | None = None
    """Listeners on it (the audience indicator); None when the hub does not count."""
    own: bool = False
    """One of our booth's outputs."""


@dataclass(frozen=True, slots=True)
class OutputChoice:
    channel: str
    letter: str
    selected: bool
    engaged_by: str | None
    """Someone of another booth is on air on it (its name): "channel engaged"."""
    ours: bool
    """Someone of our booth (we or the partner) is on air on it."""


@dataclass(frozen=True, slots=True)
class Meters:
    floor: Meter = QUIET_METER
    relay: Meter = QUIET_METER
    mic: Meter = QUIET_METER
    out_left: Meter = QUIET_METER
    out_right: Meter = QUIET_METER
    limiting_db: float = 0.0
    """Gain reduction of hearing protection now (0: untouched)."""
    limiter: Layer = Layer.NONE
    """Which protection layers act (the window words them: console.shell.protection)."""


@dataclass(frozen=True, slots=True)
class Partner:
    id: str
    name: str
    connected: bool
    live: bool
    cough: bool


@dataclass(frozen=True, slots=True)
class HandoverView:
    pending: str | None
    """``offer`` or ``request`` while one is pending."""
    from_me: bool
    to_me: bool
    other: str | None
    """Name of the partner involved."""
    can_offer: bool
    can_request: bool
    can_accept: bool
    can_cancel: bool
    turn_s: float | None
    """How long the booth's live member has been on air."""


@dataclass(frozen=True, slots=True)
class ChatLine:
    at: float
    sender: str
    to: str
    text: str
    mine: bool
    from_coordinator: bool


@dataclass(frozen=True, slots=True)
class LinkView:
    rtt_ms: float | None
    jitter_ms: float
    loss: float
    poor: bool
    playout: PlayoutCounts
    """Underruns: the jitter buffers' and the sound card's gaps (the engine late; blocks
    missed in a row are one gap heard) together: what the interpreter heard break off."""
    priority: Priority
    stale: bool = False
    """The figures are from before a stall: unknown now."""
    hub: str | None = None
    """The address the link is on (of several: the cluster's edge in use)."""


@dataclass(frozen=True, slots=True)
class View:
    connection: Connection
    connection_text: str
    """The hub while connecting; why, when failed, lost or reconnecting."""
    reconnect_attempt: int
    stalled_s: float | None
    """While the link is stalled: how long the hub has said nothing (counts on)."""
    restored_s: float | None
    """For a few seconds after a stall: how long it lasted."""
    stale: bool
    """The meeting's state shown (who is on air, the turn) may be out of date: the link is
    stalled, reconnecting or lost."""
    meeting_title: str
    me_name: str
    booth: str | None
    air: Air
    air_channel: str | None
    outputs: tuple[OutputChoice, ...]
    source: Source
    source_channel: str | None
    """The channel the interpreter hears now, floor or relay (per the engine)."""
    relay_channel: str | None
    """The pre-selected relay."""
    auto: bool
    """Auto-relay chooses the source."""
    auto_reason: str
    """Why auto-relay chose it (the engine's sentence)."""
    floor_language: str | None
    floor_language_set_by: str | None
    """The name of whoever set the floor language; None: it is the meeting file's (also after
    a hub restart)."""
    channels: tuple[ChannelMark, ...]
    source_quality: Quality
    meters: Meters
    volume: float
    """The floor's volume; also the relay's unless ``split_ears``."""
    relay_volume: float
    """The relay's own volume while ``split_ears`` (ISO 20109 section 5.7.3)."""
    split_ears: bool
    """Floor and relay each in an ear of their own: the floor keeps playing beside the
    relay, and each has its own volume."""
    together: bool
    """Floor and relay play at once (the engine's inputs), each in its ear."""
    audience: int | None
    """Listeners of the selected output channel; None without an output or a count."""
    partner_volume: float
    bass_db: float
    treble_db: float
    floor_ear: str
    relay_ear: str
    partner_ear: str
    partner_listen: bool
    partners: tuple[Partner, ...]
    handover: HandoverView
    messages: tuple[ChatLine, ...]
    """The latest messages (at most MAX_MESSAGES)."""
    message_count: int
    """Messages received since the start (the window appends the new ones)."""
    unread: int
    floor_issues: tuple[str, ...]
    """Reasons the floor sounds poor (band-limited, clipped, too quiet...); empty when fine."""
    floor_issue_codes: tuple[str, ...]
    link: LinkView | None
    notices: tuple[Notice, ...]
    no_sound_card: bool
    port_problem: str | None
    now: float


@dataclass(slots=True)
class _Settings:
    """The user's local choices (not the meeting's)."""

    output_index: int = 0
    source: Source = Source.FLOOR
    relay_channel: str | None = None
    volume: float = 0.7
    relay_volume: float = 0.7
    partner_volume: float = 0.7
    bass_db: float = 0.0
    treble_db: float = 0.0
    auto: bool = False
    floor_ear: str = "both"
    relay_ear: str = "both"
    partner_ear: str = "both"
    partner_listen: bool = False


@dataclass(slots=True)
class ViewModel:
    """The console's state; feed it every engine event, read :meth:`view`."""

    me: Me | None = None
    meeting: Meeting | None = None
    connection: Connection = Connection.OFFLINE
    connection_text: str = ""
    air_event: AirChanged = field(default_factory=lambda: AirChanged(None, False, False))
    inputs: dict[int, str | None] = field(default_factory=dict)
    metrics: Metrics | None = None
    messages: deque[ChatLine] = field(default_factory=lambda: deque(maxlen=MAX_MESSAGES))
    message_count: int = 0
    unread: int = 0
    notices: deque[Notice] = field(default_factory=lambda: deque(maxlen=MAX_NOTICES))
    no_sound_card: bool = False
    port_problem: str | None = None
    auto_reason: str = ""
    reconnect_attempt: int = 0
    stalled_s: float | None = None
    restored: tuple[float, float] | None = None
    """(when, after how long) the hub was heard again after a stall."""
    settings: _Settings = field(default_factory=_Settings)
    _qualities: dict[str, Quality] = field(default_factory=dict)

    # -- events ----------------------------------------------------------------------------

    def apply(self, event: Event, now: float) -> None:
        """Digest one engine event (``now``: wall-clock time it is shown at)."""
        match event:
            case Metrics():
                self.metrics = event
                if self.stalled_s is not None and event.link.silent_s is not None:
                    self.stalled_s = event.link.silent_s
            case LinkStalled(silent_s=silent_s):
                self.stalled_s = silent_s
            case LinkRestored(silent_s=silent_s):
                self.stalled_s = None
                self.restored = (now, silent_s)
            case Connecting():
                if self.connection is not Connection.RECONNECTING:
                    self.connection = Connection.CONNECTING
                self.connection_text = event.url
            case Welcomed(me=me, meeting=meeting):
                self.stalled_s = None
                self.me = me
                self.connection = Connection.CONNECTED
                self.connection_text = ""
                self._set_meeting(meeting)
                if self.settings.relay_channel is None:
                    self.settings.relay_channel = self.default_relay()
            case MeetingChanged(meeting=meeting):
                self._set_meeting(meeting)
            case AirChanged():
                self.air_event = event
            case InputSwitched(index=index, channel=channel):
                self.inputs[index] = channel
            case AutoRelayChanged(auto=auto, sentence=sentence):
                self.settings.auto = auto
                self.auto_reason = sentence if auto else ""
            case ChatReceived():
                mine = self.me is not None and event.sender == self.me.id
                sender = self.meeting.participant(event.sender) if self.meeting else None
                coordinator = sender is not None and sender.role == "coordinator"
                self.messages.append(
                    ChatLine(
                        event.at or now,
                        event.name or event.sender,
                        event.to,
                        event.text,
                        mine,
                        coordinator,
                    )
                )
                self.message_count += 1
                if not mine:
                    self.unread += 1
            case ConnectionFailed(sentence=sentence):
                self.stalled_s = None
                self.connection = Connection.FAILED
                self.connection_text = sentence
            case Disconnected(sentence=sentence, resumable=resumable):
                self.stalled_s = None
                self.connection = Connection.LOST if resumable else Connection.FAILED
                self.connection_text = sentence
                self.air_event = AirChanged(None, False, self.air_event.cough)
            case ForcedOff():
                self.notice(now, Severity.ALARM, "forced_off")
            case HubError(sentence=sentence) | CommandRejected(sentence=sentence):
                self.notice(now, Severity.WARNING, sentence)
            case ProtectionAlert(kind=kind, value=value):
                calm = kind.endswith("_end")  # howl_end, sustained_end, backoff_end
                severity = Severity.INFO if calm else Severity.ALARM
                self.notice(now, severity, "protection", kind, repr(value))
            case PortProblem(problem=problem):
                self.port_problem = problem
            case Reconnecting(attempt=attempt, reason=reason):
                self.stalled_s = None
                self.connection = Connection.RECONNECTING
                self.connection_text = reason
                self.reconnect_attempt = attempt
                self.air_event = AirChanged(None, False, self.air_event.cough)
            case Reconnected(listening=listening, air_lost=air_lost):
                self.connection = Connection.CONNECTED
                self.connection_text = ""
                restored = ", ".join(ch.upper() for ch in listening)
                self.notice(now, Severity.INFO, "restored", restored)
                if air_lost is not None:
                    self.notice(now, Severity.ALARM, "air_lost", air_lost.upper())
            case ReconnectGaveUp(sentence=sentence):
                self.connection = Connection.FAILED
                self.connection_text = sentence

    def notice(self, now: float, severity: Severity, text: str, *params: str) -> None:
        """``text``: a code the window words (notices.notice_text) or a sentence."""
        self.notices.append(Notice(now, severity, text, params))

    def _set_meeting(self, meeting: Meeting) -> None:
        self.meeting = meeting
        try:
            graph = relay_graph(parse_struct(meeting))
        except SnapshotError:
            self._qualities = {}
            return
        self._qualities = {ch.id: graph.quality(ch.id) for ch in meeting.channels}

    # -- local choices ----------------------------------------------------------------------

    def own_outputs(self) -> tuple[str, ...]:
        booth = self.meeting.booth(self.me.booth) if self.meeting and self.me else None
        return booth.outputs if booth is not None else ()

    def relay_choices(self) -> tuple[str, ...]:
        """Channels a relay can come from: all but the floor and our own outputs."""
        if self.meeting is None:
            return ()
        own = set(self.own_outputs())
        return tuple(ch.id for ch in self.meeting.channels if ch.id != FLOOR and ch.id not in own)

    def default_relay(self) -> str | None:
        """The first channel in a language the booth understands, in the booth's order."""
        choices = self.relay_choices()
        booth = self.meeting.booth(self.me.booth) if self.meeting and self.me else None
        if booth is not None and self.meeting is not None:
            for language in booth.languages:
                for channel in choices:
                    info = self.meeting.channel(channel)
                    if info is not None and info.language == language:
                        return channel
        return choices[0] if choices else None

    def split_ears(self) -> bool:
        """Floor and relay are set to different ears (one left, one right)."""
        ears = {self.settings.floor_ear, self.settings.relay_ear}
        return ears == {"left", "right"}

    def output_channel(self) -> str | None:
        outputs = self.own_outputs()
        if not outputs:
            return None
        return outputs[min(self.settings.output_index, len(outputs) - 1)]

    def heard(self) -> str | None:
        """What the interpreter hears now: the relay input's channel, else the floor input's."""
        return self.inputs.get(RELAY_INPUT) or self.inputs.get(FLOOR_INPUT)

    def mark_read(self) -> None:
        self.unread = 0

    # -- the view -------------------------------------------------------------------------

    def air(self) -> Air:
        event = self.air_event
        if event.channel is None:
            return Air.OFF
        if self.stalled_s is not None:
            return Air.UNSURE
        confirmed = (
            self.meeting is not None
            and self.me is not None
            and self.meeting.air_of(self.me.id) == event.channel
        )
        if not confirmed:
            return Air.TAKING
        return Air.COUGH if event.cough else Air.ON

    def view(self, now: float) -> View:
        s = self.settings
        me, meeting = self.me, self.meeting
        metrics = self.metrics
        return View(
            connection=self.connection,
            connection_text=self.connection_text,
            reconnect_attempt=self.reconnect_attempt,
            stalled_s=self.stalled_s,
            restored_s=self._restored_s(now),
            stale=self.stalled_s is not None
            or self.connection in (Connection.RECONNECTING, Connection.LOST, Connection.FAILED),
            meeting_title=meeting.title or meeting.id if meeting is not None else "",
            me_name=me.name if me is not None else "",
            booth=me.booth if me is not None else None,
            air=self.air(),
            air_channel=self.air_event.channel,
            outputs=self._outputs(),
            source=s.source,
            source_channel=self.heard(),
            relay_channel=s.relay_channel,
            auto=s.auto,
            auto_reason=self.auto_reason,
            floor_language=meeting.floor_language if meeting is not None else None,
            floor_language_set_by=(
                self._name(meeting.floor_language_set_by) if meeting is not None else None
            ),
            channels=self._channels(metrics),
            source_quality=self._qualities.get(self.heard() or FLOOR, Quality.FLOOR),
            meters=self._meters(metrics),
            volume=s.volume,
            relay_volume=s.relay_volume,
            split_ears=self.split_ears(),
            together=self.inputs.get(FLOOR_INPUT) == FLOOR
            and self.inputs.get(RELAY_INPUT) not in (None, FLOOR),
            audience=self._audience(),
            partner_volume=s.partner_volume,
            bass_db=s.bass_db,
            treble_db=s.treble_db,
            floor_ear=s.floor_ear,
            relay_ear=s.relay_ear,
            partner_ear=s.partner_ear,
            partner_listen=s.partner_listen,
            partners=self._partners(),
            handover=self._handover(now),
            messages=tuple(self.messages),
            message_count=self.message_count,
            unread=self.unread,
            floor_issues=self._floor_issues(metrics, reasons=True),
            floor_issue_codes=self._floor_issues(metrics, reasons=False),
            link=self._link(metrics),
            notices=tuple(self.notices),
            no_sound_card=self.no_sound_card,
            port_problem=self.port_problem,
            now=now,
        )

    def _restored_s(self, now: float) -> float | None:
        restored = self.restored
        if restored is None or self.stalled_s is not None or now - restored[0] >= RESTORED_SHOWN_S:
            return None
        return restored[1]

    def _name(self, participant: str | None) -> str | None:
        if participant is None:
            return None
        info = self.meeting.participant(participant) if self.meeting is not None else None
        return info.name if info is not None else participant

    def _outputs(self) -> tuple[OutputChoice, ...]:
        meeting, me = self.meeting, self.me
        if meeting is None or me is None:
            return ()
        selected = self.output_channel()
        out = []
        for letter, channel in zip(OUTPUT_LETTERS, self.own_outputs(), strict=False):
            info = meeting.channel(channel)
            holder = info.on_air if info is not None else None
            holder_info = meeting.participant(holder) if holder is not None else None
            ours = holder_info is not None and holder_info.booth == me.booth
            engaged = self._name(holder) if holder is not None and not ours else None
            out.append(OutputChoice(channel, letter, channel == selected, engaged, ours))
        return tuple(out)

    def _channels(self, metrics: Metrics | None) -> tuple[ChannelMark, ...]:
        if self.meeting is None:
            return ()
        received = {c.channel: c for c in metrics.channels} if metrics is not None else {}
        own = set(self.own_outputs())
        marks = []
        for ch in self.meeting.channels:
            got = received.get(ch.id)
            live = got is not None and got.silent_s is not None and got.silent_s < SILENT_AFTER_S
            marks.append(
                ChannelMark(
                    ch.id,
                    ch.language,
                    self._name(ch.on_air),
                    live,
                    self._qualities.get(ch.id, Quality.FLOOR if ch.id == FLOOR else Quality.NONE),
                    heard=got is not None,
                    source=ch.source if ch.on_air is not None else None,
                    listeners=ch.listeners,
                    own=ch.id in own,
                )
            )
        return tuple(marks)

    def _audience(self) -> int | None:
        channel = self.output_channel()
        info = self.meeting.channel(channel) if self.meeting is not None and channel else None
        return info.listeners if info is not None else None

    def _meters(self, metrics: Metrics | None) -> Meters:
        if metrics is None:
            return Meters()
        protection = metrics.output.protection
        return Meters(
            floor=channel_meter(metrics, FLOOR),
            relay=channel_meter(
                metrics, self.inputs.get(RELAY_INPUT) or self.settings.relay_channel
            ),
            mic=Meter.of(metrics.mic.level),
            out_left=Meter.of(metrics.output.left),
            out_right=Meter.of(metrics.output.right),
            limiting_db=protection.gain_reduction_db,
            limiter=protection.active,
        )

    def _partners(self) -> tuple[Partner, ...]:
        meeting, me = self.meeting, self.me
        if meeting is None or me is None or me.booth is None:
            return ()
        booth = meeting.booth(me.booth)
        if booth is None:
            return ()
        out = []
        for member in booth.members:
            info = meeting.participant(member)
            if member == me.id or info is None:
                continue
            out.append(Partner(member, info.name, info.connected, booth.live == member, info.cough))
        return tuple(out)

    def _handover(self, now: float) -> HandoverView:
        meeting, me = self.meeting, self.me
        booth = meeting.booth(me.booth) if meeting is not None and me is not None else None
        if booth is None or me is None:
            return HandoverView(None, False, False, None, False, False, False, False, None)
        pending = booth.handover
        i_am_live = booth.live == me.id
        partner_live = booth.live is not None and not i_am_live
        partner_here = any(p.connected for p in self._partners())
        from_me = pending is not None and pending.sender == me.id
        to_me = pending is not None and pending.to == me.id
        other = None
        if pending is not None:
            other = self._name(pending.to if from_me else pending.sender)
        turn = None
        if booth.live is not None and booth.live_since is not None:
            turn = max(0.0, now - booth.live_since)
        return HandoverView(
            pending=pending.action if pending is not None else None,
            from_me=from_me,
            to_me=to_me,
            other=other,
            can_offer=pending is None and i_am_live and partner_here,
            can_request=pending is None and partner_live,
            can_accept=to_me,
            can_cancel=from_me,
            turn_s=turn,
        )

    def _floor_issues(self, metrics: Metrics | None, *, reasons: bool) -> tuple[str, ...]:
        if metrics is None:
            return ()
        for strip in metrics.inputs:
            if strip.channel == FLOOR and strip.quality is not None:
                issues = strip.quality.issues
                return tuple(i.reason if reasons else i.code for i in issues)
        return ()

    def _link(self, metrics: Metrics | None) -> LinkView | None:
        if metrics is None or not metrics.link.connected:
            return None
        link = metrics.link
        playout = dataclasses.replace(
            link.playout, underruns=link.playout.underruns + metrics.timing.playback_gaps
        )
        priority = metrics.timing.priority
        if self.stalled_s is not None:
            return LinkView(
                None, link.jitter_ms, link.loss, True, playout, priority, True, link.hub
            )
        poor = (
            (link.rtt_ms is not None and link.rtt_ms > LINK_POOR_RTT_MS)
            or link.jitter_ms > LINK_POOR_JITTER_MS
            or link.loss > LINK_POOR_LOSS
        )
        return LinkView(
            link.rtt_ms, link.jitter_ms, link.loss, poor, playout, priority, hub=link.hub
        )

"""The coordinator's alarms: what needs a human now, from snapshots, levels and signals.

Sans-I/O and Qt-free: feed :class:`Alarms` the meeting snapshots
(:meth:`Alarms.meeting`), the per-channel figures of each metrics snapshot
(:meth:`Alarms.levels`, :class:`audio.commands.ChannelMetrics`), the signals
received (:meth:`Alarms.signal`) and the passing of time (:meth:`Alarms.tick`),
each with ``now`` (wall-clock seconds, the clock of the hub's
``live_since``). Each call returns the changes it caused: :class:`Raised` once
when a condition starts, :class:`Cleared` when it ends, :class:`Acknowledged`
when the coordinator has seen it (:meth:`Alarms.acknowledge`; an acknowledged
alarm stays listed while its condition lasts). The conditions are the
:class:`AlarmKind` values; their thresholds are in :class:`AlarmConfig`, and
why those numbers in docs/architecture.md, "Design notes".

Sentences are English templates with named fields (:attr:`Alarm.text`,
:attr:`Alarm.params`): a Qt layer translates the template (context
``"Alarms"``) and then fills it in; :meth:`Alarm.sentence` does both with the
translation function it is given.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Final

from audio.commands import ChannelMetrics, Meeting
from channels.meeting import FLOOR
from console.shell.i18n import QT_TRANSLATE_NOOP


class AlarmKind(StrEnum):
    CHANNEL_SILENT = "channel_silent"
    FLOOR_SILENT = "floor_silent"
    INTERPRETER_LOST = "interpreter_lost"
    GATEWAY_LOST = "gateway_lost"
    SIGNAL = "signal"
    LONG_TURN = "long_turn"
    FLOOR_LANGUAGE_RESET = "floor_language_reset"


SIGNAL_TEXTS: Final[Mapping[str, str]] = {
    "slow_down": QT_TRANSLATE_NOOP("Alarms", "{who} asks the speaker to slow down"),
    "poor_sound": QT_TRANSLATE_NOOP("Alarms", "{who} reports poor sound"),
    "need_help": QT_TRANSLATE_NOOP("Alarms", "{who} needs help"),
    "no_sound": QT_TRANSLATE_NOOP("Alarms", "{who} has no sound"),
}
"""Sentence templates of the signals (PROTOCOL.md ``signal.kind``)."""

TEXTS: Final[Mapping[str, str]] = {
    "channel_silent": QT_TRANSLATE_NOOP(
        "Alarms",
        "{channel}: {name} is on air, but nothing has been heard for {seconds} s "
        "while the floor speaks",
    ),
    "floor_silent": QT_TRANSLATE_NOOP("Alarms", "The floor has been silent for {seconds} s"),
    "floor_off_air": QT_TRANSLATE_NOOP(
        "Alarms", "The floor has been silent for {seconds} s: no floor source is on air"
    ),
    "interpreter_lost": QT_TRANSLATE_NOOP(
        "Alarms", "{name} ({booth}) lost the connection while on air on {channel}"
    ),
    "gateway_lost": QT_TRANSLATE_NOOP(
        "Alarms", "The {platform} gateway is disconnected: the floor from {platform} is silent"
    ),
    "long_turn": QT_TRANSLATE_NOOP(
        "Alarms", "{name} ({booth}) has been on air for over {minutes} minutes: time to hand over"
    ),
    "floor_language_reset": QT_TRANSLATE_NOOP(
        "Alarms",
        "The hub restarted and the floor language went back to the meeting's default, "
        "{language}: set it again if needed",
    ),
    **SIGNAL_TEXTS,
}
"""Every sentence template, for translators (context ``"Alarms"``)."""


def platform_name(platform: str) -> str:
    """A platform as the coordinator reads it: what the gateway's hello named, with a
    capital first letter ("janus": "Janus")."""
    return platform[:1].upper() + platform[1:]


@dataclass(frozen=True, slots=True)
class AlarmConfig:
    channel_silent_s: float = 10.0
    floor_silent_s: float = 30.0
    floor_speaking_s: float = 2.0
    """The floor "speaks" while it had sound this recently."""
    sound_dbov: int = 50
    """A packet at -50 dBov or louder is sound (RFC 6464 levels count down from 0)."""
    fresh_s: float = 0.5
    """A channel whose last packet is older than this has no sound."""
    levels_stale_s: float = 2.0
    """Levels older than this are not used to judge silence (the engine stopped reporting)."""
    long_turn_s: float = 30 * 60.0
    signal_hold_s: float = 5 * 60.0


@dataclass(frozen=True, slots=True)
class Alarm:
    key: str
    """Names the condition: one alarm per key at a time (``kind:subject``)."""
    kind: AlarmKind
    text: str
    """English template (one of :data:`TEXTS`), translated before it is filled in."""
    params: Mapping[str, str]
    since: float
    """When it was raised."""
    subject: str | None = None
    """The channel, booth or participant it is about (what a window can point at)."""
    acknowledged: bool = False
    count: int = 1
    """Signals: how many times the same request arrived while open."""

    def sentence(self, translate: Callable[[str], str] = str) -> str:
        return translate(self.text).format(**self.params)


@dataclass(frozen=True, slots=True)
class Raised:
    alarm: Alarm


@dataclass(frozen=True, slots=True)
class Cleared:
    alarm: Alarm


@dataclass(frozen=True, slots=True)
class Acknowledged:
    alarm: Alarm


Change = Raised | Cleared | Acknowledged


@dataclass(frozen=True, slots=True)
class _Condition:
    kind: AlarmKind
    text: str
    params: Mapping[str, str]
    subject: str | None


@dataclass(slots=True)
class _Lost:
    channel: str
    booth: str
    name: str


@dataclass(slots=True)
class _Request:
    sender: str
    kind: str
    who: str
    last_at: float


@dataclass(slots=True)
class _State:
    meeting: Meeting | None = None
    levels_at: float | None = None
    levels: set[str] = field(default_factory=set)
    """Channels in the newest level report."""
    heard_at: dict[str, float] = field(default_factory=dict)
    """Channel -> the last time it had sound."""
    watched_since: dict[str, float] = field(default_factory=dict)
    """Channel -> since when levels arrive for it without a break."""
    air_since: dict[str, tuple[str, float]] = field(default_factory=dict)
    """Channel -> (holder, first seen on air) as the snapshots showed it."""
    lost: dict[str, _Lost] = field(default_factory=dict)
    requests: dict[str, _Request] = field(default_factory=dict)
    gateways_lost: dict[str, str] = field(default_factory=dict)
    """Disconnected gateway -> what a sentence calls its platform."""
    floor_reset: str | None = None
    """The language the floor went back to when the hub restarted, until acknowledged or set
    again ("" when the meeting file has none)."""


class Alarms:
    """The alarm state of one meeting, fed events and time; see the module docstring."""

    def __init__(self, config: AlarmConfig | None = None) -> None:
        self.config = config if config is not None else AlarmConfig()
        self._state = _State()
        self._active: dict[str, Alarm] = {}

    @property
    def active(self) -> tuple[Alarm, ...]:
        """The alarms raised and not cleared, oldest first."""
        return tuple(self._active.values())

    def unacknowledged(self) -> tuple[Alarm, ...]:
        return tuple(a for a in self._active.values() if not a.acknowledged)

    # -- inputs ---------------------------------------------------------------------------

    def meeting(self, meeting: Meeting, now: float) -> list[Change]:
        """A new snapshot (``welcome`` or ``state``)."""
        state = self._state
        previous = state.meeting
        holders = {ch.on_air: ch.id for ch in previous.channels if ch.on_air} if previous else {}
        holders.update({ch.on_air: ch.id for ch in meeting.channels if ch.on_air})
        for pid, channel in holders.items():
            info = meeting.participant(pid)
            if info is not None and info.role == "interpreter" and not info.connected:
                state.lost.setdefault(pid, _Lost(channel, info.booth or "", info.name or pid))
        for pid in list(state.lost):
            info = meeting.participant(pid)
            if info is None or info.connected:
                del state.lost[pid]
        air = {}
        for ch in meeting.channels:
            if ch.on_air is None:
                continue
            held = state.air_since.get(ch.id)
            air[ch.id] = held if held is not None and held[0] == ch.on_air else (ch.on_air, now)
        state.air_since = air
        state.gateways_lost = {
            x.id: platform_name(x.platform) if x.platform else x.name or x.id
            for x in meeting.participants
            if x.role == "gateway" and not x.connected
        }
        if meeting.floor_language_set_by is not None:
            state.floor_reset = None
        elif previous is not None and previous.floor_language_set_by is not None:
            state.floor_reset = meeting.floor_language or ""
        state.meeting = meeting
        return self._evaluate(now)

    def levels(self, channels: Iterable[ChannelMetrics], now: float) -> list[Change]:
        """The per-channel figures of one metrics snapshot."""
        state, config = self._state, self.config
        seen = set()
        gap = state.levels_at is None or now - state.levels_at > config.levels_stale_s
        for ch in channels:
            seen.add(ch.channel)
            if gap or ch.channel not in state.levels:
                state.watched_since[ch.channel] = now
            fresh = ch.silent_s is not None and ch.silent_s <= config.fresh_s
            loud = ch.level_dbov is None or ch.level_dbov <= config.sound_dbov
            if fresh and loud:
                state.heard_at[ch.channel] = now - (ch.silent_s or 0.0)
        for gone in state.levels - seen:
            state.watched_since.pop(gone, None)
        state.levels = seen
        state.levels_at = now
        return self._evaluate(now)

    def signal(self, sender: str, kind: str, now: float) -> list[Change]:
        """A ``signal`` from an interpreter or a listener."""
        key = f"signal:{sender}:{kind}"
        request = self._state.requests.get(key)
        if request is not None:
            request.last_at = now
            alarm = self._active.get(key)
            if alarm is not None:
                self._active[key] = replace(alarm, count=alarm.count + 1)
            return self._evaluate(now)
        self._state.requests[key] = _Request(sender, kind, self._who(sender), now)
        return self._evaluate(now)

    def tick(self, now: float) -> list[Change]:
        """Time passed: conditions that depend on durations start or end."""
        return self._evaluate(now)

    def acknowledge(self, key: str, now: float) -> list[Change]:
        """The coordinator has seen alarm ``key``; a signal or a floor language reset is
        thereby answered and ends."""
        alarm = self._active.get(key)
        if alarm is None or alarm.acknowledged:
            return []
        seen = replace(alarm, acknowledged=True)
        if alarm.kind is AlarmKind.FLOOR_LANGUAGE_RESET:
            self._state.floor_reset = None
        if alarm.kind in (AlarmKind.SIGNAL, AlarmKind.FLOOR_LANGUAGE_RESET):
            self._state.requests.pop(key, None)
            del self._active[key]
            return [Acknowledged(seen), Cleared(seen), *self._evaluate(now)]
        self._active[key] = seen
        return [Acknowledged(seen), *self._evaluate(now)]

    def acknowledge_all(self, now: float) -> list[Change]:
        changes: list[Change] = []
        for alarm in self.unacknowledged():
            changes += self.acknowledge(alarm.key, now)
        return changes

    # -- conditions -----------------------------------------------------------------------

    def _evaluate(self, now: float) -> list[Change]:
        conditions = self._conditions(now)
        changes: list[Change] = []
        for key in [k for k in self._active if k not in conditions]:
            changes.append(Cleared(self._active.pop(key)))
        for key, c in conditions.items():
            if key not in self._active:
                alarm = Alarm(key, c.kind, c.text, c.params, now, c.subject)
                self._active[key] = alarm
                changes.append(Raised(alarm))
        return changes

    def _conditions(self, now: float) -> dict[str, _Condition]:
        out: dict[str, _Condition] = {}
        out.update(self._silences(now))
        for pid, lost in self._state.lost.items():
            out[f"interpreter_lost:{pid}"] = _Condition(
                AlarmKind.INTERPRETER_LOST,
                TEXTS["interpreter_lost"],
                {"name": lost.name, "booth": lost.booth, "channel": lost.channel},
                pid,
            )
        for pid, platform in self._state.gateways_lost.items():
            out[f"gateway_lost:{pid}"] = _Condition(
                AlarmKind.GATEWAY_LOST, TEXTS["gateway_lost"], {"platform": platform}, pid
            )
        out.update(self._long_turns(now))
        if self._state.floor_reset is not None:
            out["floor_language_reset"] = _Condition(
                AlarmKind.FLOOR_LANGUAGE_RESET,
                TEXTS["floor_language_reset"],
                {"language": self._state.floor_reset},
                None,
            )
        hold = self.config.signal_hold_s
        for key, request in list(self._state.requests.items()):
            if now - request.last_at > hold:
                del self._state.requests[key]
                continue
            out[key] = _Condition(
                AlarmKind.SIGNAL, SIGNAL_TEXTS[request.kind], {"who": request.who}, request.sender
            )
        return out

    def _silent_for(self, channel: str, now: float) -> float | None:
        """How long ``channel`` has had no sound; None when its levels do not arrive."""
        state = self._state
        if (
            state.levels_at is None
            or now - state.levels_at > self.config.levels_stale_s
            or channel not in state.levels
        ):
            return None
        start = max(state.heard_at.get(channel, -math.inf), state.watched_since[channel])
        held = state.air_since.get(channel)
        if held is not None and channel != FLOOR:
            start = max(start, held[1])
        return now - start

    def _silences(self, now: float) -> dict[str, _Condition]:
        meeting, config = self._state.meeting, self.config
        out: dict[str, _Condition] = {}
        if meeting is None:
            return out
        floor_silent = self._silent_for(FLOOR, now)
        floor = meeting.channel(FLOOR)
        if floor_silent is not None and floor_silent >= config.floor_silent_s:
            text = TEXTS["floor_silent" if floor is not None and floor.on_air else "floor_off_air"]
            out["floor_silent"] = _Condition(
                AlarmKind.FLOOR_SILENT, text, {"seconds": f"{config.floor_silent_s:.0f}"}, FLOOR
            )
        floor_speaks = floor_silent is not None and floor_silent <= config.floor_speaking_s
        for ch in meeting.channels:
            if ch.id == FLOOR or ch.on_air is None:
                continue
            key = f"channel_silent:{ch.id}"
            silent = self._silent_for(ch.id, now)
            if silent is None or silent < config.channel_silent_s:
                continue
            if not floor_speaks and key not in self._active:
                continue
            out[key] = _Condition(
                AlarmKind.CHANNEL_SILENT,
                TEXTS["channel_silent"],
                {
                    "channel": ch.id,
                    "name": self._who(ch.on_air),
                    "seconds": f"{config.channel_silent_s:.0f}",
                },
                ch.id,
            )
        return out

    def _long_turns(self, now: float) -> dict[str, _Condition]:
        meeting = self._state.meeting
        out: dict[str, _Condition] = {}
        if meeting is None:
            return out
        for booth in meeting.booths:
            if booth.live is None:
                continue
            since = booth.live_since
            if since is None:
                channel = meeting.air_of(booth.live)
                held = self._state.air_since.get(channel) if channel is not None else None
                since = held[1] if held is not None else None
            if since is None or now - since <= self.config.long_turn_s:
                continue
            info = meeting.participant(booth.live)
            out[f"long_turn:{booth.id}:{booth.live}:{since}"] = _Condition(
                AlarmKind.LONG_TURN,
                TEXTS["long_turn"],
                {
                    "name": info.name if info is not None else booth.live,
                    "booth": booth.id,
                    "minutes": f"{self.config.long_turn_s / 60:.0f}",
                },
                booth.id,
            )
        return out

    def _who(self, participant: str) -> str:
        """A participant as a sentence names them: their name and booth, or their id."""
        meeting = self._state.meeting
        info = meeting.participant(participant) if meeting is not None else None
        if info is None:
            return participant
        name = info.name or info.id
        return f"{name} ({info.booth})" if info.booth else name

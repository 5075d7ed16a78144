"""What the listener's window shows, from the engine's events: pure data, no Qt.

A listener hears one channel (PROTOCOL.md: listeners listen to one). While
nobody interprets into that language, the hub gives the floor on it (floor
fallback), so the listener never hears silence between turns; the view
says so (:attr:`Banner.FLOOR`), so that the window can tell the listener
why the speaker's own language is playing. :class:`ListenerModel` digests
engine events (:meth:`ListenerModel.apply`); :meth:`ListenerModel.view`
returns an immutable :class:`ListenerView`, which the window only draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from audio.commands import (
    ConnectionFailed,
    Disconnected,
    Event,
    InputSwitched,
    Meeting,
    MeetingChanged,
    Metrics,
    Welcomed,
)
from channels.meeting import FLOOR
from console.shell.model import LISTEN_INPUT, QUIET_METER, Meter


class Banner(Enum):
    """What the window's banner says."""

    CHOOSE = "choose"
    """Nothing is heard yet: choose a language."""
    HEARING = "hearing"
    """The channel chosen, interpreted."""
    FLOOR = "floor"
    """The channel chosen gives the floor: nobody interprets into it now."""
    PROBLEM = "problem"
    """The connection failed or was lost (:attr:`ListenerView.problem` says why)."""


@dataclass(frozen=True, slots=True)
class ChannelChoice:
    """A channel of the meeting, as the language picker lists it."""

    id: str
    language: str | None


@dataclass(frozen=True, slots=True)
class ListenerView:
    title: str
    """The meeting's title ("" when not connected)."""
    channels: tuple[ChannelChoice, ...]
    heard: ChannelChoice | None
    banner: Banner
    problem: str
    """The engine's sentence when the connection failed or was lost, else ""."""
    meter: Meter
    """The level of what the listener hears."""


def gives_floor(meeting: Meeting | None, channel: str | None) -> bool:
    """Whether ``channel`` carries the floor because no interpreter is on air on it."""
    if meeting is None or channel is None or channel == FLOOR:
        return False
    info = meeting.channel(channel)
    return info is not None and info.on_air is None


def preferred_channel(meeting: Meeting, language: str | None) -> str:
    """The channel in the user's language when there is one, else the floor."""
    if language:
        for ch in meeting.channels:
            if ch.language is not None and ch.language == language.split("_")[0].lower():
                return ch.id
    return FLOOR


@dataclass(slots=True)
class ListenerModel:
    """The listener's state: apply events, read views.

    ``language``: the user's (a locale name such as ``fr_FR``), to choose the
    first channel.
    """

    language: str | None = None
    meeting: Meeting | None = None
    heard: str | None = None
    """The channel the engine plays (None: none yet)."""
    problem: str = ""
    meter: Meter = QUIET_METER

    def apply(self, event: Event) -> None:
        """Digest one engine event."""
        match event:
            case Metrics():
                level = next((x.level for x in event.inputs if x.index == LISTEN_INPUT), None)
                self.meter = Meter.of(level) if level is not None else QUIET_METER
            case Welcomed(meeting=meeting):
                self.meeting = meeting
                self.problem = ""
            case MeetingChanged(meeting=meeting):
                self.meeting = meeting
            case InputSwitched(channel=channel) if event.index == LISTEN_INPUT:
                self.heard = channel
            case ConnectionFailed(sentence=sentence) | Disconnected(sentence=sentence):
                self.problem = sentence

    def choice(self) -> str | None:
        """What to play after a welcome (None before the first one).

        The channel heard before (a reconnection), else the one in the user's
        language, else the floor.
        """
        if self.meeting is None:
            return None
        return self.heard or preferred_channel(self.meeting, self.language)

    def channel_ids(self) -> tuple[str, ...]:
        return tuple(ch.id for ch in self.meeting.channels) if self.meeting is not None else ()

    def view(self) -> ListenerView:
        meeting = self.meeting
        channels = tuple(
            ChannelChoice(ch.id, ch.language)
            for ch in (meeting.channels if meeting is not None else ())
        )
        heard = next((ch for ch in channels if ch.id == self.heard), None)
        if self.heard is not None and heard is None:
            heard = ChannelChoice(self.heard, None)  # not (or no longer) in the snapshot
        if self.problem:
            banner = Banner.PROBLEM
        elif gives_floor(meeting, self.heard):
            banner = Banner.FLOOR
        elif self.heard is None:
            banner = Banner.CHOOSE
        else:
            banner = Banner.HEARING
        return ListenerView(
            title=(meeting.title or meeting.id) if meeting is not None else "",
            channels=channels,
            heard=heard,
            banner=banner,
            problem=self.problem,
            meter=self.meter,
        )

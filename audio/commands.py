"""The engine's API: commands in, events and metrics out. Plain frozen data, no Qt.

Everything a user (or a test, or a bot) can do to the engine is one of the
commands below, given to :meth:`audio.engine.Engine.submit`. Everything the
engine has to say comes back as one of the events below, to the callbacks
given to :meth:`audio.engine.Engine.subscribe`. All of it is immutable, so it
crosses threads as it is.

Events of the meeting (:class:`Welcomed`, :class:`MeetingChanged`,
:class:`HubError`, chat, signals, connection failures...) come from the
session core, :mod:`channels.session`, and are re-exported here so that a
consumer imports one module.

:class:`Metrics` is the periodic snapshot (10 per second by default) of every
meter and figure. It is the one event a slow consumer may miss: when the
consumer falls behind, only the newest snapshot is kept. Every other event is
delivered, in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from audio.jitter import JitterStats
from audio.meters import LevelMeter
from audio.port import AudioPort
from audio.protect import ProtectionMetrics
from audio.quality import QualityReport
from channels.session import (
    ChatReceived,
    ConnectionFailed,
    Disconnected,
    DisconnectKind,
    FailureKind,
    ForcedOff,
    HubError,
    Meeting,
    MeetingChanged,
    SignalReceived,
    Welcomed,
)

__all__ = [
    "AirChanged",
    "ChannelMetrics",
    "Chat",
    "ChatReceived",
    "Command",
    "CommandRejected",
    "Connect",
    "Connecting",
    "ConnectionFailed",
    "Cough",
    "Disconnect",
    "DisconnectKind",
    "Disconnected",
    "Event",
    "FailureKind",
    "FloorLanguage",
    "ForceOff",
    "ForcedOff",
    "Handover",
    "HubError",
    "InputMetrics",
    "InputSwitched",
    "Level",
    "LinkMetrics",
    "Meeting",
    "MeetingChanged",
    "Metrics",
    "Mic",
    "MicMetrics",
    "Monitor",
    "OutputMetrics",
    "PortProblem",
    "ProtectionAlert",
    "SetCalibration",
    "SetEar",
    "SetInput",
    "SetTone",
    "SetVolume",
    "Signal",
    "SignalReceived",
    "TimingMetrics",
    "UsePort",
    "Welcomed",
]


# --- Commands ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Connect:
    """Join the meeting at ``url`` (``wss://host:port/v1``) with ``token``.

    A new connection for the same participant (the token's ``sub``) to the
    same hub presents the last ``resume`` value, so the hub gives the
    listening set back; it never gives the air back.
    """

    url: str
    token: str


@dataclass(frozen=True, slots=True)
class Disconnect:
    """Leave the meeting (the air, if held, is released by the hub)."""


@dataclass(frozen=True, slots=True)
class SetInput:
    """Play ``channel`` on input ``index`` (None: nothing), switched without a gap.

    The engine listens to the inputs' channels in input order, so an
    interpreter's input 0 is its source (PROTOCOL.md ``channels[].source``).
    """

    index: int
    channel: str | None


@dataclass(frozen=True, slots=True)
class SetVolume:
    """Input ``index``'s volume knob, 0..1: 0.7 is nominal (0 dB), 1.0 the +12 dB reserve."""

    index: int
    position: float


@dataclass(frozen=True, slots=True)
class SetEar:
    """Route input ``index`` to ``left``, ``right`` or ``both`` ears."""

    index: int
    ear: str


@dataclass(frozen=True, slots=True)
class Monitor:
    """Also receive these channels, for their meters only (a coordinator's overview)."""

    channels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SetTone:
    """Bass and treble of what the user hears, each -12..+12 dB."""

    bass_db: float = 0.0
    treble_db: float = 0.0


@dataclass(frozen=True, slots=True)
class SetCalibration:
    """Headset calibration for hearing protection: dB SPL of a 0 dBFS sine (60..140)."""

    spl_at_full_scale: float


@dataclass(frozen=True, slots=True)
class Mic:
    """Take the air on ``channel`` (``on=True``) or release it."""

    on: bool
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class Cough:
    """Momentary mute while held: nothing is encoded or sent; the air stays held."""

    on: bool


@dataclass(frozen=True, slots=True)
class Handover:
    """``offer``, ``request``, ``accept`` or ``cancel`` a handover (``to``: partner, if several)."""

    action: str
    to: str | None = None


@dataclass(frozen=True, slots=True)
class Chat:
    """Text to ``booth``, ``coordinators``, ``booth:<id>``, ``all`` or a participant id."""

    to: str
    text: str


@dataclass(frozen=True, slots=True)
class Signal:
    """``slow_down``, ``poor_sound``, ``need_help`` or ``no_sound``."""

    kind: str


@dataclass(frozen=True, slots=True)
class FloorLanguage:
    """Say what the floor speaks now (coordinators, floor)."""

    language: str | None


@dataclass(frozen=True, slots=True)
class ForceOff:
    """Take the air from a stuck microphone (coordinators)."""

    participant: str


@dataclass(frozen=True, slots=True)
class UsePort:
    """Play and record through another port from now on (another sound card...).

    The engine stops the old port and starts the new one; its ``frames`` may differ.
    """

    port: AudioPort


Command = (
    Connect
    | Disconnect
    | SetInput
    | SetVolume
    | SetEar
    | Monitor
    | SetTone
    | SetCalibration
    | Mic
    | Cough
    | Handover
    | Chat
    | Signal
    | FloorLanguage
    | ForceOff
    | UsePort
)
COMMANDS = Command.__args__


# --- Events of the engine ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Connecting:
    url: str


@dataclass(frozen=True, slots=True)
class CommandRejected:
    """The engine did not carry out ``command``; ``sentence`` says why, for the user."""

    command: object
    sentence: str


@dataclass(frozen=True, slots=True)
class AirChanged:
    """What the microphone does now.

    ``channel``: the channel we hold (per the hub), or are taking. ``sending``:
    audio is being encoded and sent (on air, not coughing).
    """

    channel: str | None
    sending: bool
    cough: bool


@dataclass(frozen=True, slots=True)
class InputSwitched:
    """Input ``index`` now plays ``channel`` (a switch has completed)."""

    index: int
    channel: str | None


@dataclass(frozen=True, slots=True)
class ProtectionAlert:
    """Hearing protection acted (``kind``: shock, howl_start, exposure_warning...)."""

    kind: str
    value: float
    sentence: str


@dataclass(frozen=True, slots=True)
class PortProblem:
    """The audio port reports a problem (``problem`` None: it is fine again)."""

    name: str
    problem: str | None


# --- Metrics ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Level:
    """One meter bar: peak (IEC ballistics), peak hold, RMS (AES17, 300 ms), clip light."""

    peak_dbfs: float
    hold_dbfs: float
    rms_dbfs: float
    over: bool

    @classmethod
    def of(cls, meter: LevelMeter, channel: int = 0) -> Level:
        return cls(
            meter.peak_dbfs[channel],
            meter.hold_dbfs[channel],
            meter.rms_dbfs[channel],
            meter.over[channel],
        )


@dataclass(frozen=True, slots=True)
class InputMetrics:
    index: int
    channel: str | None
    """The channel heard on this input."""
    pending: str | None
    """The channel being switched to."""
    speaker: str | None
    """Who speaks on it: a participant id, or ``floor`` (fallback); None if unknown."""
    position: float
    ear: str
    level: Level
    """Of the channel's signal, before the volume."""
    momentary_lufs: float
    short_term_lufs: float
    jitter: JitterStats | None
    quality: QualityReport | None
    """Floor-quality analysis with reasons (refreshed every ``quality_interval_s``)."""


@dataclass(frozen=True, slots=True)
class ChannelMetrics:
    """A received channel, from its packets alone (no decoding): for every listened channel."""

    channel: str
    heard: bool
    """An input plays it."""
    packets: int
    level_dbov: int | None
    """RFC 6464 level of the last packet, -dBov (0 loudest, 127 silence)."""
    voice: bool
    speaker: str | None
    silent_s: float | None
    """Seconds since its last packet (None: none yet)."""
    jitter_ms: float
    target_ms: float
    lost: int
    late: int
    bad_packets: int
    """Packets refused: malformed RTP, or Opus that libopus could not decode (concealed)."""


@dataclass(frozen=True, slots=True)
class OutputMetrics:
    left: Level
    right: Level
    """After hearing protection: what reaches the ears."""
    protection: ProtectionMetrics
    """Limiter activity (gain reduction, layers acting), exposure, events."""


@dataclass(frozen=True, slots=True)
class MicMetrics:
    level: Level
    channel: str | None
    sending: bool
    cough: bool
    packets_sent: int
    dtx_frames: int
    """Silent frames not sent (DTX on)."""


@dataclass(frozen=True, slots=True)
class LinkMetrics:
    connected: bool
    participant: str | None
    rtt_ms: float | None
    """Latest application ping round trip."""
    jitter_ms: float
    loss: float
    buffer_ms: float
    """The figures of the ``report`` message, as measured now."""
    reports_sent: int
    media_in: int
    media_out: int
    media_dropped: int
    """Outgoing packets dropped because the link did not take them in time."""


@dataclass(frozen=True, slots=True)
class TimingMetrics:
    cpu_percent: float
    """CPU time of the engine thread over the last interval, % of one core."""
    cpu_s: float
    """CPU time of the engine thread since it started, seconds."""
    blocks_played: int
    blocks_captured: int
    playback_underruns: int
    """Port ticks that found no block since the first one was given (the engine was late)."""
    capture_overruns: int
    """Capture blocks lost because the ring was full (the engine was far behind)."""
    lead_ms: float
    """How long before the port needs it each playback block is made."""
    wakeups: int
    events_dropped: int
    """Events lost because the subscribers fell more than ``event_limit`` behind."""


@dataclass(frozen=True, slots=True)
class Metrics:
    at: float
    """Engine (monotonic) time of the snapshot."""
    inputs: tuple[InputMetrics, ...]
    channels: tuple[ChannelMetrics, ...]
    output: OutputMetrics
    mic: MicMetrics
    link: LinkMetrics
    timing: TimingMetrics


Event = (
    Connecting
    | Welcomed
    | MeetingChanged
    | HubError
    | ChatReceived
    | SignalReceived
    | ForcedOff
    | ConnectionFailed
    | Disconnected
    | CommandRejected
    | AirChanged
    | InputSwitched
    | ProtectionAlert
    | PortProblem
    | Metrics
)

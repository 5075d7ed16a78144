"""The engine's API: commands in, events and metrics out. Plain frozen data, no Qt.

Everything a user (or a test, or a bot) can do to the engine is one of the
commands below, given to :meth:`audio.engine.Engine.submit`. Everything the
engine has to say comes back as one of the events below, to the callbacks
given to :meth:`audio.engine.Engine.subscribe`. All of it is immutable, so it
crosses threads as it is.

The meeting's own commands (:class:`Mic`, :class:`Cough`,
:class:`Handover`, :class:`Chat`, :class:`Signal`, :class:`FloorLanguage`,
:class:`ForceOff`) are the rsi.v1 messages themselves
(:mod:`channels.protocol`): the engine checks one against the meeting
(:mod:`audio.meeting`) and sends it as it is. Events of the meeting
(:class:`Welcomed`, :class:`MeetingChanged`, :class:`HubError`, chat,
signals, connection failures...) come from the session core,
:mod:`channels.session`. Both are re-exported here so that a consumer
imports one module.

:class:`Metrics` is the periodic snapshot (10 per second by default) of every
meter and figure. It is the one event a slow consumer may miss: when the
consumer falls behind, only the newest snapshot is kept. Every other event is
delivered, in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from audio.jitter import JitterStats
from audio.meters import LevelMeter
from audio.port import AudioPort
from audio.protection import ProtectionMetrics
from audio.quality import QualityReport
from audio.recordtap import RecordTap
from channels.protocol import (
    Chat,
    Cough,
    FloorLanguage,
    ForceOff,
    Handover,
    HandoverAction,
    Mic,
    Signal,
    SignalKind,
)
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
from relay.auto import Decision

__all__ = [
    "AirChanged",
    "AutoRelayChanged",
    "ChannelMetrics",
    "Chat",
    "ChatReceived",
    "Chime",
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
    "HandoverAction",
    "HeadsetCheck",
    "HubError",
    "InputMetrics",
    "InputSwitched",
    "Level",
    "LinkMetrics",
    "LinkRestored",
    "LinkStalled",
    "Meeting",
    "MeetingChanged",
    "Metrics",
    "Mic",
    "MicMetrics",
    "Monitor",
    "OutputMetrics",
    "PlayoutCounts",
    "PortProblem",
    "Priority",
    "ProtectionAlert",
    "ReconnectGaveUp",
    "Reconnected",
    "Reconnecting",
    "SetAutoRelay",
    "SetCalibration",
    "SetEar",
    "SetInput",
    "SetLeveller",
    "SetTone",
    "SetVolume",
    "Sidetone",
    "Signal",
    "SignalKind",
    "SignalReceived",
    "TestTone",
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

    ``wss://`` certificates are verified against the system's certificate
    authorities, or against ``ca_file`` (PEM) alone when given (a hub with
    its own CA). A plain ``ws://`` address beyond loopback is refused
    (:class:`ConnectionFailed` of kind ``insecure``) unless
    ``allow_insecure``. A lost connection is retried by the engine itself
    (:class:`Reconnecting`) until :class:`Disconnect`.
    """

    url: str
    token: str
    ca_file: str | None = None
    allow_insecure: bool = False


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
class SetAutoRelay:
    """Input ``index`` (default: the relay input) follows the booth's best source, or stops.

    While on, the input moves as the floor language and the air change
    (:mod:`relay.auto`), and :class:`AutoRelayChanged` says where and why. A
    :class:`SetInput` on that input is a manual choice: it wins, and turns
    auto off. One input follows at a time: turning it on for another input
    moves it there. It needs an interpreter's booth; asked for before the
    connection, it starts at the welcome.
    """

    on: bool
    index: int = 1


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
class SetLeveller:
    """Even levels on input ``index``: bring it to -23 LUFS (on, the default) or leave it be.

    A slow gain of at most +-15 dB that pauses do not move (:mod:`audio.leveller`);
    the meters and the floor-quality analysis show the input before it.
    """

    index: int
    on: bool


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
class TestTone:
    """A steady sine in both ears, for the headset calibration (the user measures its SPL).

    ``dbfs`` is its AES17 level (-80..0; a sine's peak), ``hz`` its frequency
    (20..20000; 1 kHz, where dBA = dB SPL, by default). It goes through
    hearing protection, so a level that protection would turn down under the
    current calibration is refused with the loudest one allowed
    (:func:`audio.selfcheck.loudest_tone_dbfs`), and a tone that a new
    :class:`SetCalibration` makes too loud is stopped (:class:`CommandRejected`
    says so). Faded in and out over 10 ms; a new level or frequency while on
    glides there without a click.
    """

    __test__ = False  # a command, not a pytest class

    on: bool
    dbfs: float = -20.0
    hz: float = 1000.0


@dataclass(frozen=True, slots=True)
class HeadsetCheck:
    """The headset check's reference voice in both ears, looped, at ``gain_db`` (-30..+3).

    The voice is a speech clip at -23 LUFS (:func:`audio.selfcheck.reference_speech`);
    the user turns it to a comfortable level and the console derives the
    calibration from the gain (:meth:`audio.selfcheck.ReferenceSpeech.calibration`).
    Through hearing protection like everything else; faded in and out over 10 ms.
    """

    on: bool
    gain_db: float = 0.0


@dataclass(frozen=True, slots=True)
class Sidetone:
    """Hear your own microphone in both ears at ``gain_db`` (-40..+12), for a mic check.

    Through hearing protection like everything else. Its delay is the
    engine's block path: the capture port's block, the playback block being
    made ``lead`` ahead, protection's 1 ms lookahead and the playback port's
    block (11 ms between the port's streams with 10 ms blocks), plus the
    sound card's own buffers.
    """

    on: bool
    gain_db: float = -6.0


@dataclass(frozen=True, slots=True)
class Chime:
    """A soft two-tone chime, once, in the user's headset only: someone needs their attention.

    Never on air: it is added to what the user hears, before hearing
    protection, never to what the microphone sends. Its level is fixed
    well under a meeting's loudness and under every protection threshold
    (:func:`audio.chime.chime_dbfs`); a chime asked for while one plays is
    not restarted.
    """


@dataclass(frozen=True, slots=True)
class UsePort:
    """Play and record through another port from now on (another sound card...).

    The engine stops the old port and starts the new one; its ``frames`` may differ.
    """

    port: AudioPort


@dataclass(frozen=True, slots=True)
class Record:
    """Record what the user hears and says into ``tap`` from the next tick; None stops.

    For usability studies (:mod:`audio.recordtap`); start the tap before.
    """

    tap: RecordTap | None


Command = (
    Connect
    | Disconnect
    | SetInput
    | SetAutoRelay
    | SetVolume
    | SetEar
    | SetLeveller
    | Monitor
    | SetTone
    | SetCalibration
    | TestTone
    | HeadsetCheck
    | Sidetone
    | Chime
    | Mic
    | Cough
    | Handover
    | Chat
    | Signal
    | FloorLanguage
    | ForceOff
    | UsePort
    | Record
)
"""What :meth:`audio.engine.Engine.submit` takes.

The meeting's commands are the rsi.v1 messages: ``Mic(True, "en")`` takes
the air on en (sending starts at once, on trust, until the hub confirms or
refuses it), ``Mic(False)`` releases it; ``Cough(on)`` mutes the microphone
while held, for every role (an interpreter's is also sent, for the booth to
see); ``Handover(action, to)``, ``Chat``, ``Signal``, ``FloorLanguage`` and
``ForceOff`` go to the hub as they are, once checked.
"""
COMMANDS = Command.__args__


# --- Events of the engine ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Connecting:
    url: str


@dataclass(frozen=True, slots=True)
class Reconnecting:
    """The connection was lost; attempt ``attempt`` comes in ``delay_s`` seconds.

    ``reason`` says what went wrong (the loss, then each failed attempt). The
    output fades out meanwhile; the microphone is off.
    """

    attempt: int
    delay_s: float
    reason: str


@dataclass(frozen=True, slots=True)
class Reconnected:
    """Back in the meeting after ``attempts`` attempts and ``outage_s`` seconds.

    ``listening``: the channels listened to again. ``resumed``: the hub
    recognised the session (a restarted hub does not: the engine asked for
    the channels itself). ``air_lost``: the channel we were on air on, or
    None; the air is never taken back by itself: the user must press the mic
    again.
    """

    attempts: int
    outage_s: float
    listening: tuple[str, ...]
    resumed: bool
    air_lost: str | None


@dataclass(frozen=True, slots=True)
class LinkStalled:
    """The hub has sent nothing for ``silent_s`` seconds, though the connection is open.

    No sound arrives, and the microphone's may reach no one: tell the user
    now. The link's figures are then from before (``Metrics.link.silent_s``
    counts on); :class:`LinkRestored` ends it, or :class:`Reconnecting`
    when the link gives up.
    """

    silent_s: float


@dataclass(frozen=True, slots=True)
class LinkRestored:
    """The hub is heard again after ``silent_s`` seconds of silence (a stall ended)."""

    silent_s: float


@dataclass(frozen=True, slots=True)
class ReconnectGaveUp:
    """Reconnecting stopped because it cannot help (the token was refused or revoked...)."""

    kind: str
    sentence: str


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
class AutoRelayChanged:
    """Auto-relay moved input ``index``, or its reason changed, or it was turned on or off.

    ``decision`` is the source and why, as data (:class:`relay.auto.Decision`,
    for a ``tr()``-formatted text); ``sentence`` the same in English
    (:func:`relay.auto.describe`: "the floor switched from English; floor:
    Arabic → relay from the English booth (+)"). ``channel`` is what the input
    plays now: the source, or None when another input already plays it (the
    floor on the floor input). ``auto`` False: a manual choice holds the input
    (or auto was turned off); ``decision`` is then None when nothing is chosen.
    """

    index: int
    channel: str | None
    auto: bool
    sentence: str
    decision: Decision | None


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
    """Floor-quality analysis with reasons (refreshed every ``quality_interval_s``), while the
    input plays the floor channel; None otherwise."""
    leveller_db: float | None = 0.0
    """The even-level gain after the meters (:class:`SetLeveller`); None while switched off."""


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
class PlayoutCounts:
    """What was done to the sound of the channels heard, in frames (each buffer's lifetime):
    audible (``concealed``, ``dropped``, ``underruns``) or not (``stretched``, ``shrunk``)."""

    concealed: int = 0
    stretched: int = 0
    shrunk: int = 0
    dropped: int = 0
    underruns: int = 0


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
    silent_s: float | None = None
    """While the link is stalled (:class:`LinkStalled`): seconds since the hub was last
    heard. The figures above are then stale: show them as unknown."""
    playout: PlayoutCounts = PlayoutCounts()
    hub: str | None = None
    """The address of the hub the link is on: of several (``Connect.url``), the one that
    accepted, i.e. the cluster's edge in use. None while not connected."""


class Priority(StrEnum):
    """What the system granted the engine's audio thread."""

    REALTIME = "realtime"
    RAISED = "raised"
    """A lower nice value: ahead of ordinary work, not of everything."""
    NORMAL = "normal"
    """Refused: the sound may break up while the machine is busy."""


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
    priority: Priority = Priority.NORMAL
    playback_gaps: int = 0
    """The gaps those underruns made, a run of them in a row counting once: what is heard."""


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
    | Reconnecting
    | Reconnected
    | ReconnectGaveUp
    | LinkStalled
    | LinkRestored
    | CommandRejected
    | AirChanged
    | AutoRelayChanged
    | InputSwitched
    | ProtectionAlert
    | PortProblem
    | Metrics
)

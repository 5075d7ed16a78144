"""rsi.v1 defined once, in both directions: every control message as a typed struct.

Client to hub: :data:`ClientMessage`, decoded strictly by :func:`decode`
(presence, types and ranges in one pass), so the hub's rules only ever see
well-formed commands. Hub to client: :data:`HubMessage`, with the meeting
snapshot (:class:`Meeting`) and its parts, encoded by the hub with
:func:`encode` and read back by a client with :func:`decode_from_hub`. The
same structs, with the same constraints, are the one validation on both
sides. Fields a receiver does not know are ignored, as the protocol allows
extensions; the hub's own extensions have defaults, so a client reads any
rsi.v1 backend. What each role may send is :data:`ROLES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

import msgspec

from channels import identity
from channels.meeting import FLOOR, MAX_CHANNELS

SUBPROTOCOL = "rsi.v1"
PATH = "/v1"
MAX_CONTROL_BYTES = 16 * 1024
MAX_CHAT_CHARS = 1000
MAX_INTERPRETER_CHANNELS = 3


class ErrorCode(StrEnum):
    BAD_MESSAGE = "bad_message"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_IN_BOOTH = "not_in_booth"
    NOT_AN_OUTPUT = "not_an_output"
    CHANNEL_ENGAGED = "channel_engaged"
    PARTNER_LIVE = "partner_live"
    NO_HANDOVER = "no_handover"
    TOO_MANY_CHANNELS = "too_many_channels"
    UNKNOWN_CHANNEL = "unknown_channel"
    RATE_LIMITED = "rate_limited"


class CloseCode:
    TOKEN_REFUSED = 4401
    ROLE_REFUSED = 4403
    NO_HELLO = 4408
    CONNECTED_ELSEWHERE = 4409
    ABUSE = 1008
    TOO_BIG = 1009
    TOO_SLOW = 1013
    """RFC 6455 "try again later": the client stopped taking what the hub sends."""
    GOING_AWAY = 1001
    """RFC 6455 "going away": a cluster's core no longer knows the connection (another core
    took over, or it lost the edge): connect again and resume."""


Id = Annotated[str, msgspec.Meta(min_length=1, max_length=128)]
ParticipantId = Annotated[
    str,
    msgspec.Meta(min_length=1, max_length=identity.MAX_ID_CHARS, pattern=identity.ID_PATTERN),
]
"""Any id a token may carry (channels.identity), and nothing else."""
Language = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
Figure = Annotated[float, msgspec.Meta(ge=0, le=1e6)]
MAX_PLATFORM_CHARS: Final = 32
PLATFORM_RULE: Final = (
    f"1 to {MAX_PLATFORM_CHARS} characters among the letters A-Z and a-z, the digits 0-9 "
    "and . _ - @ +"
)
Platform = Annotated[
    str,
    msgspec.Meta(min_length=1, max_length=MAX_PLATFORM_CHARS, pattern=identity.ID_PATTERN),
]
"""(Extension) what a gateway's ``hello`` names the platform it serves by: "janus", "zoom"
(:data:`PLATFORM_RULE`)."""


def check_platform(value: str | None) -> str | None:
    """Return ``value`` if a gateway's ``hello`` may name it as its platform (None: no
    platform); else raise ValueError saying what is allowed."""
    try:
        return msgspec.convert(value, Platform | None)
    except msgspec.ValidationError:
        raise ValueError(
            f"the platform '{identity.printable(str(value)[:40])}' cannot be named in hello: "
            f"a platform is {PLATFORM_RULE}"
        ) from None


class _Message(msgspec.Struct, tag_field="type"):
    pass


def _tag(message: type[_Message]) -> str:
    return str(message.__struct_config__.tag)


# --- Client to hub ---------------------------------------------------------------------


class Hello(_Message, tag="hello"):
    token: Annotated[str, msgspec.Meta(min_length=1, max_length=8192)]
    client: Annotated[str, msgspec.Meta(max_length=128)] = ""
    resume: Annotated[str, msgspec.Meta(max_length=256)] | None = None
    platform: Platform | None = None
    """(Extension) the platform a gateway serves; only a gateway may send it."""


class Listen(_Message, tag="listen"):
    channels: Annotated[list[Id], msgspec.Meta(max_length=MAX_CHANNELS)]
    """The first channel of an interpreter's list is the one it interprets from."""


class Mic(_Message, tag="mic"):
    on: bool
    channel: Id | None = None


class Cough(_Message, tag="cough"):
    on: bool


HandoverAction = Literal["offer", "request", "accept", "cancel"]


class Handover(_Message, tag="handover"):
    action: HandoverAction
    to: ParticipantId | None = None
    """Extension: the partner, needed only in a booth of three or more."""


class Chat(_Message, tag="chat"):
    to: Id
    """`booth`, `coordinators`, a participant id; extensions: `booth:<id>`, `all`."""
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_CHAT_CHARS)]


SignalKind = Literal["slow_down", "poor_sound", "need_help", "no_sound"]


class Signal(_Message, tag="signal"):
    kind: SignalKind


class FloorLanguage(_Message, tag="floor_language"):
    language: Language | None


class ForceOff(_Message, tag="force_off"):
    participant: ParticipantId


class Report(_Message, tag="report"):
    rtt_ms: Figure
    jitter_ms: Figure
    loss: Annotated[float, msgspec.Meta(ge=0, le=1)]
    buffer_ms: Figure


class Ping(_Message, tag="ping"):
    t: float


ClientMessage = (
    Hello
    | Listen
    | Mic
    | Cough
    | Handover
    | Chat
    | Signal
    | FloorLanguage
    | ForceOff
    | Report
    | Ping
)

MESSAGE_TYPES = tuple(_tag(cls) for cls in ClientMessage.__args__)


# --- Roles -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Role:
    """What one role may do (docs/protocol.md section 6); both the hub and a client check it."""

    name: str
    called: str
    """The role in a sentence: "an interpreter"."""
    sends: frozenset[str]
    """The ``type`` of every control message it may send."""
    listen_limit: int | None = None
    """How many channels it may listen to at once; None: any number."""
    floor_source: bool = False
    """Its ``mic`` speaks on the floor channel (and only there), not on a booth's outputs."""
    serves_platform: bool = False
    """Its ``hello`` may name the platform it bridges (``platform``)."""


_EVERYONE = frozenset(_tag(cls) for cls in (Hello, Ping, Listen, Report))

ROLES: Final[Mapping[str, Role]] = {
    role.name: role
    for role in (
        Role(
            "interpreter",
            "an interpreter",
            _EVERYONE | {_tag(cls) for cls in (Mic, Cough, Handover, Chat, Signal)},
            MAX_INTERPRETER_CHANNELS,
        ),
        Role(
            "coordinator",
            "a coordinator",
            _EVERYONE | {_tag(cls) for cls in (Chat, FloorLanguage, ForceOff)},
        ),
        Role("listener", "a listener", _EVERYONE | {_tag(Signal)}, 1),
        Role(
            "floor",
            "a floor speaker",
            _EVERYONE | {_tag(cls) for cls in (Mic, Chat, FloorLanguage)},
            floor_source=True,
        ),
        Role(
            "gateway",
            "a gateway",
            _EVERYONE | {_tag(Mic)},
            floor_source=True,
            serves_platform=True,
        ),
    )
}
"""Every role a token may carry, by name."""


def role(name: str) -> Role:
    """The rights of the role ``name``.

    A role this side does not know (another backend's) may send only what every
    role may, and listen to any number of channels.
    """
    known = ROLES.get(name)
    return known if known is not None else Role(name, name, _EVERYONE)


# --- Hub to client: the meeting snapshot -----------------------------------------------

_LEFT_OUT: Any = msgspec.UNSET
"""A field value that encoding leaves out of the message (a reader gets the field's default)."""


class Quality(msgspec.Struct, frozen=True):
    """A participant's last ``report``."""

    rtt_ms: float
    jitter_ms: float
    loss: float
    buffer_ms: float | None = None


class ChannelInfo(msgspec.Struct, frozen=True):
    """One channel: the floor, or a language of interpretation."""

    id: Id
    ssrc: int
    """The SSRC of the channel's outgoing RTP stream."""
    language: str | None = None
    """Null for the floor: its language is the meeting's ``floor_language``."""
    on_air: str | None = None
    """The participant speaking on the channel, or None."""
    listeners: int | None = None
    """(Extension) how many listeners receive it; None when the backend does not say."""
    booth: str | None = None
    """The booth on air; while nobody is, the hub's choice (its first listed booth)."""
    booths: tuple[str, ...] = ()
    """(Extension) every booth that lists this channel among its outputs."""
    source: str | None = None
    """What the interpreter on air interprets from: ``floor`` or a channel id."""
    fallback: bool | None = None
    """(Extension) true while nobody is on air: the channel then carries the floor."""

    @classmethod
    def floor(
        cls, *, ssrc: int, language: str | None, on_air: str | None, listeners: int
    ) -> ChannelInfo:
        """The floor channel as the hub writes it: without the interpretation channels' fields.

        For encoding only: the fields left out hold no value until decoded again.
        """
        return cls(
            FLOOR,
            ssrc,
            language,
            on_air,
            listeners,
            booth=_LEFT_OUT,
            booths=_LEFT_OUT,
            source=_LEFT_OUT,
            fallback=_LEFT_OUT,
        )

    @property
    def is_floor(self) -> bool:
        return self.id == FLOOR

    @property
    def carries_floor(self) -> bool:
        """The floor itself, or an interpretation channel in floor fallback."""
        return self.is_floor or self.on_air is None


class HandoverInfo(msgspec.Struct, frozen=True, rename={"sender": "from"}):
    """A pending handover: ``sender`` sent ``action``; ``to`` is expected to accept."""

    sender: str
    to: str
    action: str
    since: float = 0.0


class BoothInfo(msgspec.Struct, frozen=True):
    """A team of interpreters and the channels it works into."""

    id: Id
    outputs: tuple[str, ...]
    """The channels it may speak on: A first, then B, then C."""
    languages: tuple[str, ...] = ()
    """The languages it understands, for relay, in the meeting file's order."""
    members: tuple[str, ...] = ()
    live: str | None = None
    """The member on air, on any output."""
    live_since: float | None = None
    """(Extension) when the live member took the air, for a turn timer."""
    handover: HandoverInfo | None = None


class ParticipantInfo(msgspec.Struct, frozen=True):
    """Anyone but a listener: interpreters, coordinators, floor sources, gateways."""

    id: Id
    name: str
    role: str
    booth: str | None = None
    ssrc: int | None = None
    """(Extension) what ``CSRC[0]`` of received packets says while it speaks."""
    connected: bool = True
    cough: bool = False
    listening: tuple[str, ...] = ()
    """The channels it receives; for an interpreter the first is its source."""
    on_air: str | None = None
    """(Extension) the channel it holds."""
    quality: Quality | None = None
    platform: str | None = None
    """(Extension) the platform a gateway serves, as its ``hello`` named it; None for others."""


class Meeting(msgspec.Struct, frozen=True, kw_only=True):
    """One snapshot of the meeting, as ``welcome`` and ``state`` carry it, in the wire's order.

    Required are the fields a reader cannot do without; everything else (the
    hub's extensions among them) has a default, so that a backend that sends
    less is read.
    Everything is immutable: a snapshot can be handed to another thread (a
    GUI) as it is.
    """

    id: Id
    title: str = ""
    version: int
    floor_language: str | None = None
    floor_language_set_by: Id | None = None
    """(extension) Who set ``floor_language`` since the hub started; None: it is the meeting
    file's, which is also what it becomes again when the hub restarts."""
    channels: tuple[ChannelInfo, ...]
    """The floor first, then the channels in the meeting file's order."""
    booths: tuple[BoothInfo, ...] = ()
    participants: tuple[ParticipantInfo, ...] = ()
    listeners: int = 0
    """How many listeners are connected (they are not in ``participants``)."""

    def channel(self, channel_id: str) -> ChannelInfo | None:
        return next((ch for ch in self.channels if ch.id == channel_id), None)

    def booth(self, booth_id: str | None) -> BoothInfo | None:
        return next((b for b in self.booths if b.id == booth_id), None)

    def participant(self, participant_id: str) -> ParticipantInfo | None:
        return next((x for x in self.participants if x.id == participant_id), None)

    def air_of(self, participant_id: str) -> str | None:
        """The channel ``participant_id`` holds (from the contract's ``channels[].on_air``)."""
        return next((ch.id for ch in self.channels if ch.on_air == participant_id), None)

    def holder_booth(self, channel_id: str) -> str | None:
        """The booth of whoever is on air on the channel; None when nobody (or the floor) is.

        The channel's ``booth`` while someone is on air; when a backend leaves
        it out, the ``booth`` of the participant on air.
        """
        ch = self.channel(channel_id)
        if ch is None or ch.is_floor or ch.on_air is None:
            return None
        if ch.booth is not None:
            return ch.booth
        holder = self.participant(ch.on_air)
        return holder.booth if holder is not None else None

    def understood_by(self, booth_id: str) -> frozenset[str]:
        """What a booth understands: its ``languages`` and the languages of its outputs.

        A booth works into its A language, and a bi-active booth's B (retour)
        is a language it commands, whether or not ``languages`` lists them.
        Empty for a booth the snapshot does not list.
        """
        booth = self.booth(booth_id)
        if booth is None:
            return frozenset()
        spoken = (self.channel(out) for out in booth.outputs)
        return frozenset(booth.languages).union(
            ch.language for ch in spoken if ch is not None and ch.language is not None
        )

    def channel_ssrcs(self) -> dict[int, str]:
        """Channel SSRC -> channel id: how received media is demultiplexed."""
        return {ch.ssrc: ch.id for ch in self.channels}

    def speakers(self) -> dict[int, str]:
        """SSRC -> who it stands for in ``CSRC[0]``: participants by id, the floor as ``floor``."""
        out = {x.ssrc: x.id for x in self.participants if x.ssrc is not None}
        floor = self.channel(FLOOR)
        if floor is not None:
            out[floor.ssrc] = FLOOR
        return out


class Me(msgspec.Struct, frozen=True, kw_only=True):
    """The participant a ``welcome`` admits."""

    id: str
    name: str
    role: str
    booth: str | None = None
    ssrc: int
    """The SSRC its own media must carry."""
    listening: tuple[str, ...] = ()
    resumed: bool = False
    """The previous connection's listening set was given back."""


# --- Hub to client: the messages -------------------------------------------------------


class Welcome(_Message, tag="welcome"):
    participant: Me
    resume: str
    """Present it in the next ``hello`` to come back as the same participant."""
    meeting: Meeting


class State(_Message, tag="state"):
    meeting: Meeting


class Error(_Message, tag="error", omit_defaults=True):
    """A refusal. ``code`` is kept as sent, so that another backend's own codes read too."""

    code: str
    message: str = ""
    ref: str | None = None
    """The ``type`` of the refused message; left out when it could not be read."""


class ChatDelivered(_Message, tag="chat", kw_only=True, rename={"sender": "from"}):
    sender: str
    name: str | None = None
    """(Extension) the sender's display name."""
    to: str
    """Exactly what the sender wrote."""
    text: str
    at: float = 0.0


class SignalDelivered(_Message, tag="signal", rename={"sender": "from"}):
    sender: str
    kind: str
    at: float = 0.0


class Pong(_Message, tag="pong"):
    t: float


class ForcedOff(_Message, tag="forced_off"):
    """(Extension) a coordinator took the air from the receiver."""

    by: str


HubMessage = Welcome | State | Error | ChatDelivered | SignalDelivered | Pong | ForcedOff


# --- Reading and writing ---------------------------------------------------------------

_decoder: msgspec.json.Decoder[ClientMessage] = msgspec.json.Decoder(ClientMessage)
_hub_decoder: msgspec.json.Decoder[HubMessage] = msgspec.json.Decoder(HubMessage)
_loose = msgspec.json.Decoder(dict[str, Any])
_encoder = msgspec.json.Encoder()


class ProtocolError(Exception):
    """A control message that is refused, with the code and text the client gets."""

    def __init__(self, code: ErrorCode, message: str, ref: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.ref = ref


def decode(data: str | bytes) -> ClientMessage:
    """Decode one text frame from a client; raise ProtocolError(bad_message) saying why not."""
    if isinstance(data, str):
        # A str from a WebSocket library is valid UTF-8; one from elsewhere may hold a
        # lone surrogate, which must fail as bad JSON below, not as an encoding error.
        data = data.encode(errors="surrogatepass")
    if len(data) > MAX_CONTROL_BYTES:
        raise ProtocolError(
            ErrorCode.BAD_MESSAGE,
            f"control message of {len(data)} bytes is over the {MAX_CONTROL_BYTES}-byte limit",
            _type_of(data),
        )
    try:
        return _decoder.decode(data)
    except RecursionError:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "JSON nested too deeply", None) from None
    except UnicodeDecodeError:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "not UTF-8 text", None) from None
    except msgspec.DecodeError as exc:
        ref = _type_of(data)
        text = str(exc)
        if text.endswith("at `$.type`"):
            text = f"unknown message type {ref!r}; known types: {', '.join(MESSAGE_TYPES)}"
        raise ProtocolError(ErrorCode.BAD_MESSAGE, text, ref) from None


def decode_from_hub(data: str | bytes) -> HubMessage:
    """Decode one text frame from the hub.

    Raises ProtocolError(bad_message) for a message this side cannot read: a
    client counts it and goes on (it may be another backend's extension).
    Snapshots of large meetings exceed MAX_CONTROL_BYTES, so no size limit
    applies here.
    """
    try:
        return _hub_decoder.decode(data)
    except (msgspec.DecodeError, RecursionError, UnicodeError) as exc:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, str(exc), _type_of(data)) from None


def _type_of(data: str | bytes) -> str | None:
    """The `type` of a refused message, for the error's `ref`, if it can be read at all."""
    try:
        value = _loose.decode(data).get("type")
    except (msgspec.DecodeError, RecursionError, UnicodeError):
        return None
    return value if isinstance(value, str) else None


def encode(message: HubMessage | ClientMessage) -> bytes:
    """One text frame's JSON."""
    return _encoder.encode(message)


def error(code: ErrorCode, message: str, ref: str | None) -> Error:
    return Error(str(code), message, ref)

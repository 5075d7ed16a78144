"""The rsi.v1 control messages, decoded and validated strictly.

Every client message is a msgspec struct tagged by its ``type``; decoding
checks presence, types and ranges in one pass, so the hub's rules only ever
see well-formed commands. Fields a receiver does not know are ignored, as
the protocol allows extensions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

import msgspec

from channels import identity
from channels.meeting import MAX_CHANNELS

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


Id = Annotated[str, msgspec.Meta(min_length=1, max_length=128)]
ParticipantId = Annotated[
    str,
    msgspec.Meta(min_length=1, max_length=identity.MAX_ID_CHARS, pattern=identity.ID_PATTERN),
]
"""Any id a token may carry (channels.identity), and nothing else."""
Language = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
Figure = Annotated[float, msgspec.Meta(ge=0, le=1e6)]


class _Message(msgspec.Struct, tag_field="type"):
    pass


class Hello(_Message, tag="hello"):
    token: Annotated[str, msgspec.Meta(min_length=1, max_length=8192)]
    client: Annotated[str, msgspec.Meta(max_length=128)] = ""
    resume: Annotated[str, msgspec.Meta(max_length=256)] | None = None


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

MESSAGE_TYPES = tuple(str(cls.__struct_config__.tag) for cls in ClientMessage.__args__)
_decoder: msgspec.json.Decoder[ClientMessage] = msgspec.json.Decoder(ClientMessage)
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
    """Decode one text frame; raise ProtocolError(bad_message) saying what is wrong."""
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


def _type_of(data: str | bytes) -> str | None:
    """The `type` of a refused message, for the error's `ref`, if it can be read at all."""
    try:
        value = _loose.decode(data).get("type")
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError):
        return None
    return value if isinstance(value, str) else None


def encode(message: dict[str, Any]) -> bytes:
    return _encoder.encode(message)


def error(code: ErrorCode, message: str, ref: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "error", "code": str(code), "message": message}
    if ref is not None:
        out["ref"] = ref
    return out

"""Mumble's TCP messages that this client reads and writes, from Mumble.proto (protocol 1.3).

Every message on the TLS stream is a 6-byte header (type: 16 bits, length:
32 bits, big-endian) and that many bytes of payload: a protobuf message,
except for :attr:`MessageType.UDP_TUNNEL`, whose payload is a voice packet
as UDP would carry it (:mod:`.voice`). :func:`frame` writes a message;
the ``parse`` class methods read the fields this client uses, and raise
:class:`~.protobuf.WireError` on malformed bytes. Field numbers are
Mumble.proto's.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Final, TypeVar

from channels.platforms.mumble.protobuf import Fields, encode

HEADER: Final = struct.Struct(">HI")
MAX_PAYLOAD: Final = 0x7FFFFF
"""The largest message Mumble's own client and server accept (8 MiB - 1)."""


class MessageType(IntEnum):
    """The message types this client reads or writes (Mumble.proto has 26; others are skipped)."""

    VERSION = 0
    UDP_TUNNEL = 1
    AUTHENTICATE = 2
    PING = 3
    REJECT = 4
    SERVER_SYNC = 5
    CHANNEL_REMOVE = 6
    CHANNEL_STATE = 7
    USER_REMOVE = 8
    USER_STATE = 9
    TEXT_MESSAGE = 11
    PERMISSION_DENIED = 12
    CRYPT_SETUP = 15
    VOICE_TARGET = 19
    CODEC_VERSION = 21
    SERVER_CONFIG = 24


def frame(kind: MessageType, payload: bytes) -> bytes:
    """One message as it goes on the stream: header and payload."""
    return HEADER.pack(kind, len(payload)) + payload


def version_number(major: int, minor: int, patch: int) -> int:
    """Mumble's ``Version.version``: ``major << 16 | minor << 8 | patch``."""
    return major << 16 | minor << 8 | patch


# -- what this client writes ---------------------------------------------------------------


def version(number: int, release: str, os: str) -> bytes:
    return frame(MessageType.VERSION, encode((1, number), (2, release), (3, os)))


def authenticate(username: str, password: str, tokens: Iterable[str]) -> bytes:
    """Log in; ``opus`` (field 5) says this client speaks Opus, so the server uses Opus."""
    return frame(
        MessageType.AUTHENTICATE,
        encode((1, username), (2, password or None), (3, tuple(tokens)), (5, True)),
    )


def ping(timestamp: int) -> bytes:
    """A TCP ping; the server answers with a ping that carries the same ``timestamp``."""
    return frame(MessageType.PING, encode((1, timestamp)))


def move_user(session: int, channel_id: int) -> bytes:
    """A ``UserState`` that moves a user (ourselves, to join a channel)."""
    return frame(MessageType.USER_STATE, encode((1, session), (5, channel_id)))


def add_channel(parent: int, name: str, *, temporary: bool) -> bytes:
    """A ``ChannelState`` without ``channel_id``: create a channel (MakeChannel permission)."""
    return frame(MessageType.CHANNEL_STATE, encode((2, parent), (3, name), (8, temporary or None)))


def voice_target(target: int, channel_ids: Iterable[int]) -> bytes:
    """Define whisper target ``target`` (1-30) as these channels (``VoiceTarget.Target``)."""
    targets = tuple(encode((2, channel_id)) for channel_id in channel_ids)
    return frame(MessageType.VOICE_TARGET, encode((1, target), (2, targets)))


def tunnel(packet: bytes) -> bytes:
    """A voice packet in the TCP tunnel (``UDPTunnel``): the payload is the packet itself."""
    return frame(MessageType.UDP_TUNNEL, packet)


# -- what this client reads ----------------------------------------------------------------


class RejectType(IntEnum):
    """``Reject.RejectType``: why the server refused the login."""

    NONE = 0
    WRONG_VERSION = 1
    INVALID_USERNAME = 2
    WRONG_USER_PASSWORD = 3
    WRONG_SERVER_PASSWORD = 4
    USERNAME_IN_USE = 5
    SERVER_FULL = 6
    NO_CERTIFICATE = 7
    AUTHENTICATOR_FAIL = 8


class DenyType(IntEnum):
    """``PermissionDenied.DenyType``."""

    TEXT = 0
    PERMISSION = 1
    SUPER_USER = 2
    CHANNEL_NAME = 3
    TEXT_TOO_LONG = 4
    H9K = 5
    TEMPORARY_CHANNEL = 6
    MISSING_CERTIFICATE = 7
    USER_NAME = 8
    CHANNEL_FULL = 9
    NESTING_LIMIT = 10
    CHANNEL_COUNT_LIMIT = 11


PERMISSION_NAMES: Final = {
    0x1: "Write",
    0x2: "Traverse",
    0x4: "Enter",
    0x8: "Speak",
    0x40: "MakeChannel",
    0x100: "Whisper",
    0x200: "TextMessage",
    0x400: "MakeTempChannel",
}
"""ACL permission bits a client like this one may lack, by the names Mumble's ACL editor shows."""


E = TypeVar("E", bound=IntEnum)


def _enum(kind: type[E], value: int | None, default: E) -> E | int:
    """The enum member for ``value``; a number unknown to this client stays a plain int."""
    if value is None:
        return default
    try:
        return kind(value)
    except ValueError:
        return value


@dataclass(frozen=True, slots=True)
class ServerVersion:
    number: int | None
    release: str

    @classmethod
    def parse(cls, payload: bytes) -> ServerVersion:
        f = Fields(payload)
        return cls(f.number(1), f.text(2) or "")


@dataclass(frozen=True, slots=True)
class Reject:
    type: RejectType | int
    reason: str

    @classmethod
    def parse(cls, payload: bytes) -> Reject:
        f = Fields(payload)
        return cls(_enum(RejectType, f.number(1), RejectType.NONE), f.text(2) or "")


@dataclass(frozen=True, slots=True)
class ServerSync:
    session: int
    max_bandwidth: int | None
    welcome_text: str

    @classmethod
    def parse(cls, payload: bytes) -> ServerSync:
        f = Fields(payload)
        return cls(f.number(1) or 0, f.number(2), f.text(3) or "")


@dataclass(frozen=True, slots=True)
class ChannelState:
    """A channel's state, or a change to it: fields left out are unchanged."""

    channel_id: int
    parent: int | None
    name: str | None
    temporary: bool | None

    @classmethod
    def parse(cls, payload: bytes) -> ChannelState:
        f = Fields(payload)
        return cls(f.number(1) or 0, f.number(2), f.text(3), f.flag(8))


@dataclass(frozen=True, slots=True)
class ChannelRemove:
    channel_id: int

    @classmethod
    def parse(cls, payload: bytes) -> ChannelRemove:
        return cls(Fields(payload).number(1) or 0)


@dataclass(frozen=True, slots=True)
class UserState:
    """A user's state, or a change to it: fields left out are unchanged."""

    session: int
    name: str | None
    channel_id: int | None

    @classmethod
    def parse(cls, payload: bytes) -> UserState:
        f = Fields(payload)
        return cls(f.number(1) or 0, f.text(3), f.number(5))


@dataclass(frozen=True, slots=True)
class UserRemove:
    """A user left; with ``actor``, someone kicked (or, with ``ban``, banned) them."""

    session: int
    actor: int | None
    reason: str
    ban: bool

    @classmethod
    def parse(cls, payload: bytes) -> UserRemove:
        f = Fields(payload)
        return cls(f.number(1) or 0, f.number(2), f.text(3) or "", bool(f.flag(4)))


@dataclass(frozen=True, slots=True)
class TextMessage:
    actor: int | None
    message: str

    @classmethod
    def parse(cls, payload: bytes) -> TextMessage:
        f = Fields(payload)
        return cls(f.number(1), f.text(5) or "")


@dataclass(frozen=True, slots=True)
class PermissionDenied:
    type: DenyType | int
    permission: int | None
    channel_id: int | None
    reason: str
    name: str

    @classmethod
    def parse(cls, payload: bytes) -> PermissionDenied:
        f = Fields(payload)
        return cls(
            _enum(DenyType, f.number(5), DenyType.TEXT),
            f.number(1),
            f.number(2),
            f.text(4) or "",
            f.text(6) or "",
        )


@dataclass(frozen=True, slots=True)
class CodecVersion:
    opus: bool
    """The server asks for Opus: every client in the server says it speaks it."""

    @classmethod
    def parse(cls, payload: bytes) -> CodecVersion:
        return cls(bool(Fields(payload).flag(4)))


@dataclass(frozen=True, slots=True)
class ServerConfig:
    max_bandwidth: int | None
    """Bits per second a client may send speech at, IP and UDP headers included."""

    @classmethod
    def parse(cls, payload: bytes) -> ServerConfig:
        return cls(Fields(payload).number(1))


@dataclass(frozen=True, slots=True)
class Ping:
    timestamp: int | None

    @classmethod
    def parse(cls, payload: bytes) -> Ping:
        return cls(Fields(payload).number(1))

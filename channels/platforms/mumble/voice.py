"""Mumble's legacy voice packets (protocol 1.3), as UDP and the TCP tunnel carry them.

A packet is a header byte (codec << 5 | target), then, from the server only,
the speaker's session, then the sequence number, then the audio; numbers are
Mumble's own variable-length integers (:func:`put_number`, not protobuf's).
For Opus the audio is a number holding the payload's length (13 bits) and
the terminator bit (set on a talk burst's last packet), the payload, and
optional positional data (three floats) that this client ignores.

The sequence number counts 10 ms frames: a 20 ms packet advances it by 2.

Mumble 1.5 servers still speak this format to clients that announce a
version below 1.5, as this one does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Final


class Codec(IntEnum):
    CELT_ALPHA = 0
    PING = 1
    SPEEX = 2
    CELT_BETA = 3
    OPUS = 4


NORMAL_TALK: Final = 0
"""Target 0: speak to our own channel (and the channels linked to it)."""
WHISPER_TARGETS: Final = range(1, 31)
"""Targets a ``VoiceTarget`` message may define (31 is the server's loopback)."""
HEARD_WHISPER: Final = 1
HEARD_DIRECT: Final = 2
"""Targets as the server sends them: 0 normal talk, 1 whispered to our channel, 2 to us."""

OPUS_TERMINATOR: Final = 0x2000
OPUS_MAX_PAYLOAD: Final = 0x1FFF
FRAME_MS: Final = 10
"""What one step of the sequence number stands for."""


class VoiceError(ValueError):
    """The bytes are not a voice packet this client can read."""


def put_number(value: int) -> bytes:
    """A non-negative number in Mumble's variable-length encoding (``PacketDataStream``)."""
    if value < 0:
        raise ValueError("voice packet numbers are not negative")
    if value < 0x80:
        return bytes((value,))
    if value < 0x4000:
        return bytes((value >> 8 | 0x80, value & 0xFF))
    if value < 0x200000:
        return bytes((value >> 16 | 0xC0, value >> 8 & 0xFF, value & 0xFF))
    if value < 0x10000000:
        return bytes((value >> 24 | 0xE0, value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF))
    if value < 1 << 32:
        return b"\xf0" + value.to_bytes(4, "big")
    return b"\xf4" + value.to_bytes(8, "big")  # OverflowError beyond 64 bits


def get_number(data: bytes, at: int) -> tuple[int, int]:
    """The number at ``at`` and the position after it; :class:`VoiceError` if it is not one."""
    if at >= len(data):
        raise VoiceError("the packet ends where a number should be")
    first = data[at]
    if first < 0x80:
        return first, at + 1
    if first < 0xC0:
        extra, value = 1, first & 0x3F
    elif first < 0xE0:
        extra, value = 2, first & 0x1F
    elif first < 0xF0:
        extra, value = 3, first & 0x0F
    elif first & 0xFC == 0xF0:
        extra, value = 4, 0
    elif first & 0xFC == 0xF4:
        extra, value = 8, 0
    else:
        raise VoiceError("a negative number where a count should be")
    end = at + 1 + extra
    if end > len(data):
        raise VoiceError("a number runs past the end of the packet")
    return value << 8 * extra | int.from_bytes(data[at + 1 : end], "big"), end


def opus_packet(payload: bytes, *, sequence: int, target: int, last: bool) -> bytes:
    """A packet this client sends: Opus ``payload`` to ``target`` (0: our channel)."""
    if not 0 <= target <= 31:
        raise ValueError(f"voice target {target} is not 0-31")
    if len(payload) > OPUS_MAX_PAYLOAD:
        raise ValueError(f"an Opus payload of {len(payload)} bytes does not fit a voice packet")
    length = len(payload) | (OPUS_TERMINATOR if last else 0)
    return bytes((Codec.OPUS << 5 | target,)) + put_number(sequence) + put_number(length) + payload


def ping_packet(timestamp: int) -> bytes:
    """A voice-channel ping; sent in the tunnel it tells the server to tunnel our voice, too."""
    return bytes((Codec.PING << 5,)) + put_number(timestamp)


@dataclass(frozen=True, slots=True)
class VoicePacket:
    """A packet from the server. ``opus`` is empty for other codecs, which this client ignores."""

    codec: Codec | int
    target: int
    """:data:`NORMAL_TALK`, :data:`HEARD_WHISPER` or :data:`HEARD_DIRECT`."""
    session: int
    """The speaker."""
    sequence: int
    opus: bytes
    last: bool
    """The terminator bit: the speaker stopped talking after this packet."""


def parse(packet: bytes) -> VoicePacket:
    """Read a packet from the server (:class:`VoiceError` when malformed)."""
    if not packet:
        raise VoiceError("an empty voice packet")
    kind, target = packet[0] >> 5, packet[0] & 0x1F
    codec = Codec(kind) if kind <= Codec.OPUS else kind
    if codec is Codec.PING:
        timestamp, _ = get_number(packet, 1)
        return VoicePacket(codec, target, 0, timestamp, b"", False)
    session, at = get_number(packet, 1)
    sequence, at = get_number(packet, at)
    if codec is not Codec.OPUS:
        return VoicePacket(codec, target, session, sequence, b"", False)
    length, at = get_number(packet, at)
    size = length & OPUS_MAX_PAYLOAD
    if at + size > len(packet):
        raise VoiceError("the Opus payload runs past the end of the packet")
    return VoicePacket(
        codec, target, session, sequence, packet[at : at + size], bool(length & OPUS_TERMINATOR)
    )

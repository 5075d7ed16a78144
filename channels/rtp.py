"""RTP packets (RFC 3550) as rsi.v1 carries them, with the RFC 6464 audio level.

Parsing keeps the header extension and payload as raw bytes: the hub forwards
them unchanged, so a meter can read the level without decoding any Opus.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

OPUS_PAYLOAD_TYPE = 111
OPUS_CLOCK_RATE = 48_000
MAX_PACKET = 1500
"""Largest RTP packet a binary frame may carry."""

ONE_BYTE_PROFILE = 0xBEDE
AUDIO_LEVEL_ID = 1
"""RFC 6464 extension element id that rsi.v1 fixes for the audio level."""

_FIXED = struct.Struct("!BBHII")


class RtpError(ValueError):
    """The bytes are not an RTP packet that rsi.v1 accepts."""


@dataclass(frozen=True, slots=True)
class RtpPacket:
    sequence: int
    timestamp: int
    ssrc: int
    payload: bytes
    marker: bool = False
    payload_type: int = OPUS_PAYLOAD_TYPE
    csrc: tuple[int, ...] = ()
    extension: tuple[int, bytes] | None = None
    """(profile, data) of the header extension; data is a multiple of 4 bytes."""

    def serialize(self) -> bytes:
        return build(
            sequence=self.sequence,
            timestamp=self.timestamp,
            ssrc=self.ssrc,
            payload=self.payload,
            marker=self.marker,
            payload_type=self.payload_type,
            csrc=self.csrc,
            extension=self.extension,
        )

    @property
    def audio_level(self) -> tuple[bool, int] | None:
        """(voice activity, level in -dBov) from the RFC 6464 element, if present."""
        if self.extension is None or self.extension[0] != ONE_BYTE_PROFILE:
            return None
        value = one_byte_elements(self.extension[1]).get(AUDIO_LEVEL_ID)
        if not value:
            return None
        return bool(value[0] & 0x80), value[0] & 0x7F


def build(
    *,
    sequence: int,
    timestamp: int,
    ssrc: int,
    payload: bytes,
    marker: bool = False,
    payload_type: int = OPUS_PAYLOAD_TYPE,
    csrc: tuple[int, ...] = (),
    extension: tuple[int, bytes] | None = None,
) -> bytes:
    if len(csrc) > 15:
        raise RtpError("at most 15 CSRC identifiers fit in an RTP header")
    if extension is not None and len(extension[1]) % 4:
        raise RtpError("header extension data must be a multiple of 4 bytes")
    first = 0x80 | (0x10 if extension is not None else 0) | len(csrc)
    second = (0x80 if marker else 0) | (payload_type & 0x7F)
    parts = [
        _FIXED.pack(first, second, sequence & 0xFFFF, timestamp & 0xFFFFFFFF, ssrc & 0xFFFFFFFF)
    ]
    if csrc:
        parts.append(struct.pack(f"!{len(csrc)}I", *csrc))
    if extension is not None:
        profile, data = extension
        parts.append(struct.pack("!HH", profile, len(data) // 4))
        parts.append(data)
    parts.append(payload)
    return b"".join(parts)


def parse(data: bytes) -> RtpPacket:
    """Parse and check a packet: version 2, payload type 111, lengths consistent."""
    header = header_length(data)
    first, second, sequence, timestamp, ssrc = _FIXED.unpack_from(data)
    count = first & 0x0F
    csrc = struct.unpack_from(f"!{count}I", data, 12) if count else ()
    extension = None
    if first & 0x10:
        at = 12 + 4 * count
        profile, words = struct.unpack_from("!HH", data, at)
        extension = (profile, bytes(data[at + 4 : at + 4 + 4 * words]))
    end = len(data)
    if first & 0x20:
        end -= data[-1]
    return RtpPacket(
        sequence=sequence,
        timestamp=timestamp,
        ssrc=ssrc,
        payload=bytes(data[header:end]),
        marker=bool(second & 0x80),
        payload_type=second & 0x7F,
        csrc=tuple(csrc),
        extension=extension,
    )


def header_length(data: bytes) -> int:
    """Length of the header (fixed part, CSRCs, extension) after checking the packet.

    This is the hub's whole per-packet validation: cheap, and strict enough
    that a forwarded packet is always well formed.
    """
    size = len(data)
    if size < 12:
        raise RtpError(f"RTP packet of {size} bytes is shorter than the 12-byte header")
    if size > MAX_PACKET:
        raise RtpError(f"RTP packet of {size} bytes is over the {MAX_PACKET}-byte limit")
    first = data[0]
    if first >> 6 != 2:
        raise RtpError(f"RTP version {first >> 6}, expected 2")
    payload_type = data[1] & 0x7F
    if payload_type != OPUS_PAYLOAD_TYPE:
        raise RtpError(f"payload type {payload_type}, expected {OPUS_PAYLOAD_TYPE} (Opus)")
    header = 12 + 4 * (first & 0x0F)
    if first & 0x10:
        if size < header + 4:
            raise RtpError("RTP header extension is truncated")
        words = (data[header + 2] << 8) | data[header + 3]
        header += 4 + 4 * words
    if size < header:
        raise RtpError("RTP header is longer than the packet")
    if first & 0x20:
        padding = data[-1]
        if padding == 0 or header + padding > size:
            raise RtpError("RTP padding length is invalid")
    return header


def rewrite_header(
    data: bytes,
    *,
    ssrc: int,
    sequence: int,
    timestamp: int,
    marker: bool,
    origin: int,
) -> bytes:
    """The packet as the hub forwards it on a channel.

    SSRC, sequence number and timestamp become the channel's, the marker bit is
    set as asked, and the CSRC list becomes [origin]. Extension and payload are
    copied unchanged. `data` must have passed :func:`header_length`.
    """
    first = data[0]
    rest = 12 + 4 * (first & 0x0F)
    head = _FIXED.pack(
        0x80 | (first & 0x30) | 1,
        (0x80 if marker else 0) | (data[1] & 0x7F),
        sequence & 0xFFFF,
        timestamp & 0xFFFFFFFF,
        ssrc,
    )
    return b"".join((head, origin.to_bytes(4, "big"), data[rest:]))


def one_byte_elements(data: bytes) -> dict[int, bytes]:
    """Elements of a one-byte-header extension block (RFC 8285 section 4.2)."""
    elements: dict[int, bytes] = {}
    at = 0
    while at < len(data):
        byte = data[at]
        if byte == 0:  # padding
            at += 1
            continue
        ident, length = byte >> 4, (byte & 0x0F) + 1
        if ident == 15:  # reserved: stop parsing, as RFC 8285 says
            break
        elements[ident] = bytes(data[at + 1 : at + 1 + length])
        at += 1 + length
    return elements


def audio_level_extension(level: int, voice: bool) -> tuple[int, bytes]:
    """The RFC 6464 element (one-byte form, id 1), padded to 4 bytes.

    `level` is the attenuation below full scale, 0 (loudest) to 127 (silence),
    as RFC 6464 codes -dBov; values outside are clamped.
    """
    value = (0x80 if voice else 0) | min(127, max(0, level))
    return ONE_BYTE_PROFILE, bytes(((AUDIO_LEVEL_ID << 4) | 0, value, 0, 0))

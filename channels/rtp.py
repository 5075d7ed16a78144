"""RTP packets (RFC 3550) as rsi.v1 carries them, with the RFC 6464 audio level.

:func:`read` is the one reader of a received packet, for the paths that see
every packet (the hub's forwarding, a client's receivers): it checks the
packet and returns its header fields and where its payload lies, allocating
one tuple. :func:`audio_level` and :func:`first_csrc` read the rest when
needed. :func:`parse` gives the whole packet as an :class:`RtpPacket`, for
tools and tests. The header extension and payload stay raw bytes: the hub
forwards them unchanged, so a meter can read the level without decoding any
Opus.
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
_unpack_fixed = _FIXED.unpack_from


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
        block = self.extension[1]
        value = _level_element(block, 0, len(block))
        if value is None:
            return None
        return bool(value & 0x80), value & 0x7F


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


def ssrc_of(data: bytes) -> int | None:
    """The SSRC of ``data``, or None when it is shorter than the fixed header.

    For dispatching a packet to its stream before :func:`read` checks it whole.
    """
    return int.from_bytes(data[8:12], "big") if len(data) >= 12 else None


Fields = tuple[bool, int, int, int, int, int, int]
"""What :func:`read` gives: marker, sequence, timestamp, SSRC, CSRC count, then the
payload's start (the header's length) and end (before any padding)."""


def read(data: bytes) -> Fields:
    """Check a packet (version 2, payload type 111, lengths consistent) and read its header.

    Raises :class:`RtpError` saying what is wrong. Unpack the result by position::

        marker, sequence, timestamp, ssrc, csrcs, start, end = read(data)
    """
    size = len(data)
    if size < 12:
        raise RtpError(f"RTP packet of {size} bytes is shorter than the 12-byte header")
    if size > MAX_PACKET:
        raise RtpError(f"RTP packet of {size} bytes is over the {MAX_PACKET}-byte limit")
    first, second, sequence, timestamp, ssrc = _unpack_fixed(data)
    if first >> 6 != 2:
        raise RtpError(f"RTP version {first >> 6}, expected 2")
    payload_type = second & 0x7F
    if payload_type != OPUS_PAYLOAD_TYPE:
        raise RtpError(f"payload type {payload_type}, expected {OPUS_PAYLOAD_TYPE} (Opus)")
    csrcs = first & 0x0F
    start = 12 + 4 * csrcs
    if first & 0x10:
        if size < start + 4:
            raise RtpError("RTP header extension is truncated")
        start += 4 + 4 * ((data[start + 2] << 8) | data[start + 3])
    if size < start:
        raise RtpError("RTP header is longer than the packet")
    end = size
    if first & 0x20:
        padding = data[-1]
        if padding == 0 or start + padding > size:
            raise RtpError("RTP padding length is invalid")
        end -= padding
    return second >= 0x80, sequence, timestamp, ssrc, csrcs, start, end


def audio_level(data: bytes, csrcs: int, start: int) -> int | None:
    """The RFC 6464 byte of a packet that passed :func:`read` (V bit, then -dBov), if any.

    ``csrcs`` and ``start`` are what :func:`read` gave for it.
    """
    at = 12 + 4 * csrcs
    if not data[0] & 0x10 or data[at] != 0xBE or data[at + 1] != 0xDE:
        return None
    return _level_element(data, at + 4, start)


def first_csrc(data: bytes, csrcs: int) -> int | None:
    """CSRC[0] of a packet that passed :func:`read`: where a forwarded packet's audio came from."""
    return int.from_bytes(data[12:16], "big") if csrcs else None


def _level_element(data: bytes, at: int, end: int) -> int | None:
    """The audio level element's byte in a one-byte-header extension block ``data[at:end]``."""
    while at < end:
        byte = data[at]
        if byte == 0:  # padding
            at += 1
            continue
        ident, length = byte >> 4, (byte & 0x0F) + 1
        if ident == 15:  # reserved: stop parsing, as RFC 8285 says
            return None
        if ident == AUDIO_LEVEL_ID:
            return data[at + 1] if at + 1 < end else None
        at += 1 + length
    return None


def parse(data: bytes) -> RtpPacket:
    """Check and parse a whole packet, as :func:`read` checks it."""
    marker, sequence, timestamp, ssrc, count, start, end = read(data)
    second = data[1]
    csrc = struct.unpack_from(f"!{count}I", data, 12) if count else ()
    extension = None
    if data[0] & 0x10:
        at = 12 + 4 * count
        profile, words = struct.unpack_from("!HH", data, at)
        extension = (profile, bytes(data[at + 4 : at + 4 + 4 * words]))
    return RtpPacket(
        sequence=sequence,
        timestamp=timestamp,
        ssrc=ssrc,
        payload=bytes(data[start:end]),
        marker=marker,
        payload_type=second & 0x7F,
        csrc=tuple(csrc),
        extension=extension,
    )


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
    copied unchanged. `data` must have passed :func:`read`.
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


def audio_level_extension(level: int, voice: bool) -> tuple[int, bytes]:
    """The RFC 6464 element (one-byte form, id 1), padded to 4 bytes.

    `level` is the attenuation below full scale, 0 (loudest) to 127 (silence),
    as RFC 6464 codes -dBov; values outside are clamped.
    """
    value = (0x80 if voice else 0) | min(127, max(0, level))
    return ONE_BYTE_PROFILE, bytes(((AUDIO_LEVEL_ID << 4) | 0, value, 0, 0))

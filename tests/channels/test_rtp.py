"""RTP packets (channels.rtp): building, reading and parsing, the hub's rewrite, audio level."""

from __future__ import annotations

import struct
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.rtp import (
    AUDIO_LEVEL_ID,
    MAX_PACKET,
    ONE_BYTE_PROFILE,
    OPUS_PAYLOAD_TYPE,
    RtpError,
    RtpPacket,
    audio_level,
    audio_level_extension,
    build,
    first_csrc,
    parse,
    read,
    rewrite_header,
    ssrc_of,
)

EXTENSION = (ONE_BYTE_PROFILE, bytes((0x10, 0x85, 0x00, 0x00, 0x22, 0xAA, 0xBB, 0xCC)))
"""An audio level element, two padding bytes, then a 3-byte element id 2."""


def _packet(**changes: Any) -> bytes:
    fields: dict[str, Any] = {
        "sequence": 4321,
        "timestamp": 0xDEADBEEF,
        "ssrc": 0x11223344,
        "payload": b"opus-frame",
    }
    fields.update(changes)
    return build(**fields)


def _header_length(data: bytes) -> int:
    """Where `read` says the payload starts: the header's length."""
    _, _, _, _, _, start, _ = read(data)
    return start


def _padded(data: bytes, padding: int) -> bytes:
    """`data` with the P bit set and `padding` bytes appended (the last one is the count)."""
    assert 1 <= padding <= 255
    return bytes((data[0] | 0x20,)) + data[1:] + bytes(padding - 1) + bytes((padding,))


# --- build and parse -----------------------------------------------------------------------


def test_minimal_packet_layout() -> None:
    data = _packet()
    assert len(data) == 12 + len(b"opus-frame")
    assert data[0] == 0x80  # version 2, no padding, no extension, no CSRC
    assert data[1] == OPUS_PAYLOAD_TYPE
    assert struct.unpack_from("!HII", data, 2) == (4321, 0xDEADBEEF, 0x11223344)
    assert _header_length(data) == 12


def test_the_ssrc_is_read_for_dispatch_and_a_runt_has_none() -> None:
    data = _packet()
    assert ssrc_of(data) == read(data)[3] == 0x11223344
    assert ssrc_of(data[:11]) is None


def test_round_trip_with_everything() -> None:
    data = _packet(marker=True, csrc=(1, 0xFFFFFFFF, 7), extension=EXTENSION)
    assert data[0] == 0x80 | 0x10 | 3
    assert data[1] == 0x80 | OPUS_PAYLOAD_TYPE
    assert _header_length(data) == 12 + 3 * 4 + 4 + len(EXTENSION[1])
    packet = parse(data)
    assert packet == RtpPacket(
        sequence=4321,
        timestamp=0xDEADBEEF,
        ssrc=0x11223344,
        payload=b"opus-frame",
        marker=True,
        csrc=(1, 0xFFFFFFFF, 7),
        extension=EXTENSION,
    )
    assert packet.serialize() == data


def test_round_trip_with_padding() -> None:
    data = _padded(_packet(marker=True, csrc=(9,), extension=EXTENSION), 7)
    packet = parse(data)
    assert packet.payload == b"opus-frame"
    assert packet.csrc == (9,)
    assert packet.extension == EXTENSION
    assert packet.marker
    # Padding is not part of the packet's content: serializing drops it.
    assert parse(packet.serialize()) == packet


def test_padding_may_fill_everything_after_the_header() -> None:
    data = _padded(_packet(payload=b""), 4)
    assert _header_length(data) == 12
    assert parse(data).payload == b""


def test_empty_payload_and_empty_extension() -> None:
    packet = parse(_packet(payload=b"", extension=(0x1000, b"")))
    assert packet.payload == b""
    assert packet.extension == (0x1000, b"")


def test_build_masks_sequence_timestamp_and_ssrc() -> None:
    packet = parse(_packet(sequence=0x1_0002, timestamp=0x1_0000_0003, ssrc=-1))
    assert (packet.sequence, packet.timestamp, packet.ssrc) == (2, 3, 0xFFFFFFFF)


def test_build_allows_fifteen_csrcs_and_no_more() -> None:
    fifteen = tuple(range(15))
    assert parse(_packet(csrc=fifteen)).csrc == fifteen
    with pytest.raises(RtpError, match="15 CSRC"):
        _packet(csrc=tuple(range(16)))


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_build_refuses_extension_not_a_multiple_of_four(size: int) -> None:
    with pytest.raises(RtpError, match="multiple of 4"):
        _packet(extension=(ONE_BYTE_PROFILE, bytes(size)))


def test_serialize_is_build() -> None:
    packet = RtpPacket(sequence=1, timestamp=2, ssrc=3, payload=b"x", csrc=(4,))
    assert packet.serialize() == build(sequence=1, timestamp=2, ssrc=3, payload=b"x", csrc=(4,))


# --- read: the fields -------------------------------------------------------------------------


def test_read_gives_the_header_fields_and_where_the_payload_lies() -> None:
    data = _padded(_packet(marker=True, csrc=(9, 10), extension=EXTENSION), 3)
    start = 12 + 2 * 4 + 4 + len(EXTENSION[1])
    assert read(data) == (True, 4321, 0xDEADBEEF, 0x11223344, 2, start, len(data) - 3)
    assert data[start : len(data) - 3] == b"opus-frame"
    assert read(_packet()) == (False, 4321, 0xDEADBEEF, 0x11223344, 0, 12, 22)


def test_audio_level_and_first_csrc_read_from_the_packet() -> None:
    data = _packet(csrc=(9, 10), extension=audio_level_extension(42, True))
    _, _, _, _, csrcs, start, _ = read(data)
    assert audio_level(data, csrcs, start) == 0x80 | 42
    assert first_csrc(data, csrcs) == 9
    plain = _packet()
    _, _, _, _, csrcs, start, _ = read(plain)
    assert audio_level(plain, csrcs, start) is None
    assert first_csrc(plain, csrcs) is None
    two_byte = _packet(extension=(0x1000, bytes((1, 1, 0x85, 0))))
    _, _, _, _, csrcs, start, _ = read(two_byte)
    assert audio_level(two_byte, csrcs, start) is None, "only the one-byte form is read"


# --- read: every rejection ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 11])
def test_rejects_short(size: int) -> None:
    with pytest.raises(RtpError, match="shorter than the 12-byte header"):
        _header_length(_packet(payload=b"")[:size])


def test_size_limit_is_inclusive() -> None:
    largest = _packet(payload=bytes(MAX_PACKET - 12))
    assert len(largest) == MAX_PACKET
    assert _header_length(largest) == 12
    with pytest.raises(RtpError, match="over the 1500-byte limit"):
        _header_length(largest + b"\x00")


@pytest.mark.parametrize("version", [0, 1, 3])
def test_rejects_other_versions(version: int) -> None:
    data = bytearray(_packet())
    data[0] = (data[0] & 0x3F) | (version << 6)
    with pytest.raises(RtpError, match=f"RTP version {version}, expected 2"):
        _header_length(bytes(data))
    with pytest.raises(RtpError):
        parse(bytes(data))


@pytest.mark.parametrize("payload_type", [0, 8, 96, 110, 112, 127])
@pytest.mark.parametrize("marker", [False, True])
def test_rejects_other_payload_types(payload_type: int, marker: bool) -> None:
    data = _packet(payload_type=payload_type, marker=marker)
    with pytest.raises(RtpError, match=f"payload type {payload_type}, expected 111"):
        _header_length(data)
    with pytest.raises(RtpError):
        parse(data)


def test_rejects_extension_flag_without_extension_header() -> None:
    data = _packet(payload=b"")
    data = bytes((data[0] | 0x10,)) + data[1:]  # X set, nothing after the fixed header
    with pytest.raises(RtpError, match="extension is truncated"):
        _header_length(data)
    with pytest.raises(RtpError, match="extension is truncated"):
        _header_length(data + b"\xbe\xde\x00")  # 3 of the 4 bytes


def test_rejects_extension_longer_than_packet() -> None:
    data = _packet(payload=b"", csrc=(5,), extension=(ONE_BYTE_PROFILE, bytes(8)))
    header = _header_length(data)
    assert header == len(data)
    with pytest.raises(RtpError, match="header is longer than the packet"):
        _header_length(data[:-1])
    with pytest.raises(RtpError, match="header is longer than the packet"):
        _header_length(data[: header - 8])  # only the extension's own 4-byte header left


def test_rejects_csrc_list_longer_than_packet() -> None:
    data = bytes((0x80 | 3,)) + _packet(payload=b"")[1:] + bytes(8)  # CC=3, two CSRCs given
    with pytest.raises(RtpError, match="header is longer than the packet"):
        _header_length(data)
    assert _header_length(data + bytes(4)) == 24


def test_rejects_csrc_list_that_hides_the_extension_header() -> None:
    data = bytes((0x80 | 0x10 | 2,)) + _packet(payload=b"")[1:] + bytes(8)
    with pytest.raises(RtpError, match="extension is truncated"):
        _header_length(data)


def test_rejects_zero_padding_count() -> None:
    data = _packet(payload=b"abc\x00")
    data = bytes((data[0] | 0x20,)) + data[1:]
    with pytest.raises(RtpError, match="padding length is invalid"):
        _header_length(data)


def test_rejects_padding_longer_than_the_body() -> None:
    body = b"abcd"
    data = _padded(_packet(payload=body, extension=EXTENSION), 3)
    header = _header_length(data)
    room = len(data) - header  # payload and padding
    ok = data[:-1] + bytes((room,))
    assert parse(ok).payload == b""
    bad = data[:-1] + bytes((room + 1,))
    with pytest.raises(RtpError, match="padding length is invalid"):
        _header_length(bad)
    with pytest.raises(RtpError, match="padding length is invalid"):
        parse(bad)


# --- rewrite_header --------------------------------------------------------------------------


@pytest.mark.parametrize("csrc", [(), (0xA,), (1, 2, 3, 4, 5)])
@pytest.mark.parametrize("extension", [None, EXTENSION])
@pytest.mark.parametrize("marker", [False, True])
def test_rewrite_replaces_the_channel_fields_only(
    csrc: tuple[int, ...], extension: tuple[int, bytes] | None, marker: bool
) -> None:
    data = _packet(marker=not marker, csrc=csrc, extension=extension, payload=b"\x01\x02\x03")
    out = rewrite_header(
        data, ssrc=0xCAFEF00D, sequence=17, timestamp=960, marker=marker, origin=0x0BADBEEF
    )
    assert _header_length(out) == 12 + 4 + (0 if extension is None else 4 + len(extension[1]))
    packet = parse(out)
    assert packet == RtpPacket(
        sequence=17,
        timestamp=960,
        ssrc=0xCAFEF00D,
        payload=b"\x01\x02\x03",
        marker=marker,
        csrc=(0x0BADBEEF,),
        extension=extension,
    )
    # Extension and payload are the very same bytes.
    assert out[16:] == data[12 + 4 * len(csrc) :]


def test_rewrite_keeps_padding() -> None:
    data = _padded(_packet(csrc=(1, 2), extension=EXTENSION, payload=b"frame"), 5)
    out = rewrite_header(data, ssrc=1, sequence=2, timestamp=3, marker=False, origin=4)
    assert out[0] & 0x20
    assert out.endswith(bytes(4) + b"\x05")
    packet = parse(out)
    assert packet.payload == b"frame"
    assert packet.extension == EXTENSION
    assert packet.csrc == (4,)


def test_rewrite_wraps_sequence_and_timestamp() -> None:
    data = _packet()
    out = rewrite_header(
        data,
        ssrc=9,
        sequence=0xFFFF + 1 + 41,
        timestamp=0xFFFFFFFF + 1 + 480,
        marker=False,
        origin=1,
    )
    packet = parse(out)
    assert (packet.sequence, packet.timestamp) == (41, 480)
    last = parse(
        rewrite_header(data, ssrc=9, sequence=0xFFFF, timestamp=0xFFFFFFFF, marker=False, origin=1)
    )
    assert (last.sequence, last.timestamp) == (0xFFFF, 0xFFFFFFFF)
    first = parse(
        rewrite_header(
            data, ssrc=9, sequence=0x10000, timestamp=0x1_0000_0000, marker=False, origin=1
        )
    )
    assert (first.sequence, first.timestamp) == (0, 0)


# --- RFC 6464 audio level and RFC 8285 one-byte elements -------------------------------------


@pytest.mark.parametrize("voice", [False, True])
@pytest.mark.parametrize("level", [0, 1, 30, 126, 127])
def test_audio_level_round_trip(level: int, voice: bool) -> None:
    extension = audio_level_extension(level, voice)
    profile, data = extension
    assert profile == ONE_BYTE_PROFILE
    assert len(data) == 4
    assert data[0] == AUDIO_LEVEL_ID << 4  # id 1, length field 0 = one byte
    assert data[1] == (0x80 if voice else 0) | level
    assert data[2:] == b"\x00\x00"  # padding to the 4-byte boundary
    packet = parse(_packet(extension=extension))
    assert packet.audio_level == (voice, level)
    # And it survives the hub's rewrite.
    out = rewrite_header(
        packet.serialize(), ssrc=1, sequence=1, timestamp=1, marker=False, origin=2
    )
    assert parse(out).audio_level == (voice, level)


@pytest.mark.parametrize(("level", "clamped"), [(-1, 0), (-1000, 0), (128, 127), (10_000, 127)])
@pytest.mark.parametrize("voice", [False, True])
def test_audio_level_is_clamped(level: int, clamped: int, voice: bool) -> None:
    assert parse(_packet(extension=audio_level_extension(level, voice))).audio_level == (
        voice,
        clamped,
    )


def test_audio_level_absent() -> None:
    assert parse(_packet()).audio_level is None
    # Another profile (two-byte elements) is not read.
    assert parse(_packet(extension=(0x1000, bytes((1, 1, 0x85, 0))))).audio_level is None
    # One-byte profile, but only other elements.
    assert (
        parse(_packet(extension=(ONE_BYTE_PROFILE, bytes((0x20, 0x85, 0, 0))))).audio_level is None
    )
    # Empty extension block.
    assert parse(_packet(extension=(ONE_BYTE_PROFILE, b""))).audio_level is None


def test_audio_level_found_after_padding_and_other_elements() -> None:
    data = bytes((0x00, 0x22, 0xAA, 0xBB, 0xCC, 0x00, 0x10, 0x9E))
    assert parse(_packet(extension=(ONE_BYTE_PROFILE, data))).audio_level == (True, 30)


def _level_in(block: bytes) -> tuple[bool, int] | None:
    """The audio level read from a one-byte extension block (as parse and read see it)."""
    data = _packet(extension=(ONE_BYTE_PROFILE, block))
    _, _, _, _, csrcs, start, _ = read(data)
    level = audio_level(data, csrcs, start)
    fast = None if level is None else (level >= 0x80, level & 0x7F)
    assert parse(data).audio_level == fast
    return fast


def test_the_level_is_found_after_padding_and_elements_of_any_length() -> None:
    elements = bytes((0, 0, 0x31, 1, 2, 0, 0, 0, 0x4F)) + bytes(range(16)) + bytes((0, 0))
    assert _level_in(elements + bytes((0x10, 0x85, 0, 0, 0))) == (True, 5)
    assert _level_in(bytes(8)) is None
    assert _level_in(b"") is None


def test_reading_stops_at_the_reserved_id_15() -> None:
    assert _level_in(bytes((0x10, 0x05, 0xF3, 0x20, 0x01, 0x02, 0x03, 0))) == (False, 5)
    assert _level_in(bytes((0x20, 0x01, 0xF3, 0x10, 0x85, 0, 0, 0))) is None


def test_a_truncated_level_element_keeps_what_is_there() -> None:
    assert _level_in(bytes((0, 0, 0x13, 0xAA))) == (True, 0x2A)
    assert _level_in(bytes((0, 0, 0, 0x10))) is None


# --- properties ------------------------------------------------------------------------------

u32 = st.integers(0, 0xFFFFFFFF)
extensions = st.none() | st.tuples(
    st.integers(0, 0xFFFF),
    st.integers(0, 64).flatmap(lambda n: st.binary(min_size=4 * n, max_size=4 * n)),
)
packets = st.builds(
    RtpPacket,
    sequence=st.integers(0, 0xFFFF),
    timestamp=u32,
    ssrc=u32,
    payload=st.binary(max_size=1000),
    marker=st.booleans(),
    payload_type=st.just(OPUS_PAYLOAD_TYPE),
    csrc=st.lists(u32, max_size=15).map(tuple),
    extension=extensions,
)


@given(packets)
def test_build_then_parse_is_identity(packet: RtpPacket) -> None:
    data = packet.serialize()
    assert len(data) <= MAX_PACKET
    assert parse(data) == packet
    assert _header_length(data) == len(data) - len(packet.payload)


@given(packets, st.integers(1, 255))
def test_padding_does_not_change_the_packet(packet: RtpPacket, padding: int) -> None:
    data = _padded(packet.serialize(), padding)
    if len(data) > MAX_PACKET:
        with pytest.raises(RtpError):
            parse(data)
    else:
        assert parse(data) == packet


@given(
    packets,
    u32,
    st.integers(0, 3 * 0xFFFF),
    st.integers(0, 3 * 0xFFFFFFFF),
    st.booleans(),
    u32,
)
def test_rewrite_property(
    packet: RtpPacket, ssrc: int, sequence: int, timestamp: int, marker: bool, origin: int
) -> None:
    out = rewrite_header(
        packet.serialize(),
        ssrc=ssrc,
        sequence=sequence,
        timestamp=timestamp,
        marker=marker,
        origin=origin,
    )
    _header_length(out)
    assert parse(out) == RtpPacket(
        sequence=sequence % 0x10000,
        timestamp=timestamp % 0x1_0000_0000,
        ssrc=ssrc,
        payload=packet.payload,
        marker=marker,
        csrc=(origin,),
        extension=packet.extension,
    )


# Random bytes would almost never get past the version and payload type checks, so
# besides plain random bytes there are random bytes behind plausible first two bytes,
# and valid packets with some bytes overwritten and the end cut anywhere.
first_bytes = st.integers(0, 255) | st.integers(0, 0x3F).map(lambda low: 0x80 | low)
second_bytes = st.integers(0, 255) | st.sampled_from((OPUS_PAYLOAD_TYPE, 0x80 | OPUS_PAYLOAD_TYPE))
tails = st.binary(max_size=120) | st.binary(min_size=MAX_PACKET - 40, max_size=MAX_PACKET + 8)


@st.composite
def damaged_packets(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(packets).serialize())
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, min(len(data), 24) - 1))
        data[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data[-1] = draw(st.integers(0, 255))  # a padding count, if P got set
    return bytes(data[: draw(st.integers(0, len(data)))])


random_packets = (
    st.binary(max_size=40)
    | st.tuples(first_bytes, second_bytes, tails).map(lambda parts: bytes(parts[:2]) + parts[2])
    | damaged_packets()
)


@settings(max_examples=500)
@given(random_packets)
def test_parse_raises_only_rtp_error(data: bytes) -> None:
    try:
        packet = parse(data)
    except RtpError:
        with pytest.raises(RtpError):
            _header_length(data)
        return
    marker, sequence, timestamp, ssrc, csrcs, start, end = read(data)
    assert 12 <= start <= end <= len(data) <= MAX_PACKET
    assert (marker, sequence, timestamp, ssrc) == (
        packet.marker,
        packet.sequence,
        packet.timestamp,
        packet.ssrc,
    )
    assert data[start:end] == packet.payload and first_csrc(data, csrcs) == (
        packet.csrc[0] if packet.csrc else None
    )
    level = audio_level(data, csrcs, start)
    assert packet.audio_level == (None if level is None else (level >= 0x80, level & 0x7F))
    assert packet.payload_type == OPUS_PAYLOAD_TYPE
    if not data[0] & 0x20:
        # Without padding, an accepted packet is exactly what build makes of it.
        assert packet.serialize() == data
    assert parse(packet.serialize()) == packet


@given(random_packets, u32, st.integers(0, 0xFFFF), u32, st.booleans(), u32)
def test_rewrite_of_any_accepted_packet_is_accepted(
    data: bytes, ssrc: int, sequence: int, timestamp: int, marker: bool, origin: int
) -> None:
    try:
        _header_length(data)
    except RtpError:
        return
    out = rewrite_header(
        data, ssrc=ssrc, sequence=sequence, timestamp=timestamp, marker=marker, origin=origin
    )
    if len(out) > MAX_PACKET:  # one CSRC added to a packet at the limit with none
        with pytest.raises(RtpError, match="over the 1500-byte limit"):
            _header_length(out)
        return
    before, after = parse(data), parse(out)
    assert after.payload == before.payload
    assert after.extension == before.extension
    assert after.csrc == (origin,)

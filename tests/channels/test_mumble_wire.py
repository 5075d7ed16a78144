"""Mumble's wire formats: protobuf fields, Mumble's own numbers, voice packets, control messages."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.platforms.mumble import messages as m
from channels.platforms.mumble import voice
from channels.platforms.mumble.protobuf import Fields, WireError, encode, varint


def test_varint_known_bytes():
    assert varint(0) == b"\x00"
    assert varint(1) == b"\x01"
    assert varint(300) == b"\xac\x02"  # the protobuf documentation's example
    assert varint(-1) == b"\xff" * 9 + b"\x01"  # int32 -1: ten bytes, two's complement


def test_encode_and_read_back_every_kind():
    data = encode((1, 150), (2, "héllo"), (3, b"\x00\xff"), (4, True), (5, None), (6, [1, 2]))
    f = Fields(data)
    assert f.number(1) == 150
    assert f.text(2) == "héllo"
    assert f.data(3) == b"\x00\xff"
    assert f.flag(4) is True
    assert f.number(5) is None and f.text(5) is None and f.flag(5) is None
    assert f.numbers(6) == (1, 2)


def test_fields_skip_unknown_and_fixed_width_fields():
    # field 7 as fixed64 and field 8 as fixed32 (as a newer server's float fields would be)
    data = b"\x39" + bytes(8) + b"\x45" + bytes(4) + encode((1, 5))
    f = Fields(data)
    assert f.number(1) == 5
    assert f.number(7) == 0 and f.number(8) == 0


def test_packed_repeated_numbers_are_read():
    packed = encode((4, varint(3) + varint(300)))
    assert Fields(packed).numbers(4) == (3, 300)


def test_last_value_of_a_scalar_counts():
    assert Fields(encode((1, 1), (1, 2))).number(1) == 2


@pytest.mark.parametrize(
    "data",
    [
        b"\x08",  # a key and no value
        b"\x08\x80",  # a varint that never ends
        b"\x12\x05ab",  # a length past the end
        b"\x0b",  # wire type 3 (a group)
        b"\x00\x01",  # field number 0
        b"\x39\x00",  # fixed64 cut short
        b"\x08" + b"\xff" * 11,  # a varint longer than 10 bytes
    ],
)
def test_malformed_protobuf_is_a_wire_error(data):
    with pytest.raises(WireError):
        Fields(data)


def test_a_field_of_the_wrong_type_is_a_wire_error():
    with pytest.raises(WireError):
        Fields(encode((1, "text"))).number(1)
    with pytest.raises(WireError):
        Fields(encode((1, 5))).text(1)


@settings(deadline=None)
@given(st.binary(max_size=64))
def test_fields_raise_nothing_but_wire_errors(data):
    try:
        f = Fields(data)
    except WireError:
        return
    for number in range(1, 12):
        with contextlib.suppress(WireError):
            f.number(number), f.text(number), f.numbers(number)


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (0, b"\x00"),
        (0x7F, b"\x7f"),
        (0x80, b"\x80\x80"),
        (0x3FFF, b"\xbf\xff"),
        (0x4000, b"\xc0\x40\x00"),
        (0x1FFFFF, b"\xdf\xff\xff"),
        (0x200000, b"\xe0\x20\x00\x00"),
        (0xFFFFFFF, b"\xef\xff\xff\xff"),
        (0x10000000, b"\xf0\x10\x00\x00\x00"),
        (1 << 32, b"\xf4\x00\x00\x00\x01\x00\x00\x00\x00"),
    ],
)
def test_mumble_numbers_at_every_length(value, encoded):
    assert voice.put_number(value) == encoded
    assert voice.get_number(b"\xaa" + encoded, 1) == (value, 1 + len(encoded))


@pytest.mark.parametrize("data", [b"", b"\x80", b"\xf0\x00\x00", b"\xfc", b"\xf8\x01"])
def test_malformed_or_negative_mumble_numbers_are_refused(data):
    with pytest.raises(voice.VoiceError):
        voice.get_number(data, 0)


def test_opus_packet_as_the_client_sends_it():
    packet = voice.opus_packet(b"OPUS", sequence=300, target=3, last=True)
    # header: Opus (4) << 5 | target 3; sequence 300 in two bytes; length 4 | terminator
    assert packet == b"\x83" + b"\x81\x2c" + b"\xa0\x04" + b"OPUS"
    with pytest.raises(ValueError, match="does not fit"):
        voice.opus_packet(bytes(8192), sequence=0, target=0, last=False)
    with pytest.raises(ValueError, match="target"):
        voice.opus_packet(b"", sequence=0, target=32, last=False)


def test_voice_packet_from_the_server_with_positional_data():
    # the server puts the speaker's session after the header; 12 bytes of position follow
    packet = b"\x81" + b"\x05" + b"\x02" + b"\x03" + b"abc" + bytes(12)
    heard = voice.parse(packet)
    assert heard == voice.VoicePacket(voice.Codec.OPUS, 1, 5, 2, b"abc", False)


def test_voice_packets_of_other_codecs_carry_no_audio():
    heard = voice.parse(b"\x40\x05\x02whatever")  # Speex
    assert heard.codec is voice.Codec.SPEEX and heard.session == 5 and heard.opus == b""
    assert voice.parse(voice.ping_packet(7)).codec is voice.Codec.PING


@pytest.mark.parametrize("packet", [b"", b"\x80", b"\x80\x05", b"\x80\x05\x02\x09abc"])
def test_malformed_voice_packets_are_refused(packet):
    with pytest.raises(voice.VoiceError):
        voice.parse(packet)


def test_control_messages_as_written():
    assert m.frame(m.MessageType.PING, b"xy") == b"\x00\x03\x00\x00\x00\x02xy"
    auth = Fields(m.authenticate("gw", "pw", ["tok"])[6:])
    assert (auth.text(1), auth.text(2), auth.text(3), auth.flag(5)) == ("gw", "pw", "tok", True)
    assert 2 not in Fields(m.authenticate("gw", "", [])[6:])  # no password: field left out
    # VoiceTarget{id: 4, targets: [Target{channel_id: 7}, Target{channel_id: 9}]}
    assert m.voice_target(4, [7, 9])[6:] == bytes.fromhex("0804 1202 1007 1202 1009")
    version = Fields(m.version(m.version_number(1, 3, 0), "rsi", "Linux")[6:])
    assert version.number(1) == 0x010300

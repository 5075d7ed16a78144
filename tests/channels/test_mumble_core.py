"""The Mumble client's rules in virtual time: constructed server messages in, bytes, events out."""

from __future__ import annotations

import argparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.platforms.mumble import messages as m
from channels.platforms.mumble import voice
from channels.platforms.mumble.client import MumbleClient, MumbleError
from channels.platforms.mumble.core import (
    PING_INTERVAL_S,
    SILENCE_TIMEOUT_S,
    Channel,
    ChannelChanged,
    ChannelRemoved,
    CommandError,
    Connected,
    Denied,
    Ended,
    EndKind,
    MumbleProtocol,
    Phase,
    TextReceived,
    User,
    UserLeft,
    UserMoved,
    VoiceReceived,
    opus_bitrate,
)
from channels.platforms.mumble.figures import MumbleFigures, SpeakerStream
from channels.platforms.mumble.options import MumbleOptions, add_arguments
from channels.platforms.mumble.protobuf import Fields, encode

T = m.MessageType
ME, ALICE = 9, 7


def srv(kind: m.MessageType, *fields) -> bytes:
    return m.frame(kind, encode(*fields))


WELCOME = b"".join(
    (
        srv(T.VERSION, (1, 0x010304), (2, "1.3.4-4"), (3, "Linux")),
        srv(T.CRYPT_SETUP, (1, b"k" * 16), (2, b"c" * 16), (3, b"s" * 16)),
        srv(T.CODEC_VERSION, (1, -2147483637), (2, 0), (3, True), (4, True)),
        srv(T.CHANNEL_STATE, (1, 0), (3, "Root")),
        srv(T.CHANNEL_STATE, (1, 1), (2, 0), (3, "Floor")),
        srv(T.CHANNEL_STATE, (1, 2), (2, 0), (3, "fr")),
        srv(T.USER_STATE, (1, ALICE), (3, "alice"), (5, 1)),
        srv(T.USER_STATE, (1, ME), (3, "gw")),  # no channel_id: the root channel
        srv(T.SERVER_SYNC, (1, ME), (2, 72000), (3, "welcome"), (4, 0xF07FF)),
        srv(T.SERVER_CONFIG, (1, 72000), (3, True), (4, 5000)),
    )
)


def sent(p: MumbleProtocol) -> list[tuple[int, bytes]]:
    """The messages the protocol wrote, as (type, payload); b"" ends as (-1, b"")."""
    out = []
    for data in p.data_to_send():
        if not data:
            out.append((-1, b""))
            continue
        while data:
            kind, size = m.HEADER.unpack_from(data)
            out.append((kind, data[6 : 6 + size]))
            data = data[6 + size :]
    return out


def connected(now: float = 0.0) -> MumbleProtocol:
    p = MumbleProtocol("gw", now=now, password="pw")
    p.receive_data(WELCOME, now)
    sent(p), p.events_received()
    return p


def test_login_is_version_then_authenticate_with_opus():
    p = MumbleProtocol("gw", now=0.0, password="secret", tokens=["t1"])
    (kind1, version), (kind2, auth) = sent(p)
    assert (kind1, kind2) == (T.VERSION, T.AUTHENTICATE)
    assert Fields(version).number(1) == m.version_number(1, 3, 0)
    assert Fields(version).text(2) == "rsi-gateway"
    f = Fields(auth)
    assert (f.text(1), f.text(2), f.text(3), f.flag(5)) == ("gw", "secret", "t1", True)
    assert p.phase is Phase.LOGIN and p.events_received() == []


def test_the_server_state_then_sync_is_one_connected_event():
    p = MumbleProtocol("gw", now=0.0)
    sent(p)
    p.receive_data(WELCOME, 1.0)
    [event] = p.events_received()
    assert event == Connected(
        session=ME,
        channel=0,
        channels=(Channel(0, "Root", None), Channel(1, "Floor", 0), Channel(2, "fr", 0)),
        users=(User(ALICE, "alice", 1), User(ME, "gw", 0)),
        max_bandwidth=72000,
        welcome_text="welcome",
        server_release="1.3.4-4",
        opus=True,
    )
    # right after the login: a voice ping in the tunnel, so the server tunnels voice to us
    assert sent(p) == [(T.UDP_TUNNEL, voice.ping_packet(0))]


def test_bytes_may_arrive_one_at_a_time():
    p = MumbleProtocol("gw", now=0.0)
    for i in range(len(WELCOME)):
        p.receive_data(WELCOME[i : i + 1], 0.0)
    assert [type(e) for e in p.events_received()] == [Connected]


def test_join_moves_us_and_the_server_confirms():
    p = connected()
    assert p.join("fr") == Channel(2, "fr", 0)
    [(kind, payload)] = sent(p)
    assert kind == T.USER_STATE
    assert (Fields(payload).number(1), Fields(payload).number(5)) == (ME, 2)
    p.receive_data(srv(T.USER_STATE, (1, ME), (2, ME), (5, 2)), 1.0)
    assert p.events_received() == [UserMoved(User(ME, "gw", 2), previous=0)]


def test_channels_are_found_by_name_or_by_path():
    p = connected()
    p.receive_data(srv(T.CHANNEL_STATE, (1, 3), (2, 1), (3, "fr")), 0.0)  # Floor/fr
    with pytest.raises(CommandError, match="2 channels named 'fr'"):
        p.join("fr")
    assert p.find_channel("Floor/fr").id == 3
    assert p.find_channel("/fr").id == 2
    with pytest.raises(CommandError, match=r"no channel 'de' \(it has: Floor, Root, fr, fr\)"):
        p.join("de")
    with pytest.raises(CommandError, match="no channel 'Floor/de'"):
        p.find_channel("Floor/de")


def test_commands_before_the_login_are_refused():
    p = MumbleProtocol("gw", now=0.0)
    with pytest.raises(CommandError, match="not connected"):
        p.join("fr")
    assert p.send_voice(b"x", frames=1) is False
    with pytest.raises(CommandError, match="no Mumble user name"):
        MumbleProtocol(" ", now=0.0)


def test_whisper_target_is_a_voice_target_of_channels():
    p = connected()
    p.set_whisper(1, ["fr", "Floor"])
    [(kind, payload)] = sent(p)
    assert kind == T.VOICE_TARGET
    assert payload == m.voice_target(1, [2, 1])[6:]
    with pytest.raises(CommandError, match="between 1 and 30"):
        p.set_whisper(31, ["fr"])


def test_voice_goes_in_the_tunnel_with_a_sequence_per_target():
    p = connected()
    assert p.send_voice(b"A", frames=2)
    assert p.send_voice(b"B", frames=2, target=1)
    assert p.send_voice(b"C", frames=2)
    assert p.send_voice(b"D", frames=2, target=1, last=True)
    packets = [payload for kind, payload in sent(p) if kind == T.UDP_TUNNEL]
    assert packets == [
        voice.opus_packet(b"A", sequence=0, target=0, last=False),
        voice.opus_packet(b"B", sequence=0, target=1, last=False),
        voice.opus_packet(b"C", sequence=2, target=0, last=False),
        voice.opus_packet(b"D", sequence=2, target=1, last=True),
    ]
    assert p.voice_out == 4


def test_voice_from_the_server_is_an_event_with_its_arrival():
    p = connected()
    talk = b"\x80" + voice.put_number(ALICE) + voice.put_number(40) + b"\x03abc"
    whisper = b"\x81" + voice.put_number(ALICE) + voice.put_number(42) + b"\xa0\x00"
    p.receive_data(m.tunnel(talk) + m.tunnel(whisper), 12.5)
    assert p.events_received() == [
        VoiceReceived(ALICE, 40, False, b"abc", False, 12.5),
        VoiceReceived(ALICE, 42, True, b"", True, 12.5),
    ]
    assert p.voice_in == 2


def test_voice_in_other_codecs_and_unreadable_messages_are_skipped_and_counted():
    p = connected()
    speex = b"\x40" + voice.put_number(ALICE) + b"\x01data"
    p.receive_data(m.tunnel(speex), 1.0)
    p.receive_data(m.tunnel(b"\x80\x07"), 1.0)  # cut short
    p.receive_data(m.frame(T.USER_STATE, b"\x08"), 1.0)  # a key without its value
    p.receive_data(m.HEADER.pack(99, 7) + b"unknown", 1.0)  # a type from a later Mumble
    assert p.events_received() == []
    assert p.ignored == 3 and p.phase is Phase.CONNECTED


def test_users_and_channels_coming_and_going():
    p = connected()
    p.receive_data(srv(T.USER_STATE, (1, 11), (3, "bob"), (5, 2)), 1.0)
    p.receive_data(srv(T.USER_STATE, (1, 11), (9, True)), 1.0)  # self-mute: no move
    p.receive_data(srv(T.USER_STATE, (1, 11), (5, 1)), 1.0)
    p.receive_data(srv(T.USER_REMOVE, (1, 11)), 1.0)
    p.receive_data(srv(T.CHANNEL_STATE, (1, 5), (2, 0), (3, "de")), 1.0)
    p.receive_data(srv(T.CHANNEL_STATE, (1, 5), (3, "deu")), 1.0)
    p.receive_data(srv(T.CHANNEL_REMOVE, (1, 5)), 1.0)
    p.receive_data(srv(T.TEXT_MESSAGE, (1, ALICE), (3, 1), (5, "<b>hi</b>")), 1.0)
    assert p.events_received() == [
        UserMoved(User(11, "bob", 2), None),
        UserMoved(User(11, "bob", 1), 2),
        UserLeft(User(11, "bob", 1), "bob left"),
        ChannelChanged(Channel(5, "de", 0)),
        ChannelChanged(Channel(5, "deu", 0)),
        ChannelRemoved(Channel(5, "deu", 0)),
        TextReceived(ALICE, "<b>hi</b>"),
    ]


def test_permission_denied_says_which_permission_where():
    p = connected()
    p.receive_data(srv(T.PERMISSION_DENIED, (1, 0x4), (2, 2), (3, ME), (5, 1)), 1.0)
    p.receive_data(srv(T.PERMISSION_DENIED, (5, 3), (6, "bad/name")), 1.0)
    enter, name = p.events_received()
    assert enter == Denied(
        "the Mumble server denied Enter in channel 'fr': ask its admin to grant it to this "
        "user in the channel's ACL",
        2,
    )
    assert isinstance(name, Denied) and "CHANNEL_NAME" in name.sentence
    assert "bad/name" in name.sentence


def test_a_refused_password_ends_with_mumbles_reason_and_no_retry():
    p = MumbleProtocol("gw", now=0.0, password="nope")
    sent(p)
    p.receive_data(srv(T.REJECT, (1, 4), (2, "Wrong certificate or password")), 0.5)
    [end] = p.events_received()
    assert end == Ended(
        EndKind.REJECTED,
        "the Mumble server refused the password: give the server's password "
        "(the server says: Wrong certificate or password)",
        retry=False,
        reject=m.RejectType.WRONG_SERVER_PASSWORD,
    )
    assert sent(p) == [(-1, b"")]  # close the connection
    assert p.next_deadline() is None
    p.receive_data(WELCOME, 1.0)  # nothing after the end
    p.receive_eof(1.0)
    assert p.events_received() == []


def test_a_name_in_use_may_be_retried():
    p = MumbleProtocol("gw", now=0.0)
    p.receive_data(srv(T.REJECT, (1, 5)), 0.5)
    [end] = p.events_received()
    assert isinstance(end, Ended) and end.retry and "in use" in end.sentence


@pytest.mark.parametrize(
    ("fields", "kind", "sentence"),
    [
        (((1, ME), (2, ALICE), (3, "spam")), EndKind.KICKED, "removed from the Mumble server by alice: spam"),  # noqa: E501
        (((1, ME), (4, True)), EndKind.BANNED, "we were banned from the Mumble server"),
    ],
)  # fmt: skip
def test_kicked_or_banned_ends_without_retry(fields, kind, sentence):
    p = connected()
    p.receive_data(srv(T.USER_REMOVE, *fields), 1.0)
    [end] = p.events_received()
    assert isinstance(end, Ended) and end.kind is kind and not end.retry
    assert sentence in end.sentence


def test_pings_on_time_and_their_round_trip():
    p = connected(now=100.0)
    assert p.next_deadline() == 100.0 + PING_INTERVAL_S
    p.tick(104.0)
    assert sent(p) == []
    p.tick(105.0)
    [(kind, payload)] = sent(p)
    assert kind == T.PING
    timestamp = Fields(payload).number(1)
    assert timestamp == 5_000_000  # microseconds since the connection began
    p.receive_data(srv(T.PING, (1, timestamp), (2, 10)), 105.025)
    assert p.rtt_ms == pytest.approx(25.0)
    assert p.next_deadline() == 110.0


def test_a_silent_server_is_given_up():
    p = connected(now=0.0)
    for t in (5.0, 10.0):
        p.tick(t)
    p.receive_data(srv(T.PING, (1, 0)), 10.5)  # heard at 10.5
    for t in (15.0, 20.0, 25.0):
        p.tick(t)
    assert p.events_received() == []
    assert p.next_deadline() == 10.5 + SILENCE_TIMEOUT_S
    p.tick(25.5)
    [end] = p.events_received()
    assert end == Ended(EndKind.SILENT, "the Mumble server has not answered for 15 s", retry=True)


def test_a_login_that_never_finishes_is_given_up():
    p = MumbleProtocol("gw", now=0.0, login_timeout_s=10.0)
    sent(p)
    p.receive_data(WELCOME[:40], 1.0)
    assert p.next_deadline() == 5.0  # the first ping
    p.tick(5.0)
    p.tick(10.0)
    [end] = p.events_received()
    assert isinstance(end, Ended) and end.kind is EndKind.SILENT and end.retry
    assert "did not finish the login in 10 s" in end.sentence


def test_end_of_stream_is_closed_with_retry():
    p = connected()
    p.receive_eof(3.0)
    [end] = p.events_received()
    assert end == Ended(
        EndKind.CLOSED,
        "the Mumble server closed the connection (it stopped or restarted)",
        retry=True,
    )


def test_an_impossible_message_size_ends_the_connection():
    p = connected()
    p.receive_data(m.HEADER.pack(T.USER_STATE, 0x800000), 1.0)
    [end] = p.events_received()
    assert isinstance(end, Ended) and end.kind is EndKind.PROTOCOL and end.retry


def test_close_ends_here():
    p = connected()
    p.close()
    p.close()
    assert p.events_received() == [
        Ended(EndKind.LOCAL, "the connection to the Mumble server was closed here", retry=False)
    ]
    assert sent(p) == [(-1, b"")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.binary(max_size=40)), max_size=8), st.binary())
def test_any_bytes_from_the_server_give_events_never_exceptions(messages, tail):
    p = connected()
    for kind, payload in messages:
        p.receive_data(m.HEADER.pack(kind, len(payload)) + payload, 1.0)
    p.receive_data(tail, 1.0)
    p.events_received()
    p.tick(100.0)
    assert p.phase is Phase.ENDED


def test_bitrate_fits_the_servers_bandwidth_limit():
    assert opus_bitrate(None, 20, 64_000) == 64_000
    assert opus_bitrate(72_000, 20, 64_000) == 56_400
    assert opus_bitrate(72_000, 10, 64_000) == 40_800
    assert opus_bitrate(558_000, 10, 64_000) == 64_000
    assert opus_bitrate(20_000, 10, 64_000) == 6_000  # never below what Opus can do


def test_speaker_stream_counts_loss_by_sequence_and_lateness_by_arrival():
    s = SpeakerStream(late_ms=60)
    s.arrived(100, 2, 10.000, last=False)
    s.arrived(102, 2, 10.020, last=False)
    s.arrived(106, 2, 10.041, last=False)  # 104-105 lost
    s.arrived(108, 2, 10.130, last=False)  # 70 ms behind the fastest path: late
    s.arrived(110, 2, 10.150, last=True)  # still late
    assert (s.frames, s.lost, s.late) == (10, 2, 4)
    s.arrived(500, 2, 14.0, last=False)  # after the terminator: a new burst, no loss
    s.arrived(502, 2, 14.02, last=False)
    s.arrived(504, 2, 15.5, last=False)  # after a pause with no terminator: a new burst
    s.arrived(10, 2, 15.52, last=False)  # the speaker's client restarted
    assert (s.frames, s.lost, s.late) == (18, 2, 4)


def test_figures_line():
    figures = MumbleFigures(frames_in=10, frames_out=20, lost=1, late=2, rtt_ms=3.2)
    figures.connections = 2
    assert figures.line() == (
        "mumble: 2 connection(s), in 10 frames (lost 1, late 2), out 20 (dropped 0), "
        "ignored 0, rtt 3 ms"
    )


def test_command_line_options():
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_arguments(parser)
    pin = "ab:" * 31 + "ab"
    args = parser.parse_args(
        ["--server", "mumble.example.org", "--mumble-fingerprint", pin, "--password", "p"]
    )
    assert MumbleOptions.from_args(args) == MumbleOptions(
        "mumble.example.org", 64738, "rsi-gateway", "p", None, None, pin
    )
    args = parser.parse_args(["--server", "[::1]:1234", "--mumble-ca", "ca.pem"])
    assert (args.server, args.mumble_ca) == (("::1", 1234), "ca.pem")
    for bad, says in [
        (["--server", "host:99999"], "port must be a number"),
        (["--server", "[::1"], "closing"),
        (["--server", ":80"], "names no host"),
        (["--server", "h", "--mumble-fingerprint", "ab" * 20], "SHA-1"),
        (["--server", "h", "--mumble-fingerprint", "xyz"], "not a SHA-256"),
    ]:
        with pytest.raises(argparse.ArgumentError, match=says):
            parser.parse_args(bad)


async def test_an_unreadable_ca_file_is_a_certificate_error_before_any_connection(tmp_path):
    missing = tmp_path / "nowhere.pem"
    with pytest.raises(MumbleError) as refused:
        await MumbleClient().connect("127.0.0.1", 1, "gw", ca_file=str(missing))
    assert refused.value.end.kind is EndKind.CERTIFICATE and not refused.value.end.retry
    assert str(refused.value).startswith(f"the CA file {missing} could not be read")

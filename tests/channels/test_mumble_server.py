"""Our Mumble client against a real murmurd (Debian's mumble-server 1.3.4): voice, channels,
whispers, refusals, certificates, a restart, and the delay through the server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import numpy as np
import pytest

from audio.format import BLOCK, SAMPLE_RATE
from audio.opus import Encoder
from channels.platforms.mumble import messages as m
from channels.platforms.mumble.client import APPLICATION, MumbleClient, MumbleError
from channels.platforms.mumble.core import Ended, EndKind, Event
from tests.rig.mumble import (
    Ear,
    MumbleServer,
    Participants,
    add_channels,
    mumble_server,
    speak,
)

pytestmark = pytest.mark.slow

TONE_START = 30 * BLOCK
TONE = 40 * BLOCK
LENGTH = 100 * BLOCK
AMPLITUDE = 0.25


def tone_burst() -> np.ndarray:
    """0.3 s of silence, 0.4 s of 1 kHz, 0.3 s of silence: 1 s, as 10 ms blocks."""
    signal = np.zeros(LENGTH, dtype=np.float32)
    t = np.arange(TONE) / SAMPLE_RATE
    signal[TONE_START : TONE_START + TONE] = AMPLITUDE * np.sin(2 * np.pi * 1000 * t)
    return signal


def rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.square(x, dtype=np.float64)) + 1e-20))


@pytest.fixture(scope="module")
def server() -> Iterator[MumbleServer]:
    with mumble_server() as running:
        asyncio.run(add_channels(running, ["Floor", "fr"]))
        yield running


@pytest.fixture
async def connect(server: MumbleServer) -> AsyncIterator[Callable[..., Awaitable[MumbleClient]]]:
    """Connect a client of ours by name (pinned certificate), optionally into a channel."""
    participants = Participants(server)
    yield participants.join
    await participants.close()


async def test_a_tone_burst_in_the_floor_reaches_a_listener_there(server, connect):
    ear = Ear()
    await connect("floor-ear", "Floor", on_voice=ear)
    speaker = MumbleClient()
    await speaker.connect(
        server.host, server.port, "speaker", server.password, ca_file=str(server.ca)
    )
    try:
        await speaker.join("Floor")
        await speak(speaker, tone_burst())
        await asyncio.sleep(0.3)
    finally:
        speaker.close()
        await speaker.wait_ended()
    heard = ear.signal(LENGTH)
    assert ear.speakers == {"speaker"} and ear.whispered == {False}
    lookahead = Encoder(
        frame_ms=20, application=APPLICATION
    ).lookahead  # what Opus delays the sound by
    onset = int(np.argmax(np.abs(heard) > AMPLITUDE / 2))
    assert abs(onset - (TONE_START + lookahead)) <= BLOCK // 10  # within 1 ms
    middle = slice(TONE_START + 5 * BLOCK, TONE_START + TONE - 5 * BLOCK)
    sent_db = rms_db(tone_burst()[middle])
    assert rms_db(heard[middle]) == pytest.approx(sent_db, abs=1.0)
    assert rms_db(heard[: TONE_START - BLOCK]) < sent_db - 40  # silence stays silent
    assert speaker.figures.frames_out == 100 and speaker.figures.dropped == 0


async def test_speech_in_a_language_channel_stays_in_that_channel(connect):
    fr_ear, floor_ear = Ear(), Ear()
    await connect("fr-ear", "fr", on_voice=fr_ear)
    await connect("floor-ear", "Floor", on_voice=floor_ear)
    interpreter = await connect("interpreter", "fr")
    await speak(interpreter, tone_burst()[: 50 * BLOCK])
    await asyncio.sleep(0.3)
    assert sorted(fr_ear.pcm) == list(range(0, 50, 2))
    assert fr_ear.speakers == {"interpreter"} and fr_ear.whispered == {False}
    assert floor_ear.pcm == {}


async def test_a_whisper_from_the_floor_reaches_the_language_channel_only(connect):
    fr_ear, floor_ear = Ear(), Ear()
    await connect("fr-ear", "fr", on_voice=fr_ear)
    await connect("floor-ear", "Floor", on_voice=floor_ear)
    gateway = await connect("gateway", "Floor")
    gateway.whisper(1, ["fr"])
    await speak(gateway, tone_burst(), target=1)
    await asyncio.sleep(0.3)
    assert len(fr_ear.pcm) == 50 and fr_ear.whispered == {True}
    assert fr_ear.speakers == {"gateway"}
    heard = fr_ear.signal(LENGTH)
    middle = slice(TONE_START + 5 * BLOCK, TONE_START + TONE - 5 * BLOCK)
    assert rms_db(heard[middle]) == pytest.approx(rms_db(tone_burst()[middle]), abs=1.0)
    assert floor_ear.pcm == {}


async def test_a_wrong_password_is_one_clear_error(server):
    events: list[Event] = []
    client = MumbleClient(on_event=events.append)
    with pytest.raises(MumbleError) as refused:
        await client.connect(
            server.host, server.port, "guest", "wrong", fingerprint=server.fingerprint
        )
    end = refused.value.end
    assert end.kind is EndKind.REJECTED and not end.retry
    assert end.reject is m.RejectType.WRONG_SERVER_PASSWORD
    assert str(refused.value) == (
        "the Mumble server refused the password: give the server's password "
        "(the server says: Invalid server password)"
    )
    assert events == []  # the exception is the one report


async def test_a_certificate_that_is_not_the_pinned_one_is_refused_before_login(server):
    logins = server.log.count("Client version")
    wrong = "00:" * 31 + "00"
    with pytest.raises(MumbleError) as refused:
        await MumbleClient().connect(
            server.host, server.port, "guest", server.password, fingerprint=wrong
        )
    assert refused.value.end.kind is EndKind.CERTIFICATE and not refused.value.end.retry
    assert str(refused.value).startswith(
        f"refused: the Mumble server at {server.host}:{server.port} presented a certificate "
        f"with SHA-256 fingerprint {server.fingerprint}, not the pinned {wrong}."
    )
    await asyncio.sleep(0.3)
    assert server.log.count("Client version") == logins  # it never saw our name


async def test_a_certificate_no_authority_vouches_for_is_refused_with_its_fingerprint(server):
    with pytest.raises(MumbleError) as refused:
        await MumbleClient().connect(server.host, server.port, "guest", server.password)
    assert refused.value.end.kind is EndKind.CERTIFICATE
    assert f"it presents SHA-256 fingerprint {server.fingerprint}" in str(refused.value)
    assert "--mumble-fingerprint" in str(refused.value)


async def test_nothing_listening_is_unreachable(server):
    with pytest.raises(MumbleError) as refused:
        await MumbleClient().connect(server.host, 1, "guest", fingerprint=server.fingerprint)
    assert refused.value.end.kind is EndKind.UNREACHABLE and refused.value.end.retry


async def test_a_restarted_server_ends_the_link_with_a_reason_and_takes_us_back():
    """Against murmurd's own self-signed certificate, pinned as docs/gateways.md says."""
    with mumble_server(self_signed=True) as server:
        ends: list[Ended] = []
        client = MumbleClient(on_event=lambda e: ends.append(e) if isinstance(e, Ended) else None)
        await client.connect(
            server.host, server.port, "gateway", server.password, fingerprint=server.fingerprint
        )
        await asyncio.to_thread(server.stop)
        end = await asyncio.wait_for(client.wait_ended(), 5)
        assert end == Ended(
            EndKind.CLOSED,
            "the Mumble server closed the connection (it stopped or restarted)",
            retry=True,
        )
        await asyncio.to_thread(server.start)
        again = await client.connect(
            server.host, server.port, "gateway", server.password, fingerprint=server.fingerprint
        )
        assert again.session > 0 and ends == [end]
        assert client.figures.connections == 2
        client.close()
        assert (await client.wait_ended()).kind is EndKind.LOCAL


async def test_delay_through_murmurd(server, connect):
    """Packet written by one client to packet read by another in the same channel."""
    ear = Ear()
    listener = await connect("floor-ear", "Floor", on_voice=ear)
    speaker = await connect("speaker", "Floor")
    rng = np.random.default_rng(7)
    sent = await speak(speaker, (0.1 * rng.standard_normal(300 * BLOCK)).astype(np.float32))
    await asyncio.sleep(0.3)
    assert sorted(ear.arrival) == sorted(sent)  # every packet, the first ones too
    assert listener.figures.lost == 0
    delays_ms = sorted((ear.arrival[s] - t) * 1e3 for s, t in sent.items())
    p50, p99 = np.percentile(delays_ms, [50, 99])
    print(f"murmurd floor->listener delay: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    assert p50 < 20 and p99 < 100, (p50, p99)

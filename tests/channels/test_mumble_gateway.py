"""The Mumble side of rsi-gateway against a real murmurd (Debian's mumble-server 1.3.4).

Mumble participants are our own :class:`MumbleClient`s (as in
test_mumble_server.py); the side is opened as the gateway opens it, from
parsed arguments through :func:`opener`.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import numpy as np
import numpy.typing as npt
import pytest

from audio.format import BLOCK, SAMPLE_RATE
from audio.opus import Encoder
from channels.platforms.link import (
    LoginRefused,
    NoSuchPlace,
    PlatformError,
    PlatformSide,
    PlatformUnreachable,
)
from channels.platforms.mumble.client import APPLICATION, MumbleClient
from channels.platforms.mumble.floor import BLOCK_S, HOLD_MS
from channels.platforms.mumble.gateway import HANGOVER_BLOCKS, MumbleSide, add_arguments, opener
from programs.gateway import channel_place
from tests.rig.dspkit import rms_db, sine
from tests.rig.mumble import (
    Ear,
    MumbleServer,
    Participants,
    add_channels,
    mumble_server,
    speak,
)

pytestmark = pytest.mark.slow

FLOOR, FRENCH, GERMAN = "Floor", "Français", "Deutsch"
LOOPBACK = 31
"""The voice target a Mumble server sends back to the speaker itself."""
TONE_START = 30 * BLOCK
TONE = 40 * BLOCK
LENGTH = 100 * BLOCK
AMPLITUDE = 0.25
MIDDLE = slice(TONE_START + 5 * BLOCK, TONE_START + TONE - 5 * BLOCK)
"""The tone without its onset and end: where the level is measured."""


def tone_burst(hz: float = 1000.0, amplitude: float = AMPLITUDE) -> npt.NDArray[np.float32]:
    """0.3 s of silence, 0.4 s of tone, 0.3 s of silence: 1 s, as 10 ms blocks."""
    signal = np.zeros(LENGTH, dtype=np.float32)
    signal[TONE_START : TONE_START + TONE] = sine(hz, TONE / SAMPLE_RATE, amplitude)
    return signal


def tone_db(x: npt.NDArray[np.float32], hz: float) -> float:
    """The level of the ``hz`` component of ``x`` alone, as the RMS of a sine would give it."""
    t = np.arange(len(x)) / SAMPLE_RATE
    window = np.hanning(len(x))
    phasor = np.sum(x * window * np.exp(-2j * np.pi * hz * t)) / np.sum(window)
    return float(20 * np.log10(abs(phasor) * 2 / np.sqrt(2) + 1e-20))


class FloorHeard:
    """The side's FloorSink: every block with its due time and when it was handed over."""

    def __init__(self) -> None:
        self.blocks: list[npt.NDArray[np.float32]] = []
        self.due: list[float] = []
        self.called: list[float] = []

    def __call__(self, block: npt.NDArray[np.float32], arrival: float) -> None:
        self.blocks.append(block.copy())
        self.due.append(arrival)
        self.called.append(time.monotonic())

    def signal(self) -> npt.NDArray[np.float32]:
        return np.concatenate(self.blocks) if self.blocks else np.zeros(0, dtype=np.float32)

    def onset(self, threshold: float) -> float:
        """When the first sample above ``threshold`` was handed over (its block's due time)."""
        heard = self.signal()
        at = int(np.argmax(np.abs(heard) > threshold))
        assert abs(heard[at]) > threshold, "nothing loud enough came through"
        return self.due[at // BLOCK] + (at % BLOCK) / SAMPLE_RATE


@pytest.fixture(scope="module")
def server() -> Iterator[MumbleServer]:
    with mumble_server() as running:
        asyncio.run(add_channels(running, [FLOOR, FRENCH, GERMAN]))
        yield running


def gateway_args(server: MumbleServer, *extra: str, port: int | None = None) -> list[str]:
    return [
        "--server",
        f"{server.host}:{server.port if port is None else port}",
        "--password",
        server.password,
        "--mumble-fingerprint",
        server.fingerprint,
        *extra,
    ]


def parse(arguments: list[str]) -> argparse.Namespace:
    """As ``rsi-gateway mumble`` parses them (the program adds ``--channel`` to every kind)."""
    parser = argparse.ArgumentParser(prog="rsi-gateway mumble", exit_on_error=False)
    parser.add_argument("--channel", type=channel_place, action="append", default=[])
    add_arguments(parser)
    return parser.parse_args(arguments)


@pytest.fixture
async def open_side(
    server: MumbleServer,
) -> AsyncIterator[Callable[..., Awaitable[tuple[PlatformSide, FloorHeard]]]]:
    """Open the side from command-line arguments (the server's address and pin added)."""
    sides: list[PlatformSide] = []

    async def make(*extra: str, port: int | None = None) -> tuple[PlatformSide, FloorHeard]:
        heard = FloorHeard()
        open_, _ = opener(parse(gateway_args(server, *extra, port=port)))
        side = await open_(heard)
        sides.append(side)
        return side, heard

    yield make
    for side in sides:
        await side.close()


@pytest.fixture
async def participant(
    server: MumbleServer,
) -> AsyncIterator[Callable[..., Awaitable[MumbleClient]]]:
    """A Mumble user in a channel, as a person with a Mumble client would be."""
    participants = Participants(server)
    yield participants.join
    await participants.close()


async def feed(side: PlatformSide, channel: str, signal: npt.NDArray[np.float32]) -> list[float]:
    """Give ``signal`` to ``side.speak`` in 10 ms blocks paced in real time; when each went."""
    start = time.monotonic()
    given = []
    for i in range(len(signal) // BLOCK):
        given.append(time.monotonic())
        side.speak(channel, signal[i * BLOCK : (i + 1) * BLOCK])
        await asyncio.sleep(max(0.0, start + (i + 1) * BLOCK_S - time.monotonic()))
    return given


async def test_the_floor_channel_is_heard_at_its_level_on_a_steady_clock(open_side, participant):
    side, heard = await open_side("--mumble-channel", FLOOR)
    speaker = await participant("speaker", FLOOR)
    sent = await speak(speaker, tone_burst())
    await asyncio.sleep(0.3)
    figures = side.figures()
    assert figures["speakers"] == 1 and figures["lost_at_playout"] == 0
    signal = heard.signal()
    onset = int(np.argmax(np.abs(signal) > AMPLITUDE / 2))
    middle = slice(onset + 5 * BLOCK, onset + TONE - 10 * BLOCK)
    assert rms_db(signal[middle]) == pytest.approx(rms_db(tone_burst()[MIDDLE]), abs=1.0)
    # The onset sample was given to the speaker's encoder 10 ms before its packet went (the
    # packet's second block); it is handed over after murmurd, the hold and the block clock.
    given = sent[TONE_START // BLOCK] - BLOCK_S
    delay_ms = (heard.onset(AMPLITUDE / 2) - given) * 1e3
    print(f"Mumble participant -> FloorSink: {delay_ms:.1f} ms ({figures['underruns']} waits)")
    lookahead_ms = Encoder(frame_ms=20, application=APPLICATION).lookahead / SAMPLE_RATE * 1e3
    # At least the hold and Opus's lookahead. At most those, 10 ms for the packet's second
    # block, 10 ms for the block clock, and 100 ms for a loaded 2-core machine: the speaker
    # paces itself in this event loop, and each packet it sends late holds its burst back
    # by the lateness (waited for, not dropped). Seen: 41-52 ms, 80 ms at load 6.
    assert HOLD_MS + lookahead_ms - 1 <= delay_ms <= HOLD_MS + lookahead_ms + 120
    if figures["skipped_blocks"] == 0:  # each block 10 ms after the one before
        assert np.allclose(np.diff(heard.due), BLOCK_S)
    lateness_ms = np.percentile(np.subtract(heard.called, heard.due), 50) * 1e3
    assert lateness_ms < 10  # handed over when due, give or take the event loop


async def test_two_speakers_at_once_add_up(open_side, participant):
    side, heard = await open_side("--mumble-channel", FLOOR)
    one = await participant("one", FLOOR)
    two = await participant("two", FLOOR)
    await asyncio.gather(speak(one, tone_burst(1000.0)), speak(two, tone_burst(1500.0, 0.125)))
    await asyncio.sleep(0.3)
    signal = heard.signal()
    onset = int(np.argmax(np.abs(signal) > 0.1))
    middle = signal[onset + 5 * BLOCK : onset + TONE - 10 * BLOCK]
    assert tone_db(middle, 1000.0) == pytest.approx(rms_db(tone_burst(1000.0)[MIDDLE]), abs=1.0)
    assert tone_db(middle, 1500.0) == pytest.approx(
        rms_db(tone_burst(1500.0, 0.125)[MIDDLE]), abs=1.0
    )
    figures = side.figures()
    assert figures["speakers"] == 2 and figures["most_at_once"] == 2


async def test_a_language_is_whispered_to_its_channel_and_never_heard_back(open_side, participant):
    side, heard = await open_side("--mumble-channel", FLOOR, "--channel", f"fr={FRENCH}")
    french_ear, floor_ear = Ear(), Ear()
    await participant("fr-listener", FRENCH, on_voice=french_ear)
    await participant("floor-listener", FLOOR, on_voice=floor_ear)
    speaker = await participant("speaker", FLOOR)
    interpretation = tone_burst(1500.0)
    given, _ = await asyncio.gather(
        feed(side, "fr", interpretation), speak(speaker, tone_burst(1000.0))
    )
    await asyncio.sleep(0.3)
    # French listeners hear the interpretation, whispered, from the tone's onset (the leading
    # silence is not sent) to the end of the hangover; the floor's listeners do not.
    assert french_ear.speakers == {"rsi-gateway"} and french_ear.whispered == {True}
    packets = (TONE // BLOCK + HANGOVER_BLOCKS) // 2
    assert sorted(french_ear.pcm) == list(range(0, 2 * packets, 2))
    french = french_ear.signal(TONE)
    assert rms_db(french[5 * BLOCK : -5 * BLOCK]) == pytest.approx(
        rms_db(interpretation[MIDDLE]), abs=1.0
    )
    assert floor_ear.speakers == {"speaker"} and side.whispering
    # The onset's block given to speak() -> the packet holding it read by the listener, plus
    # what Opus delays the sound by: waiting for the packet's second block, murmurd, lookahead.
    lookahead_s = Encoder(frame_ms=20, application=APPLICATION).lookahead / SAMPLE_RATE
    delay_ms = (french_ear.arrival[0] + lookahead_s - given[TONE_START // BLOCK]) * 1e3
    print(f"hub channel -> Mumble listener: {delay_ms:.1f} ms")
    # 10 ms for the second block, 6.5 for the lookahead, 50 for a loaded machine's scheduling
    assert BLOCK_S * 1e3 <= delay_ms <= BLOCK_S * 1e3 + lookahead_s * 1e3 + 50
    # The floor through the gateway: the participant's 1 kHz, none of our own 1.5 kHz.
    floor = heard.signal()
    onset = int(np.argmax(np.abs(floor) > AMPLITUDE / 2))
    middle = floor[onset + 5 * BLOCK : onset + TONE - 10 * BLOCK]
    assert tone_db(middle, 1000.0) == pytest.approx(rms_db(tone_burst()[MIDDLE]), abs=1.0)
    assert tone_db(middle, 1500.0) < tone_db(middle, 1000.0) - 40
    figures = side.figures()
    assert figures["speakers"] == 1 and figures["own_voice"] == figures["ignored"] == 0
    assert figures["frames_out"] == 2 * packets and figures["dropped_out"] == 0


async def test_languages_the_bandwidth_limit_cannot_share_get_a_connection_each(
    open_side, participant
):
    """murmurd's 72 kb/s for two whispers would leave 20 kb/s of Opus each: too little."""
    side, heard = await open_side(
        "--mumble-channel", FLOOR, "--channel", f"fr={FRENCH}", "--channel", f"de={GERMAN}"
    )
    assert not side.whispering
    french_ear, german_ear, floor_ear = Ear(), Ear(), Ear()
    await participant("fr-listener", FRENCH, on_voice=french_ear)
    await participant("de-listener", GERMAN, on_voice=german_ear)
    await participant("floor-listener", FLOOR, on_voice=floor_ear)
    french, german = tone_burst(1500.0), tone_burst(700.0)
    await asyncio.gather(feed(side, "fr", french), feed(side, "de", german))
    await asyncio.sleep(0.3)
    assert french_ear.speakers == {"rsi-gateway-fr"} and french_ear.whispered == {False}
    assert german_ear.speakers == {"rsi-gateway-de"} and german_ear.whispered == {False}
    for ear, sent, hz in ((french_ear, french, 1500.0), (german_ear, german, 700.0)):
        got = ear.signal(TONE)[5 * BLOCK : -5 * BLOCK]
        assert tone_db(got, hz) == pytest.approx(rms_db(sent[MIDDLE]), abs=1.0)
    assert floor_ear.pcm == {}
    assert np.max(np.abs(heard.signal())) == 0.0  # our own voices are not floor
    figures = side.figures()
    assert figures["connections"] == 3 and figures["dropped_out"] == 0
    assert figures["frames_out"] == 2 * (TONE // BLOCK + HANGOVER_BLOCKS)


async def test_our_own_voice_sent_back_by_the_server_is_not_floor(open_side):
    """murmurd sends a client's voice to target 31 back to that client (its loopback)."""
    side, heard = await open_side("--mumble-channel", FLOOR)
    assert isinstance(side, MumbleSide)
    await speak(side.client, tone_burst()[: 50 * BLOCK], target=LOOPBACK)
    await asyncio.sleep(0.2)
    figures = side.figures()
    assert figures["own_voice"] == 25  # every packet came back, and went no further
    assert figures["speakers"] == 0 and not np.any(heard.signal())


async def test_a_side_that_is_not_given_sound_sends_nothing(open_side, participant):
    side, _ = await open_side("--channel", f"fr={FRENCH}")
    french_ear = Ear()
    await participant("fr-listener", FRENCH, on_voice=french_ear)
    await feed(side, "fr", np.zeros(30 * BLOCK, dtype=np.float32))
    await asyncio.sleep(0.1)
    assert french_ear.pcm == {} and side.figures()["frames_out"] == 0


async def test_the_floor_defaults_to_where_the_server_puts_new_users(open_side, participant):
    side, heard = await open_side()
    speaker = await participant("speaker", "Root")
    await speak(speaker, tone_burst()[: 50 * BLOCK])
    await asyncio.sleep(0.2)
    assert side.figures()["speakers"] == 1 and np.max(np.abs(heard.signal())) > AMPLITUDE / 2


@pytest.mark.parametrize(
    ("extra", "error", "sentence"),
    [
        (
            ("--mumble-channel", "Nowhere"),
            NoSuchPlace,
            "the Mumble server has no channel 'Nowhere' (it has: Deutsch, Floor, Français, Root): "
            "check the name, or create the channel",
        ),
        (
            ("--mumble-channel", FLOOR, "--channel", "fr=Nowhere"),
            NoSuchPlace,
            "the Mumble server has no channel 'Nowhere' (it has: Deutsch, Floor, Français, Root): "
            "check the name, or create the channel",
        ),
        (
            ("--channel", "fr=Root"),  # the floor by default: known once connected
            NoSuchPlace,
            "--channel fr=Root names the floor channel itself: give each language a Mumble "
            "channel of its own, where its listeners go",
        ),
        (
            ("--password", "wrong"),
            LoginRefused,
            "the Mumble server refused the password: give the server's password "
            "(the server says: Invalid server password)",
        ),
    ],
    ids=["floor", "language", "language-is-floor", "password"],
)
async def test_what_cannot_be_joined_is_one_sentence(open_side, server, extra, error, sentence):
    with pytest.raises(error) as refused:
        await open_side(*extra)
    assert str(refused.value) == sentence
    assert refused.value.exit_code == (4 if error is NoSuchPlace else 3)
    await asyncio.sleep(0.1)
    assert "rsi-gateway" not in await users_of(server)  # nothing left behind


async def users_of(server: MumbleServer) -> set[str]:
    client = MumbleClient()
    await client.connect(
        server.host, server.port, "census", server.password, fingerprint=server.fingerprint
    )
    assert client.protocol is not None
    names = {user.name for user in client.protocol.users.values()}
    client.close()
    await client.wait_ended()
    return names - {"census"}


async def test_a_certificate_that_is_not_the_pinned_one_is_a_refused_login(server):
    arguments = gateway_args(server)
    arguments[arguments.index("--mumble-fingerprint") + 1] = "00:" * 31 + "00"
    open_, _ = opener(parse(arguments))
    with pytest.raises(LoginRefused, match="presented a certificate with SHA-256 fingerprint"):
        await open_(FloorHeard())


async def test_nothing_listening_is_unreachable(open_side):
    with pytest.raises(PlatformUnreachable, match="could not reach the Mumble server at") as e:
        await open_side(port=1)
    assert e.value.exit_code == 3 and isinstance(e.value, PlatformError)


def test_the_arguments_give_each_language_its_place(server):
    _, places = opener(
        parse(gateway_args(server, "--channel", "fr=Français", "--channel", "de=A/Deutsch"))
    )
    assert places == {"fr": "Français", "de": "A/Deutsch"}
    for channels, sentence in (
        (("fr=Français", "fr=Other"), "--channel fr is given twice: give each language once"),
        (
            ("fr=Français", "de=Français"),
            "--channel de=Français: each language needs a Mumble channel of its own, apart "
            "from the floor's",
        ),
        (
            ("fr=Floor",),
            "--channel fr=Floor: each language needs a Mumble channel of its own, apart "
            "from the floor's",
        ),
    ):
        arguments = ["--mumble-channel", FLOOR]
        for channel in channels:
            arguments += ["--channel", channel]
        with pytest.raises(ValueError) as refused:
            opener(parse(gateway_args(server, *arguments)))
        assert str(refused.value) == sentence


async def test_a_restarted_server_ends_the_side_with_a_sentence_and_it_opens_again():
    with mumble_server(self_signed=True) as server:
        await add_channels(server, [FLOOR])
        open_, _ = opener(parse(gateway_args(server, "--mumble-channel", FLOOR)))
        side = await open_(FloorHeard())
        assert isinstance(side, MumbleSide)
        await asyncio.to_thread(server.stop)
        reason = await asyncio.wait_for(side.wait_ended(), 5)
        assert reason == "the Mumble server closed the connection (it stopped or restarted)"
        await side.close()
        await side.close()  # idempotent
        await asyncio.to_thread(server.start)
        again = await open_(FloorHeard())
        assert again.platform == "mumble"
        await again.close()

"""``rsi-gateway mumble`` as a real process, between a real murmurd and a real hub.

A Mumble participant (our own client, as in tests/channels/test_mumble_gateway.py)
speaks a tone burst in the floor channel: an ``rsi-bot`` recording the hub's
floor hears it at its level, and a raw hub listener times it. An interpreter
``rsi-bot`` on air on fr is heard by a participant in the ``Français``
channel. The gateway restarted, then murmurd restarted: the floor flows
again within a stated bound each time. Bad arguments, an unreachable server,
a refused password and a channel that does not exist are one line each,
with ``rsi-bot``'s exit codes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pytest
import soundfile

from audio.format import BLOCK, SAMPLE_RATE
from channels import meeting_file
from channels.platforms.mumble.client import MumbleClient, MumbleError
from channels.platforms.mumble.core import CommandError, Phase
from programs.bot import EXIT_CONNECTION, EXIT_REFUSED, EXIT_USAGE
from tests.rig.dspkit import rms_db, sine
from tests.rig.gatewaykit import (
    AUDIBLE_DB,
    BACK_WITHIN_S,
    Bridge,
    HubEar,
    assert_one_line_errors,
    floor_level,
    until_audible,
)
from tests.rig.hubprocess import BotProcess, start_hub, write_tone
from tests.rig.mumble import (
    Ear,
    MumbleServer,
    Participants,
    add_channels,
    mumble_server,
    speak,
)

pytestmark = pytest.mark.slow

FLOOR, FRENCH = "Floor", "Français"
AMPLITUDE: Final = 0.25
"""The participant's tone: -15 dBFS RMS."""
TONE_START: Final = 25
"""Blocks of silence before the participant's tone (of 50 blocks), in a 1 s burst."""


@pytest.fixture(scope="module")
def server() -> Iterator[MumbleServer]:
    with mumble_server() as running:
        asyncio.run(add_channels(running, [FLOOR, FRENCH]))
        yield running


def mumble_args(server: MumbleServer, *extra: str) -> list[str]:
    return [
        "--server", f"{server.host}:{server.port}", "--password", server.password,
        "--mumble-fingerprint", server.fingerprint, *extra,
    ]  # fmt: skip


@dataclass(kw_only=True)
class MumbleBridge(Bridge):
    """murmurd, the hub and the gateway between them (Floor -> floor, fr -> Français)."""

    server: MumbleServer
    people: Participants


@pytest.fixture
async def bridge(server: MumbleServer, meeting_path: Path) -> AsyncIterator[MumbleBridge]:
    bridge = MumbleBridge(
        server=server,
        people=Participants(server),
        hub=await start_hub(meeting_path),
        meeting=meeting_file.load(meeting_path),
        kind="mumble",
        args=tuple(mumble_args(server, "--mumble-channel", FLOOR, "--channel", f"fr={FRENCH}")),
    )
    try:
        await bridge.start_gateway()
        yield bridge
    finally:
        await bridge.stop()
        await bridge.people.close()


def burst() -> np.ndarray:
    """0.25 s of silence, 0.5 s of 1 kHz, 0.25 s of silence."""
    signal = np.zeros(100 * BLOCK, dtype=np.float32)
    signal[TONE_START * BLOCK : (TONE_START + 50) * BLOCK] = sine(1000, 0.5, AMPLITUDE)
    return signal


async def test_the_floor_channel_reaches_the_hub_and_fr_reaches_its_channel(
    bridge: MumbleBridge, tmp_path: Path
) -> None:
    recording, tone = tmp_path / "floor.wav", tmp_path / "fr.wav"
    write_tone(tone, seconds=1.5)
    ear, recorder = await bridge.hear_floor(recording)
    french = Ear()
    await bridge.people.join("fr-listener", FRENCH, on_voice=french)
    speaker = await bridge.people.join("speaker", FLOOR)
    began = time.monotonic()
    sent = await speak(speaker, burst())
    await asyncio.sleep(0.5)
    interpreter = await BotProcess.start(
        bridge.hub.url, bridge.token("fr1", "interpreter", "fr"), "--mic", "fr",
        "--play", str(tone),
    )  # fmt: skip
    code, _, said = await interpreter.finish()
    assert code == 0, said
    code, _, said = await recorder.finish(interrupt=True)
    assert code == 0, said
    await ear.close()

    # The onset reaches the hub: from the moment its packet went (the onset is its second
    # block's first sample) to the moment the hub delivered it. murmurd alone takes under
    # 1 ms, the gateway's hold 20 ms, its clocks up to 20 ms more, Opus's lookahead 6.5 ms
    # and the hub's path a few ms: under 150 ms even on a loaded machine.
    onset_at = next(at for at, pcm in ear.got if at >= began and np.max(np.abs(pcm)) > 0.125)
    delay_ms = (onset_at - sent[TONE_START - 1]) * 1e3
    print(f"Mumble participant -> hub floor: {delay_ms:.1f} ms")
    assert 20 < delay_ms < 150, delay_ms
    # At the platform's level, as the recording bot heard it: within 1 dB.
    floor, _ = soundfile.read(recording, dtype="float32")
    loud = np.flatnonzero(np.abs(floor[:, 0]) > AMPLITUDE / 2)
    assert loud.size, "the burst is missing from the recording"
    steady = floor[loud[0] + SAMPLE_RATE // 10 : loud[0] + SAMPLE_RATE * 4 // 10, 0]
    assert rms_db(steady) == pytest.approx(rms_db(sine(1000, 0.1, AMPLITUDE)), abs=1.0)
    # Français hears the gateway whispering: the floor while nobody was on air (the hub's
    # floor fallback), then the interpreter's tone (peak 0.05: -29 dBFS RMS) within 1 dB.
    assert french.speakers == {"rsi-gateway"} and french.whispered == {True}
    fr = french.signal((max(french.pcm) + 2) * BLOCK)
    loud = np.flatnonzero(np.abs(fr) > 0.025)
    assert np.max(np.abs(fr)) > AMPLITUDE / 2, "no floor fallback in Français"
    steady = fr[loud[-1] - SAMPLE_RATE : loud[-1] - SAMPLE_RATE // 5]
    assert rms_db(steady) == pytest.approx(rms_db(sine(440, 0.1, 0.05)), abs=1.0)
    assert np.max(np.abs(steady)) < 0.1, "the floor's burst is in fr while interpreted"


async def talk_in_the_floor(server: MumbleServer, stop: asyncio.Event) -> None:
    """A participant speaking in the floor until ``stop``; it comes back to a restarted server."""
    tone = sine(1000, 0.5, AMPLITUDE)
    while not stop.is_set():
        client = MumbleClient()
        try:
            await client.connect(
                server.host, server.port, "talker", server.password,
                fingerprint=server.fingerprint, timeout=1.0,
            )  # fmt: skip
            await client.join(FLOOR)
            assert client.protocol is not None
            while not stop.is_set() and client.protocol.phase is Phase.CONNECTED:
                await speak(client, tone)
        except (MumbleError, CommandError):  # the server is away: try again shortly
            await asyncio.sleep(0.2)
        finally:
            client.close()
            if client.protocol is not None:
                await client.wait_ended()


async def test_a_restarted_gateway_and_a_restarted_murmurd_are_survived(
    bridge: MumbleBridge,
) -> None:
    stop = asyncio.Event()
    talker = asyncio.get_running_loop().create_task(talk_in_the_floor(bridge.server, stop))
    ear = await HubEar.join(bridge.hub.url, bridge.token("ear", "listener"), "floor")
    try:
        await until_audible(ear, BACK_WITHIN_S)

        gateway = bridge.gateway
        assert gateway is not None
        code, figures, said = await gateway.finish(interrupt=True)
        assert code == 0, said
        assert figures["platform"] == "mumble" and figures["air"] == "floor", figures
        assert figures["side"]["speakers"] >= 1, figures
        assert await floor_level(ear) < AUDIBLE_DB, "the gateway left: the floor is silent"
        gateway = await bridge.start_gateway()
        await until_audible(ear, BACK_WITHIN_S)

        await asyncio.to_thread(bridge.server.stop)
        await gateway.said("lost the mumble side")
        await asyncio.to_thread(bridge.server.start)
        await gateway.said("the mumble side is back")
        await until_audible(ear, BACK_WITHIN_S)

        code, figures, said = await gateway.finish(interrupt=True)
        assert code == 0, said
        assert figures["platform_outages"] == 1, figures
        assert 0 < figures["seconds_platform_away"] < BACK_WITHIN_S + 5, figures
        assert figures["side"]["connections"] == 2, figures
    finally:
        stop.set()
        await talker
        await ear.close()


async def test_each_error_is_one_line_with_its_exit_code(server: MumbleServer) -> None:
    common = ["mumble", "--url", "ws://127.0.0.1:9/v1", "--token", "t"]
    cases = [
        (
            mumble_args(server, "--channel", "fr=Français", "--channel", "fr=Deutsch"),
            EXIT_USAGE,
            "--channel fr is given twice",
        ),
        (
            ["--server", f"{server.host}:1", "--mumble-fingerprint", server.fingerprint],
            EXIT_CONNECTION,
            "could not reach the Mumble server",
        ),
        (
            [*mumble_args(server), "--password", "wrong"],
            EXIT_CONNECTION,
            "the Mumble server refused the password",
        ),
        (
            mumble_args(server, "--mumble-channel", "Nowhere"),
            EXIT_REFUSED,
            "the Mumble server has no channel 'Nowhere'",
        ),
    ]
    await assert_one_line_errors(common, cases)

"""``rsi-gateway janus`` as a real process, between a real Janus and a real hub.

A plain Janus participant (:class:`JanusClient`, as in tests/channels/test_janus.py)
plays tone bursts in the floor room: an ``rsi-bot`` recording the hub's floor
hears them at their level, and a raw hub listener times each one. An
interpreter ``rsi-bot`` on air on fr is heard by a participant in the fr
room. The gateway restarted, then Janus restarted: the floor flows again
within a stated bound each time. Bad arguments, an unreachable Janus and a
room that does not exist are one line each, with ``rsi-bot``'s exit codes.
Without processes: the engine's taps and the gateway port's floor ring.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pytest
import soundfile

from audio.format import BLOCK, SAMPLE_RATE
from audio.gateway import FLOOR_KEEP_BLOCKS, GatewayPort
from audio.inputs import Inputs
from audio.ring import BlockRing
from channels import meeting_file, tokens
from channels.meeting import MeetingConfig
from channels.platforms.janus import JanusClient, JanusError, JoinSettings
from programs.bot import EXIT_CONNECTION, EXIT_REFUSED, EXIT_USAGE
from tests.rig.dspkit import rms_db, sine
from tests.rig.gatewaykit import HubEar
from tests.rig.hubprocess import BotProcess, HubProcess, rsi_gateway, start_hub, write_tone
from tests.rig.janus import (
    TONE_AMPLITUDE,
    Blocks,
    JanusServer,
    RoomConfig,
    delays_ms,
    onset_after,
    play,
    start_janus,
    tone_bursts,
)

FLOOR_ROOM: Final = 1001
FR_ROOM: Final = 1002
ROOMS: Final = (RoomConfig(FLOOR_ROOM), RoomConfig(FR_ROOM))
LISTEN: Final = JoinSettings(display="listener", muted=True)
BACK_WITHIN_S: Final = 8.0
"""A side that went away carries sound again within this long: the engine's first reconnection
attempts and the gateway's first reopenings (0.5, 1, 2 s) come well within it, with seconds
to spare for a loaded machine."""
AUDIBLE_DB: Final = -40.0
"""The participant's tone is -13 dBFS RMS: a window above -40 dBFS carries it (silence and
concealment after a gap read far below)."""


# -- without processes ---------------------------------------------------------------------------


def test_each_input_is_tapped_as_rendered_before_volume_and_ear() -> None:
    taps = [BlockRing(4, BLOCK) for _ in range(2)]
    inputs = Inputs(2, frame_ms=10, jitter_min_ms=0, jitter_max_ms=400, on_switch=print, taps=taps)
    inputs.set_volume(0, 0.0)
    inputs.set_ear(1, "left")
    out = np.zeros((BLOCK, 2), dtype=np.float32)
    inputs.render(0.0, out)
    tapped = np.ones(BLOCK, dtype=np.float32)
    for tap in taps:
        assert len(tap) == 1 and tap.pop_into(tapped)
        assert not tapped.any(), "nothing selected: silence, one block per render"
    inputs.close()
    with pytest.raises(ValueError, match="1 taps for 2 inputs"):
        Inputs(2, frame_ms=10, jitter_min_ms=0, jitter_max_ms=400, on_switch=print, taps=taps[:1])


def test_the_floor_ring_keeps_its_delay_small_and_counts_what_it_missed() -> None:
    port = GatewayPort()
    blocks = [np.full(BLOCK, k, dtype=np.float32) for k in range(6)]
    for block in blocks:
        port.floor_sink(block, 0.0)
    first = port._next_capture()[:, 0].copy()
    assert first[0] == len(blocks) - FLOOR_KEEP_BLOCKS - 1, "a burst: the oldest dropped"
    assert port.floor_dropped == len(blocks) - FLOOR_KEEP_BLOCKS - 1
    for _ in range(FLOOR_KEEP_BLOCKS):
        port._next_capture()
    assert not port._next_capture().any() and port.floor_missing == 1


# -- real processes --------------------------------------------------------------------------------

real = pytest.mark.slow


@dataclass
class Bridge:
    """Janus, the hub and the gateway between them (floor room -> floor, fr -> fr room)."""

    janus: JanusServer
    hub: HubProcess
    meeting: MeetingConfig
    gateway: BotProcess | None = None

    def token(self, sub: str, role: str, booth: str | None = None) -> str:
        return tokens.issue(self.meeting, sub=sub, name=sub.title(), role=role, booth=booth)

    async def start_gateway(self) -> BotProcess:
        self.gateway = await BotProcess.gateway(
            "janus", self.hub.url, self.token("gw", "gateway"),
            "--janus", self.janus.url, "--room", str(FLOOR_ROOM),
            "--channel", f"fr={FR_ROOM}",
        )  # fmt: skip
        return self.gateway


@pytest.fixture
async def bridge(tmp_path: Path, meeting_path: Path) -> AsyncIterator[Bridge]:
    janus = await start_janus(tmp_path / "janus", ROOMS)
    bridge = Bridge(janus, await start_hub(meeting_path), meeting_file.load(meeting_path))
    try:
        await bridge.start_gateway()
        yield bridge
    finally:
        if bridge.gateway is not None:
            bridge.gateway.kill()
            await bridge.gateway.process.wait()
        bridge.hub.stop()
        await bridge.janus.stop()


@real
async def test_bursts_in_the_floor_room_reach_the_hub_and_fr_reaches_its_room(
    bridge: Bridge, tmp_path: Path
) -> None:
    recording, tone = tmp_path / "floor.wav", tmp_path / "fr.wav"
    write_tone(tone, seconds=1.5)
    ear = await HubEar.join(bridge.hub.url, bridge.token("ear", "listener"), "floor")
    recorder = await BotProcess.start(
        bridge.hub.url, bridge.token("rec", "listener"), "--listen", "floor",
        "--record", str(recording),
    )  # fmt: skip
    fr_heard = Blocks()
    async with (
        await JanusClient.connect(bridge.janus.url) as speaking,
        await JanusClient.connect(bridge.janus.url) as listening,
    ):
        await listening.join(FR_ROOM, fr_heard, LISTEN)
        speaker = await speaking.join(FLOOR_ROOM, lambda block, arrival: None)
        signal, starts = tone_bursts(5, on_s=0.3)
        given = await play(speaker, signal)
        await asyncio.sleep(0.5)
        interpreting_since = time.monotonic()
        interpreter = await BotProcess.start(
            bridge.hub.url, bridge.token("fr1", "interpreter", "fr"),
            "--mic", "fr", "--play", str(tone),
        )  # fmt: skip
        code, _, said = await interpreter.finish()
        assert code == 0, said
    code, _, said = await recorder.finish(interrupt=True)
    assert code == 0, said
    await ear.close()

    # Each burst reaches the hub. Janus alone takes 30-150 ms here (test_janus.py); the
    # gateway's own share (its goal: 30 ms at the median) is the benchmark's to measure: on a
    # loaded machine this asserts only that every burst comes, and within 400 ms.
    delays = delays_ms(given, starts, ear)
    assert all(20 < d < 400 for d in delays), delays
    # At the platform's level: the steady middle of each burst, recorded by the bot, within
    # 1 dB of what the participant played (Janus's own pass keeps it within 1 dB too).
    recorded, _ = soundfile.read(recording, dtype="float32")
    floor = recorded[:, 0]
    expected = rms_db(sine(1000, 0.1, TONE_AMPLITUDE))
    at = 0
    for _ in starts:
        onset = onset_after(floor, at)
        assert onset is not None, "a burst is missing from the recording"
        steady = floor[onset + SAMPLE_RATE // 10 : onset + SAMPLE_RATE // 5]
        assert abs(rms_db(steady) - expected) < 1.0, (rms_db(steady), expected)
        at = onset + SAMPLE_RATE * 3 // 10 + BLOCK
    # While nobody is on air in fr, the fr room hears the floor (the hub's floor fallback);
    # then the interpreter's fr, at its level (the tone's peak is 0.05: -29 dBFS RMS), through
    # the hub, the gateway and Janus's re-encoding: within 1 dB, as above.
    assert onset_after(fr_heard.signal(), 0) is not None, "no floor fallback in the fr room"
    fr = fr_heard.signal(interpreting_since)
    loud = np.flatnonzero(np.abs(fr) > 0.025)
    assert loud.size, "the interpreter was not heard in the fr room"
    steady = fr[loud[0] + SAMPLE_RATE // 5 : loud[0] + SAMPLE_RATE]
    assert abs(rms_db(steady) - rms_db(sine(440, 0.1, 0.05))) < 1.0, rms_db(steady)
    assert np.max(np.abs(steady)) < 0.1, "the floor's bursts are in fr while interpreted"


async def floor_level(ear: HubEar, seconds: float = 0.5) -> float:
    """The hub floor's level (dBFS RMS) over the next ``seconds``."""
    since = time.monotonic()
    await asyncio.sleep(seconds)
    heard = ear.signal(since)
    return rms_db(heard) if heard.size else -np.inf


async def until_audible(ear: HubEar, within_s: float) -> float:
    """Seconds until the hub's floor carries the tone again; fails after ``within_s``."""
    began = time.monotonic()
    while (level := await floor_level(ear, 0.2)) < AUDIBLE_DB:
        assert time.monotonic() - began < within_s, f"the floor is still silent ({level:.1f} dB)"
    return time.monotonic() - began


async def tone_in(room: int, url: str, stop: asyncio.Event) -> None:
    """A participant in ``room`` playing a tone until ``stop``; it rejoins a restarted Janus."""
    tone = sine(1000, 10.0, TONE_AMPLITUDE)
    while not stop.is_set():
        try:
            async with await JanusClient.connect(url, open_timeout=1) as janus:
                speaker = await janus.join(room, lambda block, arrival: None)
                while not stop.is_set() and speaker.end_reason is None:
                    await play(speaker, tone[: SAMPLE_RATE // 2])
        except JanusError:  # Janus is away: try again shortly
            await asyncio.sleep(0.2)


@real
async def test_a_restarted_gateway_and_a_restarted_janus_are_survived(
    bridge: Bridge, tmp_path: Path
) -> None:
    stop = asyncio.Event()
    participant = asyncio.get_running_loop().create_task(
        tone_in(FLOOR_ROOM, bridge.janus.url, stop)
    )
    ear = await HubEar.join(bridge.hub.url, bridge.token("ear", "listener"), "floor")
    try:
        await until_audible(ear, BACK_WITHIN_S)

        gateway = bridge.gateway
        assert gateway is not None
        code, figures, said = await gateway.finish(interrupt=True)
        assert code == 0, said
        assert figures["platform"] == "janus" and figures["air"] == "floor", figures
        assert await floor_level(ear) < AUDIBLE_DB, "the gateway left: the floor is silent"
        gateway = await bridge.start_gateway()
        await until_audible(ear, BACK_WITHIN_S)

        await bridge.janus.stop()
        await gateway.said("the janus meeting was lost")
        bridge.janus = await start_janus(tmp_path / "janus", ROOMS, port=bridge.janus.port)
        await gateway.said("back in the janus meeting")
        await until_audible(ear, BACK_WITHIN_S)

        code, figures, said = await gateway.finish(interrupt=True)
        assert code == 0, said
        assert figures["platform_outages"] == 1, figures
        assert 0 < figures["seconds_platform_away"] < BACK_WITHIN_S + 5, figures
        assert figures["side"]["floor_packets_in"] > 0, figures
    finally:
        stop.set()
        await participant
        await ear.close()


@real
async def test_each_error_is_one_line_with_its_exit_code(tmp_path: Path) -> None:
    janus = await start_janus(tmp_path, ROOMS)
    common = ["janus", "--url", "ws://127.0.0.1:9/v1", "--token", "t"]
    try:
        cases = [
            (["--janus", "http://x/", "--room", "1"], EXIT_USAGE, "--janus takes Janus's"),
            (
                ["--janus", janus.url, "--room", "1", "--channel", "fr=1"],
                EXIT_USAGE,
                "each channel needs a room of its own",
            ),
            (["--janus", janus.url, "--room", "1", "--duration", "0"], EXIT_USAGE, "positive"),
            (["--janus", "ws://127.0.0.1:9/", "--room", "1"], EXIT_CONNECTION, "cannot reach"),
            (["--janus", janus.url, "--room", "999"], EXIT_REFUSED, "Janus has no room 999"),
        ]
        runs = [asyncio.to_thread(rsi_gateway, *common, *args) for args, _, _ in cases]
        for (args, code, sentence), ran in zip(cases, await asyncio.gather(*runs), strict=True):
            assert ran.returncode == code, (args, ran.stderr)
            assert ran.stderr.count("\n") == 1 and sentence in ran.stderr, ran.stderr
            assert ran.stderr.startswith("rsi-gateway: ") and ran.stdout == "", ran
    finally:
        await janus.stop()

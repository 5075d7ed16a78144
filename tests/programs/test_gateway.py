"""``rsi-gateway janus`` as a real process, between a real Janus and a real hub.

A plain Janus participant (:class:`JanusClient`, as in tests/channels/test_janus.py)
plays tone bursts in the floor room: an ``rsi-bot`` recording the hub's floor
hears them at their level, and a raw hub listener times each one. An
interpreter ``rsi-bot`` on air on fr is heard by a participant in the fr
room. The gateway restarted, then Janus restarted: the floor flows again
within a stated bound each time. Bad arguments, an unreachable Janus, a
room that does not exist and a channel the hub's meeting does not have are
one line each, with ``rsi-bot``'s exit codes; ``rsi-gateway devices`` and
``device --setup`` join nothing.
Without processes: the engine's taps, the gateway port's floor ring, and a
:class:`Gateway` in this process on a hub of its own with a platform of the
test's own, whose side ends and is opened again while the hub side runs on.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
import pytest

from audio.config import MAX_INPUTS
from audio.format import BLOCK, SAMPLE_RATE
from audio.gateway import FLOOR_KEEP_BLOCKS, GatewayPort
from audio.inputs import Inputs
from audio.opus import Encoder
from audio.receive import InputStrip
from audio.ring import FADE_FRAMES, BlockRing
from channels import meeting_file, tokens
from channels.platforms.janus import JanusClient, JanusError, JoinSettings
from channels.platforms.link import FloorSink, PlatformUnreachable, PullingSink
from channels.rtp import build
from programs.bot import EXIT_CONNECTION, EXIT_REFUSED, EXIT_USAGE
from programs.gateway import Gateway, GatewayConfig
from tests.rig.dspkit import rms_db, sine
from tests.rig.engineport import OpusTone, Tone
from tests.rig.gatewaykit import (
    AUDIBLE_DB,
    BACK_WITHIN_S,
    Bridge,
    HubEar,
    assert_bursts_at_level,
    assert_one_line_errors,
    floor_level,
    level_db,
    until_audible,
)
from tests.rig.hubprocess import BotProcess, rsi_gateway, start_hub, write_tone
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
from tests.rig.pulse import SINK, PulseServer
from tests.rig.wsclient import open_room

FLOOR_ROOM: Final = 1001
FR_ROOM: Final = 1002
ROOMS: Final = (RoomConfig(FLOOR_ROOM), RoomConfig(FR_ROOM))
LISTEN: Final = JoinSettings(display="listener", muted=True)

# -- without processes ---------------------------------------------------------------------------


def test_each_input_is_tapped_as_rendered_before_volume_and_ear() -> None:
    """The gateway's channels come from the taps: the channel's own sound, whatever the mix."""
    taps = [BlockRing(4, BLOCK) for _ in range(2)]
    inputs = Inputs(2, frame_ms=10, jitter_min_ms=0, jitter_max_ms=400, on_switch=ignore, taps=taps)
    inputs.keep(["fr"])
    inputs.select(["fr", None])
    inputs.set_volume(0, 0.0)
    inputs.set_ear(1, "left")
    encoder = Encoder(frame_ms=10)
    tone = sine(1000, 1.0, TONE_AMPLITUDE)
    out = np.zeros((BLOCK, 2), dtype=np.float32)
    tapped = [np.zeros(BLOCK, dtype=np.float32) for _ in taps]
    heard, other, mixed = [], [], []
    for k, block in enumerate(tone.reshape(-1, BLOCK)):
        packet = build(sequence=k, timestamp=BLOCK * k, ssrc=7, payload=encoder.encode(block))
        inputs.receivers["fr"].push(packet, 0.01 * k)
        inputs.render(0.01 * k + 0.005, out)
        mixed.append(out[:, 0].copy())
        for tap, into in zip(taps, tapped, strict=True):
            assert len(tap) == 1 and tap.pop_into(into), "one block per render"
        heard.append(tapped[0].copy())
        other.append(tapped[1].copy())
    encoder.close()
    inputs.close()
    assert abs(rms_db(np.concatenate(heard)[-SAMPLE_RATE // 2 :]) - rms_db(tone)) < 0.5
    assert not np.concatenate(mixed)[-SAMPLE_RATE // 2 :].any(), "input 0 is muted in the mix"
    assert not np.concatenate(other).any(), "input 1 plays nothing"
    with pytest.raises(ValueError, match="1 taps for 2 inputs"):
        Inputs(2, frame_ms=10, jitter_min_ms=0, jitter_max_ms=400, on_switch=ignore, taps=taps[:1])


def ignore(strip: InputStrip) -> None:
    """An input's switch completed: nothing to do here."""


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
    missing = port._next_capture()[:, 0]
    assert port.floor_missing == 1, "nothing came: silence, counted"
    assert missing[0] > 0.9 * (len(blocks) - 1) and not missing[FADE_FRAMES:].any(), "no click"


def test_a_side_that_pulls_is_asked_for_each_block_on_the_ports_tick() -> None:
    port = GatewayPort()
    sink = port.floor_sink
    assert isinstance(sink, PullingSink)
    asked: list[float] = []

    def source(out: npt.NDArray[np.float32], now: float) -> None:
        out.fill(len(asked) + 1)
        asked.append(now)

    sink(np.full(BLOCK, 9.0, dtype=np.float32), 0.0)  # pushed before: not played while pulled
    sink.pull(source)
    before = time.monotonic()
    taken = [port._next_capture()[:, 0].copy() for _ in range(3)]
    assert [float(block[0]) for block in taken] == [1.0, 2.0, 3.0] and np.all(taken[2] == 3.0)
    assert before <= asked[0] <= asked[2] <= time.monotonic()
    sink.pull(None)
    assert port._next_capture()[0, 0] == 9.0 and len(asked) == 3, "pushed blocks again"
    assert port.floor_missing == port.floor_dropped == 0


class Stage:
    """A platform of the test's own (a :class:`PlatformSide`): keeps what it is told to speak."""

    platform = "stage"

    def __init__(self, sink: FloorSink) -> None:
        self.sink = sink
        self.spoken: list[npt.NDArray[np.float32]] = []
        self.failing = False
        """Its next speak raises (a side's bug)."""
        self.why = ""
        self.ended = asyncio.Event()
        self.closed = False

    def speak(self, channel: str, block: npt.NDArray[np.float32]) -> None:
        assert channel == "fr"
        if self.failing:
            self.failing = False
            raise RuntimeError("a bug in the side")
        self.spoken.append(block.copy())

    def figures(self) -> dict[str, int]:
        return {"blocks_spoken": len(self.spoken)}

    async def wait_ended(self) -> str:
        await self.ended.wait()
        return self.why

    async def close(self) -> None:
        self.closed = True

    def end(self, why: str) -> None:
        self.why = why
        self.ended.set()


async def test_a_side_that_ends_is_opened_again_while_the_hub_side_runs_on() -> None:
    """In this process, on a hub of its own: the floor, a channel, a side lost and back."""
    stages: list[Stage] = []
    refusals = 2

    async def opener(sink: FloorSink) -> Stage:
        nonlocal refusals
        if stages and refusals:
            refusals -= 1
            raise PlatformUnreachable("the stage is dark: check the lights")
        stages.append(Stage(sink))
        return stages[-1]

    async def platform_plays(stop: asyncio.Event) -> None:
        """The platform meeting's sound, a block every 10 ms, to whichever side is open."""
        tone = sine(1000, 1.0, TONE_AMPLITUDE)[:BLOCK]
        while not stop.is_set():
            stages[-1].sink(tone, time.monotonic())
            await asyncio.sleep(0.01)

    notices: list[str] = []
    async with open_room() as room:
        config = GatewayConfig(
            room.url, room.token("gw", "gateway"), "stage", {"fr": "stage-fr"},
            reopen_first_s=0.05,
        )  # fmt: skip
        gateway = Gateway(config, opener, notices.append)
        await gateway.start()
        running = asyncio.get_running_loop().create_task(gateway.run())
        stop = asyncio.Event()
        playing = asyncio.get_running_loop().create_task(platform_plays(stop))
        ear = HubEar(await room.join("ear", "listener", listen=["floor"]))
        interpreter = await room.join("fr1", "interpreter", "fr")
        await room.take_air(interpreter, "fr")
        voice = OpusTone(interpreter, Tone(440, level_dbfs=-20)).start()
        await asyncio.sleep(1.0)
        first = stages[0]
        first.failing = True
        await asyncio.sleep(0.1)
        first.end("the stage fell")
        while len(stages) < 2:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)
        stop.set()
        await playing
        await voice.stop()
        gateway.request_stop()
        await running
        figures = await gateway.stop()
        await ear.close()
    assert first.closed and stages[1].closed
    assert abs(level_db(ear.signal()[-SAMPLE_RATE // 2 :]) - rms_db(sine(1000, 0.1, 0.3))) < 1.0
    for stage in stages:  # each side heard fr, on its own, at its level
        spoken = np.concatenate(stage.spoken[-50:])
        assert abs(level_db(spoken) - rms_db(sine(440, 0.1, 0.1))) < 1.0, level_db(spoken)
    assert figures["platform"] == "stage" and figures["platform_outages"] == 1, figures
    assert figures["side"] == {"blocks_spoken": sum(len(s.spoken) for s in stages)}, figures
    assert figures["speak_failed"] == 1 and figures["channel_blocks_dropped"]["fr"] >= 1
    assert notices.count("the stage is dark: check the lights; trying again in 0.2 s") == 1
    assert any(n.startswith("the stage side is back after") for n in notices), notices


# -- real processes --------------------------------------------------------------------------------

real = pytest.mark.slow


@dataclass(kw_only=True)
class JanusBridge(Bridge):
    """Janus, the hub and the gateway between them (floor room -> floor, fr -> fr room)."""

    janus: JanusServer


@pytest.fixture
async def bridge(tmp_path: Path, meeting_path: Path) -> AsyncIterator[JanusBridge]:
    janus = await start_janus(tmp_path / "janus", ROOMS)
    bridge = JanusBridge(
        janus=janus,
        hub=await start_hub(meeting_path),
        meeting=meeting_file.load(meeting_path),
        kind="janus",
        args=("--janus", janus.url, "--room", str(FLOOR_ROOM), "--channel", f"fr={FR_ROOM}"),
    )
    try:
        await bridge.start_gateway()
        yield bridge
    finally:
        await bridge.stop()
        await bridge.janus.stop()


@real
async def test_bursts_in_the_floor_room_reach_the_hub_and_fr_reaches_its_room(
    bridge: JanusBridge, tmp_path: Path
) -> None:
    recording, tone = tmp_path / "floor.wav", tmp_path / "fr.wav"
    write_tone(tone, seconds=1.5)
    ear, recorder = await bridge.hear_floor(recording)
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

    # Each burst reaches the hub (delays_ms fails on one never heard). Janus alone takes 30 to
    # 150 ms here (test_janus.py) and the gateway's goal is 30 ms more at the median, which
    # the benchmark measures (gateway_delay); on a loaded machine, where any of the five
    # processes may stall for a few hundred ms, this asserts the median under 250 ms.
    delays = delays_ms(given, starts, ear)
    assert min(delays) > 20 and float(np.median(delays)) < 250, delays
    # At the platform's level: the middle of each burst, recorded by the bot, within 1 dB of
    # what the participant played (Janus's own pass keeps it within 1 dB too). The level is
    # the path's gain, so it is the median of 10 ms levels; a loaded machine may cost a burst
    # a block or two (concealed, and counted in the figures), not the level.
    assert_bursts_at_level(recording, starts)
    # While nobody is on air in fr, the fr room hears the floor (the hub's floor fallback);
    # then the interpreter's fr, at its level (the tone's peak is 0.05: -29 dBFS RMS), through
    # the hub, the gateway and Janus's re-encoding: within 1 dB, as above.
    assert onset_after(fr_heard.signal(), 0) is not None, "no floor fallback in the fr room"
    fr = fr_heard.signal(interpreting_since)
    loud = np.flatnonzero(np.abs(fr) > 0.025)
    assert loud.size, "the interpreter was not heard in the fr room"
    steady = fr[loud[0] + SAMPLE_RATE // 5 : loud[0] + SAMPLE_RATE]
    assert abs(level_db(steady) - rms_db(sine(440, 0.1, 0.05))) < 1.0, level_db(steady)
    assert np.max(np.abs(steady)) < 0.1, "the floor's bursts are in fr while interpreted"


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
    bridge: JanusBridge, tmp_path: Path
) -> None:
    stop = asyncio.Event()
    participant = asyncio.get_running_loop().create_task(
        tone_in(FLOOR_ROOM, bridge.janus.url, stop)
    )
    ear = await HubEar.join(bridge.hub.url, bridge.token("ear", "listener"), "floor")
    try:
        await until_audible(ear, BACK_WITHIN_S)
        (seen,) = [p for p in ear.client.latest_state()["participants"] if p["id"] == "gw"]
        assert seen["platform"] == "janus" and seen["on_air"] == "floor", seen

        gateway = bridge.gateway
        assert gateway is not None
        code, figures, said = await gateway.finish(interrupt=True)
        assert code == 0, said
        assert figures["platform"] == "janus" and figures["air"] == "floor", figures
        assert await floor_level(ear) < AUDIBLE_DB, "the gateway left: the floor is silent"
        gateway = await bridge.start_gateway()
        await until_audible(ear, BACK_WITHIN_S)

        await bridge.janus.stop()
        await gateway.said("lost the janus side")
        assert await floor_level(ear) < AUDIBLE_DB, "Janus stopped: the floor is silent"
        bridge.janus = await start_janus(tmp_path / "janus", ROOMS, port=bridge.janus.port)
        await until_audible(ear, BACK_WITHIN_S)

        code, figures, said = await gateway.finish(interrupt=True)
        assert code == 0, said
        assert figures["platform_outages"] == 1, figures
        assert 0 < figures["seconds_platform_away"] < 2 * BACK_WITHIN_S, figures
        assert figures["side"]["floor_packets_in"] > 0, figures
    finally:
        stop.set()
        await participant
        await ear.close()


@real
async def test_each_error_is_one_line_with_its_exit_code(
    tmp_path: Path, meeting_path: Path
) -> None:
    janus = await start_janus(tmp_path, ROOMS)
    hub = await start_hub(meeting_path)
    token = tokens.issue(meeting_file.load(meeting_path), sub="gw", name="Gw", role="gateway")
    common = ["janus", "--url", hub.url, "--token", token]
    try:
        cases = [
            (
                ["--janus", janus.url, "--room", "1001", "--channel", "xx=1002"],
                EXIT_REFUSED,
                "has no channel 'xx'",
            ),
            (["--janus", "http://x/", "--room", "1"], EXIT_USAGE, "--janus takes Janus's"),
            (
                ["--janus", janus.url, "--room", "1", "--channel", "fr=1"],
                EXIT_USAGE,
                "each channel needs a room of its own",
            ),
            (["--janus", janus.url, "--room", "1", "--duration", "0"], EXIT_USAGE, "positive"),
            (
                ["--janus", janus.url, "--room", "1"]
                + [f"--channel=c{k}={k + 2}" for k in range(MAX_INPUTS + 1)],
                EXIT_USAGE,
                f"at most {MAX_INPUTS} channels",
            ),
            (["--janus", "ws://127.0.0.1:9/", "--room", "1"], EXIT_CONNECTION, "cannot reach"),
            (["--janus", janus.url, "--room", "999"], EXIT_REFUSED, "Janus has no room 999"),
        ]
        await assert_one_line_errors(common, cases)
    finally:
        hub.stop()
        await janus.stop()


@real
def test_the_devices_are_listed_and_made_by_commands_that_join_nothing(pulse: PulseServer) -> None:
    listed = rsi_gateway("devices")
    assert listed.returncode == 0 and f"--channel LANG={SINK} " in listed.stdout, listed
    refused = rsi_gateway("device", "--setup", "--channel", "x y=rsi-x")
    assert refused.returncode == EXIT_USAGE and refused.stderr == (
        "rsi-gateway: 'x y' cannot name a device: use letters, digits, - and _\n"
    )
    no_hub = rsi_gateway("device", "--channel", f"fr={SINK}")
    assert no_hub.returncode == EXIT_USAGE and no_hub.stderr == (
        "rsi-gateway device: --url and --token required (the hub, and the gateway's token)\n"
    )
    made = rsi_gateway("device", "--setup", "--channel", "de")  # as the issue writes it
    assert made.returncode == 0 and "rsi-de" in made.stdout, made
    unplaced = rsi_gateway("device", "--channel", "de")  # running needs the place
    assert unplaced.returncode == EXIT_USAGE and unplaced.stderr == (
        "rsi-gateway device: --channel de needs its place on the platform: --channel de=PLACE\n"
    )

"""gateway_delay: the delay each ``rsi-gateway KIND`` adds each way, beside the platform's own.

Set-up, for each kind: the platform's server, ``rsi-hub serve`` with the
council meeting (floor, en, fr) and ``rsi-gateway KIND`` between them (the
platform's floor -> floor, fr -> the platform's fr place), each in a process
of its own (:class:`~tests.rig.gatewaykit.Bridge`):

- ``janus``: Debian's ``janus``, two AudioBridge rooms at 48 kHz and
  prebuffer 2 (tests/rig/janus.py); participants are plain RTP clients.
- ``mumble``: Debian's ``murmurd`` with the channels Floor and Français
  (tests/rig/mumble.py); participants are Mumble users of our own client
  (20 ms packets, as Mumble's own client sends by default).
- ``device``: a private PulseAudio server (tests/rig/pulse.py) with the
  devices ``rsi-gateway device --setup --channel fr`` makes; the participant
  is the stand-in platform client (tests/rig/platformclient.py), playing into
  ``rsi-floor`` and recording ``rsi-fr-mic``.

Tone bursts with sharp onsets (:func:`tests.rig.janus.tone_bursts`, 100 ms
each, one every :data:`PERIOD_S`) are timed from the moment the 20 ms packet
holding the onset leaves (when its second 10 ms block is given to the
platform client, or to the interpreter's encoder) to the moment the onset
arrives (:func:`tests.rig.janus.delays_ms`), before any jitter buffer of the
listener's. In one run, three measurements:

- the platform alone: a participant to another, no gateway on the path
  (``janus``: in the floor room; ``mumble``: in the Floor channel;
  ``device``: the stand-in playing into ``rsi-floor`` and recording its
  monitor, the null-sink loop);
- platform -> hub: the same bursts, heard at the same time by a raw
  listener of the hub's floor (:class:`~tests.rig.gatewaykit.HubEar`);
- hub -> platform: a raw interpreter on air on fr (10 ms Opus, paced by the
  clock) to a participant in the fr place.

Each kind prints one JSON line. The added delay platform -> hub is taken
burst by burst against the platform alone (both heard the same burst at the
same time); hub -> platform, each burst against the platform alone's median
(the two cannot hear the same burst), so it is no finer than the platform's
own spread (``alone_spread_ms``). Goal: at most 30 ms at the median.

Run ``python -m bench.gateway_delay [--kind KIND ...] [--quick] [--bursts N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt

from audio.devicegateway import setup
from audio.devicegateway.setup import channel_mic, channel_sink
from audio.devicegateway.side import FLOOR_DEVICE
from audio.format import BLOCK, SAMPLE_RATE
from bench.machine import wait_until_quiet
from channels import meeting_file
from channels.platforms.janus import JanusClient, JoinSettings
from tests.rig.engineport import OpusTone
from tests.rig.gatewaykit import Bridge, HubEar
from tests.rig.hubprocess import start_hub
from tests.rig.janus import Blocks, RoomConfig, delays_ms, play, start_janus, tone_bursts
from tests.rig.meetings import COUNCIL
from tests.rig.mumble import Ear, MumbleServer, Participants, add_channels, mumble_server, speak
from tests.rig.platformclient import run_platform_client
from tests.rig.pulse import PulseServer
from tests.rig.wsclient import WsClient

NAME: Final = "gateway_delay"
KINDS: Final = ("janus", "mumble", "device")
GOAL_MS: Final = 30.0
QUIET_PERCENT: Final = 30.0
"""Before the platform, the hub and the gateway start, wait until the machine is busy less than
this (% of a core): the gateway's jitter buffer learns a loaded machine's jitter and keeps it."""
BURST_S: Final = 0.1
PERIOD_S: Final = 0.5
"""One burst every half second: a delay longer than that would be read as a shorter one (the
onset searched after a burst was given would be the previous one's), and a loaded machine
has been seen to take 350 ms hub -> platform."""
SETTLE_S: Final = 0.3
"""After the last burst: time for it to arrive everywhere."""
F32 = npt.NDArray[np.float32]
Say = Callable[[F32], Awaitable[list[float]]]
"""The interpreter says a signal on fr in real time: when each block was given."""


def log(text: str) -> None:
    print(f"{NAME}: {text}", file=sys.stderr, flush=True)


class Given:
    """A :class:`OpusTone` source that plays ``signal`` once and notes when it gave each block."""

    def __init__(self, signal: F32) -> None:
        self._signal = signal
        self.at: list[float] = []

    def __call__(self, frames: int) -> F32:
        k = len(self.at)
        self.at.append(time.monotonic())
        block = self._signal[k * frames : (k + 1) * frames]
        return np.pad(block, (0, frames - len(block)))

    @property
    def done(self) -> bool:
        return len(self.at) * BLOCK >= len(self._signal)


class Platform(Protocol):
    """One kind's platform, running, with its participants."""

    alone: str
    """How the platform's own delay is measured, for the line."""

    def gateway_args(self) -> tuple[str, ...]:
        """The kind's options and ``--channel fr=PLACE`` for ``rsi-gateway KIND``."""
        ...

    async def floor(
        self, ear: HubEar, signal: F32, starts: list[int]
    ) -> tuple[list[float], list[float]]:
        """A participant says ``signal`` in the floor: (the platform alone's delays, the hub's)."""
        ...

    async def fr(self, say: Say, signal: F32, starts: list[int]) -> list[float]:
        """A participant in the fr place hears the interpreter ``say`` it: the delays."""
        ...


# -- Janus -------------------------------------------------------------------------------

FLOOR_ROOM: Final = 1001
FR_ROOM: Final = 1002
LISTEN: Final = JoinSettings(display="listener", muted=True)


def _unheard(block: F32, arrival: float) -> None:
    """A speaker's room: what it hears is not measured."""


@dataclass
class JanusPlatform:
    url: str
    alone: str = "a plain RTP participant to another in the floor room (prebuffer 2)"

    def gateway_args(self) -> tuple[str, ...]:
        return ("--janus", self.url, "--room", str(FLOOR_ROOM), "--channel", f"fr={FR_ROOM}")

    async def floor(
        self, ear: HubEar, signal: F32, starts: list[int]
    ) -> tuple[list[float], list[float]]:
        beside = Blocks()
        async with (
            await JanusClient.connect(self.url) as listening,
            await JanusClient.connect(self.url) as speaking,
        ):
            await listening.join(FLOOR_ROOM, beside, LISTEN)
            speaker = await speaking.join(FLOOR_ROOM, _unheard)
            given = await play(speaker, signal)
            await asyncio.sleep(SETTLE_S)
        return delays_ms(given, starts, beside), delays_ms(given, starts, ear)

    async def fr(self, say: Say, signal: F32, starts: list[int]) -> list[float]:
        heard = Blocks()
        async with await JanusClient.connect(self.url) as listening:
            await listening.join(FR_ROOM, heard, LISTEN)
            given = await say(signal)
        return delays_ms(given, starts, heard)


@contextlib.asynccontextmanager
async def janus_platform(folder: Path) -> AsyncIterator[JanusPlatform]:
    janus = await start_janus(folder / "janus", (RoomConfig(FLOOR_ROOM), RoomConfig(FR_ROOM)))
    try:
        yield JanusPlatform(janus.url)
    finally:
        await janus.stop()


# -- Mumble ------------------------------------------------------------------------------

FLOOR_CHANNEL: Final = "Floor"
FR_CHANNEL: Final = "Français"


@dataclass
class MumblePlatform:
    server: MumbleServer
    people: Participants
    alone: str = "a Mumble user to another in the Floor channel, through murmurd"

    def gateway_args(self) -> tuple[str, ...]:
        server = self.server
        return (
            "--server", f"{server.host}:{server.port}", "--password", server.password,
            "--mumble-fingerprint", server.fingerprint, "--mumble-channel", FLOOR_CHANNEL,
            "--channel", f"fr={FR_CHANNEL}",
        )  # fmt: skip

    async def floor(
        self, ear: HubEar, signal: F32, starts: list[int]
    ) -> tuple[list[float], list[float]]:
        beside = Ear()
        await self.people.join("listener", FLOOR_CHANNEL, on_voice=beside)
        speaker = await self.people.join("speaker", FLOOR_CHANNEL)
        sent = await speak(speaker, signal)
        await asyncio.sleep(SETTLE_S)
        # speak() notes when each packet went, by its first block; delays_ms times an
        # onset from its packet's departure
        frames = speaker.frame_ms // 10
        given = [sent[k // frames * frames] for k in range(len(signal) // BLOCK)]
        return delays_ms(given, starts, beside), delays_ms(given, starts, ear)

    async def fr(self, say: Say, signal: F32, starts: list[int]) -> list[float]:
        heard = Ear()
        await self.people.join("fr-listener", FR_CHANNEL, on_voice=heard)
        return delays_ms(await say(signal), starts, heard)


@contextlib.asynccontextmanager
async def mumble_platform(folder: Path) -> AsyncIterator[MumblePlatform]:
    with mumble_server() as server:
        await add_channels(server, [FLOOR_CHANNEL, FR_CHANNEL])
        people = Participants(server)
        try:
            yield MumblePlatform(server, people)
        finally:
            await people.close()


# -- virtual devices ---------------------------------------------------------------------

DEVICE_LEAD_S: Final = 2.0
"""Silence before the first burst: the stand-in's first callbacks may come 2 s after its
start (a new null sink), and bursts it played before it recorded are not counted."""
RECORDED_AFTER_S: Final = 0.3
"""A burst counts once the stand-in has recorded this long (its stream has settled)."""


@dataclass
class Recording:
    """The stand-in's recording as a listener's frames: each block at its callback's time."""

    got: list[tuple[float, F32]]

    @classmethod
    def load(cls, path: Path, times: list[float]) -> Recording:
        samples: F32 = np.load(path)
        return cls([(at, samples[k * BLOCK : (k + 1) * BLOCK]) for k, at in enumerate(times)])


@dataclass
class DevicePlatform:
    folder: Path
    alone: str = (
        "the stand-in platform client playing into the null sink rsi-floor and recording its "
        "monitor (the null-sink loop), 100 ms PortAudio latency each way"
    )

    def gateway_args(self) -> tuple[str, ...]:
        return ("--floor-from", FLOOR_DEVICE, "--channel", f"fr={channel_sink('fr')}")

    async def stand_in(self, play: F32, microphone: str, seconds: float) -> dict[str, list[float]]:
        np.save(self.folder / "play.npy", play)
        return await asyncio.to_thread(
            run_platform_client, speaker=FLOOR_DEVICE, microphone=microphone,
            play=self.folder / "play.npy", record=self.folder / "heard.npy", seconds=seconds,
        )  # fmt: skip

    def recorded(self, times: dict[str, list[float]]) -> Recording:
        return Recording.load(self.folder / "heard.npy", times["recorded"])

    async def floor(
        self, ear: HubEar, signal: F32, starts: list[int]
    ) -> tuple[list[float], list[float]]:
        signal, starts = later(signal, starts)
        seconds = len(signal) / SAMPLE_RATE + DEVICE_LEAD_S
        times = await self.stand_in(signal, f"{FLOOR_DEVICE}.monitor", seconds)
        given = times["played"]
        kept = counted(starts, given, times["recorded"][0] + RECORDED_AFTER_S)
        return delays_ms(given, kept, self.recorded(times)), delays_ms(given, kept, ear)

    async def fr(self, say: Say, signal: F32, starts: list[int]) -> list[float]:
        signal, starts = later(signal, starts)
        seconds = len(signal) / SAMPLE_RATE + 2 * DEVICE_LEAD_S
        listening = asyncio.ensure_future(
            self.stand_in(np.zeros(BLOCK, np.float32), channel_mic("fr"), seconds)
        )
        given = await say(signal)
        times = await listening
        kept = counted(starts, given, times["recorded"][0] + RECORDED_AFTER_S)
        return delays_ms(given, kept, self.recorded(times))


def later(signal: F32, starts: list[int]) -> tuple[F32, list[int]]:
    """``signal`` after :data:`DEVICE_LEAD_S` of silence."""
    lead = round(DEVICE_LEAD_S * SAMPLE_RATE)
    return np.concatenate([np.zeros(lead, np.float32), signal]), [s + lead for s in starts]


def counted(starts: list[int], given: Sequence[float], since: float) -> list[int]:
    """The bursts given at or after ``since``."""
    return [s for s in starts if given[s // BLOCK] >= since]


@contextlib.asynccontextmanager
async def device_platform(folder: Path) -> AsyncIterator[DevicePlatform]:
    (folder / "pulse").mkdir()
    server = PulseServer(folder / "pulse")
    saved = {name: os.environ.get(name) for name in server.env}
    os.environ.update(server.env)  # for pactl, the gateway and the stand-in
    try:
        server.start()
        await asyncio.to_thread(setup, ["fr"])
        yield DevicePlatform(folder)
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


PLATFORMS: Final[dict[str, Callable[[Path], contextlib.AbstractAsyncContextManager[Platform]]]] = {
    "janus": janus_platform,
    "mumble": mumble_platform,
    "device": device_platform,
}


# -- the run -----------------------------------------------------------------------------


def percentiles(prefix: str, delays: Sequence[float]) -> dict[str, float]:
    return {
        f"{prefix}_p50_ms": round(float(np.percentile(delays, 50)), 1),
        f"{prefix}_p99_ms": round(float(np.percentile(delays, 99)), 1),
    }


def bursts_of(count: int) -> tuple[F32, list[int]]:
    return tone_bursts(count, BURST_S, PERIOD_S - BURST_S)


def on_air_on_fr(state: dict[str, Any]) -> bool:
    return any(c["id"] == "fr" and c["on_air"] is not None for c in state["meeting"]["channels"])


async def say_on_fr(interpreter: WsClient, signal: F32) -> list[float]:
    source = Given(signal)
    sender = OpusTone(interpreter, source).start()
    while not source.done:
        await asyncio.sleep(0.05)
    await asyncio.sleep(SETTLE_S)
    await sender.stop()
    return source.at


GATEWAY_FIGURES: Final = ("buffer_ms", "jitter_ms", "floor_missing_blocks", "floor_dropped_blocks")
SIDE_FIGURES: Final = ("underruns", "lost_at_playout", "late_at_playout", "caught_up", "shortened")
"""The Mumble floor mixer's glitches (channels/platforms/mumble/floor.py), and its inaudible
shortenings: what a quicker playout could cost in sound."""


async def run(kind: str, bursts: int, folder: Path) -> dict[str, Any]:
    """One kind's line."""
    meeting_path = folder / "council.toml"
    meeting_path.write_text(COUNCIL, encoding="utf-8")
    async with PLATFORMS[kind](folder) as platform:
        bridge = Bridge(
            hub=await start_hub(meeting_path),
            meeting=meeting_file.load(meeting_path),
            kind=kind,
            args=platform.gateway_args(),
        )
        try:
            gateway = await bridge.start_gateway()
            log(f"{kind}: platform -> hub, and the platform alone beside it: {bursts} bursts")
            ear = await HubEar.join(bridge.hub.url, bridge.token("ear", "listener"), "floor")
            alone, to_hub = await platform.floor(ear, *bursts_of(bursts))
            await ear.close()
            log(f"{kind}: hub -> platform")
            interpreter = await WsClient.join(
                bridge.hub.url, bridge.token("fr1", "interpreter", "fr")
            )
            await interpreter.send({"type": "mic", "on": True, "channel": "fr"})
            await interpreter.expect("state", on_air_on_fr, timeout=5.0)
            to_platform = await platform.fr(
                lambda signal: say_on_fr(interpreter, signal), *bursts_of(bursts)
            )
            await interpreter.ws.close()
            code, figures, _ = await gateway.finish(interrupt=True)
            bridge.gateway = None
        finally:
            await bridge.stop()
    alone_p50 = float(np.percentile(alone, 50))
    added_to_hub = [h - a for h, a in zip(to_hub, alone, strict=True)]
    added_to_platform = [d - alone_p50 for d in to_platform]
    meets = [float(np.percentile(x, 50)) <= GOAL_MS for x in (added_to_hub, added_to_platform)]
    return {
        "bench": NAME,
        "kind": kind,
        "alone": platform.alone,
        "alone_bursts": len(alone),
        **percentiles("alone", alone),
        "alone_spread_ms": round(float(np.percentile(alone, 99) - np.percentile(alone, 1)), 1),
        "to_hub_bursts": len(to_hub),
        **percentiles("to_hub", to_hub),
        **percentiles("to_hub_added", added_to_hub),
        "to_hub_added_against": "the platform alone, burst by burst (the same bursts)",
        "to_platform_bursts": len(to_platform),
        **percentiles("to_platform", to_platform),
        **percentiles("to_platform_added", added_to_platform),
        "to_platform_added_against": "the platform alone's median (no finer than its spread)",
        "burst_period_ms": round(PERIOD_S * 1e3),
        "goal_ms": GOAL_MS,
        "meets_goal": all(meets),
        "gateway_exit": code,
        **{f"gateway_{name}": figures[name] for name in GATEWAY_FIGURES if name in figures},
        **{
            f"side_{name}": figures["side"][name]
            for name in SIDE_FIGURES
            if name in figures["side"]
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench.{NAME}", description=__doc__)
    parser.add_argument(
        "--kind", action="append", choices=KINDS, help="a gateway kind (default: each in turn)"
    )
    parser.add_argument("--quick", action="store_true", help="5 bursts each way")
    parser.add_argument("--bursts", type=int, default=20, help="bursts each way (default 20)")
    parser.add_argument(
        "--quiet-wait", type=float, default=60.0, help="seconds to wait for an idle machine"
    )
    args = parser.parse_args(argv)
    status = 0
    for kind in args.kind or KINDS:
        busy = wait_until_quiet(args.quiet_wait, QUIET_PERCENT, log)
        load = os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix="gateway-delay-") as folder:
            try:
                out = asyncio.run(run(kind, 5 if args.quick else args.bursts, Path(folder)))
            except AssertionError as exc:  # a burst lost (an overloaded machine): the next kind
                out, status = {"bench": NAME, "kind": kind, "error": str(exc)}, 1
        out |= {
            "machine_busy_percent_before": round(busy, 1),
            "load_average_1min": round(load, 2),
            "load_average_1min_after": round(os.getloadavg()[0], 2),
        }
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""gateway_delay: the delay ``rsi-gateway janus`` adds each way, beside Janus's own.

Set-up: Debian's ``janus`` with two AudioBridge rooms at 48 kHz and
prebuffer 2 (tests/rig/janus.py), ``rsi-hub serve`` with the council meeting
(floor, en, fr) and ``rsi-gateway janus`` between them (floor room -> floor,
fr -> fr room), each in a process of its own. Tone bursts with sharp onsets
(tests/rig/janus.py, :func:`~tests.rig.janus.tone_bursts`) are timed from the
moment each block is given to the moment its onset arrives
(:func:`~tests.rig.janus.delays_ms`), before any jitter buffer of the
listener's. Three lines:

- ``janus_alone``: a plain RTP participant to another in one room, no gateway:
  the platform's own delay.
- ``platform_to_hub``: a participant in the floor room to a raw listener of
  the hub's floor (:class:`~tests.rig.gatewaykit.HubEar`): Janus, the gateway,
  the hub.
- ``hub_to_platform``: a raw interpreter on air on fr (10 ms Opus, paced by
  the clock) to a participant in the fr room: the hub, the gateway (its
  jitter buffer included), Janus.

``added_p50_ms``, ``added_p99_ms``: what the gateway (and the hub's
forwarding, about a millisecond on loopback) adds, goal 30 ms at the median.
For ``platform_to_hub``, burst by burst: the hub's floor against a plain
participant beside the gateway in the floor room, who hears each burst from
the same mixer tick. For ``hub_to_platform``, each burst against
``janus_alone``'s median: Janus's delay depends on where a participant's
packets fall against its 20 ms mixer tick (60 to 90 ms here), so this one
is good to about 10 ms either way.

Run ``python -m bench.gateway_delay [--quick] [--bursts N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK
from channels import meeting_file, tokens
from channels.platforms.janus import JanusClient, JoinSettings
from tests.rig.engineport import OpusTone
from tests.rig.gatewaykit import HubEar
from tests.rig.hubprocess import BotProcess, start_hub
from tests.rig.janus import Blocks, RoomConfig, delays_ms, play, start_janus, tone_bursts
from tests.rig.meetings import COUNCIL
from tests.rig.wsclient import WsClient

NAME: Final = "gateway_delay"
GOAL_MS: Final = 30.0
FLOOR_ROOM: Final = 1001
FR_ROOM: Final = 1002
LISTEN: Final = JoinSettings(display="listener", muted=True)
F32 = npt.NDArray[np.float32]


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


def line(path: str, delays: list[float], added: list[float]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "bench": NAME,
        "path": path,
        "bursts": len(delays),
        "p50_ms": round(float(np.percentile(delays, 50)), 1),
        "p99_ms": round(float(np.percentile(delays, 99)), 1),
        "max_ms": round(max(delays), 1),
    }
    if added:
        p50 = float(np.percentile(added, 50))
        out |= {
            "added_p50_ms": round(p50, 1),
            "added_p99_ms": round(float(np.percentile(added, 99)), 1),
            "goal_ms": GOAL_MS,
            "meets_goal": p50 <= GOAL_MS,
        }
    return out


async def janus_alone(url: str, bursts: int) -> list[float]:
    heard = Blocks()
    signal, starts = tone_bursts(bursts)
    async with (
        await JanusClient.connect(url) as listening,
        await JanusClient.connect(url) as speaking,
    ):
        await listening.join(FLOOR_ROOM, heard, LISTEN)
        speaker = await speaking.join(FLOOR_ROOM, _unheard)
        given = await play(speaker, signal)
        await asyncio.sleep(0.3)
    return delays_ms(given, starts, heard)


async def platform_to_hub(url: str, ear: HubEar, bursts: int) -> tuple[list[float], list[float]]:
    """The hub's floor, and a plain participant beside the gateway in the floor room."""
    beside = Blocks()
    signal, starts = tone_bursts(bursts)
    async with (
        await JanusClient.connect(url) as listening,
        await JanusClient.connect(url) as speaking,
    ):
        await listening.join(FLOOR_ROOM, beside, LISTEN)
        speaker = await speaking.join(FLOOR_ROOM, _unheard)
        given = await play(speaker, signal)
        await asyncio.sleep(0.3)
    return delays_ms(given, starts, ear), delays_ms(given, starts, beside)


async def hub_to_platform(url: str, interpreter: WsClient, bursts: int) -> list[float]:
    heard = Blocks()
    signal, starts = tone_bursts(bursts)
    async with await JanusClient.connect(url) as listening:
        await listening.join(FR_ROOM, heard, LISTEN)
        source = Given(signal)
        sender = OpusTone(interpreter, source).start()
        while not source.done:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
        await sender.stop()
    return delays_ms(source.at, starts, heard)


def on_air_on_fr(state: dict[str, Any]) -> bool:
    return any(c["id"] == "fr" and c["on_air"] is not None for c in state["meeting"]["channels"])


def _unheard(block: F32, arrival: float) -> None:
    """A speaker's room: what it hears is not measured."""


async def run(bursts: int, folder: Path) -> list[dict[str, Any]]:
    janus = await start_janus(folder / "janus", (RoomConfig(FLOOR_ROOM), RoomConfig(FR_ROOM)))
    meeting_path = folder / "council.toml"
    meeting_path.write_text(COUNCIL, encoding="utf-8")
    meeting = meeting_file.load(meeting_path)

    def token(sub: str, role: str, booth: str | None = None) -> str:
        return tokens.issue(meeting, sub=sub, name=sub.title(), role=role, booth=booth)

    hub = await start_hub(meeting_path)
    gateway: BotProcess | None = None
    lines: list[dict[str, Any]] = []
    try:
        log(f"janus alone, {bursts} bursts")
        alone = await janus_alone(janus.url, bursts)
        lines.append(line("janus_alone", alone, []))
        alone_p50 = float(np.percentile(alone, 50))
        gateway = await BotProcess.gateway(
            "janus", hub.url, token("gw", "gateway"),
            "--janus", janus.url, "--room", str(FLOOR_ROOM), "--channel", f"fr={FR_ROOM}",
        )  # fmt: skip
        log("platform -> hub")
        ear = await HubEar.join(hub.url, token("ear", "listener"), "floor")
        hub_heard, janus_heard = await platform_to_hub(janus.url, ear, bursts)
        added = [h - j for h, j in zip(hub_heard, janus_heard, strict=True)]
        lines.append(line("platform_to_hub", hub_heard, added))
        await ear.close()
        log("hub -> platform")
        interpreter = await WsClient.join(hub.url, token("fr1", "interpreter", "fr"))
        await interpreter.send({"type": "mic", "on": True, "channel": "fr"})
        await interpreter.expect("state", on_air_on_fr, timeout=5.0)
        delays = await hub_to_platform(janus.url, interpreter, bursts)
        lines.append(line("hub_to_platform", delays, [d - alone_p50 for d in delays]))
        await interpreter.ws.close()
        code, figures, _ = await gateway.finish(interrupt=True)
        for out in lines[1:]:
            out["gateway_exit"] = code
            out["gateway_floor_missing_blocks"] = figures.get("floor_missing_blocks")
            out["gateway_floor_dropped_blocks"] = figures.get("floor_dropped_blocks")
            out["gateway_buffer_ms"] = figures.get("buffer_ms")
            out["gateway_jitter_ms"] = figures.get("jitter_ms")
        gateway = None
    finally:
        if gateway is not None:
            gateway.kill()
            await gateway.process.wait()
        hub.stop()
        await janus.stop()
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench.{NAME}", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 bursts each way")
    parser.add_argument("--bursts", type=int, default=20, help="bursts per line (default 20)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gateway-delay-") as folder:
        lines = asyncio.run(run(5 if args.quick else args.bursts, Path(folder)))
    for out in lines:
        print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

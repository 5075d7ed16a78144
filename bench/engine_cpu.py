"""engine_cpu: what the audio engine costs on air, and the delay of its whole chain.

The hub runs in a process of its own (:mod:`tests.rig.hubserver`). In this
process: raw rsi.v1 clients that send real Opus (10 ms packets, 64 kb/s), a
clocked duplex port on a thread of its own (:class:`tests.rig.engineport.ClockedPort`,
standing in for a sound card), and one :class:`audio.engine.Engine`. Two lines:

- ``on_air_two_inputs``: the engine is an interpreter on air on ``fr``
  (capture: a tone with noise), hearing two inputs, the floor in the left
  ear and the ``en`` booth (relay) in the right, both sent by raw clients.
  ``engine_cpu_percent`` is the engine thread's CPU time (``time.thread_time``
  read inside the thread, :attr:`audio.commands.TimingMetrics.cpu_s`) over the
  window, in % of one core; the goal is 10 %. ``wakeups_per_s`` counts the
  engine loop's media wake-ups; ``empty_wake_cpu_us`` is what one wake-up
  that does nothing costs a thread on this machine (measured after the run,
  on the same kind of loop, at the same rate) and ``empty_wakes_cpu_percent``
  that cost at the engine's rate: the part of the figure that is the
  machine's price of waking, not the engine's work; ``wake_cpu_us_p50``/``p99`` the engine
  thread's CPU time of single media wake-ups (each makes or takes a block,
  or both: :class:`WakeTimer`), ``media_cpu_us_per_block`` their sum per
  10 ms block played (capture, mic meter, Opus, mix, protection, meters),
  ``cpu_us_per_block`` all of the engine thread's CPU time (network and
  events included) per block;
  ``playback_underruns`` and ``capture_overruns`` are the port's (0 expected).
- ``own_voice_latency``: the engine speaks on ``en`` and listens to ``en``, its own
  booth's output: on air, that is its own voice from the local path (issue 15, item 5:
  never the hub's copy), capture -> microphone re-blocking -> mix -> protection ->
  playback on one port clock. The capture carries a click every 250 ms; each click's
  delay is the distance between its onset in the capture and in the playback, plus one
  block (a capture block is handed over when its last sample is in, a playback block
  starts playing when it is taken): device latency excluded. Until 2026-12-07 this line
  was ``loopback_latency`` and was read as the network chain's delay, which it has not
  been since the own voice came from the local path; that delay is
  :mod:`bench.pipeline_latency`'s.

Run ``python -m bench.engine_cpu [--quick] [--seconds S] [--frame-ms 10|20]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
import threading
import time
from typing import Any

import numpy as np
import numpy.typing as npt

from audio.commands import Connect, Metrics, Mic, SetEar, SetInput, Welcomed
from audio.engine import Engine, EngineConfig
from audio.format import BLOCK, SAMPLE_RATE
from audio.outbox import EventQueue
from bench.machine import CLK_TCK, cpu_seconds, machine_ticks, wait_until_quiet
from channels.meeting import simple_meeting
from channels.tokens import issue
from tests.rig.engineport import ClockedPort, OpusTone, Tone
from tests.rig.hubprocess import HubProcess
from tests.rig.wsclient import WsClient, token

NAME = "engine_cpu"
CLICK_EVERY_S = 0.25
CLICK_DBFS = -30.0
MEETING = simple_meeting()
QUIET_PERCENT = 25.0
"""Before measuring, wait until the machine is busy less than this (% of a core)."""


def log(text: str) -> None:
    print(f"{NAME}: {text}", file=sys.stderr, flush=True)


class VoiceLike:
    """A capture source: a 220 Hz tone with harmonics and a little noise, at about -24 dBFS."""

    def __init__(self, seed: int) -> None:
        self._rng = np.random.default_rng(seed)
        self._n = 0

    def __call__(self, frames: int) -> npt.NDArray[np.float32]:
        phase = 2 * np.pi * 220.0 * (self._n + np.arange(frames)) / SAMPLE_RATE
        self._n += frames
        x = 0.05 * np.sin(phase) + 0.02 * np.sin(3 * phase)
        return (x + 0.003 * self._rng.standard_normal(frames)).astype(np.float32)


class Clicks:
    """A capture source: silence with a 2 ms burst of 3 kHz every CLICK_EVERY_S.

    Each click starts on a block boundary, at a multiple of CLICK_EVERY_S of the port clock.
    """

    def __init__(self) -> None:
        self._n = 0

    def __call__(self, frames: int) -> npt.NDArray[np.float32]:
        out = np.zeros(frames, dtype=np.float32)
        if self._n % round(CLICK_EVERY_S * SAMPLE_RATE) == 0:
            n = SAMPLE_RATE // 500
            t = np.arange(n) / SAMPLE_RATE
            out[:n] = 10 ** (CLICK_DBFS / 20) * np.sin(2 * np.pi * 3000.0 * t)
        self._n += frames
        return out


async def on_air(url: str, sub: str, role: str, booth: str | None, channel: str) -> OpusTone:
    """A raw client on air on ``channel``, sending a tone of its own as 10 ms Opus RTP."""
    client = await WsClient.join(url, token(MEETING, sub, role, booth))
    await client.send({"type": "mic", "on": True, "channel": channel})
    return OpusTone(client, Tone(300.0 + 200.0 * len(sub))).start()


class WakeTimer:
    """Thread CPU time of each media wake-up of a running engine (its loop's ``_tick``).

    Per-wake figures rather than a total: a real-time thread is sized by its
    worst wake-ups. Thread CPU time, not wall time, so that other processes
    competing for the cores do not count.
    """

    def __init__(self, engine: Engine) -> None:
        core = engine._core
        if core is None:
            raise RuntimeError("the engine is not running")
        self._inner = core._tick
        self.ns: list[int] = []
        setattr(core, "_tick", self)  # noqa: B010 (the loop schedules core._tick by name)

    def __call__(self) -> None:
        start = time.thread_time_ns()
        self._inner()
        self.ns.append(time.thread_time_ns() - start)

    def figures(self, first: int, blocks: int) -> dict[str, float]:
        """Per wake-up (median, p99) and per block, of the wake-ups from ``first`` on."""
        window = sorted(self.ns[first:])
        if not window:
            return {}
        p99 = window[min(len(window) - 1, len(window) * 99 // 100)]
        return {
            "wake_cpu_us_p50": round(window[len(window) // 2] / 1000, 1),
            "wake_cpu_us_p99": round(p99 / 1000, 1),
            "media_cpu_us_per_block": round(sum(window) / 1000 / max(1, blocks), 1),
        }


def empty_wake_cpu_us(rate_hz: float = 200.0, seconds: float = 2.0) -> float:
    """Thread CPU time of one wake-up that does nothing, on the engine's kind of loop.

    What this machine charges a thread for waking (timer, scheduler; on a
    virtual machine also the hypervisor's part) before the engine does any
    work: the unit for comparing ``engine_cpu_percent`` across machines.
    """
    result: list[float] = []

    def run() -> None:
        loop = asyncio.new_event_loop()
        wakes = 0
        period = 1.0 / rate_hz

        def wake() -> None:
            nonlocal wakes
            wakes += 1
            if wakes < rate_hz * seconds:
                loop.call_later(period, wake)
            else:
                loop.stop()

        start = time.thread_time()
        loop.call_later(period, wake)
        loop.run_forever()
        result.append((time.thread_time() - start) / wakes * 1e6)
        loop.close()

    thread = threading.Thread(target=run, name="bench-empty-wake")
    thread.start()
    thread.join()
    return result[0]


async def wait_for(queue: EventQueue, kind: type, timeout: float = 5.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = queue.take(kind)
        if found is not None:
            return found
        await asyncio.sleep(0.01)
    raise RuntimeError(f"no {kind.__name__} within {timeout} s")


async def latest_metrics(engine: Engine) -> Metrics:
    for _ in range(100):
        if engine.latest_metrics is not None:
            return engine.latest_metrics
        await asyncio.sleep(0.01)
    raise RuntimeError("the engine sends no metrics")


class Load:
    """How busy the rest of the machine was during a window (other work skews the figures)."""

    def __init__(self, hub_pid: int) -> None:
        self.hub_pid = hub_pid
        self.start = (time.monotonic(), machine_ticks()[0], self._ours())

    def _ours(self) -> float:
        return cpu_seconds(os.getpid()) + cpu_seconds(self.hub_pid)

    def figures(self) -> dict[str, float]:
        wall0, busy0, ours0 = self.start
        wall = time.monotonic() - wall0
        machine = 100 * (machine_ticks()[0] - busy0) / CLK_TCK / wall
        ours = 100 * (self._ours() - ours0) / wall
        return {
            "machine_cpu_percent": round(machine, 1),
            "bench_cpu_percent": round(ours, 1),
            "other_cpu_percent": round(max(0.0, machine - ours), 1),
        }


async def on_air_two_inputs(
    url: str, hub_pid: int, seconds: float, frame_ms: int
) -> dict[str, Any]:
    senders = [
        await on_air(url, "chair", "floor", None, "floor"),
        await on_air(url, "en1", "interpreter", "en", "en"),
    ]
    port = ClockedPort(VoiceLike(1), record_s=0.0)
    engine = Engine(port, EngineConfig(frame_ms=frame_ms))  # type: ignore[arg-type]
    queue = EventQueue()
    engine.subscribe(queue)
    engine.start()
    wakes = WakeTimer(engine)
    try:
        engine.submit(Connect(url, issue(MEETING, sub="fr1", name="fr1", role="interpreter",
                                         booth="fr")))  # fmt: skip
        await wait_for(queue, Welcomed)
        for command in (
            SetInput(0, "floor"),
            SetEar(0, "left"),
            SetInput(1, "en"),
            SetEar(1, "right"),
            Mic(True, "fr"),
        ):
            engine.submit(command)
        await asyncio.sleep(2.0)  # warm-up: buffers learn, caches fill
        first = await latest_metrics(engine)
        first_wake = len(wakes.ns)
        load = Load(hub_pid)
        await asyncio.sleep(seconds)
        last = await latest_metrics(engine)
        wake_figures = wakes.figures(
            first_wake, last.timing.blocks_played - first.timing.blocks_played
        )
        machine = load.figures()
    finally:
        engine.stop()
        for sender in senders:
            await sender.stop()
            await sender.client.close()
    span = last.at - first.at
    wakeups_per_s = (last.timing.wakeups - first.timing.wakeups) / span
    empty_wake_us = empty_wake_cpu_us(rate_hz=wakeups_per_s)
    return {
        "bench": NAME,
        "case": "on_air_two_inputs",
        "frame_ms": frame_ms,
        "seconds": round(span, 2),
        "engine_cpu_percent": round(100 * (last.timing.cpu_s - first.timing.cpu_s) / span, 2),
        "meets_goal": 100 * (last.timing.cpu_s - first.timing.cpu_s) / span <= 10.0,
        "wakeups_per_s": round(wakeups_per_s, 1),
        "empty_wake_cpu_us": round(empty_wake_us, 1),
        "empty_wakes_cpu_percent": round(wakeups_per_s * empty_wake_us / 1e4, 2),
        **wake_figures,
        "cpu_us_per_block": round(
            1e6
            * (last.timing.cpu_s - first.timing.cpu_s)
            / max(1, last.timing.blocks_played - first.timing.blocks_played),
            1,
        ),
        "playback_underruns": last.timing.playback_underruns - first.timing.playback_underruns,
        "capture_overruns": last.timing.capture_overruns - first.timing.capture_overruns,
        "blocks_played": last.timing.blocks_played - first.timing.blocks_played,
        "lead_ms": round(last.timing.lead_ms, 2),
        "packets_in": last.link.media_in - first.link.media_in,
        "packets_out": last.link.media_out - first.link.media_out,
        "packets_dropped": last.link.media_dropped - first.link.media_dropped,
        "inputs_heard": [i.channel for i in last.inputs],
        "mic_sending": last.mic.sending,
        **machine,
    }


def onsets(x: npt.NDArray[np.float32], threshold: float, quiet: int) -> list[int]:
    """Sample indices where |x| first exceeds ``threshold`` after ``quiet`` samples below it."""
    loud = np.flatnonzero(np.abs(x) > threshold)
    out: list[int] = []
    last = -quiet - 1
    for i in loud:
        if i - last > quiet:
            out.append(int(i))
        last = int(i)
    return out


async def own_voice_latency(url: str, seconds: float, frame_ms: int) -> dict[str, Any]:
    port = ClockedPort(Clicks(), record_s=seconds + 4.0)
    engine = Engine(port, EngineConfig(frame_ms=frame_ms))  # type: ignore[arg-type]
    queue = EventQueue()
    engine.subscribe(queue)
    engine.start()
    try:
        engine.submit(Connect(url, issue(MEETING, sub="en9", name="en9", role="interpreter",
                                         booth="en")))  # fmt: skip
        await wait_for(queue, Welcomed)
        engine.submit(Mic(True, "en"))
        engine.submit(SetInput(0, "en"))
        await asyncio.sleep(1.5)
        start = port.position
        await asyncio.sleep(seconds)
        end = port.position
        metrics = await latest_metrics(engine)
    finally:
        engine.stop()
    played = port.recording(start, end)[:, 0]
    period = round(CLICK_EVERY_S * SAMPLE_RATE)
    threshold = 0.3 * 10 ** (CLICK_DBFS / 20)
    delays = []
    for onset in onsets(played, threshold, period // 2):
        at = start + onset
        sent = (at // period) * period  # clicks start every `period` frames of the port clock
        if at - sent > period // 2:
            continue  # not attributable to one click
        delays.append((at - sent + BLOCK) * 1000 / SAMPLE_RATE)
    delays.sort()
    expected = math.ceil((end - start) / period)

    def pct(share: float) -> float | None:
        if not delays:
            return None
        return round(delays[min(len(delays) - 1, math.floor(share * len(delays)))], 2)

    p50, p99 = pct(0.5), pct(0.99)
    return {
        "bench": NAME,
        "case": "own_voice_latency",
        "frame_ms": frame_ms,
        "clicks": expected,
        "detected": len(delays),
        "latency_ms_p50": p50,
        "latency_ms_p99": p99,
        "latency_ms_max": round(delays[-1], 2) if delays else None,
        "jitter_target_ms": round(metrics.inputs[0].jitter.target_ms, 2)
        if metrics.inputs[0].jitter
        else None,
        "lead_ms": round(metrics.timing.lead_ms, 2),
        "playback_underruns": metrics.timing.playback_underruns,
    }


async def run(seconds: float, frame_ms: int, quiet_wait_s: float) -> list[dict[str, Any]]:
    wait_until_quiet(quiet_wait_s, QUIET_PERCENT, log)
    hub = HubProcess.instrumented()
    url = hub.url
    try:
        log(f"on air with two inputs for {seconds:g} s")
        lines = [await on_air_two_inputs(url, hub.pid, seconds, frame_ms)]
        print(json.dumps(lines[-1]), flush=True)
        log(f"own voice latency for {seconds:g} s")
        lines.append(await own_voice_latency(url, seconds, frame_ms))
        print(json.dumps(lines[-1]), flush=True)
    finally:
        hub.stop()
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench.{NAME}", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3 s windows")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--frame-ms", type=int, choices=(10, 20), default=10)
    parser.add_argument(
        "--quiet-wait", type=float, default=60.0, help="seconds to wait for an idle machine"
    )
    args = parser.parse_args(argv)
    seconds = 3.0 if args.quick else args.seconds
    asyncio.run(run(seconds, args.frame_ms, 5.0 if args.quick else args.quiet_wait))
    return 0


if __name__ == "__main__":
    sys.exit(main())

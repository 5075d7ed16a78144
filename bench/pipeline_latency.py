"""pipeline_latency: mouth-to-ear delay of the software chain, one console to another.

Two engines (:class:`audio.engine.Engine`), each in a process of its own as
two consoles would be (``--one-process``: both in this one, where each
one's wake-ups wait for the other's work), and a real hub in a process of
its own (:mod:`tests.rig.hubserver`) on loopback:

- the *speaking* engine (:class:`Speaker`, in a child process:
  :class:`SpeakerProcess`) is an interpreter on air on ``en``; its port
  (:class:`~tests.rig.engineport.ClockedPort` with :class:`Marks`) injects a
  mark (2 ms of a tone, -30 dBFS) every 100 ms into the capture, at a
  sample offset that varies from mark to mark, and notes the capture
  callback's time (four tones in turn, so a mark found in the playback is
  attributed to its own capture even when over 100 ms late);
- the *listening* engine, in this process, plays ``en`` on its first input;
  its port records the playback and the time of each playback callback.

Both ports are clocked in real time by threads of their own (the sound
card's role), each on its own phase. A mark's sample was captured at
``callback time - (block - offset) / rate`` (the callback hands a block over
when its last sample is in) and leaves at ``callback time + offset / rate``
(a playback block starts when the callback takes it). Their difference is
the pipeline latency: capture ring, mic meter, Opus encode, RTP, websocket,
hub, websocket, jitter buffer, decode, mix, tone, hearing protection
(1 ms lookahead) and the playback ring's lead. ``time.monotonic`` is one
clock for all the processes of the machine. What the sound card adds (its
buffers, PortAudio's ``latency``) is *not* in it; it is printed on a line of
its own when a PulseAudio null sink can be started (:mod:`tests.rig.pulse`),
else that line says it was not measured.

One line per frame size (10 and 20 ms): ``latency_ms_p50``/``p99``/``max``
over the marks of the window (30 s; ``--quick``: 5 s), ``marks_sent`` and
``marks_found``, the parts of the delay the listener knows (medians over the
window of its jitter-buffer target and delay, of the delay less the target, and
of its playback lead; its jitter buffer's events in the window; the fixed parts:
a frame and the two look-aheads), the underruns of both ports.
Goal at 10 ms frames (issue 15): p50 <= 30 ms, p99 <= 45 ms
(:func:`meets_latency_goal`).

Run ``python -m bench.pipeline_latency [--quick] [--seconds S] [--frame-ms 10 20]
[--one-process]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from audio.commands import Connect, Mic, SetInput, Welcomed
from audio.deviceport import DevicePort
from audio.devices import rescan
from audio.engine import Engine, EngineConfig
from audio.format import BLOCK, SAMPLE_RATE
from audio.jitter import JitterStats
from audio.opus import Encoder
from audio.outbox import EventQueue
from audio.protection import LOOKAHEAD_FRAMES
from bench.engine_cpu import MEETING, QUIET_PERCENT, onsets, wait_for
from bench.machine import wait_until_quiet
from channels.tokens import issue
from tests.rig.child import JsonChild, on_commands
from tests.rig.engineport import ClockedPort
from tests.rig.hubprocess import HubProcess
from tests.rig.pulse import PulseServer

NAME = "pipeline_latency"
MARK_EVERY = 10
"""Blocks between marks (100 ms): a mark is attributed to the last one sent before it."""
MARK_DBFS = -30.0
MARK_HZ = (1500.0, 2500.0, 3500.0, 4500.0)
"""Mark ``k`` is a burst at ``MARK_HZ[k % 4]``: a mark is told from its neighbours by its
tone, so one up to 400 ms late is still attributed to the right capture time."""
MARK_SAMPLES = SAMPLE_RATE // 500
_T = np.arange(MARK_SAMPLES) / SAMPLE_RATE
MARKS: npt.NDArray[np.float32] = (
    10 ** (MARK_DBFS / 20) * np.sin(2 * np.pi * np.outer(MARK_HZ, _T))
).astype(np.float32)
_PROBES = np.exp(-2j * np.pi * np.outer(MARK_HZ, _T))
WARM_UP_S = 2.0
SAMPLE_EVERY_S = 0.1
"""How often the listener's parts of the delay are read (its metrics' interval)."""

LATENCY_GOAL_P50_MS = 30.0
LATENCY_GOAL_P99_MS = 45.0
"""Issue 15's goal for the mouth-to-ear delay at 10 ms frames."""


def meets_latency_goal(p50: float | None, p99: float | None) -> bool:
    """Do a delay's median and 99th percentile (ms; None: not measured) meet the goal?"""
    return (
        p50 is not None
        and p99 is not None
        and p50 <= LATENCY_GOAL_P50_MS
        and p99 <= LATENCY_GOAL_P99_MS
    )


def log(text: str) -> None:
    print(f"{NAME}: {text}", file=sys.stderr, flush=True)


class Marks:
    """A capture source (for :class:`ClockedPort`): a mark every MARK_EVERY blocks, timed.

    ``times`` holds the capture time of each mark's first sample: it is
    called at the capture callback, when the block's last sample is in.
    """

    def __init__(self) -> None:
        self.times: list[float] = []
        self._block = np.zeros(BLOCK, dtype=np.float32)
        self._tick = 0

    def __call__(self, frames: int) -> npt.NDArray[np.float32]:
        """The next block (``frames`` is always BLOCK: the port's)."""
        tick, self._tick = self._tick, self._tick + 1
        self._block.fill(0.0)
        if tick % MARK_EVERY == 0:
            offset = (tick // MARK_EVERY * 89) % (BLOCK - MARK_SAMPLES)
            self._block[offset : offset + MARK_SAMPLES] = MARKS[len(self.times) % len(MARK_HZ)]
            self.times.append(time.monotonic() - (BLOCK - offset) / SAMPLE_RATE)
        return self._block


def latencies(
    times: list[float],
    played: npt.NDArray[np.float32],
    block_times: npt.NDArray[np.float64],
    since: float,
    until: float,
) -> list[float]:
    """Delay in ms of each mark captured in [since, until) and found in ``played``.

    ``times``: the marks' capture times (:attr:`Marks.times`); ``played``: the listening
    port's recording (one channel); ``block_times``: when it
    took each of its blocks (:attr:`ClockedPort.block_times`).
    """
    peak = float(np.max(np.abs(played))) if played.size else 0.0
    if peak == 0.0:
        return []
    sent = np.array(times)
    span = len(MARK_HZ) * MARK_EVERY * BLOCK / SAMPLE_RATE
    out = []
    for at in onsets(played, 0.3 * peak, MARK_EVERY * BLOCK // 2):
        burst = played[at : at + MARK_SAMPLES]
        kind = int(np.argmax(np.abs(_PROBES[:, : burst.size] @ burst)))
        leaves = block_times[at // BLOCK] + (at % BLOCK) / SAMPLE_RATE
        i = int(np.searchsorted(sent, leaves)) - 1
        while i >= 0 and i % len(MARK_HZ) != kind:
            i -= 1  # the last mark of this tone sent before it left
        if i >= 0 and since <= sent[i] < until and 0.0 < leaves - sent[i] < span:
            out.append(1000.0 * float(leaves - sent[i]))
    return out


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, math.floor(share * len(ordered)))], 2)


class Speaker:
    """The speaking engine: an interpreter on air on ``en`` whose port injects the marks."""

    def __init__(self, frame_ms: int) -> None:
        self.marks = Marks()
        self.port = ClockedPort(self.marks, record_s=0.0)
        self.engine = Engine(self.port, EngineConfig(frame_ms=frame_ms))  # type: ignore[arg-type]
        self._events = EventQueue()
        self.engine.subscribe(self._events)

    async def start(self, url: str) -> None:
        """Start, join and go on air (then the marks are sent)."""
        self.engine.start()
        self.engine.submit(Connect(url, issue(MEETING, sub="en1", name="en1", role="interpreter",
                                              booth="en")))  # fmt: skip
        await wait_for(self._events, Welcomed)
        self.engine.submit(Mic(True, "en"))

    async def figures(self) -> tuple[list[float], int]:
        """The capture time of every mark so far, and the port's underruns."""
        return list(self.marks.times), len(self.port.gaps)

    async def stop(self) -> None:
        await asyncio.to_thread(self.engine.stop)


class SpeakerProcess:
    """A :class:`Speaker` in a process of its own (:func:`speak`), as a console would be:
    its wake-ups do not wait for the listening engine's. ``time.monotonic`` is one clock
    for all the processes of a machine."""

    def __init__(self, frame_ms: int) -> None:
        command = [sys.executable, "-m", f"bench.{NAME}", "--speak", "--frame-ms", str(frame_ms)]
        self._child = JsonChild(command, what="the speaking engine")

    async def start(self, url: str) -> None:
        await asyncio.to_thread(self._child.command, url, 30.0)

    async def figures(self) -> tuple[list[float], int]:
        answer = await asyncio.to_thread(self._child.command, "figures")
        return answer["marks"], answer["underruns"]

    async def stop(self) -> None:
        await asyncio.to_thread(self._child.stop)


async def speak(frame_ms: int) -> None:
    """``--speak``: a :class:`Speaker` on the hub of the first line of standard input; each
    further line (``figures``) is answered with the marks' times and the underruns so far.
    It stops at the end of its input."""
    speaker = Speaker(frame_ms)
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    done = on_commands(lines.put_nowait)
    done.add_done_callback(lambda _: lines.put_nowait(None))
    try:
        url = await lines.get()
        if url is None:
            return
        await speaker.start(url)
        print(json.dumps({"on_air": True}), flush=True)
        while await lines.get() is not None:
            times, underruns = await speaker.figures()
            print(json.dumps({"marks": times, "underruns": underruns}), flush=True)
    finally:
        await speaker.stop()


async def measure(
    url: str, seconds: float, frame_ms: int, *, one_process: bool = False
) -> dict[str, Any]:
    """One line: the speaker in a process of its own, or (``one_process``) in this one."""
    config = EngineConfig(frame_ms=frame_ms)  # type: ignore[arg-type]
    record_s = WARM_UP_S + seconds + 3.0
    listener_port = ClockedPort(record_s=record_s)
    listener = Engine(listener_port, config)
    events = EventQueue()
    listener.subscribe(events)
    speaker = Speaker(frame_ms) if one_process else SpeakerProcess(frame_ms)
    listener.start()
    try:
        listener.submit(Connect(url, issue(MEETING, sub="fr1", name="fr1", role="interpreter",
                                           booth="fr")))  # fmt: skip
        await wait_for(events, Welcomed)
        listener.submit(SetInput(0, "en"))
        try:
            await speaker.start(url)
            await asyncio.sleep(WARM_UP_S)
            since = time.monotonic()
            underruns0 = (await speaker.figures())[1], len(listener_port.gaps)
            parts = await sample_parts(listener, seconds)
            until = time.monotonic()
            await asyncio.sleep(0.5)  # the last marks reach the ear
            times, speaker_underruns = await speaker.figures()
        finally:
            await speaker.stop()
    finally:
        await asyncio.to_thread(listener.stop)
    played = listener_port.recording()[:, 0]
    delays = latencies(times, played, listener_port.block_times, since, until)
    sent = sum(1 for t in times if since <= t < until)
    p50, p99 = percentile(delays, 0.5), percentile(delays, 0.99)
    return {
        "bench": NAME,
        "case": "pipeline",
        "frame_ms": frame_ms,
        "engines": "one process" if one_process else "a process each",
        "seconds": round(until - since, 2),
        "blocks": round((until - since) * SAMPLE_RATE / BLOCK),
        "marks_sent": sent,
        "marks_found": len(delays),
        "latency_ms_p50": p50,
        "latency_ms_p99": p99,
        "latency_ms_max": round(max(delays), 2) if delays else None,
        "meets_goal": meets_latency_goal(p50, p99),
        **parts,
        "fixed_ms": round(fixed_ms(config), 2),
        "speaker_underruns": speaker_underruns - underruns0[0],
        "listener_underruns": len(listener_port.gaps) - underruns0[1],
        "device_latency": "excluded (see the device_latency line)",
    }


def fixed_ms(config: EngineConfig) -> float:
    """The parts of the delay that do not vary: a frame (a sample waits for the rest of its
    frame at capture, and is played as far into a playback block as it was into its frame),
    Opus's look-ahead and hearing protection's."""
    encoder = Encoder(frame_ms=config.frame_ms, application=config.application)
    try:
        return encoder.algorithmic_delay_ms + LOOKAHEAD_FRAMES * 1000 / SAMPLE_RATE
    finally:
        encoder.close()


async def sample_parts(listener: Engine, seconds: float) -> dict[str, Any]:
    """The listener's parts of the delay over ``seconds``, read from its metrics: the medians
    of its jitter-buffer target and delay (surplus queued for the time-scaler included), of
    the delay less the target read together (the aim, 2.5 ms, and the 0-10 ms of phase between
    the packets' arrival and the listener's pops), and of its playback lead."""
    target, delay, over, lead = [], [], [], []
    end = time.monotonic() + seconds
    first: JitterStats | None = None
    last: JitterStats | None = None
    while time.monotonic() < end:
        await asyncio.sleep(SAMPLE_EVERY_S)
        metrics = listener.latest_metrics
        jitter = metrics.inputs[0].jitter if metrics is not None else None
        if metrics is None or jitter is None:
            continue
        target.append(jitter.target_ms)
        delay.append(jitter.delay_ms)
        over.append(jitter.delay_ms - jitter.target_ms)
        lead.append(metrics.timing.lead_ms)
        last = jitter
        first = first or jitter
    return {
        "jitter_target_ms": percentile(target, 0.5),
        "jitter_delay_ms": percentile(delay, 0.5),
        "jitter_over_target_ms": percentile(over, 0.5),
        "listener_lead_ms": percentile(lead, 0.5),
        "listener_playout": {
            kind: getattr(last, kind) - getattr(first, kind)
            for kind in ("underruns", "concealed", "stretched", "shrunk", "dropped_catchup")
        }
        if first is not None and last is not None
        else None,
    }


def device_latency() -> dict[str, Any]:
    """What PortAudio reports for a PulseAudio null sink at 10 ms blocks (tests/rig/pulse.py)."""
    line: dict[str, Any] = {"bench": NAME, "case": "device_latency"}
    try:
        with tempfile.TemporaryDirectory(prefix="rsi-pulse-") as tmp:
            server = PulseServer(Path(tmp))
            old = {name: os.environ.get(name) for name in server.env}
            os.environ.update(server.env)
            try:
                server.start()
                rescan()  # PortAudio finds the server from the environment when it starts
                port = DevicePort("pulse", "pulse")
                port.start()
                try:
                    time.sleep(0.5)
                    status = port.status()
                finally:
                    port.stop()
            finally:
                server.stop()
                for name, value in old.items():
                    if value is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = value
                rescan()  # back to the machine's own devices
    except BaseException as exc:  # pytest.fail raises a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        line["measured"] = False
        line["why_not"] = f"no PulseAudio null sink could be used: {exc}".splitlines()[0]
        return line
    line.update(
        measured=True,
        device="PulseAudio null sink via ALSA 'pulse', PortAudio latency = 3 blocks",
        input_latency_ms=status.input_latency_ms,
        output_latency_ms=status.output_latency_ms,
    )
    return line


async def run(
    seconds: float, frames: list[int], quiet_wait_s: float, one_process: bool
) -> list[dict[str, Any]]:
    wait_until_quiet(quiet_wait_s, QUIET_PERCENT, log)
    hub = HubProcess.instrumented()
    url = hub.url
    lines = []
    try:
        for frame_ms in frames:
            log(f"{frame_ms} ms frames for {seconds:g} s")
            lines.append(await measure(url, seconds, frame_ms, one_process=one_process))
            print(json.dumps(lines[-1]), flush=True)
    finally:
        hub.stop()
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench.{NAME}", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 s windows")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--frame-ms", type=int, nargs="+", choices=(10, 20), default=[10, 20])
    parser.add_argument("--no-device", action="store_true", help="skip the device latency line")
    parser.add_argument(
        "--quiet-wait", type=float, default=30.0, help="seconds to wait for an idle machine"
    )
    parser.add_argument(
        "--one-process",
        action="store_true",
        help="both engines in this process (their wake-ups wait for each other's work)",
    )
    parser.add_argument("--speak", action="store_true", help="be the speaking engine (internal)")
    args = parser.parse_args(argv)
    if args.speak:
        asyncio.run(speak(args.frame_ms[0]))
        return 0
    seconds = 5.0 if args.quick else args.seconds
    quiet_wait = 2.0 if args.quick else args.quiet_wait
    asyncio.run(run(seconds, args.frame_ms, quiet_wait, args.one_process))
    if not args.no_device:
        print(json.dumps(device_latency()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""glitches: the audible events a listener hears on a clean link, from real processes in real time.

Issue 15's goals, measured from outside as a new user would: ``rsi-hub serve``
with the council meeting, a floor ``rsi-bot --play SPEECH --loop`` and N
``rsi-bot --listen floor --record FILE`` listeners, each in a process of its
own on loopback, clocked by the real clock (the speech: the clips of
``resources/speech/`` one after another). After ``--seconds`` the listeners
are stopped (SIGINT, as Ctrl-C) and each one's exit figures (one JSON line,
:mod:`programs.bot`) are counted per minute of the window, by kind:

- ``jitter_gaps``: interruptions the jitter buffer played, each a run of
  frames concealed (Opus PLC) or silent because a packet was missing, late
  or not yet there when its turn came, in the speech, however many frames
  it lasted (:attr:`audio.jitter.JitterStats.gaps`);
- ``dropped_catchup``: frames dropped to win the delay back;
- ``dropped_overflow``: frames dropped to keep under the buffer's hard maximum;
- ``ring_gaps``: gaps in the sound because the engine's output was not ready
  when the (file) sound card took its block, from the engine's first block
  on; ``ring_underruns``, counted apart, are the blocks: a stall that
  leaves the ring empty for two or three ticks in a row is one gap heard.

``audible`` is their sum, the interruptions heard (goal: at most 1 a minute
per listener). What makes up the jitter gaps is counted apart, as the issue
listed them: ``concealed`` frames and ``jitter_underruns`` (times the buffer
ran empty while playing, a packet late; its first 100 ms of frames are also in
``concealed``), with ``kinds_summed``, the sum of concealed frames, dropped
frames, jitter underruns and ring gaps, which counts one late packet's
underrun and its concealed frame twice; ``stretched`` and ``shrunk``, frames
played a pitch period longer or shorter by time-scale modification, are
counted apart, and so are ``stopped`` and ``trailing``: the underruns where
the floor had stopped sending (at the end of its file; the jitter buffer tells
them from late packets by the numbering of the next packet,
:attr:`audio.jitter.JitterStats.stopped`), and the frames concealed in them,
after the speech. Conditions, one JSON line each: ``clean`` with 1 and 4
listeners, and ``busy`` the same with one core kept busy by a busy-loop
process. Then ``pesq``: ``--runs`` times, a recording listener hears the floor
play ``--pesq-seconds`` of speech once, and the recording, lined up with the
source, is scored by wideband PESQ
(:func:`bench.speech_quality.wideband_pesq`; goal at least 4.0 in every run),
one line per run, for each ``link`` of :data:`PESQ_LINKS`: ``clean`` (loopback
as it is), and the listener's connection to the hub through a
:class:`~channels.linkrelay.LinkRelay` on the paths of ``speech_quality``
(:data:`bench.speech_quality.CONDITIONS`): 30 ms of jitter, and 1, 2 and 5 %
loss turned into late arrival by TCP with fast recovery (RACK). Each line says
what the listener's jitter buffer paid for it in ``delay``: its target at the
end and its mean delay while it played (``buffer_ms``).

The machine's load average (1, 5, 15 min) is in every line, and how busy all
its cores were during the window, this run's processes included. Each glitch
condition's line also says how often the machine itself stalled in its take,
beside it and independently of this code: :mod:`bench.machine_stalls` (a
real-time thread waking every block, by ``cyclictest``, and the steal time of
the window; ``machine_stalls`` is null, with why, where cyclictest is missing).

Run ``python -m bench.glitches [--quick] [--seconds S] [--runs K]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import soundfile

from audio.format import SAMPLE_RATE
from bench import machine_stalls
from bench.machine import CLK_TCK, machine_ticks
from bench.speech_quality import CONDITIONS, ONE_WAY_MS, clip_names, load_clip, wideband_pesq
from channels import meeting_file, tokens
from channels.linkmodel import TcpPath
from channels.linkrelay import LinkRelay
from channels.meeting import FLOOR, MeetingConfig
from tests.rig.chain import F32
from tests.rig.hubprocess import BotProcess, HubProcess, start_hub
from tests.rig.meetings import COUNCIL

NAME: Final = "glitches"
KINDS: Final = ("jitter_gaps", "dropped_catchup", "dropped_overflow", "ring_gaps")
"""The audible kinds: their sum is ``audible``."""
DETAIL: Final = ("concealed", "jitter_underruns")
"""What the jitter gaps are made of, counted apart."""
SUMMED: Final = "kinds_summed"
"""Concealed and dropped frames, jitter underruns and ring gaps added up: a late packet's
underrun and its concealed frame count twice."""
SCALED: Final = ("stretched", "shrunk")
"""Frames changed in length by time-scale modification: inaudible, counted apart."""
STOPPED: Final = ("stopped", "trailing")
"""Underruns where the floor had stopped, and the frames concealed in them: not in the speech,
counted apart."""
RING_BLOCKS: Final = "ring_underruns"
"""The blocks of silence the ring gaps lasted, counted apart."""
GOAL_AUDIBLE_PER_MINUTE: Final = 1.0
GOAL_PESQ: Final = 4.0
LISTENERS: Final = (1, 4)
TAIL_S: Final = 1.0
"""After the floor's file has ended: time for its last packets to be played and recorded."""
PLAY_TIMEOUT_S: Final = 300.0
"""How long a floor that plays its file once may take to end."""
PESQ_LINKS: Final[dict[str, TcpPath | None]] = {
    "clean": None,
    "jitter30": CONDITIONS["jitter30"],
    "loss1_fast": TcpPath(ONE_WAY_MS, loss=0.01, recovery="fast"),
    "loss2_fast": CONDITIONS["loss2_fast"],
    "loss5_fast": CONDITIONS["loss5_fast"],
}
"""The listener's link to the hub in the PESQ runs (None: loopback, unimpaired)."""
IMPAIRED_S: Final = 3600.0
"""How long a relay's path stays impaired: the whole run."""


def log(text: str) -> None:
    print(f"{NAME}: {text}", file=sys.stderr, flush=True)


def speech(seconds: float) -> F32:
    """``seconds`` of the project's speech clips, one language after another."""
    names = clip_names()
    clips: list[F32] = []
    need = int(seconds * SAMPLE_RATE)
    while sum(c.size for c in clips) < need:
        clips.append(load_clip(names[len(clips) % len(names)]))
    return np.concatenate(clips)[:need]


def write_wav(path: Path, pcm: F32) -> Path:
    soundfile.write(path, pcm, SAMPLE_RATE, subtype="FLOAT")
    return path


@contextmanager
def busy_core(on: bool) -> Iterator[None]:
    """A busy-loop process keeping one core busy meanwhile, if ``on``."""
    if not on:
        yield
        return
    loop = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        loop.kill()
        loop.wait()


def events(figures: dict[str, Any]) -> dict[str, int]:
    """A listener's audible events by kind, from its exit figures."""
    channel = figures["channels"][FLOOR]
    return {
        "jitter_gaps": int(channel["gaps"]) - int(channel["stopped"]),
        "dropped_catchup": int(channel["dropped_catchup"]),
        "dropped_overflow": int(channel["dropped_overflow"]),
        "ring_gaps": int(figures["playback_gaps"]),
    }


def detail(figures: dict[str, Any]) -> dict[str, int]:
    """The concealed frames and the jitter underruns heard (behind the jitter gaps)."""
    channel = figures["channels"][FLOOR]
    return {
        "concealed": int(channel["concealed"]) - int(channel["trailing"]),
        "jitter_underruns": int(channel["underruns"]) - int(channel["stopped"]),
    }


def unheard(figures: dict[str, Any]) -> dict[str, int]:
    """A listener's frames stretched and shrunk, and underruns and concealment after the floor
    stopped, from its exit figures."""
    channel = figures["channels"][FLOOR]
    return {kind: int(channel[kind]) for kind in (*SCALED, *STOPPED)}


def listener_line(figures: dict[str, Any], minutes: float) -> dict[str, Any]:
    """One listener's counts, per minute, and the figures that explain them."""
    counts = events(figures)
    counts["audible"] = sum(counts.values())
    counts |= detail(figures)
    counts[SUMMED] = counts["audible"] - counts["jitter_gaps"] + sum(counts[k] for k in DETAIL)
    counts |= unheard(figures)
    counts[RING_BLOCKS] = int(figures["playback_underruns"])
    return {
        "counts": counts,
        "per_minute": {kind: round(n / minutes, 2) for kind, n in counts.items()},
        "seconds_recorded": figures["seconds_recorded"],
        "packets_received": figures["packets_received"],
        "buffer_ms": figures["buffer_ms"],
        "jitter_ms": figures["jitter_ms"],
        "late_ticks": figures["port"]["late_ticks"],
        "skipped_ticks": figures["port"]["skipped_ticks"],
        "priority": figures["priority"],
    }


@dataclass(slots=True)
class Meeting:
    """The hub and the tokens of its participants, each one new."""

    hub: HubProcess
    config: MeetingConfig
    issued: int = 0

    def token(self, role: str) -> str:
        self.issued += 1
        sub = f"{role}-{self.issued}"
        return tokens.issue(self.config, sub=sub, name=sub.title(), role=role)


@dataclass(frozen=True, slots=True)
class Session:
    """What one floor and its listeners said at exit, and the window they ran."""

    listeners: list[dict[str, Any]]
    floor: dict[str, Any]
    seconds: float
    busy_percent: float


async def session(
    meeting: Meeting,
    play: Path,
    records: list[Path],
    seconds: float | None,
    listen_url: str | None = None,
) -> Session:
    """The listeners in, then the floor; then all out, the listeners first.

    ``seconds``: the floor loops its file, and the listeners leave after that
    long, while it still speaks (the end of a stream is no glitch); None: the
    floor plays its file once, and the listeners leave :data:`TAIL_S` after it.
    ``listen_url``: where the listeners connect (a relay to the hub), if not the hub.
    """
    url = meeting.hub.url
    bots = list(
        await asyncio.gather(
            *(
                BotProcess.start(
                    listen_url or url,
                    meeting.token("listener"),
                    "--listen",
                    FLOOR,
                    "--record",
                    str(path),
                )
                for path in records
            )
        )
    )
    try:
        args = ["--play", str(play)] + (["--loop"] if seconds is not None else [])
        floor = await BotProcess.start(url, meeting.token("floor"), *args)
        bots.append(floor)
        ticks = machine_ticks()[0]
        started = time.monotonic()  # the floor is in: from now on it speaks
        if seconds is not None:
            await asyncio.sleep(seconds)
        else:
            await asyncio.wait_for(floor.process.wait(), PLAY_TIMEOUT_S)
            await asyncio.sleep(TAIL_S)
        window = time.monotonic() - started
        busy = 100 * (machine_ticks()[0] - ticks) / CLK_TCK / window
        ended = await asyncio.gather(*(bot.finish(interrupt=True) for bot in bots[:-1]))
        ended.append(await floor.finish(interrupt=seconds is not None))
        bots = []
    finally:
        for left in bots:
            left.kill()
            await left.process.wait()
    for code, _, said in ended:
        if code != 0:
            raise RuntimeError(f"an rsi-bot exited with {code}: {said}")
    return Session([figures for _, figures, _ in ended[:-1]], ended[-1][1], window, busy)


def machine(busy_percent: float, load_before: tuple[float, float, float]) -> dict[str, Any]:
    return {
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "machine_busy_percent": round(busy_percent, 1),
    }


async def glitch_condition(
    meeting: Meeting, play: Path, folder: Path, listeners: int, seconds: float, busy: bool
) -> dict[str, Any]:
    """One condition's line: each listener's events per minute, and their medians."""
    load = os.getloadavg()
    records = [folder / f"listener-{k}.wav" for k in range(listeners)]
    with busy_core(busy), machine_stalls.watch() as stalls:
        ran = await session(meeting, play, records, seconds)
    minutes = ran.seconds / 60
    each = [listener_line(figures, minutes) for figures in ran.listeners]
    audible = [x["per_minute"]["audible"] for x in each]
    floor_port = ran.floor["port"]
    line = {
        "bench": NAME,
        "condition": "busy" if busy else "clean",
        "listeners": listeners,
        "seconds": round(ran.seconds, 3),
        "per_minute_median": {
            kind: round(statistics.median(x["per_minute"][kind] for x in each), 2)
            for kind in (*KINDS, "audible", *DETAIL, SUMMED, *SCALED, *STOPPED, RING_BLOCKS)
        },
        "audible_per_minute_max": max(audible),
        "goal_audible_per_minute": GOAL_AUDIBLE_PER_MINUTE,
        "meets_goal": max(audible) <= GOAL_AUDIBLE_PER_MINUTE,
        "by_listener": each,
        "floor": {
            "packets_sent": ran.floor["packets_sent"],
            "read_underruns": floor_port["read_underruns"],
            "late_ticks": floor_port["late_ticks"],
            "skipped_ticks": floor_port["skipped_ticks"],
        },
    } | machine(ran.busy_percent, load)
    return line | stalls.figures


async def pesq_run(
    meeting: Meeting, source: F32, play: Path, folder: Path, run: int, link: str
) -> dict[str, Any]:
    """One recording of the floor's speech over ``link`` (:data:`PESQ_LINKS`), scored."""
    load = os.getloadavg()
    record = folder / f"pesq-{link}-{run}.wav"
    path = PESQ_LINKS[link]
    relay: LinkRelay | None = None
    if path is not None:
        relay = LinkRelay(meeting.hub.port, seed=run)
        await relay.start()
        relay.impair(path, IMPAIRED_S)
    try:
        ran = await session(meeting, play, [record], None, relay.url if relay else None)
    finally:
        if relay is not None:
            await relay.stop()
    recording, _ = soundfile.read(record, dtype="float32", always_2d=True)
    score = wideband_pesq(source, np.ascontiguousarray(recording.mean(axis=1)))
    figures = ran.listeners[0]
    counts = listener_line(figures, ran.seconds / 60)["counts"]
    return {
        "bench": NAME,
        "condition": "pesq",
        "link": link,
        "run": run,
        "pesq_wb": round(score, 3),
        "goal_pesq_wb": GOAL_PESQ,
        "meets_goal": score >= GOAL_PESQ,
        "source_seconds": round(source.size / SAMPLE_RATE, 2),
        "counts": counts,
        "delay": {
            "target_ms": figures["channels"][FLOOR]["target_ms"],
            "buffer_ms": figures["buffer_ms"],
            "jitter_ms": figures["jitter_ms"],
        },
    } | machine(ran.busy_percent, load)


async def run(
    folder: Path,
    seconds: float,
    runs: int,
    pesq_seconds: float,
    listeners: tuple[int, ...],
    links: list[str],
) -> list[dict[str, Any]]:
    """Every condition in turn, on one hub; each line printed as it comes."""
    meeting_path = folder / "council.toml"
    meeting_path.write_text(COUNCIL, encoding="utf-8")
    hub = await start_hub(meeting_path)
    meeting = Meeting(hub, meeting_file.load(meeting_path))
    lines: list[dict[str, Any]] = []

    def out(line: dict[str, Any]) -> None:
        lines.append(line)
        print(json.dumps(line), flush=True)

    try:
        looped = write_wav(folder / "speech.wav", speech(60.0))
        for busy in (False, True):
            for n in listeners:
                log(f"{'one core busy' if busy else 'clean'}, {n} listener(s), {seconds:g} s")
                out(await glitch_condition(meeting, looped, folder, n, seconds, busy))
        source = speech(pesq_seconds)
        once = write_wav(folder / "pesq.wav", source)
        for k in range(1, runs + 1):
            for link in links:  # the links in turn, so that the machine's load weighs on each
                log(f"WB-PESQ run {k} of {runs}, {link}: {pesq_seconds:g} s of speech")
                out(await pesq_run(meeting, source, once, folder, k, link))
    finally:
        hub.stop()
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench.{NAME}", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="3 s per condition, one PESQ run of 5 s"
    )
    parser.add_argument(
        "--seconds", type=float, default=20.0, help="seconds per condition (default 20)"
    )
    parser.add_argument("--runs", type=int, default=5, help="WB-PESQ runs (default 5)")
    parser.add_argument(
        "--pesq-seconds", type=float, default=15.0, help="speech per PESQ run (default 15)"
    )
    parser.add_argument(
        "--links",
        default=",".join(PESQ_LINKS),
        help=f"the PESQ runs' links, comma-separated (default {','.join(PESQ_LINKS)})",
    )
    parser.add_argument(
        "--pesq-only", action="store_true", help="the PESQ runs only, no glitch conditions"
    )
    parser.add_argument(
        "--keep", type=Path, help="write the files (sources, recordings) into this folder"
    )
    args = parser.parse_args(argv)
    links = [link for link in args.links.split(",") if link]
    if unknown := [link for link in links if link not in PESQ_LINKS]:
        parser.error(f"unknown link {unknown[0]!r}: choose from {', '.join(PESQ_LINKS)}")
    if args.quick:
        args.seconds, args.runs, args.pesq_seconds = 3.0, 1, 5.0
    if args.seconds <= 0 or args.pesq_seconds <= 0 or args.runs < 0:
        parser.error("--seconds and --pesq-seconds must be positive, --runs at least 0")
    listeners = () if args.pesq_only else LISTENERS
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        asyncio.run(run(args.keep, args.seconds, args.runs, args.pesq_seconds, listeners, links))
        return 0
    with tempfile.TemporaryDirectory(prefix="glitches-") as folder:
        asyncio.run(run(Path(folder), args.seconds, args.runs, args.pesq_seconds, listeners, links))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""hub_fanout: how many listeners one hub process serves, and the delay it adds.

One floor source sends 10 ms Opus-sized packets (120-byte payload, RFC 6464
level extension) at 100 packets/s; N listeners listen to the floor channel.
The hub runs in its own process (:mod:`tests.rig.hubserver`); this process holds
the source, and the listeners are held by load processes of their own
(:mod:`bench.soak_listeners`, one per 600 listeners unless ``--load-processes``), so
that no single load process saturates its core before the hub does.

For each N it connects the source, then the listeners in batches (so that
none waits for its hello near the hub's 5 s limit), hands their reading to
one epoll per load process (:class:`tests.rig.loadclient.ListenerFarm`), lets the
stream run for a warm-up, then measures for a window. One listener in
``--probe-every`` (default 1: every one) is a probe, read the moment a frame
comes, and measures delays; the others are read every 50 ms, all their frames at
once, and only count what they receive (marks and sequence gaps). That costs the
load less but the hub more (:data:`PROBE_EVERY`), so keep the default for the hub's
figures. After the window the source stops and the run waits until
the hub has delivered everything it queued, so late packets count at their real
delay. One JSON line per N:

- ``hub_cpu_percent``: the hub's utime + stime from /proc/<pid>/stat over the
  window, as a share of one core (100 = one core saturated);
- ``load_cpu_percent``: the same for the load (this process and the listeners'),
  ``load_cpu_percent_by_process`` each (this one first) and per listener. When one
  nears 100 it is saturated and the delays below include its own queueing: read them
  as an upper bound on what the hub adds (``load_saturated`` says so);
- ``delay_ms_p50`` / ``delay_ms_p99``: listener receive time minus source send
  time (both ``time.monotonic_ns()``, one clock for every process) for every packet
  sent in the window, over every probe (``delay_samples``);
- ``delivered``: packets received in the window / (packets sent x N), over every
  listener; ``lost``: gaps in the listeners' sequence numbers;
- ``packets``: packets the source sent in the window (100/s unless the load
  process fell behind), ``duration_s``: the window's length;
- ``hub_receive_ms_*`` / ``hub_fanout_ms_*``, measured inside the hub process
  (:class:`tests.rig.hubserver.FanoutTrace`): from the source's send time to the
  start of the hub's fan-out loop, and that loop's duration. They split the
  delay into the hub's part and the load's; ``hub_fanout_cpu_us_per_write``: the
  loop's CPU time (thread time, which waits for a busy core do not inflate) per
  listener written, over the whole run;
- ``other_cpu_percent``: what the rest of the machine used meanwhile. The
  figures are only meaningful on an idle machine: each N waits for one, and is
  measured again (``--retries``) when others used over 20 % of a core.

Goal: 1,000 listeners on one hub process with p99 <= 20 ms and 100 % delivered.

With ``--cluster`` the meeting is served by a core and two edges over a
nats-server of its own (docs/architecture.md, "A meeting larger than one
process"), all ``rsi-hub serve`` processes on the demo meeting: the source
speaks on edge 1 and the listeners alternate between the edges.
``hub_cpu_percent`` is then the sum of the four (with nats-server's), split in
``core_cpu_percent`` (and per speaker: one speaks), ``edges_cpu_percent`` (and per
listener of each, ``edges_cpu_percent_per_listener``) and ``nats_cpu_percent`` (and
per message a second it delivers); the figures measured inside the instrumented hub
(``hub_receive_ms_*``, ``hub_fanout_ms_*``, its counters) are absent. A last line
(``"extrapolation": 10000``, :func:`extrapolate`) says what the lines imply for
10,000 listeners: each edge's CPU fitted as a part per channel plus a part per
listener, the listeners an edge serves within 80 % of its core, the edges and
machines needed, the core's and nats-server's CPU with seven channels on air.

Run ``python -m bench hub_fanout [--quick]`` or ``python -m bench.hub_fanout
--help`` for the options (listener counts, durations, py-spy profiling, cluster).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.machine import CLK_TCK, cpu_seconds, machine_ticks, wait_until_quiet
from bench.soak_listeners import ListenerProcess, count_crowd, start_crowd, stop_crowd
from channels import meeting_file
from channels.cluster.bus import PASSWORD_VARIABLE
from channels.meeting import FLOOR, MeetingConfig, simple_meeting
from channels.tokens import issue
from programs.hub import DEMO_MEETING
from tests.rig.hubprocess import HubProcess
from tests.rig.loadclient import FRAME_MS, PAYLOAD_BYTES, Source, raise_nofile_limit
from tests.rig.nats import NatsServer, nats_server

NAME = "hub_fanout"
LISTENER_COUNTS = (100, 500, 1000, 2000)
QUICK_LISTENER_COUNTS = (100, 500)
DURATION_S = 10.0
QUICK_DURATION_S = 2.0
WARMUP_S = 2.0
QUICK_WARMUP_S = 1.0
DRAIN_QUIET_S = 0.5
"""After the window the source stops; the run ends once no media arrived for this long ..."""
DRAIN_MAX_S = 30.0
"""... or after this long: a hub that fell behind still delivers what it queued."""
DRAIN_POLL_S = 0.1
LISTENERS_PER_LOAD_PROCESS = 600
"""Listeners read by one load process (:mod:`bench.soak_listeners`) unless told: one
process reads about 100,000 frames a second in half a core."""
PROBE_EVERY = 1
"""One listener in this many measures delays (read the moment a frame comes); all count
what they receive (:class:`tests.rig.loadclient.ListenerFarm`). 1, every listener reads as
its frames come, as a real client does: on loopback the kernel charges the receiving
side's TCP work to the sender, and listeners read only every 50 ms (``--probe-every 5``)
made the same hub use 14 % of a core more at 600 listeners and doubled its p99 (90.6 %,
25.6 ms against 76.5 %, 14.1 ms, 2026-12-06, idle machine): cheaper for the load, but
the hub's figures no longer the hub's."""
SPEAKERS = 1
TARGET_LISTENERS = 10_000
EDGE_BUDGET_PERCENT = 80.0
SATURATED_SHARE = 0.9
"""A line whose machine was this busy (of all its cores) is left out of the extrapolation."""
"""The share of its core an edge may use in the extrapolation: the one-process hub kept
p99 under 20 ms at about 80 %."""
BUSY_CHANNELS = 7
"""Channels on air at once in the extrapolation: the floor and six booths."""
PACKETS_PER_S = 1000 // FRAME_MS
WELCOME_TIMEOUT_S = 10.0
GOAL_LISTENERS = 1000
GOAL_P99_MS = 20.0
SATURATED_PERCENT = 90.0
QUIET_PERCENT = 15.0
"""Before each count, wait until the machine is busy less than this (% of a core)."""
BUSY_PERCENT = 20.0
"""A window during which other processes took more than this (% of a core) is measured again."""
RETRIES = 3
QUIET_WAIT_S = 120.0
QUICK_QUIET_WAIT_S = 5.0


def percentile(ordered: list[int], share: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))
    return float(ordered[rank])


def log(text: str) -> None:
    print(f"{NAME}: {text}", file=sys.stderr, flush=True)


def _py_spy() -> str | None:
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else shutil.which("py-spy")


class Hubs:
    """The hub processes measured: the instrumented hub alone (a simple meeting of
    ``languages``), or a cluster serving ``meeting`` (a file): a nats-server of its own, a
    core and ``edges`` edges, each started with the NATS password in its environment."""

    def __init__(
        self,
        host: str,
        *,
        meeting: Path | None = None,
        languages: tuple[str, ...] = ("en", "fr"),
        edges: int = 2,
    ) -> None:
        self._nats = contextlib.ExitStack()
        self.core: HubProcess | None = None
        self.nats: NatsServer | None = None
        self.meeting_path = meeting
        self.meeting: MeetingConfig
        self.retired: list[HubProcess] = []
        """Edges killed and started again: their logs."""
        if meeting is None:
            self.meeting = simple_meeting(languages)
            self.edges = [HubProcess.instrumented(host, languages=languages)]
            return
        self.meeting = meeting_file.load(meeting)
        try:
            self.nats = self._nats.enter_context(nats_server())
            self._nats.enter_context(_environment(PASSWORD_VARIABLE, self.nats.password))
            self.core = HubProcess.cluster(meeting, "core", self.nats.url)
            self.edges = []
            for _ in range(edges):
                self.edges.append(HubProcess.cluster(meeting, "edge", self.nats.url))
        except BaseException:
            self.stop()
            raise

    @property
    def all(self) -> list[HubProcess]:
        return [*self.edges, *([self.core] if self.core else [])]

    def cpu_seconds(self) -> list[float]:
        """Each process's CPU time so far: the edges', the core's, then nats-server's."""
        pids = [hub.pid for hub in self.all] + ([self.nats.process.pid] if self.nats else [])
        return [cpu_seconds(pid) for pid in pids]

    def stats(self) -> dict[str, Any] | None:
        """The instrumented hub's counters; None for a cluster."""
        return None if self.core else self.edges[0].stats()

    def restart_edge(self, index: int) -> None:
        """Kill edge ``index`` (SIGKILL) and start it again on its port."""
        assert self.nats is not None and self.meeting_path is not None
        edge = self.edges[index]
        edge.kill()
        self.retired.append(edge)
        self.edges[index] = HubProcess.cluster(
            self.meeting_path, "edge", self.nats.url, port=edge.port
        )

    def said(self, *fragments: str) -> list[str]:
        """The lines with one of ``fragments`` in every hub's log, killed edges' included."""
        return [
            line.rstrip()
            for hub in (*self.retired, *self.all)
            for line in hub.log
            if any(fragment in line for fragment in fragments)
        ]

    def stop(self) -> None:
        for hub in self.all:
            hub.stop()
        self._nats.close()


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    os.environ[name] = value
    try:
        yield
    finally:
        del os.environ[name]


async def run_one(
    listeners: int,
    *,
    duration_s: float,
    warmup_s: float,
    channel: str = FLOOR,
    host: str = "127.0.0.1",
    profile_dir: Path | None = None,
    reader: str = "epoll",
    pin_to: list[int] | None = None,
    cluster: bool = False,
    load_processes: int = 0,
    probe_every: int = PROBE_EVERY,
) -> dict[str, Any]:
    """Measure one hub process (or a cluster) with `listeners` listeners, read by
    ``load_processes`` processes (0: one per LISTENERS_PER_LOAD_PROCESS); return the
    result line."""
    hubs = Hubs(host, meeting=DEMO_MEETING if cluster else None)
    meeting = hubs.meeting
    hub = hubs.edges[0]
    ports = [edge.port for edge in hubs.edges]
    processes = load_processes or -(-listeners // LISTENERS_PER_LOAD_PROCESS)
    crowd: list[ListenerProcess] = []
    source: Source | None = None
    scratch = tempfile.TemporaryDirectory(prefix=f"{NAME}-")
    try:
        token = issue(meeting, sub="floor-source", name="Floor", role="floor")
        _, source = await asyncio.get_running_loop().create_connection(
            lambda: Source(host, hub.port, token), host, hub.port
        )
        await asyncio.wait_for(source.ready(), WELCOME_TIMEOUT_S)

        started = time.monotonic()
        crowd = await start_crowd(
            host,
            ports,
            listeners,
            processes,
            [channel],
            meeting=hubs.meeting_path,
            reader=reader,
            probe_every=probe_every,
        )
        connect_s = time.monotonic() - started
        log(f"{listeners} listeners connected in {connect_s:.1f} s ({processes} processes)")
        load_pids = [os.getpid(), *(x.pid for x in crowd)]
        if pin_to:
            # The hubs alone on the first core, the load on the others.
            for process in hubs.all:
                os.sched_setaffinity(process.pid, pin_to[:1])
            for pid in load_pids:
                os.sched_setaffinity(pid, pin_to[1:])
        gc.collect()
        gc.freeze()

        source.start()
        await asyncio.sleep(warmup_s)
        silent = (await count_crowd(crowd))["silent"]

        spy = _start_profile(hub.pid, listeners, duration_s, profile_dir)
        hub_cpu0, load_cpu0 = hubs.cpu_seconds(), [cpu_seconds(pid) for pid in load_pids]
        machine0 = machine_ticks()
        t0 = time.monotonic()
        source.measuring = True
        await asyncio.sleep(duration_s)
        source.measuring = False
        t1 = time.monotonic()
        hub_cpu1, load_cpu1 = hubs.cpu_seconds(), [cpu_seconds(pid) for pid in load_pids]
        machine1 = machine_ticks()
        source.stop()
        drain_s, counts = await _drain(crowd)
        delays = array("q")
        in_window: list[int] = []
        for number, part in enumerate(crowd):
            path = Path(scratch.name) / f"delays-{number}"
            answer = await part.window(path)
            with path.open("rb") as f:
                delays.fromfile(f, answer["delays"])
            in_window += answer["in_window"]
        if spy is not None:
            await asyncio.to_thread(spy.wait)
        stats = hubs.stats()
    finally:
        if source is not None:
            source.abort()
        stop_crowd(crowd)
        await asyncio.sleep(0)
        hubs.stop()
        gc.unfreeze()
        scratch.cleanup()
    hub_log = sum((process.log_summary() for process in hubs.all), Counter[str]())
    for line, count in hub_log.most_common(5):
        log(f"hub stderr, {count} x: {line}")

    window = t1 - t0
    packets = source.sent_in_window
    ordered = sorted(delays)
    p50 = percentile(ordered, 0.50) / 1e6
    p99 = percentile(ordered, 0.99) / 1e6
    delivered = sum(in_window) / (packets * listeners) if packets and listeners else 0.0
    cpu = [
        100 * (after - before) / window for before, after in zip(hub_cpu0, hub_cpu1, strict=True)
    ]
    hub_cpu = sum(cpu)
    loads = [
        100 * (after - before) / window for before, after in zip(load_cpu0, load_cpu1, strict=True)
    ]
    load_cpu = sum(loads)
    machine_cpu = 100 * (machine1[0] - machine0[0]) / CLK_TCK / window
    softirq_cpu = 100 * (machine1[1] - machine0[1]) / CLK_TCK / window
    result = {
        "bench": NAME,
        "listeners": listeners,
        "hub_cpu_percent": round(hub_cpu, 1),
        "delay_ms_p50": round(p50, 2),
        "delay_ms_p99": round(p99, 2),
        "delivered": round(delivered, 6),
        "packets": packets,
        "duration_s": round(window, 2),
        "load_cpu_percent": round(load_cpu, 1),
        "load_cpu_percent_by_process": [round(x, 1) for x in loads],
        "load_cpu_percent_per_listener": round(load_cpu / listeners, 4),
        "load_saturated": max(loads) >= SATURATED_PERCENT,
        "machine_cpu_percent": round(machine_cpu, 1),
        "softirq_cpu_percent": round(softirq_cpu, 1),
        "other_cpu_percent": round(machine_cpu - hub_cpu - load_cpu, 1),
        "cores": os.cpu_count(),
        "meets_goal": delivered >= 1.0 and p99 <= GOAL_P99_MS,
        "delay_samples": len(ordered),
        "probe_every": probe_every,
        "delay_ms_max": round((ordered[-1] if ordered else float("nan")) / 1e6, 2),
        "listeners_short": sum(1 for n in in_window if n < packets),
        "listeners_silent_after_warmup": silent,
        "listeners_closed": counts["closed"],
        "lost": counts["lost"],
        "drain_s": round(drain_s, 2),
        "source_late_ticks": source.late,
        "payload_bytes": PAYLOAD_BYTES,
        "channel": channel,
        "reader": reader,
        "pinned": bool(pin_to),
        "connect_s": round(connect_s, 2),
        "hub_log_lines": sum(hub_log.values()),
        "profiled": spy is not None,
    }
    if cluster:
        result |= _cluster_split(cpu, listeners)
    if stats is not None:
        result |= {
            "hub_backlog_dropped": stats["backlog_dropped"],
            "hub_media_coalesced": stats["media_coalesced"],
            "hub_media_dropped": sum(stats["hub_dropped"].values()),
            "hub_receive_ms_p50": stats["trace"]["receive_ms_p50"],
            "hub_receive_ms_p99": stats["trace"]["receive_ms_p99"],
            "hub_fanout_ms_p50": stats["trace"]["fanout_ms_p50"],
            "hub_fanout_ms_p99": stats["trace"]["fanout_ms_p99"],
            "hub_fanout_ms_max": stats["trace"]["fanout_ms_max"],
            "hub_fanout_cpu_us_per_write": stats["trace"].get("fanout_cpu_us_per_write"),
            "hub_gc_pauses": stats["gc"],
        }
    return result


def _cluster_split(cpu: list[float], listeners: int) -> dict[str, Any]:
    """A cluster's CPU (edges', core's, nats-server's, in % of a core) split per part: each
    edge's per listener (listeners alternate between the edges), the core's per speaker
    (one speaks), nats-server's per message it delivers (each packet to the core, then to
    each edge)."""
    *edges, core, nats = cpu
    share = [len(range(k, listeners, len(edges))) for k in range(len(edges))]
    return {
        "core_cpu_percent": round(core, 1),
        "core_cpu_percent_per_speaker": round(core / SPEAKERS, 2),
        "edges_cpu_percent": [round(x, 1) for x in edges],
        "edges_listeners": share,
        "edges_cpu_percent_per_listener": [
            round(x / n, 4) if n else None for x, n in zip(edges, share, strict=True)
        ],
        "nats_cpu_percent": round(nats, 1),
        "nats_cpu_percent_per_message_rate": round(
            nats / (PACKETS_PER_S * SPEAKERS * (1 + len(edges))), 5
        ),
    }


def extrapolate(results: list[dict[str, Any]], listeners: int = TARGET_LISTENERS) -> dict[str, Any]:
    """What the cluster lines measured imply for ``listeners`` on several machines.

    Each edge's CPU is fitted as fixed + per listener (least squares over every edge of
    every line; with one count, no fixed part); an edge is given EDGE_BUDGET_PERCENT of its
    core (one Python process uses one core at most), a machine one edge per core. The core
    is charged its measured cost per speaker for every channel on air at once
    (BUSY_CHANNELS), nats-server its cost per message for each packet in and out to every
    edge. Lines taken on a saturated machine (SATURATED_SHARE of its cores busy: the edges
    then get less CPU than they need, and look cheaper per listener) are left out of the
    fit unless every line is; ``fitted_lines`` says how many were used."""
    cores = os.cpu_count() or 1
    unsaturated = [r for r in results if r["machine_cpu_percent"] < SATURATED_SHARE * 100 * cores]
    fitted = unsaturated or results
    points = [
        (n, cpu)
        for r in fitted
        for n, cpu in zip(r["edges_listeners"], r["edges_cpu_percent"], strict=True)
        if n
    ]
    xs = [n for n, _ in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread:
        per_listener = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
        fixed = max(0.0, mean_y - per_listener * mean_x)
    else:
        per_listener, fixed = mean_y / mean_x, 0.0
    per_edge = int((EDGE_BUDGET_PERCENT - fixed) / per_listener)
    edges = -(-listeners // per_edge)
    speaker = max(r["core_cpu_percent_per_speaker"] for r in results)
    message = max(r["nats_cpu_percent_per_message_rate"] for r in results)
    return {
        "bench": NAME,
        "extrapolation": listeners,
        "edge_cpu_percent_per_listener": round(per_listener, 4),
        "edge_cpu_percent_per_channel": round(fixed, 2),
        "fitted_lines": len(fitted),
        "fitted_on_saturated_machine": not unsaturated,
        "edge_budget_percent": EDGE_BUDGET_PERCENT,
        "listeners_per_edge": per_edge,
        "edges": edges,
        "machines": -(-edges // cores),
        "cores_per_machine": cores,
        "channels_on_air": BUSY_CHANNELS,
        "core_cpu_percent": round(speaker * BUSY_CHANNELS, 1),
        "nats_cpu_percent": round(message * PACKETS_PER_S * BUSY_CHANNELS * (1 + edges), 1),
        "fitted_from": len(points),
    }


async def _drain(crowd: list[ListenerProcess]) -> tuple[float, dict[str, Any]]:
    """Wait until media stops arriving: late packets count, at their real delay. Returns
    how long it took, and the crowd's last counts."""
    started = time.monotonic()
    quiet_since = started
    counts = await count_crowd(crowd)
    while time.monotonic() - started < DRAIN_MAX_S:
        await asyncio.sleep(DRAIN_POLL_S)
        again = await count_crowd(crowd)
        now = time.monotonic()
        if again["frames"] != counts["frames"]:
            quiet_since = now
        elif now - quiet_since >= DRAIN_QUIET_S:
            return quiet_since - started, again
        counts = again
    return quiet_since - started, counts


def _start_profile(
    pid: int, listeners: int, duration_s: float, profile_dir: Path | None
) -> subprocess.Popen[bytes] | None:
    if profile_dir is None:
        return None
    spy = _py_spy()
    if spy is None:
        log("py-spy not found: install it into the venv to profile (pip install py-spy)")
        return None
    profile_dir.mkdir(parents=True, exist_ok=True)
    out = profile_dir / f"{NAME}_{listeners}.txt"
    log(f"profiling the hub into {out}")
    return subprocess.Popen(
        [
            spy, "record", "--pid", str(pid), "--duration", str(max(1, round(duration_s))),
            "--rate", "200", "--nonblocking", "--format", "raw", "--output", str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=f"python -m bench.{NAME}",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="short smoke run: N=100, 500; 2 s")
    parser.add_argument("--listeners", type=int, nargs="+", help="listener counts to measure")
    parser.add_argument("--duration", type=float, help="measuring window per count (s)")
    parser.add_argument("--warmup", type=float, help="warm-up before the window (s)")
    parser.add_argument(
        "--probe-every",
        type=int,
        default=PROBE_EVERY,
        metavar="K",
        help=f"one listener in K measures delays; the others only count frames, read every "
        f"50 ms, cheaper for the load but dearer for the hub (default {PROBE_EVERY}: all)",
    )
    parser.add_argument(
        "--load-processes",
        type=int,
        default=0,
        metavar="K",
        help=f"processes reading the listeners (default: one per "
        f"{LISTENERS_PER_LOAD_PROCESS} listeners)",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        metavar="S",
        help="before each count, wait up to S seconds for the machine to be idle",
    )
    parser.add_argument(
        "--retries",
        type=int,
        help=f"measure a count again, up to this many times, when other processes took over "
        f"{BUSY_PERCENT:g} %% of a core during its window (default {RETRIES}; quick: 0)",
    )
    parser.add_argument(
        "--reader",
        choices=("epoll", "asyncio"),
        default="epoll",
        help="how listeners read media once welcomed: one epoll for all (default), "
        "or each through its own asyncio transport (more CPU per frame in the load)",
    )
    parser.add_argument(
        "--pin",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="pin the hub to the first core and the load to the others",
    )
    parser.add_argument("--channel", default=FLOOR, help="channel the listeners listen to")
    parser.add_argument(
        "--cluster",
        action="store_true",
        help="serve the meeting by a core and two edges over a nats-server of its own",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="record the hub with py-spy during each window into DIR",
    )
    args = parser.parse_args(argv)

    counts = args.listeners or (QUICK_LISTENER_COUNTS if args.quick else LISTENER_COUNTS)
    duration = args.duration or (QUICK_DURATION_S if args.quick else DURATION_S)
    warmup = (
        args.warmup if args.warmup is not None else (QUICK_WARMUP_S if args.quick else WARMUP_S)
    )
    quiet_wait = (
        args.quiet_wait
        if args.quiet_wait is not None
        else (QUICK_QUIET_WAIT_S if args.quick else QUIET_WAIT_S)
    )
    retries = args.retries if args.retries is not None else (0 if args.quick else RETRIES)
    raise_nofile_limit()
    cores = sorted(os.sched_getaffinity(0))
    results = []
    for count in counts:
        attempts: list[dict[str, Any]] = []
        while True:
            wait_until_quiet(quiet_wait, QUIET_PERCENT, log)
            attempt = asyncio.run(
                run_one(
                    count,
                    duration_s=duration,
                    warmup_s=warmup,
                    load_processes=args.load_processes,
                    probe_every=args.probe_every,
                    channel=args.channel,
                    profile_dir=args.profile,
                    reader=args.reader,
                    pin_to=cores if args.pin and len(cores) > 1 else None,
                    cluster=args.cluster,
                )
            )
            attempts.append(attempt)
            if attempt["other_cpu_percent"] <= BUSY_PERCENT or len(attempts) > retries:
                break
            log(
                f"other processes took {attempt['other_cpu_percent']:.0f} % of a core during "
                f"the window: measuring {count} listeners again"
            )
        result = min(attempts, key=lambda r: r["other_cpu_percent"])
        result["attempts"] = len(attempts)
        results.append(result)
        print(json.dumps(result), flush=True)
    if args.cluster:
        print(json.dumps(extrapolate(results)), flush=True)
    for result in results:
        if result["listeners"] == GOAL_LISTENERS:
            verdict = "met" if result["meets_goal"] else "MISSED"
            log(
                f"goal ({GOAL_LISTENERS} listeners, p99 <= {GOAL_P99_MS:g} ms, 100 % delivered) "
                f"{verdict}: p99 {result['delay_ms_p99']} ms, delivered {result['delivered']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

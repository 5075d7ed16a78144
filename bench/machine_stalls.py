"""How late this machine wakes a real-time thread, measured beside a benchmark's take.

A benchmark that counts an engine's late blocks cannot tell from inside whether its own
code was slow or the machine did not run it (a virtual machine's vCPU taken away by the
hypervisor, *steal*, looks to the guest's kernel as if the thread ran). This asks the
machine directly, with no Python on the path: ``cyclictest`` (Debian's ``rt-tests``) runs
one thread at real-time round-robin scheduling one step above the engine's
(:data:`PRIORITY`), so that no engine can hold it up, that wakes every block
(:data:`audio.format.BLOCK`, 10 ms) by an absolute timer and keeps a histogram of how late
each wake-up came. A wake-up more than a few milliseconds late is a stall of the machine
that no process at the engine's priority could have avoided. Beside it, the hypervisor's
own account: the steal time of ``/proc/stat`` over the same window.

Use::

    with watch() as stalls:
        ...  # the take
    line |= stalls.figures

``stalls.figures`` holds ``machine_steal_percent`` (always) and ``machine_stalls``
(:func:`summary`), or None with ``machine_stalls_why`` saying what to install or what
failed. cyclictest is started with ``--default-system``: it does not change the machine's
power management (``/dev/cpu_dma_latency``) for the take it stands beside.

On its own, ``python -m bench.machine_stalls [--seconds S] [--interval-us US] [--policy P]
[--priority N]`` watches the machine that long and prints the figures as one JSON line,
with the load average before and after (start a busy loop beside it to see a busy core).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from audio.engine import REALTIME_PRIORITY
from audio.format import BLOCK, SAMPLE_RATE

CYCLICTEST: Final = "cyclictest"
INSTALL_HINT: Final = "cyclictest is not installed: apt-get install rt-tests (make setup does)"
BLOCK_US: Final = BLOCK * 1_000_000 // SAMPLE_RATE
"""The engine's block interval, the thread's wake-up interval."""
LATE_MS: Final = (2, 5, 10)
"""Wake-ups later than these are counted (a block is 10 ms; a playback lead, 2-12 ms)."""
HISTOGRAM_US: Final = 100_000
"""cyclictest's histogram reaches this far, 1 µs a bucket; later wake-ups are its overflows
(counted late all the same; the latest is ``max``)."""
PRIORITY: Final = REALTIME_PRIORITY + 1
"""SCHED_RR priority of the watching thread: above the engines', which would otherwise
delay it (same-priority round-robin threads do not preempt each other)."""
STOP_TIMEOUT_S: Final = 5.0


def command(report: Path, interval_us: int, priority: int, policy: str) -> list[str]:
    """cyclictest's command line: one thread waking every ``interval_us`` at ``policy``
    (``rr``, ``fifo``, ``other``) and ``priority`` until SIGINT, its report as JSON in
    ``report``."""
    return [
        CYCLICTEST,
        "--mlockall",
        "--default-system",
        "--quiet",
        f"--policy={policy}",
        f"--priority={priority}",
        f"--interval={interval_us}",
        f"--histogram={HISTOGRAM_US}",
        f"--json={report}",
    ]


def summary(report: dict[str, Any], seconds: float) -> dict[str, Any]:
    """From cyclictest's JSON report (one thread, a histogram of latencies in µs): its
    wake-ups, how many came later than each of :data:`LATE_MS` (in the window and per
    minute of ``seconds``), the latest and the mean, in ms."""
    thread = report["thread"]["0"]
    cycles = int(thread["cycles"])
    histogram = {int(us): int(n) for us, n in thread["histogram"].items()}
    late = {
        f"late_over_{ms}ms": cycles - sum(n for us, n in histogram.items() if us <= ms * 1000)
        for ms in LATE_MS
    }
    minutes = seconds / 60
    return {
        "seconds": round(seconds, 3),
        "wakeups": cycles,
        **late,
        "per_minute": {kind: round(n / minutes, 2) for kind, n in late.items()},
        "late_max_ms": int(thread["max"]) / 1000,
        "late_mean_ms": round(float(thread["avg"]) / 1000, 3),
    }


def cpu_ticks() -> tuple[int, int]:
    """(steal, all) clock ticks of all cores together, from /proc/stat's first line."""
    with open("/proc/stat", "rb") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    return fields[7], sum(fields)


@dataclass(slots=True)
class Watch:
    """What :func:`watch` found; :attr:`figures` is filled when its block ends."""

    figures: dict[str, Any] = field(default_factory=dict)


@contextmanager
def watch(
    interval_us: int = BLOCK_US, priority: int = PRIORITY, policy: str = "rr"
) -> Iterator[Watch]:
    """Measure the machine's stalls and steal time while the block runs (see the module)."""
    found = Watch()
    steal, ticks = cpu_ticks()
    with tempfile.TemporaryDirectory(prefix="machine-stalls-") as folder:
        report = Path(folder) / "cyclictest.json"
        process: subprocess.Popen[bytes] | None = None
        why = INSTALL_HINT
        if shutil.which(CYCLICTEST) is not None:
            process = subprocess.Popen(
                command(report, interval_us, priority, policy),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        started = time.monotonic()
        try:
            yield found
        finally:
            seconds = time.monotonic() - started
            if process is not None:
                process.send_signal(signal.SIGINT)
                try:
                    _, said = process.communicate(timeout=STOP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    process.kill()
                    _, said = process.communicate()
                why = f"cyclictest exited with {process.returncode}: {said.decode().strip()}"
            steal_now, ticks_now = cpu_ticks()
            stalls = None
            if process is not None and process.returncode == 0 and report.exists():
                stalls = summary(json.loads(report.read_text()), seconds)
            found.figures = {
                "machine_steal_percent": round(
                    100 * (steal_now - steal) / max(ticks_now - ticks, 1), 2
                ),
                "machine_stalls": stalls,
            } | ({} if stalls is not None else {"machine_stalls_why": why})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.machine_stalls", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long (default 60)")
    parser.add_argument(
        "--interval-us", type=int, default=BLOCK_US, help=f"wake-up interval (default {BLOCK_US})"
    )
    parser.add_argument(
        "--policy", default="rr", choices=("rr", "fifo", "other"), help="scheduling (default rr)"
    )
    parser.add_argument(
        "--priority",
        type=int,
        default=PRIORITY,
        help=f"real-time priority, 0 for other (default {PRIORITY}, one above the engine's)",
    )
    args = parser.parse_args(argv)
    load = os.getloadavg()
    with watch(args.interval_us, args.priority, args.policy) as stalls:
        time.sleep(args.seconds)
    line = {
        "bench": "machine_stalls",
        "policy": args.policy,
        "priority": args.priority,
        "interval_us": args.interval_us,
        "load_average_before": [round(x, 2) for x in load],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    } | stalls.figures
    print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

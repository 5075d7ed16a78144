"""timescale: the time-scale modifier's cost per call, on real speech (audio/timescale.py).

One JSON line per kind of call: ``pass`` (one 10 ms block played as it is,
which every block of a stream costs), ``shrink`` (two blocks in, up to 10 ms
asked out: the search and the cross-fade) and ``stretch`` (one block in, up
to 10 ms asked in). Fields as in ``dsp_blocks``: ``cpu_us`` (thread CPU time
per call over the whole run) and ``wall_us_p50`` / ``wall_us_p99`` /
``wall_us_max`` of single calls; ``changed_percent``, the calls that did
change the length (the others found only a period longer than asked, and
wait for a later call).

Run ``python -m bench.timescale [--quick] [--calls N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import numpy as np

from audio.format import BLOCK
from audio.timescale import MAX_INPUT, TimeScaler
from bench.speech_quality import load_clip

NAME = "timescale"
KINDS = {"pass": (0, BLOCK), "shrink": (-BLOCK, MAX_INPUT), "stretch": (BLOCK, BLOCK)}
"""Each kind of call: what it asks for and how many samples it gives."""


def measure(kind: str, calls: int) -> dict[str, Any]:
    speech = load_clip("en")
    want, size = KINDS[kind]
    scaler = TimeScaler()
    starts = [i * size % (speech.size - size) for i in range(calls)]
    walls = np.zeros(calls, dtype=np.int64)
    changed = 0
    cpu = time.thread_time_ns()
    for i, at in enumerate(starts):
        block = speech[at : at + size]
        began = time.perf_counter_ns()
        _, delta = scaler.process(block, want)
        walls[i] = time.perf_counter_ns() - began
        changed += delta != 0
    cpu = time.thread_time_ns() - cpu
    return {
        "bench": NAME,
        "call": kind,
        "cpu_us": round(cpu / calls / 1000, 1),
        "wall_us_p50": round(float(np.percentile(walls, 50)) / 1000, 1),
        "wall_us_p99": round(float(np.percentile(walls, 99)) / 1000, 1),
        "wall_us_max": round(float(walls.max()) / 1000, 1),
        "changed_percent": round(100 * changed / calls, 1),
        "calls": calls,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench.{NAME}", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 calls of each kind")
    parser.add_argument("--calls", type=int, default=5000, help="calls of each kind (5000)")
    args = parser.parse_args(argv)
    calls = 200 if args.quick else args.calls
    if calls < 1:
        parser.error("--calls must be at least 1")
    for kind in KINDS:
        print(json.dumps(measure(kind, calls)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

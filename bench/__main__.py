"""Run the benchmarks: ``python -m bench [NAME ...] [--quick]``.

Each benchmark is a module of this package with a ``main(argv) -> int``
that prints one JSON object per line on stdout (progress goes to stderr).
With no NAME, all of them run in the order of BENCHMARKS.
"""

from __future__ import annotations

import argparse
import importlib
import sys

BENCHMARKS: tuple[str, ...] = (
    "hub_fanout",
    "dsp_blocks",
    "engine_cpu",
    "pipeline_latency",
    "callbacks",
    "speech_quality",
    "netem",
    "listen_switch",
    "gateway_delay",
    "timescale",
    "glitches",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"benchmarks to run: {', '.join(BENCHMARKS)}"
    )
    parser.add_argument("--quick", action="store_true", help="a short smoke run of each")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    status = 0
    for name in args.names or BENCHMARKS:
        module = importlib.import_module(f"bench.{name}")
        status = max(status, int(module.main(["--quick"] if args.quick else [])))
    return status


if __name__ == "__main__":
    sys.exit(main())

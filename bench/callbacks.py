"""callbacks: the cost of DevicePort's PortAudio callbacks, called directly (no device).

Each case is one callback as PortAudio would call it, with preallocated
arrays standing in for PortAudio's buffers (sounddevice's own wrapper, which
makes a numpy array and a CallbackFlags object per call, is not included:
it is not ours to change). One JSON line per case:

- ``wall_ns_p50`` / ``wall_ns_p99`` / ``wall_ns_max``: ``perf_counter_ns``
  around single calls;
- ``alloc_held_bytes`` / ``alloc_peak_bytes``: tracemalloc over ``--calls``
  calls (10,000) after a warm-up. Held is what stays allocated (0 means
  nothing accumulates); peak is the largest transient (a Python int for a
  counter past 256, numpy's call machinery for an array view; a sample
  buffer would be >= 1,920 bytes).

The ring's other side (the engine's pop or push) runs between calls, outside
the timing but inside the allocation probe, so the ring never fills up.

Run ``python -m bench.callbacks [--quick] [--calls N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from audio.deviceport import CaptureCallback, PlaybackCallback
from audio.devices import portaudio
from audio.ring import BlockRing

NAME = "callbacks"
FRAMES = 480


Case = tuple[Callable[[], None], Callable[[], None]]
"""(the callback call, the engine's side of the ring)"""


def _capture(channels: int, status: Any) -> Case:
    ring = BlockRing(32, FRAMES, 1)
    callback = CaptureCallback(ring)
    callback.channels = channels
    indata = np.full((FRAMES, channels), 0.25, np.float32)
    taken = np.zeros((FRAMES, 1), np.float32)

    def call() -> None:
        callback(indata, FRAMES, None, status)

    def engine() -> None:
        ring.pop_into(taken)

    return call, engine


def _playback(channels: int, status: Any) -> Case:
    ring = BlockRing(32, FRAMES, 2)
    callback = PlaybackCallback(ring)
    callback.channels = channels
    outdata = np.zeros((FRAMES, channels), np.float32)
    made = np.full((FRAMES, 2), 0.25, np.float32)

    def call() -> None:
        callback(outdata, FRAMES, None, status)

    def engine() -> None:
        ring.push(made)

    return call, engine


def _cases() -> dict[str, Case]:
    flags = portaudio().CallbackFlags
    quiet = flags(0)
    return {
        "capture, mono device": _capture(1, quiet),
        "capture, mono device, input-overflow flag": _capture(1, flags(2)),
        "capture, 2-channel device (first channel)": _capture(2, quiet),
        "playback, stereo device": _playback(2, quiet),
        "playback, stereo device, output-underflow flag": _playback(2, flags(4)),
        "playback, mono device (downmix)": _playback(1, quiet),
        "playback, 6-channel device": _playback(6, quiet),
    }


def _measure(call: Callable[[], None], other: Callable[[], None], calls: int) -> dict[str, Any]:
    for _ in range(1000):  # warm-up, counters past the small-int cache
        other()
        call()
    walls = np.empty(calls, dtype=np.int64)
    perf = time.perf_counter_ns
    for i in range(calls):
        other()
        t0 = perf()
        call()
        walls[i] = perf() - t0
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        for _ in range(calls):
            other()
            call()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {
        "wall_ns_p50": int(np.percentile(walls, 50)),
        "wall_ns_p99": int(np.percentile(walls, 99)),
        "wall_ns_max": int(walls.max()),
        "alloc_held_bytes": held - base,
        "alloc_peak_bytes": peak - base,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench.{NAME}", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 calls per case")
    parser.add_argument("--calls", type=int, default=10_000, help="calls timed and traced")
    args = parser.parse_args(argv)
    calls = 2000 if args.quick else args.calls
    for name, (call, other) in _cases().items():
        result: dict[str, Any] = {"bench": NAME, "callback": name, "frames": FRAMES}
        result["calls"] = calls
        result.update(_measure(call, other, calls))
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

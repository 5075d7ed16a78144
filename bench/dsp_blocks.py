"""dsp_blocks: per-block cost of each DSP processor of the console (480-sample blocks).

The engine's budget is 10 % of a core for everything, i.e. 1 ms of CPU per
10 ms block. One JSON line per processor:

- ``cpu_us``: CPU time of this thread per block (``time.thread_time_ns`` over
  the whole run, divided by the blocks): robust to other processes competing
  for the core, which inflate wall-clock figures on a busy machine;
- ``wall_us_p50`` / ``wall_us_p99`` / ``wall_us_max``: wall-clock time of single
  blocks (``perf_counter_ns`` around each call). A real-time thread is sized
  by its worst blocks, hence the p99;
- ``alloc_peak_bytes`` / ``alloc_held_bytes``: tracemalloc over 1000 blocks
  after a warm-up (numpy's call machinery accounts for up to ~1.1 KB of
  transient peak; a sample buffer would be >= 1.9 KB; see tests/rig/dspkit.py).

The last line is a typical console block: three mono inputs mixed to stereo,
tone on the mix, output and microphone meters, floor loudness and quality.
It also gives ``paced_cpu_us_p50``: the same block's CPU time when it runs
once every 10 ms after a sleep, as the engine runs it, and its ratio to
``cpu_us`` (blocks back to back). On the 2-core virtual machine of the
figures in bench/README.md the ratio is 4-7: work done right after a
thread wakes runs several times slower than the same work in a loop (cold
caches and, on a virtual machine, the host's scheduling), so the engine's
CPU share there is several times what its per-block work costs in a loop.

Run ``python -m bench.dsp_blocks [--quick] [--blocks N]``.
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

from audio.blockfilter import BlockFilter
from audio.format import BLOCK
from audio.loudness import K_WEIGHTING, LoudnessMeter
from audio.meters import LevelMeter
from audio.mixer import Ear, Mixer
from audio.quality import FloorQuality
from audio.tone import ToneControl
from audio.volume import Gain

NAME = "dsp_blocks"


def _cases() -> dict[str, Callable[[], object]]:
    rng = np.random.default_rng(0)
    speech = (rng.standard_normal(BLOCK * 1000) * 0.05).astype(np.float32)
    speech.reshape(-1, 50 * BLOCK)[:, 30 * BLOCK :] *= 0.001  # 300 ms on, 200 ms "pause"
    mono = speech[:BLOCK].copy()
    stereo = np.stack([mono, mono[::-1]], axis=1)
    out1 = np.empty_like(mono)
    out2 = np.empty_like(stereo)
    cases: dict[str, Callable[[], object]] = {}

    f1 = BlockFilter(K_WEIGHTING)
    f2 = BlockFilter(K_WEIGHTING, channels=2)
    cases["BlockFilter (2 biquads) mono"] = lambda: f1.process(mono, out1)
    cases["BlockFilter (2 biquads) stereo"] = lambda: f2.process(stereo, out2)
    m1, m2 = LevelMeter(1), LevelMeter(2)
    cases["LevelMeter mono"] = lambda: m1.process(mono)
    cases["LevelMeter stereo"] = lambda: m2.process(stereo)
    l1, l2 = LoudnessMeter(1), LoudnessMeter(2)
    cases["LoudnessMeter mono"] = lambda: l1.process(mono)
    cases["LoudnessMeter stereo"] = lambda: l2.process(stereo)
    t_flat = ToneControl(2)
    t1 = ToneControl(1, bass_db=6.0, treble_db=-3.0)
    t2 = ToneControl(2, bass_db=6.0, treble_db=-3.0)
    cases["ToneControl flat (bypass) stereo"] = lambda: t_flat.process(stereo, out2)
    cases["ToneControl bass+treble mono"] = lambda: t1.process(mono, out1)
    cases["ToneControl bass+treble stereo"] = lambda: t2.process(stereo, out2)
    t_change = ToneControl(2)
    designs = [t_change._design(g, -g) for g in (6.0, -6.0)]
    flip = [0]

    def tone_change() -> None:
        flip[0] ^= 1
        design = designs[flip[0]]
        assert design.filter is not None
        design.filter.reset()
        t_change._wanted = design  # a design made beforehand, as the UI thread would
        t_change.process(stereo, out2)

    cases["ToneControl change every block stereo"] = tone_change
    g_steady = Gain(2, gain=0.5)
    g_ramp = Gain(2)
    gains = (0.5, 2.0)

    def gain_ramp() -> None:
        flip[0] ^= 1
        g_ramp.set_gain(gains[flip[0]])
        g_ramp.process(stereo, out2)

    cases["Gain steady stereo"] = lambda: g_steady.process(stereo, out2)
    cases["Gain ramp every block stereo"] = gain_ramp
    mix = Mixer(3)
    mix_change = Mixer(3)
    for i in range(3):
        np.copyto(mix.input(i), mono)
        np.copyto(mix_change.input(i), mono)
    targets = (np.ones((3, 2), np.float32), np.array([[1, 0], [0, 1], [1, 1]], np.float32))

    def mixer_change() -> None:
        flip[0] ^= 1
        np.copyto(mix_change._target, targets[flip[0]])  # what set_ear() publishes
        mix_change._changed = True
        mix_change.process(out2)

    cases["Mixer 3 inputs steady"] = lambda: mix.process(out2)
    cases["Mixer 3 inputs change every block"] = mixer_change
    quality = FloorQuality()
    position = [0]

    def quality_step() -> None:
        start = position[0]
        position[0] = (start + BLOCK) % (speech.size - BLOCK)
        quality.process(speech[start : start + BLOCK])

    cases["FloorQuality (speech-like floor)"] = quality_step

    chain_mix = Mixer(3)
    for i in range(3):
        np.copyto(chain_mix.input(i), mono)
    chain_mix.set_ear(0, Ear.LEFT)
    chain_tone = ToneControl(2, bass_db=3.0, treble_db=3.0)
    out_meter, mic_meter = LevelMeter(2), LevelMeter(1)
    floor_quality, floor_loudness = FloorQuality(), LoudnessMeter(1)
    mixed = np.empty((BLOCK, 2), np.float32)

    def console() -> None:
        floor_quality.process(mono)
        floor_loudness.process(mono)
        chain_mix.process(mixed)
        chain_tone.process(mixed, mixed)
        out_meter.process(mixed)
        mic_meter.process(mono)
        mic_meter.take_rfc6464_level()

    cases["typical console block"] = console
    return cases


def _measure(step: Callable[[], object], blocks: int) -> dict[str, Any]:
    for _ in range(min(blocks, 1100)):  # warm-up, past one 10 s ring of the analysers
        step()
    walls = np.empty(blocks, dtype=np.int64)
    perf = time.perf_counter_ns
    cpu0 = time.thread_time_ns()
    for i in range(blocks):
        t0 = perf()
        step()
        walls[i] = perf() - t0
    cpu = (time.thread_time_ns() - cpu0) / blocks / 1000
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        for _ in range(1000):
            step()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    us = walls / 1000
    return {
        "cpu_us": round(cpu, 2),
        "wall_us_p50": round(float(np.percentile(us, 50)), 2),
        "wall_us_p99": round(float(np.percentile(us, 99)), 2),
        "wall_us_max": round(float(us.max()), 2),
        "alloc_peak_bytes": peak - base,
        "alloc_held_bytes": held - base,
    }


def _paced_cpu_us(step: Callable[[], object], blocks: int, period_s: float = 0.01) -> float:
    """Median thread CPU time of ``step`` run once per ``period_s``, after a sleep each time."""
    times = np.empty(blocks, dtype=np.int64)
    for i in range(blocks):
        time.sleep(period_s)
        start = time.thread_time_ns()
        step()
        times[i] = time.thread_time_ns() - start
    return float(np.median(times)) / 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench.{NAME}", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="500 blocks per processor")
    parser.add_argument("--blocks", type=int, default=5000, help="blocks timed per processor")
    args = parser.parse_args(argv)
    blocks = 500 if args.quick else args.blocks
    for name, step in _cases().items():
        result = {"bench": NAME, "processor": name, "blocks": blocks, **_measure(step, blocks)}
        if name == "typical console block":
            result["budget_share_percent"] = round(result["cpu_us"] / 10_000 * 100, 2)
            paced = _paced_cpu_us(step, 100 if args.quick else 300)
            result["paced_cpu_us_p50"] = round(paced, 1)
            result["paced_to_hot_ratio"] = round(paced / result["cpu_us"], 1)
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The pipeline-latency benchmark's machinery (bench/pipeline_latency.py), not its timing goal.

Two real engines and a real hub process on loopback for a 3 s window: the
marks the speaking port injects must come out of the listening port's
playback, each attributed to its own capture, with a plausible delay. The
goal (p50 <= 30 ms, p99 <= 45 ms) is the benchmark's business: a loaded test machine may
miss it, and tests do not assert timing.
"""

from __future__ import annotations

import numpy as np

from audio.format import BLOCK, SAMPLE_RATE
from bench.pipeline_latency import MARK_EVERY, MARK_SAMPLES, MARKS, latencies, measure
from tests.rig.hubprocess import HubProcess


async def test_marks_cross_the_pipeline_with_a_plausible_delay() -> None:
    with HubProcess.instrumented() as hub:
        line = await measure(hub.url, 3.0, 10)
    assert line["marks_sent"] >= 25, line
    assert line["marks_found"] >= 0.8 * line["marks_sent"], line
    assert 0.0 < line["latency_ms_p50"] <= line["latency_ms_p99"] < 200.0, line


def test_marks_are_attributed_by_their_tone_even_when_late() -> None:
    """A mark played 250 ms after its capture (two later marks sent meanwhile) keeps its own."""
    period = MARK_EVERY * BLOCK / SAMPLE_RATE
    times = [10.0 + k * period for k in range(8)]
    played = np.zeros(100 * BLOCK, dtype=np.float32)
    block_times = 10.0 + np.arange(100) * BLOCK / SAMPLE_RATE
    at = 25 * BLOCK + 7  # 257.6 ms after mark 0, after marks 1 and 2 were sent
    played[at : at + MARK_SAMPLES] = MARKS[0]
    found = latencies(times, played, block_times, 9.0, 11.0)
    assert len(found) == 1
    assert abs(found[0] - (25 * BLOCK + 7) / 48.0) < 0.1  # the onset: the first loud sample

"""The glitches benchmark's machinery (bench/glitches.py), not its goals.

A real hub, a floor and two recording listeners, each an ``rsi-bot`` process,
for a few seconds, then one WB-PESQ run of a short clip: the lines must have
their shape, and their counts must be non-negative integers that add up. The
goals (at most one audible event a minute, WB-PESQ >= 4.0) are the
benchmark's business: a loaded test machine may miss them.
"""

from __future__ import annotations

import asyncio
import math
from pathlib import Path
from typing import Any

import pytest

from bench.glitches import DETAIL, KINDS, RING_BLOCKS, SCALED, STOPPED, SUMMED, run

LISTENERS = 2
SECONDS = 3.0


def check_counts(counts: dict[str, Any]) -> None:
    assert set(counts) == {*KINDS, "audible", *DETAIL, SUMMED, *SCALED, *STOPPED, RING_BLOCKS}
    assert all(isinstance(n, int) and n >= 0 for n in counts.values()), counts
    assert counts["audible"] == sum(counts[kind] for kind in KINDS)
    # an underrun begins a gap, and a gap conceals a frame or more
    assert counts["jitter_underruns"] <= counts["jitter_gaps"] <= counts["concealed"]
    assert counts["audible"] <= counts[SUMMED]
    assert counts["ring_gaps"] <= counts[RING_BLOCKS]  # a gap lasts one block or more


def check_machine(line: dict[str, Any]) -> None:
    assert len(line["load_average_before"]) == len(line["load_average_after"]) == 3
    assert line["machine_busy_percent"] >= 0


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    folder: Path = tmp_path_factory.mktemp("glitches")
    # The PESQ run over an impaired link: the relay's path is the clean one's and more.
    return asyncio.run(run(folder, SECONDS, 1, 4.0, (LISTENERS,), ["loss2_fast"]))


def test_each_condition_counts_each_listeners_events_per_minute(
    lines: list[dict[str, Any]],
) -> None:
    conditions = [line for line in lines if line["condition"] != "pesq"]
    assert [(x["condition"], x["listeners"]) for x in conditions] == [
        ("clean", LISTENERS),
        ("busy", LISTENERS),
    ]
    for line in conditions:
        assert line["bench"] == "glitches"
        assert SECONDS <= line["seconds"] < SECONDS + 2
        minutes = line["seconds"] / 60
        assert len(line["by_listener"]) == LISTENERS
        for listener in line["by_listener"]:
            check_counts(listener["counts"])
            for kind, n in listener["counts"].items():
                assert math.isclose(
                    listener["per_minute"][kind], n / minutes, rel_tol=0.01, abs_tol=0.01
                )
            assert listener["packets_received"] > 0  # it heard the floor
        for kind in (*KINDS, "audible", *DETAIL, SUMMED, *SCALED, *STOPPED, RING_BLOCKS):
            each = sorted(x["per_minute"][kind] for x in line["by_listener"])
            assert each[0] <= line["per_minute_median"][kind] <= each[-1]
        assert line["audible_per_minute_max"] == max(
            x["per_minute"]["audible"] for x in line["by_listener"]
        )
        assert line["meets_goal"] == (line["audible_per_minute_max"] <= 1.0)
        assert line["floor"]["packets_sent"] > 0
        check_machine(line)
        stalls = line["machine_stalls"]  # cyclictest beside the take (make setup installs it)
        assert stalls is not None, line.get("machine_stalls_why")
        assert stalls["wakeups"] >= 10 * SECONDS  # one every 10 ms block
        assert 0 <= line["machine_steal_percent"] <= 100


def test_each_pesq_run_scores_the_recording_against_the_source(
    lines: list[dict[str, Any]],
) -> None:
    (line,) = [x for x in lines if x["condition"] == "pesq"]
    assert line["run"] == 1 and line["link"] == "loss2_fast"
    assert 1.0 <= line["pesq_wb"] <= 4.7  # the scale of P.862.2
    assert line["meets_goal"] == (line["pesq_wb"] >= 4.0)
    check_counts(line["counts"])
    assert line["counts"]["stopped"] >= 1  # the floor's file ended before the listener left
    delay = line["delay"]
    assert delay["target_ms"] >= 0 and delay["buffer_ms"] > 0 and delay["jitter_ms"] >= 0
    check_machine(line)

"""What bench/machine_stalls.py reads from cyclictest, and what it says when it cannot.

``cyclictest_report.json`` is a real report, taken on the 2-vCPU development VM under
load (SCHED_OTHER, 10 ms, 3 s, the command line in the file): 298 wake-ups, three of them
late by more than 2 ms (2.272, 4.226 and 20.601 ms).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bench.machine_stalls import INSTALL_HINT, summary, watch

REPORT = Path(__file__).with_name("cyclictest_report.json")


def test_late_wakeups_are_counted_from_the_histogram() -> None:
    figures = summary(json.loads(REPORT.read_text()), seconds=3.0)
    assert figures == {
        "seconds": 3.0,
        "wakeups": 298,
        "late_over_2ms": 3,
        "late_over_5ms": 1,
        "late_over_10ms": 1,
        "per_minute": {"late_over_2ms": 60.0, "late_over_5ms": 20.0, "late_over_10ms": 20.0},
        "late_max_ms": 20.601,
        "late_mean_ms": 0.164,
    }


def test_wakeups_beyond_the_histogram_count_as_late() -> None:
    report = json.loads(REPORT.read_text())
    thread = report["thread"]["0"]
    del thread["histogram"]["20601"]  # as if it had overflowed a shorter histogram
    assert summary(report, seconds=3.0)["late_over_10ms"] == 1


def test_a_real_cyclictest_beside_a_block_counts_its_wakeups() -> None:
    with watch() as stalls:  # the engine's priority and block: 10 ms
        time.sleep(0.2)
    figures = stalls.figures["machine_stalls"]
    assert figures is not None, stalls.figures
    assert 10 <= figures["wakeups"] <= 21
    assert 0 <= figures["late_over_10ms"] <= figures["late_over_5ms"] <= figures["late_over_2ms"]
    assert 0 <= stalls.figures["machine_steal_percent"] <= 100


def test_without_cyclictest_the_figure_is_null_and_the_line_says_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing to be found there
    with watch() as stalls:
        time.sleep(0.01)
    assert stalls.figures["machine_stalls"] is None
    assert stalls.figures["machine_stalls_why"] == INSTALL_HINT
    assert 0 <= stalls.figures["machine_steal_percent"] <= 100

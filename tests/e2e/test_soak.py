"""A short soak: a hub with 100 listeners, a floor and six booths handing over every 6 s, 36 s.

The full soak (``make soak``: 30 minutes, 500 listeners, a handover a
minute) runs the same code (:func:`bench.soak.soak`): real processes for
the hub and the listeners, real rsi.v1 WebSocket clients for the speakers.
"""

from __future__ import annotations

import asyncio

import pytest

from bench import soak


@pytest.mark.timeout(300)  # 36 s of soak, 100 listener processes to start and stop
def test_a_short_soak() -> None:
    result = asyncio.run(
        soak.soak(seconds=36.0, listeners=100, handover_s=6.0, sample_s=6.0, booths=6)
    )
    assert result["control_lost"] == 0, result["lost_examples"]
    assert result["handovers_expected"] == 5 * 6
    assert result["handovers_done"] == result["handovers_expected"]
    assert result["delivered"] >= 0.999, result
    assert result["listeners_closed"] == 0 and result["listeners_silent"] == 0, result
    assert result["hub_backlog_dropped"] == 0, result
    # Only in-flight packets of the outgoing interpreter at each handover are dropped.
    assert set(result["hub_dropped"]) <= {"off_air"}, result
    assert result["forwarded"] >= 0.98, result
    assert result["rss_growth_mb"] < 20.0, f"the hub's memory grew: {result}"

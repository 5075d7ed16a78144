"""The floor's audio over an impaired network: continuous, bounded in latency, and recovering.

One short condition, a 100 +- 30 ms path (each way) with a 1 s outage in
the middle, run twice: with real packets between network namespaces
(:func:`bench.netem.over_namespaces`: the hub in its own namespace, the link
impaired by ``tc netem`` or its user-space stand-in), and through the
in-process fallback (a real hub on loopback, the network modelled by
:mod:`channels.linkmodel`), which is what runs where namespaces are not allowed.
"""

from __future__ import annotations

import asyncio
import subprocess
from typing import Any

import pytest

from bench import netem
from bench.netpath import Condition, why_no_namespaces

CONDITION = Condition(
    "delay_100ms_jitter_30ms_outage_1s",
    delay_ms=100.0,
    jitter_ms=30.0,
    outage_s=1.0,
    outage_at_s=2.0,
)
"""A 1 s outage, not the benchmark's 2 s: on this path TCP's retransmission
timer (about RTT + 200 ms, doubled at each try) next fires about 3.5 s after
a packet lost at the start of a 2 s outage, so a hub ping lost then may get
its pong only after the hub's 4 s ping timeout, and the hub closes the
connection (bench.netem reports it as ``closed_by_hub``). After a 1 s outage
the second try (about 1.5 s) gets through."""
SECONDS = 8.0
"""2 s of stream, the outage, then 5 s to recover and settle."""


def check(result: dict[str, Any]) -> None:
    assert result["received_share"] == 1.0, "TCP delivers every packet, late or not"
    # Continuous outside the outage and its recovery. A loaded machine (the
    # suite runs beside other work) may leave one short gap: at most 50 ms.
    assert result["silent_ticks"] <= 5, f"audio not continuous outside the outage: {result}"
    # Concealment counts there too. Not over the whole stream: the outage
    # alone conceals its first 100 ms, the buffer learns the path in its first
    # second, and TCP's backoff decides the recovery, so the whole stream's
    # share (still reported) went from 0.016 to 0.057 over 29 runs on a
    # loaded 2-core machine, where the share outside them was 0 to 0.024.
    assert result["concealed_share_steady"] < 0.05, result
    assert result["bounded"], f"p99 latency over target plus jitter: {result}"
    # TCP's retransmission backoff decides when the stream resumes: its next
    # try after the link is back is at most one backed-off RTO away.
    assert 0.0 <= result["resumed_s"] < 3.0, result
    assert result["resumed_s"] <= result["recovered_s"] < 4.0, result
    assert result["latency_ms_p50"] >= 2 * (CONDITION.delay_ms - CONDITION.jitter_ms), result


def test_over_namespaces_with_real_packets() -> None:
    why = why_no_namespaces()
    if why is not None:
        pytest.skip(f"network namespaces unavailable ({why}); test_over_the_model runs instead")
    run = asyncio.run(netem.over_namespaces(CONDITION, SECONDS))
    result = netem.play(run, CONDITION)
    assert result["mode"] in ("netem", "tun")
    assert result["hub_media_dropped"] == 0
    assert result["closed_by_hub"] == {}, result
    check(result)
    left = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=True)
    assert "rsn" not in left.stdout, f"namespaces left behind: {left.stdout}"


def test_over_the_model() -> None:
    result = netem.play(asyncio.run(netem.over_model(CONDITION, SECONDS)), CONDITION)
    assert result["mode"] == "proxy"
    check(result)

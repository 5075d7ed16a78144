"""What the load processes count (bench/soak_listeners.py, tests/rig/loadclient.py) and what
hub_fanout's cluster lines imply (bench/hub_fanout.py), without processes.

A listener is fed server frames through its own buffer, as the farm feeds it: gaps in the
channel's sequence count as lost; after a reconnection the first frame closes the
reconnection's window (its gap and the packets it missed) instead.
"""

from __future__ import annotations

import asyncio
import os
import struct
import time

from bench.hub_fanout import BUSY_CHANNELS, EDGE_BUDGET_PERCENT, extrapolate
from bench.soak_listeners import Rejoined
from channels.rtp import build
from tests.rig.loadclient import Listener, Recorder


def media_frame(sequence: int, *, window: bool, sent_ns: int) -> bytes:
    """A server's binary frame of one packet as a Source sends it (window mark, send time)."""
    payload = struct.pack("<BQI", 1 if window else 0, sent_ns, sequence) + bytes(20)
    packet = build(sequence=sequence, timestamp=480 * sequence, ssrc=7, payload=payload)
    return bytes((0x82, len(packet))) + packet


def feed(listener: Listener, *sequences: int, window: bool = True) -> None:
    for sequence in sequences:
        data = media_frame(sequence, window=window, sent_ns=time.monotonic_ns())
        listener.get_buffer(len(data))[: len(data)] = data
        listener.buffer_updated(len(data))


def test_gaps_count_as_lost_except_across_a_reconnection() -> None:
    async def scenario() -> None:
        recorder = Recorder()
        first = Listener("127.0.0.1", 1, "token", "floor", recorder)
        first._upgraded = True  # as after the opening handshake
        feed(first, 65534, 65535, 0, 3)  # wraps, then misses 1 and 2
        assert (first.frames, first.in_window, first.lost, first.seq) == (4, 4, 2, 3)
        assert len(recorder.delays_ns) == 4
        first.closed_ns = time.monotonic_ns()

        again = Rejoined(first, 2, None)  # not a probe: no delays recorded
        again._upgraded = True
        feed(again, 9, 10, 12, window=False)  # misses 4-8 while away, then 11
        assert again.window is not None
        gap_ms, missed = again.window
        assert missed == 5 and 0 <= gap_ms < 5000
        assert (again.frames, again.in_window, again.lost) == (7, 4, 3)
        assert len(recorder.delays_ns) == 4

    asyncio.run(scenario())


def line(listeners: int, edges_cpu: list[float], machine_cpu: float = 100.0) -> dict[str, object]:
    return {
        "machine_cpu_percent": machine_cpu,
        "edges_listeners": [listeners // 2, listeners // 2],
        "edges_cpu_percent": edges_cpu,
        "core_cpu_percent_per_speaker": 2.0,
        "nats_cpu_percent_per_message_rate": 0.01,
    }


def test_extrapolation_fits_a_part_per_channel_and_a_part_per_listener() -> None:
    # Each edge: 10 % for its channel, 0.05 % per listener.
    result = extrapolate([line(200, [15.0, 15.0]), line(1000, [35.0, 35.0])])
    assert result["edge_cpu_percent_per_listener"] == 0.05
    assert result["edge_cpu_percent_per_channel"] == 10.0
    per_edge = round((EDGE_BUDGET_PERCENT - 10.0) / 0.05)
    assert result["listeners_per_edge"] == per_edge
    edges = -(-10_000 // per_edge)
    assert result["edges"] == edges
    assert result["machines"] == -(-edges // (os.cpu_count() or 1))
    assert result["core_cpu_percent"] == 2.0 * BUSY_CHANNELS
    assert result["nats_cpu_percent"] == round(0.01 * 100 * BUSY_CHANNELS * (1 + edges), 1)


def test_a_line_from_a_saturated_machine_is_left_out_of_the_fit() -> None:
    # The third line's edges were starved (the machine full): they look cheaper per listener.
    full = 0.95 * 100 * (os.cpu_count() or 1)
    lines = [line(200, [15.0, 15.0]), line(1000, [35.0, 35.0]), line(1800, [38.0, 38.0], full)]
    result = extrapolate(lines)
    assert result["edge_cpu_percent_per_listener"] == 0.05
    assert (result["fitted_lines"], result["fitted_on_saturated_machine"]) == (2, False)
    only_full = extrapolate([line(1800, [38.0, 38.0], full)])
    assert (only_full["fitted_lines"], only_full["fitted_on_saturated_machine"]) == (1, True)

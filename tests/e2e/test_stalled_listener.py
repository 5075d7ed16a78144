"""A listener stops reading, with the hub in a process of its own (`rsi-hub serve`).

A floor source sends 100 packets a second to 50 listeners and one more that
stops reading its socket (a 4 KiB receive buffer, then no reads at all).
The 50 must not notice: every packet arrives, and their delay p99 while the
one is stalled stays within 20 ms of the p99 before. The stalled one must be
dropped within the hub's bound: keepalive (a ping unanswered for 4 s, one
every 2 s) or the stall rule (behind for STALL_LIMIT_S), whichever comes
first; at this rate the socket buffers do not fill up before keepalive fires.

The clients are the benchmark's (tests/rig/loadclient.py): cheap enough that 50
of them in this process measure the hub, not themselves.
"""

from __future__ import annotations

import asyncio
import gc
import socket
import time
from pathlib import Path

import pytest

from channels import meeting_file
from channels.server import CLOSE_TIMEOUT_S, PING_INTERVAL_S, PING_TIMEOUT_S, STALL_LIMIT_S
from channels.tokens import issue
from tests.rig.hubprocess import start_hub
from tests.rig.loadclient import Listener, Recorder, Source
from tests.rig.wsclient import WsClient

LISTENERS = 50
BEFORE_S = 3.0
BOUND_S = min(STALL_LIMIT_S, PING_INTERVAL_S + PING_TIMEOUT_S) + CLOSE_TIMEOUT_S + 1.0
"""The stalled listener is gone from the meeting within this many seconds of its last read:
6 s without an answer, the 0.3 s close timeout, and a second for scheduling and the snapshot."""
MEETING = """
id = "stall"
secret = "stalled-listener-test-secret-32-bytes"

[[channels]]
id = "en"
"""

pytestmark = pytest.mark.slow


def p99(delays_ns: list[int]) -> float:
    ordered = sorted(delays_ns)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] / 1e6


async def test_a_stalled_listener_is_dropped_and_the_others_do_not_notice(tmp_path: Path):
    path = tmp_path / "stall.toml"
    path.write_text(MEETING)
    meeting = meeting_file.load(path)
    hub = await start_hub(path)
    port, hub_log = hub.port, hub.log
    loop = asyncio.get_running_loop()
    host = "127.0.0.1"
    recorder = Recorder()
    clients: list[Listener] = []
    source: Source | None = None
    stalled: Listener | None = None
    observer: WsClient | None = None
    try:
        floor = issue(meeting, sub="chair", name="Chair", role="floor")
        _, source = await loop.create_connection(lambda: Source(host, port, floor), host, port)
        await asyncio.wait_for(source.ready(), 5)
        for i in range(LISTENERS):
            signed = issue(meeting, sub=f"l{i}", name=f"L{i}", role="listener")
            _, client = await loop.create_connection(
                lambda t=signed: Listener(host, port, t, "floor", recorder), host, port
            )
            clients.append(client)
        await asyncio.wait_for(asyncio.gather(*(c.welcomed for c in clients)), 10)

        # The one that will stall: a 4 KiB receive buffer, welcomed, then never read.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.setblocking(False)
        await loop.sock_connect(sock, (host, port))
        signed = issue(meeting, sub="stalled", name="Stalled", role="listener")
        _, stalled = await loop.create_connection(
            lambda: Listener(host, port, signed, "floor", Recorder()), sock=sock
        )
        await asyncio.wait_for(stalled.welcomed, 5)
        observer = await WsClient.join(
            f"ws://{host}:{port}/v1", issue(meeting, sub="coord", name="C", role="coordinator")
        )
        await observer.expect_state(lambda m: m["listeners"] == LISTENERS + 1, timeout=5)

        # A full collection in this process (the load, after a whole test session) would
        # stall every client at once, and show as the hub's delay.
        gc.collect()
        gc.freeze()
        gc.disable()
        source.start()
        await asyncio.sleep(1.0)  # warm-up
        source.measuring = True
        await asyncio.sleep(BEFORE_S)
        source.measuring = False
        sent_before = source.sent_in_window
        await asyncio.sleep(0.2)  # the last packets of the window arrive
        before = list(recorder.delays_ns)

        assert stalled.transport is not None
        stalled.transport.pause_reading()
        stall_started = time.monotonic()
        source.measuring = True
        await observer.expect_state(lambda m: m["listeners"] == LISTENERS, timeout=BOUND_S + 2)
        dropped_after = time.monotonic() - stall_started
        await asyncio.sleep(1.0)  # and a second after it is gone
        source.measuring = False
        source.stop()
        await asyncio.sleep(0.3)
        during = list(recorder.delays_ns)[len(before) :]

        p99_before, p99_during = p99(before), p99(during)
        mechanism = (
            "stall rule (1013)" if any("closed with 1013" in x for x in hub_log) else "keepalive"
        )
        print(
            f"\nstalled listener dropped after {dropped_after:.2f} s by {mechanism}; "
            f"{LISTENERS} listeners: p99 {p99_before:.2f} ms before "
            f"({len(before)} packets), {p99_during:.2f} ms during ({len(during)} packets)"
        )
        assert dropped_after <= BOUND_S, f"dropped after {dropped_after:.2f} s"
        assert p99_during < p99_before + 20, (p99_before, p99_during)
        # Every packet reached every listener, before and during.
        assert len(before) == LISTENERS * sent_before
        assert len(before) + len(during) == LISTENERS * source.sent_in_window
        assert all(not c.closed and c.errors == 0 for c in clients)
    finally:
        gc.enable()
        gc.unfreeze()
        for client in (*clients, stalled, source):
            if client is not None:
                client.abort()
        if observer is not None:
            await observer.close()
        hub.stop()

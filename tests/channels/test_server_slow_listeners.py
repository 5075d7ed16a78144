"""Clients that stop reading: they lose their own media, then their connection, never others'.

A client whose socket is full gets no keepalive ping (websockets sends pings
only when the socket drains), so the hub closes it itself once it has been
behind for STALL_LIMIT_S (shortened here): with 1013, the hub told at once.
Closing such a client, for whatever reason, must not wait for a socket that
never drains, and neither must stopping the server. A client that falls
behind for a moment and catches up keeps its connection.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time

import pytest

from channels import server as server_module
from channels.hub import Hub
from channels.meeting import simple_meeting
from channels.server import TICK_S, HubServer
from tests.rig.wsclient import RawConnection, Room, open_room, participant, raw_handshake

LIMIT_S = 1.0


@pytest.fixture
async def room(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(server_module, "STALL_LIMIT_S", LIMIT_S)
    async with open_room() as room:
        yield room


async def _monitor(room: Room, sub: str, channels: list[str]) -> RawConnection:
    """A coordinator on a raw socket with a small receive window, welcomed and listening."""
    raw = await raw_handshake(room.url, rcvbuf=4096)
    assert raw.status == 101
    for message in (
        {"type": "hello", "token": room.token(sub, "coordinator")},
        {"type": "listen", "channels": channels},
        {"type": "ping", "t": 1},
    ):
        raw.send_frame(0x1, json.dumps(message).encode())
    while True:
        opcode, data = await asyncio.wait_for(raw.read_frame(), 2)
        if opcode == 0x1 and json.loads(data)["type"] == "pong":
            return raw


async def _until(condition, timeout: float) -> float:
    """Wait until `condition()`; return how long it took."""
    started = time.monotonic()
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)
    return time.monotonic() - started


def _behind_since(room: Room) -> list[float]:
    return [o.behind_since for o in room.server._outbound.values() if o.behind_since is not None]


async def test_a_listener_that_stops_reading_is_closed_after_the_limit(room: Room):
    chair = await room.join("chair", "floor")
    healthy = await room.join("l1", "listener", listen=["floor"])
    coord = await room.join("coord", "coordinator")
    await room.take_air(chair, "floor")
    stalled = await _monitor(room, "mon", ["floor", "en", "fr"])
    try:
        stalled.writer.transport.pause_reading()
        voice = room.speak(chair, interval=0.004, burst=8, size=1400)
        await _until(lambda: _behind_since(room), timeout=5)
        behind = time.monotonic()

        state = await coord.expect_state(
            lambda m: participant(m, "mon")["connected"] is False, timeout=LIMIT_S + 2
        )
        took = time.monotonic() - behind
        assert LIMIT_S - 0.05 <= took <= LIMIT_S + 2 * TICK_S + 0.2, f"closed after {took:.2f} s"
        assert participant(state, "mon")["on_air"] is None
        assert room.server.stalled_closed == 1
        assert room.server.backlog_dropped() > 0  # counted, though the connection is gone
        # The socket goes too, at once, although it never takes its close frame.
        gone = await _until(lambda: room.server.open_connections() == 3, timeout=2)
        assert gone < 1.0

        await voice.stop()
        await asyncio.sleep(0.05)
        got = healthy.drain_media()
        assert len(got) == len(voice.sent)
        assert [r.packet.payload for r in got] == list(voice.sent)
        delays = [r.at - voice.sent[r.packet.payload] for r in got]
        assert statistics.median(delays) < 0.02
        assert (await coord.ping(3.0))["t"] == 3.0
    finally:
        stalled.close()


async def test_a_listener_that_catches_up_in_time_keeps_its_connection(room: Room):
    chair = await room.join("chair", "floor")
    coord = await room.join("coord", "coordinator")
    await room.take_air(chair, "floor")
    slow = await _monitor(room, "mon", ["floor", "en", "fr"])
    try:
        slow.writer.transport.pause_reading()
        voice = room.speak(chair, interval=0.004, burst=8, size=1400)
        await _until(lambda: _behind_since(room), timeout=5)
        await asyncio.sleep(LIMIT_S / 2)
        await voice.stop()  # the flood ends while it is still within the limit ...
        slow.writer.transport.resume_reading()  # ... and it reads again
        reader = asyncio.create_task(_drain(slow))
        await _until(lambda: not _behind_since(room), timeout=LIMIT_S / 2)
        await asyncio.sleep(LIMIT_S + 2 * TICK_S)
        assert room.server.stalled_closed == 0
        assert participant(coord.latest_state(), "mon")["connected"] is True
        reader.cancel()
    finally:
        slow.close()


async def _drain(raw: RawConnection) -> None:
    while True:
        await raw.read_frame()


async def test_a_listener_that_reads_but_never_catches_up_is_closed(room: Room):
    chair = await room.join("chair", "floor")
    coord = await room.join("coord", "coordinator")
    await room.take_air(chair, "floor")
    slow = await _monitor(room, "mon", ["floor", "en", "fr"])

    async def trickle() -> None:  # 16 KiB every 50 ms: far below the flood's 8 MB/s
        while True:
            await slow.reader.read(16384)
            await asyncio.sleep(0.05)

    reader = asyncio.create_task(trickle())
    try:
        slow.writer.transport.pause_reading()
        slow.writer.transport.resume_reading()
        voice = room.speak(chair, interval=0.004, burst=8, size=1400)
        await coord.expect_state(
            lambda m: participant(m, "mon")["connected"] is False, timeout=LIMIT_S + 4
        )
        assert room.server.stalled_closed == 1
        await voice.stop()
    finally:
        reader.cancel()
        slow.close()


async def test_replacing_a_stalled_connection_does_not_leave_it_open(room: Room):
    """The 4409 close of a connection whose socket is full used to wait for ever."""
    chair = await room.join("chair", "floor")
    await room.take_air(chair, "floor")
    stalled = await _monitor(room, "mon", ["floor", "en", "fr"])
    try:
        stalled.writer.transport.pause_reading()
        voice = room.speak(chair, interval=0.004, burst=8, size=1400)
        await _until(lambda: _behind_since(room), timeout=5)
        before = room.server.open_connections()
        await room.join("mon", "coordinator")  # the same participant connects again
        took = await _until(lambda: room.server.open_connections() == before, timeout=2)
        assert took < 1.0
        assert room.server.stalled_closed == 0  # closed as replaced, not as stalled
        await voice.stop()
    finally:
        stalled.close()


async def test_stopping_the_server_does_not_wait_for_a_stalled_client():
    meeting = simple_meeting(("en", "fr"))
    server = HubServer(Hub(meeting), port=0)
    await server.start()
    room = Room(server, meeting)
    try:
        chair = await room.join("chair", "floor")
        await room.take_air(chair, "floor")
        stalled = await _monitor(room, "mon", ["floor", "en", "fr"])
        stalled.writer.transport.pause_reading()
        voice = room.speak(chair, interval=0.004, burst=8, size=1400)
        await _until(lambda: _behind_since(room), timeout=5)
        await voice.stop()
        started = time.monotonic()
        await asyncio.wait_for(server.stop(), 3)
        assert time.monotonic() - started < 1.5
        stalled.close()
    finally:
        await room.close()


def test_the_stall_limit_matches_keepalive():
    """Behind for as long as keepalive lets a silent client live: 6 s either way."""
    assert server_module.STALL_LIMIT_S == server_module.PING_INTERVAL_S + (
        server_module.PING_TIMEOUT_S
    )

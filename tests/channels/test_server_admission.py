"""Who the server lets wait for a hello, and how it logs a flood (issue 13, parts 3 and 4).

Real sockets on loopback against an in-process `HubServer` with small limits:
connections beyond the limits are refused with HTTP 503 before any handshake, an
address closed for abuse is refused for a while, connections that said hello do
not count, and under pressure those that wait too long are dropped. The log
filter is checked on its own with a clock of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from channels.hub import ABUSE_LIMIT, Hub
from channels.meeting import simple_meeting
from channels.server import PRESSURE_TIMEOUT_S, TICK_S, HubServer, RepeatFilter
from tests.rig.wsclient import Room, raw_handshake


@contextlib.asynccontextmanager
async def limited_room(max_pending: int, per_address: int) -> AsyncIterator[Room]:
    meeting = simple_meeting(("en",))
    server = HubServer(
        Hub(meeting), port=0, max_pending=max_pending, max_pending_per_address=per_address
    )
    async with server:
        room = Room(server, meeting)
        try:
            yield room
        finally:
            await room.close()


async def test_connections_past_the_address_limit_are_refused_with_503() -> None:
    async with limited_room(max_pending=10, per_address=2) as room:
        waiting = [await raw_handshake(room.url) for _ in range(2)]
        assert [w.status for w in waiting] == [101, 101]
        refused = await raw_handshake(room.url)
        refused.close()
        assert refused.status == 503
        assert room.server.admission.refused == 1
        # Those that said hello no longer count: the address may open more.
        for w in waiting:
            w.close()
        await asyncio.sleep(0.1)
        await room.join("l1", "listener")
        await room.join("l2", "listener")
        third = await room.join("l3", "listener")
        assert third.welcome is not None


async def test_connections_past_the_total_limit_are_refused() -> None:
    async with limited_room(max_pending=3, per_address=10) as room:
        waiting = [await raw_handshake(room.url) for _ in range(3)]
        refused = await raw_handshake(room.url)
        refused.close()
        assert refused.status == 503
        for w in waiting:
            w.close()


async def test_under_pressure_a_connection_has_1_s_for_its_hello() -> None:
    async with limited_room(max_pending=2, per_address=10) as room:
        waiting = [await room.open() for _ in range(2)]  # half the limit or more: pressure
        await asyncio.sleep(PRESSURE_TIMEOUT_S + 2 * TICK_S)
        for client in waiting:
            assert await client.wait_closed(1.0) is not None
        assert room.server.shed == 2
        listener = await room.join("l1", "listener")
        await asyncio.sleep(PRESSURE_TIMEOUT_S + 2 * TICK_S)
        assert listener.close_code is None, "a welcomed participant is never shed"


async def test_an_address_closed_for_abuse_before_hello_waits() -> None:
    async with limited_room(max_pending=10, per_address=10) as room:
        attacker = await room.open()
        for _ in range(ABUSE_LIMIT + 1):
            await attacker.send({"type": "ping", "t": 1})
        assert await attacker.wait_closed() == 1008
        refused = await raw_handshake(room.url)
        refused.close()
        assert refused.status == 503


async def test_a_ping_flood_before_hello_is_closed_and_others_are_served() -> None:
    async with limited_room(max_pending=10, per_address=10) as room:
        listener = await room.join("l1", "listener")
        attacker = await raw_handshake(room.url)
        for _ in range(9000):
            attacker.send_frame(0x1, b'{"type":"ping","t":1}')
        await attacker.writer.drain()
        pong = await listener.ping(timeout=2.0)
        assert pong["type"] == "pong"
        attacker.close()


def test_a_repeated_log_line_is_written_once_then_counted() -> None:
    now = [0.0]
    repeats = RepeatFilter(10.0, clock=lambda: now[0])

    def record(peer: str) -> logging.LogRecord:
        return logging.LogRecord("x", logging.WARNING, __file__, 1, "refused %s", (peer,), None)

    assert repeats.filter(record("a"))
    assert not any(repeats.filter(record(str(i))) for i in range(1000))
    assert repeats.filter(logging.LogRecord("x", logging.INFO, "", 1, "other", None, None))
    now[0] = 10.0
    last = record("b")
    assert repeats.filter(last)
    assert last.getMessage() == "refused b (1000 more like this not logged)"
    assert not repeats.filter(record("c"))

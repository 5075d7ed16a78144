"""Who the server lets wait for a hello, and how it logs a flood (issue 13, parts 3 and 4).

Real sockets on loopback against an in-process `HubServer` with small limits:
connections beyond the limits are refused with HTTP 503 before any handshake, an
address closed for abuse is refused for a while, attempts past the rate of an
address are closed unanswered, connections that said hello do not count, and
under pressure those that wait too long are dropped. The log filter and the
attempt buckets are checked on their own with a clock of their own.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import os
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

from channels.hub import ABUSE_LIMIT, Hub
from channels.meeting import simple_meeting
from channels.server import (
    ATTEMPT_BURST,
    ATTEMPT_RATE_PER_S,
    PRESSURE_TIMEOUT_S,
    TICK_S,
    AttemptLimit,
    HubServer,
    RepeatFilter,
)
from tests.rig.loadclient import upgrade_request
from tests.rig.wsclient import Room, raw_handshake


@contextlib.asynccontextmanager
async def limited_room(
    max_pending: int, per_address: int, attempts: AttemptLimit | None = None
) -> AsyncIterator[Room]:
    meeting = simple_meeting(("en",))
    server = HubServer(
        Hub(meeting),
        port=0,
        max_pending=max_pending,
        max_pending_per_address=per_address,
        attempts=attempts,
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


async def unanswered(url: str) -> bool:
    """Whether the hub closes a new connection without answering its handshake."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(upgrade_request(host, port, base64.b64encode(os.urandom(16)), path=parts.path))
        return await asyncio.wait_for(reader.read(1), 2.0) == b""
    except ConnectionResetError:
        return True
    finally:
        writer.close()


async def test_attempts_past_the_rate_are_closed_unanswered_unless_from_a_participant() -> None:
    attempts = AttemptLimit(burst=3, rate=0.01)
    async with limited_room(max_pending=100, per_address=100, attempts=attempts) as room:
        for _ in range(3):
            (await raw_handshake(room.url)).close()
        assert await unanswered(room.url)
        assert (attempts.refused, room.server.admission.refused) == (1, 0), "no 503 either"
        assert not room.server.open_connections()
    attempts = AttemptLimit(burst=1, rate=0.01)
    async with limited_room(max_pending=100, per_address=100, attempts=attempts) as room:
        listener = await room.join("l1", "listener")
        waiting = [await raw_handshake(room.url) for _ in range(30)]
        assert {w.status for w in waiting} == {101}, "an address with a participant is not limited"
        for w in waiting:
            w.close()
        await listener.close()
        await asyncio.sleep(0.1)
        assert await unanswered(room.url), "limited again once the participant left"


def test_an_address_gets_a_burst_of_attempts_then_a_steady_rate() -> None:
    attempts = AttemptLimit()
    assert all(attempts.allow("a", 0.0) for _ in range(ATTEMPT_BURST))
    assert not attempts.allow("a", 0.0)
    assert attempts.allow("b", 0.0), "each address has a bucket of its own"
    # 16 s of 32 tries a second (times exact in binary): the steady rate gets through.
    allowed = sum(attempts.allow("a", i / 32) for i in range(1, 16 * 32 + 1))
    assert allowed == 16 * ATTEMPT_RATE_PER_S
    assert attempts.refused == 1 + 16 * 32 - allowed
    later = 16 + ATTEMPT_BURST / ATTEMPT_RATE_PER_S
    assert all(attempts.allow("a", later) for _ in range(ATTEMPT_BURST)), "full again once idle"
    assert not attempts.allow("a", later)


def test_the_attempt_table_is_bounded_and_forgets_idle_addresses() -> None:
    attempts = AttemptLimit(burst=2, rate=1.0, size=100)
    for i in range(10_000):
        assert attempts.allow(f"10.0.{i // 256}.{i % 256}", i * 1e-4)
        assert len(attempts) <= 100
    assert attempts.allow("attacker", 1.0) and attempts.allow("attacker", 1.0)
    assert not attempts.allow("attacker", 1.0), "the address seen last is kept"
    assert attempts.allow("newcomer", 10.0)
    assert len(attempts) == 1, "idle addresses (full buckets again) are forgotten"


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

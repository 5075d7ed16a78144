"""channels.linkrelay on real loopback sockets: clean, impaired, held and cut.

The schedule itself is :class:`channels.linkmodel.TcpStream`'s, checked in
virtual time in test_linkmodel.py; here, that the relay carries it out on a
live connection (an echo server behind it), both ways, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

from channels.linkmodel import TcpPath
from channels.linkrelay import LinkRelay


async def _echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()


@contextlib.asynccontextmanager
async def echo_through_relay() -> AsyncIterator[
    tuple[LinkRelay, asyncio.StreamReader, asyncio.StreamWriter]
]:
    server = await asyncio.start_server(_echo, "127.0.0.1", 0)
    relay = LinkRelay(server.sockets[0].getsockname()[1], seed=1)
    await relay.start()
    reader, writer = await asyncio.open_connection("127.0.0.1", relay.port)
    try:
        yield relay, reader, writer
    finally:
        writer.close()
        await relay.stop()
        server.close()


async def round_trip(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> float:
    start = time.monotonic()
    writer.write(b"ping")
    assert await asyncio.wait_for(reader.readexactly(4), 3.0) == b"ping"
    return time.monotonic() - start


async def test_the_relay_delays_both_ways_while_impaired_keeps_order_and_holds_an_outage() -> None:
    async with echo_through_relay() as (relay, reader, writer):
        await round_trip(reader, writer)  # the relay has connected to the server
        assert await round_trip(reader, writer) < 0.1  # clean: nothing added

        relay.impair(TcpPath(one_way_ms=100.0, jitter_ms=40.0), seconds=0.6)
        assert 0.2 <= await round_trip(reader, writer) < 0.2 + 0.08 + 0.15
        sent = b"".join(b"%04d" % i for i in range(40))
        for i in range(40):  # jittered chunks each way: delivered in order
            writer.write(sent[4 * i : 4 * i + 4])
            await asyncio.sleep(0.002)
        assert await asyncio.wait_for(reader.readexactly(len(sent)), 3.0) == sent
        await asyncio.sleep(0.6)
        assert await round_trip(reader, writer) < 0.1  # clean again

        relay.outage(0.4)
        start = time.monotonic()
        writer.write(b"held")
        assert await asyncio.wait_for(reader.readexactly(4), 3.0) == b"held"
        assert 0.4 <= time.monotonic() - start < 0.6  # held, not lost: the connection stayed

        relay.cut()
        assert await asyncio.wait_for(reader.read(), 3.0) == b""  # aborted: the link is gone

"""The engine's loop reads sockets when it wakes for a timer or a command, not on every packet."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

from audio.tickloop import MAX_DEFER_S, new_tick_loop


def run(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    loop = new_tick_loop()
    try:
        loop.run_until_complete(main())
    finally:
        loop.close()


def test_a_readable_socket_waits_for_the_next_timer_and_is_read_before_it() -> None:
    order: list[tuple[str, float]] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        ours, theirs = socket.socketpair()
        ours.setblocking(False)
        try:

            def read() -> None:
                order.append(("read", time.monotonic()))
                ours.recv(64)

            loop.add_reader(ours, read)
            start = time.monotonic()
            theirs.send(b"x")
            loop.call_later(0.012, lambda: order.append(("tick", time.monotonic())))
            await asyncio.sleep(0.03)
            loop.remove_reader(ours)
        finally:
            ours.close()
            theirs.close()
        assert [name for name, _ in order] == ["read", "tick"]
        read_at = order[0][1] - start
        assert read_at >= 0.010, f"the socket woke the loop after {read_at * 1000:.1f} ms"
        assert order[1][1] - order[0][1] < 0.002  # the same wake-up

    run(main)


def test_an_idle_loop_still_reads_its_sockets_within_the_deferral_limit() -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        ours, theirs = socket.socketpair()
        ours.setblocking(False)
        got = loop.create_future()
        try:

            def read() -> None:
                ours.recv(64)
                got.set_result(time.monotonic())

            loop.add_reader(ours, read)
            start = time.monotonic()
            theirs.send(b"x")
            read_at = await asyncio.wait_for(got, 1.0) - start
            loop.remove_reader(ours)
        finally:
            ours.close()
            theirs.close()
        assert read_at <= MAX_DEFER_S + 0.01

    run(main)


def test_commands_from_another_thread_wake_the_loop_at_once() -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        taken = loop.create_future()
        sent = 0.0

        def other_thread() -> None:
            nonlocal sent
            time.sleep(0.05)
            sent = time.monotonic()
            loop.call_soon_threadsafe(lambda: taken.set_result(time.monotonic()))

        thread = threading.Thread(target=other_thread)
        thread.start()
        delay = await asyncio.wait_for(taken, 1.0) - sent
        thread.join()
        assert delay < MAX_DEFER_S / 2, f"a command waited {delay * 1000:.1f} ms"

    run(main)


def test_streams_work_over_it_registering_modifying_and_unregistering() -> None:
    """A TCP echo through asyncio streams: writers and readers come and go on the selector."""

    async def main() -> None:
        async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(await reader.readexactly(200_000))
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(bytes(range(200)) * 1000)  # more than the socket takes at once
        await writer.drain()
        back = await asyncio.wait_for(reader.readexactly(200_000), 5.0)
        writer.close()
        await writer.wait_closed()
        server.close()
        await server.wait_closed()
        assert back == bytes(range(200)) * 1000

    run(main)

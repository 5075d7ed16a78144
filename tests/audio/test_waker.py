"""The engine's event loop (audio/waker.py): timers under a millisecond, sockets at once."""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
import socket
import time
from collections.abc import Iterator

from audio.waker import PreciseSelector, precise_loop


def timer_lateness(loop: asyncio.AbstractEventLoop, delay_s: float, times: int) -> list[float]:
    """How late after it was due each of ``times`` timers ``delay_s`` ahead fired, in s."""

    async def one() -> float:
        due = loop.time() + delay_s
        fired = loop.create_future()
        loop.call_at(due, fired.set_result, None)
        await fired
        return loop.time() - due

    return [loop.run_until_complete(one()) for _ in range(times)]


def test_a_timer_fires_under_a_millisecond_after_it_is_due():
    """epoll alone waits whole milliseconds: a timer 0.3 ms ahead fires 0.7 ms late or more."""
    loop = precise_loop()
    try:
        late = timer_lateness(loop, 0.0003, 20)
    finally:
        loop.close()
    assert min(late) >= 0.0  # never early
    assert min(late) < 0.0005, late  # once at least, on a loaded machine


def test_a_socket_that_becomes_readable_wakes_the_loop_before_its_timer():
    loop = precise_loop()
    ours, theirs = socket.socketpair()
    try:
        ours.setblocking(False)
        heard = loop.create_future()
        loop.add_reader(ours.fileno(), lambda: heard.set_result(ours.recv(16)))
        loop.call_later(0.002, theirs.send, b"packet")
        loop.call_later(5.0, heard.cancel)  # the next timer, far away
        start = time.monotonic()
        assert loop.run_until_complete(heard) == b"packet"
        assert time.monotonic() - start < 1.0
    finally:
        ours.close()
        theirs.close()
        loop.close()


@contextlib.contextmanager
def descriptors_taken(count: int) -> Iterator[None]:
    """The next ``count`` descriptor numbers in use, and the limit raised to allow more."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, count + 256)), hard))
    taken = [os.open(os.devnull, os.O_RDONLY) for _ in range(count)]
    try:
        yield
    finally:
        for fd in taken:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_an_epoll_descriptor_past_selects_limit_waits_as_epoll_does():
    with descriptors_taken(1100):
        selector = PreciseSelector()
    loop = asyncio.SelectorEventLoop(selector)
    try:
        assert selector.fileno() >= 1024
        late = timer_lateness(loop, 0.0003, 3)
        assert not selector.precise
        assert min(late) >= 0.0
    finally:
        loop.close()

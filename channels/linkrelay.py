"""A TCP relay on loopback whose two directions follow the model of :mod:`channels.linkmodel`.

Point a client (an engine, a bot) at :attr:`LinkRelay.url` instead of the
hub's: every connection it opens is relayed to the hub, and each of its two
directions is a :class:`~channels.linkmodel.TcpStream`, so each read (a
WebSocket frame or a few) is held until the model says it arrives, in order.
Clean, a chunk passes as soon as it is read. :meth:`LinkRelay.impair` makes
the path slower, jittery and lossy for a while; :meth:`LinkRelay.outage`
delivers nothing either way for a while, the connections kept open, as a
dead Wi-Fi does (TCP resumes after it); :meth:`LinkRelay.cut` aborts them,
as a broken link does. The same ``seed`` and the same traffic give the same
weather. Everything runs on the asyncio loop that started the relay: call
its methods there (:class:`RelayThread` runs relays on a thread of their
own and takes calls from any thread).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Coroutine
from typing import Final, TypeVar

from channels.linkmodel import TcpPath, TcpStream

_READ: Final = 65536
_STOP_S: Final = 5.0
_T = TypeVar("_T")


class LinkRelay:
    """Relays connections on 127.0.0.1 to ``target_port``, through a modelled path."""

    def __init__(self, target_port: int, *, seed: int = 0) -> None:
        self.target_port = target_port
        self.seed = seed
        self.port = 0
        self._server: asyncio.Server | None = None
        self._streams: list[_Pipe] = []
        self._connections: list[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._impaired: tuple[TcpPath, float] | None = None
        self._held_until = 0.0
        self._opened = 0

    @property
    def url(self) -> str:
        """The hub's WebSocket address, through the relay."""
        return f"ws://127.0.0.1:{self.port}/v1"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def impair(self, path: TcpPath, seconds: float) -> None:
        """Both directions take ``path`` for the next ``seconds`` (what is sent meanwhile)."""
        until = asyncio.get_running_loop().time() + seconds
        self._impaired = (path, until)
        for pipe in self._streams:
            pipe.stream.impair(path, until)
            pipe.wake.set()

    def outage(self, seconds: float) -> None:
        """Nothing passes either way for ``seconds``; then all that was held, in order."""
        self._held_until = asyncio.get_running_loop().time() + seconds
        for pipe in self._streams:
            pipe.stream.hold(self._held_until)
            pipe.wake.set()

    def cut(self) -> None:
        """Abort every relayed connection, both ways, as a broken link does."""
        for down, up in self._connections:
            down.transport.abort()
            up.transport.abort()
        self._connections.clear()

    async def stop(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._connections.append((writer, up_writer))
        self._opened += 1
        pipes = [
            self._pipe(reader, up_writer, self._opened * 2),
            self._pipe(up_reader, writer, self._opened * 2 + 1),
        ]
        tasks = [asyncio.ensure_future(p.run()) for p in pipes]
        self._tasks.update(tasks)
        try:
            await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            self._tasks.difference_update(tasks)
            for pipe in pipes:
                self._streams.remove(pipe)

    def _pipe(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter, n: int) -> _Pipe:
        stream = TcpStream(seed=self.seed * 1_000_003 + n)
        if self._impaired is not None:
            stream.impair(*self._impaired)
        stream.hold(self._held_until)
        pipe = _Pipe(src, dst, stream)
        self._streams.append(pipe)
        return pipe


class _Pipe:
    """One direction of one connection: reads go into the model, its due chunks are written."""

    def __init__(
        self, src: asyncio.StreamReader, dst: asyncio.StreamWriter, stream: TcpStream
    ) -> None:
        self.src = src
        self.dst = dst
        self.stream = stream
        self.wake = asyncio.Event()
        self.ended = False

    async def run(self) -> None:
        reading = asyncio.ensure_future(self._read())
        try:
            await self._write()
        finally:
            reading.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionError):
                await reading
            self.dst.close()

    async def _read(self) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(ConnectionError):
            while data := await self.src.read(_READ):
                self.stream.send(loop.time(), data)
                self.wake.set()
        self.ended = True
        self.wake.set()

    async def _write(self) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(ConnectionError):
            while True:
                self.wake.clear()
                now = loop.time()
                chunks = self.stream.receive(now)
                if chunks:
                    self.dst.write(b"".join(chunks))
                    await self.dst.drain()
                    continue
                if self.ended and not self.stream.in_flight:
                    return
                due = self.stream.next_due()
                timeout = None if due is None else max(0.0, due - now)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wake.wait(), timeout)


class RelayThread:
    """An asyncio loop on a thread of its own for :class:`LinkRelay` objects (the bots' engines
    and the hub have theirs), driven from any thread."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="rsi-link-relay", daemon=True
        )
        self._relays: list[LinkRelay] = []

    def start(self) -> None:
        self._thread.start()

    def open(self, target_port: int, *, seed: int = 0) -> LinkRelay:
        """A started relay to ``target_port`` on this thread's loop."""
        relay = LinkRelay(target_port, seed=seed)
        self._run(relay.start())
        self._relays.append(relay)
        return relay

    def call(self, function: Callable[[], None]) -> None:
        """Run ``function`` (a relay's :meth:`~LinkRelay.impair`, ...) on the loop; wait for it."""

        async def run() -> None:
            function()

        self._run(run())

    def stop(self) -> None:
        """Stop every relay (their connections aborted), then the loop."""
        if self._thread.is_alive():
            for relay in self._relays:
                self._run(relay.stop())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(_STOP_S)
        self._loop.close()

    def _run(self, work: Coroutine[object, object, _T]) -> _T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(_STOP_S)

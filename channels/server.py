"""The hub's WebSocket server: a thin I/O layer around :class:`channels.hub.Hub`.

The `websockets` library does the handshake, keepalive and reading. Every
frame and every connection event goes into the hub with the time; after
each, the server carries out the hub's `outputs_to_send` and sets one timer
for the time the hub asks to be ticked at. Writing
is ours: each packet is framed once per channel and the same bytes are
written to every listener's socket, straight (one dict lookup and one
`os.write` per listener while its socket keeps up), which is what lets one
process serve a thousand listeners. Each connection has a bounded media backlog, so a slow
or stalled listener loses its own oldest media and never delays anyone else;
one that stays behind for STALL_LIMIT_S is closed (1013), which bounds what
the hub holds for it.

The server also does the file I/O that the hub must not: it polls the
revocation file (:mod:`channels.revocation`) and hands the hub each new list.

`HubServer` serves a `Hub` in this process. Its WebSocket side,
`ConnectionServer`, drives any `HubPort`: a cluster edge
(:mod:`channels.cluster.edge`) gives it the link to the core that runs the
hub, and so shares all of the above with the one-process hub.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import http
import itertools
import logging
import os
import signal
import socket
import ssl
import struct
import time
from collections import Counter, deque
from collections.abc import Callable, Coroutine
from typing import Protocol, Self

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.protocol import State

from channels import protocol as p
from channels.hub import Broadcast, Channel, Close, Forward, Hub, Output, Send, ToSend
from channels.revocation import RevocationFile, Revocations

log = logging.getLogger(__name__)

PING_INTERVAL_S = 2.0
PING_TIMEOUT_S = 4.0
"""A ping sent 2 s after the last answer and unanswered 4 s later: dead after 6 s."""
MAX_FRAME = 64 * 1024
"""Frames above this close the connection with 1009; up to it, oversize is refused politely."""
MEDIA_BACKLOG = 50
"""Packets a slow listener may have waiting (0.5 s at 10 ms) before its oldest are dropped."""
WRITE_LIMIT = 0
"""Bytes the transport of a plain (not TLS) connection may hold before it pauses: none, so
that such a connection not paused has nothing waiting in its transport, and the fan-out may
write media to its socket straight (see `Outbound`); what waits, waits in `Outbound`. Over
TLS the transport keeps websockets' limit (32 KiB): at 0, asyncio's TLS transport held
back a pong for good (the wss test in tests/channels/test_server.py)."""
STALL_LIMIT_S = 6.0
"""How long a connection may stay behind (its socket full, or its backlog never emptied)
before it is closed with 1013: as long as keepalive gives a client that does not answer.

Keepalive alone cannot catch a client that stopped reading once its socket is
full: websockets sends each ping only when the socket drains, so the ping
timeout never starts."""
TICK_S = 0.25
"""How often the server looks for stalled connections and a changed revocation file."""
CLOSE_TIMEOUT_S = 0.3
"""How long a closing handshake may take before the TCP connection is dropped.

Short, because a live interpreter's air is released only once the connection
is gone, and the field wants that within 1 s of the link dying."""

MESSAGES_PER_TURN = 16
"""Messages a welcomed connection may have handled before it gives the loop a turn; a
connection that has not said hello gives it a turn after every message."""
MAX_PENDING = 512
"""Connections that have not said hello (handshake included), in total; more are refused."""
MAX_PENDING_PER_ADDRESS = 64
"""Connections from one address that have not said hello; more are refused. Welcomed
connections do not count, so an audience behind one NAT address is not limited."""
PRESSURE_TIMEOUT_S = 1.0
"""Once half of MAX_PENDING is taken, a connection has this long, not 10 s for the
handshake and 5 s for hello, before it is dropped."""
PENALTY_S = 10.0
"""After a connection that had not said hello is closed for abuse (1008), its address may
open no new connection for this long: a flood that reconnects costs a refusal, not a
handshake, each time."""
PENDING_RCVBUF = 8192
"""The socket receive buffer of a connection until its hello (Linux doubles it): what it
can make the hub parse in one go. websockets parses all that one read brings before the
loop turns, so a flood from a connection with the default buffer (up to 256 KiB a read,
thousands of frames) stalls everyone for tens of milliseconds."""
ATTEMPT_BURST = 20
ATTEMPT_RATE_PER_S = 10.0
"""Connection attempts one address may make: ATTEMPT_BURST at once, then ATTEMPT_RATE_PER_S
a second. Beyond, the connection is closed as soon as it is accepted, with no answer, before
websockets sees it. An address with a participant connected who said hello is not limited,
so an audience behind one NAT address gets in at once after its first member."""
ATTEMPT_ADDRESSES = 4096
"""Addresses whose attempts are remembered (see `AttemptLimit`)."""
LOG_REPEAT_S = 10.0
"""A repeated log line is written once, then at most once per this interval, with a count."""

_OPEN = State.OPEN
_BUSY = b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%b"


class RepeatFilter(logging.Filter):
    """Let a log line through the first time, then once per ``interval`` with a count.

    Lines are the same when their logger and format string are (not their
    arguments), so a flood of one failure costs a line per interval, not one
    per occurrence. Install it on the loggers that a client can make write.
    """

    def __init__(
        self, interval: float = LOG_REPEAT_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self._interval = interval
        self._clock = clock
        self._seen: dict[tuple[str, str], tuple[float, int]] = {}
        """(logger, format) -> when it was last let through, and lines held back since."""

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = self._clock()
        seen = self._seen.get(key)
        if seen is None or now - seen[0] >= self._interval:
            held = seen[1] if seen is not None else 0
            self._seen[key] = (now, 0)
            if held:
                record.msg = f"{record.getMessage()} ({held} more like this not logged)"
                record.args = None
            return True
        self._seen[key] = (seen[0], seen[1] + 1)
        return False


def quiet_repeats(interval: float = LOG_REPEAT_S) -> RepeatFilter:
    """Rate-limit the hub's own log lines and those of asyncio and websockets."""
    repeats = RepeatFilter(interval)
    for name in (__name__, "asyncio", "websockets.server"):
        logging.getLogger(name).addFilter(repeats)
    return repeats


def frame(opcode: int, payload: bytes) -> bytes:
    """An unmasked, unfragmented server-to-client WebSocket frame (RFC 6455 5.2)."""
    size = len(payload)
    if size < 126:
        head = bytes((0x80 | opcode, size))
    elif size < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 126, size)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, size)
    return head + payload


TEXT, BINARY = 0x1, 0x2


class HubConnection(ServerConnection):
    """A server connection that tells its outbound queue when the socket fills and drains,
    and that asks the server's `Admission` whether it may be served at all."""

    outbound: Outbound | None = None
    admission: Admission
    address = ""
    accepted = 0.0
    welcomed = False
    closed_by_hub = False
    """The hub asked to close it: what it sent after is not handled."""
    rcvbuf = 0
    """The socket's receive buffer as the system made it, given back at the hello."""

    admitted = False
    """False: refused as it was accepted, and never handed to websockets."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        if self.admission.admit(self, transport):
            self.admitted = True
            super().connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.admitted:
            if self.outbound is not None:
                self.outbound.closing()
            self.admission.gone(self)
            super().connection_lost(exc)

    def pause_writing(self) -> None:
        super().pause_writing()
        if self.outbound is not None:
            self.outbound.fell_behind()

    def send_data(self) -> None:
        super().send_data()
        if self.outbound is not None and self.protocol.state is not _OPEN:
            self.outbound.closing()  # a close frame went out: no media after it

    def resume_writing(self) -> None:
        super().resume_writing()
        if self.outbound is not None:
            self.outbound.flush()


class AttemptLimit:
    """A token bucket of connection attempts per address: ``burst`` at once, then ``rate``
    a second. Ask `allow` at each attempt, with the time; False: refuse it.

    At most ``size`` addresses are remembered. One unseen for ``burst / rate`` seconds
    has a full bucket again and is forgotten; when the table is full, the one seen
    least lately is forgotten, so an attacker with many addresses gains a full bucket
    per address, never memory.
    """

    def __init__(
        self,
        burst: int = ATTEMPT_BURST,
        rate: float = ATTEMPT_RATE_PER_S,
        size: int = ATTEMPT_ADDRESSES,
    ) -> None:
        self.burst = burst
        self.rate = rate
        self.size = size
        self._buckets: dict[str, tuple[float, float]] = {}
        """Address -> its tokens and when it was last seen; the least lately seen first."""
        self.refused = 0

    def __len__(self) -> int:
        return len(self._buckets)

    def allow(self, address: str, now: float) -> bool:
        buckets = self._buckets
        seen = buckets.pop(address, None)
        if seen is None:
            tokens = float(self.burst)
        else:
            tokens = min(self.burst, seen[0] + max(0.0, now - seen[1]) * self.rate)
        refilled = self.burst / self.rate
        while buckets:
            oldest = next(iter(buckets))
            if len(buckets) < self.size and now - buckets[oldest][1] < refilled:
                break
            del buckets[oldest]
        allowed = tokens >= 1.0
        buckets[address] = (tokens - 1.0 if allowed else tokens, now)
        if not allowed:
            self.refused += 1
        return allowed


class Admission:
    """Which connections may wait for their hello, so that no one can use up the hub's
    file descriptors: see ATTEMPT_BURST, MAX_PENDING, MAX_PENDING_PER_ADDRESS,
    PENALTY_S and PRESSURE_TIMEOUT_S."""

    def __init__(
        self,
        clock: Callable[[], float],
        max_pending: int,
        max_per_address: int,
        attempts: AttemptLimit | None = None,
    ) -> None:
        self._clock = clock
        self.max_pending = max_pending
        self.max_per_address = max_per_address
        self.attempts = attempts if attempts is not None else AttemptLimit()
        self.pending: set[HubConnection] = set()
        self._per_address: Counter[str] = Counter()
        self._welcomed: Counter[str] = Counter()
        """Address -> connections from it that said hello and are still open."""
        self._penalty: dict[str, float] = {}
        """Address -> until when it may open no connection (see PENALTY_S)."""
        self.refused = 0
        """Connections answered HTTP 503; those over the attempt rate count in `attempts`."""

    def admit(self, connection: HubConnection, transport: asyncio.Transport) -> bool:
        """Whether the new connection may go on to its handshake; if not, its transport is
        closed here: at once past the attempt rate, after an HTTP 503 past the limits."""
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        now = self._clock()
        if not self._welcomed[address] and not self.attempts.allow(address, now):
            transport.abort()
            log.warning("refused connections from %s: over the attempt rate", address)
            return False
        if self._penalty.get(address, now) > now:
            self._busy(transport, "refused a connection from %s: closed for abuse lately", address)
            return False
        if (
            len(self.pending) >= self.max_pending
            or self._per_address[address] >= self.max_per_address
        ):
            self._busy(
                transport,
                "refused a connection from %s: %d waiting for hello (%d from that address)",
                address,
                len(self.pending),
                self._per_address[address],
            )
            return False
        connection.address = address
        connection.accepted = now
        sock = transport.get_extra_info("socket")
        if sock is not None:
            connection.rcvbuf = sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, PENDING_RCVBUF)
        self.pending.add(connection)
        self._per_address[address] += 1
        return True

    def _busy(self, transport: asyncio.Transport, why: str, *args: object) -> None:
        self.refused += 1
        log.warning(why, *args)
        body = b"the hub is busy: too many connections waiting for hello; retry later\n"
        transport.write(_BUSY % (len(body), body))
        transport.close()

    def welcome(self, connection: HubConnection) -> None:
        """The connection said hello: it no longer counts toward the limits, and its
        address is not held to the attempt rate while it stays."""
        connection.welcomed = True
        self._welcomed[connection.address] += 1
        self._forget(connection)
        sock = connection.transport.get_extra_info("socket")
        if sock is not None and connection.rcvbuf:
            # getsockopt reports the doubled size: set half of it to get it back.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, connection.rcvbuf // 2)

    def abused(self, connection: HubConnection) -> None:
        """The hub closed it for abuse: if it had not said hello, its address waits."""
        if not connection.welcomed and connection.address:
            now = self._clock()
            self._penalty = {a: t for a, t in self._penalty.items() if t > now}
            self._penalty[connection.address] = now + PENALTY_S

    def gone(self, connection: HubConnection) -> None:
        if connection.welcomed:
            self._welcomed[connection.address] -= 1
            if not self._welcomed[connection.address]:
                del self._welcomed[connection.address]
        self._forget(connection)

    def _forget(self, connection: HubConnection) -> None:
        if connection in self.pending:
            self.pending.discard(connection)
            self._per_address[connection.address] -= 1
            if not self._per_address[connection.address]:
                del self._per_address[connection.address]

    def overdue(self) -> list[HubConnection]:
        """Under pressure (half of max_pending taken), those waiting for over
        PRESSURE_TIMEOUT_S: drop them."""
        if 2 * len(self.pending) < self.max_pending:
            return []
        now = self._clock()
        return [c for c in self.pending if now - c.accepted > PRESSURE_TIMEOUT_S]


class Outbound:
    """What is waiting to be written to one client, in the order it should go.

    Control messages are never dropped; of the state snapshots only the newest
    is kept; media is bounded and loses its oldest packets first.

    While the connection is open, its socket takes data (not paused) and nothing
    waits, ``writers`` maps ``conn`` to a call that writes to it straight: `os.write`
    on its socket (TLS: its transport's ``write``). The fan-out writes media with it,
    hands what the socket did not take to `rest`, and calls `send_media` for the others.
    """

    __slots__ = (
        "behind_since",
        "clock",
        "conn",
        "connection",
        "control",
        "dropped",
        "media",
        "state",
        "transport",
        "write",
        "writers",
    )

    def __init__(
        self,
        connection: HubConnection,
        clock: Callable[[], float],
        conn: int,
        writers: dict[int, Callable[[bytes], int | None]],
    ) -> None:
        self.connection = connection
        self.transport = connection.transport
        self.clock = clock
        self.conn = conn
        self.writers = writers
        transport = connection.transport
        sock = transport.get_extra_info("socket")
        self.write: Callable[[bytes], int | None] = transport.write
        if sock is not None and transport.get_extra_info("ssl_object") is None:
            transport.set_write_buffer_limits(WRITE_LIMIT)
            self.write = functools.partial(os.write, sock.fileno())
        self.control: deque[bytes] = deque()
        self.state: bytes | None = None
        self.media: deque[bytes] = deque(maxlen=MEDIA_BACKLOG)
        self.dropped = 0
        self.behind_since: float | None = None
        """When the socket last filled up with nothing waiting before; None once all
        that waited has been written (the client caught up)."""
        self._settle()

    def fell_behind(self) -> None:
        self.writers.pop(self.conn, None)
        if self.behind_since is None:
            self.behind_since = self.clock()

    def closing(self) -> None:
        """The connection is closing: the fan-out no longer writes to it straight."""
        self.writers.pop(self.conn, None)

    def rest(self, data: bytes) -> None:
        """The part of a straight write that the socket did not take (or all of it, after
        an error): the transport keeps it, and pauses (`WRITE_LIMIT`) or reports the error."""
        self.transport.write(data)

    def send_media(self, data: bytes) -> None:
        connection = self.connection
        if connection.paused or self.media:
            if len(self.media) == MEDIA_BACKLOG:
                self.dropped += 1
            self.media.append(data)
            self.writers.pop(self.conn, None)
        elif connection.protocol.state is _OPEN and not self.transport.is_closing():
            self.transport.write(data)

    def send_control(self, data: bytes) -> None:
        if self.connection.paused or self.control or self.state:
            self.control.append(data)
            self.writers.pop(self.conn, None)
        elif self.connection.protocol.state is _OPEN and not self.transport.is_closing():
            self.transport.write(data)

    def send_state(self, data: bytes) -> None:
        if self.connection.paused or self.control or self.state:
            self.state = data
            self.writers.pop(self.conn, None)
        elif self.connection.protocol.state is _OPEN and not self.transport.is_closing():
            self.transport.write(data)

    def flush(self, *, force: bool = False) -> None:
        """Write what waits while the socket takes it (or all of it, when forced)."""
        if self.connection.protocol.state is not _OPEN or self.transport.is_closing():
            return
        write = self.transport.write
        while self.control and (force or not self.connection.paused):
            write(self.control.popleft())
        if self.state is not None and (force or not self.connection.paused):
            write(self.state)
            self.state = None
        if force:
            self.dropped += len(self.media)
            self.media.clear()
        while self.media and not self.connection.paused:
            write(self.media.popleft())
        if not (self.connection.paused or self.control or self.media or self.state):
            self.behind_since = None
        self._settle()

    def _settle(self) -> None:
        """Put the connection in ``writers`` if media may go straight to its socket."""
        connection = self.connection
        if (
            connection.paused
            or self.control
            or self.media
            or self.state is not None
            or connection.protocol.state is not _OPEN
            or self.transport.is_closing()
        ):
            self.writers.pop(self.conn, None)
        else:
            self.writers[self.conn] = self.write


class Member(Protocol):
    """Who a welcomed connection is, as far as the server needs to know."""

    @property
    def id(self) -> str: ...


class HubPort(Protocol):
    """The hub as the server drives it: `channels.hub.Hub` in one process, or on a cluster
    edge the link to the core that runs it (`channels.cluster.edge.CoreLink`)."""

    def connect(self, conn: int, now: float) -> None: ...
    def disconnect(self, conn: int, now: float) -> None: ...
    def receive_text(self, conn: int, data: str | bytes, now: float) -> None: ...
    def receive_media(self, conn: int, data: bytes, now: float) -> None: ...
    def tick(self, now: float) -> None: ...
    def outputs_to_send(self) -> ToSend: ...
    def participant_of(self, conn: int) -> Member | None: ...


class HubDriver:
    """Carries out what a hub asks for (``execute``) and ticks it when it asks to be.

    Call `pump` after every input given to the hub; `stop` when done.
    """

    def __init__(
        self,
        hub: HubPort,
        execute: Callable[[list[Output]], None],
        clock: Callable[[], float],
    ) -> None:
        self.hub = hub
        self._execute = execute
        self._clock = clock
        self._wake: asyncio.TimerHandle | None = None
        """The timer that ticks the hub when it asked to be."""
        self._wake_at: float | None = None
        self._retry_at = 0.0
        """After a failed tick: not before this time again, so that a bug cannot spin."""

    def pump(self) -> None:
        """Carry out what the hub asks for now, and set the timer for when it asks to be ticked."""
        outputs, wake_at = self.hub.outputs_to_send()
        if outputs:
            self._execute(outputs)
        if wake_at is not None and (self._wake_at is None or wake_at < self._wake_at):
            if self._wake is not None:
                self._wake.cancel()
            self._wake_at = wake_at = max(wake_at, self._retry_at)
            delay = max(0.0, wake_at - self._clock())
            self._wake = asyncio.get_running_loop().call_later(delay, self._woken)

    def _woken(self) -> None:
        self._wake = self._wake_at = None
        now = self._clock()
        try:
            self.hub.tick(now)
        except Exception:  # a bug must not stop the hub's clock for everyone
            log.exception("hub tick failed")
            self._retry_at = now + TICK_S
        self.pump()

    def stop(self) -> None:
        if self._wake is not None:
            self._wake.cancel()


class RevocationWatch:
    """Polls a revocation file (:mod:`channels.revocation`) every TICK_S and hands the
    hub each new list, then ``pump``. `start` once the loop runs; `stop` when done."""

    def __init__(
        self,
        hub: Hub,
        revocations: RevocationFile,
        pump: Callable[[], None],
        clock: Callable[[], float],
    ) -> None:
        self.hub = hub
        self._revocations = revocations
        self._pump = pump
        self._clock = clock
        self._io = asyncio.Lock()
        """One `stat` or read of the revocation file at a time, each on a thread."""
        self._tasks: set[asyncio.Task[None]] = set()
        self._poller: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Apply the list loaded already, and poll the file from now on."""
        self._revoke(self._revocations.current)
        self._poller = asyncio.create_task(self._poll_forever())

    def stop(self) -> None:
        if self._poller is not None:
            self._poller.cancel()

    def reload(self) -> None:
        """Re-read the revocation file now (SIGHUP), changed or not."""
        self._background(self._call(self._revocations.reload))

    async def _poll_forever(self) -> None:
        while True:
            await asyncio.sleep(TICK_S)
            if not self._io.locked():
                # Not awaited: a file system that hangs must not stop this poller.
                self._background(self._call(self._revocations.poll))

    def _background(self, work: Coroutine[None, None, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _call(self, call: Callable[[], Revocations | None]) -> None:
        """`poll` or `reload` the revocation file on a thread: even its `stat` may block."""
        async with self._io:
            try:
                revocations = await asyncio.to_thread(call)
            except Exception:  # a bug here must not stop the poller for everyone
                log.exception("revocation file not polled")
                return
        if revocations is not None:
            self._revoke(revocations)

    def _revoke(self, revocations: Revocations) -> None:
        for participant in self.hub.revoke(revocations, self._clock()):
            log.warning("closed the connection of %s: revoked", participant)
        self._pump()


class ConnectionServer:
    """The WebSocket side of a hub, on a host and port: connections, admission, write-once
    fan-out. `HubServer` serves a `Hub` in this process; a cluster edge
    (:mod:`channels.cluster.edge`) serves the link to its core."""

    def __init__(
        self,
        hub: HubPort,
        *,
        host: str = "127.0.0.1",
        port: int = 8765,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], float] = time.time,
        max_pending: int = MAX_PENDING,
        max_pending_per_address: int = MAX_PENDING_PER_ADDRESS,
        attempts: AttemptLimit | None = None,
    ) -> None:
        self.hub = hub
        self.host = host
        self.port = port
        self._ssl = ssl_context
        self._clock = clock
        self._ids = itertools.count(1)
        self._outbound: dict[int, Outbound] = {}
        self._writers: dict[int, Callable[[bytes], int | None]] = {}
        """The connections the fan-out writes media to straight (see `Outbound`)."""
        self._connections: dict[int, HubConnection] = {}
        self._server: Server | None = None
        self._ticker: asyncio.Task[None] | None = None
        # `_execute` is looked up at each call: the benchmarks' hub wraps it on the instance.
        self._driver = HubDriver(hub, lambda outputs: self._execute(outputs), clock)
        self.pump = self._pump = self._driver.pump
        """Carry out what the hub asks for now: call it after giving the hub an input
        that did not come from a connection (the cluster edge, for what its core sent)."""
        self._tasks: set[asyncio.Task[None]] = set()
        """Closes under way (see `_background`)."""
        self.admission = Admission(clock, max_pending, max_pending_per_address, attempts)
        self.shed = 0
        """Connections dropped under pressure, before their hello (see `Admission.overdue`)."""
        self._dropped_gone = 0
        """Media dropped from the backlogs of connections that are gone."""
        self.stalled_closed = 0
        """Connections closed because they stayed behind for STALL_LIMIT_S."""
        self._pending: dict[str, tuple[Channel, list[bytes]]] = {}
        self._fanout_due = False
        self.media_in = 0
        self.media_out = 0
        self.media_coalesced = 0
        """Packets that shared a write with the one before them (see `_forward`)."""

    async def start(self) -> None:
        class Connection(HubConnection):
            admission = self.admission

        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            ssl=self._ssl,
            subprotocols=[p.SUBPROTOCOL],  # type: ignore[list-item]
            compression=None,
            ping_interval=PING_INTERVAL_S,
            ping_timeout=PING_TIMEOUT_S,
            close_timeout=CLOSE_TIMEOUT_S,
            max_size=MAX_FRAME,
            process_request=self._check_path,
            create_connection=Connection,
        )
        sockets = list(self._server.sockets)
        if sockets:
            self.port = sockets[0].getsockname()[1]
        self._ticker = asyncio.create_task(self._tick_forever())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
        self._driver.stop()
        if self._server is not None:
            self._server.close()
            try:
                async with asyncio.timeout(2 * CLOSE_TIMEOUT_S):
                    await self._server.wait_closed()
            except TimeoutError:
                # A client that stopped reading never takes its close frame (see
                # `_close_connection`): drop what is left, or stopping would hang.
                for connection in list(self._connections.values()):
                    connection.transport.abort()
                await self._server.wait_closed()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        scheme = "wss" if self._ssl else "ws"
        return f"{scheme}://{self.host}:{self.port}{p.PATH}"

    def welcomed(self, conn: int) -> None:
        """The hub welcomed ``conn`` while it said nothing (the cluster edge learns it from
        the core): it no longer counts toward the admission limits."""
        connection = self._connections.get(conn)
        if connection is not None and not connection.welcomed:
            self.admission.welcome(connection)

    def backlog_dropped(self) -> int:
        """Media dropped from slow listeners' backlogs since the server started."""
        return self._dropped_gone + sum(o.dropped for o in self._outbound.values())

    def open_connections(self) -> int:
        """WebSocket connections whose handler is still running (closing ones included)."""
        return len(self._connections)

    # --- Connections -----------------------------------------------------------------

    def _check_path(self, connection: ServerConnection, request: Request) -> Response | None:
        if request.path.split("?", 1)[0] != p.PATH:
            return connection.respond(http.HTTPStatus.NOT_FOUND, f"rsi.v1 is served at {p.PATH}\n")
        return None

    async def _handle(self, connection: ServerConnection) -> None:
        assert isinstance(connection, HubConnection)
        conn = next(self._ids)
        outbound = Outbound(connection, self._clock, conn, self._writers)
        connection.outbound = outbound
        self._outbound[conn] = outbound
        self._connections[conn] = connection
        hub = self.hub
        hub.connect(conn, self._clock())
        self._pump()
        budget = 1
        try:
            async for message in connection:
                if connection.closed_by_hub:
                    # A flood closed for abuse costs no more than its close (which ends
                    # this loop); leaving the loop now would close with 1000 instead.
                    continue
                budget -= 1
                if not budget:
                    # Messages already read come out without a turn of the loop: give
                    # it one, so that no connection holds up the others (and those
                    # that have not said hello, at every message).
                    await asyncio.sleep(0)
                    budget = MESSAGES_PER_TURN if connection.welcomed else 1
                now = self._clock()
                # A bug must cost one message, not a meeting's connection.
                try:
                    if isinstance(message, str):
                        hub.receive_text(conn, message, now)
                    else:
                        hub.receive_media(conn, message, now)
                except Exception:
                    log.exception("connection %d: message not handled", conn)
                if not connection.welcomed and hub.participant_of(conn) is not None:
                    self.admission.welcome(connection)
                try:
                    self._pump()
                except Exception:
                    log.exception("connection %d: what the hub asked was not all done", conn)
        except ConnectionClosed:
            pass
        finally:
            self._forget_outbound(conn)
            self._connections.pop(conn, None)
            connection.outbound = None
            hub.disconnect(conn, self._clock())
            self._pump()

    def _execute(self, outputs: list[Output]) -> None:
        forwarded = False
        for output in outputs:
            if isinstance(output, Forward):
                self._forward(output)
                forwarded = True
            elif isinstance(output, Send):
                target = self._outbound.get(output.conn)
                if target is not None:
                    target.send_control(frame(TEXT, output.data))
            elif isinstance(output, Broadcast):
                data = frame(TEXT, output.data)
                for conn, target in self._outbound.items():
                    if self.hub.participant_of(conn) is not None:
                        target.send_state(data)
            else:
                self._close(output)
        if forwarded:
            self.media_in += 1  # one input, its packet forwarded on one channel or more

    def _forward(self, output: Forward) -> None:
        """Frame the packet now; write it to the channel's audience at the fan-out.

        The fan-out runs once the loop has nothing else ready (``call_soon``), so
        packets that arrived together (the hub fell behind for a moment) reach
        each listener in one write, at the cost of one system call instead of
        several. An idle hub adds no delay: the fan-out follows at once.
        """
        channel = output.channel
        waiting = self._pending.get(channel.id)
        if waiting is None:
            self._pending[channel.id] = (channel, [frame(BINARY, output.data)])
        else:
            waiting[1].append(frame(BINARY, output.data))
        if not self._fanout_due:
            self._fanout_due = True
            asyncio.get_running_loop().call_soon(self._fanout)

    def _fanout(self) -> None:
        """Write each channel's frames to its audience: straight to the transport of each
        connection that takes them now (``_writers``), through its `Outbound` (backlog,
        drops) for the others. The loop is the hub's per-listener cost: keep it bare."""
        self._fanout_due = False
        pending, self._pending = self._pending, {}
        outbound = self._outbound
        writer = self._writers.get
        for channel, frames in pending.values():
            data = frames[0] if len(frames) == 1 else b"".join(frames)
            size = len(data)
            for conn in channel.audience:
                write = writer(conn)
                if write is None:
                    if (target := outbound.get(conn)) is not None:
                        target.send_media(data)
                    continue
                try:
                    sent = write(data)
                except OSError:  # full (EAGAIN) or broken: the transport takes it from here
                    sent = 0
                if sent is not None and sent != size:
                    outbound[conn].rest(data[sent:])
            self.media_out += len(channel.audience) * len(frames)
            if len(frames) > 1:
                self.media_coalesced += len(frames) - 1

    def _close(self, output: Close) -> None:
        target = self._outbound.get(output.conn)
        connection = self._connections.get(output.conn)
        if target is not None:
            target.flush(force=True)  # the error that explains the close goes first
        if connection is not None:
            connection.closed_by_hub = True
            if output.code == p.CloseCode.ABUSE:
                self.admission.abused(connection)
            self._background(_close_connection(connection, output.code, output.reason))

    def _background(self, work: Coroutine[None, None, None]) -> None:
        """Run ``work`` as a task of its own, held until it is done."""
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _forget_outbound(self, conn: int) -> None:
        target = self._outbound.pop(conn, None)
        self._writers.pop(conn, None)
        if target is not None:
            self._dropped_gone += target.dropped
            target.connection.outbound = None

    # --- Time --------------------------------------------------------------------------

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(TICK_S)
            for duty in (self._close_stalled, self._shed_pending):
                try:
                    duty()
                except Exception:  # a bug here must not stop the ticker for everyone
                    log.exception("hub tick failed (%s)", duty.__name__)

    def _close_stalled(self) -> None:
        """Close connections that stayed behind for STALL_LIMIT_S (see `Outbound.behind_since`).

        Until then a stalled client only loses its own oldest media; after it,
        it is a socket buffer, a backlog and a queue of control messages held
        for nobody. The hub learns at once that it is gone, so an interpreter
        who stalls loses the air now, not when the TCP connection ends.
        """
        now = self._clock()
        closed = self.stalled_closed
        for conn, target in list(self._outbound.items()):
            since = target.behind_since
            if since is None or now - since < STALL_LIMIT_S:
                continue
            if target.connection.protocol.state is not _OPEN:
                continue  # being closed already (bounded by `_close_connection`)
            who = self.hub.participant_of(conn)
            log.warning(
                "connection %d (%s) closed with %d: behind for %.1f s, %d media packets dropped",
                conn,
                who.id if who is not None else "before hello",
                p.CloseCode.TOO_SLOW,
                now - since,
                target.dropped,
            )
            self._close(Close(conn, p.CloseCode.TOO_SLOW, "too slow: fell behind"))
            self._forget_outbound(conn)
            self.stalled_closed += 1
            self.hub.disconnect(conn, now)
        if self.stalled_closed != closed:
            self._pump()

    def _shed_pending(self) -> None:
        """Under pressure, drop the connections that have waited too long for their hello."""
        for connection in self.admission.overdue():
            self.admission.gone(connection)
            connection.transport.abort()
            self.shed += 1


class HubServer(ConnectionServer):
    """Serve one meeting's hub on a host and port, in this process."""

    hub: Hub

    def __init__(
        self,
        hub: Hub,
        *,
        host: str = "127.0.0.1",
        port: int = 8765,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], float] = time.time,
        revocations: RevocationFile | None = None,
        max_pending: int = MAX_PENDING,
        max_pending_per_address: int = MAX_PENDING_PER_ADDRESS,
        attempts: AttemptLimit | None = None,
    ) -> None:
        super().__init__(
            hub,
            host=host,
            port=port,
            ssl_context=ssl_context,
            clock=clock,
            max_pending=max_pending,
            max_pending_per_address=max_pending_per_address,
            attempts=attempts,
        )
        self._revocations = (
            RevocationWatch(hub, revocations, self._pump, clock) if revocations else None
        )

    async def start(self) -> None:
        await super().start()
        if self._revocations is not None:
            self._revocations.start()

    async def stop(self) -> None:
        if self._revocations is not None:
            self._revocations.stop()
        await super().stop()

    def reload_revocations(self) -> None:
        """Re-read the revocation file now (SIGHUP), changed or not."""
        if self._revocations is None:
            log.warning("asked to reload the revocation list, but this hub has no revocation file")
            return
        self._revocations.reload()


async def _close_connection(connection: HubConnection, code: int, reason: str) -> None:
    """Close with a handshake if the client takes it; else drop the TCP connection.

    websockets starts its own close timeout only once the close frame has been
    written to the socket, and waits for a full socket to drain first: for a
    client that stopped reading, that is for ever, with its handler and
    buffers held. So the whole close is bounded here.
    """
    try:
        async with asyncio.timeout(2 * CLOSE_TIMEOUT_S):
            await connection.close(code, reason)
    except TimeoutError:
        connection.transport.abort()


async def run(
    hub: Hub,
    *,
    host: str,
    port: int,
    ssl_context: ssl.SSLContext | None,
    revocations: RevocationFile | None = None,
    max_pending: int = MAX_PENDING,
    max_pending_per_address: int = MAX_PENDING_PER_ADDRESS,
) -> None:
    """Serve until cancelled (Ctrl-C); SIGHUP re-reads the revocation file."""
    quiet_repeats()
    server = HubServer(
        hub,
        host=host,
        port=port,
        ssl_context=ssl_context,
        revocations=revocations,
        max_pending=max_pending,
        max_pending_per_address=max_pending_per_address,
    )
    async with server:
        log.info("meeting %s served at %s", hub.meeting.id, server.url)
        with contextlib.suppress(NotImplementedError, AttributeError):  # no SIGHUP on Windows
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, server.reload_revocations)
        # Everything built so far lives as long as the process: keep it out of the
        # collector's way, so full collections stay short during the meeting.
        gc.freeze()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.Future()

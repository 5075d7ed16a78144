"""Minimal rsi.v1 WebSocket clients for load tests: cheap enough to run thousands.

The `websockets` client costs far more per received frame than the hub spends
writing it, so a load process built on it would measure itself, not the hub.
These clients are plain asyncio protocols (:class:`asyncio.BufferedProtocol`,
so that reads go into one preallocated buffer):

- the opening handshake is one HTTP request (subprotocol ``rsi.v1``), checked
  for ``101`` and the right ``Sec-WebSocket-Accept``;
- server frames (unmasked) are parsed in one loop per read, with
  media handled inline: no message objects, no queues, no coroutines;
- client frames are masked, as RFC 6455 requires; pings are answered with
  pongs, so the hub keeps the connection (it closes it after 6 s of silence).

A :class:`Listener` reads the send time that a :class:`Source` puts into each
packet's payload and records ``receive time - send time`` for packets the
source marked as inside the measuring window. Source and listeners live in
the same process, so both times come from one clock (``time.monotonic_ns``).

Payload layout (after the RTP header, which the hub rewrites)::

    byte 0       1 if the packet is inside the measuring window, else 0
    bytes 1-8    send time, time.monotonic_ns(), little endian
    bytes 9-12   the source's own packet counter, little endian
    the rest     filler up to PAYLOAD_BYTES
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import resource
import select
import struct
import time
from array import array
from collections.abc import Callable
from typing import Any

import msgspec

from channels import protocol as p
from channels.rtp import OPUS_CLOCK_RATE, audio_level_extension, build

PAYLOAD_BYTES = 120
"""About what Opus puts in a 10 ms packet at 64-96 kb/s."""
FRAME_MS = 10
FRAME_TICKS = OPUS_CLOCK_RATE * FRAME_MS // 1000

_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_MARK = struct.Struct("<BQI")
_TEXT, _BINARY, _CLOSE, _PING, _PONG = 0x1, 0x2, 0x8, 0x9, 0xA
_json = msgspec.json.Encoder()
"""Writes the commands as given, checked or not: a load client may send anything."""

_RECEIVE_BUFFER = bytearray(256 * 1024)
"""One receive buffer for every connection: each read is parsed before the next.

asyncio's plain `Protocol` path reads with ``sock.recv(256 KiB)``, which
allocates (and gives back) 256 KiB per read: about 12 us per call here, more
than everything else a listener does with a frame. `recv_into` a buffer
allocated once costs nothing of the kind.
"""
_RECEIVE_VIEW = memoryview(_RECEIVE_BUFFER)
_RECEIVE_BUFFERS = (_RECEIVE_VIEW,)
SWEEP_S = 0.05
"""How often a :class:`ListenerFarm` reads the clients that are not probes."""


def raise_nofile_limit(wanted: int = 65536) -> int:
    """Raise the soft limit on open files as far as the hard limit allows; return it.

    Thousands of connections need as many descriptors: the load's and the hub's processes
    call it first.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft == resource.RLIM_INFINITY or soft >= target:
        return soft
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def read_mark(packet: bytes) -> tuple[bool, int]:
    """(inside the window, send time in ns) from a packet the source sent, as forwarded."""
    first = packet[0]
    payload = 12 + 4 * (first & 0x0F)
    if first & 0x10:
        payload += 4 + 4 * ((packet[payload + 2] << 8) | packet[payload + 3])
    window, sent, _ = _MARK.unpack_from(packet, payload)
    return bool(window), sent


class HandshakeError(ConnectionError):
    """The hub did not accept the connection or the hello."""


def client_frame(opcode: int, payload: bytes) -> bytes:
    """A masked, unfragmented client-to-server frame (RFC 6455 5.2, 5.3)."""
    size = len(payload)
    if size < 126:
        head = bytes((0x80 | opcode, 0x80 | size))
    elif size < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, size)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, size)
    key = os.urandom(4)
    return head + key + _mask(payload, key)


def upgrade_request(
    host: str,
    port: int,
    key: bytes,
    *,
    path: str = p.PATH,
    subprotocol: str | None = p.SUBPROTOCOL,
    extensions: str | None = None,
) -> bytes:
    """The opening handshake's HTTP request (RFC 6455 4.1); ``key``: Sec-WebSocket-Key."""
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key.decode()}",
        "Sec-WebSocket-Version: 13",
    ]
    if extensions is not None:
        lines.append(f"Sec-WebSocket-Extensions: {extensions}")
    if subprotocol is not None:
        lines.append(f"Sec-WebSocket-Protocol: {subprotocol}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def response_head(head: bytes) -> tuple[int, dict[str, str]]:
    """The status code and headers (names in lower case) of an HTTP response's head."""
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers


def _mask(data: bytes, key: bytes) -> bytes:
    size = len(data)
    if not size:
        return b""
    keys = (key * (size // 4 + 1))[:size]
    return (int.from_bytes(data, "little") ^ int.from_bytes(keys, "little")).to_bytes(
        size, "little"
    )


def _ignore(delay_ns: int) -> None:
    """A client without recorder: delays go nowhere."""


class Recorder:
    """What all listeners of one run share: the delays they measured."""

    __slots__ = ("delays_ns",)

    def __init__(self) -> None:
        self.delays_ns = array("q")


class Client(asyncio.BufferedProtocol):
    """One rsi.v1 connection: handshake, hello, then frames.

    `welcomed` resolves with the `welcome` message, or fails with
    :class:`HandshakeError` if the hub refuses the upgrade, the token, or
    closes the connection first.
    """

    def __init__(
        self,
        host: str,
        port: int,
        token: str,
        *,
        after_hello: list[dict[str, Any]] | None = None,
        recorder: Recorder | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.token = token
        self.after_hello = after_hello or []
        self._record = recorder.delays_ns.append if recorder is not None else _ignore
        self.transport: asyncio.Transport | None = None
        self.welcomed: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._key = base64.b64encode(os.urandom(16))
        self._buffer = b""
        self._upgraded = False
        self.closed = False
        self.close_code: int | None = None
        self.frames = 0
        """Media frames received, in or out of the window."""
        self.in_window = 0
        """Media frames received that the source marked as inside the window."""
        self.errors = 0
        """`error` messages received after the welcome."""
        self.seq = -1
        """The RTP sequence number of the last media frame (-1: none yet)."""
        self.last_ns = 0
        """When the last media frame came (``time.monotonic_ns``)."""
        self.lost = 0
        """Packets missing between two media frames (gaps in the channel's sequence)."""
        self.closed_ns = 0
        """When the connection was lost (0: not yet)."""
        self.on_close: Callable[[Client], None] | None = None
        """Called once the connection is lost (after the welcome or before it)."""

    # --- asyncio.BufferedProtocol ---------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(upgrade_request(self.host, self.port, self._key))

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.closed_ns = time.monotonic_ns()
        if self.on_close is not None:
            self.on_close(self)
        if not self.welcomed.done():
            self.welcomed.set_exception(
                HandshakeError(f"connection lost before welcome (close code {self.close_code})")
            )

    def get_buffer(self, sizehint: int) -> memoryview:
        return _RECEIVE_VIEW

    def buffer_updated(self, nbytes: int) -> None:
        now = time.monotonic_ns()
        if self._buffer:
            data: bytes | bytearray = self._buffer + _RECEIVE_BUFFER[:nbytes]
            self._buffer = b""
            size = len(data)
        else:
            data = _RECEIVE_BUFFER
            size = nbytes
        if not self._upgraded:
            data = self._upgrade(bytes(data[:size]))
            size = len(data)
            if not size:
                return
        at = 0
        record = self._record
        while at + 2 <= size:
            first = data[at]
            length = data[at + 1] & 0x7F
            start = at + 2
            if length == 126:
                if start + 2 > size:
                    break
                length = (data[start] << 8) | data[start + 1]
                start += 2
            elif length == 127:
                if start + 8 > size:
                    break
                length = int.from_bytes(data[start : start + 8], "big")
                start += 8
            end = start + length
            if end > size:
                break
            if first == 0x82:  # FIN + binary: one RTP packet
                self.frames += 1
                seq = (data[start + 2] << 8) | data[start + 3]
                if (seq - self.seq) & 0xFFFF != 1:
                    self.skipped(seq, now)
                self.seq = seq
                self.last_ns = now
                rtp = data[start]
                payload = start + 12 + 4 * (rtp & 0x0F)
                if rtp & 0x10:
                    payload += 4 + 4 * ((data[payload + 2] << 8) | data[payload + 3])
                if data[payload]:
                    self.in_window += 1
                    record(now - int.from_bytes(data[payload + 1 : payload + 9], "little"))
            else:
                self._control(first & 0x0F, bytes(data[start:end]))
            at = end
        if at < size:
            self._buffer = bytes(data[at:size])

    # --- Protocol details ---------------------------------------------------------------

    def _upgrade(self, data: bytes) -> bytes:
        """Consume the HTTP response; return what follows it (the first frames)."""
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            if len(data) > 16384:
                self._fail("oversize HTTP response")
            else:
                self._buffer = data
            return b""
        status, headers = response_head(head)
        if status != 101:
            self._fail(f"upgrade refused: HTTP status {status}")
            return b""
        accept = base64.b64encode(hashlib.sha1(self._key + _GUID).digest()).decode()
        if headers.get("sec-websocket-accept") != accept:
            self._fail("wrong Sec-WebSocket-Accept")
            return b""
        if headers.get("sec-websocket-protocol") != p.SUBPROTOCOL:
            self._fail(f"subprotocol {headers.get('sec-websocket-protocol')!r}, not rsi.v1")
            return b""
        self._upgraded = True
        messages = [{"type": "hello", "token": self.token, "client": "bench/1"}]
        self.send_many(messages + self.after_hello)
        return rest

    def _control(self, opcode: int, payload: bytes) -> None:
        if opcode == _TEXT:
            if self.welcomed.done():
                self.received(payload)
                return
            message = json.loads(payload)
            if message.get("type") == "welcome":
                self.welcomed.set_result(message)
            elif message.get("type") == "error":
                self._fail(f"hub refused hello: {message.get('message')}")
        elif opcode == _PING:
            self._write(client_frame(_PONG, payload))
        elif opcode == _CLOSE:
            if len(payload) >= 2:
                self.close_code = int.from_bytes(payload[:2], "big")
            self._write(client_frame(_CLOSE, payload[:2]))
            if self.transport is not None:
                self.transport.close()

    def skipped(self, seq: int, now: int) -> None:
        """A media frame that does not follow the last one (or the first): counts the packets
        missing between them (a frame older than the last counts nothing)."""
        if self.seq >= 0:
            missing = (seq - self.seq - 1) & 0xFFFF
            if missing < 0x8000:
                self.lost += missing

    def received(self, text: bytes) -> None:
        """A text message after the welcome (JSON, undecoded): counts ``error`` messages.

        A client that follows the meeting overrides it.
        """
        if text.startswith(b'{"type":"error"'):
            self.errors += 1

    def _fail(self, why: str) -> None:
        if not self.welcomed.done():
            self.welcomed.set_exception(HandshakeError(why))
        if self.transport is not None:
            self.transport.abort()

    def _write(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)

    def send(self, message: dict[str, Any]) -> None:
        self._write(client_frame(_TEXT, _json.encode(message)))

    def send_many(self, messages: list[dict[str, Any]]) -> None:
        self._write(b"".join(client_frame(_TEXT, _json.encode(m)) for m in messages))

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.abort()


class Listener(Client):
    """A listener that listens to one channel as soon as it is welcomed."""

    def __init__(
        self, host: str, port: int, token: str, channel: str, recorder: Recorder | None
    ) -> None:
        self.channel = channel
        super().__init__(
            host,
            port,
            token,
            after_hello=[{"type": "listen", "channels": [channel]}],
            recorder=recorder,
        )


class Source(Client):
    """The floor: takes the air on the floor channel and sends a 10 ms packet every 10 ms.

    Each payload carries its send time; `measuring` marks the packets of the
    measuring window. If the event loop is late, the source does not catch
    up with a burst: it sends the next packet and carries on, so a saturated
    load process shows as fewer packets per second, never as a false delay.
    """

    def __init__(self, host: str, port: int, token: str) -> None:
        super().__init__(
            host, port, token, after_hello=[{"type": "mic", "on": True, "channel": "floor"}]
        )
        self.ssrc = 0
        self.sent = 0
        self.sent_in_window = 0
        self.late = 0
        """Ticks that fired more than one packet interval late."""
        self.measuring = False
        self._timer: asyncio.TimerHandle | None = None
        self._next = 0.0
        self._filler = bytes(range(PAYLOAD_BYTES - _MARK.size))
        self._extension = audio_level_extension(30, True)

    async def ready(self) -> None:
        welcome = await self.welcomed
        self.ssrc = int(welcome["participant"]["ssrc"])

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._next = loop.time()
        self._tick()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        period = FRAME_MS / 1000
        self._send_packet()
        now = loop.time()
        self._next += period
        if now - self._next > period:
            self.late += 1
            self._next = now
        self._timer = loop.call_at(self._next, self._tick)

    def _send_packet(self) -> None:
        count = self.sent
        window = self.measuring
        packet_head = build(
            sequence=count,
            timestamp=count * FRAME_TICKS,
            ssrc=self.ssrc,
            payload=b"",
            extension=self._extension,
        )
        mark = _MARK.pack(1 if window else 0, time.monotonic_ns(), count & 0xFFFFFFFF)
        self._write(client_frame(_BINARY, packet_head + mark + self._filler))
        self.sent += 1
        if window:
            self.sent_in_window += 1


class ListenerFarm:
    """Reads the media of many welcomed clients outside asyncio's dispatch: the probes as
    soon as a frame comes, the others every SWEEP_S.

    asyncio hands each readable socket to its protocol through a selector key,
    a handle and a transport method: about 4 us of Python per read, as much as
    the hub spends writing the frame. Once a client is welcomed, the farm
    takes over its reading (the transport stops reading; writes, such as
    pongs, still go through the transport) and reads its socket straight into
    the shared buffer, parsing it with the client's own :meth:`Client.buffer_updated`.

    A probe (``adopt(client, probe=True)``) is read through one epoll the moment a frame
    arrives, so its delays are true. Any other client is read every SWEEP_S, all the frames
    that came meanwhile in one system call: it counts frames, their window marks and gaps
    exactly, at a fraction of the cost, but its receive times are late by up to SWEEP_S, so
    it should record no delays (no recorder). The farm's epoll is itself one reader of the
    asyncio loop, so timers (the source) and the transports still run.
    """

    def __init__(self) -> None:
        self._epoll = select.epoll()
        self._clients: dict[int, Client] = {}
        self._swept: dict[int, Client] = {}
        self._loop = asyncio.get_running_loop()
        self._loop.add_reader(self._epoll.fileno(), self._ready)
        self._sweep_timer: asyncio.TimerHandle | None = None

    def adopt(self, client: Client, *, probe: bool = True) -> None:
        transport = client.transport
        if transport is None or transport.is_closing():
            return
        sock = transport.get_extra_info("socket")
        fd = sock.fileno()
        transport.pause_reading()
        if probe:
            self._clients[fd] = client
            self._epoll.register(fd, select.EPOLLIN | select.EPOLLRDHUP)
            return
        self._swept[fd] = client
        if self._sweep_timer is None:
            self._sweep_timer = self._loop.call_later(SWEEP_S, self._sweep)

    def close(self) -> None:
        self._loop.remove_reader(self._epoll.fileno())
        self._epoll.close()
        if self._sweep_timer is not None:
            self._sweep_timer.cancel()
        self._clients.clear()
        self._swept.clear()

    def _ready(self) -> None:
        clients = self._clients
        for fd, _ in self._epoll.poll(0):
            client = clients.get(fd)
            if client is not None and not _read(fd, client):
                self._epoll.unregister(fd)
                del clients[fd]

    def _sweep(self) -> None:
        swept = self._swept
        for fd, client in list(swept.items()):
            if not _read(fd, client):
                del swept[fd]
        self._sweep_timer = self._loop.call_later(SWEEP_S, self._sweep)


def _read(fd: int, client: Client) -> bool:
    """Read what waits on ``fd`` into ``client``; False at end of stream or reset (the socket
    is given back to its transport, which closes)."""
    try:
        nbytes = os.readv(fd, _RECEIVE_BUFFERS)
    except BlockingIOError:
        return True
    except OSError:
        nbytes = 0
    if nbytes:
        client.buffer_updated(nbytes)
        return True
    client.closed = True
    client.abort()
    return False

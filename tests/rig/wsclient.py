"""A small rsi.v1 test client over a real WebSocket connection.

It connects with the subprotocol ``rsi.v1``, says hello, and runs a
background reader that sorts what the hub sends: text frames become JSON
messages kept in order (and the newest meeting snapshot is remembered);
binary frames are parsed as RTP and queued with the time they arrived::

    async with HubServer(Hub(meeting), port=0) as server:
        chair = await WsClient.join(server.url, token(meeting, "chair", "floor"))
        await chair.send({"type": "mic", "on": True, "channel": "floor"})
        await chair.expect("state", lambda m: on_air(m, "floor") == "chair")
        await chair.send_rtp(sequence=1, timestamp=960, payload=b"x")

`expect` takes the first waiting message of a type that matches a predicate
and leaves the others for later calls, so a test can wait for the messages
it cares about in any order.

:func:`raw_handshake` opens a plain TCP connection and does the opening
handshake by hand, for tests that must see the bytes the hub sends (ping
frames, for instance) without a client library answering for them.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import socket
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from channels.hub import Hub
from channels.meeting import MeetingConfig, simple_meeting
from channels.protocol import SUBPROTOCOL
from channels.rtp import RtpError, RtpPacket, audio_level_extension, build, parse
from channels.server import HubServer
from channels.tokens import issue
from tests.rig.loadclient import client_frame, response_head, upgrade_request

DEFAULT_TIMEOUT = 2.0

Message = dict[str, Any]
Predicate = Callable[[Message], bool]


def token(meeting: MeetingConfig, sub: str, role: str, booth: str | None = None, **kw: Any) -> str:
    """A token for ``sub`` in ``meeting``, named after its id."""
    return issue(meeting, sub=sub, name=sub.upper(), role=role, booth=booth, **kw)


@dataclass(frozen=True, slots=True)
class Received:
    """One binary frame as it arrived: the parsed packet, its bytes and the time."""

    packet: RtpPacket
    data: bytes
    at: float


class WsClient:
    """One participant's connection to the hub."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.welcome: Message | None = None
        self.messages: list[Message] = []
        """Messages not yet taken by `expect`, oldest first."""
        self.history: list[Message] = []
        """Every message received, in order (`expect` does not remove from it)."""
        self.media: asyncio.Queue[Received] = asyncio.Queue()
        self.unparsable: list[bytes] = []
        self._arrived = asyncio.Condition()
        self._state: Message | None = None
        self.stalled = False
        self._reader = asyncio.create_task(self._read())

    # --- Opening ---------------------------------------------------------------------

    @classmethod
    async def open(cls, url: str, **kw: Any) -> WsClient:
        """Connect (subprotocol rsi.v1, no keepalive of our own) without saying hello."""
        kw.setdefault("subprotocols", [SUBPROTOCOL])
        kw.setdefault("ping_interval", None)
        kw.setdefault("open_timeout", DEFAULT_TIMEOUT)
        kw.setdefault("close_timeout", 1)
        ws = await connect(url, **kw)
        return cls(ws)

    @classmethod
    async def join(
        cls,
        url: str,
        token: str,
        *,
        listen: list[str] | None = None,
        resume: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        **kw: Any,
    ) -> WsClient:
        """Connect, say hello, wait for `welcome` and, if asked, start listening.

        ``timeout`` bounds each step (a slow or impaired link needs more).
        """
        kw.setdefault("open_timeout", timeout)
        client = await cls.open(url, **kw)
        await client.hello(token, resume=resume, timeout=timeout)
        if listen is not None:
            await client.listen(listen, timeout)
        return client

    async def hello(
        self, token: str, *, resume: str | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> Message:
        hello: Message = {"type": "hello", "token": token, "client": "wsclient/1"}
        if resume is not None:
            hello["resume"] = resume
        await self.send(hello)
        self.welcome = await self.expect("welcome", timeout=timeout)
        return self.welcome

    async def listen(self, channels: list[str], timeout: float = DEFAULT_TIMEOUT) -> Message:
        """Listen to `channels` and wait until a snapshot shows it (for non-listeners)."""
        await self.send({"type": "listen", "channels": channels})
        if self.role == "listener":
            # Listeners are a count in the snapshot: a ping round trip proves the
            # hub has handled the listen (messages are handled in order).
            await self.ping(timeout=timeout)
            return self.latest_state()
        return await self.expect_state(
            lambda m: participant(m, self.id)["listening"] == channels, timeout
        )

    # --- Identity --------------------------------------------------------------------

    @property
    def id(self) -> str:
        assert self.welcome is not None
        return str(self.welcome["participant"]["id"])

    @property
    def ssrc(self) -> int:
        assert self.welcome is not None
        return int(self.welcome["participant"]["ssrc"])

    @property
    def role(self) -> str:
        assert self.welcome is not None
        return str(self.welcome["participant"]["role"])

    # --- Sending ---------------------------------------------------------------------

    async def send(self, message: Message) -> None:
        await self.ws.send(json.dumps(message))

    async def send_text(self, text: str) -> None:
        await self.ws.send(text)

    async def send_bytes(self, data: bytes) -> None:
        await self.ws.send(data)

    async def send_rtp(
        self,
        sequence: int,
        timestamp: int | None = None,
        payload: bytes = b"\xf8\xff\xfe",
        *,
        marker: bool = False,
        level: int | None = 30,
        ssrc: int | None = None,
        **kw: Any,
    ) -> bytes:
        """Send one RTP packet with our SSRC (and an RFC 6464 level); return its bytes."""
        data = build(
            sequence=sequence,
            timestamp=sequence * 960 if timestamp is None else timestamp,
            ssrc=self.ssrc if ssrc is None else ssrc,
            payload=payload,
            marker=marker,
            extension=None if level is None else audio_level_extension(level, True),
            **kw,
        )
        await self.ws.send(data)
        return data

    async def ping(self, t: float | None = None, timeout: float = DEFAULT_TIMEOUT) -> Message:
        t = time.monotonic() if t is None else t
        await self.send({"type": "ping", "t": t})
        return await self.expect("pong", lambda m: m.get("t") == t, timeout)

    # --- Receiving -------------------------------------------------------------------

    async def _read(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for frame in self.ws:
                now = time.monotonic()
                if isinstance(frame, bytes):
                    try:
                        self.media.put_nowait(Received(parse(frame), frame, now))
                    except (RtpError, ValueError, IndexError):
                        self.unparsable.append(frame)
                    continue
                message = json.loads(frame)
                if message.get("type") == "welcome" or message.get("type") == "state":
                    self._state = message["meeting"]
                async with self._arrived:
                    self.messages.append(message)
                    self.history.append(message)
                    self._arrived.notify_all()
        async with self._arrived:
            self._arrived.notify_all()

    async def expect(
        self,
        type_: str,
        predicate: Predicate | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        drop_older: bool = False,
    ) -> Message:
        """Take the first waiting message of `type_` that matches `predicate`.

        With `drop_older`, waiting messages of the same type that came before it
        are dropped too (older snapshots are stale once a newer one matched).
        Fails (AssertionError) after `timeout` seconds, or when the connection
        closes first, saying what did arrive.
        """

        def find() -> Message | None:
            for index, message in enumerate(self.messages):
                if message.get("type") == type_ and (predicate is None or predicate(message)):
                    if drop_older:
                        earlier = [m for m in self.messages[:index] if m.get("type") != type_]
                        self.messages = earlier + self.messages[index + 1 :]
                        return message
                    return self.messages.pop(index)
            return None

        try:
            async with asyncio.timeout(timeout), self._arrived:
                while True:
                    found = find()
                    if found is not None:
                        return found
                    if self._reader.done():
                        raise AssertionError(
                            f"connection closed ({self.close_code}) before a {type_!r} "
                            f"arrived; waiting: {self._summary()}"
                        )
                    await self._arrived.wait()
        except TimeoutError:
            raise AssertionError(
                f"no {type_!r} matching within {timeout} s; waiting: {self._summary()}"
            ) from None

    async def expect_state(
        self, predicate: Callable[[Message], bool], timeout: float = DEFAULT_TIMEOUT
    ) -> Message:
        """The meeting of the first waiting `state` whose meeting matches `predicate`.

        States older than it are dropped: a later wait only sees newer snapshots.
        Call `take("state")` first when an old snapshot could match as well.
        """
        message = await self.expect(
            "state", lambda m: predicate(m["meeting"]), timeout, drop_older=True
        )
        return dict(message["meeting"])

    def take(self, type_: str) -> list[Message]:
        """Every waiting message of `type_`, removed from the waiting list."""
        taken = [m for m in self.messages if m.get("type") == type_]
        self.messages = [m for m in self.messages if m.get("type") != type_]
        return taken

    def latest_state(self) -> Message:
        """The newest meeting snapshot received (from `welcome` or `state`)."""
        assert self._state is not None, "no snapshot received yet"
        return self._state

    async def next_packet(self, timeout: float = DEFAULT_TIMEOUT) -> Received:
        try:
            return await asyncio.wait_for(self.media.get(), timeout)
        except TimeoutError:
            raise AssertionError(f"no media within {timeout} s") from None

    async def packets_until(
        self, predicate: Callable[[Received], bool], timeout: float = DEFAULT_TIMEOUT
    ) -> list[Received]:
        """Packets received up to and including the first that matches `predicate`."""
        out: list[Received] = []
        async with asyncio.timeout(timeout):
            while True:
                got = await self.media.get()
                out.append(got)
                if predicate(got):
                    return out

    def drain_media(self) -> list[Received]:
        """Every packet received and not yet taken."""
        out = []
        while not self.media.empty():
            out.append(self.media.get_nowait())
        return out

    async def quiet_media(self, for_s: float) -> list[Received]:
        """Wait `for_s` seconds and return what arrived (expected: nothing)."""
        await asyncio.sleep(for_s)
        return self.drain_media()

    def _summary(self) -> str:
        return (
            ", ".join(
                m.get("type", "?") + (f"({m.get('code')})" if m.get("type") == "error" else "")
                for m in self.messages[-20:]
            )
            or "nothing"
        )

    # --- Closing ---------------------------------------------------------------------

    @property
    def close_code(self) -> int | None:
        return self.ws.close_code

    async def wait_closed(self, timeout: float = DEFAULT_TIMEOUT) -> int | None:
        """Wait until the hub closes the connection; return the close code it sent."""
        try:
            await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        except TimeoutError:
            raise AssertionError(f"the connection is still open after {timeout} s") from None
        await self.ws.wait_closed()
        return self.ws.close_code

    def stall(self) -> None:
        """Stop reading the socket, as a frozen client would: the hub's writes back up."""
        self.stalled = True
        self.ws.transport.pause_reading()

    def abort(self) -> None:
        """Drop the TCP connection at once: no close frame, as on a crash or a lost link."""
        self.ws.transport.abort()

    async def close(self) -> None:
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader
        if not self.stalled:  # a stalled client could not finish a closing handshake
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 1.0)
        self.ws.transport.abort()

    async def __aenter__(self) -> WsClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


# --- Snapshot helpers ------------------------------------------------------------------


def channel(meeting: Message, channel_id: str) -> Message:
    return next(ch for ch in meeting["channels"] if ch["id"] == channel_id)


def on_air(meeting: Message, channel_id: str) -> str | None:
    speaker: str | None = channel(meeting, channel_id)["on_air"]
    return speaker


def participant(meeting: Message, participant_id: str) -> Message:
    for x in meeting["participants"]:
        if x["id"] == participant_id:
            return dict(x)
    return defaultdict(lambda: None, id=participant_id)  # not (yet) in the meeting


def booth(meeting: Message, booth_id: str) -> Message:
    return next(b for b in meeting["booths"] if b["id"] == booth_id)


# --- By hand ----------------------------------------------------------------------------


@dataclass(slots=True)
class RawConnection:
    """A WebSocket connection with the handshake done by hand, for reading raw frames."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    status: int
    headers: dict[str, str]

    async def read_frame(self) -> tuple[int, bytes]:
        """One server frame (unmasked): (opcode, payload)."""
        head = await self.reader.readexactly(2)
        opcode, size = head[0] & 0x0F, head[1] & 0x7F
        if size == 126:
            size = int.from_bytes(await self.reader.readexactly(2), "big")
        elif size == 127:
            size = int.from_bytes(await self.reader.readexactly(8), "big")
        return opcode, await self.reader.readexactly(size)

    def send_frame(self, opcode: int, payload: bytes) -> None:
        """One masked client frame."""
        self.writer.write(client_frame(opcode, payload))

    def close(self) -> None:
        self.writer.transport.abort()


async def raw_handshake(
    url: str,
    *,
    subprotocol: str | None = SUBPROTOCOL,
    path: str | None = None,
    rcvbuf: int | None = None,
) -> RawConnection:
    """Open a TCP connection and do the WebSocket opening handshake by hand."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, (host, port))
    reader, writer = await asyncio.open_connection(sock=sock)
    key = base64.b64encode(os.urandom(16))
    writer.write(
        upgrade_request(
            host,
            port,
            key,
            path=path or parts.path,
            subprotocol=subprotocol,
            extensions="permessage-deflate; client_max_window_bits",
        )
    )
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), DEFAULT_TIMEOUT)
    status, headers = response_head(head)
    return RawConnection(reader, writer, status, headers)


# --- A meeting served on loopback --------------------------------------------------------


class Speaker:
    """A live microphone: one packet every `interval` seconds, in the background.

    With `burst`, that many packets go out back to back each time (a flood).

    Each payload is `tag` + b":" + a running number, so a test can tell who sent
    a packet a listener received, and when; `tag` may change while it runs.
    """

    def __init__(
        self,
        client: WsClient,
        *,
        interval: float = 0.01,
        tag: bytes = b"",
        first_sequence: int = 0,
        size: int = 0,
        burst: int = 1,
    ) -> None:
        self.client = client
        self.burst = burst
        self.interval = interval
        self.tag = tag or client.id.encode()
        self.sequence = first_sequence
        self.size = size
        self.sent: dict[bytes, float] = {}
        """Payload -> when it was sent (monotonic)."""
        self.count = itertools.count()
        self.task: asyncio.Task[None] | None = None

    def start(self) -> Speaker:
        self.task = asyncio.create_task(self._run())
        return self

    def payload(self) -> bytes:
        body = self.tag + b":" + str(next(self.count)).encode()
        return body.ljust(self.size, b"\0")

    async def _run(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            while True:
                for _ in range(self.burst):
                    payload = self.payload()
                    self.sent[payload] = time.monotonic()
                    await self.client.send_rtp(self.sequence & 0xFFFF, self.sequence * 960, payload)
                    self.sequence += 1
                await asyncio.sleep(self.interval)

    def cancel(self) -> None:
        """Stop at once (synchronously): no packet is sent after this returns."""
        if self.task is not None:
            self.task.cancel()

    async def stop(self) -> None:
        self.cancel()
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self.task


class Room:
    """A HubServer on loopback and the clients a test connects to it."""

    def __init__(self, server: HubServer, meeting: MeetingConfig) -> None:
        self.server = server
        self.meeting = meeting
        self.hub = server.hub
        self.clients: list[WsClient] = []
        self.speakers: list[Speaker] = []

    @property
    def url(self) -> str:
        return self.server.url

    def token(self, sub: str, role: str, booth: str | None = None, **kw: Any) -> str:
        return token(self.meeting, sub, role, booth, **kw)

    async def open(self, **kw: Any) -> WsClient:
        client = await WsClient.open(self.url, **kw)
        self.clients.append(client)
        return client

    async def join(
        self,
        sub: str,
        role: str,
        booth: str | None = None,
        *,
        listen: list[str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        **kw: Any,
    ) -> WsClient:
        kw.setdefault("open_timeout", timeout)
        client = await self.open(**kw)
        await client.hello(self.token(sub, role, booth), timeout=timeout)
        if listen is not None:
            await client.listen(listen, timeout)
        return client

    async def take_air(
        self, client: WsClient, channel_id: str, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        """Press the mic and wait until the hub shows `client` on air."""
        await client.send({"type": "mic", "on": True, "channel": channel_id})
        await client.expect_state(lambda m: on_air(m, channel_id) == client.id, timeout)

    def speak(self, client: WsClient, **kw: Any) -> Speaker:
        speaker = Speaker(client, **kw).start()
        self.speakers.append(speaker)
        return speaker

    async def close(self) -> None:
        for speaker in self.speakers:
            await speaker.stop()
        for client in self.clients:
            await client.close()


@contextlib.asynccontextmanager
async def open_room(meeting: MeetingConfig | None = None) -> AsyncIterator[Room]:
    """Serve `meeting` (default: floor, en, fr and a booth for each) on a free port."""
    meeting = meeting or simple_meeting(("en", "fr"))
    async with HubServer(Hub(meeting), port=0) as server:
        room = Room(server, meeting)
        try:
            yield room
        finally:
            await room.close()


def contiguous(sequences: list[int]) -> bool:
    """Whether RTP sequence numbers go up by one each (modulo 2^16)."""
    return all((b - a) & 0xFFFF == 1 for a, b in itertools.pairwise(sequences))

"""The asyncio shell around :mod:`.protocol` and :mod:`.media`: a WebSocket, a UDP socket a room.

:class:`JanusClient` holds the WebSocket (subprotocol ``janus-protocol``) and
the :class:`~.protocol.JanusSession` it drives: a reader task feeds Janus's
texts to the session, a ticker task gives it the time (keepalives, requests
Janus did not answer) and sends the idle packets of each room. Each
:class:`JanusRoom` has its own UDP socket, bound to the address the
WebSocket uses (so Janus can reach it the way we reach Janus) and announced
in the ``join``; packets from any other address than the room's Janus RTP
address are dropped.

Reconnecting is the caller's decision. When the link ends (Janus stopped,
the network failed, Janus timed the session out) :meth:`JanusClient.wait_ended`
returns the reason, every room's :meth:`JanusRoom.wait_ended` returns it too,
and nothing is sent any more; connect a new client and join again.

Every method must be called from the event loop's thread, and ``on_audio``
is called there.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Final

import numpy as np
import numpy.typing as npt
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.typing import Subprotocol

from channels.platforms.janus.media import MixReceiver, RoomFigures, RoomSender
from channels.platforms.janus.protocol import (
    KEEPALIVE_S,
    REQUEST_TIMEOUT_S,
    SUBPROTOCOL,
    Ended,
    Endpoint,
    Event,
    JanusSession,
    Joined,
    JoinFailed,
    JoinSettings,
    Left,
    RoomId,
    SessionReady,
)

OnAudio = Callable[[npt.NDArray[np.float32], float], None]
"""``on_audio(block, arrival)``: one 10 ms block of the room's mix (see :class:`MixReceiver`)."""

_CLOSE_WAIT_S: Final = 2.0
"""How long :meth:`JanusClient.close` waits for Janus to confirm the session's end."""


class JanusError(Exception):
    """Janus refused something, or the link to it failed; the message says what to do."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        """Janus's error code, when Janus gave one."""


class JoinRefused(JanusError):
    """Janus refused a join (no such room, plain RTP not allowed, a wrong PIN)."""


class LinkEnded(JanusError):
    """The link to Janus could not be opened, or ended: connect again."""


class JanusRoom:
    """One Janus AudioBridge room joined as a plain RTP participant.

    Give it the gateway's sound with :meth:`send_block` every 10 ms (or never,
    for a room it only listens to); the room's mix comes to the ``on_audio``
    given to :meth:`JanusClient.join`. Made by :meth:`JanusClient.join` only.
    """

    def __init__(self, client: JanusClient, room: RoomId, on_audio: OnAudio, bitrate: int) -> None:
        self.room = room
        self.participant: int | str | None = None
        """Our participant id in the room."""
        self.local: Endpoint | None = None
        """Our RTP address, as announced to Janus."""
        self.janus: Endpoint | None = None
        """Janus's RTP address for this room."""
        self._client = client
        self._bitrate = bitrate
        self._receiver = MixReceiver(on_audio)
        self._sender: RoomSender | None = None
        self._transport: asyncio.DatagramTransport | None = None
        self._janus_address: tuple[str, int] | None = None
        self._foreign = 0
        self._end_reason: str | None = None
        self._ended = asyncio.Event()

    # -- for the gateway ----------------------------------------------------------------------

    def send_block(self, pcm: npt.NDArray[np.float32]) -> None:
        """One 10 ms block (``(480,)`` float32) of what the room should hear.

        Every second block sends a 20 ms packet. Dropped once the room has ended.
        """
        if self._sender is not None and self._end_reason is None:
            self._sender.send_block(pcm, time.monotonic())

    @property
    def figures(self) -> RoomFigures:
        r = self._receiver
        return RoomFigures(
            packets_in=r.packets,
            packets_out=0 if self._sender is None else self._sender.packets_sent,
            lost=r.lost,
            late=r.late,
            malformed=r.malformed,
            foreign=self._foreign,
        )

    @property
    def end_reason(self) -> str | None:
        """Why the room ended (we left, it was destroyed, the link ended), once it has."""
        return self._end_reason

    async def wait_ended(self) -> str:
        """Wait until the room ends; the reason."""
        await self._ended.wait()
        assert self._end_reason is not None
        return self._end_reason

    async def leave(self) -> None:
        """Leave the room (returns once Janus confirms, or the link ended)."""
        if self._end_reason is None:
            self._client._leave(self.room)
            await self._client._flush()
        await self._ended.wait()

    # -- for the client -----------------------------------------------------------------------

    async def _bind(self, host: str) -> Endpoint:
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(
            lambda: _RtpSocket(self), local_addr=(host, 0)
        )
        self._transport = transport
        address = transport.get_extra_info("sockname")
        self.local = Endpoint(address[0], address[1])
        return self.local

    def _joined(self, event: Joined, now: float) -> None:
        self.participant = event.participant
        self.janus = event.janus
        self._janus_address = (event.janus.host, event.janus.port)
        self._sender = RoomSender(self._send, now, bitrate=self._bitrate)
        self._sender.advance(now)  # the first packet: Janus sends nothing before it

    def _send(self, packet: bytes) -> None:
        if self._transport is not None and self._janus_address is not None:
            self._transport.sendto(packet, self._janus_address)

    def _datagram(self, data: bytes, address: tuple[str | int, ...]) -> None:
        if self._end_reason is not None:
            return
        if self._janus_address is None or tuple(address[:2]) != self._janus_address:
            self._foreign += 1
            return
        self._receiver.receive(data, time.monotonic())

    def _advance(self, now: float) -> None:
        if self._sender is not None and self._end_reason is None:
            self._sender.advance(now)

    def _deadline(self) -> float | None:
        return None if self._sender is None or self._end_reason else self._sender.next_deadline()

    def _end(self, reason: str) -> None:
        if self._end_reason is not None:
            return
        self._end_reason = reason
        if self._transport is not None:
            self._transport.close()
        if self._sender is not None:
            self._sender.close()
        self._receiver.close()
        self._ended.set()


class _RtpSocket(asyncio.DatagramProtocol):
    def __init__(self, room: JanusRoom) -> None:
        self._room = room

    def datagram_received(self, data: bytes, addr: tuple[str | int, ...]) -> None:
        self._room._datagram(data, addr)


class JanusClient:
    """One WebSocket to Janus, one Janus session, the AudioBridge rooms joined through it.

    ::

        async with await JanusClient.connect("ws://janus.example:8188/") as janus:
            floor = await janus.join(1234, on_floor, JoinSettings(muted=True))
            fr = await janus.join(1235, on_nothing)
            ...
            reason = await janus.wait_ended()  # Janus gone: connect again
    """

    def __init__(self, url: str, websocket: ClientConnection, session: JanusSession) -> None:
        self.url = url
        self._ws = websocket
        self._session = session
        self._rooms: dict[RoomId, JanusRoom] = {}
        self._joins: dict[RoomId, asyncio.Future[None]] = {}
        loop = asyncio.get_running_loop()
        self._ready: asyncio.Future[None] = loop.create_future()
        self._ended = asyncio.Event()
        self._wake = asyncio.Event()
        self._closing: asyncio.Task[None] | None = None
        self._tasks = [
            loop.create_task(self._read(), name="janus reader"),
            loop.create_task(self._tick(), name="janus ticker"),
        ]

    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        api_secret: str | None = None,
        open_timeout: float = 10.0,
        keepalive_s: float = KEEPALIVE_S,
        request_timeout_s: float = REQUEST_TIMEOUT_S,
    ) -> JanusClient:
        """Open the WebSocket and a Janus session; :class:`LinkEnded` if either fails.

        The WebSocket goes straight to Janus, never through an HTTP proxy: each
        room's UDP socket is bound to the address it leaves from, since that is
        the way Janus can be reached.
        """
        try:
            websocket = await connect(
                url,
                subprotocols=[Subprotocol(SUBPROTOCOL)],
                open_timeout=open_timeout,
                compression=None,
                proxy=None,  # RTP goes straight to Janus: so does the WebSocket
            )
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            raise LinkEnded(
                f"cannot reach Janus at {url} ({exc or type(exc).__name__}): check the address, "
                "and that Janus runs with its WebSockets transport"
            ) from exc
        session = JanusSession(
            time.monotonic(),
            api_secret=api_secret,
            keepalive_s=keepalive_s,
            request_timeout_s=request_timeout_s,
        )
        client = cls(url, websocket, session)
        await client._flush()
        try:
            await client._ready
        except LinkEnded:
            await client.close()
            raise
        return client

    async def __aenter__(self) -> JanusClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def join(
        self, room: RoomId, on_audio: OnAudio, settings: JoinSettings | None = None
    ) -> JanusRoom:
        """Join ``room`` as a plain RTP participant.

        :class:`JoinRefused` if Janus refuses (the message says why and what
        to do), :class:`LinkEnded` if the link ends first. The room sends its
        first packet at once: Janus sends nothing to us before it.
        """
        if self._session.ended is not None:
            raise LinkEnded(self._session.ended)
        if room in self._rooms:
            raise ValueError(f"room {room} is already joined through this client")
        settings = settings or JoinSettings()
        joined = JanusRoom(self, room, on_audio, settings.bitrate)
        local = await joined._bind(self._ws.local_address[0])
        self._rooms[room] = joined
        future = asyncio.get_running_loop().create_future()
        self._joins[room] = future
        try:
            self._session.join(room, local, settings, time.monotonic())
        except ValueError as exc:  # the session ended meanwhile
            del self._joins[room]
            self._rooms.pop(room)._end(str(exc))
            raise LinkEnded(str(exc)) from exc
        await self._flush()
        await future
        return joined

    @property
    def end_reason(self) -> str | None:
        """Why the link ended, once it has."""
        return self._session.ended

    async def wait_ended(self) -> str:
        """Wait until the link ends; the reason (a sentence for the user)."""
        await self._ended.wait()
        assert self._session.ended is not None
        return self._session.ended

    async def close(self) -> None:
        """Leave every room, end the session and close the WebSocket."""
        if self._session.ended is None:
            self._session.close(time.monotonic())
            await self._flush()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(_CLOSE_WAIT_S):
                    await self._ended.wait()
        self._session.connection_lost("the gateway closed the link to Janus")
        self._dispatch(self._session.events_received())
        assert self._closing is not None
        await self._closing
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # -- internals ----------------------------------------------------------------------------

    def _leave(self, room: RoomId) -> None:
        self._session.leave(room, time.monotonic())

    async def _read(self) -> None:
        ws = self._ws
        try:
            async for text in ws:
                if isinstance(text, str):
                    self._session.receive_text(text, time.monotonic())
                    await self._flush()
        except ConnectionClosed:
            pass
        code = ws.close_code
        if code is None or code == 1006:
            reason = (
                f"the connection to Janus at {self.url} was lost (Janus stopped or restarted, "
                "or the network failed); reconnect"
            )
        else:
            said = f"{code} {ws.close_reason}".strip()
            reason = f"Janus at {self.url} closed the connection ({said}); reconnect"
        self._session.connection_lost(reason)
        self._dispatch(self._session.events_received())

    async def _tick(self) -> None:
        while self._session.ended is None:
            deadlines = [room._deadline() for room in self._rooms.values()]
            deadlines.append(self._session.next_deadline())
            due = min((d for d in deadlines if d is not None), default=None)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(None if due is None else due - time.monotonic()):
                    await self._wake.wait()
            now = time.monotonic()
            self._session.advance(now)
            for room in list(self._rooms.values()):
                room._advance(now)
            await self._flush()

    async def _flush(self) -> None:
        """Send what the session has to send, then act on its events."""
        for text in self._session.data_to_send():
            try:
                await self._ws.send(text)
            except ConnectionClosed:
                break  # the reader says how it ended
        self._dispatch(self._session.events_received())
        self._wake.set()

    def _dispatch(self, events: list[Event]) -> None:
        now = time.monotonic()
        for event in events:
            if isinstance(event, SessionReady):
                if not self._ready.done():
                    self._ready.set_result(None)
            elif isinstance(event, Joined):
                self._rooms[event.room]._joined(event, now)
                self._resolve(event.room, None)
            elif isinstance(event, JoinFailed):
                self._rooms.pop(event.room)._end(event.message)
                self._resolve(event.room, JoinRefused(event.message, event.code))
            elif isinstance(event, Left):
                self._rooms.pop(event.room)._end(event.reason)
            elif isinstance(event, Ended):
                self._finish(event.reason)

    def _resolve(self, room: RoomId, error: JanusError | None) -> None:
        future = self._joins.pop(room, None)
        if future is not None and not future.done():
            if error is None:
                future.set_result(None)
            else:
                future.set_exception(error)

    def _finish(self, reason: str) -> None:
        for room in list(self._rooms):
            self._rooms.pop(room)._end(reason)
            self._resolve(room, LinkEnded(reason))
        if not self._ready.done():
            self._ready.set_exception(LinkEnded(reason))
        self._ended.set()
        self._wake.set()
        self._closing = asyncio.get_running_loop().create_task(self._ws.close())

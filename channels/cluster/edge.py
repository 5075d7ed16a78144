"""A meeting's edge: WebSocket connections served as in one process, the hub's rules at
the core (:mod:`channels.cluster.core`).

The edge is a :class:`channels.server.ConnectionServer`, the very WebSocket side of the
one-process hub (admission, keepalive, slow listeners, write-once fan-out), driving a
`CoreLink` instead of a `Hub`. The link sends each connection event to the core, and
turns what the core sends back into the hub's own outputs: `Send` and `Close` for one
connection, `Broadcast` for each snapshot, `Forward` for each packet of a channel that
some connection here hears. The edge subscribes to a channel's subject only while one
of its connections hears that channel.

Clients never know which edge they are on: connection numbers are the edge's own, and
the core tells them apart by the edge's number (:mod:`channels.cluster.subjects`).

The edge keeps each welcomed connection's participant (the hub's record: identity, resume
value, listening set), so that when the core dies the meeting does not: the connections are
closed (1001), and the core that takes over is told every one (`RESTORE`), which the
clients then resume, on this edge or another. When the core only took this edge for dead
(`FORGOTTEN`: it was paused, or too busy to beat), the connections stay open and go back to
the core (`REATTACH`), their air released, their listening kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import secrets
import ssl
import time
from collections.abc import Callable, Coroutine

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription

from channels.cluster import subjects as s
from channels.cluster.bus import Outbox, connect
from channels.hub import Broadcast, Channel, Close, Forward, Output, Participant, Send, ToSend
from channels.meeting import MeetingConfig
from channels.protocol import CloseCode
from channels.server import MAX_PENDING, MAX_PENDING_PER_ADDRESS, ConnectionServer, quiet_repeats

log = logging.getLogger(__name__)

_LOCAL = (1 << s.EDGE_SHIFT) - 1
_CORE_SILENT = "the meeting's core is not answering: connect again"


class CoreLink:
    """The hub as an edge serves it: inputs go to the core with ``publish``; what the core
    sends (`from_core`, `from_state`, `from_channel`, `from_alive`) comes out of
    `outputs_to_send`. ``welcomed`` is called with each connection the core welcomes."""

    def __init__(
        self,
        meeting: MeetingConfig,
        edge: int,
        publish: Callable[[str, bytes], None],
        welcomed: Callable[[int], None],
    ) -> None:
        self.meeting = meeting
        self.edge = edge
        self.subjects = s.Subjects(meeting.id)
        self._core = self.subjects.core
        self._publish = publish
        self._welcomed = welcomed
        self._base = edge << s.EDGE_SHIFT
        self.channels = {
            ch.id: Channel(ch.id, index + 1, ch.language, ())
            for index, ch in enumerate(meeting.channels)
        }
        """Each channel's audience here (the `Forward` fan-out reads it); SSRCs unused."""
        self._open: set[int] = set()
        self._members: dict[int, Participant] = {}
        """The welcomed connections' participants, their listening sets as the core last said."""
        self._kept: list[Participant] = []
        """Participants of connections closed when the core fell silent: for the next core."""
        self._outputs: list[Output] = []
        self._state = (0, b"")
        """The newest snapshot from the core: its version and its message."""
        self.core_instance: str | None = None
        self._core_heard: float | None = None
        """When the core's beat or word last came (None: not yet: connections wait for it)."""
        self._ran: float | None = None
        """When this edge last beat, ticked or heard the core (`_running`)."""

    # --- From the WebSocket side (channels.server.HubPort) --------------------------------

    def connect(self, conn: int, now: float) -> None:
        self._running(now)
        if self.core_silent(now):
            self._outputs.append(Close(conn, CloseCode.GOING_AWAY, _CORE_SILENT))
            return
        self._open.add(conn)
        self._publish(self._core, s.pack(s.CONNECT, self._base | conn))

    def disconnect(self, conn: int, now: float) -> None:
        if conn in self._open:
            self._forget(conn)
            self._publish(self._core, s.pack(s.DISCONNECT, self._base | conn))

    def receive_text(self, conn: int, data: str | bytes, now: float) -> None:
        payload = data.encode() if isinstance(data, str) else data
        self._publish(self._core, s.pack(s.TEXT, self._base | conn, payload))

    def receive_media(self, conn: int, data: bytes, now: float) -> None:
        self._publish(self._core, s.pack(s.MEDIA, self._base | conn, data))

    def tick(self, now: float) -> None:
        """The core keeps every timeout of the meeting; here only its silence counts: after
        CORE_SILENT_S every connection is closed (1001), the core told of each."""
        self._running(now)
        if self._open and self.core_silent(now):
            for conn in self._open:
                self._publish(self._core, s.pack(s.DISCONNECT, self._base | conn))
            self._close_all(_CORE_SILENT)

    def outputs_to_send(self) -> ToSend:
        outputs, self._outputs = self._outputs, []
        heard = self._core_heard
        wake_at = heard + s.CORE_SILENT_S if heard is not None and self._open else None
        return outputs, wake_at

    def core_silent(self, now: float) -> bool:
        """Whether the core, heard before, has not beaten for CORE_SILENT_S."""
        heard = self._core_heard
        return heard is not None and now - heard >= s.CORE_SILENT_S

    def participant_of(self, conn: int) -> Participant | None:
        return self._members.get(conn)

    # --- From the core ---------------------------------------------------------------------

    def from_core(self, data: bytes, now: float) -> None:
        """An envelope on this edge's subject, come at ``now``: the core is heard, as by a beat
        (a connection welcomed before the first beat still learns when the core falls silent)."""
        self._running(now)
        self._core_heard = now
        kind, conn, payload = s.unpack(data)
        if kind == s.FORGOTTEN:
            self._reattach_all()
            return
        local = conn & _LOCAL
        if conn >> s.EDGE_SHIFT != self.edge or local not in self._open:
            return  # for a connection gone meanwhile
        if kind == s.SEND:
            self._outputs.append(Send(local, payload))
        elif kind == s.CLOSE:
            code, reason = s.unpack_close(payload)
            self._outputs.append(Close(local, code, reason))
            self._forget(local)
        elif kind == s.WELCOMED:
            version, who = s.unpack_welcomed(payload)
            self._members[local] = who
            self._welcomed(local)
            newest, state = self._state
            if newest > version:  # a snapshot that overtook the welcome on its way here
                self._outputs.append(Send(local, state))
        elif kind == s.AUDIENCE:
            listening = payload.decode().split()
            hears = set(listening)
            member = self._members.get(local)
            if member is not None:
                member.listening = listening
            for ch_id, channel in self.channels.items():
                if ch_id in hears:
                    channel.audience.add(local)
                else:
                    channel.audience.discard(local)
        else:
            log.warning("message of unknown kind %d from the core", kind)

    def from_state(self, data: bytes) -> None:
        version, state = s.unpack_state(data)
        if version > self._state[0]:
            self._state = (version, state)
            self._outputs.append(Broadcast(state))

    def from_channel(self, channel_id: str, data: bytes) -> None:
        self._outputs.append(Forward(self.channels[channel_id], data))

    def from_alive(self, instance: str, now: float) -> None:
        """The core's beat at ``now``. A core other than the one known until now has no record
        of the connections here: they are closed (1001), and it is told every participant kept
        here (`RESTORE`), so that their clients resume on any edge."""
        self._running(now)
        self._core_heard = now
        if instance == self.core_instance:
            self._kept.clear()  # back after a silence: it still knows them
            return
        if self.core_instance is not None:
            self._close_all("the meeting's core restarted")
            self._state = (0, b"")
        for who in self._kept:
            self._publish(self._core, s.pack(s.RESTORE, self._base, s.pack_participant(who)))
        self._kept.clear()
        self.core_instance = instance

    def _close_all(self, reason: str) -> None:
        """Close every connection, their participants kept for the next core."""
        log.warning("%s: closing %d connections", reason, len(self._open))
        for conn in list(self._open):
            self._outputs.append(Close(conn, CloseCode.GOING_AWAY, reason))
            who = self._members.get(conn)
            if who is not None:
                self._kept.append(who)
            self._forget(conn)

    def _reattach_all(self) -> None:
        """The core took this edge for dead (`FORGOTTEN`), but the connections here are open:
        each goes back to it (`REATTACH`), which gives it its session again or closes it."""
        log.warning(
            "the meeting's core lost this edge for a while: %d connections go back to it",
            len(self._open),
        )
        for conn in self._open:
            who = self._members.get(conn)
            payload = b"" if who is None else s.pack_participant(who)
            self._publish(self._core, s.pack(s.REATTACH, self._base | conn, payload))

    def _running(self, now: float) -> None:
        """This edge runs at ``now``. A gap since it last ran of more than BEAT_S + STALLED_S
        was a stall of its own (paused, or its loop busy): the core's beats may be waiting
        unread, so that time does not count as the core's silence."""
        ran, self._ran = self._ran, now
        heard = self._core_heard
        if ran is not None and heard is not None and now - ran > s.BEAT_S + s.STALLED_S:
            self._core_heard = heard + now - ran - s.BEAT_S

    def heard(self) -> set[str]:
        """The channels that some connection here hears."""
        return {ch_id for ch_id, channel in self.channels.items() if channel.audience}

    def beat(self, now: float) -> None:
        """Say this edge is alive: call it every BEAT_S."""
        self._running(now)
        self._publish(self._core, s.pack(s.BEAT, self._base))

    def _forget(self, conn: int) -> None:
        self._open.discard(conn)
        self._members.pop(conn, None)
        for channel in self.channels.values():
            channel.audience.discard(conn)


class Edge:
    """Serve ``meeting``'s connections on a host and port for the core on NATS ``client``."""

    def __init__(
        self,
        meeting: MeetingConfig,
        client: Client,
        *,
        host: str = "127.0.0.1",
        port: int = 8766,
        ssl_context: ssl.SSLContext | None = None,
        max_pending: int = MAX_PENDING,
        max_pending_per_address: int = MAX_PENDING_PER_ADDRESS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._clock = clock
        self._outbox = Outbox(client)
        self.number = secrets.randbits(31) | 1
        self.link = CoreLink(meeting, self.number, self._outbox.put, self._welcomed)
        self.server = ConnectionServer(
            self.link,
            host=host,
            port=port,
            ssl_context=ssl_context,
            max_pending=max_pending,
            max_pending_per_address=max_pending_per_address,
            clock=clock,
        )
        self._subscriptions: dict[str, Subscription] = {}
        self._resubscribing: asyncio.Task[None] | None = None
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        subjects = self.link.subjects
        client = self._client
        await client.subscribe(subjects.edge(self.number), cb=self._from_core)
        await client.subscribe(subjects.state, cb=self._from_state)
        await client.subscribe(subjects.alive, cb=self._from_alive)
        await client.flush()  # the subscriptions in place at nats-server before any client
        await self.server.start()
        self._tasks.append(asyncio.create_task(self._beat_forever()))

    async def stop(self) -> None:
        for task in (*self._tasks, self._resubscribing):
            if task is not None:
                task.cancel()
        await self.server.stop()

    def _welcomed(self, conn: int) -> None:
        self.server.welcomed(conn)

    async def _from_core(self, msg: Msg) -> None:
        try:
            self.link.from_core(msg.data, self._clock())
            self.server.pump()
        except Exception:  # a bug must cost one message, not the meeting
            log.exception("message from the core not handled")
        if self.link.heard() != set(self._subscriptions) and self._resubscribing is None:
            self._resubscribing = asyncio.create_task(self._resubscribe())

    async def _from_state(self, msg: Msg) -> None:
        self.link.from_state(msg.data)
        self.server.pump()

    async def _from_alive(self, msg: Msg) -> None:
        self.link.from_alive(msg.data.decode(errors="replace"), self._clock())
        self.server.pump()

    async def _resubscribe(self) -> None:
        """Subscribe to the channels heard here, and only to them."""
        try:
            while (heard := self.link.heard()) != set(self._subscriptions):
                for ch_id in heard - set(self._subscriptions):
                    self._subscriptions[ch_id] = await self._client.subscribe(
                        self.link.subjects.channel(ch_id), cb=self._media_of(ch_id)
                    )
                for ch_id in set(self._subscriptions) - heard:
                    await self._subscriptions.pop(ch_id).unsubscribe()
        except Exception:
            log.exception("channel subscriptions not updated")
        finally:
            self._resubscribing = None

    def _media_of(self, channel_id: str) -> Callable[[Msg], Coroutine[None, None, None]]:
        from_channel = self.link.from_channel
        pump = self.server.pump

        async def media(msg: Msg) -> None:
            from_channel(channel_id, msg.data)
            pump()

        return media

    async def _beat_forever(self) -> None:
        while True:
            self.link.beat(self._clock())
            await asyncio.sleep(s.BEAT_S)


async def run_edge(
    meeting: MeetingConfig,
    nats_url: str,
    *,
    host: str,
    port: int,
    ssl_context: ssl.SSLContext | None,
    max_pending: int = MAX_PENDING,
    max_pending_per_address: int = MAX_PENDING_PER_ADDRESS,
) -> None:
    """Serve as an edge of ``meeting`` until cancelled (Ctrl-C)."""
    quiet_repeats()
    client = await connect(nats_url, f"rsi-hub edge {meeting.id}")
    edge = Edge(
        meeting,
        client,
        host=host,
        port=port,
        ssl_context=ssl_context,
        max_pending=max_pending,
        max_pending_per_address=max_pending_per_address,
    )
    await edge.start()
    try:
        log.info("meeting %s served at %s (edge %08x)", meeting.id, edge.server.url, edge.number)
        gc.freeze()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.Future()
    finally:
        await edge.stop()
        await client.close()

"""A meeting's core: the one :class:`channels.hub.Hub` of a cluster, fed over NATS.

The core holds no client connection. Its edges (:mod:`channels.cluster.edge`) report
every client event on `Subjects.core`; the core gives each to the hub with its own
clock and carries out what the hub asks (:class:`channels.server.HubDriver`): `Send`
and `Close` go to the edge that holds the connection, each snapshot once to all edges,
each forwarded packet once on its channel's subject. After every input that may change
who hears what, it tells the edges which channels each of their connections changed to
hear (`AUDIENCE`), and which connections were welcomed (`WELCOMED`).

An edge that has said nothing for SILENT_S is taken as dead: its connections are lost,
as when a socket dies, so their air is released and listeners may resume elsewhere; the
edge is not told who hears what meanwhile, so its listeners hear on. If it was only paused,
busy or cut off and speaks again, it is told `FORGOTTEN`, and hands back each connection
still open (`REATTACH`): the hub gives each its session again (`Hub.reattach`), never on
air, or the core closes it (1001) to connect again. Time the core itself did not run
(STALLED_S) does not count as an edge's silence.

A core that takes a meeting over (a standby, or one started after the last died) is told
by each edge the sessions it kept (`RESTORE`): the hub takes them as lost connections
(`Hub.restore`), so that their clients resume with their identity and listening set.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import secrets
import signal
import time
from collections.abc import Callable

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription

from channels.cluster import subjects as s
from channels.cluster.bus import Outbox, connect
from channels.hub import Broadcast, Close, Forward, Hub, Output, Send
from channels.meeting import MeetingConfig
from channels.protocol import CloseCode
from channels.revocation import RevocationFile
from channels.server import HubDriver, RevocationWatch

log = logging.getLogger(__name__)

_WELCOME = b'{"type":"welcome"'
"""How every welcome message starts (`channels.protocol.encode`)."""


class Core:
    """Run ``hub`` for the edges on NATS ``client``: `start`, then `stop`."""

    def __init__(
        self,
        hub: Hub,
        client: Client,
        *,
        clock: Callable[[], float] = time.time,
        revocations: RevocationFile | None = None,
    ) -> None:
        self.hub = hub
        self._client = client
        self._clock = clock
        self.subjects = s.Subjects(hub.meeting.id)
        self._outbox = Outbox(client)
        self._driver = HubDriver(hub, self._execute, clock)
        self._revocations = (
            RevocationWatch(hub, revocations, self._after_any, clock) if revocations else None
        )
        self._channel_subjects = {ch: self.subjects.channel(ch) for ch in hub.channels}
        self._heard: dict[str, set[int]] = {ch: set() for ch in hub.channels}
        """Each channel's audience as the edges were last told it."""
        self._welcomed: set[int] = set()
        self._silence = EdgeSilence(clock())
        self._conns: dict[int, set[int]] = {}
        """Edge number -> its connections that the hub has."""
        self.instance = secrets.token_hex(8)
        """Changes at every start: edges that see a new one know their clients are unknown."""
        self._tasks: list[asyncio.Task[None]] = []
        self._subscription: Subscription | None = None

    async def start(self) -> None:
        self._subscription = await self._client.subscribe(self.subjects.core, cb=self._received)
        # nats-py sends the subscription later: until nats-server has it, what edges say is
        # dropped (a hello then waits for a welcome that never comes).
        await self._client.flush()
        self._tasks.append(asyncio.create_task(self._beat_forever()))
        if self._revocations is not None:
            self._revocations.start()

    def reload_revocations(self) -> None:
        """Re-read the revocation file now (SIGHUP), changed or not."""
        if self._revocations is None:
            log.warning("asked to reload the revocation list, but this hub has no revocation file")
            return
        self._revocations.reload()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        if self._subscription is not None:
            await self._subscription.unsubscribe()
            self._subscription = None
        if self._revocations is not None:
            self._revocations.stop()
        self._driver.stop()

    # --- Inputs ---------------------------------------------------------------------------

    async def _received(self, msg: Msg) -> None:
        try:
            kind, conn, payload = s.unpack(msg.data)
            edge = conn >> s.EDGE_SHIFT
            now = self._clock()
            if self._silence.heard(edge, now):
                # Paused, busy or cut off, and back: it hands its connections back.
                self._outbox.put(self.subjects.edge(edge), s.pack(s.FORGOTTEN, conn))
            if kind == s.BEAT:
                return
            hub = self.hub
            if kind == s.MEDIA:
                hub.receive_media(conn, payload, now)
                self._driver.pump()
                return
            if kind == s.TEXT:
                hub.receive_text(conn, payload, now)
            elif kind == s.CONNECT:
                self._conns.setdefault(edge, set()).add(conn)
                hub.connect(conn, now)
            elif kind == s.DISCONNECT:
                self._gone(conn)
                hub.disconnect(conn, now)
            elif kind == s.RESTORE:
                hub.restore(s.unpack_participant(payload), now)
            elif kind == s.REATTACH:
                self._reattach(edge, conn, payload, now)
            else:
                log.warning("message of unknown kind %d from edge %08x", kind, edge)
                return
            self._after_any()
        except Exception:  # a bug must cost one message, not the meeting
            log.exception("message from an edge not handled")

    def _after_any(self) -> None:
        """Carry out what the hub asks, then tell the edges who now hears what."""
        self._driver.pump()
        self._tell_audiences()

    def _welcome(self, conn: int, welcome: bytes) -> None:
        """Tell the edge that ``conn`` was welcomed, and the version its welcome showed."""
        who = self.hub.participant_of(conn)
        if who is None:  # welcomed and closed in one go
            return
        self._welcomed.add(conn)
        self._outbox.put(
            self.subjects.edge(conn >> s.EDGE_SHIFT),
            s.pack_welcomed(conn, s.version_of(welcome), who),
        )

    def _reattach(self, edge: int, conn: int, payload: bytes, now: float) -> None:
        """A connection still open on an edge this core took for dead: its session again
        (``payload``: its participant as the edge knows it), or closed (1001)."""
        conns = self._conns.setdefault(edge, set())
        if conn in conns:
            return  # opened since: the hub has it
        if payload:
            who = s.unpack_participant(payload)
            if self.hub.reattach(conn, who.id, who.resume, now):
                conns.add(conn)
                self._welcomed.add(conn)
                return
        self._close(Close(conn, CloseCode.GOING_AWAY, "the meeting's core lost this connection"))

    def _gone(self, conn: int) -> None:
        self._welcomed.discard(conn)
        conns = self._conns.get(conn >> s.EDGE_SHIFT)
        if conns is not None:
            conns.discard(conn)

    def _tell_audiences(self) -> None:
        changed: set[int] = set()
        for ch_id, channel in self.hub.channels.items():
            heard = self._heard[ch_id]
            if heard != channel.audience:
                changed |= heard ^ channel.audience
                self._heard[ch_id] = set(channel.audience)
        participant_of = self.hub.participant_of
        for conn in changed:
            who = participant_of(conn)
            if who is not None and who.conn == conn:  # its listening set, in its order
                hears = " ".join(who.listening)
            else:
                hears = " ".join(ch for ch, heard in self._heard.items() if conn in heard)
            self._outbox.put(
                self.subjects.edge(conn >> s.EDGE_SHIFT), s.pack(s.AUDIENCE, conn, hears.encode())
            )

    # --- Outputs --------------------------------------------------------------------------

    def _execute(self, outputs: list[Output]) -> None:
        put = self._outbox.put
        for output in outputs:
            if isinstance(output, Forward):
                put(self._channel_subjects[output.channel.id], output.data)
            elif isinstance(output, Send):
                conn = output.conn
                put(self.subjects.edge(conn >> s.EDGE_SHIFT), s.pack(s.SEND, conn, output.data))
                if conn not in self._welcomed and output.data.startswith(_WELCOME):
                    self._welcome(conn, output.data)
            elif isinstance(output, Broadcast):
                put(self.subjects.state, s.pack_state(output.data))
            else:
                self._close(output)

    def _close(self, output: Close) -> None:
        self._gone(output.conn)
        self._outbox.put(
            self.subjects.edge(output.conn >> s.EDGE_SHIFT),
            s.pack_close(output.conn, output.code, output.reason),
        )

    # --- Time -----------------------------------------------------------------------------

    async def _beat_forever(self) -> None:
        alive = self.instance.encode()
        while True:
            self._outbox.put(self.subjects.alive, alive)
            try:
                self._drop_silent_edges()
            except Exception:  # a bug here must not stop the beat
                log.exception("edges not checked")
            await asyncio.sleep(s.BEAT_S)

    def _drop_silent_edges(self) -> None:
        now = self._clock()
        for edge, silent_s in self._silence.check(now):
            conns = self._conns.pop(edge, set())
            log.warning(
                "edge %08x silent for %.1f s: its %d connections are lost",
                edge,
                silent_s,
                len(conns),
            )
            for conn in conns:
                self._welcomed.discard(conn)
                self.hub.disconnect(conn, now)
            for heard in self._heard.values():  # not told: its listeners hear on
                heard -= conns
            self._after_any()


class EdgeSilence:
    """Which edges fell silent: sans-I/O, the time passed in.

    Give it every word of an edge (`heard`) and `check` it every BEAT_S: it gives each edge
    that has said nothing for over SILENT_S, once. Time this core itself did not run (a
    check coming over STALLED_S later than due) does not count: the edges' words may be
    waiting unread.
    """

    def __init__(self, now: float) -> None:
        self._seen: dict[int, float] = {}
        """Edge number -> when it last said anything."""
        self._forgotten: set[int] = set()
        """Edges taken for dead: if one speaks again, it is told (`FORGOTTEN`)."""
        self._checked = now

    def heard(self, edge: int, now: float) -> bool:
        """``edge`` said something at ``now``: True if it was taken for dead (tell it so)."""
        self._seen[edge] = now
        if edge in self._forgotten:
            self._forgotten.discard(edge)
            return True
        return False

    def check(self, now: float) -> list[tuple[int, float]]:
        """The edges silent for over SILENT_S, each with how long, taken for dead now."""
        stalled = now - self._checked - s.BEAT_S
        self._checked = now
        seen = self._seen
        if stalled > s.STALLED_S:
            for edge in seen:
                seen[edge] += stalled
        silent = [(edge, now - at) for edge, at in seen.items() if now - at > s.SILENT_S]
        for edge, _ in silent:
            del seen[edge]
            self._forgotten.add(edge)
        return silent


class Leadership:
    """Whether this process serves the meeting as its core, or stands by: sans-I/O, the
    time passed in.

    Give it every core beat heard (`heard`, this process's own included) and `tick` it
    at `deadline`. It serves once no other core has beaten for TAKEOVER_S (at start, it
    listens for LISTEN_S only); serving, it yields to another serving core whose run id
    is lower, so that of two cores that started together one goes on.
    """

    def __init__(self, now: float) -> None:
        self.instance: str | None = None
        """The run id of the core this process serves with; None while it stands by."""
        self._heard = now - s.TAKEOVER_S + s.LISTEN_S

    @property
    def deadline(self) -> float:
        """When a standby would take over if it hears no beat before then."""
        return self._heard + s.TAKEOVER_S

    def heard(self, instance: str, now: float) -> bool:
        """A core's beat at ``now``: True if this process must stop serving (it yields)."""
        if instance == self.instance:
            return False
        self._heard = now
        if self.instance is not None and instance < self.instance:
            self.instance = None
            return True
        return False

    def tick(self, now: float) -> bool:
        """True if this standby must serve from ``now`` on (then `serving` it)."""
        return self.instance is None and now >= self.deadline

    def serving(self, instance: str) -> None:
        self.instance = instance


async def run_core(
    meeting: MeetingConfig, nats_url: str, revocations: RevocationFile | None = None
) -> None:
    """Serve ``meeting`` as its core until cancelled (Ctrl-C), or stand by while another
    core serves it and take over when it falls silent; SIGHUP re-reads the revocation
    file."""
    client = await connect(nats_url, f"rsi-hub core {meeting.id}")
    clock = time.monotonic
    lead = Leadership(clock())
    yielded = asyncio.Event()

    async def beat(msg: Msg) -> None:
        if lead.heard(msg.data.decode(errors="replace"), clock()):
            yielded.set()

    subscription = await client.subscribe(s.Subjects(meeting.id).alive, cb=beat)
    core: Core | None = None

    def reload() -> None:
        if core is not None:
            core.reload_revocations()

    with contextlib.suppress(NotImplementedError, AttributeError):  # no SIGHUP on Windows
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, reload)
    listened = standing_by = False
    try:
        with contextlib.suppress(asyncio.CancelledError):
            while True:
                if not lead.tick(clock()):
                    if listened and not standing_by:
                        standing_by = True
                        log.info("meeting %s: standby on NATS, another core serves", meeting.id)
                    listened = True
                    await asyncio.sleep(max(0.0, lead.deadline - clock()))
                    continue
                standing_by = False
                core = Core(Hub(meeting), client, revocations=revocations)
                lead.serving(core.instance)
                yielded.clear()
                await core.start()
                log.info("meeting %s: core %s on NATS", meeting.id, core.instance)
                gc.freeze()
                await yielded.wait()
                log.warning("meeting %s: core %s yields to another core", meeting.id, core.instance)
                await core.stop()
                core = None
    finally:
        if core is not None:
            await core.stop()
        await subscription.unsubscribe()
        await client.close()

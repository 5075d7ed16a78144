"""A meeting served by a core and two edges over a real nats-server: the same rsi.v1
whichever edge each client is on (docs/architecture.md, "A meeting larger than one
process").

One test runs the core and the edges as processes and kills an edge; the conformance
tests of the one-process hub (test_server.py) run here on a core and two edges in this
test's loop, each client on the next edge in turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import os
import re
import signal
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from audio.commands import Connect, Reconnected, SetInput, Welcomed
from audio.format import SAMPLE_RATE
from channels import meeting_file
from channels.cluster.bus import PASSWORD_VARIABLE, connect
from channels.cluster.core import Core
from channels.cluster.edge import Edge
from channels.cluster.subjects import BEAT_S, CORE_SILENT_S, SILENT_S
from channels.hub import Hub
from channels.meeting import FLOOR, MeetingConfig, simple_meeting
from channels.protocol import CloseCode
from programs.hub import DEMO_MEETING
from tests.channels import test_server as one_process
from tests.channels import test_server_faults as faults
from tests.rig.engineport import ClockedPort, OpusTone, Tone, rms_dbfs, running
from tests.rig.hubprocess import HubProcess
from tests.rig.nats import NatsServer, nats_server
from tests.rig.wsclient import (
    Message,
    Received,
    Room,
    Speaker,
    WsClient,
    booth,
    on_air,
    participant,
    token,
)

RESUME_BUDGET_S = 3.0
TONE_DBFS = -30.0
_SERVES = re.compile(r"core \w+ on NATS")


@pytest.fixture(scope="module")
def nats() -> Iterator[NatsServer]:
    with nats_server() as server:
        os.environ[PASSWORD_VARIABLE] = server.password  # the hubs' children inherit it
        try:
            yield server
        finally:
            del os.environ[PASSWORD_VARIABLE]


@dataclass
class Cluster:
    meeting: MeetingConfig
    core: HubProcess
    edges: list[HubProcess]
    clients: list[WsClient]

    async def join(
        self, edge: int, sub: str, role: str, booth: str | None = None, **kw: Any
    ) -> WsClient:
        """``sub`` joins on edge number ``edge`` (0 or 1); ``kw`` as for `WsClient.join`."""
        client = await WsClient.join(
            self.edges[edge].url, token(self.meeting, sub, role, booth), **kw
        )
        self.clients.append(client)
        return client

    async def rejoin(
        self, edge: int, sub: str, role: str, booth: str | None = None, **kw: Any
    ) -> WsClient:
        """Joined once the edge hears a core again (`rejoined`)."""
        client = await rejoined(self.edges[edge].url, token(self.meeting, sub, role, booth), **kw)
        self.clients.append(client)
        return client


async def rejoined(url: str, token: str, **kw: Any) -> WsClient:
    """Joined to the edge at ``url`` once it hears a core again (until then it closes new
    connections at once); ``kw`` as for `WsClient.join`."""
    async with asyncio.timeout(RESUME_BUDGET_S):
        while True:
            # Refused in the hello's wait, or closed (1001) under the hello's send.
            with contextlib.suppress(AssertionError, ConnectionClosed):
                return await WsClient.join(url, token, timeout=0.5, **kw)
            await asyncio.sleep(BEAT_S)


async def hearing(port: ClockedPort, by: float) -> None:
    """Wait until the tone plays on ``port`` from now on, no later than ``by`` (monotonic)."""
    mark = port.position
    async with asyncio.timeout(by - time.monotonic()):
        while True:
            played = port.recording(mark)
            if len(played) > SAMPLE_RATE // 20 and (
                rms_dbfs(played[-SAMPLE_RATE // 20 :, 0]) > TONE_DBFS - 6
            ):
                return
            await asyncio.sleep(0.02)


@pytest.fixture
async def cluster(nats: NatsServer) -> AsyncIterator[Cluster]:
    # All at once: an edge needs nats-server, not the core, to start.
    core, *edges = await asyncio.gather(
        asyncio.to_thread(HubProcess.cluster, DEMO_MEETING, "core", nats.url),
        *(asyncio.to_thread(HubProcess.cluster, DEMO_MEETING, "edge", nats.url) for _ in range(2)),
    )
    cluster = Cluster(meeting_file.load(DEMO_MEETING), core, list(edges), [])
    try:
        yield cluster
    finally:
        for client in cluster.clients:
            await client.close()
        for process in (*cluster.edges, cluster.core):  # the core may have been replaced
            await asyncio.to_thread(process.stop)


async def test_two_edges_one_meeting(cluster: Cluster) -> None:
    fr1 = await cluster.join(0, "fr1", "interpreter", "fr")
    fr2 = await cluster.join(1, "fr2", "interpreter", "fr")
    far = await cluster.join(1, "far", "listener", listen=["fr"])
    near = await cluster.join(0, "near", "listener", listen=["fr"])

    # An interpreter on air on edge 1 is heard on edge 2, on the channel's own stream.
    await fr1.send({"type": "mic", "on": True, "channel": "fr"})
    await fr2.expect_state(lambda m: on_air(m, "fr") == "fr1")
    speaker = Speaker(fr1, tag=b"fr1").start()
    fr_ssrc = next(c["ssrc"] for c in fr1.latest_state()["channels"] if c["id"] == "fr")
    heard = await far.packets_until(lambda r: r.packet.payload.startswith(b"fr1:"))
    assert heard[-1].packet.ssrc == fr_ssrc

    # The interlock holds across edges: the partner on the other edge cannot take the air...
    await fr2.send({"type": "mic", "on": True, "channel": "fr"})
    refused = await fr2.expect("error")
    assert refused["code"] == "partner_live", refused
    # ... but takes it over by handover, in one step.
    await fr1.send({"type": "handover", "action": "offer"})
    await fr2.expect_state(lambda m: booth(m, "fr")["handover"] is not None)
    await fr2.send({"type": "handover", "action": "accept"})
    await fr1.expect_state(lambda m: on_air(m, "fr") == "fr2")
    await speaker.stop()
    Speaker(fr2, tag=b"fr2").start()
    await near.packets_until(lambda r: r.packet.payload.startswith(b"fr2:"))

    # Edge 1 dies: its listener resumes on edge 2, with its identity, its listening and
    # the audio back within 3 s; the listener on edge 2 notices nothing.
    assert near.welcome is not None
    resume = near.welcome["resume"]
    far.drain_media()
    killed_at = time.monotonic()
    await asyncio.to_thread(cluster.edges[0].kill)
    back = await WsClient.join(
        cluster.edges[1].url, token(cluster.meeting, "near", "listener"), resume=resume
    )
    cluster.clients.append(back)
    assert back.welcome is not None
    me = back.welcome["participant"]
    assert (me["id"], me["listening"], me["resumed"]) == ("near", ["fr"], True)
    await back.packets_until(lambda r: r.packet.payload.startswith(b"fr2:"), RESUME_BUDGET_S)
    assert time.monotonic() - killed_at < RESUME_BUDGET_S
    # Heard throughout, also past the moment the core lets edge 1's connections go.
    await asyncio.sleep(max(0.0, killed_at + SILENT_S + 0.5 - time.monotonic()))
    arrived = [killed_at, *(r.at for r in far.drain_media()), time.monotonic()]
    assert max(b - a for a, b in itertools.pairwise(arrived)) < 0.5, arrived


async def test_an_engine_given_both_edges_hears_again_within_3_s_when_its_edge_dies(
    cluster: Cluster,
) -> None:
    chair = await cluster.join(1, "chair", "floor")
    await chair.send({"type": "mic", "on": True, "channel": FLOOR})
    await chair.expect_state(lambda m: on_air(m, FLOOR) == "chair")
    tone = OpusTone(chair, Tone(440.0, TONE_DBFS)).start()
    port = ClockedPort(record_s=20.0)

    async with running(port) as (engine, tap):
        both = ",".join(edge.url for edge in cluster.edges)  # edge 1 first
        engine.submit(Connect(both, token(cluster.meeting, "l1", "listener")))
        await tap.expect(Welcomed)
        engine.submit(SetInput(0, FLOOR))
        await hearing(port, time.monotonic() + 3.0)

        killed_at = time.monotonic()
        await asyncio.to_thread(cluster.edges[0].kill)
        back = await tap.expect(Reconnected, timeout=RESUME_BUDGET_S)
        assert back.resumed and back.listening == (FLOOR,)
        await hearing(port, killed_at + RESUME_BUDGET_S)
        await asyncio.to_thread(engine.stop)
    await tone.stop()


async def test_when_the_core_dies_edges_close_their_clients_who_resume_on_a_new_core(
    cluster: Cluster, nats: NatsServer
) -> None:
    """The edges keep the sessions of the connections they closed until a core beats again."""
    fr1 = await cluster.join(0, "fr1", "interpreter", "fr")
    await fr1.send({"type": "mic", "on": True, "channel": "fr"})
    await fr1.expect_state(lambda m: on_air(m, "fr") == "fr1")
    listener = await cluster.join(1, "l1", "listener", listen=["fr"])
    assert fr1.welcome is not None and listener.welcome is not None

    killed_at = time.monotonic()
    await asyncio.to_thread(cluster.core.kill)
    for client in (fr1, listener):
        assert await client.wait_closed(CORE_SILENT_S + 1.0) == CloseCode.GOING_AWAY
    assert time.monotonic() - killed_at < CORE_SILENT_S + 1.0

    cluster.core = await asyncio.to_thread(HubProcess.cluster, DEMO_MEETING, "core", nats.url)

    back = await cluster.rejoin(0, "l1", "listener", resume=listener.welcome["resume"])
    assert back.welcome is not None
    me = back.welcome["participant"]
    assert (me["resumed"], me["listening"]) == (True, ["fr"])  # heard below without a listen
    fr1_back = await cluster.rejoin(1, "fr1", "interpreter", "fr", resume=fr1.welcome["resume"])
    assert fr1_back.welcome is not None and fr1_back.welcome["participant"]["resumed"] is True
    assert on_air(fr1_back.latest_state(), "fr") is None  # the air was released
    await fr1_back.send({"type": "mic", "on": True, "channel": "fr"})
    await fr1_back.expect_state(lambda m: on_air(m, "fr") == "fr1")
    Speaker(fr1_back, tag=b"fr1").start()
    await back.packets_until(lambda r: r.packet.payload.startswith(b"fr1:"))


async def test_a_standby_core_takes_over_and_a_listener_hears_the_interpreter_within_3_s(
    cluster: Cluster, nats: NatsServer
) -> None:
    """The edges tell the standby the sessions they kept: clients resume them on any edge,
    with their identity and listening set, and the air released."""
    standby = await asyncio.to_thread(HubProcess.cluster, DEMO_MEETING, "core", nats.url)
    try:
        assert any("standby on NATS" in line for line in standby.log)
        fr1 = await cluster.join(0, "fr1", "interpreter", "fr", listen=["en", "floor"])
        assert fr1.welcome is not None
        await fr1.send({"type": "mic", "on": True, "channel": "fr"})
        await fr1.expect_state(lambda m: on_air(m, "fr") == "fr1")
        port = ClockedPort(record_s=20.0)
        async with running(port) as (engine, tap):
            both = ",".join(edge.url for edge in reversed(cluster.edges))
            engine.submit(Connect(both, token(cluster.meeting, "l1", "listener")))
            await tap.expect(Welcomed)
            engine.submit(SetInput(0, "fr"))

            killed_at = time.monotonic()
            await asyncio.to_thread(cluster.core.kill)
            cluster.core = standby
            assert await fr1.wait_closed(RESUME_BUDGET_S) == CloseCode.GOING_AWAY
            back = await cluster.rejoin(1, "fr1", "interpreter", "fr", resume=fr1.welcome["resume"])
            assert back.welcome is not None
            me = back.welcome["participant"]
            assert (me["resumed"], me["listening"]) == (True, ["en", "floor"])  # in its order
            assert me["ssrc"] == fr1.welcome["participant"]["ssrc"]
            assert on_air(back.latest_state(), "fr") is None  # the air was released
            await back.send({"type": "mic", "on": True, "channel": "fr"})
            await back.expect_state(lambda m: on_air(m, "fr") == "fr1")
            tone = OpusTone(back, Tone(440.0, TONE_DBFS)).start()
            reconnected = await tap.expect(Reconnected, timeout=RESUME_BUDGET_S)
            assert reconnected.resumed and reconnected.listening == ("fr",)
            await hearing(port, killed_at + RESUME_BUDGET_S)
            await asyncio.to_thread(engine.stop)
        await tone.stop()
        assert any(_SERVES.search(line) for line in standby.log)
    finally:
        await asyncio.to_thread(standby.stop)


def back_off_air(sub: str, channel_id: str) -> Callable[[Message], bool]:
    """Whether a snapshot shows ``sub`` connected and off ``channel_id``'s air: after its edge
    was taken for dead, once its connection went back to the core (`REATTACH`)."""
    return lambda m: participant(m, sub)["connected"] is True and on_air(m, channel_id) is None


async def test_an_edge_paused_2_s_keeps_its_listeners_and_its_speakers_lose_the_air(
    cluster: Cluster,
) -> None:
    """An edge that misses its beats (SIGSTOP, as a loop busy with handshakes) is taken for
    dead after SILENT_S: its interpreter's air is released; back, it hands its connections to
    the core, and its listener hears on, with a gap of the pause only."""
    chair = await cluster.join(1, "chair", "floor")
    await chair.send({"type": "mic", "on": True, "channel": FLOOR})
    await chair.expect_state(lambda m: on_air(m, FLOOR) == "chair")
    floor = Speaker(chair, tag=b"chair").start()
    fr1 = await cluster.join(0, "fr1", "interpreter", "fr")
    await fr1.send({"type": "mic", "on": True, "channel": "fr"})
    await fr1.expect_state(lambda m: on_air(m, "fr") == "fr1")
    listener = await cluster.join(0, "l1", "listener", listen=[FLOOR])
    await listener.packets_until(lambda r: r.packet.payload.startswith(b"chair:"))

    paused_at = time.monotonic()
    os.kill(cluster.edges[0].pid, signal.SIGSTOP)
    try:
        await chair.expect_state(lambda m: on_air(m, "fr") is None, timeout=SILENT_S + 1.0)
    finally:
        await asyncio.sleep(max(0.0, paused_at + 2.0 - time.monotonic()))
        os.kill(cluster.edges[0].pid, signal.SIGCONT)
    resumed_at = time.monotonic()

    def fresh(r: Received) -> bool:  # spoken since the edge runs again
        return floor.sent.get(r.packet.payload, 0.0) >= resumed_at

    await listener.packets_until(fresh, timeout=paused_at + RESUME_BUDGET_S - time.monotonic())
    await fr1.expect_state(back_off_air("fr1", "fr"))
    await fr1.send({"type": "mic", "on": True, "channel": "fr"})
    await fr1.expect_state(lambda m: on_air(m, "fr") == "fr1")
    assert (fr1.close_code, listener.close_code) == (None, None)
    await floor.stop()


async def test_nats_refuses_a_wrong_password_and_the_hub_says_what_to_do(
    nats: NatsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, "not-" + nats.password)
    with pytest.raises(ValueError, match=f"refused user 'hub': set {PASSWORD_VARIABLE}"):
        await connect(nats.url, "test")
    monkeypatch.delenv(PASSWORD_VARIABLE)
    with pytest.raises(ValueError, match=f"set {PASSWORD_VARIABLE} to its password"):
        await connect(nats.url, "test")
    monkeypatch.setenv(PASSWORD_VARIABLE, nats.password)
    client = await connect(nats.url, "test")
    await client.close()


# --- The one-process hub's conformance, on a cluster ---------------------------------------


class ClusterRoom(Room):
    """A `Room` whose clients join the edges in turn (`url` gives the next edge's)."""

    def __init__(self, edges: list[Edge], meeting: MeetingConfig) -> None:
        super().__init__(edges[0].server, meeting)  # type: ignore[arg-type]
        self._urls = itertools.cycle([edge.server.url for edge in edges])

    @property
    def url(self) -> str:
        return next(self._urls)


@contextlib.asynccontextmanager
async def in_this_loop(nats: NatsServer, edges: int = 2) -> AsyncIterator[ClusterRoom]:
    """A core and ``edges`` edges in this loop on `simple_meeting(("en", "fr"))`."""
    meeting = simple_meeting(("en", "fr"))
    clients = [await connect(nats.url, f"test {n}") for n in range(1 + edges)]
    core = Core(Hub(meeting), clients[0])
    served = [Edge(meeting, client, port=0) for client in clients[1:]]
    for part in (core, *served):
        await part.start()
    room = ClusterRoom(served, meeting)
    try:
        yield room
    finally:
        await room.close()
        for part in (*served, core):
            await part.stop()
        for client in clients:
            await client.close()


@pytest.fixture
async def cluster_room(nats: NatsServer) -> AsyncIterator[Room]:
    """A core and two edges in this loop, as `room` is one hub."""
    async with in_this_loop(nats) as room:
        yield room


@pytest.mark.parametrize(
    "conformance",
    [
        one_process.test_hello_gets_welcome_with_identity_resume_and_snapshot,
        one_process.test_the_same_participant_twice_closes_the_older_with_4409,
        one_process.test_resume_gives_identity_and_listening_back_but_never_the_mic,
        one_process.test_the_floor_reaches_floor_listeners_and_language_channels_in_fallback,
        one_process.test_an_interpreter_on_air_replaces_the_fallback_and_releasing_brings_it_back,
        one_process.test_handover_cancel_and_refusals,
        one_process.test_listen_limits_by_role,
        one_process.test_force_off_takes_the_air_from_a_stuck_microphone,
        one_process.test_chat_reaches_the_booth_the_coordinators_and_one_participant,
    ],
    ids=lambda test: test.__name__.removeprefix("test_"),
)
async def test_rsi_v1_on_a_cluster(conformance: Any, cluster_room: Room) -> None:
    await conformance(cluster_room)


@pytest.mark.parametrize(
    "rule",
    [
        faults.test_a_live_interpreter_lost_abruptly_falls_back_to_the_floor_within_1_s,
        faults.test_the_floor_source_lost_abruptly_releases_the_floor,
        pytest.param(
            functools.partial(
                faults.test_bad_control_input_is_refused_and_the_connection_stays_up,
                text='{"type": "mic"}',
                code="bad_message",
                ref="mic",
            ),
            id="bad_control_input_is_refused_and_the_connection_stays_up",
        ),
        *(
            pytest.param(
                functools.partial(
                    faults.test_a_client_that_keeps_sending_bad_input_is_closed_1008, kind=kind
                ),
                id=f"a_client_that_keeps_sending_bad_{kind}_is_closed_1008",
            )
            for kind in ("text", "media")
        ),
        faults.test_fifty_refusals_are_tolerated,
    ],
    ids=lambda test: test.__name__.removeprefix("test_"),
)
async def test_the_safety_and_bad_input_rules_on_a_cluster(rule: Any, cluster_room: Room) -> None:
    """The meeting's rules of test_server_faults.py; not the limits of one process's sockets
    (frame size, keepalive, slow listeners), which an edge keeps with the same code."""
    await rule(cluster_room)


async def test_after_nats_server_restarts_clients_resume_by_themselves(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Away longer than CORE_SILENT_S: the core took the edge for dead, and the edge, not
    hearing the core, closed its connections (1001); back, a client resumes."""
    with nats_server() as first, contextlib.ExitStack() as restarted:
        monkeypatch.setenv(PASSWORD_VARIABLE, first.password)
        async with in_this_loop(first, edges=1) as room:
            listener = await room.join("l1", "listener", listen=["fr"])
            assert listener.welcome is not None
            first.process.kill()
            assert await listener.wait_closed(timeout=CORE_SILENT_S + 1.0) == CloseCode.GOING_AWAY
            async with asyncio.timeout(SILENT_S + 2.0):
                while not any("silent for" in r.getMessage() for r in caplog.records):
                    await asyncio.sleep(BEAT_S)
            restarted.enter_context(nats_server(first.port, first.password))
            back = await rejoined(
                room.url, room.token("l1", "listener"), resume=listener.welcome["resume"]
            )
            room.clients.append(back)
            assert back.welcome is not None
            assert back.welcome["participant"]["resumed"] is True
            assert back.welcome["participant"]["listening"] == ["fr"]

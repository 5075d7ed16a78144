"""A meeting with six booths on air, for the coordinator's and the listener's windows.

The hub runs on loopback in a thread (:class:`tests.rig.consolekit.HubThread`) with the
meeting :data:`tests.rig.meetings.SIX_BOOTHS`: the floor speaks German; en, fr
and ru interpret from the floor, es and zh take relay from en (+), ar from es
(relay of relay). Every booth has two members, raw rsi.v1 clients
(:class:`tests.rig.consolekit.Peer`); the first of each is on air and speaks real Opus
(a tone of its own pitch), the chair speaks real speech on the floor. The
windows are the real ones, on real engines on null ports.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pytestqt.qtbot import QtBot

from audio.commands import Connect
from audio.engine import Engine, EngineConfig
from audio.fileport import NullPort
from channels.meeting import FLOOR
from channels.meeting_file import load
from console.coordinator.alarms import AlarmConfig
from console.coordinator.window import CoordinatorWindow, open_coordinator
from console.shell.actions import EventLog
from console.shell.bridge import EngineBridge
from tests.rig.consolekit import HubThread, Peer
from tests.rig.engineport import Speech, Tone
from tests.rig.meetings import SIX_BOOTHS
from tests.rig.wsclient import WsClient

SOURCES = {"en": FLOOR, "fr": FLOOR, "ru": FLOOR, "es": "en", "zh": "en", "ar": "es"}
"""What each booth interprets from (the order booths take the air in: sources first)."""
PITCH = {"en": 300.0, "fr": 400.0, "ru": 500.0, "es": 600.0, "zh": 700.0, "ar": 800.0}


class Stage:
    """The hub and its raw participants."""

    def __init__(self) -> None:
        self.hub = HubThread(load(SIX_BOOTHS))
        self.peers: dict[str, Peer] = {}

    def join(
        self, sub: str, role: str, booth: str | None = None, listen: list[str] | None = None
    ) -> Peer:
        hub = self.hub

        async def join() -> WsClient:
            return await WsClient.join(hub.url, hub.token(sub, role, booth), listen=listen)

        peer = Peer(hub, hub.call(join()))
        self.peers[sub] = peer
        return peer

    def on_air(self, booth: str, member: str = "1") -> Peer:
        """``booth``'s member takes the air on its channel, hearing its source, and speaks."""
        peer = self.peers.get(f"{booth}{member}") or self.join(
            f"{booth}{member}", "interpreter", booth, [SOURCES[booth]]
        )
        peer.take_air(booth)
        peer.speak(Tone(PITCH[booth], -18.0))
        return peer

    def start(self) -> None:
        """The chair on the floor speaking; every booth's two members; the first on air."""
        self.hub.start()
        chair = self.join("chair", "floor")
        chair.take_air(FLOOR)
        chair.speak(Speech())
        for booth in SOURCES:
            self.on_air(booth)
            self.join(f"{booth}2", "interpreter", booth, [SOURCES[booth]])

    def state(self) -> dict[str, object]:
        """The newest snapshot the chair received."""
        return self.peers["chair"].client.latest_state()

    def close(self) -> None:
        for peer in self.peers.values():
            peer.close()
        self.hub.stop()


@contextmanager
def stage() -> Iterator[Stage]:
    s = Stage()
    try:
        s.start()
        yield s
    finally:
        s.close()


def engine_bridge() -> EngineBridge:
    """A started engine on a null port (nothing is played), seen from Qt."""
    bridge = EngineBridge(Engine(NullPort(), EngineConfig(metrics_interval_s=0.1)))
    bridge.start()
    return bridge


@contextmanager
def offline_coordinator(qtbot: QtBot) -> Iterator[CoordinatorWindow]:
    """The coordinator's window at 1440x900 on an engine that connects nowhere (the test
    gives it the meeting's events); closed at the end, and its engine then stopped."""
    bridge = engine_bridge()
    window = open_coordinator(bridge)
    qtbot.addWidget(window)
    try:
        window.resize(1440, 900)
        yield window
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)


def coordinator(
    s: Stage, sub: str = "coord", *, alarms: AlarmConfig | None = None, log: EventLog | None = None
) -> CoordinatorWindow:
    """The coordinator's window, connecting to the stage's hub as ``sub``."""
    bridge = engine_bridge()
    window = open_coordinator(bridge, alarms=alarms, log=log)
    bridge.submit(Connect(s.hub.url, s.hub.token(sub, "coordinator")))
    return window

"""A real meeting for the console's Qt tests: a hub on loopback in a thread, peers, the console.

Qt's event loop owns the test's main thread, so the hub (and the raw rsi.v1
peers that play the floor, the booth partner and the other booths) run on an
asyncio loop in a thread of their own (:class:`HubThread`); tests call into
it with :meth:`HubThread.call`. The console is the real one: an
:class:`~audio.engine.Engine` on a :class:`~audio.fileport.NullPort` (its
meters and the floor keep running, nothing is played), the bridge, the
actions and the window.

The meeting (:func:`tests.rig.meetings.console_meeting`) has a bi-active booth, so that the
console's interpreter (``zh1``, booth zh, outputs zh = A and en = B) can
see its B channel engaged by the en booth, and a partner (``zh2``) for
handovers. The floor speaks real speech (resources/speech/en.ogg) by
default; :meth:`Rig.floor_telephone` makes it telephone speech, which the
floor-quality analysis reports as band-limited: the "poor floor sound" state.

Screenshots: tests write only under artifacts/screenshots/ (:data:`SHOTS`).
:func:`publish` also copies one into docs/screenshots/ (committed) when asked
to with ``RSI_UPDATE_DOCS_SCREENSHOTS=1``, so that a test run never rewrites the
documentation by itself.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from audio.commands import Connect
from audio.engine import Engine, EngineConfig
from audio.fileport import NullPort
from audio.format import SAMPLE_RATE
from channels.hub import Hub
from channels.meeting import FLOOR, MeetingConfig
from channels.server import HubServer
from console.interpreter.actions import Actions
from console.interpreter.model import INPUTS, ViewModel
from console.interpreter.window import ConsoleWindow
from console.shell import theme
from console.shell.bridge import EngineBridge
from console.shell.settings import Settings
from programs import demo
from tests.rig import ROOT
from tests.rig.engineport import OpusTone, Source, Speech
from tests.rig.meetings import console_meeting
from tests.rig.wsclient import WsClient, on_air, token

SHOTS = ROOT / "artifacts" / "screenshots"
"""Where tests save screenshots (gitignored)."""
DOC_SHOTS = ROOT / "docs" / "screenshots"
UPDATE_DOCS_ENV = "RSI_UPDATE_DOCS_SCREENSHOTS"
CHANGED_S = EngineConfig().jitter_max_ms / 1000 + 0.1
"""The jitter buffer's most, and the way from the peer through the hub to the console."""
ANALYSIS_MS = 10_000
"""The floor-quality analysis needs about a second of speech and reports once a second: a
fresh analysis of a poor floor has its verdict in a few (generous: the machine may be busy)."""


def publish(shot: Path, name: str) -> None:
    """Copy a screenshot to docs/screenshots/``name``; only with RSI_UPDATE_DOCS_SCREENSHOTS=1.

    The documentation's pictures are committed: they change when someone means
    to change them (``RSI_UPDATE_DOCS_SCREENSHOTS=1 pytest tests/console/test_screens.py
    tests/console/test_coordinator.py tests/console/test_plaintext.py``), not on every test run.
    """
    if os.environ.get(UPDATE_DOCS_ENV) != "1":
        return
    target = DOC_SHOTS / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, target)
    assert target.stat().st_size < 200_000, f"{target} is too big for the documentation"


class HubThread(demo.HubThread):
    """The program's hub thread (:class:`programs.demo.HubThread`), with what tests add:
    a restart on the same port, and tokens for its meeting."""

    def restart(self, down_s: float = 0.5, meeting: MeetingConfig | None = None) -> None:
        """Stop the hub, wait ``down_s``, serve a new one (a fresh state) on the same port.

        ``meeting``: the new hub serves this one instead (another secret: tokens refused).
        """
        port = self.server.port
        self.call(self.server.stop())
        self.call(asyncio.sleep(down_s))
        self.server = HubServer(
            Hub(meeting or self.meeting), port=port, host=self.host, ssl_context=self.ssl_context
        )
        self.call(self.server.start())

    def token(self, sub: str, role: str, booth: str | None = None) -> str:
        return token(self.meeting, sub, role, booth)


class Peer:
    """A raw rsi.v1 participant on the hub's loop (floor, partner, another booth)."""

    def __init__(self, hub: HubThread, client: WsClient) -> None:
        self.hub = hub
        self.client = client
        self.sender: OpusTone | None = None
        self._since = 0
        """The sender's count of packets when its source last changed."""

    @property
    def id(self) -> str:
        return self.client.id

    def send(self, message: dict[str, Any]) -> None:
        self.hub.call(self.client.send(message))

    def take_air(self, channel: str) -> None:
        async def take() -> None:
            await self.client.send({"type": "mic", "on": True, "channel": channel})
            await self.client.expect_state(lambda m: on_air(m, channel) == self.client.id)

        self.hub.call(take())

    def release_air(self) -> None:
        self.send({"type": "mic", "on": False})

    def speak(self, source: Source) -> None:
        """Send ``source`` as real Opus, paced in real time, until :meth:`silence`. While
        sending already, the same stream goes on with ``source``, as a speaker's sound
        changes (:meth:`spoken_s` counts from the change)."""
        if self.sender is not None:
            self._since = self.sender.sent
            self.sender.source = source
            return

        async def start() -> OpusTone:
            return OpusTone(self.client, source).start()

        self._since = 0
        self.sender = self.hub.call(start())

    def spoken_s(self) -> float:
        """Seconds of the source given last to :meth:`speak` sent so far."""
        sender = self.sender
        return 0.0 if sender is None else (sender.sent - self._since) * sender.frame / SAMPLE_RATE

    def silence(self) -> None:
        if self.sender is not None:
            self.hub.call(self.sender.stop())
            self.sender = None

    def close(self) -> None:
        self.silence()
        self.hub.call(self.client.ws.close())


class Rig:
    """The hub, its peers and the console window, for one test module."""

    def __init__(self, hub: HubThread, window: ConsoleWindow) -> None:
        self.hub = hub
        self.window = window
        self.bridge = window.bridge
        self.actions = window.dispatcher
        self.model = window.model
        self.peers: dict[str, Peer] = {}

    def join(self, sub: str, role: str, booth: str | None = None) -> Peer:
        """A raw participant; an interpreter listens to the floor (its source)."""
        listen = [FLOOR] if role == "interpreter" else None

        async def join() -> WsClient:
            return await WsClient.join(
                self.hub.url, self.hub.token(sub, role, booth), listen=listen
            )

        peer = Peer(self.hub, self.hub.call(join()))
        self.peers[sub] = peer
        return peer

    def floor_speech(self) -> None:
        self.peers["chair"].speak(Speech())

    def floor_telephone(self) -> None:
        """The floor turns into a speaker on the phone: band-limited speech."""
        self.peers["chair"].speak(Speech(telephone=True))

    def floor_changed(self) -> bool:
        """Whether the floor has spoken its new sound for longer than the console's floor
        buffer can hold: a floor-quality analysis started now hears nothing before it."""
        return self.peers["chair"].spoken_s() > CHANGED_S

    def close(self) -> None:
        for peer in self.peers.values():
            peer.close()


def make_console(
    *,
    model: ViewModel | None = None,
    log: Any = None,
    settings: Settings | None = None,
    config: EngineConfig | None = None,
    clock: Callable[[], float] = time.time,
) -> tuple[ConsoleWindow, EngineBridge]:
    """A console window on a started engine (a NullPort: nothing is played), with ``config``
    (its ``inputs`` set to the console's); ``clock`` is the window's wall clock."""
    config = dataclasses.replace(config or EngineConfig(), inputs=INPUTS)
    engine = Engine(NullPort(), config)
    bridge = EngineBridge(engine)
    model = model or ViewModel()
    actions = Actions(bridge, model, log=log, settings=settings)
    bridge.start()
    window = ConsoleWindow(bridge, actions, model, settings=settings, clock=clock)
    return window, bridge


@contextmanager
def rig(sub: str = "zh1", booth: str = "zh", *, log: Any = None) -> Iterator[Rig]:
    """Hub, chair speaking on the floor, the console connected as ``sub`` in ``booth``."""
    hub = HubThread(console_meeting())
    hub.start()
    window, bridge = make_console(log=log)
    kit = Rig(hub, window)
    try:
        chair = kit.join("chair", "floor")
        chair.take_air(FLOOR)
        kit.floor_speech()
        bridge.submit(Connect(hub.url, hub.token(sub, "interpreter", booth)))
        yield kit
    finally:
        window.close()
        assert bridge.wait_stopped(5.0), "the console's engine did not stop"
        kit.close()
        hub.stop()


@contextmanager
def offline_console(settings: Settings | None = None) -> Iterator[ConsoleWindow]:
    """A shown console window on its own engine, in no meeting; closed and stopped after."""
    window, bridge = make_console(settings=settings)
    try:
        window.show()
        yield window
    finally:
        window.close()
        assert bridge.wait_stopped(5.0), "the console's engine did not stop"


@contextmanager
def themed(name: str = "light") -> Iterator[None]:
    """The application in theme ``name`` (as rsi-console applies it), Qt's own look after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, name)
    try:
        yield
    finally:
        app.setStyleSheet("")
        app.setPalette(app.style().standardPalette())
        app.setProperty(theme.THEME_PROPERTY, None)

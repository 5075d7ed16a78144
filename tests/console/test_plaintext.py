"""Text from the network is shown as text in every window of the console (issue 13, part 1).

A booth partner named ``<img src="/dev/zero">`` made a console read /dev/zero until it died;
names with markup showed big red text and local images. Now every label is plain text
(:mod:`console.shell.widgets.plain`), and the one label with markup escapes what it shows.

* Each window (interpreter, coordinator, listener; the settings and connect dialogs) is fed a
  meeting in which every id, name, label, chat, message and sentence is hostile
  (:mod:`hostile`), and rendered: no label may be anything but a plain :class:`Label` (or a
  :class:`MarkupLabel` with escaped text), no tooltip rich text, every hostile field shows as
  the characters it is, and nothing opened the FIFO the markup names (:class:`hostile.Trap`).
* With real processes: ``rsi-hub serve`` (the meeting's title hostile), a booth partner whose
  token, made by ``rsi-hub token``, names it ``<img src="/dev/zero">`` and who chats markup
  (a raw rsi.v1 client), an ``rsi-bot`` on air in the other booth named with a file link,
  and the interpreter's window connected to them: the names show as written and the
  console's memory does not grow. Its screenshot is docs/screenshots/console-hostile-name.png
  (consolekit.publish).
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import jwt
import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from audio.commands import (
    AutoRelayChanged,
    ChatReceived,
    Connect,
    Connecting,
    ConnectionFailed,
    Event,
    FailureKind,
    HubError,
    PortProblem,
    SignalReceived,
    Welcomed,
)
from console.app import save_screenshot
from console.coordinator.window import open_coordinator
from console.listener.window import open_listener
from console.shell import theme
from console.shell.bridge import EngineBridge
from console.shell.connectdialog import ConnectDialog
from console.shell.settings import Settings
from console.shell.widgets.plain import markup, markup_lines
from resources import SPEECH
from tests.rig.consolekit import SHOTS, make_console, publish
from tests.rig.coordkit import engine_bridge
from tests.rig.hostile import Trap, hostile, hostile_meeting, markup_problems, me, shown_text
from tests.rig.hubprocess import HubProcess, rsi_hub, start_hub
from tests.rig.wsclient import WsClient

T = TypeVar("T")
WAIT_MS = 15_000
"""Generous: the machine may be loaded (waits end as soon as the state shows)."""
SHOWN: dict[str, tuple[str, ...]] = {
    "interpreter": (
        "url", "title", "me", "booth", "channel-a", "channel-b", "channel-c", "partner",
        "other", "ghost", "chat-name", "chat-text", "hub-sentence", "auto-reason",
        "port-problem", "failure",
    ),
    "coordinator": (
        "url", "title", "floor-language", "channel-a", "language-a", "channel-b", "channel-c",
        "partner", "other", "ghost", "me", "coordinator", "booth", "booth-2",
        "chat-name", "chat-text", "hub-sentence", "failure", "gateway", "platform",
        "stranger", "role",
    ),
    "listener": ("title", "channel-c", "language-a", "failure"),
}  # fmt: skip
"""The hostile fields each window shows (tags of :func:`hostile.hostile`)."""


@pytest.fixture
def trap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Trap]:
    """The FIFO the hostile markup names, in the working folder; nothing may open it."""
    monkeypatch.chdir(tmp_path)
    caught = Trap(tmp_path)
    try:
        yield caught
    finally:
        assert not caught.close(), "the console opened a file named in a participant's text"


def meeting_events(role: str, now: float) -> list[Event]:
    """What the engine could hand a window, every string hostile; connection failed last."""
    return [
        Connecting(hostile("url")),
        Welcomed(me(role), hostile_meeting(now)),
        ChatReceived(
            hostile("partner-id"), hostile("chat-name"), "booth", hostile("chat-text"), now
        ),
        SignalReceived(hostile("listener-id"), "no_sound", now),
        HubError(hostile("code"), hostile("message"), None, hostile("hub-sentence")),
        AutoRelayChanged(1, hostile("channel-a"), True, hostile("auto-reason"), None),
        PortProblem(hostile("device"), hostile("port-problem")),
        ConnectionFailed(FailureKind.CLOSED, hostile("failure")),
    ]  # fmt: skip


def render(window: QWidget) -> None:
    """Lay out and paint everything, as the screen would (a rich label loads images here)."""
    QApplication.processEvents()
    window.grab()


def feed(window: QWidget, on_event: Callable[[Event], None], role: str) -> str:
    """Give ``window`` the hostile meeting event by event, checking it after each; all the
    text it showed on the way."""
    seen = []
    for event in meeting_events(role, time.time()):
        on_event(event)
        render(window)
        assert markup_problems(window) == [], type(event).__name__
        seen.append(shown_text(window))
    return "\n".join(seen)


def assert_literal(shown: str, tags: tuple[str, ...]) -> None:
    """Each tagged hostile string is in ``shown`` character for character (ids may be in
    capitals)."""
    missing = [tag for tag in tags if hostile(tag).casefold() not in shown.casefold()]
    assert missing == [], f"not shown as text: {missing}"


def test_markup_escapes_every_value() -> None:
    made = markup('<b style="color:{0}">{1}</b>', "red", hostile("x"))
    assert made.startswith('<b style="color:red">&lt;img src=&quot;7&quot;&gt;&lt;h1')
    assert "<img" not in made and "<a " not in made
    assert markup_lines([made, markup("{0}", "<br>")]) == f"{made}<br>&lt;br&gt;"


def test_the_interpreter_shows_hostile_text_as_text(
    qtbot: QtBot, trap: Trap, tmp_path: Path
) -> None:
    window, bridge = make_console(settings=Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    try:
        shown = feed(window, window.on_event, "interpreter")
        assert_literal(shown, SHOWN["interpreter"])
        assert window.settings is not None
        dialog = window.open_settings(window.settings)
        render(dialog)
        assert markup_problems(dialog) == []
        dialog.reject()
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)


@pytest.mark.parametrize("role", ["coordinator", "listener"])
def test_the_other_windows_show_hostile_text_as_text(qtbot: QtBot, trap: Trap, role: str) -> None:
    bridge: EngineBridge = engine_bridge()
    window = open_coordinator(bridge) if role == "coordinator" else open_listener(bridge)
    qtbot.addWidget(window)
    try:
        shown = feed(window, window.on_event, role)
        assert_literal(shown, SHOWN[role])
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)


def test_the_connect_dialog_shows_hostile_text_as_text(
    qtbot: QtBot, trap: Trap, tmp_path: Path
) -> None:
    settings = Settings.at(tmp_path / "settings.ini")
    settings.remember("wss://hub.example.org/v1", hostile("remembered"))
    dialog = ConnectDialog(settings, lambda command: None)
    qtbot.addWidget(dialog)
    dialog.show()
    # An invitation's token names the meeting: the dialog quotes it when the hub runs another.
    token = jwt.encode({"mtg": hostile("token-meeting")}, "k" * 32, algorithm="HS256")
    dialog.hub.setText("wss://hub.example.org/v1")
    dialog.token.setText(token)
    dialog.start()
    dialog.handle_event(ConnectionFailed(FailureKind.WRONG_MEETING, hostile("failure")))
    render(dialog)
    assert markup_problems(dialog) == []
    seen = shown_text(dialog)
    dialog.meetings.setCurrentRow(0)
    dialog.forget.click()
    render(dialog)
    assert markup_problems(dialog) == []
    assert_literal(seen + shown_text(dialog), ("remembered", "token-meeting"))


PARTNER = '<img src="/dev/zero">'
"""The booth partner's name that made a console read /dev/zero until it died (issue 13)."""
SPEAKER = '<a href="file:///etc/passwd">EN booth</a>'
CHAT = '<img src="\\\\server\\share\\x.png">Ready when you are.'
TITLE = '<h1 style="color:red">EVACUATE NOW</h1>'
MEETING = f"""
id = "hostile"
title = '{TITLE}'
floor_language = "en"
secret = "hostile-names-test-secret-of-32-bytes-or-more"

[[channels]]
id = "en"
language = "en"

[[channels]]
id = "zh"
language = "zh"

[[booths]]
id = "zh"
outputs = ["zh", "en"]
languages = ["en"]

[[booths]]
id = "en"
outputs = ["en"]
languages = ["zh"]
"""
GROWTH_LIMIT_MB = 150
"""Reading /dev/zero grew a console by 4.2 GB in 12 s; a console that shows names grows by
far less than this while it connects and draws."""


class LoopThread:
    """An asyncio loop in a thread of its own: Qt's loop has the test's main thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="asyncio", daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()


@pytest.fixture
def hub_process(tmp_path: Path) -> Iterator[tuple[HubProcess, Path, LoopThread]]:
    """``rsi-hub serve`` on :data:`MEETING` (its title hostile), the meeting file, and the
    loop that watches the hub (for raw participants too)."""
    path = tmp_path / "hostile.toml"
    path.write_text(MEETING)
    loop = LoopThread()
    hub = loop.run(start_hub(path))
    try:
        yield hub, path, loop
    finally:
        hub.stop()
        loop.stop()


def issue_token(meeting: Path, sub: str, name: str, booth: str) -> str:
    """An interpreter's token, from ``rsi-hub token`` as an organiser would make it."""
    done = rsi_hub(
        "token", "--meeting", meeting, "--id", sub, "--name", name, "--role", "interpreter",
        "--booth", booth,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def start_bot(url: str, token: str, log: Path, *options: str) -> subprocess.Popen[bytes]:
    """``rsi-bot`` for two minutes at most, in a process of its own, talking into ``log``."""
    command = [sys.executable, "-m", "programs.bot", "--url", url, "--token", token]
    with log.open("wb") as out:
        return subprocess.Popen([*command, "--duration", "120", *options], stdout=out, stderr=out)


def resident_mb() -> float:
    """This process's resident memory."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) / 1024  # type: ignore[index]


@pytest.mark.slow
def test_a_hostile_partner_over_real_processes(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    hub_process: tuple[HubProcess, Path, LoopThread],
) -> None:
    hub, meeting, loop = hub_process
    partner = loop.run(WsClient.join(hub.url, issue_token(meeting, "zh2", PARTNER, "zh")))
    speaker = start_bot(
        hub.url, issue_token(meeting, "en1", SPEAKER, "en"), tmp_path / "en1.log",
        "--play", str(SPEECH / "en.ogg"), "--mic", "en", "--loop",
    )  # fmt: skip
    theme.apply(qapp, "light")  # as rsi-console does by default (and the other screenshots)
    window, bridge = make_console()
    qtbot.addWidget(window)
    try:
        window.resize(1280, 720)
        window.show()
        render(window)
        before = resident_mb()
        bridge.submit(Connect(hub.url, issue_token(meeting, "zh1", "Mei", "zh")))
        qtbot.waitUntil(lambda: PARTNER in window.handover.partner.text(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: SPEAKER in window.air.outputs[1].text(), timeout=WAIT_MS)
        loop.run(partner.send({"type": "chat", "to": "booth", "text": CHAT}))
        qtbot.waitUntil(lambda: CHAT in window.messages.log.toPlainText(), timeout=WAIT_MS)
        for _ in range(10):  # ten frames over two seconds, as the screen would draw them
            render(window)
            qtbot.wait(200)
        grown = resident_mb() - before
        assert grown < GROWTH_LIMIT_MB, f"the console grew by {grown:.0f} MB"
        assert markup_problems(window) == []
        assert window.status.where.text().startswith(TITLE)
        assert SPEAKER in shown_text(window.input.channels)
        shot = SHOTS / "console-hostile-name.png"
        save_screenshot(window, str(shot))
        publish(shot, "console-hostile-name.png")
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)
        speaker.terminate()
        speaker.wait(10)
        loop.run(partner.ws.close())
        qapp.setStyleSheet("")
        qapp.setPalette(qapp.style().standardPalette())

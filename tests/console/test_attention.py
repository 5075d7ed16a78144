"""What calls the interpreter and the coordinator, and what a screen reader hears.

A handover request or offer, and a coordinator's message: the panel flashes
then stays highlighted until answered (at once with reduced motion), the key
that answers is named in large type and follows a new binding, the headset
chime is asked of the engine once, and screen readers hear it announced. A
coordinator's new alarm rings the chime when the coordinator wants it. Every
label and button of the interpreter's window says what it shows in Qt's
accessibility tree. The windows are real, on engines that connect nowhere:
the test hands them the meeting's events.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from audio.commands import (
    AirChanged,
    ChatReceived,
    Chime,
    Command,
    Connecting,
    Meeting,
    MeetingChanged,
    Reconnecting,
    SignalReceived,
    Welcomed,
)
from channels.session import Me
from console.app import save_screenshot
from console.coordinator.window import open_coordinator
from console.interpreter.actions import Actions
from console.interpreter.widgets.notices import HOLD_S
from console.interpreter.window import ConsoleWindow
from console.shell import theme
from console.shell.bridge import EngineBridge
from console.shell.settings import Settings
from console.shell.settingsdialog import EngineHooks, SettingsDialog
from console.shell.widgets.common import announcer
from tests.console.test_viewmodel import ME, meeting, on_air
from tests.rig.consolekit import SHOTS, make_console, publish
from tests.rig.coordkit import engine_bridge
from tests.rig.qtaccess import screen_reader, unspoken

COORDINATOR = {"id": "c1", "name": "Ana", "role": "coordinator"}


def with_coordinator(base: Meeting) -> Meeting:
    data = msgspec.to_builtins(base)
    data["participants"] = [*data["participants"], COORDINATOR]
    return msgspec.convert(data, Meeting)


def asked(version: int, action: str = "request", since: float = 0.0) -> MeetingChanged:
    """zh1 (me) on air on zh, the partner Wang asking for the air (or offering it)."""
    live = "zh1" if action == "request" else "zh2"
    handover = {"from": "zh2", "to": "zh1", "action": action, "since": since}
    base = with_coordinator(meeting(version))
    return MeetingChanged(on_air(base, live, "zh", live_since=since, handover=handover))


def calm(version: int, since: float = 0.0) -> MeetingChanged:
    return MeetingChanged(on_air(with_coordinator(meeting(version)), "zh1", "zh", live_since=since))


class Heard:
    """The commands the window gave the engine (still given to it) and the announcements."""

    def __init__(self, bridge: EngineBridge, monkeypatch: pytest.MonkeyPatch) -> None:
        self.commands: list[Command] = []
        self.said: list[str] = []
        give = bridge.submit

        def submit(command: Command) -> bool:
            self.commands.append(command)
            return give(command)

        monkeypatch.setattr(bridge, "submit", submit)
        announcer().announced.connect(self._said)

    def _said(self, _: QObject, text: str) -> None:
        self.said.append(text)

    def close(self) -> None:
        announcer().announced.disconnect(self._said)

    @property
    def chimes(self) -> int:
        return sum(isinstance(c, Chime) for c in self.commands)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.at(tmp_path / "settings.ini")


@pytest.fixture
def console(
    qapp: QApplication, qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[ConsoleWindow, Heard]]:
    """The interpreter's window (1280x720, light theme) welcomed into the meeting, on air."""
    theme.apply(qapp, "light")
    skew = [0.0]
    window, bridge = make_console(settings=settings, clock=lambda: time.time() + skew[0])
    heard = Heard(bridge, monkeypatch)
    try:
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        window.on_event(Connecting("wss://hub.example/v1"))
        window.on_event(Welcomed(ME, with_coordinator(meeting())))
        assert heard.said == ["connected"]
        heard.said.clear()
        skew[0] = HOLD_S + 1.0  # the "not in a meeting" notice has gone (notices.py)
        window.refresh()
        yield window, heard
    finally:
        heard.close()
        window.close()
        assert bridge.wait_stopped(5.0)
        qapp.setStyleSheet("")
        qapp.setPalette(qapp.style().standardPalette())


def shoot(window: Any, name: str) -> None:
    path = SHOTS / name
    save_screenshot(window, str(path))
    publish(path, name)


def test_attention_settings_default_and_persist(settings: Settings, tmp_path: Path) -> None:
    assert (settings.reduced_motion, settings.headset_chime, settings.alarm_sound) == (
        False, True, False,
    )  # fmt: skip
    settings.reduced_motion, settings.headset_chime, settings.alarm_sound = True, False, True
    settings.sync()
    again = Settings.at(tmp_path / "settings.ini")
    assert (again.reduced_motion, again.headset_chime, again.alarm_sound) == (True, False, True)
    again.store.setValue("attention/headset_chime", "loud")
    assert again.headset_chime is True
    assert any("is not true or false; true is used" in p for p in again.problems)


def test_the_settings_dialog_switches_the_flashing_and_the_chime(
    qtbot: QtBot, settings: Settings
) -> None:
    dialog = SettingsDialog(settings, Actions.table(), EngineHooks(submit=lambda _: True))
    qtbot.addWidget(dialog)
    assert not dialog.reduced_motion.isChecked() and dialog.headset_chime.isChecked()
    dialog.reduced_motion.setChecked(True)
    dialog.headset_chime.setChecked(False)
    assert dialog.apply()
    assert settings.reduced_motion and not settings.headset_chime


def test_a_handover_request_flashes_names_the_key_chimes_once_and_is_announced(
    console: tuple[ConsoleWindow, Heard], qtbot: QtBot, settings: Settings
) -> None:
    window, heard = console
    panel = window.handover
    now = time.time()
    window.on_event(AirChanged("zh", True, False))
    window.on_event(calm(2, now - 60))
    window.on_event(asked(3, "request", now - 60))
    assert panel.call.attention.flashing
    assert (
        panel.call.prompt.isVisible()
        and panel.call.prompt.text() == "Press F10 to hand over the air"
    )
    assert panel.call.prompt.font().pointSizeF() > 1.5 * panel.pending.font().pointSizeF()
    qtbot.waitUntil(lambda: not panel.call.attention.flashing, timeout=5_000)
    assert panel.property("severity") == "warning"  # still highlighted: not answered yet
    window.refresh()
    assert heard.chimes == 1  # once per request, not on every redraw
    assert heard.said[-1] == (
        "Wang asks for the air: accept to hand over. Press F10 to hand over the air"
    )
    window.rekey({"handover_accept": "F7"})
    assert panel.call.prompt.text() == "Press F7 to hand over the air"
    window.rekey({})
    shoot(window, "console-handover-request.png")

    window.on_event(calm(4, now - 60))  # answered (here: withdrawn)
    assert not panel.call.prompt.isVisible() and not panel.property("severity")

    settings.reduced_motion, settings.headset_chime = True, False
    window.on_event(asked(5, "offer", now - 60))
    assert not panel.call.attention.flashing and panel.property("severity") == "warning"
    assert panel.call.prompt.text() == "Press F10 to take the air"
    assert heard.chimes == 1 and heard.said[-1].endswith("Press F10 to take the air")


def test_a_coordinators_message_calls_until_read(
    console: tuple[ConsoleWindow, Heard], qtbot: QtBot, settings: Settings
) -> None:
    window, heard = console
    panel = window.messages
    settings.reduced_motion = True  # (the handover test waits for the flashing to end)
    now = time.time()
    window.on_event(ChatReceived("zh2", "Wang", "booth", "Water?", now))
    assert not panel.call.prompt.isVisible() and heard.chimes == 0  # the booth's chat: no call
    window.on_event(ChatReceived("c1", "Ana", "zh1", "The speaker will read a text.", now))
    assert not panel.call.attention.flashing and panel.property("severity") == "warning"
    assert heard.chimes == 1
    assert (
        panel.call.prompt.text() == "Message from Ana, coordinator: press Ctrl+M to read and answer"
    )
    assert heard.said == ["Message from Ana, coordinator: The speaker will read a text."]
    shoot(window, "console-coordinator-message.png")
    window.dispatcher.trigger("focus_chat", source="test")
    qtbot.waitUntil(lambda: not panel.call.prompt.isVisible(), timeout=5_000)
    assert not panel.property("severity")


def test_screen_readers_hear_every_label_and_the_important_changes(
    console: tuple[ConsoleWindow, Heard],
) -> None:
    window, heard = console
    now = time.time()
    with screen_reader():  # the announcements go to Qt's accessibility for real
        window.on_event(AirChanged("zh", True, False))
        window.on_event(asked(2, "request", now - 95))
        window.on_event(ChatReceived("c1", "Ana", "zh1", "Two minutes to the break.", now))
        QApplication.processEvents()
        assert unspoken(window) == []
        assert window.handover.turn.accessibleName() == "Turn timer"  # the name stays the name
        window.on_event(Reconnecting(1, 0.5, "the hub has not answered for 6 s"))
        window.on_event(Reconnecting(2, 1.0, "connection refused"))  # one trouble: said once
        assert unspoken(window) == []
    assert heard.said == [
        "Microphone: TAKING THE AIR…",
        "Microphone: ON AIR",
        "Wang asks for the air: accept to hand over. Press F10 to hand over the air",
        "Message from Ana, coordinator: Two minutes to the break.",
        "reconnecting… attempt 1 (the hub has not answered for 6 s)",
        "Microphone: OFF AIR",
    ]


def test_a_new_alarm_rings_the_coordinators_chime_when_wanted(
    qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    bridge = engine_bridge()
    window = open_coordinator(bridge, settings=settings)
    qtbot.addWidget(window)
    heard = Heard(bridge, monkeypatch)
    try:
        now = time.time()
        window.on_event(Welcomed(Me(id="c1", name="Ana", role="coordinator", ssrc=9), meeting()))
        window.on_event(SignalReceived("zh2", "need_help", now))
        assert heard.chimes == 0  # off by default
        assert heard.said == ["Alarm: Wang (zh) needs help"]
        qtbot.keyClick(window.alarms.sound, Qt.Key.Key_Space)  # its box in the alarm panel
        assert window.alarms.sound.isChecked() and settings.alarm_sound
        window.on_event(SignalReceived("fr1", "no_sound", now))
        window.redraw()
        assert heard.chimes == 1 and heard.said[-1] == "Alarm: Luc (fr) has no sound"
        window.on_event(MeetingChanged(on_air(meeting(2), "zh1", "zh", live_since=now - 100)))
        QApplication.processEvents()
        assert unspoken(window) == []  # the coordinator's window says what it shows, too
    finally:
        heard.close()
        window.close()
        assert bridge.wait_stopped(5.0)

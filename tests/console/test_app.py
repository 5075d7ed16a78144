"""``rsi-console`` as a program, and the settings it keeps.

* ``rsi-console demo --screenshot`` runs for real in a process of its own: the demo meeting
  (embedded hub, floor, booths, partner bot), no sound card, a real render of the window.
* In-process, against a hub on loopback: the connect dialog (Ctrl+O) connects through the
  one command path and remembers the meeting; the settings dialog opens on its key; new
  shortcuts from the settings store take effect at once and show on the buttons.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from audio.commands import Connect
from console.coordinator.actions import CoordinatorActions
from console.interpreter.actions import Actions
from console.interpreter.model import Air, ViewModel
from console.interpreter.widgets.notices import notice_text
from console.listener.actions import ListenerActions
from console.shell.actions import ActionSet
from console.shell.connectdialog import ConnectDialog
from console.shell.headsetcheck import HeadsetCheckDialog
from console.shell.model import Connection
from console.shell.settings import Settings, shortcut_problems
from console.shell.settingsdialog import SettingsDialog
from tests.rig import ROOT
from tests.rig.consolekit import HubThread, make_console
from tests.rig.meetings import console_meeting
from tests.rig.tlskit import network_address

WAIT_MS = 15_000
"""Generous: the machine may be loaded (waits end as soon as the state shows)."""


def test_demo_screenshot_without_a_sound_card(tmp_path: Path) -> None:
    shot, log = tmp_path / "demo.png", tmp_path / "events.jsonl"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "programs.console", "demo", "--null-audio", "--quit-after", "3",
         "--screenshot", str(shot), "--event-log", str(log), "--settings",
         str(tmp_path / "settings.ini")],
        env=env, capture_output=True, text=True, timeout=90,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 720)
    # The no-sound-card notice (amber, the same in every theme) runs across the top, under the
    # menu bar and the status line.
    row = [QColor(image.pixel(x, 84)).name() for x in range(0, 1280, 40)]
    assert row.count("#ffbf00") > len(row) // 4, row  # its text is in the middle
    assert log.exists()


ACTION_SETS: dict[str, type[ActionSet[object]]] = {
    "Interpreter's console": Actions,
    "Coordinator's window": CoordinatorActions,
    "Listener's window": ListenerActions,
}
"""docs/shortcuts.md's section of each window's action set."""


@pytest.mark.parametrize("actions", ACTION_SETS.values(), ids=ACTION_SETS.keys())
def test_default_shortcuts_are_valid_and_unique(actions: type[ActionSet[object]]) -> None:
    table = actions.table()
    assert shortcut_problems(table, {}) == []
    keys = [key for _, _, key in table if key]
    assert len(keys) == len(set(keys)) and len(keys) >= 5
    assert all(label for _, label, _ in table)


def test_connect_dialog_settings_dialog_and_new_shortcuts(
    hub: HubThread, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = Settings.at(tmp_path / "settings.ini")
    window, bridge = make_console(model=ViewModel(), settings=settings)
    try:
        window.show()

        def press(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
            window.activateWindow()  # application shortcuts need an active window of the app
            qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
            qtbot.keyClick(window, key, modifiers)

        press(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: isinstance(window.dialog, ConnectDialog), timeout=WAIT_MS)
        dialog = window.dialog
        assert isinstance(dialog, ConnectDialog)
        dialog.hub.setText(hub.url)
        dialog.token.setText(hub.token("zh1", "interpreter", "zh"))
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.model.connection is Connection.CONNECTED, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)
        assert [m.hub for m in settings.meetings()] == [hub.url]

        press(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: isinstance(window.dialog, SettingsDialog), timeout=WAIT_MS)
        assert isinstance(window.dialog, SettingsDialog)
        window.dialog.reject()
        qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)

        # First run: no calibration stored, so the headset check is offered; then by its key.
        offered = window.offer_first_run()
        assert isinstance(offered, HeadsetCheckDialog) and window.dialog is offered
        offered.reject()
        qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)
        press(Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: isinstance(window.dialog, HeadsetCheckDialog), timeout=WAIT_MS)
        assert isinstance(window.dialog, HeadsetCheckDialog)
        window.dialog.finish()
        qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)
        assert settings.calibrated and window.offer_first_run() is None  # not again

        # The air on Ctrl+Space instead of F1: stored, applied, shown.
        settings.set_shortcut_overrides(Actions.table(), {"air": "Ctrl+Space"})
        window.rekey(settings.shortcut_overrides(Actions.table()))
        assert window.air.air.key == "Ctrl+Space"
        assert "Ctrl+Space" in window.air.air.accessibleDescription()
        press(Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)  # no longer the air
        press(Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.view.air_channel == "zh", timeout=WAIT_MS)
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)


def restart_in_background(hub: HubThread, down_s: float) -> threading.Thread:
    thread = threading.Thread(target=hub.restart, kwargs={"down_s": down_s}, daemon=True)
    thread.start()
    return thread


def test_reconnection_shows_as_it_happens(hub: HubThread, qtbot: QtBot) -> None:
    """Reconnecting, Reconnected (the air not taken back: the user must press it), gave up."""
    window, bridge = make_console()
    notices, connection = window.notices, window.status.connection
    try:
        window.show()
        bridge.submit(Connect(hub.url, hub.token("zh1", "interpreter", "zh")))
        qtbot.waitUntil(lambda: window.model.connection is Connection.CONNECTED, timeout=WAIT_MS)
        # The hub goes away for 2 s and comes back on the same port. Restarted off
        # this thread, so the window shows the outage as it happens (a blocking restart
        # let the events queue up and go by in one pass on a loaded machine).
        restarting = restart_in_background(hub, down_s=2.0)
        qtbot.waitUntil(lambda: "reconnecting" in connection.text(), timeout=WAIT_MS)
        restarting.join()
        assert "attempt" in connection.text()
        assert connection.property("severity") == "alarm"
        qtbot.waitUntil(lambda: window.model.connection is Connection.CONNECTED, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "restored" in notices.text("notice"), timeout=WAIT_MS)
        assert "FLOOR" in notices.text("notice") and connection.text() == "connected"

        # On air when the hub goes away: back off air, told to press the microphone again.
        qtbot.mouseClick(window.air.air, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.view.air is Air.ON, timeout=WAIT_MS)
        restarting = restart_in_background(hub, down_s=2.0)
        qtbot.waitUntil(lambda: "reconnecting" in connection.text(), timeout=WAIT_MS)
        restarting.join()
        assert window.view.air is Air.OFF and window.air.air.texts()[0] == "OFF AIR"
        qtbot.waitUntil(
            lambda: "Press it to speak again" in notices.text("notice"), timeout=WAIT_MS
        )
        assert "on air on ZH" in notices.text("notice")
        assert notices.rows[0].property("severity") == "alarm"  # the most serious first
        assert window.model.connection is Connection.CONNECTED
        assert window.view.air is Air.OFF and window.air.air.texts()[0] == "OFF AIR"
        restored = window.model.notices[-2]  # shown first, then the air alarm over it
        assert notice_text(restored.text, restored.params).startswith("Connection restored")
        qtbot.mouseClick(window.air.air, Qt.MouseButton.LeftButton)  # the user takes it again
        qtbot.waitUntil(lambda: window.view.air is Air.ON, timeout=WAIT_MS)

        # The hub comes back with another secret: the token is refused, reconnecting stops.
        other = dataclasses.replace(hub.meeting, secret="another-secret-of-32-bytes-or-more!!")
        hub.restart(meeting=other)
        qtbot.waitUntil(lambda: window.model.connection is Connection.FAILED, timeout=WAIT_MS)
        assert connection.text().startswith("not connected:") and "token" in connection.text()
        assert connection.property("severity") == "alarm" and window.view.air is Air.OFF
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)


def test_the_shortcut_document_lists_every_default_key() -> None:
    text = (ROOT / "docs" / "shortcuts.md").read_text()
    sections = {part.split("\n", 1)[0].strip(): part for part in text.split("\n## ")}
    for title, actions in ACTION_SETS.items():
        rows = {line.split("|")[3].strip(" `"): line.split("|")[1].strip() for line in
                sections[title].splitlines() if line.startswith("| ") and "`" in line}  # fmt: skip
        table = actions.table()
        assert set(rows) == {action_id for action_id, _, _ in table}, title
        for action_id, _, key in table:
            assert rows[action_id].removesuffix(" (hold)") == (key or "none"), (title, action_id)


def test_each_window_keeps_its_own_keys(tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "settings.ini")
    settings.set_shortcut_overrides(Actions.table(), {"air": "Ctrl+Space"})
    settings.set_shortcut_overrides(
        CoordinatorActions.table(), {"listen_next": "Ctrl+N"}, CoordinatorActions.ROLE
    )
    assert Actions.stored_keys(settings) == {"air": "Ctrl+Space"}
    assert CoordinatorActions.stored_keys(settings) == {"listen_next": "Ctrl+N"}
    assert ListenerActions.stored_keys(settings) == {}
    assert settings.problems == []


def _who_joins(hub: HubThread, tmp_path: Path, runs: dict[str, tuple[str, ...]]) -> set[str]:
    """Run ``rsi-console --url --token`` as each ``sub`` (with its extra arguments) for a few
    seconds, all at once: which of them joined the hub?"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def command(sub: str, extra: tuple[str, ...]) -> list[str]:
        return [
            sys.executable, "-m", "programs.console", "--url", hub.url,
            "--token", hub.token(sub, "interpreter", "zh"), "--null-audio", "--quit-after", "3",
            "--settings", str(tmp_path / f"{sub}.ini"), *extra,
        ]  # fmt: skip

    consoles = {
        sub: subprocess.Popen(command(sub, extra), env=env, stderr=subprocess.PIPE, text=True)
        for sub, extra in runs.items()
    }
    joined: set[str] = set()
    try:
        while any(console.poll() is None for console in consoles.values()):
            joined |= set(consoles) & set(hub.server.hub.participants)
            time.sleep(0.05)
        for console in consoles.values():
            assert console.returncode == 0, console.stderr.read() if console.stderr else ""
    finally:
        for console in consoles.values():
            console.kill()
            console.communicate()
    return joined


def test_the_command_line_refuses_plain_ws_to_another_computer_unless_allowed(
    tmp_path: Path,
) -> None:
    address = network_address()
    hub = HubThread(console_meeting(), host=address)
    hub.start()
    try:
        assert _who_joins(hub, tmp_path, {"zh1": (), "zh2": ("--allow-insecure",)}) == {"zh2"}
    finally:
        hub.stop()


def test_the_command_line_names_a_missing_ca_file(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "programs.console", "--url", "wss://hub.example.org/v1",
         "--token", "t", "--ca", str(tmp_path / "nowhere.pem")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "nowhere.pem: no such file" in done.stderr


def test_with_no_display_it_says_how_to_run_headless(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-m", "programs.console", "demo", "--null-audio", "--quit-after", "1"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "no display here" in done.stderr and "QT_QPA_PLATFORM=offscreen" in done.stderr

"""The even-level switch of each input in the interpreter's console, end to end.

A click and a key switch it through the actions to the console's real engine
(on a null port: its metrics say whether each input is levelled), the
switch's accessible name says its state, and the choice is kept in the
settings for the next start. The input panel is grabbed into
artifacts/screenshots/ (docs/screenshots/ with RSI_UPDATE_DOCS_SCREENSHOTS=1).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.app import save_screenshot
from console.interpreter.model import FLOOR_INPUT, PARTNER_INPUT, RELAY_INPUT
from console.interpreter.window import ConsoleWindow
from console.shell.bridge import EngineBridge
from console.shell.settings import Settings
from tests.rig.consolekit import SHOTS, make_console, publish

WAIT_MS = 15_000
"""Generous: the machine may be loaded (waits end as soon as the state shows)."""


def levelled(bridge: EngineBridge) -> list[bool] | None:
    """Which of the engine's inputs are levelled, per its latest metrics."""
    metrics = bridge.engine.latest_metrics
    return None if metrics is None else [i.leveller_db is not None for i in metrics.inputs]


def closed(window: ConsoleWindow, bridge: EngineBridge) -> None:
    window.close()
    assert bridge.wait_stopped(5.0), "the console's engine did not stop"


def test_each_input_has_an_even_level_switch_kept_in_the_settings(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = Settings.at(tmp_path / "console.ini")
    window, bridge = make_console(settings=settings)
    panel = window.input
    try:
        window.show()
        qtbot.waitUntil(lambda: levelled(bridge) == [True, True, True], timeout=WAIT_MS)
        boxes = (panel.floor_level, panel.relay_level, panel.partner_level)
        assert all(box.isChecked() for box in boxes)
        assert panel.floor_level.accessibleName() == "Even level of the floor: on"
        assert "Ctrl+L" in panel.floor_level.text()
        shot = SHOTS / "console-even-levels.png"
        save_screenshot(panel, str(shot))
        publish(shot, "console-even-levels.png")

        panel.relay_level.click()  # the control
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # the key
        qtbot.waitUntil(lambda: levelled(bridge) == [False, False, True], timeout=WAIT_MS)
        window.refresh()
        assert not panel.floor_level.isChecked() and not panel.relay_level.isChecked()
        assert panel.floor_level.accessibleName() == "Even level of the floor: off"
        assert panel.relay_level.accessibleName() == "Even level of the relay: off"
        assert panel.partner_level.accessibleName() == "Even level of the booth partner: on"
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: levelled(bridge) == [True, False, True], timeout=WAIT_MS)
    finally:
        closed(window, bridge)

    again = Settings.at(tmp_path / "console.ini")
    assert [again.levelled(name) for name in ("floor", "relay", "partner")] == [True, False, True]
    window, bridge = make_console(settings=again)  # the next start
    try:
        assert window.dispatcher.levelled == {
            FLOOR_INPUT: True,
            RELAY_INPUT: False,
            PARTNER_INPUT: True,
        }
        assert not window.input.relay_level.isChecked()
        window.dispatcher.sync()  # as after a welcome: the engine is told
        qtbot.waitUntil(lambda: levelled(bridge) == [True, False, True], timeout=WAIT_MS)
    finally:
        closed(window, bridge)

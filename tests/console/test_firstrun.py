"""A way in: the menu bar made of the actions, Connect in the window, the first-run sound check,
a window that fits small screens, check boxes seen in every theme.

Screenshots (docs/screenshots/ with RSI_UPDATE_DOCS_SCREENSHOTS=1, consolekit.publish):
console-offline.png (menus and Connect), first-run-check.png, console-960x540.png and
console-1366x768.png (a 1920x1080 screen at 200 %, a 1366x768 one at 100 %), and
check-boxes-<theme>.png.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from audio.commands import Level, Metrics
from audio.devices import SYSTEM_DEFAULT
from console.app import save_screenshot
from console.interpreter.actions import Actions
from console.interpreter.window import MENUS
from console.shell import theme
from console.shell.connectdialog import ConnectDialog
from console.shell.firstrun import FirstRunDialog
from console.shell.headsetcheck import HeadsetCheckDialog
from console.shell.menus import unplaced
from console.shell.model import Connection
from console.shell.settings import Settings
from tests.rig.consolekit import SHOTS, offline_console, publish, themed

WAIT_MS = 15_000
SCREENS = ((960, 540), (1366, 768))
"""Logical pixels of a 1920x1080 screen at 200 % and of a 1366x768 one at 100 %."""


def press(qtbot: QtBot, button: QAbstractButton) -> None:
    """A click with the mouse, as the user gives it."""
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def shoot(widget: QWidget, name: str) -> None:
    shot = SHOTS / name
    save_screenshot(widget, str(shot))
    assert shot.stat().st_size > 1_000
    publish(shot, name)


def test_every_action_a_key_triggers_is_in_a_menu_with_its_key(
    qtbot: QtBot, tmp_path: Path
) -> None:
    assert unplaced(Actions, MENUS) == []
    settings = Settings.at(tmp_path / "settings.ini")
    with themed("light"), offline_console(settings) as window:
        qtbot.addWidget(window)
        window.resize(1280, 720)
        titles = [action.text() for action in window.menuBar().actions()]
        assert titles == ["&Meeting", "&Audio", "&View", "&Help"]
        entry = window.menus.entries["connect"]
        assert entry.text() == "Connect to a meeting\tCtrl+O"
        assert window.menus.where("settings") == "Audio ▸ Settings (Ctrl+,)"
        # Offline: Connect shows in the window, and it goes the one command path.
        assert window.connect_button.isVisible()
        assert window.connect_button.text() == "Connect…  [Ctrl+O]"
        shoot(window, "console-offline.png")
        meeting = window.menus.menus["&Meeting"]
        meeting.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
        qtbot.waitExposed(meeting)
        assert [a.text() for a in meeting.actions()][:2] == ["Connect to a meeting\tCtrl+O", ""]
        shoot(meeting, "console-menu-meeting.png")
        meeting.close()
        press(qtbot, window.connect_button)
        qtbot.waitUntil(lambda: isinstance(window.dialog, ConnectDialog), timeout=WAIT_MS)
        window.dialog.reject()
        qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)
        entry.trigger()  # the menu entry does the same
        qtbot.waitUntil(lambda: isinstance(window.dialog, ConnectDialog), timeout=WAIT_MS)
        window.dialog.reject()
        qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)
        # The user's keys show in the menu and in the sentences that name it.
        window.rekey({"settings": "Ctrl+Shift+S"})
        assert window.menus.entries["settings"].text() == "Settings\tCtrl+Shift+S"
        assert window.menus.where("settings") == "Audio ▸ Settings (Ctrl+Shift+S)"
        window.rekey({"sound_check": "Ctrl+Alt+C"})  # in two menus: both say so
        said = [a.text() for m in window.menus.menus.values() for a in m.actions()]
        assert said.count("Sound check: headset, microphone, level\tCtrl+Alt+C") == 2
        # In a meeting the button goes, and its place stays (nothing moves).
        status = window.status.geometry()
        window.model.connection = Connection.CONNECTED
        window.refresh()
        assert not window.connect_button.isVisible()
        assert window.status.geometry() == status
        # The themes in turn from the View menu, kept in the settings.
        window.menus.entries["theme_next"].trigger()
        assert settings.theme == "dark" == theme.current(QApplication.instance())


def test_the_first_run_check_walks_devices_headset_microphone(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "settings.ini")
    assert settings.first_run
    with themed("light"), offline_console(settings) as window:
        qtbot.addWidget(window)
        check = window.offer_first_run()
        assert isinstance(check, FirstRunDialog) and window.dialog is check
        qtbot.waitExposed(check)
        # 1. The devices: the lists of the settings, the system's default chosen.
        assert check.currentPage() is check.devices_page
        assert check.output.currentData() == SYSTEM_DEFAULT == check.input.currentData()
        press(qtbot, check.button(QWizard.WizardButton.NextButton))
        assert check.currentPage() is check.headset_page
        assert "Not done yet" in check.check_status.text()
        # 2. The reference voice: the headset check, over the sound check.
        press(qtbot, check.check_button)
        headset = check.headset_check
        assert isinstance(headset, HeadsetCheckDialog)
        headset.finish()
        qtbot.waitUntil(lambda: check.headset_check is None, timeout=WAIT_MS)
        assert settings.calibrated and check.check_status.text().startswith("Done")
        # 3. Speak: the microphone's level shows (the engine's own metrics, a voice in them).
        press(qtbot, check.button(QWizard.WizardButton.NextButton))
        assert check.currentPage() is check.mic_page
        assert check.mic_level.format() == "no signal"
        with qtbot.waitSignal(window.bridge.metrics, timeout=WAIT_MS) as got:
            pass
        metrics = got.args[0]
        assert isinstance(metrics, Metrics)
        window.bridge.metrics.disconnect(window.on_event)  # the NullPort's silence no more
        voice = Level(peak_dbfs=-14.0, hold_dbfs=-12.0, rms_dbfs=-24.0, over=False)
        window.on_event(replace(metrics, mic=replace(metrics.mic, level=voice)))
        assert check.mic_level.value() == -14 and check.mic_level.format() == "-14 dBFS"
        shoot(check, "first-run-check.png")
        # 4. Done: how to join, how to come back.
        press(qtbot, check.button(QWizard.WizardButton.NextButton))
        said = check.done_page.findChildren(QWidget)[0].text()
        assert "Meeting ▸ Connect to a meeting (Ctrl+O)" in said
        assert "Audio ▸ Sound check: headset, microphone, level (Ctrl+Shift+C)" in said
        press(qtbot, check.button(QWizard.WizardButton.FinishButton))
        qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)
        assert not settings.first_run and window.offer_first_run() is None
        # Open again from the Audio menu; skipping it is one button.
        window.menus.entries["sound_check"].trigger()
        qtbot.waitUntil(lambda: isinstance(window.dialog, FirstRunDialog), timeout=WAIT_MS)
        press(qtbot, window.dialog.button(QWizard.WizardButton.CustomButton1))
        qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)


def test_skipping_the_first_run_check_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "settings.ini")
    with offline_console(settings) as window:
        qtbot.addWidget(window)
        check = window.offer_first_run()
        assert isinstance(check, FirstRunDialog)
        press(qtbot, check.button(QWizard.WizardButton.CustomButton1))  # Skip the check
        qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT_MS)
        assert not Settings.at(tmp_path / "settings.ini").first_run
        # Not calibrated: later runs offer the headset check alone.
        assert isinstance(window.offer_first_run(), HeadsetCheckDialog)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_window_fits_small_screens(
    qtbot: QtBot, tmp_path: Path, width: int, height: int
) -> None:
    with themed("light"), offline_console(Settings.at(tmp_path / "s.ini")) as window:
        qtbot.addWidget(window)
        hint = window.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height, hint
        window.resize(width, height)
        qtbot.waitUntil(lambda: window.size().toTuple() == (width, height), timeout=WAIT_MS)
        QApplication.processEvents()
        frame = window.rect()
        for widget in (
            window.status.clock,
            window.connect_button,
            window.air.air,
            window.handover,
            window.messages,
            window.notices,
        ):
            at = widget.mapTo(window, widget.rect().topLeft())
            assert frame.contains(at), f"{widget.accessibleName()} starts outside at {at}"
            right = at.x() + widget.width()
            assert right <= frame.right() + 1, f"{widget.accessibleName()} is cut at the side"
            assert not widget.visibleRegion().isEmpty(), f"{widget.accessibleName()} is hidden"
        shoot(window, f"console-{width}x{height}.png")


def test_window_never_opens_larger_than_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    with offline_console(Settings.at(tmp_path / "s.ini")) as window:
        qtbot.addWidget(window)
        free = window.screen().availableGeometry().size()
        window.resize(free.width() + 600, free.height() + 400)  # a size kept from a bigger one
        window.fit_screen()
        least = window.minimumSizeHint()  # the offscreen screen is 800x800: narrower than this
        assert window.width() <= max(free.width(), least.width())
        assert window.height() <= free.height()


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_check_boxes_show_in_every_theme(qtbot: QtBot, name: str) -> None:
    roles = theme.THEMES[name]
    sheet = theme.style_sheet(name)
    assert f"border: 2px solid {roles.text}" in sheet  # the box is drawn in the text colour
    assert theme.contrast(roles.text, roles.window) >= 3.0  # WCAG 1.4.11, non-text contrast
    assert theme.contrast(roles.highlight, roles.base) >= 3.0  # checked tells from unchecked
    with themed(name):
        box = QWidget()
        qtbot.addWidget(box)
        layout = QVBoxLayout(box)
        for text, checked in ((box.tr("Auto-relay"), False), (box.tr("Hear yourself"), True)):
            check = QCheckBox(text)
            check.setChecked(checked)
            layout.addWidget(check)
        layout.addWidget(QRadioButton(box.tr("Dark")))
        box.resize(200, 100)
        box.show()
        qtbot.waitExposed(box)
        image = box.grab().toImage()
        seen = {image.pixelColor(x, y).name() for x in range(0, 40) for y in range(0, 100)}
        assert roles.text in seen and roles.highlight in seen, (name, sorted(seen)[:20])
        shoot(box, f"check-boxes-{name}.png")

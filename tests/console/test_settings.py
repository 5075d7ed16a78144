"""Settings (console/shell/settings.py), the settings dialog and the headset check, on real INI
files and engine. The headset check's screenshot goes to artifacts/screenshots/; with
RSI_UPDATE_DOCS_SCREENSHOTS=1 also to docs/screenshots/headset-check.png (consolekit.publish)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import resources
from audio.commands import Command, HeadsetCheck, SetCalibration, Sidetone, TestTone
from audio.engine import Engine, EngineConfig
from audio.fileport import FilePort
from audio.protection import DEFAULT_SPL_AT_FULL_SCALE, Calibration
from audio.selfcheck import reference_speech
from console.app import save_screenshot
from console.shell import theme
from console.shell.bridge import EngineBridge
from console.shell.headsetcheck import HeadsetCheckDialog
from console.shell.settings import (
    CALIBRATED_BY_CHECK,
    CALIBRATED_BY_METER,
    ProtectionLimits,
    Settings,
    ShortcutError,
    shortcut_problems,
)
from console.shell.settingsdialog import EngineHooks, SettingsDialog
from tests.rig.consolekit import SHOTS, publish
from tests.rig.qtaccess import unnamed, unreachable

SPEECH = resources.SPEECH / "en.ogg"
ACTIONS = [
    ("air", "Microphone on / off", "F1"),
    ("cough", "Cough (hold)", "F2"),
    ("relay_next", "Next relay", "F7"),
    ("volume_set", "Set the volume", ""),
]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "console.ini"


def raw(path: Path, **values: object) -> None:
    """Write values as another program (or a hand edit) would."""
    store = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in values.items():
        store.setValue(key.replace("__", "/"), value)
    store.sync()


# --- the store ------------------------------------------------------------------------------


def test_every_setting_survives_a_restart(path: Path) -> None:
    s = Settings.at(path)
    assert (s.input_device, s.output_device, s.theme) == ("", "", "light")
    assert s.spl_at_full_scale == DEFAULT_SPL_AT_FULL_SCALE and not s.calibrated
    assert s.limits == ProtectionLimits() and s.meetings() == [] and s.geometry is None
    s.input_device, s.output_device = "USB Headset", "pulse"
    s.spl_at_full_scale = 97.5
    s.limits = ProtectionLimits(96.0, 90.0, 75.0)
    s.theme = "high-contrast"
    s.set_shortcut_overrides(ACTIONS, {"air": "ctrl+space", "cough": "F2", "relay_next": ""})
    s.remember("wss://a.example/v1", "Council", now=100.0)
    s.remember("wss://b.example/v1", "Board", "e.y.j", now=200.0)
    s.geometry = QByteArray(b"\x01\x02geometry")
    s.sync()

    again = Settings.at(path)
    assert (again.input_device, again.output_device) == ("USB Headset", "pulse")
    assert again.spl_at_full_scale == 97.5 and again.calibrated
    assert again.limits == ProtectionLimits(96.0, 90.0, 75.0)
    assert again.theme == "high-contrast"
    # F2 is cough's default: only real changes are stored; "" removes a key
    assert again.shortcut_overrides(ACTIONS) == {"air": "Ctrl+Space", "relay_next": ""}
    assert [(m.hub, m.name, m.token) for m in again.meetings()] == [
        ("wss://b.example/v1", "Board", "e.y.j"),
        ("wss://a.example/v1", "Council", None),
    ]
    assert again.geometry == QByteArray(b"\x01\x02geometry")
    assert again.problems == []
    protection = again.limits.protection_settings()
    assert (protection.ceiling_spl, protection.exposure.warn_leq_spl) == (96.0, 75.0)


def test_a_token_is_kept_only_when_asked_and_forgotten_with_the_meeting(path: Path) -> None:
    s = Settings.at(path)
    s.remember("wss://a.example/v1", "", "e.y.j", now=1.0)
    assert s.meetings()[0].token == "e.y.j" and s.meetings()[0].name == "wss://a.example/v1"
    s.remember("wss://a.example/v1", "Council", now=2.0)
    assert s.meetings()[0].token is None and len(s.meetings()) == 1
    s.sync()
    assert "e.y.j" not in path.read_text()
    s.forget("wss://a.example/v1")
    assert s.meetings() == []


def test_bad_stored_values_fall_back_to_defaults_and_are_reported(path: Path) -> None:
    raw(
        path,
        protection__spl_at_full_scale="loud",
        protection__ceiling_spl=120,
        appearance__theme="neon",
        appearance__language="tlh",
        meetings__list="[{broken",
        shortcuts__overrides='{"air": "F2"}',
        audio__input=["not", "a", "name"],
    )
    s = Settings.at(path)
    assert s.spl_at_full_scale == DEFAULT_SPL_AT_FULL_SCALE
    assert s.limits == ProtectionLimits()
    assert s.theme == "light"
    assert s.language == "system"
    assert s.meetings() == []
    assert s.shortcut_overrides(ACTIONS) == {}
    assert s.input_device == ""
    problems = s.problems
    assert len(problems) == 7, problems
    assert any("“tlh”" in p for p in problems)
    assert any("(loud) is not a number" in p for p in problems)
    assert any("neon" in p for p in problems)
    assert any("F2 is already the key of “Cough (hold)”" in p for p in problems)
    raw(path, protection__spl_at_full_scale=300)
    assert Settings.at(path).spl_at_full_scale == DEFAULT_SPL_AT_FULL_SCALE
    with pytest.raises(ValueError, match="60 to 140"):
        s.spl_at_full_scale = 150.0
    with pytest.raises(ValueError, match="not raised"):
        s.limits = ProtectionLimits(ceiling_spl=104.0)


def test_a_calibration_is_stored_with_its_source(path: Path) -> None:
    s = Settings.at(path)
    s.calibrate(95.5, CALIBRATED_BY_CHECK)
    s.sync()
    again = Settings.at(path)
    assert again.spl_at_full_scale == 95.5 and again.calibration_source == CALIBRATED_BY_CHECK
    with pytest.raises(ValueError, match="unknown calibration source"):
        s.calibrate(95.0, "guessed")
    raw(path, protection__calibration_source="guessed")  # a hand edit
    odd = Settings.at(path)
    assert odd.calibration_source == CALIBRATED_BY_METER
    assert any("(guessed) is unknown" in p for p in odd.problems)
    odd.forget_calibration()
    odd.sync()
    gone = Settings.at(path)
    assert not gone.calibrated and not gone.store.contains("protection/calibration_source")


def test_shortcut_conflicts_are_refused_with_a_reason_each() -> None:
    problems = shortcut_problems(
        ACTIONS,
        {"air": "F2", "relay_next": "Tab", "volume_set": "Ctrl+Nope", "gone": "F9"},
    )
    by_id = {p.action_id: p.sentence for p in problems}
    assert "already the key of “Cough (hold)”" in by_id["air"]
    assert "moves between controls" in by_id["relay_next"]
    assert "not a key combination" in by_id["volume_set"]
    assert "no action “gone”" in by_id["gone"]
    assert shortcut_problems(ACTIONS, {"air": "Ctrl+O, Ctrl+P"})  # one combination only
    assert shortcut_problems(ACTIONS, {"air": "F2", "cough": "F1"}) == []  # a swap is fine
    with pytest.raises(ShortcutError) as caught:
        Settings(QSettings()).set_shortcut_overrides(ACTIONS, {"air": "F2"})
    assert [p.action_id for p in caught.value.problems] == ["air"]


# --- the dialog -------------------------------------------------------------------------------


class Sent:
    """The hooks' commands, recorded and passed on to the real engine."""

    def __init__(self, bridge: EngineBridge) -> None:
        self.bridge = bridge
        self.commands: list[Command] = []
        self.devices: list[tuple[str, str]] = []

    def submit(self, command: Command) -> bool:
        self.commands.append(command)
        return self.bridge.submit(command)

    def use_devices(self, microphone: str, headset: str) -> None:
        self.devices.append((microphone, headset))


@pytest.fixture(scope="module")
def bridge(qapp: QApplication) -> Iterator[EngineBridge]:
    """A real engine whose "microphone" is speech from a file."""
    engine = Engine(FilePort(SPEECH, loop=True), EngineConfig(metrics_interval_s=0.1))
    bridge = EngineBridge(engine)
    bridge.start()
    yield bridge
    bridge.stop()
    assert bridge.wait_stopped(10.0)


@pytest.fixture
def dialog(qtbot, path: Path, bridge: EngineBridge, pulse) -> Iterator[SettingsDialog]:
    sent = Sent(bridge)
    d = SettingsDialog(
        Settings.at(path), ACTIONS, EngineHooks(sent.submit, use_devices=sent.use_devices)
    )
    d.sent = sent  # type: ignore[attr-defined]
    qtbot.addWidget(d)
    bridge.metrics.connect(d.show_metrics)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow)
    yield d
    bridge.metrics.disconnect(d.show_metrics)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet("")
    app.setPalette(QPalette())
    app.setProperty(theme.THEME_PROPERTY, None)


def key(qtbot, text: str) -> None:
    """Press one key combination on whatever has the focus, as a user does."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(text)[0]
    qtbot.keyClick(app.focusWidget(), combo.key(), combo.keyboardModifiers())


def click_by_key(qtbot, keys: str, button) -> None:
    """Press a button's mnemonic; the button animates its click, so wait for it."""
    with qtbot.waitSignal(button.clicked, timeout=5000):
        key(qtbot, keys)


def apply(qtbot, dialog: SettingsDialog) -> None:
    click_by_key(qtbot, "Alt+P", dialog.buttons.button(QDialogButtonBox.StandardButton.Apply))


def test_every_page_is_named_and_reachable_by_keyboard(qtbot, dialog: SettingsDialog) -> None:
    for page in range(dialog.tabs.count()):
        assert dialog.tabs.currentIndex() == page
        dialog.tabs.currentWidget().focusNextChild()
        assert unnamed(dialog) == []
        assert unreachable(qtbot, dialog) == []
        key(qtbot, "Ctrl+Tab")  # the next page, from anywhere in the dialog
    assert dialog.tabs.currentIndex() == 0


def test_the_mic_check_shows_the_engine_level_and_devices_are_chosen_by_name(
    qtbot, dialog: SettingsDialog
) -> None:
    qtbot.waitUntil(lambda: dialog.mic_level.value() > -40, timeout=10_000)
    assert "dBFS" in dialog.mic_level.format()
    assert dialog.headset_level.value() == -60  # the microphone is not heard...
    click_by_key(qtbot, "Alt+Y", dialog.hear)  # ...until "Hear yourself"
    assert dialog.hear.isChecked()
    qtbot.waitUntil(lambda: dialog.headset_level.value() > -40, timeout=10_000)
    click_by_key(qtbot, "Alt+Y", dialog.hear)
    assert dialog.sent.commands[-2:] == [Sidetone(True), Sidetone(False)]  # type: ignore[attr-defined]
    names = [dialog.output.itemData(i) for i in range(dialog.output.count())]
    assert names[0] == "" and "pulse" in names  # "System default", then the real devices
    dialog.output.setFocus()
    while dialog.output.currentData() != "pulse":
        key(qtbot, "Down")
    apply(qtbot, dialog)
    assert dialog.sent.devices == [("", "pulse")]  # type: ignore[attr-defined]
    assert Settings.at(dialog.settings.store.fileName()).output_device == "pulse"


def output_rms(bridge: EngineBridge) -> float:
    metrics = bridge.engine.latest_metrics
    return -200.0 if metrics is None else metrics.output.left.rms_dbfs


def test_the_test_tone_plays_in_the_headset_until_the_dialog_closes(
    qtbot, dialog: SettingsDialog, bridge: EngineBridge
) -> None:
    # The engine is the module's: the meters may still show what the previous test played
    # (its sidetone) until the next metrics arrive, later on a loaded machine.
    qtbot.waitUntil(lambda: dialog.headset_level.value() == -60, timeout=10_000)
    click_by_key(qtbot, "Alt+O", dialog.tone)  # Play a test tone
    # Not calibrated: -20 dBFS would be 90 dB SPL, turned down as howl; -31 dBFS is left alone
    assert dialog.sent.commands[-1] == TestTone(True, -31.0)  # type: ignore[attr-defined]
    assert dialog.tone.isChecked() and dialog.calibration_tone.isChecked()
    qtbot.waitUntil(lambda: dialog.headset_level.value() == -31, timeout=10_000)
    assert dialog.headset_level.format() == "-31 dBFS"
    qtbot.waitUntil(lambda: abs(output_rms(bridge) + 31.0) < 0.5, timeout=10_000)
    key(qtbot, "Escape")
    assert dialog.sent.commands[-1] == TestTone(False)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: output_rms(bridge) < -60, timeout=10_000)


def test_calibration_from_a_meter_reading_of_the_real_tone_goes_to_the_engine_and_persists(
    qtbot, dialog: SettingsDialog, bridge: EngineBridge
) -> None:
    headset_spl_at_full_scale = 100.0  # the headset the "sound level meter" measures
    key(qtbot, "Ctrl+Tab")
    assert "not calibrated" in dialog.hearing_status.text().lower()
    click_by_key(qtbot, "Alt+O", dialog.calibration_tone)  # Play the calibration tone
    assert dialog.calibration_tone.isChecked() and dialog.tone.isChecked()
    qtbot.waitUntil(lambda: abs(output_rms(bridge) + 31.0) < 0.5, timeout=10_000)
    qtbot.wait(400)  # the RMS meter integrates 300 ms: let it settle on the tone
    reading = output_rms(bridge) + headset_spl_at_full_scale
    dialog.measured.setFocus()
    dialog.measured.lineEdit().selectAll()
    qtbot.keyClicks(dialog.measured.lineEdit(), f"{reading:.1f}")
    click_by_key(qtbot, "Alt+U", dialog.use_reading)
    value = dialog.calibration.value()
    assert value == pytest.approx(headset_spl_at_full_scale, abs=0.5)
    assert "from the -31 dBFS tone" in dialog.hearing_status.text()
    apply(qtbot, dialog)
    assert not dialog.calibration_tone.isChecked()  # stopped: its level was for the old one
    assert dialog.sent.commands[-2:] == [TestTone(False), SetCalibration(value)]  # type: ignore[attr-defined]
    stored = Settings.at(dialog.settings.store.fileName())
    assert stored.calibrated and stored.spl_at_full_scale == value
    assert "calibrated from a measurement (100" in dialog.hearing_status.text()
    click_by_key(qtbot, "Alt+O", dialog.calibration_tone)  # a quieter headset: a louder tone
    assert dialog.sent.commands[-1] == TestTone(True, -21.0)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: abs(output_rms(bridge) + 21.0) < 0.5, timeout=10_000)
    click_by_key(qtbot, "Alt+O", dialog.calibration_tone)
    assert dialog.sent.commands[-1] == TestTone(False)  # type: ignore[attr-defined]
    click_by_key(qtbot, "Alt+F", dialog.safe_default)  # forgets the calibration
    apply(qtbot, dialog)
    assert not Settings.at(dialog.settings.store.fileName()).calibrated
    assert dialog.sent.commands[-1] == SetCalibration(DEFAULT_SPL_AT_FULL_SCALE)  # type: ignore[attr-defined]


def test_a_conflicting_shortcut_is_shown_and_blocks_ok(qtbot, dialog: SettingsDialog) -> None:
    changed: list[dict[str, str]] = []
    dialog.shortcuts_changed.connect(changed.append)
    key(qtbot, "Ctrl+Tab")
    key(qtbot, "Ctrl+Tab")
    editor = dialog.shortcuts
    editor.table.setFocus()
    assert editor.table.currentRow() == 0  # "Microphone on / off"
    key(qtbot, "Alt+N")  # to the key recorder
    assert QApplication.focusWidget() is not None
    key(qtbot, "F2")
    qtbot.waitUntil(lambda: editor.key_of("air") == "F2", timeout=5000)
    assert "F2 is already the key of “Cough (hold)”" in editor.problems.text()
    assert "(conflict)" in editor.table.item(0, 1).text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    editor.table.setFocus()
    key(qtbot, "Down")  # cough
    key(qtbot, "Alt+N")
    key(qtbot, "Ctrl+F2")
    qtbot.waitUntil(lambda: editor.key_of("cough") == "Ctrl+F2", timeout=5000)
    assert editor.problems.text() == "" and ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert changed == [{"air": "F2", "cough": "Ctrl+F2"}]
    assert Settings.at(dialog.settings.store.fileName()).shortcut_overrides(ACTIONS) == {
        "air": "F2",
        "cough": "Ctrl+F2",
    }


def test_the_theme_is_chosen_with_the_arrows_and_applied_at_once(
    qtbot, dialog: SettingsDialog
) -> None:
    for _ in range(3):
        key(qtbot, "Ctrl+Tab")
    light = dialog.theme_buttons.buttons()[0]
    light.setFocus()
    key(qtbot, "Down")
    key(qtbot, "Down")
    assert dialog.chosen_theme == "high-contrast"
    apply(qtbot, dialog)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert theme.current(app) == "high-contrast"
    assert dialog.grab().toImage().pixelColor(3, 3).name() == "#000000"
    assert Settings.at(dialog.settings.store.fileName()).theme == "high-contrast"


def test_the_language_is_chosen_in_the_list_and_kept_for_the_next_start(
    qtbot, dialog: SettingsDialog
) -> None:
    assert dialog.language.currentData() == "system"
    for _ in range(3):
        key(qtbot, "Ctrl+Tab")
    key(qtbot, "Alt+U")  # the label's key moves to the list
    assert QApplication.focusWidget() is dialog.language
    while dialog.language.currentData() != "fr":
        key(qtbot, "Down")
    assert dialog.language.currentText() == "Français"  # each language in its own words
    apply(qtbot, dialog)
    assert Settings.at(dialog.settings.store.fileName()).language == "fr"
    with pytest.raises(ValueError, match="language must be one of"):
        dialog.settings.language = "klingon"


# --- the headset check ------------------------------------------------------------------------


@pytest.fixture
def check(qtbot, path: Path, bridge: EngineBridge) -> Iterator[HeadsetCheckDialog]:
    sent = Sent(bridge)
    d = HeadsetCheckDialog(Settings.at(path), sent.submit)
    d.sent = sent  # type: ignore[attr-defined]
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow)
    yield d
    if d.isVisible():
        d.reject()


def test_the_headset_check_calibrates_from_the_level_chosen_by_ear(
    qtbot, check: HeadsetCheckDialog, bridge: EngineBridge, path: Path
) -> None:
    sent: Sent = check.sent  # type: ignore[attr-defined]
    speech = reference_speech()
    assert HeadsetCheckDialog.needed(check.settings)  # first run: nothing stored
    assert unnamed(check) == [] and unreachable(qtbot, check) == []
    assert "about 72 dB SPL" in check.assumption.text()  # the assumption, said
    assert "-23 LUFS" in check.explain.text()
    assert QApplication.focusWidget() is check.volume
    click_by_key(qtbot, "Alt+P", check.play)  # play, from anywhere in the dialog
    assert check.play.isChecked()
    assert sent.commands == [
        SetCalibration(speech.calibration(0.0).spl_at_full_scale),
        HeadsetCheck(True, 0.0),
    ]
    qtbot.waitUntil(lambda: output_rms(bridge) > -45.0, timeout=10_000)  # the voice is heard
    key(qtbot, "Alt+V")  # to the volume
    assert QApplication.focusWidget() is check.volume
    for _ in range(3):
        key(qtbot, "Left")
    key(qtbot, "PgDown")  # a page is 6 dB
    assert check.gain_db == -9.0
    assert check.volume_text.text() == check.volume.accessibleDescription() == "-9 dB"
    assert sent.commands[-2:] == [
        SetCalibration(speech.calibration(-9.0).spl_at_full_scale),
        HeadsetCheck(True, -9.0),
    ]
    shot = SHOTS / "headset-check.png"
    save_screenshot(check, str(shot))
    assert shot.stat().st_size > 10_000
    publish(shot, "headset-check.png")
    with qtbot.waitSignal(check.accepted, timeout=5000):
        key(qtbot, "Alt+D")  # Done
    expected = round(speech.calibration(-9.0).spl_at_full_scale, 1)  # the settings' precision
    assert sent.commands[-2:] == [HeadsetCheck(False), SetCalibration(expected)]
    stored = Settings.at(path)
    assert stored.calibrated and stored.spl_at_full_scale == pytest.approx(expected)
    assert stored.calibration_source == CALIBRATED_BY_CHECK
    assert not HeadsetCheckDialog.needed(stored)
    # the voice at the chosen gain is now taken for 72 dB SPL
    assert Calibration(expected).spl(speech.level_dbfs - 9.0) == pytest.approx(72.0, abs=0.05)
    qtbot.waitUntil(lambda: output_rms(bridge) < -60.0, timeout=10_000)


def test_cancelling_the_headset_check_keeps_the_stored_calibration(
    qtbot, check: HeadsetCheckDialog, path: Path
) -> None:
    sent: Sent = check.sent  # type: ignore[attr-defined]
    click_by_key(qtbot, "Alt+P", check.play)
    key(qtbot, "Escape")
    assert not check.isVisible()
    assert sent.commands[-2:] == [HeadsetCheck(False), SetCalibration(DEFAULT_SPL_AT_FULL_SCALE)]
    assert not Settings.at(path).calibrated


def test_the_hearing_page_opens_the_check_and_shows_its_calibration(
    qtbot, dialog: SettingsDialog
) -> None:
    key(qtbot, "Ctrl+Tab")
    with qtbot.waitSignal(dialog.headset_check.clicked, timeout=5000):
        key(qtbot, "Alt+K")
    (check,) = dialog.findChildren(HeadsetCheckDialog)
    qtbot.waitUntil(check.isActiveWindow)
    check.volume.setValue(-3)
    with qtbot.waitSignal(check.accepted, timeout=5000):
        key(qtbot, "Alt+D")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    stored = dialog.settings.spl_at_full_scale
    assert dialog.calibration.value() == pytest.approx(stored, abs=0.05)
    assert "calibrated by the headset check" in dialog.hearing_status.text()
    apply(qtbot, dialog)  # the page's value is the check's: Apply leaves it as it is
    assert Settings.at(dialog.settings.store.fileName()).calibration_source == CALIBRATED_BY_CHECK

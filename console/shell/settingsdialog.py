"""The settings dialog: audio devices and mic check, headset calibration, shortcuts, theme and
language.

Nothing here touches sound: devices are listed through :mod:`audio.devices`
and chosen by name, and everything that acts on the audio goes through
:class:`EngineHooks`, which the caller fills from its command path (the
bridge's ``submit`` and whatever opens the devices). The microphone meter
is fed with the engine's :class:`~audio.commands.Metrics` by the caller
(:meth:`SettingsDialog.show_metrics`), which also shows the headset level.
The test tone (:class:`~audio.commands.TestTone`) and "hear yourself"
(:class:`~audio.commands.Sidetone`) are engine commands through ``submit``;
both stop when the dialog closes, and the tone when a new calibration is
applied (the old level would no longer be the one measured).

The tone plays at :data:`CALIBRATION_TONE_DBFS`, or lower when hearing
protection would turn that down with the applied calibration (why:
docs/architecture.md, "Test tone and sidetone"). The meter reading is
converted with the level actually played.

The headset check (:mod:`console.shell.headsetcheck`) opens from the hearing
page and stores its own calibration; the page then shows it.

OK and Apply store everything in :class:`~console.shell.settings.Settings` and
apply it: the theme to the application (the language is stored and taken at the
next start: every window's text is set when it is built), the calibration to the engine
(:class:`~audio.commands.SetCalibration`), the devices through the hook;
``shortcuts_changed`` tells the window to install the new keys.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from audio.commands import Command, Level, Metrics, SetCalibration, Sidetone, TestTone
from audio.devices import SYSTEM_DEFAULT, DeviceError, DeviceInfo, Kind, list_devices, rescan
from audio.protection import (
    ASSUMED_COMFORTABLE_SPL,
    DEFAULT_SPL_AT_FULL_SCALE,
    MAX_SPL_AT_FULL_SCALE,
    MIN_SPL_AT_FULL_SCALE,
    Calibration,
)
from audio.selfcheck import loudest_tone_dbfs
from console.shell import theme
from console.shell.headsetcheck import HeadsetCheckDialog
from console.shell.i18n import without_accelerator
from console.shell.languages import native_language_name
from console.shell.settings import (
    CALIBRATED_BY_CHECK,
    CALIBRATED_BY_METER,
    LANGUAGES,
    LOWEST_LIMIT_SPL,
    QT_LOCALES,
    THEMES,
    ActionKeys,
    ProtectionLimits,
    Settings,
)
from console.shell.shortcuteditor import ShortcutEditor
from console.shell.widgets.plain import Label

METER_FLOOR_DBFS: Final = -60
CALIBRATION_TONE_DBFS: Final = -20.0
"""Level of the 1 kHz test tone, unless protection would turn it down (see the module docstring)."""


@dataclass(frozen=True, slots=True)
class EngineHooks:
    """How the dialog acts on the audio, given by the caller (its one command path)."""

    submit: Callable[[Command], object]
    """Send an engine command (``EngineBridge.submit``)."""
    use_devices: Callable[[str, str], object] | None = None
    """Open (input name, output name) from now on; None: the choice applies at next start."""


def fill_device_combo(combo: QComboBox, found: list[DeviceInfo], kind: Kind, chosen: str) -> None:
    """List the devices of ``kind`` in ``combo`` (the system's default first), ``chosen`` current.

    A chosen device that is not connected stays in the list, said to be missing.
    """
    combo.clear()
    combo.addItem(QCoreApplication.translate("SettingsDialog", "System default"), SYSTEM_DEFAULT)
    for name in dict.fromkeys(d.name for d in found if d.channels(kind) > 0):
        combo.addItem(name, name)
    index = combo.findData(chosen)
    if index < 0:
        combo.addItem(
            QCoreApplication.translate("SettingsDialog", "{0} (not connected)").format(chosen),
            chosen,
        )
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def show_level(bar: QProgressBar, level: Level) -> None:
    """Show a level (:class:`~audio.commands.Level`) on a bar from METER_FLOOR_DBFS to 0 dBFS."""
    bar.setValue(max(METER_FLOOR_DBFS, min(0, round(level.peak_dbfs))))
    if level.peak_dbfs <= METER_FLOOR_DBFS:
        bar.setFormat(QCoreApplication.translate("SettingsDialog", "no signal"))
    else:
        bar.setFormat(
            QCoreApplication.translate("SettingsDialog", "{0:.0f} dBFS").format(level.peak_dbfs)
        )
    bar.setAccessibleDescription(bar.format())


class SettingsDialog(QDialog):
    """Four pages (Audio, Hearing protection, Shortcuts, Theme and language); see the module
    docstring."""

    shortcuts_changed = Signal(dict)
    """The stored overrides (action id -> portable key text) after OK/Apply changed them."""
    theme_changed = Signal(str)

    def __init__(
        self,
        settings: Settings,
        actions: ActionKeys,
        hooks: EngineHooks,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.hooks = hooks
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings pages"))
        self.tabs.addTab(self._audio_page(), self.tr("&Audio"))
        self.tabs.addTab(self._hearing_page(), self.tr("&Hearing protection"))
        self.shortcuts = ShortcutEditor(actions, settings.shortcut_overrides(actions))
        self.tabs.addTab(self.shortcuts, self.tr("&Shortcuts"))
        self.tabs.addTab(self._theme_page(), self.tr("&Theme and language"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        for which, text in (
            (QDialogButtonBox.StandardButton.Ok, self.tr("OK")),
            (QDialogButtonBox.StandardButton.Apply, self.tr("A&pply")),
            (QDialogButtonBox.StandardButton.Cancel, self.tr("Cancel")),
        ):
            button = self.buttons.button(which)
            button.setText(text)
            button.setAccessibleName(without_accelerator(text))
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        self.shortcuts.changed.connect(self._shortcuts_edited)
        # Ctrl+Tab changes pages wherever the focus is, also on the dialog's buttons.
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1)):
            QShortcut(QKeySequence(keys), self).activated.connect(
                lambda step=step: self.tabs.setCurrentIndex(
                    (self.tabs.currentIndex() + step) % self.tabs.count()
                )
            )

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.action_keys = list(actions)
        self._shortcuts_edited()

    # -- pages ------------------------------------------------------------------------------

    def _audio_page(self) -> QWidget:
        page = QWidget()
        self.input = self._combo(self.tr("Microphone"))
        self.output = self._combo(self.tr("Headset"))
        self.rescan = QPushButton(self.tr("Look for &new devices"))
        self.rescan.setAccessibleName(self.tr("Look for new devices"))
        self.device_status = Label()
        self.device_status.setWordWrap(True)
        self.device_status.setAccessibleName(self.tr("Device status"))

        self.mic_level = QProgressBar()
        self.mic_level.setRange(METER_FLOOR_DBFS, 0)
        self.mic_level.setValue(METER_FLOOR_DBFS)
        self.mic_level.setFormat(self.tr("no signal"))
        self.mic_level.setAccessibleName(self.tr("Microphone level"))
        self.headset_level = QProgressBar()
        self.headset_level.setRange(METER_FLOOR_DBFS, 0)
        self.headset_level.setValue(METER_FLOOR_DBFS)
        self.headset_level.setFormat(self.tr("no signal"))
        self.headset_level.setAccessibleName(self.tr("Headset level"))
        self.tone = QPushButton(self.tr("Play a test t&one"))
        self.tone.setCheckable(True)
        self.tone.setAccessibleName(self.tr("Play a test tone"))
        self.hear = QCheckBox(self.tr("Hear &yourself"))
        self.hear.setAccessibleName(self.tr("Hear yourself"))
        self.tone.toggled.connect(self._play_tone)
        self.hear.toggled.connect(self._hear_yourself)

        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Microphone:"), self.input), self.input)
        form.addRow(self._buddy(self.tr("H&eadset:"), self.output), self.output)
        form.addRow(Label(), self.rescan)
        form.addRow(Label(), self.device_status)
        check = QGroupBox(self.tr("Check"))
        check_form = QFormLayout(check)
        check_form.addRow(self._buddy(self.tr("Microphone level:"), self.mic_level), self.mic_level)
        check_form.addRow(Label(), self.hear)
        check_form.addRow(
            self._buddy(self.tr("Headset level:"), self.headset_level), self.headset_level
        )
        check_form.addRow(Label(), self.tone)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(check)
        layout.addStretch(1)
        self.rescan.clicked.connect(self._rescan)
        self._fill_devices()
        return page

    def _hearing_page(self) -> QWidget:
        page = QWidget()
        explain = Label(
            self.tr(
                "The console protects your hearing: it never lets a sound in your headset go "
                "above a ceiling, turns down sound that stays too loud, and pulls down sudden "
                "bangs and feedback howl at once. To do that it must know how loud your "
                "headset really is. Until you calibrate it, the console assumes a loud headset, "
                "so protection acts early rather than late. Without a meter, run the headset "
                "check: set a voice to a comfortable level. If you have a sound level meter, "
                "play the test tone, measure it at the ear cup, and enter the reading."
            )
        )
        explain.setWordWrap(True)
        self.calibration = self._spin(
            self.tr("Headset loudness at full scale"),
            MIN_SPL_AT_FULL_SCALE,
            MAX_SPL_AT_FULL_SCALE,
            self.settings.spl_at_full_scale,
        )
        self.calibration.setAccessibleDescription(
            self.tr("The sound level, in dB SPL, of the loudest tone the headset can play.")
        )
        self.headset_check = QPushButton(self.tr("Headset chec&k…"))
        self.headset_check.setAccessibleName(
            self.tr("Headset check: calibrate by choosing a comfortable level, without a meter")
        )
        self.headset_check.clicked.connect(self.open_headset_check)
        self.safe_default = QPushButton(self.tr("Safe de&fault"))
        self.safe_default.setAccessibleName(self.tr("Use the safe default calibration"))
        self.measured = self._spin(self.tr("Measured level of the test tone"), 30.0, 130.0, 80.0)
        self.use_reading = QPushButton(self.tr("&Use this reading"))
        self.use_reading.setAccessibleName(self.tr("Calibrate from the measured level"))
        self.calibration_tone = QPushButton(self.tr("Play the calibration t&one"))
        self.calibration_tone.setCheckable(True)
        self.calibration_tone.setAccessibleName(self.tr("Play the calibration tone"))
        self.calibration_tone.toggled.connect(self._play_tone)
        self._tone_dbfs = self._safe_tone_dbfs()
        """The level of the tone played last (or to be played): what a reading is of."""
        limits = self.settings.limits
        defaults = ProtectionLimits()
        self.ceiling = self._spin(
            self.tr("Instant ceiling"), LOWEST_LIMIT_SPL, defaults.ceiling_spl, limits.ceiling_spl
        )
        self.sustained = self._spin(
            self.tr("Sustained limit"),
            LOWEST_LIMIT_SPL,
            defaults.sustained_spl,
            limits.sustained_spl,
        )
        self.exposure = self._spin(
            self.tr("Exposure warning"),
            LOWEST_LIMIT_SPL,
            defaults.exposure_warning_spl,
            limits.exposure_warning_spl,
        )
        self.hearing_status = Label()
        self.hearing_status.setWordWrap(True)
        self.hearing_status.setAccessibleName(self.tr("Hearing protection status"))

        calibrate = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.calibration, 1)
        row.addWidget(self.safe_default)
        calibrate.addRow(self._buddy(self.tr("&Calibration:"), self.calibration), row)
        reading = QHBoxLayout()
        reading.addWidget(self.calibration_tone)
        reading.addWidget(self.measured, 1)
        reading.addWidget(self.use_reading)
        calibrate.addRow(self._buddy(self.tr("&Meter reading:"), self.measured), reading)
        levels = QGroupBox(self.tr("Limits (may be lowered, not raised)"))
        levels_form = QFormLayout(levels)
        levels_form.addRow(self._buddy(self.tr("Ce&iling:"), self.ceiling), self.ceiling)
        levels_form.addRow(
            self._buddy(self.tr("Sustaine&d limit:"), self.sustained), self.sustained
        )
        levels_form.addRow(self._buddy(self.tr("E&xposure warning:"), self.exposure), self.exposure)
        layout = QVBoxLayout(page)
        layout.addWidget(explain)
        layout.addWidget(self.headset_check)
        layout.addLayout(calibrate)
        layout.addWidget(levels)
        layout.addWidget(self.hearing_status)
        layout.addStretch(1)
        self._forget_calibration = False
        """The user chose the safe default: forget the calibration rather than store 110."""
        self.calibration.valueChanged.connect(self._calibration_edited)
        self.safe_default.clicked.connect(self._safe_default)
        self.use_reading.clicked.connect(self._use_reading)
        self._show_calibration_state()
        return page

    def _theme_page(self) -> QWidget:
        page = QWidget()
        names = {
            "light": self.tr("&Light"),
            "dark": self.tr("&Dark"),
            "high-contrast": self.tr("Hi&gh contrast (strongest contrast, largest focus frame)"),
        }
        self.theme_buttons = QButtonGroup(page)
        layout = QVBoxLayout(page)
        current = self.settings.theme
        for name in THEMES:
            button = QRadioButton(names[name])
            button.setAccessibleName(without_accelerator(names[name]))
            button.setObjectName(name)
            button.setChecked(name == current)
            self.theme_buttons.addButton(button)
            layout.addWidget(button)
        self.reduced_motion = QCheckBox(self.tr("&Reduced motion: highlight requests, never flash"))
        self.reduced_motion.setChecked(self.settings.reduced_motion)
        self.headset_chime = QCheckBox(
            self.tr("Chime in the headset at a hando&ver request or a coordinator's message")
        )
        self.headset_chime.setChecked(self.settings.headset_chime)
        for box in (self.reduced_motion, self.headset_chime):
            box.setAccessibleName(box.text().replace("&", ""))
            layout.addWidget(box)
        self.language = self._combo(self.tr("Language"))
        for code in LANGUAGES:
            if code == "system":
                name = self.tr("The computer's language")
            else:
                native = native_language_name(QT_LOCALES[code])
                name = native[:1].upper() + native[1:]  # each in its own language
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.settings.language)))
        restart = Label(self.tr("A new language shows when the console starts again."))
        restart.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self._buddy(self.tr("Lang&uage:"), self.language), self.language)
        form.addRow(Label(), restart)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    # -- values --------------------------------------------------------------------------------

    @property
    def chosen_theme(self) -> str:
        button = self.theme_buttons.checkedButton()
        return button.objectName() if button is not None else self.settings.theme

    def show_metrics(self, metrics: Metrics) -> None:
        """Feed the microphone and headset meters (connect the bridge's ``metrics`` signal here)."""
        show_level(self.mic_level, metrics.mic.level)
        left, right = metrics.output.left, metrics.output.right
        show_level(self.headset_level, left if left.peak_dbfs >= right.peak_dbfs else right)

    def apply(self) -> bool:
        """Store and apply everything; False (nothing stored) while the shortcuts conflict."""
        if not self.shortcuts.valid:
            self.tabs.setCurrentWidget(self.shortcuts)
            return False
        limits = ProtectionLimits(
            self.ceiling.value(), self.sustained.value(), self.exposure.value()
        )
        problem = limits.problem()
        if problem is not None:
            self._say(self.hearing_status, problem, "alarm")
            self.tabs.setCurrentIndex(1)
            return False
        self.settings.limits = limits
        spl = self.calibration.value()
        if spl != self.settings.spl_at_full_scale or self._forget_calibration:
            self.tone.setChecked(False)  # its level was chosen for the old calibration
        if self._forget_calibration and self.settings.calibrated:
            self.settings.forget_calibration()
            self.hooks.submit(SetCalibration(spl))
        elif not self._forget_calibration and spl != self.settings.spl_at_full_scale:
            self.settings.calibrate(spl, CALIBRATED_BY_METER)
            self.hooks.submit(SetCalibration(spl))
        devices = (self.input.currentData(), self.output.currentData())
        if devices != (self.settings.input_device, self.settings.output_device):
            self.settings.input_device, self.settings.output_device = devices
            if self.hooks.use_devices is not None:
                self.hooks.use_devices(*devices)
        if self.shortcuts.overrides != self.settings.shortcut_overrides(self.action_keys):
            self.settings.set_shortcut_overrides(self.action_keys, self.shortcuts.overrides)
            self.shortcuts_changed.emit(self.settings.shortcut_overrides(self.action_keys))
        self.settings.reduced_motion = self.reduced_motion.isChecked()
        self.settings.headset_chime = self.headset_chime.isChecked()
        language = self.language.currentData()
        if language != self.settings.language:
            self.settings.language = language
        name = self.chosen_theme
        app = QApplication.instance()
        if isinstance(app, QApplication) and name != theme.current(app):
            self.settings.theme = name
            theme.apply(app, name)
            self.theme_changed.emit(name)
        self.settings.sync()
        self._show_calibration_state()
        return True

    def done(self, result: int) -> None:
        """Stop the test tone and the self-monitoring on the way out."""
        self.tone.setChecked(False)
        self.hear.setChecked(False)
        super().done(result)

    # -- helpers --------------------------------------------------------------------------------

    def _ok(self) -> None:
        if self.apply():
            self.accept()

    def _shortcuts_edited(self) -> None:
        valid = self.shortcuts.valid
        for which in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Apply):
            self.buttons.button(which).setEnabled(valid)

    def open_headset_check(self) -> HeadsetCheckDialog:
        """The headset check; when it calibrates, this page shows its calibration."""
        self.tone.setChecked(False)  # one sound at a time
        dialog = HeadsetCheckDialog(self.settings, self.hooks.submit, self)
        dialog.accepted.connect(self._checked)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _checked(self) -> None:
        with QSignalBlocker(self.calibration):
            self.calibration.setValue(self.settings.spl_at_full_scale)
        self._forget_calibration = False
        self._tone_dbfs = self._safe_tone_dbfs()
        self._show_calibration_state()

    def _calibration_edited(self) -> None:
        self._forget_calibration = False

    def _safe_default(self) -> None:
        self.calibration.setValue(DEFAULT_SPL_AT_FULL_SCALE)
        self._forget_calibration = True

    def _use_reading(self) -> None:
        cal = Calibration.from_meter_reading(self._tone_dbfs, self.measured.value())
        value = min(MAX_SPL_AT_FULL_SCALE, max(MIN_SPL_AT_FULL_SCALE, cal.spl_at_full_scale))
        self.calibration.setValue(value)
        self._say(
            self.hearing_status,
            self.tr(
                "Calibrated from the {0:.0f} dBFS tone: the headset plays {1:.1f} dB SPL at full "
                "scale. Press Apply."
            ).format(self._tone_dbfs, value),
            "info",
        )

    def _safe_tone_dbfs(self) -> float:
        """CALIBRATION_TONE_DBFS, or the loudest level protection leaves alone, if lower."""
        calibration = Calibration(self.settings.spl_at_full_scale)
        protection = self.settings.limits.protection_settings()
        return min(CALIBRATION_TONE_DBFS, math.floor(loudest_tone_dbfs(calibration, protection)))

    def _play_tone(self, on: bool) -> None:
        """Either tone button starts or stops the one tone; both show it."""
        for button in (self.tone, self.calibration_tone):
            with QSignalBlocker(button):
                button.setChecked(on)
        if on:
            self._tone_dbfs = self._safe_tone_dbfs()
            self.hooks.submit(TestTone(True, self._tone_dbfs))
        else:
            self.hooks.submit(TestTone(False))

    def _hear_yourself(self, on: bool) -> None:
        self.hooks.submit(Sidetone(on))

    def _show_calibration_state(self) -> None:
        if self.settings.calibrated and self.settings.calibration_source == CALIBRATED_BY_CHECK:
            text = self.tr(
                "Your headset is calibrated by the headset check ({0:.0f} dB SPL at full scale, "
                "assuming the level you chose is {1:.0f} dB SPL). A meter reading is more exact."
            ).format(self.settings.spl_at_full_scale, ASSUMED_COMFORTABLE_SPL)
            self._say(self.hearing_status, text, "info")
        elif self.settings.calibrated:
            text = self.tr(
                "Your headset is calibrated from a measurement ({0:.0f} dB SPL at full scale)."
            ).format(self.settings.spl_at_full_scale)
            self._say(self.hearing_status, text, "info")
        else:
            text = self.tr("Not calibrated: the safe default of {0:.0f} dB SPL is assumed.").format(
                DEFAULT_SPL_AT_FULL_SCALE
            )
            self._say(self.hearing_status, text, "warning")

    def _fill_devices(self) -> None:
        try:
            found = list_devices()
        except DeviceError as err:
            found = []
            self._say(self.device_status, str(err), "warning")
        for combo, kind, chosen in (
            (self.input, "input", self.settings.input_device),
            (self.output, "output", self.settings.output_device),
        ):
            fill_device_combo(combo, found, kind, chosen)  # type: ignore[arg-type]

    def _rescan(self) -> None:
        try:
            done = rescan()
        except DeviceError as err:
            self._say(self.device_status, str(err), "alarm")
            return
        if not done:
            self._say(
                self.device_status,
                self.tr(
                    "Close the meeting's audio first: devices cannot be searched while in use."
                ),
                "warning",
            )
            return
        self._fill_devices()
        self._say(self.device_status, self.tr("The device lists are up to date."), "info")

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        return combo

    def _spin(self, name: str, low: float, high: float, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(1)
        spin.setSingleStep(1.0)
        spin.setSuffix(self.tr(" dB SPL"))
        spin.setValue(value)
        spin.setAccessibleName(name)
        return spin

    def _buddy(self, text: str, field: QWidget) -> Label:
        label = Label(text)
        label.setBuddy(field)
        return label

    def _say(self, label: Label, text: str, severity: str) -> None:
        label.setText(text)
        label.setProperty("severity", severity)
        label.setAccessibleDescription(text)
        theme.restyle(label)

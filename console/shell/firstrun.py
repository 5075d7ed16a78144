"""The first-run check: headset and microphone chosen, the headset heard, the microphone seen.

Four steps, each skippable, the whole check too ("Skip the check"):

1. **Devices**: choose the headset and the microphone (the lists of the
   settings' Audio page, :func:`~console.shell.settingsdialog.fill_device_combo`);
   "Next" stores them and opens them (the ``use_devices`` hook).
2. **Headset**: hear the reference voice and set it comfortable: the headset
   check (:class:`~console.shell.headsetcheck.HeadsetCheckDialog`), opened
   from here, calibrates hearing protection.
3. **Microphone**: speak and watch the level move (feed :meth:`FirstRunDialog.show_metrics`
   the bridge's metrics).
4. **Done**: how to join a meeting and how to come back here (menu paths and keys).

The window offers it when nothing is stored yet (:attr:`Settings.first_run
<console.shell.settings.Settings.first_run>`); finishing or skipping it says
so in the settings, and the Audio menu opens it again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from audio.commands import Command, Metrics
from audio.devices import DeviceError, list_devices
from console.shell.headsetcheck import HeadsetCheckDialog
from console.shell.i18n import without_accelerator
from console.shell.settings import Settings
from console.shell.settingsdialog import METER_FLOOR_DBFS, fill_device_combo, show_level
from console.shell.widgets.plain import Label


class FirstRunDialog(QWizard):
    """The guided check (module docstring). ``where(action_id)``: its menu path and key."""

    def __init__(
        self,
        settings: Settings,
        submit: Callable[[Command], object],
        use_devices: Callable[[str, str], object] | None,
        where: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.submit = submit
        self.use_devices = use_devices
        self.headset_check: HeadsetCheckDialog | None = None
        """The headset check while it is open."""
        self.setWindowTitle(self.tr("Sound check"))
        self.setAccessibleName(self.tr("Sound check"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        for which, text in (
            (QWizard.WizardButton.BackButton, self.tr("< &Back")),
            (QWizard.WizardButton.NextButton, self.tr("&Next >")),
            (QWizard.WizardButton.FinishButton, self.tr("&Finish")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
            (QWizard.WizardButton.CustomButton1, self.tr("&Skip the check")),
        ):
            self.setButtonText(which, text)
            self.button(which).setAccessibleName(without_accelerator(text))
        self.button(QWizard.WizardButton.CustomButton1).clicked.connect(self.reject)
        self.setButtonLayout(
            [
                QWizard.WizardButton.CustomButton1,
                QWizard.WizardButton.Stretch,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
            ]
        )
        self.devices_page = self._devices_page()
        self.headset_page = self._headset_page()
        self.mic_page = self._mic_page()
        self.done_page = self._done_page(where)
        for page in (self.devices_page, self.headset_page, self.mic_page, self.done_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._entered)
        self.finished.connect(lambda _: settings.first_run_done())
        self.setMinimumWidth(560)

    # -- the steps ---------------------------------------------------------------------------

    def _page(self, title: str, explain: str) -> tuple[QWizardPage, QVBoxLayout]:
        page = QWizardPage()
        page.setTitle(title)
        layout = QVBoxLayout(page)
        text = Label(explain)
        text.setWordWrap(True)
        layout.addWidget(text)
        return page, layout

    def _devices_page(self) -> QWizardPage:
        page, layout = self._page(
            self.tr("1. Your headset and microphone"),
            self.tr(
                "Plug in your headset, then choose it and its microphone. A USB headset with a "
                "microphone close to your mouth sounds best; the computer's own loudspeakers "
                "and microphone are not fit for interpreting."
            ),
        )
        self.input = _combo(self.tr("Microphone"))
        self.output = _combo(self.tr("Headset"))
        self.device_status = Label()
        self.device_status.setWordWrap(True)
        self.device_status.setAccessibleName(self.tr("Device status"))
        try:
            found = list_devices()
        except DeviceError as err:
            found = []
            self.device_status.setText(str(err))
        fill_device_combo(self.output, found, "output", self.settings.output_device)
        fill_device_combo(self.input, found, "input", self.settings.input_device)
        form = QFormLayout()
        form.addRow(_buddy(self.tr("H&eadset:"), self.output), self.output)
        form.addRow(_buddy(self.tr("&Microphone:"), self.input), self.input)
        layout.addLayout(form)
        layout.addWidget(self.device_status)
        layout.addStretch(1)
        return page

    def _headset_page(self) -> QWizardPage:
        page, layout = self._page(
            self.tr("2. Hear the reference voice"),
            self.tr(
                "The headset check plays a voice at the level of every meeting; you set it "
                "comfortable, and hearing protection learns how loud your headset plays."
            ),
        )
        self.check_button = QPushButton(self.tr("&Open the headset check…"))
        self.check_button.setAccessibleName(self.tr("Open the headset check"))
        self.check_button.clicked.connect(self.open_headset_check)
        self.check_status = Label()
        self.check_status.setWordWrap(True)
        self.check_status.setAccessibleName(self.tr("Headset check status"))
        layout.addWidget(self.check_button)
        layout.addWidget(self.check_status)
        layout.addStretch(1)
        self._show_calibration()
        return page

    def _mic_page(self) -> QWizardPage:
        page, layout = self._page(
            self.tr("3. Speak and watch your microphone"),
            self.tr(
                "Speak as you do in the booth: the bar should move well into its upper half. "
                "If it stays still, go back and choose another microphone."
            ),
        )
        self.mic_level = QProgressBar()
        self.mic_level.setRange(METER_FLOOR_DBFS, 0)
        self.mic_level.setValue(METER_FLOOR_DBFS)
        self.mic_level.setFormat(self.tr("no signal"))
        self.mic_level.setAccessibleName(self.tr("Microphone level"))
        layout.addWidget(self.mic_level)
        layout.addStretch(1)
        return page

    def _done_page(self, where: Callable[[str], str]) -> QWizardPage:
        page, layout = self._page(
            self.tr("4. Ready"),
            self.tr(
                "Your sound is set. To join a meeting, press Connect in the window or choose "
                "{0}, and paste the hub address and the token the organiser sent you. To run "
                "this check again: {1}."
            ).format(where("connect"), where("sound_check")),
        )
        layout.addStretch(1)
        return page

    # -- what happens ------------------------------------------------------------------------

    def show_metrics(self, metrics: Metrics) -> None:
        """Feed the microphone level (connect the bridge's ``metrics`` signal here)."""
        show_level(self.mic_level, metrics.mic.level)

    def open_headset_check(self) -> HeadsetCheckDialog:
        """The headset check, over this dialog; its result shows on the page."""
        dialog = HeadsetCheckDialog(self.settings, self.submit, self)
        self.headset_check = dialog
        dialog.finished.connect(self._checked)
        dialog.open()
        return dialog

    def _checked(self) -> None:
        if self.headset_check is not None:
            self.headset_check.deleteLater()
        self.headset_check = None
        self._show_calibration()

    def _show_calibration(self) -> None:
        if self.settings.calibrated:
            text = self.tr("Done: your headset plays speech at a level you chose.")
        else:
            text = self.tr(
                "Not done yet: hearing protection keeps its safe default until you do it."
            )
        self.check_status.setText(text)
        self.check_status.setAccessibleDescription(text)

    def _entered(self, page_id: int) -> None:
        """Leaving the devices step: store and open the devices chosen."""
        if self.page(page_id) is not self.headset_page:
            return
        devices = (self.input.currentData(), self.output.currentData())
        if devices != (self.settings.input_device, self.settings.output_device):
            self.settings.input_device, self.settings.output_device = devices
            self.settings.sync()
            if self.use_devices is not None:
                self.use_devices(*devices)


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    return combo


def _buddy(text: str, field: QWidget) -> Label:
    label = Label(text)
    label.setBuddy(field)
    return label

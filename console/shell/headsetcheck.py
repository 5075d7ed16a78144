"""The headset check: calibrate hearing protection without a sound level meter.

Hearing protection works in dB SPL at the ear, so it must know how loud the
headset plays (:class:`~audio.protection.Calibration`). Interpreters rarely
have a meter, so the check asks for something they can judge: it plays a
reference voice at -23 LUFS, the level meetings are brought to
(:class:`~audio.commands.HeadsetCheck`, through hearing protection), the
interpreter turns it to a comfortable level, and the console assumes that
level is :data:`~audio.protection.ASSUMED_COMFORTABLE_SPL` (72 dB SPL:
comfortable speech is around 70-75 dB SPL). "Done" turns the chosen gain into
the calibration (:meth:`audio.selfcheck.ReferenceSpeech.calibration`),
submits :class:`~audio.commands.SetCalibration` and stores it with its source
("headset check"). The settings keep the manual calibration from a meter.

While the voice plays, the engine's calibration follows the slider, so that
protection hears the voice as the comfortable level it is taken for (under
an older calibration it could turn the voice down, or count it towards an
exposure warning, while the interpreter is still choosing). Cancel (or
closing the dialog) stops the voice and puts the stored calibration back.

Offer it at first run (:meth:`HeadsetCheckDialog.needed`) and from the
window's "Headset check" action and the settings' hearing page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from audio.commands import Command, HeadsetCheck, SetCalibration
from audio.protection import ASSUMED_COMFORTABLE_SPL, Calibration
from audio.selfcheck import REFERENCE_GAIN_DB_RANGE, REFERENCE_LUFS, reference_speech
from console.shell import theme
from console.shell.i18n import without_accelerator
from console.shell.settings import CALIBRATED_BY_CHECK, Settings
from console.shell.widgets.plain import Label

PAGE_STEP_DB: Final = 6


class HeadsetCheckDialog(QDialog):
    """Play the reference voice, let the user set it comfortable, calibrate from it."""

    def __init__(
        self,
        settings: Settings,
        submit: Callable[[Command], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.submit = submit
        self.calibration: Calibration | None = None
        """The calibration found ("Done"), None until then."""
        self._live = False
        """The engine's calibration follows the slider (the voice has played)."""
        self.setWindowTitle(self.tr("Headset check"))
        self.setAccessibleName(self.tr("Headset check"))

        self.explain = Label(
            self.tr(
                "Put on your headset and press Play: you hear a voice at the level the console "
                "brings every meeting to ({0:.0f} LUFS). Turn it with the slider (or the arrow "
                "keys) until it is comfortable, as you would like to hear a speaker for an hour; "
                "if it is still too quiet at the top, turn up your headset or computer. Then "
                "press Done, and leave your computer's volume where it is."
            ).format(REFERENCE_LUFS)
        )
        self.explain.setWordWrap(True)
        self.assumption = Label(
            self.tr(
                "The console assumes that a comfortable level for speech is about {0:.0f} dB SPL "
                "(most people choose 70 to 75) and sets hearing protection from the level you "
                "choose: the ceiling, the limit for sound that stays loud, and the warning after "
                "a loud minute. If you have a sound level meter, calibrate with it in Settings "
                "instead: it is more exact."
            ).format(ASSUMED_COMFORTABLE_SPL)
        )
        self.assumption.setWordWrap(True)

        self.play = QPushButton()
        self.play.setCheckable(True)
        self.play.toggled.connect(self._play)
        self._show_playing(False)
        low, high = REFERENCE_GAIN_DB_RANGE
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(round(low), round(high))
        self.volume.setValue(0)
        self.volume.setSingleStep(1)
        self.volume.setPageStep(PAGE_STEP_DB)
        self.volume.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.volume.setTickInterval(PAGE_STEP_DB)
        self.volume.setAccessibleName(self.tr("Volume of the voice"))
        self.volume.valueChanged.connect(self._volume_moved)
        self.volume_text = Label()
        self.volume_text.setAccessibleName(self.tr("Volume of the voice, in dB"))
        volume_label = Label(self.tr("&Volume:"))
        volume_label.setBuddy(self.volume)
        self.status = Label()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Headset check status"))

        self.buttons = QDialogButtonBox()
        self.done_button = self.buttons.addButton(
            self.tr("&Done"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.done_button.setAccessibleName(self.tr("Done: calibrate from this volume"))
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.finish)
        self.buttons.rejected.connect(self.reject)
        # Keys: Alt+P plays and stops from anywhere in the dialog, Alt+V goes to the volume
        # (arrows 1 dB, Page Up/Down 6 dB), Alt+D is Done, Escape cancels. No Ctrl keys: the
        # window's own shortcuts (Ctrl+P...) work in every dialog.

        row = QHBoxLayout()
        row.addWidget(volume_label)
        row.addWidget(self.volume, 1)
        row.addWidget(self.volume_text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.play)
        layout.addLayout(row)
        layout.addWidget(self.assumption)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._show_volume()
        self.volume.setFocus()

    @staticmethod
    def needed(settings: Settings) -> bool:
        """Offer the check (first run): no calibration is stored, the safe default holds."""
        return not settings.calibrated

    @property
    def gain_db(self) -> float:
        return float(self.volume.value())

    def finish(self) -> None:
        """Calibrate from the chosen volume, store it, apply it, and close."""
        try:
            found = reference_speech().calibration(self.gain_db)
        except RuntimeError as exc:
            self._say(str(exc), "alarm")
            return
        # to the settings' 0.1 dB, so the manual calibration shows exactly what is stored
        calibration = Calibration(round(found.spl_at_full_scale, 1))
        self._stop_voice()
        self.settings.calibrate(calibration.spl_at_full_scale, CALIBRATED_BY_CHECK)
        self.settings.sync()
        self.submit(SetCalibration(calibration.spl_at_full_scale))
        self.calibration = calibration
        self._live = False
        self.accept()

    def reject(self) -> None:
        """Stop the voice and put the stored calibration back."""
        self._stop_voice()
        if self._live:
            self.submit(SetCalibration(self.settings.spl_at_full_scale))
            self._live = False
        super().reject()

    # -- helpers --------------------------------------------------------------------------------

    def _show_playing(self, on: bool) -> None:
        text = self.tr("Sto&p the voice") if on else self.tr("&Play the voice")
        self.play.setText(text)
        self.play.setAccessibleName(without_accelerator(text))

    def _play(self, on: bool) -> None:
        self._show_playing(on)
        if not on:
            self.submit(HeadsetCheck(False))
            self._say(self.tr("The voice is stopped. Press Done to calibrate."), "info")
            return
        try:
            speech = reference_speech()  # read here once, so the engine finds it read
        except RuntimeError as exc:
            self.play.setChecked(False)
            self._say(str(exc), "alarm")
            return
        self._live = True
        self.submit(SetCalibration(speech.calibration(self.gain_db).spl_at_full_scale))
        self.submit(HeadsetCheck(True, self.gain_db))
        self._say(
            self.tr("The voice plays. Set it comfortable, then press Done."),
            "info",
        )

    def _volume_moved(self) -> None:
        self._show_volume()
        if self.play.isChecked():
            speech = reference_speech()
            self.submit(SetCalibration(speech.calibration(self.gain_db).spl_at_full_scale))
            self.submit(HeadsetCheck(True, self.gain_db))

    def _show_volume(self) -> None:
        text = self.tr("{0:+.0f} dB").format(self.gain_db)
        self.volume_text.setText(text)
        self.volume.setAccessibleDescription(text)

    def _stop_voice(self) -> None:
        if self.play.isChecked():
            with QSignalBlocker(self.play):
                self.play.setChecked(False)
            self._show_playing(False)
            self.submit(HeadsetCheck(False))

    def _say(self, text: str, severity: str) -> None:
        self.status.setText(text)
        self.status.setProperty("severity", severity)
        self.status.setAccessibleDescription(text)
        theme.restyle(self.status)

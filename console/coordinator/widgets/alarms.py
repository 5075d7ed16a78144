"""The alarms: newest first, each with the time it was raised, in red until acknowledged.

A new alarm is announced to screen readers and, when the settings want it
(:attr:`~console.shell.settings.Settings.alarm_sound`, off by default), rings
the chime on the coordinator's headset (:class:`audio.commands.Chime`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from audio.commands import Chime
from console.coordinator.actions import CoordinatorActions
from console.coordinator.alarms import Alarm
from console.shell.languages import language_name
from console.shell.settings import Settings
from console.shell.widgets.common import ActionButton, announce

NEW = QColor("#c62828")
SEEN = QColor("#5d4037")
KEY_ROLE = Qt.ItemDataRole.UserRole


def alarm_sentence(alarm: Alarm) -> str:
    """The alarm in the user's language (templates in context "Alarms"; a ``language``
    parameter, a code, by the language's name)."""
    if "language" in alarm.params:
        alarm = replace(
            alarm, params={**alarm.params, "language": language_name(alarm.params["language"])}
        )
    return alarm.sentence(lambda text: QCoreApplication.translate("Alarms", text))


class AlarmPanel(QGroupBox):
    """``settings``: whether a new alarm rings the chime (without settings: it does not)."""

    def __init__(
        self,
        actions: CoordinatorActions,
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.commands = actions
        self.settings = settings
        self._raised: set[str] = set()
        """Keys of the alarms already announced (while they last)."""
        self.setTitle(self.tr("Alarms"))
        self.setAccessibleName(self.tr("Alarms"))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Active alarms"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._ack_item)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.ack = ActionButton(actions, "alarm_ack", parent=self)
        self.ack.clicked.disconnect()
        self.ack.clicked.connect(self._ack_selected)
        self.ack_all = ActionButton(actions, "alarms_ack_all", parent=self)
        buttons.addWidget(self.ack)
        buttons.addWidget(self.ack_all)
        layout.addLayout(buttons)
        self.sound = QCheckBox(self.tr("&Sound for new alarms"), self)
        self.sound.setAccessibleName(self.tr("Sound for new alarms"))
        self.sound.setVisible(settings is not None)
        self.sound.setChecked(settings is not None and settings.alarm_sound)
        self.sound.toggled.connect(self._sound_toggled)
        layout.addWidget(self.sound)
        self._shown: list[tuple[str, str, bool]] = []

    def _call_for_new(self, alarms: Sequence[Alarm]) -> None:
        """Announce each alarm once, when it is raised, and ring the chime if wanted."""
        new = [a for a in alarms if a.key not in self._raised and not a.acknowledged]
        self._raised = {a.key for a in alarms}
        for alarm in new:
            announce(self.list, self.tr("Alarm: {0}").format(alarm_sentence(alarm)))
        if new and self.settings is not None and self.settings.alarm_sound:
            self.commands.bridge.submit(Chime())

    def _sound_toggled(self, on: bool) -> None:
        if self.settings is not None:
            self.settings.alarm_sound = on

    def _ack_item(self, item: QListWidgetItem) -> None:
        self.commands.trigger("alarm_ack", value=item.data(KEY_ROLE))

    def _ack_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._ack_item(item)

    def draw(self, alarms: Sequence[Alarm]) -> None:
        """Redraw when the alarms change (a static text per alarm: a screen reader is not
        interrupted every second)."""
        newest = sorted(alarms, key=lambda a: a.since, reverse=True)
        shown = []
        for alarm in newest:
            text = alarm_sentence(alarm)
            if alarm.count > 1:
                text = self.tr("{0} ({1} times)").format(text, alarm.count)
            at = time.strftime("%H:%M:%S", time.localtime(alarm.since))
            shown.append((alarm.key, f"{at}  {text}", alarm.acknowledged))
        self._call_for_new(alarms)
        if shown == self._shown:
            return
        current = self.list.currentItem()
        keep = current.data(KEY_ROLE) if current is not None else None
        self._shown = shown
        self.list.clear()
        for key, text, acknowledged in shown:
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, key)
            item.setForeground(SEEN if acknowledged else NEW)
            self.list.addItem(item)
            if key == keep:
                self.list.setCurrentItem(item)
        unseen = sum(1 for _, _, acknowledged in shown if not acknowledged)
        self.setTitle(self.tr("Alarms ({0} new)").format(unseen) if unseen else self.tr("Alarms"))
        self.ack.setEnabled(unseen > 0)
        self.ack_all.setEnabled(unseen > 0)

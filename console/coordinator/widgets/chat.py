"""Messages: what the booths write, and a line to write to one booth, a person, or all."""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from console.coordinator.actions import CoordinatorActions
from console.coordinator.model import BoothRow, Message, ParticipantRow
from console.shell.widgets.common import ActionButton

MAX_TEXT = 1000
"""PROTOCOL.md: chat text is at most 1,000 characters."""


class ChatPanel(QGroupBox):
    def __init__(self, actions: CoordinatorActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commands = actions
        self.setTitle(self.tr("Messages"))
        self.setAccessibleName(self.tr("Messages"))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Messages received"))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.to = QComboBox(self)
        self.to.setAccessibleName(self.tr("Recipient"))
        self.text = QLineEdit(self)
        self.text.setMaxLength(MAX_TEXT)
        self.text.setAccessibleName(self.tr("Message"))
        self.text.setPlaceholderText(self.tr("Write to the booths\u2026"))
        self.text.returnPressed.connect(self.send)
        self.send_button = ActionButton(actions, "message_send", parent=self)
        self.send_button.clicked.disconnect()
        self.send_button.clicked.connect(self.send)
        row.addWidget(self.to)
        row.addWidget(self.text, 1)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self._recipients: list[tuple[str, str]] = []
        self._last: Message | None = None

    def focus(self) -> None:
        self.text.setFocus()

    def send(self) -> None:
        to = self.to.currentData()
        if isinstance(to, str) and self.text.text().strip():
            self.commands.trigger("message_send", value=(to, self.text.text()))
            self.text.clear()

    def draw(
        self,
        messages: Sequence[Message],
        booths: Sequence[BoothRow],
        participants: Sequence[ParticipantRow],
    ) -> None:
        recipients = [("all", self.tr("Everyone"))]
        recipients += [(f"booth:{b.id}", self.tr("Booth {0}").format(b.id)) for b in booths]
        recipients += [(x.id, x.name) for x in participants if x.role == "interpreter"]
        if recipients != self._recipients:
            chosen = self.to.currentData()
            self._recipients = recipients
            self.to.clear()
            for key, label in recipients:
                self.to.addItem(label, key)
            index = self.to.findData(chosen)
            self.to.setCurrentIndex(max(0, index))
        start = 0
        for index in range(len(messages) - 1, -1, -1):
            if messages[index] is self._last:
                start = index + 1
                break
        for message in messages[start:]:
            self._add(message)
        if messages:
            self._last = messages[-1]

    def _add(self, message: Message) -> None:
        at = time.strftime("%H:%M", time.localtime(message.at))
        self.list.addItem(
            self.tr("{0} {1} \u2192 {2}: {3}").format(at, message.sender, message.to, message.text)
        )
        self.list.scrollToBottom()

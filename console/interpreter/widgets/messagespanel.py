"""Messages: booth chat and the coordinators, an unread count, and "slow down" to the chair.

An unread message from a coordinator cannot be missed: the panel flashes, then
stays highlighted until the messages are read, the key that goes to them is
named in large type, a soft chime plays in the headset (when the settings want
it) and screen readers announce the message.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.interpreter.actions import Actions
from console.interpreter.model import ChatLine, View
from console.shell.settings import Settings
from console.shell.widgets.common import (
    ActionButton,
    Call,
    announce_change,
    describe,
    set_if_changed,
    set_state,
)
from console.shell.widgets.icons import icon
from console.shell.widgets.plain import Label


class MessagesPanel(QGroupBox):
    """``settings``: whether to chime and whether to flash (without settings: both)."""

    def __init__(
        self, actions: Actions, parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.dispatcher = actions
        self.setTitle(self.tr("Messages"))
        self._shown = 0
        self.setAccessibleName(self.tr("Messages"))
        layout = QVBoxLayout(self)
        self.badge = Label(parent=self)
        self.badge.setAccessibleName(self.tr("Unread messages"))
        self.badge.setVisible(False)
        layout.addWidget(self.badge)
        self.call = Call(
            self,
            self.tr("Message from a coordinator"),
            scale=1.5,
            settings=settings,
            actions=actions,
        )
        layout.addWidget(self.call.prompt)
        self.log = QPlainTextEdit(self)
        self.log.setReadOnly(True)
        self.log.setAccessibleName(self.tr("Messages received"))
        self.log.setMaximumBlockCount(500)
        layout.addWidget(self.log, 1)
        row = QHBoxLayout()
        self.to = QComboBox(self)
        self.to.addItem(self.tr("Booth"), "booth")
        self.to.addItem(self.tr("Coordinator"), "coordinators")
        self.to.setAccessibleName(self.tr("Send the message to"))
        self.text = QLineEdit(self)
        self.text.setAccessibleName(self.tr("Message"))
        self.text.setPlaceholderText(
            self.tr("Message… [{0}]").format(actions.key_text("focus_chat"))
        )
        self.text.returnPressed.connect(self.send)
        self.text.installEventFilter(self)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setIcon(icon("chat"))
        self.send_button.setAccessibleName(self.tr("Send the message"))
        self.send_button.clicked.connect(self.send)
        row.addWidget(self.to)
        row.addWidget(self.text, 1)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.slow = ActionButton(actions, "slow_down", self.tr("Slow down, please"), self)
        self.slow.setIcon(icon("slow"))
        describe(
            self.slow,
            actions,
            self.tr(
                "Asks the speaker to slow down: the coordinators and the chair see that it "
                "comes from you"
            ),
        )
        layout.addWidget(self.slow)
        self.render_unread(0)

    def send(self) -> None:
        text = self.text.text().strip()
        if not text:
            return
        self.dispatcher.trigger("message_send", value=(self.to.currentData(), text))
        self.text.clear()

    def focus(self) -> None:
        self.text.setFocus()
        self.dispatcher.trigger("messages_read", source="focus")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.FocusIn:
            self.dispatcher.trigger("messages_read", source="focus")
        return False

    def render_unread(self, unread: int) -> None:
        title = self.tr("Messages")
        if unread:
            title = self.tr("Messages — {0} unread").format(unread)
        if self.title() != title:
            self.setTitle(title)
            key = self.dispatcher.key_text("focus_chat")
            set_if_changed(
                self.badge, self.tr("{0} unread: {1} to read and answer").format(unread, key)
            )
        self.badge.setVisible(unread > 0)
        set_state(self.badge, "unread", "true" if unread else "")

    def show_view(self, view: View) -> None:
        new = min(view.message_count - self._shown, len(view.messages))
        for line in view.messages[len(view.messages) - new :] if new > 0 else ():
            stamp = time.strftime("%H:%M", time.localtime(line.at))
            to = self.tr("booth") if line.to.startswith("booth") else line.to
            self.log.appendPlainText(f"{stamp} {line.sender} → {to}: {line.text}")
        self._shown = view.message_count
        self.render_unread(view.unread)
        self.call_for(self.unread_from_coordinator(view))

    @staticmethod
    def unread_from_coordinator(view: View) -> ChatLine | None:
        """The newest unread message from a coordinator, if any."""
        if not view.unread:
            return None
        unread = [line for line in view.messages if not line.mine][-view.unread :]
        return next((line for line in reversed(unread) if line.from_coordinator), None)

    def call_for(self, line: ChatLine | None) -> None:
        """Flash, show the key, chime and announce for a coordinator's message; or stop."""
        if line is None:
            prompt = ""
        else:
            key = self.dispatcher.key_text("focus_chat")
            prompt = (
                self.tr("Message from {0}, coordinator: press {1} to read and answer").format(
                    line.sender, key
                )
                if key
                else self.tr("Message from {0}, coordinator: read and answer below").format(
                    line.sender
                )
            )
        self.call.show(line, prompt)
        spoken = ""
        if line is not None:
            spoken = self.tr("Message from {0}, coordinator: {1}").format(line.sender, line.text)
        announce_change(self.log, spoken)

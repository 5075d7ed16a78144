"""The coordinator's actions, on the one command path (:mod:`console.shell.actions`).

The coordinator's keys avoid the interpreter's hold key (F2) and F1, since
a coordinator's machine may also run an interpreter's console in tests and
demos; they are F4 to F6 for listening, Ctrl+K for force off, Ctrl+L and
Ctrl+M to reach the floor language and the message box, Ctrl+Shift+A to
acknowledge all alarms.
"""

from __future__ import annotations

from audio.commands import FloorLanguage, ForceOff, Monitor
from channels.meeting import FLOOR
from console.coordinator.model import CoordinatorModel
from console.shell.actions import QT_TRANSLATE_NOOP, keyed, valued
from console.shell.listening import ListeningActions


class CoordinatorActions(ListeningActions[CoordinatorModel]):
    """Listen in, force off, the floor language, messages, alarms."""

    ROLE = "coordinator"
    SPECS = (
        keyed("listen_floor", QT_TRANSLATE_NOOP("Actions", "Listen to the floor"), "F5"),
        keyed("listen_next", QT_TRANSLATE_NOOP("Actions", "Listen to the next channel"), "F6"),
        keyed(
            "listen_previous",
            QT_TRANSLATE_NOOP("Actions", "Listen to the previous channel"),
            "Shift+F6",
        ),
        keyed("listen_off", QT_TRANSLATE_NOOP("Actions", "Stop listening"), "F4"),
        keyed(
            "force_off_heard",
            QT_TRANSLATE_NOOP("Actions", "Force off whoever speaks on the channel you hear"),
            "Ctrl+K",
        ),
        keyed("focus_floor_language", QT_TRANSLATE_NOOP("Actions", "Floor language"), "Ctrl+L"),
        keyed("focus_chat", QT_TRANSLATE_NOOP("Actions", "Write a message"), "Ctrl+M"),
        keyed(
            "alarms_ack_all", QT_TRANSLATE_NOOP("Actions", "Acknowledge all alarms"), "Ctrl+Shift+A"
        ),
        # Actions with a value, driven by controls; no key.
        valued("listen_set", QT_TRANSLATE_NOOP("Actions", "Listen")),
        valued("force_off", QT_TRANSLATE_NOOP("Actions", "Force off")),
        valued("floor_language_set", QT_TRANSLATE_NOOP("Actions", "Set the floor language")),
        valued("message_send", QT_TRANSLATE_NOOP("Actions", "Send a message")),
        valued("alarm_ack", QT_TRANSLATE_NOOP("Actions", "Acknowledge")),
    )
    UI = frozenset({"focus_floor_language", "focus_chat"})

    def sync(self) -> None:
        """After a welcome: meter every channel, and listen to the floor (or the choice kept)."""
        self.submit(Monitor(self.model.channel_ids()))
        self.listen(self.model.heard or FLOOR)

    def _do_listen_set(self, pressed: bool, value: object) -> None:
        self.listen_to(value)

    def _do_listen_floor(self, pressed: bool, value: object) -> None:
        self.listen(FLOOR)

    def _do_listen_off(self, pressed: bool, value: object) -> None:
        self.listen(None)

    def _do_listen_next(self, pressed: bool, value: object) -> None:
        self.cycle(1)

    def _do_listen_previous(self, pressed: bool, value: object) -> None:
        self.cycle(-1)

    def _do_force_off(self, pressed: bool, value: object) -> None:
        if isinstance(value, str) and value:
            self.submit(ForceOff(value))

    def _do_force_off_heard(self, pressed: bool, value: object) -> None:
        holder = self.model.holder(self.model.heard)
        if holder is not None:
            self.submit(ForceOff(holder))

    def _do_floor_language_set(self, pressed: bool, value: object) -> None:
        if value is None or isinstance(value, str):
            self.submit(FloorLanguage(value or None))

    def _do_alarm_ack(self, pressed: bool, value: object) -> None:
        if isinstance(value, str):
            self.model.alarms.acknowledge(value, self.clock())

    def _do_alarms_ack_all(self, pressed: bool, value: object) -> None:
        self.model.alarms.acknowledge_all(self.clock())

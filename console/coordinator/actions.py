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
from console.shell.actions import QT_TRANSLATE_NOOP, keyed, message_send, valued, window_action
from console.shell.listening import ListeningActions


class CoordinatorActions(ListeningActions[CoordinatorModel]):
    """Listen in, force off, the floor language, messages, alarms."""

    ROLE = "coordinator"

    def sync(self) -> None:
        """After a welcome: meter every channel, and listen to the floor (or the choice kept)."""
        self.submit(Monitor(self.model.channel_ids()))
        self.listen(self.model.heard or FLOOR)

    # -- the meeting's commands: one function each ------------------------------------------

    def _send_force_off(self, participant: str) -> None:
        self.submit(ForceOff(participant))

    def _send_floor_language(self, language: str | None) -> None:
        self.submit(FloorLanguage(language))

    # -- listening -------------------------------------------------------------------------

    @keyed("listen_floor", QT_TRANSLATE_NOOP("Actions", "Listen to the floor"), "F5")
    def _listen_floor(self, pressed: bool, value: object) -> None:
        self.listen(FLOOR)

    @keyed("listen_next", QT_TRANSLATE_NOOP("Actions", "Listen to the next channel"), "F6")
    def _listen_next(self, pressed: bool, value: object) -> None:
        self.cycle(1)

    @keyed(
        "listen_previous",
        QT_TRANSLATE_NOOP("Actions", "Listen to the previous channel"),
        "Shift+F6",
    )
    def _listen_previous(self, pressed: bool, value: object) -> None:
        self.cycle(-1)

    @keyed("listen_off", QT_TRANSLATE_NOOP("Actions", "Stop listening"), "F4")
    def _listen_off(self, pressed: bool, value: object) -> None:
        self.listen(None)

    @valued("listen_set", QT_TRANSLATE_NOOP("Actions", "Listen"))
    def _listen_set(self, pressed: bool, value: object) -> None:
        self.listen_to(value)

    # -- fixing the meeting ----------------------------------------------------------------

    @keyed(
        "force_off_heard",
        QT_TRANSLATE_NOOP("Actions", "Force off whoever speaks on the channel you hear"),
        "Ctrl+K",
    )
    def _force_off_heard(self, pressed: bool, value: object) -> None:
        holder = self.model.holder(self.model.heard)
        if holder is not None:
            self._send_force_off(holder)

    @valued("force_off", QT_TRANSLATE_NOOP("Actions", "Force off"))
    def _force_off(self, pressed: bool, value: object) -> None:
        if isinstance(value, str) and value:
            self._send_force_off(value)

    _focus_floor_language = window_action(
        "focus_floor_language", QT_TRANSLATE_NOOP("Actions", "Floor language"), "Ctrl+L"
    )

    @valued("floor_language_set", QT_TRANSLATE_NOOP("Actions", "Set the floor language"))
    def _floor_language_set(self, pressed: bool, value: object) -> None:
        if value is None or isinstance(value, str):
            self._send_floor_language(value or None)

    # -- messages and alarms ---------------------------------------------------------------

    _focus_chat = window_action(
        "focus_chat", QT_TRANSLATE_NOOP("Actions", "Write a message"), "Ctrl+M"
    )
    _message_send = message_send

    @keyed("alarms_ack_all", QT_TRANSLATE_NOOP("Actions", "Acknowledge all alarms"), "Ctrl+Shift+A")
    def _alarms_ack_all(self, pressed: bool, value: object) -> None:
        self.model.alarms.acknowledge_all(self.clock())

    @valued("alarm_ack", QT_TRANSLATE_NOOP("Actions", "Acknowledge"))
    def _alarm_ack(self, pressed: bool, value: object) -> None:
        if isinstance(value, str):
            self.model.alarms.acknowledge(value, self.clock())

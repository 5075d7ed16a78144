"""The coordinator's and the listener's actions, on the one command path.

Both sets are built on :class:`console.actionset.ActionSet`, as the
interpreter's (:mod:`console.actions`) is: same trigger, shortcuts,
usability log and user keys; only the actions differ.

The coordinator's keys avoid the interpreter's hold key (F2) and F1, since
a coordinator's machine may also run an interpreter's console in tests and
demos; they are F4 to F6 for listening, Ctrl+K for force off, Ctrl+L and
Ctrl+M to reach the floor language and the message box, Ctrl+Shift+A to
acknowledge all alarms.
"""

from __future__ import annotations

from typing import Final, Protocol, TypeVar

from audio.commands import FloorLanguage, ForceOff, Monitor, SetInput
from audio.commands import Signal as SignalCommand
from channels.meeting import FLOOR
from console.actionset import QT_TRANSLATE_NOOP, ActionSet, keyed, valued
from console.coordview import CoordinatorModel

LISTEN_INPUT: Final = 0
"""The input that plays the channel listened to."""


class Tuned(Protocol):
    """What both windows know about listening: the channels there are, the one heard."""

    @property
    def heard(self) -> str | None: ...

    def channel_ids(self) -> tuple[str, ...]: ...


T = TypeVar("T", bound=Tuned)


class ListeningActions(ActionSet[T]):
    """What both windows do with their one input: play a channel, step through them."""

    def listen(self, channel: str | None) -> None:
        self.submit(SetInput(LISTEN_INPUT, channel))

    def listen_to(self, value: object) -> None:
        """A channel chosen in a control (ignored unless the meeting has it)."""
        if isinstance(value, str) and value in self.model.channel_ids():
            self.listen(value)

    def cycle(self, step: int) -> None:
        """Listen to the channel ``step`` places from the one heard (the first when none)."""
        channels, heard = self.model.channel_ids(), self.model.heard
        if channels:
            at = channels.index(heard) + step if heard in channels else 0
            self.listen(channels[at % len(channels)])


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


class ListenerActions(ListeningActions[Tuned]):
    """Choose a language; tell the coordinators when the sound fails."""

    ROLE = "listener"
    SPECS = (
        keyed("language_next", QT_TRANSLATE_NOOP("Actions", "Next language"), "F6"),
        keyed("language_previous", QT_TRANSLATE_NOOP("Actions", "Previous language"), "Shift+F6"),
        keyed("language_floor", QT_TRANSLATE_NOOP("Actions", "Listen to the floor"), "F5"),
        keyed("no_sound", QT_TRANSLATE_NOOP("Actions", "Report: no sound"), "Ctrl+Shift+N"),
        keyed("poor_sound", QT_TRANSLATE_NOOP("Actions", "Report: poor sound"), "Ctrl+Shift+P"),
        valued("language_set", QT_TRANSLATE_NOOP("Actions", "Choose a language")),
    )

    def _do_language_set(self, pressed: bool, value: object) -> None:
        self.listen_to(value)

    def _do_language_floor(self, pressed: bool, value: object) -> None:
        self.listen(FLOOR)

    def _do_language_next(self, pressed: bool, value: object) -> None:
        self.cycle(1)

    def _do_language_previous(self, pressed: bool, value: object) -> None:
        self.cycle(-1)

    def _do_no_sound(self, pressed: bool, value: object) -> None:
        self.submit(SignalCommand("no_sound"))

    def _do_poor_sound(self, pressed: bool, value: object) -> None:
        self.submit(SignalCommand("poor_sound"))

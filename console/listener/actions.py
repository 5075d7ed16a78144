"""The listener's actions, on the one command path (:mod:`console.shell.actions`).

Choose a language (the picker, F5, F6, Shift+F6), and two reports to the
coordinators ("no sound", "poor sound", sent as ``signal``).
"""

from __future__ import annotations

from audio.commands import Signal as SignalCommand
from audio.commands import SignalKind
from channels.meeting import FLOOR
from console.listener.model import ListenerModel
from console.shell.actions import QT_TRANSLATE_NOOP, keyed, valued
from console.shell.listening import ListeningActions


class ListenerActions(ListeningActions[ListenerModel]):
    """Choose a language; tell the coordinators when the sound fails."""

    ROLE = "listener"

    def _send_signal(self, kind: SignalKind) -> None:
        """A report to the coordinators (the meeting's ``signal``)."""
        self.submit(SignalCommand(kind))

    @keyed("language_next", QT_TRANSLATE_NOOP("Actions", "Next language"), "F6")
    def _language_next(self, pressed: bool, value: object) -> None:
        self.cycle(1)

    @keyed("language_previous", QT_TRANSLATE_NOOP("Actions", "Previous language"), "Shift+F6")
    def _language_previous(self, pressed: bool, value: object) -> None:
        self.cycle(-1)

    @keyed("language_floor", QT_TRANSLATE_NOOP("Actions", "Listen to the floor"), "F5")
    def _language_floor(self, pressed: bool, value: object) -> None:
        self.listen(FLOOR)

    @keyed("no_sound", QT_TRANSLATE_NOOP("Actions", "Report: no sound"), "Ctrl+Shift+N")
    def _no_sound(self, pressed: bool, value: object) -> None:
        self._send_signal("no_sound")

    @keyed("poor_sound", QT_TRANSLATE_NOOP("Actions", "Report: poor sound"), "Ctrl+Shift+P")
    def _poor_sound(self, pressed: bool, value: object) -> None:
        self._send_signal("poor_sound")

    @valued("language_set", QT_TRANSLATE_NOOP("Actions", "Choose a language"))
    def _language_set(self, pressed: bool, value: object) -> None:
        self.listen_to(value)

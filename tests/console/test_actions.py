"""The action mechanism (console/shell/actions.py): an action is declared on its handler.

A small set on a recording sink: its table is in the order of declaration, a subclass has
its base's actions, ``trigger`` runs the declared handler and logs what ``logged`` keeps,
a window action comes back as ``ui_requested``, and an id declared twice is refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from audio.commands import Chat, Command, Signal
from console.shell.actions import (
    QT_TRANSLATE_NOOP,
    ActionSet,
    EventLog,
    keyed,
    message_send,
    valued,
    window_action,
)


class Sink:
    def __init__(self) -> None:
        self.sent: list[Command] = []

    def submit(self, command: Command) -> bool:
        self.sent.append(command)
        return True


class Desk(ActionSet[list[str]]):
    ROLE = "test"

    @keyed("ring", QT_TRANSLATE_NOOP("Actions", "Ring"), "F3")
    def _ring(self, pressed: bool, value: object) -> None:
        self.model.append("ring")
        self.submit(Signal("need_help"))

    _focus = window_action("focus", QT_TRANSLATE_NOOP("Actions", "Focus"), "Ctrl+F")
    _message_send = message_send

    @valued("secret", QT_TRANSLATE_NOOP("Actions", "Secret"), logged=lambda value: "hidden")
    def _secret(self, pressed: bool, value: object) -> None:
        self.model.append(f"secret {value}")


class HeldDesk(Desk):
    @keyed("hold", QT_TRANSLATE_NOOP("Actions", "Hold"), "F4", hold=True)
    def _hold(self, pressed: bool, value: object) -> None:
        self.model.append(f"hold {pressed}")


def test_the_table_follows_the_declarations_and_a_subclass_adds_to_its_base(
    qapp: QApplication,
) -> None:
    assert [spec.id for spec in Desk.SPECS] == ["ring", "focus", "message_send", "secret"]
    assert Desk.table() == [("ring", "Ring", "F3"), ("focus", "Focus", "Ctrl+F")]
    assert [spec.id for spec in HeldDesk.SPECS] == [*(s.id for s in Desk.SPECS), "hold"]
    assert HeldDesk.table()[-1] == ("hold", "Hold", "F4")


def test_trigger_runs_the_declared_handler_and_logs_what_it_may(
    qapp: QApplication, tmp_path: Path
) -> None:
    sink, log = Sink(), EventLog(tmp_path / "events.jsonl")
    model: list[str] = []
    desk = HeldDesk(sink, model, log=log)
    asked: list[str] = []
    changes: list[bool] = []
    desk.ui_requested.connect(asked.append)
    desk.changed.connect(lambda: changes.append(True))
    desk.trigger("ring")
    desk.trigger("hold", pressed=False, source="key")
    desk.trigger("secret", value="the token")
    desk.trigger("message_send", value=("booth", "  hello  "))
    desk.trigger("focus")
    log.close()
    assert model == ["ring", "hold False", "secret the token"]
    assert sink.sent == [Signal("need_help"), Chat("booth", "hello")]
    assert asked == ["focus"] and len(changes) == 4, "a window action changes no state"
    records = [json.loads(line) for line in log.path.read_text().splitlines()]
    assert [(r["action"], r.get("value"), r.get("pressed")) for r in records] == [
        ("ring", None, None),
        ("hold", None, False),
        ("secret", "hidden", None),
        ("message_send", ["booth", 9], None),
        ("focus", None, None),
    ]
    with pytest.raises(KeyError, match="no action 'nothing'"):
        desk.trigger("nothing")


def test_an_id_declared_twice_is_refused() -> None:
    with pytest.raises(TypeError, match="declares the action 'ring' twice"):

        class Twice(Desk):
            @keyed("ring", QT_TRANSLATE_NOOP("Actions", "Ring"), "F5")
            def _ring_again(self, pressed: bool, value: object) -> None: ...

            @keyed("ring", QT_TRANSLATE_NOOP("Actions", "Ring"), "F6")
            def _ring_once_more(self, pressed: bool, value: object) -> None: ...


def test_an_uninstalled_set_answers_no_key(qapp: QApplication, qtbot: QtBot) -> None:
    """A closed window's set must not take keys: its engine is gone (a segfault once)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    model: list[str] = []
    desk = HeldDesk(Sink(), model)
    window = QLineEdit()
    qtbot.addWidget(window)
    desk.install(window)
    window.show()
    qtbot.waitExposed(window)
    window.setFocus()
    qtbot.keyPress(window, Qt.Key.Key_F4)
    qtbot.keyRelease(window, Qt.Key.Key_F4)
    assert model == ["hold True", "hold False"]
    desk.uninstall()
    assert desk.shortcuts == {}
    qtbot.keyPress(window, Qt.Key.Key_F4)
    qtbot.keyRelease(window, Qt.Key.Key_F4)
    assert model == ["hold True", "hold False"], "the held-key filter is gone"
    assert desk.key_text("hold") == "F4"  # its labels still name the key

"""The console's study dialogs: consent (agree, decline) and the questionnaires by keyboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from console.study import folder as names
from console.study.consent import ConsentDialog, standard_consent
from console.study.folder import Brief, Question
from console.study.questionnairedialog import QuestionnaireDialog
from console.study.questionnaires import SUS_ITEMS, TLX_SCALES, score
from console.study.session import StudyLog, StudySession
from tests.rig.consolekit import SHOTS, offline_console, publish


def activate(qtbot: QtBot, dialog: QWidget) -> None:
    """Shown and active: a mnemonic (Alt+letter) needs an active window."""
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def test_declining_records_nothing_and_closes_the_console(qtbot: QtBot, tmp_path: Path) -> None:
    brief = Brief(consent=None, questions=(), screenshots_per_s=1.0, duration_s=5.0)
    log = StudyLog(tmp_path / names.ACTIONS)
    with offline_console() as window:
        study = StudySession(
            tmp_path, brief, window, window.bridge.submit, window.bridge.arrived, log, None, 90.0
        )
        dialog = study.begin()
        activate(qtbot, dialog)
        assert str(tmp_path) in dialog.text.text() and "Nothing is sent" in dialog.text.text()
        assert dialog.agree.accessibleName() and dialog.decline.accessibleName()
        assert not dialog.agree.isDefault() and not dialog.agree.autoDefault()
        with qtbot.waitSignal(study.finished, timeout=2000):
            qtbot.keyClick(dialog.decline, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
        assert not window.isVisible()
    study.close()
    log.close()
    assert json.loads((tmp_path / names.CONSENT).read_text())["accepted"] is False
    assert sorted(p.name for p in tmp_path.iterdir()) == [names.ACTIONS, names.CONSENT]
    assert (tmp_path / names.ACTIONS).read_text() == ""


def test_the_consent_dialog_says_what_is_recorded_and_where(qtbot: QtBot) -> None:
    place = Path("/home/study/run-1/1-a/P1")
    dialog = ConsentDialog(standard_consent(place, 1.0), place)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.decline, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    dialog.show()
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / "study-consent.png"
    assert dialog.grab().save(str(shot), "PNG")
    publish(shot, "study-consent.png")


def test_the_questionnaires_are_answered_by_keyboard(qtbot: QtBot) -> None:
    own = (Question("The relay was easy to find.", 7), Question("I would use it again.", 5))
    dialog = QuestionnaireDialog(own)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    answers = dialog.all_answers()
    assert len(answers) == len(SUS_ITEMS) + len(TLX_SCALES) + 2
    assert all(a.accessibleName() and a.value() is None for a in answers)
    assert not dialog.finish.isEnabled() and "18" in dialog.left.text()
    typed = ["4", "2"] * 5 + ["50", "15", "100", "0", "35", "5"] + ["6", "3"]
    answers[0].setFocus()
    for answer, keys in zip(answers, typed, strict=True):
        assert QApplication.focusWidget() is answer
        qtbot.keyClicks(answer, keys)
        qtbot.keyClick(answer, Qt.Key.Key_Tab)
    assert dialog.finish.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / "study-questionnaire.png"
    assert dialog.grab().save(str(shot), "PNG")
    publish(shot, "study-questionnaire.png")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.finish, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    form = dialog.answers()
    assert form["sus"] == [4, 2] * 5
    assert form["tlx"] == dict(
        zip([s.key for s in TLX_SCALES], [50, 15, 100, 0, 35, 5], strict=True)
    )
    assert score(form) == {"sus": 75.0, "tlx_raw": pytest.approx(205 / 6), "likert": [6, 3]}

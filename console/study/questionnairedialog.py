"""The questionnaires at the end of a study: SUS, NASA-TLX, then the scenario's Likert items.

Built from the declarations of :mod:`console.study.questionnaires` (the
items, in the user's language through the ``Questionnaire`` context), so the
form asked is the form scored. Every answer is a list to choose from, with
nothing chosen at first (no answer is suggested): Tab goes from question to
question, the arrow keys or the answer's first digits choose. Finish (Alt+F)
is enabled once every question has an answer; the line above it says how
many are left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.shell.widgets.plain import Label
from console.study.folder import Question
from console.study.questionnaires import SUS_ITEMS, TLX_SCALES


def _translated(text: str) -> str:
    return QCoreApplication.translate("Questionnaire", text)


class _Answer(QComboBox):
    """One question's answer: ``values`` shown as ``labels``, nothing chosen until the user does."""

    def __init__(self, question: str, labels: Sequence[str], values: Sequence[int]) -> None:
        super().__init__()
        self.values = tuple(values)
        self.addItems(list(labels))
        self.setPlaceholderText(self.tr("(choose)"))
        self.setCurrentIndex(-1)
        self.setAccessibleName(question)
        self.setAccessibleDescription(self.tr("Not answered yet"))
        self.currentIndexChanged.connect(self._described)

    def value(self) -> int | None:
        index = self.currentIndex()
        return None if index < 0 else self.values[index]

    def _described(self, index: int) -> None:
        self.setAccessibleDescription(self.itemText(index) if index >= 0 else "")


class _Rows(QVBoxLayout):
    """Each question above its answer, the width of the form: a long question wraps whole."""

    def add(self, label: QWidget, answer: QWidget | None = None) -> None:
        self.addWidget(label)
        if answer is not None:
            self.addWidget(answer)
            self.addSpacing(6)


class QuestionnaireDialog(QDialog):
    """The three questionnaires in one scrolling form; :meth:`answers` once accepted."""

    def __init__(self, questions: Sequence[Question], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("A few questions about the session"))
        self.setAccessibleName(self.windowTitle())
        self.resize(760, 640)
        self.questions = tuple(questions)
        self.sus: list[_Answer] = []
        self.tlx: dict[str, _Answer] = {}
        self.likert: list[_Answer] = []
        form = QWidget()
        column = QVBoxLayout(form)
        column.addWidget(self._sus_group())
        column.addWidget(self._tlx_group())
        if self.questions:
            column.addWidget(self._likert_group())
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(self.tr("Questions"))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.left = Label()
        self.left.setAccessibleName(self.tr("Questions left"))
        layout.addWidget(self.left)
        self.finish = QPushButton(self.tr("&Finish"))
        self.finish.setAccessibleName(self.tr("Finish: save the answers"))
        self.finish.clicked.connect(self.accept)
        layout.addWidget(self.finish)
        for answer in self.all_answers():
            answer.currentIndexChanged.connect(self._count)
        self._count()

    def all_answers(self) -> list[_Answer]:
        return [*self.sus, *self.tlx.values(), *self.likert]

    def _sus_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Using the console (System Usability Scale)"))
        rows = self._rows(group)
        rows.add(Label(self.tr("From 1, strongly disagree, to 5, strongly agree.")))
        labels = [
            self.tr("{0}: strongly disagree").format(1),
            "2",
            "3",
            "4",
            self.tr("{0}: strongly agree").format(5),
        ]
        for number, item in enumerate(SUS_ITEMS, 1):
            text = f"{number}. {_translated(item)}"
            answer = _Answer(text, labels, range(1, 6))
            self.sus.append(answer)
            rows.add(self._question(text, answer), answer)
        return group

    def _tlx_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("The workload (NASA-TLX)"))
        rows = self._rows(group)
        rows.add(Label(self.tr("From 0 to 100, in steps of 5.")))
        for scale in TLX_SCALES:
            low, high = _translated(scale.low), _translated(scale.high)
            labels = [
                f"{value}: {low}"
                if value == 0
                else f"{value}: {high}"
                if value == 100
                else str(value)
                for value in range(0, 101, 5)
            ]
            text = f"{_translated(scale.title)}: {_translated(scale.question)}"
            answer = _Answer(text, labels, range(0, 101, 5))
            self.tlx[scale.key] = answer
            rows.add(self._question(text, answer), answer)
        return group

    def _likert_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Your views"))
        rows = self._rows(group)
        for question in self.questions:
            labels = [
                self.tr("{0}: strongly disagree").format(1),
                *(str(point) for point in range(2, question.points)),
                self.tr("{0}: strongly agree").format(question.points),
            ]
            answer = _Answer(question.text, labels, range(1, question.points + 1))
            self.likert.append(answer)
            rows.add(self._question(question.text, answer), answer)
        return group

    @staticmethod
    def _rows(group: QGroupBox) -> _Rows:
        return _Rows(group)

    @staticmethod
    def _question(text: str, answer: _Answer) -> Label:
        label = Label(text)
        label.setWordWrap(True)
        label.setBuddy(answer)
        return label

    def _count(self) -> None:
        left = sum(answer.value() is None for answer in self.all_answers())
        self.finish.setEnabled(left == 0)
        self.left.setText(
            self.tr("Every question is answered.")
            if left == 0
            else self.tr("Questions left: {0}.").format(left)
        )

    def answers(self) -> dict[str, Any]:
        """The form as ``answers.json`` holds it (score it with ``questionnaires.score``)."""
        return {
            "sus": [answer.value() for answer in self.sus],
            "tlx": {key: answer.value() for key, answer in self.tlx.items()},
            "likert": [
                {"text": q.text, "points": q.points, "answer": answer.value()}
                for q, answer in zip(self.questions, self.likert, strict=True)
            ],
        }

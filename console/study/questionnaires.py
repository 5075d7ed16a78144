"""The questionnaires a study asks at the end, and their scoring: SUS, NASA-TLX, Likert items.

Items are declared once here (marked for Qt's translation, context
``Questionnaire``); the console's questionnaire dialog
(:mod:`console.study.questionnairedialog`) shows them and :func:`score` scores the
answers it writes to ``answers.json``, so what was asked and how it was scored
cannot drift apart. Scoring refuses incomplete or out-of-range answers with
a message saying which item, rather than scoring a partial form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from console.shell.i18n import QT_TRANSLATE_NOOP

SUS_ITEMS: Final = (
    QT_TRANSLATE_NOOP("Questionnaire", "I think that I would like to use this system frequently."),
    QT_TRANSLATE_NOOP("Questionnaire", "I found the system unnecessarily complex."),
    QT_TRANSLATE_NOOP("Questionnaire", "I thought the system was easy to use."),
    QT_TRANSLATE_NOOP(
        "Questionnaire",
        "I think that I would need the support of a technical person to be able to use this system.",  # noqa: E501 (one literal: lupdate reads it)
    ),
    QT_TRANSLATE_NOOP(
        "Questionnaire", "I found the various functions in this system were well integrated."
    ),
    QT_TRANSLATE_NOOP(
        "Questionnaire", "I thought there was too much inconsistency in this system."
    ),
    QT_TRANSLATE_NOOP(
        "Questionnaire",
        "I would imagine that most people would learn to use this system very quickly.",
    ),
    QT_TRANSLATE_NOOP("Questionnaire", "I found the system very cumbersome to use."),
    QT_TRANSLATE_NOOP("Questionnaire", "I felt very confident using the system."),
    QT_TRANSLATE_NOOP(
        "Questionnaire",
        "I needed to learn a lot of things before I could get going with this system.",
    ),
)
"""SUS (Brooke, 1996): each item answered 1 (strongly disagree) to 5 (strongly agree)."""


@dataclass(frozen=True, slots=True)
class TlxScale:
    key: str
    title: str
    question: str
    low: str
    high: str


TLX_SCALES: Final = (
    TlxScale(
        "mental",
        QT_TRANSLATE_NOOP("Questionnaire", "Mental demand"),
        QT_TRANSLATE_NOOP("Questionnaire", "How mentally demanding was the task?"),
        QT_TRANSLATE_NOOP("Questionnaire", "Very low"),
        QT_TRANSLATE_NOOP("Questionnaire", "Very high"),
    ),
    TlxScale(
        "physical",
        QT_TRANSLATE_NOOP("Questionnaire", "Physical demand"),
        QT_TRANSLATE_NOOP("Questionnaire", "How physically demanding was the task?"),
        QT_TRANSLATE_NOOP("Questionnaire", "Very low"),
        QT_TRANSLATE_NOOP("Questionnaire", "Very high"),
    ),
    TlxScale(
        "temporal",
        QT_TRANSLATE_NOOP("Questionnaire", "Temporal demand"),
        QT_TRANSLATE_NOOP("Questionnaire", "How hurried or rushed was the pace of the task?"),
        QT_TRANSLATE_NOOP("Questionnaire", "Very low"),
        QT_TRANSLATE_NOOP("Questionnaire", "Very high"),
    ),
    TlxScale(
        "performance",
        QT_TRANSLATE_NOOP("Questionnaire", "Performance"),
        QT_TRANSLATE_NOOP(
            "Questionnaire", "How successful were you in accomplishing what you were asked to do?"
        ),
        QT_TRANSLATE_NOOP("Questionnaire", "Perfect"),
        QT_TRANSLATE_NOOP("Questionnaire", "Failure"),
    ),
    TlxScale(
        "effort",
        QT_TRANSLATE_NOOP("Questionnaire", "Effort"),
        QT_TRANSLATE_NOOP(
            "Questionnaire",
            "How hard did you have to work to accomplish your level of performance?",
        ),
        QT_TRANSLATE_NOOP("Questionnaire", "Very low"),
        QT_TRANSLATE_NOOP("Questionnaire", "Very high"),
    ),
    TlxScale(
        "frustration",
        QT_TRANSLATE_NOOP("Questionnaire", "Frustration"),
        QT_TRANSLATE_NOOP(
            "Questionnaire", "How insecure, discouraged, irritated, stressed and annoyed were you?"
        ),
        QT_TRANSLATE_NOOP("Questionnaire", "Very low"),
        QT_TRANSLATE_NOOP("Questionnaire", "Very high"),
    ),
)
"""NASA-TLX's six scales (Hart and Staveland, 1988), each answered 0-100 in steps of 5."""


class AnswerError(ValueError):
    """The answers cannot be scored; the message names the item and what is wrong."""


def sus_score(answers: Sequence[int]) -> float:
    """The SUS score, 0-100, of ten answers each 1-5 in :data:`SUS_ITEMS` order.

    Odd items count ``answer - 1``, even items ``5 - answer``; the sum times 2.5.
    """
    if len(answers) != len(SUS_ITEMS):
        raise AnswerError(f"SUS has {len(SUS_ITEMS)} items; {len(answers)} answers were given")
    total = 0
    for number, answer in enumerate(answers, 1):
        if not isinstance(answer, int) or isinstance(answer, bool) or not 1 <= answer <= 5:
            raise AnswerError(f"SUS item {number}: {answer!r} is not an answer from 1 to 5")
        total += answer - 1 if number % 2 else 5 - answer
    return total * 2.5


def raw_tlx(answers: Mapping[str, int]) -> float:
    """The raw (unweighted) NASA-TLX workload, 0-100: the mean of the six scales."""
    values: list[int] = []
    for scale in TLX_SCALES:
        answer = answers.get(scale.key)
        if answer is None:
            raise AnswerError(f"NASA-TLX {scale.title}: not answered")
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 100:
            raise AnswerError(f"NASA-TLX {scale.title}: {answer!r} is not a value from 0 to 100")
        if answer % 5:
            raise AnswerError(f"NASA-TLX {scale.title}: {answer} is not on the scale's steps of 5")
        values.append(answer)
    unknown = sorted(set(answers) - {scale.key for scale in TLX_SCALES})
    if unknown:
        raise AnswerError(f"NASA-TLX has no scale {', '.join(unknown)}")
    return sum(values) / len(values)


def likert(answer: int, points: int, item: str) -> int:
    """A Likert answer checked to be on its scale (1..points); ``item`` names it in errors."""
    if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= points:
        raise AnswerError(f'"{item}": {answer!r} is not an answer from 1 to {points}')
    return answer


def score(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The scores of a form as ``answers.json`` holds it; AnswerError names a bad item.

    ``answers``: ``sus`` (ten answers 1-5), ``tlx`` (scale key to 0-100) and
    ``likert`` (a list of ``{"text", "points", "answer"}``, the scenario's items).
    Returns ``sus`` (0-100), ``tlx_raw`` (0-100) and ``likert`` (the answers, checked).
    """
    items = answers.get("likert", [])
    if not isinstance(items, list):
        raise AnswerError("likert: not a list of answers")
    return {
        "sus": sus_score(answers.get("sus", [])),
        "tlx_raw": raw_tlx(answers.get("tlx", {})),
        "likert": [
            likert(item.get("answer"), int(item.get("points", 7)), str(item.get("text", "")))
            for item in items
        ],
    }

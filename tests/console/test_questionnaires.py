"""SUS, NASA-TLX and Likert scoring: the published rules, and every bad answer named."""

from __future__ import annotations

import pytest

from console.study.questionnaires import (
    SUS_ITEMS,
    TLX_SCALES,
    AnswerError,
    likert,
    raw_tlx,
    sus_score,
)


def test_sus_scores_by_brookes_rule() -> None:
    assert len(SUS_ITEMS) == 10
    assert sus_score([5, 1] * 5) == 100.0
    assert sus_score([1, 5] * 5) == 0.0
    assert sus_score([3] * 10) == 50.0
    assert sus_score([4, 2, 4, 1, 4, 2, 5, 1, 4, 2]) == 82.5


@pytest.mark.parametrize(
    ("answers", "message"),
    [([3] * 9, "SUS has 10 items; 9 answers"), ([3] * 9 + [6], "SUS item 10: 6 is not")],
)
def test_sus_refuses_an_incomplete_form(answers: list[int], message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        sus_score(answers)


def test_raw_tlx_is_the_mean_of_six_scales_and_refuses_bad_answers() -> None:
    answers = {scale.key: 5 * (i + 1) for i, scale in enumerate(TLX_SCALES)}
    assert raw_tlx(answers) == pytest.approx(17.5)
    with pytest.raises(AnswerError, match="Frustration: not answered"):
        raw_tlx({k: v for k, v in answers.items() if k != "frustration"})
    with pytest.raises(AnswerError, match="Effort: 33 is not on the scale's steps of 5"):
        raw_tlx({**answers, "effort": 33})
    with pytest.raises(AnswerError, match="no scale speed"):
        raw_tlx({**answers, "speed": 10})
    assert likert(7, 7, "x") == 7
    with pytest.raises(AnswerError, match='"x": 0 is not an answer from 1 to 5'):
        likert(0, 5, "x")

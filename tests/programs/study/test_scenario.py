"""rsi-study's scenarios: the worked example is valid, every mistake is one line, orders balance."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from console.interpreter.actions import Actions
from programs.study.cli import main
from programs.study.scenario import (
    EVENT_KINDS,
    ScenarioError,
    answers,
    load,
    presentation_order,
)
from resources import MEETINGS, SPEECH, STUDIES

EXAMPLE = STUDIES / "example.toml"
ROOT = Path(__file__).resolve().parents[3]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(
        f'[study]\nmeeting = "{MEETINGS / "demo.toml"}"\nbooth = "fr"\nduration = 60.0\n'
        f'[[floor]]\nfile = "{SPEECH / "en.ogg"}"\nlanguage = "en"\n' + text,
        encoding="utf-8",
    )
    return path


def test_the_worked_example_uses_every_kind_of_event_and_is_valid() -> None:
    scenario = load(EXAMPLE)
    assert scenario.booth == "fr" and scenario.duration_s == 120.0
    assert [part.language for part in scenario.floor] == ["en", "es", "ar"]
    assert [event.at for event in scenario.timeline] == sorted(e.at for e in scenario.timeline)
    assert [c.name for c in scenario.conditions] == ["auto-relay", "manual relay"]
    assert scenario.conditions[0].settings == {"auto_relay": True}
    assert scenario.questions[0].points == 7
    documented = (ROOT / "docs" / "study.md").read_text(encoding="utf-8")
    for name in EVENT_KINDS:
        assert f"`{name}`" in documented, f"docs/study.md does not describe {name}"


def test_answering_actions_are_the_interpreter_consoles_own() -> None:
    ids = {spec.id for spec in Actions.SPECS}
    for kind in EVENT_KINDS.values():
        assert set(kind.answered_by) <= ids, kind.name


def test_taking_relay_is_a_task_unless_auto_relay_is_on(tmp_path: Path) -> None:
    """A floor language the booth lacks, or its relay going off air: with auto-relay on,
    the engine takes relay itself, so there is no action to wait for (no task, no miss)."""
    scenario = load(
        write(
            tmp_path,
            '[[event]]\nat = 1.0\nkind = "floor_language"\nlanguage = "es"\n'
            '[[event]]\nat = 2.0\nkind = "floor_language"\nlanguage = "ar"\n'
            '[[event]]\nat = 3.0\nkind = "relay_off"\nchannel = "en"\n'
            '[[condition]]\nname = "manual"\nauto_relay = false\n'
            '[[condition]]\nname = "auto"\nauto_relay = true\n[[condition]]\nname = "as is"\n',
        )
    )
    spanish, arabic, relay_off = scenario.timeline
    meeting = scenario.meeting
    assert answers(spanish, meeting, "fr") == () == answers(arabic, meeting, "fr", auto_relay=True)
    assert answers(arabic, meeting, "fr") == EVENT_KINDS["floor_language"].answered_by
    assert answers(relay_off, meeting, "fr") == EVENT_KINDS["relay_off"].answered_by
    assert answers(relay_off, meeting, "fr", auto_relay=True) == ()
    assert [c.auto_relay for c in scenario.conditions] == [False, True, None]


def test_every_problem_is_reported_at_once_one_line_each(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[event]]\nat = 10\nkind = "handover_requst"\n'
        '[[event]]\nat = 70\nkind = "floor_language"\nlanguage = "xx"\n'
        '[[event]]\nkind = "impair"\nloss = 0.9\nseconds = 5\n'
        '[[event]]\nat = 5\nkind = "degrade"\nmode = "muffled"\n'
        '[[condition]]\nname = "A"\nauto_relay = "yes"\ncolour = 1\n',
    )
    with pytest.raises(ScenarioError) as caught:
        load(path)
    problems = caught.value.problems
    assert all("\n" not in p and p.startswith(str(path)) for p in problems)
    text = "\n".join(problems)
    assert (
        'event 1.kind: "handover_requst" is not a kind of event here; '
        'did you mean "handover_request"?' in text
    )
    assert 'event 2.language: "xx" is not a language here' in text
    assert "event 2: at 70 s is after the study's end (60 s)" in text
    assert "event 3.at: missing" in text
    assert "event 3.loss: 0.9 is out of range: use 0 to 0.5" in text
    assert 'event 4.mode: "muffled" is not a value here' in text
    assert "event 4.seconds: missing" in text
    assert "condition 1.auto_relay: must be true or false, not a string" in text
    assert "condition 1.colour: unknown key" in text
    assert len(problems) == 9


def test_an_unusable_meeting_or_a_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[study]\nmeeting = "nowhere.toml"\nbooth = "fr"\nduration = 60\n'
        '[[floor]]\nfile = "missing.ogg"\nlanguage = "en"\n',
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as caught:
        load(path)
    text = "\n".join(caught.value.problems)
    assert "study.meeting: the meeting file is not usable" in text
    assert "floor 1.file:" in text and "missing.ogg does not exist" in text
    (tmp_path / "bad.toml").write_bytes(b"[study\n")
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load(tmp_path / "bad.toml")
    with pytest.raises(ScenarioError, match="cannot read it"):
        load(tmp_path / "absent.toml")


@pytest.mark.parametrize("conditions", [2, 3, 4, 5])
def test_a_balanced_order_puts_each_condition_everywhere_and_after_each_other(
    conditions: int,
) -> None:
    group = conditions * (1 if conditions % 2 == 0 else 2)
    orders = [presentation_order(conditions, p, "balanced") for p in range(group)]
    for order in orders:
        assert sorted(order) == list(range(conditions))
    for position in range(conditions):
        counts = Counter(order[position] for order in orders)
        assert set(counts.values()) == {group // conditions}
    pairs = Counter(pair for order in orders for pair in itertools.pairwise(order))
    assert len(pairs) == conditions * (conditions - 1)
    assert len(set(pairs.values())) == 1
    assert presentation_order(conditions, 1, "fixed") == tuple(range(conditions))


def test_check_prints_a_summary_or_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(EXAMPLE), "--participants", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "ok: 'Relay and handover under impairment', 120 s, booth fr" in out[0]
    assert out[1:] == [
        "participant 1: auto-relay then manual relay",
        "participant 2: manual relay then auto-relay",
    ]
    bad = write(tmp_path, '[[event]]\nat = 1\nkind = "nothing"\n')
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("rsi-study: ") and "event 1.kind" in err[0]

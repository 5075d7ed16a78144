"""A floor with a transcript: checked line by line, put on the session's clock, measured from."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile

from audio.format import SAMPLE_RATE
from programs.study.floortrack import FLOOR_WORDS, floor_words
from programs.study.measures import ear_voice_span, floor_onsets, utterances
from programs.study.scenario import ScenarioError, load
from programs.study.sessionfolder import measure
from resources import MEETINGS, SPEECH

WORDS = "0.50\t0.80\tgood\n0.95\t1.40\tmorning\n\n2.00\t2.30\tdelegates\n2.50\t3.00\ttoday\n"
"""Two utterances, then a third word: the pause of 0.15 s is bridged, that of 0.6 s is not."""


def scenario_with(tmp_path: Path, words: str, at: float = 0.0) -> Path:
    (tmp_path / "en.tsv").write_text(words, encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text(
        f'[study]\nmeeting = "{MEETINGS / "demo.toml"}"\nbooth = "fr"\nduration = 3.4\n'
        f'[[floor]]\nfile = "{SPEECH / "en.ogg"}"\nlanguage = "en"\nat = {at}\n'
        'transcript = "en.tsv"\n',
        encoding="utf-8",
    )
    return path


def test_a_transcripts_utterances_are_its_words_across_short_pauses() -> None:
    words = [(2.0, 2.3, "b"), (0.5, 0.8, "a"), (0.95, 1.4, "a2"), (2.7, 3.0, "c")]
    spoken = utterances(words)
    assert spoken == [(0.5, 1.4), (2.0, 2.3), (2.7, 3.0)]
    # Where it is transcribed the floor's onsets are the transcript's; elsewhere, heard.
    onsets, source = floor_onsets([0.56, 2.05, 5.2], spoken, [(0.0, 4.0)])
    assert (onsets, source) == ([0.5, 2.0, 2.7, 5.2], "transcript, voice activity elsewhere")
    assert floor_onsets([0.56], spoken, [(0.0, 4.0)])[1] == "transcript"
    assert floor_onsets([0.56], [], []) == ([0.56], "voice activity")
    lags = [span.lag for span in ear_voice_span(onsets, [1.3, 2.8, 3.5, 6.0])]
    assert lags == pytest.approx([0.8, 0.8, 0.8, 0.8])


def test_bad_transcript_lines_are_refused_one_line_each(tmp_path: Path) -> None:
    bad = "0.5\t0.8\tgood\n1.0 1.4 morning\nsoon\t1.9\tthe\n2.0\t1.9\tdelegates\n0.2\t0.4\tx\n"
    with pytest.raises(ScenarioError) as caught:
        load(scenario_with(tmp_path, bad))
    problems = caught.value.problems
    assert [p.split(": ")[1] for p in problems] == ["floor 1.transcript"] * 4, problems
    for number, said in (
        (2, "start<TAB>end<TAB>word"),
        (3, "must be seconds"),
        (4, "ends after it starts"),
        (5, "sort the lines by time"),
    ):
        assert any(f"en.tsv line {number}: " in p and said in p for p in problems), problems


def test_a_session_measures_the_span_from_the_floors_transcript(tmp_path: Path) -> None:
    scenario = load(scenario_with(tmp_path, WORDS, at=1.0))
    words, covered = floor_words(scenario)
    assert [w for *_, w in words] == ["good", "morning", "delegates"]  # "today" is past the end
    assert words[0][:2] == pytest.approx((1.5, 1.8)) and covered == [(1.0, 3.4)]
    # A session folder as the staging leaves it: the words on the session's clock, and
    # tracks where the interpreter heard the floor 60 ms late and spoke 0.7 s after it.
    session = tmp_path / "1-main"
    (session / "P1").mkdir(parents=True)
    (session / FLOOR_WORDS).write_text(
        "".join(f"{a:.3f}\t{b:.3f}\t{w}\n" for a, b, w in words), encoding="utf-8"
    )
    info = {
        "condition": "main",
        "participants": ["P1"],
        "track_starts_s": {"P1": 0.0},
        "spl_at_full_scale": 80.0,
        "transcribed_s": [list(c) for c in covered],
    }
    (session / "session.json").write_text(json.dumps(info), encoding="utf-8")
    rng = np.random.default_rng(3)
    heard, said = np.zeros((4 * SAMPLE_RATE, 2), np.float32), np.zeros(4 * SAMPLE_RATE, np.float32)
    for start, end in utterances(words):
        a, b = (round((t + 0.06) * SAMPLE_RATE) for t in (start, end))
        heard[a:b] = 0.1 * rng.standard_normal((b - a, 2))
        a, b = (round((t + 0.7) * SAMPLE_RATE) for t in (start, end))
        said[a:b] = 0.05 * rng.standard_normal(len(said[a:b]))
    soundfile.write(session / "P1" / "heard.wav", heard, SAMPLE_RATE)
    soundfile.write(session / "P1" / "mic.wav", said, SAMPLE_RATE)
    (session / "P1" / "air.jsonl").write_text('{"session_s": 0.0, "on_air": true}\n')
    for name in ("events.jsonl", "P1/actions.jsonl"):
        (session / name).write_text("")
    found = measure(session, "P1")
    assert found["ear_voice_span_from"] == "transcript"
    assert found["ear_voice_span_s"] == [
        [1.5, pytest.approx(0.7, abs=0.011)],
        [3.0, pytest.approx(0.7, abs=0.011)],
    ]

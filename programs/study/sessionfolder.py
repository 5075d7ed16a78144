"""Reading a session's folder (as ``rsi-study run`` leaves it) into the study's measures.

:func:`measure` needs nothing but the folder: ``session.json`` (the condition,
the participants, where each one's tracks start on the session's clock),
``events.jsonl`` (each event as it happened, with the actions that answer it
and, for a handover request, whom it asked), ``floor_words.tsv`` when the
floor has transcripts (the ear-voice span is then measured from their
utterances, ``ear_voice_span_from`` says so) and the participant's own
folder (``heard.wav``, ``mic.wav``, ``actions.jsonl``, ``air.jsonl``,
``figures.jsonl`` when the engine's figures were kept, and
``answers.json`` when a person answered the questionnaires, scored again
here by :func:`~console.study.questionnaires.score`). Every
time it returns is on the session's clock, zero at the floor track's first
sample, so the report can draw the floor, the participant's speech, their
air, the events and their actions on one axis.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import soundfile

from audio.format import SAMPLE_RATE
from audio.protection import Calibration
from console.study.folder import ANSWERS, FIGURES
from console.study.questionnaires import AnswerError, score
from programs.study import measures
from programs.study.floortrack import FLOOR_WORDS
from programs.study.measures import Segment
from programs.study.scenario import parse_words


class SessionFolderError(ValueError):
    """The folder is not a complete session; the message says what is missing."""


def read_json_lines(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SessionFolderError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise SessionFolderError(f"{path}: line {exc.lineno} is not JSON") from None


def about(session: Path) -> dict[str, Any]:
    """``session.json``: what the session was."""
    try:
        found: dict[str, Any] = json.loads((session / "session.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SessionFolderError(
            f"{session}: no readable session.json ({exc}); is this a folder rsi-study run made?"
        ) from None
    return found


def measure(session: Path, participant: str) -> dict[str, Any]:
    """Every measure of ``participant`` (a pseudonym) in ``session``, JSON-ready."""
    info = about(session)
    place = session / participant
    offset = float(info["track_starts_s"][participant])
    try:
        heard, _ = soundfile.read(place / "heard.wav", dtype="float32")
        said, _ = soundfile.read(place / "mic.wav", dtype="float32")
    except (OSError, RuntimeError) as exc:
        raise SessionFolderError(f"{place}: a track cannot be read ({exc})") from None
    floor = _shifted(measures.speech_segments(heard), offset)
    voice = _shifted(measures.speech_segments(said), offset)
    end = offset + len(heard) / SAMPLE_RATE
    on_air = _intervals(read_json_lines(place / "air.jsonl"), end)
    # What they had to render: the floor while they had the air (a partner had the rest).
    their_floor = measures.intersection(floor, on_air)
    onsets, source = measures.floor_onsets(
        [a for a, _ in floor], _transcript(session), _segments(info.get("transcribed_s", []))
    )
    spans = measures.ear_voice_span(
        [a for a in onsets if any(start <= a < stop for start, stop in on_air)],
        [a for a, _ in voice],
    )
    events = read_json_lines(session / "events.jsonl")
    actions = [
        (float(a["session_s"]), str(a["action"]))
        for a in read_json_lines(place / "actions.jsonl")
        if "session_s" in a and "action" in a  # a console also logs state changes
    ]
    tasks = [
        (int(e["index"]), float(e["session_s"]), str(e["kind"]), tuple(e["answered_by"]))
        for e in events
        if e.get("asked", participant) == participant  # a request is its receiver's task
    ]
    reactions = measures.reaction_times(tasks, actions)
    return {
        "questionnaire": _scores(place / ANSWERS),
        "participant": participant,
        "condition": info["condition"],
        "ear_voice_span_s": [[round(s.floor_at, 3), round(s.lag, 3)] for s in spans],
        "ear_voice_span_from": source,
        "floor_speech": _rounded(floor),
        "speech": _rounded(voice),
        "on_air": _rounded(on_air),
        "silences": _rounded(measures.silences(voice, their_floor)),
        "overlap_share": round(measures.overlap_share(voice, floor), 3),
        "off_air_speech": _rounded(measures.off_air_speech(voice, on_air)),
        "laeq_db": round(measures.laeq(heard, Calibration(info["spl_at_full_scale"])), 1),
        "events": [[round(float(e["session_s"]), 3), e["kind"]] for e in events],
        "figures": read_json_lines(place / FIGURES) if (place / FIGURES).is_file() else [],
        "actions": [[round(t, 3), a] for t, a in actions],
        "reactions": [
            {
                "event": r.event_index,
                "kind": r.kind,
                "seconds": None if r.seconds is None else round(r.seconds, 3),
                "action": r.action,
            }
            for r in reactions
        ],
    }


def _transcript(session: Path) -> list[Segment]:
    """The floor's utterances from ``floor_words.tsv`` (none when there is no such file)."""
    path = session / FLOOR_WORDS
    if not path.is_file():
        return []
    words, problems = parse_words(path.read_text(encoding="utf-8"))
    if problems:
        raise SessionFolderError(f"{path}: {problems[0]}")
    return measures.utterances(words)


def _segments(pairs: list[list[float]]) -> list[Segment]:
    return [(float(a), float(b)) for a, b in pairs]


def _scores(path: Path) -> dict[str, Any] | None:
    """The questionnaires' scores, or None where none were answered (a rehearsal)."""
    if not path.is_file():
        return None
    try:
        return score(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, AnswerError, AttributeError) as exc:
        raise SessionFolderError(f"{path}: cannot be scored ({exc})") from None


def _shifted(segments: list[Segment], offset: float) -> list[Segment]:
    return [(a + offset, b + offset) for a, b in segments]


def _rounded(segments: list[Segment]) -> list[list[float]]:
    return [[round(a, 3), round(b, 3)] for a, b in segments]


def _intervals(changes: list[dict[str, Any]], end: float) -> list[Segment]:
    """On-air intervals from the air's changes; one still open ends with the tracks."""
    intervals: list[Segment] = []
    since: float | None = None
    for change in changes:
        if change["on_air"] and since is None:
            since = float(change["session_s"])
        elif not change["on_air"] and since is not None:
            intervals.append((since, float(change["session_s"])))
            since = None
    if since is not None:
        intervals.append((since, end))
    return intervals

"""A participant's folder: what ``rsi-study run`` and a console in ``--study`` mode exchange.

The runner writes :data:`BRIEF` (the consent text, the questions, the
screenshot rate, the session's length, the condition's auto-relay) before it starts the console, and
:data:`CLOCK` once the floor's first sample has played: the session's zero
as a wall-clock time (``time.time()``, which every process of one machine
shares), converted from the floor's monotonic clock. The console writes
:data:`CONSENT` when the participant has answered (declining: the runner
ends the session and removes the folder), then its recordings and logs, and
:data:`TRACKS` (when its tracks started, wall clock) when it has stopped
recording. The names of the recordings and logs are those of a rehearsal's
participant, so ``rsi-study report`` reads both alike.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

BRIEF: Final = "study.json"
CLOCK: Final = "clock.json"
CONSENT: Final = "consent.json"
TRACKS: Final = "tracks.json"
HEARD: Final = "heard.wav"
MIC: Final = "mic.wav"
ACTIONS: Final = "actions.jsonl"
AIR: Final = "air.jsonl"
ANSWERS: Final = "answers.json"
SCREENS: Final = "screens"
FIGURES: Final = "figures.jsonl"


@dataclass(frozen=True, slots=True)
class Question:
    """One of the scenario's own Likert items."""

    text: str
    points: int


@dataclass(frozen=True, slots=True)
class Brief:
    """What the console needs to know of the study, from the runner."""

    consent: str | None
    """The scenario's consent text; None: the kit's standard one."""
    questions: tuple[Question, ...]
    screenshots_per_s: float
    duration_s: float
    auto_relay: bool | None = None
    """The condition's auto-relay, set at the session's start; None: the console's default."""

    def to_json(self) -> dict[str, Any]:
        return {
            "consent": self.consent,
            "questions": [{"text": q.text, "points": q.points} for q in self.questions],
            "screenshots_per_second": self.screenshots_per_s,
            "duration_s": self.duration_s,
            "auto_relay": self.auto_relay,
        }


class StudyFolderError(ValueError):
    """The folder is not a participant's folder made by ``rsi-study run``; says what to do."""


def write_json(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` whole: the reader on the other side never sees half a file."""
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(part, path)


def read_json(path: Path) -> Any:
    """The JSON in ``path``, or None while it is not there yet."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def read_brief(folder: Path) -> Brief:
    """The runner's brief in ``folder``; StudyFolderError if it has none."""
    try:
        raw = read_json(folder / BRIEF)
    except (OSError, json.JSONDecodeError) as exc:
        raise StudyFolderError(f"{folder / BRIEF}: cannot read it ({exc})") from None
    if not isinstance(raw, dict):
        raise StudyFolderError(
            f"{folder} has no {BRIEF}: start the console for a study with rsi-study run, "
            "which makes the folder"
        )
    try:
        return Brief(
            consent=raw.get("consent"),
            questions=tuple(Question(str(q["text"]), int(q["points"])) for q in raw["questions"]),
            screenshots_per_s=float(raw["screenshots_per_second"]),
            duration_s=float(raw["duration_s"]),
            auto_relay=None if raw.get("auto_relay") is None else bool(raw["auto_relay"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise StudyFolderError(
            f"{folder / BRIEF}: incomplete ({exc}); run rsi-study again"
        ) from None

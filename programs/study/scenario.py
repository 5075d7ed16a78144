"""A usability study's scenario: the TOML a researcher writes, read and checked.

A scenario names the meeting (a meeting file, as ``rsi-hub serve`` reads),
the booth under test, the floor material (audio files with their language
and, optionally, a transcript with word timings), a timeline of scripted
events, and the conditions each participant goes through, in an order
counterbalanced across participants. ``resources/studies/example.toml`` is a
worked example with every kind of event.

:func:`load` returns a :class:`Scenario` or raises :class:`ScenarioError`
holding *every* problem found, one line each, in the terms of the file (which
entry, which key, what would be right), so that ``rsi-study check`` shows a
researcher all of them at once. Event kinds are declared once, in
:data:`EVENT_KINDS`, with their fields and the console actions that answer
them (what a reaction time is measured to).
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from channels.meeting import MeetingConfig
from channels.meeting_file import MeetingFileError, value_kind
from channels.meeting_file import load as load_meeting
from channels.untrusted import FileTooLarge, read_regular

MAX_FILE_BYTES: Final = 256 * 1024
"""A scenario is a few kilobytes of TOML; a bigger file is a mistake."""
MAX_DURATION_S: Final = 4 * 3600.0
"""A study session longer than four hours is not one an interpreter could do in one sitting."""

FieldType = Literal["text", "number", "flag"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One key an event of some kind takes."""

    name: str
    type: FieldType
    required: bool = True
    low: float | None = None
    """Smallest number allowed (inclusive)."""
    high: float | None = None
    """Largest number allowed (inclusive)."""
    choices: tuple[str, ...] = ()
    """The only texts allowed, when not empty."""
    meaning: str = ""
    """What the value means, for the error message and the documentation."""


@dataclass(frozen=True, slots=True)
class EventKind:
    """A kind of scripted event: its keys, and the console actions that answer it."""

    name: str
    what: str
    """One sentence: what happens in the meeting."""
    fields: tuple[FieldSpec, ...] = ()
    answered_by: tuple[str, ...] = ()
    """Interpreter action ids (:mod:`console.interpreter.actions`) that count as an answer:
    the reaction time is from the event to the first of them. Empty: not a task."""
    lasts: bool = False
    """True when the event has ``seconds`` and its effect ends after them."""


_SECONDS: Final = FieldSpec("seconds", "number", low=0.1, high=3600.0, meaning="how long it lasts")
_RELAY_ACTIONS: Final = ("source_relay", "relay_set", "relay_next", "relay_previous", "auto_relay")

EVENT_KINDS: Final[Mapping[str, EventKind]] = {
    kind.name: kind
    for kind in (
        EventKind(
            "floor_language",
            "The floor changes language (a new speaker): a booth that lacks it takes relay.",
            (FieldSpec("language", "text", meaning="the new floor language, such as es"),),
            answered_by=_RELAY_ACTIONS,
        ),
        EventKind(
            "relay_off",
            "The interpreter giving relay on a channel goes off air.",
            (FieldSpec("channel", "text", meaning="the meeting's channel id"),),
            answered_by=(*_RELAY_ACTIONS, "source_floor"),
        ),
        EventKind(
            "degrade",
            "The floor's sound degrades for a while.",
            (
                FieldSpec(
                    "mode",
                    "text",
                    choices=("telephone", "quiet", "clipping", "noise"),
                    meaning="how it degrades",
                ),
                _SECONDS,
            ),
            answered_by=("volume_up", "treble_up", "slow_down", "focus_chat"),
            lasts=True,
        ),
        EventKind(
            "impair",
            "The participant's network is impaired for a while.",
            (
                FieldSpec("delay_ms", "number", required=False, low=0, high=5000),
                FieldSpec("jitter_ms", "number", required=False, low=0, high=2000),
                FieldSpec("loss", "number", required=False, low=0, high=0.5, meaning="0 to 0.5"),
                _SECONDS,
            ),
            lasts=True,
        ),
        EventKind(
            "outage",
            "The participant's network stops delivering for a while.",
            (_SECONDS,),
            lasts=True,
        ),
        EventKind(
            "message",
            "The coordinator sends the booth a message.",
            (FieldSpec("text", "text", meaning="what the coordinator writes"),),
            answered_by=("messages_read",),
        ),
        EventKind(
            "slow_down",
            "A listener asks the chair to slow down (the coordinator and the floor see it).",
        ),
        EventKind(
            "handover_request",
            "The scripted booth partner asks for the air.",
            answered_by=("handover_accept", "handover_offer"),
        ),
        EventKind(
            "howl",
            "Feedback howl on the floor, to see the hearing protection act.",
            (_SECONDS,),
            answered_by=("volume_down",),
            lasts=True,
        ),
        EventKind(
            "burst",
            "A loud burst on the floor (a dropped microphone), to see the protection act.",
            (FieldSpec("level_db", "number", low=-40.0, high=0.0, meaning="dBFS, -40 to 0"),),
            answered_by=("volume_down",),
        ),
    )
}

CONDITION_SETTINGS: Final[Mapping[str, FieldSpec]] = {
    spec.name: spec
    for spec in (
        FieldSpec("auto_relay", "flag", required=False, meaning="auto-relay on or off"),
        FieldSpec(
            "impairment",
            "flag",
            required=False,
            meaning="whether the timeline's impair and outage events take place",
        ),
        FieldSpec(
            "theme",
            "text",
            required=False,
            choices=("dark", "light", "high-contrast"),
            meaning="the console's theme",
        ),
    )
}

Order = Literal["balanced", "fixed"]

Word = tuple[float, float, str]
"""A transcript's word: (start, end, the word), in seconds."""
MAX_TRANSCRIPT_BYTES: Final = 4 * 1024 * 1024
"""Word timings of a few hours of speech; a bigger file is not a transcript."""


def parse_words(text: str) -> tuple[list[Word], list[str]]:
    """The words of a transcript (``start<TAB>end<TAB>word`` per line, blank lines skipped),
    and one problem per line that is not one ("line N: ..." and what to write instead)."""
    words: list[Word] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[2].strip():
            problems.append(
                f"line {number}: write start<TAB>end<TAB>word (seconds, seconds, the word)"
            )
            continue
        try:
            start, end = float(fields[0]), float(fields[1])
        except ValueError:
            problems.append(
                f"line {number}: {fields[0]!r} and {fields[1]!r} must be seconds, such as 1.25"
            )
            continue
        if not (math.isfinite(start) and math.isfinite(end)) or not 0 <= start <= end:
            problems.append(
                f"line {number}: a word ends after it starts, from 0 s on ({line.strip()!r})"
            )
        elif words and start < words[-1][0]:
            problems.append(
                f"line {number}: starts at {start:g} s, before the line above "
                f"({words[-1][0]:g} s): sort the lines by time"
            )
        else:
            words.append((start, end, fields[2].strip()))
    return words, problems


@dataclass(frozen=True, slots=True)
class FloorPart:
    """One audio file played as the floor from ``at`` seconds."""

    file: Path
    language: str
    at: float
    transcript: Path | None = None
    """Word timings (``start<TAB>end<TAB>word`` per line, seconds from the file's start)."""
    words: tuple[Word, ...] = ()
    """The transcript's words, as read (seconds from the file's start)."""


@dataclass(frozen=True, slots=True)
class ScriptedEvent:
    at: float
    kind: EventKind
    values: Mapping[str, str | float | bool]
    index: int
    """Position in the file's timeline (1-based), how the report names it."""


@dataclass(frozen=True, slots=True)
class Condition:
    name: str
    settings: Mapping[str, str | bool]

    @property
    def auto_relay(self) -> bool | None:
        """Its ``auto_relay`` setting; None when it sets none (the console's default: off)."""
        value = self.settings.get("auto_relay")
        return value if isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class LikertItem:
    text: str
    points: int
    """Points on the scale (5 or 7 usually); answers are 1..points."""


@dataclass(frozen=True, slots=True)
class Scenario:
    title: str
    source: Path
    meeting: MeetingConfig
    booth: str
    duration_s: float
    floor: tuple[FloorPart, ...]
    timeline: tuple[ScriptedEvent, ...]
    """Sorted by time."""
    conditions: tuple[Condition, ...]
    order: Order
    questions: tuple[LikertItem, ...] = ()
    screenshots_per_s: float = 1.0
    consent: str | None = None
    """The consent text shown before recording starts; None: the kit's standard one."""
    languages: frozenset[str] = field(default_factory=frozenset)


def answers(
    event: ScriptedEvent, meeting: MeetingConfig, booth_id: str, *, auto_relay: bool = False
) -> tuple[str, ...]:
    """The actions that answer ``event`` for booth ``booth_id``; empty when it is no task.

    A change of floor language is a task only for a booth that does not
    understand the new language (it must take relay); neither it nor a relay
    going off air is one with ``auto_relay`` on: the engine takes relay itself.
    """
    if event.kind.name in ("floor_language", "relay_off") and auto_relay:
        return ()
    if event.kind.name == "floor_language":
        booth = meeting.booth(booth_id)
        if booth is not None:
            spoken = {c.language for c in meeting.channels if c.id in booth.outputs}
            if event.values["language"] in {*booth.languages, *spoken}:
                return ()
    return event.kind.answered_by


class ScenarioError(ValueError):
    """The scenario cannot be run; :attr:`problems` lists every reason, one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


_TOP_KEYS: Final = ("study", "floor", "event", "condition", "question")
_STUDY_KEYS: Final = (
    "title",
    "meeting",
    "booth",
    "duration",
    "order",
    "screenshots_per_second",
    "consent",
)
_FLOOR_KEYS: Final = ("file", "language", "at", "transcript")


def load(path: str | Path) -> Scenario:
    """Read and check the scenario at ``path``; raise :class:`ScenarioError` listing problems."""
    source = Path(path)
    try:
        raw = read_regular(source, MAX_FILE_BYTES)
    except FileTooLarge:
        raise ScenarioError(
            [f"{source}: larger than {MAX_FILE_BYTES // 1024} KiB; is this really a scenario?"]
        ) from None
    except OSError as exc:
        raise ScenarioError([f"{source}: cannot read it ({exc.strerror or exc})"]) from None
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ScenarioError([f"{source}: not UTF-8 text; save it as UTF-8"]) from None
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        raise ScenarioError([f"{source}: not valid TOML: {exc}"]) from None
    return _Reader(source).scenario(document)


def presentation_order(conditions: int, participant: int, order: Order) -> tuple[int, ...]:
    """The condition indices participant ``participant`` (0-based) goes through, in order.

    ``balanced`` is a Williams design: across a group that is a multiple of
    ``conditions`` participants (twice that for an odd number of conditions),
    every condition comes at every position equally often and follows every
    other condition equally often, so order and carry-over effects cancel out.
    """
    if conditions < 1 or participant < 0:
        raise ValueError("need at least one condition and a participant number from 0")
    if order == "fixed" or conditions == 1:
        return tuple(range(conditions))
    first = [0]
    low, high = 1, conditions - 1
    while len(first) < conditions:
        first.append(low)
        low += 1
        if len(first) < conditions:
            first.append(high)
            high -= 1
    rows = [tuple((c + shift) % conditions for c in first) for shift in range(conditions)]
    if conditions % 2:
        rows += [tuple(reversed(row)) for row in rows]
    return rows[participant % len(rows)]


class _Reader:
    """Collects every problem of one document instead of stopping at the first."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.problems: list[str] = []

    def problem(self, where: str, text: str) -> None:
        self.problems.append(
            f"{self.source}: {where}: {text}" if where else f"{self.source}: {text}"
        )

    def scenario(self, document: dict[str, object]) -> Scenario:
        self.known(document, _TOP_KEYS, "")
        study = self.table(document, "study")
        self.known(study, _STUDY_KEYS, "study")
        title = self.text(study, "title", "study") or self.source.stem
        meeting = self.meeting(study)
        booth = self.text(study, "booth", "study", required=True, example='"fr"')
        duration = self.number(study, "duration", "study", low=1.0, high=MAX_DURATION_S)
        order = self.text(study, "order", "study", choices=("balanced", "fixed")) or "balanced"
        shots = self.number(study, "screenshots_per_second", "study", low=0.0, high=10.0)
        consent = self.text(study, "consent", "study")
        languages: frozenset[str] = frozenset()
        if meeting is not None:
            languages = frozenset(c.language for c in meeting.channels if c.language)
            if booth is not None and booth not in {b.id for b in meeting.booths}:
                self.unknown("study.booth", booth, [b.id for b in meeting.booths], "booth")
        floor = self.floor(document, languages)
        timeline = self.timeline(document, meeting, languages)
        conditions = self.conditions(document)
        questions = self.questions(document)
        if duration is None and "duration" not in study:
            self.problem("study.duration", "missing; add duration = 60.0 (seconds)")
        for event in timeline:
            if duration is not None and event.at >= duration:
                self.problem(
                    f"event {event.index}",
                    f"at {event.at:g} s is after the study's end ({duration:g} s)",
                )
        if self.problems:
            raise ScenarioError(self.problems)
        assert meeting is not None and booth is not None and duration is not None
        return Scenario(
            title=title,
            source=self.source,
            meeting=meeting,
            booth=booth,
            duration_s=duration,
            floor=floor,
            timeline=timeline,
            conditions=conditions,
            order="fixed" if order == "fixed" else "balanced",
            questions=questions,
            screenshots_per_s=1.0 if shots is None else shots,
            consent=consent,
            languages=languages,
        )

    def meeting(self, study: dict[str, object]) -> MeetingConfig | None:
        name = self.text(study, "meeting", "study", required=True, example='"meeting.toml"')
        if name is None:
            return None
        try:
            return load_meeting(self.source.parent / name)
        except MeetingFileError as exc:
            self.problem("study.meeting", f"the meeting file is not usable: {exc}")
            return None

    def floor(
        self, document: dict[str, object], languages: frozenset[str]
    ) -> tuple[FloorPart, ...]:
        parts: list[FloorPart] = []
        entries = self.tables(document, "floor")
        if not entries:
            self.problem("floor", 'missing; add a [[floor]] with file = "speech.ogg"')
        for number, entry in enumerate(entries, 1):
            where = f"floor {number}"
            self.known(entry, _FLOOR_KEYS, where)
            file = self.path(entry, "file", where, required=True)
            transcript = self.path(entry, "transcript", where)
            words = self.words(transcript, f"{where}.transcript") if transcript else ()
            language = self.text(entry, "language", where, required=True, example='"en"')
            if language is not None and languages and language not in languages:
                self.unknown(f"{where}.language", language, sorted(languages), "language")
            at = self.number(entry, "at", where, low=0.0, high=MAX_DURATION_S)
            if file is not None and language is not None:
                parts.append(FloorPart(file, language, at or 0.0, transcript, words))
        return tuple(sorted(parts, key=lambda part: part.at))

    def words(self, transcript: Path, where: str) -> tuple[Word, ...]:
        try:
            text = read_regular(transcript, MAX_TRANSCRIPT_BYTES).decode("utf-8")
        except FileTooLarge:
            self.problem(where, f"{transcript} is over {MAX_TRANSCRIPT_BYTES // 2**20} MiB")
            return ()
        except OSError as exc:
            self.problem(where, f"{transcript}: cannot read it ({exc.strerror or exc})")
            return ()
        except UnicodeDecodeError:
            self.problem(where, f"{transcript}: not UTF-8 text; save it as UTF-8")
            return ()
        words, problems = parse_words(text)
        for problem in problems:
            self.problem(where, f"{transcript.name} {problem}")
        if not words and not problems:
            self.problem(where, f"{transcript} holds no words")
        return tuple(words)

    def timeline(
        self, document: dict[str, object], meeting: MeetingConfig | None, languages: frozenset[str]
    ) -> tuple[ScriptedEvent, ...]:
        events: list[ScriptedEvent] = []
        channels = [c.id for c in meeting.channels] if meeting is not None else []
        for number, entry in enumerate(self.tables(document, "event"), 1):
            where = f"event {number}"
            name = self.text(entry, "kind", where, required=True, example='"handover_request"')
            at = self.number(entry, "at", where, low=0.0, high=MAX_DURATION_S)
            if "at" not in entry:
                self.problem(f"{where}.at", "missing; add at = 12.5 (seconds from the start)")
            if name is None:
                continue
            kind = EVENT_KINDS.get(name)
            if kind is None:
                self.unknown(f"{where}.kind", name, list(EVENT_KINDS), "kind of event")
                continue
            self.known(entry, ("at", "kind", *(f.name for f in kind.fields)), where)
            values = self.values(entry, kind.fields, where)
            if values.get("language") not in (None, *languages) and languages:
                self.unknown(
                    f"{where}.language", str(values["language"]), sorted(languages), "language"
                )
            if values.get("channel") not in (None, *channels) and channels:
                self.unknown(f"{where}.channel", str(values["channel"]), channels, "channel")
            if at is not None:
                events.append(ScriptedEvent(at, kind, values, number))
        return tuple(sorted(events, key=lambda event: (event.at, event.index)))

    def conditions(self, document: dict[str, object]) -> tuple[Condition, ...]:
        conditions: list[Condition] = []
        names: set[str] = set()
        for number, entry in enumerate(self.tables(document, "condition"), 1):
            where = f"condition {number}"
            self.known(entry, ("name", *CONDITION_SETTINGS), where)
            name = self.text(entry, "name", where, required=True, example='"A"')
            settings = self.values(entry, tuple(CONDITION_SETTINGS.values()), where)
            if name is None:
                continue
            if name in names:
                self.problem(f"{where}.name", f'"{name}" is already the name of another condition')
            names.add(name)
            conditions.append(
                Condition(name, {k: v for k, v in settings.items() if not isinstance(v, float)})
            )
        return tuple(conditions) or (Condition("main", {}),)

    def questions(self, document: dict[str, object]) -> tuple[LikertItem, ...]:
        items: list[LikertItem] = []
        for number, entry in enumerate(self.tables(document, "question"), 1):
            where = f"question {number}"
            self.known(entry, ("text", "points"), where)
            text = self.text(
                entry, "text", where, required=True, example='"The relay was easy to find."'
            )
            points = self.number(entry, "points", where, low=3, high=11)
            if points is not None and points != int(points):
                self.problem(f"{where}.points", "must be a whole number, such as 5 or 7")
            if text is not None:
                items.append(LikertItem(text, int(points or 7)))
        return tuple(items)

    # -- one value at a time --------------------------------------------------------------

    def values(
        self, entry: dict[str, object], specs: Sequence[FieldSpec], where: str
    ) -> dict[str, str | float | bool]:
        values: dict[str, str | float | bool] = {}
        for spec in specs:
            value: str | float | bool | None
            if spec.type == "text":
                value = self.text(
                    entry, spec.name, where, required=spec.required, choices=spec.choices
                )
            elif spec.type == "number":
                value = self.number(entry, spec.name, where, low=spec.low, high=spec.high)
                if value is None and spec.required and spec.name not in entry:
                    self.problem(
                        f"{where}.{spec.name}", f"missing; add {spec.name} = ({spec.meaning})"
                    )
            else:
                value = self.flag(entry, spec.name, where)
            if value is not None:
                values[spec.name] = value
        return values

    def text(
        self,
        table: dict[str, object],
        key: str,
        where: str,
        *,
        required: bool = False,
        example: str = '"..."',
        choices: tuple[str, ...] = (),
    ) -> str | None:
        path = _join(where, key)
        if key not in table:
            if required:
                self.problem(path, f"missing; add {key} = {example}")
            return None
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.problem(path, f"must be a non-empty string, not {value_kind(value)}")
            return None
        if choices and value not in choices:
            self.unknown(path, value, list(choices), "value")
            return None
        return value

    def number(
        self,
        table: dict[str, object],
        key: str,
        where: str,
        *,
        low: float | None = None,
        high: float | None = None,
    ) -> float | None:
        if key not in table:
            return None
        value = table[key]
        path = _join(where, key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.problem(path, f"must be a number, not {value_kind(value)}")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.problem(path, f"{value:g} is out of range: use {low:g} to {high:g}")
            return None
        return float(value)

    def flag(self, table: dict[str, object], key: str, where: str) -> bool | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, bool):
            self.problem(_join(where, key), f"must be true or false, not {value_kind(value)}")
            return None
        return value

    def path(
        self, table: dict[str, object], key: str, where: str, *, required: bool = False
    ) -> Path | None:
        name = self.text(table, key, where, required=required, example='"speech.ogg"')
        if name is None:
            return None
        path = self.source.parent / name
        if not path.is_file():
            self.problem(_join(where, key), f"{path} does not exist or is not a file")
            return None
        return path

    def table(self, document: dict[str, object], key: str) -> dict[str, object]:
        value = document.get(key)
        if value is None:
            self.problem(key, f"missing; add a [{key}] table")
            return {}
        if not isinstance(value, dict):
            self.problem(key, f"must be a table, not {value_kind(value)}; write [{key}] above it")
            return {}
        return value

    def tables(self, document: dict[str, object], key: str) -> list[dict[str, object]]:
        value = document.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(key, f"must be an array of tables; write [[{key}]] above each entry")
            return []
        return value

    def known(self, table: dict[str, object], allowed: Sequence[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                self.unknown(_join(where, key), key, list(allowed), "key", what="unknown key")

    def unknown(
        self, where: str, value: str, allowed: Sequence[str], noun: str, *, what: str = ""
    ) -> None:
        close = difflib.get_close_matches(value, allowed, n=1)
        guess = f'did you mean "{close[0]}"? ' if close else ""
        said = what or f'"{value}" is not a {noun} here'
        self.problem(where, f"{said}; {guess}(allowed: {', '.join(allowed)})")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key

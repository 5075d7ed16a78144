"""A study's session staged on a hub of its own: the floor, the helpers, the events, the records.

``rsi-study run`` runs each condition of a scenario as one :class:`Session`,
the same whoever sits in the booth: a hub serving the scenario's meeting; a
floor source playing the floor track (:mod:`.floortrack`) and saying its
language at each ``floor_language`` event; whoever else the timeline needs
(a booth partner to ask for the air when there is one participant, a
coordinator to write, a listener to ask for a slower pace, an interpreter on
each channel a ``relay_off`` event takes off air); the timeline's events
fired on the session's clock; and the session's records (``floor.wav``,
``events.jsonl``, ``session.json``). The participants are a :class:`Cast`:
scripted interpreters (:mod:`.rehearsal`) or a person at the console
(:mod:`.people`).

The session's one clock has its zero at the floor track's first sample; every
time in the folder is on it (:mod:`.sessionfolder` reads the folder).
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Final, Protocol
from urllib.parse import urlsplit

import soundfile

from audio.commands import Chat, FloorLanguage, Handover, Mic, Signal
from audio.format import SAMPLE_RATE
from channels import tokens
from channels.linkmodel import TcpPath
from channels.linkrelay import LinkRelay, RelayThread
from channels.meeting import MeetingConfig
from channels.protocol import Meeting
from programs.bot import Bot, BotConfig
from programs.demo import BotRunner, HubThread
from programs.study.floortrack import FLOOR_WORDS, floor_track, floor_words
from programs.study.scenario import Condition, Scenario, ScriptedEvent, answers, presentation_order
from resources import SPEECH

TICK_S: Final = 0.01
"""How often the session fires due events and scripted participants look around."""
IMPAIRMENTS: Final = ("impair", "outage")
"""Events on a participant's network path: staged on the relays of :meth:`Session.link`."""


class SessionError(RuntimeError):
    """The session cannot run; the message says why and what to change."""


class Declined(SessionError):
    """The participant did not consent: the session ended with nothing recorded."""


@dataclass
class Clock:
    """The session's clock: zero at the floor track's first sample (monotonic)."""

    zero: float | None = None

    def observe(self, floor: Bot) -> None:
        played = floor.port.stats().blocks_played
        if played:
            start = time.monotonic() - played * floor.port.frames / SAMPLE_RATE
            self.zero = start if self.zero is None else min(self.zero, start)

    def now(self) -> float | None:
        return None if self.zero is None else time.monotonic() - self.zero


class Cast(Protocol):
    """Who sits in the booth: what the staging needs of its participants."""

    seats: tuple[tuple[str, str], ...]
    """(pseudonym, meeting id) of each participant."""
    tail_s: float
    """How long the session goes on after the scenario's duration."""

    def enter(self, session: Session) -> None:
        """Join the meeting, each participant at :meth:`Session.link` (so that the timeline's
        impairments reach them); return once the floor may start (raise Declined)."""

    def begun(self, session: Session) -> None:
        """The floor's first sample has played: the clock's zero is known."""

    def present(self) -> bool:
        """Whether they are still there (a person may stop at any time)."""

    def perceive(self, action: str) -> None:
        """An event they hear (played on the floor, or a relay going silent)."""

    def asker(self, meeting: Meeting | None) -> Bot | None:
        """Which of them asks for the air at a handover request; None: the partner does."""

    def leave(self, session: Session, failed: bool) -> None:
        """The session is over (or ``failed``): let them finish; called before the hub stops."""

    def records(self, session: Session) -> dict[str, Any]:
        """Their part of ``session.json`` (``track_starts_s``, ``spl_at_full_scale``...);
        after :meth:`leave`, with the hub stopped."""


class Session:
    """One condition of the scenario, staged with ``cast`` into ``folder``."""

    def __init__(self, scenario: Scenario, condition: Condition, folder: Path, cast: Cast) -> None:
        booth = scenario.meeting.booth(scenario.booth)
        assert booth is not None  # the scenario was checked
        self.scenario = scenario
        self.condition = condition
        self.folder = folder
        self.cast = cast
        self.channel = booth.outputs[0]
        self.clock = Clock()
        self.fired: list[tuple[float, ScriptedEvent]] = []
        self.asked: dict[int, str | None] = {}
        """Who a handover request went to (the participant on air then), per event."""
        self.floor_bot: Bot | None = None
        self.transcribed: list[tuple[float, float]] = []
        """Where the floor has a transcript (in ``floor_words.tsv``), on the session's clock."""
        self._runners: list[BotRunner] = []
        self._hub = HubThread(scenario.meeting, "127.0.0.1", 0)
        self._links = RelayThread()
        self._paths: list[LinkRelay] = []
        for pseudonym, _ in cast.seats:
            self.place(pseudonym)

    def place(self, name: str) -> Path:
        """The participant ``name``'s folder (made)."""
        place = self.folder / name
        place.mkdir(parents=True, exist_ok=True)
        return place

    @property
    def meeting(self) -> MeetingConfig:
        return self.scenario.meeting

    @property
    def url(self) -> str:
        return self._hub.url

    def link(self, seed: int) -> str:
        """The hub's address through a network path of its own (:mod:`channels.linkrelay`),
        seeded with ``seed``, for one participant: the timeline's impairments act on it."""
        port = urlsplit(self.url).port
        assert port is not None
        self._paths.append(self._links.open(port, seed=seed))
        return self._paths[-1].url

    def run(self) -> bool:
        """Stage the session in real time; leaves the folder. Declined: the folder is removed.

        False when the participants left before the end (a person closed the console):
        what was recorded until then is kept, and the study should go no further."""
        floor = self.folder / "floor.wav"
        soundfile.write(floor, floor_track(self.scenario), SAMPLE_RATE, subtype="FLOAT")
        words, self.transcribed = floor_words(self.scenario)
        if self.transcribed:
            (self.folder / FLOOR_WORDS).write_text(
                "".join(f"{a:.3f}\t{b:.3f}\t{word}\n" for a, b, word in words), encoding="utf-8"
            )
        self._hub.start()
        self._links.start()
        try:
            helpers = self._start_helpers()
            self.cast.enter(self)
            self.floor_bot = self.start(
                BotConfig(self.url, self.token("chair", "Floor", "floor"), play=floor),
                self.clock.observe,
            )
            self.floor_bot.engine.submit(FloorLanguage(self.scenario.floor[0].language))
            complete = self._stage(self.floor_bot, helpers)
        except Declined:
            self._stop(failed=False)
            shutil.rmtree(self.folder)
            raise
        except BaseException:
            self._stop(failed=True)
            raise
        self._stop(failed=False)
        self._write_records()
        return complete

    def _stop(self, *, failed: bool) -> None:
        try:
            self.cast.leave(self, failed)
        finally:
            for runner in reversed(self._runners):
                runner.stop()
            self._runners.clear()
            self._links.stop()
            self._hub.stop()

    def _stage(self, floor_bot: Bot, helpers: dict[str, Bot]) -> bool:
        pending = list(self.scenario.timeline)
        end = self.scenario.duration_s + self.cast.tail_s
        begun = False
        while self.cast.present():
            now = self.clock.now()
            if now is not None:
                if not begun:
                    begun = True
                    self.cast.begun(self)
                if now >= end:
                    return True
                while pending and pending[0].at <= now:
                    event = pending.pop(0)
                    if event.kind.name in IMPAIRMENTS and not self.condition.settings.get(
                        "impairment", True
                    ):
                        continue
                    self.fired.append((now, event))
                    self._fire(event, floor_bot, helpers)
            time.sleep(TICK_S)
        return False

    def _fire(self, event: ScriptedEvent, floor_bot: Bot, helpers: dict[str, Bot]) -> None:
        name, values = event.kind.name, event.values
        if name == "floor_language":
            floor_bot.engine.submit(FloorLanguage(str(values["language"])))
        elif name == "relay_off":
            helpers[f"relay:{values['channel']}"].engine.submit(Mic(False))
            if self.answers(event):  # with auto-relay on, the engine answers it
                self.cast.perceive("relay_set")
        elif name == "message":
            helpers["coordinator"].engine.submit(
                Chat(f"booth:{self.scenario.booth}", str(values["text"]))
            )
        elif name == "slow_down":
            helpers["listener"].engine.submit(Signal("slow_down"))
        elif name in IMPAIRMENTS:
            seconds = float(values["seconds"])
            for link in self._paths:
                if name == "outage":
                    self._links.call(partial(link.outage, seconds))
                else:
                    impaired = TcpPath(
                        one_way_ms=float(values.get("delay_ms", 0.0)),
                        jitter_ms=float(values.get("jitter_ms", 0.0)),
                        loss=float(values.get("loss", 0.0)),
                        recovery="fast",
                    )
                    self._links.call(partial(link.impair, impaired, seconds))
        elif name == "handover_request":
            asker = self.cast.asker(floor_bot.meeting) or helpers["partner"]
            asker.engine.submit(Handover("request"))
            self.asked[event.index] = self._on_air(floor_bot.meeting)
        elif event.kind.answered_by:  # degrade, howl, burst: in the floor track; heard
            self.cast.perceive(event.kind.answered_by[0])

    def _on_air(self, meeting: Meeting | None) -> str | None:
        """The participant on air, as the floor's view of the meeting has it."""
        if meeting is None:
            return None
        return next((name for name, sub in self.cast.seats if meeting.air_of(sub)), None)

    def _start_helpers(self) -> dict[str, Bot]:
        kinds = {event.kind.name for event in self.scenario.timeline}
        helpers: dict[str, Bot] = {}
        if "handover_request" in kinds and len(self.cast.seats) == 1:
            sub = f"{self.scenario.booth}-partner"
            helpers["partner"] = self.start(
                BotConfig(
                    self.url,
                    self.token(sub, "Partner", "interpreter", self.scenario.booth),
                    listen=("floor",),
                    mic=self.channel,
                    take_air=False,
                )
            )
        if "message" in kinds:
            helpers["coordinator"] = self.start(
                BotConfig(self.url, self.token("coord", "Coordinator", "coordinator"))
            )
        if "slow_down" in kinds:
            helpers["listener"] = self.start(
                BotConfig(
                    self.url, self.token("listener", "Listener", "listener"), listen=("floor",)
                )
            )
        for event in self.scenario.timeline:
            if event.kind.name == "relay_off":
                channel = str(event.values["channel"])
                helpers.setdefault(f"relay:{channel}", self._relay_bot(channel))
        return helpers

    def _relay_bot(self, channel: str) -> Bot:
        booth = next((b for b in self.meeting.booths if channel in b.outputs), None)
        if booth is None:
            raise SessionError(f"no booth of the meeting speaks on channel {channel!r}")
        language = next((c.language for c in self.meeting.channels if c.id == channel), None)
        speech = SPEECH / f"{language}.ogg"
        return self.start(
            BotConfig(
                self.url,
                self.token(f"{booth.id}-relay", f"{channel} relay", "interpreter", booth.id),
                listen=("floor",),
                play=speech if speech.exists() else None,
                mic=channel,
                loop=True,
            )
        )

    def answers(self, event: ScriptedEvent) -> tuple[str, ...]:
        """The participants' actions that answer ``event`` in this condition (none: no task)."""
        return answers(
            event, self.meeting, self.scenario.booth, auto_relay=self.condition.auto_relay is True
        )

    def token(self, sub: str, name: str, role: str, booth: str | None = None) -> str:
        """A token for the session's meeting."""
        return tokens.issue(self.meeting, sub=sub, name=name, role=role, booth=booth)

    def start(
        self, config: BotConfig, hook: Callable[[Bot], None] | None = None, **kwargs: Any
    ) -> Bot:
        """Start a bot in the session (stopped with it), ``hook`` called on its thread."""
        bot = Bot(config, **kwargs)
        bot.start()
        self._runners.append(BotRunner(bot, hook, slice_s=TICK_S))
        return bot

    def _write_records(self) -> None:
        """``session.json``, ``events.jsonl`` (the cast writes its own)."""
        about = {
            "scenario": self.scenario.title,
            "condition": self.condition.name,
            "settings": dict(self.condition.settings),
            "booth": self.scenario.booth,
            "participants": [name for name, _ in self.cast.seats],
            "duration_s": self.scenario.duration_s,
            **self.cast.records(self),
        }
        if self.transcribed:
            about["transcribed_s"] = [[round(a, 3), round(b, 3)] for a, b in self.transcribed]
        (self.folder / "session.json").write_text(json.dumps(about, indent=1), encoding="utf-8")
        with (self.folder / "events.jsonl").open("w", encoding="utf-8") as out:
            for at, event in self.fired:
                record: dict[str, object] = {
                    "session_s": round(at, 3),
                    "scheduled_s": event.at,
                    "index": event.index,
                    "kind": event.kind.name,
                    **event.values,
                }
                record["answered_by"] = list(self.answers(event))
                if event.index in self.asked:
                    record["asked"] = self.asked[event.index]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run(
    scenario: Scenario,
    out: Path,
    cast: Callable[[Condition, Path], Cast],
    readme: str,
    *,
    group: int = 0,
) -> list[Path]:
    """Run every condition in group ``group``'s order, each with a new ``cast(condition,
    folder)``; return the sessions' folders. ``readme`` (formatted with ``scenario``) is
    DIR/README.txt. A session its participants left before the end is the last one run.
    The cast connects each participant through :meth:`Session.link`, so that the
    timeline's impairments reach them."""
    order = presentation_order(len(scenario.conditions), group, scenario.order)
    (out / "README.txt").write_text(readme.format(scenario=scenario.source), encoding="utf-8")
    folders = []
    for position, index in enumerate(order, 1):
        condition = scenario.conditions[index]
        folder = out / f"{position}-{_slug(condition.name)}"
        complete = Session(scenario, condition, folder, cast(condition, folder)).run()
        folders.append(folder)
        if not complete:
            break
    return folders


FOLDER_LAYOUT: Final = """\
One folder per session (condition), numbered in the order they ran:
  floor.wav        what the floor source played (the reference), 48 kHz
  events.jsonl     the scripted events as they happened (session_s: the session's clock,
                   zero at floor.wav's first sample; scheduled_s: the scenario's time)
  floor_words.tsv  the floor's transcribed words (start, end, word) on that clock, when the
                   scenario gives transcripts (session.json's transcribed_s: where)
  P1/, P2/ ...     one folder per participant, under a pseudonym:
    heard.wav      what reached their headset (stereo)
    mic.wav        what they said (mono), sample-aligned with heard.wav
    actions.jsonl  their actions, as the console's --event-log writes them, with session_s
    air.jsonl      when they had the air
    figures.jsonl  their link's and hearing protection's figures, once a second
    measures.json  rsi-study's measures (written by run, again by report)
  session.json     the condition, the participants, where their tracks start on the clock
"""
"""What every session folder holds (README.txt), whoever took part."""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "condition"

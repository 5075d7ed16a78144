"""A study rehearsed with scripted participants: the whole chain, no humans.

``rsi-study run SCENARIO --out DIR --participants N`` runs each condition of
the scenario (in the counterbalanced order of group ``--group``) as one
session on a hub of its own, with:

* a floor source playing the floor track (:mod:`.floortrack`) and saying its
  language at each ``floor_language`` event;
* N scripted interpreters in the scenario's booth, the first on air, each
  "interpreting" by saying what it hears ``evs_s`` later
  (:class:`~programs.study.echoport.EchoPort`) and answering each event it
  perceives ``answer_s`` after perceiving it, by the action a person would
  take (accepting a handover is carried out on the meeting; the others are
  written to its action log as the console would write them);
* whoever else the timeline needs: a booth partner to ask for the air when
  there is only one participant, a coordinator to write, a listener to ask
  for a slower pace, an interpreter on each channel a ``relay_off`` event
  takes off air.

Each session's folder holds the floor track, per participant ``heard.wav``
and ``mic.wav`` (time-aligned: the same clock tick writes both), the action
log, and the events as they happened; all on one clock, the session's, whose
zero is the floor track's first sample (:mod:`.sessionfolder` turns a
participant's folder into the study's measures). A scripted participant
measures as it was scripted (ear-voice span and reaction times within 50 ms): that is how the
kit's own tests check the chain.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import soundfile

from audio.commands import (
    Chat,
    ChatReceived,
    Event,
    FloorLanguage,
    Handover,
    MeetingChanged,
    Mic,
    Signal,
)
from audio.format import SAMPLE_RATE
from channels import tokens
from channels.linkmodel import TcpPath
from channels.linkrelay import LinkRelay, RelayThread
from channels.meeting import MeetingConfig
from console.shell.actions import EventLog
from programs.bot import BOT_SPL_AT_FULL_SCALE, Bot, BotConfig
from programs.demo import BotRunner, HubThread
from programs.study.echoport import EchoPort
from programs.study.floortrack import floor_track
from programs.study.scenario import (
    Condition,
    Scenario,
    ScriptedEvent,
    answers,
    presentation_order,
)
from resources import SPEECH

TICK_S: Final = 0.01
"""How often the session fires due events and scripted participants look around."""
IMPAIRMENTS: Final = ("impair", "outage")
"""Events on a participant's network path (skipped where a condition sets impairment = false)."""


@dataclass(frozen=True, slots=True)
class Script:
    """How the scripted participants behave."""

    evs_s: float = 2.0
    """Their ear-voice span: they say what they hear this much later."""
    answer_s: float = 1.0
    """They answer an event this long after perceiving it."""


class RehearsalError(RuntimeError):
    """The rehearsal cannot run; the message says why and what to change."""


@dataclass
class _Clock:
    """The session's clock: zero at the floor track's first sample."""

    zero: float | None = None

    def observe(self, floor: Bot) -> None:
        played = floor.port.stats().blocks_played
        if played:
            start = time.monotonic() - played * floor.port.frames / SAMPLE_RATE
            self.zero = start if self.zero is None else min(self.zero, start)

    def now(self) -> float | None:
        return None if self.zero is None else time.monotonic() - self.zero


@dataclass
class _Participant:
    """One scripted interpreter: perceives events on its bot's thread, answers them later."""

    pseudonym: str
    sub: str
    booth: str
    clock: _Clock
    script: Script
    log: EventLog
    bot: Bot | None = None
    due: list[tuple[float, str, Callable[[], None] | None, float]] = field(default_factory=list)
    """(when to answer, the action, what carries it out, when it was perceived)."""
    relay_needed: frozenset[str] = frozenset()
    """Floor languages this booth does not understand: it takes relay when they come."""
    seen_handover: tuple[str, str, float] | None = None
    floor_language: str | None = None
    port: EchoPort | None = None
    track_zero: float | None = None
    """When its tracks' first sample was (monotonic)."""
    air: list[tuple[float, bool]] = field(default_factory=list)
    """When the air came and went, on the session's clock (0.0: before the session began)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def perceive(self, action: str, carry_out: Callable[[], None] | None = None) -> None:
        """Answer with ``action`` ``answer_s`` from now (any thread)."""
        now = self.clock.now()
        if now is not None:
            with self.lock:
                self.due.append((now + self.script.answer_s, action, carry_out, now))

    def observe(self, event: Event) -> None:
        if isinstance(event, ChatReceived):
            self.perceive("messages_read")
        elif isinstance(event, MeetingChanged):
            on_air = event.meeting.air_of(self.sub) is not None
            if on_air != (bool(self.air) and self.air[-1][1]):
                self.air.append((max(0.0, self.clock.now() or 0.0), on_air))
                if self.port is not None:
                    self.port.speaking = on_air  # a scripted interpreter speaks on air only
            language = event.meeting.floor_language
            if language != self.floor_language:
                if self.floor_language is not None and language in self.relay_needed:
                    self.perceive("source_relay")
                self.floor_language = language
            booth = event.meeting.booth(self.booth)
            pending = booth.handover if booth is not None else None
            if pending is not None and pending.to == self.sub and pending.action == "request":
                key = (pending.sender, pending.action, pending.since)
                if key != self.seen_handover:
                    self.seen_handover = key
                    self.perceive("handover_accept", self._accept)

    def hook(self, bot: Bot) -> None:
        ticks = bot.port.stats().ticks
        if ticks:
            start = time.monotonic() - ticks * bot.port.frames / SAMPLE_RATE
            self.track_zero = start if self.track_zero is None else min(self.track_zero, start)
        now = self.clock.now()
        if now is None:
            return
        with self.lock:
            ready = [d for d in self.due if d[0] <= now]
            self.due = [d for d in self.due if d[0] > now]
        for _, action, carry_out, perceived in ready:
            self.log.write(
                action=action,
                source="script",
                session_s=round(now, 3),
                perceived_s=round(perceived, 3),
            )
            if carry_out is not None:
                carry_out()

    def _accept(self) -> None:
        if self.bot is not None:
            self.bot.engine.submit(Handover("accept"))


class Session:
    """One condition of the scenario, run with scripted participants into ``folder``."""

    def __init__(
        self,
        scenario: Scenario,
        condition: Condition,
        folder: Path,
        participants: int,
        script: Script,
    ) -> None:
        self.scenario = scenario
        booth = scenario.meeting.booth(scenario.booth)
        assert booth is not None  # the scenario was checked
        self.condition = condition
        self.folder = folder
        self.script = script
        self.channel = booth.outputs[0]
        self.clock = _Clock()
        self.fired: list[tuple[float, ScriptedEvent]] = []
        self.asked: dict[int, str | None] = {}
        """Who a handover request went to (the participant on air then), per event."""
        self._people = [
            _Participant(
                f"P{n}",
                f"{scenario.booth}-{n}",
                scenario.booth,
                self.clock,
                script,
                EventLog(self._place(f"P{n}") / "actions.jsonl"),
                relay_needed=frozenset(
                    str(e.values["language"])
                    for e in scenario.timeline
                    if e.kind.name == "floor_language" and answers(e, self.meeting, scenario.booth)
                ),
            )
            for n in range(1, participants + 1)
        ]
        self._runners: list[BotRunner] = []
        self._hub = HubThread(scenario.meeting, "127.0.0.1", 0)
        self._links = RelayThread()
        """Each participant's network path to the hub (:mod:`channels.linkrelay`)."""
        self._paths: dict[str, LinkRelay] = {}

    def _place(self, name: str) -> Path:
        place = self.folder / name
        place.mkdir(parents=True, exist_ok=True)
        return place

    @property
    def meeting(self) -> MeetingConfig:
        return self.scenario.meeting

    def run(self) -> None:
        """Stage the session in real time (its ``duration``); leaves the tracks and logs."""
        floor = self.folder / "floor.wav"
        soundfile.write(floor, floor_track(self.scenario), SAMPLE_RATE, subtype="FLOAT")
        self._hub.start()
        self._links.start()
        try:
            helpers = self._start_helpers()
            hub_port = urlsplit(self._hub.url).port
            assert hub_port is not None
            for n, person in enumerate(self._people):
                path = self._paths[person.pseudonym] = self._links.open(hub_port, seed=n)
                person.port = EchoPort(
                    self.folder / person.pseudonym / "heard.wav",
                    self.folder / person.pseudonym / "mic.wav",
                    self.script.evs_s,
                )
                person.bot = self._start(
                    BotConfig(
                        path.url,
                        self._token(person.sub, person.pseudonym, "interpreter", person.booth),
                        listen=("floor",),
                        mic=self.channel,
                        take_air=n == 0,
                    ),
                    person.hook,
                    port=person.port,
                )
                person.bot.observers.append(person.observe)
            floor_bot = self._start(
                BotConfig(self._hub.url, self._token("chair", "Floor", "floor"), play=floor),
                self.clock.observe,
            )
            floor_bot.engine.submit(FloorLanguage(self.scenario.floor[0].language))
            self._stage(floor_bot, helpers)
        finally:
            for runner in reversed(self._runners):
                runner.stop()
            self._links.stop()
            self._hub.stop()
            for person in self._people:
                person.log.close()
        self._write_records()

    def _stage(self, floor_bot: Bot, helpers: dict[str, Bot]) -> None:
        pending = list(self.scenario.timeline)
        end = self.scenario.duration_s + self.script.evs_s + self.script.answer_s
        while True:
            now = self.clock.now()
            if now is not None:
                if now >= end:
                    return
                while pending and pending[0].at <= now:
                    event = pending.pop(0)
                    if event.kind.name in IMPAIRMENTS and not self.condition.settings.get(
                        "impairment", True
                    ):
                        continue
                    self.fired.append((now, event))
                    self._fire(event, floor_bot, helpers)
            time.sleep(TICK_S)

    def _fire(self, event: ScriptedEvent, floor_bot: Bot, helpers: dict[str, Bot]) -> None:
        name, values = event.kind.name, event.values
        if name == "floor_language":
            floor_bot.engine.submit(FloorLanguage(str(values["language"])))
        elif name == "relay_off":
            helpers[f"relay:{values['channel']}"].engine.submit(Mic(False))
            for person in self._people:
                person.perceive("relay_set")
        elif name == "message":
            helpers["coordinator"].engine.submit(
                Chat(f"booth:{self.scenario.booth}", str(values["text"]))
            )
        elif name == "slow_down":
            helpers["listener"].engine.submit(Signal("slow_down"))
        elif name in IMPAIRMENTS:
            seconds = float(values["seconds"])
            for link in self._paths.values():
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
            self._off_air_bot(helpers).engine.submit(Handover("request"))
            self.asked[event.index] = self._on_air_pseudonym()
        elif event.kind.answered_by:  # degrade, howl, burst: in the floor track; heard
            for person in self._people:
                person.perceive(event.kind.answered_by[0])

    def _on_air_pseudonym(self) -> str | None:
        for person in self._people:
            bot = person.bot
            if bot is not None and bot.meeting is not None and bot.meeting.air_of(person.sub):
                return person.pseudonym
        return None

    def _off_air_bot(self, helpers: dict[str, Bot]) -> Bot:
        """Who asks for the air: the booth's member who does not have it."""
        for person in self._people:
            bot = person.bot
            if (
                bot is not None
                and bot.meeting is not None
                and bot.meeting.air_of(person.sub) is None
            ):
                return bot
        return helpers["partner"]

    def _start_helpers(self) -> dict[str, Bot]:
        kinds = {event.kind.name for event in self.scenario.timeline}
        helpers: dict[str, Bot] = {}
        url = self._hub.url
        if "handover_request" in kinds and len(self._people) == 1:
            sub = f"{self.scenario.booth}-partner"
            helpers["partner"] = self._start(
                BotConfig(
                    url,
                    self._token(sub, "Partner", "interpreter", self.scenario.booth),
                    listen=("floor",),
                    mic=self.channel,
                    take_air=False,
                )
            )
        if "message" in kinds:
            helpers["coordinator"] = self._start(
                BotConfig(url, self._token("coord", "Coordinator", "coordinator"))
            )
        if "slow_down" in kinds:
            helpers["listener"] = self._start(
                BotConfig(url, self._token("listener", "Listener", "listener"), listen=("floor",))
            )
        for event in self.scenario.timeline:
            if event.kind.name == "relay_off":
                channel = str(event.values["channel"])
                helpers.setdefault(f"relay:{channel}", self._relay_bot(channel))
        return helpers

    def _relay_bot(self, channel: str) -> Bot:
        booth = next((b for b in self.meeting.booths if channel in b.outputs), None)
        if booth is None:
            raise RehearsalError(f"no booth of the meeting speaks on channel {channel!r}")
        language = next((c.language for c in self.meeting.channels if c.id == channel), None)
        speech = SPEECH / f"{language}.ogg"
        return self._start(
            BotConfig(
                self._hub.url,
                self._token(f"{booth.id}-relay", f"{channel} relay", "interpreter", booth.id),
                listen=("floor",),
                play=speech if speech.exists() else None,
                mic=channel,
                loop=True,
            )
        )

    def _token(self, sub: str, name: str, role: str, booth: str | None = None) -> str:
        return tokens.issue(self.meeting, sub=sub, name=name, role=role, booth=booth)

    def _start(
        self, config: BotConfig, hook: Callable[[Bot], None] | None = None, **kwargs: Any
    ) -> Bot:
        bot = Bot(config, **kwargs)
        bot.start()
        self._runners.append(BotRunner(bot, hook, slice_s=TICK_S))
        return bot

    def _write_records(self) -> None:
        """``session.json``, ``events.jsonl`` and each participant's ``air.jsonl``."""
        about = {
            "scenario": self.scenario.title,
            "condition": self.condition.name,
            "settings": dict(self.condition.settings),
            "booth": self.scenario.booth,
            "participants": [person.pseudonym for person in self._people],
            "track_starts_s": {
                person.pseudonym: round(person.track_zero - self.clock.zero, 4)
                for person in self._people
                if person.track_zero is not None and self.clock.zero is not None
            },
            "scripted": {"evs_s": self.script.evs_s, "answer_s": self.script.answer_s},
            "spl_at_full_scale": BOT_SPL_AT_FULL_SCALE,
            "duration_s": self.scenario.duration_s,
        }
        (self.folder / "session.json").write_text(json.dumps(about, indent=1), encoding="utf-8")
        for person in self._people:
            with (self.folder / person.pseudonym / "air.jsonl").open("w") as out:
                for at, on in person.air:
                    out.write(json.dumps({"session_s": round(at, 3), "on_air": on}) + "\n")
        with (self.folder / "events.jsonl").open("w", encoding="utf-8") as out:
            for at, event in self.fired:
                record: dict[str, object] = {
                    "session_s": round(at, 3),
                    "scheduled_s": event.at,
                    "index": event.index,
                    "kind": event.kind.name,
                    **event.values,
                }
                record["answered_by"] = list(answers(event, self.meeting, self.scenario.booth))
                if event.index in self.asked:
                    record["asked"] = self.asked[event.index]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run(
    scenario: Scenario, out: Path, participants: int, *, script: Script = Script(), group: int = 0
) -> list[Path]:
    """Rehearse every condition in group ``group``'s order; return the sessions' folders."""
    if not 1 <= participants <= 3:
        raise RehearsalError("a booth holds 1 to 3 interpreters: use --participants 1, 2 or 3")
    order = presentation_order(len(scenario.conditions), group, scenario.order)
    (out / "README.txt").write_text(_README.format(scenario=scenario.source), encoding="utf-8")
    folders = []
    for position, index in enumerate(order, 1):
        condition = scenario.conditions[index]
        folder = out / f"{position}-{_slug(condition.name)}"
        Session(scenario, condition, folder, participants, script).run()
        folders.append(folder)
    return folders


_README: Final = """\
A rehearsal of {scenario} by scripted participants (rsi-study run --participants):
no person was recorded. Nothing here was sent anywhere.

One folder per session (condition), numbered in the order they ran:
  floor.wav        what the floor source played (the reference), 48 kHz
  events.jsonl     the scripted events as they happened (session_s: the session's clock,
                   zero at floor.wav's first sample; scheduled_s: the scenario's time)
  P1/, P2/ ...     one folder per participant, under a pseudonym:
    heard.wav      what reached their headset (stereo)
    mic.wav        what they said (mono), sample-aligned with heard.wav
    actions.jsonl  their actions, as the console's --event-log writes them, with session_s
    air.jsonl      when they had the air
    measures.json  rsi-study's measures (written by run, again by report)
  session.json     the condition, the participants, where their tracks start on the clock
"""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "condition"

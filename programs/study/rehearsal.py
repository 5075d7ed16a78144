"""A study rehearsed with scripted participants: the whole chain, no humans.

``rsi-study run SCENARIO --out DIR --participants N`` runs each condition of
the scenario (in the counterbalanced order of group ``--group``) as one
session staged by :mod:`.staging` (a hub of its own, the floor, the helpers
the timeline needs, the events) with, in the booth:

* N scripted interpreters in the scenario's booth, the first on air, each
  "interpreting" by saying what it hears ``evs_s`` later
  (:class:`~programs.study.echoport.EchoPort`) and answering each event it
  perceives ``answer_s`` after perceiving it, by the action a person would
  take (accepting a handover is carried out on the meeting; the others are
  written to its action log as the console would write them); with the
  condition's ``auto_relay`` on, each listens through the engine's auto-relay
  (``rsi-bot --listen auto``), which answers a change of floor language by
  itself, so no relay is taken by hand; each reaches
  the hub through a network path of its own (:meth:`.staging.Session.link`),
  which the timeline's ``impair`` and ``outage`` events act on.

Each session's folder holds the floor track, per participant ``heard.wav``
and ``mic.wav`` (time-aligned: the same clock tick writes both), the action
log, the engine's figures once a second (``figures.jsonl``), and the events
as they happened; all on one clock, the session's, whose zero is the floor
track's first sample (:mod:`.sessionfolder` turns a participant's folder into
the study's measures). A scripted participant
measures as it was scripted (ear-voice span and reaction times within 50 ms): that is how the
kit's own tests check the chain.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from audio.commands import ChatReceived, Event, Handover, MeetingChanged
from audio.format import SAMPLE_RATE
from channels.meeting import FLOOR
from channels.protocol import Meeting
from console.shell.actions import EventLog
from console.study.figures import FigureLog
from console.study.folder import ACTIONS, FIGURES
from programs.bot import AUTO, BOT_SPL_AT_FULL_SCALE, Bot, BotConfig
from programs.study import staging
from programs.study.echoport import EchoPort
from programs.study.scenario import Condition, Scenario, answers
from programs.study.staging import FOLDER_LAYOUT, Clock, Session, SessionError


@dataclass(frozen=True, slots=True)
class Script:
    """How the scripted participants behave."""

    evs_s: float = 2.0
    """Their ear-voice span: they say what they hear this much later."""
    answer_s: float = 1.0
    """They answer an event this long after perceiving it."""


@dataclass
class _Participant:
    """One scripted interpreter: perceives events on its bot's thread, answers them later."""

    pseudonym: str
    sub: str
    booth: str
    script: Script
    log: EventLog
    clock: Clock = field(default_factory=Clock)
    """The session's (given when it starts)."""
    bot: Bot | None = None
    due: list[tuple[float, str, Callable[[], None] | None, float]] = field(default_factory=list)
    """(when to answer, the action, what carries it out, when it was perceived)."""
    relay_needed: frozenset[str] = frozenset()
    """Floor languages this booth does not understand: it takes relay when they come."""
    seen_handover: tuple[str, str, float] | None = None
    floor_language: str | None = None
    port: EchoPort | None = None
    figures: FigureLog | None = None
    track_zero: float | None = None
    """When its tracks' first sample was (monotonic)."""
    air: list[tuple[float, bool]] = field(default_factory=list)
    """When the air came and went, on the session's clock (0.0: before the session began)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Held for ``due`` and for every write to ``log`` and ``figures`` (the bot's thread
    writes them until its runner stops, which may come after :meth:`close`)."""
    closed: bool = False

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
            if self.closed:
                return
            if self.figures is not None:
                self.figures.offer(bot.engine.latest_metrics, now)
            ready = [d for d in self.due if d[0] <= now]
            self.due = [d for d in self.due if d[0] > now]
            for due, action, _, perceived in ready:
                self.log.write(
                    action=action,
                    source="script",
                    session_s=round(now, 3),
                    perceived_s=round(perceived, 3),
                    due_s=round(due, 3),  # later than this: the machine kept the bot waiting
                )
        for _, _, carry_out, _ in ready:
            if carry_out is not None:
                carry_out()

    def close(self) -> None:
        """Close the logs; the bot's later slices write nothing (the session is over)."""
        with self.lock:
            self.closed = True
            self.log.close()
            if self.figures is not None:
                self.figures.close()

    def _accept(self) -> None:
        if self.bot is not None:
            self.bot.engine.submit(Handover("accept"))


class Scripted:
    """N scripted interpreters in the booth, the first on air: a :class:`~.staging.Cast`."""

    def __init__(
        self,
        scenario: Scenario,
        folder: Path,
        participants: int,
        script: Script,
        *,
        auto_relay: bool = False,
    ) -> None:
        self.script = script
        self.tail_s = script.evs_s + script.answer_s
        self.auto_relay = auto_relay
        relay_needed = frozenset(
            str(e.values["language"])
            for e in scenario.timeline
            if e.kind.name == "floor_language"
            and answers(e, scenario.meeting, scenario.booth, auto_relay=auto_relay)
        )
        self._people: list[_Participant] = []
        for n in range(1, participants + 1):
            (folder / f"P{n}").mkdir(parents=True, exist_ok=True)
            self._people.append(
                _Participant(
                    f"P{n}",
                    f"{scenario.booth}-{n}",
                    scenario.booth,
                    script,
                    EventLog(folder / f"P{n}" / ACTIONS),
                    relay_needed=relay_needed,
                    figures=FigureLog(folder / f"P{n}" / FIGURES),
                )
            )
        self.seats = tuple((person.pseudonym, person.sub) for person in self._people)

    def enter(self, session: Session) -> None:
        for n, person in enumerate(self._people):
            person.clock = session.clock
            person.port = EchoPort(
                session.folder / person.pseudonym / "heard.wav",
                session.folder / person.pseudonym / "mic.wav",
                self.script.evs_s,
            )
            person.bot = session.start(
                BotConfig(
                    session.link(seed=n),
                    session.token(person.sub, person.pseudonym, "interpreter", person.booth),
                    listen=(AUTO if self.auto_relay else FLOOR,),
                    mic=session.channel,
                    take_air=n == 0,
                ),
                person.hook,
                port=person.port,
            )
            person.bot.observers.append(person.observe)

    def begun(self, session: Session) -> None:
        """Scripted participants read the session's clock themselves."""

    def present(self) -> bool:
        return True

    def perceive(self, action: str) -> None:
        for person in self._people:
            person.perceive(action)

    def asker(self, meeting: Meeting | None) -> Bot | None:
        """The booth's member who does not have the air."""
        if meeting is None:
            return None
        return next(
            (p.bot for p in self._people if p.bot is not None and meeting.air_of(p.sub) is None),
            None,
        )

    def leave(self, session: Session, failed: bool) -> None:
        for person in self._people:
            person.close()

    def records(self, session: Session) -> dict[str, Any]:
        zero = session.clock.zero
        for person in self._people:
            with (session.folder / person.pseudonym / "air.jsonl").open("w") as out:
                for at, on in person.air:
                    out.write(json.dumps({"session_s": round(at, 3), "on_air": on}) + "\n")
        return {
            "track_starts_s": {
                person.pseudonym: round(person.track_zero - zero, 4)
                for person in self._people
                if person.track_zero is not None and zero is not None
            },
            "scripted": {"evs_s": self.script.evs_s, "answer_s": self.script.answer_s},
            "spl_at_full_scale": BOT_SPL_AT_FULL_SCALE,
        }


def run(
    scenario: Scenario, out: Path, participants: int, *, script: Script = Script(), group: int = 0
) -> list[Path]:
    """Rehearse every condition in group ``group``'s order; return the sessions' folders."""
    if not 1 <= participants <= 3:
        raise SessionError("a booth holds 1 to 3 interpreters: use --participants 1, 2 or 3")

    def cast(condition: Condition, folder: Path) -> Scripted:
        return Scripted(
            scenario, folder, participants, script, auto_relay=condition.auto_relay is True
        )

    return staging.run(scenario, out, cast, _README, group=group)


_README: Final = (
    """\
A rehearsal of {scenario} by scripted participants (rsi-study run --participants):
no person was recorded. Nothing here was sent anywhere.

"""
    + FOLDER_LAYOUT
)

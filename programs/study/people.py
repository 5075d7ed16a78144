"""A study with a person at the console: ``rsi-study run SCENARIO --out DIR`` (no --participants).

Each condition is a session staged as a rehearsal's is (:mod:`.staging`: the
hub, the floor, the helpers, the events), with one participant, ``P1``, at a
real console: ``rsi-console --study DIR/SESSION/P1 --url URL --token TOKEN``
(:mod:`console.study.session`), started by the runner, ``URL`` the hub's through a
network path of the participant's own (:meth:`.staging.Session.link`), which the
timeline's ``impair`` and ``outage`` events act on. The runner and the
console talk through files in the participant's folder (:mod:`console.study.folder`):

1. the runner writes the brief (``study.json``) and starts the console;
2. the console shows the consent dialog; agreeing starts its recording and
   writes ``consent.json``, and only then does the floor start; declining
   ends the session, and the runner removes its folder (nothing recorded);
3. once the floor's first sample has played, the runner writes
   ``clock.json``: the session's zero as a wall-clock time (``time.time()``,
   shared by every process of the machine), converted from the floor's
   monotonic clock; the console puts ``session_s`` on its log from it;
4. when the scenario's duration has passed the console stops recording and
   asks the questionnaires; the session ends when the console exits, and the
   runner reads ``tracks.json`` (when the console's tracks started) into
   ``session.json``.

A participant who closes the console during a session stops the study: that
session's folder keeps what was recorded until then, and no further session
runs.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, Protocol

from channels.protocol import Meeting
from console.study import folder as names
from console.study.folder import Brief, Question, read_json, write_json
from programs.bot import Bot
from programs.study import staging
from programs.study.scenario import Condition, Scenario
from programs.study.staging import FOLDER_LAYOUT, Declined, Session, SessionError

PSEUDONYM: Final = "P1"
CONSENT_POLL_S: Final = 0.1


class Console(Protocol):
    """A running console (a :class:`subprocess.Popen` does)."""

    def poll(self) -> int | None: ...

    def wait(self, timeout: float | None = None) -> int: ...

    def terminate(self) -> None: ...


Launch = Callable[[list[str]], Console]
"""Start a console with these arguments (those of rsi-console after the program's name)."""


def console_process(argv: list[str]) -> Console:
    """``rsi-console ARGV`` as a process of its own (this Python, this checkout)."""
    return subprocess.Popen([sys.executable, "-m", "programs.console", *argv])


class AtConsole:
    """One person at a console in the scenario's booth: a :class:`~.staging.Cast`."""

    tail_s = 0.0

    def __init__(
        self,
        scenario: Scenario,
        condition: Condition,
        folder: Path,
        launch: Launch,
        console_args: Sequence[str] = (),
    ) -> None:
        self.scenario = scenario
        self.condition = condition
        self.launch = launch
        self.console_args = tuple(console_args)
        self.sub = f"{scenario.booth}-1"
        self.seats: tuple[tuple[str, str], ...] = ((PSEUDONYM, self.sub),)
        self.place = folder / PSEUDONYM
        self.console: Console | None = None
        self.zero_t: float | None = None

    def enter(self, session: Session) -> None:
        brief = Brief(
            consent=self.scenario.consent,
            questions=tuple(Question(q.text, q.points) for q in self.scenario.questions),
            screenshots_per_s=self.scenario.screenshots_per_s,
            duration_s=self.scenario.duration_s,
            auto_relay=self.condition.auto_relay,
        )
        write_json(self.place / names.BRIEF, brief.to_json())
        token = session.token(self.sub, PSEUDONYM, "interpreter", self.scenario.booth)
        # Through a network path of its own, as a scripted participant's: the timeline's
        # impairments act on it.
        argv = ["--study", str(self.place), "--url", session.link(seed=1), "--token", token]
        theme = self.condition.settings.get("theme")
        if isinstance(theme, str):
            argv += ["--theme", theme]
        console = self.launch([*argv, *self.console_args])
        self.console = console
        while True:
            consent = read_json(self.place / names.CONSENT)
            if isinstance(consent, dict):
                if not consent.get("accepted"):
                    raise Declined("the participant declined: nothing was recorded")
                return
            if console.poll() is not None:
                raise Declined("the console closed before the participant consented")
            time.sleep(CONSENT_POLL_S)

    def begun(self, session: Session) -> None:
        zero = session.clock.zero
        assert zero is not None  # called once it is known
        self.zero_t = time.time() - (time.monotonic() - zero)
        write_json(self.place / names.CLOCK, {"zero_t": self.zero_t})

    def present(self) -> bool:
        return self.console is None or self.console.poll() is None

    def perceive(self, action: str) -> None:
        """A person perceives for themselves: their actions are in the console's log."""

    def asker(self, meeting: Meeting | None) -> Bot | None:
        return None  # the scripted partner asks them for the air

    def leave(self, session: Session, failed: bool) -> None:
        """Wait for the console to close (the questionnaires); a failed session closes it."""
        if self.console is None:
            return
        if failed:
            self.console.terminate()
        self.console.wait()

    def records(self, session: Session) -> dict[str, Any]:
        tracks = read_json(self.place / names.TRACKS)
        if not isinstance(tracks, dict) or tracks.get("start_t") is None or self.zero_t is None:
            raise SessionError(
                f"{self.place}: the console left no {names.TRACKS}; did it stop before the "
                "session began? Run the session again"
            )
        return {
            "track_starts_s": {PSEUDONYM: round(float(tracks["start_t"]) - self.zero_t, 4)},
            "spl_at_full_scale": tracks["spl_at_full_scale"],
            "at_console": PSEUDONYM,
        }


def run(
    scenario: Scenario,
    out: Path,
    *,
    launch: Launch = console_process,
    console_args: Sequence[str] = (),
    group: int = 0,
) -> list[Path]:
    """Run every condition in group ``group``'s order with a person at a console launched by
    ``launch``; return the sessions' folders. Declined: the participant did not consent."""

    def cast(condition: Condition, folder: Path) -> AtConsole:
        return AtConsole(scenario, condition, folder, launch, console_args)

    return staging.run(scenario, out, cast, _README, group=group)


_README: Final = (
    """\
A study of {scenario} with a participant at the console (rsi-study run), recorded with
their consent (given in the console before each session). Nothing here was sent anywhere.
Each participant's folder also holds consent.json (when they agreed), screens/ (pictures
of the console's window, NNNNN.png: tenths of a second on the session's clock) and
answers.json (their questionnaires, scored).

"""
    + FOLDER_LAYOUT
)

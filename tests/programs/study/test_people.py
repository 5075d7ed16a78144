"""A short study with a person at the console: the runner, the real console, the report.

The runner stages the session on a thread (as ``rsi-study run`` does); the
console is the real ``rsi-console --study`` (``programs.console.main``) on a
null port, run by the test's Qt thread, which plays the participant: it
agrees, takes the air, and answers the questionnaires.
"""

from __future__ import annotations

import csv
import json
import queue
import threading
import time
from pathlib import Path
from typing import Any

import soundfile
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.interpreter.window import ConsoleWindow
from console.study import folder as names
from console.study.consent import ConsentDialog
from console.study.folder import write_json
from console.study.questionnairedialog import QuestionnaireDialog
from programs import console
from programs.bot import Bot, BotConfig
from programs.demo import BotRunner
from programs.study import people
from programs.study.cli import main
from programs.study.scenario import load
from programs.study.staging import Session
from resources import MEETINGS, SPEECH
from tests.rig.consolekit import themed


class InProcess:
    """The console run by the test's main thread, seen by the runner as a process."""

    def __init__(self) -> None:
        self.code: int | None = None
        self.done = threading.Event()

    def poll(self) -> int | None:
        return self.code

    def wait(self, timeout: float | None = None) -> int:
        assert self.done.wait(60 if timeout is None else timeout), "the console did not close"
        assert self.code is not None
        return self.code

    def terminate(self) -> None:
        """The test's Qt thread ends the console (its guard timer)."""


class Participant:
    """Agrees, takes the air once the session has begun (its screenshots are being taken),
    answers the questions."""

    def __init__(self, qtbot: QtBot, place: Path) -> None:
        self.qtbot = qtbot
        self.place = place
        self.steps: list[str] = []
        self.auto_relay: bool | None = None
        """Whether the console had auto-relay on in the session."""

    def look(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, ConsentDialog)
                and widget.isVisible()
                and "consent" not in self.steps
            ):
                self.steps.append("consent")
                widget.agree.click()
            elif (
                isinstance(widget, ConsoleWindow)
                and "air" not in self.steps
                and any((self.place / names.SCREENS).glob("*.png"))  # the session has begun
                and widget.model.meeting is not None
            ):
                self.steps.append("air")
                self.auto_relay = widget.model.settings.auto
                widget.dispatcher.trigger("air", source="key")
            elif (
                isinstance(widget, QuestionnaireDialog)
                and widget.isVisible()
                and "answers" not in self.steps
            ):
                self.steps.append("answers")
                for answer in widget.all_answers():
                    self.qtbot.keyClicks(answer, "4" if answer in widget.sus else "5")
                widget.finish.click()


def test_a_session_with_a_person_at_the_console(qtbot: QtBot, tmp_path: Path) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text(
        f'[study]\nmeeting = "{MEETINGS / "demo.toml"}"\nbooth = "fr"\nduration = 2.0\n'
        "screenshots_per_second = 4\n"
        f'[[floor]]\nfile = "{SPEECH / "en.ogg"}"\nlanguage = "en"\n'
        '[[event]]\nat = 0.5\nkind = "message"\ntext = "Slower, please."\n'
        '[[question]]\ntext = "The console stayed out of my way."\npoints = 5\n'
        '[[condition]]\nname = "auto"\nauto_relay = true\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    launched: queue.Queue[list[str]] = queue.Queue()
    seat = InProcess()
    result: dict[str, Any] = {}

    def launch(argv: list[str]) -> InProcess:
        launched.put(argv)
        return seat

    def run() -> None:
        try:
            result["folders"] = people.run(load(scenario), out, launch=launch)
        except BaseException as exc:  # handed to the test's thread
            result["error"] = exc

    runner = threading.Thread(target=run, name="study runner")
    runner.start()
    argv = launched.get(timeout=20)
    place = Path(argv[argv.index("--study") + 1])
    participant = Participant(qtbot, place)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    driver, guard = QTimer(), QTimer()
    driver.timeout.connect(participant.look)
    driver.start(50)
    guard.setSingleShot(True)
    guard.timeout.connect(app.quit)
    guard.start(30_000)
    settings = tmp_path / "console.ini"
    with themed():
        seat.code = console.main([*argv, "--null-audio", "--settings", str(settings)])
    driver.stop()
    guard.stop()
    seat.done.set()
    runner.join(30)
    assert "error" not in result, result.get("error")
    assert participant.steps == ["consent", "air", "answers"]
    assert seat.code == 0

    [session] = result["folders"]
    assert json.loads((place / names.CONSENT).read_text())["accepted"] is True
    heard, rate = soundfile.read(place / names.HEARD)
    said, _ = soundfile.read(place / names.MIC)
    assert rate == 48000 and heard.shape[1] == 2 and said.ndim == 1
    assert len(heard) > 2.0 * rate  # from consent to the session's end
    assert len(heard) == len(said)  # the same ticks of the sound card
    assert abs(heard).max() > 0.01  # the floor reached the headset
    actions = [json.loads(line) for line in (place / names.ACTIONS).read_text().splitlines()]
    [air] = [a for a in actions if a.get("action") == "air"]
    # The condition's auto-relay, set through the console's action before the session began.
    [auto] = [a for a in actions if a.get("action") == "auto_relay"]
    assert (auto["source"], auto["value"], "session_s" in auto) == ("study", True, False)
    assert participant.auto_relay is True
    assert 0.0 <= air["session_s"] <= 2.0
    on_air = [json.loads(line) for line in (place / names.AIR).read_text().splitlines()]
    assert on_air[-1]["on_air"] is True and on_air[-1]["session_s"] >= air["session_s"]
    figures = [json.loads(line) for line in (place / names.FIGURES).read_text().splitlines()]
    assert 1 <= len(figures) <= 3 and 0 <= figures[0]["session_s"] < 1, figures
    assert {"rtt_ms", "buffer_ms", "concealed", "protection", "leq_spl", "inputs"} <= set(
        figures[0]
    )
    shots = sorted((place / names.SCREENS).glob("*.png"))
    assert len(shots) >= 4, shots
    answers = json.loads((place / names.ANSWERS).read_text())
    assert answers["scores"] == {"sus": 50.0, "tlx_raw": 5.0, "likert": [5]}
    info = json.loads((session / "session.json").read_text())
    assert info["participants"] == ["P1"] and info["track_starts_s"]["P1"] < 0
    assert "their consent" in (out / "README.txt").read_text()

    assert main(["report", str(out)]) == 0
    with (out / "summary.csv").open(encoding="utf-8") as table:
        [row] = list(csv.DictReader(table))
    assert (row["participant"], float(row["sus"]), float(row["tlx_raw"])) == ("P1", 50.0, 5.0)
    assert "SUS 50" in (out / "report.html").read_text(encoding="utf-8")


class EngineAtConsole:
    """In a console's place: the console's engine (a bot's) on the hub address and token
    the runner gave, agreeing at once and noting how long its link went unheard."""

    def __init__(self, place: Path, argv: list[str]) -> None:
        self.place = place
        self.url = argv[argv.index("--url") + 1]
        self.silent_s: list[float] = []
        bot = Bot(BotConfig(self.url, argv[argv.index("--token") + 1], listen=("floor",)))
        bot.start()
        self.runner = BotRunner(bot, self.look)
        write_json(place / names.CONSENT, {"accepted": True})
        self.start_t = time.time()

    def look(self, bot: Bot) -> None:
        metrics = bot.engine.latest_metrics
        if metrics is not None and metrics.link.silent_s is not None:
            self.silent_s.append(metrics.link.silent_s)

    def poll(self) -> int | None:
        return None

    def wait(self, timeout: float | None = None) -> int:
        self.runner.stop()
        write_json(self.place / names.TRACKS, {"start_t": self.start_t, "spl_at_full_scale": 80})
        return 0

    def terminate(self) -> None:
        """Stopped by :meth:`wait`."""


def test_a_person_s_network_path_is_impaired_as_a_scripted_one_s(tmp_path: Path) -> None:
    """The console reaches the hub through a relay of its own, which the timeline's
    ``outage`` holds: its engine hears nothing from the hub for that long."""
    path = tmp_path / "s.toml"
    path.write_text(
        f'[study]\nmeeting = "{MEETINGS / "demo.toml"}"\nbooth = "fr"\nduration = 2.5\n'
        f'[[floor]]\nfile = "{SPEECH / "en.ogg"}"\nlanguage = "en"\n'
        '[[event]]\nat = 0.5\nkind = "outage"\nseconds = 1.5\n'
        '[[condition]]\nname = "main"\n',
        encoding="utf-8",
    )
    scenario = load(path)
    [condition] = scenario.conditions
    seated: list[EngineAtConsole] = []
    hub: list[str] = []

    def launch(argv: list[str]) -> EngineAtConsole:
        hub.append(session.url)
        seated.append(EngineAtConsole(Path(argv[argv.index("--study") + 1]), argv))
        return seated[-1]

    folder = tmp_path / "out" / "1-main"
    session = Session(
        scenario, condition, folder, people.AtConsole(scenario, condition, folder, launch)
    )
    assert session.run()
    [seat] = seated
    assert hub and seat.url != hub[0]  # not the hub's own address: the participant's path
    assert [
        e["kind"] for e in map(json.loads, (folder / "events.jsonl").read_text().splitlines())
    ] == ["outage"]
    assert max(seat.silent_s, default=0.0) >= 1.0, seat.silent_s

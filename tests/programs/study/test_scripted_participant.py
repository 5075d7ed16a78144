"""A scripted interpreter's logs once the session is over (programs.study.rehearsal).

The session closes its participants' logs before it stops their bots' runners (a person's
console must close first); a bot's thread may still run one more slice and call the
participant's hook. It must write nothing then, and raise nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

from console.shell.actions import EventLog
from console.study.figures import FigureLog
from programs.bot import Bot, BotConfig
from programs.study.rehearsal import Script, _Participant
from programs.study.staging import Clock


def test_a_closed_participant_writes_nothing_more(tmp_path: Path) -> None:
    actions, figures = tmp_path / "actions.jsonl", tmp_path / "figures.csv"
    person = _Participant(
        "P1",
        "sub-1",
        "fr",
        Script(answer_s=0.0),
        EventLog(actions),
        clock=Clock(zero=time.monotonic()),
        figures=FigureLog(figures),
    )
    bot = Bot(BotConfig("ws://127.0.0.1:9/v1", "token", listen=("floor",)))  # never started

    person.perceive("messages_read")
    person.hook(bot)
    assert [line for line in actions.read_text().splitlines() if "messages_read" in line]

    person.perceive("messages_read")
    person.close()
    written = [p.read_bytes() if p.exists() else None for p in (actions, figures)]
    person.hook(bot)  # the bot's thread, one slice after the session closed the logs
    assert [p.read_bytes() if p.exists() else None for p in (actions, figures)] == written

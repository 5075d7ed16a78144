"""The headless demo meeting: the floor is heard, two booths are on air, the partner answers.

A :class:`programs.bot.Bot` plays the console user (an interpreter of the
``en`` booth): it takes the air on ``en``, listens to the floor and records
it, offers the air to the partner bot, which must take it, then asks for it
back, which the partner must give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile

from audio.commands import Handover, Meeting
from programs.bot import Bot, BotConfig
from programs.demo import DemoMeeting

WAIT_S = 10.0


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoMeeting]:
    with DemoMeeting(booth="en", partner_delay_s=1.0) as demo:
        yield demo


def run_until(bot: Bot, done: Callable[[Meeting], bool], what: str) -> None:
    """Run the bot in slices until its meeting snapshot satisfies ``done``."""
    for _ in range(int(WAIT_S / 0.1)):
        bot.run(0.1)
        if bot.meeting is not None and done(bot.meeting):
            return
    raise AssertionError(f"not within {WAIT_S} s: {what}")


def test_the_floor_is_heard_and_two_other_booths_are_on_air(
    demo: DemoMeeting, tmp_path: Path
) -> None:
    record = tmp_path / "floor.wav"
    config = BotConfig(demo.url, demo.token("listener"), listen=("floor",), record=record)
    with Bot(config) as bot:
        meeting = bot.meeting
        assert meeting is not None
        bot.run(2.0)
    on_air = {ch.id: ch.on_air for ch in meeting.channels if ch.on_air is not None}
    assert on_air.pop("floor") == "chair"
    assert on_air == {"fr": "fr-1", "es": "es-1"}
    assert meeting.floor_language == "en"
    audio, _ = soundfile.read(record, dtype="float64")
    assert 10 * np.log10(np.mean(audio**2)) > -40  # speech at about -22 dBFS RMS
    assert bot.figures is not None and bot.figures["packets_received"] > 100


def test_the_partner_takes_an_offer_and_gives_the_air_back_on_request(
    demo: DemoMeeting,
) -> None:
    me, partner = "en-1", demo.partner
    config = BotConfig(demo.url, demo.token("interpreter"), mic="en")
    with Bot(config) as bot:
        assert bot.air == "en"
        bot.engine.submit(Handover("offer"))
        run_until(bot, lambda m: m.air_of(partner) == "en", "the partner accepts the offer")
        bot.engine.submit(Handover("request"))
        run_until(bot, lambda m: m.air_of(me) == "en", "the partner gives the air back")
        run_until(
            bot,
            lambda m: (b := m.booth("en")) is not None and b.live == me and b.handover is None,
            "the booth shows the user live, nothing pending",
        )


def test_tokens_for_each_role(demo: DemoMeeting) -> None:
    assert demo.url.startswith("ws://127.0.0.1:")
    for role in ("interpreter", "coordinator", "listener"):
        assert demo.token(role)
    with pytest.raises(ValueError, match="no demo token for 'floor'"):
        demo.token("floor")
    with pytest.raises(ValueError, match="no booth 'xx'"):
        DemoMeeting(booth="xx")

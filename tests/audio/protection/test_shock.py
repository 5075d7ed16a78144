"""The acoustic shock detector (audio/protection/shock.py), fed quarter-block levels directly."""

from __future__ import annotations

import pytest

from audio.format import BLOCK
from audio.protection import Calibration, EventKind, ProtectionSettings
from audio.protection.calibration import SplScale
from audio.protection.events import EventRing
from audio.protection.shock import SUB_BLOCKS, ShockDetector

CAL = Calibration()
SILENCE = [0.0] * SUB_BLOCKS


def detector() -> tuple[ShockDetector, EventRing]:
    events = EventRing()
    return ShockDetector(ProtectionSettings(), BLOCK, SplScale(CAL), events), events


def quarters(*spl: float | None) -> list[float]:
    """Mean squares of the four quarters of a block (None: digital silence)."""
    return [0.0 if s is None else CAL.mean_square(s) for s in spl]


def test_a_jump_is_cut_to_80_db_spl_from_the_quarter_it_starts() -> None:
    shock, events = detector()
    assert not shock.update(SILENCE)
    assert shock.update(quarters(None, 100.0, 100.0, 100.0))
    assert shock.gains == [1.0, pytest.approx(0.1), pytest.approx(0.1), pytest.approx(0.1)]
    assert shock.reduction_db == pytest.approx(20.0)
    ((kind, _, value),) = events.poll()
    assert kind == EventKind.SHOCK and value == pytest.approx(100.0)


def test_a_burst_starting_late_in_a_quarter_is_sized_on_the_rest_of_the_block() -> None:
    """Its first quarter shows only 86 dB SPL of it; the cut is sized on the 100 after."""
    shock, events = detector()
    assert shock.update(quarters(None, 86.0, 100.0, 100.0))
    assert shock.reduction_db == pytest.approx(20.0)
    assert shock.gains[1] == pytest.approx(0.1)
    assert events.poll()[0].value == pytest.approx(86.0)


def test_holds_50_ms_then_releases_at_40_db_per_second() -> None:
    shock, events = detector()
    shock.update(quarters(None, 100.0, None, None))
    reductions = []
    for _ in range(10):
        shock.update(SILENCE)
        reductions.append(shock.reduction_db)
    assert reductions[:4] == [pytest.approx(20.0)] * 4  # 20 quarters of hold: to block 4, q1
    assert reductions[4] == pytest.approx(20.0 - 2 * 0.1)  # then 0.1 dB per 2.5 ms
    assert reductions[9] == pytest.approx(20.0 - 22 * 0.1)
    assert len(events.poll()) == 1


def test_a_ramp_is_no_shock() -> None:
    """Feedback growing 5 dB every 2.5 ms, 60 to 155 dB SPL: never 20 dB above the last 10 ms."""
    shock, events = detector()
    for block in range(5):
        base = 60.0 + 20.0 * block
        assert not shock.update(quarters(*(base + 5.0 * i for i in range(SUB_BLOCKS))))
    assert events.poll() == []


def test_quieter_than_85_db_spl_or_than_the_context_is_no_shock() -> None:
    shock, events = detector()
    assert not shock.update(quarters(None, 84.0, None, None))  # a jump, but not loud enough
    for _ in range(20):  # the listener has been hearing 90 dB SPL
        shock.update(SILENCE)
        shock.heard(CAL.mean_square(90.0))
    assert shock.context_spl == pytest.approx(90.0)
    assert not shock.update(quarters(None, 100.0, None, None))  # only 10 dB above it
    assert events.poll() == []
    for _ in range(100):  # 1 s of silence heard: the context decays 5 dB
        shock.update(SILENCE)
        shock.heard(0.0)
    assert shock.context_spl == pytest.approx(85.0)
    assert shock.update(quarters(None, 101.0, None, None))
    assert [e.kind for e in events.poll()] == [EventKind.SHOCK]


def test_a_click_train_is_one_event_per_click_once_the_hold_is_over() -> None:
    shock, events = detector()
    click = quarters(None, 100.0, None, None)
    shock.update(click)
    shock.update(SILENCE)
    shock.update(click)  # within the 50 ms hold: the same incident, cut again, no new event
    assert len(events.poll()) == 1
    for _ in range(10):
        shock.update(SILENCE)
    assert shock.update(click)  # the hold is over (still releasing): a new incident
    assert len(events.poll()) == 1

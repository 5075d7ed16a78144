"""The sustained limit (audio/protection/sustained.py), fed block levels directly."""

from __future__ import annotations

import pytest

from audio.format import BLOCK
from audio.protection import Calibration, EventKind, ProtectionSettings
from audio.protection.calibration import SplScale
from audio.protection.events import EventRing
from audio.protection.sustained import SustainedLimit

CAL = Calibration()


def limit() -> tuple[SustainedLimit, EventRing]:
    events = EventRing()
    return SustainedLimit(ProtectionSettings(), BLOCK, SplScale(CAL), events), events


def feed(sus: SustainedLimit, spl: float, blocks: int) -> None:
    for _ in range(blocks):
        sus.update(CAL.mean_square(spl), spl)


def test_engages_after_100_ms_above_and_aims_just_under_the_limit() -> None:
    sus, events = limit()
    feed(sus, 100.0, 9)
    assert not sus.active and sus.reduction_db == 0.0
    assert sus.level_spl == pytest.approx(99.54, abs=0.01)  # 9 of the 10 blocks of 100 ms
    feed(sus, 100.0, 1)
    assert sus.active
    assert sus.reduction_db == pytest.approx(100.0 - 94.0 + 0.5)  # the margin: under, not on
    ((kind, _, value),) = events.poll()
    assert kind == EventKind.SUSTAINED_START and value == pytest.approx(100.0)


def test_a_brief_dip_does_not_restart_the_count() -> None:
    sus, _ = limit()
    feed(sus, 100.0, 5)
    feed(sus, 60.0, 1)  # a syllable gap: the count goes down by one, not back to zero
    feed(sus, 100.0, 5)
    assert not sus.active
    feed(sus, 100.0, 1)
    assert sus.active


def test_holds_200_ms_then_releases_at_40_db_per_second() -> None:
    sus, events = limit()
    feed(sus, 100.0, 20)
    events.poll()
    reductions = []
    for _ in range(40):
        feed(sus, 60.0, 1)
        reductions.append(sus.reduction_db)
    assert reductions[:20] == [6.5] * 20  # held: no pumping in the gaps of loud speech
    assert reductions[20] == pytest.approx(6.1)  # then 0.4 dB per 10 ms block
    assert reductions[35] == pytest.approx(0.1)
    assert reductions[36] == 0.0 and not sus.active
    ((kind, _, value),) = events.poll()
    assert kind == EventKind.SUSTAINED_END and value == pytest.approx(60.0)


def test_under_the_limit_nothing_happens() -> None:
    sus, events = limit()
    feed(sus, 94.0, 100)  # on the limit is not above it
    assert not sus.active and sus.reduction_db == 0.0
    assert events.poll() == []

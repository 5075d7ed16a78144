"""The exposure meter and the back-off (audio/protection/exposure.py), fed output levels."""

from __future__ import annotations

import pytest

from audio.format import BLOCK, SAMPLE_RATE
from audio.protection import Calibration, EventKind, ExposurePolicy
from audio.protection.calibration import SplScale
from audio.protection.events import EventRing
from audio.protection.exposure import Backoff, ExposureMeter

CAL = Calibration()
BLOCKS_PER_S = SAMPLE_RATE // BLOCK


def meter(policy: ExposurePolicy | None = None) -> tuple[ExposureMeter, EventRing]:
    events = EventRing()
    return ExposureMeter(policy or ExposurePolicy(), BLOCK, SplScale(CAL), events), events


def backoff_after(policy: ExposurePolicy) -> tuple[Backoff, ExposureMeter, EventRing]:
    """A back-off reporting the Leq of its own meter."""
    m, events = meter(policy)
    return Backoff(policy, BLOCK, m, events), m, events


def warnings_at(m: ExposureMeter, spl: float, seconds: float, start_s: float = 0.0) -> list[float]:
    """Feed ``seconds`` of output at ``spl``; the times (s) at which the meter warned."""
    out = []
    for i in range(round(seconds * BLOCKS_PER_S)):
        if m.update(CAL.mean_square(spl)):
            out.append(start_s + (i + 1) / BLOCKS_PER_S)
    return out


def test_warns_when_the_1_minute_leq_passes_80_and_again_each_minute_above() -> None:
    m, events = meter()
    # 85 dB SPL after silence: 10 log10(t / 60) + 85 passes 80 at t = 19 s
    assert warnings_at(m, 85.0, 150.0) == [19.0, 79.0, 139.0]
    assert m.leq_spl == pytest.approx(85.0)
    assert [e.kind for e in events.poll()] == [EventKind.EXPOSURE_WARNING] * 3


def test_rearms_sooner_once_the_leq_has_dropped_3_db() -> None:
    m, _ = meter()
    assert warnings_at(m, 85.0, 20.0) == [19.0]
    # the loud seconds leave the window: at 72 s only 8 s of 85 dB SPL are left in it
    assert warnings_at(m, 40.0, 52.0, start_s=20.0) == []
    assert m.leq_spl < 80.0 - 3.0
    assert warnings_at(m, 100.0, 2.0, start_s=72.0) == [73.0]  # before 79 s, a window later


def test_a_quiet_minute_never_warns() -> None:
    m, events = meter()
    assert warnings_at(m, 79.0, 120.0) == []
    assert m.leq_spl == pytest.approx(79.0)
    assert events.poll() == []


def test_backoff_fades_in_deepens_to_its_maximum_and_ends_after_its_period() -> None:
    backoff, m, events = backoff_after(ExposurePolicy(backoff_s=10.0))
    backoff.engage()
    backoff.update()
    assert backoff.reduction_db == pytest.approx(0.03)  # 3 dB/s: a volume change, not a jump
    for _ in range(2 * BLOCKS_PER_S):
        backoff.update()
    assert backoff.reduction_db == 6.0
    backoff.engage()  # a further warning: deeper, and the period starts again
    backoff.engage()
    for _ in range(4 * BLOCKS_PER_S):
        backoff.update()
    assert backoff.reduction_db == 12.0  # max_backoff_db
    assert backoff.remaining_frames == 6 * SAMPLE_RATE
    assert events.poll() == []
    for _ in range(6 * BLOCKS_PER_S):
        backoff.update()
    ((kind, _, value),) = events.poll()
    assert kind == EventKind.BACKOFF_END and value == m.leq_spl
    assert backoff.remaining_frames == 0
    for _ in range(4 * BLOCKS_PER_S):
        backoff.update()
    assert backoff.reduction_db == 0.0


def test_backoff_zero_keeps_the_gain() -> None:
    backoff, _, _ = backoff_after(ExposurePolicy(backoff_db=0.0))
    backoff.engage()
    backoff.update()
    assert backoff.reduction_db == 0.0 and backoff.remaining_frames == 0

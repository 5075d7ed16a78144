"""The feedback howl detector (audio/protection/howl.py), fed blocks of tones and noise."""

from __future__ import annotations

import numpy as np
import pytest

from audio.format import BLOCK, SAMPLE_RATE
from audio.protection import Calibration, EventKind, ProtectionSettings
from audio.protection.events import EventRing
from audio.protection.howl import HowlDetector

CAL = Calibration()


def detector() -> tuple[HowlDetector, EventRing]:
    events = EventRing()
    return HowlDetector(ProtectionSettings(), BLOCK, events), events


def sine_blocks(freq: float, spl: float, blocks: int) -> np.ndarray:
    t = np.arange(blocks * BLOCK) / SAMPLE_RATE
    x = CAL.peak_amplitude(spl) * np.sin(2 * np.pi * freq * t)
    return x.astype(np.float32).reshape(blocks, BLOCK)


def noise_blocks(spl: float, blocks: int) -> np.ndarray:
    x = np.random.default_rng(1).standard_normal((blocks, BLOCK)) * CAL.peak_amplitude(spl)
    return x.astype(np.float32)


def first_howling_block(howl: HowlDetector, blocks: np.ndarray, spl: float) -> int | None:
    for i, block in enumerate(blocks):
        howl.update([block], spl)
        if howl.howling:
            return i
    return None


def test_a_loud_steady_tone_is_howl_after_50_ms_and_pulled_down_to_70_db_spl() -> None:
    howl, events = detector()
    assert first_howling_block(howl, sine_blocks(1000.0, 95.0, 20), 95.0) == 6
    assert howl.frequency_hz == pytest.approx(1000.0, abs=25.0)
    assert howl.reduction_db == pytest.approx(95.0 - 70.0)
    ((kind, _, value),) = events.poll()
    assert kind == EventKind.HOWL_START and value == howl.frequency_hz


def test_below_90_db_spl_it_takes_100_ms_and_at_least_20_db() -> None:
    howl, _ = detector()
    assert first_howling_block(howl, sine_blocks(2000.0, 85.0, 20), 85.0) == 11
    assert howl.reduction_db == 20.0  # 85 - 70 would be less than the minimum


def test_quiet_tones_and_loud_noise_are_no_howl() -> None:
    howl, events = detector()
    assert first_howling_block(howl, sine_blocks(1000.0, 75.0, 50), 75.0) is None
    assert first_howling_block(howl, noise_blocks(95.0, 50), 95.0) is None
    assert events.poll() == []


def test_ends_50_ms_after_the_tone_and_recovers_linearly_over_half_a_second() -> None:
    howl, events = detector()
    first_howling_block(howl, sine_blocks(1000.0, 95.0, 20), 95.0)
    events.poll()
    reductions = []
    for block in noise_blocks(95.0, 60):
        howl.update([block], 95.0)
        reductions.append(howl.reduction_db)
    ((kind, _, value),) = events.poll()
    assert kind == EventKind.HOWL_END and value == pytest.approx(1000.0, abs=25.0)
    end = next(i for i, r in enumerate(reductions) if r < 25.0)
    assert end <= 6  # the window clears, then 50 ms without a tonal block
    np.testing.assert_allclose(np.diff(reductions[end - 1 : end + 50]), -0.5)  # 25 dB / 50
    assert reductions[end + 49] == 0.0


def test_channels_are_summed() -> None:
    """A feedback loop goes through one microphone: the tone split over two ears is found."""
    howl, _ = detector()
    for block in sine_blocks(3000.0, 95.0, 10):
        howl.update([0.5 * block, 0.5 * block], 95.0)
    assert howl.howling and howl.frequency_hz == pytest.approx(3000.0, abs=25.0)

"""The headset check's calibration against the goals of issue 15, in virtual time.

The interpreter turns the reference voice (-23 LUFS, :func:`audio.selfcheck.reference_speech`)
to a comfortable level; the calibration assumes that level is 72 dB SPL. With it, a floor
of speech-like noise at -23 LUFS, played at the same chosen gain, must raise no exposure
warning in an hour, and the same floor 15 dB louder must raise one within a minute. The
floor is not the reference clip (the synthetic speech of ``test_chain``), so the test also
covers the difference between two kinds of speech at the same loudness.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

from audio.format import BLOCK, SAMPLE_RATE
from audio.loudness import LoudnessMeter
from audio.protection import (
    ASSUMED_COMFORTABLE_SPL,
    Calibration,
    EventKind,
    HearingProtection,
    Layer,
)
from audio.protection.calibration import SplScale
from audio.protection.events import EventRing
from audio.protection.exposure import ExposureMeter
from audio.protection.settings import ProtectionSettings
from audio.selfcheck import REFERENCE_GAIN_DB_RANGE, REFERENCE_LUFS, reference_speech
from tests.audio.protection.test_chain import run, speech_like

CHOSEN_GAINS_DB = (REFERENCE_GAIN_DB_RANGE[0], -12.0, 0.0, REFERENCE_GAIN_DB_RANGE[1])
"""Where the interpreter may leave the check's slider: its ends and two places between."""
LOUDER_DB = 15.0
FLOOR_S = 60.0
"""The floor's loop: a minute of speech-like noise, repeated for the hour."""


@functools.cache
def floor_at_reference_loudness() -> np.ndarray:
    """A minute of speech-like noise at -23 LUFS (BS.1770 gated, the project's meter)."""
    x = np.asarray(speech_like(FLOOR_S, seed=5), dtype=np.float64)
    meter = LoudnessMeter(history_s=FLOOR_S + 1.0)
    blocks = len(x) // BLOCK
    for i in range(blocks):
        meter.process(x[i * BLOCK : (i + 1) * BLOCK])
    measured = meter.gated_lufs()
    assert measured is not None
    floor: np.ndarray = x[: blocks * BLOCK] * 10.0 ** ((REFERENCE_LUFS - measured) / 20.0)
    return floor


def test_the_reference_voice_is_at_minus_23_lufs_and_sets_72_db_spl() -> None:
    speech = reference_speech()
    meter = LoudnessMeter(history_s=len(speech.samples) / SAMPLE_RATE + 1.0)
    for start in range(0, len(speech.samples), BLOCK):
        meter.process(speech.samples[start : start + BLOCK])
    assert meter.gated_lufs() == pytest.approx(REFERENCE_LUFS, abs=0.05)
    assert float(np.abs(speech.samples).max()) * 10 ** (REFERENCE_GAIN_DB_RANGE[1] / 20) < 1.0
    assert ASSUMED_COMFORTABLE_SPL == 72.0
    for gain in CHOSEN_GAINS_DB:
        cal = speech.calibration(gain)
        assert cal.spl(speech.level_dbfs + gain) == pytest.approx(72.0)
    # one dB louder chosen: limits act one dB later
    assert speech.calibration(1.0).spl_at_full_scale == pytest.approx(
        speech.calibration(0.0).spl_at_full_scale - 1.0
    )


@pytest.mark.parametrize("gain_db", CHOSEN_GAINS_DB)
def test_an_hour_of_floor_at_the_chosen_volume_raises_no_exposure_warning(gain_db: float) -> None:
    """60 simulated minutes, block by block, through the exposure meter the chain uses."""
    cal = reference_speech().calibration(gain_db)
    floor = floor_at_reference_loudness() * 10.0 ** (gain_db / 20.0)
    per_block = np.mean(np.square(floor).reshape(-1, BLOCK), axis=1).tolist()
    events = EventRing()
    meter = ExposureMeter(ProtectionSettings().exposure, BLOCK, SplScale(cal), events)
    loudest = -np.inf
    for _minute in range(60):
        for ms in per_block:
            assert not meter.update(ms)
        loudest = max(loudest, meter.leq_spl)
    assert events.poll() == []
    assert events.count(EventKind.EXPOSURE_WARNING) == 0
    # the floor's Leq lands near the assumed comfortable level, well under the 80 dB warning
    assert 68.0 <= loudest <= 76.0
    print(f"\nchosen gain {gain_db:+.0f} dB: Leq_1min {loudest:.1f} dB SPL for 60 min, no warning")


@pytest.mark.parametrize("gain_db", CHOSEN_GAINS_DB)
def test_the_same_floor_15_db_louder_warns_within_a_minute(gain_db: float) -> None:
    """Through the whole chain, as the engine runs it: the warning comes, and in time."""
    cal = reference_speech().calibration(gain_db)
    loud = floor_at_reference_loudness() * 10.0 ** ((gain_db + LOUDER_DB) / 20.0)
    result = run(HearingProtection(calibration=cal), loud)
    warnings = result.of(EventKind.EXPOSURE_WARNING)
    assert warnings, "no exposure warning in a minute 15 dB above the chosen volume"
    at_s = warnings[0].frame / SAMPLE_RATE
    assert at_s <= 60.0
    assert warnings[0].value >= 80.0
    print(f"\nchosen gain {gain_db:+.0f} dB, floor 15 dB louder: exposure warning at {at_s:.0f} s")


def test_the_floor_at_the_chosen_volume_passes_untouched() -> None:
    """Two minutes at the chosen volume: no layer acts, not a sample changes."""
    cal = reference_speech().calibration(0.0)
    floor = np.concatenate([floor_at_reference_loudness()] * 2)
    hp = HearingProtection(calibration=cal)
    result = run(hp, floor)
    assert result.events == []
    assert np.array_equal(result.y, result.x)


def test_the_ceiling_and_the_sustained_limit_hold_under_the_checks_calibration() -> None:
    """The limits stay where they are in dB SPL; the check only says where that is."""
    cal: Calibration = reference_speech().calibration(0.0)
    settings = ProtectionSettings()
    hp = HearingProtection(settings, cal)
    # a square wave peaking 12 dB over the ceiling (the mix may exceed full scale before it)
    peak = cal.peak_amplitude(settings.ceiling_spl + 12.0)
    square = peak * np.sign(np.sin(2 * np.pi * 440.0 * np.arange(SAMPLE_RATE) / SAMPLE_RATE))
    result = run(hp, square)
    assert any(Layer.CEILING in layers for layers in result.layers)
    assert float(np.abs(result.y).max()) <= cal.peak_amplitude(settings.ceiling_spl) * (1 + 1e-6)
    last_half_s = result.y[-SAMPLE_RATE // 2 :]
    level = cal.level_of_mean_square(float(np.mean(np.square(last_half_s, dtype=np.float64))))
    assert level <= settings.sustained_limit_spl

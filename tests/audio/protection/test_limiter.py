"""The lookahead limiter (audio/protection/limiter.py), fed per-sample magnitudes directly."""

from __future__ import annotations

import numpy as np
import pytest

from audio.format import BLOCK, SAMPLE_RATE
from audio.protection import LOOKAHEAD_FRAMES, Calibration, EventKind, ProtectionSettings
from audio.protection.events import EventRing
from audio.protection.limiter import LookaheadLimiter
from audio.protection.shock import SUB_BLOCKS

CAL = Calibration()
D = LOOKAHEAD_FRAMES
SILENCE = np.zeros(BLOCK, np.float32)


def limiter() -> tuple[LookaheadLimiter, EventRing]:
    events = EventRing()
    return LookaheadLimiter(ProtectionSettings(), CAL, BLOCK, events), events


def test_unity_while_nothing_asks_for_less() -> None:
    lim, _ = limiter()
    assert lim.ceiling == pytest.approx(CAL.peak_amplitude(100.0), rel=1e-6)
    assert lim.update(SILENCE.copy(), 0.0, None)
    assert lim.update(np.full(BLOCK, 0.9 * lim.ceiling, np.float32), 0.9 * lim.ceiling, None)
    assert lim.reduction_db == 0.0


def test_a_peak_is_met_by_a_ramp_over_the_millisecond_before_it() -> None:
    """The output is the input delayed by D: the sample at input 200 leaves at 248."""
    lim, _ = limiter()
    mag = SILENCE.copy()
    mag[200] = 1.0  # 10 dB over the ceiling
    assert not lim.update(mag, 1.0, None)
    assert lim.reduction_db == pytest.approx(10.0, abs=1e-3)
    g = lim.gain.copy()
    assert g[200 + D] * 1.0 <= lim.ceiling
    assert np.all(g[: 200 + D - 2 * D + 1] > 1.0 - 1e-9)  # untouched until 2 ms before
    assert np.all(np.diff(g[: 200 + D + 1]) <= 1e-15)  # then a ramp down, no step
    gains = [g]
    while not lim.update(SILENCE.copy(), 0.0, None):
        gains.append(lim.gain.copy())
    rise_db = np.diff(20 * np.log10(np.concatenate(gains)[200 + D :]))
    assert rise_db.max() <= 60.0 / SAMPLE_RATE + 1e-12  # recovers at 60 dB/s at most
    assert len(gains) == 18  # 10 dB at 60 dB/s: back to exactly unity after 0.17 s


def test_shock_caps_apply_to_their_quarter_block() -> None:
    lim, _ = limiter()
    caps = [1.0, 0.1, 1.0, 1.0]
    assert not lim.update(SILENCE.copy(), 0.0, caps)
    quarter = BLOCK // SUB_BLOCKS
    start = D + quarter  # quarter 1 of the input, delayed by D
    g = lim.gain
    assert g[start : start + quarter].max() <= 0.1 + 1e-12
    assert g[start - D] == 1.0 and g[start - 1] < 0.15  # ramped in over the millisecond before
    assert np.all(np.diff(g[start + quarter :]) >= 0.0)  # then released


def test_clamp_is_the_last_resort() -> None:
    lim, events = limiter()
    out = np.full(BLOCK, 0.5, np.float32)
    out[10] = -0.8
    ms = lim.clamp(out, 0.8, 0.25)
    assert float(np.abs(out).max()) == np.float32(lim.ceiling)
    assert ms == pytest.approx(0.5 * lim.ceiling**2)
    ((kind, _, value),) = events.poll()
    assert kind == EventKind.SAFETY_CLAMP and value == pytest.approx(CAL.spl(20 * np.log10(0.8)))


def test_a_new_calibration_moves_the_ceiling() -> None:
    lim, _ = limiter()
    lim.set_calibration(Calibration(120.0))
    assert lim.ceiling == pytest.approx(Calibration(120.0).peak_amplitude(100.0), rel=1e-6)

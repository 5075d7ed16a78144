"""BS.1770 loudness (audio.loudness) against the standard's and EBU Tech 3341's references.

Which reference holds? Both, for different channel layouts. BS.1770: a 0 dBFS
1 kHz sine in *one* channel reads -3.01 LUFS (the -0.691 offset cancels the
K-weighting's +0.69 dB at 1 kHz, leaving the sine's mean square of 1/2).
EBU Tech 3341 case 1: a 1 kHz sine at -23 dBFS in *both* channels of a stereo
pair reads -23.0 LUFS (two channels' mean squares add: +3.01 dB). A mono
-23 dBFS sine is therefore -26.0 LUFS. 997 Hz is where the K-weighting gain
is exactly 0.691 dB, which is why test signals use it.
"""

from __future__ import annotations

import numpy as np
import pytest

from audio.biquad import cascade_gain_db
from audio.loudness import (
    K_WEIGHTING,
    SILENCE_LUFS,
    LoudnessMeter,
    gated_loudness,
    lufs,
)
from tests.rig.dspkit import ALLOC_HELD_LIMIT, ALLOC_PEAK_LIMIT, BLOCK, alloc_probe, blocks, sine


def stereo(x: np.ndarray) -> np.ndarray:
    return np.stack([x, x], axis=1)


def tone_sequence(parts: list[tuple[float, float]], freq: float = 1000.0) -> np.ndarray:
    """Concatenated (dBFS, seconds) stretches of one continuous sine, stereo."""
    total = sum(s for _, s in parts)
    carrier = sine(freq, total).astype(np.float64)
    gains = np.concatenate([np.full(round(s * 48_000), 10 ** (db / 20)) for db, s in parts])
    return stereo((carrier * gains).astype(np.float32))


def measure(x: np.ndarray, history_s: float = 10.0) -> LoudnessMeter:
    meter = LoudnessMeter(1 if x.ndim == 1 else x.shape[1], history_s=history_s)
    for b in blocks(x):
        meter.process(b)
    return meter


def test_k_weighting_gain_at_997_hz_is_the_0691_offset() -> None:
    assert cascade_gain_db(K_WEIGHTING, 997.0) == pytest.approx(0.691, abs=0.001)
    assert cascade_gain_db(K_WEIGHTING, 1000.0) == pytest.approx(0.698, abs=0.001)
    assert 3.5 < cascade_gain_db(K_WEIGHTING, 10_000.0) < 4.5  # the head shelf
    assert cascade_gain_db(K_WEIGHTING, 20.0) < -10.0  # the RLB high-pass


@pytest.mark.parametrize("freq", [997.0, 1000.0])
def test_full_scale_sine_in_one_channel_is_minus_3_01_lufs(freq: float) -> None:
    m = measure(sine(freq, 4.0))
    assert m.short_term_lufs == pytest.approx(-3.01, abs=0.01)
    assert m.momentary_lufs == pytest.approx(-3.01, abs=0.01)


@pytest.mark.parametrize("freq", [997.0, 1000.0])
def test_ebu_3341_case_1_stereo_sine_at_minus_23_dbfs(freq: float) -> None:
    m = measure(stereo(sine(freq, 4.0, 10 ** (-23 / 20))))
    assert m.short_term_lufs == pytest.approx(-23.0, abs=0.1)
    assert m.momentary_lufs == pytest.approx(-23.0, abs=0.1)
    assert m.gated_lufs() == pytest.approx(-23.0, abs=0.1)
    mono = measure(sine(freq, 4.0, 10 ** (-23 / 20)))
    assert mono.short_term_lufs == pytest.approx(-26.01, abs=0.02)


def test_ebu_3341_case_2_stereo_sine_at_minus_33_dbfs() -> None:
    m = measure(stereo(sine(1000.0, 4.0, 10 ** (-33 / 20))))
    assert m.short_term_lufs == pytest.approx(-33.0, abs=0.1)


def test_ebu_3341_case_9_short_term_is_constant_over_its_3_s_window() -> None:
    # 20 x (1.34 s at -20 dBFS, 1.66 s at -30 dBFS): every 3 s window holds one period
    meter = LoudnessMeter(2)
    x = tone_sequence([(-20.0, 1.34), (-30.0, 1.66)] * 5)
    readings = []
    for i, b in enumerate(blocks(x)):
        meter.process(b)
        if i >= 300 and (i + 1) % 10 == 0:  # after 3 s, at every 100 ms update
            readings.append(meter.short_term_lufs)
    assert len(readings) > 100
    assert min(readings) == pytest.approx(-23.0, abs=0.1)
    assert max(readings) == pytest.approx(-23.0, abs=0.1)


@pytest.mark.parametrize(
    "parts",
    [
        [(-36.0, 10.0), (-23.0, 60.0), (-36.0, 10.0)],  # case 3: relative gate
        [(-72.0, 10.0), (-36.0, 10.0), (-23.0, 60.0), (-36.0, 10.0), (-72.0, 10.0)],  # case 4
        [(-26.0, 20.0), (-20.0, 20.1), (-26.0, 20.0)],  # case 5
    ],
)
def test_ebu_3341_gated_cases(parts: list[tuple[float, float]]) -> None:
    m = measure(tone_sequence(parts), history_s=120.0)
    assert m.gated_lufs() == pytest.approx(-23.0, abs=0.1)


def test_momentary_follows_a_400_ms_window() -> None:
    x = np.concatenate([sine(997.0, 1.0, 10 ** (-10 / 20)), np.zeros(48_000, np.float32)])
    meter = LoudnessMeter()
    after_tone = []
    for i, b in enumerate(blocks(x)):
        meter.process(b)
        if i == 99:
            assert meter.momentary_lufs == pytest.approx(-13.01, abs=0.02)
        if i >= 100 and (i + 1) % 10 == 0:
            after_tone.append(meter.momentary_lufs)
    # 100 ms later 3/4 of the window is tone; 400 ms later only the K-filter's 10 ms
    # of ringing after the abrupt stop is left; 500 ms later nothing
    assert after_tone[0] == pytest.approx(-13.01 + 10 * np.log10(0.75), abs=0.05)
    assert after_tone[3] < -50.0
    assert after_tone[4] == SILENCE_LUFS


def test_silence_and_empty_history() -> None:
    m = LoudnessMeter()
    assert m.short_term_lufs == SILENCE_LUFS
    assert m.gated_lufs() is None
    for _ in range(50):
        m.process(np.zeros(BLOCK, np.float32))
    assert m.momentary_lufs == SILENCE_LUFS
    assert m.gated_lufs() is None
    assert gated_loudness([]) is None
    assert lufs(0.0) == SILENCE_LUFS


def test_windows_fill_up_without_creeping_from_silence() -> None:
    m = LoudnessMeter(2)
    for b in blocks(stereo(sine(997.0, 0.5, 10 ** (-23 / 20)))):
        m.process(b)
    assert m.short_term_lufs == pytest.approx(-23.0, abs=0.1)  # only 0.5 s so far


def test_history_wraps_and_running_sums_stay_exact() -> None:
    m = LoudnessMeter(history_s=3.0)  # ring of 30 slots: wraps every 3 s
    x = np.concatenate([sine(997.0, 7.0, 1.0), sine(997.0, 7.0, 1e-4)])
    for b in blocks(x):
        m.process(b)
    assert m.short_term_lufs == pytest.approx(-83.01, abs=0.02)
    assert m.slot_history().shape == (30,)
    assert m.history_s == pytest.approx(3.0)
    m.reset()
    assert m.short_term_lufs == SILENCE_LUFS
    assert m.gated_lufs() is None


def test_only_48_khz() -> None:
    with pytest.raises(ValueError):
        LoudnessMeter(rate=44_100)


@pytest.mark.parametrize("channels", [1, 2])
def test_loudness_meter_allocates_nothing_per_block(channels: int) -> None:
    m = LoudnessMeter(channels)
    shape = (BLOCK,) if channels == 1 else (BLOCK, channels)
    x = np.full(shape, 0.1, dtype=np.float32)
    # warm-up past one turn of the ring: its floats are then replaced, not added
    held, peak = alloc_probe(lambda: m.process(x), warmup=1100)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT

"""Console level meters and the RFC 6464 packet level (audio.meters)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from audio.meters import (
    METER_FLOOR_DBFS,
    PEAK_FALL_DB_PER_S,
    LevelMeter,
    amplitude_to_dbfs,
    mean_square_to_dbfs,
    rfc6464_level,
)
from channels.rtp import audio_level_extension
from tests.rig.dspkit import (
    ALLOC_HELD_LIMIT,
    ALLOC_PEAK_LIMIT,
    BLOCK,
    alloc_probe,
    blocks,
    noise,
    sine,
)


def feed(meter: LevelMeter, x: np.ndarray) -> None:
    for b in blocks(x):
        meter.process(b)


def test_full_scale_sine_reads_zero_on_peak_and_rms() -> None:
    m = LevelMeter()
    feed(m, sine(1000.0, 3.0))
    assert m.block_peak_dbfs[0] == pytest.approx(0.0, abs=0.01)
    assert m.block_rms_dbfs[0] == pytest.approx(0.0, abs=0.01)  # AES17
    assert m.rms_dbfs[0] == pytest.approx(0.0, abs=0.01)  # settled after 10 time constants


def test_sine_at_minus_20_and_dc() -> None:
    m = LevelMeter()
    feed(m, sine(997.0, 3.0, 0.1))
    assert m.peak_dbfs[0] == pytest.approx(-20.0, abs=0.05)
    assert m.rms_dbfs[0] == pytest.approx(-20.0, abs=0.05)
    m = LevelMeter()
    feed(m, np.full(4800, 0.5, dtype=np.float32))
    assert m.block_peak_dbfs[0] == pytest.approx(-6.02, abs=0.01)
    assert m.block_rms_dbfs[0] == pytest.approx(-6.02 + 3.01, abs=0.01)


def test_silence_reads_the_floor_not_minus_infinity() -> None:
    m = LevelMeter()
    feed(m, np.zeros(4800, dtype=np.float32))
    assert m.peak_dbfs == (METER_FLOOR_DBFS,)
    assert m.rms_dbfs == (METER_FLOOR_DBFS,)
    assert m.hold_dbfs == (METER_FLOOR_DBFS,)
    assert amplitude_to_dbfs(0.0) == METER_FLOOR_DBFS
    assert mean_square_to_dbfs(0.0) == METER_FLOOR_DBFS


def test_peak_falls_20_db_in_1_7_s_and_hold_waits_2_s() -> None:
    m = LevelMeter()
    burst = np.zeros(BLOCK, dtype=np.float32)
    burst[100] = 0.5  # -6.02 dBFS
    m.process(burst)
    silence = np.zeros(BLOCK, dtype=np.float32)
    for _ in range(100):  # 1 s
        m.process(silence)
    assert m.peak_dbfs[0] == pytest.approx(-6.02 - PEAK_FALL_DB_PER_S, abs=0.01)
    assert m.hold_dbfs[0] == pytest.approx(-6.02, abs=0.01)
    for _ in range(101):  # just past 2 s: hold starts to fall
        m.process(silence)
    assert m.hold_dbfs[0] < -6.03
    for _ in range(2000):
        m.process(silence)
    assert m.peak_dbfs[0] == METER_FLOOR_DBFS
    assert m.hold_dbfs[0] == METER_FLOOR_DBFS


def test_a_new_higher_peak_resets_the_hold() -> None:
    m = LevelMeter()
    feed(m, sine(1000.0, 0.1, 0.1))
    assert m.hold_dbfs[0] == pytest.approx(-20.0, abs=0.01)
    feed(m, sine(1000.0, 0.1, 0.5))
    assert m.hold_dbfs[0] == pytest.approx(-6.02, abs=0.01)


def test_rms_integrates_with_a_300_ms_time_constant() -> None:
    m = LevelMeter()
    feed(m, sine(1000.0, 0.3, 0.1))  # one time constant
    expected = -20.0 + 10 * math.log10(1 - math.exp(-1))
    assert m.rms_dbfs[0] == pytest.approx(expected, abs=0.05)
    assert m.block_rms_dbfs[0] == pytest.approx(-20.0, abs=0.01)


def test_over_indicator_lights_and_goes_out_after_2_s() -> None:
    m = LevelMeter()
    feed(m, sine(1000.0, 0.1, 0.9))
    assert m.over == (False,)
    clip = np.zeros(BLOCK, dtype=np.float32)
    clip[5] = 1.0
    m.process(clip)
    assert m.over == (True,)
    feed(m, np.zeros(BLOCK * 200, dtype=np.float32))
    assert m.over == (True,)
    feed(m, np.zeros(BLOCK * 2, dtype=np.float32))
    assert m.over == (False,)


def test_stereo_channels_are_metered_separately() -> None:
    m = LevelMeter(2)
    x = np.stack([sine(1000.0, 0.5, 1.0), sine(1000.0, 0.5, 0.01)], axis=1)
    feed(m, x)
    left, right = m.block_peak_dbfs
    assert left == pytest.approx(0.0, abs=0.01)
    assert right == pytest.approx(-40.0, abs=0.01)
    assert len(m.rms_dbfs) == len(m.hold_dbfs) == len(m.over) == 2


@pytest.mark.parametrize(
    ("signal", "level"),
    [
        (np.where(np.arange(BLOCK) % 48 < 24, 1.0, -1.0), 0),  # full-scale square: 0 dBov
        (sine(1000.0, 0.01), 3),  # full-scale sine: -3 dBov
        (sine(1000.0, 0.01, 0.1), 23),
        (sine(1000.0, 0.01, 1e-3), 63),
    ],
)
def test_rfc6464_level_is_rms_relative_to_a_full_scale_square(
    signal: np.ndarray, level: int
) -> None:
    m = LevelMeter()
    m.process(signal.astype(np.float32))
    assert m.take_rfc6464_level() == level


def test_rfc6464_silence_quiet_and_clamping() -> None:
    m = LevelMeter()
    m.process(np.zeros(BLOCK, dtype=np.float32))
    assert m.take_rfc6464_level() == 127  # digital silence (a muted microphone)
    m.process(noise(0.01, 1e-7))  # -140 dBov but not silent
    assert m.take_rfc6464_level() == 126
    assert m.take_rfc6464_level() == 127  # no audio since the last packet
    assert rfc6464_level(4.0) == 0  # louder than full scale clamps to 0
    assert rfc6464_level(0.0) == 127
    assert rfc6464_level(0.5, silent=True) == 127


def test_rfc6464_level_covers_a_20_ms_packet() -> None:
    m = LevelMeter()
    m.process(sine(1000.0, 0.01, 0.1))  # mean square 0.005
    m.process(np.zeros(BLOCK, dtype=np.float32))
    assert m.take_rfc6464_level() == round(-10 * math.log10(0.0025))  # 26
    _, data = audio_level_extension(26, True)
    assert data[1] == 0x80 | 26  # what channels.rtp puts on the wire


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("channels", [1, 2])
def test_a_block_with_nan_or_infinity_reads_full_scale_and_lights_the_clip(
    bad: float, channels: int
) -> None:
    """A float WAV with NaN made rsi-bot raise here on every tick (issue 13): the RFC 6464
    level of NaN cannot be rounded."""
    m = LevelMeter(channels)
    shape = (BLOCK,) if channels == 1 else (BLOCK, channels)
    quiet = np.full(shape, 0.01, dtype=np.float32)
    broken = quiet.copy()
    broken[7] = bad
    m.process(quiet)
    m.process(broken)
    assert m.take_rfc6464_level() in range(0, 128)
    readings = (*m.block_peak_dbfs, *m.block_rms_dbfs, *m.peak_dbfs, *m.hold_dbfs, *m.rms_dbfs)
    assert all(math.isfinite(r) for r in readings)
    assert m.block_peak_dbfs == (0.0,) * channels  # measured as a full-scale block
    assert m.over == (True,) * channels
    assert m.invalid_blocks == channels
    for _ in range(10):  # what follows reads as it is
        m.process(quiet)
    assert m.block_peak_dbfs[0] == pytest.approx(-40.0, abs=0.01)
    assert m.take_rfc6464_level() == 40


def test_levels_of_nan_and_infinity_are_numbers() -> None:
    assert rfc6464_level(math.nan) == 127
    assert rfc6464_level(math.inf) == 0
    assert amplitude_to_dbfs(math.nan) == mean_square_to_dbfs(math.nan) == METER_FLOOR_DBFS


@pytest.mark.parametrize("channels", [1, 2])
def test_meter_allocates_nothing_per_block(channels: int) -> None:
    m = LevelMeter(channels)
    shape = (BLOCK,) if channels == 1 else (BLOCK, channels)
    x = np.full(shape, 0.25, dtype=np.float32)
    held, peak = alloc_probe(lambda: m.process(x))
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT

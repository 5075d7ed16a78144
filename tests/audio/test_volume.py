"""The volume law with its 30 % reserve, and the click-free gain stage (audio.volume)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from audio.volume import (
    FADE_DB,
    NOMINAL_POSITION,
    RESERVE_DB,
    Gain,
    db_to_position,
    position_to_db,
    position_to_gain,
)
from tests.rig.dspkit import ALLOC_HELD_LIMIT, ALLOC_PEAK_LIMIT, BLOCK, alloc_probe


def test_law_landmarks() -> None:
    assert NOMINAL_POSITION == 0.7
    assert position_to_db(0.7) == pytest.approx(0.0, abs=1e-12)  # nominal
    assert position_to_db(1.0) == pytest.approx(RESERVE_DB)  # the 30 % reserve: +12 dB
    assert position_to_db(0.8) == pytest.approx(4.0)  # 4 dB per tenth of travel
    assert position_to_db(0.1) == pytest.approx(FADE_DB) == pytest.approx(-24.0)
    assert position_to_db(0.05) == pytest.approx(-24.0 - 6.0206, abs=1e-3)  # linear fade
    assert position_to_db(0.0) == -math.inf
    assert position_to_gain(0.0) == 0.0
    assert position_to_gain(0.7) == pytest.approx(1.0)
    assert position_to_gain(1.0) == pytest.approx(10 ** (12 / 20))
    assert position_to_db(1.5) == position_to_db(1.0)  # clamped
    assert position_to_db(-1.0) == -math.inf


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_law_is_monotonic(a: float, b: float) -> None:
    if a < b:
        assert position_to_gain(a) <= position_to_gain(b)


@given(st.floats(0.001, 1.0))
def test_law_round_trips(position: float) -> None:
    assert db_to_position(position_to_db(position)) == pytest.approx(position, abs=1e-9)


def test_law_is_continuous_at_the_fade_knee() -> None:
    below = position_to_db(0.1 - 1e-9)
    above = position_to_db(0.1)
    assert abs(above - below) < 1e-6
    assert db_to_position(-math.inf) == 0.0
    assert db_to_position(40.0) == 1.0


def test_gain_ramps_linearly_over_one_block_and_lands_exactly() -> None:
    g = Gain()
    ones = np.ones(BLOCK, dtype=np.float32)
    out = np.empty_like(ones)
    g.process(ones, out)
    np.testing.assert_array_equal(out, ones)
    g.set_gain(0.5)
    g.process(ones, out)
    expected = 1.0 - 0.5 * np.arange(1, BLOCK + 1) / BLOCK
    np.testing.assert_allclose(out, expected, atol=1e-6)
    assert out[-1] == 0.5
    last = out[-1]
    g.process(ones, out)
    np.testing.assert_array_equal(out, np.full(BLOCK, 0.5, dtype=np.float32))
    assert out[0] == last  # no step at the block boundary


def test_gain_changes_are_continuous_sample_to_sample() -> None:
    g = Gain(2)
    x = np.ones((BLOCK, 2), dtype=np.float32)
    out = np.empty_like(x)
    trace = []
    for db in (0.0, -6.0, 12.0, -math.inf, 3.0, 3.0):
        g.set_db(db)
        g.process(x, out)
        trace.append(out[:, 0].copy())
        np.testing.assert_array_equal(out[:, 0], out[:, 1])
    y = np.concatenate(trace)
    # the largest step is one block's ramp share of the largest change (0 -> +12 dB)
    assert float(np.abs(np.diff(y)).max()) <= 10 ** (12 / 20) / BLOCK + 1e-6
    assert trace[3][-1] == 0.0


def test_gain_position_and_validation() -> None:
    g = Gain()
    g.set_position(1.0)
    assert g.gain == pytest.approx(10 ** (12 / 20))
    with pytest.raises(ValueError):
        g.set_gain(-1.0)
    with pytest.raises(ValueError):
        g.set_gain(math.nan)


def _ramp_every_block(channels: int) -> Callable[[], None]:
    g = Gain(channels)
    shape = (BLOCK,) if channels == 1 else (BLOCK, channels)
    x = np.full(shape, 0.1, dtype=np.float32)
    out = np.empty_like(x)
    gains = [0.5, 2.0]
    state = [0]

    def step() -> None:
        state[0] ^= 1
        g.set_gain(gains[state[0]])  # a ramp every block: the dearer path
        g.process(x, out)

    return step


@pytest.mark.parametrize("channels", [1, 2])
def test_gain_allocates_nothing_per_block(channels: int) -> None:
    held, peak = alloc_probe(_ramp_every_block(channels))
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT

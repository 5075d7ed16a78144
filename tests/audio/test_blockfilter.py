"""Biquad designs (audio.biquad) and the matrix block engine (audio.blockfilter).

The engine is checked against tests.rig.dspkit.reference_filter, a float64
per-sample loop that shares none of its tricks; the designs against their
analytic responses and the cookbook's defining properties.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from audio.biquad import (
    IDENTITY,
    Biquad,
    butterworth_qs,
    cascade_gain_db,
    high_shelf,
    highpass,
    low_shelf,
    lowpass,
)
from audio.blockfilter import _FLUSH, BlockFilter, state_space
from audio.loudness import K_WEIGHTING
from tests.rig.dspkit import (
    ALLOC_HELD_LIMIT,
    ALLOC_PEAK_LIMIT,
    BLOCK,
    alloc_probe,
    noise,
    reference_filter,
    run_blocks,
    sine,
)

REL_TOLERANCE = 1e-4
"""-80 dB of the signal's peak: float32 rounding in the state path measures about -90 dB,
and it does not grow with time (checked over 2 s below)."""


def _max_rel_error(y: np.ndarray, ref: np.ndarray) -> float:
    return float(np.max(np.abs(y - ref)) / max(float(np.max(np.abs(ref))), 1e-12))


# ------------------------------------------------------------------ designs


@pytest.mark.parametrize("gain_db", [-12.0, -6.0, 3.0, 12.0])
def test_shelves_reach_half_gain_at_corner_and_full_gain_far_away(gain_db: float) -> None:
    bass = low_shelf(250.0, gain_db)
    treble = high_shelf(4000.0, gain_db)
    assert cascade_gain_db([bass], 250.0) == pytest.approx(gain_db / 2, abs=1e-9)
    assert cascade_gain_db([treble], 4000.0) == pytest.approx(gain_db / 2, abs=1e-9)
    assert cascade_gain_db([bass], 10.0) == pytest.approx(gain_db, abs=0.01)
    assert cascade_gain_db([bass], 20_000.0) == pytest.approx(0.0, abs=0.01)
    assert cascade_gain_db([treble], 10.0) == pytest.approx(0.0, abs=0.01)
    assert cascade_gain_db([treble], 23_900.0) == pytest.approx(gain_db, abs=0.05)


def test_zero_db_shelves_are_exactly_the_identity() -> None:
    assert low_shelf(250.0, 0.0).is_identity
    assert high_shelf(4000.0, 0.0).is_identity
    assert IDENTITY.is_identity
    assert not low_shelf(250.0, 0.5).is_identity


def test_pass_filters_are_butterworth_at_the_corner() -> None:
    assert cascade_gain_db([lowpass(1000.0)], 1000.0) == pytest.approx(-3.0103, abs=1e-3)
    assert cascade_gain_db([highpass(1000.0)], 1000.0) == pytest.approx(-3.0103, abs=1e-3)
    assert cascade_gain_db([lowpass(1000.0)], 10.0) == pytest.approx(0.0, abs=1e-3)


def test_butterworth_cascade_is_maximally_flat_with_the_expected_slope() -> None:
    sections = [lowpass(3000.0, q) for q in butterworth_qs(8)]
    assert cascade_gain_db(sections, 3000.0) == pytest.approx(-3.0103, abs=0.01)
    assert cascade_gain_db(sections, 1500.0) == pytest.approx(0.0, abs=0.01)
    # 48 dB per octave (an analog 8th order); the bilinear transform only steepens it
    assert -53.0 < cascade_gain_db(sections, 6000.0) < -47.0
    with pytest.raises(ValueError):
        butterworth_qs(3)


def test_designs_reject_corners_outside_the_band() -> None:
    with pytest.raises(ValueError):
        low_shelf(0.0, 6.0)
    with pytest.raises(ValueError):
        high_shelf(24_000.0, 6.0)


def test_state_space_matches_the_transfer_function() -> None:
    sections = [low_shelf(250.0, 9.0), high_shelf(4000.0, -5.0)]
    a, b, c, d = state_space(sections)
    for f in (50.0, 1000.0, 12_000.0):
        z = np.exp(2j * np.pi * f / 48_000)
        h = c @ np.linalg.solve(z * np.eye(a.shape[0]) - a, b) + d
        assert 20 * math.log10(abs(h)) == pytest.approx(cascade_gain_db(sections, f), abs=1e-9)
    with pytest.raises(ValueError):
        state_space([])


# ------------------------------------------------------------------ block engine


@pytest.mark.parametrize("sub_block", [1, 16, 48, 120, 480])
def test_block_filter_equals_per_sample_reference(sub_block: int) -> None:
    x = noise(0.05, 0.3, seed=1)  # 5 blocks
    y = run_blocks(BlockFilter(K_WEIGHTING, sub_block=sub_block).process, x)
    assert _max_rel_error(y, reference_filter(K_WEIGHTING, x)) < REL_TOLERANCE


def test_block_filter_error_does_not_grow_with_time() -> None:
    x = noise(2.0, 0.3, seed=4)
    err = np.abs(run_blocks(BlockFilter(K_WEIGHTING).process, x) - reference_filter(K_WEIGHTING, x))
    first, last = float(err[:24_000].max()), float(err[-24_000:].max())
    assert last < 2 * first + 1e-6
    assert last / float(np.abs(x).max()) < REL_TOLERANCE


def test_block_filter_stereo_keeps_channels_apart() -> None:
    sections = [low_shelf(250.0, 12.0), high_shelf(4000.0, -12.0)]
    x = np.stack([noise(0.05, 0.3, seed=2), sine(100.0, 0.05, 0.5)], axis=1)
    y = run_blocks(BlockFilter(sections, channels=2).process, x)
    for ch in range(2):
        assert _max_rel_error(y[:, ch], reference_filter(sections, x[:, ch])) < REL_TOLERANCE


@pytest.mark.parametrize(
    "sections",
    [K_WEIGHTING, (low_shelf(250.0, 12.0), high_shelf(4000.0, -12.0)), (low_shelf(250.0, -12.0),)],
)
def test_after_silence_the_state_reaches_exact_zero_not_denormals(
    sections: tuple[Biquad, ...],
) -> None:
    """Without the flush, 5 of these 40 seeds leave the K-weighting stuck on denormals."""
    silence = np.zeros(BLOCK, dtype=np.float32)
    for seed in range(40):
        f = BlockFilter(sections)
        f.process(noise(0.01, 0.5, seed=seed))
        for _ in range(100):  # 1 s
            f.process(silence)
        assert not f._z_start.any()
        assert not f.output.any()


def test_block_filter_in_place_and_reset() -> None:
    sections = [lowpass(500.0)]
    f = BlockFilter(sections)
    x = noise(0.02, 0.3, seed=3)
    expected = reference_filter(sections, x)
    buf = x[:BLOCK].copy()
    assert f.process(buf, out=buf) is buf
    np.testing.assert_allclose(buf, expected[:BLOCK], atol=1e-5)
    f.reset()
    np.testing.assert_allclose(f.process(x[:BLOCK]), expected[:BLOCK], atol=1e-5)


def test_block_filter_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError):
        BlockFilter([lowpass(500.0)], sub_block=7)
    with pytest.raises(ValueError):
        BlockFilter([lowpass(500.0)], channels=0)


@st.composite
def stable_biquads(draw: st.DrawFn) -> Biquad:
    """Random biquads with poles inside radius 0.995 (stable, some very resonant)."""
    radius = draw(st.floats(0.0, 0.995))
    angle = draw(st.floats(0.0, math.pi))
    b = [draw(st.floats(-2.0, 2.0)) for _ in range(3)]
    return Biquad(b[0], b[1], b[2], -2.0 * radius * math.cos(angle), radius * radius)


def float32_error_bound(sections: list[Biquad], x: np.ndarray) -> float:
    """Worst-case output error of one float32 rounding of every input sample and state value.

    An error ``e`` in the input reaches the output through the impulse
    response ``h``, at most ``|e| * sum|h|``; an error in the state through
    ``C A^n``, at most ``|e|_max * sum_n |C A^n|_1``. float32 rounds each by
    at most ``eps * |value|``. So the bound is ``eps * (max|x| * sum|h| +
    max|s| * sum_n |C A^n|_1)``, with the state ``s`` of the engine's own
    realization (audio.blockfilter.state_space) run in float64 on ``x``; the
    denormal flush adds what it zeroes (states under ``_FLUSH * eps``).
    It is the filter's own noise gain: about -110 dB of the output's peak for
    most drawn cascades, but -43 dB for a double pole at 0.994 next to DC,
    which sums each state error over thousands of samples (``sum_n |C A^n|_1``
    is 58,000 there); the engine stays under 0.3 of it (600 random cascades).
    A lost, misplaced or half-precision state carry between blocks exceeds
    it (in 100, 100 and 99 of 100 random cascades).
    """
    a, b, c, d = state_space(sections)
    state = np.zeros(a.shape[0])
    state_max = 0.0
    for v in x.astype(np.float64).tolist():
        state = a @ state + b * v
        state_max = max(state_max, float(np.abs(state).max()))
    input_gain, state_gain, reach = abs(d), 0.0, 0.0
    to_state, from_state = b, c  # A^n B and C A^n
    while True:  # until both have died away (the poles are inside radius 0.995)
        step_reach, step_state = float(np.abs(to_state).sum()), float(np.abs(from_state).sum())
        input_gain += abs(float(c @ to_state))
        state_gain += step_state
        reach += step_reach
        if step_reach <= 1e-12 * reach and step_state <= 1e-12 * state_gain:
            break
        to_state, from_state = a @ to_state, from_state @ a
    eps = float(np.finfo(np.float32).eps)
    # The denormal flush zeroes states under _FLUSH * eps: at most that, amplified, is lost.
    return eps * (float(np.abs(x).max()) * input_gain + (state_max + _FLUSH) * state_gain)


@settings(max_examples=40, deadline=None)
@given(
    sections=st.lists(stable_biquads(), min_size=1, max_size=3),
    seed=st.integers(0, 2**16),
    sub_block=st.sampled_from([24, 48, 96, 160]),
)
@example(  # a double pole at 0.994 next to DC: errs up to 6e-4 of the output's peak
    sections=[Biquad(0.0, 0.0, 1.0, -1.98828125, 0.98831558)], seed=1, sub_block=160
)
def test_block_filter_matches_reference_for_any_stable_cascade(
    sections: list[Biquad], seed: int, sub_block: int
) -> None:
    x = noise(0.03, 0.5, seed=seed)
    ref = reference_filter(sections, x)
    y = run_blocks(BlockFilter(sections, sub_block=sub_block).process, x)
    assert float(np.max(np.abs(y - ref))) <= float32_error_bound(sections, x)


@pytest.mark.parametrize("channels", [1, 2])
def test_block_filter_allocates_nothing_per_block(channels: int) -> None:
    f = BlockFilter(K_WEIGHTING, channels=channels)
    shape = (BLOCK,) if channels == 1 else (BLOCK, channels)
    x = np.full(shape, 0.1, dtype=np.float32)
    out = np.empty_like(x)
    held, peak = alloc_probe(lambda: f.process(x, out))
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT

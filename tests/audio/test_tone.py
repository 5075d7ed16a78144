"""Bass/treble shelves (audio.tone): responses, and changes without clicks."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest

from audio.biquad import cascade_gain_db, high_shelf, low_shelf
from audio.blockfilter import BlockFilter
from audio.tone import ToneControl
from tests.rig.dspkit import (
    ALLOC_HELD_LIMIT,
    ALLOC_PEAK_LIMIT,
    BLOCK,
    alloc_probe,
    blocks,
    noise,
    sine,
)


def gain_through(tone: ToneControl, freq: float) -> float:
    """Steady-state gain (dB) of a sine through the control, by RMS after 0.2 s of settling."""
    x = sine(freq, 0.5, 0.25)
    out = np.empty_like(x)
    for i, b in enumerate(blocks(x)):
        tone.process(b, out[i * BLOCK : (i + 1) * BLOCK])
    settled = slice(round(0.2 * 48_000), None)
    return 20 * math.log10(float(np.std(out[settled])) / float(np.std(x[settled])))


@pytest.mark.parametrize("gain_db", [12.0, -12.0])
def test_bass_shelf_response(gain_db: float) -> None:
    tone = ToneControl(bass_db=gain_db)
    assert gain_through(tone, 50.0) == pytest.approx(gain_db, abs=0.1)
    assert gain_through(tone, 1000.0) == pytest.approx(0.0, abs=0.1)
    assert gain_through(tone, 12_000.0) == pytest.approx(0.0, abs=0.05)


@pytest.mark.parametrize("gain_db", [12.0, -12.0])
def test_treble_shelf_response(gain_db: float) -> None:
    tone = ToneControl(treble_db=gain_db)
    assert gain_through(tone, 50.0) == pytest.approx(0.0, abs=0.05)
    assert gain_through(tone, 1000.0) == pytest.approx(0.0, abs=0.1)
    assert gain_through(tone, 12_000.0) == pytest.approx(gain_db, abs=0.15)


def test_measured_response_matches_the_design() -> None:
    tone = ToneControl(bass_db=7.5, treble_db=-4.0)
    sections = [low_shelf(250.0, 7.5), high_shelf(4000.0, -4.0)]
    for freq in (50.0, 250.0, 1000.0, 4000.0, 12_000.0):
        assert gain_through(tone, freq) == pytest.approx(cascade_gain_db(sections, freq), abs=0.02)


def test_flat_is_an_exact_bypass() -> None:
    tone = ToneControl(2)
    assert tone.setting.filter is None
    x = np.stack([noise(0.02, 0.3, seed=1), noise(0.02, 0.3, seed=2)], axis=1)
    out = np.empty_like(x)
    for i, b in enumerate(blocks(x)):
        tone.process(b, out[i * BLOCK : (i + 1) * BLOCK])
    np.testing.assert_array_equal(out, x)
    for freq in (50.0, 1000.0, 12_000.0):
        assert gain_through(ToneControl(), freq) == pytest.approx(0.0, abs=1e-6)


def test_gains_are_clamped_to_12_db() -> None:
    tone = ToneControl()
    tone.set_tone(30.0, -30.0)
    assert (tone.setting.bass_db, tone.setting.treble_db) == (12.0, -12.0)
    assert tone.sections(0.0, 0.0) == []


def _switch_run(
    x: np.ndarray, before: tuple[float, float], after: tuple[float, float], at: int
) -> np.ndarray:
    """Play x through a control, switching settings just before block ``at``."""
    tone = ToneControl(bass_db=before[0], treble_db=before[1])
    out = np.empty_like(x)
    for i, b in enumerate(blocks(x)):
        if i == at:
            tone.set_tone(*after)
        tone.process(b, out[i * BLOCK : (i + 1) * BLOCK])
    return out


def _steady(x: np.ndarray, setting: tuple[float, float]) -> np.ndarray:
    tone = ToneControl(bass_db=setting[0], treble_db=setting[1])
    out = np.empty_like(x)
    for i, b in enumerate(blocks(x)):
        tone.process(b, out[i * BLOCK : (i + 1) * BLOCK])
    return out


@pytest.mark.parametrize(
    ("before", "after"),
    [((0.0, 0.0), (12.0, 0.0)), ((12.0, -12.0), (-12.0, 12.0)), ((-6.0, 6.0), (0.0, 0.0))],
)
def test_change_is_a_crossfade_between_two_steady_states(
    before: tuple[float, float], after: tuple[float, float]
) -> None:
    """Around a change the output is (1-w) old + w new, both as if running all along.

    So it cannot contain a click: the only difference from the steady outputs is a
    10 ms raised-cosine morph, plus the warm-up's residue (under -60 dB).
    """
    x = sine(100.0, 0.3, 0.3) + sine(6000.0, 0.3, 0.1)
    at = 15
    out = _switch_run(x, before, after, at)
    old, new = _steady(x, before), _steady(x, after)
    span = slice(at * BLOCK, (at + 1) * BLOCK)
    n = np.arange(1, BLOCK + 1)
    w = 0.5 - 0.5 * np.cos(np.pi * n / BLOCK)
    ideal = (1 - w) * old[span] + w * new[span]
    peak = float(np.abs(new).max())
    assert float(np.abs(out[span] - ideal).max()) < 1e-3 * peak
    np.testing.assert_allclose(out[: at * BLOCK], old[: at * BLOCK], atol=1e-6)
    np.testing.assert_allclose(out[(at + 1) * BLOCK :], new[(at + 1) * BLOCK :], atol=1e-3 * peak)


def test_a_change_makes_no_step_larger_than_the_signals_own() -> None:
    """The largest sample-to-sample step stays within what the steady signals have."""
    x = sine(80.0, 0.3, 0.5)
    out = _switch_run(x, (-12.0, 0.0), (12.0, 0.0), at=15)
    steady_step = max(
        float(np.abs(np.diff(_steady(x, s)[BLOCK * 10 :])).max()) for s in ((-12.0, 0), (12.0, 0))
    )
    assert float(np.abs(np.diff(out)).max()) <= steady_step * 1.05


def test_why_not_just_swap_coefficients() -> None:
    """Keeping the filter state and swapping coefficients leaves a thump: the old state
    means something else to the new coefficients. The control's output stays within
    1e-3 of the ideal morph; the naive swap is off by a third of the signal's peak."""
    x = sine(80.0, 0.3, 0.5)
    old = BlockFilter([low_shelf(250.0, -12.0)])
    new = BlockFilter([low_shelf(250.0, 12.0)])
    naive = []
    for i, b in enumerate(blocks(x)):
        if i == 15:
            np.copyto(new._z_start, old._z_start)  # same state layout: a coefficient swap
        naive.append((old if i < 15 else new).process(b).copy())
    steady_new = _steady(x, (12.0, 0.0))
    span = slice(15 * BLOCK, 16 * BLOCK)
    peak = float(np.abs(steady_new).max())
    naive_error = float(np.abs(np.concatenate(naive)[span] - steady_new[span]).max())
    assert naive_error > 0.3 * peak
    out = _switch_run(x, (-12.0, 0.0), (12.0, 0.0), at=15)
    assert float(np.abs(out[16 * BLOCK :] - steady_new[16 * BLOCK :]).max()) < 1e-3 * peak


def test_a_dragged_slider_stays_smooth() -> None:
    """A new setting every block (a slider being dragged) gives no steps either."""
    x = sine(150.0, 0.5, 0.4)
    tone = ToneControl()
    out = np.empty_like(x)
    for i, b in enumerate(blocks(x)):
        tone.set_tone(12.0 * math.sin(i / 7), -12.0 * math.sin(i / 5))
        tone.process(b, out[i * BLOCK : (i + 1) * BLOCK])
    worst_gain = 10 ** (12.5 / 20)
    max_slope = 0.4 * worst_gain * 2 * math.pi * 150 / 48_000
    assert float(np.abs(np.diff(out)).max()) < max_slope * 1.5


def test_settings_published_from_another_thread() -> None:
    tone = ToneControl(2)
    done = threading.Event()

    def ui() -> None:
        for k in range(30):
            tone.set_tone(k % 13 - 6.0, 6.0 - k % 11)
        done.set()

    thread = threading.Thread(target=ui)
    x = np.stack([sine(200.0, 1.0, 0.3)] * 2, axis=1)
    out = np.empty((BLOCK, 2), dtype=np.float32)
    thread.start()
    for b in blocks(x):
        tone.process(b, out)
        assert np.isfinite(out).all()
    thread.join()
    assert done.is_set()
    tone.process(x[:BLOCK], out)
    tone.process(x[:BLOCK], out)
    assert tone._active is tone.setting  # the last setting was taken up


def test_process_in_place() -> None:
    tone = ToneControl(bass_db=6.0)
    ref = ToneControl(bass_db=6.0)
    x = noise(0.03, 0.3, seed=5)
    expected = np.empty_like(x)
    for i, b in enumerate(blocks(x)):
        ref.process(b, expected[i * BLOCK : (i + 1) * BLOCK])
    buf = x.copy()
    for b in blocks(buf):
        tone.process(b, b)
    np.testing.assert_array_equal(buf, expected)


@pytest.mark.parametrize("channels", [1, 2])
def test_tone_allocates_nothing_per_block_even_while_changing(channels: int) -> None:
    tone = ToneControl(channels, bass_db=6.0, treble_db=-3.0)
    shape = (BLOCK,) if channels == 1 else (BLOCK, channels)
    x = np.full(shape, 0.1, dtype=np.float32)
    out = np.empty_like(x)
    held, peak = alloc_probe(lambda: tone.process(x, out))
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT
    # a change per block: designs are made beforehand (on the "UI thread"), only
    # the audio thread's processing is measured
    designs = [tone._design(g, -g) for g in (-9.0, -3.0, 3.0, 9.0)] * 250
    it = iter(designs)

    def change_and_process() -> None:
        tone._wanted = next(it)
        tone.process(x, out)

    held, peak = alloc_probe(change_and_process, blocks_=900, warmup=0)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT

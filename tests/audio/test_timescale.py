"""The time-scale modifier against tones, noise and real speech: lengths, steps, distortion.

The figures (THD+N of tones, WB-PESQ of speech, next to what dropping whole
10 ms frames does) are printed with ``pytest -s``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from audio.format import BLOCK, SAMPLE_RATE
from audio.timescale import MAX_INPUT, MAX_LAG, MIN_LAG, TimeScaler
from bench.speech_quality import load_clip, wideband_pesq
from tests.rig.dspkit import ALLOC_HELD_LIMIT, ALLOC_PEAK_LIMIT, F32, alloc_probe, noise, sine

RATE = 0.03
"""3 %: a catch-up of 30 ms a second, well beyond what a steady stream needs."""
TONES = (100.0, 220.0, 440.0, 997.0, 3000.0)


def scale(x: F32, rate: float, chunk: int) -> tuple[F32, list[tuple[int, int]]]:
    """``x`` played ``rate`` faster (negative: slower) in chunks, as a jitter buffer would ask:
    once a block's worth is owed, everything owed until less than a period is left.
    Returns the output and each change made, with its output position."""
    scaler = TimeScaler()
    outs: list[F32] = []
    changes: list[tuple[int, int]] = []
    owed, asking, at = 0.0, False, 0
    for start in range(0, x.size - chunk + 1, chunk):
        owed += abs(rate) * chunk
        asking = asking or owed >= BLOCK
        want = int(owed) if asking else 0
        out, delta = scaler.process(x[start : start + chunk], -want if rate > 0 else want)
        if delta:
            assert MIN_LAG <= abs(delta) <= want
            assert (delta < 0) == (rate > 0)
            changes.append((at, delta))
        owed -= abs(delta)
        asking = asking and owed >= MIN_LAG
        at += out.size
        outs.append(out.copy())
    return np.concatenate(outs), changes


def check_length(x: F32, y: F32, changes: list[tuple[int, int]], rate: float) -> None:
    """The length changed by what was reported, and by about what was asked."""
    total = sum(delta for _, delta in changes)
    assert y.size == x.size + total
    assert abs(abs(total) - rate * x.size) <= BLOCK + MAX_LAG


def largest_step(x: npt.NDArray[np.floating]) -> float:
    return float(np.max(np.abs(np.diff(x.astype(np.float64)))))


def thd_n_db(y: F32, freq: float, window: int = 2 * BLOCK) -> tuple[float, float]:
    """THD+N of a tone: what a sine of ``freq`` (any amplitude, phase and offset) fitted to
    each 20 ms window leaves, over the whole signal and in the worst window, in dB."""
    residue = power = 0.0
    worst = -np.inf
    for start in range(0, y.size - window + 1, window // 2):
        t = (start + np.arange(window)) / SAMPLE_RATE
        basis = np.stack(
            [np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t), np.ones(window)], 1
        )
        part = y[start : start + window].astype(np.float64)
        fit, *_ = np.linalg.lstsq(basis, part, rcond=None)
        left = part - basis @ fit
        residue += float(left @ left)
        power += float(part @ part)
        worst = max(worst, 10 * np.log10(float(left @ left) / float(part @ part) + 1e-30))
    return 10 * np.log10(residue / power + 1e-30), worst


@pytest.mark.parametrize("freq", TONES)
@pytest.mark.parametrize(("rate", "chunk"), [(RATE, MAX_INPUT), (-RATE, BLOCK)])
def test_tone_keeps_its_shape(freq: float, rate: float, chunk: int) -> None:
    x = sine(freq, 3.0, amplitude=0.5)
    y, changes = scale(x, rate, chunk)
    check_length(x, y, changes, abs(rate))
    assert largest_step(y) <= 1.02 * largest_step(x)
    overall, worst = thd_n_db(y, freq)
    print(f"\n{freq:g} Hz, {'shrink' if rate > 0 else 'stretch'} {abs(rate):.0%}: THD+N "
          f"{overall:.1f} dB overall, {worst:.1f} dB in the worst 20 ms")  # fmt: skip
    assert overall < -38.0
    assert worst < -30.0


@pytest.mark.parametrize(("rate", "chunk"), [(RATE, MAX_INPUT), (-RATE, BLOCK)])
def test_noise_keeps_its_level_and_has_no_step(rate: float, chunk: int) -> None:
    x = noise(3.0, rms=0.1)
    y, changes = scale(x, rate, chunk)
    check_length(x, y, changes, abs(rate))
    assert largest_step(y) <= 1.05 * largest_step(x)
    # the cross-fades keep the power of unrelated signals: no dip at the cuts
    level = 20 * np.log10(np.std(y) / np.std(x))
    assert abs(level) < 0.1
    cut_rms = [np.std(y[at : at + MIN_LAG]) for at, _ in changes]
    assert 0.7 * 0.1 < float(np.median(cut_rms)) < 1.3 * 0.1


def splice_jumps(y: F32, positions: list[int]) -> float:
    """The largest sample step at the given splice points, in RMS steps of the whole signal."""
    steps = np.abs(np.diff(y.astype(np.float64)))
    typical = float(np.sqrt(np.mean(steps**2)))
    return max(float(np.max(steps[max(at - 2, 0) : at + 2])) for at in positions) / typical


def drop_blocks(x: F32, rate: float) -> tuple[F32, list[int]]:
    """What the receive path does today: whole 10 ms frames dropped, spliced as they come."""
    kept: list[F32] = []
    splices: list[int] = []
    owed = 0.0
    for start in range(0, x.size - BLOCK + 1, BLOCK):
        owed += rate * BLOCK
        if owed >= BLOCK:
            owed -= BLOCK
            splices.append(len(kept) * BLOCK)
            continue
        kept.append(x[start : start + BLOCK])
    return np.concatenate(kept), splices


@pytest.fixture(scope="module")
def speech() -> F32:
    """6 s of the English clip."""
    return load_clip("en")[: 6 * SAMPLE_RATE]


@pytest.mark.parametrize(("rate", "chunk"), [(RATE, MAX_INPUT), (-RATE, BLOCK)])
def test_speech_has_no_step_where_dropping_frames_has(speech: F32, rate: float, chunk: int) -> None:
    y, changes = scale(speech, rate, chunk)
    check_length(speech, y, changes, abs(rate))
    assert largest_step(y) <= 1.05 * largest_step(speech)
    dropped, splices = drop_blocks(speech, abs(rate))
    ours = splice_jumps(y, [at for at, _ in changes])
    theirs = splice_jumps(dropped, splices)
    print(f"\nspeech {'shrink' if rate > 0 else 'stretch'} {abs(rate):.0%}: largest step at a cut "
          f"{ours:.1f} RMS steps; dropping frames: {theirs:.1f}")  # fmt: skip
    assert ours < theirs


def one_catch_up(x: F32, at: int, scaled: bool) -> F32:
    """``x`` 10 ms shorter from ``at`` on: time-scaled, or one frame dropped as today."""
    if not scaled:
        return np.concatenate([x[:at], x[at + BLOCK :]])
    scaler, outs, owed = TimeScaler(), [], 0
    for start in range(0, x.size - MAX_INPUT + 1, MAX_INPUT):
        owed = BLOCK if start == at else owed
        out, delta = scaler.process(x[start : start + MAX_INPUT], -owed)
        owed += delta
        outs.append(out.copy())
    return np.concatenate(outs)


def test_speech_wideband_pesq_of_a_catch_up(speech: F32) -> None:
    """One 10 ms catch-up mid-speech, at nine places in turn, each scored against the clip.

    PESQ follows one change of delay in an utterance (its alignment is made for that), but
    not a steady drift: a 3 % speed-up spread over the clip scores about 2 whatever makes it,
    since its alignment loses track. So each catch-up is scored on its own.
    """
    places = [k * (speech.size // 10) // MAX_INPUT * MAX_INPUT for k in range(1, 10)]
    ours = [wideband_pesq(speech, one_catch_up(speech, at, True)) for at in places]
    theirs = [wideband_pesq(speech, one_catch_up(speech, at, False)) for at in places]
    print(f"\nWB-PESQ of one 10 ms catch-up: time-scaled median {np.median(ours):.2f} "
          f"min {min(ours):.2f}; frame dropped median {np.median(theirs):.2f} "
          f"min {min(theirs):.2f}")  # fmt: skip
    assert float(np.median(ours)) >= 4.2
    assert min(ours) >= 4.0


def test_passing_through_changes_nothing(speech: F32) -> None:
    scaler = TimeScaler()
    for start in range(0, 50 * BLOCK, BLOCK):
        out, delta = scaler.process(speech[start : start + BLOCK], MIN_LAG - 1)
        assert delta == 0
        np.testing.assert_array_equal(out, speech[start : start + BLOCK])


def test_silence_goes_as_fast_as_asked() -> None:
    scaler = TimeScaler()
    silence = np.zeros(MAX_INPUT, dtype=np.float32)
    scaler.process(silence)
    out, delta = scaler.process(silence, -600)
    assert (delta, out.size) == (-600, MAX_INPUT - 600)
    out, delta = scaler.process(silence[:BLOCK], 700)
    assert (delta, out.size) == (700, BLOCK + 700)


def test_a_long_period_waits_until_it_is_wanted() -> None:
    """100 Hz repeats every 480 samples: asked for less, the scaler waits rather than cut
    the wave in the wrong place."""
    x = sine(100.0, 0.2, amplitude=0.5)
    scaler = TimeScaler()
    scaler.process(x[:MAX_INPUT])
    assert scaler.process(x[MAX_INPUT : 2 * MAX_INPUT], -400)[1] == 0
    assert scaler.process(x[2 * MAX_INPUT : 3 * MAX_INPUT], -480)[1] == -480


@pytest.mark.parametrize(
    ("size", "want"),
    [(0, BLOCK), (0, -BLOCK), (MIN_LAG - 1, BLOCK), (MIN_LAG - 1, -BLOCK), (BLOCK // 2, -BLOCK)],
)
def test_too_little_is_played_as_it_is(speech: F32, size: int, want: int) -> None:
    """Too short to match and cross-fade in; or, to shrink, with no room for a period."""
    scaler = TimeScaler()
    scaler.process(speech[:MAX_INPUT])
    block = speech[MAX_INPUT : MAX_INPUT + size]
    out, delta = scaler.process(block, want)
    assert delta == 0
    np.testing.assert_array_equal(out, block)


def test_any_size_and_any_request_keeps_the_books(speech: F32) -> None:
    """Random input sizes and requests, over speech, pauses and all: the length is what was
    reported, within what was asked, and the samples stay finite and in range."""
    rng = np.random.default_rng(15)
    scaler = TimeScaler()
    at = 0
    for _ in range(600):
        size = int(rng.integers(0, MAX_INPUT + 1))
        want = int(rng.integers(-MAX_INPUT, MAX_INPUT + 1))
        block = speech[at : at + size]
        at = (at + size) % (speech.size - MAX_INPUT)
        out, delta = scaler.process(block, want)
        assert out.size == block.size + delta
        assert delta == 0 or (MIN_LAG <= abs(delta) <= abs(want) and (delta < 0) == (want < 0))
        assert np.all(np.isfinite(out))
        assert float(np.max(np.abs(out), initial=0.0)) <= 1.5 * float(np.max(np.abs(speech)))


def test_too_much_at_once_is_refused() -> None:
    with pytest.raises(ValueError, match="at most 960"):
        TimeScaler().process(np.zeros(MAX_INPUT + 1, dtype=np.float32), -MIN_LAG)


def test_allocates_nothing(speech: F32) -> None:
    scaler = TimeScaler()
    state = {"i": 0}

    def step() -> None:
        i = state["i"] = (state["i"] + 1) % 200
        at = i * MAX_INPUT % (speech.size - MAX_INPUT)
        want = (-BLOCK, 0, BLOCK)[i % 3]
        scaler.process(speech[at : at + (MAX_INPUT if want < 0 else BLOCK)], want)

    # warmed up on every block first: numpy caches some machinery on its first search
    held, peak = alloc_probe(step, warmup=200)
    assert held < ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT

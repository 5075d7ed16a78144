"""Even levels (audio/leveller.py) in virtual time: steps, pauses, pumping, bounds, off.

"Speech" is noise gated like syllables (300 ms on, 200 ms off) in phrases of
2.5 s with 0.7 s pauses, over a quiet room, scaled to an exact BS.1770
loudness; one test uses a real speech clip. Each block is measured by a real
:class:`~audio.loudness.LoudnessMeter` before the leveller, as the engine's
inputs do. The last test runs the engine's :class:`~audio.inputs.Inputs` with
real Opus packets: its meters and floor-quality reasons show the floor as it
arrived, its output is levelled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pytest

from audio.format import BLOCK, SAMPLE_RATE
from audio.inputs import Inputs
from audio.leveller import FALL_DB_PER_S, RANGE_DB, RISE_DB_PER_S, Leveller
from audio.loudness import LoudnessMeter
from audio.opus import Encoder
from audio.quality import TARGET_LUFS
from audio.ring import BlockRing
from channels import rtp
from channels.meeting import FLOOR
from tests.rig.dspkit import ALLOC_HELD_LIMIT, ALLOC_PEAK_LIMIT, alloc_probe, bursts, noise
from tests.rig.engineport import Speech, rms_dbfs

BLOCK_S = BLOCK / SAMPLE_RATE
ROOM_DBFS = -70.0
F32 = npt.NDArray[np.float32]


def loudness(x: F32) -> float:
    meter = LoudnessMeter(1, history_s=x.size / SAMPLE_RATE + 1.0)
    for start in range(0, x.size - BLOCK + 1, BLOCK):
        meter.process(x[start : start + BLOCK])
    found = meter.gated_lufs()
    assert found is not None
    return found


def at(x: F32, lufs: float) -> F32:
    """``x`` scaled to ``lufs`` (BS.1770 gated)."""
    return (x * 10.0 ** ((lufs - loudness(x)) / 20.0)).astype(np.float32)


def speech(seconds: float, lufs: float, seed: int = 0) -> F32:
    """Syllables in phrases with pauses, at ``lufs``."""
    syllables = bursts(noise(seconds, 1.0, seed=seed))
    period, on = round(3.2 * SAMPLE_RATE), round(2.5 * SAMPLE_RATE)
    phrase = np.tile(np.r_[np.ones(on), np.zeros(period - on)], syllables.size // period + 1)
    return at((syllables * phrase[: syllables.size]).astype(np.float32), lufs)


def room(seconds: float, dbfs: float = ROOM_DBFS) -> F32:
    return noise(seconds, 10.0 ** (dbfs / 20.0), seed=99)


@dataclass
class Levelled:
    out: F32
    gain_db: npt.NDArray[np.float64]
    """The gain after each block."""

    def gain_at(self, seconds: float) -> float:
        return float(self.gain_db[round(seconds / BLOCK_S) - 1])

    def gains(self, start_s: float, end_s: float | None = None) -> npt.NDArray[np.float64]:
        end = None if end_s is None else round(end_s / BLOCK_S)
        return self.gain_db[round(start_s / BLOCK_S) : end]


def level(x: F32, leveller: Leveller | None = None) -> Levelled:
    """Run ``x`` through a meter and a leveller, block by block."""
    leveller = leveller or Leveller()
    meter = LoudnessMeter(1)
    out = x.copy()
    gains = []
    for start in range(0, x.size - BLOCK + 1, BLOCK):
        block = out[start : start + BLOCK]
        meter.process(block)
        leveller.process(block, meter.momentary_lufs)
        gains.append(leveller.gain_db)
    return Levelled(out, np.array(gains))


@pytest.mark.parametrize(("step_db", "settle_s"), [(10.0, 6.0), (-10.0, 14.0)])
def test_a_step_settles_at_the_target_without_overshoot(step_db: float, settle_s: float) -> None:
    before, after = speech(6.0, TARGET_LUFS, seed=1), speech(25.0, TARGET_LUFS + step_db, seed=2)
    run = level(np.concatenate([before, after]) + room(31.0))
    final = -step_db
    assert abs(run.gain_at(6.0)) < 1.0  # at the target already: about left alone
    moving = run.gains(6.0)
    assert np.all(np.abs(moving[round(settle_s / BLOCK_S) :] - final) <= 1.0)
    assert np.max((moving - final) * np.sign(final)) <= 1.0  # never past the goal by 1 dB
    steps = np.abs(np.diff(run.gain_db))
    assert steps.max() <= max(RISE_DB_PER_S, FALL_DB_PER_S) * BLOCK_S + 1e-9  # 0.04 dB a block
    assert loudness(run.out[-10 * SAMPLE_RATE :]) == pytest.approx(TARGET_LUFS, abs=1.0)


@pytest.mark.parametrize(
    "pause_dbfs", [None, -70.0, -60.0], ids=["silence", "the room", "a louder noise"]
)
def test_a_pause_after_speech_leaves_the_gain_where_it_was(pause_dbfs: float | None) -> None:
    talk = speech(12.0, -33.0) + room(12.0)
    pause = np.zeros(5 * SAMPLE_RATE, np.float32) if pause_dbfs is None else room(5.0, pause_dbfs)
    run = level(np.concatenate([talk, pause, talk[: 5 * SAMPLE_RATE]]))
    assert run.gain_at(12.0) == pytest.approx(10.0, abs=1.0)
    assert np.ptp(run.gains(12.0, 17.0)) <= 0.5
    assert run.gain_at(22.0) == pytest.approx(10.0, abs=1.0)


def test_speech_with_pauses_does_not_pump() -> None:
    run = level(speech(30.0, -33.0) + room(30.0))
    assert np.ptp(run.gains(12.0)) <= 0.5
    real = Speech("en")
    clip = at(real(30 * SAMPLE_RATE), -33.0)
    run = level(clip)
    assert np.ptp(run.gains(12.0)) <= 1.5  # real phrases differ by a few dB; no faster than 2 dB/s
    assert run.gain_at(30.0) == pytest.approx(10.0, abs=1.0)


@pytest.mark.parametrize("lufs", [TARGET_LUFS - 25.0, TARGET_LUFS + 20.0])
def test_the_gain_stops_at_its_range(lufs: float) -> None:
    run = level(speech(14.0, lufs) + room(14.0))
    assert np.max(np.abs(run.gain_db)) == RANGE_DB
    assert run.gain_at(14.0) == pytest.approx(np.sign(TARGET_LUFS - lufs) * RANGE_DB)


def test_switched_off_it_passes_the_input_untouched_and_glides_back_on() -> None:
    leveller = Leveller()
    level(speech(12.0, -33.0) + room(12.0), leveller)
    assert leveller.gain_db == pytest.approx(10.0, abs=1.0)
    leveller.on = False
    x = speech(4.0, -33.0, seed=3) + room(4.0)
    run = level(x, leveller)
    assert np.all(run.gain_db == 0.0)
    first = slice(0, BLOCK)
    assert np.all(np.abs(run.out[first]) <= np.abs(x[first]) * 10 ** (11 / 20))  # a glide
    assert np.array_equal(run.out[BLOCK:], x[BLOCK:])  # then unity, exactly
    leveller.on = True
    run = level(speech(10.0, -33.0, seed=4) + room(10.0), leveller)
    assert np.abs(np.diff(np.r_[0.0, run.gain_db])).max() <= FALL_DB_PER_S * BLOCK_S + 1e-9
    assert run.gain_at(10.0) == pytest.approx(10.0, abs=1.0)


def test_levelling_allocates_nothing() -> None:
    leveller = Leveller()
    x = speech(12.0, -33.0)
    readings = iter([-33.0, -80.0, -30.0, -45.0] * 1000)
    blocks = iter(range(10_000))

    def step() -> None:
        start = next(blocks) * BLOCK % (x.size - BLOCK)
        leveller.process(x[start : start + BLOCK], next(readings))

    held, peak = alloc_probe(step, blocks_=1000, warmup=200)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT


def floor_packets(x: F32) -> list[bytes]:
    """``x`` as the floor's RTP packets of 10 ms Opus."""
    encoder = Encoder(frame_ms=10)
    try:
        return [
            rtp.build(
                sequence=k, timestamp=k * BLOCK, ssrc=1, payload=encoder.encode(x[s : s + BLOCK])
            )
            for k, s in enumerate(range(0, x.size - BLOCK + 1, BLOCK))
        ]
    finally:
        encoder.close()


@pytest.mark.parametrize("on", [True, False], ids=["levelled", "as it arrives"])
def test_the_meters_and_the_floor_reasons_show_the_floor_before_the_leveller(on: bool) -> None:
    """A floor 13 LU under the target: the leveller makes it up, nobody needs to hear of it."""
    tap = BlockRing(4, BLOCK)
    inputs = Inputs(
        1, frame_ms=10, jitter_min_ms=0.0, jitter_max_ms=400.0, on_switch=lambda _: None, taps=[tap]
    )
    inputs.set_leveller(0, on)
    inputs.select([FLOOR])
    inputs.keep([FLOOR])
    out = np.zeros((BLOCK, 2), dtype=np.float32)
    arrived, heard = [], []
    seconds = 15.0 if on else 5.0  # time for the leveller to reach +13 dB; to hear it is quiet
    for k, packet in enumerate(floor_packets(speech(seconds, -36.0) + room(seconds))):
        now = k * BLOCK_S
        inputs.receivers[FLOOR].push(packet, now)
        inputs.render(now + 0.005, out)
        heard.append(inputs.mixer.input(0).copy())
        arrived.append(np.zeros(BLOCK, np.float32))
        assert tap.pop_into(arrived[-1])
    inputs.refresh_quality()
    (metrics,), _ = inputs.metrics({}, seconds)
    quality = metrics.quality
    assert quality is not None and quality.loudness_lufs is not None
    assert quality.loudness_lufs == pytest.approx(-36.0, abs=1.0)  # as it arrived
    last = np.concatenate(arrived[-300:])
    assert metrics.short_term_lufs == inputs.strips[0].loudness.short_term_lufs
    assert metrics.level.rms_dbfs == pytest.approx(rms_dbfs(last[-BLOCK * 30 :]), abs=3.0)
    gain = inputs.levellers[0].gain_db
    assert loudness(np.concatenate(heard[-300:])) - loudness(last) == pytest.approx(gain, abs=0.5)
    if on:
        assert gain == pytest.approx(13.0, abs=1.0)
        assert metrics.leveller_db == gain
        assert "too_quiet" not in quality.codes
    else:
        assert gain == 0.0
        assert metrics.leveller_db is None
        assert "too_quiet" in quality.codes

"""The own voice on an input (audio/inputs.py): the microphone in place of the hub's stream.

An :class:`audio.inputs.Inputs` with no channel received plays silence from
the hub, so what comes out is the microphone alone: at the input's volume
and ear, faded in and out over a block, silent while not audible (a cough),
and rendered without allocating.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from audio.format import BLOCK
from audio.inputs import Inputs
from tests.rig.dspkit import ALLOC_HELD_LIMIT, ALLOC_PEAK_LIMIT, alloc_probe
from tests.rig.engineport import Tone, rms_dbfs

LEVEL = -20.0


class Rig:
    """Three inputs, a 500 Hz microphone fed a block before each block rendered."""

    def __init__(self) -> None:
        self.inputs = Inputs(
            3, frame_ms=10, jitter_min_ms=0.0, jitter_max_ms=400.0, on_switch=lambda _: None
        )
        self.mic = Tone(500.0, LEVEL)
        self.out = np.zeros((BLOCK, 2), dtype=np.float32)

    def blocks(self, count: int) -> npt.NDArray[np.float32]:
        heard = []
        for _ in range(count):
            self.inputs.feed_mic(self.mic(BLOCK))
            self.inputs.render(0.0, self.out)
            heard.append(self.out.copy())
        return np.concatenate(heard)


def largest_step(x: npt.NDArray[np.float32]) -> float:
    return float(np.abs(np.diff(x, axis=0)).max())


def test_the_own_voice_plays_at_the_inputs_volume_and_ear_and_fades() -> None:
    rig = Rig()
    rig.inputs.set_ear(2, "left")
    rig.inputs.set_volume(2, 0.5)  # 8 dB under nominal
    assert rms_dbfs(rig.blocks(5)) < -100.0  # no own voice: the hub's silence
    rig.inputs.play_own_voice(2, True)
    heard = rig.blocks(20)
    assert rms_dbfs(heard[5 * BLOCK :, 0]) == pytest.approx(LEVEL - 8.0, abs=0.2)
    assert rms_dbfs(heard[:, 1]) < -100.0
    sine_step = 2 * np.pi * 500 / 48_000 * 10 ** (LEVEL / 20)
    assert largest_step(heard[:, 0]) <= sine_step * 1.01  # faded in: no click
    rig.inputs.play_own_voice(2, False)  # a cough: silent there
    coughing = rig.blocks(5)
    assert largest_step(coughing[:, 0]) <= sine_step * 1.01
    assert rms_dbfs(coughing[BLOCK:]) < -100.0
    rig.inputs.play_own_voice(2, True)
    assert rms_dbfs(rig.blocks(10)[5 * BLOCK :, 0]) == pytest.approx(LEVEL - 8.0, abs=0.2)
    rig.inputs.play_own_voice(None, False)  # off air: the hub's stream again
    after = rig.blocks(5)
    assert largest_step(after[:, 0]) <= sine_step * 1.01
    assert rms_dbfs(after[BLOCK:]) < -100.0


def test_the_own_voice_moves_between_inputs_and_renders_without_allocating() -> None:
    rig = Rig()
    rig.inputs.set_ear(0, "left")
    rig.inputs.set_ear(1, "right")
    rig.inputs.play_own_voice(0, True)
    rig.blocks(5)
    rig.inputs.play_own_voice(1, True)
    heard = rig.blocks(5)
    assert rms_dbfs(heard[BLOCK:, 0]) < -100.0
    assert rms_dbfs(heard[BLOCK:, 1]) == pytest.approx(LEVEL, abs=0.2)
    mic = np.full(BLOCK, 0.1, dtype=np.float32)
    choices = iter([0, 1, None, 2] * 10_000)
    blocks = iter(range(1, 10_000))

    def step() -> None:
        i = next(blocks)
        if i % 50 == 0:  # on, moved, coughing and off: fades and priming are measured too
            rig.inputs.play_own_voice(next(choices), i % 150 != 0)
        rig.inputs.feed_mic(mic)
        rig.inputs.render(0.0, rig.out)

    held, peak = alloc_probe(step, blocks_=1000, warmup=200)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT

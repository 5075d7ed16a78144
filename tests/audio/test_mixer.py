"""Per-input volume and ear routing into the interpreter's stereo output (audio.mixer)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from audio.mixer import Ear, Mixer
from audio.volume import position_to_gain
from tests.rig.dspkit import ALLOC_HELD_LIMIT, ALLOC_PEAK_LIMIT, BLOCK, alloc_probe, noise, sine


def fill(mixer: Mixer, signals: list[np.ndarray]) -> None:
    for i, s in enumerate(signals):
        np.copyto(mixer.input(i), s)


def settle(mixer: Mixer) -> np.ndarray:
    """Run one block to absorb pending ramps, then return a steady block."""
    mixer.process()
    return mixer.process().copy()


def test_default_is_unity_in_both_ears() -> None:
    m = Mixer(1)
    x = sine(440.0, 0.01, 0.5)
    fill(m, [x])
    out = m.process()
    np.testing.assert_array_equal(out[:, 0], x)
    np.testing.assert_array_equal(out[:, 1], x)
    assert m.ear(0) is Ear.BOTH
    assert m.gain(0) == 1.0


def test_routing_and_volumes() -> None:
    floor, relay, partner = noise(0.01, 0.1, 1), noise(0.01, 0.1, 2), noise(0.01, 0.1, 3)
    m = Mixer(3)
    fill(m, [floor, relay, partner])
    m.set_ear(0, Ear.LEFT)
    m.set_ear(1, "right")
    m.set_volume(2, 0.5)  # partner in both ears, a little quieter
    m.set_gain(0, 2.0)
    out = settle(m)
    g2 = position_to_gain(0.5)
    np.testing.assert_allclose(out[:, 0], 2.0 * floor + g2 * partner, atol=1e-6)
    np.testing.assert_allclose(out[:, 1], relay + g2 * partner, atol=1e-6)


def test_volume_position_zero_mutes_exactly() -> None:
    m = Mixer(2)
    fill(m, [noise(0.01, 0.1, 1), np.zeros(BLOCK, np.float32)])
    m.set_volume(0, 0.0)
    out = settle(m)
    assert not out.any()


def test_changes_ramp_over_one_block() -> None:
    m = Mixer(1)
    fill(m, [np.ones(BLOCK, np.float32)])
    m.set_ear(0, Ear.LEFT)
    out = m.process().copy()
    ramp = np.arange(1, BLOCK + 1) / BLOCK
    np.testing.assert_allclose(out[:, 0], 1.0, atol=1e-6)
    np.testing.assert_allclose(out[:, 1], 1.0 - ramp, atol=1e-6)  # right fades out
    m.set_ear(0, Ear.RIGHT)
    out = m.process().copy()
    np.testing.assert_allclose(out[:, 0], 1.0 - ramp, atol=1e-6)
    np.testing.assert_allclose(out[:, 1], ramp, atol=1e-6)
    out = m.process()
    np.testing.assert_array_equal(out[:, 0], 0.0)
    np.testing.assert_array_equal(out[:, 1], 1.0)


def test_several_changes_between_blocks_take_the_last() -> None:
    m = Mixer(1)
    fill(m, [np.ones(BLOCK, np.float32)])
    m.set_gain(0, 0.1)
    m.set_gain(0, 0.3)
    m.set_ear(0, Ear.LEFT)
    out = settle(m)
    np.testing.assert_allclose(out[:, 0], 0.3, atol=1e-7)
    np.testing.assert_array_equal(out[:, 1], 0.0)


def test_process_into_out() -> None:
    m = Mixer(2)
    fill(m, [np.full(BLOCK, 0.25, np.float32), np.full(BLOCK, 0.5, np.float32)])
    out = np.empty((BLOCK, 2), np.float32)
    assert m.process(out) is out
    np.testing.assert_allclose(out, 0.75)


def test_validation() -> None:
    with pytest.raises(ValueError):
        Mixer(0)
    m = Mixer(1)
    with pytest.raises(ValueError):
        m.set_gain(0, -0.5)
    with pytest.raises(ValueError):
        m.set_ear(0, "middle")


def test_changes_from_a_ui_thread_are_never_lost() -> None:
    m = Mixer(2)
    fill(m, [np.ones(BLOCK, np.float32), np.ones(BLOCK, np.float32)])
    stop = threading.Event()

    def ui() -> None:
        for k in range(2000):
            m.set_gain(k % 2, (k % 7) / 7)
        m.set_gain(0, 0.25)
        m.set_gain(1, 0.5)
        m.set_ear(1, Ear.RIGHT)
        stop.set()

    thread = threading.Thread(target=ui)
    thread.start()
    while not stop.is_set():
        out = m.process()
        assert np.isfinite(out).all()
    thread.join()
    out = settle(m)
    np.testing.assert_allclose(out[:, 0], 0.25, atol=1e-7)
    np.testing.assert_allclose(out[:, 1], 0.75, atol=1e-7)


def test_mixer_allocates_nothing_per_block() -> None:
    m = Mixer(4)
    for i in range(4):
        np.copyto(m.input(i), noise(0.01, 0.1, i))
    out = np.empty((BLOCK, 2), np.float32)
    held, peak = alloc_probe(lambda: m.process(out))
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT
    # a change published before every block (the ramp path); the setter itself is the
    # UI thread's and allowed to allocate, so ears are flipped via prebuilt targets
    targets = [
        np.array([[1, 0], [0, 1], [1, 1], [0.5, 0.5]], np.float32),
        np.ones((4, 2), np.float32),
    ]
    state = [0]

    def change_and_process() -> None:
        state[0] ^= 1
        np.copyto(m._target, targets[state[0]])
        m._changed = True
        m.process(out)

    held, peak = alloc_probe(change_and_process)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT

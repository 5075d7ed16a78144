"""BlockRing: order, shapes, overrun and underrun counts, and one producer racing one consumer."""

from __future__ import annotations

import sys
import threading
import time
import tracemalloc

import numpy as np
import pytest

from audio.ring import FADE_FRAMES, BlockRing


def block(value: float, frames: int = 4, channels: int = 1) -> np.ndarray:
    return np.full((frames, channels), value, dtype=np.float32)


def test_blocks_come_out_in_order_and_unchanged():
    ring = BlockRing(3, 4)
    out = np.empty((4, 1), np.float32)
    for value in (1.0, 2.0, 3.0):
        assert ring.push(block(value))
    assert len(ring) == 3
    for value in (1.0, 2.0, 3.0):
        assert ring.pop_into(out)
        assert np.array_equal(out, block(value))
    assert len(ring) == 0
    assert ring.overruns == ring.underruns == 0


def test_the_ring_wraps_around_many_times():
    ring = BlockRing(2, 4)
    out = np.empty((4, 1), np.float32)
    for value in range(10):
        assert ring.push(block(value))
        assert ring.pop_into(out)
        assert out[0, 0] == value


def test_a_push_into_a_full_ring_is_dropped_and_counted():
    ring = BlockRing(2, 4)
    assert ring.push(block(1.0)) and ring.push(block(2.0))
    assert not ring.push(block(3.0))
    assert not ring.push(block(4.0))
    assert ring.overruns == 2
    out = np.empty((4, 1), np.float32)
    ring.pop_into(out)
    assert out[0, 0] == 1.0  # the old blocks stay, the new ones were dropped
    assert ring.push(block(5.0))
    ring.pop_into(out)
    assert out[0, 0] == 2.0
    ring.pop_into(out)
    assert out[0, 0] == 5.0


def test_a_pop_from_an_empty_ring_gives_silence_and_is_counted():
    ring = BlockRing(2, 4, channels=2)
    out = np.ones((4, 2), np.float32)
    assert not ring.pop_into(out)
    assert not out.any()
    assert ring.underruns == 1


def test_each_pop_notes_when_it_happened_and_how_many_pops_there_were():
    ring = BlockRing(2, 4)
    assert ring.taken is None
    out = np.zeros(4, np.float32)
    ring.push(np.ones(4, np.float32))
    before = time.monotonic()
    ring.pop_into(out)
    ring.pop_into(out)  # an underrun is a pop too: the port's clock ticked
    after = time.monotonic()
    assert ring.taken is not None
    when, pops = ring.taken
    assert before <= when <= after
    assert pops == ring.pops == 2


def test_each_push_notes_when_it_happened_and_how_many_pushes_there_were():
    ring = BlockRing(1, 4)
    assert ring.given is None
    before = time.monotonic()
    ring.push(np.ones(4, np.float32))
    ring.push(np.ones(4, np.float32))  # an overrun is a push too: the port's clock ticked
    after = time.monotonic()
    assert ring.given is not None
    when, pushes = ring.given
    assert before <= when <= after
    assert pushes == ring.pushes == 2
    assert ring.overruns == 1


def test_mono_blocks_may_be_one_dimensional_on_either_side():
    ring = BlockRing(2, 4)
    ring.push(np.arange(4, dtype=np.float32))
    out2d = np.empty((4, 1), np.float32)
    ring.pop_into(out2d)
    assert out2d[:, 0].tolist() == [0, 1, 2, 3]
    ring.push(np.arange(4, dtype=np.float32).reshape(4, 1) * 2)
    out1d = np.empty(4, np.float32)
    ring.pop_into(out1d)
    assert out1d.tolist() == [0, 2, 4, 6]


def test_stereo_blocks_keep_their_channels_apart():
    ring = BlockRing(2, 3, channels=2)
    stereo = np.array([[1, -1], [2, -2], [3, -3]], np.float32)
    ring.push(stereo)
    out = np.empty((3, 2), np.float32)
    ring.pop_into(out)
    assert np.array_equal(out, stereo)


def test_the_ring_copies_so_the_caller_may_reuse_its_buffer():
    ring = BlockRing(2, 4)
    buffer = block(1.0)
    ring.push(buffer)
    buffer[:] = 9.0
    out = np.empty((4, 1), np.float32)
    ring.pop_into(out)
    assert out[0, 0] == 1.0


def test_clear_drops_what_waits():
    ring = BlockRing(4, 4)
    for value in range(3):
        ring.push(block(value))
    ring.clear()
    assert len(ring) == 0
    ring.push(block(7.0))
    out = np.empty((4, 1), np.float32)
    ring.pop_into(out)
    assert out[0, 0] == 7.0


@pytest.mark.parametrize(("capacity", "frames", "channels"), [(0, 4, 1), (2, 0, 1), (2, 4, 0)])
def test_bad_shapes_are_refused(capacity, frames, channels):
    with pytest.raises(ValueError, match=r"block|ring"):
        BlockRing(capacity, frames, channels)


def test_wrong_block_shapes_are_refused():
    ring = BlockRing(2, 4, channels=2)
    with pytest.raises(ValueError):
        ring.push(np.zeros((5, 2), np.float32))


def test_a_racing_producer_and_consumer_never_see_a_torn_or_reordered_block():
    """Every block is filled with its sequence number; each one read must be whole.

    The GIL is made to switch threads every 10 us (not 5 ms), so the two sides
    are interrupted inside push and pop; a side that cannot go on yields.
    """
    frames, total = 64, 50_000
    ring = BlockRing(8, frames, channels=2)
    received: list[int] = []
    torn: list[int] = []
    done = threading.Event()

    def produce() -> None:
        data = np.empty((frames, 2), np.float32)
        sent = 0
        while sent < total:
            data.fill(sent)
            if ring.push(data):
                sent += 1
            else:
                time.sleep(0)
        done.set()

    def consume() -> None:
        out = np.empty((frames, 2), np.float32)
        while len(received) < total:
            if ring.pop_into(out):
                first = out[0, 0]
                if not (out == first).all():
                    torn.append(len(received))
                received.append(int(first))
            elif done.is_set() and len(ring) == 0:
                break
            else:
                time.sleep(0)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        sys.setswitchinterval(old)
    assert not torn
    assert received == list(range(total))
    assert ring.overruns > 0 and ring.underruns > 0  # both sides really did wait on each other


def test_playback_fades_out_into_an_underrun_and_back_in_after_it():
    """No step at an underrun: the last sample falls to zero over 2 ms, the next block rises."""
    ring = BlockRing(4, 480, 2)
    out = np.zeros((480, 2), dtype=np.float32)
    loud = np.full((480, 2), 0.8, dtype=np.float32)
    loud[:, 1] = -0.5
    ring.push(loud)
    ring.push(loud)
    assert ring.play_into(out) and np.array_equal(out, loud)  # blocks as they are
    assert ring.play_into(out) and np.array_equal(out, loud)
    assert not ring.play_into(out)  # underrun
    assert ring.underruns == 1
    steps = np.abs(np.diff(np.concatenate([loud[-1:], out]), axis=0))
    assert steps.max() < 0.8 * 4 / FADE_FRAMES  # a raised cosine's steepest step, with margin
    assert np.all(out[FADE_FRAMES:] == 0.0) and np.all(np.abs(out[:FADE_FRAMES, 0]) <= 0.8)
    assert not ring.play_into(out) and np.all(out == 0.0)  # the gap goes on in silence
    assert (ring.underruns, ring.gaps) == (2, 1)  # two blocks of silence, one gap heard
    ring.push(loud)
    assert ring.play_into(out)
    steps = np.abs(np.diff(np.concatenate([np.zeros((1, 2), np.float32), out]), axis=0))
    assert steps.max() < 0.8 * 4 / FADE_FRAMES
    assert np.allclose(out[FADE_FRAMES:], loud[FADE_FRAMES:])


def test_playback_through_the_ring_allocates_nothing():
    ring = BlockRing(4, 480, 2)
    out = np.zeros((480, 2), dtype=np.float32)
    block = np.full((480, 2), 0.3, dtype=np.float32)
    for _ in range(3):  # warm numpy's caches for every path
        ring.push(block)
        ring.play_into(out)
        ring.play_into(out)
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        for _ in range(200):
            ring.push(block)
            ring.play_into(out)
            ring.play_into(out)  # an underrun after every block: both fades each time
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak - base < 1024  # numpy's call machinery, never a sample buffer (3.8 KB)

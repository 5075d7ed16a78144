"""The Mumble side's rules without a server: the floor's mixing and pacing in virtual time
(packets and times in, blocks out), and when languages can be whispered."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from audio.format import BLOCK
from channels.platforms.mumble.floor import (
    BLOCK_S,
    HOLD_MS,
    JITTER_WINDOW_S,
    MAX_AHEAD_MS,
    PAUSE_MS,
    ArrivalJitter,
    BlockClock,
    FloorMixer,
)
from channels.platforms.mumble.gateway import whispers_fit

HOLD_S = HOLD_MS / 1e3


def frames(*values: float) -> npt.NDArray[np.float32]:
    """Consecutive 10 ms frames, each constant: easy to tell apart in the mix."""
    return np.repeat(np.asarray(values, dtype=np.float32), BLOCK)


def run(mixer: FloorMixer, start: float, count: int) -> list[tuple[float, int]]:
    """Blocks due from ``start`` on: each block's value (all samples equal) and speaker count."""
    out = np.zeros(BLOCK, dtype=np.float32)
    blocks = []
    for k in range(count):
        speakers = mixer.mix(start + k * BLOCK_S, out)
        assert np.all(out == out[0])
        blocks.append((round(float(out[0]), 4), speakers))
    return blocks


def test_a_burst_plays_from_its_first_packet_plus_the_hold_one_frame_a_block():
    mixer = FloorMixer()
    mixer.heard(5, 100, frames(0.1, 0.2), arrival=1.0, last=False)
    mixer.heard(5, 102, frames(0.3, 0.4), arrival=1.02, last=True)
    before = run(mixer, 1.0, 2)  # within the hold: nothing yet
    after = run(mixer, 1.0 + HOLD_S, 5)
    assert [v for v, _ in before] == [0.0, 0.0]
    assert after == [(0.1, 1), (0.2, 1), (0.3, 1), (0.4, 1), (0.0, 0)]
    assert mixer.mixed == 4 and mixer.lost == mixer.late == mixer.underruns == 0


def test_packets_out_of_order_within_the_hold_play_in_their_place():
    mixer = FloorMixer()
    mixer.heard(5, 0, frames(0.1, 0.2), arrival=0.0, last=False)
    mixer.heard(5, 4, frames(0.5, 0.6), arrival=0.005, last=True)  # overtook the one before
    mixer.heard(5, 2, frames(0.3, 0.4), arrival=0.015, last=False)
    values = [v for v, _ in run(mixer, HOLD_S, 6)]
    assert values == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    assert mixer.lost == mixer.late == 0


def test_a_lost_packet_is_silence_and_one_after_its_turn_is_dropped():
    mixer = FloorMixer()
    mixer.heard(5, 0, frames(0.1, 0.2), arrival=0.0, last=False)
    mixer.heard(5, 4, frames(0.5, 0.6), arrival=0.04, last=True)
    values = [v for v, _ in run(mixer, HOLD_S, 4)]
    mixer.heard(5, 2, frames(0.3, 0.4), arrival=0.06, last=False)  # too late: 2 and 3 played
    values += [v for v, _ in run(mixer, HOLD_S + 4 * BLOCK_S, 3)]
    assert values == [0.1, 0.2, 0.0, 0.0, 0.5, 0.6, 0.0]
    assert mixer.lost == 2 and mixer.late == 2


def test_a_late_speaker_is_waited_for_and_then_plays_on():
    mixer = FloorMixer()
    mixer.heard(5, 0, frames(0.1, 0.2), arrival=0.0, last=False)
    values = [v for v, _ in run(mixer, HOLD_S, 4)]  # 2 and 3 are not here at their turn
    mixer.heard(5, 2, frames(0.3, 0.4), arrival=HOLD_S + 0.035, last=True)
    values += [v for v, _ in run(mixer, HOLD_S + 4 * BLOCK_S, 3)]
    assert values == [0.1, 0.2, 0.0, 0.0, 0.3, 0.4, 0.0]
    assert mixer.underruns == 2 and mixer.lost == mixer.late == 0


def test_a_burst_whose_terminator_was_lost_ends_after_a_pause_and_the_next_starts_afresh():
    mixer = FloorMixer()
    mixer.heard(5, 0, frames(0.1, 0.2), arrival=0.0, last=False)
    run(mixer, HOLD_S, round(PAUSE_MS / 10) + 1)
    again = 1.0
    mixer.heard(5, 500, frames(0.7, 0.8), arrival=again, last=True)
    assert [v for v, _ in run(mixer, again, 2)] == [0.0, 0.0]  # the hold again
    assert [v for v, _ in run(mixer, again + HOLD_S, 2)] == [0.7, 0.8]
    assert mixer.late == mixer.lost == 0


def test_a_speaker_whose_count_restarts_is_a_new_burst():
    mixer = FloorMixer()
    mixer.heard(5, 5000, frames(0.1, 0.2), arrival=0.0, last=False)
    run(mixer, HOLD_S, 2)
    mixer.heard(5, 0, frames(0.3, 0.4), arrival=0.05, last=True)  # its client reconnected
    assert [v for v, _ in run(mixer, 0.05 + HOLD_S, 2)] == [0.3, 0.4]
    assert mixer.late == 0


def test_a_speaker_far_ahead_is_caught_up_by_dropping_its_oldest_frames():
    mixer = FloorMixer()
    ahead = round(MAX_AHEAD_MS / 10)
    signal = frames(*(0.01 * (i + 1) for i in range(ahead + 10)))
    mixer.heard(5, 0, signal, arrival=0.0, last=True)  # a backlog all at once
    assert mixer.dropped == 10  # what is left spans less than MAX_AHEAD_MS
    assert run(mixer, HOLD_S, 1) == [(0.11, 1)]


def test_speakers_at_once_add_up_and_each_has_its_own_timeline():
    mixer = FloorMixer()
    mixer.heard(1, 0, frames(0.1, 0.1, 0.1, 0.1), arrival=0.0, last=True)
    mixer.heard(2, 900, frames(0.2, 0.2), arrival=0.02, last=True)
    blocks = run(mixer, HOLD_S, 5)
    assert blocks == [(0.1, 1), (0.1, 1), (0.3, 2), (0.3, 2), (0.0, 0)]
    assert mixer.speakers == 2 and mixer.most_at_once == 2


def test_a_speaker_who_left_is_forgotten_and_an_ended_connection_clears_all():
    mixer = FloorMixer()
    mixer.heard(1, 0, frames(0.1, 0.1), arrival=0.0, last=False)
    mixer.heard(2, 0, frames(0.2, 0.2), arrival=0.0, last=False)
    mixer.forget(1)
    assert run(mixer, HOLD_S, 1) == [(0.2, 1)]
    mixer.clear()
    assert run(mixer, HOLD_S + BLOCK_S, 1) == [(0.0, 0)]


def test_a_bare_terminator_ends_the_burst_where_it_says():
    mixer = FloorMixer()
    mixer.heard(1, 0, frames(0.1, 0.1), arrival=0.0, last=False)
    mixer.heard(1, 2, frames(), arrival=0.02, last=True)
    assert run(mixer, HOLD_S, 3) == [(0.1, 1), (0.1, 1), (0.0, 0)]
    assert mixer.underruns == 0


def test_the_hold_is_the_latest_packet_of_the_last_windows_and_the_default_until_measured():
    jitter = ArrivalJitter(HOLD_S, window_s=1.0)
    for m in range(50):  # a second of 20 ms packets, on time
        jitter.packet(2 * m, 0.02 * m)
    assert jitter.hold_s == HOLD_S, "not measured for a whole window yet"
    jitter.packet(100, 1.0 + 0.012)  # a new window, and a packet 12 ms late
    assert jitter.hold_s == pytest.approx(0.012)
    for m in range(51, 130):  # the next window began at 2.02 s
        jitter.packet(2 * m, 0.02 * m)
    assert jitter.hold_s == pytest.approx(0.012), "the window before is still counted"
    jitter.packet(260, 2.6 + 0.003)
    for m in range(131, 152):  # and the next at 3.02 s
        jitter.packet(2 * m, 0.02 * m)
    assert jitter.hold_s == pytest.approx(0.003)
    jitter.restart()  # a new talk burst numbers its packets from elsewhere: not late
    jitter.packet(9000, 3.5)
    assert jitter.hold_s == pytest.approx(0.003)
    jitter.packet(0, 9.0)  # after two windows of silence nothing is remembered
    assert jitter.hold_s == 0.0


def frame_value(n: int) -> float:
    """Frame ``n`` of :func:`talk`: every tenth is quiet, the others tell their number."""
    return 0.0 if n % 10 == 9 else 0.01 + n * 1e-5


def talk(mixer: FloorMixer, seconds: float, late: dict[int, float]) -> list[tuple[int, float]]:
    """One speaker's 20 ms packets, packet ``m`` ``late[m]`` s late (and those behind it: TCP),
    mixed on ticks 5 ms after each 10 ms: each loud frame played, and how long after it could
    first have played (its packet's time on time, 10 ms more for the second frame)."""
    arrivals, last = [], 0.0
    for m in range(round(seconds / 0.02)):
        last = max(last, 0.02 * m + late.get(m, 0.0))
        arrivals.append(last)
    played, m, out = [], 0, np.zeros(BLOCK, dtype=np.float32)
    for k in range(round(seconds / BLOCK_S)):
        now = 0.005 + k * BLOCK_S
        while m < len(arrivals) and arrivals[m] <= now:
            mixer.heard(
                7,
                2 * m,
                frames(frame_value(2 * m), frame_value(2 * m + 1)),
                arrivals[m],
                last=False,
            )
            m += 1
        mixer.mix(now, out)
        if out[0] != 0.0:
            n = round((float(out[0]) - 0.01) / 1e-5)
            played.append((n, now - n * BLOCK_S))
    return played


def test_a_speaker_waited_for_comes_back_to_its_hold_by_leaving_out_quiet_frames():
    mixer = FloorMixer()
    spike = 250  # the packet at 5 s comes 35 ms late
    played = talk(mixer, 12.0, {spike: 0.035})
    wait = dict(played)
    loud = [n for n in range(2 * round(12.0 / 0.02)) if frame_value(n) != 0.0]
    assert [n for n, _ in played] == loud[: len(played)], "every loud frame, in its order"
    assert mixer.lost == mixer.late == mixer.dropped == 0
    assert wait[0] == pytest.approx(HOLD_S + 0.005), "the hold not measured yet, then the tick"
    settled = round(2 * JITTER_WINDOW_S / BLOCK_S) + 20
    assert wait[settled] == pytest.approx(0.005), "on-time packets need no hold"
    assert mixer.underruns == 3  # the late packet is waited for: the speaker 30 ms later
    assert wait[2 * spike] == pytest.approx(0.035)
    assert wait[2 * spike + 100] == pytest.approx(0.035), (
        "the hold kept while the lateness is remembered"
    )
    assert wait[2 * spike + settled] == pytest.approx(0.005), "and back after it"
    assert mixer.shortened == 2 + 3, "one quiet frame left out for each 10 ms waited"


def test_the_block_clock_gives_each_block_at_its_time_without_drift():
    clock = BlockClock(10.0)
    assert clock.take(9.999) is None and clock.next == 10.0
    assert clock.take(10.0) == 10.0
    assert clock.take(10.005) is None
    due = []
    while (t := clock.take(10.0 + 3 * BLOCK_S + 0.001)) is not None:  # woke up late: catch up
        due.append(t)
    assert due == pytest.approx([10.01, 10.02, 10.03])
    later = [clock.take(10.0 + k * BLOCK_S) for k in range(4, 1004)]
    assert later[-1] == pytest.approx(10.0 + 1003 * BLOCK_S, abs=1e-9)
    assert clock.skipped == 0


def test_the_block_clock_skips_what_a_stall_left_far_behind():
    clock = BlockClock(0.0, max_behind=5)
    clock.take(0.0)
    due = []
    while (t := clock.take(1.0)) is not None:  # a second of stall
        due.append(t)
    assert clock.skipped == 99 and due == pytest.approx([1.0])
    assert clock.next == pytest.approx(1.01)


@pytest.mark.parametrize(
    ("limit", "languages", "whispered"),
    [
        (None, 5, True),  # no limit announced
        (72_000, 1, True),  # murmurd's default: one language gets 56.4 kb/s
        (72_000, 2, False),  # 20.4 kb/s each
        (130_000, 2, True),  # 49.4 kb/s each
        (130_000, 3, False),  # 27.7 kb/s each
    ],
)
def test_languages_are_whispered_while_each_share_of_the_limit_is_enough(
    limit, languages, whispered
):
    assert whispers_fit(limit, languages, 20) is whispered

"""Playout without glitches (issue 15, item 1): the receive path in virtual time, real Opus.

Real speech (and a tone) through the floor microphone's path, given arrival times that
model a link, played by the console's receive path (:func:`tests.rig.chain.play_out`:
jitter buffer, decoder, time-scaler). The buffer keeps its delay by stretching and
shrinking the decoded audio; only a packet that is missing is concealed.
"""

from __future__ import annotations

import numpy as np
import pytest

from audio.commands import PlayoutCounts
from audio.figures import playout_counts
from audio.format import BLOCK, SAMPLE_RATE
from audio.receive import START_TARGET_MS
from bench.speech_quality import load_clip
from channels.rtp import audio_level, read
from tests.audio.test_timescale import thd_n_db
from tests.rig.chain import F32, F64, FRAME_S, Playback, lag, mic_packets, play_out
from tests.rig.dspkit import sine

ONE_WAY_S = 0.0213
SECONDS = 8.0


def events(played: Playback) -> PlayoutCounts:
    return playout_counts([played.stats])


@pytest.fixture(scope="module")
def packets() -> list[bytes]:
    """The English clip (up to 8 s), as the floor's microphone sends it."""
    speech = load_clip("en")
    return mic_packets(
        speech[: min(speech.size, round(SECONDS * SAMPLE_RATE)) // BLOCK * BLOCK], 0x5EED
    )


def arrivals(count: int, *, rate: float = 1.0, late: F64 | None = None) -> F64:
    """Arrival times, in order as TCP hands them over: the sender's clock ``rate`` times the
    listener's, each packet ``late`` seconds later than the path's own delay."""
    sent = np.arange(count) * FRAME_S * rate + ONE_WAY_S
    return np.maximum.accumulate(sent + (late if late is not None else 0.0))


def play(packets: list[bytes], times: F64, *, start_target_ms: float = 0.0) -> Playback:
    """The stream played from the first packet's own delay (``start_target_ms`` 0), as by a
    buffer that knows the link, unless a start target is given."""
    return play_out(
        packets,
        times,
        start=0.0,
        limit_s=len(packets) * FRAME_S * 1.1 + 1.0,
        start_target_ms=start_target_ms,
    )


def held_back(count: int, late: dict[int, float]) -> F64:
    """Each packet ``late[k]`` seconds late (a retransmission), and the ones behind it held."""
    extra = np.zeros(count)
    for k, seconds in late.items():
        extra[k] = seconds
    return arrivals(count, late=extra)


def test_a_new_stream_starts_at_the_start_target_and_sheds_it_in_pauses(
    packets: list[bytes],
) -> None:
    played = play(packets, arrivals(len(packets)), start_target_ms=START_TARGET_MS)
    found = events(played)
    assert (found.concealed, found.dropped, found.underruns, found.stretched) == (0, 0, 0, 0)
    _, delays = played.since(0)
    assert delays[0] >= START_TARGET_MS
    assert delays[-1] < delays[0] - 20
    assert_changed_in_pauses(played, packets)


def assert_changed_in_pauses(played: Playback, packets: list[bytes]) -> None:
    """Each change of delay (a stretch or a shrink) is in a pause: the frame played and the
    four before it are quiet."""
    quiet = np.array([audio_level_of(p) >= 50 for p in packets])
    step = np.diff(played.delays_ms)
    for tick in np.flatnonzero((np.abs(step) > 1.0) & (np.abs(step) < 16.0)) + 1:
        k = int(played.counts[tick, 0]) - 1
        assert quiet[max(0, k - 4) : k + 1].all(), (tick, k, step[tick - 1])


@pytest.mark.parametrize("start_target_ms", [0.0, START_TARGET_MS])
def test_a_first_late_retransmission_is_met_by_the_start_target(
    packets: list[bytes], start_target_ms: float
) -> None:
    """35 ms late 1.5 s in (a loss TCP recovered fast): concealed from a standing start,
    covered by the start target."""
    played = play(packets, held_back(len(packets), {150: 0.035}), start_target_ms=start_target_ms)
    found = events(played)
    if start_target_ms:
        assert found.concealed == 0
    else:
        assert found.concealed >= 3
    assert played.stats.played == len(packets)


def test_a_late_packet_raises_the_target_to_twice_its_lateness(packets: list[bytes]) -> None:
    """A first retransmission 50 ms late is concealed; then the target covers 100 ms at once,
    so one lost again (95 ms late) 4 s later is not, and the margin is stretched in pauses."""
    played = play(packets, held_back(len(packets), {100: 0.050, 500: 0.095}))
    found = events(played)
    assert (found.underruns, found.concealed, found.dropped) == (1, 5, 0)
    # Twice 50 ms, to the float rounding of lateness from random RTP timestamps (~1e-9 ms).
    assert played.stats.target_ms >= 100 - 1e-6
    assert played.stats.played == len(packets)
    assert found.stretched > 0
    assert_changed_in_pauses(played, packets)


def audio_level_of(packet: bytes) -> int:
    _, _, _, _, csrcs, start, _ = read(packet)
    level = audio_level(packet, csrcs, start)
    assert level is not None
    return level & 0x7F


def test_a_steady_clean_stream_plays_untouched(packets: list[bytes]) -> None:
    played = play(packets, arrivals(len(packets)))
    assert events(played) == PlayoutCounts() and played.stats.lost == 0
    assert played.stats.played == len(packets)


@pytest.mark.parametrize("rate", [0.995, 1.005])
def test_a_drifting_sender_clock_is_absorbed_by_stretch_and_shrink(
    packets: list[bytes], rate: float
) -> None:
    """0.5 % apart (far worse than real clocks): 40 ms over the 8 s, and no frame lost."""
    played = play(packets, arrivals(len(packets), rate=rate))
    found = events(played)
    assert (found.concealed, found.dropped, found.underruns, played.stats.lost) == (0, 0, 0, 0)
    assert played.stats.played == len(packets)
    assert (found.shrunk if rate < 1 else found.stretched) >= 5
    _, delays = played.since(0)
    assert np.all(delays < played.stats.target_ms + 25)


def test_a_burst_of_ever_later_packets_is_stretched_not_concealed(
    packets: list[bytes],
) -> None:
    """A queue builds up over 1.5 s to 30 ms and drains again (a busy sender or hub)."""
    k = np.arange(len(packets))
    late = 0.030 * np.clip(np.minimum((k - 400) / 150, (700 - k) / 150), 0, 1)
    played = play(packets, arrivals(len(packets), late=late))
    found = events(played)
    assert (found.concealed, found.dropped, found.underruns, played.stats.lost) == (0, 0, 0, 0)
    assert found.stretched >= 5
    assert played.stats.played == len(packets)


def test_a_lost_packet_is_concealed_once(packets: list[bytes]) -> None:
    kept = [p for i, p in enumerate(packets) if i != 500]
    times = np.delete(arrivals(len(packets)), 500)
    played = play(kept, times)
    found = events(played)
    # Until the next packet comes the buffer is empty, which it counts as an underrun.
    assert (found.concealed, played.stats.lost, found.dropped) == (1, 1, 0)
    assert found.underruns <= 1


def test_a_stretched_and_shrunk_tone_keeps_its_shape() -> None:
    """A 220 Hz tone, its sender 1 % slow then 3 % fast (a tone has no pause, and sound is
    shrunk only past 30 ms above the aim): each change is a whole period, so what the tone
    loses to distortion stays far under what Opus itself costs it."""
    tone: F32 = sine(220.0, 5.0, amplitude=0.3)
    sent = mic_packets(tone, 0x70E)
    half = len(sent) // 2
    k = np.arange(len(sent))
    drift = np.where(k < half, k * 0.01, half * 0.01 - (k - half) * 0.03) * FRAME_S
    scaled = play(sent, arrivals(len(sent), late=drift))
    clean = play(sent, arrivals(len(sent)))
    found = events(scaled)
    assert found.stretched >= 3 and found.shrunk >= 1
    assert (found.concealed, found.dropped, found.underruns) == (0, 0, 0)
    skip = SAMPLE_RATE // 2  # the fade-in at the start
    overall, worst = thd_n_db(scaled.pcm[skip:], 220.0)
    reference, reference_worst = thd_n_db(clean.pcm[skip:], 220.0)
    assert overall < reference + 1.0  # measured: -41.1 dB against -41.4 dB untouched
    assert worst < reference_worst + 3.0  # in the worst 20 ms: -37.3 dB against -37.6 dB


def test_after_a_queue_a_clean_stream_is_heard_at_the_target(packets: list[bytes]) -> None:
    """A queue of 12 ms builds up and drains in the first 2 s, then the link is clean: the
    stretch that met it must not stay in the delay heard (measured from the audio, against
    the same stream played on a clean link), beyond what the 10 ms ticks impose."""
    k = np.arange(len(packets))
    late = 0.012 * np.clip(np.minimum((k - 100) / 50, (200 - k) / 50), 0, 1)
    played = play(packets, arrivals(len(packets), late=late))
    clean = play(packets, arrivals(len(packets)))
    assert played.stats.stretched >= 1
    target = played.stats.target_ms
    clean_ms = float(np.nanmedian(clean.delays_ms))  # the ticks' phase: 10 - 1.3 ms
    # The lowest delay the ticks allow with the buffer's margin (a shortest period) above target:
    floor_ms = clean_ms + FRAME_S * 1000 * np.ceil((target + 2.5 - clean_ms) / (FRAME_S * 1000))
    for at in np.arange(5.0, 7.5, 0.5):  # steady state: seconds after the queue drained
        window = slice(round(at * SAMPLE_RATE), round((at + 0.5) * SAMPLE_RATE))
        heard_ms = clean_ms + lag(clean.pcm[window], played.pcm[window]) * 1000 / SAMPLE_RATE
        # Less than a shortest period left over (nothing shorter can be cut out).
        assert floor_ms - 0.1 <= heard_ms < floor_ms + 2.5, (at, heard_ms, target)
        tick = round(at / FRAME_S)
        figures = played.delays_ms[tick : tick + 50]
        assert np.allclose(figures[~np.isnan(figures)], heard_ms, atol=0.1)  # what it reports

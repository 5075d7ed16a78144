"""The device gateway's loop detector, in virtual time (10 ms blocks are the clock).

The signals: the synthetic speech of the hearing-protection tests and espeak-ng
speech; a loop goes through real libopus at a video-call bitrate (VOIP mode,
24 kb/s, the band a platform's speech codec keeps), is attenuated as a
platform's mix does, and is mixed with other floor speech.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from audio.devicegateway.loop import CONFIRM, HOP_S, WINDOW_S, Loop, LoopDetector
from audio.format import BLOCK, SAMPLE_RATE
from audio.opus import Application, Decoder, Encoder
from tests.audio.protection.test_chain import espeak_speech as espeak_speech  # fixture
from tests.audio.protection.test_chain import speech_like

F32 = npt.NDArray[np.float32]


def speech(seconds: float, seed: int, rms_db: float = -26.0) -> F32:
    x = speech_like(seconds, seed=seed)
    return (x * 10 ** (rms_db / 20) / np.sqrt(np.mean(x**2))).astype(np.float32)


def through_platform(x: F32, delay_s: float, gain_db: float) -> F32:
    """``x`` as a platform gives it back: Opus at 24 kb/s, ``gain_db``, ``delay_s`` later."""
    encoder = Encoder(frame_ms=20, application=Application.VOIP, bitrate=24_000)
    decoder = Decoder(frame_ms=20)
    frame = encoder.frame_samples
    coded = np.concatenate(
        [decoder.decode(encoder.encode(x[i : i + frame])).copy() for i in range(0, x.size, frame)]
    )
    delayed = np.concatenate([np.zeros(round(delay_s * SAMPLE_RATE), np.float32), coded])
    return (delayed[: x.size] * 10 ** (gain_db / 20)).astype(np.float32)


def run(detector: LoopDetector, outputs: dict[str, F32], floor: F32) -> list[tuple[float, Loop]]:
    """Feed both in step, block by block; each loop found with the time it was found."""
    found = []
    for k in range(floor.size // BLOCK):
        for channel, x in outputs.items():
            detector.output(channel, x[k * BLOCK : (k + 1) * BLOCK])
        detector.floor(floor[k * BLOCK : (k + 1) * BLOCK])
        found += [((k + 1) * BLOCK / SAMPLE_RATE, loop) for loop in detector.loops_found()]
    return found


@pytest.mark.parametrize("delay_s", [0.04, 0.18, 0.45])
def test_a_channel_coming_back_in_the_floor_is_found_with_its_delay(delay_s: float) -> None:
    fr, en = speech(8.0, seed=1), speech(8.0, seed=2)
    start = 2.0  # the loop closes 2 s in: the floor was other speech before that
    looped = through_platform(fr, delay_s, gain_db=-6.0)
    looped[: round(start * SAMPLE_RATE)] = 0.0
    floor = speech(8.0, seed=3, rms_db=-32.0) + looped  # the other floor speech as loud as the loop
    found = run(LoopDetector(["fr", "en"]), {"fr": fr, "en": en}, floor)
    assert len(found) == 1
    at, loop = found[0]
    assert loop.channel == "fr"
    assert loop.delay_s == pytest.approx(delay_s, abs=0.01)  # plus Opus's 6.5 ms look-ahead
    assert loop.similarity >= 0.5
    # found once the window holds the loop, confirmed CONFIRM hops later (one hop of slack)
    assert at - start - delay_s <= WINDOW_S + (CONFIRM + 1) * HOP_S


def test_unrelated_speech_on_both_is_no_loop(espeak_speech: npt.NDArray[np.float64]) -> None:
    seconds = 20.0
    channels = {"fr": speech(seconds, seed=4), "de": speech(seconds, seed=5, rms_db=-18.0)}
    voice = espeak_speech[: round(seconds * SAMPLE_RATE)]
    floor = np.zeros(round(seconds * SAMPLE_RATE), np.float32)
    floor[: voice.size] = 0.1 * voice / np.sqrt(np.mean(voice**2))
    floor += speech(seconds, seed=6, rms_db=-30.0)
    assert run(LoopDetector(channels), channels, floor) == []


def test_a_channel_that_passes_the_floor_on_is_no_loop() -> None:
    # a hub gives a channel with no interpreter the floor: that output follows the floor
    floor = speech(10.0, seed=7)
    passed_on = np.concatenate([np.zeros(round(0.12 * SAMPLE_RATE), np.float32), floor])
    assert run(LoopDetector(["fr"]), {"fr": passed_on[: floor.size]}, floor) == []


def test_a_silent_channel_and_a_silent_floor_are_no_loop() -> None:
    silence = np.zeros(5 * SAMPLE_RATE, np.float32)
    assert run(LoopDetector(["fr"]), {"fr": silence}, speech(5.0, seed=8)) == []
    assert run(LoopDetector(["fr"]), {"fr": speech(5.0, seed=8)}, silence) == []


@pytest.mark.parametrize("round_trip_s", [0.37, 1.4])
def test_a_repetitive_floor_passed_on_to_a_channel_is_no_loop(round_trip_s: float) -> None:
    # bursts every 0.5 s: the channel's copy, round_trip_s late, also precedes a later burst
    t = np.arange(round(0.1 * SAMPLE_RATE)) / SAMPLE_RATE
    floor = np.zeros(10 * SAMPLE_RATE, np.float32)
    for start in range(SAMPLE_RATE // 2, floor.size - t.size, SAMPLE_RATE // 2):
        floor[start : start + t.size] = 0.1 * np.sin(2 * np.pi * 1000 * t)
    passed_on = through_platform(floor, round_trip_s, gain_db=0.0)
    assert run(LoopDetector(["fr"]), {"fr": passed_on}, floor) == []


def test_a_loop_is_found_while_the_floor_repeats_itself() -> None:
    # the interpreter speaks on fr, the floor is bursts and fr looped back 100 ms later
    t = np.arange(round(0.1 * SAMPLE_RATE)) / SAMPLE_RATE
    floor = np.zeros(8 * SAMPLE_RATE, np.float32)
    for start in range(SAMPLE_RATE // 2, floor.size - t.size, SAMPLE_RATE // 2):
        floor[start : start + t.size] = 0.03 * np.sin(2 * np.pi * 1000 * t)
    fr = speech(8.0, seed=10)
    found = run(LoopDetector(["fr"]), {"fr": fr}, floor + through_platform(fr, 0.1, -6.0))
    assert [loop.channel for _, loop in found] == ["fr"]

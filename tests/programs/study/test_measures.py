"""The study's measures against signals whose answer is known: speech, tones, scripted logs."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile

from audio.format import SAMPLE_RATE
from audio.protection import Calibration
from audio.protection.calibration import calibration_tone
from programs.study.measures import (
    a_weighting_db,
    ear_voice_span,
    intersection,
    laeq,
    off_air_speech,
    overlap_share,
    reaction_times,
    silences,
    speech_segments,
)
from resources import SPEECH


def speech(language: str = "en") -> np.ndarray:
    samples, rate = soundfile.read(SPEECH / f"{language}.ogg", dtype="float32")
    assert rate == SAMPLE_RATE
    return np.asarray(samples)


def test_voice_activity_finds_bursts_to_the_frame() -> None:
    rng = np.random.default_rng(1)
    x = np.zeros(3 * SAMPLE_RATE, dtype=np.float32)
    bursts = [(0.20, 0.60), (1.00, 1.90), (2.40, 2.45)]  # the last is a click: too short
    for start, end in bursts:
        a, b = int(start * SAMPLE_RATE), int(end * SAMPLE_RATE)
        x[a:b] = 0.1 * rng.standard_normal(b - a)
    x += 1e-4 * rng.standard_normal(len(x)).astype(np.float32)
    found = speech_segments(x)
    assert len(found) == 2
    for (start, end), (want_start, want_end) in zip(found, bursts[:2], strict=True):
        assert abs(start - want_start) <= 0.011 and abs(end - want_end) <= 0.011
    # Pauses shorter than the bridge are inside one utterance.
    assert len(speech_segments(x, bridge_s=0.5)) == 1


@pytest.mark.parametrize("lag", [0.8, 2.5])
def test_ear_voice_span_of_a_delayed_rendering_is_its_delay(lag: float) -> None:
    pause = np.zeros(SAMPLE_RATE, np.float32)
    floor = np.concatenate([speech("en"), pause, speech("ru"), pause, speech("es"), 4 * pause])
    voice = np.zeros_like(floor)
    shift = int(lag * SAMPLE_RATE)
    voice[shift:] = 0.3 * floor[: len(floor) - shift]  # quieter, as a booth microphone is
    floor_segments, voice_segments = speech_segments(floor), speech_segments(voice)
    assert len(floor_segments) >= 4
    spans = ear_voice_span([s for s, _ in floor_segments], [s for s, _ in voice_segments])
    assert len(spans) == len(floor_segments)
    assert all(abs(span.lag - lag) <= 0.02 for span in spans), spans
    # The interpreter who never speaks has no span, rather than a wrong one.
    assert ear_voice_span([s for s, _ in floor_segments], []) == []


def test_silences_overlaps_and_off_air_speech() -> None:
    floor = [(0.0, 10.0), (12.0, 20.0)]
    voice = [(1.0, 4.0), (7.0, 9.0), (16.5, 21.0)]
    assert silences(voice, floor) == [(4.0, 7.0), (12.0, 16.5)]
    assert intersection(floor, [(5.0, 13.0), (19.0, 30.0)]) == [
        (5.0, 10.0),
        (12.0, 13.0),
        (19.0, 20.0),
    ]
    assert overlap_share(voice, floor) == pytest.approx((3 + 2 + 3.5) / 9.5)
    assert overlap_share([], floor) == 0.0
    on_air = [(0.5, 8.0), (16.0, 22.0)]
    assert off_air_speech(voice, on_air) == [(8.0, 9.0)]


def test_reaction_times_take_the_first_answer_and_count_misses() -> None:
    events = [
        (1, 10.0, "floor_language", ("source_relay", "relay_set")),
        (2, 20.0, "impair", ()),
        (3, 30.0, "handover_request", ("handover_accept",)),
    ]
    actions = [(9.0, "relay_set"), (11.2, "volume_up"), (12.4, "relay_set"), (13.0, "source_relay")]
    reactions = reaction_times(events, actions)
    assert [(r.event_index, r.seconds, r.action) for r in reactions] == [
        (1, pytest.approx(2.4), "relay_set"),
        (3, None, None),
    ]


def test_laeq_follows_the_calibration_and_the_a_curve() -> None:
    assert abs(float(a_weighting_db([1000.0])[0])) < 0.01
    assert float(a_weighting_db([100.0])[0]) == pytest.approx(-19.1, abs=0.1)
    calibration = Calibration(100.0)
    tone = calibration_tone(-20.0, 2 * SAMPLE_RATE)
    assert laeq(tone, calibration) == pytest.approx(80.0, abs=0.05)
    low = calibration_tone(-20.0, 2 * SAMPLE_RATE, frequency_hz=100.0)
    assert laeq(low, calibration) == pytest.approx(80.0 - 19.1, abs=0.2)
    one_ear = np.stack([tone, np.zeros_like(tone)], axis=1)
    assert laeq(one_ear, calibration) == pytest.approx(77.0, abs=0.05)
    with pytest.raises(ValueError, match="empty"):
        laeq(np.zeros(0, np.float32), calibration)

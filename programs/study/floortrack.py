"""The floor a study plays: the scenario's audio files on one track, with its sound events.

:func:`floor_track` places each ``[[floor]]`` file at its time and applies the
timeline's events that happen to the floor's sound itself: ``degrade``
(telephone band, too quiet, clipping, noise), ``howl`` and ``burst``. The
result is what the floor source plays, so every participant of every
session hears the same degradation at the same moment, and the researcher
keeps the track as the reference the measures compare with.
:func:`floor_words` puts the floor's transcripts on the same clock.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
import soundfile

from audio.format import SAMPLE_RATE
from programs.study.scenario import Scenario, ScriptedEvent, Word

Samples = npt.NDArray[np.float32]

FLOOR_WORDS: Final = "floor_words.tsv"
"""A session's file of the floor's transcribed words on its clock (``start<TAB>end<TAB>word``)."""

TELEPHONE_HZ = (300.0, 3400.0)
"""The telephone band a ``degrade`` of mode ``telephone`` keeps."""
QUIET_DB = -20.0
"""How much a ``quiet`` floor loses."""
CLIPPING_DRIVE_DB = 20.0
"""How hard a ``clipping`` floor is driven into the ceiling."""
CLIP_AT = 0.25
NOISE_DBFS = -30.0
"""The level (RMS) of the noise a ``noise`` floor gets."""
HOWL_HZ = 2500.0
HOWL_DBFS = -12.0
BURST_S = 0.2


class FloorTrackError(ValueError):
    """A floor file cannot be used; the message names it and says why."""


def floor_track(scenario: Scenario, *, seed: int = 0) -> Samples:
    """The whole floor, ``scenario.duration_s`` long, mono at :data:`SAMPLE_RATE`."""
    track = np.zeros(round(scenario.duration_s * SAMPLE_RATE), dtype=np.float32)
    for part in scenario.floor:
        try:
            audio, rate = soundfile.read(part.file, dtype="float32", always_2d=True)
        except (OSError, RuntimeError, soundfile.LibsndfileError) as exc:
            raise FloorTrackError(f"{part.file}: cannot read it as audio ({exc})") from None
        if rate != SAMPLE_RATE:
            raise FloorTrackError(
                f"{part.file}: it is at {rate} Hz; convert it to {SAMPLE_RATE} Hz "
                f"(sox in.wav -r {SAMPLE_RATE} out.wav)"
            )
        start = round(part.at * SAMPLE_RATE)
        mono = audio.mean(axis=1)[: max(0, len(track) - start)]
        track[start : start + len(mono)] += mono
    rng = np.random.default_rng(seed)
    for event in scenario.timeline:
        _apply(track, event, rng)
    return track


def floor_words(scenario: Scenario) -> tuple[list[Word], list[tuple[float, float]]]:
    """The floor's transcribed words on the session's clock (each part's shifted by its
    ``at``, those after the end left out), sorted; and where the floor is transcribed
    (each such part's ``at`` to its file's end, or the session's)."""
    words: list[Word] = []
    covered: list[tuple[float, float]] = []
    for part in scenario.floor:
        if part.transcript is None:
            continue
        try:
            length = soundfile.info(str(part.file)).duration
        except (OSError, RuntimeError, soundfile.LibsndfileError) as exc:
            raise FloorTrackError(f"{part.file}: cannot read it as audio ({exc})") from None
        covered.append((part.at, min(scenario.duration_s, part.at + length)))
        words += [
            (part.at + start, part.at + end, word)
            for start, end, word in part.words
            if part.at + start < scenario.duration_s
        ]
    return sorted(words), covered


def _span(track: Samples, event: ScriptedEvent, seconds: float) -> slice:
    start = round(event.at * SAMPLE_RATE)
    return slice(start, min(len(track), start + round(seconds * SAMPLE_RATE)))


def _apply(track: Samples, event: ScriptedEvent, rng: np.random.Generator) -> None:
    name = event.kind.name
    if name == "degrade":
        part = track[_span(track, event, float(event.values["seconds"]))]
        mode = event.values["mode"]
        if mode == "telephone":
            part[:] = band_pass(part, *TELEPHONE_HZ)
        elif mode == "quiet":
            part *= 10.0 ** (QUIET_DB / 20.0)
        elif mode == "clipping":
            np.clip(part * 10.0 ** (CLIPPING_DRIVE_DB / 20.0), -CLIP_AT, CLIP_AT, out=part)
        else:
            noise = rng.standard_normal(len(part)).astype(np.float32)
            part += noise * 10.0 ** (NOISE_DBFS / 20.0)
    elif name == "howl":
        part = track[_span(track, event, float(event.values["seconds"]))]
        t = np.arange(len(part)) / SAMPLE_RATE
        amplitude = np.sqrt(2.0) * 10.0 ** (HOWL_DBFS / 20.0)
        rise = np.minimum(1.0, t / 0.5)  # a howl builds up
        part += (amplitude * rise * np.sin(2 * np.pi * HOWL_HZ * t)).astype(np.float32)
    elif name == "burst":
        part = track[_span(track, event, BURST_S)]
        peak = 10.0 ** (float(event.values["level_db"]) / 20.0)
        noise = rng.uniform(-peak, peak, len(part)).astype(np.float32)
        part[:] = noise


def band_pass(samples: Samples, low_hz: float, high_hz: float) -> Samples:
    """``samples`` with only ``low_hz``..``high_hz`` kept (an ideal filter, in one FFT)."""
    spectrum = np.fft.rfft(samples)
    freqs = np.fft.rfftfreq(len(samples), 1.0 / SAMPLE_RATE)
    spectrum[(freqs < low_hz) | (freqs > high_hz)] = 0.0
    return np.fft.irfft(spectrum, len(samples)).astype(np.float32)

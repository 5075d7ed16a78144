"""What a study measures, from the recorded tracks and logs: pure functions, no I/O.

Every function takes what was recorded (samples at :data:`audio.format.SAMPLE_RATE`,
times in seconds on the session's one clock) and returns plain figures the
report plots and writes to CSV:

- :func:`speech_segments`: where someone speaks (voice activity, 10 ms frames);
- :func:`ear_voice_span`: the lag from each floor utterance to the interpreter's
  rendering of it, over time; the floor's onsets from voice activity or, where
  there is one, the transcript (:func:`utterances`, :func:`floor_onsets`);
- :func:`silences` and :func:`overlap_share`: the interpreter's long silences
  while the floor speaks (:func:`intersection`: while they have the air), and
  how much of their speech overlaps the floor's;
- :func:`reaction_times`: from each scripted event to the first action that
  answers it (:attr:`~programs.study.scenario.EventKind.answered_by`), or a miss;
- :func:`off_air_speech`: speech while the microphone was off (an error);
- :func:`laeq`: the A-weighted equivalent level the interpreter was exposed to.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import SAMPLE_RATE
from audio.protection import Calibration

FRAME_S: Final = 0.010
"""Voice activity is decided per 10 ms frame, so onsets are known to 10 ms."""
BRIDGE_S: Final = 0.3
"""Pauses shorter than this are inside an utterance (voice activity and transcripts alike)."""
MAX_EVS_S: Final = 10.0
"""An interpreter more than 10 s behind has lost the thread: no pairing beyond that."""

Segment = tuple[float, float]
"""(start, end) in seconds."""


@dataclass(frozen=True, slots=True)
class Span:
    """The interpreter started rendering the floor utterance at ``floor_at`` ``lag`` s later."""

    floor_at: float
    lag: float


@dataclass(frozen=True, slots=True)
class Reaction:
    """How a scripted event was answered: ``seconds`` None means it never was (a miss)."""

    event_index: int
    event_at: float
    kind: str
    seconds: float | None
    action: str | None


def frame_levels_db(samples: npt.ArrayLike, rate: int = SAMPLE_RATE) -> npt.NDArray[np.float64]:
    """Mean-square level of each 10 ms frame in dBFS (a partial last frame is dropped)."""
    x = np.asarray(samples, dtype=np.float64)
    if x.ndim == 2:
        x = x.mean(axis=1)
    size = round(rate * FRAME_S)
    frames = len(x) // size
    power = np.square(x[: frames * size]).reshape(frames, size).mean(axis=1)
    return np.asarray(10.0 * np.log10(np.maximum(power, 1e-12)), dtype=np.float64)


def speech_segments(
    samples: npt.ArrayLike,
    rate: int = SAMPLE_RATE,
    *,
    below_peak_db: float = 35.0,
    floor_db: float = -60.0,
    bridge_s: float = BRIDGE_S,
    shortest_s: float = 0.1,
) -> list[Segment]:
    """Where the track holds speech: frames within ``below_peak_db`` of its loud frames.

    The threshold follows the track (its 95th-percentile frame level minus
    ``below_peak_db``, never under ``floor_db``), so a quiet booth microphone
    and a loud floor are judged alike. Pauses shorter than ``bridge_s`` (the
    gaps inside words and between them) are bridged, so a segment is an
    utterance; bursts shorter than ``shortest_s`` (clicks) are dropped.
    """
    levels = frame_levels_db(samples, rate)
    if len(levels) == 0:
        return []
    threshold = max(float(np.percentile(levels, 95)) - below_peak_db, floor_db)
    active = levels > threshold
    frames: list[tuple[int, int]] = []
    bridge, shortest = round(bridge_s / FRAME_S), round(shortest_s / FRAME_S)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], active.astype(np.int8), [0]))))
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if frames and start - frames[-1][1] < bridge:
            frames[-1] = (frames[-1][0], end)
        else:
            frames.append((start, end))
    return [(a * FRAME_S, b * FRAME_S) for a, b in frames if b - a >= shortest]


def utterances(
    words: Iterable[tuple[float, float, str]], *, bridge_s: float = BRIDGE_S
) -> list[Segment]:
    """A transcript's utterances: its words (start, end, word), sorted, joined across
    pauses shorter than ``bridge_s``, as :func:`speech_segments` bridges voice activity."""
    found: list[Segment] = []
    for start, end, _ in sorted(words):
        if found and start - found[-1][1] < bridge_s:
            found[-1] = (found[-1][0], max(found[-1][1], end))
        else:
            found.append((start, end))
    return found


def floor_onsets(
    heard: Sequence[float], spoken: Sequence[Segment], transcribed: Sequence[Segment]
) -> tuple[list[float], str]:
    """The floor utterances' onsets an ear-voice span is measured from, and their source.

    Where the floor is ``transcribed`` (intervals), the onsets of the transcript's
    utterances ``spoken`` (:func:`utterances`, on the session's clock); elsewhere those
    ``heard`` (voice activity of what the interpreter heard). The source is
    "transcript", "voice activity", or "transcript, voice activity elsewhere".
    """

    def covered(at: float) -> bool:
        return any(start <= at < end for start, end in transcribed)

    from_words = [start for start, _ in spoken if covered(start)]
    from_voice = [at for at in heard if not covered(at)]
    if not transcribed:
        source = "voice activity"
    elif from_voice:
        source = "transcript, voice activity elsewhere"
    else:
        source = "transcript"
    return sorted(from_words + from_voice), source


def ear_voice_span(
    floor_onsets: Sequence[float], voice_onsets: Sequence[float], *, longest: float = MAX_EVS_S
) -> list[Span]:
    """Pair each floor utterance's onset with the interpreter's next onset, in order.

    ``floor_onsets`` come from :func:`speech_segments` of the floor or, better,
    from the transcript's sentence starts; ``voice_onsets`` from the
    interpreter's microphone. Pairing is monotonic (the interpreter renders
    the floor in order) and one-to-one; a floor utterance the interpreter did
    not start within ``longest`` seconds (or that was merged with the next in
    their rendering) is left out rather than given a wrong lag.
    """
    spans: list[Span] = []
    voices = sorted(voice_onsets)
    j = 0
    for at in sorted(floor_onsets):
        while j < len(voices) and voices[j] < at:
            j += 1
        if j == len(voices):
            break
        if voices[j] - at <= longest:
            spans.append(Span(at, voices[j] - at))
            j += 1
    return spans


def silences(
    voice: Sequence[Segment], floor: Sequence[Segment], *, longest_pause: float = 2.0
) -> list[Segment]:
    """The interpreter's silences of at least ``longest_pause`` s while the floor spoke."""
    gaps: list[Segment] = []
    previous_end = 0.0
    for start, end in [*sorted(voice), (math.inf, math.inf)]:
        for floor_start, floor_end in floor:
            lo, hi = max(previous_end, floor_start), min(start, floor_end)
            if hi - lo >= longest_pause:
                gaps.append((lo, hi))
        previous_end = max(previous_end, end)
    return sorted(gaps)


def intersection(first: Sequence[Segment], second: Sequence[Segment]) -> list[Segment]:
    """The times in both ``first`` and ``second`` (each a list of disjoint segments)."""
    both = [(max(a, c), min(b, d)) for a, b in first for c, d in second if max(a, c) < min(b, d)]
    return sorted(both)


def overlap_share(voice: Sequence[Segment], floor: Sequence[Segment]) -> float:
    """Share (0..1) of the interpreter's speaking time during which the floor also spoke."""
    spoken = sum(end - start for start, end in voice)
    if spoken <= 0:
        return 0.0
    both = sum(
        max(0.0, min(v_end, f_end) - max(v_start, f_start))
        for v_start, v_end in voice
        for f_start, f_end in floor
    )
    return both / spoken


def reaction_times(
    events: Iterable[tuple[int, float, str, Sequence[str]]],
    actions: Sequence[tuple[float, str]],
    *,
    patience: float = 60.0,
) -> list[Reaction]:
    """For each event ``(index, at, kind, answered_by)``, the first answering action after it.

    ``actions`` are ``(time, action id)`` from the console's event log on the
    session's clock. An event with an empty ``answered_by`` is not a task and
    is skipped; one not answered within ``patience`` seconds is a miss.
    """
    ordered = sorted(actions)
    reactions: list[Reaction] = []
    for index, at, kind, answers in events:
        if not answers:
            continue
        answer = next(
            ((t, a) for t, a in ordered if at <= t <= at + patience and a in answers), None
        )
        if answer is None:
            reactions.append(Reaction(index, at, kind, None, None))
        else:
            reactions.append(Reaction(index, at, kind, answer[0] - at, answer[1]))
    return reactions


def off_air_speech(
    voice: Sequence[Segment], on_air: Sequence[Segment], *, shortest: float = 0.5
) -> list[Segment]:
    """Stretches of at least ``shortest`` s where the interpreter spoke with the microphone off."""
    found: list[Segment] = []
    for start, end in voice:
        cursor = start
        for air_start, air_end in sorted(on_air):
            if air_end <= cursor or air_start >= end:
                continue
            if air_start - cursor >= shortest:
                found.append((cursor, air_start))
            cursor = max(cursor, air_end)
        if end - cursor >= shortest:
            found.append((cursor, end))
    return found


def a_weighting_db(freqs_hz: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """The A-weighting curve of IEC 61672-1 in dB (0 dB at 1 kHz)."""
    f2 = np.square(np.asarray(freqs_hz, dtype=np.float64))
    with np.errstate(divide="ignore"):
        ra = (12194.0**2 * f2**2) / (
            (f2 + 20.6**2) * np.sqrt((f2 + 107.7**2) * (f2 + 737.9**2)) * (f2 + 12194.0**2)
        )
        return np.asarray(20.0 * np.log10(ra) + 2.0, dtype=np.float64)


def laeq(samples: npt.ArrayLike, calibration: Calibration, rate: int = SAMPLE_RATE) -> float:
    """A-weighted equivalent level (dB SPL) of what was heard, in the console's calibration.

    ``samples`` is the headset track (mono, or frames x channels: the level is
    per channel, averaged over the channels, as the hearing protection reads
    it). Weighted in the frequency domain over 1 s frames, so an hour's track
    takes a moment. Silence gives the calibration's floor, not minus infinity.
    """
    x = np.asarray(samples, dtype=np.float64)
    tracks = x.T if x.ndim == 2 else x[np.newaxis, :]
    length = tracks.shape[1]
    if length == 0:
        raise ValueError("an empty track has no level")
    size = rate
    padded = np.pad(tracks, ((0, 0), (0, (-length) % size)))
    spectrum = np.square(np.abs(np.fft.rfft(padded.reshape(len(tracks), -1, size), axis=2)))
    weight = 10.0 ** (a_weighting_db(np.fft.rfftfreq(size, 1.0 / rate)) / 10.0)
    weight[0] = 0.0
    # Parseval with a one-sided spectrum: every bin but DC and Nyquist stands for two.
    weight[1:-1] *= 2.0
    mean_square = float((spectrum * weight).sum()) / (size * length * len(tracks))
    return calibration.level_of_mean_square(mean_square)

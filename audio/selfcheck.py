"""What the user adds to their own headset to check the set-up: a test tone and sidetone.

Both are added to the output after the mixer and the bass/treble controls
and *before* hearing protection, so protection judges them like any other
sound (:mod:`audio.engine` wires them in). Both switch on and off, and change
level, through a :class:`~audio.volume.Gain`, ramped over one 10 ms block.
Every buffer is made in ``__init__`` (or, for sidetone, in
:meth:`MicSidetone.attach` when a port is attached): ``add_to`` allocates
nothing per block.

:class:`SteadyTone` is the test tone for headset calibration (1 kHz by
default). A tone that hearing protection would touch under the current
calibration is refused (:meth:`SteadyTone.set` raises :class:`ValueError`
with a sentence for the user) and stopped when the calibration changes
under it (:meth:`SteadyTone.recheck`);
:func:`loudest_tone_dbfs` gives the loudest level allowed.
:class:`SpeechLoop` plays the headset check's reference voice
(:func:`reference_speech`: a speech clip brought to -23 LUFS), looped, at the
gain the user chooses; :meth:`ReferenceSpeech.calibration` turns that choice
into a headset calibration (the assumption it rests on:
docs/architecture.md, "Hearing protection").
:class:`MicSidetone` plays the user's microphone back to them: :meth:`MicSidetone.feed`
it each capture block. Why the tone is refused, and what sidetone's latency
is made of: docs/architecture.md, "Design notes".
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import soundfile

from audio.fifo import SampleFifo
from audio.format import BLOCK, SAMPLE_RATE
from audio.loudness import LoudnessMeter
from audio.protection import (
    AES17_SINE_DB,
    ASSUMED_COMFORTABLE_SPL,
    CALIBRATION_TONE_HZ,
    Calibration,
    ProtectionSettings,
)
from audio.volume import Gain, block_ramp
from resources import SPEECH

TONE_DBFS_RANGE: Final = (-80.0, 0.0)
"""Test tone levels (AES17 dBFS: a sine's peak): below -80 dBFS nothing can measure it."""
TONE_HZ_RANGE: Final = (20.0, 20_000.0)
TONE_MARGIN_DB: Final = 1.0
"""How far under the lowest protection threshold the loudest allowed tone stays."""
SIDETONE_DB_RANGE: Final = (-40.0, 12.0)
"""Sidetone gains: +12 dB lifts a quiet microphone; protection still guards the ear."""
REFERENCE_LUFS: Final = -23.0
"""Loudness of the headset check's voice (EBU R 128): the level meetings are brought to."""
REFERENCE_CLIP: Final = SPEECH / "en.ogg"
REFERENCE_GAIN_DB_RANGE: Final = (-30.0, 3.0)
"""Gains the user may give the reference voice: above +3 dB its peaks would clip (a voice
still too quiet there needs the headset's or the computer's own volume turned up)."""
_SHRINK_AFTER_BLOCKS: Final = 100
"""Sidetone's delay shrinks by a block after a second in which a block always waited spare."""


def loudest_tone_dbfs(calibration: Calibration, settings: ProtectionSettings) -> float:
    """The loudest steady tone that hearing protection lets through untouched, in dBFS.

    The tone's level must stay under every threshold a steady sine can
    reach: howl (judged at any frequency, to be safe), the sustained limit,
    the ceiling, and the exposure warning (a minute of measuring would
    otherwise start a 30-minute back-off).
    """
    lowest = min(
        settings.howl_min_spl,
        settings.sustained_limit_spl,
        settings.ceiling_spl,
        settings.exposure.warn_leq_spl,
    )
    return min(TONE_DBFS_RANGE[1], calibration.dbfs(lowest) - TONE_MARGIN_DB)


def _check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, not {value!r}")
    return value


def _check_range(what: str, value: float, low: float, high: float, unit: str) -> float:
    if not (isinstance(value, int | float) and math.isfinite(value) and low <= value <= high):
        raise ValueError(f"{what} must be between {low:g} and {high:g} {unit}, not {value!r}")
    return float(value)


@dataclass(frozen=True, slots=True, eq=False)
class ReferenceSpeech:
    """The headset check's voice: mono samples at :data:`REFERENCE_LUFS`, and their level."""

    samples: npt.NDArray[np.float32]
    """Read-only, a whole number of blocks."""
    level_dbfs: float
    """AES17 RMS level of the whole clip, pauses included: what the exposure meter reads."""

    def calibration(
        self, gain_db: float, comfortable_spl: float = ASSUMED_COMFORTABLE_SPL
    ) -> Calibration:
        """The calibration under which this voice, at ``gain_db``, is ``comfortable_spl``.

        Call it with the gain at which the user found the voice comfortable,
        the system volume left where it was.
        """
        return Calibration.from_comfortable_level(self.level_dbfs + gain_db, comfortable_spl)


@functools.cache
def reference_speech() -> ReferenceSpeech:
    """:data:`REFERENCE_CLIP` brought to :data:`REFERENCE_LUFS` (BS.1770 gated), read once.

    Reads and measures a file (about 0.1 s): not on the audio thread. Raises
    RuntimeError with a sentence for the user when the clip cannot be read.
    """
    try:
        data, rate = soundfile.read(str(REFERENCE_CLIP), dtype="float32", always_2d=False)
    except (OSError, RuntimeError) as exc:  # soundfile.LibsndfileError is a RuntimeError
        raise RuntimeError(
            f"the headset check's voice ({REFERENCE_CLIP}) cannot be read ({exc}): reinstall "
            "the package, or run from a complete checkout"
        ) from None
    if rate != SAMPLE_RATE or data.ndim != 1:
        raise RuntimeError(f"{REFERENCE_CLIP} must be mono at {SAMPLE_RATE} Hz")
    clip = np.asarray(data[: len(data) // BLOCK * BLOCK], dtype=np.float64)
    meter = LoudnessMeter(history_s=len(clip) / SAMPLE_RATE + 1.0)
    for start in range(0, len(clip), BLOCK):
        meter.process(clip[start : start + BLOCK])
    measured = meter.gated_lufs()
    if measured is None:
        raise RuntimeError(f"{REFERENCE_CLIP} is silent")
    samples = (clip * 10.0 ** ((REFERENCE_LUFS - measured) / 20.0)).astype(np.float32)
    samples.setflags(write=False)
    mean_square = float(np.mean(np.square(samples, dtype=np.float64)))
    return ReferenceSpeech(samples, 10.0 * math.log10(mean_square) + AES17_SINE_DB)


class SpeechLoop:
    """The reference voice, looped, added to both ears at a set gain, faded in and out."""

    def __init__(self, *, block: int = BLOCK) -> None:
        self._block = block
        self._gain: Final = Gain(block=block, gain=0.0)
        self._voice: Final = np.zeros(block, dtype=np.float32)
        self._samples: npt.NDArray[np.float32] | None = None
        self._at = 0
        self._sounding = False
        self.on = False
        self.gain_db = 0.0

    @property
    def loaded(self) -> bool:
        return self._samples is not None

    def load(self, speech: ReferenceSpeech) -> None:
        """Play ``speech`` from now on (its samples must be a whole number of blocks)."""
        if len(speech.samples) % self._block:
            raise ValueError(f"the voice must be a whole number of {self._block}-frame blocks")
        self._samples = speech.samples
        self._at = 0

    def set(self, on: bool, gain_db: float) -> None:
        """Start the voice (once loaded), change its gain, or stop it; ValueError says why not."""
        if not _check_bool("on", on):
            self.on = False
            self._gain.set_gain(0.0)
            return
        self.gain_db = _check_range(
            "the reference voice's gain", gain_db, *REFERENCE_GAIN_DB_RANGE, "dB"
        )
        self.on = True
        self._gain.set_db(self.gain_db)

    def add_to(self, out: npt.NDArray[np.float32]) -> None:
        """Add the next block of the voice to both channels of ``out``; nothing when silent."""
        samples = self._samples
        if samples is None or (not self._sounding and self._gain.gain == 0.0):
            return
        at, voice = self._at, self._voice
        np.copyto(voice, samples[at : at + self._block])
        self._at = (at + self._block) % len(samples)
        self._gain.process(voice, voice)
        self._sounding = self._gain.gain > 0.0
        _add_mono(out, voice)


class SteadyTone:
    """The calibration tone: a phase-continuous sine added to both ears, faded in and out."""

    def __init__(self, protection: ProtectionSettings, *, block: int = BLOCK) -> None:
        self._protection = protection
        self._n: Final = np.arange(block, dtype=np.float64)
        self._phases: Final = np.zeros(block, dtype=np.float64)
        self._wave: Final = np.zeros(block, dtype=np.float32)
        self._gain: Final = Gain(block=block, gain=0.0)
        self._block = block
        self._omega = 2.0 * math.pi * CALIBRATION_TONE_HZ / SAMPLE_RATE
        self._phase = 0.0
        self._sounding = False
        self.on = False
        self.dbfs = 0.0
        self.hz = CALIBRATION_TONE_HZ

    def set(self, on: bool, dbfs: float, hz: float, calibration: Calibration) -> None:
        """Start (or retune) the tone, or stop it; ValueError says what is wrong, for the user."""
        if not _check_bool("on", on):
            self.on = False
            self._gain.set_gain(0.0)
            return
        dbfs = _check_range("the test tone's level", dbfs, *TONE_DBFS_RANGE, "dBFS")
        hz = _check_range("the test tone's frequency", hz, *TONE_HZ_RANGE, "Hz")
        problem = self._too_loud(dbfs, calibration)
        if problem is not None:
            raise ValueError(problem)
        self.on, self.dbfs, self.hz = True, dbfs, hz
        self._omega = 2.0 * math.pi * hz / SAMPLE_RATE
        self._gain.set_gain(10.0 ** (dbfs / 20.0))

    def recheck(self, calibration: Calibration) -> str | None:
        """After a calibration change: stop a tone that is now too loud, and say why."""
        problem = self._too_loud(self.dbfs, calibration) if self.on else None
        if problem is not None:
            self.on = False
            self._gain.set_gain(0.0)
            return f"the test tone was stopped: {problem}"
        return None

    def _too_loud(self, dbfs: float, calibration: Calibration) -> str | None:
        loudest = loudest_tone_dbfs(calibration, self._protection)
        if dbfs <= loudest:
            return None
        return (
            f"a test tone at {dbfs:g} dBFS would play at {calibration.spl(dbfs):.0f} dB SPL "
            f"with this headset calibration ({calibration.spl_at_full_scale:g} dB SPL at full "
            "scale), and hearing protection would turn it down, so a measurement of it would "
            f"be wrong: use {math.floor(loudest):g} dBFS or less"
        )

    def add_to(self, out: npt.NDArray[np.float32]) -> None:
        """Add the next block of the tone to both channels of ``out``; nothing when silent."""
        if not self._sounding and self._gain.gain == 0.0:
            return
        phases, wave = self._phases, self._wave
        np.multiply(self._n, self._omega, out=phases)
        np.add(phases, self._phase, out=phases)
        np.sin(phases, out=phases)
        np.copyto(wave, phases, casting="same_kind")
        self._phase = math.fmod(self._phase + self._omega * self._block, 2.0 * math.pi)
        self._gain.process(wave, wave)
        self._sounding = self._gain.gain > 0.0
        _add_mono(out, wave)


class MicSidetone:
    """The microphone, back in both ears at a set gain, faded in and out."""

    def __init__(self, *, block: int = BLOCK) -> None:
        self._block = block
        self._gain: Final = Gain(block=block, gain=0.0)
        self._voice: Final = np.zeros(block, dtype=np.float32)
        self._later: Final = np.zeros(block, dtype=np.float32)
        ramp = block_ramp(block)
        self._fade_in: Final = ramp
        self._fade_out: Final = (1.0 - ramp).astype(np.float32)
        self._sounding = False
        self.on = False
        self.gain_db = 0.0
        self.attach(block)

    def attach(self, frames: int) -> None:
        """Size the FIFO for a capture port with blocks of ``frames`` (and empty it).

        Playback takes a 10 ms block whenever the port is about to need one;
        capture delivers ``frames`` at a time. The FIFO waits for ``prime``
        samples before it plays, enough that a playback block always finds
        its samples: one block when both sides use 10 ms blocks, one port
        block more when they differ (the two then run out of step).
        """
        block = self._block
        self._prime = block if frames == block else frames + block
        self._most = self._prime + frames + block
        self._fifo = SampleFifo(self._most + frames)
        self._spill = np.zeros(self._most + frames, dtype=np.float32)
        self._restart()

    def _restart(self) -> None:
        self._fifo.clear()
        self._primed = False
        self._least = self._most
        self._blocks = 0

    def set(self, on: bool, gain_db: float) -> None:
        """Start or stop hearing the microphone, or change its gain; ValueError says why not."""
        if not _check_bool("on", on):
            self.on = False
            self._gain.set_gain(0.0)
            if not self._sounding:  # nothing to fade out: forget what waits
                self._restart()
            return
        self.gain_db = _check_range("the sidetone gain", gain_db, *SIDETONE_DB_RANGE, "dB")
        self.on = True
        self._gain.set_db(self.gain_db)

    def feed(self, mic: npt.NDArray[np.float32]) -> None:
        """Keep a captured block for playback (only while sidetone plays or fades)."""
        if not self._sounding and self._gain.gain == 0.0:
            return
        fifo = self._fifo
        if fifo.space < len(mic):
            self._drop(len(mic) - fifo.space)
        fifo.write(mic)
        if len(fifo) > self._most:  # capture ran far ahead: keep the delay from growing
            self._drop(len(fifo) - self._prime)

    def _drop(self, frames: int) -> None:
        self._fifo.read_into(self._spill[:frames])

    def add_to(self, out: npt.NDArray[np.float32]) -> None:
        """Add the oldest waiting block of the microphone to both channels of ``out``.

        When the FIFO runs dry (playback ran ahead of capture), that block is
        silent and playing waits for a full prime again: the delay grows by
        a block. When a whole block has been waiting spare for a second, the
        delay shrinks by a block again: this block cross-fades into the next
        one, so 10 ms are skipped without a step.
        """
        if not self._sounding and self._gain.gain == 0.0:
            return
        fifo, voice = self._fifo, self._voice
        if not self._primed:
            self._primed = len(fifo) >= self._prime
        if not self._primed or not fifo.read_into(voice):
            self._primed = False
            return
        self._least = min(self._least, len(fifo))
        self._blocks += 1
        if self._blocks >= _SHRINK_AFTER_BLOCKS:
            if self._least >= self._block and fifo.read_into(self._later):
                np.multiply(voice, self._fade_out, out=voice)
                np.multiply(self._later, self._fade_in, out=self._later)
                np.add(voice, self._later, out=voice)
            self._least = self._most
            self._blocks = 0
        self._gain.process(voice, voice)
        self._sounding = self._gain.gain > 0.0
        if not self._sounding:
            self._restart()
        _add_mono(out, voice)


def _add_mono(out: npt.NDArray[np.float32], mono: npt.NDArray[np.float32]) -> None:
    """``out[:, c] += mono`` for each channel; column by column (broadcasting allocates)."""
    for channel in range(out.shape[1]):
        column = out[:, channel]
        np.add(column, mono, out=column)

"""Even levels: bring one input to the -23 LUFS target with a slow, bounded gain.

:class:`Leveller` turns one input of the mix (floor, relay, partner) up or
down, at most :data:`RANGE_DB` either way, so that every input reaches the
interpreter at :data:`~audio.quality.TARGET_LUFS`. Give it each block of the
input with the BS.1770 momentary loudness measured on that block *before* it
(:class:`audio.loudness.LoudnessMeter`, which the input measures anyway):
:meth:`Leveller.process` scales the block in place.

It learns only from speech. Every 100 ms a reading counts when it passes the
absolute gate (-70 LUFS) and either lies within 10 LU of the speech loudness
learnt so far, or stands 10 dB out of the input's noise floor (and within
:data:`REACH_LU` of that loudness: a quieter new speaker, learnt in their
pauses). Pauses and silence teach nothing and the gain does not move in
them. While speech is heard the gain heads for the target by at most
:data:`RISE_DB_PER_S` up and :data:`FALL_DB_PER_S` down, a little every
block, ramped within the block, so it is never heard moving.

Switched off (:attr:`Leveller.on` False) it glides back to unity over one
block and then leaves the samples untouched; it goes on learning, so that
switched on again it heads straight for the right gain.

Threads: one (the engine's). :meth:`Leveller.process` allocates nothing.
Why it works this way: docs/architecture.md, "Even levels".
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK, SAMPLE_RATE
from audio.loudness import ABSOLUTE_GATE_LUFS, RELATIVE_GATE_LU, SLOT_S
from audio.quality import ACTIVITY_MARGIN_DB, TARGET_LUFS
from audio.volume import Gain

RANGE_DB: Final = 15.0
"""The most the leveller turns an input up or down."""
RISE_DB_PER_S: Final = 2.0
"""How fast the gain goes up (a quiet input is raised over seconds)."""
FALL_DB_PER_S: Final = 4.0
"""How fast the gain goes down (a loud input is lowered twice as fast)."""
LEARN_S: Final = 3.0
"""Time constant of the speech loudness learnt, in seconds of speech (pauses do not count)."""
REACH_LU: Final = 20.0
"""A reading this far under the speech learnt is never speech, however far above the noise
floor (a new noise in a pause); a new speaker up to this much quieter is learnt in its pauses."""
NOISE_RISE_DB_PER_S: Final = 2.0
"""How fast the noise floor estimate climbs back (it falls at once to a quieter reading)."""


class Leveller:
    """The even-level gain of one input; see the module docstring."""

    def __init__(self, *, block: int = BLOCK, rate: int = SAMPLE_RATE) -> None:
        self.on = True
        """Level the input (the interpreter may switch it off, per input)."""
        self._gain: Final = Gain(block=block)
        self._slot_blocks: Final = round(SLOT_S * rate) // block
        self._rise: Final = RISE_DB_PER_S * block / rate
        self._fall: Final = FALL_DB_PER_S * block / rate
        self._alpha: Final = 1.0 - math.exp(-SLOT_S / LEARN_S)
        self._noise_rise: Final = NOISE_RISE_DB_PER_S * SLOT_S
        self._blocks = 0
        self._gain_db = 0.0
        self._wanted_db = 0.0
        self._power = 0.0
        """The speech loudness learnt, as a power: 10 ** (LUFS / 10) (0: nothing learnt yet)."""
        self._noise = math.inf
        """The input's noise floor: the quietest recent reading (inf before the first)."""
        self.speech = False
        """The last 100 ms reading counted as speech."""

    @property
    def gain_db(self) -> float:
        """The gain the leveller applies now (0 while off)."""
        return self._gain_db if self.on else 0.0

    @property
    def speech_lufs(self) -> float | None:
        """The input's speech loudness learnt so far (before the leveller), None before any."""
        return 10.0 * math.log10(self._power) if self._power > 0.0 else None

    def process(self, block: npt.NDArray[np.float32], momentary_lufs: float) -> None:
        """Level one block in place; ``momentary_lufs``: the input's loudness up to this block.

        Audio thread; allocates nothing.
        """
        self._blocks += 1
        if self._blocks == self._slot_blocks:
            self._blocks = 0
            self._learn(momentary_lufs)
        if self.on:
            step = self._wanted_db - self._gain_db if self.speech else 0.0
            if step:
                self._gain_db += min(step, self._rise) if step > 0.0 else max(step, -self._fall)
                self._gain.set_gain(10.0 ** (self._gain_db / 20.0))
        elif self._gain.gain != 1.0:
            self._gain.set_gain(1.0)
            self._gain_db = 0.0
        self._gain.process(block, block)

    def restart(self) -> None:
        """A new source on the input: learn its loudness afresh (the gain moves on from here)."""
        self._power = 0.0
        self._noise = math.inf
        self.speech = False

    def _learn(self, momentary: float) -> None:
        """Every 100 ms: count the reading if it is speech, and aim the gain at the target."""
        if momentary <= ABSOLUTE_GATE_LUFS:  # silence: nothing to learn, not even the noise
            self.speech = False
            return
        noise = self._noise
        self._noise = noise = min(momentary, noise + self._noise_rise)
        learnt = self._power
        speech_lufs = 10.0 * math.log10(learnt) if learnt > 0.0 else TARGET_LUFS
        self.speech = momentary >= speech_lufs + RELATIVE_GATE_LU or (
            momentary >= noise + ACTIVITY_MARGIN_DB
            and (learnt == 0.0 or momentary >= speech_lufs - REACH_LU)
        )
        if not self.speech:
            return
        power = 10.0 ** (momentary / 10.0)
        self._power = learnt = power if learnt == 0.0 else learnt + self._alpha * (power - learnt)
        wanted = TARGET_LUFS - 10.0 * math.log10(learnt)
        self._wanted_db = min(RANGE_DB, max(-RANGE_DB, wanted))

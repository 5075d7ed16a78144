"""A soft two-tone chime in the user's headset: "someone needs you" (handover, a message, an alarm).

:class:`ChimePlayer` adds the chime to the output after the mixer, the volume
and the bass/treble controls and *before* hearing protection
(:mod:`audio.output` wires it in), so nothing that could make it loud comes
after it and protection still judges it. It is made once, in ``__init__``
(:func:`chime_wave`), and played block by block: ``add_to`` allocates nothing.
It is never in the microphone's path: the engine sends only what the
microphone captured, so the chime cannot go on air.

Each tone's peak is :data:`CHIME_UNDER_LISTENING_DB` under the loudness
meetings are brought to (-23 LUFS, what the user sets their volume for),
never above :data:`CHIME_MAX_DBFS`, and never where a protection threshold
would touch it under the headset calibration (:func:`chime_dbfs`;
:meth:`ChimePlayer.set_calibration` follows a new one).
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK, SAMPLE_RATE
from audio.protection import Calibration, ProtectionSettings
from audio.selfcheck import REFERENCE_LUFS, loudest_tone_dbfs

CHIME_MAX_DBFS: Final = -30.0
"""The loudest a chime tone's peak may be (AES17 dBFS), whatever the calibration."""
CHIME_UNDER_LISTENING_DB: Final = 8.0
"""How far under a meeting's loudness (-23 LUFS) a chime tone's peak plays: heard, not loud."""
CHIME_TONES_HZ: Final = (659.26, 523.25)
"""E5 then C5: a falling major third, the "ding-dong" of a doorbell."""
CHIME_TONE_S: Final = 0.22
"""How long each tone rings (attack and decay included)."""
_ATTACK_S: Final = 0.008
_DECAY_PER_S: Final = 9.0
"""Exponential decay rate of each tone, like a struck bell (about -17 dB over a tone)."""


def chime_dbfs(calibration: Calibration, protection: ProtectionSettings) -> float:
    """The peak level of each chime tone under ``calibration``, in AES17 dBFS.

    :data:`CHIME_UNDER_LISTENING_DB` under :data:`audio.selfcheck.REFERENCE_LUFS`,
    capped at :data:`CHIME_MAX_DBFS` and at the loudest tone hearing
    protection lets through untouched.
    """
    wanted = REFERENCE_LUFS - CHIME_UNDER_LISTENING_DB
    return min(wanted, CHIME_MAX_DBFS, loudest_tone_dbfs(calibration, protection))


def chime_wave(block: int = BLOCK) -> npt.NDArray[np.float32]:
    """The chime in both ears, peak 1.0, a whole number of ``block`` frames: ``(n, 2)``."""
    tone = int(CHIME_TONE_S * SAMPLE_RATE)
    t = np.arange(tone, dtype=np.float64) / SAMPLE_RATE
    attack = np.minimum(t / _ATTACK_S, 1.0)
    envelope = 0.5 - 0.5 * np.cos(np.pi * attack)
    envelope *= np.exp(-_DECAY_PER_S * t)
    envelope *= 0.5 + 0.5 * np.cos(np.pi * np.arange(tone) / tone)  # to exactly 0 at the end
    parts = [envelope * np.sin(2.0 * math.pi * hz * t) for hz in CHIME_TONES_HZ]
    mono = np.concatenate(parts)
    mono /= np.abs(mono).max()
    frames = -(-len(mono) // block) * block
    wave = np.zeros((frames, 2), dtype=np.float32)
    wave[: len(mono), 0] = mono
    wave[: len(mono), 1] = mono
    wave.setflags(write=False)
    return wave


class ChimePlayer:
    """Plays the chime once per :meth:`ring`, at the level :func:`chime_dbfs` gives."""

    def __init__(
        self, protection: ProtectionSettings, calibration: Calibration, *, block: int = BLOCK
    ) -> None:
        self._protection = protection
        self._block = block
        self._wave: Final = chime_wave(block)
        self._scaled: Final = np.zeros((block, 2), dtype=np.float32)
        self._at = len(self._wave)
        self.dbfs = chime_dbfs(calibration, protection)
        self._gain = 10.0 ** (self.dbfs / 20.0)

    @property
    def ringing(self) -> bool:
        return self._at < len(self._wave)

    @property
    def duration_s(self) -> float:
        return len(self._wave) / SAMPLE_RATE

    def set_calibration(self, calibration: Calibration) -> None:
        """A new headset calibration: the chime's level follows it from the next chime."""
        self.dbfs = chime_dbfs(calibration, self._protection)

    def ring(self) -> None:
        """Play the chime from its start at the next block (unless it is playing already)."""
        if not self.ringing:
            self._gain = 10.0 ** (self.dbfs / 20.0)
            self._at = 0

    def add_to(self, out: npt.NDArray[np.float32]) -> None:
        """Add the next block of the chime to ``out`` (``(block, 2)``); nothing when silent."""
        at = self._at
        if at >= len(self._wave):
            return
        np.multiply(self._wave[at : at + self._block], self._gain, out=self._scaled)
        np.add(out, self._scaled, out=out)
        self._at = at + self._block

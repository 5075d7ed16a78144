"""Hearing protection on everything the interpreter hears: acoustic shock, howl, loudness, exposure.

:class:`HearingProtection` (:mod:`~audio.protection.chain`) goes last in every
output chain, right before the sound device. It feeds each block to one small
detector per hazard, each with its own state and figures, and applies the
gain they ask for:

- :mod:`~audio.protection.limiter`: instant ceiling, sample-exact, 1 ms lookahead;
- :mod:`~audio.protection.sustained`: a level that stays above the limit;
- :mod:`~audio.protection.shock`: a sudden jump to a loud level;
- :mod:`~audio.protection.howl`: feedback howl (a loud steady spectral line);
- :mod:`~audio.protection.exposure`: the Leq heard, its warning and the back-off.

Levels are dB SPL through a :class:`Calibration` (:mod:`~audio.protection.calibration`),
thresholds and times are :class:`ProtectionSettings` (:mod:`~audio.protection.settings`),
and what the GUI is told is an :class:`EventKind` (:mod:`~audio.protection.events`).
"""

from audio.protection.calibration import (
    AES17_SINE_DB,
    ASSUMED_COMFORTABLE_SPL,
    CALIBRATION_TONE_HZ,
    DEFAULT_SPL_AT_FULL_SCALE,
    MAX_SPL_AT_FULL_SCALE,
    MIN_SPL_AT_FULL_SCALE,
    Calibration,
    calibration_tone,
)
from audio.protection.chain import HearingProtection, Layer, ProtectionMetrics
from audio.protection.events import EventKind, ProtectionEvent
from audio.protection.limiter import LOOKAHEAD_FRAMES
from audio.protection.settings import ExposurePolicy, ProtectionSettings

__all__ = [
    "AES17_SINE_DB",
    "ASSUMED_COMFORTABLE_SPL",
    "CALIBRATION_TONE_HZ",
    "DEFAULT_SPL_AT_FULL_SCALE",
    "LOOKAHEAD_FRAMES",
    "MAX_SPL_AT_FULL_SCALE",
    "MIN_SPL_AT_FULL_SCALE",
    "Calibration",
    "EventKind",
    "ExposurePolicy",
    "HearingProtection",
    "Layer",
    "ProtectionEvent",
    "ProtectionMetrics",
    "ProtectionSettings",
    "calibration_tone",
]

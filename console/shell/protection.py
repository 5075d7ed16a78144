"""Hearing protection in words a person understands: one sentence per state and per event.

The engine reports what protection does as codes: the layers acting now
(:class:`~audio.protection.Layer`, in the output metrics) and events
(:class:`~audio.commands.ProtectionAlert`, whose ``kind`` is an
:class:`~audio.protection.EventKind` name in lower case). Every window words
them here, translated, and never shows a code: :func:`state_text` for the
"hearing protection" label, :func:`alert_text` for a notice.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication

from audio.protection import EventKind, ExposurePolicy, Layer
from console.shell.actions import QT_TRANSLATE_NOOP

BACKOFF_MINUTES: Final = round(ExposurePolicy().backoff_s / 60)
SHOWN_FROM_DB: Final = 0.5
"""Protection turning the sound down by less than this is shown as not acting."""

_STATES: Final = {
    Layer.CEILING: QT_TRANSLATE_NOOP("Protection", "Peaks above the safe ceiling are cut off."),
    Layer.SUSTAINED: QT_TRANSLATE_NOOP(
        "Protection", "The sound stays too loud, so it is turned down while it lasts."
    ),
    Layer.SHOCK: QT_TRANSLATE_NOOP("Protection", "A sudden bang is being turned down."),
    Layer.HOWL: QT_TRANSLATE_NOOP("Protection", "Feedback howl is being turned down."),
    Layer.EXPOSURE_BACKOFF: QT_TRANSLATE_NOOP(
        "Protection",
        "You listened loudly for a while, so the volume is lowered to rest your ears.",
    ),
    Layer.SAFETY_CLAMP: QT_TRANSLATE_NOOP(
        "Protection", "The last safety stage is cutting peaks that got through."
    ),
}
"""What each layer acting means, in the present tense ("what is happening now")."""

_ALERTS: Final = {
    EventKind.SHOCK: QT_TRANSLATE_NOOP(
        "Protection", "A sudden loud sound ({0:.0f} dB SPL) was turned down to protect your ears."
    ),
    EventKind.HOWL_START: QT_TRANSLATE_NOOP(
        "Protection",
        "Feedback howl ({0:.0f} Hz) is being turned down. Ask the technician to mute the "
        "microphone that is too close to a loudspeaker.",
    ),
    EventKind.HOWL_END: QT_TRANSLATE_NOOP(
        "Protection", "The feedback howl has stopped: the sound comes back."
    ),
    EventKind.SUSTAINED_START: QT_TRANSLATE_NOOP(
        "Protection",
        "The sound is too loud ({0:.0f} dB SPL) and is turned down while it lasts. Turn your "
        "volume down.",
    ),
    EventKind.SUSTAINED_END: QT_TRANSLATE_NOOP(
        "Protection", "The sound is no longer too loud: it is back to your volume."
    ),
    EventKind.EXPOSURE_WARNING: QT_TRANSLATE_NOOP(
        "Protection",
        "Over the last minute you listened at {0:.0f} dB SPL on average: the volume is lowered "
        "for {1} minutes to protect your hearing. If that was your usual level, run the headset "
        "check (in Settings) so the console knows how loud your headset is.",
    ),
    EventKind.BACKOFF_END: QT_TRANSLATE_NOOP(
        "Protection", "The volume is back where you set it after resting your ears."
    ),
    EventKind.SAFETY_CLAMP: QT_TRANSLATE_NOOP(
        "Protection",
        "The last safety stage cut a peak of {0:.0f} dB SPL that got through. Please tell the "
        "technician: this should not happen.",
    ),
    EventKind.NONFINITE_INPUT: QT_TRANSLATE_NOOP(
        "Protection",
        "Broken samples in the sound were replaced by silence. Please tell the technician.",
    ),
}
"""What each event means, when it happened (its value: a level, a frequency)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("Protection", text)


def layer_sentence(layer: Layer) -> str:
    """The sentence for one acting layer (a single flag, not NONE)."""
    return _tr(_STATES[layer])


def state_text(active: Layer, reduction_db: float) -> str:
    """The hearing-protection label: idle, or how much it turns down and why, in sentences."""
    if reduction_db <= SHOWN_FROM_DB or not active:
        return QCoreApplication.translate("Protection", "Hearing protection: not acting.")
    why = " ".join(layer_sentence(layer) for layer in _STATES if layer in active)
    return QCoreApplication.translate(
        "Protection", "Hearing protection turns the sound down by {0:.0f} dB. {1}"
    ).format(reduction_db, why)


def alert_text(kind: str, value: float) -> str:
    """The sentence for a :class:`~audio.commands.ProtectionAlert` (its ``kind`` and ``value``).

    A kind this console does not know (a newer engine) gets a general sentence, not its code.
    """
    try:
        event = EventKind[kind.upper()]
    except KeyError:
        return QCoreApplication.translate("Protection", "Hearing protection acted on the sound.")
    return _tr(_ALERTS[event]).format(value, BACKOFF_MINUTES)

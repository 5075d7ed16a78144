"""What the user hears once the inputs are mixed: tone, test tone, sidetone, hearing protection.

:class:`OutputChain` processes each 10 ms stereo block in place, allocating
nothing: bass and treble (:mod:`audio.tone`), then the test tone, the
headset check's voice and the sidetone when on (:mod:`audio.selfcheck`: the
headset calibration and the mic check) and the attention chime
(:mod:`audio.chime`), then hearing protection
(:mod:`audio.protect`), then the output meter. Its settings are the engine's
commands :class:`~audio.commands.SetTone`, :class:`~audio.commands.SetCalibration`,
:class:`~audio.commands.TestTone`, :class:`~audio.commands.HeadsetCheck` (the
check's voice is read on ``loop``'s executor the first time),
:class:`~audio.commands.Sidetone` and :class:`~audio.commands.Chime`; what protection
does comes out as :class:`~audio.commands.ProtectionAlert` sentences.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.chime import ChimePlayer
from audio.commands import (
    Chime,
    CommandRejected,
    HeadsetCheck,
    Level,
    OutputMetrics,
    ProtectionAlert,
    SetCalibration,
    SetTone,
    Sidetone,
    TestTone,
)
from audio.format import BLOCK
from audio.meters import LevelMeter
from audio.protection import Calibration, EventKind, HearingProtection, ProtectionSettings
from audio.selfcheck import MicSidetone, ReferenceSpeech, SpeechLoop, SteadyTone, reference_speech
from audio.tone import RANGE_DB, ToneControl
from channels.session import CommandError

log = logging.getLogger(__name__)

OutputCommand = SetTone | SetCalibration | TestTone | HeadsetCheck | Sidetone | Chime

_ALERTS: Final = {
    EventKind.SHOCK: "a sudden loud sound ({:.0f} dB SPL) was pulled down",
    EventKind.HOWL_START: "feedback howl at {:.0f} Hz is being suppressed",
    EventKind.HOWL_END: "the feedback howl has stopped",
    EventKind.SUSTAINED_START: "the sound is too loud ({:.0f} dB SPL) and is being limited",
    EventKind.SUSTAINED_END: "the sound is no longer limited",
    EventKind.EXPOSURE_WARNING: (
        "your listening level over the last minute is {:.0f} dB SPL: the volume is lowered "
        "for 30 minutes to protect your hearing"
    ),
    EventKind.BACKOFF_END: "the protective volume reduction has ended",
    EventKind.SAFETY_CLAMP: "the safety clamp cut peaks at {:.0f} dB SPL",
    EventKind.NONFINITE_INPUT: "invalid samples in the output were replaced by silence",
}


class OutputChain:
    """The chain after the mixer, on the engine's thread; ``loop``'s executor designs tones."""

    def __init__(
        self,
        settings: ProtectionSettings,
        calibration: Calibration,
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        self._loop = loop
        self._tone = ToneControl(2, block=BLOCK)
        self._tone_wanted: tuple[float, float] | None = None
        self._tone_busy = False
        self._stopped = False
        self._test_tone = SteadyTone(settings, block=BLOCK)
        self._speech = SpeechLoop(block=BLOCK)
        self._speech_loading = False
        self.sidetone = MicSidetone(block=BLOCK)
        """Feed it every capture block; attach it to each new port."""
        self._chime = ChimePlayer(settings, calibration, block=BLOCK)
        self.protection = HearingProtection(settings, calibration, channels=2, block_frames=BLOCK)
        self.meter = LevelMeter(2)
        """What reaches the ears."""

    def process(self, out: npt.NDArray[np.float32]) -> None:
        """One ``(480, 2)`` block of the mix, in place."""
        self._tone.process(out, out)
        self._test_tone.add_to(out)
        self._speech.add_to(out)
        self.sidetone.add_to(out)
        self._chime.add_to(out)
        self.protection.process(out)
        self.meter.process(out)

    def command(self, command: OutputCommand) -> CommandRejected | None:
        """Apply a setting; CommandError says why one cannot be.

        A new calibration under which the test tone would be turned down
        stops it: the returned rejection of the tone says so (its level
        would lie).
        """
        match command:
            case SetTone(bass_db=bass, treble_db=treble):
                for name, value in (("bass", bass), ("treble", treble)):
                    if not -RANGE_DB <= value <= RANGE_DB:
                        raise CommandError(
                            f"{name} must be between -{RANGE_DB:g} and +{RANGE_DB:g} dB, "
                            f"not {value}"
                        )
                self._tone_wanted = (float(bass), float(treble))
                if not self._tone_busy:
                    self._design_tone()
            case SetCalibration(spl_at_full_scale=spl):
                try:
                    self.protection.set_calibration(Calibration(spl))
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
                self._chime.set_calibration(self.protection.calibration)
                stopped = self._test_tone.recheck(self.protection.calibration)
                if stopped is not None:
                    tone = self._test_tone
                    return CommandRejected(TestTone(True, tone.dbfs, tone.hz), stopped)
            case TestTone(on=on, dbfs=dbfs, hz=hz):
                try:
                    self._test_tone.set(on, dbfs, hz, self.protection.calibration)
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
            case HeadsetCheck(on=on, gain_db=gain_db):
                try:
                    self._speech.set(on, gain_db)
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
                if on and not self._speech.loaded and not self._speech_loading:
                    self._speech_loading = True
                    future = self._loop.run_in_executor(None, reference_speech)
                    future.add_done_callback(self._speech_read)
            case Sidetone(on=on, gain_db=gain_db):
                try:
                    self.sidetone.set(on, gain_db)
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
            case Chime():
                self._chime.ring()
        return None

    def stop(self) -> None:
        """Design no more tones (the engine stops)."""
        self._stopped = True

    def alerts(self) -> list[ProtectionAlert]:
        """What hearing protection did since the last call, in sentences for the user."""
        return [
            ProtectionAlert(
                event.kind.name.lower(), event.value, _ALERTS[event.kind].format(event.value)
            )
            for event in self.protection.poll_events()
        ]

    def metrics(self) -> OutputMetrics:
        return OutputMetrics(
            Level.of(self.meter, 0), Level.of(self.meter, 1), self.protection.metrics()
        )

    def _speech_read(self, done: asyncio.Future[ReferenceSpeech]) -> None:
        """The check's voice is read: play it (from where the last command left it)."""
        self._speech_loading = False
        if done.cancelled() or self._stopped:
            return
        if done.exception() is not None:
            log.error("the headset check's voice cannot be played: %s", done.exception())
            return
        self._speech.load(done.result())

    def _design_tone(self, done: asyncio.Future[None] | None = None) -> None:
        """Design the newest tone setting on a worker thread, one at a time, newest wins.

        A design takes about a millisecond: not on the media thread. A slider
        dragged fast asks for many; those asked for meanwhile collapse into one.
        """
        if done is not None and not done.cancelled() and done.exception() is not None:
            log.error("tone design failed", exc_info=done.exception())
        wanted, self._tone_wanted = self._tone_wanted, None
        self._tone_busy = wanted is not None and not self._stopped
        if wanted is not None and not self._stopped:
            future = self._loop.run_in_executor(None, self._tone.set_tone, *wanted)
            future.add_done_callback(self._design_tone)

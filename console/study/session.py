"""A study session at the console: consent, recording, logs on the session's clock, questions.

``rsi-console --study FOLDER --url URL --token TOKEN`` (started by
``rsi-study run``) makes a :class:`StudySession` around the console's window:

1. :meth:`StudySession.begin` shows the consent dialog. Declining writes
   ``consent.json`` (accepted: false), closes the window and records nothing.
2. Agreeing starts the engine's recording (:class:`~audio.recordtap.RecordTap`:
   ``heard.wav``, the headset mix after protection, and ``mic.wav``, both on the
   sound card's time), writes ``consent.json``, sets the condition's auto-relay (the
   ``auto_relay`` action, logged with ``source`` "study") and connects to the meeting.
3. Once the runner has written the session's zero (``clock.json``, wall clock),
   the usability log (:class:`StudyLog`) adds ``session_s`` to every line, the
   window is grabbed into ``screens/NNNNN.png`` (NNNNN: tenths of a second on the
   session's clock) at the scenario's rate, ``air.jsonl`` is kept from the
   meeting's state (when this participant holds a channel), and ``figures.jsonl``
   from the engine's metrics, once a second (:mod:`console.study.figures`).
4. When the session's time is up the recording stops and the questionnaires
   open; their answers, scored by :mod:`console.study.questionnaires`, go
   to ``answers.json``; then the window closes.

After the engine has stopped, call :meth:`StudySession.close`: it finishes the
recordings and writes ``tracks.json`` (when they started).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final, TextIO

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QDialog, QWidget

from audio.commands import Command, Connect, Event, Metrics, Record
from audio.fileio import AudioFileError
from audio.recordtap import RecordTap
from channels.session import MeetingChanged, Welcomed
from console.interpreter.window import ConsoleWindow
from console.shell.actions import EventLog
from console.study import folder as names
from console.study.consent import ConsentDialog, standard_consent
from console.study.figures import FigureLog
from console.study.folder import Brief, read_json, write_json
from console.study.questionnairedialog import QuestionnaireDialog
from console.study.questionnaires import score

CLOCK_POLL_MS: Final = 100
"""How often the console looks for the runner's ``clock.json``, and for the session's end."""


class StudyLog(EventLog):
    """The console's usability log, with ``session_s`` (the session's clock) once it is known."""

    zero_t: float | None = None
    """The session's zero as a wall-clock time (``time.time()``)."""

    def write(self, **record: object) -> None:
        if self.zero_t is not None:
            record["session_s"] = round(time.time() - self.zero_t, 3)
        super().write(**record)


class StudySession(QObject):
    """The study around ``window``: see the module's docstring. ``finished`` when it is over."""

    finished = Signal()

    def __init__(
        self,
        folder: Path,
        brief: Brief,
        window: QWidget,
        submit: Callable[[Command], object],
        arrived: SignalInstance,
        log: StudyLog,
        connect: Connect | None,
        spl_at_full_scale: float,
    ) -> None:
        super().__init__(window)
        self.folder = folder
        self.brief = brief
        self.window = window
        self.submit = submit
        self.log = log
        self.target = connect
        self.spl_at_full_scale = spl_at_full_scale
        self.tap: RecordTap | None = None
        self.dialog: QDialog | None = None
        """The consent or questionnaire dialog shown last."""
        self.me: str | None = None
        self.on_air = False
        self.air_file: TextIO | None = None
        self.figures: FigureLog | None = None
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._look)
        self._shots = QTimer(self)
        self._shots.timeout.connect(self.screenshot)
        arrived.connect(self._event)
        if isinstance(window, ConsoleWindow):
            window.bridge.metrics.connect(self._metrics)

    def begin(self) -> ConsentDialog:
        """Show the consent dialog (window-modal); the session goes on from its answer."""
        text = self.brief.consent or standard_consent(self.folder, self.brief.screenshots_per_s)
        dialog = ConsentDialog(text, self.folder, self.window)
        dialog.accepted.connect(self._consented)
        dialog.rejected.connect(self._declined)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _declined(self) -> None:
        write_json(self.folder / names.CONSENT, {"accepted": False, "t": time.time()})
        self.finished.emit()
        self.window.close()

    def _consented(self) -> None:
        tap = RecordTap(self.folder / names.HEARD, self.folder / names.MIC)
        try:
            tap.start()
        except AudioFileError as exc:
            self.log.write(event="study_failed", reason=str(exc))
            self._declined()
            return
        self.tap = tap
        self.submit(Record(tap))
        self.air_file = (self.folder / names.AIR).open("w", encoding="utf-8", buffering=1)
        (self.folder / names.SCREENS).mkdir(exist_ok=True)
        self.figures = FigureLog(self.folder / names.FIGURES)
        write_json(self.folder / names.CONSENT, {"accepted": True, "t": time.time()})
        self._condition()
        if self.target is not None:
            self.submit(self.target)
        self._clock.start(CLOCK_POLL_MS)

    def _condition(self) -> None:
        """Set the condition's auto-relay through the console's own action (so it is logged,
        ``source`` "study"), before connecting: the console keeps it once welcomed."""
        on = self.brief.auto_relay
        if on is not None and isinstance(self.window, ConsoleWindow):
            self.window.dispatcher.trigger("auto_relay", value=on, source="study")

    def _look(self) -> None:
        """Wait for the runner's zero; then end the session when its time is up."""
        if self.log.zero_t is None:
            found = read_json(self.folder / names.CLOCK)
            if not isinstance(found, dict):
                return
            self.log.zero_t = float(found["zero_t"])
            self._air(self.on_air)
            if self.brief.screenshots_per_s > 0:
                self._shots.start(round(1000 / self.brief.screenshots_per_s))
        elif time.time() - self.log.zero_t >= self.brief.duration_s:
            self._end()

    def session_s(self) -> float | None:
        zero = self.log.zero_t
        return None if zero is None else time.time() - zero

    def _event(self, event: Event) -> None:
        if isinstance(event, Welcomed):
            self.me = event.me.id
        if isinstance(event, Welcomed | MeetingChanged) and self.me is not None:
            on_air = event.meeting.air_of(self.me) is not None
            if on_air != self.on_air:
                self.on_air = on_air
                self._air(on_air)

    def _metrics(self, metrics: Metrics) -> None:
        if self.figures is not None:
            self.figures.offer(metrics, self.session_s())

    def _air(self, on_air: bool) -> None:
        now = self.session_s()
        if self.air_file is not None and now is not None:
            line = {"session_s": round(max(0.0, now), 3), "on_air": on_air}
            self.air_file.write(json.dumps(line) + "\n")

    def screenshot(self) -> Path | None:
        """Save the window now into ``screens/`` (on the session's clock); None before zero."""
        now = self.session_s()
        if now is None:
            return None
        path = self.folder / names.SCREENS / f"{round(max(0.0, now) * 10):05d}.png"
        self.window.grab().save(str(path), "PNG")
        return path

    def _end(self) -> None:
        self._clock.stop()
        self._shots.stop()
        self._stop_figures()
        self.submit(Record(None))
        self.log.write(event="study_ended")
        dialog = QuestionnaireDialog(self.brief.questions, self.window)
        dialog.accepted.connect(lambda: self._answered(dialog))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _answered(self, dialog: QuestionnaireDialog) -> None:
        answers = dialog.answers()  # complete: Finish is enabled only then
        write_json(self.folder / names.ANSWERS, {**answers, "scores": score(answers)})

    def _closed(self) -> None:
        self.finished.emit()
        self.window.close()

    def _stop_figures(self) -> None:
        figures, self.figures = self.figures, None
        if figures is not None:
            figures.close()

    def close(self) -> None:
        """Once the engine has stopped: finish the recordings and say when they started."""
        self._clock.stop()
        self._shots.stop()
        self._stop_figures()
        if self.air_file is not None:
            self.air_file.close()
            self.air_file = None
        tap, self.tap = self.tap, None
        if tap is not None:
            tap.stop()
            write_json(
                self.folder / names.TRACKS,
                {
                    "start_t": tap.started_wall,
                    "error": tap.error,
                    "spl_at_full_scale": self.spl_at_full_scale,
                },
            )

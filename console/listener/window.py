"""The listener's window: choose a language, and know when you hear the floor instead.

Opened by ``console/app.py`` with a listener's token (:func:`open_listener`).
A listener hears one channel (PROTOCOL.md: listeners listen to one). While
nobody interprets into that language, the hub gives the floor on it (floor
fallback), so the listener never hears silence between turns; the window
then says so plainly, in a banner, so that nobody wonders why the speaker's
own language is playing.

Every action goes through :class:`~console.listener.actions.ListenerActions`:
the language picker, F5/F6/Shift+F6, and two reports to the coordinators
("no sound", "poor sound", sent as ``signal``).
"""

from __future__ import annotations

import locale

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from audio.commands import (
    ConnectionFailed,
    Disconnected,
    Event,
    InputSwitched,
    Meeting,
    MeetingChanged,
    Metrics,
    Welcomed,
)
from channels.meeting import FLOOR
from console.listener.actions import ListenerActions
from console.shell.actions import EventLog
from console.shell.bridge import EngineBridge
from console.shell.languages import language_name, native_language_name
from console.shell.listening import LISTEN_INPUT
from console.shell.model import QUIET_METER, Meter
from console.shell.settings import Settings
from console.shell.widgets.common import ActionButton, set_if_changed, set_style
from console.shell.widgets.meter import LevelMeter

BANNER_STYLE = (
    "background: #ffe082; color: #263238; font-size: 15px; font-weight: bold;"
    " border-radius: 4px; padding: 8px;"
)


def gives_floor(meeting: Meeting | None, channel: str | None) -> bool:
    """Whether ``channel`` carries the floor because no interpreter is on air on it."""
    if meeting is None or channel is None or channel == FLOOR:
        return False
    info = meeting.channel(channel)
    return info is not None and info.on_air is None


def preferred_channel(meeting: Meeting, language: str | None) -> str:
    """The channel in the user's language when there is one, else the floor."""
    if language:
        for ch in meeting.channels:
            if ch.language is not None and ch.language == language.split("_")[0].lower():
                return ch.id
    return FLOOR


class ListenerWindow(QMainWindow):
    def __init__(
        self,
        bridge: EngineBridge,
        *,
        log: EventLog | None = None,
        language: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.bridge = bridge
        self.meeting: Meeting | None = None
        self.heard: str | None = None
        self.language = language
        self.status = ""
        self.commands = ListenerActions(bridge, self, log=log, parent=self)
        self.commands.install(self, self.commands.stored_keys(settings))
        self.setWindowTitle(self.tr("RSI console \u2013 listener"))
        self.setAccessibleName(self.tr("Listener console"))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.title = QLabel(central)
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.title.setAccessibleName(self.tr("Meeting"))
        layout.addWidget(self.title)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Language:"), central)
        self.picker = QComboBox(central)
        self.picker.setAccessibleName(self.tr("Language"))
        self.picker.setMinimumWidth(220)
        label.setBuddy(self.picker)
        self.picker.activated.connect(self._picked)
        self.meter = LevelMeter(self.tr("Level of what you hear"), central)
        self.meter.setMaximumHeight(90)
        row.addWidget(label)
        row.addWidget(self.picker, 1)
        row.addWidget(self.meter)
        layout.addLayout(row)
        self.banner = QLabel(central)
        self.banner.setAccessibleName(self.tr("What you hear"))
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.banner)
        reports = QHBoxLayout()
        self.no_sound = ActionButton(self.commands, "no_sound", parent=central)
        self.poor_sound = ActionButton(self.commands, "poor_sound", parent=central)
        reports.addWidget(self.no_sound)
        reports.addWidget(self.poor_sound)
        layout.addLayout(reports)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.resize(520, 260)

        bridge.arrived.connect(self.on_event)
        bridge.metrics.connect(self.on_event)
        self.redraw()

    def channel_ids(self) -> tuple[str, ...]:
        return tuple(ch.id for ch in self.meeting.channels) if self.meeting is not None else ()

    def _picked(self, index: int) -> None:
        channel = self.picker.itemData(index)
        if isinstance(channel, str):
            self.commands.trigger("language_set", value=channel)

    def on_event(self, event: Event) -> None:
        match event:
            case Metrics():
                level = next((x.level for x in event.inputs if x.index == LISTEN_INPUT), None)
                self.meter.show_meter(Meter.of(level) if level is not None else QUIET_METER)
                return
            case Welcomed(meeting=meeting):
                self.meeting = meeting
                self.status = ""
                chosen = self.heard or preferred_channel(meeting, self.language)
                self.commands.trigger("language_set", value=chosen, source="welcome")
            case MeetingChanged(meeting=meeting):
                self.meeting = meeting
            case InputSwitched(channel=channel) if event.index == LISTEN_INPUT:
                self.heard = channel
            case ConnectionFailed(sentence=sentence) | Disconnected(sentence=sentence):
                self.status = sentence
        self.redraw()

    def redraw(self) -> None:
        meeting = self.meeting
        set_if_changed(
            self.title, (meeting.title or meeting.id) if meeting else self.tr("Not connected")
        )
        wanted = [
            (ch.id, self._channel_name(ch.id, ch.language))
            for ch in (meeting.channels if meeting is not None else ())
        ]
        have = [
            (self.picker.itemData(i), self.picker.itemText(i)) for i in range(self.picker.count())
        ]
        if have != wanted:
            self.picker.clear()
            for channel, name in wanted:
                self.picker.addItem(name, channel)
        index = self.picker.findData(self.heard)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.setCurrentIndex(index)
        if self.status:
            text, style = self.status, BANNER_STYLE
        elif gives_floor(meeting, self.heard):
            text = self.tr(
                "No interpreter is on air in this language: you hear the floor (the speaker's "
                "own language)"
            )
            style = BANNER_STYLE
        elif self.heard is None:
            text, style = self.tr("Choose a language"), ""
        else:
            info = meeting.channel(self.heard) if meeting is not None else None
            text = self.tr("You hear {0}").format(
                self._channel_name(self.heard, info.language if info is not None else None)
            )
            style = "font-size: 15px; padding: 8px;"
        set_if_changed(self.banner, text)
        set_style(self.banner, style)

    def _channel_name(self, channel: str, language: str | None) -> str:
        if channel == FLOOR:
            return self.tr("Floor (original)")
        if not language:
            return channel
        native, known = native_language_name(language), language_name(language)
        if known.casefold() in native.casefold():  # "English", not "American English - English"
            return known
        return f"{native} \u2013 {known}"

    def closeEvent(self, event: QCloseEvent) -> None:
        self.bridge.stop()
        super().closeEvent(event)


def open_listener(
    bridge: EngineBridge, *, log: EventLog | None = None, settings: Settings | None = None
) -> ListenerWindow:
    """The listener's window on a started bridge (``console/app.py``, listener token).

    Connect afterwards: on the welcome it plays the channel in the system's language,
    or the floor.
    """
    window = ListenerWindow(bridge, log=log, language=locale.getlocale()[0], settings=settings)
    window.show()
    return window

"""The listener's window: choose a language, and know when you hear the floor instead.

Opened by ``console/app.py`` with a listener's token (:func:`open_listener`).
It holds no state of its own: engine events go into the
:class:`~console.listener.model.ListenerModel`, and the window redraws from
the :class:`~console.listener.model.ListenerView` it returns. While the
channel chosen gives the floor (nobody interprets into it), the banner says
so plainly, so that nobody wonders why the speaker's own language is playing.

Every action goes through :class:`~console.listener.actions.ListenerActions`:
the language picker, F5/F6/Shift+F6, and two reports to the coordinators
("no sound", "poor sound", sent as ``signal``).
"""

from __future__ import annotations

import locale

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

from audio.commands import Event, Metrics, Welcomed
from channels.meeting import FLOOR
from console.listener.actions import ListenerActions
from console.listener.model import Banner, ChannelChoice, ListenerModel
from console.shell.actions import EventLog
from console.shell.bridge import EngineBridge
from console.shell.languages import language_name, native_language_name
from console.shell.settings import Settings
from console.shell.widgets.common import ActionButton, set_if_changed, set_style
from console.shell.widgets.meter import LevelMeter
from console.shell.widgets.plain import Label

BANNER_STYLE = (
    "background: #ffe082; color: #263238; font-size: 15px; font-weight: bold;"
    " border-radius: 4px; padding: 8px;"
)
HEARING_STYLE = "font-size: 15px; padding: 8px;"


class ListenerWindow(QMainWindow):
    def __init__(
        self,
        bridge: EngineBridge,
        actions: ListenerActions,
        model: ListenerModel,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.bridge = bridge
        self.commands = actions
        self.model = model
        actions.install(self, actions.stored_keys(settings))
        self.setWindowTitle(self.tr("RSI console \u2013 listener"))
        self.setAccessibleName(self.tr("Listener console"))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.title = Label(parent=central)
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.title.setAccessibleName(self.tr("Meeting"))
        layout.addWidget(self.title)
        row = QHBoxLayout()
        label = Label(self.tr("&Language:"), central)
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
        self.banner = Label(parent=central)
        self.banner.setAccessibleName(self.tr("What you hear"))
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.banner)
        reports = QHBoxLayout()
        self.no_sound = ActionButton(actions, "no_sound", parent=central)
        self.poor_sound = ActionButton(actions, "poor_sound", parent=central)
        reports.addWidget(self.no_sound)
        reports.addWidget(self.poor_sound)
        layout.addLayout(reports)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.resize(520, 260)

        bridge.arrived.connect(self.on_event)
        bridge.metrics.connect(self.on_event)
        self.redraw()

    def _picked(self, index: int) -> None:
        channel = self.picker.itemData(index)
        if isinstance(channel, str):
            self.commands.trigger("language_set", value=channel)

    def on_event(self, event: Event) -> None:
        self.model.apply(event)
        if isinstance(event, Metrics):
            self.meter.show_meter(self.model.meter)
            return
        if isinstance(event, Welcomed):
            chosen = self.model.choice()
            self.commands.trigger("language_set", value=chosen, source="welcome")
        self.redraw()

    def redraw(self) -> None:
        view = self.model.view()
        set_if_changed(self.title, view.title or self.tr("Not connected"))
        wanted = [(ch.id, self._channel_name(ch)) for ch in view.channels]
        have = [
            (self.picker.itemData(i), self.picker.itemText(i)) for i in range(self.picker.count())
        ]
        if have != wanted:
            self.picker.clear()
            for channel, name in wanted:
                self.picker.addItem(name, channel)
        index = self.picker.findData(view.heard.id if view.heard is not None else None)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.setCurrentIndex(index)
        match view.banner:
            case Banner.PROBLEM:
                text, style = view.problem, BANNER_STYLE
            case Banner.FLOOR:
                text = self.tr(
                    "No interpreter is on air in this language: you hear the floor (the "
                    "speaker's own language)"
                )
                style = BANNER_STYLE
            case Banner.CHOOSE:
                text, style = self.tr("Choose a language"), ""
            case Banner.HEARING:
                assert view.heard is not None
                text = self.tr("You hear {0}").format(self._channel_name(view.heard))
                style = HEARING_STYLE
        set_if_changed(self.banner, text)
        set_style(self.banner, style)

    def _channel_name(self, channel: ChannelChoice) -> str:
        if channel.id == FLOOR:
            return self.tr("Floor (original)")
        if not channel.language:
            return channel.id
        native = native_language_name(channel.language)
        known = language_name(channel.language)
        if known.casefold() in native.casefold():  # "English", not "American English - English"
            return known
        return f"{native} \u2013 {known}"

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commands.uninstall()  # a closed window answers no key (its engine is stopping)
        self.bridge.stop()
        super().closeEvent(event)


def open_listener(
    bridge: EngineBridge, *, log: EventLog | None = None, settings: Settings | None = None
) -> ListenerWindow:
    """The listener's window on a started bridge (``console/app.py``, listener token).

    Connect afterwards: on the welcome it plays the channel in the system's language,
    or the floor.
    """
    model = ListenerModel(language=locale.getlocale()[0])
    actions = ListenerActions(bridge, model, log=log)
    window = ListenerWindow(bridge, actions, model, settings=settings)
    window.show()
    return window

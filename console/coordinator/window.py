"""The coordinator's window: the whole meeting at once, and the few actions that fix it.

The same program as the interpreter's console, opened with a coordinator's
token (``console/app.py`` calls :func:`open_coordinator`). It holds no state
of its own: engine events go into the :class:`~console.coordinator.model.CoordinatorModel`
(which also feeds the alarms), and every panel redraws from the
:class:`~console.coordinator.model.CoordinatorView` it returns, on each event, on
each metrics snapshot (ten a second) and once a second for the turn timers
and the alarms that depend on time. Every action goes through
:class:`~console.coordinator.actions.CoordinatorActions`.

Layout: a top bar (meeting, connection, the floor language and who set it, what you hear),
all channels in one grid of strips, then booths and participants, alarms,
and messages side by side.

Listening in is one click on a strip (or F5, F6, Shift+F6): the engine
already receives every channel for the meters (``Monitor``), so the switch
only moves an input to a buffer that is already full
(``bench/listen_switch.py`` measures it).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from audio.commands import Event, Metrics, Welcomed
from console.coordinator.actions import CoordinatorActions
from console.coordinator.alarms import AlarmConfig, Alarms
from console.coordinator.model import CoordinatorModel, CoordinatorView
from console.coordinator.widgets.alarms import AlarmPanel
from console.coordinator.widgets.channels import ChannelGrid
from console.coordinator.widgets.chat import ChatPanel
from console.coordinator.widgets.tables import BoothTable, ParticipantTable
from console.shell.actions import EventLog
from console.shell.bridge import EngineBridge
from console.shell.languages import floor_language_sentence, floor_origin, language_name
from console.shell.model import Connection
from console.shell.settings import Settings
from console.shell.widgets.common import set_if_changed
from console.shell.widgets.plain import Label


class CoordinatorWindow(QMainWindow):
    def __init__(
        self,
        bridge: EngineBridge,
        actions: CoordinatorActions,
        model: CoordinatorModel,
        *,
        clock: Callable[[], float] = time.time,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.bridge = bridge
        self.commands = actions
        self.model = model
        self._clock = clock
        self.setWindowTitle(self.tr("RSI console \u2013 coordinator"))
        self.setAccessibleName(self.tr("Coordinator console"))
        actions.install(self, actions.stored_keys(settings))

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.addLayout(self._top_bar(central))
        self.channels = ChannelGrid(actions, central)
        outer.addWidget(self.channels, 2)
        bottom = QSplitter(central)
        left = QWidget(bottom)
        tables = QVBoxLayout(left)
        tables.setContentsMargins(0, 0, 0, 0)
        self.booths = BoothTable(left)
        self.participants = ParticipantTable(left)
        tables.addWidget(self.booths)
        tables.addWidget(self.participants)
        self.alarms = AlarmPanel(actions, bottom, settings)
        self.chat = ChatPanel(actions, bottom)
        bottom.addWidget(left)
        bottom.addWidget(self.alarms)
        bottom.addWidget(self.chat)
        bottom.setSizes([520, 400, 360])
        outer.addWidget(bottom, 3)
        self.setCentralWidget(central)
        self.setMinimumSize(1024, 640)

        bridge.arrived.connect(self.on_event)
        bridge.metrics.connect(self.on_event)
        actions.changed.connect(self.redraw)
        actions.ui_requested.connect(self.on_ui)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        self.view: CoordinatorView = model.view(clock())
        self.redraw()

    def _top_bar(self, parent: QWidget) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.title = Label(parent=parent)
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setAccessibleName(self.tr("Meeting"))
        self.connection = Label(parent=parent)
        self.connection.setAccessibleName(self.tr("Connection"))
        floor_label = Label(self.tr("&Floor language:"), parent)
        self.floor_language = QComboBox(parent)
        self.floor_language.setAccessibleName(self.tr("Floor language"))
        self.floor_language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        floor_label.setBuddy(self.floor_language)
        self.floor_language.activated.connect(self._floor_language_chosen)
        self.floor_origin = Label(parent=parent)
        self.floor_origin.setAccessibleName(self.tr("Who set the floor language"))
        self.heard = Label(parent=parent)
        self.heard.setAccessibleName(self.tr("Listening to"))
        self.listeners = Label(parent=parent)
        self.listeners.setAccessibleName(self.tr("Listeners"))
        self.clock = Label(parent=parent)
        self.clock.setAccessibleName(self.tr("Clock"))
        bar.addWidget(self.title)
        bar.addWidget(self.connection)
        bar.addStretch(1)
        bar.addWidget(floor_label)
        bar.addWidget(self.floor_language)
        bar.addWidget(self.floor_origin)
        bar.addSpacing(16)
        bar.addWidget(self.heard)
        bar.addSpacing(16)
        bar.addWidget(self.listeners)
        bar.addSpacing(16)
        bar.addWidget(self.clock)
        return bar

    def _floor_language_chosen(self, index: int) -> None:
        code = self.floor_language.itemData(index)
        self.commands.trigger("floor_language_set", value=code if isinstance(code, str) else "")

    def on_event(self, event: Event) -> None:
        self.model.apply(event, self._clock())
        if isinstance(event, Welcomed):
            self.commands.sync()
        if isinstance(event, Metrics):
            self.redraw_live()
        else:
            self.redraw()

    def on_ui(self, action_id: str) -> None:
        if action_id == "focus_chat":
            self.chat.focus()
        elif action_id == "focus_floor_language":
            self.floor_language.setFocus()
            self.floor_language.showPopup()

    def tick(self) -> None:
        self.model.alarms.tick(self._clock())
        self.redraw()

    def redraw_live(self) -> None:
        """What moves ten times a second: the meters, and the alarms that follow the levels."""
        view = self.model.view(self._clock())
        self.view = view
        self.channels.draw(view.channels)
        self.alarms.draw(view.alarms)
        self._heard(view)

    def redraw(self) -> None:
        view = self.model.view(self._clock())
        self.view = view
        set_if_changed(self.title, view.title or self.tr("Not connected"))
        set_if_changed(self.connection, self._connection_text(view))
        self._floor_languages(view)
        self._heard(view)
        set_if_changed(self.listeners, self.tr("{0} listeners").format(view.listeners))
        set_if_changed(self.clock, time.strftime("%H:%M:%S", time.localtime(view.now)))
        self.channels.draw(view.channels)
        self.booths.draw(view.booths)
        self.participants.draw(view.participants)
        self.alarms.draw(view.alarms)
        self.chat.draw(view.messages, view.booths, view.participants)
        if view.notices:
            self.statusBar().showMessage(view.notices[-1])

    def _heard(self, view: CoordinatorView) -> None:
        heard = view.heard
        text = self.tr("Listening to {0}").format(heard) if heard else self.tr("Not listening")
        set_if_changed(self.heard, text)

    def _connection_text(self, view: CoordinatorView) -> str:
        words = {
            Connection.OFFLINE: self.tr("offline"),
            Connection.CONNECTING: self.tr("connecting"),
            Connection.CONNECTED: self.tr("connected"),
            Connection.RECONNECTING: self.tr("reconnecting"),
            Connection.FAILED: self.tr("not connected"),
            Connection.LOST: self.tr("connection lost"),
        }
        word = words[view.connection]
        return f"{word}: {view.connection_text}" if view.connection_text else word

    def _floor_languages(self, view: CoordinatorView) -> None:
        combo = self.floor_language
        wanted = [("", self.tr("not set"))] + [(c, language_name(c)) for c in view.languages]
        have = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
        if have != wanted:
            combo.clear()
            for code, name in wanted:
                combo.addItem(name, code)
        index = combo.findData(view.floor_language or "")
        if index >= 0 and combo.currentIndex() != index and not combo.view().isVisible():
            combo.setCurrentIndex(index)
        set_if_changed(self.floor_origin, floor_origin(view.floor_language_set_by))
        said = floor_language_sentence(view.floor_language, view.floor_language_set_by)
        if combo.accessibleDescription() != said:
            combo.setAccessibleDescription(said)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        self.commands.uninstall()  # a closed window answers no key (its engine is stopping)
        self.bridge.stop()
        super().closeEvent(event)


def open_coordinator(
    bridge: EngineBridge,
    *,
    log: EventLog | None = None,
    alarms: AlarmConfig | None = None,
    clock: Callable[[], float] = time.time,
    settings: Settings | None = None,
) -> CoordinatorWindow:
    """The coordinator's window on a started bridge (``console/app.py``, coordinator token).

    Connect afterwards (``bridge.submit(Connect(url, token))``): on the welcome the
    window meters every channel and listens to the floor. ``alarms``: other thresholds than
    :class:`~console.coordinator.alarms.AlarmConfig`'s; ``settings``: where the user's keys
    are.
    """
    model = CoordinatorModel(alarms=Alarms(alarms))
    actions = CoordinatorActions(bridge, model, log=log, clock=clock)
    window = CoordinatorWindow(bridge, actions, model, clock=clock, settings=settings)
    window.show()
    return window

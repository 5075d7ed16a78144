"""The interpreter's main window: everything at hand, nothing in the way.

It holds no state of its own: engine events go into the
:class:`~console.interpreter.model.ViewModel`, and every panel redraws from the
:class:`~console.interpreter.model.View` it returns (on each event, on each metrics
snapshot, and once a second for the clock and the turn timer). Every user
action goes through :class:`~console.interpreter.actions.Actions`.

Layout: the menu bar (:data:`MENUS`, made of the actions), the status line
(with a Connect button while not in a meeting), the notices area (a fixed
height: a notice never moves the controls), then, left to right (mirrored in
right-to-left languages): what you hear (input), what you say (the on-air
control, cough, outputs, meters), and the booth (handover, messages). Each
column scrolls when the window is too short for it, so that the window fits a
1366x768 screen, and a 1920x1080 one at 200 % (960x540 logical pixels).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from audio.commands import (
    AutoRelayChanged,
    ConnectionFailed,
    Disconnected,
    Event,
    Metrics,
    Welcomed,
)
from console.interpreter.actions import Actions
from console.interpreter.model import Severity, View, ViewModel
from console.interpreter.widgets.airpanel import AirPanel
from console.interpreter.widgets.handoverpanel import HandoverPanel
from console.interpreter.widgets.inputpanel import InputPanel
from console.interpreter.widgets.messagespanel import MessagesPanel
from console.interpreter.widgets.notices import NoticesArea
from console.interpreter.widgets.statusbar import StatusBar
from console.shell import theme
from console.shell.actions import QT_TRANSLATE_NOOP
from console.shell.bridge import EngineBridge
from console.shell.connectdialog import ConnectDialog
from console.shell.firstrun import FirstRunDialog
from console.shell.headsetcheck import HeadsetCheckDialog
from console.shell.menus import MenuBar
from console.shell.model import Connection
from console.shell.settings import Settings
from console.shell.settingsdialog import EngineHooks, SettingsDialog
from console.shell.widgets.common import ActionButton, relabel

MENUS: Final = (
    (
        QT_TRANSLATE_NOOP("Menus", "&Meeting"),
        (
            "connect",
            "-",
            "air",
            "output_next",
            "output_a",
            "output_b",
            "output_c",
            "-",
            "handover_offer",
            "handover_request",
            "handover_accept",
            "handover_cancel",
            "-",
            "slow_down",
            "focus_chat",
            "messages_read",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Menus", "&Audio"),
        (
            "source_floor",
            "source_relay",
            "relay_next",
            "relay_previous",
            "auto_relay",
            "-",
            "volume_up",
            "volume_down",
            "relay_volume_up",
            "relay_volume_down",
            "bass_up",
            "bass_down",
            "treble_up",
            "treble_down",
            "ear_next",
            "floor_level",
            "relay_level",
            "-",
            "partner_listen",
            "partner_volume_up",
            "partner_volume_down",
            "partner_ear_next",
            "partner_level",
            "-",
            "sound_check",
            "headset_check",
            "settings",
        ),
    ),
    (QT_TRANSLATE_NOOP("Menus", "&View"), ("theme_next",)),
    (QT_TRANSLATE_NOOP("Menus", "&Help"), ("keys", "sound_check", "about")),
)
"""The menus of the console (titles in context "Menus") and the actions each offers."""
OFFLINE: Final = (Connection.OFFLINE, Connection.FAILED, Connection.LOST)
"""Not in a meeting: the Connect button shows."""
Dialog = SettingsDialog | ConnectDialog | HeadsetCheckDialog | FirstRunDialog


class ConsoleWindow(QMainWindow):
    def __init__(
        self,
        bridge: EngineBridge,
        actions: Actions,
        model: ViewModel,
        *,
        settings: Settings | None = None,
        use_devices: Callable[[str, str], object] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.bridge = bridge
        self.dispatcher = actions
        self.model = model
        self.settings = settings
        self._use_devices = use_devices
        self._clock = clock
        self.dialog: Dialog | None = None
        """The settings, connect, headset-check or first-run dialog while one is open."""
        self.setWindowTitle(self.tr("RSI console"))
        self.setAccessibleName(self.tr("Interpreter console"))
        actions.install(self, actions.stored_keys(settings))
        self.menus = MenuBar(self, actions, MENUS)

        central = QWidget(self)
        outer = QVBoxLayout(central)
        top = QHBoxLayout()
        self.status = StatusBar(central)
        self.connect_button = ActionButton(actions, "connect", self.tr("Connect…"), central)
        retain = self.connect_button.sizePolicy()
        retain.setRetainSizeWhenHidden(True)  # showing it never moves anything
        self.connect_button.setSizePolicy(retain)
        top.addWidget(self.status, 1)
        top.addWidget(self.connect_button)
        outer.addLayout(top)
        self.notices = NoticesArea(self.menus.where, central)
        outer.addWidget(self.notices)
        body = QHBoxLayout()
        self.input = InputPanel(actions, central)
        self.air = AirPanel(actions, central)
        booth = QWidget(central)
        right = QVBoxLayout(booth)
        right.setContentsMargins(0, 0, 0, 0)
        self.handover = HandoverPanel(actions, booth, settings)
        self.messages = MessagesPanel(actions, booth, settings)
        right.addWidget(self.handover)
        right.addWidget(self.messages, 1)
        body.addWidget(_scrolled(self.input), 3)
        body.addWidget(_scrolled(self.air), 4)
        body.addWidget(_scrolled(booth), 3)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        bridge.arrived.connect(self.on_event)
        bridge.metrics.connect(self.on_event)
        actions.changed.connect(self.refresh)
        actions.ui_requested.connect(self.on_ui)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.refresh)
        self.ticker.start()
        self.view: View = model.view(clock())
        self.refresh()

    def on_event(self, event: Event) -> None:
        self.model.apply(event, self._clock())
        if isinstance(event, Welcomed):
            self.dispatcher.sync()
        elif isinstance(event, AutoRelayChanged):
            self.dispatcher.on_auto(event)
        elif isinstance(event, Disconnected | ConnectionFailed):
            self.dispatcher.on_disconnected()
        if isinstance(self.dialog, ConnectDialog):
            self.dialog.handle_event(event)
        elif isinstance(self.dialog, SettingsDialog | FirstRunDialog) and isinstance(
            event, Metrics
        ):
            self.dialog.show_metrics(event)
        self.refresh()

    def on_ui(self, action_id: str) -> None:
        if action_id == "focus_chat":
            self.messages.focus()
        elif self.settings is None:
            self.model.notice(self._clock(), Severity.WARNING, "no_settings")
        elif self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
        elif action_id == "settings":
            self.open_settings(self.settings)
        elif action_id == "headset_check":
            self.open_headset_check(self.settings)
        elif action_id == "sound_check":
            self.open_first_run(self.settings)
        elif action_id == "theme_next":
            self.next_theme(self.settings)
        elif action_id == "keys":
            dialog = self.open_settings(self.settings)
            dialog.tabs.setCurrentWidget(dialog.shortcuts)
        elif action_id == "about":
            self.about()
        else:
            self.open_connect(self.settings)
        self.refresh()

    def open_first_run(self, settings: Settings) -> FirstRunDialog:
        dialog = FirstRunDialog(
            settings, self.bridge.submit, self._use_devices, self.menus.where, self
        )
        self._open(dialog)
        return dialog

    def next_theme(self, settings: Settings) -> None:
        """Light, dark, high contrast, in turn: applied at once and kept."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        names = list(theme.THEMES)
        name = names[(names.index(theme.current(app)) + 1) % len(names)]
        theme.apply(app, name)
        settings.theme = name
        settings.sync()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About the RSI console"),
            self.tr(
                "RSI console: remote simultaneous interpretation, free software. Every action "
                "is in the menus with its key; Help ▸ Keyboard shortcuts changes the keys."
            ),
        )

    def open_settings(self, settings: Settings) -> SettingsDialog:
        hooks = EngineHooks(submit=self.bridge.submit, use_devices=self._use_devices)
        dialog = SettingsDialog(settings, Actions.table(), hooks, self)
        dialog.shortcuts_changed.connect(self.rekey)
        self._open(dialog)
        return dialog

    def open_headset_check(self, settings: Settings) -> HeadsetCheckDialog:
        dialog = HeadsetCheckDialog(settings, self.bridge.submit, self)
        self._open(dialog)
        return dialog

    def offer_first_run(self) -> FirstRunDialog | HeadsetCheckDialog | None:
        """At first run (nothing stored yet): open the sound check; later, while no
        calibration is stored: the headset check; else nothing."""
        if self.settings is None or self.dialog is not None:
            return None
        if self.settings.first_run:
            return self.open_first_run(self.settings)
        if not HeadsetCheckDialog.needed(self.settings):
            return None
        return self.open_headset_check(self.settings)

    def open_connect(self, settings: Settings) -> ConnectDialog:
        dialog = ConnectDialog(
            settings,
            lambda command: self.dispatcher.trigger("meeting_connect", value=command),
            self,
        )
        self._open(dialog)
        return dialog

    def _open(self, dialog: Dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(self._closed)
        dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def rekey(self, overrides: dict[str, str]) -> None:
        """New shortcuts from the settings: install them and show them on the buttons."""
        self.dispatcher.install(self, overrides)
        relabel(self, self.dispatcher)
        self.menus.relabel()
        self.refresh()

    def refresh(self) -> None:
        view = self.model.view(self._clock())
        self.view = view
        self.status.show_view(view)
        self.connect_button.setVisible(view.connection in OFFLINE)
        self.notices.show_view(view)
        self.input.show_view(view)
        self.air.show_view(view)
        self.handover.show_view(view)
        self.messages.show_view(view)

    def fit_screen(self) -> None:
        """Shrink to the screen's free area if larger (a size kept from a bigger screen, or
        the default size on a small or scaled one); call it before showing the window."""
        free = self.screen().availableGeometry().size()
        if self.width() > free.width() or self.height() > free.height():
            self.resize(self.size().boundedTo(free))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        if self.settings is not None:
            self.settings.geometry = self.saveGeometry()
            self.settings.sync()
        self.dispatcher.uninstall()  # a closed window answers no key (its engine is stopping)
        self.bridge.stop()
        super().closeEvent(event)


class _Column(QVBoxLayout):
    """A column's layout that the scroll area may shrink to its least height.

    A scroll area keeps a panel whose height depends on its width (wrapped text) at the height
    it prefers; told otherwise, it shrinks the panel to its least height, then scrolls.
    """

    def hasHeightForWidth(self) -> bool:
        return False


def _scrolled(panel: QWidget) -> QScrollArea:
    """``panel`` in a frameless scroll area: it scrolls when the window is too small for it."""
    column = QWidget()
    layout = _Column(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(panel)
    area = QScrollArea()
    area.setWidget(column)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    bar = area.verticalScrollBar().sizeHint().width()
    area.setMinimumWidth(panel.minimumSizeHint().width() + bar)  # never cut at the side
    area.setAccessibleName(panel.accessibleName())
    return area

"""The interpreter's main window: everything at hand, nothing in the way.

It holds no state of its own: engine events go into the
:class:`~console.interpreter.model.ViewModel`, and every panel redraws from the
:class:`~console.interpreter.model.View` it returns (on each event, on each metrics
snapshot, and once a second for the clock and the turn timer). Every user
action goes through :class:`~console.interpreter.actions.Actions`.

Layout, left to right (mirrored in right-to-left languages): what you hear
(input), what you say (the on-air control, cough, outputs, meters), and the
booth (handover, messages).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

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
from console.interpreter.widgets.statusbar import StatusBar
from console.shell.bridge import EngineBridge
from console.shell.connectdialog import ConnectDialog
from console.shell.headsetcheck import HeadsetCheckDialog
from console.shell.settings import Settings
from console.shell.settingsdialog import EngineHooks, SettingsDialog
from console.shell.widgets.common import relabel


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
        self.dialog: SettingsDialog | ConnectDialog | HeadsetCheckDialog | None = None
        """The settings, connect or headset-check dialog while one is open."""
        self.setWindowTitle(self.tr("RSI console"))
        self.setAccessibleName(self.tr("Interpreter console"))
        actions.install(self, actions.stored_keys(settings))

        central = QWidget(self)
        outer = QVBoxLayout(central)
        self.status = StatusBar(central)
        outer.addWidget(self.status)
        body = QHBoxLayout()
        self.input = InputPanel(actions, central)
        self.air = AirPanel(actions, central)
        right = QVBoxLayout()
        self.handover = HandoverPanel(actions, central, settings)
        self.messages = MessagesPanel(actions, central, settings)
        right.addWidget(self.handover)
        right.addWidget(self.messages, 1)
        body.addWidget(self.input, 3)
        body.addWidget(self.air, 4)
        body.addLayout(right, 3)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self.setMinimumSize(1024, 600)

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
        elif isinstance(self.dialog, SettingsDialog) and isinstance(event, Metrics):
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
        else:
            self.open_connect(self.settings)
        self.refresh()

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

    def offer_headset_check(self) -> HeadsetCheckDialog | None:
        """At first run (no calibration stored): open the headset check, else nothing."""
        if self.settings is None or self.dialog is not None:
            return None
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

    def _open(self, dialog: SettingsDialog | ConnectDialog | HeadsetCheckDialog) -> None:
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
        self.refresh()

    def refresh(self) -> None:
        view = self.model.view(self._clock())
        self.view = view
        self.status.show_view(view)
        self.input.show_view(view)
        self.air.show_view(view)
        self.handover.show_view(view)
        self.messages.show_view(view)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        if self.settings is not None:
            self.settings.geometry = self.saveGeometry()
            self.settings.sync()
        self.bridge.stop()
        super().closeEvent(event)

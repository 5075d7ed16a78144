"""All channels in one grid: a strip per channel, as on a mixing desk.

Each strip shows the channel's meter, who is on air (or that the channel
gives the floor), where its sound comes from (the relay chain, with its
quality), how many listen, and has the two actions a coordinator takes on a
channel: listen in (one click; the button stays down on the channel heard)
and force off whoever holds it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from channels.meeting import FLOOR
from console.coordinator.actions import CoordinatorActions
from console.coordinator.model import ChannelRow
from console.coordinator.widgets.words import chain_text, role_text
from console.shell.languages import language_name
from console.shell.widgets.common import quality_text, set_if_changed, set_style
from console.shell.widgets.meter import LevelMeter
from console.shell.widgets.plain import Label

STRIPS_PER_ROW = 8
METER_HEIGHT = 150
ON_AIR_STYLE = "color: #ffffff; background: #c62828; border-radius: 3px; padding: 1px 4px;"
FALLBACK_STYLE = "color: #263238; background: #ffe082; border-radius: 3px; padding: 1px 4px;"
HEARD_STYLE = "QFrame#strip { border: 2px solid #42a5f5; border-radius: 4px; }"
IDLE_STYLE = "QFrame#strip { border: 1px solid #4a5058; border-radius: 4px; }"


class ChannelStrip(QFrame):
    """One channel."""

    def __init__(self, actions: CoordinatorActions, channel: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.channel = channel
        self.commands = actions
        self.holder: str | None = None
        self.setObjectName("strip")
        self.setAccessibleName(self.tr("Channel {0}").format(channel))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.title = Label(parent=self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-weight: bold;")
        self.meter = LevelMeter(self.tr("Level of channel {0}").format(channel), self)
        self.on_air = Label(parent=self)
        self.on_air.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.on_air.setAccessibleName(self.tr("On air on {0}").format(channel))
        self.source = Label(parent=self)
        self.source.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.source.setWordWrap(True)
        self.source.setAccessibleName(self.tr("Source of {0}").format(channel))
        self.listeners = Label(parent=self)
        self.listeners.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.listeners.setAccessibleName(self.tr("Listeners of {0}").format(channel))
        self.listen = QPushButton(self.tr("Listen"), self)
        self.listen.setCheckable(True)
        self.listen.setAccessibleName(self.tr("Listen to {0}").format(channel))
        self.listen.clicked.connect(self._listen)
        self.force_off = QPushButton(self.tr("Force off"), self)
        self.force_off.setAccessibleName(self.tr("Force off the speaker of {0}").format(channel))
        self.force_off.clicked.connect(self._force_off)
        layout.addWidget(self.title)
        self.meter.setMaximumHeight(METER_HEIGHT)
        layout.addWidget(self.meter, 1, Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.on_air, self.source, self.listeners, self.listen, self.force_off):
            layout.addWidget(widget)

    def _listen(self) -> None:
        self.commands.trigger("listen_set", value=self.channel)

    def _force_off(self) -> None:
        if self.holder is not None:
            self.commands.trigger("force_off", value=self.holder)

    def draw(self, row: ChannelRow) -> None:
        self.holder = row.on_air
        name = f"{row.id} \u00b7 {language_name(row.language)}"
        title = self.tr("Floor") if row.id == FLOOR else name
        set_if_changed(self.title, title)
        self.meter.show_meter(row.meter)
        if row.on_air is not None:
            text = row.speaker or row.on_air
            if row.gateway:
                text = self.tr("{0} ({1})").format(text, role_text("gateway", row.platform))
            if row.cough:
                text = self.tr("{0} (cough)").format(text)
            set_style(self.on_air, ON_AIR_STYLE)
        elif row.fallback:
            text = self.tr("floor: no interpreter")
            set_style(self.on_air, FALLBACK_STYLE)
        else:
            text = self.tr("nobody on air")
            set_style(self.on_air, "")
        set_if_changed(self.on_air, text)
        if self.on_air.accessibleDescription() != text:  # a screen reader reads who is on air
            self.on_air.setAccessibleDescription(text)
        as_it_is = self.tr("the floor, as it is")
        source = as_it_is if row.fallback else chain_text(row.chain, row.end)
        if row.id != FLOOR and row.on_air is not None:
            source = f"{source}  ({quality_text(row.quality)})"
        set_if_changed(self.source, source)
        set_if_changed(self.listeners, self.tr("{0} listening").format(row.listeners))
        if self.listen.isChecked() != row.heard:
            self.listen.setChecked(row.heard)
            self.listen.setText(self.tr("Listening") if row.heard else self.tr("Listen"))
            self.listen.setAccessibleDescription(self.listen.text())
        set_style(self, HEARD_STYLE if row.heard else IDLE_STYLE)
        self.force_off.setEnabled(row.on_air is not None)


class ChannelGrid(QWidget):
    """The strips, in meeting order, wrapping after :data:`STRIPS_PER_ROW`."""

    def __init__(self, actions: CoordinatorActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commands = actions
        self.setAccessibleName(self.tr("Channels"))
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.strips: dict[str, ChannelStrip] = {}

    def draw(self, rows: tuple[ChannelRow, ...]) -> None:
        if tuple(self.strips) != tuple(row.id for row in rows):
            for strip in self.strips.values():
                strip.deleteLater()
            self.strips = {}
            for index, row in enumerate(rows):
                strip = ChannelStrip(self.commands, row.id, self)
                self.grid.addWidget(strip, index // STRIPS_PER_ROW, index % STRIPS_PER_ROW)
                self.strips[row.id] = strip
        for row in rows:
            self.strips[row.id].draw(row)

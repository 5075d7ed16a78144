"""The output side: the on-air control, cough, the A/B/C selector with "engaged", the meters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.interpreter.actions import Actions
from console.interpreter.model import Air, View
from console.interpreter.widgets.airbutton import AirButton
from console.shell.protection import SHOWN_FROM_DB, state_text
from console.shell.widgets.common import announce_change, keyed, set_if_changed, set_state
from console.shell.widgets.icons import icon
from console.shell.widgets.meter import MeterGroup
from console.shell.widgets.plain import Label

OUTPUT_ACTIONS = ("output_a", "output_b", "output_c")


class AirPanel(QWidget):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dispatcher = actions
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.air = AirButton(self)
        self.air.clicked.connect(lambda: actions.trigger("air"))
        layout.addWidget(self.air, 3)

        self.cough = QPushButton(self)
        self.cough.setObjectName("cough")
        self.cough.setIcon(icon("cough"))
        self.cough.setAccessibleName(self.tr("Cough (hold to mute)"))
        keyed(self.cough, actions, "cough", self.tr("Cough — hold"))
        self.cough.setMinimumHeight(44)
        self.cough.pressed.connect(lambda: actions.trigger("cough", pressed=True))
        self.cough.released.connect(lambda: actions.trigger("cough", pressed=False))
        layout.addWidget(self.cough)

        row = QHBoxLayout()
        self.output_label = Label(self.tr("Output:"), self)
        row.addWidget(self.output_label)
        self.outputs: list[QPushButton] = []
        self.output_group = QButtonGroup(self)
        for index, action_id in enumerate(OUTPUT_ACTIONS):
            button = QPushButton(self)
            button.setCheckable(True)
            button.setMinimumHeight(48)
            button.setObjectName(f"output{index}")
            button.clicked.connect(lambda _=False, a=action_id: actions.trigger(a))
            self.output_group.addButton(button, index)
            self.outputs.append(button)
            row.addWidget(button, 1)
        self.output_label.setBuddy(self.outputs[0])
        layout.addLayout(row)

        self.meters = MeterGroup(self)
        self.meters.add("floor", self.tr("Floor"), self.tr("Floor level"))
        self.meters.add("relay", self.tr("Relay"), self.tr("Relay level"))
        self.meters.add("mic", self.tr("My mic"), self.tr("My microphone level"))
        self.meters.add("left", self.tr("Out L"), self.tr("Output level, left ear"))
        self.meters.add("right", self.tr("Out R"), self.tr("Output level, right ear"))
        self.limiter = Label(parent=self)
        self.limiter.setObjectName("limiter")
        self.limiter.setAccessibleName(self.tr("Hearing protection"))
        self.limiter.setWordWrap(True)
        meters_row = QHBoxLayout()
        meters_row.addWidget(self.meters, 0)
        meters_row.addWidget(self.limiter, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(meters_row, 2)

    def show_view(self, view: View) -> None:
        self.air.show_state(view.air, view.air_channel, self.dispatcher.key_text("air"))
        announce_change(self.air, self.air.accessibleName(), assertive=True)
        self.cough.setDown(view.air is Air.COUGH)
        for index, button in enumerate(self.outputs):
            choice = view.outputs[index] if index < len(view.outputs) else None
            button.setVisible(choice is not None)
            if choice is None:
                continue
            key = self.dispatcher.key_text(OUTPUT_ACTIONS[index])
            text = f"{'● ' if choice.selected else ''}{choice.letter}: {choice.channel.upper()}"
            if choice.engaged_by is not None:
                state = self.tr("engaged: {0}").format(choice.engaged_by)
                text += "\n" + state
            elif choice.ours:
                state = self.tr("our booth on air")
                text += "\n" + state
            else:
                state = self.tr("free")
            stale = view.stale and (choice.engaged_by is not None or choice.ours)
            if stale:  # who holds it is from before the link went quiet: greyed
                state = self.tr("{0} (not current: the hub is not heard)").format(state)
            set_if_changed(button, f"{text}  [{key}]" if key else text)
            button.setAccessibleName(
                self.tr("Output {0}, channel {1}").format(choice.letter, choice.channel)
            )
            button.setAccessibleDescription(f"{state} ({key})" if key else state)
            button.setChecked(choice.selected)
            set_state(button, "muted", "true" if stale else "")
            engaged = choice.engaged_by is not None and not stale
            set_state(button, "engaged", "true" if engaged else "")
            speaking = choice.selected and view.air is not Air.OFF
            set_state(button, "air", view.air.value if speaking else "")
            font = button.font()
            if font.bold() != choice.selected:
                font.setBold(choice.selected)
                button.setFont(font)
        m = view.meters
        self.meters.meters["floor"].show_meter(m.floor)
        self.meters.meters["relay"].show_meter(m.relay)
        self.meters.meters["mic"].show_meter(m.mic)
        limiting = m.limiting_db > SHOWN_FROM_DB
        self.meters.meters["left"].show_meter(m.out_left, limiting)
        self.meters.meters["right"].show_meter(m.out_right, limiting)
        text = state_text(m.limiter, m.limiting_db)
        if self.limiter.text() != text:
            self.limiter.setText(text)
            self.limiter.setAccessibleDescription(text)
        set_state(self.limiter, "severity", "warning" if limiting else "")

"""The input side: floor or relay, the pre-selected relay and its quality, the floor language
and who set it (what auto-relay follows), the channels with their live marks, volume, bass
and treble, the ear of each input, and the partner's input."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from console.interpreter.actions import EARS, TONE_RANGE_DB, Actions
from console.interpreter.model import Source, View
from console.shell.languages import floor_language_sentence
from console.shell.widgets.common import describe, keyed, quality_text, set_if_changed, set_state
from console.shell.widgets.icons import icon
from console.shell.widgets.plain import Label, MarkupLabel, markup, markup_lines

VOLUME_STEPS = 100


class InputPanel(QGroupBox):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Input"))
        self.setAccessibleName(self.tr("Input"))
        self.dispatcher = actions
        self._rendering = False
        layout = QVBoxLayout(self)

        row = QHBoxLayout()
        self.sources = QButtonGroup(self)
        self.floor = self._source_button("source_floor", self.tr("Floor"))
        self.relay = self._source_button("source_relay", self.tr("Relay"))
        row.addWidget(self.floor)
        row.addWidget(self.relay)
        layout.addLayout(row)

        relay_row = QHBoxLayout()
        self.relay_label = Label(self.tr("Relay:"), self)
        self.relay_combo = QComboBox(self)
        self.relay_combo.setAccessibleName(self.tr("Pre-selected relay channel"))
        self.relay_label.setBuddy(self.relay_combo)
        self.relay_combo.activated.connect(self._relay_chosen)
        self.relay_quality = Label(parent=self)
        self.relay_quality.setAccessibleName(self.tr("Relay quality"))
        self.relay_quality.setMinimumWidth(48)
        relay_row.addWidget(self.relay_label)
        relay_row.addWidget(self.relay_combo, 1)
        relay_row.addWidget(self.relay_quality)
        layout.addLayout(relay_row)

        self.auto = QCheckBox(self)
        keyed(self.auto, actions, "auto_relay", self.tr("Auto-relay"))
        describe(
            self.auto,
            actions,
            self.tr("The input follows the best source as the floor language changes"),
        )
        self.auto.clicked.connect(lambda checked: actions.trigger("auto_relay", value=checked))
        layout.addWidget(self.auto)
        self.floor_language = Label(parent=self)
        self.floor_language.setAccessibleName(self.tr("Floor language"))
        self.floor_language.setWordWrap(True)
        layout.addWidget(self.floor_language)
        self.auto_reason = Label(parent=self)
        self.auto_reason.setAccessibleName(self.tr("Why this source"))
        self.auto_reason.setWordWrap(True)
        self.auto_reason.setVisible(False)
        layout.addWidget(self.auto_reason)

        self.playing = Label(parent=self)
        self.playing.setAccessibleName(self.tr("What you hear"))
        self.playing.setWordWrap(True)
        layout.addWidget(self.playing)

        self.channels = MarkupLabel(self)
        self.channels.setAccessibleName(self.tr("Channels"))
        self.channels.setWordWrap(True)
        layout.addWidget(self.channels)

        form = QFormLayout()
        self.volume = self._slider("volume_set", 0, VOLUME_STEPS, self.tr("Volume"), form)
        self.bass = self._slider("bass_set", -TONE_RANGE_DB, TONE_RANGE_DB, self.tr("Bass"), form)
        self.treble = self._slider(
            "treble_set", -TONE_RANGE_DB, TONE_RANGE_DB, self.tr("Treble"), form
        )
        self.floor_ear = self._ear_combo("floor_ear_set", self.tr("Floor ear"), form)
        self.relay_ear = self._ear_combo("relay_ear_set", self.tr("Relay ear"), form)
        layout.addLayout(form)

        partner = QGroupBox(self.tr("Booth partner"), self)
        partner_form = QFormLayout(partner)
        self.partner_listen = QCheckBox(partner)
        keyed(self.partner_listen, actions, "partner_listen", self.tr("Hear my booth's output"))
        self.partner_listen.setIcon(icon("headphones"))
        self.partner_listen.clicked.connect(
            lambda checked: actions.trigger("partner_listen", value=bool(checked))
        )
        partner_form.addRow(self.partner_listen)
        self.partner_volume = self._slider(
            "partner_volume_set", 0, VOLUME_STEPS, self.tr("Volume"), partner_form
        )
        self.partner_ear = self._ear_combo("partner_ear_set", self.tr("Ear"), partner_form)
        layout.addWidget(partner)
        layout.addStretch(1)

    def _source_button(self, action_id: str, text: str) -> QPushButton:
        button = QPushButton(self)
        keyed(button, self.dispatcher, action_id, text)
        button.setCheckable(True)
        button.setMinimumHeight(40)
        button.clicked.connect(lambda: self.dispatcher.trigger(action_id))
        self.sources.addButton(button)
        return button

    def _slider(
        self, action_id: str, low: float, high: float, label: str, form: QFormLayout
    ) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal, self)
        slider.setRange(int(low), int(high))
        slider.setAccessibleName(label)
        slider.setPageStep(max(1, int((high - low) / 10)))
        scale = VOLUME_STEPS if action_id.endswith("volume_set") else 1

        def moved(value: int) -> None:
            if not self._rendering:
                self.dispatcher.trigger(action_id, value=value / scale)

        slider.valueChanged.connect(moved)
        caption = Label(label, self)
        caption.setBuddy(slider)
        form.addRow(caption, slider)
        return slider

    def _ear_combo(self, action_id: str, label: str, form: QFormLayout) -> QComboBox:
        combo = QComboBox(self)
        for ear in EARS:
            combo.addItem(ear_text(ear), ear)
        combo.setAccessibleName(label)
        combo.activated.connect(
            lambda index: self.dispatcher.trigger(action_id, value=combo.itemData(index))
        )
        caption = Label(label, self)
        caption.setBuddy(combo)
        form.addRow(caption, combo)
        return combo

    def _relay_chosen(self, index: int) -> None:
        self.dispatcher.trigger("relay_set", value=self.relay_combo.itemData(index))

    def show_view(self, view: View) -> None:
        self._rendering = True
        try:
            self._render(view)
        finally:
            self._rendering = False

    def _render(self, view: View) -> None:
        for button, kind in ((self.floor, Source.FLOOR), (self.relay, Source.RELAY)):
            button.setChecked(view.source is kind)
            set_state(button, "live", "true" if view.source is kind else "")
        marks = {mark.id: mark for mark in view.channels}
        wanted = [
            (f"{mark.id.upper()} ({quality_text(mark.quality)})", mark.id)
            for mark in view.channels
            if mark.id != "floor" and mark.id not in {o.channel for o in view.outputs}
        ]
        shown = [
            (self.relay_combo.itemText(i), self.relay_combo.itemData(i))
            for i in range(self.relay_combo.count())
        ]
        if shown != wanted:
            self.relay_combo.clear()
            for text, data in wanted:
                self.relay_combo.addItem(text, data)
        index = self.relay_combo.findData(view.relay_channel)
        if index >= 0 and index != self.relay_combo.currentIndex():
            self.relay_combo.setCurrentIndex(index)
        relay = marks.get(view.relay_channel or "")
        set_if_changed(self.relay_quality, quality_text(relay.quality) if relay else "")

        source = view.source_channel
        if source is None:
            playing = self.tr("You hear: nothing")
        elif source == "floor":
            playing = self.tr("You hear: the floor")
        else:
            playing = self.tr("You hear: relay from {0} ({1})").format(
                source.upper(), quality_text(view.source_quality)
            )
        set_if_changed(self.playing, playing)

        rows = []
        for mark in view.channels:
            dot = "●" if mark.live else "○"
            colour = "#43a047" if mark.live else "#888888"
            state = self.tr("live") if mark.live else self.tr("silent")
            who = mark.on_air or (self.tr("floor") if mark.id != "floor" else "")
            rows.append(
                markup(
                    '<span style="color:{0}">{1}</span> <b>{2}</b> {3}',
                    colour,
                    dot,
                    mark.id.upper(),
                    f"{state} · {who}" if who else state,
                )
            )
        self.channels.show_markup(markup_lines(rows))

        self.volume.setValue(round(view.volume * VOLUME_STEPS))
        self.bass.setValue(round(view.bass_db))
        self.treble.setValue(round(view.treble_db))
        self.floor_ear.setCurrentIndex(max(0, self.floor_ear.findData(view.floor_ear)))
        self.relay_ear.setCurrentIndex(max(0, self.relay_ear.findData(view.relay_ear)))
        self.auto.setChecked(view.auto)
        set_if_changed(
            self.floor_language,
            floor_language_sentence(view.floor_language, view.floor_language_set_by),
        )
        set_if_changed(self.auto_reason, view.auto_reason)
        self.auto_reason.setVisible(bool(view.auto_reason))
        self.partner_listen.setChecked(view.partner_listen)
        self.partner_volume.setValue(round(view.partner_volume * VOLUME_STEPS))
        self.partner_ear.setCurrentIndex(max(0, self.partner_ear.findData(view.partner_ear)))


def ear_text(ear: str) -> str:
    return {
        "both": QCoreApplication.translate("Ear", "both ears"),
        "left": QCoreApplication.translate("Ear", "left ear"),
        "right": QCoreApplication.translate("Ear", "right ear"),
    }.get(ear, ear)

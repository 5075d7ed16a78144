"""The input side: floor or relay, the pre-selected relay and its quality, the floor language
and who set it (what auto-relay follows), the channels as the hub's state has them (who is
on air, how many listen) with a live mark where the console hears them, the audience of our
output, volume (floor and relay each its own with an ear each), bass and treble, the ear of
each input, and the partner's input."""

from __future__ import annotations

import math
from typing import Final

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

from audio.leveller import RANGE_DB
from audio.quality import TARGET_LUFS
from audio.volume import position_to_db
from channels.meeting import FLOOR
from console.interpreter.actions import EARS, TONE_RANGE_DB, Actions
from console.interpreter.model import (
    FLOOR_INPUT,
    PARTNER_INPUT,
    RELAY_INPUT,
    ChannelMark,
    Source,
    View,
)
from console.shell.actions import QT_TRANSLATE_NOOP
from console.shell.languages import floor_language_sentence, language_name
from console.shell.widgets.common import (
    describe,
    keyed,
    quality_text,
    set_if_changed,
    set_state,
)
from console.shell.widgets.icons import icon
from console.shell.widgets.plain import Label, MarkupLabel, markup, markup_lines
from relay.graph import Quality

VOLUME_STEPS = 100


class InputPanel(QGroupBox):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Input"))
        self.setAccessibleName(self.tr("Input"))
        self.dispatcher = actions
        self._rendering = False
        self._captions: dict[QSlider, Label] = {}
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
        self.relay_quality.setAlignment(Qt.AlignmentFlag.AlignCenter)
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

        self.audience = Label(parent=self)
        self.audience.setAccessibleName(self.tr("Your audience"))
        self.audience.setWordWrap(True)
        layout.addWidget(self.audience)

        self.channels = MarkupLabel(self)
        self.channels.setAccessibleName(self.tr("Channels"))
        self.channels.setWordWrap(True)
        layout.addWidget(self.channels)

        form = QFormLayout()
        self.volume = self._slider("volume_set", 0, VOLUME_STEPS, self.tr("Volume"), form)
        self.relay_volume = self._slider(
            "relay_volume_set", 0, VOLUME_STEPS, self.tr("Relay volume"), form
        )
        self.bass = self._slider("bass_set", -TONE_RANGE_DB, TONE_RANGE_DB, self.tr("Bass"), form)
        self.treble = self._slider(
            "treble_set", -TONE_RANGE_DB, TONE_RANGE_DB, self.tr("Treble"), form
        )
        self.floor_level = self._level_box("floor_level", self)
        self.relay_level = self._level_box("relay_level", self)
        self.floor_ear = self._ear_combo(
            "floor_ear_set", self.tr("Floor ear"), form, self.floor_level
        )
        self.relay_ear = self._ear_combo(
            "relay_ear_set", self.tr("Relay ear"), form, self.relay_level
        )
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
        self.partner_level = self._level_box("partner_level", partner)
        self.partner_ear = self._ear_combo(
            "partner_ear_set", self.tr("Ear"), partner_form, self.partner_level
        )
        self._levels = (
            (self.floor_level, FLOOR_INPUT, self.tr("Even level of the floor")),
            (self.relay_level, RELAY_INPUT, self.tr("Even level of the relay")),
            (self.partner_level, PARTNER_INPUT, self.tr("Even level of the booth partner")),
        )
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
        self._captions[slider] = caption
        return slider

    def _ear_combo(
        self, action_id: str, label: str, form: QFormLayout, beside: QWidget | None = None
    ) -> QComboBox:
        combo = QComboBox(self)
        for ear in EARS:
            combo.addItem(ear_text(ear), ear)
        combo.setAccessibleName(label)
        combo.activated.connect(
            lambda index: self.dispatcher.trigger(action_id, value=combo.itemData(index))
        )
        caption = Label(label, self)
        caption.setBuddy(combo)
        if beside is None:
            form.addRow(caption, combo)
        else:  # the input's even-level switch on its row
            row = QHBoxLayout()
            row.addWidget(combo, 1)
            row.addWidget(beside)
            form.addRow(caption, row)
        return combo

    def _level_box(self, action_id: str, parent: QWidget) -> QCheckBox:
        box = QCheckBox(parent)
        keyed(box, self.dispatcher, action_id, self.tr("Even level"))
        describe(
            box,
            self.dispatcher,
            self.tr(
                "Brings this input to the common loudness ({0:g} LUFS) with a slow gain of at"
                " most {1:g} dB; the meters show it as it arrives"
            ).format(TARGET_LUFS, RANGE_DB),
        )
        box.clicked.connect(lambda checked: self.dispatcher.trigger(action_id, value=checked))
        return box

    def _relay_chosen(self, index: int) -> None:
        self.dispatcher.trigger("relay_set", value=self.relay_combo.itemData(index))

    def _render_relays(self, view: View, marks: dict[str, ChannelMark]) -> None:
        """The relay list in words; the quality marker explained on hover and to screen readers."""
        own = {o.channel for o in view.outputs}
        wanted = [
            (relay_text(mark, marks), mark.id, quality_explained(mark.quality))
            for mark in view.channels
            if mark.id != FLOOR and mark.id not in own
        ]
        combo = self.relay_combo
        shown = [
            (
                combo.itemText(i),
                combo.itemData(i),
                combo.itemData(i, Qt.ItemDataRole.ToolTipRole),
            )
            for i in range(combo.count())
        ]
        if shown != wanted:
            combo.clear()
            for text, data, tip in wanted:
                combo.addItem(text, data)
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(view.relay_channel)
        if index >= 0 and index != combo.currentIndex():
            combo.setCurrentIndex(index)
        relay = marks.get(view.relay_channel or "")
        explained = quality_explained(relay.quality) if relay else ""
        current = f"{relay_text(relay, marks)}. {explained}" if relay else ""
        described(combo, current, tip=explained)  # our words only: a tip may be rich text
        set_if_changed(self.relay_quality, quality_text(relay.quality) if relay else "")
        described(self.relay_quality, explained, tip=explained)

    def _render_volumes(self, view: View) -> None:
        """One volume for floor and relay, or each its own with an ear each (split)."""
        floor_caption = self.tr("Floor volume") if view.split_ears else self.tr("Volume")
        keys = self.dispatcher.key_text
        for slider, caption, position, action in (
            (self.volume, floor_caption, view.volume, "volume"),
            (self.relay_volume, self.tr("Relay volume"), view.relay_volume, "relay_volume"),
            (self.partner_volume, self.tr("Volume"), view.partner_volume, "partner_volume"),
        ):
            slider.setValue(round(position * VOLUME_STEPS))
            set_if_changed(self._captions[slider], caption)
            up, down = keys(f"{action}_up"), keys(f"{action}_down")
            hint = self.tr("Keys: {0} louder, {1} softer").format(up, down) if up else ""
            named = self.tr("{0}: {1}").format(caption, volume_text(position))
            described(slider, hint, tip=hint, name=named)
        self.relay_volume.setVisible(view.split_ears)
        self._captions[self.relay_volume].setVisible(view.split_ears)

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
        self._render_relays(view, marks)

        source = view.source_channel
        if source is None:
            playing = self.tr("You hear: nothing")
        elif source == "floor":
            playing = self.tr("You hear: the floor")
        elif view.together:
            playing = self.tr("You hear: the floor in your {0}, relay from {1} in your {2}")
            playing = playing.format(
                ear_text(view.floor_ear),
                channel_name(marks.get(source), source),
                ear_text(view.relay_ear),
            )
        else:
            playing = self.tr("You hear: relay from {0} ({1})").format(
                channel_name(marks.get(source), source), quality_text(view.source_quality)
            )
        set_if_changed(self.playing, playing)

        audience = audience_text(view)
        set_if_changed(self.audience, audience)
        described(self.audience, audience)
        self.audience.setVisible(bool(audience))

        rows, lines = [], []
        for mark in view.channels:
            name, detail = channel_row(mark, view.floor_language)
            dot = ("●" if mark.live else "○") if mark.heard else "◌"
            colour = "#43a047" if mark.live else "#888888"
            rows.append(
                markup(
                    '<span style="color:{0}">{1}</span> <b>{2}</b> — {3}', colour, dot, name, detail
                )
            )
            lines.append(f"{name} — {detail}")
        self.channels.show_markup(markup_lines(rows))
        described(self.channels, "; ".join(lines))

        self._render_volumes(view)
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
        self.partner_ear.setCurrentIndex(max(0, self.partner_ear.findData(view.partner_ear)))
        for box, index, name in self._levels:
            on = self.dispatcher.levelled[index]
            box.setChecked(on)
            state = self.tr("on") if on else self.tr("off")
            accessible = self.tr("{0}: {1}").format(name, state)
            if box.accessibleName() != accessible:
                box.setAccessibleName(accessible)


def ear_text(ear: str) -> str:
    return {
        "both": QCoreApplication.translate("Ear", "both ears"),
        "left": QCoreApplication.translate("Ear", "left ear"),
        "right": QCoreApplication.translate("Ear", "right ear"),
    }.get(ear, ear)


def described(
    widget: QWidget, description: str, *, tip: str | None = None, name: str | None = None
) -> None:
    """Give ``widget`` its live content for screen readers (and hover), only when it changed:
    each change is announced, and the view is drawn ten times a second."""
    if widget.accessibleDescription() != description:
        widget.setAccessibleDescription(description)
    if tip is not None and widget.toolTip() != tip:
        widget.setToolTip(tip)
    if name is not None and widget.accessibleName() != name:
        widget.setAccessibleName(name)


def channel_name(mark: ChannelMark | None, channel: str) -> str:
    """A channel by its language's name ("French"); the floor is "the floor"."""
    if channel == FLOOR:
        return QCoreApplication.translate("Channels", "the floor")
    if mark is None or not mark.language:
        return channel.upper()
    return language_name(mark.language)


def channel_row(mark: ChannelMark, floor_language: str | None) -> tuple[str, str]:
    """A channel's name and what the hub's state and the console's ears say of it:
    ("Spanish", "on air: Ana (not listening)"), ("French", "live · on air: Luc · 12 listening")."""
    if mark.id == FLOOR:
        name = QCoreApplication.translate("Channels", "Floor")
        if floor_language:
            name = QCoreApplication.translate("Channels", "Floor ({0})").format(
                language_name(floor_language)
            )
    else:
        name = channel_name(mark, mark.id)
    if mark.on_air is not None:
        who = QCoreApplication.translate("Channels", "on air: {0}").format(mark.on_air)
    elif mark.id == FLOOR:
        who = QCoreApplication.translate("Channels", "nobody on air")
    else:
        who = QCoreApplication.translate("Channels", "nobody on air, carries the floor")
    if not mark.heard:
        parts = [QCoreApplication.translate("Channels", "{0} (not listening)").format(who)]
    else:
        state = (
            QCoreApplication.translate("Channels", "live")
            if mark.live
            else QCoreApplication.translate("Channels", "silent")
        )
        parts = [state, who]
    if mark.listeners is not None and mark.id != FLOOR:
        parts.append(QCoreApplication.translate("Channels", "{0} listening").format(mark.listeners))
    if mark.own:
        parts.append(QCoreApplication.translate("Channels", "your output"))
    return name, " · ".join(parts)


def relay_text(mark: ChannelMark, marks: dict[str, ChannelMark]) -> str:
    """A relay in words: "French — relay, interpreted from the floor"."""
    name = channel_name(mark, mark.id)
    source = channel_name(marks.get(mark.source or ""), mark.source or "")
    if mark.on_air is None:
        how = QCoreApplication.translate("Relays", "nobody on air, carries the floor")
    elif mark.source is None:
        how = QCoreApplication.translate("Relays", "on air, but its interpreter hears nothing")
    elif mark.quality is Quality.NONE:
        how = QCoreApplication.translate(
            "Relays", "interpreted from {0}, never reaching the floor"
        ).format(source)
    elif mark.quality is Quality.PIVOT:
        how = QCoreApplication.translate("Relays", "relay, interpreted from {0}").format(source)
    else:
        how = QCoreApplication.translate("Relays", "relay of relay, interpreted from {0}").format(
            source
        )
    return QCoreApplication.translate("Relays", "{0} — {1}").format(name, how)


QUALITY_WORDS: Final = {
    Quality.FLOOR: QT_TRANSLATE_NOOP(
        "Relays", "floor: the floor itself, no interpretation in between"
    ),
    Quality.PIVOT: QT_TRANSLATE_NOOP(
        "Relays", "+: one interpretation away from the floor (a direct relay)"
    ),
    Quality.RELAY_OF_RELAY: QT_TRANSLATE_NOOP(
        "Relays", "\u2212: two or more interpretations away from the floor (relay of relay)"
    ),
    Quality.NONE: QT_TRANSLATE_NOOP(
        "Relays", "no source: this channel does not lead back to the floor"
    ),
}
"""What each relay quality marker means (relay/graph.py's Quality), before translation."""


def quality_explained(quality: Quality) -> str:
    """What a relay's quality marker means, for hover and screen readers."""
    return QCoreApplication.translate("Relays", QUALITY_WORDS[quality])


def audience_text(view: View) -> str:
    """The audience indicator: "Your output, English: 12 listening"; "" without a count."""
    if view.audience is None:
        return ""
    channel = next((o.channel for o in view.outputs if o.selected), "")
    mark = next((m for m in view.channels if m.id == channel), None)
    text = QCoreApplication.translate("Channels", "Your output, {0}: {1} listening")
    return text.format(channel_name(mark, channel), view.audience)


def volume_text(position: float) -> str:
    """A volume knob's gain in words: "0 dB", "\u22126 dB", "off"."""
    db = position_to_db(position)
    if db == -math.inf:
        return QCoreApplication.translate("Volume", "off")
    value = round(db)
    sign = "+" if value > 0 else ("\u2212" if value < 0 else "")
    return QCoreApplication.translate("Volume", "{0}{1} dB").format(sign, abs(value))

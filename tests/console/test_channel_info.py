"""The interpreter's input side in words (issue 16, item 3): channels as the hub's state has
them, a live mark only where the console hears, the relay list by language with its quality
explained, the floor language always, the audience of our output, and floor and relay in an
ear each with a volume each, by key.

The panel runs on a real engine (a NullPort, not connected) and is fed the snapshots and
metrics a meeting brings. The screenshot goes to artifacts/screenshots/; with
RSI_UPDATE_DOCS_SCREENSHOTS=1 also to docs/screenshots/console-channels-and-ear-volumes.png.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from audio.commands import InputSwitched, Meeting, Welcomed
from audio.engine import Engine, EngineConfig
from audio.fileport import NullPort
from console.app import save_screenshot
from console.interpreter.actions import Actions
from console.interpreter.model import INPUTS, ViewModel
from console.interpreter.widgets.inputpanel import InputPanel
from console.shell.bridge import EngineBridge
from tests.console.test_viewmodel import ME, T0, heard, meeting, metrics, on_air, with_counts
from tests.rig.consolekit import SHOTS, publish

WAIT_MS = 10_000
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def council() -> Meeting:
    """meeting() with Spanish (Ana, from English: relay of relay) and Russian (nobody)."""
    m = on_air(on_air(meeting(), "fr1", "fr"), "en1", "en", source="fr")
    data = msgspec.to_builtins(m)
    data["channels"] = [
        *data["channels"],
        {"id": "es", "ssrc": 5, "language": "es", "on_air": "es1", "source": "en"},
        {"id": "ru", "ssrc": 6, "language": "ru"},
    ]
    data["booths"] = [
        *data["booths"],
        {"id": "es", "outputs": ["es"], "languages": ["en"], "members": ["es1"], "live": "es1"},
    ]
    data["participants"] = [
        *data["participants"],
        {"id": "es1", "name": "Ana", "role": "interpreter", "booth": "es", "on_air": "es"},
    ]
    return with_counts(msgspec.convert(data, Meeting), en=40, fr=12, es=9, zh=7)


class Panel:
    def __init__(self, qtbot: QtBot) -> None:
        self.engine = Engine(NullPort(), EngineConfig(inputs=INPUTS))
        self.bridge = EngineBridge(self.engine)
        self.model = ViewModel()
        self.actions = Actions(self.bridge, self.model)
        self.bridge.start()
        self.widget = InputPanel(self.actions)
        qtbot.addWidget(self.widget)
        self.actions.install(self.widget)
        self.actions.changed.connect(self.show)

    def show(self) -> None:
        self.widget.show_view(self.model.view(T0))

    def key(self, qtbot: QtBot, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
        self.widget.activateWindow()
        qtbot.waitUntil(self.widget.isActiveWindow, timeout=WAIT_MS)
        qtbot.keyClick(QApplication.focusWidget() or self.widget, key, mods)
        self.show()

    def inputs(self) -> tuple[str | None, ...]:
        """The channel each input plays, or is switching to, in the engine now."""
        m = self.engine.latest_metrics
        return tuple(i.pending or i.channel for i in m.inputs[:2]) if m is not None else ()

    def position(self, index: int) -> float | None:
        """The volume the engine applies to input ``index`` now."""
        m = self.engine.latest_metrics
        return m.inputs[index].position if m is not None else None


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[Panel]:
    p = Panel(qtbot)
    try:
        yield p
    finally:
        p.bridge.stop()
        assert p.bridge.wait_stopped(5.0)


def test_channels_and_relays_in_words_and_a_volume_per_ear(panel: Panel, qtbot: QtBot) -> None:
    panel.model.apply(Welcomed(ME, council()), T0)
    panel.model.apply(metrics(channels=(heard("floor"), heard("fr"))), T0)
    panel.show()
    w = panel.widget
    w.resize(460, 640)
    w.show()
    qtbot.waitExposed(w)

    channels = w.channels.accessibleDescription()
    assert "Spanish — on air: Ana (not listening) · 9 listening" in channels
    assert "French — live · on air: Luc · 12 listening" in channels
    assert "Russian — nobody on air, carries the floor (not listening)" in channels
    assert "silent" not in channels, "only a channel the console hears can be silent"
    items = [w.relay_combo.itemText(i) for i in range(w.relay_combo.count())]
    assert items == [
        "French — relay, interpreted from the floor",
        "Spanish — relay of relay, interpreted from English",
        "Russian — nobody on air, carries the floor",
    ]
    assert "one interpretation away from the floor" in w.relay_combo.itemData(
        0, Qt.ItemDataRole.ToolTipRole
    )
    assert w.relay_combo.accessibleDescription().startswith(
        "French — relay, interpreted from the floor. +: one interpretation away"
    )
    assert w.relay_quality.text() == "+"
    w.relay_combo.showPopup()
    popup = w.relay_combo.view().window()
    qtbot.waitExposed(popup)
    shot = SHOTS / "console-relay-list.png"
    save_screenshot(popup, str(shot))
    publish(shot, "console-relay-list.png")
    w.relay_combo.hidePopup()
    assert "one interpretation away" in w.relay_quality.accessibleDescription()
    assert not w.auto.isChecked() and w.floor_language.isVisible()
    assert w.floor_language.text().startswith("Floor language: English")
    assert w.audience.text() == "Your output, Chinese: 7 listening" and w.audience.isVisible()
    assert not w.relay_volume.isVisible(), "one volume while floor and relay share the ears"

    # Floor in the left ear, relay in the right: the relay gets its own volume and key.
    w.floor_ear.activated.emit(w.floor_ear.findData("left"))
    w.relay_ear.activated.emit(w.relay_ear.findData("right"))
    panel.show()
    assert w.relay_volume.isVisible()
    panel.key(qtbot, Qt.Key.Key_Up, CTRL_SHIFT)
    panel.key(qtbot, Qt.Key.Key_Up, CTRL_SHIFT)
    panel.key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert (panel.model.settings.volume, panel.model.settings.relay_volume) == (0.65, 0.8)
    qtbot.waitUntil(lambda: panel.position(1) == 0.8 and panel.position(0) == 0.65, timeout=WAIT_MS)
    assert w.relay_volume.value() == 80 and w.volume.value() == 65
    assert w.relay_volume.accessibleName() == "Relay volume: +4 dB"
    assert w.volume.accessibleName() == "Floor volume: \u22122 dB"
    assert "Ctrl+Shift+Up" in w.relay_volume.accessibleDescription()
    panel.key(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: panel.inputs() == ("floor", "fr"), timeout=WAIT_MS)
    panel.model.apply(InputSwitched(0, "floor"), T0)  # as the engine says once connected
    panel.model.apply(InputSwitched(1, "fr"), T0)
    panel.show()
    assert w.playing.text() == (
        "You hear: the floor in your left ear, relay from French in your right ear"
    )
    shot = SHOTS / "console-channels-and-ear-volumes.png"
    save_screenshot(w, str(shot))
    publish(shot, "console-channels-and-ear-volumes.png")

    # Back to both ears: one volume serves both again, from the floor's.
    w.relay_ear.activated.emit(w.relay_ear.findData("both"))
    panel.show()
    assert not w.relay_volume.isVisible() and w.volume.accessibleName() == "Volume: \u22122 dB"
    qtbot.waitUntil(lambda: panel.position(1) == 0.65, timeout=WAIT_MS)
    panel.key(qtbot, Qt.Key.Key_Up, CTRL_SHIFT)
    assert panel.model.settings.volume == 0.7, "without an ear each the relay key is the volume"

"""The listener's window end to end: pick a language, see when it gives the floor, report.

The six-booth meeting of tests/rig/coordkit.py on a real hub; the window is the real one on a
real engine, connected as a listener; a raw coordinator receives the listener's reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from audio.commands import Connect
from channels.meeting import FLOOR
from console.listener.model import gives_floor, preferred_channel
from console.listener.window import ListenerWindow, open_listener
from console.shell.actions import EventLog
from console.shell.languages import native_language_name
from tests.rig.consolekit import SHOTS
from tests.rig.coordkit import Stage, engine_bridge, stage
from tests.rig.wsclient import channel, on_air

WAIT_MS = 10_000
FALLBACK = (
    "No interpreter is on air in this language: you hear the floor (the speaker's own language)"
)


class Rig:
    def __init__(self, stage: Stage, window: ListenerWindow) -> None:
        self.stage = stage
        self.window = window

    def hub_state(self, predicate: Any) -> dict[str, Any]:
        client = self.stage.peers["chair"].client
        return self.stage.hub.call(client.expect_state(predicate, WAIT_MS / 1000))


@pytest.fixture(scope="module")
def rig(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    log = EventLog(tmp_path_factory.mktemp("listener") / "events.jsonl")
    with stage() as s:
        s.join("coord", "coordinator")
        bridge = engine_bridge()
        window = open_listener(bridge, log=log)
        bridge.submit(Connect(s.hub.url, s.hub.token("listener-1", "listener")))
        try:
            yield Rig(s, window)
        finally:
            window.close()
            assert bridge.wait_stopped(5.0), "the listener's engine did not stop"
            log.close()


@pytest.fixture
def listener(rig: Rig, qtbot: QtBot) -> Rig:
    qtbot.waitUntil(lambda: rig.window.picker.count() == 7, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: rig.window.model.heard is not None, timeout=WAIT_MS)
    return rig


def test_pick_a_language(listener: Rig, qtbot: QtBot) -> None:
    window = listener.window
    picker = window.picker
    assert [picker.itemData(i) for i in range(picker.count())] == [
        FLOOR,
        "en",
        "fr",
        "es",
        "ar",
        "zh",
        "ru",
    ]
    assert (
        picker.itemText(0) == "Floor (original)" and picker.itemText(2) == "français \u2013 French"
    )
    picker.setCurrentIndex(2)
    picker.activated.emit(2)
    qtbot.waitUntil(lambda: window.model.heard == "fr", timeout=WAIT_MS)
    listener.hub_state(lambda m: channel(m, "fr")["listeners"] == 1)
    assert window.banner.text() == "You hear français \u2013 French"
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.model.heard == "es", timeout=WAIT_MS)
    state = listener.hub_state(lambda m: channel(m, "es")["listeners"] == 1)
    assert channel(state, "fr")["listeners"] == 0, "a listener hears one channel"
    qtbot.waitUntil(lambda: window.meter.meter.peak_dbfs > -40.0, timeout=WAIT_MS)


def test_a_clear_mark_while_the_channel_gives_the_floor(listener: Rig, qtbot: QtBot) -> None:
    window = listener.window
    zh_heard = f"You hear {native_language_name('zh')} \u2013 Chinese"
    window.commands.trigger("language_set", value="zh")
    qtbot.waitUntil(lambda: window.model.heard == "zh", timeout=WAIT_MS)
    assert window.banner.text() == zh_heard
    listener.stage.peers["zh1"].release_air()
    listener.hub_state(lambda m: on_air(m, "zh") is None)
    qtbot.waitUntil(lambda: window.banner.text() == FALLBACK, timeout=WAIT_MS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "listener-floor-fallback.png"), "PNG")
    listener.stage.on_air("zh")
    qtbot.waitUntil(lambda: window.banner.text() == zh_heard, timeout=WAIT_MS)


def test_report_no_sound_and_poor_sound_to_the_coordinators(listener: Rig, qtbot: QtBot) -> None:
    coord = listener.stage.peers["coord"].client
    qtbot.mouseClick(listener.window.no_sound, Qt.MouseButton.LeftButton)
    got = listener.stage.hub.call(coord.expect("signal", None, WAIT_MS / 1000))
    assert (got["from"], got["kind"]) == ("listener-1", "no_sound")
    qtbot.keyClick(
        listener.window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    got = listener.stage.hub.call(coord.expect("signal", None, WAIT_MS / 1000))
    assert got["kind"] == "poor_sound"


def test_the_floor_mark_and_the_preferred_channel_from_the_snapshot(listener: Rig) -> None:
    meeting = listener.window.model.meeting
    assert meeting is not None
    assert not gives_floor(meeting, FLOOR), "the floor itself is no fallback"
    assert not gives_floor(meeting, "en") and not gives_floor(None, "en")
    assert preferred_channel(meeting, "fr_FR") == "fr"
    assert preferred_channel(meeting, "de_DE") == FLOOR, "no German channel: the floor"
    assert preferred_channel(meeting, None) == FLOOR

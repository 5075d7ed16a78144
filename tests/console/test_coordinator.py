"""The coordinator's window end to end: six booths on air on a real hub, every action.

One meeting serves the module (tests/rig/coordkit.py): the chair speaks on the floor, six
booths are on air (relay chains of one and two steps), listeners listen, and the window is
the real one on a real engine, connected as a coordinator. Each action is taken the way a
user takes it (a click, a key, the message box) and checked at the hub, which then shows
in the window. The alarm thresholds are shortened (a channel silent for 2 s instead of 10,
the floor for 3 s instead of 30) so that the test does not wait; the thresholds themselves
are tested in tests/console/test_alarms.py.

Screenshots go to artifacts/screenshots/ (not in git); with RSI_UPDATE_DOCS_SCREENSHOTS=1
the six-booth one is also copied to docs/screenshots/coordinator.png (consolekit.publish).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from channels.meeting import FLOOR
from console.coordinator.alarms import AlarmConfig, AlarmKind
from console.coordinator.window import CoordinatorWindow
from console.shell.actions import EventLog
from console.shell.model import Connection
from tests.rig.consolekit import SHOTS, publish
from tests.rig.coordkit import PITCH, SOURCES, Stage, coordinator, stage
from tests.rig.engineport import Speech, Tone
from tests.rig.wsclient import on_air

WAIT_MS = 10_000
LISTENERS = {"fr": 3, "ar": 1}
BOOTHS_IN_FILE = ["en", "fr", "es", "ar", "zh", "ru"]


class Rig:
    def __init__(self, stage: Stage, window: CoordinatorWindow, log: Path) -> None:
        self.stage = stage
        self.window = window
        self.log = log

    def expect(self, sub: str, type_: str, predicate: Any = None) -> dict[str, Any]:
        """The next message of ``type_`` (matching ``predicate``) that ``sub`` receives."""
        client = self.stage.peers[sub].client
        return self.stage.hub.call(client.expect(type_, predicate, WAIT_MS / 1000))

    def hub_state(self, predicate: Any) -> dict[str, Any]:
        """Wait until the chair's snapshot matches ``predicate``; return it."""
        client = self.stage.peers["chair"].client
        return self.stage.hub.call(client.expect_state(predicate, WAIT_MS / 1000))

    def strip(self, channel: str) -> Any:
        return self.window.channels.strips[channel]


@pytest.fixture(scope="module")
def rig(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    log_path = tmp_path_factory.mktemp("coordinator") / "events.jsonl"
    log = EventLog(log_path)
    with stage() as s:
        for channel, count in LISTENERS.items():
            for n in range(count):
                s.join(f"listener-{channel}-{n}", "listener", listen=[channel])
        window = coordinator(
            s, alarms=AlarmConfig(channel_silent_s=2.0, floor_silent_s=3.0), log=log
        )
        window.resize(1440, 900)
        window.show()
        try:
            yield Rig(s, window, log_path)
        finally:
            window.close()
            assert window.bridge.wait_stopped(5.0), "the coordinator's engine did not stop"
            log.close()


@pytest.fixture
def coord(rig: Rig, qtbot: QtBot) -> Rig:
    qtbot.waitUntil(lambda: rig.window.model.connection is Connection.CONNECTED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(rig.window.view.channels) == 7, timeout=WAIT_MS)
    return rig


def sounding(window: CoordinatorWindow) -> bool:
    return all(row.meter.peak_dbfs > -40.0 for row in window.view.channels)


def test_all_channels_in_one_grid_with_six_booths_on_air(coord: Rig, qtbot: QtBot) -> None:
    window = coord.window
    # A poor link, reported by an interpreter, shows as such.
    coord.stage.peers["ar2"].send(
        {"type": "report", "rtt_ms": 320.0, "jitter_ms": 41.0, "loss": 0.03, "buffer_ms": 60.0}
    )
    qtbot.waitUntil(lambda: sounding(window), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: [r.listeners for r in window.view.channels if r.id in LISTENERS] == [3, 1],
        timeout=WAIT_MS,
    )
    rows = {row.id: row for row in window.view.channels}
    assert {c: rows[c].speaker for c in SOURCES} == {c: f"{c.upper()}1" for c in SOURCES}
    strips = window.channels.strips
    assert strips["en"].source.text() == "floor \u2192 en  (+)"
    assert strips["es"].source.text() == "floor \u2192 en \u2192 es  (\u2212)"
    assert strips["ar"].source.text() == "floor \u2192 en \u2192 es \u2192 ar  (\u2212)"
    assert strips[FLOOR].on_air.text() == "CHAIR"
    assert strips["fr"].listeners.text() == "3 listening"
    assert strips["fr"].meter.meter.peak_dbfs > -40.0, "the strip's meter moves"
    assert strips[FLOOR].listen.isChecked(), "listening to the floor from the start"
    # Booths: members, who is live, the turn timer.
    booths = window.booths
    assert [booths.cell_text(r, 0) for r in range(booths.rowCount())] == BOOTHS_IN_FILE
    assert booths.cell_text(0, 1) == "EN1, EN2" and booths.cell_text(0, 2) == "EN1 on en"
    assert booths.cell_text(0, 4).count(":") == 1, "m:ss"
    # Participants: each one's link.
    qtbot.waitUntil(
        lambda: any(r.poor for r in window.view.participants if r.id == "ar2"), timeout=WAIT_MS
    )
    window.redraw()
    table = window.participants
    row = next(r for r in range(table.rowCount()) if table.cell_text(r, 0) == "AR2")
    assert [table.cell_text(row, c) for c in (3, 4, 5, 6)] == ["poor", "320 ms", "41 ms", "3.0 %"]
    assert window.view.floor_language == "de"
    assert window.floor_language.currentText() == "German"
    # The screenshot of the issue: six booths on air, with a request and a message.
    for sub, peer in coord.stage.peers.items():
        if not sub.startswith(("listener", "ar2")):
            rtt = 20.0 + 3.0 * len(sub) + (sum(map(ord, sub)) % 40)
            peer.send(
                {"type": "report", "rtt_ms": rtt, "jitter_ms": 4.0, "loss": 0.0, "buffer_ms": 30.0}
            )
    coord.stage.peers["zh2"].send({"type": "signal", "kind": "poor_sound"})
    coord.stage.peers["en2"].send(
        {"type": "chat", "to": "coordinators", "text": "The floor microphone crackles"}
    )
    qtbot.waitUntil(lambda: "signal:zh2:poor_sound" in _alarm_keys(window), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.chat.list.count() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: all(r.rtt_ms is not None for r in window.view.participants if r.id == "chair"),
        timeout=WAIT_MS,
    )
    window.redraw()
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / "coordinator-six-booths.png"
    assert window.grab().save(str(shot), "PNG")
    publish(shot, "coordinator.png")


def test_listen_in_to_any_channel_in_one_click_and_by_key(coord: Rig, qtbot: QtBot) -> None:
    window = coord.window
    qtbot.mouseClick(coord.strip("es").listen, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.view.heard == "es", timeout=WAIT_MS)
    state = coord.hub_state(lambda m: _listening(m, "coord")[:1] == ["es"])
    assert set(_listening(state, "coord")) == {FLOOR, *SOURCES}, "every channel stays metered"
    qtbot.waitUntil(lambda: coord.strip("es").listen.isChecked(), timeout=WAIT_MS)
    assert not coord.strip(FLOOR).listen.isChecked()
    assert window.heard.text() == "Listening to es"
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.view.heard == "ar", timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.view.heard == "es", timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.view.heard == FLOOR, timeout=WAIT_MS)
    logged = [json.loads(line) for line in coord.log.read_text().splitlines()]
    actions = [(x["action"], x["source"]) for x in logged if x["action"].startswith("listen")]
    assert ("listen_set", "button") in actions and ("listen_next", "key") in actions


def test_force_off_a_channel_then_the_one_heard(coord: Rig, qtbot: QtBot) -> None:
    window = coord.window
    qtbot.mouseClick(coord.strip("zh").force_off, Qt.MouseButton.LeftButton)
    coord.hub_state(lambda m: on_air(m, "zh") is None)
    assert coord.expect("zh1", "forced_off")["by"] == "coord"
    qtbot.waitUntil(lambda: coord.strip("zh").on_air.text() == "floor: no interpreter")
    assert not coord.strip("zh").force_off.isEnabled()
    # Ctrl+K takes the air from whoever speaks on the channel listened to.
    qtbot.mouseClick(coord.strip("ru").listen, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.view.heard == "ru", timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    coord.hub_state(lambda m: on_air(m, "ru") is None)
    for booth in ("zh", "ru"):
        coord.stage.on_air(booth)
    qtbot.waitUntil(lambda: coord.strip("ru").on_air.text() == "RU1", timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F5)


def test_set_the_floor_language(coord: Rig, qtbot: QtBot) -> None:
    window = coord.window
    combo = window.floor_language
    index = combo.findData("fr")
    assert index > 0, "the channels' languages and those the booths understand"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    coord.hub_state(lambda m: m["floor_language"] == "fr")
    qtbot.waitUntil(lambda: window.view.floor_language == "fr", timeout=WAIT_MS)
    assert combo.currentText() == "French"
    back = combo.findData("de")
    combo.setCurrentIndex(back)
    combo.activated.emit(back)
    coord.hub_state(lambda m: m["floor_language"] == "de")


def test_chat_to_one_booth_and_to_all(coord: Rig, qtbot: QtBot) -> None:
    chat = coord.window.chat
    qtbot.waitUntil(lambda: chat.to.findData("booth:fr") >= 0, timeout=WAIT_MS)
    chat.to.setCurrentIndex(chat.to.findData("booth:fr"))
    qtbot.keyClicks(chat.text, "fr: slower please")
    qtbot.keyClick(chat.text, Qt.Key.Key_Return)
    for sub in ("fr1", "fr2"):
        got = coord.expect(sub, "chat", lambda m: m["text"] == "fr: slower please")
        assert got["from"] == "coord" and got["to"] == "booth:fr"
    assert not [
        m for m in coord.stage.peers["en1"].client.history if m.get("text") == "fr: slower please"
    ], "the en booth does not get the fr booth's message"
    assert chat.text.text() == ""
    qtbot.keyClick(coord.window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(chat.text.hasFocus, timeout=WAIT_MS)
    chat.to.setCurrentIndex(chat.to.findData("all"))
    qtbot.keyClicks(chat.text, "break in five minutes")
    qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
    for sub in ("en1", "ar2", "chair"):
        coord.expect(sub, "chat", lambda m: m["text"] == "break in five minutes")
    qtbot.waitUntil(lambda: chat.list.count() >= 3, timeout=WAIT_MS)


def test_a_pending_handover_shows_in_the_booths(coord: Rig, qtbot: QtBot) -> None:
    booths = coord.window.booths
    en1 = coord.stage.peers["en1"]
    en1.send({"type": "handover", "action": "offer"})
    qtbot.waitUntil(lambda: booths.cell_text(0, 3) == "EN1 offers to EN2", timeout=WAIT_MS)
    en1.send({"type": "handover", "action": "cancel"})
    qtbot.waitUntil(lambda: booths.cell_text(0, 3) == "\u2013", timeout=WAIT_MS)


def test_the_floor_silent(coord: Rig, qtbot: QtBot) -> None:
    window = coord.window
    coord.stage.peers["chair"].silence()
    qtbot.waitUntil(lambda: "floor_silent" in _alarm_keys(window), timeout=WAIT_MS)
    assert window.view.alarms[-1].sentence() == "The floor has been silent for 3 s"
    coord.stage.peers["chair"].speak(Speech())
    qtbot.waitUntil(lambda: "floor_silent" not in _alarm_keys(window), timeout=WAIT_MS)


def _alarm_keys(window: CoordinatorWindow) -> set[str]:
    return {a.key for a in window.view.alarms}


def test_alarms_raised_shown_acknowledged_and_cleared(coord: Rig, qtbot: QtBot) -> None:
    window = coord.window
    panel = window.alarms
    # A signal: shown, acknowledged with the button, gone.
    coord.stage.peers["fr2"].send({"type": "signal", "kind": "slow_down"})
    qtbot.waitUntil(lambda: "signal:fr2:slow_down" in _alarm_keys(window), timeout=WAIT_MS)
    window.redraw()
    texts = [panel.list.item(i).text().split("  ", 1)[1] for i in range(panel.list.count())]
    assert "FR2 (fr) asks the speaker to slow down" in texts, "after the time it was raised"
    panel.list.setCurrentRow(texts.index("FR2 (fr) asks the speaker to slow down"))
    qtbot.mouseClick(panel.ack, Qt.MouseButton.LeftButton)
    assert "signal:fr2:slow_down" not in _alarm_keys(window)
    # A channel on air falls silent while the floor speaks; it speaks again.
    es1 = coord.stage.peers["es1"]
    es1.silence()
    qtbot.waitUntil(lambda: "channel_silent:es" in _alarm_keys(window), timeout=WAIT_MS)
    es1.speak(Tone(PITCH["es"], -18.0))
    qtbot.waitUntil(lambda: "channel_silent:es" not in _alarm_keys(window), timeout=WAIT_MS)
    # A live interpreter's connection is lost: the hub releases the air, the alarm shows.
    ru1 = coord.stage.peers.pop("ru1")
    ru1.silence()
    ru1.client.abort()
    qtbot.waitUntil(lambda: "interpreter_lost:ru1" in _alarm_keys(window), timeout=WAIT_MS)
    [lost] = [a for a in window.view.alarms if a.kind is AlarmKind.INTERPRETER_LOST]
    assert lost.sentence() == "RU1 (ru) lost the connection while on air on ru"
    window.redraw()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "coordinator-alarms.png"), "PNG")
    # Ctrl+Shift+A acknowledges it; it stays listed until ru1 is back.
    qtbot.keyClick(
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert all(a.acknowledged for a in window.view.alarms if a.key == "interpreter_lost:ru1")
    coord.stage.on_air("ru")
    qtbot.waitUntil(lambda: "interpreter_lost:ru1" not in _alarm_keys(window), timeout=WAIT_MS)


def _listening(meeting: dict[str, Any], sub: str) -> list[str]:
    return next((list(p["listening"]) for p in meeting["participants"] if p["id"] == sub), [])

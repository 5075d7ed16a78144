"""Each control of the console end to end: a click and a key go through the protocol to a real
hub, and the state the hub then sends back shows in the window.

One meeting serves the whole module (hub on loopback in a thread, the chair speaking real
speech on the floor, the console's real engine on a null port); each test leaves the console
off air, on the floor, with no partner or other booth on air.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from audio.commands import PlayoutCounts, Priority
from channels.meeting import FLOOR
from console.app import save_screenshot
from console.interpreter.model import Air, LinkView, Source
from console.interpreter.widgets.statusbar import StatusBar
from console.shell.model import Connection
from tests.rig.consolekit import ANALYSIS_MS, SHOTS, Rig, publish, rig
from tests.rig.engineport import Tone
from tests.rig.wsclient import on_air, participant

WAIT_MS = 15_000
"""Generous: the machine may be loaded (waits end as soon as the state shows)."""


@pytest.fixture(scope="module")
def log_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("console") / "events.jsonl"


@pytest.fixture(scope="module")
def kit(qapp: QApplication, log_path: Path) -> Iterator[Rig]:
    from console.shell.actions import EventLog

    log = EventLog(log_path)
    with rig(log=log) as r:
        r.window.resize(1280, 720)
        r.window.show()
        r.window.activateWindow()
        yield r
    log.close()


@pytest.fixture
def console(kit: Rig, qtbot: QtBot) -> Iterator[Rig]:
    qtbot.waitUntil(lambda: kit.model.connection is Connection.CONNECTED, timeout=WAIT_MS)
    yield kit
    if kit.model.air() is not Air.OFF:
        kit.actions.trigger("air", source="test")
    qtbot.waitUntil(lambda: kit.model.air() is Air.OFF, timeout=WAIT_MS)
    if kit.model.settings.source is not Source.FLOOR:
        kit.actions.trigger("source_floor", source="test")
    kit.actions.trigger("output_a", source="test")
    for sub in ("en1", "fr1", "zh2"):
        peer = kit.peers.pop(sub, None)
        if peer is not None:
            peer.close()


def hub_state(r: Rig) -> dict:
    """The meeting as the hub sends it now (the chair's newest snapshot)."""
    return r.peers["chair"].client.latest_state()


def key(
    r: Rig, qtbot: QtBot, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key typed into whatever has focus (the shortcuts are application-wide)."""
    r.window.activateWindow()  # as it is for a user: some window of the console is active
    qtbot.waitUntil(r.window.isActiveWindow, timeout=WAIT_MS)
    target = QApplication.focusWidget() or r.window
    qtbot.keyClick(target, k, mods)


def test_connects_and_shows_the_booth(console: Rig, qtbot: QtBot) -> None:
    view = console.window.view
    assert view.booth == "zh"
    assert [(o.letter, o.channel) for o in view.outputs] == [("A", "zh"), ("B", "en")]
    assert console.window.status.connection.text() == "connected"
    qtbot.waitUntil(lambda: console.window.view.source_channel == FLOOR, timeout=WAIT_MS)
    # The floor speaks: its meter moves, its mark is live, and the link is measured.
    qtbot.waitUntil(lambda: console.window.view.meters.floor.peak_dbfs > -50, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: next(m for m in console.window.view.channels if m.id == FLOOR).live,
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: "RTT" in console.window.status.link.text(), timeout=WAIT_MS)
    link = console.window.status.link  # what was done to the sound, each kind apart
    assert "concealed" in link.toolTip() and "stretched" in link.toolTip()
    assert link.accessibleDescription() == f"{link.text()}. {link.toolTip()}"


def test_air_by_click_and_by_key(console: Rig, qtbot: QtBot) -> None:
    qtbot.mouseClick(console.window.air.air, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_air(hub_state(console), "zh") == "zh1", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.window.air.air.state is Air.ON, timeout=WAIT_MS)
    assert "ON AIR" in console.window.air.air.text()
    key(console, qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: on_air(hub_state(console), "zh") is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.window.air.air.state is Air.OFF, timeout=WAIT_MS)
    key(console, qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: on_air(hub_state(console), "zh") == "zh1", timeout=WAIT_MS)


def test_cough_is_held(console: Rig, qtbot: QtBot) -> None:
    console.actions.trigger("air", source="test")
    qtbot.waitUntil(lambda: console.model.air() is Air.ON, timeout=WAIT_MS)
    target = QApplication.focusWidget() or console.window
    qtbot.keyPress(target, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: participant(hub_state(console), "zh1")["cough"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.window.air.air.state is Air.COUGH, timeout=WAIT_MS)
    qtbot.keyRelease(target, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: not participant(hub_state(console), "zh1")["cough"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.window.air.air.state is Air.ON, timeout=WAIT_MS)
    # The button too: pressed mutes, released speaks.
    qtbot.mousePress(console.window.air.cough, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: participant(hub_state(console), "zh1")["cough"], timeout=WAIT_MS)
    qtbot.mouseRelease(console.window.air.cough, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not participant(hub_state(console), "zh1")["cough"], timeout=WAIT_MS)


def test_output_selector_and_engaged(console: Rig, qtbot: QtBot) -> None:
    outputs = console.window.air.outputs
    console.actions.trigger("air", source="test")
    qtbot.waitUntil(lambda: console.window.air.air.state is Air.ON, timeout=WAIT_MS)
    qtbot.mouseClick(outputs[1], Qt.MouseButton.LeftButton)  # B: the air moves to en
    qtbot.waitUntil(lambda: on_air(hub_state(console), "en") == "zh1", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.window.view.air_channel == "en", timeout=WAIT_MS)
    key(console, qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # back to A
    qtbot.waitUntil(lambda: on_air(hub_state(console), "zh") == "zh1", timeout=WAIT_MS)
    # The en booth takes en: B shows "engaged", and taking it is refused with a reason.
    en1 = console.join("en1", "interpreter", "en")
    en1.take_air("en")
    qtbot.waitUntil(lambda: "engaged" in outputs[1].text(), timeout=WAIT_MS)
    assert "EN1" in outputs[1].text()
    key(console, qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: "engaged" in console.window.notices.text("notice").lower(), timeout=WAIT_MS
    )
    assert on_air(hub_state(console), "en") == en1.id


def test_floor_and_relay(console: Rig, qtbot: QtBot) -> None:
    fr1 = console.join("fr1", "interpreter", "fr")
    fr1.take_air("fr")
    fr1.speak(Tone(440.0, -30.0))
    panel = console.window.input
    qtbot.waitUntil(lambda: panel.relay_combo.count() == 1, timeout=WAIT_MS)  # fr (en is ours)
    qtbot.waitUntil(lambda: panel.relay_quality.text() == "+", timeout=WAIT_MS)
    key(console, qtbot, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: console.window.view.source_channel == "fr", timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: participant(hub_state(console), "zh1")["listening"][0] == "fr", timeout=WAIT_MS
    )
    assert "relay from French (+)" in panel.playing.text()
    qtbot.mouseClick(panel.floor, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.window.view.source_channel == FLOOR, timeout=WAIT_MS)
    assert panel.floor.isChecked()


def test_auto_relay_follows_the_floor_language(console: Rig, qtbot: QtBot) -> None:
    fr1 = console.join("fr1", "interpreter", "fr")
    fr1.take_air("fr")
    fr1.speak(Tone(440.0, -30.0))
    chair = console.peers["chair"]
    key(
        console,
        qtbot,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: console.window.input.auto.isChecked(), timeout=WAIT_MS)
    try:
        chair.send({"type": "floor_language", "language": "ru"})  # not understood in zh
        qtbot.waitUntil(lambda: console.window.view.source_channel == "fr", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: console.window.input.auto_reason.isVisible(), timeout=WAIT_MS)
        assert "relay" in console.window.input.auto_reason.text().lower()
        chair.send({"type": "floor_language", "language": "en"})
        qtbot.waitUntil(lambda: console.window.view.source_channel == FLOOR, timeout=WAIT_MS)
        # A manual choice wins: auto is off.
        key(console, qtbot, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not console.window.input.auto.isChecked(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: console.window.view.source_channel == "fr", timeout=WAIT_MS)
    finally:
        chair.send({"type": "floor_language", "language": "en"})


def test_volume_tone_and_ear(console: Rig, qtbot: QtBot) -> None:
    engine = console.bridge.engine

    def strip0():  # what the engine applies to the floor input now
        return engine.latest_metrics.inputs[0] if engine.latest_metrics else None

    key(console, qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: abs(strip0().position - 0.75) < 1e-6, timeout=WAIT_MS)
    assert console.window.input.volume.value() == 75
    console.window.input.volume.setValue(60)  # the slider, as a drag would
    qtbot.waitUntil(lambda: abs(strip0().position - 0.6) < 1e-6, timeout=WAIT_MS)
    key(console, qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: strip0().ear == "left", timeout=WAIT_MS)
    assert console.window.input.floor_ear.currentData() == "left"
    key(console, qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert console.model.settings.bass_db == 1.0
    assert console.window.input.bass.value() == 1
    console.window.input.treble.setValue(-3)
    assert console.model.settings.treble_db == -3.0
    console.window.input.relay_ear.setCurrentIndex(2)  # right
    console.window.input.relay_ear.activated.emit(2)  # as a choice in the list does
    qtbot.waitUntil(lambda: engine.latest_metrics.inputs[1].ear == "right", timeout=WAIT_MS)
    for action, value in (
        ("floor_ear_set", "both"),
        ("relay_ear_set", "both"),
        ("bass_set", 0.0),
        ("treble_set", 0.0),
        ("volume_set", 0.7),
    ):
        console.actions.trigger(action, value=value, source="test")
    qtbot.waitUntil(lambda: strip0().ear == "both", timeout=WAIT_MS)


def test_handover_offer_request_accept_cancel(console: Rig, qtbot: QtBot) -> None:
    zh2 = console.join("zh2", "interpreter", "zh")
    panel = console.window.handover
    qtbot.waitUntil(lambda: "ZH2: listening" in panel.partner.text(), timeout=WAIT_MS)
    console.actions.trigger("air", source="test")
    qtbot.waitUntil(lambda: panel.offer.isEnabled(), timeout=WAIT_MS)
    assert panel.turn.text().startswith("Turn 0:00")
    # Offer by click, cancel by key.
    qtbot.mouseClick(panel.offer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "waiting" in panel.pending.text(), timeout=WAIT_MS)
    booth = lambda: next(b for b in hub_state(console)["booths"] if b["id"] == "zh")  # noqa: E731
    assert booth()["handover"]["action"] == "offer"
    key(console, qtbot, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: booth()["handover"] is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.pending.text() == "", timeout=WAIT_MS)
    # Offer by key; the partner accepts: the console is off air, the partner live.
    key(console, qtbot, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: booth()["handover"] is not None, timeout=WAIT_MS)
    zh2.send({"type": "handover", "action": "accept"})
    qtbot.waitUntil(lambda: console.window.air.air.state is Air.OFF, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "ZH2: live" in panel.partner.text(), timeout=WAIT_MS)
    # Request by key, the partner accepts; then the partner requests and we accept by click.
    key(console, qtbot, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: booth()["handover"] is not None, timeout=WAIT_MS)
    zh2.send({"type": "handover", "action": "accept"})
    qtbot.waitUntil(lambda: console.window.air.air.state is Air.ON, timeout=WAIT_MS)
    zh2.send({"type": "handover", "action": "request"})
    qtbot.waitUntil(lambda: panel.accept.isEnabled(), timeout=WAIT_MS)
    assert "asks for the air" in panel.pending.text()
    qtbot.mouseClick(panel.accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_air(hub_state(console), "zh") == zh2.id, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.window.air.air.state is Air.OFF, timeout=WAIT_MS)
    zh2.release_air()


def test_messages_and_slow_down(console: Rig, qtbot: QtBot) -> None:
    zh2 = console.join("zh2", "interpreter", "zh")
    panel = console.window.messages
    zh2.send({"type": "chat", "to": "booth", "text": "water, please"})
    qtbot.waitUntil(lambda: "1 unread" in panel.title(), timeout=WAIT_MS)
    assert "water, please" in panel.log.toPlainText()
    key(console, qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "unread" not in panel.title(), timeout=WAIT_MS)
    assert panel.text.hasFocus()
    qtbot.keyClicks(panel.text, "the speaker is fast")
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(m.get("text") == "the speaker is fast" for m in zh2.client.history),
        timeout=WAIT_MS,
    )
    # Slow down: F12 even while the message box has focus; the chair receives it.
    key(console, qtbot, Qt.Key.Key_F12)
    chair = console.peers["chair"].client
    qtbot.waitUntil(
        lambda: any(m.get("kind") == "slow_down" for m in chair.history), timeout=WAIT_MS
    )
    assert "Slow down" in console.window.notices.text("notice")
    assert "see that it comes from you" in console.window.notices.text("notice")


def test_poor_floor_warning(console: Rig, qtbot: QtBot) -> None:
    # Choosing the floor again starts a fresh analysis: of the telephone speech alone.
    console.actions.trigger("source_relay", source="test")
    qtbot.waitUntil(lambda: console.model.inputs.get(0, "floor") is None, timeout=WAIT_MS)
    console.floor_telephone()
    qtbot.waitUntil(console.floor_changed, timeout=WAIT_MS)
    console.actions.trigger("source_floor", source="test")
    try:
        qtbot.waitUntil(lambda: console.window.notices.text("floor") != "", timeout=ANALYSIS_MS)
        qtbot.waitUntil(
            lambda: "band_limited" in console.window.view.floor_issue_codes, timeout=ANALYSIS_MS
        )
        assert "Floor sound is poor" in console.window.notices.text("floor")
        assert "kHz" in console.window.notices.text("floor")  # where the sound stops
    finally:
        console.floor_speech()


def test_event_log_records_every_path(console: Rig, qtbot: QtBot, log_path: Path) -> None:
    target = QApplication.focusWidget() or console.window
    qtbot.keyPress(target, Qt.Key.Key_F2)
    qtbot.keyRelease(target, Qt.Key.Key_F2)
    qtbot.mouseClick(console.window.input.relay, Qt.MouseButton.LeftButton)
    console.actions.trigger("source_floor", source="test")
    records = [json.loads(line) for line in log_path.read_text().splitlines()]
    sources = {r.get("source") for r in records}
    assert {"key", "button", "test"} <= sources
    assert {"key": "F2", "state": "down"} in [
        {k: r[k] for k in ("key", "state")} for r in records if "key" in r
    ]
    assert all(r["t"] > 0 and "mono" in r for r in records)
    sent = [r for r in records if r.get("action") == "message_send"]
    assert sent and all(r["value"] == ["booth", len("the speaker is fast")] for r in sent)
    assert "the speaker is fast" not in log_path.read_text()  # what was said stays private


def test_the_window_says_when_the_sound_was_refused_real_time_priority(qtbot: QtBot) -> None:
    status = StatusBar()
    qtbot.addWidget(status)
    counts = PlayoutCounts(1, 20, 30, 2, 3)
    granted = status.playout_text(LinkView(20.0, 2.0, 0.0, False, counts, Priority.REALTIME))
    refused = status.playout_text(LinkView(20.0, 2.0, 0.0, False, counts, Priority.NORMAL))
    assert "1 concealed, 2 dropped, 3 gaps (audible)" in granted and "refused" not in granted
    assert refused.startswith(granted) and "refused real-time priority" in refused
    # As the link's tooltip shows them: a picture to look at.
    status.show()
    QToolTip.showText(status.link.mapToGlobal(QPoint(0, 0)), refused, status.link)
    qtbot.waitUntil(QToolTip.isVisible, timeout=WAIT_MS)
    tip = next(w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel"))
    shot = SHOTS / "console-link-figures.png"
    save_screenshot(tip, str(shot))
    publish(shot, "console-link-figures.png")
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=WAIT_MS)

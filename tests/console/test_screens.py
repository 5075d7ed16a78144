"""Screenshots of the console's main states at two sizes, and a right-to-left layout that holds.

The states are real: a hub on loopback, the chair speaking, peers that take the other
channels and the partner's handover, the console's own engine. Each state is grabbed at
1280x720 and 1920x1080 into artifacts/screenshots/ (the test artefacts; gitignored), and
at each size the layout is checked: every control inside the window, none on top of
another, none narrower than it needs to show its text. With RSI_UPDATE_DOCS_SCREENSHOTS=1
the 1280x720 shots of the states the README shows are also copied to docs/screenshots/
(consolekit.publish); without it nothing under docs/ is written.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from console.app import save_screenshot
from console.interpreter.model import Air, Source
from console.shell import theme
from console.shell.model import Connection
from console.shell.widgets.meter import LevelMeter
from tests.rig.consolekit import ANALYSIS_MS, SHOTS, Rig, publish, rig
from tests.rig.engineport import Speech

WAIT_MS = 15_000
"""Generous: the machine may be loaded (waits end as soon as the state shows)."""
SIZES = ((1280, 720), (1920, 1080))
DOC_STATES = ("on-air", "handover-pending", "channel-engaged", "poor-floor")
"""The states docs/screenshots/ (and the README) show."""
CONTROLS = (
    QAbstractButton, QAbstractSlider, QComboBox, QLabel, QLineEdit, QPlainTextEdit, LevelMeter,
)  # fmt: skip


@pytest.fixture(scope="module")
def kit(qapp: QApplication) -> Iterator[Rig]:
    theme.apply(qapp, "light")  # as rsi-console does by default
    try:
        with rig() as r:
            r.window.show()
            yield r
    finally:
        qapp.setStyleSheet("")
        qapp.setPalette(qapp.style().standardPalette())


def controls(window: QWidget) -> list[QWidget]:
    """The visible controls, outermost only (not a text box's own scroll bars)."""
    found = [w for w in window.findChildren(QWidget) if isinstance(w, CONTROLS) and w.isVisible()]
    inside = set()
    for w in found:
        parent = w.parentWidget()
        while parent is not None:
            if isinstance(parent, CONTROLS):
                inside.add(w)
                break
            parent = parent.parentWidget()
    return [w for w in found if w not in inside]


def global_rect(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def check_layout(window: QWidget, what: str) -> None:
    frame = window.rect()
    shown = controls(window)
    assert len(shown) > 30, f"{what}: only {len(shown)} controls visible"
    rects = {w: global_rect(w, window) for w in shown}
    for w, r in rects.items():
        name = w.accessibleName() or w.objectName() or type(w).__name__
        assert frame.contains(r), f"{what}: {name} {r} is outside the window {frame}"
        if isinstance(w, QAbstractButton | QComboBox):
            need = w.minimumSizeHint()
            assert r.width() >= need.width() - 2, f"{what}: {name} is clipped ({r} < {need})"
        said = w.accessibleName() or (w.text() if isinstance(w, QLabel) else "")
        assert said, f"{what}: a {type(w).__name__} says nothing to a screen reader"
    for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
        overlap = ra.intersected(rb)
        assert overlap.width() <= 1 or overlap.height() <= 1, (
            f"{what}: {a.accessibleName()!r} {ra} overlaps {b.accessibleName()!r} {rb}"
        )


def shoot(kit: Rig, qtbot: QtBot, state: str) -> None:
    window = kit.window
    for width, height in SIZES:
        window.resize(width, height)
        qtbot.waitUntil(
            lambda w=width, h=height: window.size().toTuple() == (w, h), timeout=WAIT_MS
        )
        window.refresh()
        QApplication.processEvents()
        path = SHOTS / f"console-{state}-{width}x{height}.png"
        save_screenshot(window, str(path))
        assert path.stat().st_size > 10_000
        if state in DOC_STATES and (width, height) == SIZES[0]:
            publish(path, f"console-{state}.png")
        check_layout(window, f"{state} at {width}x{height}")


def test_main_states(kit: Rig, qtbot: QtBot) -> None:
    window, model, actions = kit.window, kit.model, kit.actions
    qtbot.waitUntil(lambda: model.connection is Connection.CONNECTED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.view.meters.floor.peak_dbfs > -50, timeout=WAIT_MS)
    shoot(kit, qtbot, "off-air")

    actions.trigger("air", source="test")
    qtbot.waitUntil(lambda: model.air() is Air.ON, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.view.handover.turn_s is not None, timeout=WAIT_MS)
    shoot(kit, qtbot, "on-air")

    partner = kit.join("zh2", "interpreter", "zh")
    partner.send({"type": "handover", "action": "request"})
    qtbot.waitUntil(lambda: window.handover.accept.isEnabled(), timeout=WAIT_MS)
    partner.send({"type": "chat", "to": "booth", "text": "Ready when you are."})
    qtbot.waitUntil(lambda: model.unread == 1, timeout=WAIT_MS)
    shoot(kit, qtbot, "handover-pending")
    partner.send({"type": "handover", "action": "cancel"})

    fr1 = kit.join("fr1", "interpreter", "fr")
    fr1.take_air("fr")
    fr1.speak(Speech("fr"))  # a tone would be taken for feedback howl
    actions.trigger("source_relay", source="test")
    qtbot.waitUntil(lambda: window.view.source_channel == "fr", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.view.meters.relay.peak_dbfs > -50, timeout=WAIT_MS)
    shoot(kit, qtbot, "on-relay")

    en1 = kit.join("en1", "interpreter", "en")
    en1.take_air("en")
    qtbot.waitUntil(lambda: "engaged" in window.air.outputs[1].text(), timeout=WAIT_MS)
    shoot(kit, qtbot, "channel-engaged")

    kit.floor_telephone()  # while on relay: choosing the floor starts a fresh analysis
    qtbot.waitUntil(kit.floor_changed, timeout=WAIT_MS)
    actions.trigger("source_floor", source="test")
    qtbot.waitUntil(lambda: model.settings.source is Source.FLOOR, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "band_limited" in window.view.floor_issue_codes, timeout=ANALYSIS_MS)
    assert window.notices.text("floor")
    shoot(kit, qtbot, "poor-floor")


def test_right_to_left(kit: Rig, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        qtbot.waitUntil(lambda: kit.window.isRightToLeft(), timeout=WAIT_MS)
        shoot(kit, qtbot, "right-to-left")
        # Mirrored: the input side is now on the right, the messages on the left.
        assert kit.window.input.mapTo(kit.window, QPoint(0, 0)).x() > kit.window.width() // 2
        assert kit.window.messages.mapTo(kit.window, QPoint(0, 0)).x() < kit.window.width() // 2
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

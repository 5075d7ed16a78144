"""A stalled link shows in the interpreter's console (issue 16, items 1 and 7).

The engine says :class:`LinkStalled` a second after the hub was last heard,
counts on in ``Metrics.link.silent_s``, and says :class:`LinkRestored` when
the hub is heard again (tests/audio/test_meeting.py checks that in virtual
time, tests/audio/test_engine_reconnect.py on a real stalled link). Here:
what the view model makes of it, and the window fed those events through the
bridge's signals: the amber "NOT HEARD?" control, the connection line
counting, the link figures unknown, and, while stalled or reconnecting, the
booth's air and the turn timer greyed and said to be not current.
Screenshots: docs/screenshots/console-stalled.png and console-reconnecting.png
(consolekit.publish).
"""

from __future__ import annotations

import dataclasses
import time

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from audio.commands import (
    AirChanged,
    LinkRestored,
    LinkStalled,
    Metrics,
    Reconnecting,
    Welcomed,
)
from audio.config import EngineConfig
from console.app import save_screenshot
from console.interpreter.model import RESTORED_SHOWN_S, Air, ViewModel
from console.interpreter.widgets.airbutton import colours
from console.interpreter.widgets.notices import HOLD_S
from console.shell import theme
from console.shell.model import Connection
from tests.console.test_viewmodel import ME, T0, meeting, metrics, on_air
from tests.rig.consolekit import SHOTS, make_console, publish

TURN_S = 754.0
"""How long our booth has been on air in the pictures."""


def stalled_metrics(silent_s: float | None, *, connected: bool = True) -> Metrics:
    """The engine's metrics with a link stalled for ``silent_s`` (its figures from before)."""
    m = metrics(rtt=3.0)
    link = dataclasses.replace(m.link, silent_s=silent_s, connected=connected)
    return dataclasses.replace(m, link=link)


def test_the_model_counts_a_stall_greys_the_meeting_and_says_when_it_is_back() -> None:
    model = ViewModel()
    model.apply(Welcomed(ME, on_air(meeting(), "zh1", "zh", live_since=T0 - TURN_S)), T0)
    model.apply(AirChanged("zh", True, False), T0)
    model.apply(metrics(rtt=3.0), T0)
    view = model.view(T0)
    assert view.air is Air.ON and not view.stale and view.stalled_s is None
    assert view.link is not None and view.link.rtt_ms == 3.0 and not view.link.stale

    model.apply(LinkStalled(1.0), T0 + 1)
    model.apply(stalled_metrics(1.2), T0 + 1.2)
    view = model.view(T0 + 1.2)
    assert view.air is Air.UNSURE and view.stale and view.stalled_s == 1.2
    assert view.connection is Connection.CONNECTED
    assert view.link is not None and view.link.stale and view.link.rtt_ms is None
    assert model.air_event == AirChanged("zh", True, False)  # the engine still sends

    model.apply(LinkRestored(3.4), T0 + 3.4)
    model.apply(metrics(rtt=3.0), T0 + 3.5)
    view = model.view(T0 + 3.5)
    assert view.air is Air.ON and not view.stale and view.restored_s == 3.4
    assert view.link is not None and view.link.rtt_ms == 3.0
    assert model.view(T0 + 3.4 + RESTORED_SHOWN_S).restored_s is None

    model.apply(LinkStalled(1.0), T0 + 10)
    model.apply(Reconnecting(1, 0.25, "the hub has not answered for 6 s"), T0 + 15)
    view = model.view(T0 + 15)
    assert view.connection is Connection.RECONNECTING and view.stale
    assert view.stalled_s is None and view.air is Air.OFF


def test_the_window_shows_a_stall_in_amber_and_greys_what_is_not_current(
    qtbot: QtBot, qapp: QApplication
) -> None:
    theme.apply(qapp, "light")
    now = time.time()
    clock = [now]
    window, bridge = make_console(
        config=EngineConfig(metrics_interval_s=3600.0), clock=lambda: clock[0]
    )
    qtbot.addWidget(window)
    status, air, turn = window.status, window.air.air, window.handover.turn
    ours = window.air.outputs[0]
    try:
        window.resize(1280, 720)
        window.show()
        on = on_air(meeting(), "zh1", "zh", live_since=now - TURN_S)
        for event in (Welcomed(ME, on), AirChanged("zh", True, False), metrics(rtt=3.0)):
            bridge.arrived.emit(event)
        window.refresh()
        clock[0] += HOLD_S  # "not in a meeting" has gone from the notices
        window.refresh()
        assert window.notices.shown == []
        assert air.state is Air.ON and status.connection.text() == "connected"
        assert "RTT 3 ms" in status.link.text() and "our booth on air" in ours.text()

        bridge.arrived.emit(LinkStalled(1.0))
        bridge.metrics.emit(stalled_metrics(1.2))
        qtbot.waitUntil(lambda: air.state is Air.UNSURE)
        window.refresh()
        said = "no sound from the hub for 1.2 s: you may not be heard"
        assert status.connection.text() == said
        assert status.connection.accessibleDescription() == said
        assert status.connection.property("severity") == "warning"
        assert status.link.text().startswith("RTT — · jitter — · loss —")
        assert air.accessibleName() == "Microphone: NOT HEARD?"
        assert "ZH may hear nothing of you" in air.accessibleDescription()
        assert colours(Air.UNSURE) == theme.roles(qapp).warning  # amber, never red or green
        assert QColor(air.grab().toImage().pixel(air.width() // 2, 8)) == QColor("#ffbf00")
        assert ours.property("muted") == "true" and turn.property("muted") == "true"
        assert "not current" in ours.accessibleDescription()
        assert "not current" in turn.accessibleDescription()
        shot(window, "stalled")
        bridge.metrics.emit(stalled_metrics(2.3))
        qtbot.waitUntil(lambda: "2.3 s" in status.connection.text())

        bridge.arrived.emit(LinkRestored(3.4))
        bridge.metrics.emit(metrics(rtt=3.0))
        qtbot.waitUntil(lambda: air.state is Air.ON)
        window.refresh()
        assert status.connection.text() == "connected · sound from the hub is back after 3.4 s"
        assert "RTT 3 ms" in status.link.text() and not status.connection.property("severity")
        assert not ours.property("muted") and not turn.property("muted")
        assert "not current" not in turn.accessibleDescription()

        bridge.arrived.emit(LinkStalled(1.0))
        bridge.arrived.emit(Reconnecting(1, 0.25, "the hub has not answered for 6 s"))
        bridge.metrics.emit(stalled_metrics(None, connected=False))
        qtbot.waitUntil(lambda: air.state is Air.OFF)
        window.refresh()
        assert status.connection.text().startswith("reconnecting… attempt 1")
        assert status.link.text() == "link: —"
        assert ours.property("muted") == "true" and turn.property("muted") == "true"
        assert "not current" in ours.accessibleDescription()
        shot(window, "reconnecting")
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)
        qapp.setStyleSheet("")
        qapp.setPalette(qapp.style().standardPalette())


def shot(window: QWidget, state: str) -> None:
    QApplication.processEvents()
    path = SHOTS / f"console-{state}.png"
    save_screenshot(window, str(path))
    assert path.stat().st_size > 10_000
    publish(path, f"console-{state}.png")

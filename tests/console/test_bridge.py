"""The bridge between the engine and Qt: a frozen window holds up neither the engine nor itself.

The engine runs on a null port (real time, no sound card). The GUI thread is frozen for a
second: the engine keeps making its blocks meanwhile, and when the window wakes it gets the
newest metrics snapshot, not the ten it missed, and every discrete event in order.
"""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from audio.commands import CommandRejected, Disconnect, Metrics, SetVolume
from audio.engine import Engine, EngineConfig
from audio.fileport import NullPort
from console.interpreter.model import INPUTS
from console.shell.bridge import EngineBridge

WAIT_MS = 15_000
"""Generous: the machine may be loaded (waits end as soon as the state shows)."""


def test_a_frozen_window_delays_nothing_and_gets_the_newest(qtbot: QtBot) -> None:
    engine = Engine(NullPort(), EngineConfig(inputs=INPUTS, metrics_interval_s=0.1))
    bridge = EngineBridge(engine)
    snapshots: list[Metrics] = []
    events: list[object] = []
    bridge.metrics.connect(snapshots.append)
    bridge.arrived.connect(events.append)
    bridge.start()
    try:
        qtbot.waitUntil(lambda: len(snapshots) >= 3, timeout=WAIT_MS)
        before = snapshots[-1]
        # Refused commands make discrete events while the window is frozen.
        for index in (7, 8, 9):
            bridge.submit(SetVolume(index, 0.5))
        bridge.submit(Disconnect())
        time.sleep(1.0)  # the GUI thread is frozen: nothing reaches it
        snapshots.clear()
        QApplication.processEvents()
        assert len(snapshots) == 1, "one snapshot for the frozen second, not ten"
        newest = snapshots[0]
        # From the end of the frozen second: at most two metrics intervals before it ended
        # (one for the period, one for a late engine wake-up on a busy machine).
        assert newest.at - before.at >= 1.0 - 2 * 0.1
        played = newest.timing.blocks_played - before.timing.blocks_played
        assert played >= 50, f"the engine made only {played} blocks in a second"
        refused = [e for e in events if isinstance(e, CommandRejected)]
        assert [getattr(e.command, "index", None) for e in refused] == [7, 8, 9, None]
        assert newest.timing.events_dropped == 0
    finally:
        bridge.stop()
        assert bridge.wait_stopped(5.0)


def test_commands_after_the_engine_stopped_are_refused_in_words(qtbot: QtBot) -> None:
    bridge = EngineBridge(Engine(NullPort(), EngineConfig(inputs=INPUTS)))
    refused: list[object] = []
    bridge.arrived.connect(refused.append)
    bridge.start()
    bridge.stop()
    assert bridge.wait_stopped(5.0)
    assert not bridge.submit(SetVolume(0, 0.5))
    assert isinstance(refused[-1], CommandRejected)
    assert "not running" in refused[-1].sentence or "stopped" in refused[-1].sentence

"""The notices area (console/interpreter/widgets/notices.py): a fixed place, most serious first,
and no flapping (the hold rule, in virtual time). Its screenshot with three notices is
docs/screenshots/console-notices.png (consolekit.publish)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from console.app import save_screenshot
from console.interpreter.model import Severity
from console.interpreter.widgets.notices import HOLD_S, ROWS, NoticeHold, Shown
from console.shell.settings import Settings
from tests.rig.consolekit import SHOTS, offline_console, publish, themed

FLOOR = Shown("floor", "Floor sound is poor: band-limited", Severity.WARNING)


def test_a_cleared_notice_stays_its_hold_time_so_a_flapping_condition_shows_steady() -> None:
    hold = NoticeHold()
    assert hold.update(0.0, []) == []
    assert hold.update(1.0, [FLOOR]) == [FLOOR]
    # The condition comes and goes every 2 s (as the floor analysis did): the notice stays.
    for t in range(2, 20, 2):
        assert hold.update(float(t), []) == [FLOOR], t
        assert hold.update(t + 1.0, [FLOOR]) == [FLOOR], t
    cleared = 20.0
    assert hold.update(cleared, []) == [FLOOR]
    assert hold.update(cleared + HOLD_S - 0.1, []) == [FLOOR]  # with its last words
    assert hold.update(cleared + HOLD_S, []) == []  # gone once the hold is over
    # New words while held replace the old ones; the notice does not start again.
    worse = Shown("floor", "Floor sound is poor: clipping", Severity.WARNING)
    hold.update(30.0, [FLOOR])
    hold.update(31.0, [])
    assert hold.update(32.0, [worse]) == [worse]


def test_a_state_the_user_ends_goes_at_once() -> None:
    hold = NoticeHold()
    offline = Shown("offline", "You are not in a meeting", Severity.INFO, held=False)
    assert hold.update(0.0, [offline, FLOOR]) == [FLOOR, offline]
    assert hold.update(0.1, []) == [FLOOR]  # connected: no "not in a meeting" while on air


def test_notices_stack_most_serious_first_then_oldest() -> None:
    hold = NoticeHold(hold_s=5.0)
    info = Shown("notice", "“Slow down” was sent", Severity.INFO)
    sound = Shown("sound", "No sound card", Severity.WARNING)
    alarm = Shown("notice", "You were on air", Severity.ALARM)
    assert hold.update(0.0, [info, FLOOR]) == [FLOOR, info]
    assert hold.update(1.0, [FLOOR, sound]) == [FLOOR, sound, info]  # info held, then gone:
    assert hold.update(6.0, [FLOOR, sound]) == [FLOOR, sound]
    assert hold.update(7.0, [FLOOR, sound, alarm]) == [alarm, FLOOR, sound]


def test_the_notices_never_move_the_controls(qtbot: QtBot, tmp_path: Path) -> None:
    with themed("light"), offline_console(Settings.at(tmp_path / "settings.ini")) as window:
        qtbot.addWidget(window)
        window.resize(1280, 720)
        qtbot.waitExposed(window)
        air_at = window.air.air.mapTo(window, window.air.air.rect().topLeft())
        area = window.notices.geometry()
        (offline,) = window.notices.shown  # the way in
        assert offline.severity is Severity.INFO
        assert "press Connect or choose Meeting ▸ Connect to a meeting (Ctrl+O)" in offline.text
        model, now = window.model, window.view.now
        model.no_sound_card = True
        model.notice(now, Severity.INFO, "slow_down_sent")
        model.notice(now, Severity.ALARM, "air_lost", "ZH")
        window.refresh()
        shown = window.notices.shown
        assert [n.key for n in shown] == ["notice", "sound", "offline"]  # the alarm first
        assert window.notices.rows[0].property("severity") == "alarm"
        assert "Press it to speak again" in window.notices.rows[0].text()
        sound = window.notices.text("sound")
        assert "Audio ▸ Settings (Ctrl+,), page Audio" in sound  # how to choose the device
        assert window.notices.rows[1].text() == f"{sound} (and 1 more)"
        assert len(window.notices.rows) == ROWS
        assert window.notices.geometry() == area  # the area is where it was, as high
        assert window.air.air.mapTo(window, window.air.air.rect().topLeft()) == air_at
        # A poor floor too: four notices, two rows; the last says how many more wait.
        window.notices.show_view(replace(window.model.view(now), floor_issues=("clipping",)))
        assert [n.key for n in window.notices.shown] == ["notice", "sound", "floor", "offline"]
        assert window.notices.rows[1].text() == f"{sound} (and 2 more)"
        assert window.air.air.mapTo(window, window.air.air.rect().topLeft()) == air_at
        shot = SHOTS / "console-notices.png"
        save_screenshot(window, str(shot))
        assert shot.stat().st_size > 10_000
        publish(shot, "console-notices.png")

"""Where the floor language comes from, in the coordinator's and the interpreter's windows,
and the alarm a hub restart raises when it resets it (issue 13).

The hub does not keep a floor language set by a participant across a restart: the snapshot's
``floor_language_set_by`` is null again and the language is the meeting file's. The windows
run on a real engine (not connected) and are fed the snapshots a reconnection brings. The
coordinator's screenshot with the alarm goes to artifacts/screenshots/; with
RSI_UPDATE_DOCS_SCREENSHOTS=1 also to docs/screenshots/coordinator-floor-language-reset.png
(consolekit.publish).
"""

from __future__ import annotations

from msgspec import structs
from pytestqt.qtbot import QtBot

from audio.commands import Welcomed
from channels.meeting import FLOOR
from channels.session import BoothInfo, ChannelInfo, Me, Meeting, ParticipantInfo
from console.app import save_screenshot
from tests.rig.consolekit import SHOTS, make_console, publish
from tests.rig.coordkit import offline_coordinator

RESET = (
    "The hub restarted and the floor language went back to the meeting's default, English: "
    "set it again if needed"
)


def council(version: int, set_by: str | None = None) -> Meeting:
    """Floor English in the meeting file; the chair set French when ``set_by`` is given."""
    return Meeting(
        id="council",
        title="Council",
        version=version,
        floor_language="fr" if set_by is not None else "en",
        floor_language_set_by=set_by,
        channels=(
            ChannelInfo(FLOOR, 1, None, "chair"),
            ChannelInfo("en", 2, "en", "en1", booth="en", source=FLOOR),
        ),
        booths=(BoothInfo("en", ("en",), ("fr",), ("en1",), "en1"),),
        participants=(
            ParticipantInfo("chair", "Chair", "floor"),
            ParticipantInfo("en1", "Ana", "interpreter", "en"),
        ),
    )


def test_the_coordinator_is_told_when_a_hub_restart_resets_the_floor_language(
    qtbot: QtBot,
) -> None:
    me = Me(id="coord", name="Coordinator", role="coordinator", ssrc=9)
    with offline_coordinator(qtbot) as window:
        window.show()
        qtbot.waitExposed(window)
        window.on_event(Welcomed(me, council(1, set_by="chair")))
        combo = window.floor_language
        assert (combo.currentText(), window.floor_origin.text()) == ("French", "(set by Chair)")
        assert combo.accessibleDescription() == "Floor language: French (set by Chair)"
        assert window.alarms.list.count() == 0
        # The hub restarted: the engine reconnects, and the welcome has the file's language.
        window.on_event(Welcomed(me, council(1)))
        assert combo.currentText() == "English"
        assert window.floor_origin.text() == "(from the meeting's settings)"
        assert combo.accessibleDescription() == (
            "Floor language: English (from the meeting's settings)"
        )
        assert window.alarms.list.count() == 1
        assert window.alarms.list.item(0).text().endswith(f"  {RESET}")
        assert window.alarms.title() == "Alarms (1 new)"
        shot = SHOTS / "coordinator-floor-language-reset.png"
        save_screenshot(window, str(shot))
        publish(shot, "coordinator-floor-language-reset.png")
        # Acknowledged, it ends.
        window.alarms.list.setCurrentRow(0)
        window.alarms.ack.click()
        qtbot.waitUntil(lambda: window.alarms.list.count() == 0, timeout=5_000)


def test_the_interpreter_sees_where_the_floor_language_comes_from(qtbot: QtBot) -> None:
    window, bridge = make_console()
    qtbot.addWidget(window)
    me = Me(id="en1", name="Ana", role="interpreter", ssrc=9, booth="en")
    try:
        label = window.input.floor_language
        window.on_event(Welcomed(me, council(1, set_by="chair")))
        assert label.text() == "Floor language: French (set by Chair)"
        window.on_event(Welcomed(me, structs.replace(council(1), version=2)))
        assert label.text() == "Floor language: English (from the meeting's settings)"
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)

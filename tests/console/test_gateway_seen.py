"""A gateway in the meeting, as the coordinator sees it, and the other windows bear it (issue 14).

A gateway (role ``gateway``) brings another platform's meeting in as the floor and names the
platform in its hello; the snapshot carries it as the participant's ``platform``. The
coordinator sees it among the participants ("Gateway · Janus") with its link figures, on air
on the floor, and an alarm when it is disconnected. The interpreter's console and the
listener's window, which have no use for it, must draw a meeting that holds one (and a role
they do not know) as they draw any other. The windows run on a real engine (not connected)
and are fed the snapshots. The coordinator's screenshot goes to artifacts/screenshots/; with
RSI_UPDATE_DOCS_SCREENSHOTS=1 also to docs/screenshots/coordinator-gateway.png
(consolekit.publish).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from msgspec import structs
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from audio.commands import MeetingChanged, Welcomed
from channels.meeting import FLOOR
from channels.protocol import Quality
from channels.session import BoothInfo, ChannelInfo, Me, Meeting, ParticipantInfo
from console.app import save_screenshot
from console.coordinator.window import CoordinatorWindow
from console.listener.window import open_listener
from console.shell import theme
from tests.rig.consolekit import SHOTS, make_console, publish
from tests.rig.coordkit import engine_bridge, offline_coordinator
from tests.rig.hostile import shown_text
from tests.rig.qtaccess import unnamed

JANUS_LOST = "The Janus gateway is disconnected: the floor from Janus is silent"
LIVE_SINCE = time.time() - 754
"""The booths' turns began twelve and seven minutes ago (the timers in the screenshot)."""
MUMBLE_LOST = "The Mumble gateway is disconnected: the floor from Mumble is silent"


def on_air(sub: str, name: str, booth: str, quality: Quality) -> ParticipantInfo:
    """An interpreter on air on its booth's channel, interpreting the floor."""
    return ParticipantInfo(
        sub, name, "interpreter", booth, listening=(FLOOR,), on_air=booth, quality=quality
    )


def meeting(version: int, *, janus: bool = True) -> Meeting:
    """The Janus gateway on the floor (``janus``: connected), fr and de interpreted, a
    Mumble gateway that lost its connection, and a participant of a role nobody knows."""
    return Meeting(
        id="council",
        title="Council",
        version=version,
        floor_language="en",
        channels=(
            ChannelInfo(FLOOR, 1, None, "janus-gw" if janus else None, 3),
            ChannelInfo("fr", 2, "fr", "fr1", 2, booth="fr", source=FLOOR, fallback=False),
            ChannelInfo("de", 3, "de", "de1", 1, booth="de", source=FLOOR, fallback=False),
        ),
        booths=(
            BoothInfo("fr", ("fr",), ("en",), ("fr1",), "fr1", LIVE_SINCE),
            BoothInfo("de", ("de",), ("en",), ("de1",), "de1", LIVE_SINCE + 300),
        ),
        participants=(
            ParticipantInfo("coord", "Kim", "coordinator"),
            ParticipantInfo(
                "janus-gw",
                "Janus room 1234",
                "gateway",
                connected=janus,
                listening=("fr", "de"),
                on_air=FLOOR if janus else None,
                quality=Quality(38.0, 4.0, 0.004, 60.0),
                platform="janus",
            ),
            on_air("fr1", "Ana", "fr", Quality(41.0, 6.0, 0.0, 60.0)),
            on_air("de1", "Jonas", "de", Quality(55.0, 9.0, 0.001, 80.0)),
            ParticipantInfo(
                "mumble-gw", "Mumble bridge", "gateway", connected=False, platform="mumble"
            ),
            ParticipantInfo("rec", "Recorder", "relay-node"),
        ),
        listeners=6,
    )


def participant_row(window: CoordinatorWindow, name: str) -> list[str]:
    table = window.participants
    for row in range(table.rowCount()):
        if table.cell_text(row, 0).startswith(name):
            return [table.cell_text(row, c) for c in range(table.columnCount())]
    raise AssertionError(f"no participant {name!r} in the table")


def alarm_texts(window: CoordinatorWindow) -> list[str]:
    items = (window.alarms.list.item(i).text() for i in range(window.alarms.list.count()))
    return [text.split("  ", 1)[1] for text in items]


@pytest.fixture
def light(qapp: QApplication) -> Iterator[None]:
    """The light theme, as rsi-console has by default (and the other screenshots)."""
    theme.apply(qapp, "light")
    try:
        yield
    finally:
        qapp.setStyleSheet("")
        qapp.setPalette(qapp.style().standardPalette())


@pytest.mark.usefixtures("light")
def test_the_coordinator_sees_the_gateway_its_platform_its_link_and_its_loss(
    qtbot: QtBot,
) -> None:
    me = Me(id="coord", name="Kim", role="coordinator", ssrc=9)
    with offline_coordinator(qtbot) as window:
        window.on_event(Welcomed(me, meeting(1)))
        assert participant_row(window, "Janus room 1234") == [
            *("Janus room 1234 (on air)", "Gateway \u00b7 Janus", "\u2013", "good"),
            *("38 ms", "4 ms", "0.4 %"),
        ]
        assert participant_row(window, "Mumble bridge")[1:4] == [
            *("Gateway \u00b7 Mumble", "\u2013", "offline")
        ]
        assert participant_row(window, "Recorder")[1] == "relay-node", "an unknown role as is"
        floor = window.channels.strips[FLOOR].on_air
        assert floor.text() == "Janus room 1234 (Gateway \u00b7 Janus)"
        assert floor.accessibleName() == "On air on floor"
        assert floor.accessibleDescription() == floor.text()
        assert window.channels.strips["fr"].on_air.text() == "Ana", "an interpreter as before"
        assert alarm_texts(window) == [MUMBLE_LOST]
        assert unnamed(window) == []
        shot = SHOTS / "coordinator-gateway.png"
        save_screenshot(window, str(shot))
        publish(shot, "coordinator-gateway.png")

        # The Janus gateway loses its connection: the hub frees the floor.
        window.on_event(MeetingChanged(meeting(2, janus=False)))
        assert sorted(alarm_texts(window)) == [JANUS_LOST, MUMBLE_LOST]
        assert participant_row(window, "Janus room 1234")[:4] == [
            *("Janus room 1234", "Gateway \u00b7 Janus", "\u2013", "offline")
        ]
        assert floor.text() == "nobody on air" == floor.accessibleDescription()
        # Back, and on the floor again: its alarm ends.
        window.on_event(MeetingChanged(meeting(3)))
        assert alarm_texts(window) == [MUMBLE_LOST]
        # A gateway that named no platform is a gateway all the same.
        nameless = meeting(4)
        nameless = structs.replace(
            nameless,
            participants=tuple(structs.replace(x, platform=None) for x in nameless.participants),
        )
        window.on_event(MeetingChanged(nameless))
        assert participant_row(window, "Mumble bridge")[1] == "Gateway"
        assert floor.text() == "Janus room 1234 (Gateway)"


def test_the_interpreter_and_the_listener_bear_a_gateway_and_an_unknown_role(
    qtbot: QtBot,
) -> None:
    console, console_bridge = make_console()
    qtbot.addWidget(console)
    listener_bridge = engine_bridge()
    listener = open_listener(listener_bridge)
    qtbot.addWidget(listener)
    try:
        console.on_event(
            Welcomed(Me(id="fr1", name="Ana", role="interpreter", ssrc=9, booth="fr"), meeting(1))
        )
        listener.on_event(Welcomed(Me(id="l1", name="L", role="listener", ssrc=10), meeting(1)))
        for version in (2, 3):
            console.on_event(MeetingChanged(meeting(version, janus=version == 3)))
            listener.on_event(MeetingChanged(meeting(version, janus=version == 3)))
            console.grab()
            listener.grab()
        view = console.model.view(0.0)
        assert view.meeting_title == "Council" and view.partners == ()
        assert [mark.id for mark in view.channels] == [FLOOR, "fr", "de"]
        assert "our booth on air" in shown_text(console)
        heard = listener.model.view()
        assert heard.title == "Council" and [c.id for c in heard.channels] == [FLOOR, "fr", "de"]
    finally:
        console.close()
        listener.close()
        assert console_bridge.wait_stopped(5.0)
        assert listener_bridge.wait_stopped(5.0)

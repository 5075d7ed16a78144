"""The coordinator's model (console/coordinator/model.py), from engine events alone: no Qt."""

from __future__ import annotations

from dataclasses import replace

from msgspec import structs

from audio.commands import (
    ChatReceived,
    HubError,
    InputSwitched,
    MeetingChanged,
    SignalReceived,
    Welcomed,
)
from channels.meeting import FLOOR
from channels.session import (
    BoothInfo,
    ChannelInfo,
    HandoverInfo,
    Me,
    Meeting,
    ParticipantInfo,
    Quality,
)
from console.coordinator.alarms import Acknowledged, AlarmKind, Cleared, Raised
from console.coordinator.model import CoordinatorModel
from console.shell.model import Connection
from relay.graph import ChainEnd
from relay.graph import Quality as RelayQuality

T0 = 1_800_000_000.0


def meeting(version: int = 1, *, handover: HandoverInfo | None = None) -> Meeting:
    """Floor Arabic; en interprets from the floor, fr takes relay from en; es gives the floor.

    es has no per-channel ``listeners`` (a hub extension, not in the contract).
    """
    return Meeting(
        id="m",
        title="Council",
        version=version,
        floor_language="ar",
        channels=(
            ChannelInfo(FLOOR, 1, None, "chair", listeners=4),
            ChannelInfo("en", 2, "en", "en1", listeners=2, booth="en", source=FLOOR),
            ChannelInfo("fr", 3, "fr", "fr1", listeners=1, booth="fr", source="en"),
            ChannelInfo("es", 4, "es", None, booth="es"),
        ),
        booths=(
            BoothInfo("en", ("en",), ("ar",), ("en1", "en2"), "en1", T0 - 65.0, handover),
            BoothInfo("fr", ("fr",), ("en",), ("fr1",), "fr1", T0 - 5.0),
            BoothInfo("es", ("es",), ("en",), ("es1",)),
        ),
        participants=(
            ParticipantInfo("chair", "Chair", "floor"),
            ParticipantInfo("en1", "Ana", "interpreter", "en", quality=Quality(40.0, 5.0, 0.0)),
            ParticipantInfo("en2", "Bo", "interpreter", "en", quality=Quality(300.0, 5.0, 0.0)),
            ParticipantInfo("fr1", "Cy", "interpreter", "fr", cough=True),
            ParticipantInfo("es1", "Di", "interpreter", "es", connected=False),
        ),
        listeners=7,
    )


ME = Me(id="coord", name="Coordinator", role="coordinator", ssrc=99)


def welcomed() -> CoordinatorModel:
    model = CoordinatorModel()
    model.apply(Welcomed(ME, meeting()), T0)
    return model


def test_channels_show_speaker_chain_quality_and_listeners() -> None:
    model = welcomed()
    model.apply(InputSwitched(0, "fr"), T0)
    view = model.view(T0)
    assert view.connection is Connection.CONNECTED and view.title == "Council"
    rows = {r.id: r for r in view.channels}
    assert rows["fr"].chain == (FLOOR, "en", "fr") and rows["fr"].end is ChainEnd.FLOOR
    assert rows["fr"].quality is RelayQuality.RELAY_OF_RELAY
    assert rows["en"].quality is RelayQuality.PIVOT
    assert (rows["fr"].speaker, rows["fr"].cough, rows["fr"].heard) == ("Cy", True, True)
    assert rows["es"].fallback and not rows[FLOOR].fallback
    assert [r.listeners for r in view.channels] == [4, 2, 1, 0]
    assert view.heard == "fr" and view.listeners == 7
    assert view.languages[:3] == ("en", "fr", "es") and "ar" in view.languages


def test_booths_show_live_member_turn_and_handover() -> None:
    model = welcomed()
    pending = HandoverInfo("en1", "en2", "offer", T0 - 2.0)
    model.apply(MeetingChanged(meeting(2, handover=pending)), T0)
    en, fr, es = model.view(T0).booths
    assert (en.live, en.channel, en.turn_s) == ("Ana", "en", 65.0)
    assert en.handover == ("offer", "Ana", "Bo")
    assert [m.name for m in en.members] == ["Ana", "Bo"] and en.members[0].live
    assert fr.turn_s == 5.0 and fr.handover is None
    assert es.live is None and es.turn_s is None and not es.members[0].connected


def test_participants_links_and_on_air() -> None:
    rows = {r.id: r for r in welcomed().view(T0).participants}
    assert not rows["en1"].poor and rows["en2"].poor, "a 300 ms ping is poor"
    assert rows["en1"].on_air == "en" and rows["en2"].on_air is None
    assert rows["fr1"].rtt_ms is None, "no report yet"


def test_signals_raise_alarms_and_messages_and_refusals_are_kept() -> None:
    model = welcomed()
    changes = model.apply(SignalReceived("fr1", "need_help", T0), T0 + 0.1)
    assert [type(c) for c in changes] == [Raised]
    assert changes[0].alarm.sentence() == "Cy (fr) needs help"
    model.apply(ChatReceived("en1", None, "coordinators", "relay is quiet", T0), T0)
    model.apply(HubError("forbidden", "no", "force_off", "Not allowed for your role: no"), T0)
    view = model.view(T0)
    assert [(m.sender, m.text) for m in view.messages] == [("Ana", "relay is quiet")]
    assert view.notices == ("Not allowed for your role: no",)
    assert model.holder("fr") == "fr1" and model.holder("es") is None


def test_the_floor_language_says_who_set_it_and_a_hub_restart_resetting_it_alarms() -> None:
    model = welcomed()
    view = model.view(T0)
    assert (view.floor_language, view.floor_language_set_by, view.alarms) == ("ar", None, ())
    set_by_chair = structs.replace(meeting(2), floor_language="fr", floor_language_set_by="chair")
    assert model.apply(MeetingChanged(set_by_chair), T0 + 1.0) == []
    view = model.view(T0 + 1.0)
    assert (view.floor_language, view.floor_language_set_by) == ("fr", "Chair")
    # The hub restarts: a new welcome with the meeting file's language, set by nobody.
    [raised] = model.apply(Welcomed(ME, meeting(1)), T0 + 5.0)
    assert isinstance(raised, Raised)
    alarm = raised.alarm
    assert (alarm.key, alarm.kind, alarm.since) == (
        "floor_language_reset",
        AlarmKind.FLOOR_LANGUAGE_RESET,
        T0 + 5.0,
    )
    assert alarm.sentence() == (
        "The hub restarted and the floor language went back to the meeting's default, ar: "
        "set it again if needed"
    )
    assert model.view(T0 + 5.0).floor_language_set_by is None
    # Further snapshots from the file's language neither repeat nor end it ...
    assert model.apply(MeetingChanged(meeting(2)), T0 + 6.0) == []
    assert model.view(T0 + 6.0).alarms == (alarm,)
    # ... setting the floor language again does.
    set_again = structs.replace(meeting(3), floor_language_set_by="chair")
    assert model.apply(MeetingChanged(set_again), T0 + 7.0) == [Cleared(alarm)]
    assert model.view(T0 + 7.0).floor_language_set_by == "Chair"
    # Reset again, and acknowledged: the alarm ends, and nothing raises it anew.
    [reset] = model.apply(MeetingChanged(meeting(4)), T0 + 8.0)
    assert isinstance(reset, Raised)
    seen = replace(reset.alarm, acknowledged=True)
    assert model.alarms.acknowledge(seen.key, T0 + 9.0) == [Acknowledged(seen), Cleared(seen)]
    assert model.apply(MeetingChanged(meeting(5)), T0 + 10.0) == []
    assert model.view(T0 + 10.0).alarms == ()

"""The console's view model, directly: every display rule from events, without Qt or a hub."""

from __future__ import annotations

import dataclasses
from typing import Any

import msgspec
import pytest

from audio.commands import (
    AirChanged,
    AutoRelayChanged,
    ChannelMetrics,
    ChatReceived,
    CommandRejected,
    Connecting,
    ConnectionFailed,
    Disconnected,
    DisconnectKind,
    FailureKind,
    ForcedOff,
    InputMetrics,
    InputSwitched,
    Level,
    LinkMetrics,
    Meeting,
    MeetingChanged,
    Metrics,
    MicMetrics,
    OutputMetrics,
    PlayoutCounts,
    Priority,
    ProtectionAlert,
    Reconnected,
    ReconnectGaveUp,
    Reconnecting,
    TimingMetrics,
    Welcomed,
)
from audio.protection import Layer, ProtectionMetrics
from audio.quality import Issue, QualityReport
from channels.session import Me
from console.interpreter.model import Air, Severity, Source, ViewModel
from console.interpreter.widgets.inputpanel import (
    audience_text,
    channel_row,
    quality_explained,
    relay_text,
)
from console.shell.model import MAX_MESSAGES, SILENT_DBFS, Connection
from relay.graph import Quality

T0 = 1_800_000_000.0
ME = Me(id="zh1", name="Li", role="interpreter", ssrc=11, booth="zh")


def meeting(version: int = 1, **changes: Any) -> Meeting:
    """Floor, en, fr, zh; booths en, fr and bi-active zh (zh, en); zh1 and zh2 in zh."""
    data: dict[str, Any] = {
        "id": "m",
        "version": version,
        "title": "Test",
        "floor_language": "en",
        "channels": [
            {"id": "floor", "ssrc": 1, "language": None},
            {"id": "en", "ssrc": 2, "language": "en"},
            {"id": "fr", "ssrc": 3, "language": "fr"},
            {"id": "zh", "ssrc": 4, "language": "zh"},
        ],
        "booths": [
            {"id": "en", "outputs": ["en"], "languages": ["fr", "zh"], "members": ["en1"]},
            {"id": "fr", "outputs": ["fr"], "languages": ["en"], "members": ["fr1"]},
            {"id": "zh", "outputs": ["zh", "en"], "languages": ["fr", "en"],
             "members": ["zh1", "zh2"]},
        ],
        "participants": [
            {"id": "zh1", "name": "Li", "role": "interpreter", "booth": "zh"},
            {"id": "zh2", "name": "Wang", "role": "interpreter", "booth": "zh"},
            {"id": "en1", "name": "Ann", "role": "interpreter", "booth": "en"},
            {"id": "fr1", "name": "Luc", "role": "interpreter", "booth": "fr"},
        ],
    }  # fmt: skip
    for key, value in changes.items():
        data[key] = value
    return msgspec.convert(data, Meeting)


def on_air(base: Meeting, who: str, channel: str, source: str = "floor", **booth: Any) -> Meeting:
    """``base`` with ``who`` on ``channel`` (listening to ``source``), one version later."""
    data = msgspec.to_builtins(base)
    data["version"] += 1
    for ch in data["channels"]:
        if ch["id"] == channel:
            ch["on_air"], ch["source"] = who, source
    holder = next(p for p in data["participants"] if p["id"] == who)
    holder["on_air"], holder["listening"] = channel, [source]
    for b in data["booths"]:
        if b["id"] == holder["booth"]:
            b["live"] = who
            b.update(booth)
    return msgspec.convert(data, Meeting)


def welcomed(m: Meeting | None = None) -> ViewModel:
    model = ViewModel()
    model.apply(Welcomed(ME, m or meeting()), T0)
    return model


def level(dbfs: float) -> Level:
    return Level(dbfs, dbfs, dbfs - 3, False)


def metrics(
    *,
    inputs: tuple[InputMetrics, ...] = (),
    channels: tuple[ChannelMetrics, ...] = (),
    rtt: float | None = 20.0,
    jitter: float = 2.0,
    loss: float = 0.0,
    reduction: float = 0.0,
    active: Layer = Layer.NONE,
) -> Metrics:
    protection = ProtectionMetrics(reduction, active, active, 70.0, 70.0, 0.0, 0.0, 0.0, {}, 0)
    return Metrics(
        at=1.0,
        inputs=inputs,
        channels=channels,
        output=OutputMetrics(level(-20), level(-21), protection),
        mic=MicMetrics(level(-30), None, False, False, 0, 0),
        link=LinkMetrics(True, "zh1", rtt, jitter, loss, 20.0, 1, 10, 0, 0),
        timing=TimingMetrics(1.0, 1.0, 10, 10, 0, 0, 3.0, 10, 0),
    )


def strip(index: int, channel: str | None, dbfs: float = -18.0, issues: tuple[Issue, ...] = ()):
    quality = QualityReport(None, 0.0, None, None, None, None, True, 2.0, issues)
    return InputMetrics(
        index, channel, None, None, 0.7, "both", level(dbfs), -23.0, -23.0, None, quality
    )


def heard(channel: str, silent_s: float | None = 0.02, dbov: int | None = 20) -> ChannelMetrics:
    return ChannelMetrics(channel, True, 100, dbov, True, None, silent_s, 5.0, 20.0, 0, 0, 0)


def test_nothing_before_a_meeting() -> None:
    view = ViewModel().view(T0)
    assert view.connection is Connection.OFFLINE
    assert view.air is Air.OFF and view.outputs == () and view.channels == ()
    assert view.link is None and view.meters.floor.peak_dbfs == SILENT_DBFS


def test_connection_states() -> None:
    model = ViewModel()
    model.apply(Connecting("ws://hub/v1"), T0)
    assert model.view(T0).connection is Connection.CONNECTING
    model.apply(ConnectionFailed(FailureKind.TOKEN_REFUSED, "the hub refused the token"), T0)
    view = model.view(T0)
    assert view.connection is Connection.FAILED
    assert view.connection_text == "the hub refused the token"
    model.apply(Welcomed(ME, meeting()), T0)
    assert model.view(T0).connection is Connection.CONNECTED
    model.apply(Disconnected(DisconnectKind.LOST, "lost", None, True), T0)
    assert model.view(T0).connection is Connection.LOST
    model.apply(Disconnected(DisconnectKind.REPLACED, "elsewhere", 4409, False), T0)
    assert model.view(T0).connection is Connection.FAILED


def test_air_states_follow_the_engine_and_the_hub() -> None:
    model = welcomed()
    model.apply(AirChanged("zh", True, False), T0)
    assert model.air() is Air.TAKING  # sending on trust, the hub has not confirmed
    model.apply(MeetingChanged(on_air(meeting(), "zh1", "zh")), T0)
    assert model.air() is Air.ON
    model.apply(AirChanged("zh", False, True), T0)
    assert model.air() is Air.COUGH
    model.apply(AirChanged(None, False, False), T0)
    assert model.air() is Air.OFF
    assert model.view(T0).air_channel is None


def test_outputs_letters_selection_and_engaged() -> None:
    model = welcomed()
    view = model.view(T0)
    assert [(o.letter, o.channel, o.selected) for o in view.outputs] == [
        ("A", "zh", True),
        ("B", "en", False),
    ]
    model.apply(MeetingChanged(on_air(meeting(), "en1", "en")), T0)
    b = model.view(T0).outputs[1]
    assert b.engaged_by == "Ann" and not b.ours  # another booth speaks on our B channel
    model.settings.output_index = 1
    assert model.output_channel() == "en"
    model.apply(MeetingChanged(on_air(meeting(3), "zh2", "zh")), T0)
    a = model.view(T0).outputs[0]
    assert a.ours and a.engaged_by is None  # our partner is no "engaged"


def test_relay_choices_default_and_quality() -> None:
    model = welcomed()
    assert model.relay_choices() == ("fr",)  # not the floor, not our own outputs
    assert model.default_relay() == "fr"  # the booth's first language that has a channel
    assert model.settings.relay_channel == "fr"
    m = on_air(meeting(), "fr1", "fr")  # fr interprets the floor: "+"
    m = on_air(m, "en1", "en", source="fr")  # en interprets fr: relay of relay, "minus"
    model.apply(MeetingChanged(m), T0)
    marks = {mark.id: mark for mark in model.view(T0).channels}
    assert marks["floor"].quality is Quality.FLOOR
    assert marks["fr"].quality is Quality.PIVOT and marks["fr"].on_air == "Luc"
    assert marks["en"].quality is Quality.RELAY_OF_RELAY
    model.apply(InputSwitched(1, "fr"), T0)
    view = model.view(T0)
    assert view.source_channel == "fr" and view.source_quality is Quality.PIVOT


def test_heard_prefers_the_relay_input() -> None:
    model = welcomed()
    model.apply(InputSwitched(0, "floor"), T0)
    assert model.heard() == "floor"
    model.apply(InputSwitched(1, "fr"), T0)
    model.apply(InputSwitched(0, None), T0)
    assert model.heard() == "fr"


def test_auto_relay_state_and_reason() -> None:
    model = welcomed()
    model.apply(AutoRelayChanged(1, "fr", True, "floor: Russian → relay from French (+)", None), T0)
    view = model.view(T0)
    assert view.auto and "relay from French" in view.auto_reason
    model.apply(AutoRelayChanged(1, "fr", False, "manual", None), T0)
    view = model.view(T0)
    assert not view.auto and view.auto_reason == ""


def test_live_and_silent_marks_and_meters() -> None:
    model = welcomed()
    model.apply(
        metrics(
            inputs=(strip(0, "floor", -12.0),),
            channels=(heard("floor"), heard("fr", silent_s=3.0, dbov=30)),
            reduction=4.0,
            active=Layer.SUSTAINED,
        ),
        T0,
    )
    view = model.view(T0)
    marks = {m.id: m.live for m in view.channels}
    assert marks == {"floor": True, "en": False, "fr": False, "zh": False}
    assert view.meters.floor.peak_dbfs == -12.0  # decoded level of the input that plays it
    assert view.meters.relay.peak_dbfs == SILENT_DBFS  # fr silent for 3 s
    assert view.meters.limiting_db == 4.0 and view.meters.limiter == Layer.SUSTAINED
    model.apply(metrics(channels=(heard("fr", dbov=25),)), T0)
    assert model.view(T0).meters.relay.peak_dbfs == -25.0  # from RFC 6464, not decoded


def test_floor_issues_come_with_their_reasons() -> None:
    model = welcomed()
    issue = Issue("band_limited", "the floor's sound stops at 3.4 kHz")
    model.apply(metrics(inputs=(strip(0, "floor", issues=(issue,)),)), T0)
    view = model.view(T0)
    assert view.floor_issues == ("the floor's sound stops at 3.4 kHz",)
    assert view.floor_issue_codes == ("band_limited",)
    model.apply(metrics(inputs=(strip(1, "fr", issues=(issue,)),)), T0)
    assert model.view(T0).floor_issues == ()  # a relay's sound is not the floor's


@pytest.mark.parametrize(
    ("rtt", "jitter", "loss", "poor"),
    [(20.0, 2.0, 0.0, False), (300.0, 2.0, 0.0, True), (20.0, 40.0, 0.0, True),
     (20.0, 2.0, 0.05, True), (None, 2.0, 0.0, False)],
)  # fmt: skip
def test_link_quality(rtt: float | None, jitter: float, loss: float, poor: bool) -> None:
    model = welcomed()
    model.apply(metrics(rtt=rtt, jitter=jitter, loss=loss), T0)
    link = model.view(T0).link
    assert link is not None and link.poor is poor and link.rtt_ms == rtt


def test_link_counts_playout_events_and_says_the_priority() -> None:
    model = welcomed()
    m = metrics()
    m = dataclasses.replace(
        m,
        link=dataclasses.replace(m.link, playout=PlayoutCounts(1, 20, 30, 2, 3)),
        timing=dataclasses.replace(
            m.timing, playback_underruns=4, playback_gaps=2, priority=Priority.NORMAL
        ),
    )
    model.apply(m, T0)
    link = model.view(T0).link
    assert link is not None and link.priority is Priority.NORMAL
    # The sound card's gaps too: 4 blocks missed, in 2 runs, are 2 breaks heard.
    assert link.playout == PlayoutCounts(1, 20, 30, 2, 3 + 2)


def test_handover_buttons_partner_and_turn_timer() -> None:
    model = welcomed()
    view = model.view(T0)
    assert [(p.name, p.live) for p in view.partners] == [("Wang", False)]
    h = view.handover
    assert not (h.can_offer or h.can_request or h.can_accept or h.can_cancel)
    model.apply(MeetingChanged(on_air(meeting(), "zh1", "zh", live_since=T0 - 90)), T0)
    h = model.view(T0).handover
    assert h.can_offer and not h.can_request and h.turn_s == 90.0
    offer = {"from": "zh1", "to": "zh2", "action": "offer", "since": T0}
    model.apply(MeetingChanged(on_air(meeting(3), "zh1", "zh", handover=offer)), T0)
    h = model.view(T0).handover
    assert (h.pending, h.from_me, h.other, h.can_cancel, h.can_offer) == (
        "offer", True, "Wang", True, False,
    )  # fmt: skip
    request = {"from": "zh1", "to": "zh2", "action": "request", "since": T0}
    model.apply(MeetingChanged(on_air(meeting(5), "zh2", "zh", handover=request)), T0)
    h = model.view(T0).handover
    assert h.can_cancel and not h.can_accept
    asked = {"from": "zh2", "to": "zh1", "action": "request", "since": T0}
    model.apply(MeetingChanged(on_air(meeting(7), "zh1", "zh", handover=asked)), T0)
    h = model.view(T0).handover
    assert h.to_me and h.can_accept and h.other == "Wang" and not h.can_cancel


def test_messages_unread_and_read() -> None:
    model = welcomed()
    model.apply(ChatReceived("zh2", "Wang", "booth", "water?", T0), T0)
    model.apply(ChatReceived("zh1", "Li", "booth", "yes", T0 + 1), T0)  # the hub's echo of ours
    view = model.view(T0)
    assert view.unread == 1 and [m.mine for m in view.messages] == [False, True]
    model.mark_read()
    assert model.view(T0).unread == 0
    for i in range(MAX_MESSAGES + 5):
        model.apply(ChatReceived("zh2", "Wang", "booth", str(i), T0), T0)
    view = model.view(T0)
    assert len(view.messages) == MAX_MESSAGES and view.message_count == MAX_MESSAGES + 7
    assert view.messages[-1].text == str(MAX_MESSAGES + 4)


def test_notices_and_their_severity() -> None:
    model = welcomed()
    model.apply(CommandRejected(object(), "not connected to a meeting"), T0)
    model.apply(ForcedOff("coord"), T0)
    model.apply(ProtectionAlert("howl_start", 1000.0, "feedback howl at 1000 Hz"), T0)
    model.apply(ProtectionAlert("howl_end", 0.0, "the feedback howl has stopped"), T0)
    kinds = [(n.severity, n.text, n.params) for n in model.view(T0).notices]
    assert kinds == [
        (Severity.WARNING, "not connected to a meeting", ()),
        (Severity.ALARM, "forced_off", ()),
        (Severity.ALARM, "protection", ("howl_start", "1000.0")),  # worded by the window
        (Severity.INFO, "protection", ("howl_end", "0.0")),
    ]


def test_local_choices_show_in_the_view() -> None:
    model = welcomed()
    s = model.settings
    s.source, s.volume, s.bass_db, s.relay_ear = Source.RELAY, 0.9, 3.0, "left"
    view = model.view(T0)
    assert (view.source, view.volume, view.bass_db, view.relay_ear) == (
        Source.RELAY, 0.9, 3.0, "left",
    )  # fmt: skip


def test_reconnection_is_shown_as_it_happens() -> None:
    model = welcomed(on_air(meeting(), "zh1", "zh"))
    model.apply(AirChanged("zh", True, False), T0)
    model.apply(Disconnected(DisconnectKind.LOST, "the connection was lost", None, True), T0)
    model.apply(Reconnecting(1, 0.5, "the connection was lost"), T0)
    model.apply(Connecting("ws://hub/v1"), T0)
    model.apply(Reconnecting(2, 1.0, "the hub is unreachable"), T0 + 1)
    view = model.view(T0 + 1)
    assert view.connection is Connection.RECONNECTING and view.air is Air.OFF
    assert (view.reconnect_attempt, view.connection_text) == (2, "the hub is unreachable")
    model.apply(Reconnected(2, 1.5, ("floor", "fr"), True, "zh"), T0 + 2)
    view = model.view(T0 + 2)
    assert view.connection is Connection.CONNECTED
    assert [(n.severity, n.text, n.params) for n in view.notices[-2:]] == [
        (Severity.INFO, "restored", ("FLOOR, FR",)),
        (Severity.ALARM, "air_lost", ("ZH",)),
    ]
    model.apply(ReconnectGaveUp("token_refused", "the hub no longer accepts your token"), T0)
    view = model.view(T0)
    assert view.connection is Connection.FAILED and "token" in view.connection_text


def with_counts(m: Meeting, **listeners: int) -> Meeting:
    """``m`` with the hub's listener count of each channel named."""
    data = msgspec.to_builtins(m)
    for ch in data["channels"]:
        ch["listeners"] = listeners.get(ch["id"], 0)
    return msgspec.convert(data, Meeting)


def test_channels_show_the_hubs_state_and_a_live_mark_only_where_heard() -> None:
    m = on_air(on_air(meeting(), "fr1", "fr"), "en1", "en", source="fr")
    model = welcomed(with_counts(m, en=3, fr=12, zh=5))
    model.apply(metrics(channels=(heard("floor"), heard("zh", silent_s=3.0))), T0)
    view = model.view(T0)
    marks = {mark.id: mark for mark in view.channels}
    fr, en, zh, floor = marks["fr"], marks["en"], marks["zh"], marks["floor"]
    assert (fr.heard, fr.live, fr.on_air, fr.source, fr.listeners) == (
        False, False, "Luc", "floor", 12,
    )  # fmt: skip
    assert (zh.heard, zh.live, zh.on_air, zh.own) == (True, False, None, True)
    assert (floor.heard, floor.live) == (True, True)
    assert en.own and en.source == "fr"
    assert view.audience == 5, "the audience of the selected output (A: zh)"
    assert channel_row(fr, "en") == ("French", "on air: Luc (not listening) · 12 listening")
    assert channel_row(zh, "en") == (
        "Chinese",
        "silent · nobody on air, carries the floor · 5 listening · your output",
    )
    assert channel_row(floor, "en") == ("Floor (English)", "live · nobody on air")
    assert relay_text(fr, marks) == "French — relay, interpreted from the floor"
    assert relay_text(en, marks) == "English — relay of relay, interpreted from French"
    assert relay_text(zh, marks) == "Chinese — nobody on air, carries the floor"
    assert "one interpretation away from the floor" in quality_explained(fr.quality)
    assert "two or more interpretations" in quality_explained(en.quality)
    assert audience_text(view) == "Your output, Chinese: 5 listening"
    model.apply(MeetingChanged(m), T0)  # a backend that does not count
    view = model.view(T0)
    assert view.audience is None and audience_text(view) == ""
    assert channel_row(view.channels[2], "en")[1] == "on air: Luc (not listening)"


def test_floor_and_relay_in_an_ear_each_are_split() -> None:
    model = welcomed()
    assert not model.view(T0).split_ears
    model.settings.floor_ear, model.settings.relay_ear = "left", "right"
    assert model.view(T0).split_ears
    model.settings.relay_ear = "both"
    assert not model.view(T0).split_ears
    model.apply(InputSwitched(0, "floor"), T0)
    model.apply(InputSwitched(1, "fr"), T0)
    assert model.view(T0).together

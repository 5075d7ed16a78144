"""The coordinator's alarms (console/coordinator/alarms.py): each starts, is raised once, ends.

A meeting of three booths (en, fr, de) is described in a line (who is on air where, who is
connected), levels are what the engine's metrics carry (RFC 6464 level of the last packet and
its age), and time is a number the test moves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from audio.commands import ChannelMetrics, Meeting
from channels.meeting import FLOOR
from channels.session import BoothInfo, ChannelInfo, ParticipantInfo
from console.coordinator.alarms import (
    SIGNAL_TEXTS,
    TEXTS,
    Acknowledged,
    AlarmKind,
    Alarms,
    Change,
    Cleared,
    Raised,
)

BOOTHS = ("en", "fr", "de")
T0 = 1_800_000_000.0


def meeting(
    air: Mapping[str, str] | None = None,
    *,
    down: Iterable[str] = (),
    floor: bool = True,
    live_since: Mapping[str, float] | None = None,
    version: int = 1,
) -> Meeting:
    """``air``: channel -> interpreter on it (``en1``, ``fr2``...); ``down``: not connected."""
    air = air or {}
    down = set(down)
    since = live_since or {}
    channels = [ChannelInfo(FLOOR, 1, None, "chair" if floor else None)]
    channels += [ChannelInfo(b, i + 2, b, air.get(b), booth=b) for i, b in enumerate(BOOTHS)]
    booths = []
    people = [ParticipantInfo("chair", "Chair", "floor")]
    for b in BOOTHS:
        members = (f"{b}1", f"{b}2")
        live = next((m for m in members if m in air.values()), None)
        booths.append(
            BoothInfo(b, (b,), ("en",), members, live, since.get(b) if live else None, None)
        )
        people += [
            ParticipantInfo(m, m.upper(), "interpreter", b, connected=m not in down)
            for m in members
        ]
    return Meeting(
        id="m",
        title="M",
        version=version,
        floor_language="en",
        channels=tuple(channels),
        booths=tuple(booths),
        participants=tuple(people),
    )


def level(channel: str, dbov: int | None = 20, age_s: float | None = 0.02) -> ChannelMetrics:
    return ChannelMetrics(channel, False, 100, dbov, True, None, age_s, 20.0, 40.0, 0, 0, 0)


def sound(*channels: str) -> list[ChannelMetrics]:
    """Levels of every channel: those named speak, the others are quiet (-90 dBov)."""
    return [level(ch, 20 if ch in channels else 90) for ch in (FLOOR, *BOOTHS)]


def raised(changes: list[Change]) -> list[str]:
    return [c.alarm.key for c in changes if isinstance(c, Raised)]


def cleared(changes: list[Change]) -> list[str]:
    return [c.alarm.key for c in changes if isinstance(c, Cleared)]


def run_levels(a: Alarms, start: float, end: float, speaking: tuple[str, ...]) -> list[Change]:
    """Ten level reports a second from ``start`` to ``end``."""
    changes: list[Change] = []
    t = start
    while t <= end + 1e-9:
        changes += a.levels(sound(*speaking), t)
        t = round(t + 0.1, 3)
    return changes


def test_a_channel_on_air_silent_while_the_floor_speaks_is_raised_once_then_cleared() -> None:
    a = Alarms()
    assert a.meeting(meeting({"fr": "fr1"}), T0) == []
    early = run_levels(a, T0, T0 + 9.8, (FLOOR,))
    assert early == [], "under 10 s: nothing yet"
    changes = run_levels(a, T0 + 9.9, T0 + 15.0, (FLOOR,))
    assert raised(changes) == ["channel_silent:fr"], "raised once, not once per report"
    alarm = a.active[0]
    assert alarm.kind is AlarmKind.CHANNEL_SILENT and alarm.subject == "fr"
    assert alarm.sentence() == (
        "fr: FR1 (fr) is on air, but nothing has been heard for 10 s while the floor speaks"
    )
    # The floor pauses: the alarm stays (no flapping); the channel speaks: it ends.
    assert run_levels(a, T0 + 15.1, T0 + 20.0, ()) == []
    assert cleared(a.levels(sound("fr"), T0 + 20.1)) == ["channel_silent:fr"]
    assert not a.active


def test_a_silent_channel_is_not_an_alarm_while_the_floor_is_silent_too() -> None:
    a = Alarms()
    a.meeting(meeting({"fr": "fr1"}), T0)
    assert raised(run_levels(a, T0, T0 + 20.0, ())) == [], "nobody speaks: nothing to interpret"
    assert raised(run_levels(a, T0 + 20.1, T0 + 21.0, (FLOOR,))) == ["channel_silent:fr"]


def test_the_silence_counts_from_taking_the_air_and_ends_with_it() -> None:
    a = Alarms()
    a.meeting(meeting(), T0)
    run_levels(a, T0, T0 + 8.0, (FLOOR,))
    a.meeting(meeting({"de": "de2"}, version=2), T0 + 8.0)
    assert raised(run_levels(a, T0 + 8.1, T0 + 17.9, (FLOOR,))) == [], "on air for under 10 s"
    assert raised(run_levels(a, T0 + 18.0, T0 + 18.2, (FLOOR,))) == ["channel_silent:de"]
    assert cleared(a.meeting(meeting(version=3), T0 + 18.3)) == ["channel_silent:de"]


def test_no_levels_no_claim_of_silence() -> None:
    a = Alarms()
    a.meeting(meeting({"fr": "fr1"}), T0)
    run_levels(a, T0, T0 + 5.0, (FLOOR,))
    assert a.tick(T0 + 60.0) == [], "levels stopped arriving: silence is not judged"
    changes = a.levels([level(FLOOR)], T0 + 61.0)
    assert changes == [], "fr has no figures at all, and the watch starts again"


def test_a_quiet_or_old_packet_is_no_sound() -> None:
    a = Alarms()
    a.meeting(meeting({"fr": "fr1"}), T0)
    t = T0
    while t < T0 + 11.0:  # fr: loud packets, but the last one is a second old
        a.levels([level(FLOOR), level("fr", 10, age_s=1.0)], t)
        t += 0.1
    assert [x.key for x in a.active] == ["channel_silent:fr"]
    a.levels([level(FLOOR), level("fr", None, age_s=0.01)], t)
    assert a.active == (), "a fresh packet without a level counts as sound"


def test_the_floor_silent_for_30_s_and_who_is_on_the_floor() -> None:
    a = Alarms()
    a.meeting(meeting(), T0)
    assert raised(run_levels(a, T0, T0 + 29.9, ())) == []
    changes = run_levels(a, T0 + 30.0, T0 + 31.0, ())
    assert raised(changes) == ["floor_silent"]
    assert a.active[0].sentence() == "The floor has been silent for 30 s"
    assert cleared(a.levels(sound(FLOOR), T0 + 31.1)) == ["floor_silent"]
    a.meeting(meeting(floor=False, version=2), T0 + 32.0)
    run_levels(a, T0 + 32.0, T0 + 62.0, ())
    assert a.active[0].sentence() == (
        "The floor has been silent for 30 s: no floor source is on air"
    )


def test_a_live_interpreter_who_disconnects() -> None:
    a = Alarms()
    a.meeting(meeting({"fr": "fr1"}), T0)
    # The hub releases the air at once: the snapshot shows fr1 gone and fr in fallback.
    changes = a.meeting(meeting({}, down=["fr1"], version=2), T0 + 1.0)
    assert raised(changes) == ["interpreter_lost:fr1"]
    assert a.active[0].sentence() == "FR1 (fr) lost the connection while on air on fr"
    assert a.meeting(meeting({"fr": "fr2"}, down=["fr1"], version=3), T0 + 2.0) == [], (
        "the partner covering does not bring fr1 back"
    )
    assert cleared(a.meeting(meeting({"fr": "fr2"}, version=4), T0 + 5.0)) == [
        "interpreter_lost:fr1"
    ]


def test_an_interpreter_off_air_who_disconnects_is_no_alarm() -> None:
    a = Alarms()
    a.meeting(meeting({"fr": "fr1"}), T0)
    assert a.meeting(meeting({"fr": "fr1"}, down=["fr2"], version=2), T0 + 1.0) == []


def test_a_lost_interpreter_the_hub_lets_go_is_cleared() -> None:
    a = Alarms()
    a.meeting(meeting({"en": "en1"}), T0)
    a.meeting(meeting({}, down=["en1"], version=2), T0 + 1.0)
    gone = meeting(version=3)
    gone = msgspec.structs.replace(
        gone, participants=tuple(x for x in gone.participants if x.id != "en1")
    )
    assert cleared(a.meeting(gone, T0 + 31.0)) == ["interpreter_lost:en1"]


def with_gateway(base: Meeting, *, connected: bool, platform: str | None = "janus") -> Meeting:
    """``base`` with a gateway serving ``platform``, on the floor while ``connected``."""
    gateway = ParticipantInfo("gw", "Bridge", "gateway", connected=connected, platform=platform)
    floor = ChannelInfo(FLOOR, 1, None, "gw" if connected else None)
    return msgspec.structs.replace(
        base,
        channels=(floor, *base.channels[1:]),
        participants=(*base.participants, gateway),
    )


def test_a_gateway_that_disconnects_is_an_alarm_until_it_is_back_or_gone() -> None:
    a = Alarms()
    assert a.meeting(with_gateway(meeting(), connected=True), T0) == []
    changes = a.meeting(with_gateway(meeting(version=2), connected=False), T0 + 1.0)
    assert raised(changes) == ["gateway_lost:gw"]
    alarm = a.active[0]
    assert alarm.kind is AlarmKind.GATEWAY_LOST and alarm.subject == "gw"
    assert alarm.sentence() == ("The Janus gateway is disconnected: the floor from Janus is silent")
    assert a.meeting(with_gateway(meeting(version=3), connected=False), T0 + 2.0) == []
    back = a.meeting(with_gateway(meeting(version=4), connected=True), T0 + 3.0)
    assert cleared(back) == ["gateway_lost:gw"]
    a.meeting(with_gateway(meeting(version=5), connected=False), T0 + 4.0)
    assert cleared(a.meeting(meeting(version=6), T0 + 5.0)) == ["gateway_lost:gw"], "gone"


def test_a_gateway_that_named_no_platform_is_called_by_its_name() -> None:
    a = Alarms()
    a.meeting(with_gateway(meeting(), connected=False, platform=None), T0)
    assert a.active[0].sentence() == (
        "The Bridge gateway is disconnected: the floor from Bridge is silent"
    )


def test_signals_are_raised_once_counted_and_end_when_acknowledged_or_stale() -> None:
    a = Alarms()
    a.meeting(meeting({"fr": "fr1"}), T0)
    assert raised(a.signal("fr1", "slow_down", T0 + 1.0)) == ["signal:fr1:slow_down"]
    assert a.signal("fr1", "slow_down", T0 + 2.0) == [], "the same request again: counted"
    assert a.active[0].count == 2
    assert a.active[0].sentence() == "FR1 (fr) asks the speaker to slow down"
    ack = a.acknowledge("signal:fr1:slow_down", T0 + 3.0)
    assert [type(c) for c in ack] == [Acknowledged, Cleared]
    assert not a.active
    assert raised(a.signal("fr1", "slow_down", T0 + 4.0)) == ["signal:fr1:slow_down"], (
        "asked again after an answer: a new request"
    )
    assert raised(a.signal("listener-7", "no_sound", T0 + 5.0)) == ["signal:listener-7:no_sound"]
    assert a.active[-1].sentence() == "listener-7 has no sound"
    assert cleared(a.tick(T0 + 4.0 + 301.0)) == ["signal:fr1:slow_down"]
    assert cleared(a.tick(T0 + 5.0 + 301.0)) == ["signal:listener-7:no_sound"]


def test_a_turn_over_30_minutes() -> None:
    a = Alarms()
    start = T0
    a.meeting(meeting({"de": "de1"}, live_since={"de": start}), start + 10.0)
    assert a.tick(start + 1800.0) == []
    changes = a.tick(start + 1800.5)
    assert [c.alarm.kind for c in changes] == [AlarmKind.LONG_TURN]
    assert changes[0].alarm.sentence() == (
        "DE1 (de) has been on air for over 30 minutes: time to hand over"
    )
    assert a.tick(start + 2400.0) == []
    handed = a.meeting(
        meeting({"de": "de2"}, live_since={"de": start + 2400.0}, version=2), start + 2400.0
    )
    assert [c.alarm.kind for c in handed] == [AlarmKind.LONG_TURN]
    assert isinstance(handed[0], Cleared)


def test_a_turn_without_live_since_counts_from_when_it_was_seen() -> None:
    a = Alarms()
    a.meeting(meeting({"en": "en2"}), T0)
    assert a.tick(T0 + 1799.0) == []
    assert [c.alarm.subject for c in a.tick(T0 + 1801.0)] == ["en"]


def test_acknowledging_keeps_a_condition_listed_until_it_ends() -> None:
    a = Alarms()
    a.meeting(meeting(), T0)
    run_levels(a, T0, T0 + 31.0, ())
    [alarm] = a.active
    changes = a.acknowledge(alarm.key, T0 + 32.0)
    assert [type(c) for c in changes] == [Acknowledged]
    assert a.active[0].acknowledged and a.unacknowledged() == ()
    assert a.acknowledge(alarm.key, T0 + 33.0) == [], "once"
    assert a.acknowledge("no-such-alarm", T0 + 33.0) == []
    assert run_levels(a, T0 + 33.0, T0 + 40.0, ()) == [], "not raised again while it lasts"
    assert cleared(a.levels(sound(FLOOR), T0 + 40.1)) == [alarm.key]


def test_acknowledge_all() -> None:
    a = Alarms()
    a.meeting(meeting(), T0)
    a.signal("en1", "need_help", T0)
    a.signal("de1", "poor_sound", T0)
    run_levels(a, T0, T0 + 31.0, ())
    a.acknowledge_all(T0 + 32.0)
    assert [x.key for x in a.active] == ["floor_silent"], "signals answered, the floor lasts"
    assert a.unacknowledged() == ()


def test_every_template_has_its_fields_and_a_translation_is_used() -> None:
    a = Alarms()
    a.meeting(meeting({"fr": "fr1"}), T0)
    for kind in SIGNAL_TEXTS:
        a.signal("fr1", kind, T0)
    sentences = [x.sentence(lambda s: s.replace("asks the speaker", "demande")) for x in a.active]
    assert sentences[0] == "FR1 (fr) demande to slow down"
    assert len(sentences) == len(SIGNAL_TEXTS)
    assert set(SIGNAL_TEXTS.values()) <= set(TEXTS.values())


# --- Properties over random histories -------------------------------------------------------

steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("meeting"),
            st.dictionaries(st.sampled_from(BOOTHS), st.sampled_from(("1", "2")), max_size=3),
            st.sets(st.sampled_from([f"{b}{n}" for b in BOOTHS for n in "12"]), max_size=3),
            st.booleans(),
        ),
        st.tuples(st.just("levels"), st.sets(st.sampled_from((FLOOR, *BOOTHS))), st.none()),
        st.tuples(
            st.just("signal"),
            st.sampled_from(("en1", "fr2", "listener-1")),
            st.sampled_from(tuple(SIGNAL_TEXTS)),
        ),
        st.tuples(st.just("ack"), st.integers(0, 5), st.none()),
        st.tuples(st.just("wait"), st.floats(0.1, 700.0), st.none()),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(steps)
def test_raised_and_cleared_alternate_and_the_active_set_follows(
    history: list[tuple[Any, ...]],
) -> None:
    a = Alarms()
    now = T0
    version = 0
    open_keys: set[str] = set()
    for step in history:
        kind = step[0]
        if kind == "meeting":
            version += 1
            air = {b: f"{b}{n}" for b, n in step[1].items()}
            changes = a.meeting(
                meeting(air, down=step[2], floor=step[3], live_since={}, version=version), now
            )
        elif kind == "levels":
            changes = a.levels(sound(*step[1]), now)
        elif kind == "signal":
            changes = a.signal(step[1], step[2], now)
        elif kind == "ack":
            active = a.active
            key = active[step[1] % len(active)].key if active else "none"
            changes = a.acknowledge(key, now)
        else:
            now += step[1]
            changes = a.tick(now)
        for change in changes:
            key = change.alarm.key
            if isinstance(change, Raised):
                assert key not in open_keys, f"{key} raised twice"
                assert change.alarm.since == now and not change.alarm.acknowledged
                open_keys.add(key)
            elif isinstance(change, Cleared):
                assert key in open_keys, f"{key} cleared but not raised"
                open_keys.discard(key)
            else:
                assert key in open_keys and change.alarm.acknowledged
            assert change.alarm.sentence(), "every alarm has a sentence"
        assert {x.key for x in a.active} == open_keys
        assert all(x.text in TEXTS.values() for x in a.active)

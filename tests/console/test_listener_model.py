"""The listener's model (console/listener/model.py), from engine events alone: no window.

What the banner says (choose, hearing, the floor given on the channel, a lost connection),
which channel a welcome chooses, and the meter of what is heard.
"""

from __future__ import annotations

from audio.commands import InputSwitched, MeetingChanged, Welcomed
from channels.meeting import FLOOR
from channels.session import (
    ChannelInfo,
    ConnectionFailed,
    Disconnected,
    DisconnectKind,
    FailureKind,
    Me,
    Meeting,
)
from console.listener.model import (
    Banner,
    ChannelChoice,
    ListenerModel,
    gives_floor,
    preferred_channel,
)
from console.shell.model import LISTEN_INPUT, QUIET_METER
from tests.console.test_viewmodel import metrics, strip

ME = Me(id="l1", name="Listener", role="listener", ssrc=21)


def meeting(version: int = 1, fr_on_air: str | None = "fr1") -> Meeting:
    """The floor, en (interpreted) and fr (interpreted by ``fr_on_air``; None: the floor)."""
    return Meeting(
        id="m",
        title="Council",
        version=version,
        channels=(
            ChannelInfo(FLOOR, 1, None, "chair"),
            ChannelInfo("en", 2, "en", "en1", booth="en", source=FLOOR),
            ChannelInfo("fr", 3, "fr", fr_on_air, booth="fr", source=FLOOR),
        ),
    )


def test_nothing_before_a_welcome() -> None:
    model = ListenerModel(language="fr_FR")
    view = model.view()
    assert (view.title, view.channels, view.heard) == ("", (), None)
    assert view.banner is Banner.CHOOSE and view.meter == QUIET_METER
    assert model.choice() is None and model.channel_ids() == ()


def test_a_welcome_chooses_the_user_language_then_keeps_what_is_heard() -> None:
    model = ListenerModel(language="fr_FR")
    model.apply(Welcomed(ME, meeting()))
    assert model.channel_ids() == (FLOOR, "en", "fr") and model.choice() == "fr"
    model.apply(InputSwitched(LISTEN_INPUT, "en"))
    model.apply(Welcomed(ME, meeting(2)))
    assert model.choice() == "en", "a reconnection keeps the channel heard"
    assert preferred_channel(meeting(), "de_DE") == FLOOR, "no German channel: the floor"
    assert preferred_channel(meeting(), None) == FLOOR


def test_the_banner_follows_what_is_heard_and_the_floor_given() -> None:
    model = ListenerModel()
    model.apply(Welcomed(ME, meeting()))
    model.apply(InputSwitched(LISTEN_INPUT + 1, "en"))
    assert model.view().banner is Banner.CHOOSE, "another input is not what the listener hears"
    model.apply(InputSwitched(LISTEN_INPUT, "fr"))
    view = model.view()
    assert view.title == "Council" and view.banner is Banner.HEARING
    assert view.heard == ChannelChoice("fr", "fr") and view.channels[2] == view.heard
    model.apply(MeetingChanged(meeting(2, fr_on_air=None)))
    assert model.view().banner is Banner.FLOOR and gives_floor(model.meeting, "fr")
    assert not gives_floor(model.meeting, FLOOR) and not gives_floor(None, "fr")
    model.apply(InputSwitched(LISTEN_INPUT, FLOOR))
    assert model.view().banner is Banner.HEARING, "the floor itself gives no fallback"


def test_a_failed_or_lost_connection_shows_until_the_next_welcome() -> None:
    model = ListenerModel()
    model.apply(ConnectionFailed(FailureKind.UNREACHABLE, "The hub cannot be reached."))
    view = model.view()
    assert view.banner is Banner.PROBLEM and view.problem == "The hub cannot be reached."
    model.apply(Welcomed(ME, meeting()))
    model.apply(InputSwitched(LISTEN_INPUT, "en"))
    assert model.view().banner is Banner.HEARING and model.view().problem == ""
    model.apply(Disconnected(DisconnectKind.LOST, "The connection was lost.", 1006, True))
    assert model.view().banner is Banner.PROBLEM
    assert model.view().heard == ChannelChoice("en", "en")


def test_the_meter_is_the_listened_input() -> None:
    model = ListenerModel()
    model.apply(metrics(inputs=(strip(LISTEN_INPUT + 1, "en", -10.0),)))
    assert model.view().meter == QUIET_METER, "only the listened input counts"
    model.apply(metrics(inputs=(strip(LISTEN_INPUT, "fr", -12.0),)))
    assert model.view().meter.peak_dbfs == -12.0
    model.apply(metrics())
    assert model.view().meter == QUIET_METER

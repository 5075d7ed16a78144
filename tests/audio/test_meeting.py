"""The engine's meeting rules, checked on :class:`audio.meeting.MeetingCore` in virtual time.

No sockets, threads or sound: a :class:`Console` plays the engine's part
for one core. It carries out what the core asks of the link (open one to
the hub of :mod:`hubkit`, send each text frame, close it), feeds back what
the hub says through a real :class:`channels.session.Session`, passes the
virtual time, and says what the inputs play. Each test gives commands and
hub messages and looks at what comes out: the frames sent, the events, the
state the engine's media side follows (inputs, listening set, air).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from audio.commands import (
    AirChanged,
    AutoRelayChanged,
    Chat,
    CommandRejected,
    Connect,
    Connecting,
    Cough,
    Disconnect,
    Disconnected,
    DisconnectKind,
    Event,
    FloorLanguage,
    ForcedOff,
    ForceOff,
    Handover,
    HubError,
    LinkRestored,
    LinkStalled,
    MeetingChanged,
    Mic,
    Monitor,
    Reconnected,
    ReconnectGaveUp,
    Reconnecting,
    SetAutoRelay,
    SetInput,
    Signal,
    Welcomed,
)
from audio.meeting import TAKE_WINDOW_S, CloseLink, MeetingCommand, MeetingCore, OpenLink
from audio.reconnect import STALL_S, Reconnector
from channels.backoff import Backoff
from channels.meeting import FLOOR, MeetingConfig, simple_meeting
from channels.session import Session
from tests.rig.hubkit import Client, Meeting
from tests.rig.meetings import bi_active_meeting

URL = "wss://hub.test/v1"
OFF = AirChanged(None, False, False)


class Console:
    """One :class:`MeetingCore` wired to a hubkit hub as the engine wires it to a link.

    ``hearing`` False holds back what the hub says (a hub that does not
    answer: a stalled link); while True, the hub is heard all the time, as
    its keepalive and pongs make it on a healthy link. ``playing`` is what
    the inputs play, as the engine tells the core after each call.
    """

    def __init__(self, hub: Meeting, inputs: int = 2, platform: str | None = None) -> None:
        self.hub = hub
        backoff = Backoff(random=lambda: 0.0)  # 0.25 s, 0.5 s, 1 s...
        self.core = MeetingCore(
            inputs, client="console/1", platform=platform, reconnect=Reconnector(backoff)
        )
        self.client: Client | None = None
        self.session: Session | None = None
        self.links = 0
        self.sent: list[dict[str, Any]] = []
        """Every text frame sent to the hub (hello included), decoded."""
        self.events: list[Event] = []
        self.hearing = True
        self.playing: list[str | None] = [None] * inputs
        self._seen = 0

    # -- what the user and the engine do --------------------------------------------------------

    def join(self, sub: str, role: str, booth: str | None = None) -> list[Event]:
        return self.do(Connect(URL, self.hub.token(sub, role, booth=booth)))

    def do(self, command: MeetingCommand) -> list[Event]:
        self.core.command(command, self.hub.now)
        return self.pump()

    def play(self, *channels: str | None) -> list[Event]:
        """The inputs now play ``channels`` (switches complete in the engine's time)."""
        self.playing = list(channels)
        self.core.receive_playing(self.playing)
        return self.pump()

    def wait(self, seconds: float) -> list[Event]:
        """Time passes for the hub (its state batch goes out) and for the core."""
        self.hub.wait(seconds)
        if self.client is not None and self.hearing:
            self.core.heard(self.hub.now)
        if self.hub.now >= self.core.deadline:
            self.core.tick(self.hub.now)
        return self.pump()

    def lose(self) -> list[Event]:
        """The link breaks without a close."""
        self._end(None, by_us=False)
        return self.pump()

    # -- what the link does ---------------------------------------------------------------------

    def pump(self) -> list[Event]:
        """Carry out the core's link work and feed back the hub's answers until all is quiet."""
        busy = True
        while busy:
            busy = False
            for work in self.core.data_to_send():
                busy = True
                match work:
                    case OpenLink(session=session):
                        assert self.client is None, "a link opened while one is open"
                        self.session, self.client, self._seen = session, self.hub.connect(), 0
                        self.links += 1
                        self._send(session.hello())
                    case CloseLink():
                        self._end(1000, by_us=True)
                    case bytes():
                        self._send(work)
            if self.client is not None and self.hearing:
                busy = self._hear() or busy
        new = self.core.events_to_emit()
        self.events.extend(new)
        return new

    def _send(self, data: bytes) -> None:
        assert self.client is not None, "a frame to send without a link"
        self.sent.append(json.loads(data))
        self.client.send_raw(data)

    def _hear(self) -> bool:
        client, session = self.client, self.session
        assert client is not None and session is not None
        messages = client.messages[self._seen :]
        self._seen += len(messages)
        for message in messages:
            for event in session.receive(json.dumps(message), self.hub.now):
                self.core.receive_event(event, self.hub.now)
        if client.closed is not None:  # the hub closed the connection
            self._end(client.closed.code, by_us=False)
            return True
        return bool(messages)

    def _end(self, code: int | None, *, by_us: bool) -> None:
        client, session = self.client, self.session
        assert client is not None and session is not None
        self.client = self.session = None
        if client.closed is None:
            client.disconnect()
        self.core.receive_event(session.closed(code, by_us=by_us), self.hub.now)

    # -- looking ----------------------------------------------------------------------------------

    def frames(self, kind: str) -> list[dict[str, Any]]:
        return [x for x in self.sent if x["type"] == kind]

    def listens(self) -> list[list[str]]:
        return [x["channels"] for x in self.frames("listen")]

    def of(self, kind: type[Any]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]


def relay_meeting() -> MeetingConfig:
    """Floor (English), en, fr and ar; the Arabic booth understands English and French only,
    the English booth Spanish too."""
    return simple_meeting(
        ("en", "fr", "ar"), booth_languages={"ar": ("en", "fr"), "en": ("es", "fr", "ar")}
    )


@pytest.fixture
def hub() -> Meeting:
    return Meeting()


def rejected(events: list[Event]) -> str:
    [refusal] = [e for e in events if isinstance(e, CommandRejected)]
    return refusal.sentence


# --- Connecting ----------------------------------------------------------------------------------


def test_connect_opens_a_link_that_says_hello_and_is_welcomed(hub: Meeting) -> None:
    fr1 = Console(hub)
    events = fr1.join("fr1", "interpreter", "fr")
    assert isinstance(events[0], Connecting) and events[0].url == URL
    assert isinstance(events[1], Welcomed) and events[1].me.id == "fr1"
    assert [x["type"] for x in fr1.sent] == ["hello"]
    assert fr1.core.welcomed and fr1.core.ssrc == hub.hub.participants["fr1"].ssrc
    assert fr1.core.channel_of_ssrc == {1: FLOOR, 2: "en", 3: "fr"}
    assert fr1.core.air == OFF and fr1.core.listen_sent == []
    assert rejected(fr1.join("fr1", "interpreter", "fr")).endswith("disconnect first")
    assert fr1.links == 1


def test_a_gateway_names_its_platform_in_every_hello(hub: Meeting) -> None:
    gateway = Console(hub, platform="mumble")
    events = gateway.join("gw", "gateway")
    assert isinstance(events[1], Welcomed)
    seen = events[1].meeting.participant("gw")
    assert seen is not None and seen.platform == "mumble"
    assert [x.get("platform") for x in gateway.sent] == ["mumble"]
    assert Console(hub).join("fr1", "interpreter", "fr") and "fr1" in hub.hub.participants
    assert hub.hub.participants["fr1"].platform is None


def test_disconnect_closes_the_link_and_forgets_the_meeting(hub: Meeting) -> None:
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    fr1.do(Mic(True, "fr"))
    events = fr1.do(Disconnect())
    assert events == [
        Disconnected(DisconnectKind.CLOSED_BY_US, "disconnected from the meeting", 1000, True),
        OFF,
    ]
    assert fr1.client is None and not fr1.core.welcomed and fr1.core.ssrc is None
    assert fr1.core.channel_of_ssrc == {} and fr1.core.deadline == float("inf")
    assert "not connected" in rejected(fr1.do(Disconnect()))


# --- The air -------------------------------------------------------------------------------------


def test_mic_on_sends_at_once_on_trust_and_the_snapshot_confirms(hub: Meeting) -> None:
    en1 = Console(hub)
    en1.join("en1", "interpreter", "en")
    assert en1.do(Mic(True, "en")) == [AirChanged("en", True, False)]
    assert en1.frames("mic") == [{"type": "mic", "on": True, "channel": "en"}]
    assert en1.core.deadline == hub.now + STALL_S  # before the take window's end
    confirmed = en1.wait(0.1)  # past the hub's state batch
    assert [type(e) for e in confirmed] == [MeetingChanged]
    assert en1.core.air == AirChanged("en", True, False)
    assert en1.core.deadline == hub.now + STALL_S  # confirmed: only the hub is watched
    en1.wait(TAKE_WINDOW_S)
    assert en1.core.air.sending


def test_sending_on_trust_stops_when_the_hub_never_confirms(hub: Meeting) -> None:
    en1 = Console(hub)
    en1.join("en1", "interpreter", "en")
    en1.hearing = False  # the hub says nothing more
    en1.do(Mic(True, "en"))
    assert en1.wait(STALL_S - 0.1) == []
    assert en1.wait(TAKE_WINDOW_S - STALL_S) == [LinkStalled(pytest.approx(TAKE_WINDOW_S - 0.1))]
    assert en1.wait(0.2) == [OFF]
    assert en1.core.deadline == float("inf")  # a stall is told once


def test_a_refused_mic_stops_sending_at_once(hub: Meeting) -> None:
    hub.interpreter("fr1", "fr").ok({"type": "mic", "on": True, "channel": "fr"})
    fr2 = Console(hub)
    fr2.join("fr2", "interpreter", "fr")
    events = fr2.do(Mic(True, "fr"))
    assert events[0] == AirChanged("fr", True, False)
    assert isinstance(events[1], HubError) and events[1].code == "partner_live"
    assert events[2:] == [OFF]


def test_mic_off_stops_at_once_and_the_snapshot_confirms_it(hub: Meeting) -> None:
    en1 = Console(hub)
    en1.join("en1", "interpreter", "en")
    en1.do(Mic(True, "en"))
    en1.wait(0.1)
    en1.hearing = False
    assert en1.do(Mic(False)) == [OFF]
    assert en1.frames("mic")[-1] == {"type": "mic", "on": False, "channel": None}
    en1.hearing = True
    assert [type(e) for e in en1.wait(0.1)] == [MeetingChanged]  # nothing more to change
    assert hub.on_air("en") is None and en1.core.air == OFF


def test_cough_mutes_every_role_but_only_an_interpreter_tells_the_booth(hub: Meeting) -> None:
    en1, chair = Console(hub), Console(hub)
    en1.join("en1", "interpreter", "en")
    chair.join("chair", "floor")
    en1.do(Mic(True, "en"))
    chair.do(Mic(True, FLOOR))
    assert en1.do(Cough(True)) == [AirChanged("en", False, True)]
    assert chair.do(Cough(True)) == [AirChanged(FLOOR, False, True)]
    assert en1.frames("cough") == [{"type": "cough", "on": True}]
    assert chair.frames("cough") == []
    en1.wait(0.1)
    assert hub.participant("en1")["cough"] is True
    assert en1.do(Cough(False)) == [AirChanged("en", True, False)]


def test_a_cough_held_across_a_reconnection_is_said_again(hub: Meeting) -> None:
    en1 = Console(hub)
    en1.join("en1", "interpreter", "en")
    en1.do(Cough(True))
    en1.lose()
    en1.wait(0.3)
    assert en1.core.welcomed and en1.frames("cough") == [{"type": "cough", "on": True}] * 2
    assert en1.core.air == AirChanged(None, False, True)


def test_forced_off_stops_sending_with_the_snapshot_and_is_not_undone(hub: Meeting) -> None:
    coord = hub.coordinator("coord")
    en1 = Console(hub)
    en1.join("en1", "interpreter", "en")
    en1.do(Mic(True, "en"))
    en1.wait(0.1)
    coord.ok({"type": "force_off", "participant": "en1"})
    events = en1.wait(0.1)
    assert [type(e) for e in events] == [ForcedOff, MeetingChanged, AirChanged]
    assert events[0].by == "coord" and en1.core.air == OFF
    en1.wait(TAKE_WINDOW_S)
    assert en1.core.air == OFF


# --- Handover ------------------------------------------------------------------------------------


def test_accepting_a_request_gives_the_air_away_at_once(hub: Meeting) -> None:
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    fr1.do(Mic(True, "fr"))
    fr2 = hub.interpreter("fr2", "fr")
    fr2.ok({"type": "handover", "action": "request"})
    fr1.wait(0.1)
    fr1.hearing = False
    assert fr1.do(Handover("accept")) == [OFF]
    assert fr1.frames("handover") == [{"type": "handover", "action": "accept", "to": None}]
    assert hub.on_air("fr") == "fr2"
    fr1.hearing = True
    fr1.wait(0.1)
    assert fr1.core.air == OFF


def test_accepting_an_offer_takes_the_air_at_once(hub: Meeting) -> None:
    fr2 = hub.interpreter("fr2", "fr")
    fr2.ok({"type": "mic", "on": True, "channel": "fr"})
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    fr2.ok({"type": "handover", "action": "offer"})
    fr1.wait(0.1)
    fr1.hearing = False
    assert fr1.do(Handover("accept")) == [AirChanged("fr", True, False)]
    assert hub.on_air("fr") == "fr1"
    fr1.hearing = True
    fr1.wait(0.1)
    assert fr1.core.air == AirChanged("fr", True, False)
    assert fr1.core.deadline == hub.now + STALL_S  # confirmed: only the hub is watched


def test_an_accept_with_nothing_pending_changes_nothing_but_the_hub_says_why(hub: Meeting) -> None:
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    events = fr1.do(Handover("accept"))
    assert [type(e) for e in events] == [HubError]
    assert events[0].code == "no_handover" and fr1.core.air == OFF


# --- Own voice -----------------------------------------------------------------------------------


def test_the_input_on_our_air_channel_plays_our_own_voice_until_the_partner_takes_it(
    hub: Meeting,
) -> None:
    fr1 = Console(hub, inputs=3)
    fr1.join("fr1", "interpreter", "fr")
    fr1.do(SetInput(0, FLOOR))
    fr1.do(SetInput(2, "fr"))  # hear my booth's output
    assert fr1.core.own_voice is None  # off air: the booth's output comes from the hub
    fr1.do(Mic(True, "fr"))
    assert fr1.core.own_voice == 2  # on trust already: no round trip of our own voice
    fr1.wait(0.1)
    assert fr1.core.own_voice == 2 and fr1.core.air.sending
    fr1.do(Cough(True))
    assert fr1.core.own_voice == 2 and not fr1.core.air.sending  # silent there, as on air
    fr1.do(Cough(False))
    fr2 = hub.interpreter("fr2", "fr")
    fr2.ok({"type": "handover", "action": "request"})
    fr1.wait(0.1)
    fr1.do(Handover("accept"))
    assert fr1.core.own_voice is None  # the partner speaks: heard from the hub at once
    assert fr1.core.selected == [FLOOR, None, "fr"]  # the input and its stream stay
    fr1.wait(0.1)
    assert fr1.core.own_voice is None
    fr2.ok({"type": "handover", "action": "offer"})
    fr1.wait(0.1)
    fr1.do(Handover("accept"))
    assert fr1.core.own_voice == 2
    fr1.do(SetInput(2, None))
    assert fr1.core.own_voice is None  # no input plays our channel
    fr1.do(SetInput(1, "fr"))
    assert fr1.core.own_voice == 1
    fr1.do(Mic(False))
    assert fr1.core.own_voice is None


def test_a_refused_mic_or_a_lost_link_ends_the_own_voice(hub: Meeting) -> None:
    hub.interpreter("fr2", "fr").ok({"type": "mic", "on": True, "channel": "fr"})
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    fr1.do(SetInput(1, "fr"))
    fr1.do(Mic(True, "fr"))
    assert fr1.core.own_voice is None  # the hub refused: the partner stays on air
    en1 = Console(hub)
    en1.join("en1", "interpreter", "en")
    en1.do(SetInput(1, "en"))
    en1.do(Mic(True, "en"))
    en1.wait(0.1)
    assert en1.core.own_voice == 1
    en1.lose()
    assert en1.core.own_voice is None  # the air is never taken back by itself


# --- The listening set ---------------------------------------------------------------------------


def test_the_inputs_and_monitors_make_the_listening_set_within_the_role_limit() -> None:
    hub = Meeting(bi_active_meeting())
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    fr1.do(SetInput(0, FLOOR))
    fr1.do(SetInput(1, "en"))
    fr1.do(Monitor(("zh",)))
    assert fr1.listens() == [[FLOOR], [FLOOR, "en"], [FLOOR, "en", "zh"]]
    assert fr1.core.listening == [FLOOR, "en", "zh"]
    sentence = rejected(fr1.do(Monitor(("zh", "fr"))))
    assert sentence == "your role may listen to at most 3 channels, and this would make 4"
    assert fr1.core.monitors == ("zh",) and len(fr1.listens()) == 3
    fr1.wait(0.1)
    assert hub.participant("fr1")["listening"] == [FLOOR, "en", "zh"]

    listener = Console(hub)
    listener.join("l1", "listener")
    listener.do(SetInput(0, "en"))
    sentence = rejected(listener.do(SetInput(1, "fr")))
    assert sentence == "your role may listen to at most 1 channel, and this would make 2"
    assert listener.core.selected == ["en", None] and listener.listens() == [["en"]]


def test_a_channel_plays_on_one_input_and_unknown_ones_are_refused(hub: Meeting) -> None:
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    fr1.do(SetInput(0, FLOOR))
    for command, words in (
        (SetInput(1, FLOOR), "channel floor already plays on input 0"),
        (SetInput(1, "de"), "meeting 'test' has no channel 'de'"),
        (SetInput(2, "en"), "there is no input 2: inputs are 0 to 1"),
        (SetInput(1, ""), "not a channel id: ''"),
        (Monitor(("de",)), "has no channel 'de'"),
        (Monitor(("",)), "not channel ids"),
        (SetAutoRelay(True, 5), "there is no input 5"),
    ):
        [refusal] = fr1.do(command)
        assert refusal == CommandRejected(command, refusal.sentence) and words in refusal.sentence
    assert fr1.core.selected == [FLOOR, None] and fr1.listens() == [[FLOOR]]


def test_a_switch_keeps_the_old_channel_until_the_new_one_plays(hub: Meeting) -> None:
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    fr1.do(SetInput(0, FLOOR))
    fr1.play(FLOOR, None)
    fr1.do(SetInput(0, "en"))
    assert fr1.listens()[-1] == ["en", FLOOR]  # make before break
    fr1.play("en", None)
    assert fr1.listens() == [[FLOOR], ["en", FLOOR], ["en"]]
    fr1.do(SetInput(0, None))
    assert fr1.listens()[-1] == ["en"]  # still fading out
    fr1.play(None, None)
    assert fr1.listens()[-1] == [] and fr1.core.listening == []


def test_make_before_break_never_goes_over_the_limit() -> None:
    hub = Meeting()
    listener = Console(hub)
    listener.join("l1", "listener")
    listener.do(SetInput(0, "en"))
    listener.play("en", None)
    listener.do(SetInput(0, "fr"))
    assert listener.listens() == [["en"], ["fr"]]  # a listener has one channel: break first


def test_inputs_chosen_before_connecting_are_asked_for_at_the_welcome(hub: Meeting) -> None:
    fr1 = Console(hub)
    fr1.do(SetInput(0, FLOOR))
    fr1.do(Monitor(("en",)))
    assert fr1.sent == [] and fr1.core.listening == [FLOOR, "en"]
    fr1.join("fr1", "interpreter", "fr")
    assert fr1.listens() == [[FLOOR, "en"]]


def test_a_channel_unknown_at_the_welcome_is_reported(hub: Meeting) -> None:
    fr1 = Console(hub)
    fr1.do(SetInput(0, "de"))
    events = fr1.join("fr1", "interpreter", "fr")
    [refusal] = [e for e in events if isinstance(e, CommandRejected)]
    assert refusal.command == ("de",)
    assert refusal.sentence == "cannot listen: meeting 'test' has no channel 'de'"
    assert fr1.listens() == []


# --- A stalled link ------------------------------------------------------------------------------


def test_a_hub_heard_all_the_time_is_never_stalled_even_with_every_channel_silent(
    hub: Meeting,
) -> None:
    l1 = Console(hub)
    l1.join("l1", "listener")
    for _ in range(20):  # no media at all, only what keeps the link alive
        assert l1.wait(0.5) == []
    assert l1.core.silent_s(hub.now) is None


def test_a_silent_hub_is_stalled_at_one_second_not_before_and_heard_again_after(
    hub: Meeting,
) -> None:
    en1 = Console(hub)
    en1.join("en1", "interpreter", "en")
    en1.do(Mic(True, "en"))
    en1.wait(0.1)
    en1.hearing = False  # the socket stays open, nothing arrives
    assert en1.wait(STALL_S - 0.001) == [] and en1.core.silent_s(hub.now) is None
    assert en1.core.deadline == pytest.approx(hub.now + 0.001)
    assert en1.wait(0.001) == [LinkStalled(pytest.approx(STALL_S))]
    assert en1.core.deadline == float("inf")  # told once
    assert en1.wait(1.2) == [] and en1.core.silent_s(hub.now) == pytest.approx(2.2)
    assert en1.core.air == AirChanged("en", True, False)  # the air is the hub's to take
    en1.hearing = True
    assert en1.wait(1.2) == [LinkRestored(pytest.approx(3.4))]
    assert en1.core.silent_s(hub.now) is None and en1.core.deadline == hub.now + STALL_S
    assert en1.wait(0.5) == []  # restored once


def test_a_stall_that_ends_in_a_lost_link_is_over_and_the_new_link_is_watched_anew(
    hub: Meeting,
) -> None:
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    fr1.hearing = False
    assert fr1.wait(1.5) == [LinkStalled(pytest.approx(1.5))]
    lost = fr1.lose()
    assert [type(e) for e in lost] == [Disconnected, Reconnecting]
    assert fr1.core.silent_s(hub.now) is None
    fr1.hearing = True
    events = fr1.wait(0.3)
    assert [type(e) for e in events][:2] == [Welcomed, Reconnected]
    assert not fr1.of(LinkRestored)  # the reconnection says it all
    fr1.hearing = False
    assert fr1.wait(0.99) == []
    assert fr1.wait(0.02) == [LinkStalled(pytest.approx(1.01))]


# --- After a lost link ---------------------------------------------------------------------------


def test_a_lost_link_comes_back_with_the_listening_set_but_never_the_air(hub: Meeting) -> None:
    en1 = Console(hub)
    en1.join("en1", "interpreter", "en")
    en1.do(SetInput(0, FLOOR))
    en1.do(Mic(True, "en"))
    en1.wait(0.1)
    lost = en1.lose()
    assert [type(e) for e in lost] == [Disconnected, Reconnecting, AirChanged]
    assert lost[0].kind is DisconnectKind.LOST and lost[1].delay_s == 0.25
    assert lost[2] == OFF and en1.core.deadline == hub.now + 0.25
    assert en1.wait(0.2) == [] and en1.links == 1
    events = en1.wait(0.1)
    assert [type(e) for e in events][:2] == [Welcomed, Reconnected]
    assert events[0].me.resumed and events[0].me.listening == (FLOOR,)
    assert events[1] == Reconnected(1, pytest.approx(0.3), (FLOOR,), True, "en")
    assert en1.sent[-1]["type"] == "hello" and en1.sent[-1]["resume"]
    assert en1.listens() == [[FLOOR]]  # given back by the hub, not asked again
    en1.wait(0.1)
    assert hub.on_air("en") is None and en1.core.air == OFF


def test_a_restarted_hub_is_asked_for_the_channels_again() -> None:
    config = simple_meeting()
    fr1 = Console(Meeting(config))
    fr1.join("fr1", "interpreter", "fr")
    fr1.do(SetInput(0, FLOOR))
    fr1.hub = Meeting(config, now=fr1.hub.now)  # a new hub, with no memory of us
    fr1.lose()
    events = fr1.wait(0.3)
    assert [type(e) for e in events][:2] == [Welcomed, Reconnected]
    assert not events[0].me.resumed and events[1].listening == (FLOOR,)
    assert fr1.listens() == [[FLOOR], [FLOOR]]


def test_leaving_during_an_outage_stops_the_attempts(hub: Meeting) -> None:
    fr1 = Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    fr1.lose()
    [left] = fr1.do(Disconnect())
    assert isinstance(left, Disconnected) and left.kind is DisconnectKind.CLOSED_BY_US
    assert fr1.core.deadline == float("inf")
    assert fr1.wait(5.0) == [] and fr1.links == 1


def test_a_token_refused_on_reconnecting_ends_the_attempts() -> None:
    fr1 = Console(Meeting())
    fr1.join("fr1", "interpreter", "fr")
    stranger = simple_meeting(secret="another-secret-of-at-least-32-bytes!")
    fr1.hub = Meeting(stranger, now=fr1.hub.now)  # the hub came back with another secret
    fr1.lose()
    refusal, gave_up = fr1.wait(0.3)
    assert isinstance(refusal, HubError) and refusal.code == "unauthorized"
    assert isinstance(gave_up, ReconnectGaveUp) and gave_up.kind == "token_refused"
    assert fr1.core.deadline == float("inf") and fr1.wait(5.0) == [] and fr1.links == 2


# --- Auto-relay ----------------------------------------------------------------------------------


def test_the_relay_input_follows_the_booth_source_and_leads_the_listening_set() -> None:
    hub = Meeting(relay_meeting())
    ar1 = Console(hub)
    ar1.do(SetInput(0, FLOOR))
    ar1.do(SetAutoRelay(True))
    follows = ar1.join("ar1", "interpreter", "ar")[1]  # with the welcome's snapshot
    assert isinstance(follows, AutoRelayChanged)
    assert (follows.index, follows.channel, follows.auto) == (1, None, True)
    assert follows.sentence == "floor: English → the floor"  # already on input 0

    coord = hub.coordinator("coord")
    coord.ok({"type": "floor_language", "language": "es"})
    ar1.wait(0.1)
    en1 = hub.interpreter("en1", "en", listen=[FLOOR])
    en1.ok({"type": "mic", "on": True, "channel": "en"})
    ar1.wait(0.1)
    relay = ar1.of(AutoRelayChanged)[-1]
    assert (relay.channel, relay.auto) == ("en", True)
    assert relay.sentence.endswith("floor: Spanish → relay from the English booth")
    assert ar1.core.selected == [FLOOR, "en"]
    assert ar1.listens()[-1] == ["en", FLOOR]  # the source first: the hub shows it
    ar1.wait(0.1)
    assert hub.participant("ar1")["listening"] == ["en", FLOOR]


def test_a_manual_choice_on_the_relay_input_wins_and_another_input_takes_its_channel() -> None:
    hub = Meeting(relay_meeting())
    ar1 = Console(hub)
    ar1.do(SetAutoRelay(True))
    ar1.join("ar1", "interpreter", "ar")
    assert ar1.core.selected == [None, FLOOR]
    [manual] = [e for e in ar1.do(SetInput(1, "fr")) if isinstance(e, AutoRelayChanged)]
    assert not manual.auto and manual.channel == "fr"
    assert manual.sentence.startswith("auto-relay off; manual:")
    ar1.do(SetAutoRelay(True))
    assert ar1.core.selected == [None, FLOOR]
    ar1.do(SetInput(0, FLOOR))  # the floor input takes the floor: the relay input lets it go
    assert ar1.core.selected == [FLOOR, None] and not ar1.of(CommandRejected)


def test_auto_relay_needs_a_booth(hub: Meeting) -> None:
    l1 = Console(hub)
    l1.join("l1", "listener")
    assert "only interpreters" in rejected(l1.do(SetAutoRelay(True)))


# --- The meeting's messages ----------------------------------------------------------------------


def test_meeting_messages_are_checked_before_they_leave(hub: Meeting) -> None:
    console = Console(hub)
    assert rejected(console.do(Mic(True, "fr"))) == "not connected to a meeting"
    console.join("fr1", "interpreter", "fr")
    assert console.client is not None
    connection = hub.hub._connections[console.client.conn]
    refusals = len(connection.refusals)
    for command, words in (
        (Mic(True, "de"), "meeting 'test' has no channel 'de'"),
        (Mic(True), "say which channel to speak on"),
        (Chat("booth", "x" * 1001), "text: "),
        (Signal("louder"), "kind: "),  # type: ignore[arg-type]
        (Handover("grab"), "action: "),  # type: ignore[arg-type]
        (ForceOff("fr2"), "an interpreter may not send force off"),
        (FloorLanguage("en"), "an interpreter may not send floor language"),
    ):
        [refusal] = console.do(command)
        assert refusal == CommandRejected(command, refusal.sentence) and words in refusal.sentence
    assert [x["type"] for x in console.sent] == ["hello"]
    assert len(connection.refusals) == refusals  # none counted towards the abuse limit


def test_chat_signal_floor_language_and_force_off_go_as_they_are(hub: Meeting) -> None:
    partner = hub.interpreter("fr2", "fr")
    coordinator = hub.coordinator("boss")
    fr1, coord = Console(hub), Console(hub)
    fr1.join("fr1", "interpreter", "fr")
    coord.join("coord", "coordinator")
    fr1.do(Mic(True, "fr"))
    fr1.do(Chat("booth", "numbers coming"))
    fr1.do(Signal("slow_down"))
    coord.do(FloorLanguage("fr"))
    coord.do(ForceOff("fr1"))
    assert fr1.sent[-2:] == [
        {"type": "chat", "to": "booth", "text": "numbers coming"},
        {"type": "signal", "kind": "slow_down"},
    ]
    assert coord.sent[-2:] == [
        {"type": "floor_language", "language": "fr"},
        {"type": "force_off", "participant": "fr1"},
    ]
    assert partner.of_type("chat")[-1]["text"] == "numbers coming"
    assert coordinator.of_type("signal")[-1]["kind"] == "slow_down"
    assert hub.hub.floor_language == "fr" and hub.on_air("fr") is None


def test_reports_go_only_while_welcomed(hub: Meeting) -> None:
    fr1 = Console(hub)
    assert not fr1.core.report(6.0, 0.01, 40.0)
    fr1.join("fr1", "interpreter", "fr")
    assert fr1.core.report(6.04, 0.01, 40.0) and fr1.core.reports == 1
    fr1.pump()
    assert fr1.frames("report") == [
        {"type": "report", "rtt_ms": 0.0, "jitter_ms": 6.0, "loss": 0.01, "buffer_ms": 40.0}
    ]
    fr1.wait(0.1)
    assert hub.participant("fr1")["quality"]["jitter_ms"] == 6.0

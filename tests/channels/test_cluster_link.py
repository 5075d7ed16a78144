"""The edge's side of the cluster, sans I/O: what `CoreLink` makes of what the core sends
(channels.cluster.edge), with the envelopes of channels.cluster.subjects."""

from __future__ import annotations

from channels import protocol as p
from channels.cluster import subjects as s
from channels.cluster.core import EdgeSilence, Leadership
from channels.cluster.edge import CoreLink
from channels.hub import RESUME_WINDOW_S, Broadcast, Close, Forward, Hub, Participant, Send
from channels.meeting import simple_meeting
from channels.protocol import CloseCode
from channels.revocation import Revocations
from tests.rig.hubkit import T0, Meeting

EDGE = 7


class Link:
    """A CoreLink with what it publishes and whom it welcomes kept in lists."""

    def __init__(self) -> None:
        self.published: list[tuple[str, int, int, bytes]] = []
        self.welcomed: list[int] = []
        self.wake_at: float | None = None
        self.link = CoreLink(
            simple_meeting(("en", "fr")), EDGE, self._publish, self.welcomed.append
        )

    def _publish(self, subject: str, data: bytes) -> None:
        kind, conn, payload = s.unpack(data)
        if kind != s.BEAT:  # kept out of the way: `beat` checks them
            self.published.append((subject, kind, conn, payload))

    def beat(self, start: float, until: float) -> None:
        """The edge's own beat every BEAT_S from ``start`` to ``until``, as when its loop runs."""
        for n in range(int((until - start) / s.BEAT_S + 1e-9) + 1):
            self.link.beat(start + n * s.BEAT_S)

    def from_core(self, kind: int, conn: int, payload: bytes = b"", now: float = T0) -> None:
        self.link.from_core(s.pack(kind, EDGE << s.EDGE_SHIFT | conn, payload), now)

    def welcome(self, conn: int, sub: str, listening: tuple[str, ...] = ()) -> None:
        """The core welcomed ``conn`` as listener ``sub``, then said what it hears."""
        who = Participant(sub, sub.title(), "listener", None, 0x10000 + conn, "r")
        self.link.from_core(s.pack_welcomed(EDGE << s.EDGE_SHIFT | conn, 1, who), T0)
        self.from_core(s.AUDIENCE, conn, " ".join(listening).encode())

    def restored(self) -> list[Participant]:
        """The participants published for a new core since the last call."""
        published, self.published = self.published, []
        return [s.unpack_participant(data) for _, kind, _, data in published if kind == s.RESTORE]

    def outputs(self) -> list[object]:
        """What came out since the last call; when the link asked to be ticked in `wake_at`."""
        outputs, self.wake_at = self.link.outputs_to_send()
        return list(outputs)


def snapshot(version: int) -> bytes:
    """A state message of ``version``, as the hub makes it."""
    hub = Hub(simple_meeting(("en", "fr")))
    hub.version = version - 1
    return p.encode(p.State(hub.snapshot()))


def test_events_go_to_the_core_with_the_edge_in_the_connection_number() -> None:
    t = Link()
    t.link.connect(3, T0)
    t.link.receive_text(3, '{"type":"ping","t":1}', T0)
    t.link.receive_media(3, b"rtp", T0)
    t.link.disconnect(3, T0)
    t.link.disconnect(3, T0)  # told once
    core = s.Subjects("test").core
    conn = EDGE << s.EDGE_SHIFT | 3
    assert t.published == [
        (core, s.CONNECT, conn, b""),
        (core, s.TEXT, conn, b'{"type":"ping","t":1}'),
        (core, s.MEDIA, conn, b"rtp"),
        (core, s.DISCONNECT, conn, b""),
    ]


def test_a_snapshot_that_overtook_the_welcome_follows_it() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.link.from_state(s.pack_state(snapshot(5)))
    assert t.outputs() == [Broadcast(snapshot(5))]
    t.from_core(s.SEND, 1, b"welcome")
    l1 = Participant("l1", "L1", "listener", None, 0x10000, "r")
    t.link.from_core(s.pack_welcomed(EDGE << s.EDGE_SHIFT | 1, 4, l1), T0)
    assert t.outputs() == [Send(1, b"welcome"), Send(1, snapshot(5))]
    assert t.welcomed == [1]
    member = t.link.participant_of(1)
    assert member is not None and member.id == "l1"
    t.link.from_state(s.pack_state(snapshot(3)))  # older than what was sent: dropped
    assert t.outputs() == []


def test_a_welcome_newer_than_every_snapshot_gets_none_of_them() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.link.from_state(s.pack_state(snapshot(5)))
    t.outputs()
    t.welcome(1, "l1")
    t.outputs()
    t.link.from_state(s.pack_state(snapshot(1)))
    assert t.outputs() == []


def test_audiences_follow_the_core_and_end_with_the_connection() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.link.connect(2, T0)
    t.from_core(s.AUDIENCE, 1, b"floor fr")
    t.from_core(s.AUDIENCE, 2, b"fr")
    assert t.link.heard() == {"floor", "fr"}
    t.link.from_channel("fr", b"packet")
    [forward] = t.outputs()
    assert isinstance(forward, Forward) and forward.channel.audience == {1, 2}
    t.from_core(s.AUDIENCE, 1, b"")
    t.link.disconnect(2, T0)
    assert t.link.heard() == set()


def test_what_comes_for_a_connection_gone_meanwhile_is_dropped() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.link.disconnect(1, T0)
    t.from_core(s.SEND, 1, b"late")
    t.from_core(s.AUDIENCE, 1, b"fr")
    t.link.from_core(s.pack(s.SEND, (EDGE + 1) << s.EDGE_SHIFT | 1, b"another edge's"), T0)
    assert t.outputs() == []
    assert t.link.heard() == set()


def test_the_core_closes_a_connection() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.link.from_core(s.pack_close(EDGE << s.EDGE_SHIFT | 1, 4401, "token revoked"), T0)
    assert t.outputs() == [Close(1, 4401, "token revoked")]
    t.from_core(s.SEND, 1, b"after the close")
    assert t.outputs() == []


def test_another_core_closes_every_connection_to_resume_with_it() -> None:
    t = Link()
    for conn in (1, 2):
        t.link.connect(conn, T0)
    t.welcome(1, "l1")
    t.link.from_alive("first", T0)
    t.link.from_alive("first", T0)
    assert t.outputs() == []
    t.link.from_alive("second", T0)
    reason = "the meeting's core restarted"
    assert t.outputs() == [
        Close(1, CloseCode.GOING_AWAY, reason),
        Close(2, CloseCode.GOING_AWAY, reason),
    ]
    assert t.link.participant_of(1) is None


def test_subjects_are_one_token_each_whatever_the_ids() -> None:
    subjects = s.Subjects("a_b.c*>")
    assert subjects.root == "rsi.a_5fb_2ec_2a_3e"
    assert subjects.channel("fr") == "rsi.a_5fb_2ec_2a_3e.channel.fr"
    assert subjects.edge(0xABC) == "rsi.a_5fb_2ec_2a_3e.edge.00000abc"
    assert s.version_of(snapshot(9)) == 9


def test_an_edge_the_core_forgot_hands_back_every_open_connection_and_closes_none() -> None:
    t = Link()
    for conn in (1, 2):
        t.link.connect(conn, T0)
    t.welcome(1, "l1", ("fr",))
    t.published.clear()
    t.link.from_core(s.pack(s.FORGOTTEN, EDGE << s.EDGE_SHIFT), T0)
    assert t.outputs() == [] and t.link.heard() == {"fr"}  # l1 hears on meanwhile
    core = s.Subjects("test").core
    [(subject, kind, conn, payload), not_welcomed] = t.published
    assert (subject, kind, conn) == (core, s.REATTACH, EDGE << s.EDGE_SHIFT | 1)
    who = s.unpack_participant(payload)
    assert (who.id, who.resume, who.listening) == ("l1", "r", ["fr"])
    assert not_welcomed == (core, s.REATTACH, EDGE << s.EDGE_SHIFT | 2, b"")


def test_the_core_takes_a_silent_edge_for_dead_once_but_not_for_a_stall_of_its_own() -> None:
    watch = EdgeSilence(T0)
    assert not watch.heard(1, T0) and not watch.heard(2, T0)
    for n in range(1, 5):  # checked every BEAT_S; edge 2 beats, edge 1 says nothing
        assert not watch.heard(2, T0 + n * s.BEAT_S)
        assert watch.check(T0 + n * s.BEAT_S) == []
    assert not watch.heard(2, T0 + 1.25)
    assert watch.check(T0 + 1.25) == [(1, 1.25)]
    assert watch.check(T0 + 1.5) == []  # once
    # The core stalls for 2 s while edge 2's beats wait unread: not edge 2's silence.
    assert watch.check(T0 + 3.5) == []
    assert not watch.heard(2, T0 + 3.5)
    assert watch.heard(1, T0 + 3.5)  # taken for dead and speaking again: it is told, once
    assert not watch.heard(1, T0 + 3.75)


def test_a_stall_of_the_edge_itself_is_not_the_cores_silence() -> None:
    t = Link()
    t.link.from_alive("first", T0)
    t.link.connect(1, T0)
    t.beat(T0, T0 + 0.5)
    # Paused from T0 + 0.5 to T0 + 2.5: the core's beats wait unread when the tick comes.
    t.link.tick(T0 + 2.5)
    assert t.outputs() == []
    # The 1.75 s it did not run (2 s less the beat that was due) are not the core's silence.
    assert t.wake_at == T0 + 1.75 + s.CORE_SILENT_S
    t.link.from_alive("first", T0 + 2.51)  # read at last
    t.beat(T0 + 2.6, T0 + 3.0)
    assert t.outputs() == []
    # Had the core died meanwhile, its silence counts from the edge's return.
    t = Link()
    t.link.from_alive("first", T0)
    t.link.connect(1, T0)
    t.beat(T0, T0 + 0.5)
    t.link.tick(T0 + 2.5)
    t.beat(T0 + 2.5, T0 + 3.25)
    t.link.tick(T0 + 3.25)
    [close] = t.outputs()
    assert close == Close(
        1, CloseCode.GOING_AWAY, "the meeting's core is not answering: connect again"
    )


def test_when_the_core_stays_silent_every_connection_is_closed_and_new_ones_at_once() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.outputs()
    assert t.wake_at is None  # no core heard yet: its connections wait for it
    t.link.from_alive("first", T0)
    t.link.connect(2, T0)
    t.link.from_alive("first", T0 + 1.0)
    t.beat(T0, T0 + 1.0 + s.CORE_SILENT_S - 0.01)
    t.link.tick(T0 + 1.0 + s.CORE_SILENT_S - 0.01)
    assert t.outputs() == [] and t.wake_at == T0 + 1.0 + s.CORE_SILENT_S
    t.published.clear()
    t.link.tick(T0 + 1.0 + s.CORE_SILENT_S)
    reason = "the meeting's core is not answering: connect again"
    assert t.outputs() == [
        Close(1, CloseCode.GOING_AWAY, reason),
        Close(2, CloseCode.GOING_AWAY, reason),
    ]
    assert t.wake_at is None
    core = s.Subjects("test").core
    assert t.published == [  # if it only lost NATS, the core lets them go at once
        (core, s.DISCONNECT, EDGE << s.EDGE_SHIFT | 1, b""),
        (core, s.DISCONNECT, EDGE << s.EDGE_SHIFT | 2, b""),
    ]
    t.published.clear()
    t.link.connect(3, T0 + 3.0)  # refused until the core beats again
    assert t.outputs() == [Close(3, CloseCode.GOING_AWAY, reason)] and t.published == []
    t.link.from_alive("second", T0 + 4.0)
    t.link.connect(4, T0 + 4.0)
    assert t.outputs() == [] and t.wake_at == T0 + 4.0 + s.CORE_SILENT_S
    assert t.published == [(core, s.CONNECT, EDGE << s.EDGE_SHIFT | 4, b"")]


def test_a_core_serves_when_no_other_beats_and_of_two_serving_the_lower_run_id_goes_on() -> None:
    alone = Leadership(T0)
    assert not alone.tick(T0 + s.LISTEN_S - 0.01) and alone.tick(T0 + s.LISTEN_S)
    alone.serving("b")
    assert not alone.heard("b", T0 + 1.0)  # its own beat
    assert not alone.heard("c", T0 + 1.0)  # a higher run id yields to this one
    assert alone.heard("a", T0 + 1.1) and alone.instance is None  # this one yields

    standby = Leadership(T0)
    for beat in range(5):
        assert not standby.heard("a", T0 + 0.25 * beat)
    assert standby.deadline == T0 + 1.0 + s.TAKEOVER_S
    assert not standby.tick(T0 + 1.9) and standby.tick(T0 + 2.0)  # the core fell silent


def test_a_new_core_is_told_every_session_here_with_its_listening_set() -> None:
    t = Link()
    t.link.from_alive("first", T0)
    for conn in (1, 2, 3):
        t.link.connect(conn, T0)
    t.welcome(1, "l1", ("fr", "floor"))
    t.welcome(2, "l2", ("en",))
    t.from_core(s.AUDIENCE, 2, b"")  # l2 stops listening; 3 is never welcomed
    t.link.from_alive("first", T0 + 0.25)
    assert t.restored() == []
    t.link.from_alive("second", T0 + 0.5)
    restored = [(x.id, x.ssrc, x.resume, x.listening) for x in t.restored()]
    assert restored == [("l1", 0x10001, "r", ["fr", "floor"]), ("l2", 0x10002, "r", [])]
    assert t.outputs() == [
        Close(conn, CloseCode.GOING_AWAY, "the meeting's core restarted") for conn in (1, 2, 3)
    ]
    t.link.from_alive("second", T0 + 0.75)
    assert t.restored() == []


def test_sessions_closed_while_the_core_was_silent_go_to_the_next_core_only() -> None:
    for back in ("first", "second"):
        t = Link()
        t.link.from_alive("first", T0)
        t.link.connect(1, T0)
        t.welcome(1, "l1", ("fr",))
        t.beat(T0, T0 + s.CORE_SILENT_S)
        t.link.tick(T0 + s.CORE_SILENT_S)
        assert t.outputs() == [
            Close(1, CloseCode.GOING_AWAY, "the meeting's core is not answering: connect again")
        ]
        t.published.clear()
        t.link.from_alive(back, T0 + 3.0)  # the same core, cut off a while, still knows l1
        assert [x.id for x in t.restored()] == ([] if back == "first" else ["l1"])
        t.link.from_alive("third", T0 + 4.0)
        assert t.restored() == []


def test_a_hub_taking_the_meeting_over_lets_its_clients_resume_but_never_on_air() -> None:
    died = Meeting()
    coord = died.coordinator()
    en1 = died.interpreter("en1", "en", listen=["fr", "floor"])
    en1.ok({"type": "mic", "on": True, "channel": "en"})
    l1 = died.listener("l1", listen=["fr"])
    l2 = died.listener("l2")
    kept = [s.pack_participant(x) for x in died.hub.participants.values()]

    m = Meeting(now=died.now + 2.0)
    for data in kept:  # as an edge sends each
        assert m.hub.restore(s.unpack_participant(data), m.now)
    m.pump()
    assert not m.hub.restore(s.unpack_participant(kept[0]), m.now)
    assert m.on_air("en") is None  # the safety rule, as after any lost connection
    assert m.participant("en1")["connected"] is False

    en1_back = m.interpreter("en1", "en", resume=en1.resume)
    l1_back = m.listener("l1", resume=l1.resume)
    for old, back in ((en1, en1_back), (l1, l1_back)):
        me = back.welcome["participant"]  # type: ignore[index]
        assert me["resumed"] is True
        assert (me["id"], me["ssrc"]) == (old.id, old.ssrc)
    assert l1_back.welcome["participant"]["listening"] == ["fr"]  # type: ignore[index]
    assert en1_back.welcome["participant"]["listening"] == ["fr", "floor"]  # type: ignore[index]
    assert m.on_air("en") is None
    newcomer = m.listener("l3")
    assert newcomer.ssrc not in {coord.ssrc, en1.ssrc, l1.ssrc, l2.ssrc}

    m.wait(RESUME_WINDOW_S + 1.0)  # l2 never came back: its session went as after a loss
    assert "l2" not in m.hub.participants and "coord" in m.hub.participants


def test_connections_taken_as_lost_but_open_get_their_sessions_back_but_never_the_air() -> None:
    """What the core does with an edge it took for dead and heard again (`REATTACH`)."""
    m = Meeting()
    chair = m.floor()
    chair.ok({"type": "mic", "on": True, "channel": "floor"})
    en1 = m.interpreter("en1", "en", listen=["fr", "floor"])
    en1.ok({"type": "mic", "on": True, "channel": "en"})
    l1 = m.listener("l1", listen=["fr"])
    l2, l3, l4 = (m.listener(sub, listen=["en"]) for sub in ("l2", "l3", "l4"))
    for lost in (en1, l1, l2, l3, l4):  # their edge fell silent; their sockets stay open
        m.hub.disconnect(lost.conn, m.now)
    m.pump()
    assert m.on_air("en") is None  # the safety rule, as after any lost connection

    m.wait(2.0)
    assert m.hub.reattach(en1.conn, "en1", en1.resume, m.now)
    assert m.hub.reattach(l1.conn, "l1", l1.resume, m.now)
    m.pump()
    assert m.on_air("en") is None  # taking the air again is the interpreter's decision
    assert m.participant("en1")["connected"] is True and m.view()["listeners"] == 1
    en1.clear()
    l1.clear()
    chair.speak(1)
    assert [len(x.heard()) for x in (en1, l1)] == [2, 1]  # the floor, and in fallback on fr
    en1.ok({"type": "mic", "on": True, "channel": "en"})
    assert m.on_air("en") == "en1"

    assert not m.hub.reattach(l1.conn, "l1", l1.resume, m.now)  # attached already
    assert not m.hub.reattach(l2.conn, "l2", "another session's", m.now)
    m.listener("l3", resume=l3.resume)  # resumed elsewhere meanwhile
    assert not m.hub.reattach(l3.conn, "l3", l3.resume, m.now)
    m.hub.revoke(Revocations(participants=frozenset({"l4"})), m.now)
    assert not m.hub.reattach(l4.conn, "l4", l4.resume, m.now)
    m.wait(RESUME_WINDOW_S)  # l2's session expired
    assert not m.hub.reattach(l2.conn, "l2", l2.resume, m.now)
    jti = m.hub.participants["l1"].token_id  # its hello's, kept through the silence
    assert jti is not None
    assert m.hub.revoke(Revocations(token_ids=frozenset({jti})), m.now) == ["l1"]


def test_a_restored_participant_never_takes_anothers_ssrc_role_or_booth() -> None:
    m = Meeting()
    first = m.listener("l1")
    twin = Participant("l2", "L2", "listener", None, first.ssrc, "r", listening=["xx", "fr", "fr"])
    assert m.hub.restore(twin, m.now)
    assert twin.ssrc != first.ssrc and twin.listening == ["fr"]
    assert m.listener("l3").ssrc not in {first.ssrc, twin.ssrc}
    for role, booth in (("king", None), ("interpreter", "xx"), ("interpreter", None)):
        assert not m.hub.restore(Participant("x", "X", role, booth, 0x20000, "r"), m.now)


def test_a_connection_welcomed_before_the_first_beat_is_closed_when_the_core_falls_silent() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.welcome(1, "l1", ("fr",))  # the core answered; its first beat was still on its way
    t.outputs()
    assert t.wake_at == T0 + s.CORE_SILENT_S  # the core was heard: its silence now counts
    t.beat(T0, T0 + s.CORE_SILENT_S)
    t.link.tick(T0 + s.CORE_SILENT_S)
    assert t.outputs() == [
        Close(1, CloseCode.GOING_AWAY, "the meeting's core is not answering: connect again")
    ]

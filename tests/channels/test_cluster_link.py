"""The edge's side of the cluster, sans I/O: what `CoreLink` makes of what the core sends
(channels.cluster.edge), with the envelopes of channels.cluster.subjects."""

from __future__ import annotations

from channels import protocol as p
from channels.cluster import subjects as s
from channels.cluster.core import Leadership
from channels.cluster.edge import GOING_AWAY, CoreLink
from channels.hub import Broadcast, Close, Forward, Hub, Send
from channels.meeting import simple_meeting
from tests.rig.hubkit import T0

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
        self.published.append((subject, *s.unpack(data)))

    def from_core(self, kind: int, conn: int, payload: bytes = b"") -> None:
        self.link.from_core(s.pack(kind, EDGE << s.EDGE_SHIFT | conn, payload))

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
    t.link.from_core(s.pack_welcomed(EDGE << s.EDGE_SHIFT | 1, 4, "l1"))
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
    t.link.from_core(s.pack_welcomed(EDGE << s.EDGE_SHIFT | 1, 5, "l1"))
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
    t.link.from_core(s.pack(s.SEND, (EDGE + 1) << s.EDGE_SHIFT | 1, b"another edge's"))
    assert t.outputs() == []
    assert t.link.heard() == set()


def test_the_core_closes_a_connection() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.link.from_core(s.pack_close(EDGE << s.EDGE_SHIFT | 1, 4401, "token revoked"))
    assert t.outputs() == [Close(1, 4401, "token revoked")]
    t.from_core(s.SEND, 1, b"after the close")
    assert t.outputs() == []


def test_another_core_closes_every_connection_to_resume_with_it() -> None:
    t = Link()
    for conn in (1, 2):
        t.link.connect(conn, T0)
    t.link.from_core(s.pack_welcomed(EDGE << s.EDGE_SHIFT | 1, 1, "l1"))
    t.link.from_alive("first", T0)
    t.link.from_alive("first", T0)
    assert t.outputs() == []
    t.link.from_alive("second", T0)
    reason = "the meeting's core restarted"
    assert t.outputs() == [Close(1, GOING_AWAY, reason), Close(2, GOING_AWAY, reason)]
    assert t.link.participant_of(1) is None


def test_subjects_are_one_token_each_whatever_the_ids() -> None:
    subjects = s.Subjects("a_b.c*>")
    assert subjects.root == "rsi.a_5fb_2ec_2a_3e"
    assert subjects.channel("fr") == "rsi.a_5fb_2ec_2a_3e.channel.fr"
    assert subjects.edge(0xABC) == "rsi.a_5fb_2ec_2a_3e.edge.00000abc"
    assert s.version_of(snapshot(9)) == 9


def test_an_edge_the_core_forgot_closes_every_connection() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.from_core(s.AUDIENCE, 1, b"fr")
    t.link.from_core(s.pack(s.FORGOTTEN, EDGE << s.EDGE_SHIFT))
    reason = "the meeting's core lost this edge for a while"
    assert t.outputs() == [Close(1, GOING_AWAY, reason)]
    assert t.link.heard() == set()


def test_when_the_core_stays_silent_every_connection_is_closed_and_new_ones_at_once() -> None:
    t = Link()
    t.link.connect(1, T0)
    t.outputs()
    assert t.wake_at is None  # no core heard yet: its connections wait for it
    t.link.from_alive("first", T0)
    t.link.connect(2, T0)
    t.link.from_alive("first", T0 + 1.0)
    t.link.tick(T0 + 1.0 + s.CORE_SILENT_S - 0.01)
    assert t.outputs() == [] and t.wake_at == T0 + 1.0 + s.CORE_SILENT_S
    t.published.clear()
    t.link.tick(T0 + 1.0 + s.CORE_SILENT_S)
    reason = "the meeting's core is not answering: connect again"
    assert t.outputs() == [Close(1, GOING_AWAY, reason), Close(2, GOING_AWAY, reason)]
    assert t.wake_at is None
    core = s.Subjects("test").core
    assert t.published == [  # if it only lost NATS, the core lets them go at once
        (core, s.DISCONNECT, EDGE << s.EDGE_SHIFT | 1, b""),
        (core, s.DISCONNECT, EDGE << s.EDGE_SHIFT | 2, b""),
    ]
    t.published.clear()
    t.link.connect(3, T0 + 3.0)  # refused until the core beats again
    assert t.outputs() == [Close(3, GOING_AWAY, reason)] and t.published == []
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

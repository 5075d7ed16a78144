"""Random sessions against the hub's state machine never break its invariants.

Hypothesis drives random participants through random commands, media,
disconnects and time, and after every step checks what must always hold:
one speaker per channel, one live member per booth, nothing forwarded from
anyone off air or coughing, and each channel one continuous RTP stream.
"""

from __future__ import annotations

import json

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from channels import protocol, rtp
from channels.hub import Close, Forward, Hub
from channels.meeting import FLOOR
from channels.tokens import Claims
from tests.rig.meetings import bi_active_meeting

MEETING = bi_active_meeting()

PEOPLE = {
    "chair": ("floor", None),
    "delegate": ("floor", None),
    "coord": ("coordinator", None),
    "en1": ("interpreter", "en"),
    "en2": ("interpreter", "en"),
    "fr1": ("interpreter", "fr"),
    "zh1": ("interpreter", "zh"),
    "zh2": ("interpreter", "zh"),
    "zh3": ("interpreter", "zh"),
    "l1": ("listener", None),
}
CHANNELS = [ch.id for ch in MEETING.channels]
people = st.sampled_from(sorted(PEOPLE))


def _verify(token: str, now: float) -> Claims:
    role, booth = PEOPLE[token]
    return Claims(sub=token, name=token.upper(), role=role, booth=booth, mtg="prop", exp=None)


class HubSession(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.hub = Hub(MEETING, verify=_verify)
        self.now = 1000.0
        self.next_conn = 1
        self.conn_of: dict[str, int] = {}
        self.seq: dict[str, int] = {}
        self.last_out: dict[str, tuple[int, int, int | None]] = {}
        """channel -> (sequence, timestamp, sender ssrc) of the last packet forwarded."""
        self.wake_at: float | None = None
        """When the hub last asked to be ticked."""

    # --- Sessions ----------------------------------------------------------------------

    @rule(who=people, resume=st.booleans())
    def join(self, who: str, resume: bool) -> None:
        conn = self.next_conn
        self.next_conn += 1
        self.hub.connect(conn, self.now)
        old = self.hub.participants.get(who)
        hello = {"type": "hello", "token": who}
        if resume and old is not None:
            hello["resume"] = old.resume
        self.hub.receive_text(conn, json.dumps(hello), self.now)
        self.conn_of[who] = conn
        self._drain()

    @rule(who=people)
    def leave(self, who: str) -> None:
        conn = self.conn_of.pop(who, None)
        if conn is not None:
            self.hub.disconnect(conn, self.now)
            self._drain()

    @rule(seconds=st.sampled_from([0.001, 0.01, 0.02, 0.5, 6.0, 31.0, 61.0]))
    def time_passes(self, seconds: float) -> None:
        self.now += seconds
        self.hub.tick(self.now)
        self._drain()
        assert self.wake_at is None or self.wake_at > self.now, "ticked, yet asks for the past"

    # --- Commands ----------------------------------------------------------------------

    @precondition(lambda self: self.conn_of)
    @rule(
        who=people,
        message=st.one_of(
            st.builds(
                lambda ch: {"type": "mic", "on": True, "channel": ch},
                st.sampled_from([*CHANNELS, "nope"]),
            ),
            st.just({"type": "mic", "on": False}),
            st.builds(lambda on: {"type": "cough", "on": on}, st.booleans()),
            st.builds(
                lambda action, to: {"type": "handover", "action": action, "to": to},
                st.sampled_from(["offer", "request", "accept", "cancel"]),
                st.sampled_from([None, "en2", "zh2", "zh3", "fr1"]),
            ),
            st.builds(
                lambda chs: {"type": "listen", "channels": chs},
                st.lists(st.sampled_from(CHANNELS), max_size=4),
            ),
            st.builds(lambda target: {"type": "force_off", "participant": target}, people),
            st.builds(
                lambda lang: {"type": "floor_language", "language": lang},
                st.sampled_from(["en", "fr", None]),
            ),
            st.builds(
                lambda to: {"type": "chat", "to": to, "text": "hi"},
                st.sampled_from(["booth", "coordinators", "all", "en1", "booth:fr"]),
            ),
            st.just({"type": "signal", "kind": "slow_down"}),
        ),
    )
    def command(self, who: str, message: dict[str, object]) -> None:
        conn = self.conn_of.get(who)
        if conn is not None:
            self.hub.receive_text(conn, json.dumps(message), self.now)
            self._drain()

    @rule(junk=st.one_of(st.binary(max_size=40), st.text(max_size=40)), who=people)
    def junk(self, who: str, junk: bytes | str) -> None:
        conn = self.conn_of.get(who)
        if conn is None:
            return
        if isinstance(junk, str):
            self.hub.receive_text(conn, junk, self.now)
        else:
            self.hub.receive_media(conn, junk, self.now)
            assert self._drain() == [] or len(junk) >= 12
            return
        self._drain()

    # --- Media -------------------------------------------------------------------------

    @rule(who=people, frames=st.integers(1, 5))
    def speak(self, who: str, frames: int) -> None:
        conn = self.conn_of.get(who)
        participant = self.hub.participants.get(who)
        if conn is None or participant is None or participant.conn != conn:
            return
        for _ in range(frames):
            self.now += 0.01
            seq = self.seq.get(who, 0)
            self.seq[who] = seq + 1
            packet = rtp.build(
                sequence=seq, timestamp=seq * 480, ssrc=participant.ssrc, payload=b"\x01\x02"
            )
            holder = self.hub.on_air(who)
            allowed = holder is not None and not participant.cough
            self.hub.receive_media(conn, packet, self.now)
            out = self._drain()
            if not allowed:
                assert out == [], f"{who} is off air or coughing but was forwarded"
                continue
            assert out, f"{who} is on air on {holder} but nothing was forwarded"
            for forward in out:
                self._check_forwarded(forward.channel.id, forward.data, participant.ssrc, holder)

    def _check_forwarded(self, channel: str, data: bytes, sender: int, holder: str) -> None:
        packet = rtp.parse(data)
        ch = self.hub.channels[channel]
        assert packet.ssrc == ch.ssrc
        if channel == holder:
            assert packet.csrc == (sender,)
        else:  # floor fallback into a silent language channel
            assert holder == FLOOR and ch.on_air is None
            assert packet.csrc == (self.hub.floor.ssrc,)
        previous = self.last_out.get(channel)
        if previous is not None:
            last_seq, last_ts, last_sender = previous
            assert packet.sequence == (last_seq + 1) & 0xFFFF, "sequence gap in a channel"
            assert 0 < (packet.timestamp - last_ts) & 0xFFFFFFFF < 2**31, "timestamp went back"
            if last_sender != sender:
                assert packet.marker, "new sender without the marker bit"
        self.last_out[channel] = (packet.sequence, packet.timestamp, sender)

    def _drain(self) -> list[Forward]:
        """Carry out the closes the hub asks for; return the packets it forwarded."""
        forwarded = []
        outputs, self.wake_at = self.hub.outputs_to_send()
        while outputs:
            for output in outputs:
                if isinstance(output, Forward):
                    forwarded.append(output)
                elif isinstance(output, Close):
                    for who, conn in list(self.conn_of.items()):
                        if conn == output.conn:
                            del self.conn_of[who]
                    self.hub.disconnect(output.conn, self.now)
            outputs, self.wake_at = self.hub.outputs_to_send()
        return forwarded

    # --- Invariants --------------------------------------------------------------------

    @invariant()
    def one_speaker_per_channel_and_consistent(self) -> None:
        holders = [ch.on_air for ch in self.hub.channels.values() if ch.on_air is not None]
        assert len(holders) == len(set(holders)), "someone holds two channels"
        for ch in self.hub.channels.values():
            if ch.on_air is not None:
                assert self.hub.on_air(ch.on_air) == ch.id
                assert self.hub.participants[ch.on_air].conn is not None, "air held offline"

    @invariant()
    def one_live_member_per_booth(self) -> None:
        for booth in MEETING.booths:
            live = [
                x
                for x in self.hub.participants.values()
                if x.booth == booth.id and self.hub.on_air(x.id) is not None
            ]
            assert len(live) <= 1, f"booth {booth.id} has {len(live)} live members"

    @invariant()
    def air_only_on_allowed_channels(self) -> None:
        for ch in self.hub.channels.values():
            if ch.on_air is None:
                continue
            who = self.hub.participants[ch.on_air]
            if who.role == "floor":
                assert ch.id == FLOOR
            else:
                assert who.role == "interpreter"
                assert ch.id in self.hub.booths[who.booth].config.outputs  # type: ignore[index]

    @invariant()
    def snapshot_is_json(self) -> None:
        version = self.hub.version
        json.loads(protocol.encode(protocol.State(self.hub.snapshot())))
        assert self.hub.version == version + 1


HubSession.TestCase.settings = settings(max_examples=150, stateful_step_count=60, deadline=None)
TestHubSession = HubSession.TestCase

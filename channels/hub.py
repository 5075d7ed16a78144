"""The hub's rules as a sans-I/O state machine.

`Hub` owns who is connected, who listens to what, who holds the air, booth
interlock and handover, floor fallback, and the rewriting that makes each
channel one continuous RTP stream. It never touches a socket or a clock.
One way in: the I/O layer (:mod:`channels.server`) reports connection
events, text and binary frames and the passing of time, each with the
current time (`connect`, `disconnect`, `receive_text`, `receive_media`,
`revoke`, `tick`). One way out: right after any of them it calls
`outputs_to_send`, carries out what it gets (`Send`, `Broadcast`, `Forward`,
`Close`) and calls `tick` again at the deadline it gets with them. That
keeps every rule testable directly, and lets a later step feed it from a
message bus instead of sockets.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from channels import protocol as p
from channels.identity import clean_text
from channels.meeting import FLOOR, BoothConfig, MeetingConfig
from channels.protocol import ErrorCode, ProtocolError
from channels.revocation import Revocations
from channels.rtp import MAX_PACKET, OPUS_CLOCK_RATE, RtpError, read, rewrite_header
from channels.tokens import Claims, TokenError
from channels.tokens import verify as verify_token

HELLO_TIMEOUT_S = 5.0
RESUME_WINDOW_S = 30.0
HANDOVER_TIMEOUT_S = 60.0
STATE_BATCH_S = 0.1
"""At most one state snapshot per this interval (10 per second), the newest always sent:
however fast one participant changes the meeting, no one receives more."""
AUDIENCE_BATCH_S = 1.0
"""Listener counts alone (a listener joining, leaving or switching channel) go out at most
once per this interval: a thousand listeners joining cost everyone one snapshot a second."""
ABUSE_WINDOW_S = 10.0
ABUSE_LIMIT = 50
_RACES = frozenset({ErrorCode.CHANNEL_ENGAGED, ErrorCode.PARTNER_LIVE, ErrorCode.NO_HANDOVER})
"""Refusals that a person causes by pressing a key a moment too late: not abuse."""
CHAT_BURST = 20
CHAT_RATE_PER_S = 2.0
PING_BURST = 10
PING_RATE_PER_S = 5.0
"""Pings beyond this bucket are not answered and count as abuse."""
FIRST_PARTICIPANT_SSRC = 0x10000
DEFAULT_FRAME_TICKS = OPUS_CLOCK_RATE // 50  # 20 ms, until a stream shows its own step
MAX_MISORDER = 100
"""A sender's packet up to this many numbers behind its stream's head is a late one."""
MAX_DROPOUT = 3000
"""A sender's packet further ahead than this, or further behind than MAX_MISORDER, means
its numbering started afresh (a restarted encoder or gateway): the channel's stream goes on
from its head as at a change of sender (RFC 3550 appendix A.1's limits)."""
TICK_AT_MOST_EVERY_S = 0.25
"""While timeouts are pending, the hub asks to be ticked no more often than this."""


# --- What the hub asks the I/O layer to do -------------------------------------------


@dataclass(frozen=True, slots=True)
class Send:
    """Send one text frame (JSON) to one connection."""

    conn: int
    data: bytes


@dataclass(frozen=True, slots=True)
class Broadcast:
    """Send one text frame (a state snapshot) to every connection that has been welcomed.

    Only the newest snapshot matters: one still waiting for a slow connection
    may be replaced by this one.
    """

    data: bytes


@dataclass(slots=True)
class Forward:
    """Send one RTP packet as a binary frame to every connection in ``channel.audience``.

    The packet is the same for all of them: frame it once. Reading the
    audience when writing (not earlier) is right: it is the hub's live set.
    (Not frozen: one is made per packet and channel, and a frozen dataclass
    costs three times as much to make.)
    """

    channel: Channel
    data: bytes


@dataclass(frozen=True, slots=True)
class Close:
    """Close one connection with this code and reason, after sending what came before.

    The hub already counts the connection as gone; `disconnect` it when the
    socket is gone all the same (it is harmless).
    """

    conn: int
    code: int
    reason: str


Output = Send | Broadcast | Forward | Close


ToSend = tuple[list[Output], float | None]
"""What `Hub.outputs_to_send` gives: the outputs to carry out in order, and when to call
`Hub.tick` next (the hub's clock), or None when the hub waits for no time."""


# --- Live state ---------------------------------------------------------------------


@dataclass(slots=True)
class Participant:
    id: str
    name: str
    role: str
    booth: str | None
    ssrc: int
    resume: str
    conn: int | None = None
    listening: list[str] = field(default_factory=list)
    cough: bool = False
    quality: p.Quality | None = None
    platform: str | None = None
    """The platform a gateway serves, from its latest hello."""
    left_at: float | None = None
    """When the connection was lost; None while connected."""
    token_id: str | None = None
    """The `jti` of the token of its latest hello, for revocation."""


@dataclass(slots=True)
class Channel:
    """A channel's air and the state of its outgoing RTP stream."""

    id: str
    ssrc: int
    language: str | None
    booths: tuple[str, ...]
    """Booths that list this channel among their outputs."""
    on_air: str | None = None
    audience: set[int] = field(default_factory=set)
    """Connections that receive this channel's media."""
    # Rewriting: the outgoing stream continues across every change of sender.
    sender: int | None = None
    """SSRC whose numbering the offsets below map; None forces a resync and a marker."""
    seq_offset: int = 0
    ts_offset: int = 0
    last_seq: int = -1
    last_ts: int = 0
    last_time: float = 0.0
    step: int = DEFAULT_FRAME_TICKS


@dataclass(slots=True)
class Booth:
    config: BoothConfig
    handover: p.HandoverInfo | None = None
    live_since: float | None = None
    """When the current live member took the air, for the turn timer."""


@dataclass(slots=True)
class Connection:
    id: int
    opened: float
    participant: Participant | None = None
    refusals: deque[float] = field(default_factory=deque)
    chat_tokens: float = CHAT_BURST
    chat_time: float = 0.0
    ping_tokens: float = PING_BURST
    ping_time: float = 0.0


class Hub:
    """All rules of rsi.v1 for one meeting: inputs with the time in, `outputs_to_send` out."""

    def __init__(
        self,
        meeting: MeetingConfig,
        *,
        verify: Callable[[str, float], Claims] | None = None,
        numbering: random.Random | None = None,
    ) -> None:
        """``numbering`` draws each channel's first sequence number and timestamp
        (RFC 3550 section 5.1: random, so that a restarted hub's streams cannot be
        taken for the old ones); tests pass a seeded one."""
        self.meeting = meeting
        self._numbering = numbering if numbering is not None else random.SystemRandom()
        self._verify = verify or (lambda token, now: verify_token(token, meeting, now=now))
        self._outputs: list[Output] = []
        self.version = 0
        self.floor_language = meeting.floor_language
        self.floor_language_set_by: str | None = None
        """Who set `floor_language` last; None while it is the meeting file's."""
        self.dropped: Counter[str] = Counter()
        """Media dropped, by reason: never forwarded, only counted."""
        self.channels: dict[str, Channel] = {}
        for index, ch in enumerate(meeting.channels):
            self.channels[ch.id] = Channel(
                id=ch.id,
                ssrc=index + 1,
                language=ch.language,
                booths=tuple(b.id for b in meeting.booths if ch.id in b.outputs),
            )
        self.floor = self.channels[FLOOR]
        self.booths = {b.id: Booth(b) for b in meeting.booths}
        self.participants: dict[str, Participant] = {}
        self._connections: dict[int, Connection] = {}
        self._air: dict[str, Channel] = {}
        """Participant id -> the channel it holds."""
        self._next_ssrc = FIRST_PARTICIPANT_SSRC
        self._revoked = Revocations()
        self._dirty = False
        self._audience_dirty = False
        """Only listener counts changed since the last snapshot."""
        self._next_state_at = 0.0
        self._next_audience_at = 0.0
        self._timeout_at: float | None = None
        """When the earliest pending timeout (hello, resume, handover) may expire."""

    # --- Inputs: after each, call `outputs_to_send` -----------------------------------

    def connect(self, conn: int, now: float) -> None:
        """A socket was opened; it must say hello within HELLO_TIMEOUT_S."""
        self._connections[conn] = Connection(conn, now)
        self._expect_timeout(now + HELLO_TIMEOUT_S)
        self._flush_state(now)

    def disconnect(self, conn: int, now: float) -> None:
        """The socket is gone (closed, or dead after missed pings)."""
        self._disconnect(conn, now)
        self._flush_state(now)

    def receive_text(self, conn: int, data: str | bytes, now: float) -> None:
        """One text frame from a connection."""
        connection = self._connections.get(conn)
        if connection is None:
            return
        try:
            message = p.decode(data)
            if isinstance(message, p.Ping):
                # "At any time": a client may time the link before it says hello; but
                # every ping before hello counts as abuse, and so does a ping flood.
                allowed = self._ping_allowed(connection, now)
                if connection.participant is None or not allowed:
                    self._count_refusal(connection, now)
                if allowed and conn in self._connections:
                    self._send(conn, p.Pong(message.t))
            elif connection.participant is None:
                if not isinstance(message, p.Hello):
                    raise ProtocolError(
                        ErrorCode.UNAUTHORIZED, "say hello with your token first", _tag(message)
                    )
                self._hello(connection, message, now)
            else:
                self._command(connection, connection.participant, message, now)
        except ProtocolError as exc:
            self._refuse(connection, exc, now)
        self._flush_state(now)

    def receive_media(self, conn: int, data: bytes, now: float) -> None:
        """One binary frame: forwarded (a `Forward` per channel), or dropped and counted in
        `dropped`."""
        self._media(conn, data, now)
        if self._dirty:
            self._flush_state(now)

    def _media(self, conn: int, data: bytes, now: float) -> None:
        connection = self._connections.get(conn)
        who = connection.participant if connection else None
        if connection is None:
            self.dropped["before_hello"] += 1
            return
        if who is None:
            self.dropped["before_hello"] += 1
            self._count_refusal(connection, now)
            return
        if who.role == "listener":
            # Never on air, so never in flight either: abuse.
            self._drop_bad_media("off_air", connection, now)
            return
        try:
            marker, sequence, timestamp, ssrc, csrcs, _, _ = read(data)
        except RtpError:
            self._drop_bad_media("malformed", connection, now)
            return
        if len(data) - 4 * csrcs + 4 > MAX_PACKET:
            # Forwarded with one CSRC it would no longer fit a frame.
            self._drop_bad_media("oversize", connection, now)
            return
        if ssrc != who.ssrc:
            self._drop_bad_media("wrong_ssrc", connection, now)
            return
        channel = self._air.get(who.id)
        if channel is None:
            # Packets in flight when the air moved: normal, so not counted as abuse.
            self.dropped["off_air"] += 1
            return
        if who.cough:
            self.dropped["cough"] += 1
            return
        rewrite = self._rewrite
        outputs = self._outputs
        outputs.append(
            Forward(channel, rewrite(channel, data, marker, sequence, timestamp, ssrc, ssrc, now))
        )
        if channel is self.floor:
            floor = self.floor.ssrc
            for ch in self.channels.values():
                if ch.on_air is None and ch is not self.floor:
                    out = rewrite(ch, data, marker, sequence, timestamp, ssrc, floor, now)
                    outputs.append(Forward(ch, out))

    def revoke(self, revocations: Revocations, now: float) -> list[str]:
        """Take a new revocation list, in place of the previous one.

        Its tokens and participants are refused at `hello` from now on, and
        live connections it revokes are closed at once (an `error` saying so,
        then 4401), which releases their air like any lost connection.
        Returns the ids of the participants whose connections were closed.
        """
        self._revoked = revocations
        closed = []
        for connection in list(self._connections.values()):
            who = connection.participant
            if who is None:
                continue
            reason = revocations.refuses(who.id, who.token_id)
            if reason is None:
                continue
            self._send(connection.id, p.error(ErrorCode.UNAUTHORIZED, reason, None))
            self._outputs.append(Close(connection.id, p.CloseCode.TOKEN_REFUSED, "token revoked"))
            self._disconnect(connection.id, now)
            closed.append(who.id)
        self._flush_state(now)
        return closed

    def restore(self, who: Participant, now: float) -> bool:
        """Take over a participant of this meeting from another hub (a cluster core that died:
        :mod:`channels.cluster`), as one whose connection was lost at ``now``.

        Its client may resume it, with its id, SSRC and listening set, within RESUME_WINDOW_S
        for a listener, as after any lost connection; it is never on air. Refused (False) when
        this hub already knows that id (what it knows is newer), or for a role or booth this
        meeting does not have. An SSRC that another participant has is replaced by a new one,
        and channels the meeting does not have are left out of the listening set.
        """
        if (
            who.id in self.participants
            or who.role not in p.ROLES
            or (who.role == "interpreter" and who.booth not in self.booths)
        ):
            return False
        taken = {x.ssrc for x in self.participants.values()}
        if who.ssrc < FIRST_PARTICIPANT_SSRC or who.ssrc in taken:
            who.ssrc = self._take_ssrc()
        self._next_ssrc = max(self._next_ssrc, who.ssrc + 1)
        limit = p.ROLES[who.role].listen_limit
        who.listening = [ch for ch in dict.fromkeys(who.listening) if ch in self.channels][:limit]
        who.conn = None
        who.left_at = now
        who.cough = False
        self.participants[who.id] = who
        if who.role == "listener":
            self._expect_timeout(now + RESUME_WINDOW_S)
        self._changed(who)
        self._flush_state(now)
        return True

    def reattach(self, conn: int, participant_id: str, resume: str, now: float) -> bool:
        """Give a participant whose connection this hub took as lost that very connection
        back, still open (a cluster edge its core took for dead, then heard again:
        :mod:`channels.cluster`); ``participant_id`` and ``resume``: what it was welcomed as.

        Its session comes back as it was, listening set included, but never on air: the air
        went when the connection was taken as lost (the safety rule). Refused (False) when
        this hub has no such session without a connection (the client resumed elsewhere or
        said hello again meanwhile, or a listener's session expired) or the participant is
        revoked: then close the connection (1001), and its client connects again.
        """
        who = self.participants.get(participant_id)
        if (
            who is None
            or who.conn is not None
            or conn in self._connections
            or not secrets.compare_digest(resume.encode(), who.resume.encode())
            or self._revoked.refuses(who.id, who.token_id) is not None
        ):
            return False
        self._connections[conn] = Connection(conn, now, who)
        who.conn = conn
        who.left_at = None
        for ch in who.listening:
            self.channels[ch].audience.add(conn)
        self._changed(who)
        self._flush_state(now)
        return True

    def tick(self, now: float) -> None:
        """Time passes: hello deadlines, expired resumes and handovers, a batched snapshot.

        Call it at the ``wake_at`` of `outputs_to_send` (or at any other time).
        """
        timeouts = []
        for connection in list(self._connections.values()):
            if connection.participant is not None:
                continue
            if now - connection.opened > HELLO_TIMEOUT_S:
                del self._connections[connection.id]
                self._send(
                    connection.id,
                    p.error(ErrorCode.UNAUTHORIZED, "no hello within 5 s", None),
                )
                self._outputs.append(Close(connection.id, p.CloseCode.NO_HELLO, "no hello in time"))
            else:
                timeouts.append(connection.opened + HELLO_TIMEOUT_S)
        for who in list(self.participants.values()):
            if who.role != "listener" or who.left_at is None:
                continue
            if now - who.left_at > RESUME_WINDOW_S:
                del self.participants[who.id]
            else:
                timeouts.append(who.left_at + RESUME_WINDOW_S)
        for booth in self.booths.values():
            if booth.handover is None:
                continue
            if now - booth.handover.since > HANDOVER_TIMEOUT_S:
                booth.handover = None
                self._changed()
            else:
                timeouts.append(booth.handover.since + HANDOVER_TIMEOUT_S)
        self._timeout_at = max(min(timeouts), now + TICK_AT_MOST_EVERY_S) if timeouts else None
        self._flush_state(now)

    # --- The way out ---------------------------------------------------------------------

    def outputs_to_send(self) -> ToSend:
        """What to do now, and when to come back.

        Call it right after every input above. Carry out the outputs in their
        order; then, if ``wake_at`` is not None, call `tick` at that time (a
        later input does not cancel it; an earlier `wake_at` replaces it).
        """
        outputs, self._outputs = self._outputs, []
        wake_at = self._timeout_at
        state_at = self._state_due_at()
        if state_at is not None and (wake_at is None or state_at < wake_at):
            wake_at = state_at
        return outputs, wake_at

    # --- Queries ---------------------------------------------------------------------

    def participant_of(self, conn: int) -> Participant | None:
        connection = self._connections.get(conn)
        return connection.participant if connection else None

    def on_air(self, participant_id: str) -> str | None:
        channel = self._air.get(participant_id)
        return channel.id if channel else None

    def snapshot(self) -> p.Meeting:
        """The whole meeting as PROTOCOL.md shows it; every call counts as one sent."""
        self.version += 1
        listeners = [x for x in self.participants.values() if x.role == "listener"]
        per_channel = Counter(ch for x in listeners if x.conn is not None for ch in x.listening)
        return p.Meeting(
            id=self.meeting.id,
            title=self.meeting.title,
            version=self.version,
            floor_language=self.floor_language,
            floor_language_set_by=self.floor_language_set_by,
            channels=tuple(
                self._channel_view(ch, per_channel[ch.id]) for ch in self.channels.values()
            ),
            booths=tuple(self._booth_view(b) for b in self.booths.values()),
            participants=tuple(
                self._participant_view(x)
                for x in self.participants.values()
                if x.role != "listener"
            ),
            listeners=sum(1 for x in listeners if x.conn is not None),
        )

    # --- Session -----------------------------------------------------------------------

    def _hello(self, connection: Connection, hello: p.Hello, now: float) -> None:
        conn = connection.id
        try:
            claims = self._verify(hello.token, now)
        except TokenError as exc:
            self._turn_away(
                conn, ErrorCode.UNAUTHORIZED, str(exc), p.CloseCode.TOKEN_REFUSED, "token refused"
            )
            return
        revoked = self._revoked.refuses(claims.sub, claims.jti)
        if revoked is not None:
            self._turn_away(
                conn, ErrorCode.UNAUTHORIZED, revoked, p.CloseCode.TOKEN_REFUSED, "token revoked"
            )
            return
        if hello.platform is not None and not p.ROLES[claims.role].serves_platform:
            text = (
                f"only a gateway serves a platform: {p.ROLES[claims.role].called} may not name "
                "one in hello; leave 'platform' out, or use a gateway token"
            )
            self._turn_away(
                conn, ErrorCode.FORBIDDEN, text, p.CloseCode.ROLE_REFUSED, "not a gateway"
            )
            return
        if claims.role == "interpreter" and claims.booth not in self.booths:
            text = f"booth {claims.booth!r} is not part of meeting {self.meeting.id!r}"
            self._turn_away(
                conn, ErrorCode.FORBIDDEN, text, p.CloseCode.ROLE_REFUSED, "no such booth"
            )
            return
        who = self.participants.get(claims.sub)
        if who is not None and who.conn is not None and who.role != claims.role:
            # A token of another role must not take a live participant off (a listener
            # token with an interpreter's id would take the air from the booth).
            text = (
                f"participant {who.id!r} is connected as {p.ROLES[who.role].called}: a token "
                f"for {p.ROLES[claims.role].called} with the same id cannot take its place; "
                "ask the organiser for a token with an id of your own"
            )
            self._turn_away(
                conn, ErrorCode.FORBIDDEN, text, p.CloseCode.CONNECTED_ELSEWHERE, "id in use"
            )
            return
        resumed = (
            who is not None
            and hello.resume is not None
            and secrets.compare_digest(hello.resume.encode(), who.resume.encode())
            and (who.left_at is None or now - who.left_at <= RESUME_WINDOW_S)
        )
        if who is not None and who.conn is not None:
            # The same participant connected elsewhere: the older connection goes,
            # and so does its air (the mic is never carried over).
            self._replace(who, now)
        if who is None or who.role != claims.role or who.booth != claims.booth:
            if who is not None:  # same id, new role or booth: a new identity
                del self.participants[who.id]
                self._changed(who)  # a participant's entry leaves the snapshot
            who = Participant(
                id=claims.sub,
                name=claims.name,
                role=claims.role,
                booth=claims.booth,
                ssrc=self._take_ssrc(),
                resume="",
            )
            self.participants[who.id] = who
            resumed = False
        listening = list(who.listening) if resumed else []
        who.name = claims.name
        who.platform = hello.platform
        who.conn = conn
        who.left_at = None
        who.cough = False
        who.resume = secrets.token_urlsafe(18)
        who.listening = []
        connection.participant = who
        who.token_id = claims.jti
        self._set_listening(who, listening)
        self._changed(who)
        me = p.Me(
            id=who.id,
            name=who.name,
            role=who.role,
            booth=who.booth,
            ssrc=who.ssrc,
            listening=tuple(who.listening),
            resumed=resumed,
        )
        self._send(conn, p.Welcome(me, who.resume, self.snapshot()))

    def _turn_away(self, conn: int, code: ErrorCode, text: str, close: int, reason: str) -> None:
        """Refuse a hello: the error saying why, then the close; the connection is forgotten."""
        self._send(conn, p.error(code, text, "hello"))
        self._outputs.append(Close(conn, close, reason))
        del self._connections[conn]

    def _take_ssrc(self) -> int:
        ssrc = self._next_ssrc
        self._next_ssrc += 1
        return ssrc

    def _disconnect(self, conn: int, now: float) -> None:
        connection = self._connections.pop(conn, None)
        if connection is None or connection.participant is None:
            return
        who = connection.participant
        if who.conn != conn:  # replaced by a newer connection already
            return
        self._detach(who, now)

    def _detach(self, who: Participant, now: float) -> None:
        """The participant's connection is gone: release its air at once (safety rule)."""
        self._release(who, now)
        self._clear_handovers_of(who)
        for ch in who.listening:
            self.channels[ch].audience.discard(who.conn)
        who.conn = None
        who.left_at = now
        who.cough = False
        if who.role == "listener":
            self._expect_timeout(now + RESUME_WINDOW_S)
        self._changed(who)

    def _replace(self, who: Participant, now: float) -> None:
        old = who.conn
        assert old is not None
        self._detach(who, now)
        self._connections.pop(old, None)
        self._outputs.append(Close(old, p.CloseCode.CONNECTED_ELSEWHERE, "connected elsewhere"))

    # --- Commands ----------------------------------------------------------------------

    def _command(
        self, connection: Connection, who: Participant, msg: p.ClientMessage, now: float
    ) -> None:
        role = p.ROLES[who.role]
        if _tag(msg) not in role.sends:
            raise ProtocolError(
                ErrorCode.FORBIDDEN, f"{role.called} may not send {_tag(msg)}", _tag(msg)
            )
        match msg:
            case p.Listen(channels=channels):
                self._listen(who, channels)
            case p.Mic(on=True, channel=None):
                raise ProtocolError(ErrorCode.BAD_MESSAGE, "mic on needs a channel", "mic")
            case p.Mic(on=True, channel=str(channel)):
                self._take_air(who, channel, now)
            case p.Mic(on=False):
                self._release(who, now)
            case p.Cough(on=on):
                if who.cough != on:
                    who.cough = on
                    self._changed()
            case p.Handover():
                self._handover(who, msg, now)
            case p.Chat():
                self._rate(connection, "chat", now)
                self._chat(who, msg, now)
            case p.Signal(kind=kind):
                self._rate(connection, "signal", now)
                data = p.encode(p.SignalDelivered(who.id, kind, now))
                for x in self.participants.values():
                    if x.role in ("coordinator", "floor") and x.conn is not None:
                        self._outputs.append(Send(x.conn, data))
            case p.FloorLanguage(language=language):
                if language != self.floor_language:
                    self.floor_language = language
                    self.floor_language_set_by = who.id
                    self._changed()
            case p.ForceOff(participant=target):
                victim = self.participants.get(target)
                if victim is None:
                    raise ProtocolError(
                        ErrorCode.BAD_MESSAGE, f"no participant {target!r}", "force_off"
                    )
                if victim.id in self._air:
                    self._release(victim, now)
                    if victim.conn is not None:
                        self._send(victim.conn, p.ForcedOff(who.id))
            case p.Report():
                who.quality = p.Quality(msg.rtt_ms, msg.jitter_ms, msg.loss, msg.buffer_ms)
                if who.role != "listener":
                    self._changed()
            case p.Hello():
                raise ProtocolError(ErrorCode.BAD_MESSAGE, "hello was already accepted", "hello")

    def _listen(self, who: Participant, channels: list[str]) -> None:
        wanted = list(dict.fromkeys(channels))
        for ch in wanted:
            if ch not in self.channels:
                raise ProtocolError(ErrorCode.UNKNOWN_CHANNEL, f"no channel {ch!r}", "listen")
        role = p.ROLES[who.role]
        limit = role.listen_limit
        if limit is not None and len(wanted) > limit:
            raise ProtocolError(
                ErrorCode.TOO_MANY_CHANNELS,
                f"{role.called} may listen to at most {limit} channel(s), not {len(wanted)}",
                "listen",
            )
        self._set_listening(who, wanted)

    def _set_listening(self, who: Participant, wanted: list[str]) -> None:
        if wanted == who.listening:
            return
        for ch in who.listening:
            self.channels[ch].audience.discard(who.conn)
        if who.conn is not None:
            for ch in wanted:
                self.channels[ch].audience.add(who.conn)
        who.listening = wanted
        self._changed(who)

    def _take_air(self, who: Participant, channel_id: str, now: float) -> None:
        channel = self.channels.get(channel_id)
        if channel is None:
            raise ProtocolError(ErrorCode.UNKNOWN_CHANNEL, f"no channel {channel_id!r}", "mic")
        if p.ROLES[who.role].floor_source:
            if channel is not self.floor:
                raise ProtocolError(
                    ErrorCode.NOT_AN_OUTPUT, "the floor speaks on the floor channel only", "mic"
                )
        else:
            booth = self.booths[who.booth]  # type: ignore[index]
            if channel_id not in booth.config.outputs:
                raise ProtocolError(
                    ErrorCode.NOT_AN_OUTPUT,
                    f"booth {booth.config.id} outputs {', '.join(booth.config.outputs)}, "
                    f"not {channel_id}",
                    "mic",
                )
            live = self._live_member(booth)
            if live is not None and live is not who:
                raise ProtocolError(
                    ErrorCode.PARTNER_LIVE,
                    f"{live.name} is live in your booth: ask for a handover",
                    "mic",
                )
        if channel.on_air is not None and channel.on_air != who.id:
            holder = self.participants[channel.on_air]
            raise ProtocolError(
                ErrorCode.CHANNEL_ENGAGED,
                f"{channel_id} is engaged by {holder.name}"
                + (f" ({holder.booth} booth)" if holder.booth else ""),
                "mic",
            )
        current = self._air.get(who.id)
        if current is channel:
            return
        if current is not None:
            self._vacate(current)
        else:
            self._mark_live(who, now)
        self._occupy(channel, who)

    def _release(self, who: Participant, now: float) -> None:
        channel = self._air.get(who.id)
        if channel is None:
            return
        self._vacate(channel)
        who.cough = False
        if who.booth is not None:
            booth = self.booths[who.booth]
            booth.handover = None
            booth.live_since = None

    def _occupy(self, channel: Channel, who: Participant) -> None:
        channel.on_air = who.id
        self._new_talkspurt(channel)
        self._air[who.id] = channel
        self._changed()

    def _vacate(self, channel: Channel) -> None:
        assert channel.on_air is not None
        del self._air[channel.on_air]
        channel.on_air = None
        self._new_talkspurt(channel)
        self._changed()

    def _new_talkspurt(self, channel: Channel) -> None:
        """The next packet on ``channel`` starts a talkspurt (marker, fresh numbering).

        A change on the floor is a change on every channel that gives the floor
        in fallback too, even when the same speaker comes back.
        """
        channel.sender = None
        if channel is self.floor:
            for ch in self.channels.values():
                if ch.on_air is None:
                    ch.sender = None

    def _mark_live(self, who: Participant, now: float) -> None:
        if who.booth is not None:
            self.booths[who.booth].live_since = now

    def _live_member(self, booth: Booth) -> Participant | None:
        for ch_id in booth.config.outputs:
            holder = self.channels[ch_id].on_air
            if holder is not None and self.participants[holder].booth == booth.config.id:
                return self.participants[holder]
        return None

    # --- Handover ----------------------------------------------------------------------

    def _handover(self, who: Participant, msg: p.Handover, now: float) -> None:
        booth = self.booths[who.booth]  # type: ignore[index]
        pending = booth.handover
        live = self._live_member(booth)
        if msg.action in ("offer", "request"):
            if live is None:
                raise ProtocolError(
                    ErrorCode.NO_HANDOVER, "nobody in your booth is on air", "handover"
                )
            if msg.action == "offer":
                if live is not who:
                    raise ProtocolError(
                        ErrorCode.NO_HANDOVER, "only the live interpreter can offer", "handover"
                    )
                partner = self._partner(booth, who, msg.to)
            else:
                if live is who:
                    raise ProtocolError(
                        ErrorCode.NO_HANDOVER, "you are live: offer instead", "handover"
                    )
                partner = live
            if (
                pending is not None
                and pending.sender == partner.id
                and pending.to == who.id
                and pending.action != msg.action
            ):
                self._pass_air(booth, live, who if live is partner else partner, now)
                return
            booth.handover = p.HandoverInfo(who.id, partner.id, msg.action, now)
            self._expect_timeout(now + HANDOVER_TIMEOUT_S)
            self._changed()
        elif msg.action == "accept":
            if pending is None or pending.to != who.id or live is None:
                raise ProtocolError(
                    ErrorCode.NO_HANDOVER, "no handover is waiting for you", "handover"
                )
            incoming = who if pending.action == "offer" else self.participants[pending.sender]
            self._pass_air(booth, live, incoming, now)
        else:  # cancel
            if pending is None or who.id not in (pending.sender, pending.to):
                raise ProtocolError(ErrorCode.NO_HANDOVER, "no handover to cancel", "handover")
            booth.handover = None
            self._changed()

    def _partner(self, booth: Booth, who: Participant, named: str | None) -> Participant:
        partners = [
            x
            for x in self.participants.values()
            if x.booth == booth.config.id and x is not who and x.conn is not None
        ]
        if named is not None:
            partners = [x for x in partners if x.id == named]
        if not partners:
            raise ProtocolError(
                ErrorCode.NO_HANDOVER,
                "no partner is connected in your booth"
                if named is None
                else f"{named} is not a connected member of your booth",
                "handover",
            )
        if len(partners) > 1:
            raise ProtocolError(
                ErrorCode.BAD_MESSAGE,
                "several partners are connected: name one with 'to'",
                "handover",
            )
        return partners[0]

    def _pass_air(
        self, booth: Booth, outgoing: Participant, incoming: Participant, now: float
    ) -> None:
        """Hand the air over in one step: no floor fallback in between."""
        channel = self._air.pop(outgoing.id)
        outgoing.cough = False
        channel.on_air = incoming.id
        channel.sender = None  # the next packet, from the incoming speaker, carries the marker
        self._air[incoming.id] = channel
        booth.handover = None
        booth.live_since = now
        self._changed()

    def _clear_handovers_of(self, who: Participant) -> None:
        if who.booth is None:
            return
        booth = self.booths[who.booth]
        if booth.handover and who.id in (booth.handover.sender, booth.handover.to):
            booth.handover = None
            self._changed()

    # --- Messages ----------------------------------------------------------------------

    def _chat(self, who: Participant, msg: p.Chat, now: float) -> None:
        text = clean_text(msg.text)
        if not text:
            raise ProtocolError(
                ErrorCode.BAD_MESSAGE,
                "nothing is left of the text once control and text-direction characters are "
                "removed; write some words",
                "chat",
            )
        to = msg.to
        if to == "booth" or to.startswith("booth:"):
            booth_id = who.booth if to == "booth" else to.removeprefix("booth:")
            if booth_id is None:
                raise ProtocolError(ErrorCode.NOT_IN_BOOTH, "you are not in a booth", "chat")
            if booth_id not in self.booths:
                raise ProtocolError(ErrorCode.BAD_MESSAGE, f"no booth {booth_id!r}", "chat")
            recipients: Iterable[Participant] = (
                x for x in self.participants.values() if x.booth == booth_id
            )
        elif to == "coordinators":
            recipients = (x for x in self.participants.values() if x.role == "coordinator")
        elif to == "all":
            if who.role != "coordinator":
                raise ProtocolError(
                    ErrorCode.FORBIDDEN, "only coordinators may write to all", "chat"
                )
            recipients = (x for x in self.participants.values() if x.role != "listener")
        elif to in self.participants and self.participants[to].role != "listener":
            recipients = (self.participants[to],)
        else:
            raise ProtocolError(
                ErrorCode.BAD_MESSAGE,
                f"no recipient {to!r}: use booth, coordinators, or a participant id",
                "chat",
            )
        data = p.encode(p.ChatDelivered(sender=who.id, name=who.name, to=to, text=text, at=now))
        # The sender gets an echo, so its log shows what was delivered.
        targets = {x.conn for x in (*recipients, who) if x.conn is not None}
        for conn in targets:
            self._outputs.append(Send(conn, data))

    def _rate(self, connection: Connection, what: str, now: float) -> None:
        elapsed = now - connection.chat_time
        connection.chat_time = now
        connection.chat_tokens = min(CHAT_BURST, connection.chat_tokens + elapsed * CHAT_RATE_PER_S)
        if connection.chat_tokens < 1:
            raise ProtocolError(
                ErrorCode.RATE_LIMITED,
                f"too many messages: at most {CHAT_RATE_PER_S:g} per second after a burst "
                f"of {CHAT_BURST}",
                what,
            )
        connection.chat_tokens -= 1

    def _ping_allowed(self, connection: Connection, now: float) -> bool:
        elapsed = now - connection.ping_time
        connection.ping_time = now
        connection.ping_tokens = min(PING_BURST, connection.ping_tokens + elapsed * PING_RATE_PER_S)
        if connection.ping_tokens < 1:
            return False
        connection.ping_tokens -= 1
        return True

    # --- Refusals ----------------------------------------------------------------------

    def _refuse(self, connection: Connection, exc: ProtocolError, now: float) -> None:
        self._send(connection.id, p.error(exc.code, exc.message, exc.ref))
        if exc.code not in _RACES:
            self._count_refusal(connection, now)

    def _drop_bad_media(self, reason: str, connection: Connection, now: float) -> None:
        self.dropped[reason] += 1
        self._count_refusal(connection, now)

    def _count_refusal(self, connection: Connection, now: float) -> None:
        window = connection.refusals
        window.append(now)
        while window and now - window[0] > ABUSE_WINDOW_S:
            window.popleft()
        if len(window) > ABUSE_LIMIT and connection.id in self._connections:
            self._outputs.append(Close(connection.id, p.CloseCode.ABUSE, "too much bad input"))
            self._disconnect(connection.id, now)

    def _send(self, conn: int, message: p.HubMessage) -> None:
        self._outputs.append(Send(conn, p.encode(message)))

    def _changed(self, by: Participant | None = None) -> None:
        """The meeting changed; ``by`` a listener, only its counts did (AUDIENCE_BATCH_S)."""
        if by is not None and by.role == "listener":
            self._audience_dirty = True
        else:
            self._dirty = True

    def _state_due_at(self) -> float | None:
        """When the next snapshot may go out; None while nothing changed."""
        if self._dirty:
            return self._next_state_at
        if self._audience_dirty:
            return max(self._next_state_at, self._next_audience_at)
        return None

    def _flush_state(self, now: float) -> None:
        """Broadcast a snapshot if the meeting changed and the batch window allows.

        The first change after a quiet spell goes out at once; later ones within
        STATE_BATCH_S are batched into one snapshot, sent by the `tick` at the
        window's end (`outputs_to_send` asks for it). Changes of listener counts
        alone wait AUDIENCE_BATCH_S after the last snapshot; any snapshot carries them.
        """
        due = self._state_due_at()
        if due is None or now < due:
            return
        self._dirty = self._audience_dirty = False
        self._next_state_at = now + STATE_BATCH_S
        self._next_audience_at = now + AUDIENCE_BATCH_S
        self._outputs.append(Broadcast(p.encode(p.State(self.snapshot()))))

    def _expect_timeout(self, at: float) -> None:
        """A timeout may expire at ``at``: make sure `outputs_to_send` asks for a tick by then."""
        if self._timeout_at is None or at < self._timeout_at:
            self._timeout_at = at

    # --- Media -------------------------------------------------------------------------

    def _rewrite(
        self,
        ch: Channel,
        data: bytes,
        marker: bool,
        seq: int,
        ts: int,
        sender: int,
        origin: int,
        now: float,
    ) -> bytes:
        """Map a packet (its fields as `read` gives them) into the channel's own continuous
        sequence and timeline."""
        restarted = False
        if ch.sender == sender:
            ahead = (seq + ch.seq_offset - ch.last_seq) & 0xFFFF
            if ahead == 0 or ahead >= 0x10000 - MAX_MISORDER:
                # Late (reordered) or repeated packet: forward it, but the stream's head
                # stays where it is, so a later change of sender never reuses a number.
                return rewrite_header(
                    data,
                    ssrc=ch.ssrc,
                    sequence=seq + ch.seq_offset,
                    timestamp=ts + ch.ts_offset,
                    marker=False,
                    origin=origin,
                )
            restarted = ahead > MAX_DROPOUT
        if ch.sender != sender or restarted:
            # A new sender (or the same one after a change of air, or with its numbering
            # started afresh): continue the channel's numbering from where it stood,
            # advanced by the real time that passed, and mark the start of the new talkspurt.
            if ch.last_seq < 0:  # the channel's first packet: a random start
                out_seq = self._numbering.getrandbits(16)
                out_ts = self._numbering.getrandbits(32)
            else:
                out_seq = ch.last_seq + 1
                gap = round((now - ch.last_time) * OPUS_CLOCK_RATE)
                out_ts = ch.last_ts + max(ch.step, gap)
            ch.seq_offset = out_seq - seq
            ch.ts_offset = out_ts - ts
            ch.sender = sender
            marker = True
        else:
            out_seq = seq + ch.seq_offset
            out_ts = ts + ch.ts_offset
            step = (out_ts - ch.last_ts) & 0xFFFFFFFF
            if 0 < step <= OPUS_CLOCK_RATE // 10:
                ch.step = step
        ch.last_seq = out_seq & 0xFFFF
        ch.last_ts = out_ts & 0xFFFFFFFF
        ch.last_time = now
        return rewrite_header(
            data, ssrc=ch.ssrc, sequence=out_seq, timestamp=out_ts, marker=marker, origin=origin
        )

    # --- Views -------------------------------------------------------------------------

    def _channel_view(self, ch: Channel, listeners: int) -> p.ChannelInfo:
        if ch is self.floor:
            return p.ChannelInfo.floor(
                ssrc=ch.ssrc, language=ch.language, on_air=ch.on_air, listeners=listeners
            )
        holder = self.participants[ch.on_air] if ch.on_air else None
        return p.ChannelInfo(
            ch.id,
            ch.ssrc,
            ch.language,
            ch.on_air,
            listeners,
            booth=holder.booth if holder else (ch.booths[0] if ch.booths else None),
            booths=ch.booths,
            source=(holder.listening[0] if holder.listening else None) if holder else None,
            fallback=holder is None,
        )

    def _booth_view(self, booth: Booth) -> p.BoothInfo:
        live = self._live_member(booth)
        return p.BoothInfo(
            booth.config.id,
            booth.config.outputs,
            booth.config.languages,
            tuple(x.id for x in self.participants.values() if x.booth == booth.config.id),
            live.id if live else None,
            booth.live_since if live else None,
            booth.handover,
        )

    def _participant_view(self, x: Participant) -> p.ParticipantInfo:
        return p.ParticipantInfo(
            x.id,
            x.name,
            x.role,
            x.booth,
            x.ssrc,
            x.conn is not None,
            x.cough,
            tuple(x.listening),
            self.on_air(x.id),
            x.quality,
            x.platform,
        )


def _tag(message: p.ClientMessage) -> str:
    return str(type(message).__struct_config__.tag)

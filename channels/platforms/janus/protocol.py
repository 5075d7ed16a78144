"""Janus's WebSocket API for AudioBridge rooms, as a sans-I/O state machine.

:class:`JanusSession` is one Janus session on one WebSocket (subprotocol
``janus-protocol``): it creates the session, attaches one AudioBridge handle
per room (a handle is in one room at most), joins each room as a plain RTP
participant, keeps the session alive and says how everything ended. It owns
no socket and no clock: the caller feeds it every text frame with
:meth:`~JanusSession.receive_text` and the time with
:meth:`~JanusSession.advance` (at :meth:`~JanusSession.next_deadline` at the
latest), sends what :meth:`~JanusSession.data_to_send` returns, and acts on
:meth:`~JanusSession.events_received`. Times are seconds on one monotonic
clock.

Whatever ends the session (Janus's timeout, a forgotten session, a request
Janus did not answer within ``request_timeout_s``, the caller's
:meth:`~JanusSession.close`, the socket lost as told by
:meth:`~JanusSession.connection_lost`) comes out as exactly one
:class:`Ended`, with a sentence for the user; the session is dead then, and
reconnecting means a new socket and a new :class:`JanusSession`. How Janus
behaves, and so why the rules are what they are: docs/gateways.md and
docs/architecture.md, "Design notes".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

from channels.rtp import AUDIO_LEVEL_ID, OPUS_PAYLOAD_TYPE

SUBPROTOCOL: Final = "janus-protocol"
"""The WebSocket subprotocol Janus's WebSockets transport speaks."""
PLUGIN: Final = "janus.plugin.audiobridge"
KEEPALIVE_S: Final = 25.0
"""A keepalive after this long without a request (Janus's session_timeout defaults to 60 s)."""
REQUEST_TIMEOUT_S: Final = 10.0
"""How long Janus may take to answer a request before the session is given up."""

NO_SUCH_SESSION: Final = 458
"""Janus API error: the session id is unknown (it timed out, or Janus restarted)."""
NO_SUCH_ROOM: Final = 485
"""AudioBridge error: the room does not exist."""
UNAUTHORIZED: Final = 489
"""AudioBridge error: the join is refused (no plain RTP here, a wrong PIN, not on the list)."""

RoomId = int | str
"""A room's id: a number, or a string where Janus runs with ``string_ids``."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """An IP address and UDP port."""

    host: str
    port: int


@dataclass(frozen=True, slots=True)
class JoinSettings:
    """What a ``join`` asks for besides the room and our RTP address.

    ``bitrate`` (b/s) and ``quality`` (0-10, the Opus complexity) set the
    encoder Janus runs for *our* copy of the mix: its defaults gave 28 kb/s.
    ``prebuffer`` is how many of *our* packets Janus queues before mixing
    them (2 is about 60 ms through Janus; the room's default is 6, about
    140 ms; fewer than 2 plays nothing or breaks up). ``muted`` joins
    without being mixed (a room the gateway only listens to).
    ``expected_loss`` (0-20 %) makes Janus add Opus FEC to the mix it sends
    us, for a lossy path; ``fec`` asks for it in the ``rtp`` object.
    """

    display: str = "RSI gateway"
    pin: str | None = None
    muted: bool = False
    bitrate: int = 64_000
    quality: int = 10
    prebuffer: int = 2
    expected_loss: int = 0
    fec: bool = False

    def __post_init__(self) -> None:
        if not 500 <= self.bitrate <= 512_000:
            raise ValueError(f"bitrate must be 500..512000 b/s, not {self.bitrate}")
        if not 0 <= self.quality <= 10:
            raise ValueError(f"quality must be 0..10, not {self.quality}")
        if not 1 <= self.prebuffer <= 50:
            raise ValueError(f"prebuffer must be 1..50 packets, not {self.prebuffer}")
        if not 0 <= self.expected_loss <= 20:
            raise ValueError(f"expected_loss must be 0..20 %, not {self.expected_loss}")


# -- events ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionReady:
    """Janus opened our session: joins go ahead."""

    session_id: int


@dataclass(frozen=True, slots=True)
class Joined:
    """We are in ``room``; send our RTP to ``janus`` (Janus sends nothing until it hears us)."""

    room: RoomId
    participant: int | str
    janus: Endpoint
    payload_type: int


@dataclass(frozen=True, slots=True)
class JoinFailed:
    """Janus refused the join; ``message`` says why and what to do, ``code`` is Janus's."""

    room: RoomId
    code: int | None
    message: str


@dataclass(frozen=True, slots=True)
class Left:
    """We are out of ``room``: we left, the room was destroyed, or we were kicked."""

    room: RoomId
    reason: str


@dataclass(frozen=True, slots=True)
class Ended:
    """The session is over (every room with it); ``reason`` is a sentence for the user."""

    reason: str


Event = SessionReady | Joined | JoinFailed | Left | Ended


# -- the state machine ---------------------------------------------------------------------------


class _Kind(Enum):
    CREATE = "create"
    ATTACH = "attach"
    JOIN = "join"
    LEAVE = "leave"
    KEEPALIVE = "keepalive"
    DETACH = "detach"
    DESTROY = "destroy"


@dataclass(slots=True)
class _Pending:
    kind: _Kind
    room: RoomId | None
    deadline: float | None
    """None: an answer that does not matter (a detach)."""


@dataclass(slots=True)
class _Room:
    room: RoomId
    local: Endpoint
    settings: JoinSettings
    handle: int | None = None
    participant: int | str | None = None
    joined: bool = False


class JanusSession:
    """One Janus session: AudioBridge rooms joined as a plain RTP participant.

    Constructed when the WebSocket is open: the first text to send creates
    the session. ``api_secret`` goes into every request, for a Janus that
    requires one (``apisecret`` in janus.jcfg).
    """

    def __init__(
        self,
        now: float,
        *,
        api_secret: str | None = None,
        keepalive_s: float = KEEPALIVE_S,
        request_timeout_s: float = REQUEST_TIMEOUT_S,
    ) -> None:
        self._api_secret = api_secret
        self._keepalive_s = keepalive_s
        self._request_timeout_s = request_timeout_s
        self._out: list[str] = []
        self._events: list[Event] = []
        self._pending: dict[str, _Pending] = {}
        self._rooms: dict[RoomId, _Room] = {}
        self._handles: dict[int, RoomId] = {}
        self._counter = 0
        self._last_request = now
        self.session_id: int | None = None
        self.ended: str | None = None
        """Why the session ended, once it has."""
        self.malformed = 0
        """Texts from Janus that were not JSON objects (ignored)."""
        self._request(_Kind.CREATE, None, {}, now)

    # -- the caller's requests ---------------------------------------------------------------

    def join(self, room: RoomId, local: Endpoint, settings: JoinSettings, now: float) -> None:
        """Join ``room``, asking Janus to send our mix to ``local``.

        Answered by :class:`Joined` or :class:`JoinFailed` (or :class:`Ended`).
        Raises ValueError for a room already joined or being joined here, or
        after the end.
        """
        self._check_open()
        if room in self._rooms:
            raise ValueError(f"room {room} is already joined on this Janus session")
        self._rooms[room] = _Room(room, local, settings)
        if self.session_id is not None:
            self._request(_Kind.ATTACH, room, {"plugin": PLUGIN}, now)

    def leave(self, room: RoomId, now: float) -> None:
        """Leave a joined room: answered by :class:`Left` (or :class:`Ended`)."""
        self._check_open()
        state = self._rooms.get(room)
        if state is None or not state.joined:
            raise ValueError(f"room {room} is not joined on this Janus session")
        self._message(_Kind.LEAVE, state, {"request": "leave"}, now)

    def close(self, now: float) -> None:
        """Destroy the session (leaving every room): answered by :class:`Ended`."""
        if self.ended is None and self.session_id is not None:
            self._request(_Kind.DESTROY, None, {}, now)
        elif self.ended is None:
            self._end("the gateway closed its Janus session")

    def connection_lost(self, reason: str) -> None:
        """The WebSocket is gone (``reason`` says how): the session ends with it."""
        self._end(reason)

    # -- what Janus says, and time --------------------------------------------------------------

    def receive_text(self, text: str, now: float) -> None:
        """One text frame from Janus."""
        if self.ended is not None:
            return
        try:
            message = json.loads(text)
        except ValueError:
            self.malformed += 1
            return
        if not isinstance(message, dict):
            self.malformed += 1
            return
        kind = message.get("janus")
        raw = message.get("transaction")
        transaction = raw if isinstance(raw, str) else ""
        pending = self._pending.get(transaction)
        if kind == "success" and pending is not None:
            self._success(transaction, pending, message, now)
        elif kind == "error" and pending is not None:
            self._error(transaction, pending, message, now)
        elif kind == "ack" and pending is not None and pending.kind is _Kind.KEEPALIVE:
            del self._pending[transaction]
        elif kind == "event":
            self._event(transaction, pending, message, now)
        elif kind == "timeout" and message.get("session_id") == self.session_id:
            self._end(
                "Janus ended the session: it heard nothing from the gateway for its "
                "session_timeout (the machine or the network stalled); reconnect"
            )
        elif kind == "detached":
            self._detached(message)

    def advance(self, now: float) -> None:
        """Let time pass: a request Janus left unanswered ends the session; keepalives go out."""
        if self.ended is not None:
            return
        for pending in self._pending.values():
            if pending.deadline is not None and now >= pending.deadline:
                what = pending.kind.value
                if pending.room is not None:
                    what += f" for room {pending.room}"
                self._end(
                    f"Janus did not answer the gateway's {what} within "
                    f"{self._request_timeout_s:g} s: it is stuck or the network is; reconnect"
                )
                return
        if self.session_id is not None and now >= self._last_request + self._keepalive_s:
            self._request(_Kind.KEEPALIVE, None, {}, now)

    def next_deadline(self) -> float | None:
        """When :meth:`advance` must be called next (None once ended)."""
        if self.ended is not None:
            return None
        deadlines = [p.deadline for p in self._pending.values() if p.deadline is not None]
        if self.session_id is not None:
            deadlines.append(self._last_request + self._keepalive_s)
        return min(deadlines) if deadlines else None

    def data_to_send(self) -> list[str]:
        """Texts to send to Janus, in order (each one WebSocket text frame)."""
        out, self._out = self._out, []
        return out

    def events_received(self) -> list[Event]:
        """What happened since the last call."""
        events, self._events = self._events, []
        return events

    # -- internals ----------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self.ended is not None:
            raise ValueError(f"the Janus session has ended: {self.ended}")

    def _request(
        self,
        kind: _Kind,
        room: RoomId | None,
        fields: dict[str, Any],
        now: float,
        *,
        timed: bool = True,
    ) -> None:
        self._counter += 1
        transaction = f"rsi{self._counter}"
        request: dict[str, Any] = {"janus": kind.value, "transaction": transaction}
        if kind in (_Kind.JOIN, _Kind.LEAVE):
            request["janus"] = "message"
        if self.session_id is not None:
            request["session_id"] = self.session_id
        request.update(fields)
        if self._api_secret is not None:
            request["apisecret"] = self._api_secret
        self._out.append(json.dumps(request, separators=(",", ":")))
        self._last_request = now
        deadline = now + self._request_timeout_s if timed else None
        self._pending[transaction] = _Pending(kind, room, deadline)

    def _message(self, kind: _Kind, state: _Room, body: dict[str, Any], now: float) -> None:
        self._request(kind, state.room, {"handle_id": state.handle, "body": body}, now)

    def _join_body(self, state: _Room) -> dict[str, Any]:
        s = state.settings
        body: dict[str, Any] = {
            "request": "join",
            "room": state.room,
            "display": s.display,
            "muted": s.muted,
            "bitrate": s.bitrate,
            "quality": s.quality,
            "prebuffer": s.prebuffer,
            "expected_loss": s.expected_loss,
            "rtp": {
                "ip": state.local.host,
                "port": state.local.port,
                "payload_type": OPUS_PAYLOAD_TYPE,
                "audiolevel_ext": AUDIO_LEVEL_ID,
                "fec": s.fec,
            },
        }
        if s.pin is not None:
            body["pin"] = s.pin
        return body

    def _success(
        self, transaction: str, pending: _Pending, message: dict[str, Any], now: float
    ) -> None:
        del self._pending[transaction]
        data = message.get("data")
        ident = data.get("id") if isinstance(data, dict) else None
        if pending.kind is _Kind.CREATE:
            if not isinstance(ident, int):
                self._end("Janus answered the session request without a session id; reconnect")
                return
            self.session_id = ident
            self._events.append(SessionReady(ident))
            for room in self._rooms:
                self._request(_Kind.ATTACH, room, {"plugin": PLUGIN}, now)
        elif pending.kind is _Kind.ATTACH and pending.room is not None:
            state = self._rooms.get(pending.room)
            if state is None:
                return
            if not isinstance(ident, int):
                self._fail(state, None, "Janus attached the AudioBridge without a handle id", now)
                return
            state.handle = ident
            self._handles[ident] = state.room
            self._message(_Kind.JOIN, state, self._join_body(state), now)
        elif pending.kind is _Kind.DESTROY:
            self._end("the gateway closed its Janus session")

    def _error(
        self, transaction: str, pending: _Pending, message: dict[str, Any], now: float
    ) -> None:
        del self._pending[transaction]
        error = message.get("error")
        code = error.get("code") if isinstance(error, dict) else None
        reason = error.get("reason") if isinstance(error, dict) else None
        code = code if isinstance(code, int) else None
        said = f"error {code}: {reason}" if reason else f"error {code}"
        if pending.kind is _Kind.CREATE:
            self._end(f"Janus refused the gateway a session ({said}): check its API secret")
        elif code == NO_SUCH_SESSION or pending.kind is _Kind.KEEPALIVE:
            self._end(f"Janus dropped the gateway's session ({said}); reconnect")
        elif pending.kind is _Kind.ATTACH and pending.room in self._rooms:
            self._fail(
                self._rooms[pending.room],
                code,
                f"Janus could not attach its AudioBridge plugin for room {pending.room} "
                f"({said}): Janus must load {PLUGIN}",
                now,
            )
        elif pending.kind in (_Kind.JOIN, _Kind.LEAVE) and pending.room in self._rooms:
            state = self._rooms[pending.room]
            if pending.kind is _Kind.JOIN:
                self._fail(state, code, f"Janus refused to join room {state.room} ({said})", now)
            else:
                self._gone(state, f"left room {state.room} ({said})", now)

    def _event(
        self,
        transaction: str,
        pending: _Pending | None,
        message: dict[str, Any],
        now: float,
    ) -> None:
        sender = message.get("sender")
        room = self._handles.get(sender) if isinstance(sender, int) else None
        state = self._rooms.get(room) if room is not None else None
        plugindata = message.get("plugindata")
        data = plugindata.get("data") if isinstance(plugindata, dict) else None
        if state is None or not isinstance(data, dict):
            return
        what = data.get("audiobridge")
        code = data.get("error_code")
        if pending is not None:
            del self._pending[transaction]
            if pending.kind is _Kind.JOIN:
                self._joined(state, data, code, now)
            elif isinstance(code, int):
                error = data.get("error")
                self._gone(state, f"left room {state.room} (error {code}: {error})", now)
            elif what == "left":
                self._gone(state, f"left room {state.room}", now)
        elif what == "destroyed" and state.joined:
            self._gone(state, f"Janus room {state.room} was destroyed", now)
        elif what == "event" and state.joined and data.get("kicked") == state.participant:
            self._gone(state, f"a moderator removed the gateway from Janus room {state.room}", now)
        elif what == "left" and state.joined:
            self._gone(state, f"left room {state.room}", now)

    def _joined(self, state: _Room, data: dict[str, Any], code: object, now: float) -> None:
        if isinstance(code, int):
            self._fail(state, code, _refusal(state.room, code, str(data.get("error", ""))), now)
            return
        rtp = data.get("rtp")
        ip = rtp.get("ip") if isinstance(rtp, dict) else None
        port = rtp.get("port") if isinstance(rtp, dict) else None
        payload_type = rtp.get("payload_type", OPUS_PAYLOAD_TYPE) if isinstance(rtp, dict) else 0
        participant = data.get("id")
        if (
            data.get("audiobridge") != "joined"
            or not isinstance(ip, str)
            or not isinstance(port, int)
            or not isinstance(participant, int | str)
        ):
            self._fail(
                state,
                None,
                f"Janus answered the join of room {state.room} without an RTP address: "
                "it must be an AudioBridge that takes plain RTP participants (Janus 1.0 or later)",
                now,
            )
            return
        if payload_type != OPUS_PAYLOAD_TYPE:
            self._fail(
                state,
                None,
                f"Janus room {state.room} sends payload type {payload_type}, not Opus "
                f"({OPUS_PAYLOAD_TYPE}): the room must mix Opus",
                now,
            )
            return
        state.joined = True
        state.participant = participant
        self._events.append(Joined(state.room, participant, Endpoint(ip, port), payload_type))

    def _detached(self, message: dict[str, Any]) -> None:
        sender = message.get("sender")
        room = self._handles.pop(sender, None) if isinstance(sender, int) else None
        state = self._rooms.get(room) if room is not None else None
        if state is not None:
            del self._rooms[state.room]
            self._forget_requests(state.room)
            if state.joined:
                self._events.append(Left(state.room, f"Janus detached room {state.room}"))
            else:
                self._events.append(
                    JoinFailed(state.room, None, f"Janus detached room {state.room}")
                )

    def _fail(self, state: _Room, code: int | None, message: str, now: float) -> None:
        self._events.append(JoinFailed(state.room, code, message))
        self._drop(state, now)

    def _gone(self, state: _Room, reason: str, now: float) -> None:
        self._events.append(Left(state.room, reason))
        self._drop(state, now)

    def _drop(self, state: _Room, now: float) -> None:
        """Forget the room and detach its handle (Janus keeps a kicked handle "in a room")."""
        del self._rooms[state.room]
        self._forget_requests(state.room)
        if state.handle is not None:
            del self._handles[state.handle]
            self._request(_Kind.DETACH, None, {"handle_id": state.handle}, now, timed=False)

    def _forget_requests(self, room: RoomId) -> None:
        """A room gone needs no answer any more (and one that never comes must not end us)."""
        for transaction in [t for t, p in self._pending.items() if p.room == room]:
            del self._pending[transaction]

    def _end(self, reason: str) -> None:
        if self.ended is None:
            self.ended = reason
            self._pending.clear()
            self._events.append(Ended(reason))


def _refusal(room: RoomId, code: int, error: str) -> str:
    """A sentence for a join Janus refused: what happened, Janus's words, what to do."""
    said = f"Janus error {code}: {error}" if error else f"Janus error {code}"
    if code == NO_SUCH_ROOM:
        return f"Janus has no room {room} ({said}): check the room number"
    if code != UNAUTHORIZED:
        return f"Janus refused to join room {room} ({said})"
    if "rtp" in error.lower():
        todo = "its owner must allow plain RTP participants (allow_rtp_participants = true)"
    elif "pin" in error.lower():
        todo = "give the room's PIN"
    else:
        todo = "the room must admit the gateway (PIN, token, allowed list)"
    return f"Janus refused the gateway in room {room} ({said}): {todo}"

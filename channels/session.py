"""The client side of rsi.v1 as a sans-I/O state machine: one connection's session.

:class:`Session` encodes every message a client sends (checked against the
same strict decoder the hub uses, so a bad command is refused here, with a
sentence, before it can count towards the hub's abuse limit), digests every
message the hub sends into a typed meeting model and events, keeps the
latest ``resume`` value, and turns the way a connection ended into one event
that says what happened and whether reconnecting makes sense. It owns no
socket and no clock: the I/O layer (:mod:`channels.client`) feeds it text
frames, the close code and the time, and sends what it returns. A new
connection is a new :class:`Session` given the previous one's
:attr:`Session.resume`.

The meeting model is the protocol's own snapshot (:class:`channels.protocol.Meeting`),
decoded by the same structs the hub encodes with: fields this client does
not know are ignored, and the hub's extensions (participants' ``ssrc`` and
``on_air``, channels' ``fallback``...) are optional, so the model works with
any rsi.v1 backend. Everything in it is immutable, so it can be handed to
another thread (a GUI) as it is.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

import msgspec

from channels import protocol as p
from channels.protocol import BoothInfo as BoothInfo
from channels.protocol import ChannelInfo as ChannelInfo
from channels.protocol import HandoverInfo as HandoverInfo
from channels.protocol import Me as Me
from channels.protocol import Meeting as Meeting
from channels.protocol import ParticipantInfo as ParticipantInfo
from channels.protocol import Quality as Quality

FINAL_CLOSE_CODES: Final = frozenset(
    {p.CloseCode.TOKEN_REFUSED, p.CloseCode.ROLE_REFUSED, p.CloseCode.CONNECTED_ELSEWHERE}
)
"""Closes after which reconnecting cannot help (docs/protocol.md section 5.5)."""

_ERROR_TITLES: Final = {
    p.ErrorCode.BAD_MESSAGE: "The hub did not accept a message from this console",
    p.ErrorCode.UNAUTHORIZED: "Not admitted to the meeting",
    p.ErrorCode.FORBIDDEN: "Not allowed for your role",
    p.ErrorCode.NOT_IN_BOOTH: "You are not in a booth",
    p.ErrorCode.NOT_AN_OUTPUT: "Not one of your booth's channels",
    p.ErrorCode.CHANNEL_ENGAGED: "Channel engaged",
    p.ErrorCode.PARTNER_LIVE: "Your partner is live",
    p.ErrorCode.NO_HANDOVER: "No handover",
    p.ErrorCode.TOO_MANY_CHANNELS: "Too many channels",
    p.ErrorCode.UNKNOWN_CHANNEL: "No such channel",
    p.ErrorCode.RATE_LIMITED: "Too many messages",
}

_HUB_SERVES = re.compile(r"serves meeting '([^']*)'")
"""The meeting the hub serves, when its refusal names the token's meeting too (same secret)."""
_HUB_MEETING = re.compile(r"meeting '([^']*)'")


_encoder: Final = msgspec.json.Encoder()


# --- Events ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Welcomed:
    """The hub admitted us. ``me.resumed``: the previous listening set was restored."""

    me: Me
    meeting: Meeting


@dataclass(frozen=True, slots=True)
class MeetingChanged:
    meeting: Meeting


@dataclass(frozen=True, slots=True)
class HubError:
    """The hub refused a command. ``sentence`` is for the user; ``code`` for the program."""

    code: str
    message: str
    ref: str | None
    sentence: str


@dataclass(frozen=True, slots=True)
class ChatReceived:
    sender: str
    name: str | None
    to: str
    text: str
    at: float


@dataclass(frozen=True, slots=True)
class SignalReceived:
    sender: str
    kind: str
    at: float


@dataclass(frozen=True, slots=True)
class ForcedOff:
    """A coordinator took the air from us: tell the user loudly; never retake it by itself."""

    by: str


@dataclass(frozen=True, slots=True)
class RoundTrip:
    """A ``pong`` came back: ``rtt_ms`` since its ``ping``."""

    rtt_ms: float


class FailureKind(StrEnum):
    """Why a connection never got as far as ``welcome``."""

    BAD_URL = "bad_url"
    UNREACHABLE = "unreachable"
    NOT_A_HUB = "not_a_hub"
    TOKEN_REFUSED = "token_refused"
    WRONG_MEETING = "wrong_meeting"
    NO_SUCH_BOOTH = "no_such_booth"
    PROTOCOL = "protocol"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    """We closed the connection ourselves before the hub admitted us."""
    INSECURE = "insecure"
    """A plain ``ws://`` address beyond loopback: the token would cross the network in clear."""
    CERTIFICATE = "certificate"
    """TLS failed: the hub's certificate could not be verified, or the CA file not read."""


class DisconnectKind(StrEnum):
    """How a welcomed connection ended."""

    CLOSED_BY_US = "closed_by_us"
    REPLACED = "replaced"
    """4409: the same participant connected elsewhere; do not fight it."""
    ABUSE = "abuse"
    HUB_STOPPING = "hub_stopping"
    LOST = "lost"
    """The link broke or stopped answering: reconnect with ``resume``."""
    CLOSED_BY_HUB = "closed_by_hub"


@dataclass(frozen=True, slots=True)
class ConnectionFailed:
    kind: FailureKind
    sentence: str
    code: int | None = None
    """The WebSocket close code, when the hub closed the connection."""


@dataclass(frozen=True, slots=True)
class Disconnected:
    kind: DisconnectKind
    sentence: str
    code: int | None
    resumable: bool
    """Reconnecting (with :attr:`Session.resume`) makes sense."""


SessionEvent = (
    Welcomed
    | MeetingChanged
    | HubError
    | ChatReceived
    | SignalReceived
    | ForcedOff
    | RoundTrip
    | ConnectionFailed
    | Disconnected
)


class CommandError(ValueError):
    """A command this client refuses to send; the message is for the user."""


Request = (
    p.Listen
    | p.Mic
    | p.Cough
    | p.Handover
    | p.Chat
    | p.Signal
    | p.FloorLanguage
    | p.ForceOff
    | p.Report
)
"""What a welcomed client asks of the hub: the messages :meth:`Session.encode` sends."""


class Phase(StrEnum):
    NEW = "new"
    HELLO_SENT = "hello_sent"
    WELCOMED = "welcomed"
    ENDED = "ended"


# --- The session ------------------------------------------------------------------------


class Session:
    """One connection's rsi.v1 session, without I/O.

    Outgoing: :meth:`hello` first, then :meth:`encode` for every
    :data:`Request` (:meth:`report` for figures, :meth:`ping` at any time),
    each returning the JSON text frame to send or raising
    :class:`CommandError`. Incoming: :meth:`receive` for every text frame,
    :meth:`closed` or :meth:`failed` once when the connection ends; each
    returns the events it caused.
    """

    def __init__(
        self,
        token: str,
        *,
        client: str = "rsi-console/0.1",
        resume: str | None = None,
        platform: str | None = None,
    ) -> None:
        """``platform`` (a gateway's only) names the platform it serves in ``hello``; it
        must follow :data:`channels.protocol.PLATFORM_RULE`, else CommandError."""
        if not token or not token.strip():
            raise CommandError("no token was given: paste the whole token you received")
        try:
            self.platform = p.check_platform(platform)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.token = token.strip()
        self.client = client
        self.resume = resume
        """The latest ``resume`` value: present it on the next connection."""
        self.token_meeting = _token_claim(self.token, "mtg")
        """The meeting the token names (read without verifying it: the hub verifies)."""
        self.token_subject = _token_claim(self.token, "sub")
        """The participant the token names (unverified), to know whose ``resume`` applies."""
        self.phase = Phase.NEW
        self.me: Me | None = None
        self.meeting: Meeting | None = None
        self.rtt_ms: float | None = None
        self.ignored = 0
        """Hub messages this client could not read (counted, never fatal: extensions)."""
        self._refusal: p.Error | None = None

    # -- outgoing ---------------------------------------------------------------------

    def hello(self) -> bytes:
        if self.phase is not Phase.NEW:
            raise CommandError("hello was already sent on this connection")
        self.phase = Phase.HELLO_SENT
        return self._build(
            p.Hello(
                token=self.token, client=self.client, resume=self.resume, platform=self.platform
            )
        )

    def encode(self, message: Request) -> bytes:
        """The text frame that asks ``message`` of the hub: send it as it is.

        Checked here as the hub will check it (welcomed, allowed for this
        role, channels the meeting has, the role's listening limit, every
        field in range), so that a refused command raises
        :class:`CommandError` with a sentence for the user instead of
        counting towards the hub's abuse limit. A ``listen`` names each
        channel once; a ``mic`` off names no channel.
        """
        me, meeting = self._admitted(str(message.__struct_config__.tag))
        match message:
            case p.Listen(channels=channels):
                wanted = list(dict.fromkeys(channels))
                for ch in wanted:
                    if meeting.channel(ch) is None:
                        raise CommandError(f"meeting {meeting.id!r} has no channel {ch!r}")
                role = p.role(me.role)
                limit = role.listen_limit
                if limit is not None and len(wanted) > limit:
                    raise CommandError(
                        f"{role.called} may listen to at most {limit} "
                        f"channel{'s' if limit > 1 else ''}, not {len(wanted)}"
                    )
                message = p.Listen(channels=wanted)
            case p.Mic(on=True, channel=None):
                raise CommandError("say which channel to speak on")
            case p.Mic(on=True, channel=str(channel)) if meeting.channel(channel) is None:
                raise CommandError(f"meeting {meeting.id!r} has no channel {channel!r}")
            case p.Mic(on=False, channel=str()):
                message = p.Mic(on=False)
        return self._build(message)

    def report(self, rtt_ms: float, jitter_ms: float, loss: float, buffer_ms: float) -> bytes:
        """The ``report`` of these figures, clamped and rounded to what the hub accepts."""
        return self.encode(
            p.Report(
                rtt_ms=round(max(0.0, rtt_ms), 1),
                jitter_ms=round(max(0.0, jitter_ms), 1),
                loss=min(1.0, max(0.0, loss)),
                buffer_ms=round(max(0.0, buffer_ms), 1),
            )
        )

    def ping(self, t: float) -> bytes:
        """A ping: allowed at any time, before hello too. ``t`` comes back in the pong."""
        return self._build(p.Ping(t=t))

    def _admitted(self, kind: str) -> tuple[Me, Meeting]:
        if self.phase is not Phase.WELCOMED or self.me is None or self.meeting is None:
            raise CommandError("not connected to a meeting")
        role = p.role(self.me.role)
        if kind not in role.sends:
            raise CommandError(f"{role.called} may not send {kind.replace('_', ' ')}")
        return self.me, self.meeting

    def _build(self, message: p.ClientMessage) -> bytes:
        """Encode, then check with the hub's own strict decoder: the same limits, here."""
        data = _encoder.encode(message)
        try:
            p.decode(data)
        except p.ProtocolError as exc:
            raise CommandError(_field_sentence(exc.message)) from None
        return data

    # -- incoming ---------------------------------------------------------------------

    def receive(self, data: str | bytes, now: float) -> list[SessionEvent]:
        """Digest one text frame from the hub. ``now``: the clock ``ping`` times came from."""
        try:
            message = p.decode_from_hub(data)
        except p.ProtocolError:
            self.ignored += 1  # an extension type or a field this client cannot read
            return []
        match message:
            case p.Welcome(participant=me, resume=resume, meeting=meeting):
                if self.phase is not Phase.HELLO_SENT:
                    self.ignored += 1
                    return []
                self.phase = Phase.WELCOMED
                self.me = me
                self.resume = resume
                self.meeting = meeting
                return [Welcomed(me, meeting)]
            case p.State(meeting=meeting):
                if self.phase is not Phase.WELCOMED:
                    self.ignored += 1
                    return []
                if self.meeting is not None and meeting.version <= self.meeting.version:
                    return []  # never step back to an older snapshot
                self.meeting = meeting
                return [MeetingChanged(meeting)]
            case p.Error():
                self._refusal = message  # explains a close that follows
                return [HubError(message.code, message.message, message.ref, _sentence(message))]
            case p.ChatDelivered():
                return [
                    ChatReceived(message.sender, message.name, message.to, message.text, message.at)
                ]
            case p.SignalDelivered():
                return [SignalReceived(message.sender, message.kind, message.at)]
            case p.Pong(t=t):
                rtt = (now - t) * 1000.0
                if not 0.0 <= rtt < 60_000.0:
                    return []  # not one of our pings
                self.rtt_ms = rtt
                return [RoundTrip(rtt)]
            case p.ForcedOff(by=by):
                return [ForcedOff(by)]
        return []  # pragma: no cover - the decoder only yields the types above

    # -- the end ----------------------------------------------------------------------

    def closed(self, code: int | None, reason: str = "", *, by_us: bool = False) -> SessionEvent:
        """The connection is gone: with the close code the hub sent (None: none arrived)."""
        welcomed = self.phase is Phase.WELCOMED
        self.phase = Phase.ENDED
        if not welcomed:
            if by_us and self._refusal is None:
                return ConnectionFailed(
                    FailureKind.CANCELLED, "connecting was cancelled before the hub admitted us"
                )
            return self._refused(code, reason)
        if by_us:
            return Disconnected(
                DisconnectKind.CLOSED_BY_US, "disconnected from the meeting", code, True
            )
        if code == p.CloseCode.CONNECTED_ELSEWHERE:
            return Disconnected(
                DisconnectKind.REPLACED,
                "you connected to this meeting from somewhere else; this console is now off",
                code,
                False,
            )
        if code == p.CloseCode.ABUSE:
            return Disconnected(
                DisconnectKind.ABUSE,
                "the hub closed the connection because this console sent too much it refused",
                code,
                True,
            )
        if code == 1013:  # "try again later": the hub stopped waiting for us to read
            return Disconnected(
                DisconnectKind.CLOSED_BY_HUB,
                "the hub dropped this console because it fell behind reading what the hub "
                "sends (a busy computer or a slow network)",
                code,
                True,
            )
        if code == p.CloseCode.TOKEN_REFUSED:
            refusal = self._refusal
            unauthorized = refusal is not None and refusal.code == p.ErrorCode.UNAUTHORIZED
            said = refusal.message if refusal is not None and unauthorized else reason
            return Disconnected(
                DisconnectKind.CLOSED_BY_HUB,
                "the hub no longer accepts your token" + (f": {said}" if said else ""),
                code,
                False,
            )
        if code == 1001:
            return Disconnected(
                DisconnectKind.HUB_STOPPING, "the meeting hub is shutting down", code, True
            )
        if code in (None, 1006, 1011):
            return Disconnected(
                DisconnectKind.LOST,
                "the connection to the meeting was lost" + (f" ({reason})" if reason else ""),
                code,
                True,
            )
        return Disconnected(
            DisconnectKind.CLOSED_BY_HUB,
            f"the hub closed the connection (code {code}{': ' + reason if reason else ''})",
            code,
            code not in FINAL_CLOSE_CODES,
        )

    def failed(self, kind: FailureKind, sentence: str) -> ConnectionFailed | Disconnected:
        """The I/O layer could not connect, or lost a connection without a close code."""
        if self.phase is Phase.WELCOMED:
            self.phase = Phase.ENDED
            return Disconnected(DisconnectKind.LOST, sentence, None, True)
        self.phase = Phase.ENDED
        return ConnectionFailed(kind, sentence)

    def _refused(self, code: int | None, reason: str) -> ConnectionFailed:
        refusal = self._refusal
        said = refusal.message if refusal is not None else ""
        if code == p.CloseCode.TOKEN_REFUSED:
            served = _HUB_SERVES.search(said) or _HUB_MEETING.search(said)
            if (
                served is not None
                and self.token_meeting is not None
                and served.group(1) != self.token_meeting
            ):
                return ConnectionFailed(
                    FailureKind.WRONG_MEETING,
                    f"this hub serves meeting {served.group(1)!r}, but your token is for meeting "
                    f"{self.token_meeting!r}: check the address, or use the token for this "
                    "meeting",
                    code,
                )
            return ConnectionFailed(
                FailureKind.TOKEN_REFUSED,
                "the hub refused the token" + (f": {said}" if said else ""),
                code,
            )
        if code == p.CloseCode.ROLE_REFUSED and self.platform is not None:
            # The hub refuses a platform before it looks at the booth: our hello was wrong.
            return ConnectionFailed(
                FailureKind.PROTOCOL, said or "the hub refused the platform we named", code
            )
        if code == p.CloseCode.ROLE_REFUSED:
            return ConnectionFailed(
                FailureKind.NO_SUCH_BOOTH, said or "the meeting has no such booth", code
            )
        if code == p.CloseCode.NO_HELLO:
            return ConnectionFailed(
                FailureKind.PROTOCOL, "the hub did not receive our hello in time", code
            )
        detail = said or reason
        if code is None:
            return ConnectionFailed(
                FailureKind.CLOSED,
                "the connection was lost before the hub admitted us"
                + (f" ({detail})" if detail else ""),
            )
        return ConnectionFailed(
            FailureKind.CLOSED,
            f"the hub closed the connection before admitting us (code {code}"
            + (f": {detail})" if detail else ")"),
            code,
        )


# --- Helpers ---------------------------------------------------------------------------


def _sentence(error: p.Error) -> str:
    try:
        title = _ERROR_TITLES[p.ErrorCode(error.code)]
    except ValueError:
        title = f"The hub refused ({error.code})"
    return f"{title}: {error.message}" if error.message else title


def _field_sentence(text: str) -> str:
    """msgspec's ``Expected ... - at `$.field``` as a sentence naming the field."""
    match = re.match(r"(.*) - at `\$\.(\w+)`", text)
    if match is None:
        return text
    return f"{match.group(2)}: {match.group(1)[0].lower()}{match.group(1)[1:]}"


def _token_claim(token: str, claim: str) -> str | None:
    """One string claim of a JWT, read without verifying it (only to explain refusals)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims: Any = json.loads(base64.urlsafe_b64decode(payload))
    except (binascii.Error, ValueError):
        return None
    value = claims.get(claim) if isinstance(claims, dict) else None
    return value if isinstance(value, str) else None


EventSink = Callable[[SessionEvent], None]
"""Where the I/O layer hands the session's events."""

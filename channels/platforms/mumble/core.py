"""A Mumble client's rules without I/O: bytes and time in, bytes and events out.

:class:`MumbleProtocol` is one connection, from login to end, modelled on
python-websockets' sans-I/O protocol. The caller owns the TLS socket and
the clock:

* :meth:`~MumbleProtocol.receive_data` with the stream's plaintext as it
  arrives (and :meth:`~MumbleProtocol.receive_eof` when it ends), with the
  time it arrived;
* :meth:`~MumbleProtocol.data_to_send` for the bytes to write; an empty
  ``bytes`` in it means "close the connection now";
* :meth:`~MumbleProtocol.events_received` for what happened
  (:data:`Event`); exactly one :class:`Ended` comes last;
* :meth:`~MumbleProtocol.tick` at :meth:`~MumbleProtocol.next_deadline`
  or later: pings, and the end of a silent server.

Commands: :meth:`~MumbleProtocol.join`, :meth:`~MumbleProtocol.add_channel`,
:meth:`~MumbleProtocol.set_whisper` and :meth:`~MumbleProtocol.send_voice`.
Voice goes through the TCP tunnel only (``UDPTunnel``); why:
docs/architecture.md, "Design notes".
"""

from __future__ import annotations

import dataclasses
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from channels.platforms.mumble import messages as m
from channels.platforms.mumble import voice
from channels.platforms.mumble.protobuf import WireError

PING_INTERVAL_S: Final = 5.0
"""How often to ping the server over TCP: what Mumble's own client does."""
SILENCE_TIMEOUT_S: Final = 15.0
"""A server that has sent nothing (not even a ping's answer) for this long is gone."""
LOGIN_TIMEOUT_S: Final = 10.0
"""From the connection to the server's ``ServerSync``."""
PROTOCOL_VERSION: Final = (1, 3, 0)
"""What this client announces: 1.3's messages and voice packets are what it speaks."""
ROOT_CHANNEL: Final = 0

PACKET_OVERHEAD_BYTES: Final = 20 + 8 + 4 + 1 + 4 + 2
"""What a Mumble server counts against ``max_bandwidth`` for a voice packet besides the Opus
payload: IPv4, UDP and its encryption's headers (counted even for tunnelled packets), the
header byte, a sequence number (up to 4 bytes) and the length."""
OPUS_MIN_BITRATE: Final = 6000


@dataclass(frozen=True, slots=True)
class Channel:
    id: int
    name: str
    parent: int | None
    """None for the root channel."""
    temporary: bool = False


@dataclass(frozen=True, slots=True)
class User:
    session: int
    name: str
    channel: int


@dataclass(frozen=True, slots=True)
class Connected:
    """The server let us in: we are ``session``, in ``channel`` (its default channel)."""

    session: int
    channel: int
    channels: tuple[Channel, ...]
    users: tuple[User, ...]
    max_bandwidth: int | None
    """Bits per second we may send speech at (:func:`opus_bitrate` fits the encoder to it)."""
    welcome_text: str
    server_release: str
    opus: bool
    """False: the server prefers CELT because some of its clients predate Opus (Mumble < 1.2.4)
    and those clients will not hear us."""


@dataclass(frozen=True, slots=True)
class ChannelChanged:
    """A channel was created, renamed or moved."""

    channel: Channel


@dataclass(frozen=True, slots=True)
class ChannelRemoved:
    channel: Channel


@dataclass(frozen=True, slots=True)
class UserMoved:
    """A user arrived in the server (``previous`` None) or moved to another channel."""

    user: User
    previous: int | None


@dataclass(frozen=True, slots=True)
class UserLeft:
    user: User
    reason: str


@dataclass(frozen=True, slots=True)
class VoiceReceived:
    """An Opus packet from a speaker, read at ``arrival``; ``opus`` is empty on a bare end."""

    session: int
    sequence: int
    """In 10 ms frames (:data:`~.voice.FRAME_MS`)."""
    whisper: bool
    """Whispered to us or our channel, rather than spoken in a channel we are in."""
    opus: bytes
    last: bool
    arrival: float


@dataclass(frozen=True, slots=True)
class TextReceived:
    actor: int | None
    message: str
    """As Mumble sends it: HTML is allowed."""


@dataclass(frozen=True, slots=True)
class Denied:
    """The server refused something we asked (joining, creating a channel...)."""

    sentence: str
    channel: int | None


class EndKind(StrEnum):
    UNREACHABLE = "unreachable"
    """No connection: the address, the network, or no server there."""
    CERTIFICATE = "certificate"
    """The server's certificate does not match its pin or CA: never connect past that."""
    REJECTED = "rejected"
    """The server refused the login (``Reject``)."""
    CLOSED = "closed"
    """The server closed the connection: it stopped, restarted or dropped us."""
    SILENT = "silent"
    """The server stopped answering."""
    KICKED = "kicked"
    BANNED = "banned"
    PROTOCOL = "protocol"
    """The server sent what no Mumble server sends."""
    LOCAL = "local"
    """We closed the connection."""


_RETRY: Final = {EndKind.UNREACHABLE, EndKind.CLOSED, EndKind.SILENT, EndKind.PROTOCOL}
_RETRY_REJECTS: Final = {m.RejectType.USERNAME_IN_USE, m.RejectType.SERVER_FULL}
"""Refusals that pass: our previous connection still holds the name until the server's own
timeout (30 s), or someone leaves."""


@dataclass(frozen=True, slots=True)
class Ended:
    """The connection is over. ``retry``: connecting again may work (use a backoff)."""

    kind: EndKind
    sentence: str
    retry: bool
    reject: m.RejectType | int | None = None
    """The server's ``Reject`` type, for :attr:`EndKind.REJECTED`."""


Event = (
    Connected
    | ChannelChanged
    | ChannelRemoved
    | UserMoved
    | UserLeft
    | VoiceReceived
    | TextReceived
    | Denied
    | Ended
)


class CommandError(ValueError):
    """A command this client cannot send now; the message is for the user."""


def ended(kind: EndKind, sentence: str, reject: m.RejectType | int | None = None) -> Ended:
    """An :class:`Ended` with ``retry`` decided by the kind (and the refusal)."""
    retry = kind in _RETRY or (kind is EndKind.REJECTED and reject in _RETRY_REJECTS)
    return Ended(kind, sentence, retry, reject)


def opus_bitrate(max_bandwidth: int | None, frame_ms: int, wanted: int) -> int:
    """The Opus bitrate to use: ``wanted`` unless the server's bandwidth limit needs less.

    A Mumble server silently drops the voice of a client that sends more than
    ``max_bandwidth`` (counting :data:`PACKET_OVERHEAD_BYTES` per packet), so
    fit the encoder to it: at the common 72 kb/s limit, 56.8 kb/s in 20 ms
    frames, 41.6 kb/s in 10 ms frames.
    """
    if max_bandwidth is None:
        return wanted
    packets_per_s = 1000 // frame_ms
    fits = max_bandwidth - packets_per_s * PACKET_OVERHEAD_BYTES * 8
    return max(OPUS_MIN_BITRATE, min(wanted, fits))


_REJECT_SENTENCES: Final[dict[int, str]] = {
    m.RejectType.WRONG_VERSION: "does not accept this client's protocol version (Mumble 1.3)",
    m.RejectType.INVALID_USERNAME: "does not accept that user name: choose another one",
    m.RejectType.WRONG_USER_PASSWORD: (
        "refused the password of this registered user: give that user's password"
    ),
    m.RejectType.WRONG_SERVER_PASSWORD: "refused the password: give the server's password",
    m.RejectType.USERNAME_IN_USE: (
        "says that user name is in use (an earlier connection may hold it for 30 s): "
        "wait or choose another name"
    ),
    m.RejectType.SERVER_FULL: "is full: try again later or ask its admin for more places",
    m.RejectType.NO_CERTIFICATE: (
        "requires a client certificate, which this client does not present: ask its admin "
        "to let password users in"
    ),
    m.RejectType.AUTHENTICATOR_FAIL: "refused the login (its authenticator said no)",
}


def _reject_sentence(reject: m.Reject) -> str:
    said = f" (the server says: {reject.reason})" if reject.reason else ""
    what = _REJECT_SENTENCES.get(reject.type, "refused the login")
    return f"the Mumble server {what}{said}"


class Phase(StrEnum):
    LOGIN = "login"
    CONNECTED = "connected"
    ENDED = "ended"


class MumbleProtocol:
    """One connection's Mumble rules, without I/O; see the module's docstring for the loop.

    The login (``Version`` and ``Authenticate``) is queued at once: write
    :meth:`data_to_send` as soon as the TLS connection is up (and its
    certificate checked).
    """

    def __init__(
        self,
        user: str,
        *,
        now: float,
        password: str = "",
        tokens: Sequence[str] = (),
        release: str = "rsi-gateway",
        ping_interval_s: float = PING_INTERVAL_S,
        silence_timeout_s: float = SILENCE_TIMEOUT_S,
        login_timeout_s: float = LOGIN_TIMEOUT_S,
    ) -> None:
        if not user.strip():
            raise CommandError("no Mumble user name was given")
        if not 0 < ping_interval_s < silence_timeout_s:
            raise ValueError("need 0 < ping_interval_s < silence_timeout_s")
        self.phase = Phase.LOGIN
        self.session: int | None = None
        """Ours, once connected."""
        self.channels: dict[int, Channel] = {}
        self.users: dict[int, User] = {}
        self.max_bandwidth: int | None = None
        self.opus = True
        self.server_release = ""
        self.rtt_ms: float | None = None
        """The last TCP ping's round trip."""
        self.voice_in = 0
        self.voice_out = 0
        self.ignored = 0
        """Messages and voice packets that could not be read, or not in Opus: skipped."""
        self._ping_s = ping_interval_s
        self._silence_s = silence_timeout_s
        self._start = now
        self._heard = now
        self._next_ping = now + ping_interval_s
        self._login_deadline = now + login_timeout_s
        self._buffer = bytearray()
        self._out: list[bytes] = []
        self._events: list[Event] = []
        self._sequences: dict[int, int] = {}
        self._out.append(
            m.version(
                m.version_number(*PROTOCOL_VERSION),
                release,
                f"{platform.system()} {platform.release()}",
            )
        )
        self._out.append(m.authenticate(user, password, tokens))

    # -- I/O ---------------------------------------------------------------------------

    def receive_data(self, data: bytes, now: float) -> None:
        """Bytes from the stream, read at ``now``."""
        if self.phase is Phase.ENDED:
            return
        buffer = self._buffer
        buffer += data
        self._heard = now
        at = 0
        while len(buffer) - at >= m.HEADER.size and self._open():
            kind, size = m.HEADER.unpack_from(buffer, at)
            if size > m.MAX_PAYLOAD:
                self._end(
                    ended(
                        EndKind.PROTOCOL,
                        f"the server sent a message of {size} bytes, more than any Mumble "
                        "server sends: check that the address is a Mumble server's",
                    )
                )
                break
            if len(buffer) - at - m.HEADER.size < size:
                break
            start = at + m.HEADER.size
            payload = bytes(buffer[start : start + size])
            at = start + size
            try:
                self._message(kind, payload, now)
            except (WireError, voice.VoiceError):
                self.ignored += 1
        del buffer[:at]

    def receive_eof(self, now: float) -> None:
        """The stream ended (or broke)."""
        if self.phase is Phase.LOGIN:
            sentence = (
                "the Mumble server closed the connection during the login: check that the "
                "address is a Mumble server's and that it accepts new users"
            )
        else:
            sentence = "the Mumble server closed the connection (it stopped or restarted)"
        self._end(ended(EndKind.CLOSED, sentence))

    def data_to_send(self) -> list[bytes]:
        """Bytes to write, in order; an empty ``bytes`` says to close the connection."""
        out, self._out = self._out, []
        return out

    def events_received(self) -> list[Event]:
        events, self._events = self._events, []
        return events

    def next_deadline(self) -> float | None:
        """When to call :meth:`tick` next; None once ended."""
        if self.phase is Phase.ENDED:
            return None
        deadline = min(self._next_ping, self._heard + self._silence_s)
        if self.phase is Phase.LOGIN:
            deadline = min(deadline, self._login_deadline)
        return deadline

    def tick(self, now: float) -> None:
        """Do what is due at ``now``: a ping, or giving up on a silent server."""
        if self.phase is Phase.ENDED:
            return
        if self.phase is Phase.LOGIN and now >= self._login_deadline:
            self._end(
                ended(
                    EndKind.SILENT,
                    "the Mumble server did not finish the login in "
                    f"{self._login_deadline - self._start:.0f} s: check the address and port",
                )
            )
        elif now - self._heard >= self._silence_s:
            self._end(
                ended(
                    EndKind.SILENT,
                    f"the Mumble server has not answered for {now - self._heard:.0f} s",
                )
            )
        elif now >= self._next_ping:
            self._out.append(m.ping(round((now - self._start) * 1e6)))
            self._next_ping = max(self._next_ping + self._ping_s, now)

    def close(self) -> None:
        """End the connection from our side."""
        self._end(ended(EndKind.LOCAL, "the connection to the Mumble server was closed here"))

    # -- commands ----------------------------------------------------------------------

    def find_channel(self, name: str) -> Channel:
        """The channel called ``name``, or at the path ``A/B`` from the root's children."""
        if "/" in name:
            channel_id = ROOT_CHANNEL
            for part in name.strip("/").split("/"):
                matches = [
                    c for c in self.channels.values() if c.parent == channel_id and c.name == part
                ]
                if not matches:
                    raise CommandError(f"the Mumble server has no channel {name!r}")
                channel_id = matches[0].id
            return self.channels[channel_id]
        found = [c for c in self.channels.values() if c.name == name]
        if not found:
            names = ", ".join(sorted(c.name for c in self.channels.values())) or "none"
            raise CommandError(
                f"the Mumble server has no channel {name!r} (it has: {names}): "
                "check the name, or create the channel"
            )
        if len(found) > 1:
            raise CommandError(
                f"the Mumble server has {len(found)} channels named {name!r}: give the path "
                "from the root, e.g. 'Parent/Child'"
            )
        return found[0]

    def join(self, channel: str) -> Channel:
        """Ask to move into ``channel``; a :class:`UserMoved` for us or a :class:`Denied` says."""
        self._need_connected()
        target = self.find_channel(channel)
        assert self.session is not None
        self._out.append(m.move_user(self.session, target.id))
        return target

    def add_channel(self, name: str, *, parent: str | None = None, temporary: bool = False) -> None:
        """Ask to create ``name`` (MakeChannel permission); :class:`ChannelChanged` says it is."""
        self._need_connected()
        parent_id = ROOT_CHANNEL if parent is None else self.find_channel(parent).id
        self._out.append(m.add_channel(parent_id, name, temporary=temporary))

    def set_whisper(self, target: int, channels: Sequence[str]) -> None:
        """Define whisper ``target`` (1-30) as these channels; send voice to it afterwards."""
        self._need_connected()
        if target not in voice.WHISPER_TARGETS:
            raise CommandError(f"whisper target {target} is not between 1 and 30")
        ids = [self.find_channel(name).id for name in channels]
        self._out.append(m.voice_target(target, ids))

    def send_voice(self, opus: bytes, *, frames: int, target: int = 0, last: bool = False) -> bool:
        """Send one Opus packet of ``frames`` 10 ms frames to ``target`` (0: our channel).

        Each target counts its own sequence, so a listener of one target hears
        an unbroken stream. Returns False (and sends nothing) unless connected.
        """
        if self.phase is not Phase.CONNECTED:
            return False
        sequence = self._sequences.get(target, 0)
        self._sequences[target] = sequence + frames
        self._out.append(
            m.tunnel(voice.opus_packet(opus, sequence=sequence, target=target, last=last))
        )
        self.voice_out += 1
        return True

    # -- inside ------------------------------------------------------------------------

    def _open(self) -> bool:
        return self.phase is not Phase.ENDED

    def _need_connected(self) -> None:
        if self.phase is not Phase.CONNECTED:
            raise CommandError("not connected to the Mumble server")

    def _end(self, event: Ended) -> None:
        if self.phase is Phase.ENDED:
            return
        self.phase = Phase.ENDED
        self._events.append(event)
        self._out.append(b"")

    def _message(self, kind: int, payload: bytes, now: float) -> None:
        connected = self.phase is Phase.CONNECTED
        if kind == m.MessageType.UDP_TUNNEL:
            self._voice(payload, now)
        elif kind == m.MessageType.PING:
            timestamp = m.Ping.parse(payload).timestamp
            if timestamp is not None:
                self.rtt_ms = max(0.0, (now - self._start) * 1e3 - timestamp / 1e3)
        elif kind == m.MessageType.CHANNEL_STATE:
            self._channel_state(m.ChannelState.parse(payload), connected)
        elif kind == m.MessageType.USER_STATE:
            self._user_state(m.UserState.parse(payload), connected)
        elif kind == m.MessageType.USER_REMOVE:
            self._user_remove(m.UserRemove.parse(payload))
        elif kind == m.MessageType.CHANNEL_REMOVE:
            gone = self.channels.pop(m.ChannelRemove.parse(payload).channel_id, None)
            if gone is not None and connected:
                self._events.append(ChannelRemoved(gone))
        elif kind == m.MessageType.TEXT_MESSAGE:
            text = m.TextMessage.parse(payload)
            self._events.append(TextReceived(text.actor, text.message))
        elif kind == m.MessageType.PERMISSION_DENIED:
            self._denied(m.PermissionDenied.parse(payload))
        elif kind == m.MessageType.SERVER_SYNC:
            self._synced(m.ServerSync.parse(payload))
        elif kind == m.MessageType.REJECT:
            reject = m.Reject.parse(payload)
            self._end(ended(EndKind.REJECTED, _reject_sentence(reject), reject.type))
        elif kind == m.MessageType.SERVER_CONFIG:
            limit = m.ServerConfig.parse(payload).max_bandwidth
            self.max_bandwidth = limit if limit is not None else self.max_bandwidth
        elif kind == m.MessageType.CODEC_VERSION:
            self.opus = m.CodecVersion.parse(payload).opus
        elif kind == m.MessageType.VERSION:
            self.server_release = m.ServerVersion.parse(payload).release

    def _synced(self, sync: m.ServerSync) -> None:
        if self.phase is not Phase.LOGIN:
            return
        me = self.users.get(sync.session)
        if me is None:
            self._end(
                ended(EndKind.PROTOCOL, "the Mumble server finished the login without placing us")
            )
            return
        self.phase = Phase.CONNECTED
        self.session = sync.session
        if sync.max_bandwidth is not None:
            self.max_bandwidth = sync.max_bandwidth
        self._out.append(m.tunnel(voice.ping_packet(0)))
        self._events.append(
            Connected(
                session=sync.session,
                channel=me.channel,
                channels=tuple(self.channels.values()),
                users=tuple(self.users.values()),
                max_bandwidth=self.max_bandwidth,
                welcome_text=sync.welcome_text,
                server_release=self.server_release,
                opus=self.opus,
            )
        )

    def _channel_state(self, state: m.ChannelState, connected: bool) -> None:
        old = self.channels.get(state.channel_id)
        if old is None:
            parent = state.parent if state.channel_id != ROOT_CHANNEL else None
            channel = Channel(state.channel_id, state.name or "", parent, bool(state.temporary))
        else:
            channel = dataclasses.replace(
                old,
                name=old.name if state.name is None else state.name,
                parent=old.parent if state.parent is None else state.parent,
                temporary=old.temporary if state.temporary is None else state.temporary,
            )
        self.channels[channel.id] = channel
        if connected and channel != old:
            self._events.append(ChannelChanged(channel))

    def _user_state(self, state: m.UserState, connected: bool) -> None:
        old = self.users.get(state.session)
        if old is None:
            user = User(state.session, state.name or "", state.channel_id or ROOT_CHANNEL)
        else:
            user = dataclasses.replace(
                old,
                name=old.name if state.name is None else state.name,
                channel=old.channel if state.channel_id is None else state.channel_id,
            )
        self.users[user.session] = user
        if connected and (old is None or old.channel != user.channel):
            self._events.append(UserMoved(user, None if old is None else old.channel))

    def _user_remove(self, remove: m.UserRemove) -> None:
        user = self.users.pop(remove.session, None)
        name = user.name if user is not None else f"session {remove.session}"
        if remove.session == self.session:
            actor = self.users.get(remove.actor) if remove.actor is not None else None
            by = f" by {actor.name}" if actor is not None else ""
            why = f": {remove.reason}" if remove.reason else ""
            kind = EndKind.BANNED if remove.ban else EndKind.KICKED
            verb = "banned" if remove.ban else "removed"
            self._end(ended(kind, f"we were {verb} from the Mumble server{by}{why}"))
            return
        if user is not None and self.phase is Phase.CONNECTED:
            self._events.append(UserLeft(user, remove.reason or f"{name} left"))

    def _denied(self, denied: m.PermissionDenied) -> None:
        channel = self.channels.get(denied.channel_id) if denied.channel_id is not None else None
        where = f" in channel {channel.name!r}" if channel is not None else ""
        if denied.type == m.DenyType.PERMISSION and denied.permission is not None:
            names = [n for bit, n in m.PERMISSION_NAMES.items() if denied.permission & bit]
            what = "/".join(names) or f"permission {denied.permission:#x}"
            sentence = (
                f"the Mumble server denied {what}{where}: ask its admin to grant it to this "
                "user in the channel's ACL"
            )
        else:
            kind = denied.type.name if isinstance(denied.type, m.DenyType) else str(denied.type)
            detail = denied.reason or denied.name
            sentence = f"the Mumble server refused ({kind}{where})" + (
                f": {detail}" if detail else ""
            )
        self._events.append(Denied(sentence, denied.channel_id))

    def _voice(self, payload: bytes, now: float) -> None:
        packet = voice.parse(payload)
        if packet.codec is voice.Codec.PING:
            return
        if packet.codec is not voice.Codec.OPUS:
            self.ignored += 1
            return
        self.voice_in += 1
        self._events.append(
            VoiceReceived(
                session=packet.session,
                sequence=packet.sequence,
                whisper=packet.target != voice.NORMAL_TALK,
                opus=packet.opus,
                last=packet.last,
                arrival=now,
            )
        )

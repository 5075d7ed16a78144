"""Sans-I/O helpers for testing the hub's rules (:class:`channels.hub.Hub`) without sockets.

A :class:`Meeting` owns one `Hub`, a virtual clock and the clients connected
to it. It signs real tokens with :mod:`channels.tokens` at the virtual time,
and plays the part of the I/O layer (:mod:`channels.server`): after every
input it takes the hub's `outputs_to_send` and delivers them, `Send` to one
connection, `Broadcast` to every connection that has been welcomed,
`Forward` to the channel's audience (and to one log per channel), `Close`
by closing the client and telling the hub that the socket is gone. It keeps
the time the hub asked to be ticked at in `wake_at`.

A :class:`Client` wraps one connection id. It says hello, sends commands as
dicts, collects the JSON messages delivered to it, and builds RTP packets
with its own SSRC from the welcome::

    m = Meeting()                                   # simple_meeting(("en", "fr"))
    chair = m.join("chair", "floor")
    en1 = m.join("en1", "interpreter", booth="en")
    chair.ok({"type": "mic", "on": True, "channel": "floor"})
    en1.ok({"type": "mic", "on": True, "channel": "en"})
    chair.speak(3)                                  # 3 frames, 20 ms apart
    assert m.stream("fr")[-1].csrc == (FLOOR_SSRC,) # floor fallback into fr
    assert m.stream("en") == []                     # en is on air: no fallback

Time only moves when a test says so (`advance`, `wait`, `speak`), and the
hub is ticked only when a test says so (`tick`, `wait`), so every rule that
depends on time can be checked exactly. `Meeting.view()` looks at
the snapshot without counting it as one sent, so versions stay as clients see
them.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable
from typing import Any

import msgspec

from channels.hub import Broadcast, Close, Forward, Hub, Send
from channels.meeting import MeetingConfig, simple_meeting
from channels.rtp import OPUS_CLOCK_RATE, RtpError, RtpPacket, audio_level_extension, build, parse
from channels.tokens import Claims, issue

T0 = 1_800_000_000.0
"""Where the virtual clock starts: a wall-clock time, since tokens carry `exp`."""
FRAME_S = 0.02
"""One Opus frame as the kit's clients send it: 20 ms ..."""
FRAME_TICKS = OPUS_CLOCK_RATE // 50
"""... that is 960 ticks of the 48 kHz RTP clock."""
FLOOR_SSRC = 1
"""The floor channel's SSRC (channels are numbered from 1 in meeting order)."""
TOKEN_TTL_S = 8 * 3600.0

Message = dict[str, Any]


class Meeting:
    """A hub on one meeting, a virtual clock, and the clients connected to it."""

    def __init__(
        self,
        config: MeetingConfig | None = None,
        *,
        now: float = T0,
        verify: Callable[[str, float], Claims] | None = None,
        numbering: random.Random | None = None,
    ) -> None:
        self.config = config or simple_meeting()
        self.now = now
        self.hub = Hub(self.config, verify=verify, numbering=numbering)
        self.clients: dict[int, Client] = {}
        self.forwarded: list[tuple[str, RtpPacket]] = []
        """Every packet the hub forwarded, in order, as (channel id, packet)."""
        self.wake_at: float | None = None
        """When the hub last asked to be ticked (its `outputs_to_send`)."""
        self._next_conn = 1

    # --- Tokens ------------------------------------------------------------------------

    def token(
        self,
        sub: str,
        role: str,
        *,
        booth: str | None = None,
        name: str | None = None,
        ttl_s: float = TOKEN_TTL_S,
        now: float | None = None,
        meeting: MeetingConfig | None = None,
    ) -> str:
        """A real token for this meeting (or `meeting`), issued at `now` (default: the clock)."""
        return issue(
            meeting or self.config,
            sub=sub,
            name=name or sub.title(),
            role=role,
            booth=booth,
            ttl_s=ttl_s,
            now=self.now if now is None else now,
        )

    # --- Connections -------------------------------------------------------------------

    def connect(self) -> Client:
        """Open a socket that has not said hello yet."""
        client = Client(self, self._next_conn)
        self._next_conn += 1
        self.clients[client.conn] = client
        self.hub.connect(client.conn, self.now)
        self.pump()
        return client

    def join(
        self,
        sub: str,
        role: str = "listener",
        *,
        booth: str | None = None,
        name: str | None = None,
        resume: str | None = None,
        listen: Iterable[str] | None = None,
        platform: str | None = None,
    ) -> Client:
        """Connect, say hello with a fresh valid token, and check the welcome.

        `listen` sends a `listen` command right after (and checks it is accepted);
        `platform` goes in the hello (a gateway's).
        """
        client = self.connect()
        token = self.token(sub, role, booth=booth, name=name)
        client.hello(token, resume=resume, platform=platform)
        assert client.welcome is not None, f"{sub} was not welcomed: {client.messages}"
        if listen is not None:
            client.ok({"type": "listen", "channels": list(listen)})
        return client

    def interpreter(self, sub: str, booth: str, **kw: Any) -> Client:
        return self.join(sub, "interpreter", booth=booth, **kw)

    def floor(self, sub: str = "chair", **kw: Any) -> Client:
        return self.join(sub, "floor", **kw)

    def coordinator(self, sub: str = "coord", **kw: Any) -> Client:
        return self.join(sub, "coordinator", **kw)

    def listener(self, sub: str, **kw: Any) -> Client:
        return self.join(sub, "listener", **kw)

    # --- Time --------------------------------------------------------------------------

    def advance(self, seconds: float) -> None:
        """Move the clock only (nothing is told to the hub)."""
        self.now += seconds

    def tick(self) -> None:
        """Let the hub act on time (hello deadlines, resumes, handovers), then pump."""
        self.hub.tick(self.now)
        self.pump()

    def wait(self, seconds: float) -> None:
        """Time passes: advance the clock, tick, and deliver what is due."""
        self.advance(seconds)
        self.tick()

    # --- Outputs -----------------------------------------------------------------------

    def pump(self) -> list[tuple[str, RtpPacket]]:
        """Do what the I/O layer does after an input: deliver the hub's outputs.

        Returns the packets forwarded, as (channel id, packet).
        """
        forwarded: list[tuple[str, RtpPacket]] = []
        outputs, self.wake_at = self.hub.outputs_to_send()
        while outputs:
            for output in outputs:
                match output:
                    case Forward(channel=channel, data=data):
                        forwarded.append(self._forward(channel.id, channel.audience, data))
                    case Send(conn=conn, data=data):
                        client = self.clients.get(conn)
                        if client is not None and client.closed is None:
                            client.receive(json.loads(data))
                    case Broadcast(data=data):
                        message = json.loads(data)
                        for client in self.clients.values():
                            if client.closed is None and self.hub.participant_of(client.conn):
                                client.receive(message)
                    case Close(conn=conn):
                        client = self.clients.get(conn)
                        if client is not None and client.closed is None:
                            client.closed = output
                            # The socket goes; the I/O layer then reports it gone.
                            self.hub.disconnect(conn, self.now)
            outputs, self.wake_at = self.hub.outputs_to_send()
        return forwarded

    def _forward(self, channel: str, audience: set[int], data: bytes) -> tuple[str, RtpPacket]:
        try:
            packet = parse(data)
        except RtpError as exc:
            raise AssertionError(f"the hub forwarded a packet clients refuse: {exc}") from exc
        self.forwarded.append((channel, packet))
        for conn in audience:
            target = self.clients.get(conn)
            if target is not None and target.closed is None:
                target.media.append((channel, packet))
        return channel, packet

    def media(self, client: Client, data: bytes) -> list[tuple[str, RtpPacket]]:
        """Feed one binary frame from `client`; deliver and return what was forwarded."""
        self.hub.receive_media(client.conn, data, self.now)
        return self.pump()

    def stream(self, channel: str) -> list[RtpPacket]:
        """Every packet forwarded on `channel` so far, in order."""
        return [packet for ch, packet in self.forwarded if ch == channel]

    # --- Looking at the state ----------------------------------------------------------

    def view(self) -> Message:
        """The meeting snapshot now as the wire has it, without counting it as one sent
        (version unchanged)."""
        version = self.hub.version
        snapshot = json.loads(msgspec.json.encode(self.hub.snapshot()))
        self.hub.version = version
        return dict(snapshot)

    def channel(self, channel_id: str) -> Message:
        return _by_id(self.view()["channels"], channel_id)

    def booth(self, booth_id: str) -> Message:
        return _by_id(self.view()["booths"], booth_id)

    def participant(self, participant_id: str) -> Message:
        return _by_id(self.view()["participants"], participant_id)

    def on_air(self, channel_id: str) -> str | None:
        return self.hub.channels[channel_id].on_air


class Client:
    """One connection: what it sends, what it received, and its RTP numbering."""

    def __init__(self, meeting: Meeting, conn: int) -> None:
        self.meeting = meeting
        self.conn = conn
        self.messages: list[Message] = []
        """Every JSON message delivered to this connection, in order."""
        self.media: list[tuple[str, RtpPacket]] = []
        """Every packet delivered to this connection, as (channel id, packet)."""
        self.closed: Close | None = None
        self.welcome: Message | None = None
        self.seq = 100
        """Sequence number of the next packet `packet()` builds."""
        self.ts = 50_000
        """Timestamp of the next packet `packet()` builds."""

    def __repr__(self) -> str:
        who = self.welcome["participant"]["id"] if self.welcome else "?"
        return f"<Client conn={self.conn} {who}>"

    # --- Identity ----------------------------------------------------------------------

    @property
    def id(self) -> str:
        assert self.welcome is not None, "not welcomed"
        return str(self.welcome["participant"]["id"])

    @property
    def ssrc(self) -> int:
        assert self.welcome is not None, "not welcomed"
        return int(self.welcome["participant"]["ssrc"])

    @property
    def resume(self) -> str:
        assert self.welcome is not None, "not welcomed"
        return str(self.welcome["resume"])

    # --- Control -----------------------------------------------------------------------

    def receive(self, message: Message) -> None:
        """Called by the meeting for each message delivered to this connection."""
        self.messages.append(message)
        if message.get("type") == "welcome":
            self.welcome = message

    def send_raw(self, data: str | bytes) -> list[Message]:
        """Send one text frame as is; return the messages delivered to us as a result."""
        before = len(self.messages)
        self.meeting.hub.receive_text(self.conn, data, self.meeting.now)
        self.meeting.pump()
        return self.messages[before:]

    def send(self, message: Message) -> list[Message]:
        """Send one command as JSON; return the messages delivered to us as a result."""
        return self.send_raw(json.dumps(message))

    def hello(
        self, token: str, *, resume: str | None = None, platform: str | None = None
    ) -> list[Message]:
        message: Message = {"type": "hello", "token": token, "client": "hubkit/1"}
        if resume is not None:
            message["resume"] = resume
        if platform is not None:
            message["platform"] = platform
        return self.send(message)

    def ok(self, message: Message) -> list[Message]:
        """Send a command that must be accepted (no error back)."""
        replies = self.send(message)
        errors = [x for x in replies if x.get("type") == "error"]
        assert not errors, f"{_short(message)} was refused: {errors}"
        return replies

    def refused(self, message: Message | str | bytes) -> Message:
        """Send a command that must be refused; return the one error it got."""
        replies = self.send_raw(
            message if isinstance(message, str | bytes) else json.dumps(message)
        )
        errors = [x for x in replies if x.get("type") == "error"]
        assert len(errors) == 1, f"expected one error for {_short(message)}, got {replies}"
        return errors[0]

    def of_type(self, kind: str) -> list[Message]:
        """The messages of one `type` delivered so far."""
        return [x for x in self.messages if x.get("type") == kind]

    def errors(self) -> list[Message]:
        return self.of_type("error")

    def clear(self) -> None:
        """Forget what was delivered so far (messages and media)."""
        self.messages.clear()
        self.media.clear()

    @property
    def state(self) -> Message:
        """The latest meeting snapshot this client received (welcome or state)."""
        for message in reversed(self.messages):
            if message.get("type") == "state":
                return dict(message["meeting"])
            if message.get("type") == "welcome":
                return dict(message["meeting"])
        raise AssertionError("no snapshot received")

    def disconnect(self) -> None:
        """The socket is gone (closed by the client, or dead)."""
        self.closed = Close(self.conn, 1006, "gone")
        self.meeting.hub.disconnect(self.conn, self.meeting.now)
        self.meeting.pump()

    # --- Media -------------------------------------------------------------------------

    def packet(
        self,
        *,
        seq: int | None = None,
        ts: int | None = None,
        ssrc: int | None = None,
        marker: bool = False,
        payload: bytes = b"\xfc\xff\xfe",
        payload_type: int = 111,
        level: tuple[int, bool] | None = (30, True),
        csrc: tuple[int, ...] = (),
    ) -> bytes:
        """The next RTP packet from this client: its own SSRC, numbering advanced by one frame.

        `level` is the RFC 6464 audio level (-dBov, voice) to carry, or None for none.
        """
        packet = build(
            sequence=self.seq if seq is None else seq,
            timestamp=self.ts if ts is None else ts,
            ssrc=self.ssrc if ssrc is None else ssrc,
            payload=payload,
            marker=marker,
            payload_type=payload_type,
            csrc=csrc,
            extension=audio_level_extension(*level) if level is not None else None,
        )
        if seq is None:
            self.seq = (self.seq + 1) & 0xFFFF
        if ts is None:
            self.ts = (self.ts + FRAME_TICKS) & 0xFFFFFFFF
        return packet

    def send_media(self, data: bytes) -> list[tuple[str, RtpPacket]]:
        """Send one binary frame as is; return what the hub forwarded."""
        return self.meeting.media(self, data)

    def speak(self, frames: int = 1, *, step_s: float = FRAME_S) -> list[tuple[str, RtpPacket]]:
        """Send `frames` packets, the clock advancing `step_s` before each; all forwarded."""
        out: list[tuple[str, RtpPacket]] = []
        for _ in range(frames):
            self.meeting.advance(step_s)
            out.extend(self.send_media(self.packet()))
        return out

    def heard(self, channel: str | None = None) -> list[RtpPacket]:
        """Packets delivered to this client (on one channel, or all)."""
        return [packet for ch, packet in self.media if channel is None or ch == channel]


def _short(message: object, limit: int = 200) -> str:
    text = repr(message)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} chars)"


def _by_id(items: list[Message], item_id: str) -> Message:
    for item in items:
        if item["id"] == item_id:
            return item
    raise AssertionError(f"no {item_id!r} in {[x['id'] for x in items]}")

"""The Mumble client's I/O: one TLS connection to a server, driving a :class:`MumbleProtocol`.

This layer moves bytes, keeps the timer, and turns Opus into sound and back;
the rules are in :mod:`.core`. A gateway uses it like this::

    client = MumbleClient(on_voice=heard, on_event=changed)
    await client.connect("mumble.example.org", 64738, "rsi-gateway", password,
                         fingerprint="AB:CD:...")       # or ca_file=..., or neither
    await client.join("Floor")                          # hear the floor
    client.whisper(1, ["fr"])                           # target 1: the fr channel
    client.send_block(block_10ms, target=1)             # every 10 ms, from the engine
    ended = await client.wait_ended()                   # why it ended: ended.retry?

* **Certificates are always checked.** Against ``fingerprint`` (the SHA-256
  of the server's certificate: murmurd makes itself a self-signed one, so
  this is the usual way), against ``ca_file``, or else against the system's
  certificate authorities with the host name. A server that fails the check
  gets nothing from us, not even the user name, and the error says which
  fingerprint it presented, for the admin to confirm.
* **Voice is handled where it arrives**: each packet is decoded in the read
  callback and handed to ``on_voice`` with its arrival time, as
  :mod:`channels.client` does for the hub's media.
* **Sending never blocks**: a frame is dropped, and counted, while the
  server has not read :data:`~channels.client.MEDIA_BACKLOG_BYTES`.
* **One ending.** :meth:`MumbleClient.connect` raises :class:`MumbleError`
  when it does not get in; once in, the :class:`~.core.Ended` that says why
  the connection ended, and whether to try again, goes to ``on_event`` and
  :meth:`MumbleClient.wait_ended`. Connect again with the same client to
  resume: its figures go on counting. Meanwhile ``send_block`` counts the
  frames it cannot send as dropped.

Methods are called from the event loop's thread (``send_block`` too: an
engine thread hands its blocks over with ``loop.call_soon_threadsafe``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK
from audio.opus import Application, Decoder, Encoder, FrameMs, OpusError
from channels.client import MEDIA_BACKLOG_BYTES, client_tls
from channels.platforms.mumble.core import (
    Channel,
    ChannelChanged,
    CommandError,
    Connected,
    Denied,
    Ended,
    EndKind,
    Event,
    MumbleProtocol,
    Phase,
    User,
    UserLeft,
    UserMoved,
    VoiceReceived,
    ended,
    opus_bitrate,
)
from channels.platforms.mumble.figures import MumbleFigures, SpeakerStream

DEFAULT_PORT: Final = 64738
OPEN_TIMEOUT_S: Final = 5.0
"""TCP and TLS; the login has its own timeout (:data:`~.core.LOGIN_TIMEOUT_S`)."""
CLOSE_TIMEOUT_S: Final = 1.0
"""How long a closing connection waits for the server's TLS goodbye before the socket goes."""
ANSWER_TIMEOUT_S: Final = 5.0
"""How long :meth:`MumbleClient.join` and :meth:`MumbleClient.add_channel` wait."""
BITRATE: Final = 64_000
"""What the encoder would use with no bandwidth limit; servers usually allow less."""
APPLICATION: Final = Application.VOIP
"""The encoder's mode, as Mumble's own client below 64 kb/s: under a bandwidth limit, Opus's
speech modes sound much better than the CELT-only low-delay mode of the hub's path
(wideband PESQ at 56.4 kb/s in 20 ms packets: 4.39 against 3.93, docs/gateways.md), for
4 ms more lookahead (6.5 ms)."""


class MumbleError(Exception):
    """The connection did not come up, or ended while waiting; ``end`` says why."""

    def __init__(self, end: Ended) -> None:
        super().__init__(end.sentence)
        self.end = end


@dataclass(frozen=True, slots=True)
class Heard:
    """A packet of speech, decoded: ``pcm`` is valid during the callback only (copy to keep)."""

    speaker: User | None
    """None for a session the server has not introduced (it always does, first)."""
    sequence: int
    """In 10 ms frames: the first of ``pcm``."""
    pcm: npt.NDArray[np.float32]
    """48 kHz mono, as long as the packet (10, 20, 40 or 60 ms); empty on a bare end."""
    whisper: bool
    last: bool
    arrival: float


VoiceSink = Callable[[Heard], None]
EventSink = Callable[[Event], None]


def fingerprint_of(certificate: bytes) -> str:
    """The SHA-256 fingerprint of a DER certificate, as ``AB:CD:...``."""
    return hashlib.sha256(certificate).digest().hex(":").upper()


def parse_fingerprint(text: str) -> bytes:
    """A SHA-256 fingerprint from hex (colons, spaces and case do not matter); ValueError says."""
    digits = "".join(text.split()).replace(":", "").lower()
    if len(digits) == 40:
        raise ValueError(
            f"{text!r} is a SHA-1 fingerprint: give the certificate's SHA-256 fingerprint "
            "(64 hex digits)"
        )
    try:
        value = bytes.fromhex(digits)
    except ValueError:
        value = b""
    if len(value) != 32:
        raise ValueError(
            f"{text!r} is not a SHA-256 fingerprint: give 64 hex digits, colons allowed"
        )
    return value


def _tls(ca_file: str | None, *, pinned: bool) -> ssl.SSLContext:
    if not pinned:
        return client_tls(ca_file)
    # A pin replaces the CA chain and the name: the certificate is compared with it before
    # any byte of ours is written (see MumbleClient.connect), or only read (presented_fingerprint).
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def presented_fingerprint(host: str, port: int, timeout: float = OPEN_TIMEOUT_S) -> str:
    """The fingerprint of the certificate the server at ``host:port`` presents, unchecked.

    For telling a user what to confirm with the server's admin: never a reason to trust it.
    """
    async with asyncio.timeout(timeout):
        _, writer = await asyncio.open_connection(
            host, port, ssl=_tls(None, pinned=True), server_hostname=host
        )
    try:
        certificate = writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
        return fingerprint_of(certificate)
    finally:
        writer.close()
        with contextlib.suppress(OSError, ssl.SSLError):
            await writer.wait_closed()


class MumbleClient:
    """A Mumble user the gateway is: connect, join, whisper, speak, hear.

    ``on_voice`` gets every packet heard, decoded; ``on_event`` every other
    event of :mod:`.core` (users and channels changing, denials, the end).
    ``frame_ms`` is the length of the packets sent (20 ms halves the header
    overhead that the server's bandwidth limit counts; 10 ms is 10 ms faster).
    ``streams`` is how many targets speak at the same time: the server's
    bandwidth limit counts them together, so each gets its share.
    """

    def __init__(
        self,
        *,
        on_voice: VoiceSink | None = None,
        on_event: EventSink | None = None,
        clock: Callable[[], float] = time.monotonic,
        frame_ms: FrameMs = 20,
        bitrate: int = BITRATE,
        streams: int = 1,
        release: str = "rsi-gateway",
    ) -> None:
        if streams < 1:
            raise ValueError(f"streams must be at least 1, not {streams}")
        self._on_voice = on_voice
        self._on_event = on_event
        self._clock = clock
        self.frame_ms: FrameMs = frame_ms
        self._bitrate = bitrate
        self._sharing = streams
        self._release = release
        self.figures = MumbleFigures()
        self.protocol: MumbleProtocol | None = None
        """The current connection's rules and state (users, channels), once connecting."""
        self._wire: _Wire | None = None
        self._connected: asyncio.Future[Connected] | None = None
        self._ended: asyncio.Future[Ended] | None = None
        self._waiters: list[tuple[Callable[[Event], bool], asyncio.Future[Event]]] = []
        self._decoders: dict[int, Decoder[np.float32]] = {}
        self._streams: dict[int, SpeakerStream] = {}
        self._outgoing: dict[int, _Outgoing] = {}
        self._ignored = 0
        """The current protocol's ``ignored`` already added to the figures."""

    # -- connection -------------------------------------------------------------------

    async def connect(
        self,
        host: str,
        port: int = DEFAULT_PORT,
        user: str = "rsi-gateway",
        password: str = "",
        *,
        tokens: Sequence[str] = (),
        ca_file: str | None = None,
        fingerprint: str | None = None,
        timeout: float = OPEN_TIMEOUT_S,
    ) -> Connected:
        """Connect, check the certificate, log in; :class:`MumbleError` says why not.

        ``fingerprint`` (SHA-256, hex) pins the server's certificate;
        otherwise it is verified against ``ca_file`` or the system's CAs.
        ``tokens`` are Mumble access tokens (for channels that require one).
        """
        if self.protocol is not None and self.protocol.phase is not Phase.ENDED:
            raise CommandError("this client is connected already: close it first")
        pin = None if fingerprint is None else parse_fingerprint(fingerprint)
        where = f"{host}:{port}"
        try:
            context = _tls(ca_file, pinned=pin is not None)
        except (OSError, ssl.SSLError) as exc:
            raise MumbleError(
                ended(
                    EndKind.CERTIFICATE,
                    f"the CA file {ca_file} could not be read ({exc}): give the PEM file of the "
                    "certificate authority that signed the Mumble server's certificate",
                )
            ) from None
        loop = asyncio.get_running_loop()
        protocol = MumbleProtocol(
            user, now=self._clock(), password=password, tokens=tokens, release=self._release
        )
        wire = _Wire(self, protocol)
        try:
            async with asyncio.timeout(timeout):
                await loop.create_connection(
                    lambda: wire, host, port, ssl=context, server_hostname=host
                )
        except ssl.SSLCertVerificationError as exc:
            raise MumbleError(
                ended(EndKind.CERTIFICATE, await _unverified(where, host, port, exc))
            ) from None
        except ssl.SSLError as exc:
            raise MumbleError(
                ended(
                    EndKind.CERTIFICATE,
                    f"no encrypted connection could be set up with {where} ({exc.reason or exc})"
                    ": check that it is a Mumble server's address and port",
                )
            ) from None
        except (OSError, TimeoutError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or "no answer in time"
            raise MumbleError(
                ended(
                    EndKind.UNREACHABLE,
                    f"could not reach the Mumble server at {where} ({reason}): check the "
                    "address, the port and the network",
                    None,
                )
            ) from None
        if pin is not None:
            presented = wire.certificate()
            if hashlib.sha256(presented).digest() != pin:
                wire.abort()
                await wire.lost
                raise MumbleError(
                    ended(
                        EndKind.CERTIFICATE,
                        f"refused: the Mumble server at {where} presented a certificate with "
                        f"SHA-256 fingerprint {fingerprint_of(presented)}, not the pinned "
                        f"{fingerprint}. If the server's admin says its certificate changed to "
                        "that one, pin the new fingerprint; otherwise someone may be in between",
                    )
                )
        self.protocol = protocol
        self._wire = wire
        self._connected = loop.create_future()
        self._ended = loop.create_future()
        self._decoders.clear()
        self._streams.clear()
        self._outgoing.clear()
        self._ignored = 0
        wire.start()
        try:
            return await self._connected
        except MumbleError:
            await wire.lost  # the socket is gone when connect() says so
            raise

    async def wait_ended(self) -> Ended:
        """Wait for the end of the current connection and its socket; say why it ended."""
        if self._ended is None or self._wire is None:
            raise CommandError("this client never connected")
        end = await asyncio.shield(self._ended)
        await asyncio.shield(self._wire.lost)
        return end

    def close(self) -> None:
        """End the connection; :meth:`wait_ended` then returns :attr:`~.core.EndKind.LOCAL`."""
        if self.protocol is not None and self._wire is not None:
            self.protocol.close()
            self._wire.flush()

    # -- commands ----------------------------------------------------------------------

    async def join(self, channel: str, *, timeout: float = ANSWER_TIMEOUT_S) -> Channel:
        """Move into ``channel`` (a name, or a path ``A/B``); :class:`CommandError` if refused."""
        protocol = self._protocol()
        target = protocol.find_channel(channel)
        assert protocol.session is not None
        me = protocol.users[protocol.session]
        if me.channel == target.id:
            return target
        protocol.join(channel)
        self._flush()
        await self._answer(
            lambda e: (
                isinstance(e, UserMoved)
                and e.user.session == me.session
                and e.user.channel == target.id
            ),
            target.id,
            f"joining {channel!r}",
            timeout,
        )
        return target

    async def add_channel(
        self,
        name: str,
        *,
        parent: str | None = None,
        temporary: bool = False,
        timeout: float = ANSWER_TIMEOUT_S,
    ) -> Channel:
        """Create ``name`` under ``parent`` (the root by default); needs MakeChannel."""
        protocol = self._protocol()
        protocol.add_channel(name, parent=parent, temporary=temporary)
        self._flush()
        event = await self._answer(
            lambda e: isinstance(e, ChannelChanged) and e.channel.name == name,
            None,
            f"creating channel {name!r}",
            timeout,
        )
        assert isinstance(event, ChannelChanged)
        return event.channel

    def whisper(self, target: int, channels: Sequence[str]) -> None:
        """Make ``target`` (1-30) whisper to these channels (a Mumble ``VoiceTarget``)."""
        self._protocol().set_whisper(target, channels)
        self._flush()

    def send_block(
        self, pcm: npt.NDArray[np.float32], target: int = 0, *, last: bool = False
    ) -> None:
        """Speak one 10 ms block (480 float32 samples) to ``target`` (0: our channel).

        Blocks are gathered into ``frame_ms`` packets per target, each with its
        own encoder. ``last`` ends the talk burst: the packet goes at once
        (padded with silence) with the terminator bit, and Mumble clients stop
        showing us as talking.
        """
        out = self._outgoing.get(target)
        if out is None:
            protocol = self.protocol
            limit = protocol.max_bandwidth if protocol is not None else None
            share = None if limit is None else limit // self._sharing
            bitrate = opus_bitrate(share, self.frame_ms, self._bitrate)
            out = self._outgoing[target] = _Outgoing(self.frame_ms, bitrate)
        packet = out.add(pcm, last)
        if packet is None:
            return
        frames = self.frame_ms // 10
        wire, protocol = self._wire, self.protocol
        if (
            wire is None
            or protocol is None
            or wire.backlog() > MEDIA_BACKLOG_BYTES
            or not protocol.send_voice(packet, frames=frames, target=target, last=last)
        ):
            self.figures.dropped += frames
            return
        self.figures.frames_out += frames
        wire.flush()

    # -- for the wire ------------------------------------------------------------------

    def _flush(self) -> None:
        if self._wire is not None:
            self._wire.flush()

    def _protocol(self) -> MumbleProtocol:
        protocol = self.protocol
        if protocol is None or protocol.phase is not Phase.CONNECTED:
            raise CommandError("not connected to the Mumble server")
        return protocol

    async def _answer(
        self, match: Callable[[Event], bool], channel: int | None, doing: str, timeout: float
    ) -> Event:
        """The event that ``match``es, or :class:`CommandError` for a denial, an end, silence."""
        future: asyncio.Future[Event] = asyncio.get_running_loop().create_future()

        def answers(event: Event) -> bool:
            if isinstance(event, Denied):
                return event.channel in (None, channel)
            return isinstance(event, Ended) or match(event)

        waiter = (answers, future)
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(timeout):
                event = await future
        except TimeoutError:
            raise CommandError(
                f"the Mumble server did not answer in {timeout:.0f} s when {doing}"
            ) from None
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
        if isinstance(event, Denied):
            raise CommandError(event.sentence)
        if isinstance(event, Ended):
            raise MumbleError(event)
        return event

    def _events(self, protocol: MumbleProtocol) -> None:
        """Hand out what the protocol has to say; called after every input to it."""
        for event in protocol.events_received():
            if isinstance(event, VoiceReceived):
                self._voice(protocol, event)
                continue
            if isinstance(event, UserLeft):
                self._decoders.pop(event.user.session, None)
                self._streams.pop(event.user.session, None)
            for answers, future in tuple(self._waiters):
                if not future.done() and answers(event):
                    future.set_result(event)
            if isinstance(event, Connected):
                self.figures.connections += 1
                if self._connected is not None and not self._connected.done():
                    self._connected.set_result(event)
            elif isinstance(event, Ended):
                if self._ended is not None and not self._ended.done():
                    self._ended.set_result(event)
                if self._connected is not None and not self._connected.done():
                    self._connected.set_exception(MumbleError(event))
                    continue  # connect() raises it: the caller hears of it once
            if self._on_event is not None:
                self._on_event(event)
        self.figures.rtt_ms = protocol.rtt_ms
        self.figures.ignored += protocol.ignored - self._ignored
        self._ignored = protocol.ignored

    def _voice(self, protocol: MumbleProtocol, event: VoiceReceived) -> None:
        decoder = self._decoders.get(event.session)
        if decoder is None:
            decoder = self._decoders[event.session] = Decoder(frame_ms=10)
            self._streams[event.session] = SpeakerStream()
        pcm: npt.NDArray[np.float32] = _EMPTY
        if event.opus:
            try:
                pcm = decoder.decode(event.opus)
            except OpusError:
                self.figures.ignored += 1
                return
        frames = len(pcm) // BLOCK
        stream = self._streams[event.session]
        lost, late = stream.lost, stream.late
        stream.arrived(event.sequence, frames, event.arrival, last=event.last)
        figures = self.figures
        figures.frames_in += frames
        figures.lost += stream.lost - lost
        figures.late += stream.late - late
        if self._on_voice is not None:
            speaker = protocol.users.get(event.session)
            self._on_voice(
                Heard(speaker, event.sequence, pcm, event.whisper, event.last, event.arrival)
            )


_EMPTY: Final = np.zeros(0, dtype=np.float32)


class _Outgoing:
    """One target's encoder and the blocks gathered for its next packet."""

    __slots__ = ("_buffer", "_encoder", "_filled")

    def __init__(self, frame_ms: FrameMs, bitrate: int) -> None:
        # Constant bitrate: murmurd drops the packets that take a client over its bandwidth
        # limit, measured over the packets since the connection began, and VBR's first
        # packets are the largest (docs/gateways.md).
        self._encoder = Encoder(
            frame_ms=frame_ms, bitrate=bitrate, vbr=False, application=APPLICATION
        )
        self._buffer = np.zeros(BLOCK * frame_ms // 10, dtype=np.float32)
        self._filled = 0

    def add(self, pcm: npt.NDArray[np.float32], last: bool) -> bytes | None:
        """The next packet when this block completes it (or ends the burst), else None."""
        if pcm.shape[0] != BLOCK:
            raise ValueError(f"send_block takes {BLOCK} samples (10 ms), not {pcm.shape[0]}")
        self._buffer[self._filled : self._filled + BLOCK] = pcm.reshape(BLOCK)
        self._filled += BLOCK
        if self._filled < self._buffer.shape[0] and not last:
            return None
        self._buffer[self._filled :] = 0.0
        self._filled = 0
        return self._encoder.encode(self._buffer)


async def _unverified(where: str, host: str, port: int, exc: ssl.SSLCertVerificationError) -> str:
    """The sentence for a certificate that failed verification, with what it presented."""
    try:
        presented = await presented_fingerprint(host, port)
        seen = f"; it presents SHA-256 fingerprint {presented}"
    except (OSError, ssl.SSLError, TimeoutError):
        presented, seen = "", ""
    return (
        f"the Mumble server at {where} presented a certificate that could not be verified "
        f"({exc.verify_message}){seen}. If the server's admin confirms that fingerprint, pin it "
        "(--mumble-fingerprint); if the server has its own certificate authority, give its CA "
        "file (--mumble-ca); otherwise do not connect: someone may be in between"
    )


class _Wire(asyncio.Protocol):
    """Bytes between the TLS transport and the protocol; the protocol's timer."""

    def __init__(self, client: MumbleClient, protocol: MumbleProtocol) -> None:
        self._client = client
        self._protocol = protocol
        self._transport: asyncio.Transport | None = None
        self._started = False
        self._timer: asyncio.TimerHandle | None = None
        self._close_timer: asyncio.TimerHandle | None = None
        self.lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        """Done when the socket is closed."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def certificate(self) -> bytes:
        assert self._transport is not None
        der = self._transport.get_extra_info("ssl_object").getpeercert(binary_form=True)
        return bytes(der or b"")

    def start(self) -> None:
        """The certificate passed: write the login and start the timer."""
        self._started = True
        self.flush()
        self._client._events(self._protocol)
        self._arm()

    def data_received(self, data: bytes) -> None:
        self._protocol.receive_data(data, self._client._clock())
        if self._started:
            self.flush()
            self._client._events(self._protocol)

    def eof_received(self) -> bool:
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        for timer in (self._timer, self._close_timer):
            if timer is not None:
                timer.cancel()
        if not self.lost.done():
            self.lost.set_result(None)
        self._transport = None
        self._protocol.receive_eof(self._client._clock())
        if self._started:
            self._client._events(self._protocol)

    def backlog(self) -> int:
        transport = self._transport
        return transport.get_write_buffer_size() if transport is not None else 0

    def flush(self) -> None:
        if not self._started:
            return
        transport = self._transport
        for data in self._protocol.data_to_send():
            if transport is None:
                return
            if data:
                transport.write(data)
            else:  # TLS's close_notify, then the socket, however the server answers
                transport.close()
                loop = asyncio.get_running_loop()
                self._close_timer = loop.call_later(CLOSE_TIMEOUT_S, self.abort)
                transport = None

    def abort(self) -> None:
        if self._transport is not None:
            self._transport.abort()

    def _arm(self) -> None:
        deadline = self._protocol.next_deadline()
        if deadline is None or self._transport is None:
            return
        delay = max(0.0, deadline - self._client._clock())
        self._timer = asyncio.get_running_loop().call_later(delay, self._due)

    def _due(self) -> None:
        self._protocol.tick(self._client._clock())
        self.flush()
        self._client._events(self._protocol)
        self._arm()

"""The rsi.v1 client's I/O: one WebSocket connection to a hub, driving a :class:`Session`.

This layer only moves bytes: the rules live in :mod:`channels.session`, the
WebSocket rules in the ``websockets`` library's sans-I/O
:class:`~websockets.client.ClientProtocol`. :meth:`HubLink.run` it as a task;
send and close from the same loop.

* **Incoming.** Events go to ``on_event``, on the link's loop; media frames
  go to ``on_media(data, arrival)`` straight from the loop's read callback,
  with the arrival time from ``clock`` (:func:`time.monotonic` by default).
  Keep both short.
* **Writes never block.** :meth:`HubLink.send` and :meth:`HubLink.send_media`
  write to the transport at once. Control messages are never dropped; a
  media packet is dropped, and counted (``media_dropped``), while more than
  :data:`MEDIA_BACKLOG_BYTES` wait unread by the hub.
* **Keepalive.** The link pings every ``ping_interval_s`` (the round-trip
  time the ``report`` message needs), and more often while it hears nothing
  (:data:`QUIET_PING_S`), so that :attr:`HubLink.heard` shows within a
  second whether the hub is still there, on a silent channel too; it
  declares the hub gone when nothing has arrived for ``silence_timeout_s``.
* **Safe by default.** ``wss://`` certificates are verified against the
  system's authorities, or ``ca_file``. A token is never sent over plain
  ``ws://`` to a host that is not loopback unless ``allow_insecure`` says so:
  the refusal comes before any connection attempt, as
  :class:`~channels.session.ConnectionFailed` of kind ``insecure``.
* **One ending.** Whatever happens, exactly one final event comes out:
  :class:`~channels.session.ConnectionFailed` before ``welcome``,
  :class:`~channels.session.Disconnected` after.

Why the link is built this way: docs/architecture.md, "Design notes".
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import re
import ssl
import time
from collections.abc import Callable
from typing import Final
from urllib.parse import urlsplit

from websockets.asyncio.client import connect_http_proxy
from websockets.client import ClientProtocol
from websockets.exceptions import (
    InvalidHandshake,
    InvalidProxy,
    InvalidProxyMessage,
    InvalidProxyStatus,
    InvalidStatus,
    InvalidURI,
)
from websockets.frames import CloseCode, Frame, Opcode
from websockets.protocol import State
from websockets.proxy import get_proxy, parse_proxy
from websockets.typing import Subprotocol
from websockets.uri import WebSocketURI, parse_uri

from channels import protocol as p
from channels.session import (
    EventSink,
    FailureKind,
    Session,
)

MEDIA_BACKLOG_BYTES: Final = 8192
"""Bytes the hub may leave unread before media packets are dropped (0.5 s of 128 kb/s Opus)."""
MAX_INCOMING: Final = 1 << 20
"""Hub-to-client messages are not limited to 16 KiB: large meetings' snapshots exceed it."""
PING_INTERVAL_S: Final = 2.0
QUIET_PING_S: Final = 0.25
"""A link that has heard nothing for this long pings, at most every :data:`QUIET_PING_GAP_S`:
a healthy hub's pong then arrives within a second even when no one speaks (the hub allows
5 pings a second)."""
QUIET_PING_GAP_S: Final = 0.5
SILENCE_TIMEOUT_S: Final = 6.0
OPEN_TIMEOUT_S: Final = 5.0
CLOSE_TIMEOUT_S: Final = 1.0
"""How long our close waits for the hub's answer before the socket is dropped."""

MediaSink = Callable[[bytes, float], None]


class HubLink:
    """One connection: :meth:`run` it as a task; send and close from the same loop."""

    def __init__(
        self,
        session: Session,
        *,
        on_event: EventSink,
        on_media: MediaSink,
        clock: Callable[[], float] = time.monotonic,
        ping_interval_s: float = PING_INTERVAL_S,
        silence_timeout_s: float = SILENCE_TIMEOUT_S,
        open_timeout_s: float = OPEN_TIMEOUT_S,
        ca_file: str | None = None,
        allow_insecure: bool = False,
    ) -> None:
        if ping_interval_s <= 0 or silence_timeout_s <= ping_interval_s:
            raise ValueError("need 0 < ping_interval_s < silence_timeout_s")
        self.session = session
        self._on_event = on_event
        self._on_media = on_media
        self._clock = clock
        self._ping_s = ping_interval_s
        self._silence_s = silence_timeout_s
        self._open_s = open_timeout_s
        self._ca_file = ca_file
        self._allow_insecure = allow_insecure
        self._wire: _Wire | None = None
        """The connection, once the hub accepted the WebSocket handshake."""
        self.url: str | None = None
        """The address that accepted (of several: the edge this link is on), once open."""
        self._closing = False
        self._silent_reason: str | None = None
        self.media_in = 0
        self.media_out = 0
        self.media_dropped = 0
        """Media packets dropped because the hub did not take them in time."""

    @property
    def heard(self) -> float:
        """When the last bytes came from the hub (``clock`` time; 0 before the connection)."""
        wire = self._wire
        return wire.heard if wire is not None else 0.0

    # -- sending (never blocks) --------------------------------------------------------

    def send(self, data: bytes) -> None:
        """Send one control message (a JSON text frame). Never dropped."""
        wire = self._wire
        if wire is not None:
            wire.send_text(data)

    def send_media(self, data: bytes) -> None:
        """Send one RTP packet, unless the hub is half a second behind in reading."""
        wire = self._wire
        if wire is None or self._closing:
            return
        if wire.backlog() > MEDIA_BACKLOG_BYTES:
            self.media_dropped += 1
            return
        wire.send_binary(data)
        self.media_out += 1

    def close(self) -> None:
        """Close the connection (code 1000); :meth:`run` then ends with our Disconnected."""
        self._closing = True
        if self._wire is not None:
            self._wire.close()

    # -- the connection -----------------------------------------------------------------

    async def run(self, url: str) -> None:
        """Connect, say hello, read until the end; the final event is always emitted.

        ``url`` may name several addresses of one meeting (:func:`addresses`: the edges of
        a cluster): they are tried in turn until one accepts; if none does, the last one's
        failure is the final event.
        """
        session = self.session
        urls = addresses(url)
        for one in urls or (url,):
            problem = _check_url(one)
            if problem is not None:
                self._on_event(session.failed(FailureKind.BAD_URL, problem))
                return
            if not self._allow_insecure and (problem := plain_ws_problem(one)) is not None:
                self._on_event(session.failed(FailureKind.INSECURE, problem))
                return
        for one in urls:
            opened = await self._attempt(one)
            if isinstance(opened, _Wire) or self._closing:
                break
        if not isinstance(opened, _Wire):
            self._on_event(session.failed(*opened))
            return
        wire = opened
        self._wire = wire
        self.url = one
        watchdog = asyncio.create_task(self._watch(wire))
        try:
            if self._closing:
                wire.close()
            else:
                self.send(session.hello())
                self.send(session.ping(self._clock()))  # a first round-trip time at once
            await wire.lost
        finally:
            self._wire = None
            watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watchdog
            wire.abort()  # nothing is left to say; never leave a socket behind
        received = wire.protocol.close_rcvd
        code = received.code if received is not None else None
        reason = received.reason if received is not None else ""
        if code is None and self._silent_reason is not None:
            reason = self._silent_reason
        self._on_event(session.closed(code, reason, by_us=self._closing))

    async def _attempt(self, url: str) -> _Wire | tuple[FailureKind, str]:
        """The open connection to one address that speaks rsi.v1, or why there is none."""
        tls: ssl.SSLContext | None = None
        if urlsplit(url).scheme == "wss":
            try:
                tls = client_tls(self._ca_file)
            except (OSError, ssl.SSLError) as exc:
                return (
                    FailureKind.CERTIFICATE,
                    f"the CA file {self._ca_file} could not be read ({exc}): give the PEM "
                    "file of the certificate authority that signed the hub's certificate",
                )
        try:
            wire = await asyncio.wait_for(self._open(url, tls), self._open_s)
        except ssl.SSLCertVerificationError as exc:
            return (
                FailureKind.CERTIFICATE,
                f"the hub at {url} presented a certificate that could not be verified "
                f"({exc.verify_message}): if the hub has its own certificate authority, "
                "give its CA file; otherwise do not connect, someone may be in between",
            )
        except ssl.SSLError as exc:
            return (
                FailureKind.CERTIFICATE,
                f"no encrypted connection could be set up with {url} "
                f"({exc.reason or exc}): check that the hub serves wss:// at this address",
            )
        except InvalidStatus as exc:
            status = exc.response.status_code
            return (
                FailureKind.NOT_A_HUB,
                f"{url} answered HTTP {status} instead of an rsi.v1 hub: check the address "
                f"(it ends in {p.PATH})",
            )
        except (InvalidHandshake, InvalidURI) as exc:
            return FailureKind.NOT_A_HUB, f"{url} is not an rsi.v1 hub ({exc})"
        except (OSError, TimeoutError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            return (
                FailureKind.UNREACHABLE,
                f"could not reach the hub at {url} ({reason}): check the address and the network",
            )
        if wire.protocol.subprotocol != p.SUBPROTOCOL:
            wire.close()
            await wire.lost
            return FailureKind.NOT_A_HUB, f"{url} does not speak {p.SUBPROTOCOL}"
        return wire

    async def _open(self, url: str, tls: ssl.SSLContext | None) -> _Wire:
        """TCP (and TLS) to the hub, then the WebSocket handshake; raises what went wrong.

        A proxy named by the environment (``https_proxy`` for wss://,
        ``http_proxy`` for ws://, ``no_proxy`` to bypass, as curl and
        browsers read them) is used with HTTP CONNECT: networks that reach
        the outside only through a proxy can still reach the hub. TLS then
        runs end to end through the tunnel, so the proxy sees neither token
        nor audio.
        """
        uri = parse_uri(url)
        protocol = ClientProtocol(
            uri, subprotocols=[Subprotocol(p.SUBPROTOCOL)], max_size=MAX_INCOMING
        )
        loop = asyncio.get_running_loop()
        wire = _Wire(protocol, self._message, self._clock)
        proxy = None if is_loopback(uri.host) else get_proxy(uri)
        if proxy is None:
            await loop.create_connection(lambda: wire, uri.host, uri.port, ssl=tls)
        else:
            transport = await _tunnel(proxy, uri)
            transport.set_protocol(wire)
            if tls is not None:
                secured = await loop.start_tls(transport, wire, tls, server_hostname=uri.host)
                assert secured is not None
                transport = secured
            wire.connection_made(transport)
        try:
            await wire.opened
        except BaseException:
            wire.abort()
            raise
        return wire

    def _message(self, data: str | bytes, now: float) -> None:
        if isinstance(data, bytes):
            self.media_in += 1
            self._on_media(data, now)
            return
        on_event = self._on_event
        for event in self.session.receive(data, now):
            on_event(event)

    async def _watch(self, wire: _Wire) -> None:
        """Ping now and then, more often while the hub is quiet; give it up when it has said
        nothing for too long."""
        pinged = self._clock()  # run() pings first
        while True:
            due = min(self._ping_due(wire, pinged), wire.heard + self._silence_s)
            await asyncio.sleep(max(0.0, due - self._clock()))
            now = self._clock()
            silent = now - wire.heard
            if silent >= self._silence_s:
                self._silent_reason = f"the hub has not answered for {silent:.0f} s"
                wire.abort()
                return
            if now >= self._ping_due(wire, pinged):
                pinged = now
                self.send(self.session.ping(now))

    def _ping_due(self, wire: _Wire, pinged: float) -> float:
        """When the next ping is due: every ``ping_interval_s``, sooner while the hub is quiet."""
        quiet = max(wire.heard + QUIET_PING_S, pinged + QUIET_PING_GAP_S)
        return min(pinged + self._ping_s, quiet)


MessageSink = Callable[[str | bytes, float], None]
"""A whole message with the time it was read: text as ``str``, binary as ``bytes``."""


class _Wire(asyncio.Protocol):
    """Bytes between one transport and websockets' sans-I/O protocol; messages out at once.

    A message (a text or binary frame, or fragments joined) goes to
    ``on_message`` from :meth:`data_received` itself. Text that is not UTF-8
    fails the connection (1007), as RFC 6455 says.
    """

    def __init__(
        self, protocol: ClientProtocol, on_message: MessageSink, clock: Callable[[], float]
    ) -> None:
        self.protocol = protocol
        self._on_message = on_message
        self._clock = clock
        self._transport: asyncio.Transport | None = None
        loop = asyncio.get_running_loop()
        self.opened: asyncio.Future[None] = loop.create_future()
        """Done when the hub accepted the handshake; raises why it did not."""
        self.lost: asyncio.Future[None] = loop.create_future()
        """Done when the socket is closed."""
        self.heard = 0.0
        """When the last bytes arrived (pongs to the hub's pings included)."""
        self._fragments: list[bytes] = []
        self._fragmented: Opcode | None = None
        self._close_timer: asyncio.TimerHandle | None = None
        self._failed = False
        """We failed the connection: nothing more is delivered."""

    # -- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        self.protocol.send_request(self.protocol.connect())
        self._flush()

    def data_received(self, data: bytes) -> None:
        protocol = self.protocol
        protocol.receive_data(data)
        now = self.heard = self._clock()
        for event in protocol.events_received():
            if not isinstance(event, Frame):
                continue  # the handshake's response: settled below
            if event.opcode is Opcode.TEXT or event.opcode is Opcode.BINARY:
                if event.fin:
                    self._deliver(event.opcode, bytes(event.data), now)
                else:
                    self._fragmented = event.opcode
                    self._fragments = [bytes(event.data)]
            elif event.opcode is Opcode.CONT and self._fragmented is not None:
                self._fragments.append(bytes(event.data))
                if event.fin:
                    opcode, self._fragmented = self._fragmented, None
                    self._deliver(opcode, b"".join(self._fragments), now)
                    self._fragments = []
        self._flush()  # answers to pings and closes, and our own close if we failed the link
        if not self.opened.done():
            if protocol.handshake_exc is not None:
                self.opened.set_exception(protocol.handshake_exc)
            elif protocol.state is not State.CONNECTING:
                self.opened.set_result(None)
        if protocol.close_expected():
            self._expect_close()

    def eof_received(self) -> bool:
        self.protocol.receive_eof()
        self._flush()
        return False  # the transport closes itself; the WebSocket never writes after EOF

    def connection_lost(self, exc: Exception | None) -> None:
        self.protocol.receive_eof()
        if self._close_timer is not None:
            self._close_timer.cancel()
        if not self.opened.done():
            self.opened.set_exception(
                self.protocol.handshake_exc
                or exc
                or ConnectionError("the hub closed the connection during the handshake")
            )
        if not self.lost.done():
            self.lost.set_result(None)

    # -- for the link ----------------------------------------------------------------------

    def send_text(self, data: bytes) -> None:
        if self.protocol.state is State.OPEN:
            self.protocol.send_text(data)
            self._flush()

    def send_binary(self, data: bytes) -> None:
        if self.protocol.state is State.OPEN:
            self.protocol.send_binary(data)
            self._flush()

    def backlog(self) -> int:
        """Bytes written and not yet taken by the kernel."""
        transport = self._transport
        return transport.get_write_buffer_size() if transport is not None else 0

    def close(self) -> None:
        """Start the closing handshake (1000); the socket goes when the hub answers, or later."""
        if self.protocol.state is State.OPEN:
            self.protocol.send_close(CloseCode.NORMAL_CLOSURE)
            self._flush()
            self._expect_close()
        elif self.protocol.state is State.CONNECTING:
            self.abort()

    def abort(self) -> None:
        if self._transport is not None:
            self._transport.abort()

    # -- inside ------------------------------------------------------------------------------

    def _deliver(self, opcode: Opcode, data: bytes, now: float) -> None:
        message: str | bytes = data
        if opcode is Opcode.TEXT:
            try:
                message = data.decode()
            except UnicodeDecodeError:
                self.protocol.fail(CloseCode.INVALID_DATA, "invalid UTF-8 in a text frame")
                self._failed = True
                return
        if not self._failed:  # frames read before the hub's close frame count, too
            self._on_message(message, now)

    def _expect_close(self) -> None:
        if self._close_timer is None and self._transport is not None:
            loop = asyncio.get_running_loop()
            self._close_timer = loop.call_later(CLOSE_TIMEOUT_S, self.abort)

    def _flush(self) -> None:
        transport = self._transport
        if transport is None:
            return
        for data in self.protocol.data_to_send():
            if data:
                transport.write(data)
            elif transport.can_write_eof():
                transport.write_eof()  # half-close: the hub closes the socket, as it should
            else:
                transport.close()


async def _tunnel(proxy: str, uri: WebSocketURI) -> asyncio.Transport:
    """A connection to the hub through an HTTP proxy (CONNECT); OSError says why not."""
    try:
        parsed = parse_proxy(proxy)
    except InvalidProxy as exc:
        raise OSError(f"the proxy setting {proxy!r} is not usable ({exc})") from None
    if not parsed.scheme.startswith("http"):
        raise OSError(
            f"the proxy {proxy} is a {parsed.scheme} proxy, which this console does not "
            "support: set https_proxy to an HTTP proxy, or no_proxy to the hub's host"
        )
    try:
        return await connect_http_proxy(parsed, uri, ssl=True if parsed.scheme == "https" else None)
    except InvalidProxyStatus as exc:
        status = exc.response.status_code
        raise OSError(f"the proxy {parsed.host}:{parsed.port} refused (HTTP {status})") from None
    except InvalidProxyMessage:
        raise OSError(f"{parsed.host}:{parsed.port} did not answer as an HTTP proxy") from None


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address: traffic that never leaves this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plain_ws_problem(url: str) -> str | None:
    """Why a token must not go to ``url`` (plain ws:// beyond loopback), or None."""
    parts = urlsplit(url)
    if parts.scheme != "ws" or is_loopback(parts.hostname or ""):
        return None
    return (
        f"{url} is not encrypted (ws://) and {parts.hostname} is not this computer: your token "
        "and audio would cross the network in clear; use the hub's wss:// address, or allow "
        "unencrypted connections explicitly (for a closed lab network only)"
    )


def client_tls(ca_file: str | None = None) -> ssl.SSLContext:
    """Verify the hub's certificate and name: against ``ca_file`` alone, or the system's CAs."""
    context = ssl.create_default_context(cafile=ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def addresses(url: str) -> tuple[str, ...]:
    """The hub addresses in ``url``: one, or several separated by commas or spaces (the
    edges of one meeting, tried in turn)."""
    return tuple(part for part in re.split(r"[\s,]+", url) if part)


def _check_url(url: str) -> str | None:
    """A sentence saying what is wrong with a hub address, or None."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"{url!r} is not an address ({exc})"
    if parts.scheme not in ("ws", "wss"):
        return f"{url!r} is not a hub address: it must start with wss:// (or ws:// on loopback)"
    if not parts.hostname:
        return f"{url!r} names no host"
    return None

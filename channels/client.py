"""The rsi.v1 client's I/O: one WebSocket connection to a hub, driving a :class:`Session`.

This layer only moves bytes. The rules (what to send, what a message means,
why a connection ended) live in :mod:`channels.session`; here are the socket,
the order of writes and the watchdog:

* **Writes never block the caller.** :meth:`HubLink.send` and
  :meth:`HubLink.send_media` only queue; one writer task drains the queues,
  control messages first. Control messages are never dropped; media is
  bounded (:data:`MEDIA_BACKLOG`, 0.5 s of 10 ms packets) and loses its
  oldest packets when the hub does not read, as the hub itself treats a slow
  listener. So a congested link can never stall the audio engine's clock.
* **Keepalive.** The hub pings at the WebSocket level (answered by the
  library). On top, the link sends an application ``ping`` every
  ``ping_interval_s`` (its ``pong`` measures the round-trip time that the
  ``report`` message needs), and declares the hub gone when nothing at all
  has arrived for ``silence_timeout_s`` (docs/protocol.md section 3.3: "a
  client that has received nothing ... should ping, and reconnect when no
  pong comes").
* **Safe by default.** ``wss://`` certificates are verified against the
  system's certificate authorities, or against ``ca_file`` for a hub with
  its own CA. A token is never sent over plain ``ws://`` to a host that is
  not loopback unless ``allow_insecure`` says so: the refusal comes before
  any connection attempt, as :class:`~channels.session.ConnectionFailed`
  of kind ``insecure``.
* **One ending.** Whatever happens (refused handshake, unreachable host,
  refused token, lost link, our own close), exactly one final event comes
  out: :class:`~channels.session.ConnectionFailed` before ``welcome``,
  :class:`~channels.session.Disconnected` after.

Media frames are handed to ``on_media(data, arrival)`` as they arrive, on
the loop's thread, with the arrival time from the same clock as everything
else (``clock``, :func:`time.monotonic` by default).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import ssl
import time
from collections import deque
from collections.abc import Callable
from typing import Final
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import (
    ConnectionClosed,
    InvalidHandshake,
    InvalidStatus,
    InvalidURI,
)

from channels import protocol as p
from channels.session import (
    EventSink,
    FailureKind,
    Session,
)

MEDIA_BACKLOG: Final = 50
"""Media packets that may wait for the socket (0.5 s of 10 ms packets) before the oldest go."""
MAX_INCOMING: Final = 1 << 20
"""Hub-to-client text frames are not limited to 16 KiB: large meetings' snapshots exceed it."""
PING_INTERVAL_S: Final = 2.0
SILENCE_TIMEOUT_S: Final = 6.0
OPEN_TIMEOUT_S: Final = 5.0

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
        self._ws: ClientConnection | None = None
        self._control: deque[bytes] = deque()
        self._media: deque[bytes] = deque(maxlen=MEDIA_BACKLOG)
        self._wake = asyncio.Event()
        self._closing = False
        self._close_task: asyncio.Task[None] | None = None
        self._silent_reason: str | None = None
        self._last_heard = 0.0
        self.media_in = 0
        self.media_out = 0
        self.media_dropped = 0
        """Media packets dropped because the socket did not take them in time."""

    # -- sending (never blocks) --------------------------------------------------------

    def send(self, data: bytes) -> None:
        """Queue one control message (a JSON text frame). Never dropped."""
        self._control.append(data)
        self._wake.set()

    def send_media(self, data: bytes) -> None:
        """Queue one RTP packet; the oldest waiting packet goes if the backlog is full."""
        if self._ws is None or self._closing:
            return
        if len(self._media) == MEDIA_BACKLOG:
            self.media_dropped += 1
        self._media.append(data)
        self._wake.set()

    def close(self) -> None:
        """Close the connection (code 1000); :meth:`run` then ends with our Disconnected."""
        self._closing = True
        ws = self._ws
        if ws is not None and self._close_task is None:
            self._close_task = asyncio.get_running_loop().create_task(ws.close())

    # -- the connection -----------------------------------------------------------------

    async def run(self, url: str) -> None:
        """Connect, say hello, read until the end; the final event is always emitted."""
        session = self.session
        problem = _check_url(url)
        if problem is not None:
            self._on_event(session.failed(FailureKind.BAD_URL, problem))
            return
        if not self._allow_insecure and (problem := plain_ws_problem(url)) is not None:
            self._on_event(session.failed(FailureKind.INSECURE, problem))
            return
        tls: ssl.SSLContext | None = None
        if urlsplit(url).scheme == "wss":
            try:
                tls = client_tls(self._ca_file)
            except (OSError, ssl.SSLError) as exc:
                self._on_event(
                    session.failed(
                        FailureKind.CERTIFICATE,
                        f"the CA file {self._ca_file} could not be read ({exc}): give the PEM "
                        "file of the certificate authority that signed the hub's certificate",
                    )
                )
                return
        try:
            ws = await connect(
                url,
                subprotocols=[p.SUBPROTOCOL],  # type: ignore[list-item]
                compression=None,
                max_size=MAX_INCOMING,
                ping_interval=None,  # the hub pings us; our own pings are application pings
                open_timeout=self._open_s,
                close_timeout=1.0,
                ssl=tls,
            )
        except ssl.SSLCertVerificationError as exc:
            self._on_event(
                session.failed(
                    FailureKind.CERTIFICATE,
                    f"the hub at {url} presented a certificate that could not be verified "
                    f"({exc.verify_message}): if the hub has its own certificate authority, "
                    "give its CA file; otherwise do not connect, someone may be in between",
                )
            )
            return
        except ssl.SSLError as exc:
            self._on_event(
                session.failed(
                    FailureKind.CERTIFICATE,
                    f"no encrypted connection could be set up with {url} "
                    f"({exc.reason or exc}): check that the hub serves wss:// at this address",
                )
            )
            return
        except InvalidStatus as exc:
            status = exc.response.status_code
            self._on_event(
                session.failed(
                    FailureKind.NOT_A_HUB,
                    f"{url} answered HTTP {status} instead of an rsi.v1 hub: check the address "
                    f"(it ends in {p.PATH})",
                )
            )
            return
        except (InvalidHandshake, InvalidURI) as exc:
            self._on_event(
                session.failed(FailureKind.NOT_A_HUB, f"{url} is not an rsi.v1 hub ({exc})")
            )
            return
        except (OSError, TimeoutError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            self._on_event(
                session.failed(
                    FailureKind.UNREACHABLE,
                    f"could not reach the hub at {url} ({reason}): check the address and the "
                    "network",
                )
            )
            return
        if ws.subprotocol != p.SUBPROTOCOL:
            await ws.close()
            self._on_event(
                session.failed(FailureKind.NOT_A_HUB, f"{url} does not speak {p.SUBPROTOCOL}")
            )
            return
        self._ws = ws
        self._last_heard = self._clock()
        writer = asyncio.create_task(self._write(ws))
        watchdog = asyncio.create_task(self._watch(ws))
        try:
            if self._closing:
                await ws.close()
            else:
                self.send(session.hello())
                self.send(session.ping(self._clock()))  # a first round-trip time at once
            await self._read(ws)
        finally:
            self._ws = None
            for task in (writer, watchdog):
                task.cancel()
            for task in (writer, watchdog):
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if self._close_task is not None:
                with contextlib.suppress(ConnectionClosed, asyncio.CancelledError):
                    await self._close_task
            ws.transport.abort()  # nothing is left to say; never leave a socket behind

    async def _read(self, ws: ClientConnection) -> None:
        session = self.session
        on_event = self._on_event
        clock = self._clock
        while True:
            try:
                message = await ws.recv()
            except ConnectionClosed as exc:
                code = exc.rcvd.code if exc.rcvd is not None else None
                reason = exc.rcvd.reason if exc.rcvd is not None else ""
                if code is None and self._silent_reason is not None:
                    reason = self._silent_reason
                on_event(session.closed(code, reason, by_us=self._closing))
                return
            now = clock()
            self._last_heard = now
            if isinstance(message, bytes):
                self.media_in += 1
                self._on_media(message, now)
            else:
                for event in session.receive(message, now):
                    on_event(event)

    async def _write(self, ws: ClientConnection) -> None:
        control, media, wake = self._control, self._media, self._wake
        with contextlib.suppress(ConnectionClosed):
            while True:
                await wake.wait()
                wake.clear()
                while control or media:
                    if control:
                        await ws.send(control.popleft(), text=True)
                    else:
                        await ws.send(media.popleft())
                        self.media_out += 1

    async def _watch(self, ws: ClientConnection) -> None:
        """Ping now and then; give the hub up when it has said nothing for too long."""
        while True:
            await asyncio.sleep(self._ping_s)
            now = self._clock()
            silent = now - self._last_heard
            if silent >= self._silence_s:
                self._silent_reason = f"the hub has not answered for {silent:.0f} s"
                ws.transport.abort()
                return
            self.send(self.session.ping(now))


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

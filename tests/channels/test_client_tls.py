"""TLS between the client and `rsi-hub serve --cert --key`, and the refusal of plain ws://.

The test makes its own certificate authority and a hub certificate for
127.0.0.1 and localhost (with ``cryptography``), serves a meeting with them
from a real `rsi-hub` process, and connects with the client's link
(:class:`channels.client.HubLink`) and the engine: with that CA it is
admitted; with another CA, or the system's, it is refused with a sentence
that says why and what to do. A TLS 1.2 client that offers only CBC suites
is refused at the handshake. A plain ``ws://`` address that is not loopback
is refused before any connection is attempted (a listening socket on this
machine's network address sees nothing), and works when allowed explicitly.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
from pathlib import Path

import pytest

from audio.commands import Connect, Welcomed
from channels import meeting_file
from channels.client import HubLink
from channels.hub import Hub
from channels.server import HubServer
from channels.session import ConnectionFailed, FailureKind, Session, SessionEvent
from channels.tokens import issue
from tests.rig.engineport import ClockedPort, running
from tests.rig.hubprocess import start_hub
from tests.rig.tlskit import make_ca, make_hub_cert, network_address

MEETING = """
id = "tls"
secret = "tls-test-secret-of-at-least-32-bytes!"

[[channels]]
id = "en"
"""


async def attempt(
    url: str, token: str, *, ca_file: str | None = None, allow_insecure: bool = False
) -> list[SessionEvent]:
    """Connect with the client's link; leave as soon as admitted. Every event, in order."""
    events: list[SessionEvent] = []

    def on_event(event: SessionEvent) -> None:
        events.append(event)
        if isinstance(event, Welcomed):
            link.close()

    link = HubLink(
        Session(token),
        on_event=on_event,
        on_media=lambda data, at: None,
        ca_file=ca_file,
        allow_insecure=allow_insecure,
    )
    await asyncio.wait_for(link.run(url), 10)
    return events


async def test_wss_with_the_right_ca_is_admitted_and_any_other_ca_is_refused(
    tmp_path: Path,
) -> None:
    ca_key, ca = make_ca(tmp_path, "meeting-ca")
    make_ca(tmp_path, "other-ca")
    cert, key = make_hub_cert(tmp_path, ca_key, ca)
    path = tmp_path / "tls.toml"
    path.write_text(MEETING)
    meeting = meeting_file.load(path)
    hub = await start_hub(path, "--cert", str(cert), "--key", str(key))
    try:
        assert hub.url.startswith("wss://127.0.0.1:")
        token = issue(meeting, sub="l1", name="L1", role="listener")
        events = await attempt(hub.url, token, ca_file=str(tmp_path / "meeting-ca.pem"))
        assert isinstance(events[0], Welcomed), events
        localhost = hub.url.replace("127.0.0.1", "localhost")
        events = await attempt(localhost, token, ca_file=str(tmp_path / "meeting-ca.pem"))
        assert isinstance(events[0], Welcomed), events

        for ca_file in (str(tmp_path / "other-ca.pem"), None):
            [refused] = await attempt(hub.url, token, ca_file=ca_file)
            assert isinstance(refused, ConnectionFailed)
            assert refused.kind is FailureKind.CERTIFICATE
            assert "could not be verified" in refused.sentence
            assert "give its CA file" in refused.sentence
        [unreadable] = await attempt(hub.url, token, ca_file=str(tmp_path / "missing.pem"))
        assert isinstance(unreadable, ConnectionFailed)
        assert unreadable.kind is FailureKind.CERTIFICATE and "could not be read" in (
            unreadable.sentence
        )
        # Plain ws:// to a TLS hub: no handshake, a sentence rather than a hang.
        [plain] = await attempt(hub.url.replace("wss://", "ws://"), token)
        assert isinstance(plain, ConnectionFailed) and plain.kind is not FailureKind.INSECURE

        # The engine's Connect carries the CA file to the link.
        async with running(ClockedPort()) as (engine, tap):
            engine.submit(Connect(hub.url, token, ca_file=str(tmp_path / "meeting-ca.pem")))
            welcomed = await tap.expect(Welcomed, timeout=10)
            assert welcomed.me.id == "l1"
    finally:
        hub.stop()


def tls12_handshake(port: int, ca_file: Path, ciphers: str) -> str:
    """A TLS 1.2 client that offers only ``ciphers``: the suite the hub chose, or SSLError."""
    context = ssl.create_default_context(cafile=str(ca_file))
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(ciphers)
    with (
        socket.create_connection(("127.0.0.1", port), timeout=5) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        return str(tls.cipher()[0])


async def test_the_hub_refuses_tls_1_2_clients_that_offer_only_cbc_suites(tmp_path: Path) -> None:
    ca_key, ca = make_ca(tmp_path, "meeting-ca")
    cert, key = make_hub_cert(tmp_path, ca_key, ca)
    path = tmp_path / "tls.toml"
    path.write_text(MEETING)
    hub = await start_hub(path, "--cert", str(cert), "--key", str(key))
    ca_file = tmp_path / "meeting-ca.pem"
    try:
        cbc = "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA"
        # Python's defaults chose ECDHE-ECDSA-AES256-SHA384 here; the hub's context ends
        # the handshake (the client sees an alert, or the connection closed under it).
        with pytest.raises(ssl.SSLError):
            await asyncio.to_thread(tls12_handshake, hub.port, ca_file, cbc)
        for aead in ("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"):
            assert await asyncio.to_thread(tls12_handshake, hub.port, ca_file, aead) == aead
        # TLS 1.3 (all of whose suites are AEAD) is what the project's clients get.
        token = issue(meeting_file.load(path), sub="l1", name="L1", role="listener")
        events = await attempt(hub.url, token, ca_file=str(ca_file))
        assert isinstance(events[0], Welcomed), events
    finally:
        hub.stop()


async def test_plain_ws_beyond_loopback_is_refused_before_connecting_unless_allowed() -> None:
    address = network_address()
    meeting = meeting_file.parse(MEETING)
    token = issue(meeting, sub="l1", name="L1", role="listener")

    # Something listening on the network address: it must see no connection at all.
    listener = socket.create_server((address, 0))
    listener.setblocking(False)
    try:
        url = f"ws://{address}:{listener.getsockname()[1]}/v1"
        [refused] = await attempt(url, token)
        assert isinstance(refused, ConnectionFailed) and refused.kind is FailureKind.INSECURE
        assert "not encrypted" in refused.sentence and "wss://" in refused.sentence
        await asyncio.sleep(0.2)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody knocked
    finally:
        listener.close()

    async with HubServer(Hub(meeting), host=address, port=0) as server:
        events = await attempt(server.url, token, allow_insecure=True)
        assert isinstance(events[0], Welcomed), events
    # Loopback needs no permission.
    async with HubServer(Hub(meeting), port=0) as server:
        events = await attempt(server.url, token)
        assert isinstance(events[0], Welcomed), events


class ConnectProxy:
    """An HTTP proxy that knows one verb, CONNECT, and remembers what it was asked.

    ``refuse`` answers 407 instead of opening the tunnel.
    """

    def __init__(self, *, refuse: bool = False) -> None:
        self.requests: list[str] = []
        self.refuse = refuse
        self.carried = 0
        """Bytes carried from the client to the hub."""

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode()
        self.requests.append(head.split("\r\n")[0])
        if self.refuse:
            writer.write(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
            writer.close()
            return
        host, port = head.split()[1].rsplit(":", 1)
        hub_reader, hub_writer = await asyncio.open_connection(host.strip("[]"), int(port))
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, count: bool) -> None:
            with contextlib.suppress(ConnectionError):
                while data := await src.read(65536):
                    self.carried += len(data) if count else 0
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, hub_writer, True), pipe(hub_reader, writer, False))


async def test_the_link_reaches_the_hub_through_the_proxy_the_environment_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """wss:// through an HTTP CONNECT proxy, TLS end to end; a refusing proxy is named."""
    address = network_address()  # loopback never goes through a proxy
    ca_key, ca = make_ca(tmp_path, "meeting-ca")
    cert, key = make_hub_cert(tmp_path, ca_key, ca, also=(address,))
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    meeting = meeting_file.parse(MEETING)
    token = issue(meeting, sub="l1", name="L1", role="listener")
    proxy = ConnectProxy()
    proxy_server = await asyncio.start_server(proxy.handle, "127.0.0.1", 0)
    proxy_port = proxy_server.sockets[0].getsockname()[1]
    monkeypatch.setenv("https_proxy", f"http://127.0.0.1:{proxy_port}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    try:
        async with HubServer(Hub(meeting), host=address, port=0, ssl_context=tls) as server:
            assert server.url.startswith("wss://")
            hub_port = server.url.rsplit(":", 1)[1].split("/")[0]
            events = await attempt(server.url, token, ca_file=str(tmp_path / "meeting-ca.pem"))
            assert isinstance(events[0], Welcomed), events
            assert proxy.requests == [f"CONNECT {address}:{hub_port} HTTP/1.1"]
            assert proxy.carried > 0

            proxy.refuse = True
            [refused] = await attempt(server.url, token, ca_file=str(tmp_path / "meeting-ca.pem"))
            assert isinstance(refused, ConnectionFailed)
            assert refused.kind is FailureKind.UNREACHABLE
            assert f"the proxy 127.0.0.1:{proxy_port} refused (HTTP 407)" in refused.sentence

            monkeypatch.setenv("https_proxy", "socks5://127.0.0.1:1080")
            [socks] = await attempt(server.url, token, ca_file=str(tmp_path / "meeting-ca.pem"))
            assert isinstance(socks, ConnectionFailed) and "socks5 proxy" in socks.sentence

            monkeypatch.setenv("no_proxy", address)  # bypassed: straight to the hub
            events = await attempt(server.url, token, ca_file=str(tmp_path / "meeting-ca.pem"))
            assert isinstance(events[0], Welcomed), events
    finally:
        proxy_server.close()
        await proxy_server.wait_closed()

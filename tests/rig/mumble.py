"""A real Mumble server for the tests: Debian's murmurd with its own ini, database and certificate.

:func:`mumble_server` makes a temporary directory (``tempfile.mkdtemp``:
not under pytest's tmp_path, whose parents only root may enter), owned by
the ``mumble-server`` user when the tests run as root, since murmurd then
drops to that user; writes the ini and a certificate signed by a test CA
(:attr:`MumbleServer.ca`), or lets murmurd make its own (``self_signed``);
and sets the SuperUser password (``murmurd -ini FILE -supw PW``, which
exits). :meth:`MumbleServer.start` runs ``murmurd -fg`` and waits until it
accepts connections; :meth:`MumbleServer.stop` and a new ``start`` restart
it on the same port with the same database (channels persist).
:func:`add_channels` creates channels as SuperUser through our own client;
:class:`Participants` are Mumble users of our own client; :func:`speak` sends
a signal in real time and :class:`Ear` collects what a client hears, by
sequence number.

murmurd's default bandwidth limit (72 kb/s) is kept: the client must fit
its bitrate to it, as on a real server. If murmurd is not installed the
fixture fails: scripts/bootstrap.sh installs ``mumble-server``.

Import as ``from tests.rig.mumble import ...``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import secrets
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from audio.format import BLOCK, SAMPLE_RATE
from channels.platforms.mumble.client import Heard, MumbleClient, fingerprint_of
from tests.rig.tlskit import make_ca, make_hub_cert

MURMURD = "murmurd"
SERVICE_USER = "mumble-server"
SUPERUSER = "SuperUser"


def _free_port() -> int:
    """A port free for TCP and UDP on loopback (murmurd binds both)."""
    while True:
        with socket.socket() as tcp, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            tcp.bind(("127.0.0.1", 0))
            port = int(tcp.getsockname()[1])
            try:
                udp.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port


@dataclass
class MumbleServer:
    directory: Path
    port: int
    password: str
    """The server password every user needs."""
    superuser_password: str
    ca: Path | None
    """The CA certificate (PEM) that signed the server's certificate; None if self-signed."""
    fingerprint: str
    """SHA-256 of the server's certificate, ``AB:CD:...``; a self-signed one's is read from
    murmurd's database once it has made it, at the first start (as docs/gateways.md tells
    an admin to)."""
    host: str = "127.0.0.1"
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def log(self) -> str:
        path = self.directory / "murmurd.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self, timeout: float = 15.0) -> None:
        """Run murmurd; return once it accepts TCP connections."""
        with (self.directory / "murmurd.log").open("ab") as log:
            self.process = subprocess.Popen(
                [MURMURD, "-ini", str(self.directory / "murmurd.ini"), "-fg"],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.directory,
            )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"murmurd exited ({self.process.returncode}):\n{self.log}")
            if not self.fingerprint:  # murmurd stores the certificate it made about when it listens
                self.fingerprint = self._certificate_in_database()
            with contextlib.suppress(OSError), socket.create_connection((self.host, self.port)):
                if self.fingerprint:
                    return
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"murmurd did not listen within {timeout} s:\n{self.log}")
            time.sleep(0.05)

    def _certificate_in_database(self) -> str:
        """The fingerprint of the certificate murmurd made, or "" while it has none."""
        with contextlib.closing(sqlite3.connect(self.directory / "murmurd.sqlite")) as db:
            rows = db.execute("SELECT value FROM config WHERE key = 'certificate'").fetchall()
        if not rows:
            return ""
        certificate = x509.load_pem_x509_certificate(rows[0][0].encode())
        return fingerprint_of(certificate.public_bytes(Encoding.DER))

    def stop(self) -> None:
        """SIGTERM and wait (SIGKILL after 5 s)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _make(directory: Path, *, self_signed: bool) -> MumbleServer:
    if shutil.which(MURMURD) is None:
        raise RuntimeError("murmurd is not installed: run scripts/bootstrap.sh (mumble-server)")
    server = MumbleServer(
        directory=directory,
        port=_free_port(),
        password=secrets.token_hex(8),
        superuser_password=secrets.token_hex(8),
        ca=None,
        fingerprint="",
    )
    certificate: tuple[str, ...] = ()
    if not self_signed:
        ca_key, ca = make_ca(directory, "mumble-ca")
        cert, key = make_hub_cert(directory, ca_key, ca)
        server.ca = directory / "mumble-ca.pem"
        server.fingerprint = fingerprint_of(
            x509.load_pem_x509_certificate(cert.read_bytes()).public_bytes(Encoding.DER)
        )
        certificate = (f"sslCert={cert}", f"sslKey={key}")
    (directory / "murmurd.ini").write_text(
        "\n".join(
            (
                f"database={directory / 'murmurd.sqlite'}",
                "logfile=",  # with -fg: the log goes to stdout, murmurd.log here
                "pidfile=",
                f"host={server.host}",
                f"port={server.port}",
                f"serverpassword={server.password}",
                "bandwidth=72000",
                "welcometext=",
                "bonjour=false",
                "allowping=false",
                "registerName=",
                *certificate,
                "kdfIterations=1000",  # no PBKDF2 benchmark at the first start (1 s)
                "autobanAttempts=0",  # tests connect more than 10 times in 2 minutes
                f"uname={SERVICE_USER}",
                "",
            )
        )
    )
    if os.geteuid() == 0:
        service = pwd.getpwnam(SERVICE_USER)
        for path in (directory, *directory.iterdir()):
            os.chown(path, service.pw_uid, service.pw_gid)
    subprocess.run(
        [MURMURD, "-ini", str(directory / "murmurd.ini"), "-supw", server.superuser_password],
        check=True,
        capture_output=True,
        cwd=directory,
        timeout=30,
    )
    return server


@contextlib.contextmanager
def mumble_server(*, self_signed: bool = False) -> Iterator[MumbleServer]:
    """A started murmurd in a directory of its own; stopped and removed afterwards.

    Its certificate is signed by a test CA, or ``self_signed``: made by murmurd itself.
    """
    directory = Path(tempfile.mkdtemp(prefix="murmurd-"))
    try:
        server = _make(directory, self_signed=self_signed)
        server.start()
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


async def add_channels(server: MumbleServer, names: Iterable[str]) -> None:
    """Create these channels under the root (those that exist are left), as SuperUser."""
    client = MumbleClient()
    await client.connect(
        server.host,
        server.port,
        SUPERUSER,
        server.superuser_password,
        fingerprint=server.fingerprint,
    )
    try:
        protocol = client.protocol
        assert protocol is not None
        have = {channel.name for channel in protocol.channels.values()}
        for name in names:
            if name not in have:
                await client.add_channel(name)
    finally:
        client.close()
        await client.wait_ended()


class Participants:
    """Mumble users of our own client (pinned certificate), as people with a Mumble client
    would be; all closed by :meth:`close`. A fixture yields :meth:`join`."""

    def __init__(self, server: MumbleServer) -> None:
        self._server = server
        self._clients: list[MumbleClient] = []

    async def join(self, name: str, channel: str | None = None, **options: Any) -> MumbleClient:
        """Connect ``name`` (``options`` go to :class:`MumbleClient`), into ``channel`` if given."""
        client = MumbleClient(**options)
        self._clients.append(client)
        server = self._server
        await client.connect(
            server.host, server.port, name, server.password, fingerprint=server.fingerprint
        )
        if channel is not None:
            await client.join(channel)
        return client

    async def close(self) -> None:
        for client in self._clients:
            client.close()
        for client in self._clients:
            if client.protocol is not None:
                await client.wait_ended()


async def speak(
    client: MumbleClient, signal: npt.NDArray[np.float32], target: int = 0
) -> dict[int, float]:
    """Send ``signal`` in 10 ms blocks paced in real time, ending the burst with its last block.

    Returns when each packet went out (``time.monotonic``), by its sequence number: the
    client must be fresh on this target (its sequence starts at 0) and drop nothing.
    """
    frames = client.frame_ms // 10
    sent: dict[int, float] = {}
    count = len(signal) // BLOCK
    start = time.monotonic()
    for i in range(count):
        client.send_block(signal[i * BLOCK : (i + 1) * BLOCK], target, last=i == count - 1)
        if (i + 1) % frames == 0 or i == count - 1:
            sent[(i // frames) * frames] = time.monotonic()
        await asyncio.sleep(max(0.0, start + (i + 1) * BLOCK / SAMPLE_RATE - time.monotonic()))
    return sent


class Ear:
    """What one client hears: every packet's sound by sequence number, its arrival, the speaker.

    ``got`` keeps (arrival, sound) in the order the packets came, whatever their numbers
    (a speaker's numbering may start again): what :func:`tests.rig.janus.delays_ms` times.
    """

    def __init__(self) -> None:
        self.got: list[tuple[float, npt.NDArray[np.float32]]] = []
        self.pcm: dict[int, npt.NDArray[np.float32]] = {}
        self.arrival: dict[int, float] = {}
        self.speakers: set[str] = set()
        self.whispered: set[bool] = set()

    def __call__(self, heard: Heard) -> None:
        self.pcm[heard.sequence] = heard.pcm.copy()
        self.got.append((heard.arrival, self.pcm[heard.sequence]))
        self.arrival[heard.sequence] = heard.arrival
        self.speakers.add(heard.speaker.name if heard.speaker is not None else "?")
        self.whispered.add(heard.whisper)

    def signal(self, samples: int) -> npt.NDArray[np.float32]:
        """The sound heard, placed by sequence number (silence where nothing came)."""
        out = np.zeros(samples, dtype=np.float32)
        for sequence, pcm in self.pcm.items():
            at = sequence * BLOCK
            out[at : at + len(pcm)] = pcm[: max(0, samples - at)]
        return out

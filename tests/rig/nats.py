"""A real nats-server for the cluster tests: Debian's ``nats-server`` on a free loopback port,
with a user and a password of its own.

:func:`nats_server` starts it and yields a :class:`NatsServer` once it accepts connections:
:attr:`NatsServer.url` names the user (``nats://hub@127.0.0.1:PORT``) and
:attr:`NatsServer.password` is what a hub takes from RSI_NATS_PASSWORD. If nats-server is
not installed, it fails: scripts/bootstrap.sh installs it.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

START_TIMEOUT_S = 5.0
USER = "hub"


@dataclass(frozen=True, slots=True)
class NatsServer:
    port: int
    password: str
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"nats://{USER}@127.0.0.1:{self.port}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_accepting(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nats-server exited ({process.returncode}) on port {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.02)
    raise RuntimeError(f"nats-server did not accept connections on port {port} within 5 s")


@contextlib.contextmanager
def nats_server() -> Iterator[NatsServer]:
    """nats-server on a free port of loopback, with user `USER` and a random password."""
    binary = shutil.which("nats-server")
    if binary is None:
        raise RuntimeError("nats-server is not installed: run scripts/bootstrap.sh")
    port = _free_port()
    password = secrets.token_urlsafe(16)
    command = [binary, "-a", "127.0.0.1", "-p", str(port), "--user", USER, "--pass", password]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_accepting(port, process)
        yield NatsServer(port, password, process)
    finally:
        process.kill()  # it keeps nothing: no need to let it stop cleanly
        process.wait()

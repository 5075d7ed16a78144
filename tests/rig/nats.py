"""A real nats-server for the cluster tests: Debian's ``nats-server`` on a free loopback port,
with a user and a password of its own.

:func:`nats_server` starts it and yields a :class:`NatsServer` once it is ready:
:attr:`NatsServer.url` names the user (``nats://hub@127.0.0.1:PORT``) and
:attr:`NatsServer.password` is what a hub takes from RSI_NATS_PASSWORD; what it said is
kept in :attr:`NatsServer.log`. If nats-server is not installed, it fails:
scripts/bootstrap.sh installs it.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

START_TIMEOUT_S = 5.0
USER = "hub"
_LISTENING = re.compile(r"Listening for client connections on 127\.0\.0\.1:(\d+)")
_READY = "Server is ready"


@dataclass
class NatsServer:
    password: str
    process: subprocess.Popen[bytes]
    port: int = 0
    log: list[str] = field(default_factory=list)
    """Every line nats-server wrote so far."""
    _ready: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"nats://{USER}@127.0.0.1:{self.port}"

    def _read_log(self) -> None:
        stderr = self.process.stderr
        assert stderr is not None
        for raw in stderr:
            line = raw.decode(errors="replace")
            self.log.append(line)
            if found := _LISTENING.search(line):
                self.port = int(found[1])
            if _READY in line:
                self._ready.set()
        stderr.close()
        self._ready.set()  # it exited: whoever waits for it stops waiting


@contextlib.contextmanager
def nats_server(port: int = 0, password: str = "") -> Iterator[NatsServer]:
    """nats-server on a port of loopback (0: one it chooses), with user `USER` and
    ``password`` (empty: a random one). Give the port and password of one that was
    stopped to restart it."""
    binary = shutil.which("nats-server")
    if binary is None:
        raise RuntimeError("nats-server is not installed: run scripts/bootstrap.sh")
    password = password or secrets.token_urlsafe(16)
    command = [binary, "-a", "127.0.0.1", "-p", str(port or -1), "--user", USER, "--pass", password]
    server = NatsServer(password, subprocess.Popen(command, stderr=subprocess.PIPE))
    reader = threading.Thread(target=server._read_log, name="nats-log", daemon=True)
    reader.start()
    try:
        if not server._ready.wait(START_TIMEOUT_S) or not server.port:
            raise RuntimeError(f"nats-server did not start; it said:\n{''.join(server.log)}")
        yield server
    finally:
        server.process.kill()  # it keeps nothing: no need to let it stop cleanly
        server.process.wait()
        reader.join(START_TIMEOUT_S)

"""Helper processes of the benchmarks, which take commands and answer in JSON lines.

A benchmark that puts the hub, a crowd of listeners or a network link in a
process of its own talks to it through its standard streams: one command a
line on its standard input, one JSON object a line on its standard output.
End of input tells the child to stop, so a child never outlives a
benchmark that dies. :class:`JsonChild` is the parent's side,
:func:`on_commands` the child's.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import select
import subprocess
import sys
from collections.abc import Callable
from typing import IO, Any

from tests.rig import ROOT


def project_env() -> dict[str, str]:
    """This process's environment with the checkout first on PYTHONPATH, for a child of ours."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    return env


class JsonChild:
    """A child process started with this Python and the project on its path.

    ``stderr``: a file, :data:`subprocess.PIPE` (the caller reads it), or None (ours).
    """

    def __init__(
        self, command: list[str], *, what: str, stderr: IO[bytes] | int | None = None
    ) -> None:
        self.what = what
        self.popen = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=ROOT,
            env=project_env(),
        )

    def line(self, timeout_s: float) -> dict[str, Any]:
        """The child's next JSON line; stops it and raises if none comes in time."""
        stdout = self.popen.stdout
        assert stdout is not None
        readable, _, _ = select.select([stdout], [], [], timeout_s)
        line = stdout.readline() if readable else b""
        if not line:
            self.stop()
            raise RuntimeError(f"{self.what} did not answer (exit code {self.popen.poll()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def command(self, text: str, timeout_s: float = 10.0) -> dict[str, Any]:
        """Send one command; return its answer."""
        stdin = self.popen.stdin
        assert stdin is not None
        stdin.write(text.encode() + b"\n")
        stdin.flush()
        return self.line(timeout_s)

    def stop(self, timeout_s: float = 10.0) -> None:
        """Close its input (it stops), wait for it, kill it if it does not."""
        if self.popen.stdin is not None:
            with contextlib.suppress(OSError):
                self.popen.stdin.close()
        try:
            self.popen.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
        if self.popen.stdout is not None:
            self.popen.stdout.close()


def on_commands(handle: Callable[[str], None]) -> asyncio.Future[None]:
    """Call ``handle`` with each line of standard input (stripped), from the running loop.

    The future is done at end of input: the parent closed the pipe, or died.
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()
    pending = bytearray()
    stdin = sys.stdin.fileno()

    def readable() -> None:
        chunk = os.read(stdin, 4096)
        if not chunk:
            loop.remove_reader(stdin)
            if not done.done():
                done.set_result(None)
            return
        pending.extend(chunk)
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending[:] = rest
            handle(line.strip().decode(errors="replace"))

    loop.add_reader(stdin, readable)
    return done

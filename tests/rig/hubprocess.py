"""`rsi-hub serve` in a process of its own, for tests that kill, restart or TLS-serve the hub.

:func:`start_hub` runs ``python -m programs.hub serve`` and waits for the line
that says where it serves (``ws://`` or ``wss://``); the log keeps being
collected. :meth:`HubProcess.kill` is SIGKILL: no closing handshake, no
goodbye, as when the machine dies. Start it again with ``port=`` the old
port to restart the hub where its clients look for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.rig import ROOT


@dataclass
class HubProcess:
    process: asyncio.subprocess.Process
    url: str
    port: int
    log: list[str] = field(default_factory=list)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()

    async def stop(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 5)
            except TimeoutError:
                self.kill()
                await self.process.wait()


async def start_hub(
    meeting: Path, *options: str, port: int = 0, timeout: float = 15.0
) -> HubProcess:
    """`rsi-hub serve --meeting MEETING --port PORT OPTIONS...`, once it serves."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "programs.hub", "serve", "--meeting", str(meeting),
        "--port", str(port), *options,
        cwd=ROOT, env=env, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    log: list[str] = []
    try:
        async with asyncio.timeout(timeout):
            while True:
                line = (await process.stderr.readline()).decode()
                assert line, f"rsi-hub exited: {''.join(log)}"
                log.append(line)
                if found := re.search(r"served at (wss?://[^:]+:(\d+)/v1)", line):
                    break
    except BaseException:
        process.kill()
        await process.wait()
        raise

    async def keep_reading(stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            log.append(line.decode())

    hub = HubProcess(process, found[1], int(found[2]), log)
    asyncio.get_running_loop().create_task(keep_reading(process.stderr))
    return hub

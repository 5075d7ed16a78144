"""`rsi-hub serve` and `rsi-bot` in processes of their own, for tests that kill, restart or
TLS-serve the hub, or need the bots' exit codes and figures.

:func:`start_hub` runs ``python -m channels.cli serve`` and waits for the line
that says where it serves (``ws://`` or ``wss://``); the log keeps being
collected. :meth:`HubProcess.kill` is SIGKILL: no closing handshake, no
goodbye, as when the machine dies. Start it again with ``port=`` the old
port to restart the hub where its clients look for it.

:meth:`BotProcess.start` runs ``rsi-bot`` and waits until it says it is in;
:meth:`BotProcess.finish` gives its exit code, its figures and what it said.

Import as ``from hubprocess import ...`` (tests/ is on ``sys.path``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BOT_TIMEOUT_S = 30.0


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
        sys.executable, "-m", "channels.cli", "serve", "--meeting", str(meeting),
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


class BotProcess:
    """One ``rsi-bot`` process; its stderr lines are read as they come."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []

    @classmethod
    async def start(cls, url: str, token: str, *args: str) -> BotProcess:
        process = await asyncio.create_subprocess_exec(
            str(BIN / "rsi-bot"), "--url", url, "--token", token, *args,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        bot = cls(process)
        await bot.said("ready:")
        return bot

    async def said(self, text: str) -> str:
        """Read stderr up to a line with ``text`` in it."""
        assert self.process.stderr is not None
        async with asyncio.timeout(BOT_TIMEOUT_S):
            while True:
                line = (await self.process.stderr.readline()).decode()
                assert line, f"the bot ended before saying {text!r}: {''.join(self.lines)}"
                self.lines.append(line)
                if text in line:
                    return line

    async def finish(self, *, interrupt: bool = False) -> tuple[int, dict[str, Any], str]:
        """Its exit code, its figures and the rest of what it said."""
        if interrupt:
            self.process.send_signal(signal.SIGINT)
        stdout, stderr = await asyncio.wait_for(self.process.communicate(), BOT_TIMEOUT_S)
        said = "".join(self.lines) + stderr.decode()
        lines = stdout.decode().strip().splitlines()
        assert lines, f"no figures on stdout; stderr: {said}"
        assert self.process.returncode is not None
        return self.process.returncode, json.loads(lines[-1]), said

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()

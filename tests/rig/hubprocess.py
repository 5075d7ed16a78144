"""The hub and bots in processes of their own, for tests and benchmarks that kill, restart,
load the hub or need a bot's exit code and figures.

One class, three kinds of hub:

- :meth:`HubProcess.serve`: ``rsi-hub serve --meeting FILE`` as a person runs it
  (``python -m programs.hub``), with any of its options (``--cert``, ``--revoked``...);
- :meth:`HubProcess.instrumented`: the benchmarks' hub (:mod:`tests.rig.hubserver`), a
  simple meeting whose counters and fan-out timing :meth:`HubProcess.stats` asks for.

- :meth:`HubProcess.cluster`: ``rsi-hub serve --nats URL --role core|edge``, a part of a
  meeting served by several processes (a core returns once it is on NATS).

Each returns once the hub says where it serves (``served at ws://HOST:PORT/v1`` on
stderr); its log keeps being collected in :attr:`HubProcess.log`. :meth:`HubProcess.kill`
is SIGKILL: no closing handshake, no goodbye, as when the machine dies; start it again
with ``port=`` the old port to restart the hub where its clients look for it.
:meth:`HubProcess.interrupt` is Ctrl-C at a terminal. From a test's event loop, start it
with :func:`start_hub` so that the loop's clients run on meanwhile.

:func:`rsi_hub` runs an ``rsi-hub`` command that ends (``token``, ``keygen``, a
``serve`` that must fail) and returns what it printed; :func:`rsi_gateway` the same for
``rsi-gateway`` (one that must fail).

:meth:`BotProcess.start` runs the installed ``rsi-bot`` and waits until it says it is in,
:meth:`BotProcess.gateway` the same for ``rsi-gateway``;
:meth:`BotProcess.finish` gives its exit code, its figures and what it said.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import signal
import subprocess
import sys
import threading
import wave
from collections import Counter
from pathlib import Path
from typing import Any, Final

import numpy as np

from tests.rig import ROOT
from tests.rig.child import JsonChild, project_env

BIN: Final = Path(sys.executable).parent
"""Where this Python's installed scripts are (rsi-hub, rsi-bot, rsi-console)."""
BOT_TIMEOUT_S: Final = 30.0
START_TIMEOUT_S: Final = 15.0
STOP_TIMEOUT_S: Final = 5.0
_SERVED = re.compile(r"served at (wss?://\S+:(\d+)/v1)")
_CORE = re.compile(r"core \w+ on NATS|standby on NATS")
"""What a cluster's core says once it serves, or stands by: it has no address of its own."""


class HubProcess(JsonChild):
    """A hub serving in a child process: :attr:`url` and :attr:`port` once it listens."""

    def __init__(
        self,
        args: list[str],
        *,
        prefix: tuple[str, ...] = (),
        timeout_s: float = START_TIMEOUT_S,
    ) -> None:
        """``python -m ARGS...``; ``prefix`` goes before, e.g. ``ip netns exec NAME``."""
        super().__init__(
            [*prefix, sys.executable, "-m", *args],
            what=f"the hub ({args[0]})",
            stderr=subprocess.PIPE,
        )
        self.log: list[str] = []
        """Every line the hub wrote on stderr so far."""
        self.url = ""
        self.port = 0
        self.core = False
        """A cluster's core: serves no address (:attr:`url` stays empty)."""
        self.pid = self.popen.pid
        """The hub's process id (``ip netns exec`` execs the hub in its own place)."""
        self._served = threading.Event()
        self._reader = threading.Thread(target=self._read_log, name="hub-log", daemon=True)
        self._reader.start()
        if not self._served.wait(timeout_s) or not (self.url or self.core):
            self.stop()
            why = f"exited ({self.popen.returncode})" if self._served.is_set() else "timed out"
            raise RuntimeError(f"{self.what} did not serve: {why}; its log:\n{''.join(self.log)}")

    @classmethod
    def serve(
        cls,
        meeting: Path,
        *options: str,
        port: int = 0,
        timeout_s: float = START_TIMEOUT_S,
    ) -> HubProcess:
        """``rsi-hub serve --meeting MEETING --port PORT OPTIONS...``, once it serves."""
        args = ["programs.hub", "serve", "--meeting", str(meeting), "--port", str(port)]
        return cls([*args, *options], timeout_s=timeout_s)

    @classmethod
    def cluster(
        cls, meeting: Path, role: str, nats_url: str, *options: str, port: int = 0
    ) -> HubProcess:
        """``rsi-hub serve --meeting MEETING --nats NATS_URL --role ROLE --port PORT OPTIONS...``
        (the NATS password from this process's RSI_NATS_PASSWORD), once it serves."""
        return cls.serve(meeting, "--nats", nats_url, "--role", role, *options, port=port)

    @classmethod
    def instrumented(
        cls,
        host: str = "127.0.0.1",
        *,
        languages: tuple[str, ...] = (),
        prefix: tuple[str, ...] = (),
    ) -> HubProcess:
        """The benchmarks' hub on ``host``: the floor, and a channel and booth per language."""
        args = ["tests.rig.hubserver", "--host", host, "--port", "0"]
        if languages:
            args += ["--languages", *languages]
        return cls(args, prefix=prefix)

    def stats(self) -> dict[str, Any]:
        """The instrumented hub's counters, garbage collector pauses and fan-out timing."""
        return self.command("stats")

    def log_summary(self) -> Counter[str]:
        """What the hub wrote on stderr, line by line, counted."""
        return Counter(line.rstrip() for line in self.log)

    def kill(self) -> None:
        """SIGKILL: gone at once, without a word to its clients; returns once it is gone."""
        if self.popen.poll() is None:
            self.popen.kill()
        self.stop()

    def interrupt(self) -> int:
        """Ctrl-C, as at a terminal; its exit status. Fails if it has not stopped within 5 s."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGINT)
        try:
            return self.popen.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"{self.what} did not stop on SIGINT within 5 s") from None
        finally:
            self.stop()

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> None:
        """SIGTERM (killed if it lingers); then its log is complete and its pipes closed."""
        if self.popen.poll() is None:
            self.popen.terminate()
        super().stop(timeout_s)
        self._reader.join(timeout_s)

    def __enter__(self) -> HubProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _read_log(self) -> None:
        stderr = self.popen.stderr
        assert stderr is not None
        for raw in stderr:
            line = raw.decode(errors="replace")
            self.log.append(line)
            if not self._served.is_set() and (found := _SERVED.search(line)):
                self.url, self.port = found[1], int(found[2])
                self._served.set()
            elif not self._served.is_set() and _CORE.search(line):
                self.core = True
                self._served.set()
        stderr.close()
        self._served.set()  # it exited: whoever waits for it to serve stops waiting


async def start_hub(
    meeting: Path, *options: str, port: int = 0, timeout_s: float = START_TIMEOUT_S
) -> HubProcess:
    """:meth:`HubProcess.serve` off the event loop: the loop's clients run on while it starts."""
    return await asyncio.to_thread(
        HubProcess.serve, meeting, *options, port=port, timeout_s=timeout_s
    )


def rsi_hub(*args: str | Path, timeout_s: float = 30.0) -> subprocess.CompletedProcess[str]:
    """``rsi-hub ARGS...`` run to its end: exit status, stdout and stderr as text."""
    return _run_to_end("programs.hub", args, timeout_s)


def rsi_gateway(*args: str | Path, timeout_s: float = 30.0) -> subprocess.CompletedProcess[str]:
    """``rsi-gateway ARGS...`` run to its end: exit status, stdout and stderr as text."""
    return _run_to_end("programs.gateway", args, timeout_s)


def _run_to_end(
    module: str, args: tuple[str | Path, ...], timeout_s: float
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=ROOT,
        env=project_env(),
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )


def write_tone(path: Path, seconds: float = 2.0) -> None:
    """A quiet 440 Hz tone, 48 kHz mono 16-bit, for a bot to speak (``--play``)."""
    rate = 48_000
    t = np.arange(int(rate * seconds)) / rate
    samples = (0.05 * np.sin(2 * math.pi * 440 * t) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())


class BotProcess:
    """One ``rsi-bot`` (or ``rsi-gateway``) process; its stderr lines are read as they come."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []

    @classmethod
    async def start(cls, url: str, token: str, *args: str) -> BotProcess:
        """The installed ``rsi-bot --url URL --token TOKEN ARGS...``, once it is in."""
        return await cls._spawn([str(BIN / "rsi-bot"), "--url", url, "--token", token, *args])

    @classmethod
    async def gateway(cls, kind: str, url: str, token: str, *args: str) -> BotProcess:
        """``rsi-gateway KIND --url URL --token TOKEN ARGS...``, once it is in both meetings.

        Run as ``python -m programs.gateway``: this checkout's, installed or not.
        """
        command = [sys.executable, "-m", "programs.gateway", kind]
        return await cls._spawn([*command, "--url", url, "--token", token, *args])

    @classmethod
    async def _spawn(cls, command: list[str]) -> BotProcess:
        process = await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, env=project_env(),
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

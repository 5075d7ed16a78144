"""Attacks on the hub's event loop and file descriptors (issue 13, parts 3 and 4), and the
figures a meeting shows under them.

Three attacks, each run by an attacker process of its own (``python -m tests.rig.attacks
attack KIND URL SECONDS``), so that it competes with the hub for the machine, not with
whoever measures:

- ``ping_flood``: one connection that never says hello sends 9,000 pings every 0.3 s,
  and connects again whenever it is closed;
- ``reset_flood``: 20 connections, each sends 2,000 pings and resets (RST) at once,
  again and again;
- ``slowloris``: 1,100 TCP connections that send half an HTTP request and wait.

:func:`under_attack` measures a meeting while one runs: a floor ``rsi-bot`` speaks a tone,
a recording ``rsi-bot`` listens to the floor (its concealed packets and buffer), a
listener in this process times the floor's packet gaps, and the hub's CPU time and log
lines are counted. ``python -m tests.rig.attacks measure KIND [--root DIR]`` prints them
as JSON, for a hub from another checkout (``--root``: the code before a fix).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import socket
import struct
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from channels import meeting_file
from channels.meeting import MeetingConfig
from tests.rig import ROOT
from tests.rig.hubprocess import BotProcess, HubProcess, write_tone
from tests.rig.loadclient import client_frame, upgrade_request
from tests.rig.wsclient import WsClient, on_air, token

MEETING = """
id = "attacked"
secret = "attacked-hub-test-secret-of-32-bytes!!"
"""
NOFILE = ("prlimit", "--nofile=1024:20000", "--")
"""The hub starts with the soft limit of open files that the issue's machine had."""
_PING = client_frame(0x1, b'{"type":"ping","t":1}')
_LINGER_RESET = struct.pack("ii", 1, 0)


# --- The attacker ------------------------------------------------------------------------


async def _connect(url: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    reader, writer = await asyncio.open_connection(host, port)
    key = base64.b64encode(os.urandom(16))
    writer.write(upgrade_request(host, port, key, path=parts.path))
    await reader.readuntil(b"\r\n\r\n")
    return reader, writer


async def _discard(reader: asyncio.StreamReader) -> None:
    while await reader.read(65536):
        pass


async def ping_flood(url: str) -> None:
    """9,000 pings every 0.3 s before hello, reconnecting whenever closed."""
    while True:
        try:
            reader, writer = await _connect(url)
            draining = asyncio.create_task(_discard(reader))
            while not draining.done():
                writer.write(_PING * 9000)
                await asyncio.sleep(0.3)
            writer.close()
        except (OSError, asyncio.IncompleteReadError):
            await asyncio.sleep(0.05)


async def reset_flood(url: str) -> None:
    """20 connections that send 2,000 pings and reset, over and over."""

    async def one() -> None:
        while True:
            try:
                _, writer = await _connect(url)
                writer.write(_PING * 2000)
                await asyncio.sleep(0.01)
                sock = writer.get_extra_info("socket")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RESET)
                writer.transport.abort()
            except (OSError, asyncio.IncompleteReadError):
                await asyncio.sleep(0.05)

    await asyncio.gather(*(one() for _ in range(20)))


async def slowloris(url: str) -> None:
    """1,100 connections that send half an HTTP request, then one header line a second."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    open_: list[asyncio.StreamWriter] = []
    while True:
        while len(open_) < 1100:
            try:
                _, writer = await asyncio.open_connection(host, port)
            except OSError:
                break
            writer.write(f"GET {parts.path} HTTP/1.1\r\nHost: {host}\r\n".encode())
            open_.append(writer)
        await asyncio.sleep(1.0)
        for writer in list(open_):
            if writer.transport.is_closing():
                open_.remove(writer)
            else:
                writer.write(b"X-Wait: 1\r\n")


async def nothing(url: str) -> None:
    """No attack: the baseline."""
    await asyncio.Event().wait()


ATTACKS: dict[str, Callable[[str], Awaitable[None]]] = {
    "none": nothing,
    "ping_flood": ping_flood,
    "reset_flood": reset_flood,
    "slowloris": slowloris,
}


async def _attack(kind: str, url: str, seconds: float) -> None:
    try:
        async with asyncio.timeout(seconds):
            await ATTACKS[kind](url)
    except TimeoutError:
        pass


# --- The meeting under attack ------------------------------------------------------------


@dataclass
class Figures:
    """A meeting's figures under attack (``*_ms``: milliseconds)."""

    concealed: int
    """Packets the recording bot concealed."""
    buffer_ms: float | None
    """The recording bot's mean jitter-buffer delay."""
    gap_p99_ms: float
    gap_max_ms: float
    """Gaps between the floor's packets at a listener."""
    hub_cpu: float
    """The hub's CPU time over the attack, as a share of one core."""
    log_lines: int
    """Lines the hub logged during the attack."""
    join_ms: float | None
    """How long a listener took to join halfway through the attack, from another address
    than the attacker's (127.0.0.2: the limits are per address); None: it could not."""
    bots: tuple[int, int]
    """Exit codes of the floor bot and the recording bot."""


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve(tmp: Path, root: Path = ROOT) -> tuple[HubProcess, MeetingConfig]:
    """``rsi-hub serve`` from the checkout at ``root``, with a soft limit of 1,024 files."""
    path = tmp / "attacked.toml"
    path.write_text(MEETING)
    args = ["programs.hub", "serve", "--meeting", str(path), "--port", "0"]
    prefix = NOFILE if root == ROOT else ("env", "-C", str(root), f"PYTHONPATH={root}", *NOFILE)
    return HubProcess(args, prefix=prefix), meeting_file.load(path)


async def under_attack(
    hub: HubProcess, meeting: MeetingConfig, kind: str, seconds: float, tmp: Path
) -> Figures:
    """The figures of a floor bot and a recording bot while ``kind`` attacks the hub."""
    tone = tmp / "tone.wav"
    write_tone(tone)
    floor = await BotProcess.start(
        hub.url, token(meeting, "chair", "floor"), "--play", str(tone), "--loop",
        "--duration", str(seconds + 3),
    )  # fmt: skip
    timer = await WsClient.join(hub.url, token(meeting, "timer", "listener"), listen=["floor"])
    await timer.expect_state(lambda m: on_air(m, "floor") == "chair", timeout=10)
    recorder = await BotProcess.start(
        hub.url, token(meeting, "rec", "listener"), "--listen", "floor",
        "--record", str(tmp / "floor.wav"), "--duration", str(seconds + 1),
    )  # fmt: skip
    await asyncio.sleep(0.5)
    timer.drain_media()
    logged, cpu, start = len(hub.log), _cpu_s(hub.pid), time.monotonic()
    attacker = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.rig.attacks", "attack", kind, hub.url, str(seconds),
        cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await asyncio.sleep(seconds / 2)
        join_ms = await _join_ms(hub.url, meeting)
        await asyncio.sleep(seconds / 2)
        arrivals = [r.at for r in timer.drain_media()]
        cpu = (_cpu_s(hub.pid) - cpu) / (time.monotonic() - start)
        log_lines = len(hub.log) - logged
        await attacker.wait()
        rec_code, figures, _ = await recorder.finish()
        floor_code, _, _ = await floor.finish()
    finally:
        for bot in (floor, recorder):
            bot.kill()
        if attacker.returncode is None:
            attacker.kill()
        await timer.close()
    gaps = np.diff(arrivals) * 1000 if len(arrivals) > 1 else np.array([seconds * 1000])
    return Figures(
        concealed=figures["packets_concealed"],
        buffer_ms=figures["buffer_ms"],
        gap_p99_ms=round(float(np.percentile(gaps, 99)), 1),
        gap_max_ms=round(float(gaps.max()), 1),
        hub_cpu=round(cpu, 2),
        log_lines=log_lines,
        join_ms=join_ms,
        bots=(floor_code, rec_code),
    )


async def _join_ms(url: str, meeting: MeetingConfig) -> float | None:
    start = time.monotonic()
    try:
        newcomer = await WsClient.join(
            url, token(meeting, "newcomer", "listener"), timeout=5.0, local_addr=("127.0.0.2", 0)
        )
    except (OSError, TimeoutError, InvalidHandshake, ConnectionClosed):
        return None
    await newcomer.close()
    return round((time.monotonic() - start) * 1000, 1)


async def _measure(kind: str, seconds: float, root: Path) -> Figures:
    with tempfile.TemporaryDirectory() as tmp:
        hub, meeting = await asyncio.to_thread(serve, Path(tmp), root)
        try:
            return await under_attack(hub, meeting, kind, seconds, Path(tmp))
        finally:
            hub.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.rig.attacks", description=__doc__)
    sub = parser.add_subparsers(required=True, dest="command")
    attack = sub.add_parser("attack", help="attack a hub")
    attack.add_argument("kind", choices=ATTACKS)
    attack.add_argument("url")
    attack.add_argument("seconds", type=float)
    measure = sub.add_parser("measure", help="serve a hub, attack it, print the figures")
    measure.add_argument("kind", choices=ATTACKS)
    measure.add_argument("--seconds", type=float, default=5.0)
    measure.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve from")
    args = parser.parse_args()
    if args.command == "attack":
        asyncio.run(_attack(args.kind, args.url, args.seconds))
    else:
        figures = asyncio.run(_measure(args.kind, args.seconds, args.root))
        print(json.dumps({"attack": args.kind, "root": str(args.root), **asdict(figures)}))


if __name__ == "__main__":
    main()

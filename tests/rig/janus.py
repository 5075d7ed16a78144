"""Janus (Debian's ``janus``, 1.1.2) in a process of its own, with its own configuration.

:func:`start_janus` writes a configuration into a directory of the test's
(janus.jcfg, the WebSockets transport on a free loopback port, the
AudioBridge with the rooms asked for), starts ``janus`` with it and returns
once Janus answers an ``info`` request on its WebSocket. Only the AudioBridge
plugin and the WebSockets transport are loaded (each folder holds a link to
that one library), no event handler and no logger: nothing that needs the
network beyond loopback. The AudioBridge binds its plain RTP ports on
127.0.0.1, and says so in every ``joined``.

:meth:`JanusServer.moderate` sends a moderator's AudioBridge request (a kick,
a room destroyed) on a session of its own. :meth:`JanusServer.stop` is
SIGTERM, :meth:`JanusServer.kill` SIGKILL (either way Janus's WebSocket
clients see the connection drop without a close frame). Start it again with
``port=`` the old port to restart Janus where its clients look for it.

A platform participant's sound, for the tests of the client and of the gateway:
:func:`tone_bursts` (sharp onsets to time), :func:`play` (a room given a signal in
real time), :class:`Blocks` (an ``on_audio`` that keeps what it hears, stamped
with the kernel's receive times once :meth:`Blocks.stamp_in_kernel` is asked) and
:func:`onset_after`; :func:`delays_ms` times each burst from a participant's
:func:`play` to what a listener heard (:class:`Blocks`, or a hub listener's
:class:`tests.rig.gatewaykit.HubEar`), and :func:`behind_ms` says how far the
participant's process fell behind giving it.

If ``janus`` is not installed the tests fail (scripts/bootstrap.sh installs it).

Import as ``from tests.rig.janus import ...``.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import shutil
import socket
import struct
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt
import websockets
from websockets.asyncio.client import ClientConnection
from websockets.typing import Subprotocol

from audio.format import BLOCK, SAMPLE_RATE
from channels.platforms.janus.client import JanusRoom
from channels.platforms.janus.protocol import PLUGIN, SUBPROTOCOL
from tests.rig.dspkit import blocks, sine

F32 = npt.NDArray[np.float32]

START_TIMEOUT_S: Final = 15.0
STOP_TIMEOUT_S: Final = 5.0
LIBRARIES: Final = Path("/usr/lib")
"""Where Debian puts ``<multiarch>/janus/{plugins,transports}``."""
TONE_AMPLITUDE: Final = 0.3
"""The peak of :func:`tone_bursts`' tone."""


@dataclass(frozen=True, slots=True)
class RoomConfig:
    """One AudioBridge room of the configuration file."""

    number: int
    sampling_rate: int = 48_000
    prebuffer: int = 2
    """``default_prebuffering``: packets Janus queues per participant (its own default: 6)."""
    allow_rtp: bool = True
    pin: str | None = None
    secret: str | None = None
    """The moderator's password (``kick``, ``destroy``)."""

    def jcfg(self) -> str:
        lines = [
            f"room-{self.number}: {{",
            f'\tdescription = "room {self.number}"',
            f"\tsampling_rate = {self.sampling_rate}",
            f"\tdefault_prebuffering = {self.prebuffer}",
            f"\tallow_rtp_participants = {str(self.allow_rtp).lower()}",
        ]
        if self.pin is not None:
            lines.append(f'\tpin = "{self.pin}"')
        if self.secret is not None:
            lines.append(f'\tsecret = "{self.secret}"')
        return "\n".join([*lines, "}"])


@dataclass
class JanusServer:
    """Janus's process, serving at :attr:`url`; :attr:`log` has what it printed so far."""

    process: asyncio.subprocess.Process
    url: str
    port: int
    log: list[str] = field(default_factory=list)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()

    async def stop(self) -> None:
        """SIGTERM and wait (SIGKILL after 5 s), letting the test's loop run meanwhile."""
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT_S)
            except TimeoutError:
                self.kill()
                await self.process.wait()

    async def moderate(self, body: dict[str, Any]) -> dict[str, Any]:
        """A moderator's AudioBridge request (``kick``, ``destroy``...): the plugin's answer."""
        async with _connect(self.url) as ws:
            session = (await _request(ws, {"janus": "create"}))["data"]["id"]
            attach = {"janus": "attach", "session_id": session, "plugin": PLUGIN}
            handle = (await _request(ws, attach))["data"]["id"]
            message = {"janus": "message", "session_id": session, "handle_id": handle}
            answer = await _request(ws, {**message, "body": body})
            data: dict[str, Any] = answer["plugindata"]["data"]
            return data


def _library(kind: str, name: str) -> Path:
    found = sorted(LIBRARIES.glob(f"*/janus/{kind}/{name}"))
    if not found:
        raise FileNotFoundError(
            f"no {name} under {LIBRARIES}/*/janus/{kind}: apt-get install janus"
        )
    return found[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_config(
    directory: Path, rooms: Sequence[RoomConfig], port: int, session_timeout_s: int
) -> Path:
    """The configuration folder for one Janus: returns the janus.jcfg to start with."""
    conf = directory / "conf"
    folders = {name: directory / name for name in ("plugins", "transports", "none")}
    for folder in (conf, *folders.values()):
        folder.mkdir(parents=True, exist_ok=True)
    for kind, name in (
        ("plugins", "libjanus_audiobridge.so"),
        ("transports", "libjanus_websockets.so"),
    ):
        link = folders[kind] / name
        if not link.exists():
            link.symlink_to(_library(kind, name))
    (conf / "janus.jcfg").write_text(
        f"""general: {{
\tconfigs_folder = "{conf}"
\tplugins_folder = "{folders["plugins"]}"
\ttransports_folder = "{folders["transports"]}"
\tevents_folder = "{folders["none"]}"
\tloggers_folder = "{folders["none"]}"
\tdebug_level = 4
\tsession_timeout = {session_timeout_s}
}}
media: {{
\tipv6 = false
}}
nat: {{
\tice_enforce_list = "lo"
}}
"""
    )
    (conf / "janus.transport.websockets.jcfg").write_text(
        f"""general: {{
\tjson = "plain"
\tws = true
\tws_ip = "127.0.0.1"
\tws_port = {port}
\twss = false
}}
admin: {{
\tadmin_ws = false
\tadmin_wss = false
}}
"""
    )
    (conf / "janus.plugin.audiobridge.jcfg").write_text(
        'general: {\n\tlocal_ip = "127.0.0.1"\n\tevents = false\n}\n'
        + "\n".join(room.jcfg() for room in rooms)
        + "\n"
    )
    return conf / "janus.jcfg"


async def start_janus(
    directory: Path,
    rooms: Sequence[RoomConfig],
    *,
    port: int = 0,
    session_timeout_s: int = 60,
    timeout_s: float = START_TIMEOUT_S,
) -> JanusServer:
    """Janus with ``rooms`` in ``directory``, serving ``ws://127.0.0.1:PORT/`` once it answers."""
    janus = shutil.which("janus")
    if janus is None:
        raise FileNotFoundError("janus is not installed: apt-get install janus")
    port = port or _free_port()
    config = write_config(directory, rooms, port, session_timeout_s)
    process = await asyncio.create_subprocess_exec(
        janus, "--config", str(config), "--configs-folder", str(config.parent),
        "--disable-colors",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert process.stdout is not None
    server = JanusServer(process, f"ws://127.0.0.1:{port}/", port)

    async def keep_reading(stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            server.log.append(line.decode(errors="replace"))

    reader = asyncio.get_running_loop().create_task(keep_reading(process.stdout))
    try:
        async with asyncio.timeout(timeout_s):
            while not await _answers(server.url):
                if process.returncode is not None:
                    await reader
                    raise RuntimeError(
                        f"janus exited ({process.returncode}): {''.join(server.log)}"
                    )
                await asyncio.sleep(0.05)
    except BaseException:
        await server.stop()
        raise
    return server


def _connect(url: str) -> websockets.connect:
    return websockets.connect(url, subprotocols=[Subprotocol(SUBPROTOCOL)], open_timeout=1)


async def _request(ws: ClientConnection, message: dict[str, Any]) -> dict[str, Any]:
    """Janus's answer to one request (its ack passed over), within a second."""
    await ws.send(json.dumps({**message, "transaction": "rig"}))
    async with asyncio.timeout(1):
        while True:
            answer: dict[str, Any] = json.loads(await ws.recv())
            if answer.get("janus") != "ack" and answer.get("transaction") == "rig":
                return answer


async def _answers(url: str) -> bool:
    """Janus answers ``info`` on its WebSocket."""
    try:
        async with _connect(url) as ws:
            return (await _request(ws, {"janus": "info"})).get("janus") == "server_info"
    except (OSError, TimeoutError, websockets.InvalidHandshake, websockets.ConnectionClosed):
        return False


# -- a platform participant's sound -----------------------------------------------------


SIOCGSTAMPNS: Final = 0x8907
"""Linux: the kernel's receive time of the last datagram read from a socket."""


def kernel_stamp(fd: int) -> float | None:
    """When the datagram last read from ``fd`` reached this host (CLOCK_REALTIME), if stamped.

    The first ask turns stamping on for the socket and finds nothing (ENOENT).
    """
    try:
        sec, nsec = struct.unpack("qq", fcntl.ioctl(fd, SIOCGSTAMPNS, bytes(16)))
    except FileNotFoundError:
        return None
    return float(sec + nsec / 1e9)


class Blocks:
    """An ``on_audio`` that keeps what it gets."""

    def __init__(self) -> None:
        self.got: list[tuple[float, F32]] = []
        self.read_late_ms: list[float] = []
        """Per stamped block: how long after its packet reached the host this process read it."""
        self._fd: int | None = None
        self._realtime_less_monotonic = 0.0

    def stamp_in_kernel(self, room: JanusRoom) -> None:
        """From now on each block's arrival is when its packet reached this host.

        Not when this process read it: a test that speaks, listens and measures
        in one process may, on a loaded machine, not run for a few hundred ms
        while Janus's packets wait in its socket, which is no delay of the path
        measured. ``read_late_ms`` keeps how long they waited.
        """
        assert room._transport is not None
        self._fd = int(room._transport.get_extra_info("socket").fileno())
        kernel_stamp(self._fd)
        self._realtime_less_monotonic = time.time() - time.monotonic()

    def __call__(self, block: F32, arrival: float) -> None:
        # MixReceiver hands over the blocks of a packet as it is read: the
        # socket's last stamp is that packet's.
        kernel = None if self._fd is None else kernel_stamp(self._fd)
        if kernel is not None:
            kernel -= self._realtime_less_monotonic
            self.read_late_ms.append(1000 * (arrival - kernel))
            arrival = kernel
        self.got.append((arrival, block.copy()))

    def signal(self, since: float = -np.inf) -> F32:
        """What arrived at or after ``since`` (monotonic), end to end."""
        frames = [block for at, block in self.got if at >= since]
        return np.concatenate(frames) if frames else np.zeros(0, np.float32)


async def play(room: JanusRoom, signal: F32) -> list[float]:
    """Give ``room`` the signal in real time, block by block: when each block was given."""
    given: list[float] = []
    start = time.monotonic()
    for k, block in enumerate(blocks(signal)):
        delay = start + 0.01 * k - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        room.send_block(block)
        given.append(time.monotonic())
    return given


def tone_bursts(count: int, on_s: float = 0.1, off_s: float = 0.2) -> tuple[F32, list[int]]:
    """``count`` bursts of 1 kHz (sharp onsets) after 0.2 s of silence; the onset samples.

    The onsets fall 0 to 19 ms into a 20 ms packet, in turn: where a word starts.
    """
    period = round((on_s + off_s) * SAMPLE_RATE)
    on = round(on_s * SAMPLE_RATE)
    lead = round(0.2 * SAMPLE_RATE)
    signal = np.zeros(lead + count * period + 2 * BLOCK, dtype=np.float32)
    tone = sine(1000, on_s, TONE_AMPLITUDE)
    starts = [lead + k * period + (7 * k % 20) * SAMPLE_RATE // 1000 for k in range(count)]
    for start in starts:
        signal[start : start + on] = tone
    return signal, starts


def onset_after(x: F32, start: int, threshold: float = 0.5 * TONE_AMPLITUDE) -> int | None:
    """The first sample at or after ``start`` above ``threshold``."""
    loud = np.flatnonzero(np.abs(x[start:]) > threshold)
    return start + int(loud[0]) if loud.size else None


class Heard(Protocol):
    """Frames with their arrival times, oldest first (:class:`Blocks`, a hub listener)."""

    got: list[tuple[float, F32]]


def delays_ms(given: Sequence[float], starts: Sequence[int], heard: Heard) -> list[float]:
    """Onset given to onset heard, for each burst, in ms.

    Given: the room sends a packet every second block (the first with block 0),
    so the packet holding the onset left when its second block was given
    (``given``, from :func:`play`); the onset's time is that less the samples
    after it in the packet, and a stall of this process between the two
    blocks is not counted as delay. Heard: the frames that arrived together (a Janus packet's two
    blocks) play from their arrival on, so the onset plays that much after the
    arrival as it lies after their first sample. For Janus alone the delay is
    what its path adds: packing two blocks, the network, Janus's queue and
    mixer, and three codec passes.
    """
    arrivals = [at for at, _ in heard.got]
    offsets = np.cumsum([0] + [len(pcm) for _, pcm in heard.got])
    received = np.concatenate([pcm for _, pcm in heard.got])
    out = []
    for start in starts:
        last = start // BLOCK | 1
        sent_at = given[last] - ((last + 1) * BLOCK - start) / SAMPLE_RATE
        # The listener's stream starts whenever it likes: look from what arrived after the onset.
        first = next((j for j, t in enumerate(arrivals) if t >= sent_at), len(arrivals))
        at = onset_after(received, int(offsets[first]))
        assert at is not None, f"the burst given at sample {start} was never heard"
        j = int(np.searchsorted(offsets, at, side="right")) - 1
        while j > 0 and arrivals[j - 1] == arrivals[j]:
            j -= 1
        out.append(1000 * (arrivals[j] + (at - offsets[j]) / SAMPLE_RATE - sent_at))
    return out


def behind_ms(given: Sequence[float]) -> float:
    """How far behind its 10 ms schedule :func:`play` fell giving the blocks (its process stalled).

    Such a stall sends Janus a burst when this process catches up, which
    changes what Janus's queue adds: a delay out of bounds while this is
    large is this process's stall, not the path's delay.
    """
    return 1000 * max(t - given[0] - 0.01 * k for k, t in enumerate(given))

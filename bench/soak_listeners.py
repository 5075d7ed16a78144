"""Listeners in a process of their own, for `soak` and `hub_fanout`:
``python -m bench.soak_listeners``.

Connects ``--count`` listeners (:class:`tests.rig.loadclient.Listener`), listener ``i``
(counting from ``--first``) to ``--ports[i % len(ports)]`` and to
``--channels[i % len(channels)]``, in batches, hands their reading to one epoll
(:class:`tests.rig.loadclient.ListenerFarm`) and prints ``{"ready": N}``. Tokens are
issued for ``--meeting FILE`` (default: :func:`channels.meeting.simple_meeting` of
``--languages``). With ``--reconnect``, a listener whose connection is lost connects again
at once, to the next port in turn, and carries on its counts there (:class:`Rejoined`).

Then it reads commands on standard input, one a line:

- ``count``: one JSON line with the media frames received by all listeners,
  the listeners closed (and not connected again), silent (no frame yet), the ``error``
  messages they received (a refused command), the packets ``lost`` (gaps in their channel's
  sequence, outside reconnections), and each reconnection so far
  (``reconnections``: the gap in ms, last frame before to first frame after, and the
  packets it missed; a listener not heard from again yet counts in ``rejoining``);
- ``window PATH``: writes every delay measured (ns, ``array("q")``) to PATH; answers
  with how many, and each listener's frames inside the window (``in_window``);
- end of input: close every connection and exit.

Several such processes share a crowd when one would saturate its core: each reads
its listeners' sockets with its own epoll.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any

from channels import meeting_file
from channels.meeting import MeetingConfig, simple_meeting
from channels.server import MAX_PENDING
from channels.tokens import issue
from tests.rig.child import JsonChild, on_commands
from tests.rig.loadclient import Listener, ListenerFarm, Recorder, raise_nofile_limit

BATCH = MAX_PENDING // 8
"""Listeners connecting at once, each batch welcomed before the next; and listeners of one
process connecting again at once (each listener has an address of its own, :func:`address`,
so only the hub's own limit counts). More at once, on a saturated machine, kept an edge
busy with handshakes past the core's patience (1 s without its beat): the core forgot it,
and it closed every connection."""
WELCOME_TIMEOUT_S = 30.0
REJOIN_TIMEOUT_S = 5.0
"""One reconnection attempt's wait for the welcome, before the next port is tried."""
REJOIN_PAUSE_S = 0.1
"""After a failed attempt, before the next port is tried."""


def address(i: int) -> str:
    """Listener ``i``'s own loopback address (all of 127/8 is loopback), as if each came from
    a machine of its own: no hub limit per address applies to a crowd."""
    return f"127.0.{1 + i // 250}.{1 + i % 250}"


class Rejoined(Listener):
    """A listener connected again after its connection was lost: it carries on the counts of
    the one before, and its first media frame closes the reconnection (`window`)."""

    def __init__(self, before: Listener, port: int, recorder: Recorder | None) -> None:
        super().__init__(before.host, port, before.token, before.channel, recorder)
        self.frames, self.in_window = before.frames, before.in_window
        self.lost, self.errors = before.lost, before.errors
        self._before_seq = before.seq
        self._since_ns = before.last_ns if before.frames else before.closed_ns
        self.window: tuple[float, int] | None = None
        """(gap in ms, packets missed) once the first frame came."""

    def skipped(self, seq: int, now: int) -> None:
        if self.window is None and self.seq < 0:
            missed = (seq - self._before_seq - 1) & 0xFFFF if self._before_seq >= 0 else 0
            self.window = ((now - self._since_ns) / 1e6, missed)
        else:
            super().skipped(seq, now)


class Crowd:
    """The listeners of this process, and their reconnection when ``reconnect``."""

    def __init__(
        self,
        host: str,
        ports: list[int],
        meeting: MeetingConfig,
        channels: list[str],
        *,
        reconnect: bool,
        probe_every: int = 1,
    ) -> None:
        self.host = host
        self.probe_every = probe_every
        self.ports = ports
        self.meeting = meeting
        self.channels = channels
        self.reconnect = reconnect
        self.recorder = Recorder()
        self.listeners: list[Listener] = []
        self.windows: list[tuple[float, int]] = []
        """Every closed reconnection: gap in ms, packets missed."""
        self.farm: ListenerFarm | None = None
        self.first = 0
        self._rejoining: set[asyncio.Task[None]] = set()
        self._gate = asyncio.Semaphore(BATCH)

    async def join(self, first: int, count: int, *, farm: bool = True) -> None:
        """Connect listeners ``first`` to ``first + count - 1``; read them with a
        :class:`ListenerFarm` if ``farm``, else each through its asyncio transport."""
        loop = asyncio.get_running_loop()
        self.first = first
        for start in range(first, first + count, BATCH):
            group = await asyncio.gather(
                *(
                    loop.create_connection(
                        lambda i=i: self._listener(i),  # type: ignore[misc]
                        self.host,
                        self.ports[i % len(self.ports)],
                        local_addr=(address(i), 0),
                    )
                    for i in range(start, min(first + count, start + BATCH))
                )
            )
            batch = [protocol for _, protocol in group]
            self.listeners.extend(batch)
            await asyncio.wait_for(asyncio.gather(*(x.welcomed for x in batch)), WELCOME_TIMEOUT_S)
        self.farm = ListenerFarm() if farm else None
        for index, listener in enumerate(self.listeners):
            if self.farm is not None:
                self.farm.adopt(listener, probe=self._recorder(index) is not None)
            self._watch(index, listener)

    def _listener(self, i: int) -> Listener:
        token = issue(self.meeting, sub=f"listener-{i}", name=f"Listener {i}", role="listener")
        channel = self.channels[i % len(self.channels)]
        port = self.ports[i % len(self.ports)]
        return Listener(self.host, port, token, channel, self._recorder(i - self.first))

    def _recorder(self, index: int) -> Recorder | None:
        """The recorder of this process's listener ``index`` if it is a probe (one in
        `probe_every`), else None."""
        return self.recorder if index % self.probe_every == 0 else None

    def _watch(self, index: int, listener: Listener) -> None:
        if self.reconnect:
            listener.on_close = lambda _, index=index: self._lost(index)

    def _lost(self, index: int) -> None:
        task = asyncio.get_running_loop().create_task(self._rejoin(index))
        self._rejoining.add(task)
        task.add_done_callback(self._rejoining.discard)

    async def _rejoin(self, index: int) -> None:
        """Connect listener ``index`` again, trying each port in turn from the next one."""
        before = self.listeners[index]
        self._close_window(before)
        loop = asyncio.get_running_loop()
        after = self.ports.index(before.port) + 1
        recorder = self._recorder(index)
        for port in itertools.cycle(self.ports[after:] + self.ports[:after]):
            again: Rejoined | None = None
            try:
                async with self._gate:
                    _, again = await loop.create_connection(
                        lambda port=port: Rejoined(before, port, recorder),  # type: ignore[misc]
                        self.host,
                        port,
                        local_addr=(address(self.first + index), 0),
                    )
                    await asyncio.wait_for(again.welcomed, REJOIN_TIMEOUT_S)
            except (OSError, TimeoutError):  # refused, or not welcomed: the next port
                if again is not None:
                    again.abort()
                await asyncio.sleep(REJOIN_PAUSE_S)
                continue
            assert isinstance(again, Rejoined)
            self.listeners[index] = again
            if self.farm is not None:
                self.farm.adopt(again, probe=recorder is not None)
            self._watch(index, again)
            return

    def _close_window(self, listener: Listener) -> None:
        if isinstance(listener, Rejoined) and listener.window is not None:
            self.windows.append(listener.window)

    def counts(self) -> dict[str, object]:
        listeners = self.listeners
        windows = [*self.windows]
        for x in listeners:
            if isinstance(x, Rejoined) and x.window is not None:
                windows.append(x.window)
        return {
            "frames": sum(x.frames for x in listeners),
            "closed": sum(1 for x in listeners if x.closed),
            "silent": sum(1 for x in listeners if not x.frames),
            "errors": sum(x.errors for x in listeners),
            "lost": sum(x.lost for x in listeners),
            "lost_listeners": sum(1 for x in listeners if x.lost),
            "rejoining": sum(1 for x in listeners if isinstance(x, Rejoined) and x.window is None)
            + len(self._rejoining),
            "reconnections": [[round(gap, 1), missed] for gap, missed in windows],
        }

    def window(self, path: Path) -> dict[str, object]:
        with path.open("wb") as f:
            self.recorder.delays_ns.tofile(f)
        return {
            "delays": len(self.recorder.delays_ns),
            "in_window": [x.in_window for x in self.listeners],
        }

    def close(self) -> None:
        if self.farm is not None:
            self.farm.close()
        for task in self._rejoining:
            task.cancel()
        for listener in self.listeners:
            listener.on_close = None
            listener.abort()


async def serve(
    host: str,
    ports: list[int],
    first: int,
    count: int,
    meeting: MeetingConfig,
    channels: list[str],
    *,
    reconnect: bool,
    farm: bool,
    probe_every: int,
) -> None:
    crowd = Crowd(host, ports, meeting, channels, reconnect=reconnect, probe_every=probe_every)
    started = time.monotonic()
    await crowd.join(first, count, farm=farm)
    print(
        json.dumps({"ready": len(crowd.listeners), "connect_s": time.monotonic() - started}),
        flush=True,
    )

    def handle(command: str) -> None:
        name, _, argument = command.partition(" ")
        if name == "count":
            print(json.dumps(crowd.counts()), flush=True)
        elif name == "window":
            print(json.dumps(crowd.window(Path(argument))), flush=True)

    done = on_commands(handle)
    try:
        await done
    finally:
        crowd.close()


class ListenerProcess(JsonChild):
    """`python -m bench.soak_listeners` as a child: started, counted, stopped."""

    def __init__(
        self,
        host: str,
        ports: list[int],
        first: int,
        count: int,
        channels: list[str],
        *,
        meeting: Path | None = None,
        languages: tuple[str, ...] = (),
        reconnect: bool = False,
        reader: str = "epoll",
        probe_every: int = 1,
    ) -> None:
        command = [
            sys.executable, "-m", "bench.soak_listeners", "--host", host,
            "--ports", *map(str, ports), "--first", str(first), "--count", str(count),
            "--channels", *channels, "--reader", reader, "--probe-every", str(probe_every),
        ]  # fmt: skip
        if meeting is not None:
            command += ["--meeting", str(meeting)]
        if languages:
            command += ["--languages", *languages]
        if reconnect:
            command.append("--reconnect")
        super().__init__(command, what="the listener process")
        self.pid = self.popen.pid

    async def ready(self, timeout_s: float) -> int:
        answer = await asyncio.to_thread(self.line, timeout_s)
        return int(answer["ready"])

    async def count(self) -> dict[str, Any]:
        return await asyncio.to_thread(self.command, "count", 30.0)

    async def window(self, path: Path) -> dict[str, Any]:
        return await asyncio.to_thread(self.command, f"window {path}", 60.0)


async def start_crowd(
    host: str, ports: list[int], count: int, processes: int, channels: list[str], **options: Any
) -> list[ListenerProcess]:
    """``count`` listeners over ``processes`` processes (options: `ListenerProcess`'s), one
    process after the other, each once all its listeners are welcomed."""
    crowd: list[ListenerProcess] = []
    share = -(-count // processes)
    try:
        for first in range(0, count, share):
            crowd.append(
                ListenerProcess(host, ports, first, min(share, count - first), channels, **options)
            )
            await crowd[-1].ready(max(60.0, share / 10))
    except BaseException:
        stop_crowd(crowd)
        raise
    return crowd


async def count_crowd(crowd: list[ListenerProcess]) -> dict[str, Any]:
    """`count` of every process, summed (lists joined)."""
    total: dict[str, Any] = {}
    for answer in await asyncio.gather(*(x.count() for x in crowd)):
        for key, value in answer.items():
            total[key] = total.get(key, type(value)()) + value
    return total


def stop_crowd(crowd: list[ListenerProcess]) -> None:
    for process in crowd:
        process.stop(30.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak_listeners",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--ports", type=int, nargs="+", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--first", type=int, default=0, help="number of the first listener")
    parser.add_argument("--channels", nargs="+", required=True)
    parser.add_argument("--languages", nargs="+", default=["en", "fr"])
    parser.add_argument("--meeting", type=Path, help="meeting file (default: a simple meeting)")
    parser.add_argument("--reconnect", action="store_true", help="connect again when lost")
    parser.add_argument(
        "--probe-every",
        type=int,
        default=1,
        metavar="K",
        help="one listener in K records delays, read the moment a frame comes; the others "
        "are read every 50 ms, for their counts only (default 1: all)",
    )
    parser.add_argument(
        "--reader",
        choices=("epoll", "asyncio"),
        default="epoll",
        help="read media with one epoll for all listeners, or each through asyncio",
    )
    args = parser.parse_args(argv)
    raise_nofile_limit()
    meeting = (
        meeting_file.load(args.meeting) if args.meeting else simple_meeting(tuple(args.languages))
    )
    asyncio.run(
        serve(
            args.host,
            args.ports,
            args.first,
            args.count,
            meeting,
            args.channels,
            reconnect=args.reconnect,
            farm=args.reader == "epoll",
            probe_every=args.probe_every,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmarks' hub, in a process of its own: ``python -m tests.rig.hubserver``.

Start it with :meth:`tests.rig.hubprocess.HubProcess.instrumented`. It serves
``Hub(simple_meeting(languages))`` with :class:`channels.server.HubServer`, as
``rsi-hub serve`` would serve a meeting file, and says ``served at URL`` on stderr
when it is listening, as ``rsi-hub serve`` does. It then reads commands from
standard input, one a line:

- ``stats``: print one JSON line with the server's counters, the garbage
  collector's pauses so far (count, total and longest, by generation) and the
  timing of the fan-out of the source's packets (:class:`FanoutTrace`);
- end of input (the benchmark closed the pipe or died): stop and exit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import sys
import time

from channels.hub import Forward, Hub, Output
from channels.meeting import simple_meeting
from channels.server import HubServer
from tests.rig.child import on_commands
from tests.rig.loadclient import raise_nofile_limit, read_mark


class GcPauses:
    """Garbage collector pauses by generation: count, total and longest (ms)."""

    def __init__(self) -> None:
        self.count = [0, 0, 0]
        self.total_ms = [0.0, 0.0, 0.0]
        self.max_ms = [0.0, 0.0, 0.0]
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        ms = 1000 * (time.perf_counter() - self._started)
        generation = info["generation"]
        self.count[generation] += 1
        self.total_ms[generation] += ms
        self.max_ms[generation] = max(self.max_ms[generation], ms)

    def report(self) -> dict[str, list[float]]:
        return {
            "count": list(self.count),
            "total_ms": [round(x, 1) for x in self.total_ms],
            "max_ms": [round(x, 1) for x in self.max_ms],
        }


class FanoutTrace:
    """Times the server's fan-out of each packet the benchmark's source marked.

    Wraps ``HubServer._execute`` (which carries out what the hub asks after
    taking a packet in, and schedules the fan-out) and ``HubServer._fanout``
    (the loop that writes what is pending to every listener) on this instance
    only. For each packet inside the
    measuring window it records how long after the source's send time the hub
    took it in (the receive path), and how long the fan-out that wrote it
    took, both from ``time.monotonic_ns()``, which all processes of the
    machine share. That splits the delay the listeners see into the hub's
    part and the rest. It also adds up the fan-out's CPU time (``time.thread_time_ns``,
    which a busy machine's waits do not inflate) and its writes (one per listener
    of each channel written), for the CPU of one write.
    """

    def __init__(self, server: HubServer) -> None:
        self.receive_ns: list[int] = []
        self.fanout_ns: list[int] = []
        self.fanout_cpu_ns = 0
        self.fanout_writes = 0
        self._marked = 0
        execute = server._execute
        fanout = server._fanout

        def traced_execute(outputs: list[Output]) -> None:
            started = time.monotonic_ns()
            execute(outputs)
            packet = next((x.data for x in outputs if isinstance(x, Forward)), None)
            if packet is not None:
                window, sent = read_mark(packet)
                if window:
                    self.receive_ns.append(started - sent)
                    self._marked += 1

        def traced_fanout() -> None:
            self.fanout_writes += sum(len(ch.audience) for ch, _ in server._pending.values())
            cpu = time.thread_time_ns()
            started = time.monotonic_ns()
            fanout()
            took = time.monotonic_ns() - started
            self.fanout_cpu_ns += time.thread_time_ns() - cpu
            self.fanout_ns.extend([took] * self._marked)
            self._marked = 0

        server._execute = traced_execute  # type: ignore[method-assign]
        server._fanout = traced_fanout  # type: ignore[method-assign]

    def report(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"packets": len(self.fanout_ns)}
        if self.fanout_writes:
            out["fanout_cpu_us_per_write"] = round(self.fanout_cpu_ns / self.fanout_writes / 1e3, 2)
        for name, values in (("receive", self.receive_ns), ("fanout", self.fanout_ns)):
            ordered = sorted(values)
            for label, share in (("p50", 0.5), ("p99", 0.99), ("max", 1.0)):
                rank = max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))
                value = ordered[rank] / 1e6 if ordered else float("nan")
                out[f"{name}_ms_{label}"] = round(value, 2)
        return out


async def serve(host: str, port: int, languages: tuple[str, ...] = ("en", "fr")) -> None:
    pauses = GcPauses()
    hub = Hub(simple_meeting(languages))
    server = HubServer(hub, host=host, port=port)
    await server.start()
    gc.freeze()  # as `rsi-hub serve` does (channels.server.run)
    trace = FanoutTrace(server)
    print(f"meeting {hub.meeting.id} served at {server.url}", file=sys.stderr, flush=True)

    def handle(command: str) -> None:
        if command == "stats":
            stats = {
                "media_in": server.media_in,
                "media_out": server.media_out,
                "media_coalesced": server.media_coalesced,
                "backlog_dropped": server.backlog_dropped(),
                "hub_dropped": dict(hub.dropped),
                "participants": len(hub.participants),
                "connected": sum(1 for x in hub.participants.values() if x.conn is not None),
                "gc": pauses.report(),
                "trace": trace.report(),
                "gc_objects": len(gc.get_objects()),
            }
            print(json.dumps(stats), flush=True)

    done = on_commands(handle)
    try:
        await done
    finally:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.stop(), 5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.rig.hubserver", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument(
        "--languages", nargs="+", default=["en", "fr"], help="one channel and booth for each"
    )
    args = parser.parse_args(argv)
    raise_nofile_limit()
    asyncio.run(serve(args.host, args.port, tuple(args.languages)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

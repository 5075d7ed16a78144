"""The soak's listeners, in a process of their own: ``python -m bench.soak_listeners``.

Connects ``--count`` listeners (:class:`tests.rig.loadclient.Listener`), spread
round-robin over the channels, in batches, hands their reading to one epoll
(:class:`tests.rig.loadclient.ListenerFarm`) and prints ``{"ready": N}``. Then
it reads commands on standard input, one a line:

- ``count``: one JSON line with the media frames received by all listeners,
  the listeners closed, silent (no frame yet) and the ``error`` messages
  they received (a refused command);
- end of input: close every connection and exit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from channels.meeting import FLOOR, simple_meeting
from channels.server import ATTEMPT_BURST, MAX_PENDING_PER_ADDRESS
from channels.tokens import issue
from tests.rig.child import on_commands
from tests.rig.loadclient import Listener, ListenerFarm, Recorder, raise_nofile_limit

BATCH = min(ATTEMPT_BURST, MAX_PENDING_PER_ADDRESS) // 2
"""Listeners connecting at once: half of what the hub admits at once from one address before
anyone there is welcomed."""
WELCOME_TIMEOUT_S = 30.0


async def serve(host: str, port: int, count: int, languages: tuple[str, ...]) -> None:
    loop = asyncio.get_running_loop()
    meeting = simple_meeting(languages)
    channels = (FLOOR, *languages)
    recorder = Recorder()
    listeners: list[Listener] = []
    for first in range(0, count, BATCH):
        group = await asyncio.gather(
            *(
                loop.create_connection(
                    lambda i=i: Listener(  # type: ignore[misc]
                        host,
                        port,
                        issue(meeting, sub=f"listener-{i}", name=f"Listener {i}", role="listener"),
                        channels[i % len(channels)],
                        recorder,
                    ),
                    host,
                    port,
                )
                for i in range(first, min(count, first + BATCH))
            )
        )
        batch = [protocol for _, protocol in group]
        listeners.extend(batch)
        await asyncio.wait_for(asyncio.gather(*(x.welcomed for x in batch)), WELCOME_TIMEOUT_S)
    farm = ListenerFarm()
    for listener in listeners:
        farm.adopt(listener)
    print(json.dumps({"ready": len(listeners)}), flush=True)

    def handle(command: str) -> None:
        if command == "count":
            counts = {
                "frames": sum(x.frames for x in listeners),
                "closed": sum(1 for x in listeners if x.closed),
                "silent": sum(1 for x in listeners if not x.frames),
                "errors": sum(x.errors for x in listeners),
            }
            print(json.dumps(counts), flush=True)

    done = on_commands(handle)
    try:
        await done
    finally:
        farm.close()
        for listener in listeners:
            listener.abort()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak_listeners", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--languages", nargs="+", required=True)
    args = parser.parse_args(argv)
    raise_nofile_limit()
    asyncio.run(serve(args.host, args.port, args.count, tuple(args.languages)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

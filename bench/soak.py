"""soak: a long meeting on one hub: listeners, a floor, and booths handing over all the time.

The hub runs in its own process (:mod:`tests.rig.hubserver`) on a meeting with
one channel and one booth per language (six by default). The listeners run
in another process (:mod:`bench.soak_listeners`, :mod:`tests.rig.loadclient`),
spread over the floor and the language channels. Here, in this process,
are the speakers, all real rsi.v1 WebSocket clients:

- the floor, on the air from the start, sending a 10 ms packet every 10 ms;
- two interpreters per booth. The first takes the air (``mic``); every
  ``--handover-every`` seconds the live one ``offer``s the air to its
  partner, who ``accept``s it. Each interpreter sends RTP only while the
  hub's state says it is live (it stops on the state that shows its partner
  on air, and starts on the one that shows itself);
- every interpreter sends a ``ping`` every sample period.

Every command has an expected answer: ``mic`` and ``accept`` a state with
the new speaker on air, seen by both partners; ``offer`` a state with the
pending handover, seen by the partner; ``ping`` its ``pong``. A command
whose answer does not come within 10 s is a lost control message, and so
is every ``error`` any client receives (none is expected). None are allowed.

Output, JSON lines: every ``--sample-every`` seconds the hub's resident
memory (``/proc/<pid>/status`` VmRSS), the handovers done and the frames
the listeners received so far; at the end one summary line:

- ``control_lost`` (must be 0), ``control_sent``, ``handovers_done`` /
  ``handovers_expected``;
- ``delivered``: media frames the listeners received / frames the hub
  handed to the listeners' connections (its ``media_out``), after the
  stream stopped and the listeners drained (>= 0.999 required);
- ``forwarded``: packets the hub forwarded / packets the speakers sent
  (packets in flight at a handover are dropped by design, so a little
  under 1);
- ``rss_mb_first`` / ``_last`` / ``_max`` and ``rss_growth_mb`` (from the
  first sample, after everyone joined, to the last).

With ``--cluster`` the meeting (:data:`tests.rig.meetings.SIX_BOOTHS`) is served by a
core and three edges over a nats-server of its own (:class:`bench.hub_fanout.Hubs`):
the listeners alternate between the first two edges, the speakers are on the third.
Every ``--kill-every`` seconds (600) one of the listeners' edges, in turn, is killed
(SIGKILL) and started again on its port; its listeners connect again at once to the
other edge (:class:`bench.soak_listeners.Rejoined`). The summary line has no hub
counters then (``delivered`` and the like), but:

- ``lost``: packets missing in the listeners' sequence numbers outside the
  reconnections (must be 0), ``lost_listeners`` how many listeners missed any;
- ``reconnections``, ``reconnection_gap_ms_p50`` / ``_max``: each from the last frame
  before the edge died to the first frame after (read every 50 ms, so up to 50 ms
  late), ``reconnections_over_limit`` (over 3 s: must be 0), ``rejoining`` (never
  back: must be 0), ``reconnection_packets_missed``; ``edge_kills``;
- ``edges_forgotten``: how many times the core took an edge for dead (each kill is one;
  any more were live edges that missed their beats, which hand their connections back).

The sampled memory is the core's. ``python -m bench.soak`` runs the full soak
(30 min, 500 listeners, handovers every 60 s), as ``make soak`` does; ``--cluster``
has 1,000 listeners; ``--quick`` runs 60 s with 100 listeners, a handover every 10 s
(and an edge killed every 20 s), as the test does. Shorter cluster soaks:
``--cluster --seconds 180 --kill-every 60 --listeners 300``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from bench.hub_fanout import Hubs
from bench.soak_listeners import ListenerProcess, count_crowd, start_crowd, stop_crowd
from channels.meeting import FLOOR
from channels.tokens import issue
from tests.rig.loadclient import Source, raise_nofile_limit
from tests.rig.meetings import SIX_BOOTHS

NAME: Final = "soak"
LANGUAGES: Final = ("en", "fr", "de", "es", "ru", "zh")
HOST: Final = "127.0.0.1"
ANSWER_TIMEOUT_S: Final = 10.0
WELCOME_TIMEOUT_S: Final = 10.0
DRAIN_QUIET_S: Final = 1.0
DRAIN_MAX_S: Final = 30.0
LISTENERS_PER_PROCESS: Final = 500
RECONNECTION_LIMIT_MS: Final = 3000.0
"""A listener whose edge was killed hears its channel again within this (issue 18)."""
Message = dict[str, Any]


def log(text: str) -> None:
    print(f"{NAME}: {text}", file=sys.stderr, flush=True)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc/<pid>/status."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


class Interpreter(Source):
    """An interpreter: a :class:`Source` that follows the hub's state and sends only when live."""

    def __init__(self, host: str, port: int, token: str, booth: str) -> None:
        super().__init__(host, port, token)
        self.after_hello = []
        self.booth = booth
        self.meeting: Message = {}
        self.pongs: set[float] = set()
        self.refusals: list[Message] = []
        self.changed = asyncio.Event()
        self.live = False

    @property
    def id(self) -> str:
        return str(self.welcomed.result()["participant"]["id"])

    async def ready(self) -> None:
        await super().ready()
        if not self.meeting:  # no state yet since the welcome
            self.meeting = self.welcomed.result()["meeting"]

    def received(self, text: bytes) -> None:
        message = json.loads(text)
        kind = message.get("type")
        if kind == "state":
            self.meeting = message["meeting"]
            self._follow()
        elif kind == "pong":
            self.pongs.add(message.get("t"))
        elif kind == "error":
            self.refusals.append(message)
        self.changed.set()

    def on_air(self) -> str | None:
        for channel in self.meeting.get("channels", ()):
            if channel["id"] == self.booth:
                return channel["on_air"]  # type: ignore[no-any-return]
        return None

    def pending(self) -> Message | None:
        for booth in self.meeting.get("booths", ()):
            if booth["id"] == self.booth:
                return booth["handover"]  # type: ignore[no-any-return]
        return None

    def _follow(self) -> None:
        """Send while the state says we are live, and only then."""
        live = self.on_air() == self.id
        if live and not self.live:
            self.start()
        elif self.live and not live:
            self.stop()
        self.live = live

    async def until(self, predicate: Callable[[], bool], timeout_s: float) -> bool:
        try:
            async with asyncio.timeout(timeout_s):
                while not predicate():
                    self.changed.clear()
                    await self.changed.wait()
        except TimeoutError:
            return False
        return True


@dataclass(slots=True)
class Ledger:
    """Commands sent and the answers that came (or not)."""

    sent: int = 0
    lost: list[str] = field(default_factory=list)
    _pings: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def command(
        self, by: Interpreter, message: Message, *answers: tuple[Interpreter, Callable[[], bool]]
    ) -> bool:
        """Send ``message``; every (client, predicate) must come true within the timeout."""
        self.sent += 1
        by.send(message)
        results = await asyncio.gather(
            *(who.until(check, ANSWER_TIMEOUT_S) for who, check in answers)
        )
        if not all(results):
            self.lost.append(f"{by.id}: {message} got no answer in {ANSWER_TIMEOUT_S:g} s")
            log(self.lost[-1])
        return all(results)

    async def ping(self, by: Interpreter) -> bool:
        t = float(next(self._pings))
        return await self.command(by, {"type": "ping", "t": t}, (by, lambda: t in by.pongs))


async def _connect(port: int, make: Callable[[], Source]) -> Source:
    """A speaker connected to ``port``, once welcomed."""
    loop = asyncio.get_running_loop()
    _, client = await loop.create_connection(make, HOST, port)
    await asyncio.wait_for(client.ready(), WELCOME_TIMEOUT_S)
    return client


async def hand_over(ledger: Ledger, live: Interpreter, partner: Interpreter) -> bool:
    """``live`` offers the air to ``partner``, who accepts: one handover, every answer checked."""
    offered = await ledger.command(
        live,
        {"type": "handover", "action": "offer", "to": partner.id},
        (partner, lambda: (partner.pending() or {}).get("to") == partner.id),
    )
    if not offered:
        return False
    return await ledger.command(
        partner,
        {"type": "handover", "action": "accept"},
        (partner, lambda: partner.on_air() == partner.id),
        (live, lambda: live.on_air() == partner.id),
    )


_FORGOTTEN = "connections are lost"
"""What the core logs when it takes a silent edge for dead."""


async def soak(
    *,
    seconds: float,
    listeners: int,
    handover_s: float,
    sample_s: float,
    booths: int,
    cluster: bool = False,
    kill_every_s: float = 0.0,
    listener_processes: int = 0,
) -> dict[str, Any]:
    """The soak; with ``cluster``, on a core and three edges (module docstring), an edge of the
    listeners killed and restarted every ``kill_every_s`` (0: never)."""
    if cluster:
        hubs = Hubs(HOST, meeting=SIX_BOOTHS, edges=3)
        languages = tuple(booth.id for booth in hubs.meeting.booths)[:booths]
        listener_edges = hubs.edges[:2]
    else:
        languages = LANGUAGES[:booths]
        hubs = Hubs(HOST, languages=languages)
        listener_edges = hubs.edges
    meeting = hubs.meeting
    hub = hubs.edges[-1]
    """Where the speakers are."""
    watched = hubs.core or hub
    """Whose memory is sampled."""
    crowd: list[ListenerProcess] = []
    speakers: list[Source] = []
    kills = 0
    try:
        crowd = await start_crowd(
            HOST,
            [edge.port for edge in listener_edges],
            listeners,
            listener_processes or -(-listeners // LISTENERS_PER_PROCESS),
            [FLOOR, *languages],
            meeting=hubs.meeting_path,
            languages=languages,
            reconnect=cluster,
        )
        log(f"{listeners} listeners connected")
        chair = issue(meeting, sub="chair", name="Chair", role="floor")
        floor = await _connect(hub.port, lambda: Source(HOST, hub.port, chair))
        speakers.append(floor)
        pairs: list[list[Interpreter]] = []
        for lang in languages:
            pair = []
            for n in (1, 2):
                token = issue(
                    meeting, sub=f"{lang}-{n}", name=f"{lang}-{n}", role="interpreter", booth=lang
                )
                client = await _connect(
                    hub.port,
                    lambda t=token, b=lang: Interpreter(HOST, hub.port, t, b),  # type: ignore[misc]
                )
                assert isinstance(client, Interpreter)
                pair.append(client)
            speakers.extend(pair)
            pairs.append(pair)
        ledger = Ledger()
        floor.start()
        await asyncio.gather(
            *(
                ledger.command(
                    a,
                    {"type": "mic", "on": True, "channel": a.booth},
                    (a, lambda a=a: a.on_air() == a.id),  # type: ignore[misc]
                    (b, lambda a=a, b=b: b.on_air() == a.id),  # type: ignore[misc]
                )
                for a, b in pairs
            )
        )
        handovers = 0
        rounds = 0
        samples: list[float] = []
        started = time.monotonic()
        next_handover = started + handover_s
        next_sample = started
        next_kill = started + kill_every_s if kill_every_s else math.inf
        end = started + seconds
        while True:
            now = time.monotonic()
            if now >= next_sample:
                samples.append(rss_mb(watched.pid))
                counts = await count_crowd(crowd)
                print(
                    json.dumps(
                        {
                            "bench": NAME,
                            "t_s": round(now - started, 1),
                            "hub_rss_mb": round(samples[-1], 1),
                            "handovers": handovers,
                            "listener_frames": counts["frames"],
                            "lost": counts["lost"],
                            "reconnections": len(counts["reconnections"]),
                            "control_lost": len(ledger.lost),
                        }
                    ),
                    flush=True,
                )
                next_sample += sample_s
                pings = await asyncio.gather(*(ledger.ping(x) for pair in pairs for x in pair))
                del pings
            if now >= end:
                break
            if now >= next_kill:
                log(f"killing edge {kills % 2 + 1} of the listeners")
                await asyncio.to_thread(hubs.restart_edge, kills % 2)
                kills += 1
                next_kill += kill_every_s
            if now >= next_handover:
                rounds += 1
                done = await asyncio.gather(
                    *(hand_over(ledger, *(pair if pair[0].live else pair[::-1])) for pair in pairs)
                )
                handovers += sum(done)
                next_handover += handover_s
            await asyncio.sleep(
                max(0.0, min(next_sample, next_handover, next_kill, end) - time.monotonic())
            )
        for speaker in speakers:
            speaker.stop()
        counts = await _drain(crowd)
        stats = hubs.stats()
        refusals = [m for pair in pairs for x in pair for m in x.refusals]
        sent = sum(x.sent for x in speakers)
    finally:
        for speaker in speakers:
            speaker.abort()
        stop_crowd(crowd)
        hubs.stop()
        # An edge that closed all its connections; the core forgetting a silent edge; a
        # forgotten edge handing its connections back.
        for line in hubs.said(": closing ", _FORGOTTEN, "go back to it"):
            log(f"hub: {line}")
    lost = len(ledger.lost) + len(refusals) + counts["errors"]
    gaps = sorted(gap for gap, _ in counts["reconnections"])
    result = {
        "bench": NAME,
        "seconds": seconds,
        "listeners": listeners,
        "booths": booths,
        "handover_every_s": handover_s,
        "control_sent": ledger.sent,
        "control_lost": lost,
        "lost_examples": (ledger.lost + [json.dumps(m) for m in refusals])[:5],
        "handovers_done": handovers,
        "handovers_expected": rounds * booths,
        "listener_frames": counts["frames"],
        "lost": counts["lost"],
        "lost_listeners": counts["lost_listeners"],
        "listeners_closed": counts["closed"],
        "listeners_silent": counts["silent"],
        "rss_mb_first": round(samples[0], 1),
        "rss_mb_last": round(samples[-1], 1),
        "rss_mb_max": round(max(samples), 1),
        "rss_growth_mb": round(samples[-1] - samples[0], 1),
        "source_late_ticks": sum(x.late for x in speakers),
        "cores": os.cpu_count(),
        "cluster": cluster,
    }
    if stats is not None:
        media_out = stats["media_out"]
        result |= {
            "delivered": round(counts["frames"] / media_out, 6) if media_out else 0,
            "hub_media_out": media_out,
            "forwarded": round(stats["media_in"] / sent, 6) if sent else 0.0,
            "hub_dropped": stats["hub_dropped"],
            "hub_backlog_dropped": stats["backlog_dropped"],
        }
    else:
        result |= {
            "edge_kills": kills,
            "edges_forgotten": len(hubs.said(_FORGOTTEN)),
            "kill_every_s": kill_every_s,
            "reconnections": len(gaps),
            "rejoining": counts["rejoining"],
            "reconnection_gap_ms_p50": gaps[len(gaps) // 2] if gaps else None,
            "reconnection_gap_ms_max": gaps[-1] if gaps else None,
            "reconnections_over_limit": sum(1 for gap in gaps if gap > RECONNECTION_LIMIT_MS),
            "reconnection_packets_missed": sum(n for _, n in counts["reconnections"]),
        }
    return result


async def _drain(crowd: list[ListenerProcess]) -> dict[str, Any]:
    """Wait until the listeners' frame count stops moving; return the last counts."""
    started = time.monotonic()
    counts = await count_crowd(crowd)
    while time.monotonic() - started < DRAIN_MAX_S:
        await asyncio.sleep(DRAIN_QUIET_S)
        again = await count_crowd(crowd)
        if again["frames"] == counts["frames"]:
            return again
        counts = again
    return counts


def passed(result: dict[str, Any]) -> bool:
    """Whether a soak's summary line meets its goals (it logs what failed)."""
    failed = []
    if result["control_lost"]:
        failed.append("lost control messages")
    if result["handovers_done"] != result["handovers_expected"]:
        failed.append("handovers missing")
    if result["cluster"]:
        if result["lost"]:
            failed.append("packets lost outside the reconnections")
        if result["reconnections_over_limit"] or result["rejoining"]:
            failed.append(f"reconnections over {RECONNECTION_LIMIT_MS / 1000:g} s or unfinished")
    elif result["delivered"] < 0.999:
        failed.append("media under 99.9 %")
    if failed:
        log(f"FAILED: {', '.join(failed)}")
    return not failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=f"python -m bench.{NAME}",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="60 s, 100 listeners, 10 s handovers")
    parser.add_argument("--seconds", type=float, help="length of the soak (default 1800)")
    parser.add_argument(
        "--listeners", type=int, help="listeners (default 500; 1000 with --cluster)"
    )
    parser.add_argument("--handover-every", type=float, help="seconds between handovers (60)")
    parser.add_argument("--sample-every", type=float, help="seconds between memory samples (30)")
    parser.add_argument("--booths", type=int, default=len(LANGUAGES), choices=range(1, 7))
    parser.add_argument(
        "--cluster",
        action="store_true",
        help="serve the meeting by a core and three edges over a nats-server of its own",
    )
    parser.add_argument(
        "--kill-every",
        type=float,
        metavar="S",
        help="with --cluster: kill and restart an edge of the listeners every S seconds "
        "(default 600; 0: never)",
    )
    parser.add_argument(
        "--listener-processes",
        type=int,
        default=0,
        metavar="K",
        help=f"processes holding the listeners (default: one per {LISTENERS_PER_PROCESS})",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    raise_nofile_limit()
    kill_every = args.kill_every if args.kill_every is not None else (20.0 if quick else 600.0)
    result = asyncio.run(
        soak(
            seconds=args.seconds or (60.0 if quick else 1800.0),
            listeners=args.listeners or (100 if quick else 1000 if args.cluster else 500),
            handover_s=args.handover_every or (10.0 if quick else 60.0),
            sample_s=args.sample_every or (10.0 if quick else 30.0),
            booths=args.booths,
            cluster=args.cluster,
            kill_every_s=kill_every if args.cluster else 0.0,
            listener_processes=args.listener_processes,
        )
    )
    print(json.dumps(result), flush=True)
    return 0 if passed(result) else 1


if __name__ == "__main__":
    sys.exit(main())

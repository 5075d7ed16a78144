"""netem: the floor's audio through a hub over an impaired network, with real packets.

The hub (:mod:`tests.rig.hubserver`) runs in a network namespace of its own;
a floor speaker and a listener run here, in the root namespace, and reach it
over a link that delays, loses, caps or cuts the kernels' real IP packets in
both directions (:class:`bench.netpath.NetnsLink`: ``tc netem`` on a veth
pair, or, where the kernel lacks ``sch_netem``, the same model in user space
over TUN devices, :mod:`bench.tunlink`). The floor speaks a signal through
the microphone path (Opus, RTP: :func:`tests.rig.chain.relay`'s packets) in real
time, one packet every 10 ms; the listener receives what the hub forwards
over the same link and stamps each packet's arrival.

The listener's play-out is the engine's receive path
(:class:`audio.receive.ChannelReceiver`: jitter buffer with the engine's
defaults and Opus decoding, PLC on concealment), run on a steady 10 ms
play-out clock on the same time line as the arrivals, from the first
arrival on. The clock is virtual (ticks are not scheduled by this loaded
process), the arrivals are real: what the listener would hear, without
this process's own scheduling delays in it. Each condition prints one JSON
line:

- ``mode``: ``"netem"``, ``"tun"`` (namespaces, netem's model in user space:
  ``why`` says why), or ``"proxy"`` where namespaces are not allowed: then
  the hub runs in this process on loopback and the network is the TCP model
  of :mod:`channels.linkmodel` applied to both legs, in virtual time (its outage
  only holds packets until it ends, with no retransmission backoff);
- ``concealed_share``: play-out ticks that concealed (Opus PLC) among the
  ticks from the first played packet to the last; ``silent_ticks``: ticks
  of silence in that span, after the buffer's first second (it is learning
  the path) and outside the outage and its recovery (0: audio continuous), and
  ``gaps``: where they were, ``[seconds from the first play-out, ms]``;
  ``concealed_share_steady``: the share of the ticks ``silent_ticks`` looks
  at that concealed (what the path costs while it is up: the outage and its
  recovery left out);
- ``latency_ms_p50`` / ``_p99``: play-out time minus send time of every
  played packet (one clock), outside the outage and its recovery;
  ``buffer_ms_p50`` / ``_p99``: the jitter buffer's delay when each was
  played; ``bound_ms``: the fastest transit seen, plus the buffer's highest
  target, plus the link's jitter spread over both legs (4 x jitter), plus
  30 ms for the processes on a loaded machine;
  ``bounded``: p99 within it;
- ``played_share``: packets sent that were played (the rest were dropped to
  catch up after a stall, or came too late);
- with an outage: ``resumed_s``, from the link's restoration to the first
  packet played again (TCP's retransmission backoff is most of it), and
  ``recovered_s``, to the moment from which every played packet's latency
  is within ``bound_ms`` and no tick is silent (both null if the hub closed
  a connection meanwhile: ``closed_by_hub`` names it, with the close code);
  ``recovery_latency_ms_max``:
  the latest packet played in between, ``recovery_silent_ms``: the silence
  in between after the stream resumed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import time
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from websockets.exceptions import ConnectionClosed

from audio.format import BLOCK, SAMPLE_RATE
from audio.jitter import Conceal, Packet
from audio.receive import ChannelReceiver
from bench.netpath import Condition, NetnsLink, why_no_namespaces
from channels.linkmodel import TcpPath, deliver
from channels.meeting import FLOOR, simple_meeting
from channels.rtp import read
from tests.rig.chain import FRAME_S, mic_packets, relay
from tests.rig.hubprocess import HubProcess
from tests.rig.wsclient import WsClient, on_air, token

NAME: Final = "netem"
BASE_MS: Final = 20.0
"""One-way delay of the conditions that are not about delay (a regional link)."""
CONDITIONS: Final = (
    Condition("delay_100ms_jitter_30ms", delay_ms=100.0, jitter_ms=30.0),
    Condition("loss_2pct", delay_ms=BASE_MS, loss=0.02),
    Condition("loss_5pct", delay_ms=BASE_MS, loss=0.05),
    Condition("rate_1mbit", delay_ms=BASE_MS, rate_bps=1e6),
    Condition("outage_2s", delay_ms=BASE_MS, outage_s=2.0),
)
SECONDS: Final = 20.0
QUICK_SECONDS: Final = 6.0
AFTER_OUTAGE_S: Final = 6.0
"""The stream goes on at least this long after the outage, to show the recovery."""
WARMUP_S: Final = 1.0
"""The jitter buffer learns the path in its first second (two half-second samples):
silence then is not counted as a gap."""
SLACK_MS: Final = 30.0
TIMEOUT_S: Final = 15.0
"""Longest wait for a welcome, the floor on air, or the last packets after the stream."""

F64 = npt.NDArray[np.float64]


def log(text: str) -> None:
    print(f"{NAME}: {text}", file=sys.stderr, flush=True)


def signal(seconds: float) -> npt.NDArray[np.float32]:
    """A tone with a little noise: every 10 ms frame is different, as speech is."""
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    rng = np.random.default_rng(7)
    pcm = 0.2 * np.sin(2 * np.pi * 330 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 1.5 * t))
    return (pcm + 0.02 * rng.standard_normal(t.size)).astype(np.float32)


@dataclass(frozen=True, slots=True)
class Run:
    """One stream as it went: packets received with their arrival times, send times, outage."""

    received: list[bytes]
    arrivals: list[float]
    send_times: list[float]
    outage: tuple[float, float] | None
    extra: dict[str, Any]


async def over_namespaces(condition: Condition, seconds: float) -> Run:
    """The stream over real packets: the hub in its namespace, the link impaired."""
    with NetnsLink(condition) as link:
        hub = HubProcess.instrumented(link.hub_host, prefix=link.hub_prefix)
        meeting = simple_meeting()
        try:
            chair, audience = token(meeting, "chair", "floor"), token(meeting, "l1", "listener")
            async with (
                await WsClient.join(
                    hub.url, audience, listen=[FLOOR], timeout=TIMEOUT_S
                ) as listener,
                await WsClient.join(hub.url, chair, timeout=TIMEOUT_S) as floor,
            ):
                await floor.send({"type": "mic", "on": True, "channel": FLOOR})
                await floor.expect_state(lambda m: on_air(m, FLOOR) == floor.id, TIMEOUT_S)
                packets = mic_packets(signal(seconds), floor.ssrc)
                send_times, outage = await _speak(floor, packets, link, condition)
                deadline = time.monotonic() + TIMEOUT_S
                while (
                    listener.media.qsize() < len(send_times)
                    and time.monotonic() < deadline
                    and listener.close_code is None
                ):
                    await asyncio.sleep(0.05)
                received = listener.drain_media()
                closed = {
                    who: p.close_code
                    for who, p in (("floor", floor), ("listener", listener))
                    if p.close_code is not None
                }
            stats = hub.stats()
        finally:
            hub.stop()
    extra = {"hub_media_dropped": sum(stats["hub_dropped"].values()), "closed_by_hub": closed}
    return Run(
        [r.data for r in received],
        [r.at for r in received],
        send_times,
        outage,
        {"mode": link.mode, **extra},
    )


async def _speak(
    floor: WsClient, packets: list[bytes], link: NetnsLink, condition: Condition
) -> tuple[list[float], tuple[float, float] | None]:
    """Send one packet every 10 ms (no bursts to catch up); cut the link midway if asked."""
    loop = asyncio.get_running_loop()
    send_times: list[float] = []
    outage_at = round(condition.outage_at_s / FRAME_S) if condition.outage_s else math.inf
    down: float | None = None
    up: float | None = None
    start = time.monotonic()
    for index, packet in enumerate(packets):
        due = start + index * FRAME_S
        wait = due - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        if index == outage_at:
            down = await loop.run_in_executor(None, link.set_down, True)
        if down is not None and up is None and time.monotonic() - down >= condition.outage_s:
            up = await loop.run_in_executor(None, link.set_down, False)
        send_times.append(time.monotonic())
        try:
            await floor.send_bytes(packet)
        except ConnectionClosed:  # the hub gave up on us (its keepalive): the run ends here
            send_times.pop()
            break
    if down is not None and up is None:
        await asyncio.sleep(max(0.0, down + condition.outage_s - time.monotonic()))
        up = await loop.run_in_executor(None, link.set_down, False)
    return send_times, (down, up) if down is not None and up is not None else None


async def over_model(condition: Condition, seconds: float) -> Run:
    """The fallback: a real hub on loopback, the network a model (both legs), virtual time."""
    relayed = await relay(signal(seconds), timeout_s=60.0)
    sent = np.arange(len(relayed.sent)) * FRAME_S
    path = TcpPath(
        one_way_ms=max(0.0, condition.delay_ms - condition.jitter_ms),
        jitter_ms=2 * condition.jitter_ms,
        loss=condition.loss,
        recovery="fast",
    )
    at = condition.outage_at_s
    outage = (at, at + condition.outage_s) if condition.outage_s else None
    arrivals = sent
    sizes = np.array([len(x) + 66 for x in relayed.received], dtype=np.float64)
    for leg in range(2):  # the floor's uplink, then the listener's downlink
        arrivals = deliver(arrivals, path, seed=leg + 1).arrival
        if condition.rate_bps:
            arrivals = _serialised(arrivals, sizes * 8 / condition.rate_bps)
        if outage is not None:
            # What would arrive during the outage arrives when it ends. The
            # model has no retransmission backoff: it recovers sooner than TCP.
            held = (arrivals >= outage[0]) & (arrivals < outage[1])
            arrivals = np.where(held, outage[1] + condition.delay_ms / 1000, arrivals)
            arrivals = np.maximum.accumulate(arrivals)
    return Run(relayed.received, arrivals.tolist(), sent.tolist(), outage, {"mode": "proxy"})


def _serialised(arrivals: F64, durations: F64) -> F64:
    """Packets leave a capped link one after the other."""
    out = arrivals.copy()
    free = -math.inf
    for i, (at, took) in enumerate(zip(arrivals, durations, strict=True)):
        free = max(float(at), free) + float(took)
        out[i] = free
    return out


def play(run: Run, condition: Condition) -> dict[str, Any]:
    """The listener's play-out of ``run`` and what it shows; one result line."""
    if not run.received:
        raise RuntimeError("the listener received nothing: the link or the hub failed")
    receiver = ChannelReceiver(FLOOR)
    buffer, decoder = receiver.buffer, receiver.decoder
    first_ts = read(run.received[0])[2]
    start = run.arrivals[0]
    kinds: list[str] = []
    latency: list[float] = []
    buffer_ms: list[float] = []
    played_at: list[float] = []
    targets: list[float] = []
    pushed = 0
    limit = math.ceil((run.arrivals[-1] - start + 2.0) / FRAME_S)
    for tick in range(limit):
        now = start + tick * FRAME_S
        while pushed < len(run.received) and run.arrivals[pushed] <= now:
            receiver.push(run.received[pushed], run.arrivals[pushed])
            pushed += 1
        out = buffer.pop(now)
        if isinstance(out, Packet):
            for skipped in out.skipped:
                decoder.decode(skipped)
            decoder.decode(out.payload)
            index = ((out.timestamp - first_ts) & 0xFFFFFFFF) // BLOCK
            latency.append(now - run.send_times[index])
            stats = buffer.stats
            buffer_ms.append(stats.delay_ms)
            targets.append(stats.target_ms)
            played_at.append(now)
            kinds.append("p")
        elif isinstance(out, Conceal):
            decoder.conceal(out.samples)
            kinds.append("c")
        else:
            kinds.append("s")
        if pushed == len(run.received) and kinds[-1] == "p" and not buffer.stats.buffered_ms:
            break
    receiver.close()
    first, last = kinds.index("p"), len(kinds) - 1 - kinds[::-1].index("p")
    span = kinds[first : last + 1]
    ticks = np.arange(first, last + 1) * FRAME_S + start
    outside = ticks >= ticks[0] + WARMUP_S
    result: dict[str, Any] = {"bench": NAME, "condition": condition.name, **run.extra}
    transit = min(a - run.send_times[i] for i, a in enumerate(run.arrivals))
    bound = 1000 * transit + max(targets) + 4 * condition.jitter_ms + SLACK_MS
    lat_ms = 1000 * np.array(latency)
    steady = np.ones(len(lat_ms), dtype=bool)
    if run.outage is not None:
        down, up = run.outage
        after = [t for t in played_at if t >= up]
        # Nothing after the outage: the hub closed a connection (see closed_by_hub).
        resumed = after[0] if after else math.inf
        # Anything wrong after the link is back (a packet played late, a tick
        # of silence) belongs to the recovery, however long it takes.
        late = [t for t, ms in zip(played_at, lat_ms, strict=True) if t >= up and ms > bound]
        silent = [float(t) for k, t in zip(span, ticks, strict=True) if k == "s" and t >= resumed]
        wrong = late + silent
        recovered = max(resumed, max(wrong) + FRAME_S) if wrong else resumed
        steady = (np.array(played_at) < down) | (np.array(played_at) >= recovered)
        outside &= (ticks < down) | (ticks >= recovered)
        result |= {
            "resumed_s": round(resumed - up, 3) if after else None,
            "recovered_s": round(recovered - up, 3) if after else None,
            "recovery_latency_ms_max": round(float(lat_ms[~steady].max(initial=0.0)), 1),
            "recovery_silent_ms": round(1000 * FRAME_S * len(silent)),
        }
    lat_ms = lat_ms[steady]
    buffered = np.array(buffer_ms)[steady]
    result |= {
        "seconds": round(len(run.send_times) * FRAME_S, 2),
        "concealed_share": round(span.count("c") / len(span), 4),
        "concealed_share_steady": round(
            sum(1 for k, o in zip(span, outside, strict=True) if k == "c" and o)
            / max(1, int(outside.sum())),
            4,
        ),
        "silent_ticks": int(sum(1 for k, o in zip(span, outside, strict=True) if k == "s" and o)),
        "gaps": _gaps(span, outside, ticks - start),
        "latency_ms_p50": round(float(np.percentile(lat_ms, 50)), 1),
        "latency_ms_p99": round(float(np.percentile(lat_ms, 99)), 1),
        "buffer_ms_p50": round(float(np.percentile(buffered, 50)), 1),
        "buffer_ms_p99": round(float(np.percentile(buffered, 99)), 1),
        "bound_ms": round(bound, 1),
        "bounded": bool(np.percentile(lat_ms, 99) <= bound),
        "played_share": round(len(latency) / len(run.send_times), 4),
        "received_share": round(len(run.received) / len(run.send_times), 4),
        "delay_ms": condition.delay_ms,
        "jitter_ms": condition.jitter_ms,
        "loss": condition.loss,
        "rate_bps": condition.rate_bps,
        "outage_s": condition.outage_s,
    }
    return result


def _gaps(
    span: list[str], outside: npt.NDArray[np.bool_], at: npt.NDArray[np.floating]
) -> list[list[float]]:
    """Each run of silent ticks outside the outage: [seconds into the stream, length in ms]."""
    gaps: list[list[float]] = []
    previous = False
    for kind, counts, t in zip(span, outside, at, strict=True):
        silent = kind == "s" and bool(counts)
        if silent and not previous:
            gaps.append([round(float(t), 2), 0.0])
        if silent:
            gaps[-1][1] += 1000 * FRAME_S
        previous = silent
    return gaps


async def measure(condition: Condition, seconds: float) -> dict[str, Any]:
    """One condition, over namespaces if this machine allows them, else over the model."""
    why = why_no_namespaces()
    if why is None:
        result = play(await over_namespaces(condition, seconds), condition)
        if result["mode"] == "tun":
            result["why"] = "the kernel has no sch_netem: netem's model over TUN, in user space"
        return result
    log(f"network namespaces unavailable ({why}): falling back to the in-process model")
    result = play(await over_model(condition, seconds), condition)
    result["why"] = why
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=f"python -m bench.{NAME}",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SECONDS:g} s per condition")
    parser.add_argument("--seconds", type=float, help=f"stream length (default {SECONDS:g})")
    names = [c.name for c in CONDITIONS]
    parser.add_argument("conditions", nargs="*", metavar="CONDITION", help=", ".join(names))
    args = parser.parse_args(argv)
    unknown = set(args.conditions) - set(names)
    if unknown:
        parser.error(f"unknown condition {', '.join(sorted(unknown))}; known: {', '.join(names)}")
    seconds = args.seconds or (QUICK_SECONDS if args.quick else SECONDS)
    for condition in CONDITIONS:
        if args.conditions and condition.name not in args.conditions:
            continue
        if condition.outage_s:
            seconds = max(seconds, condition.outage_at_s + condition.outage_s + AFTER_OUTAGE_S)
        result = asyncio.run(measure(condition, seconds))
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

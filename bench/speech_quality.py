"""speech_quality: wideband PESQ of speech through the whole chain, on a clean or a bad TCP path.

Each speech clip of ``resources/speech/`` (48 kHz, one per language) goes
through the chain of :mod:`tests.rig.chain` once: the floor microphone's path
(Opus at the project's defaults: 10 ms, 64 kb/s, fullband, CELT only), a real
hub on loopback, a floor listener. The packets the listener received are
then played through its receive path (jitter buffer, Opus PLC, fades) under
each network condition, their arrival times given by the TCP model of
:mod:`channels.linkmodel` (one path, hub to listener, 20 ms one way) in virtual
time, so a condition replays exactly and runs faster than real time.

Steady state, not a cold start: each clip follows another clip (the next
language in the list) in the same stream, so the jitter buffer has learned
the path for about 11 s before the scored clip starts, as it has in a
meeting; and the network model sees a second more of stream after the clip
(``FOLLOW``), since a meeting's stream does not stop where the clip does.
Only the clip is scored and counted.

The recording is lined up with the clip (cross-correlation, one lag for the
whole clip: PESQ itself follows the delay changes of stalls and catch-up),
both are resampled to 16 kHz, and ITU-T P.862.2 wideband PESQ (the ``pesq``
package, in the ``test`` extra) scores it against the clip.

Conditions (one JSON line each):

- ``codec``: the sent packets decoded in order, no network and no jitter
  buffer: what Opus alone costs.
- ``clean``: the TCP path without jitter or loss.
- ``jitter30``: every packet delayed by an extra 0 to 30 ms (uniform),
  delivered in order as TCP does.
- ``loss2_rto``, ``loss5_rto``: 2 % or 5 % of transmissions lost, each
  resent after the retransmission timeout (about RTT + 200 ms) while every
  later packet waits behind it: the worst case.
- ``loss2_fast``, ``loss5_fast``: the same losses, resent when RACK notices
  them (a later packet acknowledged): what Linux does for a steady stream.

Fields: ``pesq_wb_median`` and ``pesq_wb_min`` over clips (each clip's
median over the seeds), ``pesq_wb_by_clip``; per packet sent, in %:
``concealed_percent`` (PLC frames), ``silence_percent`` (silence after the
PLC faded out, or while (re)starting), ``dropped_catchup_percent`` (frames
dropped to win the delay back); ``delay_ms_mean`` and ``delay_ms_p99``, the
jitter buffer's delay (behind the fastest packet: the path's own 20 ms are
not in it) over every frame played; ``retransmitted_percent`` and
``held_percent`` (packets that waited behind a lost one); ``runs``
(clips x seeds) and ``seconds`` (wall time of the condition).

Run ``python -m bench.speech_quality [--quick] [--seeds N] [--clips en,fr]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np
import soundfile
import soxr

from audio.format import BLOCK, SAMPLE_RATE
from audio.opus import Decoder
from channels.linkmodel import TcpPath, deliver
from channels.rtp import parse
from resources import SPEECH
from tests.rig.chain import F32, FRAME_S, Relayed, aligned, play_out, relay

NAME: Final = "speech_quality"
PESQ_RATE: Final = 16_000
ONE_WAY_MS: Final = 20.0
START_S: Final = 0.005
"""The playout clock ticks half a frame after the packets' send times: no ties."""
TAIL_S: Final = 2.0
"""How much longer than the clip the playout clock may run (stalls, the buffer's delay)."""
FOLLOW: Final = 100
"""Packets the network model sees after the clip's last (one more second of stream): in a
meeting the stream goes on, so a loss near the clip's end is noticed by RACK from the
packets after it, not left to the retransmission timer as at the real end of a stream."""

CONDITIONS: Final[dict[str, TcpPath]] = {
    "clean": TcpPath(ONE_WAY_MS),
    "jitter30": TcpPath(ONE_WAY_MS, jitter_ms=30.0),
    "loss2_rto": TcpPath(ONE_WAY_MS, loss=0.02, recovery="rto"),
    "loss5_rto": TcpPath(ONE_WAY_MS, loss=0.05, recovery="rto"),
    "loss2_fast": TcpPath(ONE_WAY_MS, loss=0.02, recovery="fast"),
    "loss5_fast": TcpPath(ONE_WAY_MS, loss=0.05, recovery="fast"),
}


def log(text: str) -> None:
    print(f"{NAME}: {text}", file=sys.stderr, flush=True)


def clip_names() -> list[str]:
    """The languages that have a clip, from the files present."""
    return sorted(path.stem for path in SPEECH.glob("*.ogg"))


def load_clip(name: str) -> F32:
    """One clip as 48 kHz mono float32."""
    path = SPEECH / f"{name}.ogg"
    if not path.is_file():
        raise FileNotFoundError(f"no speech clip {path} (bash scripts/make_speech.sh makes them)")
    pcm, rate = soundfile.read(path, dtype="float32")
    if rate != SAMPLE_RATE or pcm.ndim != 1:
        raise ValueError(f"{path} must be 48 kHz mono, not {rate} Hz of shape {pcm.shape}")
    return np.ascontiguousarray(pcm)


def wideband_pesq(reference: F32, recording: F32) -> float:
    """P.862.2 MOS-LQO of ``recording`` against ``reference`` (both 48 kHz), lined up first."""
    from pesq import pesq  # imported here so that --help works without it

    ref = soxr.resample(reference, SAMPLE_RATE, PESQ_RATE, quality="VHQ")
    deg = soxr.resample(aligned(reference, recording), SAMPLE_RATE, PESQ_RATE, quality="VHQ")
    return float(pesq(PESQ_RATE, ref, deg, "wb"))


def codec_only(relayed: Relayed) -> F32:
    """The sent packets decoded in order: Opus alone, no network, no jitter buffer."""
    decoder: Decoder[np.float32] = Decoder()
    try:
        return np.concatenate([decoder.decode(parse(p).payload).copy() for p in relayed.sent])
    finally:
        decoder.close()


@dataclass(frozen=True, slots=True)
class Take:
    """One clip relayed through the hub, after a warm-up clip in another language."""

    name: str
    clip: F32
    warmup_packets: int
    relayed: Relayed


async def relay_all(names: list[str]) -> list[Take]:
    """Each clip through the hub, preceded by the next clip in the list of all (its warm-up)."""
    available = clip_names()
    takes = []
    for name in names:
        warmup = available[(available.index(name) + 1) % len(available)]
        if warmup == name:
            raise ValueError("the warm-up needs a second clip in another language")
        lead = load_clip(warmup)
        lead = np.concatenate([lead, np.zeros(-lead.size % BLOCK, dtype=np.float32)])
        clip = load_clip(name)
        relayed = await relay(np.concatenate([lead, clip]))
        takes.append(Take(name, clip, lead.size // BLOCK, relayed))
        log(f"{warmup} then {name}: {len(relayed.sent)} packets through the hub "
            f"in {relayed.seconds:.2f} s")  # fmt: skip
    return takes


@dataclass(slots=True)
class Tally:
    """One condition's figures over the scored clips of its runs (warm-ups left out)."""

    packets: int = 0
    concealed: int = 0
    silence: int = 0
    dropped_catchup: int = 0
    retransmitted: int = 0
    held: int = 0

    def percentages(self) -> dict[str, float]:
        return {
            f"{name}_percent": round(100 * value / max(self.packets, 1), 2)
            for name, value in asdict(self).items()
            if name != "packets"
        }


def network_run(take: Take, path: TcpPath, seed: int, tally: Tally, delays: list[float]) -> float:
    """One clip over one path with one seed: its PESQ; its figures go into ``tally``."""
    received = take.relayed.received
    n = len(received)
    delivery = deliver(np.arange(n + FOLLOW) * FRAME_S, path, seed=seed)
    playback = play_out(
        received,
        delivery.arrival[:n],
        start=START_S,
        limit_s=len(received) * FRAME_S + TAIL_S,
    )
    first = playback.tick_of_packet(take.warmup_packets)
    if first >= len(playback.counts):
        raise RuntimeError(f"{take.name} over {path}: the clip was never played")
    counts, played_delays = playback.since(first)
    w = take.warmup_packets
    tally.packets += n - w
    tally.concealed += counts["concealed"]
    tally.silence += counts["silent"]
    tally.dropped_catchup += counts["dropped_catchup"]
    tally.retransmitted += int(np.count_nonzero(delivery.transmissions[w:n] > 1))
    tally.held += int(np.count_nonzero(delivery.arrival[w:n] > delivery.received[w:n]))
    delays.extend(played_delays.tolist())
    margin = 10 * BLOCK  # the clip starts a little after the tick of its first packet
    return wideband_pesq(take.clip, playback.pcm[max(0, first * BLOCK - margin) :])


def condition_line(
    condition: str,
    path: TcpPath | None,
    scores: dict[str, list[float]],
    tally: Tally | None,
    delays: list[float],
    seconds: float,
) -> dict[str, Any]:
    by_clip = {name: round(float(np.median(values)), 3) for name, values in scores.items()}
    medians = list(by_clip.values())
    line: dict[str, Any] = {
        "bench": NAME,
        "condition": condition,
        "pesq_wb_median": round(float(np.median(medians)), 3),
        "pesq_wb_min": round(min(medians), 3),
        "pesq_wb_by_clip": by_clip,
        "runs": sum(len(values) for values in scores.values()),
    }
    if path is not None and tally is not None:
        line["path"] = asdict(path)
        line.update(tally.percentages())
        line["delay_ms_mean"] = round(float(np.mean(delays)), 1)
        line["delay_ms_p99"] = round(float(np.percentile(delays, 99)), 1)
    line["seconds"] = round(seconds, 2)
    return line


def run(names: list[str], seeds: int) -> list[dict[str, Any]]:
    takes = asyncio.run(relay_all(names))
    lines: list[dict[str, Any]] = []

    started = time.monotonic()
    scores = {t.name: [wideband_pesq(t.clip, codec_only(t.relayed))] for t in takes}
    lines.append(condition_line("codec", None, scores, None, [], time.monotonic() - started))
    print(json.dumps(lines[-1]), flush=True)

    for condition, path in CONDITIONS.items():
        started = time.monotonic()
        runs = seeds if path.jitter_ms > 0 or path.loss > 0 else 1
        tally = Tally()
        delays: list[float] = []
        scores = {
            t.name: [network_run(t, path, seed, tally, delays) for seed in range(1, runs + 1)]
            for t in takes
        }
        lines.append(
            condition_line(condition, path, scores, tally, delays, time.monotonic() - started)
        )
        print(json.dumps(lines[-1]), flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench.{NAME}", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="two clips, one seed")
    parser.add_argument("--seeds", type=int, default=3, help="network seeds per clip (3)")
    parser.add_argument("--clips", help="comma-separated languages (default: every clip)")
    args = parser.parse_args(argv)
    available = clip_names()
    names = args.clips.split(",") if args.clips else available
    unknown = [name for name in names if name not in available]
    if unknown or not names:
        parser.error(f"no clip for {', '.join(unknown) or 'any language'}; have: {available}")
    if args.seeds < 1:
        parser.error("--seeds must be at least 1")
    if args.quick:
        names, seeds = names[:2], 1
    else:
        seeds = args.seeds
    run(names, seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())

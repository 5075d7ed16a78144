"""The whole audio chain, microphone to ear, without sound cards or the engine's thread.

Three steps, each the console's own code, so that what a benchmark or a test
measures here is what a listener hears:

1. :func:`relay`: the floor speaker's microphone path
   (:class:`audio.send.MicSender`: meter, Opus at the project's defaults,
   RTP with the RFC 6464 level) sends a signal to a real hub
   (:class:`channels.server.HubServer`, in this process, on loopback), and a
   listener on the floor channel receives what the hub forwards (sequence,
   timestamp, SSRC and CSRC rewritten, payload untouched). Both ends are
   real rsi.v1 WebSocket connections. The packets go as fast as the
   listener takes them (at most ``window`` in flight, well inside the hub's
   per-listener backlog), so a pass takes a fraction of the signal's length.
2. The network's timing is decided afterwards: the caller gives each
   received packet a virtual arrival time (from the send times and, for
   instance, :func:`channels.linkmodel.deliver`), so a run is repeatable and does
   not depend on this machine's scheduling.
3. :func:`play_out`: the listener's receive path (:class:`audio.receive.ChannelReceiver`:
   jitter buffer and decoder, and :class:`audio.receive.InputStrip`: Opus
   PLC, fades and crossfades) plays one 10 ms block per tick of a virtual
   playout clock, the packets pushed as their arrival times pass.

:func:`lag` and :func:`aligned` line a recording up with its source by
cross-correlation.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK, SAMPLE_RATE
from audio.jitter import JitterStats
from audio.receive import START_TARGET_MS, ChannelReceiver, InputStrip
from audio.send import MicSender
from channels.meeting import FLOOR
from channels.rtp import parse
from tests.rig.wsclient import open_room

FRAME_S: Final = BLOCK / SAMPLE_RATE
"""10 ms: the engine's block, and the Opus frame of the interpreter path."""

F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]


class ChainError(RuntimeError):
    """The hub did not carry the stream as it must (lost, reordered or altered packets)."""


@dataclass(frozen=True, slots=True)
class Relayed:
    """One signal's packets on both sides of the hub."""

    sent: list[bytes]
    """RTP packets as the floor's microphone path made them, one per 10 ms."""
    received: list[bytes]
    """The same packets as the floor listener received them, in order."""
    seconds: float
    """Wall time of the pass through the hub."""


COUNTED: Final = ("played", "concealed", "silent", "dropped_catchup")
"""The jitter buffer's counters that :class:`Playback` follows tick by tick."""


@dataclass(frozen=True, slots=True)
class Playback:
    """What the listener's input strip played, one block per 10 ms tick from ``start``."""

    pcm: F32
    counts: npt.NDArray[np.int64]
    """Shape (ticks, 4): the buffer's :data:`COUNTED` counters after each tick."""
    delays_ms: F64
    """Per tick: the buffer's delay (behind the fastest recent packet) if the tick played a
    packet, else NaN. It is what the buffer adds to the path's own delay."""
    stats: JitterStats
    """The buffer's figures at the end."""

    def since(self, tick: int) -> tuple[dict[str, int], F64]:
        """The counters' increase from ``tick`` (inclusive) to the end, and the delays played."""
        before = self.counts[tick - 1] if tick > 0 else np.zeros(len(COUNTED), dtype=np.int64)
        grown = self.counts[-1] - before
        delays = self.delays_ms[tick:]
        return dict(zip(COUNTED, grown.tolist(), strict=True)), delays[~np.isnan(delays)]

    def tick_of_packet(self, index: int) -> int:
        """The tick that played (or dropped) the packet at ``index`` of the stream."""
        consumed = self.counts[:, 0] + self.counts[:, 3]
        return int(np.searchsorted(consumed, index + 1))


async def relay(pcm: F32, *, window: int = 16, timeout_s: float = 10.0) -> Relayed:
    """Speak ``pcm`` (48 kHz mono float32) on the floor of a fresh hub; return both sides.

    Raises :class:`ChainError` unless every packet reaches the listener, in
    order, with its payload and audio level unchanged.
    """
    if pcm.ndim != 1 or pcm.dtype != np.float32:
        raise ValueError(f"pcm must be float32 of shape (n,), not {pcm.dtype} {pcm.shape}")
    if not 1 <= window <= 40:
        raise ValueError(f"window must be 1..40 packets (the hub's backlog is 50), not {window}")
    blocks = math.ceil(pcm.size / BLOCK)
    padded = np.zeros(blocks * BLOCK, dtype=np.float32)
    padded[: pcm.size] = pcm
    received: list[bytes] = []
    async with open_room() as room:
        listener = await room.join("listener", "listener", listen=[FLOOR], timeout=timeout_s)
        speaker = await room.join("chair", "floor", timeout=timeout_s)
        await room.take_air(speaker, FLOOR, timeout_s)
        sent = mic_packets(padded, speaker.ssrc)
        started = time.monotonic()
        try:
            async with asyncio.timeout(timeout_s):
                for index, packet in enumerate(sent):
                    while index - len(received) >= window:
                        received.append((await listener.media.get()).data)
                    await speaker.send_bytes(packet)
                while len(received) < len(sent):
                    received.append((await listener.media.get()).data)
        except TimeoutError:
            raise ChainError(
                f"the listener got {len(received)} of {len(sent)} packets in {timeout_s} s"
            ) from None
        seconds = time.monotonic() - started
    _check_forwarded(sent, received, speaker.ssrc)
    return Relayed(sent, received, seconds)


def play_out(
    packets: Sequence[bytes],
    arrivals: Sequence[float] | F64,
    *,
    start: float,
    limit_s: float,
    start_target_ms: float = START_TARGET_MS,
) -> Playback:
    """Play ``packets`` arriving at ``arrivals`` through the console's receive path.

    ``arrivals`` are seconds on the playout clock's time line (non-decreasing:
    packets are pushed in order, as TCP hands them over); the playout clock
    ticks every 10 ms from ``start`` until the buffer has played (or given
    up) the last packet, so the tail of the stream is not followed by an
    underrun's concealment, or for ``limit_s`` at most. The jitter buffer
    has the engine's defaults (no minimum delay, 400 ms maximum, the start target
    ``start_target_ms``).
    """
    times = np.asarray(arrivals, dtype=np.float64)
    if times.shape != (len(packets),):
        raise ValueError(f"{len(packets)} packets but arrivals of shape {times.shape}")
    if np.any(np.diff(times) < 0):
        raise ValueError("arrivals must not decrease")
    if limit_s <= 0:
        raise ValueError(f"limit_s must be positive, not {limit_s}")
    receiver = ChannelReceiver(FLOOR, start_ms=start_target_ms)
    strip = InputStrip(0)
    strip.select(FLOOR, receiver)
    receivers = {FLOOR: receiver}
    out = np.zeros((math.ceil(limit_s / FRAME_S), BLOCK), dtype=np.float32)
    counts = np.zeros((len(out), len(COUNTED)), dtype=np.int64)
    delays = np.full(len(out), np.nan)
    pushed = 0
    ticks = 0
    while ticks < len(out):
        now = start + ticks * FRAME_S
        while pushed < len(packets) and times[pushed] <= now:
            receiver.push(packets[pushed], float(times[pushed]))
            pushed += 1
        strip.render(now, out[ticks], receivers)
        stats = receiver.buffer.stats
        counts[ticks] = (stats.played, stats.concealed, stats.silent, stats.dropped_catchup)
        if stats.played > (counts[ticks - 1, 0] if ticks else 0):
            delays[ticks] = stats.delay_ms
        ticks += 1
        if pushed == len(packets) and stats.played and not stats.buffered_ms:
            break
    final = receiver.buffer.stats
    receiver.close()
    return Playback(out[:ticks].reshape(-1), counts[:ticks], delays[:ticks], final)


def lag(reference: npt.NDArray[np.floating], recording: npt.NDArray[np.floating]) -> int:
    """Samples by which ``recording`` trails ``reference``: the cross-correlation peak."""
    if reference.ndim != 1 or recording.ndim != 1 or not reference.size or not recording.size:
        raise ValueError("reference and recording must be non-empty one-dimensional signals")
    n = 1 << math.ceil(math.log2(reference.size + recording.size))
    spectrum = np.fft.rfft(recording, n) * np.conj(np.fft.rfft(reference, n))
    correlation = np.fft.irfft(spectrum, n)
    peak = int(np.argmax(correlation))
    return peak if peak < n - reference.size else peak - n


def aligned(reference: npt.NDArray[np.floating], recording: F32) -> F32:
    """``recording`` moved by its :func:`lag` and cut or padded to the reference's length."""
    shift = lag(reference, recording)
    out = np.zeros(reference.size, dtype=np.float32)
    part = recording[max(shift, 0) : max(shift, 0) + reference.size]
    at = max(-shift, 0)
    part = part[: reference.size - at]
    out[at : at + part.size] = part
    return out


# --- The stream on the wire ---------------------------------------------------------------------


def mic_packets(pcm: F32, ssrc: int) -> list[bytes]:
    """``pcm`` through the floor microphone's path, as the engine runs it on air."""
    sender = MicSender()
    sender.ssrc = ssrc
    sender.set_sending(True)
    out: list[bytes] = []
    try:
        for at in range(0, pcm.size, BLOCK):
            sender.process(pcm[at : at + BLOCK], out.append)
    finally:
        sender.close()
    return out


def _check_forwarded(sent: list[bytes], received: list[bytes], speaker: int) -> None:
    """Every packet forwarded once, in order, renumbered, its level and payload untouched."""
    if len(received) != len(sent):
        raise ChainError(f"{len(sent)} packets sent, {len(received)} received")
    previous: int | None = None
    for index, (ours, theirs) in enumerate(zip(sent, received, strict=True)):
        a, b = parse(ours), parse(theirs)
        if (b.payload, b.extension, b.csrc) != (a.payload, a.extension, (speaker,)):
            raise ChainError(f"packet {index} was altered on the way: {a} became {b}")
        if previous is not None and (b.sequence - previous) & 0xFFFF != 1:
            raise ChainError(f"packet {index} does not follow packet {index - 1}")
        previous = b.sequence

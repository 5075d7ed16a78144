"""The sound of one Janus room: our blocks out as RTP, Janus's mix in as blocks (sans-I/O).

:class:`RoomSender` turns the engine's 10 ms blocks into the 20 ms Opus
packets Janus's mixer wants (it takes one packet per 20 ms tick: 10 ms packets
come out broken up, see docs/gateways.md). It is the
project's microphone path (:class:`~audio.send.MicSender`: the RFC 6464
level of each packet, numbering, 64 kb/s CELT) at 20 ms frames, so each
packet re-encodes two blocks. :class:`MixReceiver` decodes the packets Janus
sends us (its mix of everyone but us, 20 ms Opus) into 10 ms blocks and
counts what the path did to them.

Neither owns a socket or a clock: the sender hands each packet to a
``send`` callable, the receiver takes each datagram with its arrival time
and hands each block to an ``on_block`` callable. Use each from one thread.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.fifo import SampleFifo
from audio.format import BLOCK
from audio.opus import MAX_FRAME_SAMPLES, Decoder, OpusError
from audio.send import MicSender
from channels.rtp import RtpError, read

IDLE_PACKET_S: Final = 1.0
"""While the caller gives no blocks, one packet of silence goes out this often."""
MAX_CONCEALED_PACKETS: Final = 10
"""A longer gap in Janus's numbering is a new stream, not loss to conceal (200 ms)."""

_ZEROS: Final = np.zeros(BLOCK, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class RoomFigures:
    """What happened to one room's packets since the join."""

    packets_in: int
    """Packets from Janus decoded (its mix for us)."""
    packets_out: int
    """Packets sent to Janus (ours, idle ones included)."""
    lost: int
    """Packets from Janus that never came (gaps in its numbering)."""
    late: int
    """Packets from Janus that came after a later one (already concealed) or twice: dropped."""
    malformed: int
    """Datagrams from Janus that were not Opus RTP packets: dropped."""
    foreign: int
    """Datagrams from any address but Janus's: dropped."""


class RoomSender:
    """Our sound for a Janus room: 10 ms blocks in, 20 ms Opus RTP packets out.

    Janus sends nothing to a plain RTP participant until it has received a
    packet from it, and a NAT forgets a UDP mapping that carries nothing; so
    while no blocks come (a room the gateway only listens to, and at once
    after the join) :meth:`advance` sends a packet of silence every
    :data:`IDLE_PACKET_S`, the first one at ``now``.
    """

    def __init__(self, send: Callable[[bytes], None], now: float, *, bitrate: int = 64_000) -> None:
        self._send = send
        self._mic = MicSender(frame_ms=20, bitrate=bitrate)
        self._mic.ssrc = secrets.randbits(32)
        self._mic.set_sending(True)
        self._idle_due = now

    @property
    def packets_sent(self) -> int:
        return self._mic.packets_sent

    def send_block(self, pcm: npt.NDArray[np.float32], now: float) -> None:
        """One 10 ms block (``(480,)`` float32); every second one sends a packet."""
        self._mic.process(pcm, self._send)
        self._idle_due = now + IDLE_PACKET_S

    def advance(self, now: float) -> None:
        """Send a packet of silence if none went out for :data:`IDLE_PACKET_S`."""
        if now >= self._idle_due:
            sent = self._mic.packets_sent
            while self._mic.packets_sent == sent:
                self._mic.process(_ZEROS, self._send)
            self._idle_due = now + IDLE_PACKET_S

    def next_deadline(self) -> float:
        return self._idle_due

    def close(self) -> None:
        self._mic.close()


class MixReceiver:
    """Janus's mix for us as 10 ms blocks: ``on_block(block, arrival)`` for each.

    ``block`` is a ``(480,)`` float32 view valid during the call only (copy
    it to keep it); ``arrival`` is the time its packet arrived (a 20 ms
    packet gives two blocks, the second sounding 10 ms after the first).
    Packets are decoded as they come, in order, without a jitter buffer:
    the caller's own buffer absorbs the jitter. A gap in Janus's numbering of
    up to :data:`MAX_CONCEALED_PACKETS` is filled with Opus concealment (the
    last missing packet from the FEC in the next one when Janus sends FEC) so
    that the timeline stays whole; a packet that comes after a later one is
    dropped as late; a longer gap or a new SSRC starts a new stream.
    """

    def __init__(self, on_block: Callable[[npt.NDArray[np.float32], float], None]) -> None:
        self._on_block = on_block
        self._decoder: Decoder[np.float32] = Decoder(frame_ms=20)
        self._fifo = SampleFifo(MAX_FRAME_SAMPLES + BLOCK)
        self._block = np.zeros(BLOCK, dtype=np.float32)
        self._ssrc: int | None = None
        self._next = 0
        """The sequence number expected next."""
        self.packets = 0
        self.lost = 0
        self.late = 0
        self.malformed = 0
        self.corrupt = 0
        """Payloads libopus refused (concealed instead)."""

    def receive(self, data: bytes, arrival: float) -> None:
        """One datagram from Janus's RTP address."""
        try:
            _, sequence, _, ssrc, _, start, end = read(data)
        except RtpError:
            self.malformed += 1
            return
        payload = data[start:end]
        gap = 0
        if ssrc == self._ssrc:
            gap = (sequence - self._next) & 0xFFFF
            if gap >= 0x8000:
                self.late += 1
                return
            self.lost += gap
            if gap > MAX_CONCEALED_PACKETS:
                gap = 0
                self._restart()
        else:
            if self._ssrc is not None:
                self._restart()
            self._ssrc = ssrc
        self._next = (sequence + 1) & 0xFFFF
        self.packets += 1
        for missing in range(gap, 0, -1):
            if missing > 1:
                self._emit(self._decoder.conceal(), arrival)
            else:
                self._emit(self._decoded(payload, fec=True), arrival)
        self._emit(self._decoded(payload, fec=False), arrival)

    def _decoded(self, payload: bytes, *, fec: bool) -> npt.NDArray[np.float32]:
        """The packet decoded (or the one before it, from its FEC); concealment if corrupt."""
        try:
            if fec:
                return self._decoder.decode_fec(payload)
            return self._decoder.decode(payload)
        except OpusError:
            if not fec:
                self.corrupt += 1
            return self._decoder.conceal()

    def _restart(self) -> None:
        self._decoder.reset()
        self._fifo.clear()

    def _emit(self, pcm: npt.NDArray[np.float32], arrival: float) -> None:
        fifo = self._fifo
        fifo.write(pcm)
        while fifo.read_into(self._block):
            self._on_block(self._block, arrival)

    def close(self) -> None:
        self._decoder.close()

"""The receive side of the engine: one receiver per listened channel, one strip per input.

:class:`ChannelReceiver` is a listened channel: :meth:`ChannelReceiver.push`
each of its RTP packets with the arrival time; they go into its own
:class:`~audio.jitter.JitterBuffer` (fed all the time) and, when it is heard,
through its own Opus decoder. Its level, origin (``CSRC[0]``) and packet
count are read without decoding, so every listened channel has a meter even
when nobody hears it.

:class:`InputStrip` is one input of the interpreter's mix (floor, relay...):
:meth:`InputStrip.select` the channel it plays (switched make-before-break by
its :class:`~audio.jitter.ChannelSwitch`), and :meth:`InputStrip.render`
writes exactly one 10 ms block into ``out`` per call, whatever the packet duration,
measured (peak/RMS and loudness; the floor-quality analysis,
:meth:`InputStrip.quality_report`, only while the input plays the floor, and of
the floor as decoded, before the time-scaler).
Every change of source is crossfaded and the sound fades back in after a gap.

A speaker's bad packets cost a listener the frames they spoil, never more: a
payload libopus refuses is concealed as a lost packet (counted in
``corrupt``), a frame it would not even conceal is silence (``silenced``),
and decoded samples are clipped to :data:`MAX_SAMPLE`.

One thread (the engine's) uses these objects; nothing here allocates sample
buffers after construction. Why the strip works this way:
docs/architecture.md, "Design notes".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.fifo import SampleFifo
from audio.format import BLOCK
from audio.jitter import ChannelSwitch, Conceal, JitterBuffer, Packet
from audio.loudness import LoudnessMeter
from audio.meters import LevelMeter
from audio.opus import MAX_FRAME_SAMPLES, Decoder, FrameMs, OpusError
from audio.quality import FloorQuality, QualityReport
from audio.timescale import MAX_INPUT, MAX_LAG, TimeScaler
from channels.meeting import FLOOR
from channels.rtp import RtpError, audio_level, first_csrc, read

_FADE_IN: Final = (0.5 - 0.5 * np.cos(np.pi * (np.arange(BLOCK) + 0.5) / BLOCK)).astype(np.float32)
_FADE_OUT: Final = (1.0 - _FADE_IN).astype(np.float32)
_ZEROS: Final = np.zeros(MAX_FRAME_SAMPLES, dtype=np.float32)
_MAX_STEPS: Final = 8
"""Instructions one block may take before it gives up and pads with silence."""
TARGET_QUANTILE: Final = 0.99
"""The share of half-second intervals whose latest packet the jitter target covers: one
late interval in 100 (the buffer forgets over 12 s, so a single outlier holds the target
for about 17 s, then it comes down). The interpreter hears a few ms more delay, not a
click every few seconds (issue 15)."""
START_TARGET_MS: Final = 40.0
"""A new stream's first packets are played this late, the target fading to what the arrivals
teach over its first 3 s (the delay shed in pauses): most lossy links show a late
retransmission by then, and it is then met with 40 ms of margin instead of with 40 ms of
concealment (issue 15)."""
LATE_COVER: Final = 2.0
"""A packet that came after the playout waited for it raises the target at once to twice its
lateness (for 20 s; the doubling up to half the hard maximum): over TCP, a retransmission lost
again comes as late once more, and a 15 s take at 2 % loss meets one such about every other
time (issue 15)."""
MAX_SAMPLE: Final = 2.0
"""Decoded samples are clipped to +-2 (+6 dBFS): more than a real Opus stream holds (an
encoder at full scale overshoots by a dB or two), where random bytes that libopus takes
for CELT decode to anything up to +60 dBFS."""


class ChannelReceiver:
    """One listened channel: jitter buffer, decoder, and what its packets say undecoded."""

    def __init__(
        self,
        channel: str,
        *,
        frame_ms: FrameMs = 10,
        min_delay_ms: float = 0.0,
        max_delay_ms: float = 400.0,
        start_ms: float = START_TARGET_MS,
    ) -> None:
        """``start_ms``: the start target (:data:`START_TARGET_MS`); 0 plays a new stream at
        the target its first arrivals teach."""
        self.channel = channel
        self.buffer = JitterBuffer(
            frame_ms=frame_ms,
            min_delay_ms=min_delay_ms,
            max_delay_ms=max_delay_ms,
            quantile=TARGET_QUANTILE,
            timescale=True,
            start_ms=start_ms,
            late_cover=LATE_COVER,
        )
        self.decoder: Decoder[np.float32] = Decoder(frame_ms=frame_ms)
        self.packets = 0
        self.malformed = 0
        self.corrupt = 0
        """Payloads libopus refused (concealed instead)."""
        self.silenced = 0
        """Frames output as silence because libopus refused even to conceal them."""
        self.level: int | None = None
        """RFC 6464 level of the last packet, -dBov (0 loudest, 127 silence)."""
        self.voice = False
        self.origin: int | None = None
        """CSRC[0] of the last packet: the speaker's SSRC, or the floor channel's."""
        self.last_arrival: float | None = None

    def push(self, data: bytes, arrival: float) -> None:
        """One RTP packet of this channel, as it arrived."""
        try:
            marker, sequence, timestamp, _, csrcs, start, end = read(data)
        except RtpError:
            self.malformed += 1
            return
        level = audio_level(data, csrcs, start)
        if level is not None:
            self.level = level & 0x7F
            self.voice = bool(level & 0x80)
        self.origin = first_csrc(data, csrcs)
        self.packets += 1
        self.last_arrival = arrival
        self.buffer.push(
            sequence,
            timestamp,
            marker,
            data[start:end],
            arrival,
            None if level is None else level & 0x7F,
        )

    def close(self) -> None:
        self.decoder.close()


class InputStrip:
    """One input of the mix: the channel it plays (switched without a gap) and its meters."""

    def __init__(self, index: int, *, frame_ms: FrameMs = 10) -> None:
        self.index = index
        self.frame_ms: FrameMs = frame_ms
        self.switch: ChannelSwitch[str] = ChannelSwitch(frame_ms)
        self.selected: str | None = None
        """The channel asked for (playing, or pending until its buffer is ready)."""
        self.level = LevelMeter(1)
        self.quality = FloorQuality()
        self.loudness: LoudnessMeter = self.quality.loudness
        """Loudness of this input (the quality analysis measures it anyway)."""
        self._fifo = SampleFifo(MAX_FRAME_SAMPLES + MAX_LAG + 2 * BLOCK)
        self._scaler = TimeScaler()
        self._want = 0
        """The time-scale change asked for the samples :meth:`_next` returned last."""
        self._scaling: JitterBuffer | None = None
        """The buffer that asked for it, told what was done."""
        self._tail = np.zeros(BLOCK, dtype=np.float32)
        self._last_key: str | None = None
        self._faded = True
        """The last output ended in silence (or was faded out): fade the next sound in."""
        self._closing = False
        """Switched off while sounding: one more block, faded out, then silence."""

    @property
    def current(self) -> str | None:
        """The channel heard now."""
        return self.switch.current if self.selected is not None or self._closing else None

    @property
    def pending(self) -> str | None:
        """The channel being switched to, until its buffer is ready."""
        return self.switch.pending

    def select(self, channel: str | None, receiver: ChannelReceiver | None) -> None:
        """Play ``channel`` (its receiver's buffer) from the first moment it is ready."""
        self.selected = channel
        if channel is None or receiver is None:
            self._closing = not self._faded and self.switch.current is not None
            if not self._closing:
                self.switch = ChannelSwitch(self.frame_ms)
            return
        self._closing = False
        self.switch.switch_to(channel, receiver.buffer)
        self.quality.request_reset()

    def render(
        self, now: float, out: npt.NDArray[np.float32], receivers: Mapping[str, ChannelReceiver]
    ) -> None:
        """Write this input's next block (``(480,)``) into ``out`` and measure it."""
        fifo = self._fifo
        done = False
        steps = 0
        while not done and len(fifo) < BLOCK and steps < _MAX_STEPS:
            steps += 1
            pcm = self._next(now, receivers)
            if self.switch.current == FLOOR and self.selected is not None:
                self.quality.feed(pcm)  # as decoded: before the time-scaler (loudness included)
            for at in range(0, pcm.shape[0], MAX_INPUT):
                played = self._scaled(pcm[at : at + MAX_INPUT])
                if not len(fifo) and played.shape[0] == pcm.shape[0] == BLOCK:
                    np.copyto(out, played)  # the usual case, one 10 ms frame: no re-blocking
                    done = True
                else:
                    fifo.write(played[: fifo.space])
        if not done and not fifo.read_into(out):
            fifo.write(_ZEROS[: BLOCK - len(fifo)])
            fifo.read_into(out)
        if self._closing:  # the input was switched off: fade out, then nothing
            np.multiply(out, _FADE_OUT, out=out)
            self._closing = False
            self._faded = True
            self.switch = ChannelSwitch(self.frame_ms)
            fifo.clear()
        self.level.process(out)
        if self.selected is not None and self.switch.current != FLOOR:
            self.loudness.process(out)

    def quality_report(self, *, boost_db: float | None = None) -> QualityReport | None:
        """The floor-quality report while this input plays the floor, else None. UI cadence.

        ``boost_db``: as for :meth:`audio.quality.FloorQuality.report`.
        """
        return self.quality.report(boost_db=boost_db) if self.current == FLOOR else None

    def _scaled(self, pcm: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """``pcm`` (at most MAX_INPUT samples) through the time-scaler, changed in length as
        the buffer asked (a view, valid until the next call)."""
        want, self._want = self._want, 0
        played, delta = self._scaler.process(pcm, want)
        if want and self._scaling is not None:
            self._scaling.scaled(delta)
        # A cross-fade of unrelated sounds may add up past the bound.
        return _bounded(played) if delta else played

    def _next(
        self, now: float, receivers: Mapping[str, ChannelReceiver]
    ) -> npt.NDArray[np.float32]:
        """The samples of the next instruction (a view, valid until the next decode)."""
        self._want = 0
        self._scaling = None
        if self.selected is None and not self._closing:
            self._faded = True
            return _ZEROS[:BLOCK]
        # What the FIFO holds is heard before this frame: the buffer shrinks it away.
        key, instruction = self.switch.pop(now, len(self._fifo))
        receiver = receivers.get(key) if key is not None else None
        if receiver is None or not isinstance(instruction, Packet | Conceal):
            self._faded = True
            self._last_key = key
            return _ZEROS[: BLOCK if isinstance(instruction, Packet) else instruction.samples]
        previous = receivers.get(self._last_key) if self._last_key is not None else None
        self._last_key = key
        if isinstance(instruction, Conceal):
            pcm = _conceal(receiver, instruction.samples, instruction.fec)
            if pcm is None:
                return self._refused(receiver, instruction.samples)
            if instruction.fade_out:
                n = pcm.shape[0]
                ramp = _FADE_OUT if n == BLOCK else np.linspace(1.0, 0.0, n, dtype=np.float32)
                np.multiply(pcm, ramp, out=pcm)
                self._faded = True
            return pcm
        decoder = receiver.decoder
        crossfade = False
        if instruction.resync:
            if previous is not None and not self._faded:
                # What the old source would have said next, to fade it out under the new.
                tail = _conceal(previous, BLOCK, None)
                if tail is not None:
                    np.copyto(self._tail, tail[:BLOCK])
                    crossfade = True
            decoder.reset()
            self._scaler.reset()
        for skipped in instruction.skipped:
            try:
                decoder.decode(skipped)  # keeps the decoder's state continuous
            except OpusError:
                receiver.corrupt += 1
        try:
            pcm = _bounded(decoder.decode(instruction.payload))
        except OpusError:  # a corrupt packet is a lost one: concealed
            receiver.corrupt += 1
            concealed = _conceal(receiver, None, None)
            if concealed is None:
                return self._refused(receiver, decoder.frame_samples)
            pcm = concealed
        m = min(BLOCK, pcm.shape[0])
        head = pcm[:m]
        if crossfade:
            tail = self._tail[:m]
            np.multiply(head, _FADE_IN[:m], out=head)
            np.multiply(tail, _FADE_OUT[:m], out=tail)
            np.add(head, tail, out=head)
        elif self._faded:
            np.multiply(head, _FADE_IN[:m], out=head)
        self._faded = False
        self._want = instruction.want
        self._scaling = receiver.buffer
        return pcm

    def _refused(self, receiver: ChannelReceiver, samples: int) -> npt.NDArray[np.float32]:
        """A frame libopus would not even conceal: silence, counted; the sound fades in after."""
        receiver.silenced += 1
        self._faded = True
        return _ZEROS[:samples]


def _conceal(
    receiver: ChannelReceiver, samples: int | None, fec: bytes | None
) -> npt.NDArray[np.float32] | None:
    """Opus PLC for a missing frame of ``samples`` (None: as long as the last packet), with
    FEC from the next packet when given; None if libopus refuses even that. So a sender's
    packets cost a receiver one frame at most, whatever they hold."""
    decoder = receiver.decoder
    if fec is not None:
        try:
            return _bounded(decoder.decode_fec(fec, samples))
        except OpusError:
            pass  # that packet is corrupt (counted when it is played): conceal without it
    try:
        return _bounded(decoder.conceal(samples))
    except OpusError:
        return None


def _bounded(pcm: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``pcm`` clipped to :data:`MAX_SAMPLE`, in place."""
    return np.clip(pcm, -MAX_SAMPLE, MAX_SAMPLE, out=pcm)

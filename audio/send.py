"""The microphone path: meter every block, and while on air encode and packetise it.

The meter runs all the time, on or off air, so the console can show a mic
check before the interpreter takes the air. Encoding runs only while the
engine says :attr:`MicSender.sending` (on air, not coughing): a muted
microphone is not encoded at all, not merely not sent.

RTP numbering follows PROTOCOL.md section 11.2: the sequence number counts
packets *sent* (nothing is numbered while off air, coughing, or for a DTX
frame that is not sent, so the hub never sees a gap it would take for loss);
the timestamp follows the sampling clock and keeps advancing through every
frame captured, sent or not. Both start from random values and continue for
the life of the engine, across reconnections. The first packet of each
talkspurt (taking the air, the end of a cough, speech after DTX) carries the
marker bit, and the encoder is reset before it, since its history is stale.

Each packet carries the RFC 6464 audio level of exactly the audio it codes,
with the voice-activity bit set above :data:`VOICE_LEVEL` (a level gate, not
a real voice detector: receivers use it for meters and for choosing quiet
frames to drop).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK
from audio.meters import LevelMeter
from audio.opus import Application, Encoder, FrameMs
from channels.rtp import audio_level_extension, build

VOICE_LEVEL: Final = 50
"""Packets at or above -50 dBov are flagged as voice (RFC 6464 V bit)."""
_DTX_BYTES: Final = 2
"""An Opus packet this short is a DTX frame: it need not be sent."""


class MicSender:
    """Meter, encode and packetise 10 ms microphone blocks."""

    def __init__(
        self,
        *,
        frame_ms: FrameMs = 10,
        bitrate: int = 64_000,
        application: Application = Application.RESTRICTED_LOWDELAY,
        fec: bool = False,
        loss_hint_percent: int = 0,
        dtx: bool = False,
    ) -> None:
        self.meter = LevelMeter(1)
        self.encoder = Encoder(
            frame_ms=frame_ms,
            application=application,
            bitrate=bitrate,
            fec=fec,
            packet_loss_perc=loss_hint_percent,
            dtx=dtx,
        )
        self._dtx = dtx
        self._frame = self.encoder.frame_samples
        self._pcm = np.zeros(self._frame, dtype=np.float32)
        self._filled = 0
        self.ssrc: int | None = None
        """Our SSRC from ``welcome``; nothing is sent without one."""
        self.sequence = secrets.randbelow(1 << 16)
        self.timestamp = secrets.randbelow(1 << 32)
        self._sending = False
        self._talkspurt = True
        self._fresh = True
        """The encoder's history is stale (it was not fed while off air): reset it."""
        self.packets_sent = 0
        self.dtx_frames = 0
        """DTX frames not sent (each ends a talkspurt: the next packet is marked)."""

    @property
    def sending(self) -> bool:
        return self._sending

    def set_sending(self, on: bool) -> None:
        """Start or stop encoding; a start opens a new talkspurt (marker, fresh encoder)."""
        if on and not self._sending:
            self._talkspurt = True
            self._fresh = True
        self._sending = on

    def process(self, block: npt.NDArray[np.float32], send: Callable[[bytes], None]) -> None:
        """One ``(480,)`` capture block; ``send`` gets each RTP packet made."""
        self.meter.process(block)
        filled = self._filled
        self._pcm[filled : filled + BLOCK] = block
        filled += BLOCK
        if filled < self._frame:
            self._filled = filled
            return
        self._filled = 0
        level = self.meter.take_rfc6464_level()
        timestamp = self.timestamp
        self.timestamp = (timestamp + self._frame) & 0xFFFFFFFF
        if not self._sending or self.ssrc is None:
            return
        if self._fresh:
            self.encoder.reset()
            self._fresh = False
        payload = self.encoder.encode(self._pcm)
        if self._dtx and len(payload) <= _DTX_BYTES:
            self.dtx_frames += 1
            self._talkspurt = True
            return
        send(
            build(
                sequence=self.sequence,
                timestamp=timestamp,
                ssrc=self.ssrc,
                payload=payload,
                marker=self._talkspurt,
                extension=audio_level_extension(level, level <= VOICE_LEVEL),
            )
        )
        self._talkspurt = False
        self.sequence = (self.sequence + 1) & 0xFFFF
        self.packets_sent += 1

    def close(self) -> None:
        self.encoder.close()

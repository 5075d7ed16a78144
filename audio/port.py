"""The boundary between the engine and whatever clocks the audio.

A port is a sound card, a pair of files played and recorded in real time, or
nothing at all (a null output so the demo runs without a sound card). Its clock
pushes microphone blocks into ``capture`` and pulls loudspeaker blocks from
``playback``; the engine thread does the opposite. The engine never waits on
the port and the port never calls into the engine: the two rings are all they
share (principle 1 and 2 of the design).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from audio.ring import BlockRing


@dataclass(frozen=True, slots=True)
class PortStatus:
    """What the user should be told about a port, as of now."""

    name: str
    running: bool
    problem: str | None = None
    """A sentence for the user when the port is not delivering (device gone...)."""
    input_latency_ms: float | None = None
    output_latency_ms: float | None = None
    """What the device itself reports, kept apart from the pipeline's latency."""


class AudioPort(Protocol):
    """A clocked source of mono capture blocks and sink of stereo playback blocks.

    ``capture`` holds ``frames`` x 1 blocks, ``playback`` ``frames`` x 2 blocks,
    both float32 at :data:`RATE`. Either may be ``None`` for a port that only
    plays or only records.
    """

    frames: int
    capture: BlockRing | None
    playback: BlockRing | None

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def status(self) -> PortStatus: ...

"""How the engine codes, buffers and reports: :class:`EngineConfig`, checked at construction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from audio.opus import Application, FrameMs
from audio.protection import Calibration, ProtectionSettings

MAX_INPUTS: Final = 8


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """How the engine codes, buffers and reports. Every field is checked at construction."""

    frame_ms: FrameMs = 10
    """Opus frame (and RTP packet) duration: 10 ms for low delay, 20 ms halves the packet rate."""
    bitrate: int = 64_000
    """Opus bit rate, b/s: at least 48 kb/s so that fullband keeps its 15 kHz."""
    application: Application = Application.RESTRICTED_LOWDELAY
    fec: bool = False
    """In-band FEC: needs ``Application.AUDIO`` or ``VOIP`` (see audio/opus.py)."""
    loss_hint_percent: int = 0
    dtx: bool = False
    inputs: int = 2
    """Inputs of the mix (floor and relay by default)."""
    client: str = "rsi-console/0.1"
    jitter_min_ms: float = 0.0
    """Lower bound of the jitter buffers' target delay; the target is learned above it."""
    jitter_max_ms: float = 400.0
    lead_ms: float = 3.0
    """How long before the port needs it a playback block is made, to start with."""
    min_lead_ms: float = 2.0
    poll_ms: float = 1.0
    """Re-check interval while a capture block is overdue or the port's clock is unknown."""
    metrics_interval_s: float = 0.1
    quality_interval_s: float = 1.0
    report_interval_s: float = 5.0
    """PROTOCOL.md: report "every few seconds, not every packet" (each one is a snapshot)."""
    ping_interval_s: float = 2.0
    silence_timeout_s: float = 6.0
    open_timeout_s: float = 5.0
    calibration: Calibration = field(default_factory=Calibration)
    protection: ProtectionSettings = field(default_factory=ProtectionSettings)
    event_limit: int = 4096
    tap_blocks: int = 0
    """0: none. Else each input's blocks, as decoded (before volume, ear and hearing
    protection), also go into a ring of this many blocks, :attr:`Engine.taps` (a gateway
    speaks each channel it listens to into another platform, separately)."""

    def __post_init__(self) -> None:
        if self.frame_ms not in (10, 20):
            raise ValueError(f"frame_ms must be 10 or 20, not {self.frame_ms!r}")
        if not 48_000 <= self.bitrate <= 510_000:
            raise ValueError(
                f"bitrate must be 48000..510000 b/s (fullband speech needs 48 kb/s or more), "
                f"not {self.bitrate}"
            )
        if not 1 <= self.inputs <= MAX_INPUTS:
            raise ValueError(f"inputs must be 1..{MAX_INPUTS}, not {self.inputs}")
        if self.tap_blocks < 0:
            raise ValueError(f"tap_blocks must be 0 or more, not {self.tap_blocks}")
        if not 0 <= self.jitter_min_ms < self.jitter_max_ms:
            raise ValueError("need 0 <= jitter_min_ms < jitter_max_ms")
        if not 0 < self.min_lead_ms <= self.lead_ms:
            raise ValueError("need 0 < min_lead_ms <= lead_ms")
        for name in (
            "poll_ms",
            "metrics_interval_s",
            "quality_interval_s",
            "report_interval_s",
            "ping_interval_s",
            "open_timeout_s",
        ):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")
        if self.silence_timeout_s <= self.ping_interval_s:
            raise ValueError("silence_timeout_s must be longer than ping_interval_s")

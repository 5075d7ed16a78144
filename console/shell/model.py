"""What every role's model shares: the connection's state, meter readings, link limits.

Qt-free, like the role models built on it (:mod:`console.interpreter.model`,
:mod:`console.coordinator.model`, :mod:`console.listener.model`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final

from audio.commands import Level, Metrics

SILENT_DBFS: Final = -90.0
"""What a meter shows for a channel with no signal."""
SILENT_AFTER_S: Final = 1.0
"""A channel with no packet for this long is marked silent."""
MAX_MESSAGES: Final = 200
"""Messages a model keeps (the oldest go first)."""
MAX_NOTICES: Final = 5
LINK_POOR_RTT_MS: Final = 250.0
"""FIELD.md: RSI providers ask for ping under 250 ms and jitter under 30 ms."""
LINK_POOR_JITTER_MS: Final = 30.0
LINK_POOR_LOSS: Final = 0.02
LISTEN_INPUT: Final = 0
"""The input that plays the channel listened to, in the coordinator's and listener's windows."""


class Connection(Enum):
    OFFLINE = "offline"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    FAILED = "failed"
    LOST = "lost"


@dataclass(frozen=True, slots=True)
class Meter:
    peak_dbfs: float
    hold_dbfs: float
    rms_dbfs: float
    over: bool

    @classmethod
    def of(cls, level: Level) -> Meter:
        return cls(level.peak_dbfs, level.hold_dbfs, level.rms_dbfs, level.over)


QUIET_METER: Final = Meter(SILENT_DBFS, SILENT_DBFS, SILENT_DBFS, False)


def channel_meter(metrics: Metrics, channel: str | None) -> Meter:
    """A channel's level: decoded when an input plays it, else from its packets (RFC 6464)."""
    if channel is None:
        return QUIET_METER
    for strip in metrics.inputs:
        if strip.channel == channel:
            return Meter.of(strip.level)
    for got in metrics.channels:
        if got.channel == channel and got.level_dbov is not None:
            silent = got.silent_s is None or got.silent_s >= SILENT_AFTER_S
            level = SILENT_DBFS if silent else -float(got.level_dbov)
            return Meter(level, level, level, False)
    return QUIET_METER

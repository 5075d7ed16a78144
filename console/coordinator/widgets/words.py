"""Words of the coordinator's panels: turn timers and relay chains."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from channels.meeting import FLOOR
from console.coordinator.alarms import platform_name
from relay.graph import ChainEnd


def duration(seconds: float | None) -> str:
    """A turn timer: m:ss, or h:mm:ss past the hour; a dash when there is none."""
    if seconds is None:
        return "\u2013"
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def role_text(role: str, platform: str | None) -> str:
    """A participant's role as the coordinator reads it: "Gateway · Janus" for a gateway
    (with the platform it serves), the role itself for others."""
    if role != "gateway":
        return role
    if not platform:
        return QCoreApplication.translate("Coordinator", "Gateway")
    return QCoreApplication.translate("Coordinator", "Gateway \u00b7 {0}").format(
        platform_name(platform)
    )


def chain_text(chain: tuple[str, ...], end: ChainEnd) -> str:
    """Where a channel's sound comes from, source first: "floor → en → fr"."""
    if end is ChainEnd.LOOP:
        return QCoreApplication.translate("Coordinator", "loop: {0}").format(
            " \u2192 ".join((*chain, chain[0]))
        )
    if end is ChainEnd.NO_SOURCE:
        return QCoreApplication.translate("Coordinator", "no source: {0}").format(
            " \u2192 ".join(chain)
        )
    if chain == (FLOOR,):
        return QCoreApplication.translate("Coordinator", "original")
    return " \u2192 ".join(
        QCoreApplication.translate("Coordinator", "floor") if c == FLOOR else c for c in chain
    )

"""The protection's and the link's figures over time: ``figures.jsonl``, once a second.

A console in study mode and a rehearsal's scripted interpreters both hand
their engine's :class:`~audio.commands.Metrics` snapshots, as they come, to a
:class:`FigureLog` with the time on the session's clock; it writes one line a
second (:func:`figures`): the link (round trip, jitter, loss, buffer, whether
it stalled), the playout counts, the hearing protection (which layers act,
its gain reduction, the exposure Leq, the input level) and the levels of the
inputs and the microphone. The report plots them and sums them up.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any, Final

from audio.commands import Metrics
from audio.protection.chain import Layer

PERIOD_S: Final = 1.0
"""One line a second, on the session's clock."""
SILENT_DB: Final = -120.0
"""A level quieter than this is written as this (a silent meter reads minus infinity)."""


def _db(value: float) -> float:
    return round(max(value, SILENT_DB), 1)


def figures(metrics: Metrics, session_s: float) -> dict[str, Any]:
    """One line of ``figures.jsonl``: ``metrics`` at ``session_s``, flat where it can be."""
    link = metrics.link
    protection = metrics.output.protection
    active = [str(layer.name).lower() for layer in Layer if layer & protection.active]
    return {
        "session_s": round(session_s, 3),
        "connected": link.connected,
        "stalled_s": None if link.silent_s is None else round(link.silent_s, 2),
        "rtt_ms": None if link.rtt_ms is None else round(link.rtt_ms, 1),
        "jitter_ms": round(link.jitter_ms, 1),
        "loss": round(link.loss, 4),
        "buffer_ms": round(link.buffer_ms, 1),
        **asdict(link.playout),
        "protection": "+".join(active),
        "gain_reduction_db": round(protection.gain_reduction_db, 1),
        "leq_spl": round(protection.leq_1min_spl, 1),
        "input_spl": round(protection.input_level_spl, 1),
        "mic_dbfs": _db(metrics.mic.level.rms_dbfs),
        "inputs": [
            {"channel": i.channel, "dbfs": _db(i.level.rms_dbfs)}
            for i in metrics.inputs
            if i.channel is not None
        ],
    }


class FigureLog:
    """``figures.jsonl`` in a participant's folder; :meth:`offer` from any one thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None
        self._due = 0.0
        self._closed = False
        self._lock = threading.Lock()

    def offer(self, metrics: Metrics | None, session_s: float | None) -> None:
        """The newest snapshot at ``session_s``: written when a second has passed since the
        last line (nothing before the session's zero, nor after :meth:`close`)."""
        if metrics is None or session_s is None or session_s < self._due:
            return
        with self._lock:
            if self._closed:
                return
            if self._file is None:
                self._file = self.path.open("w", encoding="utf-8", buffering=1)
            self._file.write(json.dumps(figures(metrics, session_s)) + "\n")
            self._due = (math.floor(session_s / PERIOD_S) + 1) * PERIOD_S

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._file is not None:
                self._file.close()
                self._file = None

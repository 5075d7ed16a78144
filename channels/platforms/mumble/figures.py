"""What a Mumble link carried and lost, for a gateway's health line and its coordinator.

:class:`SpeakerStream` follows one speaker's packets (sans-I/O: arrival
times are passed in); :class:`MumbleFigures` adds up a client's streams and
what it sent.

Loss is counted by sequence number: frames skipped inside a talk burst
(one that has not ended with the terminator bit). The TCP leg from the
server to us loses nothing, so a loss happened between the speaker and the
server (Mumble clients send by UDP). Lateness is measured the way
:mod:`audio.jitter` measures it: a frame is late when it arrives more than
``late_ms`` after the fastest frame of its burst would have put it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from channels.platforms.mumble.voice import FRAME_MS

LATE_MS: Final = 60.0
"""Later than this behind the burst's fastest frame counts as late: a Mumble client's default
jitter buffer holds less, so such a frame would have been concealed there too."""
PAUSE_S: Final = 1.0
"""Nothing from a speaker for this long starts a new burst, terminator bit or not (a speaker's
last packet may be lost on its way to the server)."""


class SpeakerStream:
    """One speaker's voice packets: frames, frames lost, frames late."""

    __slots__ = ("_base", "_expected", "_heard", "_late_s", "frames", "late", "lost")

    def __init__(self, late_ms: float = LATE_MS) -> None:
        self._late_s = late_ms / 1e3
        self.frames = 0
        self.lost = 0
        self.late = 0
        self._expected: int | None = None
        """The sequence number the next packet of this burst should have; None between bursts."""
        self._base = 0.0
        """The smallest ``arrival - sequence * 10 ms`` of the burst: its fastest path."""
        self._heard = float("-inf")

    def arrived(self, sequence: int, frames: int, arrival: float, *, last: bool) -> None:
        """A packet of ``frames`` 10 ms frames with this ``sequence`` was read at ``arrival``."""
        offset = arrival - sequence * FRAME_MS / 1e3
        expected = self._expected
        if expected is None or sequence < expected or arrival - self._heard > PAUSE_S:
            self._base = offset
        else:
            self.lost += sequence - expected
            if offset - self._base > self._late_s:
                self.late += frames
            self._base = min(self._base, offset)
        self.frames += frames
        self._heard = arrival
        self._expected = None if last else sequence + frames


@dataclass(slots=True)
class MumbleFigures:
    """Counts since the client was made, over all its connections (10 ms frames)."""

    frames_in: int = 0
    frames_out: int = 0
    dropped: int = 0
    """Frames not sent: no connection, or the server not reading fast enough."""
    lost: int = 0
    late: int = 0
    ignored: int = 0
    """Messages or packets that could not be read, and voice not in Opus: skipped."""
    rtt_ms: float | None = None
    connections: int = 0

    def line(self) -> str:
        """One line for a log or the end of a run."""
        rtt = "-" if self.rtt_ms is None else f"{self.rtt_ms:.0f} ms"
        return (
            f"mumble: {self.connections} connection(s), in {self.frames_in} frames "
            f"(lost {self.lost}, late {self.late}), out {self.frames_out} "
            f"(dropped {self.dropped}), ignored {self.ignored}, rtt {rtt}"
        )

"""The floor as a Mumble client hears it: every speaker added up, 10 ms at a time (sans-I/O).

:class:`FloorMixer` takes each speaker's decoded packets as they arrive
(:meth:`~FloorMixer.heard`, with the arrival time) and gives one 10 ms block
per call of :meth:`~FloorMixer.mix` (with the time the block is taken: the
gateway's port asks on its own tick; :class:`BlockClock` says when each
block is due where nothing else keeps time). Times are passed in: the tests
drive both in virtual time.

Each speaker has a small playout buffer of its own, as in Mumble's client:
a talk burst starts playing its hold after its first packet arrived, then
one frame per block in sequence order. So a packet that comes out of order,
or a little late, still plays in its place. The hold is what the speaker's
packets need (:class:`ArrivalJitter`: the latest they came, against the
earliest, over the last seconds), :data:`HOLD_MS` until that is measured. A
frame missing at its turn while later ones are here was lost on the
speaker's way to the server (the TCP leg to us loses nothing): it is
silence, counted in ``lost``. A speaker with nothing buffered is waited for
(``underruns``), which delays that speaker by the wait, until a quiet frame
(below :data:`QUIET`) comes while the next one has waited its hold: the
quiet frame is left out (``shortened``, inaudible) and the speaker is one
frame less late. A buffer more than :data:`MAX_AHEAD_MS` ahead is caught up
by dropping its oldest frames. A burst ends with the speaker's terminator
bit, or :data:`PAUSE_MS` after the last packet when the terminator was lost;
the next packet starts a new burst at the hold again. Speakers at the same
time add up, as a Mumble client mixes them (no limiter: the hub's listeners
have their own hearing protection).
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK, SAMPLE_RATE

BLOCK_S: Final = BLOCK / SAMPLE_RATE
HOLD_MS: Final = 20.0
"""How long a talk burst's first packet waits before it plays while its speaker's jitter is
not yet measured: room for the packets after it to come late or out of order by one 20 ms
packet (what Mumble clients send by default)."""
JITTER_WINDOW_S: Final = 2.0
"""The hold a speaker needs is the latest its packets came over the last 2 to 4 s: a
late packet raises it at once, and it comes down two windows after the lateness stopped.
murmurd itself adds under 4 ms p99 on loopback (docs/gateways.md)."""
QUIET: Final = 10 ** (-50 / 20)
"""A frame whose every sample is below this (-50 dBFS) may be left out to catch up a
speaker who was waited for: a pause between words, where 10 ms less is not heard."""
MAX_AHEAD_MS: Final = 200.0
"""A speaker's frames buffered beyond this are too many (after a stall of the network):
the oldest are dropped. Above one 60 ms packet (the longest Mumble clients send) plus the
hold."""
PAUSE_MS: Final = 200.0
"""Nothing heard from a playing speaker for this long ends its burst (its terminator was
lost)."""
_RESTART_FRAMES: Final = 100
"""A packet numbered this far (1 s) from where a speaker plays starts a new burst: the
speaker's client restarted its count."""


class ArrivalJitter:
    """How late one speaker's packets come: the hold its playout buffer needs (sans-I/O).

    Each packet's transit is its arrival minus its sequence number's time (10
    ms a frame). The earliest transit of the current talk burst within the
    last windows is the base; a packet's lateness is its transit minus the
    base. :attr:`hold_s` is the greatest lateness over the last one to two
    windows of ``window_s``: ``initial_s`` until a window has passed.
    """

    def __init__(self, initial_s: float, *, window_s: float = JITTER_WINDOW_S) -> None:
        self._window = window_s
        self._since: float | None = None
        """When the current window began."""
        self._base = [math.inf, math.inf]
        """The earliest transit of the previous window and of the current one."""
        self._peak = [initial_s, 0.0]
        """The greatest lateness of the previous window and of the current one."""

    @property
    def hold_s(self) -> float:
        """How long to hold a burst's first packet so that the packets after it come in time."""
        return max(self._peak)

    def restart(self) -> None:
        """A new talk burst: its sequence numbers may count from anywhere; the lateness stays."""
        self._base = [math.inf, math.inf]

    def packet(self, sequence: int, arrival: float) -> None:
        """A packet whose first frame is ``sequence`` came at ``arrival``."""
        if self._since is None:
            self._since = arrival
        elif arrival - self._since >= self._window:
            gone = arrival - self._since >= 2 * self._window
            self._base = [math.inf if gone else self._base[1], math.inf]
            self._peak = [0.0 if gone else self._peak[1], 0.0]
            self._since = arrival
        transit = arrival - sequence * BLOCK_S
        self._base[1] = min(self._base[1], transit)
        self._peak[1] = max(self._peak[1], transit - min(self._base))


class _Speaker:
    __slots__ = ("end", "frames", "heard", "jitter", "next", "ready", "start")

    def __init__(self, hold_s: float) -> None:
        self.frames: dict[int, npt.NDArray[np.float32]] = {}
        self.ready: dict[int, float] = {}
        """When each buffered frame could first have played: its packet's arrival, 10 ms more
        for each frame before it in the packet."""
        self.jitter = ArrivalJitter(hold_s)
        self.next: int | None = None
        """The sequence number of the frame to play next; None between bursts."""
        self.start = 0.0
        """When the burst's first frame may play."""
        self.end: int | None = None
        """The sequence number after the burst's last frame, once its terminator came."""
        self.heard = 0.0


class FloorMixer:
    """Speakers' frames in, one mixed 10 ms block per :meth:`mix` out; figures as attributes."""

    def __init__(
        self,
        *,
        hold_ms: float = HOLD_MS,
        max_ahead_ms: float = MAX_AHEAD_MS,
        pause_ms: float = PAUSE_MS,
    ) -> None:
        self._hold_s = hold_ms / 1e3
        """The hold of a speaker not measured yet."""
        self._max_ahead = max(1, round(max_ahead_ms / 1e3 / BLOCK_S))
        self._pause_s = pause_ms / 1e3
        self._speakers: dict[int, _Speaker] = {}
        self.speakers = 0
        """Speakers heard since the mixer was made (a session that spoke, once)."""
        self.most_at_once = 0
        """The most speakers mixed into one block."""
        self.mixed = 0
        """Frames mixed, all speakers together."""
        self.lost = 0
        """Frames missing at their turn while later ones had come: silence."""
        self.late = 0
        """Frames that came after their turn: dropped."""
        self.dropped = 0
        """Frames dropped to catch up with a speaker too far ahead."""
        self.underruns = 0
        """Blocks in which a playing speaker had nothing to play and was waited for."""
        self.shortened = 0
        """Quiet frames left out to catch up a speaker who was waited for (inaudible)."""

    def heard(
        self,
        session: int,
        sequence: int,
        pcm: npt.NDArray[np.float32],
        arrival: float,
        *,
        last: bool,
    ) -> None:
        """A speaker's packet: ``pcm`` (a whole number of 10 ms frames) from ``sequence`` on."""
        speaker = self._speakers.get(session)
        if speaker is None:
            speaker = self._speakers[session] = _Speaker(self._hold_s)
            self.speakers += 1
        frames = pcm.shape[0] // BLOCK
        playing = speaker.next
        if playing is None or abs(sequence - playing) > _RESTART_FRAMES:
            self._idle(speaker)
            speaker.jitter.restart()
            speaker.next = playing = sequence
            speaker.start = arrival + speaker.jitter.hold_s
        speaker.jitter.packet(sequence, arrival)
        speaker.heard = arrival
        for i in range(frames):
            if sequence + i < playing:
                self.late += 1
            else:
                speaker.frames[sequence + i] = pcm[i * BLOCK : (i + 1) * BLOCK].copy()
                speaker.ready[sequence + i] = arrival + i * BLOCK_S
        if last:
            speaker.end = sequence + frames
        if speaker.frames:
            newest = max(speaker.frames)
            while newest - playing >= self._max_ahead:
                speaker.ready.pop(playing, None)
                if speaker.frames.pop(playing, None) is not None:
                    self.dropped += 1
                playing += 1
            speaker.next = playing

    def forget(self, session: int) -> None:
        """The speaker left: drop what it still had to say."""
        self._speakers.pop(session, None)

    def clear(self) -> None:
        """The connection ended: nobody is speaking any more."""
        self._speakers.clear()

    def mix(self, now: float, out: npt.NDArray[np.float32]) -> int:
        """Write the block due at ``now`` into ``out`` (``(BLOCK,)``); the speakers in it."""
        out.fill(0.0)
        count = 0
        for speaker in self._speakers.values():
            playing = speaker.next
            if playing is None or now < speaker.start:
                continue
            if speaker.end is not None and playing >= speaker.end:
                self._idle(speaker)
                continue
            frame = speaker.frames.pop(playing, None)
            speaker.ready.pop(playing, None)
            if frame is not None and self._behind(speaker, playing + 1, now, frame):
                frame = speaker.frames.pop(playing + 1)
                speaker.ready.pop(playing + 1)
                self.shortened += 1
                playing += 1
            if frame is not None:
                out += frame
                count += 1
                speaker.next = playing + 1
            elif speaker.frames:
                self.lost += 1
                speaker.next = playing + 1
            elif now - speaker.heard >= self._pause_s:
                self._idle(speaker)
            else:
                self.underruns += 1
        self.mixed += count
        self.most_at_once = max(self.most_at_once, count)
        return count

    @staticmethod
    def _behind(
        speaker: _Speaker, following: int, now: float, frame: npt.NDArray[np.float32]
    ) -> bool:
        """Can ``frame`` (quiet) be left out because the ``following`` one has waited its hold?"""
        ready = speaker.ready.get(following)
        return (
            ready is not None
            and now - ready >= speaker.jitter.hold_s
            and float(np.max(frame)) < QUIET
            and float(np.min(frame)) > -QUIET
        )

    @staticmethod
    def _idle(speaker: _Speaker) -> None:
        speaker.next = None
        speaker.end = None
        speaker.frames.clear()
        speaker.ready.clear()


class BlockClock:
    """When each 10 ms block is due: block ``k`` at ``start + k * 10 ms``, never drifting.

    Call :meth:`take` with the time now until it returns None; each value is
    a due block's time. Blocks more than ``max_behind`` late (the machine
    stalled) are skipped and counted in :attr:`skipped` rather than given in
    a burst; fewer late ones are given at once, as a sound card's buffer
    would. :mod:`audio.pacer` keeps the same schedule on a thread.
    """

    def __init__(self, start: float, *, max_behind: int = 5) -> None:
        self._start = start
        self._due = 0
        self._max_behind = max_behind
        self.skipped = 0

    @property
    def next(self) -> float:
        """When the next block is due."""
        return self._start + self._due * BLOCK_S

    def take(self, now: float) -> float | None:
        """The time of the next block if it is due at ``now`` (it is then taken), else None."""
        late = now - self.next
        if late < 0:
            return None
        if late > self._max_behind * BLOCK_S:
            missed = int(late / BLOCK_S + 1e-6)  # 0.99 / 0.01 is 98.99999...
            self.skipped += missed
            self._due += missed
        due = self.next
        self._due += 1
        return due

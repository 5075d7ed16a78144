"""Adaptive jitter buffer for one incoming RTP stream (one channel), sans-I/O.

The buffer owns no clock, socket, thread or codec. Call
:meth:`JitterBuffer.push` with every received packet and its arrival time
(and its RFC 6464 ``level`` when the packet has one), and
:meth:`JitterBuffer.pop` each time the output needs its next frame, with the
playout clock's time; both times from the same monotonic clock. ``pop``
returns one instruction: :class:`Packet` (decode ``payload``; reset the
decoder and crossfade on ``resync``; decode and discard, or time-compress,
the ``skipped`` payloads), :class:`Conceal` (Opus PLC for ``samples``, or FEC
from ``fec``; fade on ``fade_out``) or :class:`Silence`. With 10 ms packets
call it every 10 ms; a 20 ms packet lasts two such periods.

Keep every channel's buffer fed; pop only the audible one. Mark a buffer
inaudible with :meth:`~JitterBuffer.standby`, give a fresh one the old one's
statistics with :meth:`~JitterBuffer.inherit`, and switch channels with
:class:`ChannelSwitch`, which keeps the old channel playing until the new
buffer is :meth:`~JitterBuffer.ready`. ``stats`` has the figures for the
console and for the protocol's ``report``.
The rules (delay learning, catch-up, the hard maximum, resync, switching)
are explained in docs/architecture.md, "Design notes".
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import Generic, TypeVar

CLOCK_RATE = 48_000
"""RTP clock of Opus (RFC 7587), whatever the audio's actual bandwidth."""

_EPS = 1e-9
_BASE_WINDOW_S = 2.0
"""How long the fastest packet stays the reference: long enough to span any
burst, short enough to follow a route change or clock drift. Counted in time
during which packets arrive (:data:`_ARRIVAL_GAP_S` at most per gap), not
in wall time: after an outage TCP delivers the backlog faster than real
time, oldest first, and a reference that expired during the outage would
take the first, seconds-late packets of that backlog for the fastest path
and play them seconds late. Kept through the outage, the reference shows
them as late as they are, and the hard maximum skips what is too old."""
_ARRIVAL_GAP_S = 0.1
"""The most one silence between two arrivals adds to the reference's age."""
_MAX_STEP = CLOCK_RATE * 120 // 1000
"""The longest Opus packet (120 ms); larger timestamp steps are gaps."""
_OPUS_QUANTUM = CLOCK_RATE // 400
"""2.5 ms: every Opus packet lasts a whole number of these (RFC 6716 3.2.5), and libopus
conceals only whole ones. A timestamp step that is not a multiple is no packet duration,
and learning it would make every gap frame one that the decoder refuses to conceal."""
_SEEN = 4096
"""Sequence numbers remembered for duplicate detection (40 s of 10 ms frames)."""
_CARRY = 3
"""At most this many dropped payloads ride on the next Packet: enough to
settle a decoder's state, and bounded whatever a burst dropped."""
_BUCKET_MS = 1.0
_QUIET_RUN = 2
"""Quiet frames dropped in a row before one is played."""
_SLOT = 3
"""With levels, speech is dropped at most one frame in this many."""
_JOIN_SLACK_S = 0.03
"""Joining a stream starts from its oldest frame if that is at most this much
above the target: catch-up absorbs it, and the first frame is not lost."""
_STEP_VOTES = 4
_EPOCHS = 4
"""Numberings remembered after a jump, to recognise their stale packets."""
_SEQ_CONTINUES = 100
"""A marked packet within this many sequence numbers continues the stream."""
_STREAM_RESTART = 3000
"""An unmarked jump of more sequence numbers than this is a new stream."""
SCALE_RATE = 0.04
"""With ``timescale``: the most a frame of speech is asked to change in length, on average
(4 %, inaudible); quiet frames may change by a whole period at once."""
SCALE_MIN = CLOCK_RATE * 25 // 10_000
"""2.5 ms: the shortest change asked for (the time-scaler's shortest period)."""
_SCALE_MAX = CLOCK_RATE * 15 // 1000
"""15 ms: the most asked for in one frame (the time-scaler's longest period)."""
_SCALE_RETRY = 4
"""Frames to wait after the time-scaler found nothing to take out or put in (a period longer
than asked, a transient): its search costs a tenth of a millisecond, not to be made each block.
Also after a resync or a gap: the scaler matches against 22.5 ms of what was heard."""
_SPEECH_SHRINK = CLOCK_RATE * 30 // 1000
"""With ``timescale`` and levels: speech is shrunk only past 30 ms above the aim; below,
the shrink waits for a quiet frame (a pause costs the listener nothing, a cut period in
speech is heard: WB-PESQ loses 0.06 a shrink on average, up to 0.14)."""
_POP_WINDOW_S = 0.5
"""How long the earliest pop stays the phase of the caller's regular clock: many wake-ups,
and a slip in the count of what was played (a packet duration not yet learned) soon gone."""
_START_FADE_S = 3.0
"""With ``start_ms``: the start target fades to nothing over this much arrival time (counted
as :data:`_BASE_WINDOW_S` is): by then a lossy link has shown its first late packet."""
_COVER_S = 20.0
"""How long (arrival time) the cover of a late packet (``late_cover``) holds the target up:
longer than the histogram keeps one outlier, so the rare tail it stands for stays covered."""
_PAUSE = 5
"""With ``timescale`` and levels: quiet frames in a row that make a pause. Quiet frames are
shrunk, and a margin above what the packets need now (``start_ms``, ``late_cover``) is
stretched in, only in a pause: a change of delay within a word, even in its quiet part, is
heard (WB-PESQ of a 15 s take lost 0.03 to 0.12 to a dozen of them)."""
_SCALE_WINDOW_S = 0.08
"""With ``timescale``: delay this far above target is shrunk away; beyond it, frames are
dropped as without (a backlog after an outage cannot wait for a few per cent)."""


def _is_duration(ticks: int) -> bool:
    """Is a timestamp step the duration of an Opus packet (2.5 ms to 120 ms, by 2.5 ms)?"""
    return 0 < ticks <= _MAX_STEP and ticks % _OPUS_QUANTUM == 0


# --- What pop() asks the caller to do -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Packet:
    """Decode ``payload`` and play it.

    ``resync``: this frame does not continue what the decoder last decoded
    (a new speaker, a new stream, playback joining live): reset the decoder
    and crossfade from the previous output, so the change makes no click.
    ``after_gap``: concealment or silence was output just before; the decoder
    continues, but ramp up from a faded-out output.
    ``skipped``: frames dropped right before this one to catch up (at most the
    last three): decode them and discard their audio, or time-compress them
    with this frame into one frame's duration.
    ``want``: with ``timescale``, samples to add to this frame's audio (positive:
    stretch, the buffer runs below its target) or remove from it (negative:
    shrink, above target), at most; tell the buffer what was done with
    :meth:`JitterBuffer.scaled`.
    """

    payload: bytes
    seq: int
    timestamp: int
    resync: bool = False
    after_gap: bool = False
    skipped: tuple[bytes, ...] = ()
    want: int = 0


@dataclass(frozen=True, slots=True)
class Conceal:
    """Conceal a missing frame of ``samples`` samples (Opus PLC).

    ``count`` is the position in the current run of concealed frames, from 1.
    ``fade_out`` marks the last one before :class:`Silence`: fade to zero over
    it, because PLC much past 100 ms sounds worse than silence. ``fec`` is the
    packet after the missing one when it is already here: decoding its
    in-band FEC (Opus ``decode_fec``) may rebuild the missing frame.
    """

    count: int
    samples: int
    fade_out: bool = False
    fec: bytes | None = None


@dataclass(frozen=True, slots=True)
class Silence:
    """Nothing to play: output ``samples`` samples of silence."""

    samples: int


Playout = Packet | Conceal | Silence


@dataclass(frozen=True, slots=True)
class JitterStats:
    """A snapshot of one buffer's state and counters since it was created."""

    target_ms: float
    """Delay the buffer aims for, learned from the arrival jitter."""
    delay_ms: float
    """Delay of the frame last output behind the fastest recent packet; 0 when idle."""
    buffered_ms: float
    """Timeline held from the playout point to the end of the newest packet."""
    jitter_ms: float
    """RFC 3550 interarrival jitter estimate."""
    received: int
    """Packets taken, duplicates excepted."""
    duplicates: int
    late: int
    """Packets received and discarded unplayed: they came at or behind the playout point,
    belonged to a numbering the stream had left, or left the stream's numbering without
    the next packet confirming it (a corrupt or hostile header). Never more than
    ``received``, so ``(lost + late) / (received + lost)`` is a loss ratio in [0, 1]."""
    lost: int
    """Frames skipped without their packet (holes given up, trimmed gaps); a hole counts
    its missing sequence numbers, at most as many frames as its timestamps span."""
    played: int
    concealed: int
    """Conceal instructions returned."""
    silent: int
    """Silence instructions returned (idle, prebuffering, or after fade-out)."""
    dropped_catchup: int
    dropped_overflow: int
    """Frames dropped to respect the hard maximum."""
    expired: int
    """History discarded while inaudible or when joining live."""
    underruns: int
    """Times the buffer ran empty while playing."""
    resyncs: int
    stretched: int = 0
    """Frames played longer by time-scale modification (``timescale``: below target)."""
    shrunk: int = 0
    """Frames played shorter by time-scale modification (``timescale``: above target)."""
    stopped: int = 0
    """Of ``underruns``: those where the stream had stopped, not a packet come late. The
    packet that ended it did not go on from where the playout point waited (its timestamp
    jumps ahead of its sequence number: the sender paused; or it starts a new stream), or
    none came before the hard maximum. An underrun under way counts here until a packet
    shows it was a late one."""
    trailing: int = 0
    """Of ``concealed``: the frames concealed in the ``stopped`` underruns, after the speech
    and not in it. ``concealed - trailing`` and ``underruns - stopped`` are the ones heard."""
    gaps: int = 0
    """Interruptions: runs of frames concealed (then silent) after sound had played, each
    begun by an underrun or a hole, however many frames it lasted (one late packet's
    underrun and the frame concealed for it are one gap); never more than ``concealed``.
    Each ``stopped`` underrun is one of them: ``gaps - stopped`` are the ones heard in the
    speech."""

    @property
    def buffer_ms(self) -> int:
        """The figure for the rsi.v1 ``report``: what the buffer adds to latency."""
        return round(self.delay_ms)


class _Entry:
    __slots__ = ("level", "marker", "payload", "raw_seq", "raw_ts", "seq", "ts")

    def __init__(
        self,
        seq: int,
        ts: int,
        raw_seq: int,
        raw_ts: int,
        payload: bytes,
        marker: bool,
        level: int | None,
    ) -> None:
        self.seq = seq
        self.ts = ts
        self.raw_seq = raw_seq
        self.raw_ts = raw_ts
        self.payload = payload
        self.marker = marker
        self.level = level


class JitterBuffer:
    """The playout side of one incoming stream; see the module documentation.

    ``start_ms``: the target for a new stream's first packets, fading to the learned one over
    its first 3 s of arrivals. ``late_cover``: a packet that came after the playout waited for
    it (an underrun) raises the target at once to this many times its lateness, for 20 s (the
    margin up to half ``max_delay_ms``); 0: the target learns it only from the histogram.
    """

    def __init__(
        self,
        frame_ms: float = 10.0,
        min_delay_ms: float = 10.0,
        max_delay_ms: float = 400.0,
        *,
        quantile: float = 0.95,
        interval_ms: float = 500.0,
        forget_s: float = 12.0,
        catchup_ms: float = 800.0,
        conceal_ms: float = 100.0,
        hole_wait_ms: float = 20.0,
        quiet_level: int = 50,
        timescale: bool = False,
        start_ms: float = 0.0,
        late_cover: float = 0.0,
    ) -> None:
        if not 0 < frame_ms <= 120 or round(frame_ms * CLOCK_RATE / 1000) % _OPUS_QUANTUM:
            raise ValueError("frame_ms must be an Opus packet duration: 2.5 ms to 120 ms by 2.5")
        if min_delay_ms < 0 or max_delay_ms < min_delay_ms + frame_ms:
            raise ValueError("need 0 <= min_delay_ms and max_delay_ms >= min_delay_ms + frame_ms")
        if not 0 < quantile < 1:
            raise ValueError("quantile must be in (0, 1)")
        if interval_ms <= 0 or forget_s <= 0 or catchup_ms <= 0 or conceal_ms < 0:
            raise ValueError("interval_ms, forget_s and catchup_ms must be positive")
        if start_ms < 0 or not (late_cover == 0 or late_cover >= 1):
            raise ValueError("need start_ms >= 0, and late_cover 0 (off) or at least 1")
        self._frame_ticks = round(frame_ms * CLOCK_RATE / 1000)
        self._min_s = min_delay_ms / 1000
        self._max_s = max_delay_ms / 1000
        self._quantile = quantile
        self._interval_s = interval_ms / 1000
        self._weight = -math.expm1(-self._interval_s / forget_s)
        """Weight of one new half-second sample once the histogram is mature."""
        self._catchup_s = catchup_ms / 1000
        self._conceal_s = conceal_ms / 1000
        self._hole_wait_s = hole_wait_ms / 1000
        self._quiet_level = quiet_level
        self._timescale = timescale
        self._start_s = start_ms / 1000
        self._late_cover = late_cover

        # Numbering: raw RTP values are unwrapped, then shifted onto the
        # buffer's own timeline (the shift changes only when a stream jumps).
        self._seq_ref: int | None = None
        self._ts_ref = 0
        self._seq_shift = 0
        self._ts_shift = 0
        self._high_seq = 0
        self._high_ts = 0
        self._high_arrival = 0.0
        self._step = self._frame_ticks
        self._votes = 1
        self._stray: tuple[int, int] | None = None
        self._renumbered = False
        """:meth:`new_numbering` was called: the next packet starts the new numbering."""
        self._previous: deque[tuple[int, int, int]] = deque(maxlen=_EPOCHS)
        """(reference, shift, last sequence number) of the numberings left by jumps."""
        self._seen: set[int] = set()
        self._seen_order: deque[int] = deque()
        self._buf: dict[int, _Entry] = {}

        # Arrival statistics.
        self._mins: deque[tuple[float, float]] = deque()
        """(age clock, transit) of the fastest packets of the last window, fastest first."""
        self._age_clock = 0.0
        """Arrival time with each silence between arrivals cut to _ARRIVAL_GAP_S."""
        self._last_arrival: float | None = None
        self._draining = False
        """Arrivals stopped for longer than the maximum: TCP's backlog is coming. Its lateness
        is not learned from (it would keep the target high for tens of seconds after an
        outage) until a packet comes within the target again."""
        self._hist = [0.0] * (int(max_delay_ms / _BUCKET_MS) + 1)
        self._samples = 0
        self._quantile_s = 0.0
        self._interval_start: float | None = None
        self._interval_max = 0.0
        self._cover_s = 0.0
        """What the last packet that came after its playout point waited for asks of the target
        (its lateness times ``late_cover``), until the age clock reaches ``_cover_end``."""
        self._cover_end = 0.0
        self._jitter = 0.0
        self._last_transit: float | None = None

        # Playout.
        self._playing = False
        self._join_live = True
        self._last_seq: int | None = None
        self._play_ts = 0
        self._run = 0
        self._can_conceal = False
        self._pending_resync = False
        self._skipped: list[bytes] = []
        self._deadline: float | None = None
        self._acc = 0.0
        self._delay_s = 0.0
        self._allowance = 0.0
        """With ``timescale``: samples the next frames may still be changed by."""
        self._queued = 0
        """Samples the caller holds ahead of the frame being popped (see :meth:`pop`)."""
        self._held = 0
        """Gap frames output since the last packet with the playout point held (underrun)."""
        self._stall: tuple[int, int] | None = None
        """(sequence number, timestamp) of the frame the playout point waited for when the
        buffer ran empty, until the next packet played tells a late packet from a stop."""
        self._stall_concealed = 0
        """Frames concealed since the buffer ran empty (stall under way)."""
        self._scale_wait = 0
        """With ``timescale``: frames before the next change may be asked for."""
        self._quiet_run = 0
        """With ``timescale``: quiet frames played in a row (see :data:`_PAUSE`)."""
        self._produced = 0
        """Samples of every instruction returned, as played (stretches and shrinks counted)."""
        self._pop_mins: deque[tuple[float, float]] = deque()
        """(pop time, pop time less the audio the caller has played by then) of the pops of the
        last :data:`_POP_WINDOW_S`, earliest first: the earliest is the caller's clock's phase."""
        self._last_pop: float | None = None

        self._received = 0
        self._duplicates = 0
        self._late = 0
        self._lost = 0
        self._played = 0
        self._concealed = 0
        self._gaps = 0
        self._silent = 0
        self._dropped_catchup = 0
        self._dropped_overflow = 0
        self._expired = 0
        self._underruns = 0
        self._resyncs = 0
        self._stretched = 0
        self._shrunk = 0
        self._stopped = 0
        self._trailing = 0

    # --- Input ---------------------------------------------------------------------------

    def push(
        self,
        seq: int,
        timestamp: int,
        marker: bool,
        payload: bytes,
        arrival: float,
        level: int | None = None,
    ) -> None:
        """Take one received RTP packet (48 kHz timestamps).

        ``level`` is the RFC 6464 audio level in -dBov (0 loudest, 127
        silence), when the packet carries it: catch-up then drops quiet
        frames rather than speech.
        """
        seq &= 0xFFFF
        timestamp &= 0xFFFFFFFF
        if self._seq_ref is None:
            self._seq_ref, self._ts_ref = seq, timestamp
            v, vt = seq, timestamp
            self._high_seq, self._high_ts, self._high_arrival = v - 1, vt - self._step, arrival
            self._renumbered = False
        elif self._renumbered:
            self._renumbered = False
            v, vt = self._remap(seq, timestamp, arrival)
            marker = True  # a new stream: the decoder is reset, the change crossfaded
        else:
            ext = self._seq_ref + ((seq - self._seq_ref + 0x8000) & 0xFFFF) - 0x8000
            ext_ts = self._ts_ref + ((timestamp - self._ts_ref + 0x80000000) & 0xFFFFFFFF)
            ext_ts -= 0x80000000
            v, vt = ext + self._seq_shift, ext_ts + self._ts_shift
            if self._jumped(v, vt, marker, arrival):
                # A marked packet announces a new stream; an unmarked one is
                # believed only when the next packet confirms it, so that one
                # stray (a corrupt header) cannot move the timeline. Either
                # way a stale packet of the previous numbering stays stale.
                if self._stale(seq, marker):
                    return
                if not marker and not self._confirms(seq, timestamp):
                    self._stray = (seq, timestamp)
                    self._discard_unplayed()
                    return
                v, vt = self._remap(seq, timestamp, arrival)
            self._stray = None
        if v in self._seen:
            self._duplicates += 1
            return
        self._seen.add(v)
        self._seen_order.append(v)
        if len(self._seen_order) > _SEEN:
            self._seen.discard(self._seen_order.popleft())
        self._received += 1
        self._observe(vt, arrival)
        if self._last_seq is not None and v <= self._last_seq:
            self._late += 1
            return
        if v > self._high_seq:
            if v == self._high_seq + 1 and _is_duration(vt - self._high_ts):
                self._vote_step(vt - self._high_ts)
            self._high_seq, self._high_ts, self._high_arrival = v, vt, arrival
            self._seq_ref, self._ts_ref = v - self._seq_shift, vt - self._ts_shift
        self._buf[v] = _Entry(v, vt, seq, timestamp, payload, marker, level)
        self._trim()

    def _vote_step(self, diff: int) -> None:
        """Learn the packet duration by a running majority vote.

        Timestamp steps between consecutive packets are the packet duration,
        except across pauses (DTX, a cough). A vote keeps the duration that
        most steps agree on: a change of packet size wins within four
        packets, pauses never do, however they repeat. Only steps that are
        an Opus packet duration vote (:func:`_is_duration`): a sender's
        timestamps cannot make the buffer ask for concealment that libopus
        refuses.
        """
        if diff == self._step:
            self._votes = min(self._votes + 1, _STEP_VOTES)
            return
        self._votes -= 1
        if self._votes <= 0:
            self._step, self._votes = diff, 1
            self._pop_mins.clear()  # what was played was counted in the old duration

    def _jumped(self, v: int, vt: int, marker: bool, arrival: float) -> bool:
        """Does this packet's numbering leave the stream's (a new source)?"""
        dv = v - self._high_seq
        r = arrival - vt / CLOCK_RATE - self._mins[0][1]
        if marker:
            return abs(dv) > _SEQ_CONTINUES or (dv > 0 and not -0.5 <= r <= 10.0)
        return abs(dv) > _STREAM_RESTART or r < -1.0 or r > 60.0

    def _stale(self, seq: int, marker: bool) -> bool:
        """Discard (as late or duplicate) a packet of a numbering the stream has left."""
        for ref, shift, end in self._previous:
            v = ref + ((seq - ref + 0x8000) & 0xFFFF) - 0x8000 + shift
            if abs(v - end) > _SEQ_CONTINUES:
                continue
            if v in self._seen:
                self._duplicates += 1
                return True
            if not marker:
                self._discard_unplayed()
                return True
        return False

    def _discard_unplayed(self) -> None:
        """A packet received but never to be played: counted as received, and late."""
        self._received += 1
        self._late += 1

    def _confirms(self, seq: int, timestamp: int) -> bool:
        if self._stray is None:
            return False
        stray_seq, stray_ts = self._stray
        step = (timestamp - stray_ts) & 0xFFFFFFFF
        return seq == (stray_seq + 1) & 0xFFFF and 0 < step <= _MAX_STEP

    def _remap(self, seq: int, timestamp: int, arrival: float) -> tuple[int, int]:
        """Continue the timeline across a jump, by the real time that passed."""
        assert self._seq_ref is not None
        self._previous.append((self._seq_ref, self._seq_shift, self._high_seq))
        v = self._high_seq + 1
        gap = round((arrival - self._high_arrival) * CLOCK_RATE)
        vt = self._high_ts + max(self._step, gap)
        self._seq_ref, self._ts_ref = seq, timestamp
        self._seq_shift, self._ts_shift = v - seq, vt - timestamp
        return v, vt

    def _observe(self, vt: int, arrival: float) -> None:
        """Learn from one arrival: reference path, lateness, target, RFC 3550 jitter."""
        transit = arrival - vt / CLOCK_RATE
        mins = self._mins
        gap = 0.0 if self._last_arrival is None else max(arrival - self._last_arrival, 0.0)
        self._age_clock += min(gap, _ARRIVAL_GAP_S)
        self._last_arrival = arrival
        clock = self._age_clock
        while mins and mins[-1][1] >= transit:
            mins.pop()
        mins.append((clock, transit))
        while mins[0][0] < clock - _BASE_WINDOW_S:
            mins.popleft()
        r = max(0.0, transit - mins[0][1] - self._overdue(arrival))
        if self._late_cover and self._stall is not None and r > self._target_s():
            # It came after the playout point waited for it: cover such lateness at once, the
            # margin up to half the maximum (the rest is room to catch a backlog up).
            self._cover_s = min(r * self._late_cover, max(r, self._max_s / 2))
            self._cover_end = clock + _COVER_S
        if gap > self._max_s:
            self._draining = True
        if self._draining and r <= self._target_s():
            self._draining = False
        if self._draining:
            pass  # the backlog of an outage: what the link did, not what to buffer for
        elif self._interval_start is None:
            self._interval_start, self._interval_max = arrival, r
        elif arrival - self._interval_start >= self._interval_s:
            self._add_sample(self._interval_max)
            self._interval_start, self._interval_max = arrival, r
        elif r > self._interval_max:
            self._interval_max = r
        if self._last_transit is not None:
            self._jitter += (abs(transit - self._last_transit) - self._jitter) / 16
        self._last_transit = transit

    def _overdue(self, arrival: float) -> float:
        """How long the caller's next pop is overdue at ``arrival``: this machine's lateness.

        The pops come from the same loop that stamps the arrivals. When the loop was held
        up (a busy machine), the packets it reads afterwards are stamped late, but the pops
        that need them come late by as much: the packet was in time for its pop. Only the
        rest of a packet's lateness is the link's, and the target learns only that.
        """
        if not self._playing or self._last_pop is None or not self._pop_mins:
            return 0.0
        if arrival - self._last_pop > _POP_WINDOW_S:
            return 0.0  # the pops stopped: no clock to be late against
        # The next pop comes at the latest when the caller has played all it was given.
        due = self._pop_mins[0][1] + self._produced / CLOCK_RATE
        return max(0.0, arrival - due)

    def _add_sample(self, r: float) -> None:
        """Fold one interval's worst lateness into the forgetting histogram."""
        self._samples += 1
        # The first samples are averaged (weight 1/n), so a fresh buffer
        # learns from its first seconds instead of from an arbitrary prior.
        a = max(1.0 / self._samples, self._weight)
        keep = 1.0 - a
        hist = [x * keep for x in self._hist]
        last = len(hist) - 1
        hist[min(int(r * 1000 / _BUCKET_MS), last)] += a
        self._hist = hist
        need = self._quantile * sum(hist)
        acc = 0.0
        bucket = last
        for index, x in enumerate(hist):
            acc += x
            if acc >= need - _EPS:
                bucket = index
                break
        self._quantile_s = (bucket + 1) * _BUCKET_MS / 1000

    def _trim(self) -> None:
        """Hard maximum on push: hold no more than max_delay of timeline."""
        limit = self._max_s * CLOCK_RATE + _EPS
        while self._buf and self._buffered_ticks() > limit:
            self._discard_oldest()

    # --- Output --------------------------------------------------------------------------

    def pop(self, now: float, queued: int = 0) -> Playout:
        """What to play for the frame taken at ``now``.

        ``queued``: samples already decoded that will be heard before this frame (a
        stretched frame's surplus waiting in the caller's FIFO). They add to the delay
        heard but protect nothing against late packets; with ``timescale`` they are shrunk
        away.

        Each pop also times the caller's regular clock (the earliest pop of the last 0.5 s,
        by the audio played since), so that a packet read late because this machine held
        the loop up is told from one the link held (:meth:`_overdue`).
        """
        self._queued = queued
        self._time_pop(now, queued)
        out = self._pop(now)
        self._produced += self._step if isinstance(out, Packet) else out.samples
        return out

    def _time_pop(self, now: float, queued: int) -> None:
        """Note the pop at ``now`` against the caller's regular clock (see :meth:`pop`)."""
        played = (self._produced - queued) / CLOCK_RATE
        mins = self._pop_mins
        if self._last_pop is not None and now - self._last_pop > _POP_WINDOW_S:
            mins.clear()
        self._last_pop = now
        phase = now - played
        while mins and mins[-1][1] >= phase:
            mins.pop()
        mins.append((now, phase))
        while mins[0][0] < now - _POP_WINDOW_S:
            mins.popleft()

    def _pop(self, now: float) -> Playout:
        if not self._playing:
            start = self._choose_start(now, commit=True)
            if start is None:
                self._delay_s = 0.0
                return self._gap_frame(None)
            self._begin(start)
        assert self._last_seq is not None
        if (
            self._last_seq + 1 not in self._buf
            and self._buf
            and self._buf[min(self._buf)].ts <= self._play_ts
        ):
            # The numbers skip but the timestamps do not: no frame is missing, only numbers.
            self._skip_hole()
        # Hard maximum: nothing is heard later than max_delay behind the fastest path.
        heard = now + self._queued / CLOCK_RATE
        while self._delay(self._front_ts(), heard) > self._max_s + _EPS:
            if not self._buf:
                self._playing = False  # the underrun outlasted the maximum
                self._settle(stopped=True)
                self._delay_s = 0.0
                return self._gap_frame(None)
            self._discard_oldest()
        assert self._last_seq is not None
        entry = self._buf.get(self._last_seq + 1)
        while entry is None and self._timescale and self._held and self._buf:
            # A hole where the buffer ran empty: what was concealed meanwhile stood for it.
            self._held -= 1
            self._last_seq += 1
            self._lost += 1
            self._play_ts += self._step
            entry = self._buf.get(self._last_seq + 1)
        if entry is None:
            return self._missing(now)
        if (
            entry.ts - self._play_ts >= self._step
            and self._delay(entry.ts, now) < self._target_s() - _EPS
        ):
            # A new talkspurt after a pause: start it at the target delay.
            self._delay_s = max(0.0, self._delay(entry.ts, now))
            return self._gap_frame(None)
        return self._play(self._catch_up(entry, now), now)

    def ready(self, now: float) -> bool:
        """Would ``pop(now)`` return a :class:`Packet`? (Used to switch channels.)"""
        if not self._playing:
            return self._choose_start(now, commit=False) is not None
        assert self._last_seq is not None
        entry = self._buf.get(self._last_seq + 1)
        if entry is None:
            return False
        return (
            entry.ts - self._play_ts < self._step
            or self._delay(entry.ts, now) >= self._target_s() - _EPS
        )

    def new_numbering(self) -> None:
        """The stream starts again with numbers of its own (a restarted hub numbers each
        channel afresh): continue the timeline from the next packet, whatever its numbers.

        Without this, a listener that missed the new numbering's marked first packet
        could take its packets for late ones of the old numbering, and play silence.
        """
        self._renumbered = True

    def standby(self) -> None:
        """This buffer stops being heard; keep feeding it. The next pop joins live."""
        self._playing = False
        self._join_live = True
        self._run = 0
        self._can_conceal = False
        self._pending_resync = False
        self._skipped.clear()
        self._deadline = None
        self._acc = 0.0
        self._delay_s = 0.0
        self._held = 0
        self._settle(stopped=False)  # heard, whatever came next
        self._pop_mins.clear()
        self._last_pop = None
        self._trim()

    def inherit(self, other: JitterBuffer) -> None:
        """Start from another buffer's delay statistics (same link, other channel)."""
        if len(other._hist) == len(self._hist):
            self._hist = list(other._hist)
            self._samples = other._samples
            self._quantile_s = other._quantile_s
        if other._samples:
            self._start_s = 0.0  # the link is known: no start target
        if other._age_clock < other._cover_end:
            self._cover_s = other._cover_s
            self._cover_end = self._age_clock + other._cover_end - other._age_clock
        self._jitter = other._jitter
        self._step = other._step

    def scaled(self, delta: int) -> None:
        """The last :class:`Packet`'s audio, whose ``want`` was not 0, was played ``delta``
        samples longer (or shorter); 0 if it could not be changed."""
        if not delta:
            self._scale_wait = _SCALE_RETRY
            return
        self._produced += delta
        self._allowance = max(0.0, self._allowance - abs(delta))
        if delta > 0:
            self._stretched += 1
        else:
            self._shrunk += 1

    @property
    def fresh(self) -> bool:
        """No delay statistics learned yet (less than one interval of arrivals)."""
        return self._samples == 0

    @property
    def stats(self) -> JitterStats:
        return JitterStats(
            target_ms=self._target_s() * 1000,
            delay_ms=(self._delay_s + (self._queued / CLOCK_RATE if self._playing else 0.0)) * 1000,
            buffered_ms=self._buffered_ticks() * 1000 / CLOCK_RATE,
            jitter_ms=self._jitter * 1000,
            received=self._received,
            duplicates=self._duplicates,
            late=self._late,
            lost=self._lost,
            played=self._played,
            concealed=self._concealed,
            gaps=self._gaps,
            silent=self._silent,
            dropped_catchup=self._dropped_catchup,
            dropped_overflow=self._dropped_overflow,
            expired=self._expired,
            underruns=self._underruns,
            resyncs=self._resyncs,
            stretched=self._stretched,
            shrunk=self._shrunk,
            stopped=self._stopped + (self._stall is not None),
            trailing=self._trailing + self._stall_concealed,
        )

    # --- Playout internals ---------------------------------------------------------------

    def _target_s(self) -> float:
        """The delay to play at: what was learned, or the margin if higher."""
        start = self._start_s * max(0.0, 1.0 - self._age_clock / _START_FADE_S)
        cover = self._cover_s if self._age_clock < self._cover_end else 0.0
        return self._bounded(max(self._learned_s(), start, cover))

    def _learned_s(self) -> float:
        return self._quantile_s if self._samples else self._interval_max

    def _bounded(self, target: float) -> float:
        ceiling = max(self._min_s, self._max_s - self._step / CLOCK_RATE)
        return min(max(target, self._min_s), ceiling)

    def _delay(self, ts: int, now: float) -> float:
        return now - ts / CLOCK_RATE - self._mins[0][1]

    def _front_ts(self) -> int:
        """Timestamp of the playout point, or of the next packet if it is earlier."""
        assert self._last_seq is not None
        entry = self._buf.get(self._last_seq + 1)
        if entry is not None and entry.ts < self._play_ts:
            return entry.ts
        return self._play_ts

    def _buffered_ticks(self) -> int:
        if not self._buf:
            return 0
        start = self._play_ts if self._playing else min(e.ts for e in self._buf.values())
        return max(0, self._high_ts + self._step - start)

    def _choose_start(self, now: float, *, commit: bool) -> _Entry | None:
        """Where playback (re)starts, if it may start now.

        A stream that resumes right where it stopped (a stall longer than
        the maximum) continues from its oldest frame within the maximum, so
        no speech is skipped that catch-up can keep. Anything else (a first
        start, a channel joined, a resume after lost frames) joins live: the
        newest frame whose delay has reached the target.
        """
        if not self._buf:
            return None
        keys = sorted(self._buf)
        last = self._last_seq
        fresh = 0
        while fresh < len(keys) and self._delay(self._buf[keys[fresh]].ts, now) > self._max_s:
            if last is None or keys[fresh] > last:
                last = keys[fresh]
            fresh += 1
        if commit:
            for key in keys[:fresh]:
                self._discard_idle(key)
        if fresh == len(keys):
            return None
        target = self._target_s() + (SCALE_MIN / CLOCK_RATE if self._timescale else 0.0) - _EPS
        start = self._buf[keys[fresh]]
        if self._join_live or last is None or start.seq != last + 1:
            # Join: the oldest frame close enough to the target, else the
            # newest one that has reached it.
            for key in keys[fresh:]:
                candidate = self._buf[key]
                if self._delay(candidate.ts, now) <= target + _JOIN_SLACK_S:
                    start = candidate
                    break
            if self._delay(start.ts, now) > target + _JOIN_SLACK_S:
                for key in reversed(keys[fresh:]):
                    if self._delay(self._buf[key].ts, now) >= target:
                        start = self._buf[key]
                        break
        if self._delay(start.ts, now) < target:
            return None
        return start

    def _begin(self, start: _Entry) -> None:
        continues = (
            not self._join_live and self._last_seq is not None and start.seq == self._last_seq + 1
        )
        for key in [k for k in self._buf if k < start.seq]:
            del self._buf[key]
            self._expired += 1
        self._pending_resync = not continues
        self._last_seq = start.seq - 1
        self._play_ts = start.ts
        self._playing = True
        self._join_live = False
        self._deadline = None
        self._acc = 0.0
        self._pop_mins.clear()

    def _discard_idle(self, key: int) -> None:
        del self._buf[key]
        if self._join_live:
            self._expired += 1
        else:
            self._dropped_overflow += 1
        if self._last_seq is None or key > self._last_seq:
            self._last_seq = key

    def _discard_oldest(self) -> None:
        """Give up the frame at the front (hard maximum)."""
        if not self._playing:
            self._discard_idle(min(self._buf))
            return
        assert self._last_seq is not None
        v = self._last_seq + 1
        entry = self._buf.get(v)
        if entry is None:
            self._skip_hole()
            return
        if entry.ts > self._play_ts:
            # A pause in the stream: skipping it costs no audio.
            self._play_ts = entry.ts
            return
        del self._buf[v]
        self._last_seq = v
        self._advance(entry.ts + self._step)
        self._dropped_overflow += 1
        self._carry(entry)

    def _skip_hole(self) -> None:
        """Skip the hole at the playout point to the next packet present.

        Its frames are lost, as many as the sequence numbers say, but no more than
        its timestamps leave room for: a sender's numbers may skip thousands at once.
        """
        assert self._last_seq is not None
        v = self._last_seq + 1
        first = min(self._buf)
        room = -(-(self._buf[first].ts - self._play_ts) // self._step)
        self._lost += max(0, min(first - v, room))
        self._last_seq = first - 1
        self._advance(min(self._play_ts + self._step * (first - v), self._buf[first].ts))

    def _advance(self, ts: int) -> None:
        """Move the playout point to ``ts``, never back: a sender whose timestamps go back
        while its sequence numbers go on must not stretch the timeline held past the maximum."""
        if ts > self._play_ts:
            self._play_ts = ts

    def _carry(self, entry: _Entry) -> None:
        self._skipped.append(entry.payload)
        if len(self._skipped) > _CARRY:
            del self._skipped[0]
        if entry.marker:
            self._pending_resync = True

    def _missing(self, now: float) -> Playout:
        assert self._last_seq is not None
        self._delay_s = self._delay(self._play_ts, now)
        if not self._buf:
            # Underrun: over TCP the packet is coming; hold the playout point.
            if self._run == 0:
                self._underruns += 1
                self._stall = (self._last_seq + 1, self._play_ts)
            self._held += 1
            return self._gap_frame(None)
        if not self._timescale and self._delay_s < self._target_s() + self._hole_wait_s - _EPS:
            return self._gap_frame(None)  # perhaps only reordered: wait a little
        v = self._last_seq + 1
        self._last_seq = v
        self._lost += 1
        self._play_ts += self._step
        following = self._buf.get(v + 1)
        return self._gap_frame(following.payload if following is not None else None)

    def _gap_frame(self, fec: bytes | None) -> Playout:
        samples = self._step
        limit = math.ceil(self._conceal_s * CLOCK_RATE / samples - _EPS)
        self._gaps += self._run == 0 and self._can_conceal  # not before anything played
        if self._can_conceal and self._run < limit:
            self._run += 1
            self._concealed += 1
            self._stall_concealed += self._stall is not None
            return Conceal(self._run, samples, self._run == limit, fec)
        self._run += 1
        self._can_conceal = False
        self._silent += 1
        return Silence(samples)

    def _catch_up(self, entry: _Entry, now: float) -> _Entry:
        """Drop frames ahead of ``entry`` while the delay is above target.

        Without levels the drops are spread evenly up to the deadline. With
        levels, quiet frames go first (two of every three in a pause, so
        words do not run together), and speech is dropped only just in time
        for the deadline, one frame in three at most, at the quietest point
        of each slot.
        """
        step_s = self._step / CLOCK_RATE
        window = _SCALE_WINDOW_S if self._timescale else 0.0
        excess = int((self._delay(entry.ts, now) - self._target_s() - window + _EPS) / step_s)
        if excess < 1:
            self._deadline = None
            self._acc = 0.0
            return entry
        if self._deadline is None:
            self._deadline = now + self._catchup_s
        remaining = max(1.0, (self._deadline - now) / step_s)
        self._acc += excess / remaining
        forced = 0
        quiet_run = 0
        while excess >= 1:
            following = self._buf.get(entry.seq + 1)
            if following is None or not 0 <= following.ts - entry.ts <= self._step:
                # Never drop into an underrun or across a pause; nor onto a frame whose
                # timestamp goes back (a hostile sender's): it may be older than the maximum.
                break
            if entry.level is None:
                if self._acc < 1.0:
                    break
                self._acc -= 1.0
            elif entry.level >= self._quiet_level and quiet_run < _QUIET_RUN:
                quiet_run += 1
            else:
                slots = excess * _SLOT
                if forced and remaining > 1.0:
                    break
                if slots < remaining - _SLOT:
                    break  # the pauses still have time to absorb it
                if slots < remaining and self._quieter_ahead(entry):
                    break  # due, but a quieter frame comes within the slot
                forced += 1
            del self._buf[entry.seq]
            self._last_seq = entry.seq
            self._dropped_catchup += 1
            self._carry(entry)
            entry = following
            excess -= 1
        return entry

    def _want(self, entry: _Entry) -> int:
        """Samples to add to (remove from) ``entry``'s audio to bring the delay to the target.

        The target here is also the worst lateness of the interval under way, so that a run
        of late packets is met by stretching before its statistics are in; the delay is kept
        from :data:`SCALE_MIN` to a frame and more above it, and the caller's queued surplus
        is shrunk. Speech earns :data:`SCALE_RATE` of each frame's length; a quiet frame may
        change by a period.
        """
        step = self._step
        quiet = entry.level is not None and entry.level >= self._quiet_level
        self._quiet_run = self._quiet_run + 1 if quiet else 0
        pause = entry.level is None or self._quiet_run >= _PAUSE
        if self._scale_wait:
            self._scale_wait -= 1
            return 0
        if quiet:
            self._allowance = _SCALE_MAX
        else:
            self._allowance = min(_SCALE_MAX, self._allowance + SCALE_RATE * step)
        target = self._target_s()
        need = self._bounded(self._learned_s())
        if not self._draining and self._interval_start is not None:
            late = min(self._interval_max, self._max_s - step / CLOCK_RATE)
            target, need = max(target, late), max(need, late)
        error = round((self._delay_s - target) * CLOCK_RATE)
        allowed = int(self._allowance)
        if error < SCALE_MIN:  # aim a little above: lateness may be growing
            if not pause and self._delay_s * CLOCK_RATE >= need * CLOCK_RATE + SCALE_MIN:
                return 0  # only the margin is missing: stretch it in in a pause
            return min(step + SCALE_MIN - error, allowed)  # up to a frame: a voice's period
        # The delay seen at the pop moves a frame at a time (a stretched frame's surplus is
        # queued ahead of the next frames, which are still taken at the same times), hence a
        # frame and a period of dead band for it: a stretch lands at most a frame above the
        # aim, and the engine's clock may read a little late. Above the band, shrink by up to
        # a frame: the shortened output may take the next frame a block early, still on time.
        # The queued surplus is heard but protects nothing: shrink it once the delay heard is
        # two periods above the aim; that moves no pop.
        queued = self._queued
        if queued + error < 3 * SCALE_MIN:
            return 0
        excess = queued + (error - SCALE_MIN if error >= step + 2 * SCALE_MIN else 0)
        if excess < SCALE_MIN:
            return 0
        if not pause:
            if excess < _SPEECH_SHRINK:
                return 0  # nothing is late: wait for a pause
            excess -= _SPEECH_SHRINK - SCALE_MIN
        return -min(excess, allowed, step)

    def _quieter_ahead(self, entry: _Entry) -> bool:
        assert entry.level is not None
        for k in range(entry.seq + 1, entry.seq + _SLOT):
            other = self._buf.get(k)
            if other is not None and other.level is not None and other.level > entry.level:
                return True
        return False

    def _settle(self, *, stopped: bool) -> None:
        """The stall under way (see :attr:`JitterStats.stopped`) was a stop, or not."""
        if stopped and self._stall is not None:
            self._stopped += 1
            self._trailing += self._stall_concealed
        self._stall = None
        self._stall_concealed = 0

    def _play(self, entry: _Entry, now: float) -> Packet:
        if self._stall is not None:
            seq, ts = self._stall
            went_on = entry.ts - ts <= (entry.seq - seq) * self._step
            self._settle(stopped=entry.marker or self._pending_resync or not went_on)
        del self._buf[entry.seq]
        self._last_seq = entry.seq
        self._delay_s = self._delay(entry.ts, now)
        self._advance(entry.ts + self._step)
        resync = self._pending_resync or entry.marker
        if resync or self._run:
            # The scaler's history is silence, a fade or another source: nothing to match yet.
            self._scale_wait = _SCALE_RETRY
        packet = Packet(
            entry.payload,
            entry.raw_seq,
            entry.raw_ts,
            resync=resync,
            after_gap=self._run > 0,
            skipped=tuple(self._skipped),
            want=self._want(entry) if self._timescale else 0,
        )
        self._skipped.clear()
        self._pending_resync = False
        self._run = 0
        self._held = 0
        self._can_conceal = True
        self._played += 1
        self._resyncs += resync
        return packet


K = TypeVar("K")


class ChannelSwitch(Generic[K]):
    """Which channel's buffer is heard, switched make-before-break.

    ``switch_to`` names the next channel; the current one keeps playing until
    the new buffer is ready (holds a frame at the target delay), then the new
    one plays from that same pop, with ``resync=True`` so the caller
    crossfades. The key returned with each instruction tells the caller
    which channel's decoder to use.
    """

    def __init__(self, frame_ms: float = 10.0) -> None:
        self._silence = Silence(round(frame_ms * CLOCK_RATE / 1000))
        self._current: tuple[K, JitterBuffer] | None = None
        self._pending: tuple[K, JitterBuffer] | None = None

    @property
    def current(self) -> K | None:
        return None if self._current is None else self._current[0]

    @property
    def pending(self) -> K | None:
        return None if self._pending is None else self._pending[0]

    def switch_to(self, key: K, buffer: JitterBuffer) -> None:
        if self._current is not None and self._current[1] is buffer:
            self._pending = None
            return
        if self._current is not None and buffer.fresh:
            buffer.inherit(self._current[1])
        buffer.standby()
        self._pending = (key, buffer)

    def pop(self, now: float, queued: int = 0) -> tuple[K | None, Playout]:
        """The buffer heard and its instruction; ``queued`` as for :meth:`JitterBuffer.pop`."""
        if self._pending is not None and (self._current is None or self._pending[1].ready(now)):
            if self._current is not None:
                self._current[1].standby()
            self._current, self._pending = self._pending, None
        if self._current is None:
            return None, self._silence
        key, buffer = self._current
        return key, buffer.pop(now, queued)

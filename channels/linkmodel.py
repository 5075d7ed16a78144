"""How a TCP connection delivers a stream: send times in, arrival times out, sans-I/O.

rsi.v1 carries media over a WebSocket, so over TCP: nothing is ever lost, but
a lost segment is sent again, and every packet behind it waits in the
receiver's kernel until it is there (head-of-line blocking), then all of
them reach the application at once. This module turns the times a stream's
packets are sent into the times the application can read them, on a model
of one path, with a seeded generator, so that a benchmark or a test can play
the same network weather again and again, in virtual time, faster than real
time. It owns no socket and no clock. :func:`deliver` takes a whole stream
at once (the benchmarks); :class:`TcpStream` takes it chunk by chunk as it is
sent and says when each chunk is due (:mod:`channels.linkrelay` runs it
between a real client and a hub, the study kit's impaired participant).

The model
---------

- Every transmission of a packet (the first, and each retransmission) takes
  ``one_way_ms`` plus a random extra delay, uniform in ``[0, jitter_ms]``,
  drawn for each transmission on its own: ``jitter_ms`` is the peak-to-peak
  spread of the path's delay. The reverse path (ACKs) takes ``one_way_ms``.
- Every transmission is lost with probability ``loss``, independently of
  the others (no bursts).
- A lost transmission is sent again when the sender notices, in one of two
  ways (``recovery``):

  ``"rto"``: the retransmission timer, RFC 6298 as Linux computes it,
  ``RTO = SRTT + max(4 * RTTVAR, rto_min)`` with ``rto_min`` = 200 ms, so
  about RTT + 200 ms (for a uniform jitter of spread J, SRTT = RTT + J / 2
  and 4 * RTTVAR = J). A transmission lost again waits twice as long
  (exponential backoff). This is the worst case: a sender that learns of
  the loss from nothing else.

  ``"fast"``: RACK (RFC 8985, Linux's default loss detection since 4.18).
  A stream of a packet every 10 ms keeps acknowledgements coming, so the
  sender learns of a loss when a packet sent after the lost one is
  acknowledged (selectively) and a reordering window of ``min RTT / 4`` has
  passed since the lost one should have been acknowledged: it resends at
  ``max(ack of that later packet, sent + RTT + RTT_min / 4)``, where RTT is
  the later packet's. A lost retransmission is detected the same way.
  When no later packet gets through (the end of the stream) the
  retransmission timer above takes over, where Linux would send a tail
  loss probe a little sooner.

- The receiver hands packets to the application in order: a packet is
  readable at the later of its own arrival and the previous packet's.

Congestion control is left out: a 64 kb/s stream never fills a congestion
window, halved or not, on a path that carries it at all. Delayed ACKs are
left out too: with SACK, the receiver acknowledges at once out of order.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

Recovery = Literal["rto", "fast"]
RECOVERIES: tuple[Recovery, ...] = ("rto", "fast")

Times = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class TcpPath:
    """One direction of a TCP path and its loss recovery. Times in milliseconds."""

    one_way_ms: float = 20.0
    jitter_ms: float = 0.0
    loss: float = 0.0
    recovery: Recovery = "rto"
    rto_min_ms: float = 200.0

    def __post_init__(self) -> None:
        if not (math.isfinite(self.one_way_ms) and self.one_way_ms >= 0):
            raise ValueError(f"one_way_ms must be a finite number >= 0, not {self.one_way_ms!r}")
        if not (math.isfinite(self.jitter_ms) and self.jitter_ms >= 0):
            raise ValueError(f"jitter_ms must be a finite number >= 0, not {self.jitter_ms!r}")
        if not 0 <= self.loss <= 0.5:
            raise ValueError(f"loss must be a probability in [0, 0.5], not {self.loss!r}")
        if self.recovery not in RECOVERIES:
            raise ValueError(f"recovery must be one of {RECOVERIES}, not {self.recovery!r}")
        if not (math.isfinite(self.rto_min_ms) and self.rto_min_ms > 0):
            raise ValueError(f"rto_min_ms must be a finite number > 0, not {self.rto_min_ms!r}")

    @property
    def rto_s(self) -> float:
        """The first retransmission timeout: SRTT + max(4 RTTVAR, rto_min), as Linux sets it."""
        srtt = 2 * self.one_way_ms + self.jitter_ms / 2
        return (srtt + max(self.jitter_ms, self.rto_min_ms)) / 1000


@dataclass(frozen=True, slots=True)
class Delivery:
    """What the path did to each packet of the stream, in send order."""

    arrival: Times
    """When the application can read each packet (seconds, non-decreasing)."""
    received: Times
    """When each packet's successful transmission reached the receiver's kernel."""
    transmissions: npt.NDArray[np.int64]
    """How many times each packet was sent: 1 unless it was lost."""

    @property
    def retransmitted(self) -> int:
        """Packets that had to be sent again."""
        return int(np.count_nonzero(self.transmissions > 1))

    @property
    def held(self) -> int:
        """Packets that reached the receiver but waited behind an earlier one."""
        return int(np.count_nonzero(self.arrival > self.received))


def deliver(send_times: npt.ArrayLike, path: TcpPath, *, seed: int) -> Delivery:
    """When each packet, sent at ``send_times`` (seconds, non-decreasing), can be read.

    The same ``seed`` gives the same weather. First transmissions are drawn
    from their own generator, so two paths that differ only in ``recovery``
    lose the same packets the first time.
    """
    sent = np.asarray(send_times, dtype=np.float64)
    if sent.ndim != 1:
        raise ValueError(f"send_times must be one-dimensional, not of shape {sent.shape}")
    if sent.size and not np.all(np.isfinite(sent)):
        raise ValueError("send_times must be finite")
    if np.any(np.diff(sent) < 0):
        raise ValueError("send_times must not decrease: TCP sends a stream in order")
    first_rng, retry_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
    n = sent.size
    one_way = path.one_way_ms / 1000
    jitter = path.jitter_ms / 1000
    flight = one_way + first_rng.uniform(0.0, jitter, n)
    lost = first_rng.random(n) < path.loss
    received = sent + flight
    transmissions = np.ones(n, dtype=np.int64)
    # Later packets whose first transmission got through: the ones whose
    # (selective) acknowledgements tell a RACK sender of an earlier loss.
    through = np.flatnonzero(~lost)
    rtt_min = 2 * one_way
    for i in np.flatnonzero(lost):
        at = float(sent[i])
        rto = path.rto_s
        while True:
            transmissions[i] += 1
            at = _noticed(at, rto, sent, flight, through, path.recovery, rtt_min, one_way)
            rto *= 2
            trip, again = _retransmit(path, retry_rng)
            if not again:
                received[i] = at + trip
                break
    return Delivery(np.maximum.accumulate(received), received, transmissions)


def _noticed(
    at: float,
    rto: float,
    sent: Times,
    flight: Times,
    through: npt.NDArray[np.intp],
    recovery: Recovery,
    rtt_min: float,
    one_way: float,
) -> float:
    """When the sender resends a transmission sent at ``at`` and lost."""
    if recovery == "fast":
        k = int(np.searchsorted(sent[through], at, side="right"))
        if k < through.size:
            j = through[k]
            return _rack(at, float(sent[j]), float(flight[j]) + one_way, rtt_min)
    return at + rto


def _rack(at: float, later_sent: float, later_rtt: float, rtt_min: float) -> float:
    """RACK: when a transmission sent at ``at`` is resent, learnt from a later packet's ack."""
    return max(later_sent + later_rtt, at + later_rtt + rtt_min / 4)


def _retransmit(path: TcpPath, rng: np.random.Generator) -> tuple[float, bool]:
    """One retransmission: its time on the path (seconds), and whether it is lost too."""
    trip = path.one_way_ms / 1000 + rng.uniform(0.0, path.jitter_ms / 1000)
    return trip, bool(rng.random() < path.loss)


CLEAN: Final = TcpPath(one_way_ms=0.0)
"""A path that adds nothing: what :class:`TcpStream` follows when not impaired."""


@dataclass(slots=True)
class _Chunk:
    data: bytes
    received: float | None
    """When it reached the receiver (seconds); None while a lost transmission is pending."""


@dataclass(slots=True)
class _Lost:
    chunk: _Chunk
    path: TcpPath
    at: float
    """When the lost transmission was sent."""
    rto: float
    """Its retransmission timeout (doubling with each loss of the same chunk)."""


@dataclass
class TcpStream:
    """One direction of a TCP connection, chunk by chunk, in time: sans-I/O.

    Give it each chunk as it is sent (:meth:`send`, with the time), ask when
    the next one is due (:meth:`next_due`) and take the ones due by then
    (:meth:`receive`); they come out whole and in order, each when the model
    of :func:`deliver` says it (and every chunk before it) reached the
    receiver. A chunk is one packet: its first transmission is delayed,
    jittered and lost on the path in force when it is sent; a lost one is
    resent on RACK, when a later chunk sent within the retransmission
    timeout gets through, or else on the timeout (as :func:`deliver` does at
    the end of a stream). :meth:`impair` sets the path for chunks sent until
    a given time (then :data:`CLEAN` again); :meth:`hold` delivers nothing
    until a given time (an outage: what was due comes out then, in order).
    The same ``seed`` and the same calls give the same deliveries.
    """

    seed: int
    clean: TcpPath = CLEAN
    _impaired: tuple[TcpPath, float] | None = field(default=None, init=False)
    _held_until: float = field(default=-math.inf, init=False)
    _chunks: deque[_Chunk] = field(default_factory=deque, init=False)
    _lost: list[_Lost] = field(default_factory=list, init=False)
    _first: np.random.Generator = field(init=False)
    _retry: np.random.Generator = field(init=False)

    def __post_init__(self) -> None:
        self._first, self._retry = (
            np.random.default_rng(s) for s in np.random.SeedSequence(self.seed).spawn(2)
        )

    def path(self, now: float) -> TcpPath:
        """The path a chunk sent at ``now`` takes."""
        if self._impaired is not None and now < self._impaired[1]:
            return self._impaired[0]
        return self.clean

    def impair(self, path: TcpPath, until: float) -> None:
        """Chunks sent from now until ``until`` (seconds) take ``path``."""
        self._impaired = (path, until)

    def hold(self, until: float) -> None:
        """Deliver nothing before ``until`` (seconds); the connection stays open."""
        self._held_until = max(self._held_until, until)

    def send(self, now: float, data: bytes) -> None:
        """A chunk sent at ``now`` (seconds, not before the previous one)."""
        self._expire(now)
        path = self.path(now)
        flight = path.one_way_ms / 1000 + self._first.uniform(0.0, path.jitter_ms / 1000)
        lost = bool(self._first.random() < path.loss)
        chunk = _Chunk(data, None if lost else now + flight)
        self._chunks.append(chunk)
        if not lost:
            rtt = flight + path.one_way_ms / 1000
            for pending in [p for p in self._lost if p.at < now and p.path.recovery == "fast"]:
                self._lost.remove(pending)
                rtt_min = 2 * pending.path.one_way_ms / 1000
                self._resend(pending, _rack(pending.at, now, rtt, rtt_min))
        if lost:
            self._lost.append(_Lost(chunk, path, now, path.rto_s))

    def next_due(self) -> float | None:
        """When to call :meth:`receive` next (seconds), or None until something is sent."""
        times = [p.at + p.rto for p in self._lost]
        if self._chunks and self._chunks[0].received is not None:
            times.append(max(self._chunks[0].received, self._held_until))
        return min(times, default=None)

    def receive(self, now: float) -> list[bytes]:
        """The chunks due by ``now``, in the order they were sent."""
        self._expire(now)
        out: list[bytes] = []
        if now < self._held_until:
            return out
        while self._chunks:
            received = self._chunks[0].received
            if received is None or received > now:
                break
            out.append(self._chunks.popleft().data)
        return out

    @property
    def in_flight(self) -> int:
        """Chunks sent and not yet received."""
        return len(self._chunks)

    def _expire(self, now: float) -> None:
        """Resend, on the timeout, every lost transmission whose timeout has passed by ``now``."""
        while expired := [p for p in self._lost if p.at + p.rto <= now]:
            for pending in expired:
                self._lost.remove(pending)
                self._resend(pending, pending.at + pending.rto)

    def _resend(self, pending: _Lost, at: float) -> None:
        trip, again = _retransmit(pending.path, self._retry)
        if again:
            self._lost.append(_Lost(pending.chunk, pending.path, at, pending.rto * 2))
        else:
            pending.chunk.received = at + trip

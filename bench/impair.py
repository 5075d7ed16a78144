"""How a TCP connection delivers a packet stream: send times in, arrival times out, sans-I/O.

rsi.v1 carries media over a WebSocket, so over TCP: nothing is ever lost, but
a lost segment is sent again, and every packet behind it waits in the
receiver's kernel until it is there (head-of-line blocking), then all of
them reach the application at once. This module turns the times a stream's
packets are sent into the times the application can read them, on a model
of one path, with a seeded generator, so that a benchmark or a test can play
the same network weather again and again, in virtual time, faster than real
time. It owns no socket and no clock.

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
from dataclasses import dataclass
from typing import Literal

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
            trip = one_way + retry_rng.uniform(0.0, jitter)
            if retry_rng.random() >= path.loss:
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
            rtt = float(flight[j]) + one_way
            return max(float(sent[j]) + rtt, at + rtt + rtt_min / 4)
    return at + rto

"""The jitter buffer under scripted network weather, all in virtual time.

A sender produces one packet every 10 ms; a network model gives each packet
its arrival time (TCP keeps order: a packet held back holds back everything
behind it, as a WebSocket does); a playout clock pops every 10 ms. Each
scenario checks the behaviour the console relies on; `simulate` also returns
the figures (latency, concealment) to compare settings with.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audio.jitter import (
    CLOCK_RATE,
    ChannelSwitch,
    Conceal,
    JitterBuffer,
    JitterStats,
    Packet,
    Playout,
    Silence,
)

FRAME_S = 0.010
TICKS = CLOCK_RATE // 100
PHASE = 0.0037
"""Where the playout clock ticks within the sender's 10 ms period."""


# --- The simulator -----------------------------------------------------------------------


@dataclass
class Sent:
    index: int
    seq: int
    ts: int
    send: float
    marker: bool = False
    level: int | None = None


def stream(
    n: int,
    *,
    start: float = 0.0,
    seq0: int = 65_000,
    ts0: int = 2**32 - 3 * CLOCK_RATE,
    first_index: int = 0,
) -> list[Sent]:
    """``n`` consecutive 10 ms packets; numbering starts near the wrap on purpose."""
    return [
        Sent(
            first_index + i,
            (seq0 + i) & 0xFFFF,
            (ts0 + i * TICKS) & 0xFFFFFFFF,
            start + i * FRAME_S,
        )
        for i in range(n)
    ]


def tcp(sent: Sequence[Sent], delays: Sequence[float]) -> list[float]:
    """Arrival times over an in-order transport: nobody overtakes a late packet."""
    arrivals: list[float] = []
    last = float("-inf")
    for packet, delay in zip(sent, delays, strict=True):
        last = max(last, packet.send + delay)
        arrivals.append(last)
    return arrivals


def datagrams(sent: Sequence[Sent], delays: Sequence[float]) -> list[float]:
    """Arrival times when packets may overtake each other."""
    return [p.send + d for p, d in zip(sent, delays, strict=True)]


@dataclass
class Run:
    pops: list[tuple[float, Playout]] = field(default_factory=list)
    played: list[tuple[float, int]] = field(default_factory=list)
    """(pop time, index) of every Packet played."""
    skipped: list[int] = field(default_factory=list)
    stats: list[tuple[float, JitterStats]] = field(default_factory=list)
    sends: dict[int, float] = field(default_factory=dict)

    def latencies(self, after: float = float("-inf")) -> list[float]:
        return [t - self.sends[i] for t, i in self.played if t >= after]

    def gap_frames(self, after: float = float("-inf"), before: float = float("inf")) -> int:
        """Pops that output no real audio while the stream was running."""
        first, last = self.played[0][0], self.played[-1][0]
        return sum(
            1
            for t, out in self.pops
            if not isinstance(out, Packet) and first < t < last and after <= t < before
        )

    def frames(self, after: float = float("-inf"), before: float = float("inf")) -> int:
        first, last = self.played[0][0], self.played[-1][0]
        return sum(1 for t, _ in self.pops if first <= t <= last and after <= t < before)

    def concealed_pct(self, after: float = float("-inf")) -> float:
        return 100.0 * self.gap_frames(after) / self.frames(after)

    def stat_at(self, when: float) -> JitterStats:
        return next(s for t, s in self.stats if t >= when)


def index_of(payload: bytes) -> int:
    return int.from_bytes(payload, "big")


def simulate(
    jb: JitterBuffer,
    sent: Sequence[Sent],
    arrivals: Sequence[float],
    *,
    until: float | None = None,
    phase: float = PHASE,
    check: Callable[[JitterBuffer, float], None] | None = None,
) -> Run:
    """Deliver each packet at its arrival time and pop every 10 ms of playout."""
    order = sorted(range(len(sent)), key=lambda k: (arrivals[k], k))
    end = until if until is not None else max(arrivals) + 1.0
    run = Run(sends={p.index: p.send for p in sent})
    j = 0
    k = 0
    while True:
        now = phase + k * FRAME_S
        if now > end:
            return run
        while j < len(order) and arrivals[order[j]] <= now:
            p = sent[order[j]]
            jb.push(p.seq, p.ts, p.marker, p.index.to_bytes(4, "big"), arrivals[order[j]], p.level)
            j += 1
            if check is not None:
                check(jb, now)
        out = jb.pop(now)
        run.pops.append((now, out))
        if isinstance(out, Packet):
            run.played.append((now, index_of(out.payload)))
            run.skipped.extend(index_of(s) for s in out.skipped)
        run.stats.append((now, jb.stats))
        if check is not None:
            check(jb, now)
        k += 1


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def played_in_order(run: Run) -> None:
    indices = [i for _, i in run.played]
    assert indices == sorted(set(indices)), "a frame played twice or out of order"


def relative_delays(sent: Sequence[Sent], arrivals: Sequence[float]) -> list[float]:
    transit = [a - p.send for p, a in zip(sent, arrivals, strict=True)]
    low = min(transit)
    return [t - low for t in transit]


# --- Scenarios ---------------------------------------------------------------------------


def test_no_jitter_settles_at_the_minimum() -> None:
    sent = stream(3000)
    jb = JitterBuffer(min_delay_ms=10, max_delay_ms=300)
    run = simulate(jb, sent, tcp(sent, [0.020] * len(sent)))

    assert [i for _, i in run.played] == list(range(len(sent)))
    assert run.gap_frames() == 0
    lat = run.latencies()
    # 20 ms of path, then the first pop whose delay reaches the 10 ms minimum.
    assert max(lat) - min(lat) < 1e-6
    assert 0.030 <= lat[0] < 0.040
    s = run.stat_at(run.played[-1][0])  # before the end of the stream
    assert s.target_ms == 10
    assert s.concealed == s.dropped_catchup == s.late == s.underruns == 0


def test_thirty_ms_of_jitter_is_learned_and_covered() -> None:
    rng = random.Random(30)
    sent = stream(3000)  # 30 s
    arrivals = tcp(sent, [0.020 + rng.uniform(0, 0.030) for _ in sent])
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=300)
    run = simulate(jb, sent, arrivals)

    played_in_order(run)
    r = relative_delays(sent, arrivals)
    target = run.stat_at(10.0).target_ms / 1000
    assert target >= percentile(r, 0.95)
    assert target <= max(r) + 0.002
    assert run.concealed_pct() < 1.0
    assert run.concealed_pct(after=2.0) < 0.2
    assert len(run.played) + jb.stats.dropped_catchup + jb.stats.late >= len(sent) - 1
    assert percentile(run.latencies(after=2.0), 0.99) < 0.020 + 0.030 + 0.015


def test_swapped_packets_are_played_in_order() -> None:
    sent = stream(1000)
    delays = [0.020] * len(sent)
    swapped = list(range(100, 1000, 97))
    for i in swapped:
        delays[i] = 0.0315  # overtaken by the next packet, which arrives 1.5 ms earlier
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=300)
    run = simulate(jb, sent, datagrams(sent, delays))

    assert [i for _, i in run.played] == list(range(len(sent)))
    assert jb.stats.late == jb.stats.lost == 0


def tcp_stall(sent: Sequence[Sent], at: int, stall: float, base: float = 0.020) -> list[float]:
    delays = [base] * len(sent)
    delays[at] += stall
    return tcp(sent, delays)


def test_a_retransmission_burst_is_concealed_then_caught_up_within_a_second() -> None:
    sent = stream(3000)
    at = 2000  # 20 s in: the delay statistics are mature
    arrivals = tcp_stall(sent, at, 0.200)
    jb = JitterBuffer(min_delay_ms=10, max_delay_ms=400)
    run = simulate(jb, sent, arrivals)

    played_in_order(run)
    burst = arrivals[at]
    stall = [out for t, out in run.pops if sent[at].send + 0.030 < t < burst]
    assert stall and all(not isinstance(out, Packet) for out in stall)
    assert any(isinstance(out, Conceal) for out in stall)
    before = run.stat_at(burst - 0.3)
    assert run.stat_at(burst).delay_ms > 150
    back = run.stat_at(burst + 1.0)
    assert back.target_ms == before.target_ms
    assert back.delay_ms < back.target_ms + 10
    assert max(run.latencies(after=burst + 1.0)) <= max(run.latencies(after=1.0)[:1500])
    assert jb.stats.late == 0  # TCP loses nothing: every frame played or dropped on purpose
    assert len(run.played) + jb.stats.dropped_catchup == len(sent)


def test_catch_up_drops_quiet_frames_when_levels_are_given() -> None:
    rng = random.Random(6464)
    sent = stream(3000)
    for p in sent:  # speech in bursts of words with short pauses between them
        p.level = 70 if (p.index // 7) % 4 == 0 else rng.randint(15, 35)
    at = 2000
    arrivals = tcp_stall(sent, at, 0.200)
    jb = JitterBuffer(min_delay_ms=10, max_delay_ms=400)
    run = simulate(jb, sent, arrivals)

    played_in_order(run)
    dropped = set(range(len(sent))) - {i for _, i in run.played}
    assert len(dropped) == jb.stats.dropped_catchup >= 15
    assert sum(sent[i].level == 70 for i in dropped) >= 0.75 * len(dropped)
    back = run.stat_at(arrivals[at] + 1.0)
    assert back.delay_ms < back.target_ms + 10


def test_without_levels_drops_are_spread_out() -> None:
    sent = stream(3000)
    at = 2000
    arrivals = tcp_stall(sent, at, 0.200)
    run = simulate(JitterBuffer(min_delay_ms=10, max_delay_ms=400), sent, arrivals)

    dropped = sorted(set(range(len(sent))) - {i for _, i in run.played})
    assert dropped == run.skipped and len(dropped) >= 15
    gaps = [b - a for a, b in itertools.pairwise(dropped)]
    assert min(gaps) >= 2  # never two frames in a row


def lossy_tcp(sent: Sequence[Sent], loss: float, seed: int, rto: float = 0.200) -> list[float]:
    rng = random.Random(seed)
    delays = [0.020 + rng.uniform(0, 0.002) + (rto if rng.random() < loss else 0.0) for _ in sent]
    return tcp(sent, delays)


@pytest.mark.parametrize("loss", [0.02, 0.05])
def test_tcp_loss_becomes_late_arrival_and_is_covered(loss: float) -> None:
    sent = stream(3000)
    arrivals = lossy_tcp(sent, loss, seed=int(loss * 1000))
    jb = JitterBuffer(min_delay_ms=10, max_delay_ms=400)
    run = simulate(jb, sent, arrivals, check=within_maximum)

    played_in_order(run)
    assert jb.stats.late == 0
    assert len(run.played) + jb.stats.dropped_catchup == len(sent)
    # Stalls come every second or so: the target rises to span them ...
    assert run.stat_at(10.0).target_ms >= 150
    # ... so after the first few, almost nothing is concealed.
    assert run.concealed_pct(after=5.0) < 1.0


def within_maximum(jb: JitterBuffer, now: float) -> None:
    s = jb.stats
    assert s.buffered_ms <= 400 + 1e-6
    assert s.delay_ms <= 400 + 1e-6


@pytest.mark.parametrize("stall", [0.35, 1.5])
def test_the_hard_maximum_holds_at_every_pop(stall: float) -> None:
    sent = stream(2000)
    arrivals = tcp_stall(sent, 1000, stall)

    def check(jb: JitterBuffer, now: float) -> None:
        s = jb.stats
        assert s.buffered_ms <= 300 + 1e-6
        assert s.delay_ms <= 300 + 1e-6

    jb = JitterBuffer(min_delay_ms=10, max_delay_ms=300)
    run = simulate(jb, sent, arrivals, check=check)
    played_in_order(run)
    assert max(run.latencies()) <= 0.020 + 0.300 + 1e-6
    assert jb.stats.dropped_overflow > 0
    back = run.stat_at(arrivals[1000] + 1.0)
    assert back.delay_ms < back.target_ms + 10


def test_after_an_outage_the_backlog_older_than_the_maximum_is_not_played() -> None:
    """A link down for 3 s, then TCP drains the backlog at three times real time (slow start).

    The first packets of the backlog arrive alone, seconds late: measured
    against a reference that expired during the outage they would look on
    time, and the listener would hear the meeting seconds behind until
    catch-up won it back. Against the stream's own timeline they are as late
    as they are, and the hard maximum skips them.
    """
    sent = stream(1500)
    out, back = 500, 3.0  # the outage starts with packet 500 (5 s in) and lasts 3 s
    t_out = sent[out].send
    arrivals = []
    for i, packet in enumerate(sent):
        normal = packet.send + 0.020
        arrival = normal if i < out else max(normal, t_out + back + (packet.send - t_out) / 3)
        arrivals.append(max(arrival, arrivals[-1]) if arrivals else arrival)
    jb = JitterBuffer(min_delay_ms=10, max_delay_ms=400)
    run = simulate(jb, sent, arrivals, check=within_maximum)
    played_in_order(run)
    assert max(run.latencies()) <= 0.020 + 0.400 + 1e-6
    drained = next(
        arrivals[i] for i in range(out, len(sent)) if arrivals[i] == sent[i].send + 0.020
    )
    after = run.stat_at(drained + 1.0)
    assert after.delay_ms < after.target_ms + 10
    # The outage is not jitter: the target is what it was before it.
    assert after.target_ms == run.stat_at(t_out - 0.1).target_ms
    assert jb.stats.dropped_overflow > 0


def test_a_marker_resynchronises_to_a_jumped_timeline() -> None:
    first = stream(1000)
    # A new source: its own numbering and timestamps, and a 40 ms pause.
    second = stream(1000, start=10.04, seq0=1234, ts0=987_654_321, first_index=1000)
    second[0].marker = True
    sent = first + second
    arrivals = tcp(sent, [0.020] * len(sent))
    jb = JitterBuffer(min_delay_ms=10, max_delay_ms=300)
    run = simulate(jb, sent, arrivals)

    assert [i for _, i in run.played] == list(range(len(sent)))
    resyncs = [(t, out) for t, out in run.pops if isinstance(out, Packet) and out.resync]
    assert [index_of(out.payload) for _, out in resyncs] == [0, 1000]
    switch_time = resyncs[1][0]
    assert switch_time - arrivals[1000] <= 0.010 + 0.010 + 1e-9
    assert run.gap_frames() <= 5  # the 40 ms pause, nothing more
    s = jb.stats
    assert s.late == s.lost == s.dropped_catchup == s.dropped_overflow == 0
    lat = run.latencies()
    assert max(lat) - min(lat) < 0.010


def test_a_marker_with_a_continuous_timeline_plays_without_a_gap() -> None:
    # The hub's handover: the new speaker's first packet continues seq and ts.
    sent = stream(600)
    sent[300].marker = True
    run = simulate(JitterBuffer(), sent, tcp(sent, [0.02] * len(sent)))
    assert run.gap_frames() == 0
    marked = [out for _, out in run.pops if isinstance(out, Packet) and out.resync]
    assert [index_of(out.payload) for out in marked] == [0, 300]


def test_a_restarted_hubs_numbering_plays_once_announced_even_without_its_marker() -> None:
    # A fresh hub numbers the channel from 0; 2.5 s later it restarts and numbers it from 0
    # again. This listener reconnects after the speaker did: it missed the marked packet
    # and the first 30, so the numbers look like late ones of the old numbering.
    before = stream(250, seq0=0, ts0=TICKS)
    after = stream(300, start=4.0, seq0=30, ts0=31 * TICKS, first_index=250)
    sent = before + after
    arrivals = tcp(sent, [0.020] * len(sent))
    welcomed = [False]

    def welcome(jb: JitterBuffer, now: float) -> None:
        if now >= 3.9 and not welcomed[0]:  # the engine's welcome from the new hub
            jb.new_numbering()
            welcomed[0] = True

    jb = JitterBuffer()
    run = simulate(jb, sent, arrivals, check=welcome)
    assert [i for _, i in run.played] == list(range(len(sent)))
    assert jb.stats.late == 0
    resyncs = [
        index_of(out.payload) for _, out in run.pops if isinstance(out, Packet) and out.resync
    ]
    assert resyncs == [0, 250]  # a new stream: decoder reset, crossfaded
    assert max(run.latencies(after=4.5)) < 0.1  # on the new timeline, not seconds behind


# --- Details -----------------------------------------------------------------------------


def test_duplicates_are_ignored_and_late_packets_counted() -> None:
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=200)
    jb.push(10, 4800, False, b"a", 0.0)
    jb.push(10, 4800, False, b"a", 0.001)
    out = jb.pop(0.005)
    assert isinstance(out, Packet) and out.payload == b"a" and out.resync
    jb.push(10, 4800, False, b"a", 0.006)  # a duplicate of something played
    jb.push(12, 5760, False, b"c", 0.02)
    assert isinstance(jb.pop(0.015), Conceal)  # hold for 11: it may be only reordered
    assert isinstance(jb.pop(0.025), Conceal)
    jb.push(11, 5280, False, b"b", 0.026)
    assert [jb.pop(0.035 + k * 0.01) for k in range(2)] == [
        Packet(b"b", 11, 5280, after_gap=True),
        Packet(b"c", 12, 5760),
    ]
    jb.push(9, 4320, False, b"z", 0.04)
    s = jb.stats
    assert (s.duplicates, s.late, s.received) == (2, 1, 4)


@pytest.mark.parametrize(
    ("step", "learned"),
    [
        pytest.param(120, 120, id="2.5ms"),
        pytest.param(360, 360, id="7.5ms"),
        pytest.param(960, 960, id="20ms"),
        pytest.param(5760, 5760, id="120ms"),
        pytest.param(479, 480, id="479"),
        pytest.param(481, 480, id="481"),
        pytest.param(1, 480, id="1"),
        pytest.param(5880, 480, id="over-120ms"),
    ],
)
def test_only_an_opus_packet_duration_is_learned_as_the_step(step: int, learned: int) -> None:
    """Gap frames last one step, and libopus conceals only whole 2.5 ms: a step that is
    no Opus packet duration (a hostile sender's timestamps) must never be learned."""
    jb = JitterBuffer(min_delay_ms=0)
    for k in range(8):
        jb.push(k, k * step, False, bytes([k]), k * step / CLOCK_RATE)
    now = 7 * step / CLOCK_RATE + 0.001
    gaps = set()
    for _ in range(12):  # what was sent, then the underrun
        out = jb.pop(now)
        if not isinstance(out, Packet):
            gaps.add(out.samples)
        now += (out.samples if not isinstance(out, Packet) else max(step, 120)) / CLOCK_RATE
    assert gaps == {learned}


def test_timestamps_479_apart_with_one_packet_in_five_missing_play_and_conceal_10_ms() -> None:
    """The attack of issue 13: the buffer learned 479, and each gap asked libopus to
    conceal 479 samples, which it refuses."""
    outlines, figures = [], []
    for ticks in (479, 480):  # the hostile stream, and the same stream honestly numbered
        sent = [p for p in stream(500, ts0=0) if p.index % 5 != 4]
        for p in sent:
            p.ts = p.index * ticks
        jb = JitterBuffer()
        run = simulate(jb, sent, tcp(sent, [0.02] * len(sent)))
        outlines.append(
            [(t, out if not isinstance(out, Packet) else "play") for t, out in run.pops]
        )
        figures.append(jb.stats)
    assert outlines[0] == outlines[1]  # every gap a 10 ms Conceal or Silence, as if honest
    stats, honest = figures
    assert (stats.lost, stats.late, stats.played) == (honest.lost, 0, honest.played)
    assert stats.lost == 99  # the holes, each given up once


def test_a_packet_off_the_streams_numbering_is_received_and_late_never_more() -> None:
    """Strays (an unconfirmed jump) and stale packets are counted as received and late,
    so the loss ratio (lost + late) / (received + lost) stays within [0, 1]."""
    jb = JitterBuffer(min_delay_ms=0)
    for k in range(5):
        jb.push(k, k * 480, False, b"x", k * 0.01)
    rng = random.Random(3)
    for k in range(200):  # each one a jump that the next one does not confirm
        jb.push(rng.randrange(0x10000), rng.randrange(2**32), False, b"?", 0.05 + k * 0.001)
    s = jb.stats
    assert s.received == 205
    assert 0 < s.late <= s.received
    assert 0 <= (s.lost + s.late) / (s.received + s.lost) <= 1


def test_sequence_numbers_that_skip_while_the_timestamps_run_on_lose_nothing() -> None:
    """A sender's numbers jump by 2,000 (less than a new stream's) and its timestamps do
    not: no frame is missing. The hole was walked one number per pop: 20 s of silence,
    and 2,000 frames counted lost."""
    sent = stream(300, seq0=0, ts0=0)
    for p in sent[100:]:
        p.seq = (p.seq + 2000) & 0xFFFF
    jb = JitterBuffer()
    run = simulate(jb, sent, tcp(sent, [0.02] * len(sent)))
    assert [i for _, i in run.played] == list(range(300))
    assert run.gap_frames() == 0
    assert jb.stats.lost == 0


# Found by the receive-path fuzzer (python -m bench.fuzz --targets receive), shrunk:
# sequence numbers that go on while timestamps go back. Each op: ("push", seq, ts,
# marker, arrival) or ("pop", now).
TIMESTAMPS_GOING_BACK = {
    "playout-point-moved-back": [
        ("push", 1145, 873964700, False, 0.222),
        ("push", 64489, 873992305, False, 0.416),
        ("push", 45700, 874008023, False, 0.530),
        ("push", 45701, 874008502, False, 0.540),
        ("push", 45708, 874014263, False, 0.540),
        ("push", 26083, 3849294657, False, 0.872),
        ("push", 26084, 3849300417, False, 0.882),
        ("push", 26087, 3849306656, False, 0.952),
        ("pop", 1.1337),
        ("push", 26100, 3849320335, False, 1.168),
        ("push", 26099, 3849320815, False, 1.178),
        ("push", 26118, 3849339661, False, 1.392),
        ("pop", 1.3937),
    ],
    "catch-up-onto-an-older-frame": [
        ("push", 3730, 423196244, False, 0.390),
        ("pop", 0.4137),
        ("push", 6729, 423202485, False, 0.420),
        ("push", 6730, 423202605, False, 0.430),
        ("push", 9730, 423203086, False, 0.432),
        ("push", 9731, 423203206, False, 0.434),
        ("push", 12731, 423203687, False, 0.454),
        ("push", 12730, 423204166, True, 0.454),
        ("push", 12732, 423211365, False, 0.494),
        ("push", 15733, 423223846, False, 0.516),
        ("push", 15734, 423224327, False, 0.526),
        ("push", 15735, 423224447, False, 0.536),
        ("push", 18735, 423224448, False, 0.586),
        ("push", 18736, 423230208, False, 0.586),
        ("pop", 0.6137),
        ("pop", 0.6737),
    ],
}


@pytest.mark.parametrize("script", TIMESTAMPS_GOING_BACK.values(), ids=TIMESTAMPS_GOING_BACK)
def test_timestamps_that_go_back_never_break_the_hard_maximum(script: list[tuple]) -> None:
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=400)
    for op in script:
        if op[0] == "pop":
            jb.pop(op[1])
        else:
            jb.push(op[1], op[2], op[3], b"", op[4])
        assert jb.stats.buffered_ms <= 400 + 1e-6
        assert jb.stats.delay_ms <= 400 + 1e-6


def test_concealment_fades_to_silence_after_100_ms() -> None:
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=400)
    jb.push(1, 0, False, b"x", 0.0)
    assert isinstance(jb.pop(0.001), Packet)
    outs = [jb.pop(0.011 + k * 0.01) for k in range(14)]
    assert outs[:10] == [Conceal(n, 480, fade_out=n == 10) for n in range(1, 11)]
    assert outs[10:] == [Silence(480)] * 4
    assert jb.stats.underruns == 1 and jb.stats.concealed == 10
    assert jb.stats.gaps == 1  # 100 ms concealed, then silence: one interruption
    jb.push(2, 480, False, b"y", 0.15)  # the stall ends: the held frame still plays
    out = jb.pop(0.151)
    assert out == Packet(b"y", 2, 480, after_gap=True)


@pytest.mark.parametrize(
    ("next_packet", "stopped"),
    [
        ((2, 480, False), False),  # the held frame, late: concealment in the speech
        ((2, 480 + 30 * 480, False), True),  # the sender paused: its timestamps jump
        ((2, 480, True), True),  # a new stream
    ],
    ids=["late", "paused", "new-stream"],
)
def test_concealment_after_the_stream_stopped_is_told_from_concealment_in_it(
    next_packet: tuple[int, int, bool], stopped: bool
) -> None:
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=400, timescale=True)
    jb.push(1, 0, False, b"x", 0.0)
    assert isinstance(jb.pop(0.005), Packet)
    for k in range(14):
        jb.pop(0.015 + k * 0.01)
    # Nothing has gone on from where the playout point waits: a stop so far.
    assert (jb.stats.underruns, jb.stats.concealed) == (1, 10)
    assert (jb.stats.stopped, jb.stats.trailing) == (1, 10)
    seq, ts, marker = next_packet
    jb.push(seq, ts, marker, b"y", 0.15)
    for k in range(40):
        if isinstance(jb.pop(0.155 + k * 0.01), Packet):
            break
    else:
        pytest.fail("the next packet was never played")
    assert (jb.stats.stopped, jb.stats.trailing) == ((1, 10) if stopped else (0, 0))
    assert (jb.stats.underruns, jb.stats.concealed, jb.stats.gaps) == (1, 10, 1)


def test_each_run_of_frames_missing_is_one_gap_however_long() -> None:
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=400)
    kinds = []
    for k in range(16):
        if k + 1 not in (4, 5, 9):  # two packets lost, then one
            jb.push(k + 1, k * 480, False, b"x", k * 0.01)
        kinds.append(type(jb.pop(k * 0.01 + 0.005)).__name__)
    # The buffer ran empty at 4 and held for a late packet before giving 4 and 5 up.
    assert kinds == ["Packet"] * 3 + ["Conceal"] * 4 + ["Packet"] * 3 + ["Conceal"] + ["Packet"] * 5
    assert (jb.stats.concealed, jb.stats.underruns, jb.stats.gaps) == (5, 1, 2)


def test_an_underrun_that_outlasts_the_maximum_is_a_stop() -> None:
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=200, timescale=True)
    jb.push(1, 0, False, b"x", 0.0)
    assert isinstance(jb.pop(0.005), Packet)
    for k in range(30):
        jb.pop(0.015 + k * 0.01)
    jb.push(2, 480, False, b"y", 0.4)  # far behind: played from a new start
    for k in range(30):
        jb.pop(0.41 + k * 0.01)
    assert (jb.stats.stopped, jb.stats.trailing, jb.stats.concealed) == (1, 10, 10)


def test_the_start_target_fades_over_the_first_3_s_of_arrivals() -> None:
    jb = JitterBuffer(min_delay_ms=0, start_ms=40, timescale=True)
    targets = []
    for k in range(500):
        jb.push(k, k * 480, False, b"x", k * 0.01)
        jb.pop(k * 0.01 + 0.0437)
        targets.append(jb.stats.target_ms)
    assert targets[0] == pytest.approx(40, abs=0.2)
    assert targets[150] == pytest.approx(20, abs=0.5)
    assert targets[-1] <= 1.0  # what the clean arrivals teach
    assert jb.stats.played > 0 and jb.stats.concealed == 0


def late_packet_targets(late_s: float, ticks: int) -> tuple[JitterBuffer, list[float]]:
    """The target after each pop, packet 300 coming ``late_s`` late (and TCP holding the next
    ones behind it), with ``late_cover=2``."""
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=400, timescale=True, late_cover=2)
    arrivals = [max(k * 0.01, 3.0 + late_s if k >= 300 else 0.0) for k in range(ticks)]
    pushed = 0
    targets = []
    for tick in range(3000):
        now = tick * 0.01 + 0.0037
        while pushed < len(arrivals) and arrivals[pushed] <= now:
            jb.push(pushed, pushed * 480, False, b"x", arrivals[pushed])
            pushed += 1
        jb.pop(now)
        targets.append(jb.stats.target_ms)
    return jb, targets


def test_a_packet_after_an_underrun_raises_the_target_at_once_for_20_s() -> None:
    jb, targets = late_packet_targets(0.05, 3000)
    assert jb.stats.underruns == 1
    assert targets[300] < 5  # before it
    assert max(targets[350:360]) >= 95  # at once: twice its lateness
    assert min(targets[400:2200]) >= 95  # held for 20 s of arrivals
    assert targets[2500] < 60  # then what the histogram keeps


def test_the_cover_of_a_late_packet_doubles_only_up_to_half_the_maximum() -> None:
    assert max(late_packet_targets(0.15, 500)[1]) == pytest.approx(200, abs=1)
    assert max(late_packet_targets(0.25, 500)[1]) == pytest.approx(250, abs=1)


def test_a_buffer_that_inherits_a_known_link_has_no_start_target() -> None:
    known = JitterBuffer(min_delay_ms=0, start_ms=40, late_cover=2)
    for k in range(400):
        known.push(k, k * 480, False, b"x", k * 0.01)
        known.pop(k * 0.01 + 0.0437)
    fresh = JitterBuffer(min_delay_ms=0, start_ms=40, late_cover=2)
    fresh.inherit(known)
    assert fresh.stats.target_ms == known.stats.target_ms < 5


def test_a_hole_is_skipped_with_an_fec_hint() -> None:
    jb = JitterBuffer(min_delay_ms=10, max_delay_ms=400, hole_wait_ms=20)
    for k in (0, 1, 3, 4, 5, 6):
        jb.push(k, k * 480, False, bytes([k]), k * 0.01)
    outs = [jb.pop(0.0101 + k * 0.01) for k in range(6)]
    assert [type(o).__name__ for o in outs] == [
        "Packet",
        "Packet",
        "Conceal",
        "Conceal",
        "Conceal",
        "Packet",
    ]
    assert outs[4] == Conceal(3, 480, fec=b"\x03")
    assert outs[5] == Packet(b"\x03", 3, 1440, after_gap=True)
    assert jb.stats.lost == 1
    jb.push(2, 960, False, b"\x02", 0.07)
    assert jb.stats.late == 1


def test_sequence_and_timestamp_wrap() -> None:
    sent = stream(400, seq0=65_500, ts0=2**32 - 100 * TICKS)
    run = simulate(JitterBuffer(), sent, tcp(sent, [0.02] * len(sent)))
    assert [i for _, i in run.played] == list(range(len(sent)))
    assert run.gap_frames() == 0


def test_twenty_ms_packets() -> None:
    sent = [
        Sent(i, i, i * 2 * TICKS, i * 2 * FRAME_S)  # one packet per 20 ms
        for i in range(500)
    ]
    arrivals = tcp(sent, [0.02] * len(sent))
    jb = JitterBuffer(min_delay_ms=10)
    order = iter(range(len(sent)))
    nxt: int | None = next(order)
    played: list[int] = []
    now = PHASE
    while len(played) < len(sent):
        while nxt is not None and arrivals[nxt] <= now:
            p = sent[nxt]
            jb.push(p.seq, p.ts, False, index_of_bytes(p.index), arrivals[nxt])
            nxt = next(order, None)
        out = jb.pop(now)
        if isinstance(out, Packet):
            played.append(index_of(out.payload))
            now += 0.020  # a decoded packet fills 20 ms of output
        else:
            now += 0.010
    assert played == list(range(len(sent)))
    assert jb.stats.concealed == 0


def index_of_bytes(i: int) -> bytes:
    return i.to_bytes(4, "big")


def test_dtx_pause_restarts_at_the_target_delay() -> None:
    # A pause in the sender (DTX, cough): seq continues, the timestamp jumps.
    talk = stream(300)
    after = stream(300, start=5.0, seq0=(65_000 + 300) & 0xFFFF, first_index=300)
    for p in after:
        p.ts = (talk[0].ts + round(p.send * CLOCK_RATE)) & 0xFFFFFFFF
    sent = talk + after
    jb = JitterBuffer(min_delay_ms=30, max_delay_ms=300)
    run = simulate(jb, sent, tcp(sent, [0.02] * len(sent)))
    assert [i for _, i in run.played] == list(range(len(sent)))
    lat = run.latencies()
    assert max(lat) - min(lat) < 0.011
    assert jb.stats.resyncs == 1  # only the first start: the decoder continues after DTX
    restart = next(
        out for _, out in run.pops if isinstance(out, Packet) and out.seq == after[0].seq
    )
    assert restart.after_gap and not restart.resync


def test_arguments_are_checked() -> None:
    with pytest.raises(ValueError):
        JitterBuffer(min_delay_ms=100, max_delay_ms=100)
    with pytest.raises(ValueError):
        JitterBuffer(quantile=1.0)
    with pytest.raises(ValueError):
        JitterBuffer(frame_ms=0)
    with pytest.raises(ValueError, match="Opus packet duration"):
        JitterBuffer(frame_ms=7)


def test_stats_feed_the_protocol_report() -> None:
    sent = stream(300)
    jb = JitterBuffer(min_delay_ms=20)
    simulate(jb, sent, tcp(sent, [0.02] * len(sent)), until=2.0)
    assert 20 <= jb.stats.buffer_ms < 30
    assert jb.stats.jitter_ms < 0.01


# --- Switching channels ------------------------------------------------------------------


def two_channels(switch_at: float, listen_both_from: float | None) -> tuple[list[int], float, int]:
    """Play channel A, switch to B at ``switch_at``.

    Returns the indices played, the gap in seconds, and B's first frame sent.

    The hub delivers A until the switch takes effect there (RTT/2 = 20 ms
    later), and B from then on, or from ``listen_both_from`` when the
    console may listen to both for a while.
    """
    rng = random.Random(7)
    a = stream(1500, seq0=100, ts0=10_000)
    b = stream(1500, seq0=40_000, ts0=3_000_000_000, first_index=10_000)
    effect = switch_at + 0.020
    b_from = listen_both_from if listen_both_from is not None else effect
    a = [p for p in a if p.send < effect]
    b = [p for p in b if p.send >= b_from]
    events = [(p.send + 0.020 + rng.uniform(0, 0.01), "a", p) for p in a]
    events += [(p.send + 0.020 + rng.uniform(0, 0.01), "b", p) for p in b]
    events.sort(key=lambda e: (e[0], e[1], e[2].index))
    buffers = {"a": JitterBuffer(min_delay_ms=10), "b": JitterBuffer(min_delay_ms=10)}
    switch: ChannelSwitch[str] = ChannelSwitch()
    switch.switch_to("a", buffers["a"])
    played: list[tuple[float, str, int]] = []
    j = 0
    switched = False
    for k in range(1500):
        now = PHASE + k * FRAME_S
        while j < len(events) and events[j][0] <= now:
            t, key, p = events[j]
            buffers[key].push(p.seq, p.ts, p.marker, index_of_bytes(p.index), t)
            j += 1
        if not switched and now >= switch_at:
            switch.switch_to("b", buffers["b"])
            switched = True
        heard, out = switch.pop(now)
        if isinstance(out, Packet):
            if heard == "b" and (not played or played[-1][1] == "a"):
                assert out.resync
            played.append((now, heard or "", index_of(out.payload)))
    last_a = max(t for t, key, _ in played if key == "a")
    first_b = min(t for t, key, _ in played if key == "b")
    assert all(key == "b" for t, key, _ in played if t > last_a)
    return [i for _, _, i in played], first_b - last_a - FRAME_S, b[0].index


def test_switch_when_listening_to_both_has_no_gap() -> None:
    _, gap, _ = two_channels(switch_at=8.0, listen_both_from=7.0)
    assert gap < 1e-9


def test_switch_of_a_single_subscription_gaps_less_than_the_target() -> None:
    indices, gap, b_sent_first = two_channels(switch_at=8.0, listen_both_from=None)
    assert gap <= 0.010 + 0.010 + 1e-9  # target (learned ~10 ms of jitter) plus a frame
    b_first = next(i for i in indices if i >= 10_000)
    assert b_first == b_sent_first  # B plays from its first frame


def test_a_fresh_buffer_inherits_the_learned_delay() -> None:
    rng = random.Random(1)
    sent = stream(1500)
    old = JitterBuffer(min_delay_ms=0)
    simulate(old, sent, tcp(sent, [0.02 + rng.uniform(0, 0.04) for _ in sent]))
    new = JitterBuffer(min_delay_ms=0)
    assert new.fresh and new.stats.target_ms == 0
    switch: ChannelSwitch[int] = ChannelSwitch()
    switch.switch_to(1, old)
    switch.pop(31.0)
    switch.switch_to(2, new)
    assert new.stats.target_ms == old.stats.target_ms > 20


# --- Random long runs --------------------------------------------------------------------


@st.composite
def weather(draw: st.DrawFn) -> tuple[list[Sent], list[float], int]:
    n = draw(st.integers(50, 700))
    sent = stream(n, seq0=draw(st.integers(0, 0xFFFF)), ts0=draw(st.integers(0, 0xFFFFFFFF)))
    rng = random.Random(draw(st.integers(0, 2**32)))
    # A WebSocket keeps order; datagrams may not (and then numbering never jumps).
    ordered = draw(st.booleans())
    # Speaker changes (numbering jumps with a marker), DTX pauses, levels.
    shift_seq = shift_ts = 0
    pause = 0.0
    for p in sent[1:]:
        roll = rng.random()
        if roll < 0.01 and ordered:
            shift_seq = rng.randrange(0x10000)
            shift_ts = rng.randrange(2**32)
            p.marker = True
        elif roll < 0.015:
            p.marker = True  # the hub's handover: numbering continues
        elif roll < 0.025:
            pause += rng.choice((0.02, 0.1, 0.6))
        p.send += pause
        p.seq = (p.seq + shift_seq) & 0xFFFF
        p.ts = (p.ts + shift_ts + round(pause * CLOCK_RATE)) & 0xFFFFFFFF
        p.level = rng.choice((None, rng.randint(0, 127)))
    jitter = draw(st.sampled_from((0.0, 0.01, 0.05)))
    stall_p = draw(st.sampled_from((0.0, 0.005, 0.03)))
    stall = draw(st.sampled_from((0.05, 0.2, 0.7)))
    delays = [
        0.02 + rng.uniform(0, jitter) + (stall if rng.random() < stall_p else 0.0) for _ in sent
    ]
    arrivals = tcp(sent, delays) if ordered else datagrams(sent, delays)
    if draw(st.booleans()):  # duplicates, shortly after the original
        for k in range(n):
            if rng.random() < 0.05 and not sent[k].marker:
                sent.append(sent[k])
                arrivals.append(arrivals[k] + rng.uniform(0, 0.005))
    max_ms = draw(st.sampled_from((60, 150, 400)))
    return sent, arrivals, max_ms


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(weather())
def test_invariants_under_random_weather(case: tuple[list[Sent], list[float], int]) -> None:
    sent, arrivals, max_ms = case

    def check(jb: JitterBuffer, now: float) -> None:
        s = jb.stats
        assert s.buffered_ms <= max_ms + 1e-6
        assert s.delay_ms <= max_ms + 1e-6
        assert 0 <= s.target_ms <= max_ms - 10 + 1e-6

    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=max_ms)
    run = simulate(jb, sent, arrivals, check=check)
    played_in_order(run)  # never twice, never out of order (indices follow sending order)
    seen = {i for _, i in run.played} | set(run.skipped)
    assert len(seen) == len(run.played) + len(set(run.skipped))


Op = tuple[str, int, int, bool, "int | None", float]
ops = st.lists(
    st.tuples(
        st.sampled_from(("push", "near", "near", "pop", "pop", "pop", "standby")),
        st.integers(-3, 0xFFFF),
        st.integers(-2, 0xFFFFFFFF),
        st.booleans(),
        st.one_of(st.none(), st.integers(0, 127)),
        st.floats(0.0, 0.05),
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(ops, st.sampled_from((30, 100, 400)))
def test_arbitrary_input_never_breaks_the_buffer(script: list[Op], max_ms: int) -> None:
    jb = JitterBuffer(min_delay_ms=0, max_delay_ms=max_ms)
    now = 0.0
    seq = ts = payload = 0
    played: set[bytes] = set()
    for kind, a, b, marker, level, dt in script:
        if kind == "pop":
            now += dt
            out = jb.pop(now)
            if isinstance(out, Packet):
                assert out.payload not in played
                assert not played & set(out.skipped)
                played.add(out.payload)
            else:
                assert out.samples % 120 == 0  # whole 2.5 ms: what libopus can conceal
            assert jb.stats.delay_ms <= max_ms + 1e-6
        elif kind == "standby":
            jb.standby()
        else:
            if kind == "near":  # mostly a plausible stream, with slips
                seq, ts = (seq + a % 9 - 3) & 0xFFFF, (ts + 48 * (b % 43 - 2)) & 0xFFFFFFFF
                marker, level = False, None
            else:
                seq, ts = a & 0xFFFF, b & 0xFFFFFFFF
            payload += 1
            jb.push(seq, ts, marker, payload.to_bytes(4, "big"), now, level)
        assert jb.stats.buffered_ms <= max_ms + 1e-6
        assert jb.stats.late <= jb.stats.received


def held_up(machine: bool) -> tuple[JitterBuffer, Run]:
    """10 s of a clean link, and 40 ms every 2 s during which nothing is read: the loop that
    reads and pops was held up (``machine``: pops and reads come late together, the pops
    then one after another), or the link held the packets (the pops on time)."""
    sent = stream(1000)
    stalls = [2.0 * k + 1.0 for k in range(5)]

    def freed(t: float) -> float:
        return next((s + 0.040 for s in stalls if s <= t < s + 0.040), t)

    arrivals = [freed(p.send + 0.020) for p in sent]
    jb = JitterBuffer(min_delay_ms=0)
    run = Run(sends={p.index: p.send for p in sent})
    pushed = 0
    for k in range(1020):
        tick = PHASE + k * FRAME_S
        now = freed(tick) if machine else tick
        while pushed < len(sent) and arrivals[pushed] <= now:
            p = sent[pushed]
            jb.push(p.seq, p.ts, False, p.index.to_bytes(4, "big"), arrivals[pushed])
            pushed += 1
        out = jb.pop(now)
        run.pops.append((tick, out))
        if isinstance(out, Packet):
            run.played.append((tick, index_of(out.payload)))
    return jb, run


def test_this_machines_lateness_is_not_learned_as_the_links() -> None:
    """Packets read late after the machine held the loop up were in time for their pops,
    which came as late: the target stays where the link puts it, and nothing is concealed.
    The same 40 ms on the link is learned, and covered."""
    machine, run = held_up(machine=True)
    # A packet read after a pop was due may have come before it: up to a frame is learned.
    assert machine.stats.target_ms <= FRAME_S * 1000
    assert run.gap_frames() == 0 and machine.stats.dropped_catchup == 0
    link, _ = held_up(machine=False)
    assert link.stats.target_ms >= 30.0


@pytest.mark.parametrize("queued_ms", [20, 40])
def test_speech_is_shrunk_only_past_30_ms_else_a_pause_is(queued_ms: int) -> None:
    """A surplus of 20 ms waits for a pause (5 quiet frames in a row or more; 8 in every 50
    here): a period cut out of a pause is not heard, one cut out of speech is, and so is one
    cut out of a quiet frame within a word (the one quiet frame in the middle of each 50).
    A surplus of 40 ms is a backlog: speech is shrunk too, down to 30 ms above the aim, and
    the pause takes the rest."""
    sent = stream(1000)
    for p in sent:
        p.level = 90 if p.index % 50 in (12, *range(30, 38)) else 20
    jb = JitterBuffer(min_delay_ms=0, timescale=True)
    queued = queued_ms * CLOCK_RATE // 1000
    shrunk: list[tuple[int | None, int]] = []
    pushed = 0
    for k in range(1000):
        now = PHASE + k * FRAME_S
        while pushed < len(sent) and sent[pushed].send + 0.020 <= now:
            p = sent[pushed]
            jb.push(p.seq, p.ts, False, p.index.to_bytes(4, "big"), p.send + 0.020, p.level)
            pushed += 1
        out = jb.pop(now, queued)
        if isinstance(out, Packet) and out.want < 0:
            shrunk.append((index_of(out.payload) % 50, out.want))
    quiet = [want for at, want in shrunk if at in range(34, 38)]
    speech = [want for at, want in shrunk if at not in range(34, 38)]  # within words
    assert len(quiet) >= 15
    if queued_ms == 20:
        assert speech == []
    else:
        assert speech and all(-want <= queued - 30 * CLOCK_RATE // 1000 + 120 for want in speech)

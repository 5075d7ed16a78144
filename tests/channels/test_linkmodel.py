"""channels.linkmodel: the TCP delivery model, checked rule by rule on exact numbers.

With no jitter every delay in the model is a sum of known terms, so each
rule (in-order delivery, the retransmission timeout and its backoff, RACK's
detection, the tail falling back to the timer) is checked to the
microsecond; with jitter and loss the statistics are checked over a long
stream.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from channels.linkmodel import TcpPath, TcpStream, deliver

FRAME_S = 0.01
ONE_WAY_S = 0.02


def stream(n: int) -> np.ndarray:
    return np.arange(n) * FRAME_S


def lost_once(transmissions: np.ndarray) -> list[int]:
    return np.flatnonzero(transmissions == 2).tolist()


def test_a_clean_path_delays_every_packet_by_the_one_way_time():
    sent = stream(100)
    d = deliver(sent, TcpPath(), seed=1)
    np.testing.assert_allclose(d.arrival, sent + ONE_WAY_S)
    np.testing.assert_array_equal(d.received, d.arrival)
    assert (d.retransmitted, d.held) == (0, 0)
    assert d.transmissions.tolist() == [1] * 100


def test_jitter_is_spread_within_its_range_and_delivered_in_order():
    sent = stream(20_000)
    d = deliver(sent, TcpPath(jitter_ms=30.0), seed=2)
    extra = d.received - sent - ONE_WAY_S
    assert extra.min() >= 0.0 and extra.max() <= 0.030
    assert np.mean(extra) == pytest.approx(0.015, abs=0.001)  # uniform: half the spread
    # In order: a packet is readable when it and everything before it is there.
    np.testing.assert_array_equal(d.arrival, np.maximum.accumulate(d.received))
    assert np.all(np.diff(d.arrival) >= 0)
    # With 30 ms of spread and 10 ms between packets, many wait behind an earlier one.
    assert 0.1 * sent.size < d.held < 0.6 * sent.size
    assert d.retransmitted == 0


def test_the_same_seed_gives_the_same_weather_and_another_seed_other_weather():
    sent = stream(2000)
    path = TcpPath(jitter_ms=30.0, loss=0.05)
    a, b, c = (deliver(sent, path, seed=s) for s in (7, 7, 8))
    np.testing.assert_array_equal(a.arrival, b.arrival)
    np.testing.assert_array_equal(a.transmissions, b.transmissions)
    assert not np.array_equal(a.arrival, c.arrival)


def test_transmissions_are_lost_at_the_rate_asked():
    d = deliver(stream(50_000), TcpPath(loss=0.05), seed=3)
    sent_again = int(np.sum(d.transmissions - 1))
    # Each transmission is lost with p = 0.05: lost ones / all ones ~ p.
    assert sent_again / np.sum(d.transmissions) == pytest.approx(0.05, abs=0.005)


def test_rto_is_srtt_plus_the_larger_of_4_rttvar_and_rto_min():
    assert TcpPath().rto_s == pytest.approx(0.240)  # 40 ms RTT + 200 ms
    assert TcpPath(jitter_ms=30.0).rto_s == pytest.approx(0.040 + 0.015 + 0.200)
    assert TcpPath(jitter_ms=300.0, rto_min_ms=200.0).rto_s == pytest.approx(0.040 + 0.150 + 0.300)


def test_a_lost_packet_comes_an_rto_late_and_holds_back_every_packet_behind_it():
    sent = stream(1000)
    path = TcpPath(loss=0.01, recovery="rto")
    d = deliver(sent, path, seed=4)
    lost = lost_once(d.transmissions)
    assert lost, "the seed must lose at least one packet once"
    i = lost[0]
    assert d.received[i] == pytest.approx(sent[i] + path.rto_s + ONE_WAY_S)
    # Everything sent after it and received before it is readable with it, at once.
    behind = (np.arange(sent.size) > i) & (d.received < d.received[i])
    assert behind.sum() >= 20  # 240 ms of 10 ms packets
    np.testing.assert_array_equal(d.arrival[behind], np.maximum.accumulate(d.received)[behind])
    assert np.all(d.arrival[behind] >= d.received[i])


def test_a_packet_lost_twice_waits_twice_as_long_the_second_time():
    sent = stream(4000)
    path = TcpPath(loss=0.3, recovery="rto")
    d = deliver(sent, path, seed=5)
    twice = np.flatnonzero(d.transmissions == 3)
    assert twice.size
    i = twice[0]
    assert d.received[i] == pytest.approx(sent[i] + 3 * path.rto_s + ONE_WAY_S)


def test_rack_resends_once_a_later_packet_is_acknowledged_and_a_quarter_rtt_passed():
    sent = stream(1000)
    path = TcpPath(loss=0.01, recovery="fast")
    d = deliver(sent, path, seed=4)
    i = next(k for k in lost_once(d.transmissions) if d.transmissions[k + 1] == 1)
    # The next packet is acknowledged at sent + 10 ms + RTT (40 ms); the lost one
    # is due at sent + RTT + RTT/4 (50 ms); the later of the two, then one way.
    assert d.received[i] == pytest.approx(sent[i] + 0.050 + ONE_WAY_S)


def test_rack_waits_for_the_next_packet_that_gets_through():
    sent = stream(20_000)
    d = deliver(sent, TcpPath(loss=0.05, recovery="fast"), seed=6)
    pairs = [
        k
        for k in range(sent.size - 2)
        if d.transmissions[k] == 2 and d.transmissions[k + 1] > 1 and d.transmissions[k + 2] == 1
    ]
    assert pairs, "the seed must lose two packets in a row"
    i = pairs[0]
    # Packet i + 2 (sent 20 ms later) is the first whose acknowledgement comes.
    assert d.received[i] == pytest.approx(sent[i] + 0.020 + 0.040 + ONE_WAY_S)


def test_rack_falls_back_to_the_timer_at_the_end_of_the_stream():
    path = TcpPath(loss=0.5, recovery="fast")
    d = next(
        d for d in (deliver([0.0], path, seed=s) for s in range(100)) if d.transmissions[0] >= 3
    )
    # Nothing follows the only packet: each try waits the timer, doubled each time.
    tries = int(d.transmissions[0])
    expected = sum(path.rto_s * 2**k for k in range(tries - 1)) + ONE_WAY_S
    assert d.received[0] == pytest.approx(expected)


def test_rto_and_rack_lose_the_same_packets_with_the_same_seed():
    sent = stream(5000)
    rto = deliver(sent, TcpPath(loss=0.05, recovery="rto"), seed=9)
    fast = deliver(sent, TcpPath(loss=0.05, recovery="fast"), seed=9)
    np.testing.assert_array_equal(rto.transmissions, fast.transmissions)
    lost = rto.transmissions > 1
    # RACK notices a loss within 50 ms, the timer only after 240 ms.
    assert np.all(fast.received[lost] < rto.received[lost])
    assert fast.held < rto.held


def test_an_empty_stream_is_delivered_empty():
    d = deliver([], TcpPath(loss=0.1), seed=1)
    assert d.arrival.size == d.received.size == d.transmissions.size == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"one_way_ms": -1.0}, "one_way_ms"),
        ({"one_way_ms": float("inf")}, "one_way_ms"),
        ({"jitter_ms": -0.1}, "jitter_ms"),
        ({"jitter_ms": float("nan")}, "jitter_ms"),
        ({"loss": -0.01}, "loss"),
        ({"loss": 0.9}, "loss"),
        ({"recovery": "sack"}, "recovery"),
        ({"rto_min_ms": 0.0}, "rto_min_ms"),
    ],
)
def test_a_path_that_cannot_be_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TcpPath(**kwargs)


@pytest.mark.parametrize(
    ("send_times", "message"),
    [
        ([[0.0, 0.01]], "one-dimensional"),
        ([0.0, float("nan")], "finite"),
        ([0.0, 0.02, 0.01], "must not decrease"),
    ],
)
def test_send_times_that_tcp_could_not_send_are_refused(send_times, message):
    with pytest.raises(ValueError, match=message):
        deliver(send_times, TcpPath(), seed=1)


# --- TcpStream: the same model, chunk by chunk, in virtual time ----------------------------


def run_stream(s: TcpStream, sent: np.ndarray, until: float) -> list[tuple[float, bytes]]:
    """Send a chunk at each of ``sent`` and take each one when it is due: (time, chunk)."""
    out: list[tuple[float, bytes]] = []
    pending = [(float(t), str(i).encode()) for i, t in enumerate(sent)]
    now = 0.0
    while now <= until:
        due = s.next_due()
        next_send = pending[0][0] if pending else math.inf
        now = min(next_send, math.inf if due is None else due)
        if now == math.inf:
            break
        if now == next_send:
            s.send(now, pending.pop(0)[1])
        out += [(now, chunk) for chunk in s.receive(now)]
    return out


def test_a_clean_stream_passes_each_chunk_at_once_and_an_impaired_one_on_the_path():
    s = TcpStream(seed=1)
    s.send(0.0, b"a")
    assert s.receive(0.0) == [b"a"] and s.next_due() is None and s.in_flight == 0
    s.impair(TcpPath(one_way_ms=150.0), until=2.0)
    got = run_stream(s, np.array([1.0, 1.5, 2.0]), until=5.0)
    assert got == [(1.15, b"0"), (1.65, b"1"), (2.0, b"2")]  # clean again from 2 s on


def test_a_stream_with_jitter_keeps_order_and_repeats_with_its_seed():
    path = TcpPath(one_way_ms=150.0, jitter_ms=30.0)
    sent = stream(2000)

    def weather(seed: int) -> list[tuple[float, bytes]]:
        s = TcpStream(seed=seed)
        s.impair(path, until=math.inf)
        return run_stream(s, sent, until=100.0)

    got = weather(3)
    assert [c for _, c in got] == [str(i).encode() for i in range(sent.size)]  # all, in order
    lag = np.array([t for t, _ in got]) - sent
    assert lag.min() >= 0.150 and lag.max() <= 0.180 + 1e-9
    held = np.count_nonzero(np.diff([t for t, _ in got]) == 0)  # waited behind an earlier one
    assert held > 0.1 * sent.size
    assert weather(3) == got and weather(4) != got


@pytest.mark.parametrize("recovery", ["fast", "rto"])
def test_a_lost_chunk_is_resent_on_rack_or_the_timeout_and_holds_the_ones_behind(recovery):
    path = TcpPath(one_way_ms=20.0, loss=0.1, recovery=recovery)
    s = TcpStream(seed=5)
    s.impair(path, until=math.inf)
    sent = stream(1000)
    got = run_stream(s, sent, until=100.0)
    assert [c for _, c in got] == [str(i).encode() for i in range(sent.size)]
    lag = np.array([t for t, _ in got]) - sent
    worst = ONE_WAY_S + (path.rto_s if recovery == "rto" else 2 * ONE_WAY_S + FRAME_S * 3)
    # The model of deliver(): RACK resends about one RTT after the loss, the timer RTT + 200 ms.
    assert lag.min() == pytest.approx(ONE_WAY_S)
    assert worst < lag.max() < ONE_WAY_S + 15 * worst  # lost again: the timer doubles
    assert np.count_nonzero(lag > ONE_WAY_S + 1e-9) > 0.1 * sent.size  # head-of-line blocking


def test_the_tail_of_a_stream_falls_back_to_the_timer_and_an_outage_holds_then_releases():
    path = TcpPath(one_way_ms=20.0, loss=0.5, recovery="fast")
    seed = 0
    while True:  # a lone chunk that is lost: no later ack tells of it, the timer does
        s = TcpStream(seed=seed)
        s.impair(path, until=math.inf)
        s.send(0.0, b"x")
        if s.next_due() != pytest.approx(ONE_WAY_S):
            break
        seed += 1
    assert s.next_due() == pytest.approx(path.rto_s) and s.receive(path.rto_s) == []
    assert s.in_flight == 1
    o = TcpStream(seed=2)
    o.hold(until=3.0)
    got = run_stream(o, np.array([1.0, 2.0, 4.0]), until=10.0)
    assert got == [(3.0, b"0"), (3.0, b"1"), (4.0, b"2")]

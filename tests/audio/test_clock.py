"""The port clock (audio/clock.py) as the engine feeds it, in virtual time."""

from __future__ import annotations

import math

import pytest

from audio.clock import PortClock

PERIOD_S = 0.01
FIRST_TICK = 100.0023
WAKE_AFTER_S = 0.0003
"""The engine wakes this long after the tick it predicts (audio/engine.py)."""


def ticks_by(now: float) -> int:
    """Ticks the port has made by ``now``."""
    return max(0, math.floor((now - FIRST_TICK) / PERIOD_S) + 1)


def woken_lateness(seconds: float, *, port_times: bool) -> list[float]:
    """How long after the port's tick each block is taken by an engine that wakes at the
    predicted tick plus WAKE_AFTER_S and observes what it sees then (and, with
    ``port_times``, when the port's newest tick happened, as the ring's push notes it)."""
    clock = PortClock(PERIOD_S)
    now = FIRST_TICK + 0.0004
    clock.observe(now, ticks_by(now))  # a first look, 0.4 ms after a tick
    late = []
    while now < FIRST_TICK + seconds:
        due = clock.tick_time(ticks_by(now))
        assert due is not None
        now = max(due + WAKE_AFTER_S, now + 0.0002)
        seen = ticks_by(now)
        late.append(now - (FIRST_TICK + (seen - 1) * PERIOD_S))
        if port_times:
            clock.observe(FIRST_TICK + (seen - 1) * PERIOD_S, seen)
        clock.observe(now, seen)
    return late


def test_the_engines_own_looks_alone_let_the_estimate_creep_later():
    """Each look comes after the predicted tick: the tightest bound expires, the next is
    later (why the engine observes the ring's push times too)."""
    late = woken_lateness(20.0, port_times=False)
    assert late[-1] > 0.002


def test_the_ports_own_tick_times_keep_each_wake_up_just_after_the_tick():
    late = woken_lateness(20.0, port_times=True)
    assert max(late[100:]) == pytest.approx(WAKE_AFTER_S, abs=1e-6)

"""The playback lead's rule (audio/lead.py), in virtual time: one block every 10 ms."""

from __future__ import annotations

import pytest

from audio.lead import FALL_PER_S, HOLD_S, MARGIN_S, UNDERRUN_STEP_S, PlaybackLead

BLOCK_S = 0.01


def blocks(lead: PlaybackLead, start: float, seconds: float, late_s: float) -> float:
    """Blocks made ``late_s`` late for ``seconds`` from ``start``; returns the time after."""
    now = start
    for _ in range(round(seconds / BLOCK_S)):
        lead.made(now, late_s)
        now += BLOCK_S
    return now


def test_a_block_made_later_than_the_lead_raises_it_at_once_above_that_lateness():
    lead = PlaybackLead(0.003, 0.002, 0.012)
    now = blocks(lead, 0.0, 1.0, 0.0005)
    assert lead.lead_s == pytest.approx(0.003 - FALL_PER_S * 1.0, rel=0.05)  # slowly down
    lead.made(now, 0.006)
    assert lead.lead_s == pytest.approx(0.006 + MARGIN_S)


def test_the_lead_holds_while_the_lateness_is_in_the_window_then_comes_down_slowly():
    lead = PlaybackLead(0.003, 0.002, 0.012)
    lead.made(0.0, 0.008)
    now = blocks(lead, BLOCK_S, HOLD_S - 1, 0.0005)
    assert lead.lead_s == pytest.approx(0.009)
    now = blocks(lead, now, 2.0, 0.0005)  # the 8 ms leaves the window
    before = lead.lead_s
    now = blocks(lead, now, 5.0, 0.0005)
    assert before - lead.lead_s == pytest.approx(5.0 * FALL_PER_S, rel=0.05)
    blocks(lead, now, 120.0, 0.0005)
    assert lead.lead_s == pytest.approx(0.002)  # floor: 0.5 ms late + margin is under it


def test_the_lead_stays_between_its_floor_and_its_ceiling():
    lead = PlaybackLead(0.003, 0.002, 0.012)
    lead.made(0.0, 0.0115)
    assert lead.lead_s == pytest.approx(0.012)
    lead = PlaybackLead(0.003, 0.002, 0.012)
    lead.made(0.0, 0.050)  # a stall no lead can cover: it would only add delay
    assert lead.lead_s == pytest.approx(0.003)
    lead = PlaybackLead(0.003, 0.002, 0.012)
    blocks(lead, 0.0, 60.0, 0.0)
    assert lead.lead_s == pytest.approx(0.002)


def test_an_underrun_the_lateness_does_not_explain_raises_the_lead_a_step():
    lead = PlaybackLead(0.003, 0.002, 0.012)
    lead.underrun(0.0)
    assert lead.lead_s == pytest.approx(0.003 + UNDERRUN_STEP_S + MARGIN_S)
    for k in range(20):
        lead.underrun(0.01 * k)
    assert lead.lead_s == pytest.approx(0.012)  # up to the ceiling, not past it


def test_bad_bounds_are_refused():
    with pytest.raises(ValueError, match="min_s"):
        PlaybackLead(0.001, 0.002, 0.012)

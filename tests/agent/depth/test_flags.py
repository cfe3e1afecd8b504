"""Dormant (with the peak stage) and the rhythm flags cooling and lapsing."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest

YEAR = 365.25


def monthly_calls(history, last: float, count: int = 6, every: float = 35) -> None:
    for k in range(count):
        history.call(last + every * k)


def test_no_real_conversation_for_over_two_years_is_dormant(history):
    history.met(2.1 * YEAR)
    depth = history.assess().depth
    assert depth.flags == ("dormant",)
    assert depth.peak_stage == "acquainted"


def test_a_real_conversation_within_two_years_is_not_dormant(history):
    history.met(1.9 * YEAR)
    depth = history.assess().depth
    assert depth.flags == ()
    assert depth.peak_stage is None


def test_peak_stage_is_the_stage_as_of_the_last_real_conversation(history):
    monthly_calls(history, last=3 * YEAR, count=12)
    history.add("help", "them", 3 * YEAR + 60)
    history.add("help", "me", 3 * YEAR + 30)
    depth = history.assess().depth
    assert depth.peak_stage == "trusted"
    assert depth.stage == "acquainted"


def test_one_clicks_after_the_last_conversation_do_not_end_dormancy(history):
    history.met(3 * YEAR)
    history.likes("them", [10, 20])
    assert history.assess().depth.flags == ("dormant",)


def test_undated_conversations_never_make_a_tie_dormant(history):
    history.met(None)
    depth = history.assess().depth
    assert depth.flags == () and depth.peak_stage is None


def test_never_talking_is_not_dormant(history):
    history.connected(5 * YEAR)
    assert history.assess().depth.flags == ()


@pytest.mark.parametrize(
    ("days_since", "flags"),
    [(100, ()), (110, ("cooling",)), (275, ("cooling",)), (285, ("lapsing",))],
)
def test_rhythm_flags_compare_the_gap_with_the_usual_one(history, days_since, flags):
    monthly_calls(history, last=days_since)
    assert history.assess().depth.flags == flags


def test_rhythm_needs_three_episodes(history):
    monthly_calls(history, last=300, count=2)
    assert history.assess().depth.flags == ()


def test_talks_days_apart_do_not_set_a_weekly_expectation(history):
    for days_ago in (80, 70, 60):  # example 7: 10-day gaps, then 60 days of quiet
        history.call(days_ago)
    assert history.assess().depth.flags == ()


@pytest.mark.parametrize(("days_since", "flags"), [(85, ()), (95, ("cooling",))])
def test_after_talks_every_8_days_cooling_starts_at_three_months(history, days_since, flags):
    for k in range(6):
        history.call(days_since + 8 * k)
    assert history.assess().depth.flags == flags


def test_dormant_replaces_the_rhythm_flags(history):
    monthly_calls(history, last=3 * YEAR)
    assert history.assess().depth.flags == ("dormant",)


def test_rhythm_is_measured_between_the_ends_of_episodes(history):
    for k in range(6):  # emails two days before each call: the call ends each episode
        history.email("them", 102 + 35 * k)
        history.email("me", 101 + 35 * k)
        history.call(100 + 35 * k)
    assert history.assess().depth.flags == ()


def test_a_dense_tie_cools_when_contact_stops(new_history):
    """Issue 17, case 5: a 2,000-interaction history kept warmth 25/25 through two silent years and never cooled."""
    history = new_history()
    for k in range(1000):
        history.exchange(200 + k * 0.7, starter="me" if k % 2 else "them", thread=f"t{k % 5}")
    assert history.assess().depth.flags == ("cooling",)
    later = new_history(now=history.now + timedelta(days=2 * 365), items=history.items).assess().depth
    assert later.components["warmth"] < 10


def test_time_alone_brings_a_trusted_tie_down_a_point_a_day_not_overnight(new_history):
    """Issue 17, case 5: the score fell 95 → 69 overnight and 69 → 44 in a day."""
    history = new_history()
    for k in range(40):
        history.met(10 + 30 * k)
        history.exchange(12 + 30 * k, starter="me" if k % 2 else "them", kind="email")
    history.add("help", "them", 100)
    history.add("help", "me", 200)
    scores = [
        new_history(now=history.now + timedelta(days=d), items=history.items).assess().depth.score
        for d in range(300, 700)
    ]
    assert scores[0] >= 70 and scores[-1] <= 44
    assert all(a - b <= 2 for a, b in pairwise(scores))

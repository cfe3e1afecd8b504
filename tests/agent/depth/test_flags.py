"""Dormant (with the peak stage) and the rhythm flags cooling and lapsing."""

from __future__ import annotations

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

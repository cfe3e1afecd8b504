"""How the depth model writes time spans: one rule for months and years (QA 17)."""

from __future__ import annotations

import pytest

from agent.depth.phrasing import DAYS_PER_MONTH, ago, span, years_short


@pytest.mark.parametrize(
    ("months", "phrase"),
    [(18, "18 months"), (23, "23 months"), (24, "2 years"), (25, "2 years"), (29, "2 years"), (36, "3 years")],
)
def test_months_read_as_months_under_two_years_then_as_years(months, phrase):
    assert span(months * DAYS_PER_MONTH) == phrase


def test_a_longer_time_never_reads_as_a_smaller_number_than_a_shorter_one():
    def months_of(phrase: str) -> float:
        count, unit = phrase.split()[:2]
        return int(count) * {"days": 1 / DAYS_PER_MONTH, "weeks": 7 / DAYS_PER_MONTH, "months": 1, "years": 12}[unit]

    said = [months_of(span(day)) for day in range(60, 1500)]
    assert said == sorted(said)


def test_ago_and_known_for_switch_to_years_at_the_same_point():
    just_under, just_over = 23.4 * DAYS_PER_MONTH, 23.6 * DAYS_PER_MONTH
    assert (ago(just_under), ago(just_over)) == ("23 months ago", "2 years ago")
    assert (years_short(0, just_under), years_short(0, just_over)) == ("23 months", "2 yrs")

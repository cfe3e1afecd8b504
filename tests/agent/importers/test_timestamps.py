"""Date parsers of the export files: every format gives ISO text, anything else gives None."""

from __future__ import annotations

import pytest

from agent.importers.timestamps import day_month_year, iso_utc_text, slashed_clock, tweet_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-06-11 15:33:58 UTC", "2023-06-11T15:33:58+00:00"),  # messages.csv
        ("2023/06/18 14:24:54 UTC", "2023-06-18T14:24:54+00:00"),  # endorsements
        ("2018-12-11T12:30:54.437Z", "2018-12-11T12:30:54+00:00"),  # X messages and account
        ("2023-06-11T15:33:58+02:00", "2023-06-11T13:33:58+00:00"),
        ("2023-02-30 10:00:00 UTC", None),
        ("0001-01-01T00:30:00+01:00", None),  # before year 1 in UTC
        ("last Tuesday", None),
        ("", None),
    ],
)
def test_iso_utc_text(text: str, expected: str | None) -> None:
    assert iso_utc_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Jan 2024", "2024-01-15"),
        ("5 Sept 2019", "2019-09-05"),
        ("Jan 15, 2024", "2024-01-15"),
        ("2024-01-15", "2024-01-15"),
        ("31 Feb 2020", None),
        ("15 Foo 2024", None),
        ("sometime in 2020", None),
    ],
)
def test_day_month_year_ignores_the_process_locale(text: str, expected: str | None) -> None:
    assert day_month_year(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/19/26, 9:15 AM", "2026-01-19T09:15:00+00:00"),
        ("08/30/22, 05:51 PM", "2022-08-30T17:51:00+00:00"),
        ("12/1/22, 12:05 AM", "2022-12-01T00:05:00+00:00"),
        ("12/1/22, 12:05 PM", "2022-12-01T12:05:00+00:00"),
        ("3/4/2021, 16:20", "2021-03-04T16:20:00+00:00"),
        ("13/1/22, 1:00 PM", None),
        ("1/1/22, 13:00 PM", None),
    ],
)
def test_slashed_clock(text: str, expected: str | None) -> None:
    assert slashed_clock(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sat Feb 18 12:33:11 +0000 2023", "2023-02-18T12:33:11+00:00"),
        ("Sat Feb 18 12:33:11 -0530 2023", "2023-02-18T18:03:11+00:00"),
        ("Sat Fbr 18 12:33:11 +0000 2023", None),
        ("Sat Feb 30 12:33:11 +0000 2023", None),
    ],
)
def test_tweet_time(text: str, expected: str | None) -> None:
    assert tweet_time(text) == expected

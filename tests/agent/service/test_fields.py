"""The one place dates from the API and the CLI are validated: the whole range of years, and no further."""

from __future__ import annotations

import pytest

from agent.service import fields
from agent.service.errors import Invalid

# A time zone shift that moves the moment before year 1 or past year 9999 cannot be held by any date.
OUT_OF_RANGE = [
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T13:59:59+14:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T10:00-14:00",
]
AT_THE_EDGE = [
    "0001-01-01",
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T14:00:00+14:00",
    "9999-12-31",
    "9999-12-31T23:59:59Z",
    "9999-12-31T09:59:59-14:00",
]


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_at_past_the_range_of_years_is_bad_at_naming_the_range(value: str) -> None:
    with pytest.raises(Invalid) as info:
        fields.at(value)
    assert info.value.code == "bad_at" and "0001-01-01 and 9999-12-31" in info.value.message


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_as_of_past_the_range_of_years_is_bad_as_of(value: str) -> None:
    with pytest.raises(Invalid) as info:
        fields.as_of(value)
    assert info.value.code == "bad_as_of" and info.value.message.startswith("as_of must fall between 0001-01-01")


@pytest.mark.parametrize("value", AT_THE_EDGE)
def test_moments_at_the_edge_of_the_range_are_accepted(value: str) -> None:
    stamp = fields.at(value)
    assert stamp is not None and stamp[:4] in {"0001", "9999"}
    assert fields.as_of(value) is not None


def test_a_due_date_past_the_range_is_bad_at() -> None:
    with pytest.raises(Invalid):
        fields.due("0001-01-01T00:00:00+14:00")

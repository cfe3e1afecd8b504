"""Column helpers: gathering values by key or position, and finding a value from either end."""

from __future__ import annotations

import pytest

from agent.depth.columns import backward, first, forward, last, look_up

COLUMN = ("dm", "like", "dm", "call", "like", "dm")


@pytest.mark.parametrize("keys", [[], ["b"], ["b", "a", "b"]])
def test_look_up_gives_one_value_per_key_in_key_order(keys):
    assert look_up({"a": 1, "b": 2}, keys) == [{"a": 1, "b": 2}[key] for key in keys]


def test_look_up_reorders_a_column_by_positions():
    assert look_up(COLUMN, [3, 0, 5]) == ["call", "dm", "dm"]


def test_look_up_of_a_missing_key_raises_key_error():
    with pytest.raises(KeyError):
        look_up({"a": 1}, ["a", "z"])


def test_forward_lists_positions_oldest_first_and_stops_at_end():
    assert list(forward(COLUMN, "dm")) == [0, 2, 5]
    assert list(forward(COLUMN, "dm", end=5)) == [0, 2]
    assert list(forward(COLUMN, "email")) == []


def test_backward_lists_positions_latest_first_from_start_on():
    assert list(backward(COLUMN, "dm")) == [5, 2, 0]
    assert list(backward(COLUMN, "dm", start=1)) == [5, 2]
    assert list(backward(COLUMN, "dm", start=6)) == []
    assert list(backward(list(COLUMN), "like")) == [4, 1]


def test_first_and_last_respect_start_and_say_none_when_absent():
    assert (first(COLUMN, "like"), first(COLUMN, "like", 2), first(COLUMN, "email")) == (1, 4, None)
    assert (last(COLUMN, "call"), last(COLUMN, "call", 4), last(COLUMN, "email")) == (3, None, None)

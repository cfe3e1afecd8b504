"""agent/amounts.py: how much data there is, in words."""

from __future__ import annotations

import pytest

from agent.amounts import people, people_and_interactions


@pytest.mark.parametrize(
    ("people", "interactions", "words"),
    [
        (0, 0, "0 people and 0 interactions"),
        (1, 1, "1 person and 1 interaction"),
        (30000, 300000, "30,000 people and 300,000 interactions"),
    ],
)
def test_counts_read_as_english(people: int, interactions: int, words: str) -> None:
    assert people_and_interactions(people, interactions) == words


@pytest.mark.parametrize(("count", "words"), [(1, "1 new person"), (2, "2 new people"), (0, "0 new people")])
def test_people_with_an_adjective_agree_with_their_count(count: int, words: str) -> None:
    assert people(count, "new") == words

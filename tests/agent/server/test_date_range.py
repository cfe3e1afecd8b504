"""Dates whose time zone shift passes year 1 or year 9999: a 400 envelope on every route that takes one,
nothing stored; the moments at the very edge of the range work everywhere they are used."""

from __future__ import annotations

import pytest

from tests.fixtures import REAL_FIXTURES

from .conftest import Harness, Paired, assert_error

BEFORE_YEAR_1 = "0001-01-01T00:00:00+14:00"
AFTER_YEAR_9999 = "9999-12-31T23:59:59-14:00"
EDGES = ["0001-01-01", "0001-01-01T00:00:00+00:00", "9999-12-31", "9999-12-31T23:59:59+00:00"]
PAGE = (REAL_FIXTURES / "linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html").read_text(encoding="utf-8")
URL = "https://www.linkedin.com/in/eduardo-alvarez-nowak/"


@pytest.mark.parametrize("stamp", [BEFORE_YEAR_1, AFTER_YEAR_9999])
async def test_an_at_past_the_years_is_400_bad_at_and_stores_nothing(
    agent: Harness, paired: Paired, stamp: str
) -> None:
    body = {"network": "x", "handle": "ada", "kind": "dm", "at": stamp}
    assert_error(await agent.call(paired, "/v1/interactions", body, expect=400), "bad_at")
    due = {"network": "x", "handle": "ada", "kind": "dm", "follow_up": {"text": "deck", "due": stamp}}
    assert_error(await agent.call(paired, "/v1/interactions", due, expect=400), "bad_at")
    assert agent.store.counts() == (0, 0)


@pytest.mark.parametrize("stamp", [BEFORE_YEAR_1, AFTER_YEAR_9999])
@pytest.mark.parametrize(
    ("route", "body"),
    [
        ("/v1/people/lookup", {"network": "x", "handle": "ada"}),
        ("/v1/review", {}),
        ("/v1/context", {"url": URL, "html": PAGE}),
    ],
)
async def test_an_as_of_past_the_years_is_400_bad_as_of(
    agent: Harness, paired: Paired, route: str, body: dict, stamp: str
) -> None:
    answer = await agent.call(paired, route, {**body, "as_of": stamp}, expect=400)
    assert_error(answer, "bad_as_of")
    assert "0001-01-01 and 9999-12-31" in answer["error"]["message"]


@pytest.mark.parametrize("stamp", EDGES)
async def test_the_edges_of_the_range_work_on_every_route(agent: Harness, paired: Paired, stamp: str) -> None:
    logged = await agent.call(
        paired, "/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm", "at": stamp}, expect=201
    )
    await agent.call(
        paired,
        "/v1/interactions",
        {"network": "x", "handle": "ada", "kind": "call", "follow_up": {"text": "deck", "due": stamp}},
        expect=201,
    )
    person_id = logged["person"]["id"]
    assert (await agent.call(paired, "/v1/people/get", {"person_id": person_id, "as_of": stamp}))["ok"]
    assert (await agent.call(paired, "/v1/people/lookup", {"network": "x", "handle": "ada", "as_of": stamp}))["ok"]
    assert (await agent.call(paired, "/v1/review", {"as_of": stamp}))["ok"]
    assert (await agent.call(paired, "/v1/review", {}))["ok"]
    assert (await agent.call(paired, "/v1/context", {"url": URL, "html": PAGE, "as_of": stamp}))["ok"]

"""POST /v1/people/link and /v1/people/unlink: by profile or by id, and the error envelope when a link cannot
be made (nothing changes then)."""

from __future__ import annotations

import pytest

from .conftest import Harness, Paired, assert_error


async def log(agent: Harness, paired: Paired, network: str, handle: str, kind: str = "in_person") -> dict:
    body = {"network": network, "handle": handle, "kind": kind, "at": "2026-11-01"}
    return (await agent.call(paired, "/v1/interactions", body, expect=201))["person"]


@pytest.fixture
async def two(agent: Harness, paired: Paired) -> tuple[dict, dict]:
    return await log(agent, paired, "linkedin", "ada-l"), await log(agent, paired, "x", "adal")


async def test_link_by_profiles_then_unlink_by_network(agent: Harness, paired: Paired, two) -> None:
    on_linkedin, on_x = two
    url = "https://www.linkedin.com/in/Ada-L/"
    merged = (await agent.call(paired, "/v1/people/link", {"linkedin": url, "x": "@AdaL"}))["person"]
    assert merged["id"] == on_linkedin["id"] and merged["networks"] == ["linkedin", "x"]
    view = await agent.call(paired, "/v1/people/lookup", {"network": "x", "handle": "adal"})
    assert view["person"]["id"] == merged["id"]
    assert view["depth"]["reasons"][-1] == "History combined from LinkedIn + X (same person)."
    assert "You met in person once." in view["depth"]["reasons"]  # logged twice, counted once
    people = (await agent.call(paired, "/v1/people/unlink", {"person_id": merged["id"], "network": "x"}))["people"]
    assert [p["id"] for p in people] == [on_linkedin["id"], on_x["id"]]


async def test_link_by_ids(agent: Harness, paired: Paired, two) -> None:
    body = {"person_ids": [two[1]["id"], two[0]["id"]]}
    assert (await agent.call(paired, "/v1/people/link", body))["person"]["id"] == two[1]["id"]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"linkedin": "ada-l"}, 400, "missing_field"),
        ({"person_ids": ["only-one"]}, 400, "invalid"),
        ({"linkedin": "ada-l", "x": "nobody"}, 404, "unknown_person"),
        ({"linkedin": "ada-l", "x": "not a handle!"}, 400, "bad_handle"),
        ({"person_ids": "LINKEDIN", "x": "adal"}, 400, "invalid"),
    ],
)
async def test_a_bad_link_request_gets_the_error_envelope_and_changes_nothing(
    agent: Harness, paired: Paired, two, body: dict, status: int, code: str
) -> None:
    assert_error(await agent.call(paired, "/v1/people/link", body, expect=status), code)
    assert {p.id for p in agent.store.people()} == {two[0]["id"], two[1]["id"]}


async def test_linking_two_linkedin_profiles_is_a_conflict(agent: Harness, paired: Paired, two) -> None:
    grace = await log(agent, paired, "linkedin", "grace-h")
    body = {"person_ids": [two[0]["id"], grace["id"]]}
    assert_error(await agent.call(paired, "/v1/people/link", body, expect=409), "same_network")


async def test_unlinking_needs_a_known_network(agent: Harness, paired: Paired, two) -> None:
    body = {"person_id": two[0]["id"], "network": "myspace"}
    assert_error(await agent.call(paired, "/v1/people/unlink", body, expect=400), "bad_network")
    body = {"person_id": two[0]["id"]}
    assert_error(await agent.call(paired, "/v1/people/unlink", body, expect=409), "not_linked")

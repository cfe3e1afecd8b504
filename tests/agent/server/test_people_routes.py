"""POST /v1/context, /v1/people/lookup, /get, /update and /v1/kinds: the whole picture of one person, from a
real profile page or a handle; bad input gets the error envelope and changes nothing."""

from __future__ import annotations

import pytest

from tests.fixtures import REAL_FIXTURES

from .conftest import Harness, Paired, assert_error

PAGE = (REAL_FIXTURES / "linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html").read_text(encoding="utf-8")
URL = "https://www.linkedin.com/in/eduardo-alvarez-nowak/"
KIND_FIELDS = {"id", "label", "weight", "class", "can_ask", "composed", "quick_log", "default_direction", "networks"}


async def context(agent: Harness, paired: Paired, **extra: object) -> dict:
    return await agent.call(paired, "/v1/context", {"url": URL, "html": PAGE, **extra})


async def test_a_real_profile_page_gives_the_person_their_depth_and_the_kinds_table(
    agent: Harness, paired: Paired
) -> None:
    view = await context(agent, paired, intent="connect")
    assert view["profile"]["network"] == "linkedin" and view["profile"]["handle"] == "eduardo-alvarez-nowak"
    assert view["person"]["name"] == view["profile"]["name"] and view["person"]["id"]
    assert view["depth"]["stage"] == "stranger" and view["interactions"] == []
    assert [w["id"] for w in view["warnings"]] == ["bare_request"]  # connecting to someone never met
    assert {k["id"] for k in view["kinds"]} >= {"in_person", "dm", "connection_request"}
    assert all(set(k) == KIND_FIELDS for k in view["kinds"])
    assert set(view["intents"]) == {"connect", "message", "follow", "ask"}
    assert view["tags"] == ["close", "family", "colleague"]  # what the overlay offers to mark them as
    assert view["merge_suggestions"] == []
    assert agent.store.find("linkedin", "eduardo-alvarez-nowak") is not None  # remembered on first sight


async def test_a_second_view_of_the_same_page_writes_nothing(agent: Harness, paired: Paired) -> None:
    first = await context(agent, paired)
    version = agent.store.version(first["person"]["id"])
    again = await context(agent, paired)
    assert again["person"] == first["person"] and agent.store.version(first["person"]["id"]) == version


async def test_a_page_that_is_not_a_profile_is_422_with_the_reason(agent: Harness, paired: Paired) -> None:
    html = (REAL_FIXTURES / "linkedin_profile_not_found_2024-06_guest.html").read_text(encoding="utf-8")
    body = await agent.call(paired, "/v1/context", {"url": URL, "html": html}, expect=422)
    assert_error(body, "not_a_profile")
    assert agent.store.people() == []


async def test_lookup_of_someone_unknown_is_a_transient_stranger(agent: Harness, paired: Paired) -> None:
    view = await agent.call(paired, "/v1/people/lookup", {"network": "x", "handle": "https://x.com/NewFace"})
    assert view["person"]["id"] is None and view["person"]["identities"][0]["handle"] == "newface"
    assert view["depth"]["stage"] == "stranger" and view["kinds"]
    assert agent.store.people() == []  # looking is not remembering


async def test_get_and_update_a_person(agent: Harness, paired: Paired) -> None:
    pid = (await context(agent, paired))["person"]["id"]
    body = {"person_id": pid, "tags": ["close"], "how_met": "PyCon 2024", "notes": "Data contracts"}
    updated = (await agent.call(paired, "/v1/people/update", body))["person"]
    assert (updated["tags"], updated["how_met"], updated["notes"]) == (["close"], "PyCon 2024", "Data contracts")
    view = await agent.call(paired, "/v1/people/get", {"person_id": pid})
    assert view["depth"]["stage"] == "engaged"  # the close tag's floor
    assert "You marked this person as close, so they count as at least Engaged." in view["depth"]["reasons"]


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("/v1/people/get", {"person_id": "p_0000000000000000"}, 404, "unknown_person"),
        ("/v1/people/get", {"person_id": 7}, 400, "bad_person_id"),
        ("/v1/people/update", {"person_id": "PID", "tags": ["vip"]}, 400, "bad_tags"),
        ("/v1/people/update", {"person_id": "PID", "how_met": ["not", "text"]}, 400, None),
        ("/v1/people/lookup", {"network": "myspace", "handle": "ada"}, 400, "bad_network"),
        ("/v1/people/lookup", {"network": "x", "handle": "ada", "intent": "beg"}, 400, "bad_intent"),
        ("/v1/context", {"url": URL, "html": PAGE, "intent": "beg"}, 400, "bad_intent"),
        ("/v1/context", {"url": 5, "html": PAGE}, 400, "invalid"),
    ],
)
async def test_bad_input_gets_the_error_envelope_and_changes_nothing(
    agent: Harness, paired: Paired, path: str, body: dict, status: int, code: str | None
) -> None:
    pid = (await context(agent, paired))["person"]["id"]
    before = agent.store.person(pid)
    body = {k: (pid if v == "PID" else v) for k, v in body.items()}
    assert_error(await agent.call(paired, path, body, expect=status), code)
    assert agent.store.people() == [before]


async def test_the_kinds_route_serves_the_one_table(agent: Harness, paired: Paired) -> None:
    answer = await agent.call(paired, "/v1/kinds", {})
    assert [k["id"] for k in answer["kinds"]][:2] == ["in_person", "call"]
    assert answer["directions"] == ["me", "them", "both", "unknown"]

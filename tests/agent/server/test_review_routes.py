"""POST /v1/review and /v1/review/act: the review over HTTP, its limit and as-of date, and the actions it
remembers; bad input gets the error envelope and changes nothing."""

from __future__ import annotations

import pytest

from .conftest import Harness, Paired, assert_error

AS_OF = "2026-03-01"


async def log(agent: Harness, paired: Paired, handle: str, **fields: object) -> dict:
    body = {"network": "x", "handle": handle, "kind": "dm", **fields}
    return (await agent.call(paired, "/v1/interactions", body, expect=201))["person"]


async def review(agent: Harness, paired: Paired, **body: object) -> dict:
    return await agent.call(paired, "/v1/review", {"as_of": AS_OF, **body})


@pytest.fixture
async def waiting(agent: Harness, paired: Paired) -> dict[str, dict]:
    """Three people who need the user on AS_OF: an owed reply, an unanswered ask, a pending request."""
    return {
        "owed": await log(agent, paired, "ada", direction="them", at="2026-02-10"),
        "ask": await log(agent, paired, "bob", direction="me", ask=True, at="2026-02-20"),
        "request": await log(agent, paired, "cy", kind="connection_request", direction="me", at="2026-01-05"),
    }


async def test_the_review_lists_each_item_with_person_type_text_and_since(
    agent: Harness, paired: Paired, waiting: dict[str, dict]
) -> None:
    answer = await review(agent, paired)
    assert answer["total"] == 3
    by_type = {item["type"]: item for item in answer["items"]}
    assert set(by_type) == {"you_owe_reply", "waiting_on_them", "pending_request"}
    owed = by_type["you_owe_reply"]
    assert owed["person"]["id"] == waiting["owed"]["id"] and owed["person"]["name"] == "@ada"
    assert owed["since"] == "2026-02-10"
    assert owed["text"].startswith("You owe a reply: they messaged you once")
    # The address of each profile, for the popup's link to it.
    assert owed["person"]["identities"] == [{"network": "x", "handle": "ada", "x_id": None, "url": "https://x.com/ada"}]
    assert [item["type"] for item in answer["items"]] == ["you_owe_reply", "waiting_on_them", "pending_request"]
    assert all("_rank" not in item for item in answer["items"])


async def test_a_limit_cuts_the_list_but_not_the_total(agent: Harness, paired: Paired, waiting: dict) -> None:
    answer = await review(agent, paired, limit=1)
    assert answer["total"] == 3
    assert [item["type"] for item in answer["items"]] == ["you_owe_reply"]


async def test_as_of_a_date_before_anything_was_owed_lists_nothing(
    agent: Harness, paired: Paired, waiting: dict
) -> None:
    answer = await agent.call(paired, "/v1/review", {"as_of": "2026-01-06"})
    assert answer == {"ok": True, "items": [], "total": 0}


async def test_done_hides_an_item_and_says_so(agent: Harness, paired: Paired, waiting: dict[str, dict]) -> None:
    [item] = [i for i in (await review(agent, paired))["items"] if i["type"] == "waiting_on_them"]
    body = {"person_id": item["person"]["id"], "key": item["key"], "action": "done"}
    answer = await agent.call(paired, "/v1/review/act", body)
    assert answer["state"]["state"] == "done" and answer["key"] == item["key"]
    assert "waiting_on_them" not in {i["type"] for i in (await review(agent, paired))["items"]}
    assert agent.store.person(item["person"]["id"]).loop_state[item["key"]]["state"] == "done"


async def test_snooze_hides_an_item_for_a_week(agent: Harness, paired: Paired, waiting: dict[str, dict]) -> None:
    [item] = [i for i in (await review(agent, paired))["items"] if i["type"] == "you_owe_reply"]
    body = {"person_id": item["person"]["id"], "key": item["key"], "action": "snooze"}
    state = (await agent.call(paired, "/v1/review/act", body))["state"]
    assert state["state"] == "snoozed" and state["until"] > AS_OF


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"as_of": "last tuesday"}, 400, "bad_as_of"),
        ({"as_of": 20260301}, 400, "bad_as_of"),
        ({"since": "2026-01-01"}, 400, "unknown_field"),
    ],
)
async def test_a_bad_review_request_gets_the_error_envelope(
    agent: Harness, paired: Paired, body: dict, status: int, code: str
) -> None:
    assert_error(await agent.call(paired, "/v1/review", body, expect=status), code)


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"action": "forget"}, 400, "bad_action"),
        ({"key": "no-colon"}, 400, "bad_key"),
        ({"key": 7}, 400, "bad_key"),
        ({"person_id": "p_0000000000000000"}, 404, None),
    ],
)
async def test_a_bad_action_gets_the_error_envelope_and_changes_nothing(
    agent: Harness, paired: Paired, waiting: dict[str, dict], change: dict, status: int, code: str | None
) -> None:
    [item] = [i for i in (await review(agent, paired))["items"] if i["type"] == "you_owe_reply"]
    body = {"person_id": item["person"]["id"], "key": item["key"], "action": "done", **change}
    assert_error(await agent.call(paired, "/v1/review/act", body, expect=status), code)
    assert agent.store.person(item["person"]["id"]).loop_state == {}
    assert (await review(agent, paired))["total"] == 3


async def test_the_review_needs_a_session(agent: Harness) -> None:
    resp = await agent.client.post("/v1/review", json={})
    assert resp.status == 401
    assert_error(await resp.json())

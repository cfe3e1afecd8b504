"""POST /v1/interactions, edit and delete: stored durably, validated strictly."""

from __future__ import annotations

import asyncio
import json

import pytest

from .conftest import Harness, Paired, assert_error


async def log(agent: Harness, paired: Paired, **fields: object) -> dict:
    body = {"network": "linkedin", "handle": "https://www.linkedin.com/in/Ada-L/", "kind": "dm", **fields}
    return await agent.call(paired, "/v1/interactions", body, expect=201)


async def test_log_creates_the_person_and_stores_the_interaction(agent: Harness, paired: Paired) -> None:
    answer = await log(agent, paired, note="Thanks for the intro", direction="them")
    inter = answer["interaction"]
    assert inter["kind"] == "dm" and inter["direction"] == "them" and inter["note"] == "Thanks for the intro"
    assert answer["person"]["identities"][0] == {"network": "linkedin", "handle": "ada-l", "x_id": None}
    assert agent.store.interaction(inter["id"]) is not None


async def test_log_defaults_direction_from_the_kind_and_time_to_now(agent: Harness, paired: Paired) -> None:
    inter = (await log(agent, paired, kind="in_person"))["interaction"]
    assert inter["direction"] == "both"
    assert inter["at"].startswith("20")


async def test_follow_up_without_due_gets_a_week(agent: Harness, paired: Paired) -> None:
    inter = (await log(agent, paired, follow_up={"text": "send the deck"}))["interaction"]
    assert inter["follow_up"]["text"] == "send the deck" and inter["follow_up"]["due"]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"kind": "poke"}, "bad_kind"),
        ({"direction": "sideways"}, "bad_direction"),
        ({"at": "yesterday"}, "bad_at"),
        ({"note": 5}, "bad_note"),
        ({"note": "x" * 10_001}, "bad_note"),
        ({"ask": "yes"}, "bad_ask"),
        ({"kind": "like", "ask": True}, "bad_ask"),
        ({"follow_up": {"text": ""}}, "bad_follow_up"),
        ({"follow_up": "soon"}, "bad_follow_up"),
        ({"handle": "https://evil.test/in/x"}, "bad_handle"),
        ({"network": "myspace"}, "bad_network"),
    ],
)
async def test_bad_fields_get_400_with_the_reason(agent: Harness, paired: Paired, fields: dict, code: str) -> None:
    body = {"network": "linkedin", "handle": "ada", "kind": "dm", **fields}
    answer = await agent.call(paired, "/v1/interactions", body, expect=400)
    assert_error(answer, code)
    assert agent.store.counts() == (0, 0)


async def test_missing_person_is_400(agent: Harness, paired: Paired) -> None:
    assert_error(await agent.call(paired, "/v1/interactions", {"kind": "dm"}, expect=400), "missing_person")


async def test_unknown_person_id_is_404(agent: Harness, paired: Paired) -> None:
    answer = await agent.call(paired, "/v1/interactions", {"kind": "dm", "person_id": "p_nope"}, expect=404)
    assert_error(answer, "unknown_person")


async def test_edit_changes_only_the_given_fields(agent: Harness, paired: Paired) -> None:
    inter = (await log(agent, paired, note="first"))["interaction"]
    edited = await agent.call(paired, f"/v1/interactions/{inter['id']}", {"note": "second", "ask": True})
    assert edited["interaction"]["note"] == "second" and edited["interaction"]["ask"] is True
    assert edited["interaction"]["kind"] == "dm"


async def test_edit_rejects_fields_that_are_not_editable(agent: Harness, paired: Paired) -> None:
    inter = (await log(agent, paired))["interaction"]
    answer = await agent.call(paired, f"/v1/interactions/{inter['id']}", {"person": "p_x"}, expect=400)
    assert_error(answer, "unknown_field")


async def test_delete_undoes_and_a_second_delete_is_404(agent: Harness, paired: Paired) -> None:
    inter = (await log(agent, paired))["interaction"]
    await agent.call(paired, f"/v1/interactions/{inter['id']}/delete", {})
    assert agent.store.interaction(inter["id"]) is None
    answer = await agent.call(paired, f"/v1/interactions/{inter['id']}/delete", {}, expect=404)
    assert_error(answer, "unknown_interaction")


async def test_edit_of_unknown_interaction_is_404(agent: Harness, paired: Paired) -> None:
    assert_error(await agent.call(paired, "/v1/interactions/i_missing", {"note": "x"}, expect=404))


@pytest.mark.parametrize("body", ["[]", "null", "{", '"text"', "\xff\xfe"])
async def test_non_object_json_is_400(agent: Harness, paired: Paired, body: str) -> None:
    resp = await agent.client.post(
        "/v1/interactions",
        data=body.encode("latin-1"),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {paired.token}",
            "Origin": paired.origin,
        },
    )
    assert resp.status == 400
    assert_error(await resp.json(), "bad_json")


async def test_deeply_nested_json_is_400(agent: Harness, paired: Paired) -> None:
    resp = await agent.client.post(
        "/v1/interactions",
        data=("[" * 5000 + "]" * 5000).encode(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {paired.token}",
            "Origin": paired.origin,
        },
    )
    assert resp.status == 400


async def test_a_large_body_arriving_in_many_chunks_is_read_whole(agent: Harness, paired: Paired) -> None:
    """A context near the 256 KB the extension may send, with multi-byte text, streamed in small pieces."""

    async def pieces():
        body = json.dumps({"network": "x", "handle": "ada", "kind": "dm", "note": "é" * 4000}).encode()
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]
            await asyncio.sleep(0)  # hand the loop over, so the agent sees the body arrive piece by piece

    resp = await agent.client.post(
        "/v1/interactions",
        data=pieces(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {paired.token}",
            "Origin": paired.origin,
        },
    )
    assert resp.status == 201, await resp.text()
    assert (await resp.json())["interaction"]["note"] == "é" * 4000


async def test_recent_lists_what_the_user_logged_newest_first_never_imports_or_deleted_ones(
    agent: Harness, paired: Paired
) -> None:
    from agent.records import Interaction
    from agent.store import ops

    first = (await log(agent, paired, note="first", name="Ada Lovelace"))["interaction"]
    await log(agent, paired, note="second")
    gone = (await log(agent, paired, note="undone"))["interaction"]
    imported = Interaction(
        id="i_imported", person=first["person"], kind="dm", direction="them", at="2030-01-01",
        source="import:linkedin", created="2030-01-01T00:00:00+00:00", source_id="li:1",
    )  # fmt: skip
    agent.store.write(lambda _s: ([ops.put_interaction(imported)], None))
    await agent.call(paired, f"/v1/interactions/{gone['id']}/delete", {})
    recent = (await agent.call(paired, "/v1/recent", {"limit": 10}))["interactions"]
    assert [i["note"] for i in recent] == ["second", "first"]
    assert {i["person_name"] for i in recent} == {"Ada Lovelace"}

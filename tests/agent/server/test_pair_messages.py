"""What a wrong pairing code tells the user: how many tries are left, in plain English."""

from __future__ import annotations

from tests.agent.server.conftest import EXT_ORIGIN, Harness


async def test_wrong_code_counts_down_tries_and_says_one_try_in_the_singular(agent: Harness) -> None:
    admin = await agent.admin_token()
    await agent.post("/v1/admin/pair", {}, admin)
    messages = []
    for _ in range(5):
        resp = await agent.client.post("/v1/pair", json={"code": "WRONGCOD"}, headers={"Origin": EXT_ORIGIN})
        assert resp.status == 403
        messages.append((await resp.json())["error"]["message"])
    assert messages[0].endswith("4 tries left.")
    assert messages[3].endswith("1 try left.")
    assert "Pairing is now closed" in messages[4]

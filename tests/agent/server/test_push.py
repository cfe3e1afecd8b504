"""A logged interaction reaches every socket that follows that person, and only those."""

from __future__ import annotations

import asyncio

from agent.handshake import b64, client_mac, new_nonce, unb64

from .conftest import Harness, Paired


async def open_socket(agent: Harness, paired: Paired):
    ws = await agent.client.ws_connect("/v1/events", headers={"Origin": paired.origin})
    hello = await ws.receive_json()
    nonce = new_nonce()
    await ws.send_json(
        {
            "type": "auth",
            "client_id": paired.client_id,
            "client_nonce": b64(nonce),
            "mac": b64(client_mac(paired.secret, unb64(hello["agent_nonce"]), nonce, agent.port, paired.origin)),
        }
    )
    assert (await ws.receive_json())["type"] == "welcome"
    return ws


async def test_interaction_is_pushed_to_subscribers_of_that_person(agent: Harness, paired: Paired) -> None:
    first = await agent.call(paired, "/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm"}, expect=201)
    pid = first["person"]["id"]
    following, other = await open_socket(agent, paired), await open_socket(agent, paired)
    await following.send_json({"type": "subscribe", "people": [pid]})
    assert (await following.receive_json())["type"] == "subscribed"
    await other.send_json({"type": "subscribe", "people": ["p_someone_else"]})
    await other.receive_json()
    await agent.call(paired, "/v1/interactions", {"person_id": pid, "kind": "call", "note": "catch-up"}, expect=201)
    event = await asyncio.wait_for(following.receive_json(), 2)
    assert event["event"] == "interaction.created" and event["person"] == pid
    assert event["data"]["note"] == "catch-up"
    await other.send_json({"type": "ping"})
    assert (await other.receive_json()) == {"type": "pong"}  # nothing was queued before the pong
    await following.close()
    await other.close()


async def test_update_and_delete_are_pushed(agent: Harness, paired: Paired) -> None:
    first = await agent.call(paired, "/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm"}, expect=201)
    pid, iid = first["person"]["id"], first["interaction"]["id"]
    ws = await open_socket(agent, paired)
    await ws.send_json({"type": "subscribe", "people": [pid]})
    await ws.receive_json()
    await agent.call(paired, f"/v1/interactions/{iid}", {"note": "edited"})
    assert (await asyncio.wait_for(ws.receive_json(), 2))["event"] == "interaction.updated"
    await agent.call(paired, f"/v1/interactions/{iid}/delete", {})
    assert (await asyncio.wait_for(ws.receive_json(), 2))["event"] == "interaction.deleted"
    await ws.close()


async def test_bad_frames_get_an_error_frame_not_a_crash(agent: Harness, paired: Paired) -> None:
    ws = await open_socket(agent, paired)
    for frame in (
        "not json",
        "[]",
        '{"type": "subscribe", "people": "all"}',
        '{"type": "dance"}',
        '{"type": "subscribe", "people": [' + ",".join(['"p"'] * 501) + "]}",
    ):
        await ws.send_str(frame)
        assert (await ws.receive_json())["type"] == "error"
    await ws.send_json({"type": "ping"})
    assert (await ws.receive_json())["type"] == "pong"
    await ws.close()

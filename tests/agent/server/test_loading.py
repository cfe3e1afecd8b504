"""While the store still reads its shards in the background, the agent answers requests first."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.records import Identity, Person
from agent.server.app import create_app
from agent.settings import AgentSettings
from agent.store import ops
from agent.store.progressive import ShardLoader
from agent.store.store import Store


async def test_requests_are_answered_while_the_background_load_steps_aside(
    data_dir: Path, aiohttp_client, unused_tcp_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(data_dir)
    ada = Person(id="p_ada", name="Ada", identities=(Identity("x", "ada"),))
    store.write(lambda _s: ([ops.put_person(ada)], None))
    store.close()

    serving: list[str] = []
    real_serving = Store.serving

    def recording_serving(self: Store):  # type: ignore[no-untyped-def]
        serving.append("request")
        return real_serving(self)

    monkeypatch.setattr(Store, "serving", recording_serving)
    monkeypatch.setattr(ShardLoader, "load_next", lambda self: True)  # still loading, for the whole test
    store = Store.open(data_dir, progressive=True)
    try:
        app = create_app(AgentSettings(data_dir=data_dir, port=unused_tcp_port), store)
        client = await aiohttp_client(app, server_kwargs={"port": unused_tcp_port, "host": "127.0.0.1"})
        assert not store.loaded
        resp = await client.get("/v1/health")
        assert resp.status == 200
        assert serving == ["request"]
        await client.close()
    finally:
        monkeypatch.undo()  # the writer loads the rest, so close() can compact
        store.close()


async def test_a_shard_found_damaged_while_serving_gets_a_storage_error_and_refuses_writes(
    data_dir: Path, aiohttp_client, unused_tcp_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agent.records import Interaction
    from agent.store.snapshot import shard_file, shard_of
    from tests.agent.server.conftest import Harness, assert_error

    store = Store.open(data_dir)
    ada = Person(id="p_ada", name="Ada", identities=(Identity("x", "ada"),))
    hello = Interaction(id="i_1", person="p_ada", kind="dm", direction="them", at="2024-05-01")
    store.write(lambda _s: ([ops.put_person(ada), ops.put_interaction(hello)], None))
    store.close()
    shard = data_dir / "store" / shard_file(shard_of("p_ada"))
    edited = shard.read_bytes().replace(b"2024-05-01", b"2024-05-09")  # same size: found only when read
    shard.write_bytes(edited)

    monkeypatch.setattr(ShardLoader, "load_next", lambda self: True)  # the request reads Ada's shard first
    store = Store.open(data_dir, progressive=True)
    try:
        app = create_app(AgentSettings(data_dir=data_dir, port=unused_tcp_port), store)
        client = await aiohttp_client(app, server_kwargs={"port": unused_tcp_port, "host": "127.0.0.1"})
        agent = Harness(client, store, unused_tcp_port, data_dir)
        paired = await agent.pair()
        view = await agent.call(paired, "/v1/people/lookup", {"network": "x", "handle": "ada"}, expect=503)
        assert_error(view, "store_unavailable")
        assert str(shard) in view["error"]["message"]
        log = {"network": "x", "handle": "ada", "kind": "dm", "direction": "me"}
        refused = await agent.call(paired, "/v1/interactions", log, expect=None)
        assert refused["ok"] is False and str(shard) in refused["error"]["message"]
        await client.close()
    finally:
        monkeypatch.undo()
        store.close()
    assert shard.read_bytes() == edited, "never served, never overwritten"

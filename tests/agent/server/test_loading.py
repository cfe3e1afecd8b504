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

"""GET /v1/health identifies the agent and holds no data."""

from __future__ import annotations

from agent import API_VERSION, __version__

from .conftest import Harness


async def test_health_needs_no_credentials_and_holds_no_data(agent: Harness) -> None:
    resp = await agent.client.get("/v1/health")
    assert resp.status == 200
    assert await resp.json() == {"name": "fathom", "version": __version__, "api": API_VERSION}


async def test_unknown_route_uses_the_error_envelope(agent: Harness) -> None:
    resp = await agent.client.get("/v1/nope")
    assert resp.status == 404
    body = await resp.json()
    assert body["ok"] is False and body["error"]["code"] == "not_found"

"""An agent app on a real loopback port (so the Host gate sees what a browser would send), plus helpers to pair
and authenticate exactly as docs/protocol.md says."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from agent.handshake import agent_mac, b64, client_mac, new_nonce, unb64
from agent.server.app import create_app
from agent.server.clients import read_admin_key
from agent.settings import AgentSettings
from agent.store.store import Store

EXT_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
OTHER_EXT_ORIGIN = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"


@dataclass
class Paired:
    client_id: str
    secret: bytes
    origin: str
    token: str


@dataclass
class Harness:
    client: TestClient
    store: Store
    port: int
    data_dir: Path

    async def handshake(self, client_id: str, secret: bytes, origin: str = "") -> dict[str, Any]:
        headers = {"Origin": origin} if origin else {}
        async with self.client.ws_connect("/v1/events", headers=headers) as ws:
            hello = await ws.receive_json()
            nonce = new_nonce()
            mac = client_mac(secret, unb64(hello["agent_nonce"]), nonce, self.port, origin)
            await ws.send_json({"type": "auth", "client_id": client_id, "client_nonce": b64(nonce), "mac": b64(mac)})
            welcome = await ws.receive_json()
            assert unb64(welcome["mac"]) == agent_mac(secret, unb64(hello["agent_nonce"]), nonce, self.port)
            return welcome

    async def admin_token(self) -> str:
        secret = read_admin_key(self.data_dir / "admin.key")
        assert secret is not None
        return (await self.handshake("admin", secret))["session_token"]

    async def pair(self, origin: str = EXT_ORIGIN) -> Paired:
        admin = await self.admin_token()
        code = (await self.post("/v1/admin/pair", {}, admin))["code"]
        resp = await self.client.post("/v1/pair", json={"code": code, "label": "test"}, headers={"Origin": origin})
        assert resp.status == 201, await resp.text()
        creds = await resp.json()
        secret = unb64(creds["secret"])
        welcome = await self.handshake(creds["client_id"], secret, origin)
        return Paired(creds["client_id"], secret, origin, welcome["session_token"])

    async def post(self, path: str, body: Any, token: str, origin: str = "", expect: int | None = 200) -> Any:
        headers = {"Authorization": f"Bearer {token}"}
        if origin:
            headers["Origin"] = origin
        resp = await self.client.post(path, json=body, headers=headers)
        data = await resp.json()
        if expect is not None:
            assert resp.status == expect, data
        return data

    async def call(self, paired: Paired, path: str, body: Any, expect: int | None = 200) -> Any:
        return await self.post(path, body, paired.token, paired.origin, expect)


@pytest.fixture
async def agent(data_dir: Path, aiohttp_client, unused_tcp_port: int) -> AsyncIterator[Harness]:
    port = unused_tcp_port
    store = Store.open(data_dir)
    app = create_app(AgentSettings(data_dir=data_dir, port=port, auth_timeout_seconds=0.5), store)
    client = await aiohttp_client(app, server_kwargs={"port": port, "host": "127.0.0.1"})
    yield Harness(client, store, port, data_dir)
    await client.close()
    store.close()


@pytest.fixture
async def paired(agent: Harness) -> Paired:
    return await agent.pair()


def assert_error(body: Any, code: str | None = None) -> None:
    """The one error envelope every failure uses."""
    assert set(body) == {"ok", "error"}, body
    assert body["ok"] is False
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body

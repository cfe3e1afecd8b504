"""The session handshake's own threats: a relay on another port, a flood of silent or failing sockets, and
what a routine handshake writes to the log."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from agent.cli.agent_client import AgentClient
from agent.cli.errors import CliError
from agent.handshake import agent_mac, b64, client_mac, new_nonce, unb64
from agent.server.clients import read_admin_key

from .conftest import Harness, Paired
from .relay import host_rewriting_relay


async def handshake_via(port: int, client_id: str, secret: bytes, origin: str) -> tuple[dict | None, int | None]:
    """A client that dials ``port`` and proves itself for that port, as the extension and the CLI do.
    Returns the welcome (None if the socket was closed instead) and the close code."""
    headers = {"Origin": origin} if origin else {}
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(f"ws://127.0.0.1:{port}/v1/events", headers=headers) as ws,
    ):
        hello = await ws.receive_json()
        agent_nonce, nonce = unb64(hello["agent_nonce"]), new_nonce()
        mac = client_mac(secret, agent_nonce, nonce, port, origin)
        await ws.send_json({"type": "auth", "client_id": client_id, "client_nonce": b64(nonce), "mac": b64(mac)})
        msg = await ws.receive()
        if msg.type == aiohttp.WSMsgType.TEXT:
            welcome = msg.json()
            assert unb64(welcome["mac"]) == agent_mac(secret, agent_nonce, nonce, port)
            return welcome, None
        return None, ws.close_code


async def test_a_relay_on_another_port_obtains_no_session_for_the_admin(agent: Harness) -> None:
    secret = read_admin_key(agent.data_dir / "admin.key")
    assert secret is not None
    async with host_rewriting_relay(agent.port) as relay_port:
        welcome, code = await handshake_via(relay_port, "admin", secret, "")
    assert welcome is None and code == 4401
    welcome, _ = await handshake_via(agent.port, "admin", secret, "")  # the same client, dialling the agent itself
    assert welcome is not None and welcome["session_token"]


async def test_a_relay_on_another_port_obtains_no_session_for_a_paired_browser(agent: Harness, paired: Paired) -> None:
    async with host_rewriting_relay(agent.port) as relay_port:
        welcome, code = await handshake_via(relay_port, paired.client_id, paired.secret, paired.origin)
    assert welcome is None and code == 4401


async def test_the_cli_through_a_relay_gets_no_session(agent: Harness) -> None:
    secret = read_admin_key(agent.data_dir / "admin.key")
    assert secret is not None
    async with host_rewriting_relay(agent.port) as relay_port:
        with pytest.raises(CliError):
            await asyncio.to_thread(AgentClient(relay_port, secret).authenticate)
    await asyncio.to_thread(AgentClient(agent.port, secret).authenticate)

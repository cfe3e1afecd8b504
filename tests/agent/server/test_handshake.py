"""The session handshake's own threats: a relay on another port, a flood of silent or failing sockets, and
what a routine handshake writes to the log."""

from __future__ import annotations

import asyncio
import logging

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


async def fail_handshake(port: int, client_id: str, origin: str = "") -> int | None:
    """One handshake with a wrong proof; returns the close code."""
    _, code = await handshake_via(port, client_id, b"x" * 32, origin)
    return code


async def silent_socket(http: aiohttp.ClientSession, port: int) -> int | None:
    """Opens the socket, reads the hello, sends nothing; returns the close code once the agent gives up."""
    async with http.ws_connect(f"ws://127.0.0.1:{port}/v1/events") as ws:
        await ws.receive_json()
        await ws.receive()
        return ws.close_code


async def test_a_flood_of_silent_sockets_does_not_lock_out_paired_clients(agent: Harness, paired: Paired) -> None:
    async with aiohttp.ClientSession() as http:
        codes = await asyncio.gather(*(silent_socket(http, agent.port) for _ in range(25)))
    assert codes == [4401] * 25
    welcome, _ = await handshake_via(agent.port, paired.client_id, paired.secret, paired.origin)
    assert welcome is not None
    await asyncio.to_thread(AgentClient(agent.port, read_admin_key(agent.data_dir / "admin.key")).authenticate)


async def test_failures_as_other_client_ids_do_not_lock_out_paired_clients(agent: Harness, paired: Paired) -> None:
    for _ in range(25):
        await fail_handshake(agent.port, "c_nobody")
        await fail_handshake(agent.port, "admin")
    welcome, _ = await handshake_via(agent.port, paired.client_id, paired.secret, paired.origin)
    assert welcome is not None
    await asyncio.to_thread(AgentClient(agent.port, read_admin_key(agent.data_dir / "admin.key")).authenticate)


async def test_a_client_id_that_keeps_failing_is_throttled_but_its_true_holder_gets_through(
    agent: Harness, paired: Paired
) -> None:
    codes = [await fail_handshake(agent.port, paired.client_id, paired.origin) for _ in range(22)]
    assert codes[:19] == [4401] * 19 and codes[19:] == [4429] * 3
    welcome, _ = await handshake_via(agent.port, paired.client_id, paired.secret, paired.origin)
    assert welcome is not None


async def test_unknown_client_ids_share_one_throttle(agent: Harness, paired: Paired) -> None:
    codes = [await fail_handshake(agent.port, f"c_guess{n}") for n in range(21)]
    assert codes[-1] == 4429
    assert await fail_handshake(agent.port, paired.client_id, paired.origin) == 4401


async def test_a_routine_handshake_logs_nothing_at_info(agent: Harness, caplog: pytest.LogCaptureFixture) -> None:
    secret = read_admin_key(agent.data_dir / "admin.key")
    assert secret is not None
    with caplog.at_level(logging.DEBUG):
        await asyncio.to_thread(AgentClient(agent.port, secret).authenticate)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO and r.name.startswith("fathom")] == []
    assert any("admin authenticated" in r.getMessage() for r in caplog.records)  # still there when debugging


async def test_a_throttled_client_id_is_logged_once_as_a_warning(
    agent: Harness, paired: Paired, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        for _ in range(25):
            await fail_handshake(agent.port, paired.client_id, paired.origin)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO and r.name.startswith("fathom")]
    assert len(warnings) == 1 and paired.client_id in warnings[0] and "fathom pair" in warnings[0]

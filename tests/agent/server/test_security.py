"""The agent-side threats of security.md section 4 (T1-T15), each shown by a request that must fail."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import socket
import stat

import aiohttp
import pytest

from agent.handshake import b64, client_mac, new_nonce, unb64
from agent.logs import ScrubSecrets
from agent.server.runner import PortInUse, bind_loopback

from .conftest import EXT_ORIGIN, OTHER_EXT_ORIGIN, Harness, Paired, assert_error


def store_bytes(agent: Harness) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (agent.data_dir / "store").iterdir()}


@pytest.mark.parametrize("origin", ["https://evil.test", "http://localhost:3000", "null", "https://www.linkedin.com"])
async def test_t1_t13_web_origins_get_403_and_no_cors_headers(agent: Harness, paired: Paired, origin: str) -> None:
    resp = await agent.client.post(
        "/v1/people/lookup",
        json={"network": "x", "handle": "a"},
        headers={"Origin": origin, "Authorization": f"Bearer {paired.token}"},
    )
    assert resp.status == 403
    assert_error(await resp.json(), "forbidden_origin")
    assert not any(h.lower().startswith("access-control-") for h in resp.headers)


async def test_t2_text_plain_form_post_is_refused_and_changes_nothing(agent: Harness, paired: Paired) -> None:
    before = store_bytes(agent)
    resp = await agent.client.post(
        "/v1/interactions", data='{"kind": "dm", "network": "x", "handle": "a"}', headers={"Content-Type": "text/plain"}
    )
    assert resp.status in (401, 403, 415)
    resp = await agent.client.post(
        "/v1/interactions",
        data='{"kind": "dm", "network": "x", "handle": "a"}',
        headers={"Content-Type": "text/plain", "Authorization": f"Bearer {paired.token}", "Origin": paired.origin},
    )
    assert resp.status == 415
    assert_error(await resp.json(), "unsupported_media_type")
    assert store_bytes(agent) == before
    assert agent.store.counts() == (0, 0)


async def test_t2_get_requests_have_no_side_effects(agent: Harness) -> None:
    resp = await agent.client.get("/v1/interactions")
    assert resp.status == 405
    assert_error(await resp.json())
    assert agent.store.counts() == (0, 0)


async def test_options_is_always_403(agent: Harness) -> None:
    resp = await agent.client.options(
        "/v1/context", headers={"Origin": EXT_ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    assert resp.status == 403
    assert not any(h.lower().startswith("access-control-") for h in resp.headers)


@pytest.mark.parametrize(
    "host",
    ["evil.test:{port}", "localhost.evil.test", "127.0.0.1.nip.io:{port}", "127.0.0.1:1", "127.0.0.1", "[::1]:{port}"],
)
async def test_t3_dns_rebinding_hosts_are_refused(agent: Harness, paired: Paired, host: str) -> None:
    resp = await agent.client.post(
        "/v1/status",
        json={},
        headers={
            "Host": host.format(port=agent.port),
            "Authorization": f"Bearer {paired.token}",
            "Origin": paired.origin,
        },
    )
    assert resp.status == 403
    assert_error(await resp.json(), "bad_host")


async def test_t3_localhost_host_is_accepted(agent: Harness, paired: Paired) -> None:
    resp = await agent.client.post(
        "/v1/status",
        json={},
        headers={"Host": f"localhost:{agent.port}", "Authorization": f"Bearer {paired.token}", "Origin": paired.origin},
    )
    assert resp.status == 200


async def test_t3_request_without_host_is_refused(agent: Harness) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", agent.port)
    writer.write(b"GET /v1/health HTTP/1.0\r\n\r\n")
    await writer.drain()
    status_line = await reader.readline()
    writer.close()
    assert b" 403 " in status_line


@pytest.mark.parametrize("origin", ["https://www.linkedin.com", "https://evil.test", "null", OTHER_EXT_ORIGIN])
async def test_t4_websocket_from_a_foreign_origin_is_refused(agent: Harness, paired: Paired, origin: str) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as info:
        await agent.client.ws_connect("/v1/events", headers={"Origin": origin})
    assert info.value.status == 403


async def test_t5_silent_socket_is_closed_after_the_deadline(agent: Harness, paired: Paired) -> None:
    async with agent.client.ws_connect("/v1/events", headers={"Origin": EXT_ORIGIN}) as ws:
        await ws.receive_json()
        msg = await asyncio.wait_for(ws.receive(), timeout=5)
        assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert ws.close_code == 4401


async def test_t5_wrong_mac_closes_with_4401(agent: Harness, paired: Paired) -> None:
    async with agent.client.ws_connect("/v1/events", headers={"Origin": paired.origin}) as ws:
        hello = await ws.receive_json()
        nonce = new_nonce()
        bad = client_mac(b"x" * 32, unb64(hello["agent_nonce"]), nonce, agent.port, paired.origin)
        await ws.send_json({"type": "auth", "client_id": paired.client_id, "client_nonce": b64(nonce), "mac": b64(bad)})
        msg = await ws.receive()
        assert msg.type == aiohttp.WSMsgType.CLOSE
        assert ws.close_code == 4401


async def test_t5_twenty_rapid_failures_throttle_that_client_id_only(agent: Harness, paired: Paired) -> None:
    codes = []
    for _ in range(21):
        async with agent.client.ws_connect("/v1/events", headers={"Origin": paired.origin}) as ws:
            await ws.receive_json()
            await ws.send_json(
                {"type": "auth", "client_id": paired.client_id, "client_nonce": b64(new_nonce()), "mac": b64(b"0" * 32)}
            )
            await ws.receive()
            codes.append(ws.close_code)
    assert codes[-1] == 4429
    assert await agent.admin_token()  # another client id is not affected


async def test_t6_replayed_auth_frame_is_rejected(agent: Harness, paired: Paired) -> None:
    async with agent.client.ws_connect("/v1/events", headers={"Origin": paired.origin}) as ws:
        hello = await ws.receive_json()
        nonce = new_nonce()
        frame = {
            "type": "auth",
            "client_id": paired.client_id,
            "client_nonce": b64(nonce),
            "mac": b64(client_mac(paired.secret, unb64(hello["agent_nonce"]), nonce, agent.port, paired.origin)),
        }
        await ws.send_json(frame)
        assert (await ws.receive_json())["type"] == "welcome"
    async with agent.client.ws_connect("/v1/events", headers={"Origin": paired.origin}) as ws:
        await ws.receive_json()
        await ws.send_json(frame)  # captured frame, new agent nonce
        msg = await ws.receive()
        assert msg.type == aiohttp.WSMsgType.CLOSE and ws.close_code == 4401


async def test_t7_pair_outside_pairing_mode_is_404(agent: Harness) -> None:
    resp = await agent.client.post("/v1/pair", json={"code": "AAAAAAAA"}, headers={"Origin": EXT_ORIGIN})
    assert resp.status == 404
    assert_error(await resp.json(), "not_pairing")


async def test_t7_pair_from_a_web_origin_is_403(agent: Harness) -> None:
    admin = await agent.admin_token()
    code = (await agent.post("/v1/admin/pair", {}, admin))["code"]
    resp = await agent.client.post("/v1/pair", json={"code": code}, headers={"Origin": "https://evil.test"})
    assert resp.status == 403
    resp = await agent.client.post("/v1/pair", json={"code": code})  # no Origin at all: not an extension
    assert resp.status == 403


async def test_t7_sixth_wrong_code_closes_pairing(agent: Harness) -> None:
    admin = await agent.admin_token()
    code = (await agent.post("/v1/admin/pair", {}, admin))["code"]
    for _ in range(5):
        resp = await agent.client.post("/v1/pair", json={"code": "WRONGCOD"}, headers={"Origin": EXT_ORIGIN})
        assert resp.status == 403
    resp = await agent.client.post("/v1/pair", json={"code": code}, headers={"Origin": EXT_ORIGIN})
    assert resp.status == 404


async def test_t7_a_code_works_once(agent: Harness) -> None:
    admin = await agent.admin_token()
    code = (await agent.post("/v1/admin/pair", {}, admin))["code"]
    first = await agent.client.post("/v1/pair", json={"code": code}, headers={"Origin": EXT_ORIGIN})
    assert first.status == 201
    second = await agent.client.post("/v1/pair", json={"code": code}, headers={"Origin": OTHER_EXT_ORIGIN})
    assert second.status == 404


async def test_t9_no_credentials_is_401(agent: Harness) -> None:
    resp = await agent.client.post(
        "/v1/people/lookup", json={"network": "x", "handle": "a"}, headers={"Origin": EXT_ORIGIN}
    )
    assert resp.status == 401
    assert_error(await resp.json(), "unauthenticated")
    resp = await agent.client.post(
        "/v1/people/lookup", json={"network": "x", "handle": "a"}, headers={"Authorization": "Bearer forged"}
    )
    assert resp.status == 401


async def test_t9_files_are_private(agent: Harness, paired: Paired) -> None:
    assert stat.S_IMODE(os.stat(agent.data_dir).st_mode) == 0o700
    for name in ("admin.key", "clients.json"):
        assert stat.S_IMODE(os.stat(agent.data_dir / name).st_mode) == 0o600


async def test_token_from_another_origin_is_refused(agent: Harness, paired: Paired) -> None:
    resp = await agent.client.post(
        "/v1/status", json={}, headers={"Authorization": f"Bearer {paired.token}", "Origin": OTHER_EXT_ORIGIN}
    )
    assert resp.status == 403


async def test_extension_token_cannot_use_admin_routes(agent: Harness, paired: Paired) -> None:
    body = await agent.call(paired, "/v1/admin/pair", {}, expect=403)
    assert_error(body, "admin_only")


async def test_admin_cannot_authenticate_with_a_browser_origin(agent: Harness) -> None:
    from agent.server.clients import read_admin_key

    secret = read_admin_key(agent.data_dir / "admin.key")
    assert secret is not None
    await agent.pair()  # so EXT_ORIGIN is a known origin and the handshake opens
    async with agent.client.ws_connect("/v1/events", headers={"Origin": EXT_ORIGIN}) as ws:
        hello = await ws.receive_json()
        nonce = new_nonce()
        mac = client_mac(secret, unb64(hello["agent_nonce"]), nonce, agent.port, EXT_ORIGIN)
        await ws.send_json({"type": "auth", "client_id": "admin", "client_nonce": b64(nonce), "mac": b64(mac)})
        await ws.receive()
        assert ws.close_code == 4401


async def test_unpair_revokes_sessions_at_once(agent: Harness, paired: Paired) -> None:
    admin = await agent.admin_token()
    await agent.post("/v1/admin/unpair", {"client_id": paired.client_id}, admin)
    body = await agent.call(paired, "/v1/status", {}, expect=401)
    assert_error(body, "unauthenticated")


def test_t10_agent_binds_loopback_only() -> None:
    sock = bind_loopback(0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()


def test_t8_port_in_use_is_refused_with_what_to_do() -> None:
    squatter = socket.socket()
    squatter.bind(("127.0.0.1", 0))
    squatter.listen()
    try:
        with pytest.raises(PortInUse, match="--port"):
            bind_loopback(squatter.getsockname()[1])
    finally:
        squatter.close()


def test_t14_log_scrubber_masks_tokens_secrets_and_codes() -> None:
    record = logging.LogRecord(
        "x",
        logging.INFO,
        __file__,
        1,
        'Authorization: Bearer abc.DEF-123 {"secret": "S3CR3T", "code": "ABCD2345"}',
        None,
        None,
    )
    ScrubSecrets().filter(record)
    text = record.getMessage()
    for secret in ("abc.DEF-123", "S3CR3T", "ABCD2345"):
        assert secret not in text


async def test_t15_two_megabyte_body_is_413(agent: Harness, paired: Paired) -> None:
    resp = await agent.client.post(
        "/v1/context",
        data=io.BytesIO(b'{"url": "' + b"a" * (2 * 1024 * 1024) + b'"}'),
        headers={
            "Content-Type": "application/json",
            "Origin": paired.origin,
            "Authorization": f"Bearer {paired.token}",
        },
    )
    assert resp.status == 413
    assert_error(await resp.json(), "too_large")


async def test_t15_unknown_fields_are_400(agent: Harness, paired: Paired) -> None:
    body = await agent.call(paired, "/v1/people/lookup", {"network": "x", "handle": "a", "evil": 1}, expect=400)
    assert_error(body, "unknown_field")

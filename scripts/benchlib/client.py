"""An asyncio client for a running agent, as the local admin: the handshake of docs/protocol.md, then JSON
POSTs on one persistent keep-alive connection (what the extension's worker does with fetch), and WebSocket
subscribers for push.

It follows ``agent.cli.agent_client.AgentClient`` (same admin key, same handshake, the agent is verified
before anything is sent) but is asynchronous, so one process can hold 50 subscribers and keep posting
overlays while an import runs.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import aiohttp

from agent.handshake import ADMIN_CLIENT, agent_mac, b64, client_mac, macs_equal, new_nonce, unb64
from agent.server.clients import read_admin_key

TIMEOUT = aiohttp.ClientTimeout(total=300)


class BenchError(RuntimeError):
    """The benchmark itself broke (not a missed target): the agent refused or failed a request."""


def admin_secret(data_dir: Path) -> bytes:
    secret = read_admin_key(data_dir / "admin.key")
    if secret is None:
        raise BenchError(f"no admin key in {data_dir}; the agent writes it when it starts")
    return secret


async def handshake(
    http: aiohttp.ClientSession, port: int, secret: bytes
) -> tuple[aiohttp.ClientWebSocketResponse, str]:
    """Authenticate as the admin on a new socket; returns the open socket and the session token."""
    ws = await http.ws_connect(f"ws://127.0.0.1:{port}/v1/events", autoping=True)
    hello = await ws.receive_json(timeout=10)
    agent_nonce = unb64(hello["agent_nonce"])
    client_nonce = new_nonce()
    mac = client_mac(secret, agent_nonce, client_nonce, port, "")
    await ws.send_json({"type": "auth", "client_id": ADMIN_CLIENT, "client_nonce": b64(client_nonce), "mac": b64(mac)})
    welcome = await ws.receive_json(timeout=10)
    if welcome.get("type") != "welcome" or not macs_equal(
        unb64(welcome.get("mac", "")), agent_mac(secret, agent_nonce, client_nonce, port)
    ):
        await ws.close()
        raise BenchError(f"the program on port {port} is not this data dir's agent (handshake failed)")
    return ws, str(welcome["session_token"])


class AgentSession:
    """One authenticated admin session over one keep-alive HTTP connection."""

    def __init__(self, port: int, secret: bytes) -> None:
        self.port = port
        self._secret = secret
        self._http: aiohttp.ClientSession | None = None
        self._token = ""

    async def __aenter__(self) -> AgentSession:
        connector = aiohttp.TCPConnector(limit=1, force_close=False)
        self._http = aiohttp.ClientSession(connector=connector, timeout=TIMEOUT)
        ws, self._token = await handshake(self._http, self.port, self._secret)
        await ws.close()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        if self._http is not None:
            await self._http.close()

    @property
    def http(self) -> aiohttp.ClientSession:
        assert self._http is not None, "use AgentSession in `async with`"
        return self._http

    async def post(self, route: str, body: dict[str, Any], *, expect: tuple[int, ...] = (200, 201)) -> dict[str, Any]:
        return (await self.timed_post(route, body, expect=expect))[0]

    async def timed_post(
        self, route: str, body: dict[str, Any], *, expect: tuple[int, ...] = (200, 201)
    ) -> tuple[dict[str, Any], float]:
        """The answer and the milliseconds from sending the request to reading the whole answer."""
        payload = json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self._token}"}
        start = time.perf_counter()
        async with self.http.post(f"http://127.0.0.1:{self.port}{route}", data=payload, headers=headers) as resp:
            raw = await resp.read()
            elapsed = (time.perf_counter() - start) * 1000
            status = resp.status
        answer = json.loads(raw)
        if status not in expect:
            raise BenchError(f"{route} answered {status}: {answer.get('error', answer)}")
        return answer, elapsed


class Subscriber:
    """A WebSocket client following some people, as an overlay does."""

    def __init__(self, port: int, secret: bytes) -> None:
        self.port = port
        self._secret = secret
        self._http: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None

    async def open(self, people: list[str]) -> None:
        self._http = aiohttp.ClientSession(timeout=TIMEOUT)
        self.ws, _token = await handshake(self._http, self.port, self._secret)
        await self.ws.send_json({"type": "subscribe", "people": people})
        answer = await self.ws.receive_json(timeout=10)
        if answer.get("type") != "subscribed":
            raise BenchError(f"subscribe was answered with {answer}")

    async def next_event(self, timeout: float) -> tuple[dict[str, Any], float]:
        """The next event frame and the perf_counter time it arrived (taken before decoding it)."""
        assert self.ws is not None
        while True:
            msg = await self.ws.receive(timeout=timeout)
            arrived = time.perf_counter()
            if msg.type != aiohttp.WSMsgType.TEXT:
                raise BenchError(f"a subscriber's socket closed ({msg.type.name}) while waiting for a push")
            frame = json.loads(msg.data)
            if frame.get("type") == "event":
                return frame, arrived

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._http is not None:
            await self._http.close()

"""A program squatting on the agent's port: it answers health and pairing like Fathom but cannot prove
it holds the pairing secret (its welcome carries a wrong mac_a). It records what the extension sends."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import threading
from typing import Any

from aiohttp import WSMsgType, web


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class FakeAgent:
    """Runs on its own event loop thread; `sockets` holds the frames each WebSocket received."""

    def __init__(self, port: int, *, api: int = 1) -> None:
        self.port = port
        self.api = api
        self.sockets: list[list[dict[str, Any]]] = []
        self.data_requests: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1/health", self._health)
        app.router.add_post("/v1/pair", self._pair)
        app.router.add_get("/v1/events", self._events)
        app.router.add_route("*", "/{tail:.*}", self._data)
        return app

    async def _health(self, request: web.Request) -> web.Response:
        return web.json_response({"name": "fathom", "version": "0.1.0", "api": self.api})

    async def _pair(self, request: web.Request) -> web.Response:
        body = {"ok": True, "client_id": "c_fake", "secret": b64url(os.urandom(32)), "agent_id": "a_fake"}
        return web.json_response(body, status=201)

    async def _events(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        frames: list[dict[str, Any]] = []
        self.sockets.append(frames)
        await ws.send_json({"type": "hello", "agent_id": "a_fake", "agent_nonce": b64url(os.urandom(32)), "proto": 1})
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                break
            frame = json.loads(message.data)
            frames.append(frame)
            if frame.get("type") == "auth":
                # A squatter does not know K, so its proof is wrong.
                welcome = {"type": "welcome", "mac": b64url(os.urandom(32)), "session_token": "stolen?"}
                await ws.send_json({**welcome, "expires_in": 60, "client_id": "c_fake"})
        return ws

    async def _data(self, request: web.Request) -> web.Response:
        self.data_requests.append(f"{request.method} {request.path}")
        return web.json_response({"ok": False, "error": {"code": "nope", "message": "fake"}}, status=500)

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)

    async def _start(self) -> None:
        self._runner = web.AppRunner(self._app())
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

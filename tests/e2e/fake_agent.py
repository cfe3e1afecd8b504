"""A program squatting on the agent's port: it answers health and pairing like Fathom but cannot prove
it holds the pairing secret (its welcome carries a wrong mac_a). It records what the extension sends.

For the agent's rarer answers it can instead close the handshake with a given code, or act as the agent
the browser paired with (it proves the secret it handed out) and answer data routes as it is told."""

from __future__ import annotations

import asyncio
import json
import os
import threading
from typing import Any

from aiohttp import WSMsgType, web

from agent.handshake import agent_mac, b64, unb64


class FakeAgent:
    """Runs on its own event loop thread; `sockets` holds the frames each WebSocket received."""

    def __init__(
        self,
        port: int,
        *,
        api: int = 1,
        close_code: int | None = None,
        proves_secret: bool = False,
        answers: dict[str, tuple[int, dict[str, Any]]] | None = None,
    ) -> None:
        """close_code: close each handshake with it after the auth frame; proves_secret: welcome with the
        right mac_a; answers: path -> (HTTP status, JSON body) for data routes (else a 500)."""
        self.port = port
        self.api = api
        self.close_code = close_code
        self.proves_secret = proves_secret
        self.answers = answers or {}
        self.secret = os.urandom(32)
        self._sockets_open: set[web.WebSocketResponse] = set()  # closed on stop, or cleanup waits for them
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
        body = {"ok": True, "client_id": "c_fake", "secret": b64(self.secret), "agent_id": "a_fake"}
        return web.json_response(body, status=201)

    async def _events(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets_open.add(ws)
        frames: list[dict[str, Any]] = []
        self.sockets.append(frames)
        agent_nonce = os.urandom(32)
        await ws.send_json({"type": "hello", "agent_id": "a_fake", "agent_nonce": b64(agent_nonce), "proto": 1})
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                break
            frame = json.loads(message.data)
            frames.append(frame)
            if frame.get("type") == "auth":
                if self.close_code is not None:
                    await ws.close(code=self.close_code, message=b"authentication failed")
                    break
                # A squatter does not know K, so its proof is wrong.
                mac = os.urandom(32)
                if self.proves_secret:
                    mac = agent_mac(self.secret, agent_nonce, unb64(frame["client_nonce"]), self.port)
                welcome = {"type": "welcome", "mac": b64(mac), "session_token": "stolen?"}
                await ws.send_json({**welcome, "expires_in": 60, "client_id": "c_fake"})
        self._sockets_open.discard(ws)
        return ws

    async def _data(self, request: web.Request) -> web.Response:
        self.data_requests.append(f"{request.method} {request.path}")
        if request.path in self.answers:
            status, body = self.answers[request.path]
            return web.json_response(body, status=status)
        return web.json_response({"ok": False, "error": {"code": "nope", "message": "fake"}}, status=500)

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)

    async def _start(self) -> None:
        self._runner = web.AppRunner(self._app())
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def _cleanup(self, runner: web.AppRunner) -> None:
        for ws in list(self._sockets_open):
            await ws.close()
        await runner.cleanup()

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._cleanup(self._runner), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

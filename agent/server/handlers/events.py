"""GET /v1/events: the WebSocket. Mutual HMAC handshake first (docs/protocol.md), then subscriptions and pushes."""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import WSMsgType, web

from agent import API_VERSION, __version__
from agent.handshake import ADMIN_CLIENT, agent_mac, b64, client_mac, macs_equal, new_nonce, unb64
from agent.server.errors import error_response
from agent.server.keys import AGENT_ID, CLIENTS, HUB, SESSIONS, SETTINGS
from agent.server.push import Subscriber

log = logging.getLogger("fathom.events")

AUTH_FAILED = 4401
MAX_FRAME = 64 * 1024


async def events(request: web.Request) -> web.StreamResponse:
    app = request.app
    origin = request.headers.get("Origin", "")
    clients = app[CLIENTS]
    if origin and origin not in clients.origins():
        return error_response(403, "forbidden_origin", "This extension is not paired. Pair it from its options page.")
    if app[SESSIONS].blocked():
        return error_response(429, "too_many_requests", "Too many failed handshakes; wait a minute.")
    ws = web.WebSocketResponse(max_msg_size=MAX_FRAME, autoping=True)
    await ws.prepare(request)
    agent_nonce = new_nonce()
    await ws.send_json(
        {
            "type": "hello",
            "agent_id": app[AGENT_ID],
            "agent_nonce": b64(agent_nonce),
            "proto": API_VERSION,
            "version": __version__,
        }
    )
    client_id = await _authenticate(app, ws, agent_nonce, origin)
    if client_id is None:
        app[SESSIONS].record_failure()
        await ws.close(code=AUTH_FAILED, message=b"authentication failed")
        return ws
    sub = Subscriber(ws, client_id)
    app[HUB].add(sub)
    try:
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                break
            await _handle_frame(app, sub, msg.data)
    finally:
        app[HUB].remove(sub)
    return ws


async def _authenticate(app: web.Application, ws: web.WebSocketResponse, agent_nonce: bytes, origin: str) -> str | None:
    try:
        msg = await ws.receive(timeout=app[SETTINGS].auth_timeout_seconds)
    except TimeoutError:
        return None
    if msg.type != WSMsgType.TEXT:
        return None
    try:
        frame = json.loads(msg.data)
        if not isinstance(frame, dict) or frame.get("type") != "auth":
            return None
        client_id = frame["client_id"]
        client_nonce = unb64(frame["client_nonce"])
        mac = unb64(frame["mac"])
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(client_id, str) or len(client_nonce) != 32:
        return None
    clients = app[CLIENTS]
    secret = clients.secret_for(client_id)
    expected_origin = clients.origin_for(client_id)
    if secret is None or expected_origin != origin or (client_id == ADMIN_CLIENT and origin):
        return None
    port = app[SETTINGS].port  # the port this agent listens on, never the Host a relay may have rewritten
    if not macs_equal(mac, client_mac(secret, agent_nonce, client_nonce, port, origin)):
        return None
    token = app[SESSIONS].issue(client_id, origin)
    await ws.send_json(
        {
            "type": "welcome",
            "mac": b64(agent_mac(secret, agent_nonce, client_nonce, port)),
            "session_token": token,
            "expires_in": int(app[SETTINGS].session_ttl_seconds),
            "client_id": client_id,
        }
    )
    if client_id != ADMIN_CLIENT:
        clients.touch(client_id)
    log.info("client %s authenticated", client_id)
    return client_id


async def _handle_frame(app: web.Application, sub: Subscriber, data: str) -> None:
    try:
        frame: Any = json.loads(data)
    except ValueError:
        frame = None
    if not isinstance(frame, dict):
        await _error(sub, "bad_frame", "Frames are JSON objects with a type.")
        return
    kind = frame.get("type")
    if kind == "ping":
        await sub.ws.send_json({"type": "pong"})
    elif kind == "subscribe":
        people = frame.get("people", [])
        limit = app[SETTINGS].max_subscriptions
        if not isinstance(people, list) or not all(isinstance(p, str) and len(p) < 64 for p in people):
            await _error(sub, "bad_subscribe", "people must be a list of person ids.")
            return
        if len(people) > limit:
            await _error(sub, "bad_subscribe", f"At most {limit} people per socket.")
            return
        sub.people = set(people)
        sub.everything = frame.get("all") is True
        await sub.ws.send_json({"type": "subscribed", "people": sorted(sub.people), "all": sub.everything})
    else:
        await _error(sub, "unknown_frame", "Known frames: ping, subscribe.")


async def _error(sub: Subscriber, code: str, message: str) -> None:
    await sub.ws.send_json({"type": "error", "code": code, "message": message})

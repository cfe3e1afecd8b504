"""GET /v1/events: the WebSocket. Mutual HMAC handshake first (docs/protocol.md), then subscriptions and pushes."""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import WSMsgType, web

from agent import API_VERSION, __version__
from agent.handshake import ADMIN_CLIENT, agent_mac, b64, client_mac, macs_equal, new_nonce, unb64
from agent.server.errors import error_response
from agent.server.keys import AGENT_ID, CLIENTS, HUB, SESSIONS, SETTINGS, THROTTLE
from agent.server.push import Subscriber
from agent.server.throttle import UNKNOWN_SOURCE

log = logging.getLogger("fathom.events")

AUTH_FAILED = 4401
THROTTLED = 4429
MAX_FRAME = 64 * 1024


async def events(request: web.Request) -> web.StreamResponse:
    app = request.app
    origin = request.headers.get("Origin", "")
    clients = app[CLIENTS]
    if origin and origin not in clients.origins():
        return error_response(403, "forbidden_origin", "This extension is not paired. Pair it from its options page.")
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
    client_id, claimed = await _authenticate(app, ws, agent_nonce, origin)
    if client_id is None:
        await ws.close(code=_failure_code(app, claimed), message=b"authentication failed")
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


def _failure_code(app: web.Application, claimed: str | None) -> int:
    """4401, or 4429 once the client id this socket claimed failed too often. A silent or garbled socket
    (``claimed`` None) has already cost all it may: its one frame and its deadline."""
    if claimed is None:
        return AUTH_FAILED
    source = claimed if app[CLIENTS].secret_for(claimed) is not None else UNKNOWN_SOURCE
    throttle = app[THROTTLE]
    if throttle.failed(source):
        limit = app[SETTINGS].auth_failures_limit
        log.warning(
            "handshakes as client %r failed %d times in a minute; if that is your browser, pair it again "
            "(`fathom pair`), else some local program is guessing (`fathom status` lists the paired browsers)",
            claimed[:40] if source != UNKNOWN_SOURCE else "(not paired)",
            limit,
        )
    else:
        log.debug("handshake as client %r failed", claimed[:40])  # repr: the id is whatever the socket sent
    return THROTTLED if throttle.throttled(source) else AUTH_FAILED


async def _authenticate(
    app: web.Application, ws: web.WebSocketResponse, agent_nonce: bytes, origin: str
) -> tuple[str | None, str | None]:
    """(the authenticated client id, None), or (None, the client id the socket claimed if it got that far)."""
    try:
        msg = await ws.receive(timeout=app[SETTINGS].auth_timeout_seconds)
    except TimeoutError:
        return None, None
    if msg.type != WSMsgType.TEXT:
        return None, None
    try:
        frame = json.loads(msg.data)
        if not isinstance(frame, dict) or frame.get("type") != "auth":
            return None, None
        client_id = frame["client_id"]
        if not isinstance(client_id, str):
            return None, None
        client_nonce = unb64(frame["client_nonce"])
        mac = unb64(frame["mac"])
    except (ValueError, KeyError, TypeError):
        return None, None
    if len(client_nonce) != 32:
        return None, client_id
    clients = app[CLIENTS]
    secret = clients.secret_for(client_id)
    expected_origin = clients.origin_for(client_id)
    if secret is None or expected_origin != origin or (client_id == ADMIN_CLIENT and origin):
        return None, client_id
    port = app[SETTINGS].port  # the port this agent listens on, never the Host a relay may have rewritten
    # A correct proof always gets through, throttled or not: a failing impostor must not lock out the client.
    if not macs_equal(mac, client_mac(secret, agent_nonce, client_nonce, port, origin)):
        return None, client_id
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
    log.debug("client %s authenticated", client_id)  # routine: every CLI call does it
    return client_id, None


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

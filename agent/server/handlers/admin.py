"""Routes only the local `fathom` command may use (the admin client): pairing and paired clients."""

from __future__ import annotations

import logging

from aiohttp import web

from agent.server.errors import ApiError, ok
from agent.server.keys import CLIENTS, HUB, PAIRING, SESSIONS, SETTINGS
from agent.server.requests import read_json, require_session

log = logging.getLogger("fathom.admin")


async def open_pairing(request: web.Request) -> web.Response:
    require_session(request, admin=True)
    await read_json(request, allowed=set())
    settings = request.app[SETTINGS]
    code = request.app[PAIRING].open(settings.pairing_seconds, settings.pairing_tries)
    log.info("pairing opened for %d s", settings.pairing_seconds)
    return ok(code=code, expires_in=int(settings.pairing_seconds))


async def list_clients(request: web.Request) -> web.Response:
    require_session(request, admin=True)
    await read_json(request, allowed=set())
    return ok(clients=[c.public() for c in request.app[CLIENTS].all()])


async def unpair(request: web.Request) -> web.Response:
    require_session(request, admin=True)
    body = await read_json(request, allowed={"client_id"})
    clients = request.app[CLIENTS]
    client_id = body.get("client_id")
    if client_id is None:
        targets = [c.client_id for c in clients.all()]
    elif isinstance(client_id, str) and clients.get(client_id):
        targets = [client_id]
    else:
        raise ApiError(404, "unknown_client", "No paired client with that id; `fathom unpair --list` shows them.")
    for cid in targets:
        clients.remove(cid)
        request.app[SESSIONS].revoke_client(cid)
        await request.app[HUB].disconnect_client(cid)
    return ok(removed=targets)

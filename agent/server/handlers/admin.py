"""Routes only the local `fathom` command may use (the admin client): pairing, clients, backup, restore."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from aiohttp import web

from agent.server.errors import ApiError, ok
from agent.server.keys import CLIENTS, HUB, PAIRING, SESSIONS, SETTINGS, STORE
from agent.server.requests import read_json, require_session
from agent.service.backup import backup_name, plan_restore, read_document, write_backup

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


async def backup(request: web.Request) -> web.Response:
    """A consistent snapshot while the agent runs (taken on the store's writer thread)."""
    require_session(request, admin=True)
    body = await read_json(request, allowed={"path"})
    settings = request.app[SETTINGS]
    path = body.get("path")
    if path is not None and (not isinstance(path, str) or not Path(path).is_absolute()):
        raise ApiError(400, "bad_path", "path must be an absolute file path.")
    target = Path(path) if path else settings.layout.backups / backup_name()
    store = request.app[STORE]
    written = await asyncio.get_running_loop().run_in_executor(None, write_backup, store, target)
    return ok(path=str(written))


async def restore(request: web.Request) -> web.Response:
    require_session(request, admin=True)
    body = await read_json(request, allowed={"path", "replace"}, required={"path"})
    if not isinstance(body["path"], str) or not Path(body["path"]).is_absolute():
        raise ApiError(400, "bad_path", "path must be an absolute file path.")
    data = await asyncio.get_running_loop().run_in_executor(None, read_document, Path(body["path"]))
    counts = await request.app[STORE].write_async(lambda s: plan_restore(s, data, replace=body.get("replace") is True))
    return ok(**counts)

"""The agent's status (which port, which clients): a route only a running agent can answer."""

from __future__ import annotations

from aiohttp import web

from agent import __version__
from agent.server.errors import ok
from agent.server.keys import CLIENTS, HUB, SETTINGS, STORE
from agent.server.requests import read_json, require_session


async def status(request: web.Request) -> web.Response:
    require_session(request)
    await read_json(request, allowed=set())
    store = request.app[STORE]
    await store.wait_loaded_async()
    people, interactions = store.counts()
    return ok(
        version=__version__,
        port=request.app[SETTINGS].port,
        data_dir=str(request.app[SETTINGS].data_dir),
        people=people,
        interactions=interactions,
        clients=len(request.app[CLIENTS].all()),
        subscribers=len(request.app[HUB]),
    )

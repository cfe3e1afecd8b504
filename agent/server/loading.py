"""While the store still reads its shards in the background, requests go first."""

from __future__ import annotations

from aiohttp import web

from agent.server.errors import Handler
from agent.server.keys import STORE

EVENTS_PATH = "/v1/events"  # a push socket lasts for hours; only request/response work is waited for


@web.middleware
async def requests_first(request: web.Request, handler: Handler) -> web.StreamResponse:
    store = request.app[STORE]
    if store.loaded or request.path == EVENTS_PATH:
        return await handler(request)
    with store.serving():
        return await handler(request)

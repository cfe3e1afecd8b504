"""Small read-only routes: the kinds table, recent logs and the agent's status."""

from __future__ import annotations

from aiohttp import web

from agent import __version__
from agent.server.errors import ApiError, ok
from agent.server.keys import CLIENTS, HUB, SETTINGS, STORE
from agent.server.requests import read_json, require_session
from agent.service.views import kinds_payload


async def kinds(request: web.Request) -> web.Response:
    require_session(request)
    await read_json(request, allowed=set())
    return ok(**kinds_payload())


async def recent(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed={"limit"})
    limit = body.get("limit", 10)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 100:
        raise ApiError(400, "invalid", "limit must be a whole number from 1 to 100.")
    store = request.app[STORE]
    await store.wait_loaded_async()  # everyone's interactions: not on the loop while they are still read
    # `created` has whole seconds: among logs of one second, the later logged (later in the store) first.
    manual = sorted(reversed(store.logged()), key=lambda i: i.created, reverse=True)
    items = []
    for inter in manual[:limit]:
        person = store.person(inter.person)
        items.append({**inter.to_json(), "person_name": person.name if person else ""})
    return ok(interactions=items)


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

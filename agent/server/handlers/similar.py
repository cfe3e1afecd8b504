"""The admin route behind the CLI's "did you mean …?": people close to a typed handle."""

from __future__ import annotations

import asyncio

from aiohttp import web

from agent.server.errors import ok
from agent.server.keys import STORE
from agent.server.requests import read_json, require_session
from agent.service.people import identity_key
from agent.service.similar import similar_people


async def similar(request: web.Request) -> web.Response:
    require_session(request, admin=True)  # it reads across everyone: only the local `fathom` command asks
    body = await read_json(request, allowed={"network", "handle"}, required={"network", "handle"})
    network, handle = identity_key(body["network"], body["handle"])
    people = request.app[STORE].people()
    matches = await asyncio.get_running_loop().run_in_executor(None, similar_people, people, network, handle)
    return ok(people=matches)

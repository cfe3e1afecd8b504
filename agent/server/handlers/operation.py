"""The HTTP glue around agent/operations: the session, the JSON body, the status of a success."""

from __future__ import annotations

from aiohttp import web

from agent.operations.table import Operation
from agent.server.errors import Handler, ok
from agent.server.keys import OPERATIONS
from agent.server.requests import read_object, require_session


def handler(operation: Operation) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        require_session(request, admin=operation.admin)
        body = await read_object(request)
        answer = await operation.run(request.app[OPERATIONS], body, **request.match_info)
        return ok(operation.status_of(answer), **answer)

    return handle

"""The gates every request passes before routing: Host (DNS rebinding), Origin (web pages, CSWSH), OPTIONS.

No response ever carries an Access-Control-* header, so no web page can read an answer.
"""

from __future__ import annotations

import re

from aiohttp import web

from agent.server.errors import Handler, error_response
from agent.server.keys import SETTINGS

EXTENSION_ORIGIN = re.compile(
    r"^(chrome-extension://[a-p]{32}|moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)


def allowed_hosts(port: int) -> frozenset[str]:
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


def is_extension_origin(origin: str) -> bool:
    return bool(EXTENSION_ORIGIN.match(origin))


@web.middleware
async def host_and_origin_gate(request: web.Request, handler: Handler) -> web.StreamResponse:
    settings = request.app[SETTINGS]
    hosts = request.headers.getall("Host", [])
    if len(hosts) != 1 or hosts[0].lower() not in allowed_hosts(settings.port):
        return error_response(403, "bad_host", "Requests must be addressed to 127.0.0.1 on the agent's port.")
    origins = request.headers.getall("Origin", [])
    if len(origins) > 1 or (origins and not is_extension_origin(origins[0])):
        return error_response(403, "forbidden_origin", "Web pages may not talk to the Fathom agent.")
    if request.method == "OPTIONS":
        return error_response(403, "forbidden", "Cross-origin requests are not allowed.")
    return await handler(request)

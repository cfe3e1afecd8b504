"""POST /v1/pair: exchange the one-time code for this browser profile's credentials (once)."""

from __future__ import annotations

import logging

from aiohttp import web

from agent.server.errors import ApiError, ok
from agent.server.gates import is_extension_origin
from agent.server.keys import AGENT_ID, CLIENTS, PAIRING
from agent.server.requests import read_json

log = logging.getLogger("fathom.pairing")


async def pair(request: web.Request) -> web.Response:
    # The body is read (or refused by its size) first, as on every other route: a large body left unread
    # stalled its sender on aiohttp before 3.12 (test_fuzz_routes, under the floor versions).
    body = await read_json(request, allowed={"code", "label", "browser"}, required={"code"})
    window = request.app[PAIRING]
    if not window.is_open():
        raise ApiError(404, "not_pairing", "Pairing is not open. Run `fathom pair` and enter the code it prints.")
    origin = request.headers.get("Origin", "")
    if not is_extension_origin(origin):
        raise ApiError(403, "forbidden_origin", "Only the Fathom browser extension can pair.")
    code, label, browser = body.get("code"), body.get("label", ""), body.get("browser", "")
    if not isinstance(code, str) or not isinstance(label, str) or not isinstance(browser, str):
        raise ApiError(400, "invalid", "code, label and browser must be strings.")
    if not window.check(code[:32]):
        left = window.tries_left if window.is_open() else 0
        tries = "try" if left == 1 else "tries"
        hint = f"{left} {tries} left." if left else "Pairing is now closed; run `fathom pair` again."
        raise ApiError(403, "bad_code", f"That pairing code is not right. {hint}")
    client, secret = request.app[CLIENTS].add(origin, label[:100] or "browser", browser[:20] or "unknown")
    log.info("paired client %s (%s)", client.client_id, client.label)
    from agent.handshake import b64

    return ok(201, client_id=client.client_id, secret=b64(secret), agent_id=request.app[AGENT_ID])

"""The weekly review notification setting (the review itself is in agent/operations/review.py)."""

from __future__ import annotations

from aiohttp import web

from agent.server.errors import ApiError, ok
from agent.server.keys import STORE
from agent.server.notifier import SETTINGS_KEY
from agent.server.requests import read_json, require_session
from agent.store import ops


async def notifications(request: web.Request) -> web.Response:
    """Turn the weekly desktop notification on or off (off by default)."""
    require_session(request)
    body = await read_json(request, allowed={"weekly"})
    store = request.app[STORE]
    current = dict(store.meta(SETTINGS_KEY, {}) or {})
    if "weekly" in body:
        if not isinstance(body["weekly"], bool):
            raise ApiError(400, "invalid", "weekly must be true or false.")
        current["weekly"] = body["weekly"]
        await store.write_async(lambda _s: ([ops.put_meta(SETTINGS_KEY, current)], None))
    return ok(weekly=bool(current.get("weekly")), last_sent=current.get("last_sent"))

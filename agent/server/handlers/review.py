"""The relationship review across everyone, and remembering done / snooze / not relevant."""

from __future__ import annotations

from aiohttp import web

from agent.server.errors import ApiError, ok
from agent.server.keys import HUB, REVIEWER, STORE
from agent.server.notifier import SETTINGS_KEY
from agent.server.requests import read_json, require_session
from agent.service import fields
from agent.service import review as service
from agent.service.clock import now_utc
from agent.store import ops


async def review(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed={"as_of", "limit"})
    as_of = fields.as_of(body.get("as_of"))
    items = await request.app[REVIEWER].items(as_of or now_utc(), as_of=as_of is not None)
    limit = body.get("limit")
    total = len(items)
    if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
        items = items[:limit]
    return ok(items=items, total=total)


async def act(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed={"person_id", "key", "action"}, required={"person_id", "key", "action"})
    now = now_utc()
    person = await request.app[STORE].write_async(
        lambda s: service.act(s, body["person_id"], body["key"], body["action"], now)
    )
    await request.app[HUB].publish("person.updated", person.id, person.to_json())
    return ok(person_id=person.id, key=body["key"], state=person.loop_state[body["key"]])


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

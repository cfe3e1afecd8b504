"""The relationship review across everyone, and remembering done / snooze / not relevant."""

from __future__ import annotations

from typing import Any

from agent.operations.body import checked
from agent.operations.context import Context
from agent.service import fields
from agent.service import review as service
from agent.service.clock import now_utc


async def review(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"as_of", "limit"})
    as_of = fields.as_of(body.get("as_of"))
    items = await ctx.reviewer.items(as_of or now_utc(), as_of=as_of is not None)
    limit = body.get("limit")
    total = len(items)
    if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
        items = items[:limit]
    return {"items": items, "total": total}


async def act(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"person_id", "key", "action"}, required={"key", "action"})
    now = now_utc()
    person_id = body.get("person_id")  # none for a snoozed item, which the review no longer lists
    person = await ctx.store.write_async(lambda s: service.act(s, person_id, body["key"], body["action"], now))
    await ctx.publish("person.updated", person.id, person.to_json())
    return {"person_id": person.id, "key": body["key"], "state": person.loop_state[body["key"]]}

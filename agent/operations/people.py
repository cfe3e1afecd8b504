"""People: lookup without parsing, get, update, link, unlink, and who is close to a typed handle."""

from __future__ import annotations

import asyncio
from typing import Any

from agent.operations.body import checked
from agent.operations.context import Context
from agent.service import fields
from agent.service.clock import now_utc
from agent.service.errors import Invalid
from agent.service.people import (
    find_or_error,
    get_or_error,
    identity_key,
    link,
    parse_person_changes,
    unlink,
    update_or_add_person,
)
from agent.service.similar import similar_people
from agent.service.views import kinds_payload, person_view, transient_person


async def lookup(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"network", "handle", "intent", "as_of"}, required={"network", "handle"})
    network, handle = identity_key(body["network"], body["handle"])
    person = ctx.store.find(network, handle)
    return _view(ctx, person, body, transient=transient_person(network, handle))


async def get(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"person_id", "intent", "as_of", "limit"}, required={"person_id"})
    person = get_or_error(ctx.store, body["person_id"])
    limit = body.get("limit", 200)
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise Invalid("limit must be a whole number, or null for all.")
    return _view(ctx, person, body, limit=limit)


def _view(ctx: Context, person: Any, body: dict[str, Any], **extra: Any) -> dict[str, Any]:
    intent = fields.intent(body.get("intent"))
    as_of = fields.as_of(body.get("as_of"))
    view = person_view(
        ctx.store, person, cache=ctx.cache, now=as_of or now_utc(), intent=intent, as_of=as_of is not None, **extra
    )
    return {**view, **kinds_payload()}


async def update(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"person_id", "network", "handle", "notes", "how_met", "tags"})
    changes = parse_person_changes(body)
    person = await ctx.store.write_async(lambda s: update_or_add_person(s, body, changes))
    await ctx.publish("person.updated", person.id, person.to_json())
    return {"person": person.to_json()}


async def link_people(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"linkedin", "x", "person_ids"})
    if "person_ids" in body:
        ids = body["person_ids"]
        if not isinstance(ids, list) or len(ids) != 2 or not all(isinstance(i, str) for i in ids):
            raise Invalid("person_ids must be a list of two person ids.")
        keep_id, other_id = ids
    elif "linkedin" in body and "x" in body:
        keep_id = find_or_error(ctx.store, *identity_key("linkedin", body["linkedin"])).id
        other_id = find_or_error(ctx.store, *identity_key("x", body["x"])).id
    else:
        raise Invalid("Give linkedin and x (profile URLs or handles), or person_ids.", "missing_field")
    person = await ctx.store.write_async(lambda s: link(s, keep_id, other_id))
    await ctx.publish("person.updated", person.id, person.to_json())
    await ctx.publish("person.updated", other_id, {"merged_into": person.id})
    return {"person": person.to_json()}


async def unlink_person(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"person_id", "network"}, required={"person_id"})
    network = body.get("network")
    if network is not None and network not in ("linkedin", "x"):
        raise Invalid("network must be 'linkedin' or 'x'.", "bad_network")
    people = await ctx.store.write_async(lambda s: unlink(s, body["person_id"], network))
    for p in people:
        await ctx.publish("person.updated", p.id, p.to_json())
    return {"people": [p.to_json() for p in people]}


async def similar(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"network", "handle"}, required={"network", "handle"})
    network, handle = identity_key(body["network"], body["handle"])
    people = ctx.store.people()
    # It reads across everyone: off the event loop, so overlays keep being answered meanwhile.
    matches = await asyncio.get_running_loop().run_in_executor(None, similar_people, people, network, handle)
    return {"people": matches}

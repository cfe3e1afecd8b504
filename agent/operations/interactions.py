"""Logging, editing, undoing and listing interactions; every change is told to subscribers."""

from __future__ import annotations

from typing import Any

from agent.operations.body import checked
from agent.operations.context import Context
from agent.service import interactions as service
from agent.service.errors import Invalid
from agent.service.people import identity_key

LOG_FIELDS = {"kind", "direction", "at", "note", "thread", "ask", "follow_up"}


async def create(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed=LOG_FIELDS | {"person_id", "network", "handle", "name", "source"}, required={"kind"})
    parsed = service.parse_log_fields(body)
    source = body.get("source", "manual")
    if source not in ("manual", "page"):
        raise Invalid("source must be 'manual' or 'page'.", "bad_source")
    name = body.get("name", "")
    if not isinstance(name, str) or len(name) > 200:
        raise Invalid("name must be a short string.")
    if "person_id" in body:
        if not isinstance(body["person_id"], str):
            raise Invalid("person_id must be a string.", "bad_person_id")
        req = service.LogRequest(person_id=body["person_id"], source=source, **parsed)
    elif "network" in body and "handle" in body:
        network, handle = identity_key(body["network"], body["handle"])
        req = service.LogRequest(network=network, handle=handle, name=name, source=source, **parsed)
    else:
        raise Invalid("Say who: person_id, or network and handle.", "missing_person")
    interaction, person = await ctx.store.write_async(lambda s: service.log(s, req))
    await ctx.publish("interaction.created", person.id, interaction.to_json())
    return {"interaction": interaction.to_json(), "person": person.to_json()}


async def edit(ctx: Context, body: dict[str, Any], *, interaction_id: str) -> dict[str, Any]:
    checked(body, allowed=LOG_FIELDS)
    changes = {}
    if body:
        full = service.parse_log_fields({"kind": body.get("kind", "dm"), **body})
        changes = {k: full[k] for k in body}
    interaction = await ctx.store.write_async(lambda s: service.edit(s, interaction_id, changes))
    await ctx.publish("interaction.updated", interaction.person, interaction.to_json())
    return {"interaction": interaction.to_json()}


async def delete(ctx: Context, body: dict[str, Any], *, interaction_id: str) -> dict[str, Any]:
    checked(body, allowed=set())
    interaction = await ctx.store.write_async(lambda s: service.delete(s, interaction_id))
    await ctx.publish("interaction.deleted", interaction.person, interaction.to_json())
    return {"interaction": interaction.to_json()}


async def recent(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"limit"})
    limit = body.get("limit", 10)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 100:
        raise Invalid("limit must be a whole number from 1 to 100.")
    store = ctx.store
    await store.wait_loaded_async()  # everyone's interactions: not on the loop while they are still read
    # `created` has whole seconds: among logs of one second, the later logged (later in the store) first.
    manual = sorted(reversed(store.logged()), key=lambda i: i.created, reverse=True)
    items = []
    for inter in manual[:limit]:
        person = store.person(inter.person)
        items.append({**inter.to_json(), "person_name": person.name if person else ""})
    return {"interactions": items}

"""Logging, editing and undoing interactions; every change is pushed to subscribed clients."""

from __future__ import annotations

from aiohttp import web

from agent.server.errors import ApiError, ok
from agent.server.keys import HUB, STORE
from agent.server.requests import read_json, require_session
from agent.service import interactions as service
from agent.service.people import identity_key

LOG_FIELDS = {"kind", "direction", "at", "note", "thread", "ask", "follow_up"}


async def create(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(
        request, allowed=LOG_FIELDS | {"person_id", "network", "handle", "name", "source"}, required={"kind"}
    )
    parsed = service.parse_log_fields(body)
    source = body.get("source", "manual")
    if source not in ("manual", "page"):
        raise ApiError(400, "bad_source", "source must be 'manual' or 'page'.")
    name = body.get("name", "")
    if not isinstance(name, str) or len(name) > 200:
        raise ApiError(400, "invalid", "name must be a short string.")
    if "person_id" in body:
        if not isinstance(body["person_id"], str):
            raise ApiError(400, "bad_person_id", "person_id must be a string.")
        req = service.LogRequest(person_id=body["person_id"], source=source, **parsed)
    elif "network" in body and "handle" in body:
        network, handle = identity_key(body["network"], body["handle"])
        req = service.LogRequest(network=network, handle=handle, name=name, source=source, **parsed)
    else:
        raise ApiError(400, "missing_person", "Say who: person_id, or network and handle.")
    store = request.app[STORE]
    interaction, person = await store.write_async(lambda s: service.log(s, req))
    await request.app[HUB].publish("interaction.created", person.id, interaction.to_json())
    return ok(201, interaction=interaction.to_json(), person=person.to_json())


async def edit(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed=LOG_FIELDS)
    changes = {}
    if body:
        full = service.parse_log_fields({"kind": body.get("kind", "dm"), **body})
        changes = {k: full[k] for k in body}
    interaction_id = request.match_info["id"]
    store = request.app[STORE]
    interaction = await store.write_async(lambda s: service.edit(s, interaction_id, changes))
    await request.app[HUB].publish("interaction.updated", interaction.person, interaction.to_json())
    return ok(interaction=interaction.to_json())


async def delete(request: web.Request) -> web.Response:
    require_session(request)
    await read_json(request, allowed=set())
    interaction_id = request.match_info["id"]
    store = request.app[STORE]
    interaction = await store.write_async(lambda s: service.delete(s, interaction_id))
    await request.app[HUB].publish("interaction.deleted", interaction.person, interaction.to_json())
    return ok(interaction=interaction.to_json())

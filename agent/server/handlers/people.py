"""Routes about people: lookup without parsing, get, update, link and unlink."""

from __future__ import annotations

from aiohttp import web

from agent.server.errors import ApiError, ok
from agent.server.keys import DEPTH_CACHE, HUB, STORE
from agent.server.requests import read_json, require_session
from agent.service import fields
from agent.service.clock import now_utc
from agent.service.people import (
    find_or_error,
    get_or_error,
    identity_key,
    link,
    parse_person_changes,
    unlink,
    update_or_add_person,
)
from agent.service.views import kinds_payload, person_view, transient_person


async def lookup(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed={"network", "handle", "intent", "as_of"}, required={"network", "handle"})
    network, handle = identity_key(body["network"], body["handle"])
    intent = fields.intent(body.get("intent"))
    as_of = fields.as_of(body.get("as_of"))
    store = request.app[STORE]
    person = store.find(network, handle)
    view = person_view(
        store,
        person,
        cache=request.app[DEPTH_CACHE],
        now=as_of or now_utc(),
        intent=intent,
        as_of=as_of is not None,
        transient=transient_person(network, handle),
    )
    return ok(**view, **kinds_payload())


async def get(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed={"person_id", "intent", "as_of", "limit"}, required={"person_id"})
    store = request.app[STORE]
    person = get_or_error(store, body["person_id"])
    intent = fields.intent(body.get("intent"))
    as_of = fields.as_of(body.get("as_of"))
    limit = body.get("limit", 200)
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise ApiError(400, "invalid", "limit must be a whole number, or null for all.")
    view = person_view(
        store,
        person,
        cache=request.app[DEPTH_CACHE],
        now=as_of or now_utc(),
        intent=intent,
        as_of=as_of is not None,
        limit=limit,
    )
    return ok(**view, **kinds_payload())


async def update(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed={"person_id", "network", "handle", "notes", "how_met", "tags"})
    changes = parse_person_changes(body)
    store = request.app[STORE]
    person = await store.write_async(lambda s: update_or_add_person(s, body, changes))
    await request.app[HUB].publish("person.updated", person.id, person.to_json())
    return ok(person=person.to_json())


async def link_people(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed={"linkedin", "x", "person_ids"})
    store = request.app[STORE]
    if "person_ids" in body:
        ids = body["person_ids"]
        if not isinstance(ids, list) or len(ids) != 2 or not all(isinstance(i, str) for i in ids):
            raise ApiError(400, "invalid", "person_ids must be a list of two person ids.")
        keep_id, other_id = ids
    elif "linkedin" in body and "x" in body:
        keep_id = find_or_error(store, *identity_key("linkedin", body["linkedin"])).id
        other_id = find_or_error(store, *identity_key("x", body["x"])).id
    else:
        raise ApiError(400, "missing_field", "Give linkedin and x (profile URLs or handles), or person_ids.")
    person = await store.write_async(lambda s: link(s, keep_id, other_id))
    await request.app[HUB].publish("person.updated", person.id, person.to_json())
    await request.app[HUB].publish("person.updated", other_id, {"merged_into": person.id})
    return ok(person=person.to_json())


async def unlink_person(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed={"person_id", "network"}, required={"person_id"})
    network = body.get("network")
    if network is not None and network not in ("linkedin", "x"):
        raise ApiError(400, "bad_network", "network must be 'linkedin' or 'x'.")
    store = request.app[STORE]
    people = await store.write_async(lambda s: unlink(s, body["person_id"], network))
    for p in people:
        await request.app[HUB].publish("person.updated", p.id, p.to_json())
    return ok(people=[p.to_json() for p in people])

"""POST /v1/context: a profile page's context in, the person's whole picture out."""

from __future__ import annotations

from aiohttp import web

from agent.server.errors import ApiError, ok
from agent.server.keys import DEPTH_CACHE, HUB, PARSE_SLOTS, STORE
from agent.server.requests import read_json, require_session
from agent.service import fields
from agent.service.clock import now_utc
from agent.service.people import upsert_from_profile
from agent.service.views import kinds_payload, person_view
from agent.sites.base import NotAProfile
from agent.sites.registry import parse_page

MAX_URL = 2048


async def context(request: web.Request) -> web.Response:
    require_session(request)
    body = await read_json(request, allowed={"url", "html", "intent", "as_of"}, required={"url", "html"})
    url, html = body["url"], body["html"]
    if not isinstance(url, str) or not isinstance(html, str) or len(url) > MAX_URL:
        raise ApiError(400, "invalid", "url and html must be strings (url at most 2048 characters).")
    intent = fields.intent(body.get("intent"))
    as_of = fields.as_of(body.get("as_of"))
    # Parsing is pure CPU work; a thread keeps the loop answering the socket meanwhile.
    page = await request.app[PARSE_SLOTS].run(parse_page, url, html)
    if isinstance(page, NotAProfile):
        raise ApiError(422, "not_a_profile", page.detail, reason=page.reason)
    store = request.app[STORE]
    before = store.find(page.network, page.handle, page.x_id)
    ops, person = upsert_from_profile(store, page)
    if ops:  # first sight, or the page shows a new name or headline; a repeat view writes nothing
        person = await store.write_async(lambda s: upsert_from_profile(s, page))  # rechecked on the writer
        if before is not None and before != person:
            await request.app[HUB].publish("person.updated", person.id, person.to_json())
    view = person_view(
        store, person, cache=request.app[DEPTH_CACHE], now=as_of or now_utc(), intent=intent, as_of=as_of is not None
    )
    return ok(profile=page.to_json(), **view, **kinds_payload())

"""The whole route table in one place."""

from __future__ import annotations

from aiohttp import web

from agent.server.handlers import (
    admin,
    context,
    events,
    health,
    imports,
    interactions,
    misc,
    pair,
    people,
    review,
    similar,
)


def setup_routes(app: web.Application) -> None:
    app.router.add_routes(
        [
            web.get("/v1/health", health.health, allow_head=False),
            web.post("/v1/pair", pair.pair),
            web.get("/v1/events", events.events, allow_head=False),
            web.post("/v1/context", context.context),
            web.post("/v1/people/lookup", people.lookup),
            web.post("/v1/people/get", people.get),
            web.post("/v1/people/update", people.update),
            web.post("/v1/people/link", people.link_people),
            web.post("/v1/people/unlink", people.unlink_person),
            web.post("/v1/interactions", interactions.create),
            web.post("/v1/interactions/{id}", interactions.edit),
            web.post("/v1/interactions/{id}/delete", interactions.delete),
            web.post("/v1/kinds", misc.kinds),
            web.post("/v1/recent", misc.recent),
            web.post("/v1/status", misc.status),
            web.post("/v1/review", review.review),
            web.post("/v1/review/act", review.act),
            web.post("/v1/settings/notifications", review.notifications),
            web.post("/v1/admin/pair", admin.open_pairing),
            web.post("/v1/admin/clients", admin.list_clients),
            web.post("/v1/admin/unpair", admin.unpair),
            web.post("/v1/admin/similar", similar.similar),
            web.post("/v1/admin/backup", admin.backup),
            web.post("/v1/admin/export", admin.export),
            web.post("/v1/admin/restore", admin.restore),
            web.post("/v1/import", imports.upload),
            web.post("/v1/imports", imports.list_imports),
            web.post("/v1/admin/import", imports.admin_import),
            web.post("/v1/admin/import/undo", imports.admin_undo),
        ]
    )

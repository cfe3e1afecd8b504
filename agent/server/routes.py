"""The whole route table in one place: the HTTP-only routes here, the rest from agent/operations."""

from __future__ import annotations

from aiohttp import web

from agent.operations.table import OPERATIONS
from agent.server.handlers import admin, context, events, health, imports, operation, pair, review


def setup_routes(app: web.Application) -> None:
    app.router.add_routes(
        [
            web.get("/v1/health", health.health, allow_head=False),
            web.post("/v1/pair", pair.pair),
            web.get("/v1/events", events.events, allow_head=False),
            web.post("/v1/context", context.context),
            web.post("/v1/settings/notifications", review.notifications),
            web.post("/v1/admin/pair", admin.open_pairing),
            web.post("/v1/admin/clients", admin.list_clients),
            web.post("/v1/admin/unpair", admin.unpair),
            web.post("/v1/import", imports.upload),
            *(web.post(path, operation.handler(op)) for path, op in OPERATIONS.items()),
        ]
    )

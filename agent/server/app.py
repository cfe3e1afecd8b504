"""The aiohttp application factory: wiring only (state on AppKeys, middlewares, routes, shutdown)."""

from __future__ import annotations

import secrets

from aiohttp import web

from agent.operations.context import Context, Presence
from agent.operations.import_runner import ImportRunner
from agent.server.clients import ClientRegistry
from agent.server.errors import error_envelope
from agent.server.gates import host_and_origin_gate
from agent.server.keys import (
    AGENT_ID,
    CLIENTS,
    DEPTH_CACHE,
    HUB,
    IMPORTS,
    OPERATIONS,
    PAIRING,
    PARSE_SLOTS,
    REVIEWER,
    SESSIONS,
    SETTINGS,
    STORE,
    THROTTLE,
)
from agent.server.loading import requests_first
from agent.server.notifier import notifier_ctx
from agent.server.pairing import PairingWindow
from agent.server.parse_slots import ParseSlots
from agent.server.push import PushHub
from agent.server.reviewing import Reviewer
from agent.server.routes import setup_routes
from agent.server.sessions import Sessions
from agent.server.throttle import HandshakeThrottle
from agent.service.views import AssessmentCache
from agent.settings import AgentSettings
from agent.store import ops
from agent.store.store import Store


def create_app(settings: AgentSettings, store: Store) -> web.Application:
    """Build the agent app over an open store. The caller owns the store (opens and closes it)."""
    # The gate runs first: nothing, not even the error envelope, answers a rebinding page with details.
    app = web.Application(
        middlewares=[host_and_origin_gate, error_envelope, requests_first],
        client_max_size=settings.max_import_bytes,
        handler_args={"max_field_size": 16 * 1024},
    )
    app[SETTINGS] = settings
    app[STORE] = store
    app[AGENT_ID] = ensure_agent_id(store)
    app[CLIENTS] = ClientRegistry(settings.layout)
    app[SESSIONS] = Sessions(settings.session_ttl_seconds)
    app[THROTTLE] = HandshakeThrottle(settings.auth_failures_limit)
    app[PAIRING] = PairingWindow()
    app[HUB] = PushHub()
    app[DEPTH_CACHE] = AssessmentCache()
    app[REVIEWER] = Reviewer(store, settings.layout.review_cache)
    app[IMPORTS] = ImportRunner(store, app[HUB].publish)
    app[OPERATIONS] = Context(
        store,
        app[DEPTH_CACHE],
        app[REVIEWER],
        app[HUB].publish,
        app[IMPORTS],
        lambda: Presence(settings.port, len(app[CLIENTS].all()), len(app[HUB])),
    )
    app[PARSE_SLOTS] = ParseSlots(settings.parses_running, settings.parse_queue_chars)
    setup_routes(app)
    app.cleanup_ctx.append(notifier_ctx)
    app.on_shutdown.append(_close_sockets)
    return app


def ensure_agent_id(store: Store) -> str:
    agent_id = store.meta("agent_id")
    if not agent_id:
        agent_id = f"a_{secrets.token_hex(8)}"
        store.write(lambda _s: ([ops.put_meta("agent_id", agent_id)], None))
    return str(agent_id)


async def _close_sockets(app: web.Application) -> None:
    await app[HUB].close_all()

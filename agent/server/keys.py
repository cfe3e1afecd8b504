"""Typed application state: everything the agent keeps lives on the app under these keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from agent.settings import AgentSettings
from agent.store.store import Store

if TYPE_CHECKING:
    from agent.operations.context import Context
    from agent.operations.import_runner import ImportRunner
    from agent.server.clients import ClientRegistry
    from agent.server.pairing import PairingWindow
    from agent.server.parse_slots import ParseSlots
    from agent.server.push import PushHub
    from agent.server.reviewing import Reviewer
    from agent.server.sessions import Sessions
    from agent.server.throttle import HandshakeThrottle
    from agent.service.views import AssessmentCache

SETTINGS = web.AppKey("settings", AgentSettings)
STORE = web.AppKey("store", Store)
AGENT_ID = web.AppKey("agent_id", str)
CLIENTS: web.AppKey[ClientRegistry] = web.AppKey("clients")
SESSIONS: web.AppKey[Sessions] = web.AppKey("sessions")
THROTTLE: web.AppKey[HandshakeThrottle] = web.AppKey("throttle")
PAIRING: web.AppKey[PairingWindow] = web.AppKey("pairing")
HUB: web.AppKey[PushHub] = web.AppKey("hub")
DEPTH_CACHE: web.AppKey[AssessmentCache] = web.AppKey("depth_cache")
IMPORTS: web.AppKey[ImportRunner] = web.AppKey("imports")
REVIEWER: web.AppKey[Reviewer] = web.AppKey("reviewer")
PARSE_SLOTS: web.AppKey[ParseSlots] = web.AppKey("parse_slots")
OPERATIONS: web.AppKey[Context] = web.AppKey("operations")  # what agent/operations run with

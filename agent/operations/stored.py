"""The store as a whole: its status, the kinds table it is read with, and the export."""

from __future__ import annotations

import asyncio
from typing import Any

from agent import __version__
from agent.operations.body import checked
from agent.operations.context import Context
from agent.service.backup import document
from agent.service.views import kinds_payload


async def status(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed=set())
    store = ctx.store
    await store.wait_loaded_async()
    people, interactions = store.counts()
    presence = ctx.presence()
    return {
        "version": __version__,
        "port": presence.port,
        "data_dir": str(store.layout.root),
        "people": people,
        "interactions": interactions,
        "clients": presence.clients,
        "subscribers": presence.subscribers,
    }


async def kinds(_ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed=set())
    return kinds_payload()


async def export(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed=set())
    state = await asyncio.get_running_loop().run_in_executor(None, ctx.store.export_state)
    return {"document": document(state)}

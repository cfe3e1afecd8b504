"""Reading and undoing what is stored as a whole: the status, the kinds table, past imports, an import's undo,
the export."""

from __future__ import annotations

import asyncio
from typing import Any

from agent import __version__
from agent.operations.body import checked
from agent.operations.context import Context
from agent.service.backup import document
from agent.service.errors import Invalid
from agent.service.importing import plan_undo
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


async def list_imports(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed=set())
    return {"imports": sorted(ctx.store.imports().values(), key=lambda r: r["at"])}


async def undo_import(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"import_id"}, required={"import_id"})
    import_id = body["import_id"]
    if not isinstance(import_id, str):
        raise Invalid("import_id must be a string.")
    return await ctx.store.write_async(lambda s: plan_undo(s, import_id))


async def export(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed=set())
    state = await asyncio.get_running_loop().run_in_executor(None, ctx.store.export_state)
    return {"document": document(state)}

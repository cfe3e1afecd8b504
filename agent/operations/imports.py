"""Imports the local `fathom` command names by path, past imports, and undoing one. (The extension's upload
is HTTP only: agent/server/handlers/imports.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from agent.operations.body import checked
from agent.operations.context import Context
from agent.service.errors import Invalid
from agent.service.importing import plan_undo


async def start(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    """Start reading the export; with ``wait``, answer with its summary once it is applied."""
    checked(body, allowed={"network", "path", "me", "wait"}, required={"path"})
    path, network, me = body["path"], body.get("network"), body.get("me")
    if not isinstance(path, str) or not Path(path).is_absolute():
        raise Invalid("path must be an absolute path to the export ZIP or folder.", "bad_path")
    if network not in (None, "linkedin", "x") or (me is not None and not isinstance(me, str)):
        raise Invalid("network must be linkedin or x; me a profile URL.")
    if not Path(path).exists():
        raise Invalid(f"{path} does not exist.", "bad_path")
    import_id = ctx.imports.start(Path(path), network, me)
    if body.get("wait") is True:
        return {"import_id": import_id, "summary": await ctx.imports.wait(import_id)}
    return {"import_id": import_id}


async def listing(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed=set())
    return {"imports": sorted(ctx.store.imports().values(), key=lambda r: r["at"])}


async def undo(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"import_id"}, required={"import_id"})
    import_id = body["import_id"]
    if not isinstance(import_id, str):
        raise Invalid("import_id must be a string.")
    return await ctx.store.write_async(lambda s: plan_undo(s, import_id))

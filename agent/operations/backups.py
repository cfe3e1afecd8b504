"""A consistent backup of the store, and restoring one (or a JSON export) into it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from agent.operations.body import checked
from agent.operations.context import Context
from agent.service.backup import backup_name, plan_restore, read_document, write_backup
from agent.service.errors import Invalid


async def backup(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"path"})
    path = body.get("path")
    if path is not None and (not isinstance(path, str) or not Path(path).is_absolute()):
        raise Invalid("path must be an absolute file path.", "bad_path")
    target = Path(path) if path else ctx.store.layout.backups / backup_name()
    # Off the event loop: the snapshot is taken on the store's writer thread, the file written here.
    written = await asyncio.get_running_loop().run_in_executor(None, write_backup, ctx.store, target)
    return {"path": str(written)}


async def restore(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    checked(body, allowed={"path", "replace"}, required={"path"})
    if not isinstance(body["path"], str) or not Path(body["path"]).is_absolute():
        raise Invalid("path must be an absolute file path.", "bad_path")
    data = await asyncio.get_running_loop().run_in_executor(None, read_document, Path(body["path"]))
    return await ctx.store.write_async(lambda s: plan_restore(s, data, replace=body.get("replace") is True))

"""A consistent backup of the store, and restoring one (or a JSON export) into it."""

from __future__ import annotations

import asyncio
from functools import partial
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
    # Off the event loop: the snapshot is taken on the store's writer thread, the file written here. A path the
    # user chose is never overwritten; the default name gets a counter when a backup of the same second exists.
    written = await asyncio.get_running_loop().run_in_executor(
        None, partial(write_backup, ctx.store, target, fresh_name=not path)
    )
    return {"path": str(written)}


async def restore(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    """Restore a backup; with ``replace``, what the store held is first kept in a new before-restore backup,
    written only once the file has been read and checked (a refused file leaves no backup behind)."""
    checked(body, allowed={"path", "replace"}, required={"path"})
    if not isinstance(body["path"], str) or not Path(body["path"]).is_absolute():
        raise Invalid("path must be an absolute file path.", "bad_path")
    replace = body.get("replace") is True
    loop = asyncio.get_running_loop()
    data = await loop.run_in_executor(None, read_document, Path(body["path"]))
    kept: Path | None = None
    if replace:
        target = ctx.store.layout.backups / backup_name("before-restore-")
        kept = await loop.run_in_executor(None, partial(write_backup, ctx.store, target, fresh_name=True))
    counts = await ctx.store.write_async(lambda s: plan_restore(s, data, replace=replace))
    return {**counts, "kept_backup": None if kept is None else str(kept)}

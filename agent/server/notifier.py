"""The agent's weekly review notification task (started with the app, cancelled at shutdown)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from agent import notify
from agent.server.keys import REVIEWER, STORE
from agent.service.clock import now_utc
from agent.store import ops

log = logging.getLogger("fathom.notify")

CHECK_EVERY_SECONDS = 3600.0
SETTINGS_KEY = "notifications"


async def check_once(app: web.Application) -> bool:
    """Send the weekly notification if it is on and due. Returns whether one was sent."""
    store = app[STORE]
    settings = dict(store.meta(SETTINGS_KEY, {}) or {})
    now = now_utc()
    if not notify.is_due(settings, now):
        return False
    message = notify.compose(await app[REVIEWER].items(now))
    if message is None:
        return False
    sent = await asyncio.get_running_loop().run_in_executor(None, lambda: notify.send(*message))
    if sent:
        settings["last_sent"] = now.isoformat(timespec="seconds")
        await store.write_async(lambda _s: ([ops.put_meta(SETTINGS_KEY, settings)], None))
        log.info("weekly review notification sent")
    return sent


async def notifier_ctx(app: web.Application) -> AsyncIterator[None]:
    async def loop() -> None:
        while True:
            try:
                await check_once(app)
            except Exception:
                log.exception("weekly notification check failed")
            await asyncio.sleep(CHECK_EVERY_SECONDS)

    task = asyncio.create_task(loop())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task

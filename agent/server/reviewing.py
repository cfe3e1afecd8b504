"""The review runs off the event loop (scoring thousands of people must not stall overlays), one at a time,
with one ReviewCache so only people whose history changed are scored again."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from agent.service.review import ReviewCache, review
from agent.store.store import Store


class Reviewer:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache = ReviewCache()
        self._lock = asyncio.Lock()

    async def items(self, now: datetime, *, as_of: bool = False) -> list[dict[str, Any]]:
        async with self._lock:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, lambda: review(self.store, self.cache, now, as_of=as_of))

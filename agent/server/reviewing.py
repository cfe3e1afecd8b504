"""The review runs off the event loop (scoring thousands of people must not stall overlays), one at a time,
with one cache kept across runs (``review_kept.py``) so only people whose history changed are scored again."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

from agent.service.review_kept import KeptReview
from agent.store.store import Store


class Reviewer:
    def __init__(self, store: Store, kept_at: Path) -> None:
        self.store = store
        self.kept = KeptReview(store, kept_at)
        self._lock = asyncio.Lock()

    async def items(self, now: datetime, *, as_of: bool = False) -> list[dict[str, Any]]:
        async with self._lock:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, lambda: self.kept.review(now, as_of=as_of))

    def close(self) -> None:
        """After the store is closed: keep the review's cache for the next run."""
        self.kept.close()

"""How many page parses run at once. A parse is CPU work in a thread; without a bound, a burst of hostile
pages would hold the interpreter and memory and delay every other request. A few run; the others wait their
turn while the text waiting stays under a budget (200 overlays of the extension's 256 KB fit), and past it
a page gets a clear 503 at once."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from agent.server.errors import ApiError

T = TypeVar("T")


class ParseSlots:
    def __init__(self, running: int, queue_chars: int) -> None:
        self._running = asyncio.Semaphore(running)
        self._max_queued = queue_chars
        self._queued = 0  # characters of page text waiting for a slot
        self._waiting = 0

    @property
    def waiting(self) -> int:
        return self._waiting

    @property
    def full(self) -> bool:
        return self._running.locked()

    async def run(self, work: Callable[[str, str], T], url: str, html: str) -> T:
        """``work(url, html)`` in a thread once a slot is free; 503 ``busy`` if too much already waits."""
        if self.full and self._queued + len(html) > self._max_queued:
            raise ApiError(503, "busy", "Fathom is reading many other pages right now; try again in a moment.")
        self._waiting += 1
        self._queued += len(html)
        try:
            await self._running.acquire()
        finally:
            self._waiting -= 1
            self._queued -= len(html)
        try:
            future = asyncio.get_running_loop().run_in_executor(None, work, url, html)
        except BaseException:
            self._running.release()
            raise
        # The slot is freed when the thread is done, not when the request gives up: a client that hangs up
        # cannot start more parses than there are slots.
        future.add_done_callback(lambda _: self._running.release())
        return await asyncio.shield(future)

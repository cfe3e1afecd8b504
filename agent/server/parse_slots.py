"""How many page parses run at once. A parse is CPU work in a thread; without a bound, a burst of hostile
pages would hold the interpreter and delay every other request. A few run, a few wait their turn, and the
rest get a clear 503 at once."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from agent.server.errors import ApiError

T = TypeVar("T")


class ParseSlots:
    def __init__(self, running: int, waiting: int) -> None:
        self._running = asyncio.Semaphore(running)
        self._max_waiting = waiting
        self._waiting = 0

    @property
    def waiting(self) -> int:
        return self._waiting

    @property
    def full(self) -> bool:
        return self._running.locked()

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in a thread once a slot is free; 503 ``busy`` if too many already wait."""
        if self.full and self._waiting >= self._max_waiting:
            raise ApiError(503, "busy", "Fathom is reading several other pages right now; try again in a moment.")
        self._waiting += 1
        try:
            await self._running.acquire()
        finally:
            self._waiting -= 1
        try:
            future = asyncio.get_running_loop().run_in_executor(None, work, *args)
        except BaseException:
            self._running.release()
            raise
        # The slot is freed when the thread is done, not when the request gives up: a client that hangs up
        # cannot start more parses than there are slots.
        future.add_done_callback(lambda _: self._running.release())
        return await asyncio.shield(future)

"""Live updates: which socket follows which people, and fan-out of change events."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

log = logging.getLogger("fathom.push")

SEND_TIMEOUT = 2.0


@dataclass(eq=False)
class Subscriber:
    ws: web.WebSocketResponse
    client_id: str
    people: set[str] = field(default_factory=set)
    everything: bool = False


class PushHub:
    def __init__(self) -> None:
        self._subscribers: set[Subscriber] = set()

    def add(self, sub: Subscriber) -> None:
        self._subscribers.add(sub)

    def remove(self, sub: Subscriber) -> None:
        self._subscribers.discard(sub)

    def __len__(self) -> int:
        return len(self._subscribers)

    async def publish(self, event: str, person: str | None, data: dict[str, Any]) -> None:
        message = {"type": "event", "event": event, "person": person, "data": data}
        targets = [s for s in self._subscribers if s.everything or (person is not None and person in s.people)]
        if targets:
            await asyncio.gather(*(self._send(s, message) for s in targets))

    async def _send(self, sub: Subscriber, message: dict[str, Any]) -> None:
        try:
            await asyncio.wait_for(sub.ws.send_json(message), SEND_TIMEOUT)
        except (TimeoutError, ConnectionError, RuntimeError):
            log.info("dropping a subscriber that could not keep up")
            self.remove(sub)

    async def close_all(self) -> None:
        for sub in list(self._subscribers):
            await sub.ws.close(code=1001, message=b"agent shutting down")
        self._subscribers.clear()

    async def disconnect_client(self, client_id: str) -> None:
        for sub in [s for s in self._subscribers if s.client_id == client_id]:
            self.remove(sub)
            await sub.ws.close(code=4401, message=b"unpaired")

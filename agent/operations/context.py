"""What an operation may use: the store, the depth cache, the review, a way to tell subscribers, the imports
running and who is connected."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from agent.service.views import AssessmentCache
from agent.store.store import Store

if TYPE_CHECKING:
    from agent.operations.import_runner import ImportRunner

Publish = Callable[[str, str | None, dict[str, Any]], Coroutine[Any, Any, None]]


class ReviewSource(Protocol):
    async def items(self, now: datetime, *, as_of: bool = False) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Presence:
    """Only a running agent listens on a port and has paired clients and live connections."""

    port: int | None
    clients: int | None
    subscribers: int


@dataclass(frozen=True)
class Context:
    store: Store
    cache: AssessmentCache
    reviewer: ReviewSource
    publish: Publish
    imports: ImportRunner
    presence: Callable[[], Presence]


def no_agent() -> Presence:
    return Presence(port=None, clients=None, subscribers=0)

"""What a failed operation tells its caller: the status, code and message of the one error envelope, whether
the caller is the HTTP API or the CLI without an agent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.service.errors import ServiceError
from agent.store.errors import StoreError, StoreWriteFailed


@dataclass(frozen=True)
class Failure:
    status: int
    code: str
    message: str
    extra: dict[str, Any] = field(default_factory=dict)


def failure_of(exc: BaseException) -> Failure | None:
    """The envelope for a domain or storage error; None for anything else (a bug, not the caller's doing)."""
    if isinstance(exc, ServiceError):
        return Failure(exc.status, exc.code, exc.message)
    if isinstance(exc, StoreWriteFailed):
        return Failure(507, "storage_failed", str(exc))
    if isinstance(exc, StoreError):
        return Failure(503, "store_unavailable", str(exc))
    return None

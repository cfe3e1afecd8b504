"""Which operation answers which route: the agent serves these, and the CLI without an agent calls them too."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from agent.operations import backups, imports, interactions, people, review, stored

Run = Callable[..., Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Operation:
    run: Run
    admin: bool = False  # only the local `fathom` command (the admin client) may call it over HTTP
    # The HTTP status of a success, or how to tell it from the answer (an import still running is 202).
    status: int | Callable[[dict[str, Any]], int] = 200

    def status_of(self, answer: dict[str, Any]) -> int:
        return self.status(answer) if callable(self.status) else self.status


OPERATIONS: dict[str, Operation] = {
    "/v1/people/lookup": Operation(people.lookup),
    "/v1/people/get": Operation(people.get),
    "/v1/people/update": Operation(people.update),
    "/v1/people/link": Operation(people.link_people),
    "/v1/people/unlink": Operation(people.unlink_person),
    "/v1/interactions": Operation(interactions.create, status=201),
    "/v1/interactions/{interaction_id}": Operation(interactions.edit),
    "/v1/interactions/{interaction_id}/delete": Operation(interactions.delete),
    "/v1/recent": Operation(interactions.recent),
    "/v1/status": Operation(stored.status),
    "/v1/kinds": Operation(stored.kinds),
    "/v1/review": Operation(review.review),
    "/v1/review/act": Operation(review.act),
    "/v1/imports": Operation(imports.listing),
    "/v1/admin/similar": Operation(people.similar, admin=True),
    "/v1/admin/import": Operation(imports.start, admin=True, status=lambda answer: 200 if "summary" in answer else 202),
    "/v1/admin/import/undo": Operation(imports.undo, admin=True),
    "/v1/admin/export": Operation(stored.export, admin=True),
    "/v1/admin/backup": Operation(backups.backup, admin=True),
    "/v1/admin/restore": Operation(backups.restore, admin=True),
}


def resolve(route: str) -> tuple[Operation, dict[str, str]] | None:
    """The operation behind a concrete route and its path parameters, matched as aiohttp matches them
    (a ``{name}`` segment is one non-empty path segment)."""
    wanted = route.split("/")
    for pattern, operation in OPERATIONS.items():
        parts = pattern.split("/")
        if len(parts) != len(wanted):
            continue
        params: dict[str, str] = {}
        for part, given in zip(parts, wanted, strict=True):
            if part.startswith("{") and part.endswith("}") and given:
                params[part[1:-1]] = given
            elif part != given:
                break
        else:
            return operation, params
    return None

"""A request body's fields: only the known ones, and all the required ones."""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from agent.service.errors import Invalid


def checked(body: dict[str, Any], *, allowed: Set[str], required: Set[str] = frozenset()) -> dict[str, Any]:
    unknown = set(body) - allowed
    if unknown:
        raise Invalid(f"Unknown field(s): {', '.join(sorted(map(str, unknown)))[:200]}.", "unknown_field")
    missing = required - set(body)
    if missing:
        raise Invalid(f"Missing field(s): {', '.join(sorted(missing))}.", "missing_field")
    return body

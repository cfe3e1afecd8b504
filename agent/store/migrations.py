"""Ordered schema migrations, applied to the raw records when an older store is opened.

Each migration takes the store from ``to_version - 1`` to ``to_version``. A store written by a newer Fathom
is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Migration:
    to_version: int
    description: str
    person: Callable[[Record], Record] | None = None
    interaction: Callable[[Record], Record] | None = None


# Add the next one with a test from a store of the version before it.
MIGRATIONS: tuple[Migration, ...] = (
    # The records are unchanged; the snapshot is rewritten, which files each interaction by person.
    Migration(2, "interaction shards keyed by person id, for progressive loading"),
)


class SchemaTooNew(Exception):
    pass


def migrate(
    version: int,
    people: list[Record],
    interactions: list[Record],
    migrations: Sequence[Migration] | None = None,
    target: int | None = None,
) -> tuple[list[Record], list[Record], int]:
    """Bring records from ``version`` to ``target`` (default: this Fathom's schema), in order."""
    migrations = MIGRATIONS if migrations is None else migrations
    target = SCHEMA_VERSION if target is None else target
    if version > target:
        raise SchemaTooNew(
            f"This store was written by a newer Fathom (schema {version}; this one knows {target}). "
            "Upgrade Fathom to open it."
        )
    for step in sorted(migrations, key=lambda m: m.to_version):
        if step.to_version <= version or step.to_version > target:
            continue
        if step.to_version != version + 1:
            raise ValueError(f"migration to v{step.to_version} is not contiguous with v{version}")
        if step.person:
            people = [step.person(dict(p)) for p in people]
        if step.interaction:
            interactions = [step.interaction(dict(i)) for i in interactions]
        version = step.to_version
    return people, interactions, version

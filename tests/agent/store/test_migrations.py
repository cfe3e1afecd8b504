"""Schema migrations run in order and refuse a store from the future."""

from __future__ import annotations

import pytest

from agent.store.migrations import SCHEMA_VERSION, Migration, SchemaTooNew, migrate


def test_migrations_run_in_order_from_the_stored_version() -> None:
    steps = (
        Migration(3, "c", person=lambda p: {**p, "trail": p["trail"] + "3"}),
        Migration(
            2,
            "b",
            person=lambda p: {**p, "trail": p["trail"] + "2"},
            interaction=lambda i: {**i, "network": i.get("network") or "linkedin"},
        ),
    )
    people, inters, version = migrate(1, [{"id": "p", "trail": ""}], [{"id": "i"}], steps, target=3)
    assert people == [{"id": "p", "trail": "23"}]
    assert inters == [{"id": "i", "network": "linkedin"}]
    assert version == 3


def test_already_current_store_is_untouched() -> None:
    assert migrate(SCHEMA_VERSION, [{"id": "p"}], [], ()) == ([{"id": "p"}], [], SCHEMA_VERSION)


def test_store_from_a_newer_fathom_is_refused() -> None:
    with pytest.raises(SchemaTooNew, match="newer Fathom"):
        migrate(SCHEMA_VERSION + 1, [], [], ())

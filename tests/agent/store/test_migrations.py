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


def test_opening_an_older_store_migrates_everything_and_rewrites_the_snapshot(tmp_path, monkeypatch) -> None:
    from agent.records import Identity, Interaction, Person
    from agent.store import migrations, ops
    from agent.store.store import Store

    data = tmp_path / "data"
    store = Store.open(data)
    store.write(lambda _s: ([ops.put_person(Person(id="p_1", name="Ada", identities=(Identity("x", "ada"),)))], None))
    store.close()
    store = Store.open(data)  # one more write that only the journal holds, as after a crash
    inter = Interaction(id="i_1", person="p_1", kind="dm", direction="me", at="2024-01-01")
    store.write(lambda _s: ([ops.put_interaction(inter)], None))
    store._lock.release()

    step = Migration(
        2, "notes say hello", person=lambda p: {**p, "notes": "migrated"}, interaction=lambda i: {**i, "network": "x"}
    )
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", (step,))
    migrated = Store.open(data)
    assert migrated.person("p_1").notes == "migrated"  # type: ignore[union-attr]
    assert migrated.interaction("i_1").network == "x"  # type: ignore[union-attr]
    assert migrated.meta("schema") == 2
    migrated.close()
    again = Store.open(data)  # now current: the fast path reads what the migration wrote
    assert again.person("p_1").notes == "migrated" and again.meta("schema") == 2  # type: ignore[union-attr]
    again.close()

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

    current = SCHEMA_VERSION
    step = Migration(
        current + 1,
        "notes say hello",
        person=lambda p: {**p, "notes": "migrated"},
        interaction=lambda i: {**i, "network": "x"},
    )
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, step))
    migrated = Store.open(data)
    assert migrated.person("p_1").notes == "migrated"  # type: ignore[union-attr]
    assert migrated.interaction("i_1").network == "x"  # type: ignore[union-attr]
    assert migrated.meta("schema") == current + 1
    migrated.close()
    again = Store.open(data)  # now current: the fast path reads what the migration wrote
    assert again.person("p_1").notes == "migrated" and again.meta("schema") == current + 1  # type: ignore[union-attr]
    again.close()


def test_a_v1_store_sharded_by_interaction_id_is_refiled_by_person(tmp_path) -> None:
    """Schema 1 filed interactions by the crc of their own id; schema 2 files a person's history in one shard."""
    import zlib

    from agent.records import Identity, Interaction, Person
    from agent.store.snapshot import PEOPLE_FILE, SHARDS, AtomicJSONStorage, as_table, shard_file, shard_of
    from agent.store.store import Store

    data = tmp_path / "data"
    store_dir = data / "store"
    store_dir.mkdir(parents=True)
    ada = Person(id="p_ada", name="Ada", identities=(Identity("linkedin", "ada"),))
    history = [
        Interaction(id=f"i_{n}", person="p_ada", kind="dm", direction="me", at=f"2024-01-{n + 1:02d}")
        for n in range(20)
    ]
    v1_shards = 16
    by_id: dict[int, list[dict]] = {}
    for i in history:
        by_id.setdefault(zlib.crc32(i.id.encode()) % v1_shards, []).append(i.to_record())
    assert len(by_id) > 1, "the v1 layout spreads one person over several shards"
    for index, rows in by_id.items():
        AtomicJSONStorage(store_dir / shard_file(index)).write({"interactions": as_table(rows)})
    AtomicJSONStorage(store_dir / PEOPLE_FILE).write(
        {"people": as_table([ada.to_record()]), "meta": as_table([{"key": "schema", "v": 1}])}
    )

    Store.open(data).close()

    home = shard_of("p_ada")
    assert sorted(p.name for p in store_dir.glob("interactions-*.json")) == [shard_file(i) for i in range(SHARDS)]
    for index in range(SHARDS):
        rows = (AtomicJSONStorage(store_dir / shard_file(index)).read() or {}).get("interactions", {})
        assert len(rows) == (20 if index == home else 0)
    again = Store.open(data, progressive=True)
    assert [i.id for i in again.interactions_for("p_ada")] == [i.id for i in history]
    assert again.meta("schema") == SCHEMA_VERSION
    again.close()

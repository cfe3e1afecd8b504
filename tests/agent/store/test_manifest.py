"""The manifest: the store knows what each snapshot file must hold, refuses a file that disagrees, never
writes over it, and a compaction cut short by a crash still opens."""

from __future__ import annotations

import zlib
from pathlib import Path

import orjson
import pytest

from agent.records import Identity, Interaction, Person
from agent.store import Store, StoreCorrupt, ops
from agent.store import manifest as manifest_module
from agent.store import store as store_module
from agent.store.manifest import MANIFEST_FILE, read_manifest
from agent.store.snapshot import PEOPLE_FILE, SHARDS, AtomicJSONStorage, shard_file, shard_of


def populate(data_dir: Path) -> None:
    store = Store.open(data_dir)
    ada = Person(id="p_ada", name="Ada", identities=(Identity("linkedin", "ada"),), notes="met at the lab")
    history = [
        Interaction(id=f"i_{n}", person="p_ada", kind="dm", direction="me", at=f"2024-01-{n + 1:02d}") for n in range(3)
    ]
    store.write(lambda _s: ([ops.put_person(ada), *map(ops.put_interaction, history)], None))
    store.close()


def files_of(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data_dir / "store").iterdir())}


def test_each_snapshot_file_is_in_the_manifest_with_its_checksum_and_record_count(data_dir: Path) -> None:
    populate(data_dir)
    manifest = read_manifest(data_dir / "store" / MANIFEST_FILE)
    assert manifest is not None
    assert set(manifest.files) == {PEOPLE_FILE, *(shard_file(i) for i in range(SHARDS))}
    for name, forms in manifest.files.items():
        raw = (data_dir / "store" / name).read_bytes()
        (form,) = forms
        assert form is not None and (form.crc32, form.size) == (zlib.crc32(raw), len(raw))
    assert manifest.files[PEOPLE_FILE][0].records == 1  # type: ignore[union-attr]
    assert manifest.files[shard_file(shard_of("p_ada"))][0].records == 3  # type: ignore[union-attr]


@pytest.mark.parametrize("content", [b"", b"{}", b"  \n\t"], ids=["0 bytes", "{}", "whitespace"])
@pytest.mark.parametrize("progressive", [False, True], ids=["cli", "agent"])
def test_an_emptied_people_file_refuses_to_open_and_is_never_overwritten(
    data_dir: Path, content: bytes, progressive: bool
) -> None:
    populate(data_dir)
    people = data_dir / "store" / PEOPLE_FILE
    people.write_bytes(content)
    before = files_of(data_dir)
    with pytest.raises(StoreCorrupt) as info:
        Store.open(data_dir, progressive=progressive)
    assert str(people) in str(info.value)
    assert "1 record" in str(info.value), "says what the file should hold"
    assert files_of(data_dir) == before
    with pytest.raises(StoreCorrupt):  # the lock was released: refused again, the same way
        Store.open(data_dir)


@pytest.mark.parametrize("damage", ["emptied", "deleted", "truncated"])
@pytest.mark.parametrize("progressive", [False, True], ids=["cli", "agent"])
def test_an_emptied_or_deleted_shard_refuses_to_open(data_dir: Path, damage: str, progressive: bool) -> None:
    populate(data_dir)
    shard = data_dir / "store" / shard_file(shard_of("p_ada"))
    if damage == "emptied":
        shard.write_bytes(b"")
    elif damage == "deleted":
        shard.unlink()
    else:
        shard.write_bytes(shard.read_bytes()[:-40])
    before = files_of(data_dir)
    with pytest.raises(StoreCorrupt) as info:
        Store.open(data_dir, progressive=progressive)  # the agent too: at start, not when the shard is needed
    assert str(shard) in str(info.value)
    assert files_of(data_dir) == before


def test_a_deleted_manifest_is_noticed_not_taken_for_an_old_store(data_dir: Path) -> None:
    populate(data_dir)
    (data_dir / "store" / MANIFEST_FILE).unlink()
    before = files_of(data_dir)
    with pytest.raises(StoreCorrupt, match=r"manifest\.json"):
        Store.open(data_dir)
    assert files_of(data_dir) == before


def test_a_damaged_manifest_refuses_to_open(data_dir: Path) -> None:
    populate(data_dir)
    manifest = data_dir / "store" / MANIFEST_FILE
    manifest.write_bytes(manifest.read_bytes()[:-5])
    with pytest.raises(StoreCorrupt, match="manifest"):
        Store.open(data_dir)


def test_a_shard_the_manifest_does_not_know_is_refused(data_dir: Path) -> None:
    populate(data_dir)
    store = Store.open(data_dir)
    store.write(
        lambda _s: (
            [ops.put_interaction(Interaction(id="i_x", person="p_ada", kind="dm", direction="me", at="2024-02-01"))],
            None,
        )
    )
    store._lock.release()  # a journal to replay: the whole store is read, every shard file there is
    planted = data_dir / "store" / "interactions-99.json"
    planted.write_bytes(b'{"interactions":{}}')
    with pytest.raises(StoreCorrupt, match="not listed"):
        Store.open(data_dir)


def test_the_error_names_the_newest_backup_and_how_to_restore_it(data_dir: Path) -> None:
    populate(data_dir)
    (data_dir / "backups").mkdir()
    backup = data_dir / "backups" / "fathom-backup-20260101T000000Z.json"
    backup.write_text("{}")
    (data_dir / "store" / PEOPLE_FILE).write_bytes(b"{}")
    with pytest.raises(StoreCorrupt) as info:
        Store.open(data_dir)
    assert f"fathom restore {backup}" in str(info.value)
    assert f"mv {data_dir / 'store'} " in str(info.value), "a damaged store must be set aside before a restore"


@pytest.mark.parametrize("crash_after", [0, 1, 2, 3])
def test_a_compaction_cut_short_between_its_files_opens_with_everything(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, crash_after: int
) -> None:
    """The manifest accepts the old or the new form of each file being rewritten until all are in place, and
    the journal (not yet emptied) replays over either."""
    populate(data_dir)
    store = Store.open(data_dir)
    grace = Person(id="p_grace", name="Grace", identities=(Identity("x", "grace"),))
    late = Interaction(id="i_late", person="p_ada", kind="email", direction="them", at="2024-03-01")
    store.write(lambda _s: ([ops.put_person(grace), ops.put_interaction(late)], None))
    real_write = store_module.atomic_write
    calls: list[Path] = []

    def crashing_write(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) > crash_after:  # the pending manifest, then the files one by one
            raise OSError("killed")
        real_write(path, data)

    monkeypatch.setattr(store_module, "atomic_write", crashing_write)
    monkeypatch.setattr(manifest_module, "atomic_write", crashing_write)
    with pytest.raises(OSError):
        store._compact()
    store._lock.release()
    monkeypatch.undo()
    again = Store.open(data_dir)
    assert again.person("p_grace") == grace
    assert again.interaction("i_late") == late
    assert again.counts() == (2, 4)
    again.close()
    third = Store.open(data_dir, progressive=True)
    assert third.wait_loaded(timeout=30)
    assert third.counts() == (2, 4)
    third.close()


def _as_the_current_release_wrote_it(data_dir: Path) -> None:
    """What the release before manifests left: the same files, no manifest, no "manifest" in the meta."""
    (data_dir / "store" / MANIFEST_FILE).unlink()
    people = data_dir / "store" / PEOPLE_FILE
    doc = orjson.loads(people.read_bytes())
    doc["meta"] = {k: row for k, row in doc["meta"].items() if row["key"] != "manifest"}
    AtomicJSONStorage(people).write(doc)


def test_a_store_written_before_manifests_opens_and_is_upgraded(data_dir: Path) -> None:
    populate(data_dir)
    _as_the_current_release_wrote_it(data_dir)
    store = Store.open(data_dir, progressive=True)
    assert store.counts() == (1, 3)
    assert store.person("p_ada").notes == "met at the lab"  # type: ignore[union-attr]
    store.close()
    manifest = read_manifest(data_dir / "store" / MANIFEST_FILE)
    assert manifest is not None and PEOPLE_FILE in manifest.files
    # From now on it is checked like any other.
    shard = data_dir / "store" / shard_file(shard_of("p_ada"))
    shard.write_bytes(shard.read_bytes().replace(b"2024-01-01", b"2024-01-09"))
    with pytest.raises(StoreCorrupt, match="checksum"):
        Store.open(data_dir)


@pytest.mark.parametrize("damage", ["people emptied", "shard deleted", "shard emptied"])
def test_a_store_written_before_manifests_with_a_damaged_file_is_refused(data_dir: Path, damage: str) -> None:
    populate(data_dir)
    _as_the_current_release_wrote_it(data_dir)
    if damage == "people emptied":
        (data_dir / "store" / PEOPLE_FILE).write_bytes(b"{}")
    elif damage == "shard deleted":
        (data_dir / "store" / shard_file(shard_of("p_ada"))).unlink()
    else:
        (data_dir / "store" / shard_file(shard_of("p_ada"))).write_bytes(b"")
    before = files_of(data_dir)
    with pytest.raises(StoreCorrupt):
        Store.open(data_dir)
    assert files_of(data_dir) == before
    assert not (data_dir / "store" / MANIFEST_FILE).exists()


def test_two_compactions_cut_short_one_after_the_other_still_open_with_everything(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second compaction's "old form" is what the first left on disk, not what the manifest last committed."""
    populate(data_dir)
    grace = Person(id="p_grace", name="Grace", identities=(Identity("x", "grace"),))
    late = Interaction(id="i_late", person="p_ada", kind="email", direction="them", at="2024-03-01")
    later = Interaction(id="i_later", person="p_ada", kind="dm", direction="me", at="2024-04-01")
    real_write = store_module.atomic_write
    rounds = (([ops.put_person(grace), ops.put_interaction(late)], 2), ([ops.put_interaction(later)], 1))
    for write, crash_after in rounds:
        store = Store.open(data_dir)
        store.write(lambda _s, w=write: (w, None))
        calls: list[Path] = []

        def crashing_write(path: Path, data: bytes, calls: list[Path] = calls, limit: int = crash_after) -> None:
            calls.append(path)
            if len(calls) > limit:
                raise OSError("killed")
            real_write(path, data)

        monkeypatch.setattr(store_module, "atomic_write", crashing_write)
        monkeypatch.setattr(manifest_module, "atomic_write", crashing_write)
        with pytest.raises(OSError):
            store._compact()
        store._lock.release()
        monkeypatch.undo()
    again = Store.open(data_dir)
    assert again.person("p_grace") == grace
    assert {i.id for i in again.interactions_for("p_ada")} == {"i_0", "i_1", "i_2", "i_late", "i_later"}
    again.close()
    third = Store.open(data_dir, progressive=True)
    assert third.wait_loaded(timeout=30) and third.counts() == (2, 5)
    third.close()

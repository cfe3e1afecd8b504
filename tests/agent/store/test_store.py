"""The store: writes are durable once acknowledged, reads come from memory, snapshots are TinyDB files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from tinydb import TinyDB

from agent.records import Identity, Interaction, Person
from agent.store import DataDirLocked, Store, StoreCorrupt, ops
from agent.store.snapshot import PEOPLE_FILE, AtomicJSONStorage, shard_file, shard_of


def person(pid: str = "p_1", handle: str = "ada") -> Person:
    return Person(id=pid, name="Ada Lovelace", identities=(Identity("linkedin", handle),))


def inter(iid: str, pid: str = "p_1", at: str = "2024-01-01") -> Interaction:
    return Interaction(id=iid, person=pid, kind="dm", direction="me", at=at, created="2024-01-01T00:00:00+00:00")


def put(store: Store, *records: Person | Interaction) -> None:
    store.write(
        lambda _s: ([ops.put_person(r) if isinstance(r, Person) else ops.put_interaction(r) for r in records], None)
    )


def test_write_is_readable_at_once_and_after_reopen(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"), inter("i_2", at="2023-05-01"))
    assert [i.id for i in store.interactions_for("p_1")] == ["i_2", "i_1"]  # oldest first
    assert store.find("linkedin", "ada") == person()
    store.close()
    again = Store.open(data_dir)
    assert again.counts() == (1, 2)
    assert [i.id for i in again.interactions_for("p_1")] == ["i_2", "i_1"]
    again.close()


def test_journal_is_replayed_when_the_process_died_before_compacting(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"))
    # Simulate kill -9: no close(), so no compaction; just drop the lock.
    store._lock.release()
    assert not (data_dir / "store" / PEOPLE_FILE).exists()
    again = Store.open(data_dir)
    assert again.counts() == (1, 1)
    again.close()


def test_torn_tail_of_the_journal_is_cut_and_the_store_opens(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"))
    store._lock.release()
    journal = data_dir / "store" / "journal.log"
    with journal.open("ab") as fh:
        fh.write(b'0badc0de\t{"txn":99,"end":true,"ops":[{"op":"del_person"')  # crash mid-write
    again = Store.open(data_dir)
    assert again.counts() == (1, 1)
    put(again, inter("i_2"))
    again._lock.release()
    third = Store.open(data_dir)  # the cut tail did not corrupt what was appended after it
    assert third.counts() == (1, 2)
    third.close()


def test_unfinished_multi_record_transaction_is_ignored(data_dir: Path) -> None:
    from agent.store.journal import encode_record

    store = Store.open(data_dir)
    put(store, person())
    store._lock.release()
    journal = data_dir / "store" / "journal.log"
    with journal.open("ab") as fh:
        fh.write(encode_record(50, [ops.put_interaction(inter("i_half"))], end=False))
    again = Store.open(data_dir)
    assert again.interaction("i_half") is None
    again.close()


def test_damaged_record_before_the_tail_refuses_to_open_and_changes_nothing(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person())
    put(store, inter("i_1"))
    store._lock.release()
    journal = data_dir / "store" / "journal.log"
    lines = journal.read_bytes().split(b"\n")
    lines[0] = lines[0].replace(b"Ada", b"Eve")  # checksum no longer matches
    damaged = b"\n".join(lines)
    journal.write_bytes(damaged)
    with pytest.raises(StoreCorrupt, match=r"journal\.log"):
        Store.open(data_dir)
    assert journal.read_bytes() == damaged


def _two_records_in_the_journal(data_dir: Path) -> Path:
    """A person and then an interaction, both acknowledged, only in the journal (as after kill -9)."""
    store = Store.open(data_dir)
    put(store, person())
    put(store, inter("i_1"))
    store._lock.release()
    return data_dir / "store" / "journal.log"


def test_a_bit_flip_in_the_last_complete_record_refuses_to_open_and_keeps_the_journal(data_dir: Path) -> None:
    journal = _two_records_in_the_journal(data_dir)
    data = bytearray(journal.read_bytes())
    last = data.rindex(b'"i_1"')
    data[last + 2] ^= 0x01  # i_1 -> i_0: fsync'd and acknowledged, so not a torn tail
    journal.write_bytes(bytes(data))
    with pytest.raises(StoreCorrupt, match=r"journal record 2 .*fails its checksum") as info:
        Store.open(data_dir)
    assert str(journal) in str(info.value)
    assert journal.read_bytes() == bytes(data), "kept byte-for-byte: nothing cut, nothing compacted"
    assert not (data_dir / "store" / PEOPLE_FILE).exists()


def test_a_last_record_whose_line_end_was_damaged_refuses_to_open(data_dir: Path) -> None:
    journal = _two_records_in_the_journal(data_dir)
    data = journal.read_bytes()
    assert data.endswith(b"\n")
    damaged = data[:-1] + b"\x0b"  # a flipped bit in the newline: a whole record, not a write cut short
    journal.write_bytes(damaged)
    with pytest.raises(StoreCorrupt, match="line end"):
        Store.open(data_dir)
    assert journal.read_bytes() == damaged


def test_a_torn_tail_is_cut_and_logged(data_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    journal = _two_records_in_the_journal(data_dir)
    whole = journal.read_bytes()
    journal.write_bytes(whole[:-7])  # the last write stopped before its end: never acknowledged
    with caplog.at_level("WARNING", logger="fathom.store"):
        store = Store.open(data_dir)
    assert store.counts() == (1, 0)
    store.close()
    assert any("cut" in r.getMessage() for r in caplog.records)


def test_corrupt_snapshot_names_the_file_and_the_newest_backup(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"))
    store.close()
    (data_dir / "backups").mkdir()
    (data_dir / "backups" / "fathom-backup-20260101T000000Z.json").write_text("{}")
    target = data_dir / "store" / PEOPLE_FILE
    target.write_text('{"people": {"1": ')
    with pytest.raises(StoreCorrupt) as info:
        Store.open(data_dir)
    assert str(target) in str(info.value)
    assert target.read_text() == '{"people": {"1": '


def test_second_opener_is_refused_while_the_first_holds_the_lock(data_dir: Path) -> None:
    store = Store.open(data_dir, role="agent")
    with pytest.raises(DataDirLocked, match="agent pid"):
        Store.open(data_dir, role="cli")
    store.close()
    Store.open(data_dir).close()


def test_snapshot_files_are_plain_tinydb_databases(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"))
    store.close()
    with TinyDB(data_dir / "store" / PEOPLE_FILE, storage=AtomicJSONStorage) as db:
        assert db.table("people").all()[0]["name"] == "Ada Lovelace"
    with TinyDB(data_dir / "store" / shard_file(shard_of("p_1")), storage=AtomicJSONStorage) as db:
        assert db.table("interactions").all()[0]["id"] == "i_1"


def test_compaction_after_threshold_empties_the_journal_and_keeps_everything(data_dir: Path) -> None:
    store = Store.open(data_dir, compact_bytes=2000)
    put(store, person())
    for n in range(30):
        put(store, inter(f"i_{n}"))
    assert (data_dir / "store" / "journal.log").stat().st_size < 2000
    store._lock.release()
    again = Store.open(data_dir)
    assert again.counts() == (1, 30)
    again.close()


def test_data_dir_is_private_and_files_are_0600(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"))
    store.close()
    assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700
    for path in (data_dir / "store").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_failed_build_writes_nothing(data_dir: Path) -> None:
    store = Store.open(data_dir)

    def boom(_s: Store) -> tuple[list[dict], None]:
        raise ValueError("precondition failed")

    with pytest.raises(ValueError):
        store.write(boom)
    assert store.counts() == (0, 0)
    put(store, person())  # the writer thread survived
    assert store.counts() == (1, 0)
    store.close()


def test_disk_full_during_a_write_is_reported_and_nothing_is_applied(data_dir: Path, monkeypatch) -> None:
    import errno

    from agent.store import StoreWriteFailed
    from agent.store import journal as journal_mod

    store = Store.open(data_dir)
    put(store, person())
    real_fsync = os.fsync

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_mod.os, "fsync", full_disk)
    with pytest.raises(StoreWriteFailed, match="disk is full"):
        put(store, inter("i_lost"))
    monkeypatch.setattr(journal_mod.os, "fsync", real_fsync)
    assert store.interaction("i_lost") is None
    put(store, inter("i_2"))
    store._lock.release()
    again = Store.open(data_dir)
    assert again.interaction("i_lost") is None and again.interaction("i_2") is not None
    again.close()


def test_a_half_written_record_whose_rollback_failed_is_cut_before_the_next_append(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half a record on disk (the disk filled mid-write) and its truncation failed too: the next write must not
    land after it, or the two would read back as one complete line that fails its checksum."""
    import errno

    from agent.store import StoreWriteFailed
    from agent.store import journal as journal_mod

    store = Store.open(data_dir)
    put(store, person())
    real_write, real_ftruncate = os.write, os.ftruncate
    failures = {"write": 1, "ftruncate": 1}

    def half_then_full(fd: int, data: bytes) -> int:
        if failures["write"]:
            failures["write"] -= 1
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    def ftruncate_fails_once(fd: int, size: int) -> None:
        if failures["ftruncate"]:
            failures["ftruncate"] -= 1
            raise OSError(errno.EIO, "I/O error")
        real_ftruncate(fd, size)

    monkeypatch.setattr(journal_mod.os, "write", half_then_full)
    monkeypatch.setattr(journal_mod.os, "ftruncate", ftruncate_fails_once)
    with pytest.raises(StoreWriteFailed, match="disk is full"):
        put(store, inter("i_lost"))
    put(store, inter("i_2"))  # acknowledged
    monkeypatch.undo()
    store._lock.release()
    again = Store.open(data_dir)
    assert again.interaction("i_2") is not None and again.interaction("i_lost") is None
    again.close()


def test_delete_and_reindex_of_identities(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"))
    renamed = person(handle="ada-l")
    put(store, renamed)
    assert store.find("linkedin", "ada") is None
    assert store.find("linkedin", "ada-l") == renamed
    store.write(lambda _s: ([ops.delete_interaction("i_1"), ops.delete_person("p_1")], None))
    assert store.counts() == (0, 0)
    assert store.interactions_for("p_1") == ()
    store.close()


def test_export_state_is_a_consistent_copy(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"))
    state = store.export_state()
    json.dumps(state)
    assert [p["id"] for p in state["people"]] == ["p_1"]
    assert [i["id"] for i in state["interactions"]] == ["i_1"]
    store.close()


def test_writes_replayed_from_the_journal_survive_the_next_compaction(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"))
    store._lock.release()  # crash: the journal alone holds these
    second = Store.open(data_dir)
    put(second, inter("i_2"))  # dirties one shard only
    second.close()  # compacts and resets the journal
    third = Store.open(data_dir)
    assert third.interaction("i_1") is not None and third.interaction("i_2") is not None
    assert third.person("p_1") is not None
    third.close()


def test_lone_surrogates_are_scrubbed_so_the_store_always_reads_back(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1").with_changes(note="bad \ud800 text"))
    assert store.interaction("i_1").note == "bad \ufffd text"  # type: ignore[union-attr]
    store.close()
    again = Store.open(data_dir)
    assert again.interaction("i_1").note == "bad \ufffd text"  # type: ignore[union-attr]
    again.close()


def test_people_named_follows_every_rename_and_delete(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person("p_1", "ada"), Person(id="p_2", name="ADA  lovelace", identities=(Identity("x", "ada"),)))
    assert store.people_named("Ada Lovelace") == ("p_1", "p_2")
    put(store, person("p_1", "ada").with_changes(name="Augusta King"))
    assert store.people_named("ada lovelace") == ("p_2",)
    assert store.people_named("augusta   KING") == ("p_1",)
    store.write(lambda _s: ([ops.delete_person("p_2")], None))
    assert store.people_named("Ada Lovelace") == ()
    assert store.people_named("@ada") == () and store.people_named("") == ()
    store.close()
    again = Store.open(data_dir)
    assert again.people_named("Augusta King") == ("p_1",)
    again.close()


def test_person_fingerprint_holds_across_reopening_and_changes_with_their_files(data_dir: Path) -> None:
    # Two people in other shards than p_1's, which is the only file a log for p_1 rewrites.
    others = [pid for pid in (f"p_{n}" for n in range(2, 200)) if shard_of(pid) != shard_of("p_1")][:2]
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"), *(person(pid, pid) for pid in others), inter("i_2", pid=others[0]))
    store.close()
    prints = {pid: store.person_fingerprint(pid) for pid in ("p_1", *others)}
    assert None not in prints.values()
    again = Store.open(data_dir)
    assert {pid: again.person_fingerprint(pid) for pid in prints} == prints
    put(again, inter("i_3"))
    assert again.person_fingerprint("p_1") is None, "the change is only in the journal"
    assert again.person_fingerprint(others[0]) == prints[others[0]], "unchanged since opened"
    again.close()
    changed = {pid: again.person_fingerprint(pid) for pid in prints}
    assert None not in changed.values()
    assert changed["p_1"] != prints["p_1"]
    assert [changed[pid] for pid in others] == [prints[pid] for pid in others], "their files were not rewritten"
    third = Store.open(data_dir)
    assert {pid: third.person_fingerprint(pid) for pid in prints} == changed
    third.close()


def test_an_edit_inside_a_shard_is_detected_and_not_loaded(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person(), inter("i_1"))
    store.close()
    shard = data_dir / "store" / shard_file(shard_of("p_1"))
    edited = shard.read_bytes().replace(b'"2024-01-01"', b'"2024-01-09"', 1)  # still valid, same size
    shard.write_bytes(edited)
    with pytest.raises(StoreCorrupt, match="checksum") as info:
        Store.open(data_dir)
    assert str(shard) in str(info.value)
    assert shard.read_bytes() == edited


def test_an_edit_inside_the_people_file_is_detected_and_not_loaded(data_dir: Path) -> None:
    store = Store.open(data_dir)
    put(store, person())
    store.close()
    people = data_dir / "store" / PEOPLE_FILE
    edited = people.read_bytes().replace(b"Ada Lovelace", b"Eve Lovelace")
    people.write_bytes(edited)
    for progressive in (False, True):
        with pytest.raises(StoreCorrupt, match="checksum"):
            Store.open(data_dir, progressive=progressive)
    assert people.read_bytes() == edited

"""Applying an import to the store: idempotent, all or nothing, undoable, people matched across runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.importers import ImportFormatError, read_linkedin_export, read_x_archive
from agent.service.errors import Missing
from agent.service.importing import new_import_id, plan_import, plan_undo
from agent.store.store import Store
from tests.fixtures.exports import build


def apply(store: Store, result, label: str = "export.zip"):
    import_id = new_import_id()
    return store.write(lambda s: plan_import(s, result, import_id=import_id, label=label))


def test_linkedin_import_creates_people_and_interactions(store: Store, tmp_path: Path) -> None:
    summary = apply(store, read_linkedin_export(build.linkedin_2025(tmp_path / "li")))
    people, interactions = store.counts()
    assert summary.people_created == people > 0
    assert summary.added == interactions > 0
    assert all(i.source == "import:linkedin" and i.import_id == summary.import_id for i in store.interactions())


def test_importing_the_same_export_twice_adds_nothing(store: Store, tmp_path: Path) -> None:
    folder = build.linkedin_2025(tmp_path / "li")
    apply(store, read_linkedin_export(folder))
    before = store.counts()
    again = apply(store, read_linkedin_export(folder))
    assert again.added == 0 and again.people_created == 0
    assert store.counts() == before
    assert again.already_present > 0


def test_a_newer_export_adds_only_what_is_new(store: Store, tmp_path: Path) -> None:
    old = read_linkedin_export(build.linkedin_2025(tmp_path / "old"))
    new = read_linkedin_export(build.linkedin_2025(tmp_path / "new", newer=True))
    apply(store, old)
    _, before = store.counts()
    summary = apply(store, new)
    new_ids = {i.source_id for i in new.interactions} - {i.source_id for i in old.interactions}
    assert summary.added == len(new_ids) > 0
    assert store.counts()[1] == before + len(new_ids)


def test_undo_removes_exactly_what_the_import_added(store: Store, tmp_path: Path) -> None:
    from agent.service.interactions import LogRequest, log

    store.write(lambda s: log(s, LogRequest(kind="call", network="x", handle="keepme")))
    before = store.counts()
    summary = apply(store, read_x_archive(build.x_2022(tmp_path / "x")))
    assert store.counts() != before
    result = store.write(lambda s: plan_undo(s, summary.import_id))
    assert result["interactions_removed"] == summary.added
    assert store.counts() == before
    assert summary.import_id not in store.imports()


def test_undo_of_an_unknown_import_says_which_exist(store: Store) -> None:
    with pytest.raises(Missing, match="No import with id"):
        store.write(lambda s: plan_undo(s, "imp_nope"))


def test_bad_export_changes_nothing(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError):
        read_linkedin_export(build.not_an_export_zip(tmp_path))
    assert store.counts() == (0, 0)


def test_x_follows_and_dms_join_on_numeric_id(store: Store, tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path / "x"))
    apply(store, result)
    for person in store.people():
        ident = person.identity("x")
        assert ident is not None and (ident.handle or ident.x_id)
    ids = [p.identity("x").x_id for p in store.people() if p.identity("x").x_id]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids)), "one person per X account"


def test_owner_is_never_imported_as_a_contact(store: Store, tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path / "li"))
    apply(store, result)
    assert result.owner is not None
    assert store.find("linkedin", result.owner.handle) is None


def test_a_second_import_of_the_same_export_is_listed_and_can_be_undone(store: Store, tmp_path: Path) -> None:
    """The id printed for an import that added nothing was unknown to `import list` and `import undo`."""
    result = read_linkedin_export(build.linkedin_2025(tmp_path / "li"))
    apply(store, result)
    second = apply(store, result)
    assert second.added == 0 and second.already_present > 0
    assert second.import_id in store.imports()
    undone = store.write(lambda s: plan_undo(s, second.import_id))
    assert undone["interactions_removed"] == 0 and second.import_id not in store.imports()


def test_undo_puts_back_the_name_and_headline_the_import_overwrote(store: Store, tmp_path: Path) -> None:
    from agent.service.interactions import LogRequest, log

    store.write(lambda s: log(s, LogRequest(kind="call", network="linkedin", handle="priya-natarajan")))
    before = store.find("linkedin", "priya-natarajan")
    assert before is not None and before.name == "priya-natarajan" and before.headline == ""
    summary = apply(store, read_linkedin_export(build.linkedin_2025(tmp_path / "li")))
    enriched = store.person(before.id)
    assert enriched is not None and enriched.name == "Priya Natarajan" and enriched.headline
    result = store.write(lambda s: plan_undo(s, summary.import_id))
    restored = store.person(before.id)
    assert result["people_restored"] >= 1
    assert restored is not None and (restored.name, restored.headline) == (before.name, before.headline)
    assert restored.identities == before.identities


def test_a_2018_export_imports_by_name_once_and_undoes_cleanly(store: Store, tmp_path: Path) -> None:
    export = build.zip_folder(build.linkedin_2018(tmp_path / "li"), tmp_path / "li.zip")
    first = apply(store, read_linkedin_export(export))
    assert first.added == 9 and first.people_created == 5
    priya = [p for p in store.people() if p.name == "Priya Natarajan"]
    assert len(priya) == 1 and len(store.interactions_for(priya[0].id)) == 3
    again = apply(store, read_linkedin_export(export))
    assert again.added == 0 and again.people_created == 0 and again.already_present == 9
    store.write(lambda s: plan_undo(s, again.import_id))
    store.write(lambda s: plan_undo(s, first.import_id))
    assert store.counts() == (0, 0)


def test_undo_leaves_what_a_later_import_also_holds_to_that_import(store: Store, tmp_path: Path) -> None:
    old = read_linkedin_export(build.linkedin_2025(tmp_path / "old"))
    new = read_linkedin_export(build.linkedin_2025(tmp_path / "new", newer=True))
    first = apply(store, old)
    second = apply(store, new)
    assert second.already_present > 0
    result = store.write(lambda s: plan_undo(s, first.import_id))
    assert result["interactions_kept"] == second.already_present
    assert {i.source_id for i in store.interactions()} == {i.source_id for i in new.interactions}
    assert {i.import_id for i in store.interactions()} == {second.import_id}
    assert all(store.person(i.person) is not None for i in store.interactions())
    store.write(lambda s: plan_undo(s, second.import_id))
    assert store.counts() == (0, 0)


def test_undo_keeps_a_person_the_user_edited_since_with_their_edits(store: Store, tmp_path: Path) -> None:
    from agent.service.people import update_person

    summary = apply(store, read_linkedin_export(build.linkedin_2025(tmp_path / "li")))
    chloe = next(p for p in store.people() if p.identity("linkedin"))
    store.write(lambda s: update_person(s, chloe.id, {"tags": ("colleague",), "how_met": "Design sprint"}))
    store.write(lambda s: plan_undo(s, summary.import_id))
    kept = store.person(chloe.id)
    assert kept is not None and kept.tags == ("colleague",) and kept.how_met == "Design sprint"
    assert store.counts() == (1, 0)

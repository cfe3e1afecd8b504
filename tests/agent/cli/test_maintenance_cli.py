"""`fathom backup`, `restore` and `export`: no backup is ever overwritten or lost, and bad input is a plain error."""

from __future__ import annotations

import itertools
import json
import re
import shlex
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agent.cli.main import main


def fathom(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def one_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every backup name is taken in the same second, as when two commands run back to back."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return datetime(2026, 12, 8, 0, 29, 28, tzinfo=UTC)

    monkeypatch.setattr("agent.service.backup.datetime", Frozen)


def log_someone(capsys, data_dir: Path, handle: str) -> None:
    code, _, err = fathom(capsys, "log", "--linkedin", handle, "--kind", "call", "--data-dir", str(data_dir))
    assert code == 0, err


def kept_backups(out: str) -> list[Path]:
    prefix = "Kept a backup of the current data: "
    return [Path(line[len(prefix) :]) for line in out.splitlines() if line.startswith(prefix)]


def test_two_restores_in_one_second_keep_both_safety_backups(capsys, data_dir: Path, one_second: None) -> None:
    log_someone(capsys, data_dir, "ada")
    backup = data_dir.parent / "ada.json"
    assert fathom(capsys, "backup", "--out", str(backup), "--data-dir", str(data_dir))[0] == 0
    log_someone(capsys, data_dir, "grace")  # the state the first restore replaces: in no other file
    code, first, err = fathom(capsys, "restore", "--replace", str(backup), "--data-dir", str(data_dir))
    assert code == 0, err
    code, second, err = fathom(capsys, "restore", "--replace", str(backup), "--data-dir", str(data_dir))
    assert code == 0, err
    [kept_first], [kept_second] = kept_backups(first), kept_backups(second)
    assert kept_first != kept_second
    handles = {i["handle"] for p in json.loads(kept_first.read_text("utf-8"))["people"] for i in p["identities"]}
    assert handles == {"ada", "grace"}


def test_two_backups_in_one_second_are_two_files(capsys, data_dir: Path, one_second: None) -> None:
    log_someone(capsys, data_dir, "ada")
    assert fathom(capsys, "backup", "--data-dir", str(data_dir))[0] == 0
    log_someone(capsys, data_dir, "grace")
    assert fathom(capsys, "backup", "--data-dir", str(data_dir))[0] == 0
    backups = (data_dir / "backups").glob("*.json")
    assert sorted(len(json.loads(b.read_text("utf-8"))["people"]) for b in backups) == [1, 2]


def test_backup_never_overwrites_the_file_named_with_out(capsys, data_dir: Path) -> None:
    log_someone(capsys, data_dir, "ada")
    target = data_dir.parent / "mine.json"
    target.write_text("the user's own file")
    code, _, err = fathom(capsys, "backup", "--out", str(target), "--data-dir", str(data_dir))
    assert code != 0 and "already exists" in err and "Traceback" not in err
    assert target.read_text() == "the user's own file"


@pytest.mark.parametrize("content", ["{not json", None])
def test_a_refused_restore_writes_no_safety_backup(capsys, data_dir: Path, content: str | None) -> None:
    log_someone(capsys, data_dir, "ada")
    bad = data_dir.parent / "bad.json"
    if content is None:  # a real backup with one person's tags a string instead of a list
        assert fathom(capsys, "backup", "--out", str(bad), "--data-dir", str(data_dir))[0] == 0
        doc = json.loads(bad.read_text("utf-8"))
        doc["people"][0]["tags"] = "close"
        bad.unlink()
        bad.write_text(json.dumps(doc))
    else:
        bad.write_text(content)
    code, out, _ = fathom(capsys, "restore", "--replace", str(bad), "--data-dir", str(data_dir))
    assert code != 0 and "Kept a backup" not in out
    backups = data_dir / "backups"
    assert not backups.exists() or not list(backups.iterdir())


def test_backup_names_the_restore_command_that_works_on_this_data_dir(capsys, data_dir: Path) -> None:
    log_someone(capsys, data_dir, "ada")
    code, out, _ = fathom(capsys, "backup", "--data-dir", str(data_dir))
    assert code == 0
    log_someone(capsys, data_dir, "grace")
    command = shlex.split(out.split("`")[1])
    assert command[0] == "fathom"
    code, out, err = fathom(capsys, *command[1:])
    assert code == 0, err
    code, out, _ = fathom(capsys, "backup", "--out", str(data_dir.parent / "after.json"), "--data-dir", str(data_dir))
    assert code == 0
    people = json.loads((data_dir.parent / "after.json").read_text("utf-8"))["people"]
    assert [i["handle"] for p in people for i in p["identities"]] == ["ada"]


def test_csv_export_onto_an_existing_file_is_a_one_line_error(capsys, data_dir: Path) -> None:
    log_someone(capsys, data_dir, "ada")
    existing = data_dir.parent / "e.json"
    existing.write_text("keep me")
    code, _, err = fathom(capsys, "export", "--format", "csv", "--out", str(existing), "--data-dir", str(data_dir))
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "folder" in err and existing.read_text() == "keep me"


def readme_export_commands() -> list[list[str]]:
    """Each `fathom export …` form the README's command table shows, alternatives (json|csv) spelled out."""
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    forms: list[list[str]] = []
    for text in re.findall(r"`(fathom export[^`]*)`", readme):
        words = text.replace("\\|", "|").replace("[", "").replace("]", "").split()
        options = [word.split("|") for word in words]
        forms += [list(choice) for choice in itertools.product(*options)]
    return forms


def test_every_export_command_the_readme_shows_works_as_written(capsys, data_dir: Path) -> None:
    log_someone(capsys, data_dir, "ada")
    forms = readme_export_commands()
    assert any("csv" in form for form in forms)
    for n, form in enumerate(forms):
        folder = data_dir.parent / f"out-{n}"
        args = [str(folder / "e.json") if w == "FILE" else str(folder) if w == "DIR" else w for w in form[1:]]
        code, _, err = fathom(capsys, *args, "--data-dir", str(data_dir))
        assert code == 0, f"{' '.join(form)}: {err}"

"""Hostile archives cost bounded work: caps on what a ZIP unpacks to, and CSV reading linear in the file's size."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from agent.importers import ImportFormatError, export_files, read_linkedin_export
from tests.fixtures.exports import build


def cpu_seconds(path: Path) -> tuple[float, object]:
    start = time.process_time()
    try:
        outcome: object = read_linkedin_export(path)
    except ImportFormatError as exc:
        outcome = exc
    return time.process_time() - start, outcome


def test_an_unterminated_quoted_field_costs_no_more_than_an_ordinary_file(tmp_path: Path) -> None:
    """A 4 KB ZIP with one quote that never closes took a minute of CPU (a quadratic rescan); compared with an
    ordinary Connections.csv of the same size, it must cost about the same, and name the line it skipped."""
    hostile = build.unterminated_quote_zip(tmp_path / "quote.zip")
    assert hostile.stat().st_size < 4096
    ordinary = build.plain_connections_zip(tmp_path / "plain.zip", rows=5_000)
    plain_cost, _ = cpu_seconds(ordinary)
    hostile_cost, result = cpu_seconds(hostile)
    assert hostile_cost < 5 * plain_cost + 0.05
    assert not isinstance(result, Exception)
    assert [(s.file, s.line) for s in result.skipped] == [("Connections.csv", 2)]  # type: ignore[attr-defined]


def test_a_row_over_the_row_cap_is_skipped_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agent.importers import csv_table

    monkeypatch.setattr(csv_table, "MAX_ROW_CHARS", 1000)
    root = tmp_path / "li"
    root.mkdir()
    (root / "Connections.csv").write_text(
        ",".join(build.CONNECTIONS_HEADER)
        + "\n"
        + ",".join(["Ada", "Lovelace", build.LI + "ada-l/", "", "x" * 600, "y" * 600, "08 Jan 2018"])
        + "\n"
        + ",".join(["Bo", "Ek", build.LI + "bo-ek/", "", "Acme", "CEO", "08 Jan 2018"])
        + "\n"
    )
    result = read_linkedin_export(root)
    assert [(s.line, s.reason) for s in result.skipped] == [(2, "row longer than 1000 characters")]
    assert [p.handle for p in result.people] == ["bo-ek"]


def test_a_member_that_unpacks_past_the_cap_is_refused_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_files, "MAX_MEMBER_BYTES", 1 << 20)
    bomb = build.bomb_zip(tmp_path / "bomb.zip", {"Connections.csv": 3 << 20})
    with pytest.raises(ImportFormatError, match="archive bomb") as info:
        read_linkedin_export(bomb)
    assert info.value.file == "Connections.csv"


def test_an_export_that_unpacks_past_the_total_cap_is_refused_naming_the_member(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_files, "MAX_EXPANDED_BYTES", 3 << 20)
    bomb = build.bomb_zip(tmp_path / "bomb.zip", {"Connections.csv": 2 << 20, "messages.csv": 2 << 20})
    with pytest.raises(ImportFormatError, match="unpacks to more than 3 MB") as info:
        read_linkedin_export(bomb)
    assert info.value.file in ("Connections.csv", "messages.csv")

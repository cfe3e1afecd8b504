"""The repository needs nothing beside it: no file names a path outside it, and the real pages are inside."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO
from tests.fixtures import REAL_FIXTURES

# Folders that are not the project's own files (installed, built or cached here).
NOT_OURS = {".git", ".venv", "node_modules", "bench-data", "build", "dist", "__pycache__", ".pytest_cache"}
TEXT_SUFFIXES = {".py", ".js", ".mjs", ".json", ".md", ".html", ".css", ".toml", ".txt", ".cfg", ".yml", ".yaml", ""}
# The sibling checkout the tests once read (its fixtures or design folders), however the path is spelled.
OUTSIDE = re.compile(r"""shared["']?\s*/\s*["']?(fixtures|design)\b|REPO\.parent\b""")
RELATIVE = re.compile(r"""(?:\.\./)+[\w.-]+(?:/[\w.-]+)*""")


def project_files() -> list[Path]:
    return [
        path
        for path in REPO.rglob("*")
        if path.is_file()
        and not NOT_OURS.intersection(path.relative_to(REPO).parts)
        and not any(part.endswith(".egg-info") for part in path.parts)
        and path.suffix in TEXT_SUFFIXES
        and not path.is_relative_to(REAL_FIXTURES)  # third-party pages: their own links are not ours
    ]


def test_no_file_names_the_shared_checkout_beside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in project_files()
        for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == [], "copy what you need into the repository instead:\n" + "\n".join(offenders)


def test_no_relative_path_leaves_the_repository() -> None:
    offenders = [
        f"{path.relative_to(REPO)}: {found}"
        for path in project_files()
        for found in RELATIVE.findall(path.read_text("utf-8", errors="replace"))
        if not (path.parent / found).resolve().is_relative_to(REPO)
    ]
    assert offenders == [], "\n".join(offenders)


def test_every_real_page_has_its_provenance() -> None:
    sources = (REAL_FIXTURES / "SOURCES.md").read_text("utf-8")
    pages = sorted(path.name for path in REAL_FIXTURES.iterdir() if path.name != "SOURCES.md")
    assert pages, "the real pages are missing from tests/fixtures/real"
    assert [name for name in pages if f"| {name} |" not in sources] == []

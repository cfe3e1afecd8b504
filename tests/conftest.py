"""Shared fixtures: each test gets its own data dir; the real pages live in ../shared beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_REAL = REPO.parent / "shared" / "fixtures" / "real"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty data dir for this test only."""
    return tmp_path / "data"


@pytest.fixture
def real_page():
    """Read one of the real pages in shared/fixtures/real by file name."""

    def read(name: str) -> str:
        return (SHARED_REAL / name).read_text("utf-8")

    return read

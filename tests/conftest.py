"""Shared fixtures: each test gets its own data dir; the real pages are in tests/fixtures/real."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import REAL_FIXTURES

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty data dir for this test only."""
    return tmp_path / "data"


@pytest.fixture
def real_page():
    """Read one of the real pages in tests/fixtures/real by file name."""

    def read(name: str) -> str:
        return (REAL_FIXTURES / name).read_text("utf-8")

    return read

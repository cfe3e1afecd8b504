"""The service tests' store: one per test, in its own temp data dir, closed after it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.store.store import Store


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = Store.open(data_dir)
    yield s
    s.close()

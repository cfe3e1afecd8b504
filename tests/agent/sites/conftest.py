"""Fixtures for the site parser tests: the real pages and their expected results.

The real pages are in ``tests/fixtures/real`` (provenance in its SOURCES.md).
Expected results are ``tests/fixtures/expected/<page stem>.json``, written by inspecting each page.

A test that takes ``linkedin_case`` or ``x_case`` runs once per real page of that network; a test that
takes ``real_page_name`` runs once per real page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from agent.identity import network_of_url
from tests.fixtures import REAL_FIXTURES

REPO = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class RealCase:
    """One real page and what its parser must return."""

    name: str  # file name in tests/fixtures/real
    page_url: str  # the address the page was served at
    kind: str  # "ProfilePage" | "NotAProfile"
    result: Mapping[str, Any]

    @property
    def network(self) -> str | None:
        return network_of_url(self.page_url)


@dataclass(frozen=True)
class SiteFixtures:
    """Where the real pages and their expected results are, and how to read them."""

    real_dir: Path = REAL_FIXTURES
    expected_dir: Path = REPO / "tests" / "fixtures" / "expected"

    def page_names(self) -> list[str]:
        """Every real HTML page (the archive manifest is the importers' fixture)."""
        return sorted(path.name for path in self.real_dir.glob("*.html"))

    def expected_path(self, page_name: str) -> Path:
        return self.expected_dir / (Path(page_name).stem + ".json")

    def case(self, page_name: str) -> RealCase:
        data = json.loads(self.expected_path(page_name).read_text("utf-8"))
        return RealCase(page_name, data["page_url"], data["type"], MappingProxyType(data["result"]))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    store = SiteFixtures()
    names = store.page_names()
    if "real_page_name" in metafunc.fixturenames:
        metafunc.parametrize("real_page_name", names)
    for network in ("linkedin", "x"):
        arg = f"{network}_case"
        if arg in metafunc.fixturenames:
            # A page without an expected file fails test_registry, not the collection of every test.
            with_expected = [name for name in names if store.expected_path(name).is_file()]
            cases = [case for case in map(store.case, with_expected) if case.network == network]
            metafunc.parametrize(arg, cases, ids=[case.name for case in cases])


@pytest.fixture(scope="session")
def site_fixtures() -> SiteFixtures:
    return SiteFixtures()


@pytest.fixture(scope="session")
def real_pages(site_fixtures: SiteFixtures) -> Mapping[str, str]:
    """Every real HTML page by file name, read once (read-only: the mapping and str are immutable)."""
    return MappingProxyType(
        {name: (site_fixtures.real_dir / name).read_text("utf-8") for name in site_fixtures.page_names()}
    )


@pytest.fixture
def real_fixture(real_pages: Mapping[str, str]) -> Callable[[str], str]:
    """Read one real page by file name."""
    return real_pages.__getitem__


@pytest.fixture
def assert_matches_expected() -> Callable[[RealCase, Any], None]:
    """Compare a parser result with its expected file (a NotAProfile's wording is not pinned)."""

    def check(case: RealCase, result: Any) -> None:
        assert type(result).__name__ == case.kind, result
        actual = result.to_json()
        if case.kind == "NotAProfile":
            assert {k: actual[k] for k in case.result} == dict(case.result)
            assert actual["detail"].strip(), "a NotAProfile must explain itself"
        else:
            assert actual == dict(case.result)

    return check

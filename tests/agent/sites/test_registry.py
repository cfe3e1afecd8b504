"""The registry routes pages to parsers and never raises; every site has a parser, real pages and expectations.

Note for the extension side: the structure check that every network also has
``extension/content/sites/<network>.js`` belongs with the extension tests (tests/extension/).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import agent.sites
from agent.sites import PARSERS, NotAProfile, ProfilePage, parse_page, parser_for
from agent.sites.registry import MAX_PAGE_CHARS


@pytest.mark.parametrize(
    ("url", "network"),
    [
        ("https://www.linkedin.com/in/eduardo-alvarez-nowak/", "linkedin"),
        ("https://se.linkedin.com/company/novare-potential", "linkedin"),
        ("https://x.com/Kikobeats", "x"),
        ("https://mobile.twitter.com/home", "x"),
        ("https://example.com/in/x", None),
        ("https://www.linkedin.com.evil.test/in/x", None),
        ("chrome://extensions", None),
        ("", None),
    ],
)
def test_parser_for_picks_the_site_of_the_address(url: str, network: str | None) -> None:
    parser = parser_for(url)
    assert (parser.network if parser else None) == network


def test_page_on_another_site_is_not_a_profile_url() -> None:
    result = parse_page("https://example.com/in/eduardo", "<h1>Eduardo</h1>")
    assert result == NotAProfile(None, "not_profile_url", result.detail)
    assert "LinkedIn and X" in result.detail


def test_parser_failure_becomes_not_a_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(html: str, url: str) -> ProfilePage:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(parser_for("https://x.com/Kikobeats"), "parse", broken)
    result = parse_page("https://x.com/Kikobeats", "<title>Kiko Beats (@Kikobeats) / X</title>")
    assert isinstance(result, NotAProfile)
    assert (result.network, result.reason) == ("x", "unrecognised")
    assert "Reload" in result.detail


@pytest.mark.parametrize("html", [None, b"<title>Kiko Beats (@Kikobeats) / X</title>", 42])
def test_page_that_is_not_text_is_empty(html: object) -> None:
    result = parse_page("https://x.com/Kikobeats", html)  # type: ignore[arg-type]
    assert isinstance(result, NotAProfile)
    assert result.reason == "empty"


def test_oversized_page_is_read_from_its_start(real_fixture) -> None:
    page = real_fixture("x_profile_kikobeats_2025-12_og_only.html")
    huge = page.replace("</body>", "<p>" + "x" * MAX_PAGE_CHARS + "</p></body>")
    result = parse_page("https://x.com/Kikobeats", huge)
    assert isinstance(result, ProfilePage)
    assert result.handle == "kikobeats"


# --- structure: every site is complete ------------------------------------------------------------------


def _parser_classes() -> list[type]:
    """Every class in agent.sites.* that has the SiteParser shape (network, matches, parse)."""
    found = []
    for module_info in pkgutil.iter_modules(agent.sites.__path__):
        module = importlib.import_module(f"agent.sites.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            is_parser = all(hasattr(cls, attr) for attr in ("network", "matches", "parse"))
            if is_parser and cls.__module__ == module.__name__ and not getattr(cls, "_is_protocol", False):
                found.append(cls)
    return found


def test_every_parser_module_is_registered() -> None:
    classes = _parser_classes()
    assert classes, "no parser classes found"
    assert {type(parser) for parser in PARSERS} == set(classes)


def test_every_registered_site_has_real_pages_with_expected_results(site_fixtures) -> None:
    pages_per_network: dict[str, int] = {}
    for name in site_fixtures.page_names():
        case = site_fixtures.case(name)
        parser = parser_for(case.page_url)
        assert parser is not None, f"{name}: its page_url {case.page_url!r} is on no registered site"
        pages_per_network[parser.network] = pages_per_network.get(parser.network, 0) + 1
    for parser in PARSERS:
        assert pages_per_network.get(parser.network, 0) >= 1, f"no real page with an expected file for {parser.network}"


def test_every_real_page_has_an_expected_file(site_fixtures, real_page_name: str) -> None:
    path = site_fixtures.expected_path(real_page_name)
    assert path.is_file(), f"write {path} by inspecting the page"
    assert site_fixtures.case(real_page_name).kind in ("ProfilePage", "NotAProfile")


def test_every_expected_file_belongs_to_a_real_page(site_fixtures) -> None:
    stems = {path.stem for path in site_fixtures.expected_dir.glob("*.json")}
    assert stems
    assert stems <= {name.removesuffix(".html") for name in site_fixtures.page_names()}

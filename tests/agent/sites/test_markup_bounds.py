"""A hostile page under the 1 MiB body limit costs little: the pre-scan cuts markup no real page has (too
many tags, nesting too deep, a tag with too many attributes) before BeautifulSoup sees it, and real pages
pass through whole. The assertions are on the work done (nodes built) and on memory, never on time."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest
from bs4 import Tag

from agent.sites import NotAProfile, ProfilePage, parse_page
from agent.sites.extract import parse_document
from agent.sites.markup_bounds import MAX_ATTRIBUTES, MAX_DEPTH, MAX_TAGS, bound_markup
from tests.fixtures import REAL_FIXTURES

MIB = 1024 * 1024
URL = "https://www.linkedin.com/in/ada-l/"
HEAD = "<html><head><title>Ada Lovelace | LinkedIn</title></head><body>"
# A 1 MiB page of hostile markup took 80-180 MB to parse before the pre-scan; now at most ~16 MB (a real
# 600 KB page takes ~9 MB).
MEMORY_BUDGET = 32 * MIB


def fill(unit: str) -> str:
    """The head, then ``unit`` repeated up to 1 MiB (the agent's body limit)."""
    return HEAD + unit * ((MIB - len(HEAD)) // len(unit))


def huge_attribute_list() -> str:
    return HEAD + "<div " + " ".join(f"a{i}" for i in range(120_000)) + ">text</div>"


HOSTILE: dict[str, Callable[[], str]] = {
    "deep_nesting": lambda: fill("<div>"),
    "deep_self_closing_lookalikes": lambda: fill("<i/>"),
    "tiny_unclosed_elements": lambda: fill("<a>"),
    "tiny_closed_elements": lambda: fill("<b></b>"),
    "tiny_void_elements": lambda: fill("<br>"),
    "tiny_comments": lambda: fill("<!--x-->"),
    "huge_attribute_list": huge_attribute_list,
}


def all_tags(html: str) -> list[Tag]:
    return parse_document(html).find_all(True)


def depth_of(tag: Tag) -> int:
    depth = 0
    while tag.parent is not None:
        depth, tag = depth + 1, tag.parent
    return depth


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_page_builds_a_bounded_tree(name: str) -> None:
    tags = all_tags(HOSTILE[name]())
    assert len(tags) <= MAX_TAGS
    assert max(depth_of(tag) for tag in tags) <= MAX_DEPTH + 1
    assert max(len(tag.attrs) for tag in tags) <= MAX_ATTRIBUTES


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_page_is_read_within_a_memory_budget(name: str) -> None:
    page = HOSTILE[name]()
    tracemalloc.start()
    try:
        result = parse_page(URL, page)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(result, ProfilePage | NotAProfile)
    assert peak < MEMORY_BUDGET, f"{peak / MIB:.0f} MB"


@pytest.mark.parametrize(
    ("unit", "cut"), [("<div>", "depth"), ("<b></b>", "tags"), ("<!--x-->", "tags"), ("<br>", "tags")]
)
def test_the_scan_names_why_it_cut_and_keeps_what_came_first(unit: str, cut: str) -> None:
    bounded = bound_markup(fill(unit))
    assert bounded.cut == cut
    assert bounded.html.startswith(HEAD) and len(bounded.html) < MIB


def test_a_tag_with_too_many_attributes_is_cut_before_it() -> None:
    bounded = bound_markup(huge_attribute_list())
    assert bounded.cut == "attributes" and bounded.html == HEAD


def test_a_quoted_greater_than_sign_does_not_hide_attributes() -> None:
    page = HEAD + '<div title=">" ' + " ".join(f"a{i}" for i in range(MAX_ATTRIBUTES + 1)) + ">x</div>"
    assert bound_markup(page).cut == "attributes"


def test_markup_inside_scripts_is_not_counted_as_tags() -> None:
    script = "<script>" + "if (a<b) { x = '<div>'; }\n" * 50_000 + "</script>"
    assert bound_markup(HEAD + script + "<p>after</p>").cut is None


def test_the_profile_at_the_top_of_a_hostile_page_is_still_read(real_page) -> None:
    page = real_page("linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html")
    whole = parse_page("https://www.linkedin.com/in/eduardo-alvarez-nowak/", page)
    hostile = page.replace("</body>", "<div>" * 100_000 + "</body>")
    cut = parse_page("https://www.linkedin.com/in/eduardo-alvarez-nowak/", hostile)
    assert isinstance(cut, ProfilePage) and isinstance(whole, ProfilePage)
    assert (cut.name, cut.handle) == (whole.name, whole.handle)


@pytest.mark.parametrize("name", sorted(p.name for p in REAL_FIXTURES.glob("*.html")))
def test_real_pages_pass_the_scan_whole(name: str) -> None:
    page = (REAL_FIXTURES / name).read_text("utf-8")
    bounded = bound_markup(page)
    assert bounded.cut is None and bounded.html == page

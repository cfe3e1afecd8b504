"""The tag index finds what soup.select finds, in document order, and bounds hostile nesting."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from agent.sites.extract import read_page
from agent.sites.linkedin import SELECTORS
from agent.sites.tag_index import MAX_DEPTH, TagIndex


@pytest.mark.parametrize("key", sorted(SELECTORS))
def test_index_select_equals_soup_select_on_real_pages(real_pages, key: str) -> None:
    selector = SELECTORS[key]
    for name, html in real_pages.items():
        if name.startswith("linkedin_"):
            page = read_page(html)
            assert [id(t) for t in page.index.select(selector)] == [id(t) for t in page.soup.select(selector)], name


def test_select_one_is_the_first_match_in_document_order_across_selector_parts() -> None:
    index = read_page('<p class="b">1</p><h1 class="a">2</h1><p class="a">3</p>').index
    assert index.select_one("p.a, p.b").get_text() == "1"
    assert index.select_one("h2, .missing") is None


def test_selector_without_tag_or_class_is_refused() -> None:
    index = read_page("<p id='x'>1</p>").index
    with pytest.raises(ValueError, match="names no tag or class"):
        index.select("#x")


def test_tags_by_testid() -> None:
    index = read_page('<div data-testid="UserName">a</div><span data-testid="UserName">b</span>').index
    assert [tag.name for tag in index.testid("UserName")] == ["div", "span"]
    assert index.testid("missing") == ()


def test_tags_nested_deeper_than_any_real_page_are_not_indexed() -> None:
    deep = "<div>" * (MAX_DEPTH + 50) + '<h1 class="deep">x</h1>'
    # Straight from lxml: read_page's pre-scan would already cut the page before the deep tags.
    index = TagIndex.build(BeautifulSoup('<h1 class="shallow">y</h1>' + deep, "lxml"))
    assert index.truncated
    assert [tag["class"] for tag in index.select("h1")] == [["shallow"]]

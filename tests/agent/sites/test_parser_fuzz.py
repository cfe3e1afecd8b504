"""Mutated real pages never make a parser raise: the result is always a ProfilePage or a NotAProfile.

Each parser is called directly (not through the registry's safety net), so a crash here is a parser bug.
Example counts are kept moderate: every example parses a page of up to 600 KB.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.sites import NotAProfile, ProfilePage, parse_page, parser_for

# A warning from a parser or bs4 on hostile input is a bug too (it would flood the agent's log). Hypothesis's
# own warnings are not: it sometimes warns that the repr of a call with whole pages as arguments is large.
pytestmark = pytest.mark.filterwarnings("error", "ignore::hypothesis.errors.HypothesisWarning")

FUZZ = settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PAGE_URLS = {
    "linkedin": "https://www.linkedin.com/in/eduardo-alvarez-nowak/",
    "twitter": "https://twitter.com/Kikobeats",
    "x": "https://x.com/Kikobeats",
}

# Markup a broken or hostile page could contain, aimed at the hooks the parsers read.
GARBAGE = [
    "<",
    "</div></section></body></html>",
    "<div><span><a><h1>",
    '<script type="application/ld+json">{"@type":"ProfilePage","mainEntity":{"additionalName":[1,2],'
    '"identifier":{"x":1},"name":null,"homeLocation":"here"}}</script>',
    '<script type="application/ld+json">{"@graph":[{"@type":["Person"],"url":42,"address":[]}]}</script>',
    '<script type="application/ld+json">' + "[" * 5000 + "</script>",
    '<script type="application/ld+json"><!-- {"@type":"Person","url":"https://www.linkedin.com/in/x"} --></script>',
    '<link rel="canonical" href="http://[::1">',
    '<link rel="canonical" href="javascript:alert(1)">',
    '<meta property="og:url" content="https://www.linkedin.com/in/%C3%28">',
    '<meta name="pageKey" content="">',
    '<meta property="al:ios:url" content="twitter://user?screen_name=@@@">',
    '<h1 class="page-not-found__headline">',
    '<section class="artdeco-card" data-member-id><a href="/in/%00/overlay/contact-info/">',
    '<button class="pvs-profile-actions__action artdeco-dropdown__trigger" aria-label="Invite  to connect">',
    '<div data-testid="12-follow" aria-label="Follow @@@"></div>',
    '<div data-testid="99999999999999999999999999-unfollow" aria-label="Following @Kikobeats"></div>',
    '<div data-testid="UserName"><span>@</span><span>@' + "a" * 50 + "</span></div>",
    '<div data-testid="UserCell"><div data-testid="UserCell">',
    "<svg><title>x</title><svg><title>",
    "<![CDATA[ <h1> ]]>",
    "<!--",
    "\x00\x01\x02\ud800\udfff\ufeff\u202e",
    "<div>" * 3000,
    '<img alt="' + "\u0301" * 2000 + '">',
]


def _parse_directly(url: str, html: str) -> object:
    parser = parser_for(url)
    assert parser is not None
    return parser.parse(html, url)


def _url_for(name: str) -> str:
    return PAGE_URLS[name.split("_", 1)[0]]


def _check(url: str, html: str) -> None:
    result = _parse_directly(url, html)
    assert isinstance(result, ProfilePage | NotAProfile)
    result.to_json()


@FUZZ
@given(data=st.data())
def test_truncated_pages(real_pages: Mapping[str, str], data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(real_pages)))
    html = real_pages[name]
    cut = data.draw(st.integers(0, len(html)))
    _check(_url_for(name), html[:cut])


@FUZZ
@given(data=st.data())
def test_pages_with_a_range_deleted_or_duplicated(real_pages: Mapping[str, str], data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(real_pages)))
    html = real_pages[name]
    start = data.draw(st.integers(0, len(html)))
    end = data.draw(st.integers(start, min(len(html), start + 50_000)))
    if data.draw(st.booleans()):
        mutated = html[:start] + html[end:]
    else:
        mutated = html[:end] + html[start:end] * data.draw(st.integers(2, 4)) + html[end:]
    _check(_url_for(name), mutated)


# Insertions are drawn up front, positions as fractions of the page: the draws never depend on the page's
# size, which keeps hypothesis's replay of an example exact (it refuses data generation that varies).
INSERTIONS = st.lists(st.tuples(st.floats(0, 1), st.sampled_from(GARBAGE)), min_size=1, max_size=6)


@FUZZ
@given(name=st.sampled_from(range(64)), insertions=INSERTIONS)
def test_pages_with_garbage_markup_injected(
    real_pages: Mapping[str, str], name: int, insertions: list[tuple[float, str]]
) -> None:
    page = sorted(real_pages)[name % len(real_pages)]
    html = real_pages[page]
    for fraction, garbage in insertions:
        at = int(fraction * len(html))
        html = html[:at] + garbage + html[at:]
    _check(_url_for(page), html)


@FUZZ
@given(data=st.data())
def test_pages_with_corrupted_bytes_decoded_with_replacement(
    real_pages: Mapping[str, str], data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(sorted(real_pages)))
    raw = bytearray(real_pages[name].encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 40))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at : at + 1] = data.draw(st.binary(min_size=0, max_size=8))
    _check(_url_for(name), raw.decode("utf-8", errors="replace"))


@FUZZ
@given(data=st.data())
def test_pages_nested_very_deep(real_pages: Mapping[str, str], data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(real_pages)))
    html = real_pages[name]
    depth = data.draw(st.integers(600, 5000))
    tag = data.draw(st.sampled_from(["div", "span", "section", "a", "svg"]))
    at = data.draw(st.integers(0, len(html)))
    _check(_url_for(name), html[:at] + f"<{tag}>" * depth + html[at:] + f"</{tag}>" * depth)


@settings(max_examples=150, deadline=None, database=None)
@given(url=st.text(max_size=200), html=st.text(max_size=2000))
def test_any_address_and_text(url: str, html: str) -> None:
    for candidate in (url, "https://www.linkedin.com/in/" + url, "https://x.com/" + url):
        if parser_for(candidate) is not None:
            _check(candidate, html)
        assert isinstance(parse_page(candidate, html), ProfilePage | NotAProfile)

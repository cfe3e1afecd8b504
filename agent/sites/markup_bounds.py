"""A cheap pre-scan that bounds what BeautifulSoup is given: a page is read up to the first markup no real
profile page has (too many tags, nesting too deep, a tag with too many attributes), so a hostile page
under the body limit costs little. Real pages (tests/agent/sites fixtures) pass through unchanged.

Pure: text in, text out. The scan over-counts rather than under-counts (it ignores the implied closing of
``<p>``/``<li>`` and similar), so it can only cut earlier than lxml would need, never later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.sites.tag_index import MAX_DEPTH  # one nesting rule: the scan cuts where the index stops indexing

# The real pages have at most 6,500 tags (opening, closing, comments), 16 attributes on one tag and nesting
# 60 deep; lxml and BeautifulSoup spend about 1 KB and some microseconds on each.
MAX_TAGS = 25_000
MAX_ATTRIBUTES = 100

_TAG = re.compile(r"<(?:(/?)([A-Za-z][^\s/<>]*)|(!--)|[!?])")
# The rest of a tag up to its ">", quoted values taken whole (a quoted ">" does not end the tag).
_TAG_REST = re.compile(r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")  # possessive: no backtracking stack
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_SPACE_RUN = re.compile(r"\s+")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Their content is text to lxml, not elements: the scan jumps to the closing tag. (Only these two: for any
# other element, "<" inside it is counted as markup, which can only cut earlier.)
_RAW_TEXT = frozenset({"script", "style"})
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _RAW_TEXT}


@dataclass(frozen=True, slots=True)
class Bounded:
    html: str
    cut: str | None = None  # why the page was cut short ("tags", "depth", "attributes"), None if whole


def bound_markup(html: str) -> Bounded:
    """``html`` itself, or its longest prefix that ends before the first tag past a limit."""
    tags = 0
    stack: list[str] = []
    pos = 0
    search = _TAG.search
    while (found := search(html, pos)) is not None:
        start = found.start()
        tags += 1
        if tags > MAX_TAGS:
            return Bounded(html[:start], "tags")
        closing, name, comment = found.group(1, 2, 3)
        if name is None:  # a comment, doctype or processing instruction: no element, but a node all the same
            end = html.find("-->" if comment else ">", found.end())
            pos = len(html) if end < 0 else end + (3 if comment else 1)
            continue
        name = name.lower()
        tag_end = _tag_end(html, found.end())
        pos = tag_end
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            continue
        if _attribute_count(html, found.end(), tag_end) > MAX_ATTRIBUTES:
            return Bounded(html[:start], "attributes")
        if name in _RAW_TEXT:
            raw_end = _RAW_END[name].search(html, pos)
            pos = len(html) if raw_end is None else raw_end.end()
            continue
        if name in _VOID or html.endswith("/>", 0, tag_end):
            continue
        stack.append(name)
        if len(stack) > MAX_DEPTH:
            return Bounded(html[:start], "depth")
    return Bounded(html)


def _tag_end(html: str, start: int) -> int:
    """Just past the tag's ">"; with an unterminated quote, the next ">" (scanning on counts more, not less)."""
    rest = _TAG_REST.match(html, start)
    if rest is not None:
        return rest.end()
    close = html.find(">", start)
    return len(html) if close < 0 else close + 1


def _attribute_count(html: str, start: int, end: int) -> int:
    """About how many attributes the tag between ``start`` and ``end`` has (one per whitespace run)."""
    if end - start <= 2 * MAX_ATTRIBUTES:  # each attribute needs a name and a separator: too short to matter
        return 0
    unquoted = _QUOTED.sub("", html[start:end])
    return _SPACE_RUN.subn("", unquoted)[1]

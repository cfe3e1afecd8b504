"""Shared pure readers for HTML pages: parsing, head metadata, JSON-LD, text. No site knowledge.

Everything here accepts hostile markup: broken tags, invalid JSON, lone surrogates, megabyte strings.
Readers return empty values instead of raising.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

from agent.sites.markup_bounds import bound_markup
from agent.sites.tag_index import TagIndex

# JSON-LD blocks are a few KB on real pages; a bigger one is not worth decoding.
MAX_JSON_LD_CHARS = 1_000_000
MAX_JSON_LD_BLOCKS = 20
MAX_TEXT_SCAN = 200_000
_WHITESPACE = re.compile(r"\s+")
_EMPTY_COMMENT = re.compile(r"<!--\s*-->")
# Zero-width (non-)joiners are format characters that hold emoji sequences together; keep them.
_KEPT_FORMAT_CHARS = frozenset("\u200c\u200d")
_JSON_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$")


@dataclass(frozen=True, slots=True)
class PageHead:
    """What a page says about itself outside its visible body."""

    title: str = ""
    canonicals: tuple[str, ...] = ()  # hrefs of <link rel=canonical>, in document order
    meta: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # property|name → content
    json_ld: tuple[Any, ...] = ()  # decoded <script type=application/ld+json> blocks

    def meta_value(self, *keys: str) -> str:
        """The content of the first of ``keys`` that the page has (meta property OR name), else ""."""
        for key in keys:
            value = self.meta.get(key.lower(), "")
            if value:
                return value
        return ""


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A parsed document with its head metadata and tag index."""

    soup: BeautifulSoup
    head: PageHead
    index: TagIndex


def read_page(html: str) -> ParsedPage:
    """Parse ``html`` once and index it; the one entry point for parsers."""
    soup = parse_document(html)
    index = TagIndex.build(soup)
    return ParsedPage(soup, read_head(index), index)


def parse_document(html: str) -> BeautifulSoup:
    """Parse ``html`` with lxml, after removing what lxml refuses (lone surrogates, NUL) and cutting markup
    no real page has (:mod:`agent.sites.markup_bounds`), so a hostile page costs little."""
    if not isinstance(html, str):
        html = ""
    # A str from a JSON body can hold lone surrogates, which lxml cannot encode.
    safe = bound_markup(html.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")).html
    # Ember leaves thousands of empty "<!---->" placeholders (1,891 on the logged-in LinkedIn page);
    # they carry nothing, and dropping them before parsing saves about a seventh of the parse time.
    # The trailing newline keeps bs4 from warning that a short page "looks like a URL or file name".
    return BeautifulSoup(_EMPTY_COMMENT.sub("", safe) + "\n", "lxml")


def _attr(tag: Tag, name: str) -> str:
    """An attribute as one string (bs4 returns lists for multi-valued attributes such as rel)."""
    value = tag.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _decode_json_ld(text: str) -> Any | None:
    if len(text) > MAX_JSON_LD_CHARS:
        return None
    text = _JSON_WRAPPERS.sub("", text.strip()).strip()
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def read_head(index: TagIndex) -> PageHead:
    """Title, canonical links, meta tags and JSON-LD, from the document's index.

    Meta tags are keyed by ``property`` and by ``name`` (lowercased): some pages write
    ``<meta name="og:title">`` (LinkedIn 2015), others ``<meta property="og:title">``. The first
    occurrence of a key wins.
    """
    title = ""
    for tag in index.by_name.get("title", ())[:10]:
        # <title> inside inline SVG names an icon, not the page.
        if tag.find_parent("svg") is None:
            title = clean_text(tag.get_text())
            break
    meta: dict[str, str] = {}
    for tag in index.by_name.get("meta", ()):
        content = _attr(tag, "content").strip()
        for key_attr in ("property", "name"):
            key = _attr(tag, key_attr).strip().lower()
            if key and key not in meta:
                meta[key] = content
    canonicals = tuple(
        href
        for tag in index.by_name.get("link", ())
        if "canonical" in _attr(tag, "rel").lower().split() and (href := _attr(tag, "href").strip())
    )
    json_ld: list[Any] = []
    for tag in index.by_name.get("script", ()):
        if len(json_ld) >= MAX_JSON_LD_BLOCKS:
            break
        if _attr(tag, "type").strip().lower() == "application/ld+json":
            decoded = _decode_json_ld(tag.get_text())
            if decoded is not None:
                json_ld.append(decoded)
    return PageHead(title, canonicals, MappingProxyType(meta), tuple(json_ld))


def json_ld_nodes(blocks: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
    """Every top-level JSON-LD object: blocks, items of top-level lists, and members of ``@graph``."""
    for block in blocks:
        items = block if isinstance(block, list) else [block]
        for item in items:
            if not isinstance(item, dict):
                continue
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from (node for node in graph if isinstance(node, dict))


def json_ld_types(node: Any) -> frozenset[str]:
    """The ``@type`` values of a JSON-LD node (a string or a list of strings)."""
    if not isinstance(node, dict):
        return frozenset()
    value = node.get("@type")
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list):
        return frozenset(v for v in value if isinstance(v, str))
    return frozenset()


def json_str(value: Any) -> str:
    """``value`` if it is a string, else "" (JSON-LD fields can be anything on a hostile page)."""
    return value if isinstance(value, str) else ""


def clean_text(value: Any, limit: int = 500) -> str:
    """One line of display text: whitespace collapsed, control/format characters removed, at most ``limit``."""
    if not isinstance(value, str) or not value:
        return ""
    # Collapse whitespace first (fast, in C) so indentation cannot push the text past the slice that
    # the per-character scan below looks at.
    text = _WHITESPACE.sub(" ", value[:MAX_TEXT_SCAN]).strip()[: limit * 2]
    text = "".join(ch for ch in text if ch in _KEPT_FORMAT_CHARS or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    text = _WHITESPACE.sub(" ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def tag_text(tag: Tag | None, limit: int = 500) -> str:
    """The visible text of ``tag`` as one clean line; "" for None."""
    if tag is None:
        return ""
    return clean_text(tag.get_text(" "), limit)


def tag_text_with_alt(tag: Tag | None, limit: int = 500) -> str:
    """Like :func:`tag_text`, but an ``<img alt>`` counts as text (emoji are drawn as images)."""
    if tag is None:
        return ""
    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name == "img":
                parts.append(_attr(node, "alt"))
        elif type(node) is NavigableString:  # not comments, scripts or styles (subclasses)
            parts.append(str(node))
    return clean_text("".join(parts), limit)


def attr(tag: Tag | None, name: str) -> str:
    """An attribute of ``tag`` as one stripped string; "" when absent."""
    if tag is None:
        return ""
    return _attr(tag, name).strip()

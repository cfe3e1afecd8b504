"""A one-pass index of a parsed document, so site parsers look tags up instead of rescanning the tree.

On a 600 KB page one BeautifulSoup/soupsieve tree scan costs 5-15 ms; the index costs about that once,
and every lookup afterwards is well under a millisecond.

Hostile documents are bounded here: tags nested deeper than :data:`MAX_DEPTH` are not indexed (real
profile pages nest at most about 60 deep), so every ancestor walk that starts from an indexed tag is
short, and no lookup examines more than :data:`MAX_CANDIDATES` tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bs4 import BeautifulSoup, Tag

MAX_DEPTH = 512
MAX_CANDIDATES = 2000
MAX_ANCHORS = 20

_COMPOUND_SPLIT = re.compile(r"\s*[\s>+~]\s*")
_SIBLING_COMBINATOR = re.compile(r"[+~]")
_COMPOUND_NAME = re.compile(r"^([A-Za-z][\w-]*)")
_COMPOUND_CLASS = re.compile(r"\.([\w-]+)")


def _freeze(groups: dict[str, list[Tag]]) -> Mapping[str, tuple[Tag, ...]]:
    return MappingProxyType({key: tuple(tags) for key, tags in groups.items()})


@dataclass(frozen=True, slots=True)
class TagIndex:
    """Every tag (up to :data:`MAX_DEPTH` deep) grouped by name, class and ``data-testid``."""

    by_name: Mapping[str, tuple[Tag, ...]]
    by_class: Mapping[str, tuple[Tag, ...]]
    by_testid: Mapping[str, tuple[Tag, ...]]
    position: Mapping[int, int]  # id(tag) → document order
    truncated: bool = False  # some tags were deeper than MAX_DEPTH and are not indexed

    @classmethod
    def build(cls, soup: BeautifulSoup) -> TagIndex:
        by_name: dict[str, list[Tag]] = {}
        by_class: dict[str, list[Tag]] = {}
        by_testid: dict[str, list[Tag]] = {}
        position: dict[int, int] = {}
        depth: dict[int, int] = {id(soup): 0}
        truncated = False
        for pos, tag in enumerate(soup.find_all(True)):
            level = depth.get(id(tag.parent), MAX_DEPTH) + 1
            depth[id(tag)] = level
            if level > MAX_DEPTH:
                truncated = True
                continue
            position[id(tag)] = pos
            by_name.setdefault(tag.name, []).append(tag)
            attrs = tag.attrs
            classes = attrs.get("class")
            if classes:
                for token in classes if isinstance(classes, list) else str(classes).split():
                    by_class.setdefault(token, []).append(tag)
            testid = attrs.get("data-testid")
            if isinstance(testid, str):
                by_testid.setdefault(testid, []).append(tag)
        return cls(_freeze(by_name), _freeze(by_class), _freeze(by_testid), MappingProxyType(position), truncated)

    def _part_matches(self, selector: str) -> Iterator[Tag]:
        """Matches of one selector (no commas), in document order, found from the index.

        The selector's last part must name a class or a tag, or an outer part must name a class (then
        the search runs inside the elements with the rarest such class). Attribute values in selectors
        must not contain dots, spaces or combinators: the parts are found with simple patterns.
        """
        selector = selector.strip()
        compounds = _COMPOUND_SPLIT.split(selector)
        last = compounds[-1]
        klass = _COMPOUND_CLASS.search(last)
        name = _COMPOUND_NAME.match(last)
        outer_classes = [c for compound in compounds[:-1] for c in _COMPOUND_CLASS.findall(compound)]
        if klass:
            candidates = self.by_class.get(klass.group(1), ())
        elif outer_classes and not _SIBLING_COMBINATOR.search(selector):
            rarest = min(outer_classes, key=lambda c: len(self.by_class.get(c, ())))
            for anchor in self.by_class.get(rarest, ())[:MAX_ANCHORS]:
                yield from anchor.select(selector, limit=MAX_CANDIDATES)
            return
        elif name:
            candidates = self.by_name.get(name.group(1).lower(), ())
        else:
            raise ValueError(f"selector {selector!r} names no tag or class to look up")
        for tag in candidates[:MAX_CANDIDATES]:
            if tag.css.match(selector):
                yield tag

    def _order(self, tag: Tag) -> int:
        return self.position.get(id(tag), len(self.position))

    def select(self, selector: str) -> list[Tag]:
        """Like ``soup.select(selector)`` (see :meth:`_part_matches` for the selectors it takes)."""
        found: dict[int, Tag] = {}
        for part in selector.split(","):
            for tag in self._part_matches(part):
                found.setdefault(id(tag), tag)
        return sorted(found.values(), key=self._order)

    def select_one(self, selector: str) -> Tag | None:
        """The first match in document order, or None; stops at each part's first match."""
        firsts = [tag for part in selector.split(",") if (tag := next(self._part_matches(part), None)) is not None]
        return min(firsts, key=self._order) if firsts else None

    def testid(self, value: str) -> tuple[Tag, ...]:
        """Tags whose ``data-testid`` is ``value``, in document order."""
        return self.by_testid.get(value, ())

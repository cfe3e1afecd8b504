"""Who in Fathom a typed handle probably meant: a typo in `fathom log --linkedin …` should not go unnoticed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

from agent.records import Person

CUTOFF = 0.8  # difflib's ratio: "eduardo-alvarez-nowk" vs "eduardo-alvarez-nowak" is 0.98, unrelated slugs < 0.6
LIMIT = 3
_NOT_SLUG = re.compile(r"[^0-9a-z]+")


def _words(text: str) -> str:
    """Lower case letters and digits only: a slug, a handle and a display name compare alike."""
    return _NOT_SLUG.sub("", text.casefold())


def similar_people(people: Iterable[Person], network: str, handle: str, limit: int = LIMIT) -> list[dict[str, Any]]:
    """Up to ``limit`` people whose handle (on any network) or name is close to ``handle``, closest first.

    Each is ``{"name", "network", "handle"}``, with the identity to type: on ``network`` when they have one;
    the handle is None for someone known only by name.
    The person with exactly this identity is not "similar" (the caller found them already).
    """
    typed = _words(handle)
    if not typed:
        return []
    matcher = SequenceMatcher(b=typed, autojunk=False)
    scored: list[tuple[float, Person]] = []
    for person in people:
        if any(i.network == network and i.handle == handle for i in person.identities):
            continue
        best = 0.0
        for text in (person.name, *(i.handle or "" for i in person.identities)):
            words = _words(text)
            if not words:
                continue
            matcher.set_seq1(words)
            # The cheap upper bounds first: a heavy user's 40,000 people are scanned in a fraction of a second.
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
        if best >= CUTOFF:
            scored.append((best, person))
    scored.sort(key=lambda pair: -pair[0])
    return [_shown(person, network) for _, person in scored[:limit]]


def _shown(person: Person, network: str) -> dict[str, Any]:
    # An identity with a handle, preferably on ``network``: an import without profile URLs leaves only a name.
    with_handles = [i for i in person.identities if i.handle]
    identity = next((i for i in with_handles if i.network == network), with_handles[0] if with_handles else None)
    return {
        "name": person.name,
        "network": identity.network if identity else network,
        "handle": identity.handle if identity else None,
    }

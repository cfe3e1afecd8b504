"""Person keys as export files write them, turned into the canonical keys of ``agent.identity``.

Exports are hostile input, so a value that is not a profile address gives None here instead of an error:
the event is still read, with the person known by name (LinkedIn) or account id (X).
"""

from __future__ import annotations

import re

from agent import identity

_X_ID = re.compile(r"[0-9]{1,25}")
# The form nearly every export row uses. For it agent.identity would return the lowercased slug; checking
# this first keeps 100,000-row exports fast, and anything else goes through agent.identity itself.
_PLAIN_PROFILE_URL = re.compile(r"https?://(?:www\.)?linkedin\.com/in/([A-Za-z0-9_-]{1,100})/?")


def linkedin_slug(url_or_slug: str) -> str | None:
    """The canonical slug of a ``/in/<slug>`` profile URL (with or without scheme or host), or of a bare slug."""
    plain = _PLAIN_PROFILE_URL.fullmatch(url_or_slug)
    if plain:
        return plain.group(1).lower()
    try:
        return identity.linkedin_slug(url_or_slug)
    except identity.IdentityError:
        return None


def x_handle(raw: str) -> str | None:
    """The canonical X handle (lowercase, no ``@``), or None when ``raw`` cannot be one."""
    try:
        return identity.x_handle(raw)
    except identity.IdentityError:
        return None


def x_id(raw: object) -> str | None:
    """An X account id as a string of digits; archives store ids as strings, old ones sometimes as numbers."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    return raw if _X_ID.fullmatch(raw) else None

"""Which parser reads which page, and the one call the agent makes: :func:`parse_page`."""

from __future__ import annotations

import logging

from agent.identity import network_of_url
from agent.sites.base import NotAProfile, ProfilePage, SiteParser
from agent.sites.linkedin import LinkedInParser
from agent.sites.x import XParser

# Real profile pages are under 1 MB; beyond this only the start of the page is read (the head and the
# profile's top card come first), so a hostile 100 MB body cannot stall the agent.
MAX_PAGE_CHARS = 5_000_000

PARSERS: tuple[SiteParser, ...] = (LinkedInParser(), XParser())

_log = logging.getLogger(__name__)


def parser_for(url: str) -> SiteParser | None:
    """The parser for the site ``url`` is on (any page of it), or None."""
    if not isinstance(url, str):
        return None
    return next((parser for parser in PARSERS if parser.matches(url)), None)


def parse_page(url: str, html: str) -> ProfilePage | NotAProfile:
    """Read the page at ``url``. Never raises: anything unreadable becomes a :class:`NotAProfile`."""
    parser = parser_for(url)
    if parser is None:
        return NotAProfile(
            None,
            "not_profile_url",
            "Fathom reads LinkedIn and X profile pages; this address is on neither site.",
        )
    if not isinstance(html, str):
        html = ""
    try:
        return parser.parse(html[:MAX_PAGE_CHARS], url)
    except Exception:  # the contract is "never raises": a parser bug must not take the request down
        _log.exception("the %s parser failed on %s", parser.network, network_of_url(url))
        return NotAProfile(
            parser.network,
            "unrecognised",
            "Fathom could not read this page. Reload it and try again; if it keeps happening, "
            "report it with the page address.",
        )

"""Site parsers: profile page HTML → :class:`ProfilePage` or :class:`NotAProfile`. Pure, no I/O."""

from agent.sites.base import ACTIONS, NOT_A_PROFILE_REASONS, NotAProfile, ProfilePage, SiteParser
from agent.sites.registry import PARSERS, parse_page, parser_for

__all__ = [
    "ACTIONS",
    "NOT_A_PROFILE_REASONS",
    "PARSERS",
    "NotAProfile",
    "ProfilePage",
    "SiteParser",
    "parse_page",
    "parser_for",
]

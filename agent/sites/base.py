"""The per-site contract: what a site parser returns for a page, and the parser protocol.

A parser is pure: it takes the page's HTML and URL and returns either a :class:`ProfilePage` (whose
profile this is, and what the page says about the relationship) or a :class:`NotAProfile` (why the page
cannot be read as a profile, in words for the user). It never raises on page content.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

# Relationship actions the page offers the viewer, in display order. "following" and "pending" are the
# states after follow / connect; a page offers at most one of each pair.
ACTIONS: tuple[str, ...] = ("connect", "message", "follow", "following", "pending")
DEGREES: tuple[str, ...] = ("1st", "2nd", "3rd+")
NOT_A_PROFILE_REASONS: tuple[str, ...] = (
    "not_found",  # the site says the profile does not exist
    "authwall",  # the site showed its sign-up / sign-in wall instead of the profile
    "login",  # a login page
    "company",  # a company or organisation page, not a person
    "not_profile_url",  # the address is not a profile address at all
    "unrecognised",  # a page on the site that the parser cannot read as a profile
    "empty",  # no content
)


@dataclass(frozen=True, slots=True)
class ProfilePage:
    """A person's profile page as read from its HTML."""

    network: str  # "linkedin" | "x"
    handle: str  # canonical key (agent.identity)
    url: str  # canonical display URL
    name: str = ""
    headline: str = ""
    location: str = ""
    x_id: str | None = None  # X numeric id (JSON-LD identifier or the "<id>-follow" testid)
    actions: tuple[str, ...] = ()  # subset of ACTIONS, in ACTIONS order
    degree: str | None = None  # LinkedIn "1st" | "2nd" | "3rd+"
    follows_you: bool | None = None  # X "Follows you"; None when unknown (logged out, LinkedIn)
    logged_in: bool = False  # a logged-in view: the action buttons are real, not sign-in prompts

    def __post_init__(self) -> None:
        # Catches parser bugs in tests; the registry turns any exception into NotAProfile.
        if not set(self.actions) <= set(ACTIONS):
            raise ValueError(f"unknown actions {sorted(set(self.actions) - set(ACTIONS))}")
        if self.degree is not None and self.degree not in DEGREES:
            raise ValueError(f"unknown degree {self.degree!r}")

    def to_json(self) -> dict[str, Any]:
        return {
            "network": self.network,
            "handle": self.handle,
            "url": self.url,
            "name": self.name,
            "headline": self.headline,
            "location": self.location,
            "x_id": self.x_id,
            "actions": list(self.actions),
            "degree": self.degree,
            "follows_you": self.follows_you,
            "logged_in": self.logged_in,
        }


@dataclass(frozen=True, slots=True)
class NotAProfile:
    """The page is not a readable profile; ``detail`` explains it to the user in plain words."""

    network: str | None  # None when the URL is on no supported site
    reason: str  # one of NOT_A_PROFILE_REASONS
    detail: str

    def __post_init__(self) -> None:
        if self.reason not in NOT_A_PROFILE_REASONS:
            raise ValueError(f"unknown reason {self.reason!r}")

    def to_json(self) -> dict[str, Any]:
        return {"network": self.network, "reason": self.reason, "detail": self.detail}


class SiteParser(Protocol):
    """One site: which URLs it owns and how it reads their pages."""

    network: str

    def matches(self, url: str) -> bool:
        """True when ``url`` is on this parser's site (any page, profile or not)."""
        ...

    def parse(self, html: str, url: str) -> ProfilePage | NotAProfile:
        """Read ``html`` (the page at ``url``); never raises on page content."""
        ...


def ordered_actions(found: set[str]) -> tuple[str, ...]:
    """``found`` in ACTIONS order, so equal pages give equal results."""
    return tuple(a for a in ACTIONS if a in found)

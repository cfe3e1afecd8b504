"""LinkedIn profile pages → :class:`ProfilePage` (or :class:`NotAProfile`).

Page shapes handled (formats.md section 3): the 2015 guest profile, the 2022-25 guest profile, the
2021-25 logged-in profile (often saved as ``<body>`` only), and the pages LinkedIn serves instead of a
profile (not found, the authwall, company pages).

Whose profile is it, most robust first: canonical / og:url / al:*:url, then the JSON-LD Person, then the
top card's own ``/in/<slug>/overlay/...`` link, then (only on a page with a profile top card) the URL.
Guest pages show Connect / Message / Follow as sign-in prompts, so they are not read as actions; only
the logged-in ``pvs-profile-actions`` buttons are.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from urllib.parse import urljoin

from bs4 import Tag

from agent.identity import identity_from_url, linkedin_url, network_of_url, url_path_segments
from agent.sites.base import NotAProfile, ProfilePage, ordered_actions
from agent.sites.extract import (
    PageHead,
    ParsedPage,
    attr,
    clean_text,
    json_ld_nodes,
    json_ld_types,
    json_str,
    read_page,
    tag_text,
)
from agent.sites.tag_index import TagIndex

NETWORK = "linkedin"
_BASE = "https://www.linkedin.com/"

# Every CSS hook this parser uses, with the fixture (tests/fixtures/real/) that proves it.
# Hashed classes (e.g. "CWMbsjCadlye...") change per deploy and are never used.
SELECTORS = MappingProxyType(
    {
        # Logged-in top card: linkedin_profile_eduardo-alvarez-nowak_2024-07_loggedin_nonself_body.html
        "top_card": "section.artdeco-card[data-member-id]",
        "top_name": "h1",
        "top_headline": "div.text-body-medium.break-words",
        "top_location": "span.text-body-small.inline.t-black--light.break-words",
        "top_degree": "span.dist-value",  # [unverified: the fixture's top card has no degree badge]
        "own_link": 'a[href*="/overlay/contact-info"], a[href*="/overlay/about-this-profile"]',
        "action": ".pvs-profile-actions__action",  # also carried by the sticky header's copies
        "sticky_action": ".pvs-sticky-header-profile-actions__action",
        "dropdown_item": ".artdeco-dropdown__item[aria-label]",  # "Follow {Name}" in the More menu
        # Guest profile: linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html
        "guest_name": "h1.top-card-layout__title",
        "guest_headline": "h2.top-card-layout__headline",
        "guest_location": "h3.top-card-layout__first-subline div.not-first-middot > span",
        # The contact-info sign-in modal's redirect, "https://se.linkedin.com/in/<slug>/overlay/contact-info/"
        "guest_own_link": 'input[name="session_redirect"]',
        # 2015 guest profile: linkedin_profile_jeffweiner08_2015-12_public_guest.html
        "v2015_name": "h1#name",
        "v2015_headline": "p.headline.title",
        "v2015_location": "dd.adr span.locality",
        # Not found: linkedin_profile_not_found_2024-06_guest.html
        "not_found": "h1.page-not-found__headline",
    }
)

# Head signals of pages served instead of a profile: (meta pageKey | exact <title>) → reason.
PAGE_KEYS = MappingProxyType(
    {
        "d_homepage-guest-home": "authwall",  # linkedin_authwall_guest_homepage_2024-06.html
        "auth_wall_desktop_profile": "authwall",  # [unverified: the authwall's own pageKey]
        "d_checkpoint_lg_consumerlogin": "login",  # [unverified]
    }
)
TITLES = MappingProxyType(
    {
        "profile not found | linkedin": "not_found",  # linkedin_profile_not_found_2024-06_guest.html
        "linkedin: log in or sign up": "authwall",  # linkedin_authwall_guest_homepage_2024-06.html
        "linkedin login, sign in | linkedin": "login",  # [unverified]
    }
)

# First path segments of non-profile pages with their own reason; other non-/in/ paths are
# "not_profile_url".
PATH_REASONS = MappingProxyType(
    {
        "company": "company",
        "school": "company",
        "showcase": "company",
        "authwall": "authwall",
        "login": "login",
        "uas": "login",
        "checkpoint": "login",
    }
)

# Action buttons are read by aria-label (English UI), never by visible text. Proven by the logged-in
# fixture: "Invite Eduardo Alvarez Nowak to connect", "Message Eduardo", "Follow Eduardo Alvarez Nowak".
ACTION_LABELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Invite (?P<name>.+) to connect"), "connect"),
    (re.compile(r"Message (?P<name>.+)"), "message"),
    (re.compile(r"(?:Unfollow|Following) (?P<name>.+)"), "following"),  # [unverified]
    (re.compile(r"Follow (?P<name>.+)"), "follow"),
    (re.compile(r"Pending, click to withdraw invitation sent to (?P<name>.+)"), "pending"),  # [unverified]
)
_DEGREE = re.compile(r"\b(1st|2nd|3rd)\b")
MAX_ACTION_BUTTONS = 40
# LinkedIn member ids in /in/ URLs (from search results) are case-sensitive; lowercased they are no key.
_MEMBER_ID = re.compile(r"acoa[a-z0-9_-]{20,}")

DETAILS = MappingProxyType(
    {
        "not_found": "LinkedIn says this profile does not exist. Check the address; the person may have "
        "changed it or closed the account.",
        "authwall": "LinkedIn showed its sign-in wall instead of the profile. Sign in to LinkedIn in this "
        "browser and reload the page.",
        "login": "This is LinkedIn's sign-in page, not a profile. Sign in and open the profile again.",
        "company": "This is a LinkedIn company page. Fathom keeps track of people; open a person's profile.",
        "not_profile_url": "This LinkedIn page is not a profile (a profile address looks like "
        "linkedin.com/in/<name>). Open a person's profile.",
        "unrecognised": "Fathom could not find whose profile this is on this LinkedIn page. Reload the "
        "page; if it keeps happening, LinkedIn may have changed its layout.",
        "empty": "The LinkedIn page was empty. Reload it and try again.",
    }
)


def _not_profile(reason: str) -> NotAProfile:
    return NotAProfile(NETWORK, reason, DETAILS[reason])


def _absolute(href: str) -> str | None:
    """A site-relative or absolute link made absolute; None for one urljoin cannot read (`http://[::1`)."""
    try:
        return urljoin(_BASE, href)
    except ValueError:
        return None


def _slug_of(href: str) -> str | None:
    """The profile slug of an absolute or site-relative LinkedIn link, else None."""
    url = _absolute(href) if href else None
    if url is None:
        return None
    found = identity_from_url(url)
    return found[1] if found and found[0] == NETWORK else None


def _path_reason(url: str) -> str | None:
    """The reason a LinkedIn URL is not a profile, or None when it is one."""
    if _slug_of(url) is not None:
        return None
    segments = url_path_segments(url)
    return PATH_REASONS.get(segments[0].lower() if segments else "", "not_profile_url")


def _page_reason(page: ParsedPage) -> str | None:
    """Why the page (whatever its URL) is not a profile, from its own signals; None when it may be one."""
    head = page.head
    if page.index.select_one(SELECTORS["not_found"]) is not None:
        return "not_found"
    by_key = PAGE_KEYS.get(head.meta_value("pagekey").lower())
    if by_key:
        return by_key
    by_title = TITLES.get(head.title.lower())
    if by_title:
        return by_title
    for href in (*head.canonicals[:1], head.meta_value("og:url")):
        url = _absolute(href) if href else None
        if url is not None and network_of_url(url) == NETWORK:
            reason = _path_reason(url)
            if reason == "company":
                return reason
    return None


def _json_ld_person(head: PageHead) -> tuple[dict[str, object], str | None]:
    """The page's Person node (guest pages) and the slug of its URL.

    2022-25 guest pages have ``{"@graph": [Person, WebPage]}``; the 2015 page has a WebPage whose
    ``reviewedBy`` is the Person and whose ``url`` is the profile.
    """
    for node in json_ld_nodes(head.json_ld):
        types = json_ld_types(node)
        if "Person" in types:
            return node, _slug_of(json_str(node.get("url")))
        reviewed = node.get("reviewedBy")
        if "WebPage" in types and "Person" in json_ld_types(reviewed) and isinstance(reviewed, dict):
            return reviewed, _slug_of(json_str(node.get("url")))
    return {}, None


def _own_link_slug(scope: Tag | TagIndex) -> str | None:
    """The slug of the profile's own ``/in/<slug>/overlay/...`` link (logged-in top card) or sign-in
    redirect (guest page). Never the most frequent /in/ link: side panels list other people."""
    for link in scope.select(SELECTORS["own_link"]):
        slug = _slug_of(attr(link, "href"))
        if slug:
            return slug
    for field in scope.select(SELECTORS["guest_own_link"]):
        value = attr(field, "value")
        if "/overlay/" in value:
            slug = _slug_of(value)
            if slug:
                return slug
    return None


def _action_elements(index: TagIndex) -> list[Tag]:
    """The profile's action buttons and the items of its More menu, sticky-header copies included."""
    elements: list[Tag] = []
    # A profile has a handful of buttons (and as many sticky copies); more is not a real page.
    for button in index.select(f"{SELECTORS['action']}, {SELECTORS['sticky_action']}")[:MAX_ACTION_BUTTONS]:
        elements.append(button)
        # The More button is a dropdown trigger; Follow often hides in its menu.
        if "artdeco-dropdown__trigger" in button.get_attribute_list("class") and isinstance(button.parent, Tag):
            elements.extend(button.parent.select(SELECTORS["dropdown_item"]))
    return elements


def _read_actions(elements: list[Tag], name: str) -> tuple[set[str], str]:
    """(actions, full name from the labels). Labels naming someone other than ``name`` are ignored.

    Sticky-header copies repeat the same labels; the set removes the duplicates.
    """
    found: set[str] = set()
    label_name = ""
    first_name = name.split(" ", 1)[0] if name else ""
    for element in elements:
        label = clean_text(attr(element, "aria-label"), 300)
        for pattern, action in ACTION_LABELS:
            match = pattern.fullmatch(label)
            if not match:
                continue
            who = match.group("name")
            if name and who not in (name, first_name):
                break
            found.add(action)
            if action in ("connect", "follow", "following") and not label_name:
                label_name = who
            break
    return found, label_name


def _degree(top: Tag | None) -> str | None:
    """The top card's degree badge (1st / 2nd / 3rd+). Side panels carry other people's degrees, so the
    search never leaves the top card."""
    if top is None:
        return None
    match = _DEGREE.search(tag_text(top.select_one(SELECTORS["top_degree"]), 50))
    if not match:
        return None
    return "3rd+" if match.group(1).startswith("3rd") else match.group(1)


def _first_text(scope: Tag | TagIndex | None, *keys: str, limit: int = 300) -> str:
    if scope is None:
        return ""
    for key in keys:
        text = tag_text(scope.select_one(SELECTORS[key]), limit)
        if text:
            return text
    return ""


def _name_from_title(head: PageHead) -> str:
    """The name from a title like "{Name} - {Headline} - {Company} | LinkedIn" or "{Name} | LinkedIn"."""
    title = head.meta_value("og:title") or head.title
    if not title.endswith("| LinkedIn"):
        return ""
    return clean_text(title.removesuffix("| LinkedIn").split(" - ", 1)[0], 200)


def _find_slug(page: ParsedPage, person_slug: str | None, top: Tag | None) -> str | None:
    """Whose profile this is, from the page alone (formats.md section 3 ranking)."""
    head = page.head
    candidates = (
        lambda: _slug_of(head.canonicals[0]) if head.canonicals else None,
        lambda: _slug_of(head.meta_value("og:url")),
        lambda: _slug_of(head.meta_value("al:android:url", "al:ios:url")),
        lambda: person_slug,
        lambda: _own_link_slug(top if top is not None else page.index),
    )
    return next((slug for slug in (get() for get in candidates) if slug), None)


class LinkedInParser:
    """Reads LinkedIn profile pages (guest and logged-in, full document or body only)."""

    network = NETWORK

    def matches(self, url: str) -> bool:
        return network_of_url(url) == NETWORK

    def parse(self, html: str, url: str) -> ProfilePage | NotAProfile:
        url_reason = _path_reason(url)
        if url_reason is not None:
            return _not_profile(url_reason)
        if not html or not html.strip():
            return _not_profile("empty")
        page = read_page(html)
        page_reason = _page_reason(page)
        if page_reason is not None:
            return _not_profile(page_reason)

        person, person_slug = _json_ld_person(page.head)
        top = page.index.select_one(SELECTORS["top_card"])
        slug = _find_slug(page, person_slug, top) or self._slug_from_url(page, top, url)
        if slug is None:
            return _not_profile("unrecognised")
        return self._profile(page, slug, person if person_slug in (None, slug) else {}, top)

    @staticmethod
    def _slug_from_url(page: ParsedPage, top: Tag | None, url: str) -> str | None:
        """The URL's slug, trusted only when the page has a profile top card but no address of its own."""
        has_top_card = top is not None or page.index.select_one(f"{SELECTORS['guest_name']}, {SELECTORS['v2015_name']}")
        url_slug = _slug_of(url)
        if has_top_card and url_slug and not _MEMBER_ID.fullmatch(url_slug):
            return url_slug
        return None

    @staticmethod
    def _profile(page: ParsedPage, slug: str, person: dict[str, object], top: Tag | None) -> ProfilePage:
        index = page.index
        logged_in = index.select_one(SELECTORS["action"]) is not None
        top_slug = _own_link_slug(top) if top is not None else None
        # A top card that links to another profile (the page changed under a stale head) says nothing
        # about this one: neither its fields nor its buttons are used.
        stale_top = top is not None and top_slug is not None and top_slug != slug

        json_name = clean_text(json_str(person.get("name")), 200)
        if top is not None:
            dom_name = "" if stale_top else _first_text(top, "top_name", limit=200)
            headline = "" if stale_top else _first_text(top, "top_headline", limit=500)
            location = "" if stale_top else _first_text(top, "top_location", limit=200)
        else:
            dom_name = _first_text(index, "guest_name", "v2015_name", limit=200)
            headline = _first_text(index, "guest_headline", "v2015_headline", limit=500)
            location = _first_text(index, "guest_location", "v2015_location", limit=200)

        elements = [] if stale_top or not logged_in else _action_elements(index)
        found_actions, label_name = _read_actions(elements, json_name or dom_name)
        name = json_name or dom_name or label_name or _name_from_title(page.head)

        if not headline:
            job = person.get("jobTitle")
            headline = clean_text(json_str(job[0] if isinstance(job, list) and job else job), 500)
        address = person.get("address")
        if isinstance(address, dict):
            location = clean_text(json_str(address.get("addressLocality")), 200) or location
        return ProfilePage(
            network=NETWORK,
            handle=slug,
            url=linkedin_url(slug),
            name=name,
            headline=headline,
            location=location,
            actions=ordered_actions(found_actions) if logged_in else (),
            degree=None if stale_top else _degree(top),
            follows_you=None,
            logged_in=logged_in,
        )

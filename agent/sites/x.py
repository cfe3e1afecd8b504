"""X (Twitter) profile pages → :class:`ProfilePage` (or :class:`NotAProfile`).

Page shapes handled (formats.md section 4): the React app rendered in a browser (2019-present, on
x.com or twitter.com) and the pre-JavaScript server HTML (empty ``#react-root``, only meta tags).

Whose profile is it, most robust first: the profile JSON-LD (``mainEntity`` in 2025, ``author`` in
2023: ``additionalName`` is the handle, ``identifier`` the numeric id), then canonical / og:url /
al:*:url, then the ``UserName`` header's ``@handle``, then the ``(@handle)`` in the title.

Every other field is taken only from a source that names the same handle: X is a single-page app, and
while it switches profiles the head and the header can briefly describe different people.
Only data-testid and aria-label hooks are used; X's atomic CSS classes change with every deploy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from bs4 import NavigableString, PageElement, Tag

from agent.identity import IdentityError, identity_from_url, network_of_url, url_path_segments, x_handle, x_url
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
    tag_text_with_alt,
)

NETWORK = "x"

# Every data-testid this parser uses, with the fixture (tests/fixtures/real/) that proves it.
TESTIDS = MappingProxyType(
    {
        # x_profile_kikobeats_2025-12_rendered.html, twitter_profile_kikobeats_2023-01_rendered.html
        "user_name": "UserName",  # display name, then "@handle"
        "bio": "UserDescription",
        "location": "UserLocation",
        "login": "login",  # logged-out bottom bar ("Log in" / "Sign up")
        "signup": "signup",
        # twitter_profile_kikobeats_2023-01_rendered.html: "Who to follow" cells hold other people's
        # "<id>-follow" buttons.
        "user_cell": "UserCell",
        # [unverified: no logged-in fixture] present only when the viewer is logged in.
        "message": "sendDMFromProfile",
        "follows_you": "userFollowIndicator",
        "more_actions": "userActions",
        "account_switcher": "SideNav_AccountSwitcher_Button",
        "new_post": "SideNav_NewTweet_Button",
        # [unverified] the header of X's "This account doesn't exist" / "Account suspended" page.
        "empty_state": "empty_state_header_text",
    }
)
# "<numeric id>-follow" (x_profile_*_2025-12_rendered.html); "-unfollow" when already following
# [cited in formats.md]; "-cancel" for a pending request to a protected account [unverified].
FOLLOW_TESTID = re.compile(r"(?P<id>[0-9]{1,25})-(?P<state>follow|unfollow|cancel)")
FOLLOW_STATES = MappingProxyType({"follow": "follow", "unfollow": "following", "cancel": "pending"})
LOGGED_IN_MARKERS = ("message", "follows_you", "more_actions", "account_switcher", "new_post")
LOGGED_OUT_MARKERS = ("login", "signup")

_TITLE_HANDLE = re.compile(r"\(@([A-Za-z0-9_]{1,15})\)")
_LABEL_HANDLE = re.compile(r"@([A-Za-z0-9_]{1,15})\b")
_APP_LINK_HANDLE = re.compile(r"[?&]screen_name=([A-Za-z0-9_]{1,15})(?:&|$)")  # twitter://user?screen_name=
_LOGIN_TITLE = re.compile(r"^(?:log in|sign up|login)\b", re.IGNORECASE)
_NUMERIC_ID = re.compile(r"[0-9]{1,25}")
_TCO = re.compile(r"https?://t\.co/[A-Za-z0-9]{1,40}")

DETAILS = MappingProxyType(
    {
        "not_found": "X says this account does not exist or is suspended. Check the handle.",
        "login": "X is showing its log-in page instead of the profile. Log in to X in this browser and "
        "open the profile again.",
        "not_profile_url": "This X page is not a profile (a profile address looks like x.com/<handle>). "
        "Open a person's profile.",
        "unrecognised": "Fathom could not find whose profile this is on this X page. Wait for the page to "
        "finish loading and try again; if it keeps happening, X may have changed its layout.",
        "empty": "The X page was empty. Reload it and try again.",
    }
)


def _not_profile(reason: str) -> NotAProfile:
    return NotAProfile(NETWORK, reason, DETAILS[reason])


def _handle(value: str) -> str | None:
    """A canonical handle from a bare handle or @handle (never from a URL), else None."""
    if not value or any(ch in value for ch in "/.:"):
        return None
    try:
        return x_handle(value)
    except IdentityError:
        return None


def _url_handle(url: str) -> str | None:
    found = identity_from_url(url) if url else None
    return found[1] if found and found[0] == NETWORK else None


def _url_reason(url: str) -> str | None:
    """The reason an X URL is not a profile, or None when it is one."""
    if _url_handle(url) is not None:
        return None
    path = tuple(seg.lower() for seg in url_path_segments(url))
    if path[:1] in (("login",), ("signup",)) or path[:3] in (("i", "flow", "login"), ("i", "flow", "signup")):
        return "login"
    return "not_profile_url"


def _profile_entity(head: PageHead) -> dict[str, object]:
    """The Person of the page's ``ProfilePage`` JSON-LD: ``mainEntity`` (2025) or ``author`` (2023)."""
    for node in json_ld_nodes(head.json_ld):
        if "ProfilePage" not in json_ld_types(node):
            continue
        for key in ("mainEntity", "author"):
            entity = node.get(key)
            if isinstance(entity, dict):
                return entity
    return {}


def _og_handle(head: PageHead) -> str | None:
    """The handle named by og:url or the app links (twitter://user?screen_name=...)."""
    found = _url_handle(head.meta_value("og:url"))
    if found:
        return found
    for app_link in (head.meta_value("al:ios:url"), head.meta_value("al:android:url")):
        match = _APP_LINK_HANDLE.search(app_link)
        if match:
            return _handle(match.group(1))
    return None


def _title_handle(head: PageHead) -> str | None:
    for title in (head.title, head.meta_value("og:title")):
        match = _TITLE_HANDLE.search(title)
        if match:
            return _handle(match.group(1))
    return None


def _title_name(title: str, handle: str) -> str:
    """The name from a title like "Name (@handle) / X" or "Name (@handle) on X", if the handle is this page's."""
    match = _TITLE_HANDLE.search(title)
    if match and match.group(1).lower() == handle:
        return clean_text(title[: match.start()], 200)
    return ""


def _header_text(header: Tag) -> tuple[str, str | None]:
    """(display name, handle) from the ``UserName`` header.

    The header holds the name (emoji drawn as ``<img alt>``, then a verified-badge button) and then a
    text "@handle"; the name is everything before that text. Walked with an explicit stack, skipping
    buttons and icons, so a hostile header costs time linear in its size.
    """
    parts: list[str] = []
    stack: list[PageElement] = [header]
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name in ("button", "svg"):
                continue
            if node.name == "img":
                parts.append(attr(node, "alt"))
            stack.extend(reversed(node.contents))
        elif type(node) is NavigableString:  # not comments or scripts
            if node.strip().startswith("@"):
                return clean_text("".join(parts), 200), _handle(node.strip())
            parts.append(str(node))
    return clean_text("".join(parts), 200), None


def _expand_short_links(text: str, bio: Tag | None) -> str:
    """``text`` with each t.co link the page's bio shows replaced by the link as the page shows it
    ("https://t.co/4PQvCsVNsA" -> "microlink.io"). Links the bio does not show stay as they are."""
    if bio is None or "t.co/" not in text:
        return text
    shown: dict[str, str] = {}
    for link in bio.find_all("a", href=_TCO):
        if not isinstance(link, Tag):
            continue
        visible = "".join(
            str(node) for node in link.descendants if type(node) is NavigableString and not _hidden_in(node, link)
        )
        if visible.strip():
            shown[attr(link, "href")] = clean_text(visible, 200)
    return _TCO.sub(lambda m: shown.get(m.group(0), m.group(0)), text) if shown else text


def _hidden_in(node: NavigableString, link: Tag) -> bool:
    """Whether ``node`` sits in an aria-hidden part of ``link`` (X hides the "https://" of a shown link)."""
    parent = node.parent
    while parent is not None and parent is not link:
        if parent.get("aria-hidden") == "true":
            return True
        parent = parent.parent
    return False


@dataclass(frozen=True, slots=True)
class _XPage:
    """A parsed X page and the tags that belong to "Who to follow" cells (other people)."""

    page: ParsedPage
    in_cells: frozenset[int]  # ids of every tag inside a UserCell

    @classmethod
    def of(cls, page: ParsedPage) -> _XPage:
        inside: set[int] = set()
        for cell in page.index.testid(TESTIDS["user_cell"]):
            if id(cell) not in inside:
                inside.update(id(tag) for tag in cell.find_all(True))
        return cls(page, frozenset(inside))

    def own(self, key: str) -> list[Tag]:
        """Tags with the testid named ``key`` that are not inside a "Who to follow" cell."""
        return [tag for tag in self.page.index.testid(TESTIDS[key]) if id(tag) not in self.in_cells]

    def first(self, key: str) -> Tag | None:
        found = self.own(key)
        return found[0] if found else None

    def has(self, key: str) -> bool:
        return bool(self.page.index.testid(TESTIDS[key]))

    def follow_button(self, handle: str, x_id: str | None) -> tuple[str | None, str | None]:
        """(numeric id, follow state) from the header's "<id>-follow" button for ``handle``.

        Sidebar cells use the same testid pattern for other people, so a button counts only outside
        the cells, when its aria-label names this handle ("Follow @Kikobeats") and, when the JSON-LD
        gave an id, the ids agree.
        """
        for testid, tags in self.page.index.by_testid.items():
            match = FOLLOW_TESTID.fullmatch(testid)
            if not match or (x_id is not None and match.group("id") != x_id):
                continue
            for tag in tags:
                label = _LABEL_HANDLE.search(attr(tag, "aria-label"))
                if id(tag) not in self.in_cells and label and label.group(1).lower() == handle:
                    return match.group("id"), FOLLOW_STATES[match.group("state")]
        return None, None


class XParser:
    """Reads X profile pages, rendered or server-only, on x.com and twitter.com."""

    network = NETWORK

    def matches(self, url: str) -> bool:
        return network_of_url(url) == NETWORK

    def parse(self, html: str, url: str) -> ProfilePage | NotAProfile:
        url_reason = _url_reason(url)
        if url_reason is not None:
            return _not_profile(url_reason)
        if not html or not html.strip():
            return _not_profile("empty")
        xpage = _XPage.of(read_page(html))
        head = xpage.page.head

        entity = _profile_entity(head)
        entity_handle = _handle(json_str(entity.get("additionalName")))
        header = xpage.first("user_name")
        header_name, header_handle = _header_text(header) if header is not None else ("", None)
        handle = (
            entity_handle
            or next((h for h in map(_url_handle, head.canonicals) if h), None)
            or _og_handle(head)
            or header_handle
            or _title_handle(head)
        )
        if handle is None:
            return self._why_not(xpage)
        header_name = header_name if header_handle == handle else ""
        return self._profile(xpage, handle, entity if entity_handle == handle else {}, header_name, header_handle)

    @staticmethod
    def _why_not(xpage: _XPage) -> NotAProfile:
        if xpage.has("empty_state"):
            return _not_profile("not_found")
        if _LOGIN_TITLE.match(xpage.page.head.title):
            return _not_profile("login")
        return _not_profile("unrecognised")

    @staticmethod
    def _profile(
        xpage: _XPage, handle: str, entity: dict[str, object], header_name: str, header_handle: str | None
    ) -> ProfilePage:
        head = xpage.page.head
        # Fields come only from sources that name this same handle (see the module docstring).
        header_ok = header_handle == handle
        og_ok = _og_handle(head) == handle

        name = clean_text(json_str(entity.get("name")) or json_str(entity.get("givenName")), 200)
        name = (
            name or _title_name(head.title, handle) or _title_name(head.meta_value("og:title"), handle) or header_name
        )
        headline = clean_text(json_str(entity.get("description")), 500)
        if not headline and header_ok:
            headline = tag_text_with_alt(xpage.first("bio"), 500)
        if not headline and og_ok:
            headline = clean_text(head.meta_value("og:description", "description"), 500)
        if header_ok:
            headline = _expand_short_links(headline, xpage.first("bio"))
        home = entity.get("homeLocation")
        location = clean_text(json_str(home.get("name")), 200) if isinstance(home, dict) else ""
        if not location and header_ok:
            location = tag_text_with_alt(xpage.first("location"), 200)

        identifier = json_str(entity.get("identifier"))
        x_id = identifier if _NUMERIC_ID.fullmatch(identifier) else None
        button_id, follow_state = xpage.follow_button(handle, x_id)
        x_id = x_id or button_id

        logged_in = any(xpage.has(key) for key in LOGGED_IN_MARKERS) and not any(
            xpage.has(key) for key in LOGGED_OUT_MARKERS
        )
        actions: set[str] = set()
        follows_you: bool | None = None
        if logged_in:
            if follow_state:
                actions.add(follow_state)
            if header_ok:
                if xpage.first("message") is not None:
                    actions.add("message")
                follows_you = xpage.first("follows_you") is not None
        return ProfilePage(
            network=NETWORK,
            handle=handle,
            url=x_url(handle),
            name=name,
            headline=headline,
            location=location,
            x_id=x_id,
            actions=ordered_actions(actions),
            degree=None,
            follows_you=follows_you,
            logged_in=logged_in,
        )

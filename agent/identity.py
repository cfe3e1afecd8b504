"""Canonical person keys: the LinkedIn slug and the X handle.

Every place that turns a profile URL, a handle typed by the user or a value from an export into a key
goes through this module, so one person has one key however the address was written:

- LinkedIn: ``linkedin.com/in/<slug>`` on any subdomain (``www.``, ``se.``, ``m.``), with or without
  scheme, trailing slash, query, fragment or extra path segments → the percent-decoded, NFC-normalised,
  lowercase slug.
- X: ``x.com/<handle>`` or ``twitter.com/<handle>`` (``www.``, ``mobile.``, ``m.``), ``@handle`` or a
  bare handle → the lowercase handle.

Pure: no I/O. Input is treated as hostile; anything that is not clearly a profile raises
:class:`IdentityError` with a message the CLI can show as is.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit

# Longer input is never a profile address; refusing it early keeps hostile 10 MB strings cheap.
MAX_INPUT_CHARS = 2048
MAX_SLUG_CHARS = 100

LINKEDIN_HOST = "linkedin.com"
X_HOSTS = frozenset({"x.com", "twitter.com"})
X_SUBDOMAINS = frozenset({"www", "mobile", "m"})

_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
# A host as browsers would reach it; anything else (backslashes, percent signs, unicode look-alikes)
# could be read differently by a browser than by urlsplit, so it is refused.
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")

# First path segments on x.com / twitter.com that are app pages, not people. X does not let anyone
# register these as handles, so a URL starting with one is never a profile.
X_RESERVED_PATHS = frozenset(
    {
        "about",
        "account",
        "bookmarks",
        "communities",
        "compose",
        "connect_people",
        "download",
        "explore",
        "flow",
        "follower_requests",
        "followers",
        "following",
        "grok",
        "hashtag",
        "help",
        "home",
        "i",
        "intent",
        "jobs",
        "lists",
        "login",
        "logout",
        "messages",
        "notifications",
        "oauth",
        "personalization",
        "premium",
        "premium_sign_up",
        "privacy",
        "rules",
        "search",
        "search-advanced",
        "settings",
        "share",
        "signup",
        "spaces",
        "tos",
        "topics",
        "verified-choose",
        "who_to_follow",
        "widgets",
    }
)

# Second path segments that are still the same person's profile (tabs and counts), e.g. /<handle>/media.
X_PROFILE_TABS = frozenset(
    {
        "about",
        "affiliates",
        "articles",
        "followers",
        "followers_you_follow",
        "following",
        "header_photo",
        "highlights",
        "likes",
        "media",
        "photo",
        "superfollows",
        "verified_followers",
        "with_replies",
    }
)

# Characters a slug never contains; they would let a key smuggle URL or markup syntax.
_SLUG_FORBIDDEN = frozenset("/\\%?#@:<>\"'`&;=+,|[]{}^")


class IdentityError(ValueError):
    """A value is not a profile URL or handle. The message says what was wrong, for the user."""


def _shown(value: str) -> str:
    """The value as quoted in an error message: printable and short."""
    text = value if len(value) <= 80 else value[:77] + "..."
    return repr(text)


def _check_size(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise IdentityError(f"{what} must be text, not {type(value).__name__}")
    text = value.strip()
    if not text:
        raise IdentityError(f"{what} is empty")
    if len(text) > MAX_INPUT_CHARS:
        raise IdentityError(f"{what} is too long ({len(text)} characters); paste just the profile address")
    return text


def _split_url(text: str) -> tuple[str, str] | None:
    """(lowercase host, path) of an http(s) or scheme-less URL; None when ``text`` is not such a URL.

    Refuses userinfo (``https://linkedin.com@evil.test/``) and explicit ports: real profile addresses
    never have them, and both are classic ways to make a URL look like it points somewhere it does not.
    """
    lowered = text.lower()
    if "://" in text:
        if not (lowered.startswith("https://") or lowered.startswith("http://")):
            return None
        candidate = text
    elif text.startswith("//"):
        candidate = "https:" + text
    else:
        if ":" in text.split("/", 1)[0]:
            return None  # javascript:..., mailto:..., host:port
        candidate = "https://" + text
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError:
        return None
    if "@" in parts.netloc or port is not None or parts.hostname is None:
        return None
    host = parts.hostname.rstrip(".")
    if not _HOST.fullmatch(host):
        return None
    return host, parts.path


def _is_linkedin_host(host: str) -> bool:
    return host == LINKEDIN_HOST or host.endswith("." + LINKEDIN_HOST)


def _is_x_host(host: str) -> bool:
    if host in X_HOSTS:
        return True
    sub, _, rest = host.partition(".")
    return rest in X_HOSTS and sub in X_SUBDOMAINS


def network_of_url(url: str) -> str | None:
    """``"linkedin"`` or ``"x"`` when ``url`` is on one of those sites (any path), else None."""
    if not isinstance(url, str) or len(url) > MAX_INPUT_CHARS:
        return None
    split = _split_url(url.strip())
    if split is None:
        return None
    host = split[0]
    if _is_linkedin_host(host):
        return "linkedin"
    if _is_x_host(host):
        return "x"
    return None


def _path_segments(path: str) -> list[str]:
    return [seg for seg in path.split("/") if seg]


def url_path_segments(url: str) -> tuple[str, ...]:
    """The non-empty path segments of an http(s) or scheme-less URL; () when it is not one."""
    if not isinstance(url, str) or len(url) > MAX_INPUT_CHARS:
        return ()
    split = _split_url(url.strip())
    return tuple(_path_segments(split[1])) if split else ()


def _clean_slug(raw: str, shown: str) -> str:
    try:
        decoded = unquote(raw, errors="strict")
    except UnicodeDecodeError as exc:
        raise IdentityError(f"LinkedIn profile name in {shown} is not valid percent-encoded UTF-8") from exc
    slug = unicodedata.normalize("NFC", decoded.lower())
    if not slug:
        raise IdentityError(f"no LinkedIn profile name in {shown}")
    if len(slug) > MAX_SLUG_CHARS:
        raise IdentityError(
            f"LinkedIn profile name in {shown} is too long ({len(slug)} characters, at most {MAX_SLUG_CHARS})"
        )
    for ch in slug:
        if ch in _SLUG_FORBIDDEN or ch.isspace() or unicodedata.category(ch)[0] in "CZ":
            raise IdentityError(f"LinkedIn profile name in {shown} contains {ch!r}, which a profile name never has")
    return slug


def linkedin_slug(value: str) -> str:
    """The canonical key of a LinkedIn profile URL (``linkedin.com/in/<slug>``) or of a bare slug.

    Raises:
        IdentityError: ``value`` is not a LinkedIn member profile address or slug.
    """
    text = _check_size(value, "LinkedIn profile address")
    shown = _shown(text)
    looks_like_url = "/" in text or "." in text or ":" in text
    if not looks_like_url:
        return _clean_slug(text, shown)
    split = _split_url(text)
    if split is None or not _is_linkedin_host(split[0]):
        raise IdentityError(f"not a LinkedIn profile URL: {shown} (expected https://www.linkedin.com/in/<name>)")
    segments = _path_segments(split[1])
    if len(segments) < 2 or segments[0].lower() != "in":
        raise IdentityError(
            f"not a LinkedIn profile URL: {shown} (a member profile address has /in/<name>; "
            "company and other pages have none)"
        )
    return _clean_slug(segments[1], shown)


def x_handle(value: str) -> str:
    """The canonical key of an X profile URL (``x.com/<handle>``, ``twitter.com/<handle>``), ``@handle`` or handle.

    Raises:
        IdentityError: ``value`` is not an X profile address or handle.
    """
    text = _check_size(value, "X profile address")
    shown = _shown(text)
    if text.startswith("@"):
        handle = text[1:]
    elif "/" in text or "." in text or ":" in text:
        split = _split_url(text)
        if split is None or not _is_x_host(split[0]):
            raise IdentityError(f"not an X profile URL: {shown} (expected https://x.com/<handle>)")
        segments = _path_segments(split[1])
        if not segments:
            raise IdentityError(f"not an X profile URL: {shown} (no handle after the host)")
        if len(segments) > 2 or (len(segments) == 2 and segments[1].lower() not in X_PROFILE_TABS):
            raise IdentityError(f"not an X profile URL: {shown} (it points to a post or page, not a profile)")
        handle = segments[0]
    else:
        handle = text
    if not _X_HANDLE.fullmatch(handle):
        raise IdentityError(f"not an X handle: {shown} (a handle is 1-15 letters, digits or _)")
    if handle.lower() in X_RESERVED_PATHS:
        raise IdentityError(f"not an X profile: {shown} is an X app page, not a person")
    return handle.lower()


def identity_from_url(url: str) -> tuple[str, str] | None:
    """``("linkedin", slug)`` or ``("x", handle)`` for a profile URL; None for anything else."""
    network = network_of_url(url)
    try:
        if network == "linkedin":
            return ("linkedin", linkedin_slug(url))
        if network == "x":
            return ("x", x_handle(url))
    except IdentityError:
        return None
    return None


def linkedin_url(slug: str) -> str:
    """The canonical display URL of a LinkedIn profile; non-ASCII slugs are percent-encoded."""
    return "https://www.linkedin.com/in/" + quote(linkedin_slug(slug), safe="-_.~")


def x_url(handle: str) -> str:
    """The canonical display URL of an X profile."""
    return "https://x.com/" + x_handle(handle)


def profile_url(network: str, handle: str | None) -> str | None:
    """The canonical address of a profile on ``network``; None without a handle (an X id seen alone) or when
    the stored handle is not one the network allows (it then has no page to open)."""
    if not handle:
        return None
    try:
        if network == "linkedin":
            return linkedin_url(handle)
        if network == "x":
            return x_url(handle)
    except IdentityError:
        return None
    return None


def name_key(name: str) -> str | None:
    """A display name as a key for "the same name on the other network": case and spacing folded. None for
    names that say nothing (empty, or an X handle shown as the name)."""
    key = " ".join(name.casefold().split())
    return key if key and not key.startswith("@") else None

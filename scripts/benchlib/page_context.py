"""The bounded page context the extension sends to ``POST /v1/context``, cut from a saved page in Python.

This mirrors ``extension/content/page-context.js`` and the sites' ``findHeader`` (``extension/content/sites/``):
the head's title/meta/canonical/alternate links and JSON-LD (each item at most 32 KB), then the profile
header's HTML, all within 256 KB. The benchmark posts what a real content script would post, not a whole
saved page, so the agent's parse time is the one users get.
"""

from __future__ import annotations

import lxml.html
from lxml.html import HtmlElement

MAX_BYTES = 256 * 1024
MAX_HEAD_ITEM_BYTES = 32 * 1024
HEAD_ITEMS = (
    "//title | //meta[@property] | //meta[@name] | //link[@rel='canonical'] | //link[@rel='alternate']"
    " | //script[@type='application/ld+json']"
)


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# extension/content/sites/linkedin.js SELECTORS.noise: guest sign-in modals, never sent.
LINKEDIN_NOISE_CLASSES = ("modal--sign-in", "sign-in-modal", "contextual-sign-in-modal")
LINKEDIN_NOISE = " | ".join(f".//*[{_has_class(c)}]" for c in LINKEDIN_NOISE_CLASSES)
STRIP = ("script", "style", "svg", "noscript", "template", "iframe", "video")
LINKEDIN_HEADERS = (
    "//section[contains(concat(' ', normalize-space(@class), ' '), ' artdeco-card ') and @data-member-id]",
    "//section[contains(concat(' ', normalize-space(@class), ' '), ' top-card-layout ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' pv-top-card ')]",
)
X_ACTIONS = (
    ".//*[substring(@data-testid, string-length(@data-testid) - 6) = '-follow'"
    " or substring(@data-testid, string-length(@data-testid) - 8) = '-unfollow'"
    " or @data-testid = 'sendDMFromProfile']"
)
X_HEADER_PARTS = ".//*[@data-testid = 'UserProfileHeader_Items' or @data-testid = 'UserDescription']"
X_MAX_CLIMB = 12


def bounded_context(url: str, page_html: str, network: str, key: str) -> dict[str, str]:
    """``{url, html}`` as the content script would send it for the profile ``key`` on ``network``."""
    doc = lxml.html.document_fromstring(page_html)
    head = _head_html(doc)
    header = _linkedin_header(doc) if network == "linkedin" else _x_header(doc, key)
    shell = "<!doctype html><html><head></head><body></body></html>"
    budget = MAX_BYTES - _size(head) - _size(shell) - _size(url) - 64
    if header is not None and network == "linkedin":
        header = _without_noise(header, LINKEDIN_NOISE)
    body = _header_html(header, budget)
    return {"url": url, "html": f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"}


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _outer(element: HtmlElement) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


def _head_html(doc: HtmlElement) -> str:
    parts = []
    for element in doc.xpath(HEAD_ITEMS):
        in_body = any(a.tag == "body" for a in element.iterancestors())
        if in_body and element.tag != "script":
            continue
        html = _outer(element)
        if _size(html) <= MAX_HEAD_ITEM_BYTES:
            parts.append(html)
    return "\n".join(parts)


def _without_noise(header: HtmlElement, noise: str) -> HtmlElement:
    clone = lxml.html.fragment_fromstring(_outer(header))
    for element in clone.xpath(noise):
        if element.getparent() is not None:  # not inside a subtree already dropped
            element.drop_tree()
    return clone


def _header_html(header: HtmlElement | None, budget: int) -> str:
    if header is None or budget <= 0:
        return ""
    full = _outer(header)
    if _size(full) <= budget:
        return full
    clone = lxml.html.fragment_fromstring(full)
    for element in list(clone.iter(*STRIP)):
        element.drop_tree()
    trimmed = _outer(clone)
    if _size(trimmed) <= budget:
        return trimmed
    return trimmed[: budget // 4]  # the start holds name, handle and actions; the parser tolerates cut HTML


def _linkedin_header(doc: HtmlElement) -> HtmlElement | None:
    for query in LINKEDIN_HEADERS:
        found = doc.xpath(query)
        if found:
            return found[0]
    return None


def _x_header(doc: HtmlElement, key: str) -> HtmlElement | None:
    name = next(
        (el for el in doc.xpath("//*[@data-testid='UserName']") if f"@{key}" in el.text_content().lower()),
        None,
    )
    if name is None:
        return None
    column = next((a for a in name.iterancestors() if a.get("data-testid") == "primaryColumn"), None)
    fallback = None
    element = name
    for _ in range(X_MAX_CLIMB):
        parent = element.getparent()
        if parent is None or element is column:
            break
        element = parent
        if element.xpath(X_ACTIONS):
            return element
        if fallback is None and element.xpath(X_HEADER_PARTS):
            fallback = element
    return fallback if fallback is not None else name.getparent()

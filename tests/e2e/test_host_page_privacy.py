"""Private history never enters the LinkedIn/X page: not its DOM, not any shadow root, not a frame URL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, is_overlay_frame, overlay_frame
from tests.e2e.site_pages import ADA, linkedin_member

pytestmark = pytest.mark.browser


def host_dom_strings(page: Page) -> list[str]:
    """Every node name, value and attribute of the page's DOM, through open and closed shadow roots
    (CDP pierces both), but not into frames' documents: only their element and its src count."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    finally:
        cdp.detach()
    found: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        found.append(node.get("nodeName", ""))
        found.append(node.get("nodeValue", ""))
        found.extend(node.get("attributes", []))
        for child in node.get("children", []) + node.get("shadowRoots", []):
            walk(child)
        # node["contentDocument"] (a frame's own document) is deliberately not walked.

    walk(root)
    return found


def test_a_logged_note_is_shown_in_the_overlay_but_nowhere_in_the_host_page(paired: ExtensionBrowser) -> None:
    secret = f"private-note-{uuid.uuid4().hex}"
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)
    overlay.get_by_text("Note, ask or follow-up").click()
    overlay.get_by_label("Note").fill(secret)
    overlay.get_by_role("button", name="Log Call now").click()
    expect(overlay.locator(".event-note")).to_have_text([secret], timeout=WAIT_MS)

    strings = host_dom_strings(page)
    assert "FATHOM-OVERLAY-HOST" in strings  # the walk does see our element and its closed shadow root
    assert "IFRAME" in strings
    assert not [s for s in strings if secret in s]
    assert secret not in page.content()
    assert secret not in page.evaluate("document.documentElement.outerHTML + document.title + location.href")
    frame_urls = [f.url for f in page.frames]
    assert any(is_overlay_frame(f) for f in page.frames)
    assert not [u for u in frame_urls if secret in u]


def test_the_page_cannot_reach_into_the_overlay_frame(paired: ExtensionBrowser) -> None:
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)
    reachable = page.evaluate(
        """() => {
            const host = document.querySelector("fathom-overlay-host");
            // The frame sits in a closed shadow root, so it is not even in window.frames; every window the
            // page can enumerate is tried anyway, and none may expose a readable document.
            const readable = [];
            for (let i = 0; i < window.length; i++) {
                try { if (window[i].document) readable.push(i); } catch { /* cross-origin: good */ }
            }
            return { host: host !== null, shadow: host.shadowRoot, readable };
        }"""
    )
    assert reachable == {"host": True, "shadow": None, "readable": []}
    # The page world cannot see the overlay, but Playwright (outside the page) can: the frame is there.
    assert overlay.url.startswith("chrome-extension://")

"""The overlay on an X profile: the right person, the depth, and the page's dark theme."""

from __future__ import annotations

import pytest
from playwright.sync_api import Route, expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.site_pages import X_KIKOBEATS, SitePage, real_page, x_kikobeats
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser


def test_overlay_shows_the_x_person_in_the_pages_dark_theme(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    agent.cli(
        "log",
        "--x",
        "kikobeats",
        "--kind",
        "dm",
        "--direction",
        "them",
        "--at",
        "2025-02-03",
        "--note",
        "Asked about metascraper rules",
    )
    agent.cli(
        "log",
        "--x",
        "kikobeats",
        "--kind",
        "dm",
        "--direction",
        "me",
        "--at",
        "2025-02-04",
        "--note",
        "Answered with an example",
    )
    paired.serve(x_kikobeats())
    page = paired.open_profile(X_KIKOBEATS)
    overlay = overlay_frame(page)
    expected = agent.show("x", "kikobeats")["depth"]

    expect(overlay.locator("#person-name")).to_have_text("Kiko Beats", timeout=WAIT_MS)
    expect(overlay.locator(".networks")).to_have_text("X")
    expect(overlay.locator("#person .stage")).to_have_text(expected["stage"].capitalize())
    expect(overlay.locator("#person .score")).to_have_text(f"{round(expected['score'])}/100")
    expect(overlay.locator("html")).to_have_attribute("data-theme", "dark")


# Installed in every frame as it is created: in the overlay's, records every data-theme its <html> ever has
# (each change's old value, then the current one), so a dark first paint that is corrected later is seen.
HELD = "https://x.com/fathom-test-held-head.js"
RECORD_OVERLAY_THEMES = """
if (location.protocol === "chrome-extension:" && location.pathname.endsWith("/overlay/overlay.html")) {
  window.fathomThemes = [];
  new MutationObserver((records) => {
    for (const r of records) if (r.type === "attributes" && r.oldValue !== null) window.fathomThemes.push(r.oldValue);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-theme"], attributeOldValue: true });
}
"""


def test_an_og_only_page_gets_its_light_theme_and_only_xs_kinds_from_the_first_paint(
    paired: ExtensionBrowser,
) -> None:
    paired.serve(x_kikobeats())  # the dark rendered page first: X's last theme seen is dark
    dark = overlay_frame(paired.open_profile(X_KIKOBEATS))
    expect(dark.locator("html")).to_have_attribute("data-theme", "dark", timeout=WAIT_MS)

    # The white page, whose parser is held in its <head> (at a script only the test answers): whatever the
    # overlay paints before <body> exists, it paints then.
    white = real_page(X_KIKOBEATS, "x_profile_kikobeats_2025-12_og_only.html")  # no header either
    paired.serve(
        SitePage(
            white.url, white.html.replace("<head>", f'<head><script src="{HELD}"></script>', 1), f"script-src {HELD}"
        )
    )
    page = paired.context.new_page()
    page.add_init_script(RECORD_OVERLAY_THEMES)
    held: list[Route] = []
    page.route(HELD, lambda route: held.append(route))
    with page.expect_request(HELD):
        page.goto(X_KIKOBEATS, wait_until="commit")
    if page.locator("fathom-overlay-host").count():  # mounted before <body>: let its first render arrive
        expect(overlay_frame(page).locator("html[data-theme]")).to_have_count(1, timeout=WAIT_MS)
    held[0].fulfill(content_type="text/javascript", body="")
    overlay = overlay_frame(page)
    kinds = overlay.locator("#kinds button")
    expect(kinds.first).to_be_visible(timeout=WAIT_MS)
    assert "Connection request" not in kinds.all_inner_texts()  # the first kinds drawn, from the lookup
    expect(overlay.locator("html")).to_have_attribute("data-theme", "light")
    themes = overlay.evaluate("[...window.fathomThemes, document.documentElement.dataset.theme]")
    assert "dark" not in themes, f"the overlay's themes on the white page, in order: {themes}"


def test_in_a_phone_sized_window_the_overlay_starts_collapsed_off_the_profiles_follow(
    paired: ExtensionBrowser,
) -> None:
    paired.serve(x_kikobeats())
    page = paired.context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(X_KIKOBEATS)
    overlay = overlay_frame(page)
    expect(overlay.locator("#bar-name")).to_have_text("Kiko Beats", timeout=WAIT_MS)
    expect(overlay.locator("#toggle")).to_have_attribute("aria-expanded", "false")
    follow = page.locator('[data-testid="primaryColumn"] [data-testid$="-follow"]').first
    host = page.locator("fathom-overlay-host")
    page.wait_for_function(
        "() => document.querySelector('fathom-overlay-host').getBoundingClientRect().width < 360", timeout=WAIT_MS
    )
    box, button = host.bounding_box(), follow.bounding_box()
    assert box and button
    overlaps = box["x"] < button["x"] + button["width"] and button["x"] < box["x"] + box["width"]
    assert not (overlaps and box["y"] < button["y"] + button["height"] and button["y"] < box["y"] + box["height"])
    # The user can still open it; it stays open.
    overlay.locator("#toggle").click()
    expect(overlay.locator("#toggle")).to_have_attribute("aria-expanded", "true")

"""The overlay on an X profile: the right person, the depth, and the page's dark theme."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.site_pages import X_KIKOBEATS, real_page, x_kikobeats
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


HEADER_WAIT_MS = 10_000  # content/page-watch.js: after this the context is sent without a header


def test_an_og_only_page_gets_its_light_theme_and_only_xs_kinds_without_waiting_for_a_header(
    paired: ExtensionBrowser,
) -> None:
    paired.serve(x_kikobeats())  # the dark rendered page first: the worker's theme guess for X is now dark
    dark = overlay_frame(paired.open_profile(X_KIKOBEATS))
    expect(dark.locator("html")).to_have_attribute("data-theme", "dark", timeout=WAIT_MS)

    paired.serve(real_page(X_KIKOBEATS, "x_profile_kikobeats_2025-12_og_only.html"))  # white, no header
    overlay = overlay_frame(paired.open_profile(X_KIKOBEATS))
    kinds = overlay.locator("#kinds button")
    expect(kinds.first).to_be_visible(timeout=WAIT_MS)
    assert "Connection request" not in kinds.all_inner_texts()  # the first kinds drawn, from the lookup
    expect(overlay.locator("html")).to_have_attribute("data-theme", "light", timeout=HEADER_WAIT_MS // 2)


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

"""The overlay on an X profile: the right person, the depth, and the page's dark theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.site_pages import X_KIKOBEATS, x_kikobeats
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser


def test_overlay_shows_the_x_person_in_the_pages_dark_theme(
    paired: ExtensionBrowser, agent: AgentProcess, screenshot_dir: Path | None
) -> None:
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
    if screenshot_dir is not None:
        page.screenshot(path=str(screenshot_dir / "overlay-x-dark.png"))

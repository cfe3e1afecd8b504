"""When the agent is not running, the overlay says so and shows how to start it; it recovers by itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import ExtensionBrowser, overlay_frame
from tests.e2e.site_pages import ADA, linkedin_member
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser

# The worker retries with backoff (1, 2, 5, 10, 30 s); a restart is noticed within one step of it.
RECONNECT_MS = 45_000


def test_overlay_shows_how_to_start_a_stopped_agent_and_reconnects_when_it_is_back(
    paired: ExtensionBrowser, agent: AgentProcess
) -> None:
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=RECONNECT_MS)

    agent.stop()
    status = overlay.locator("#status")
    expect(status).to_contain_text("The Fathom agent is not running", timeout=RECONNECT_MS)
    expect(status.locator(".command")).to_have_text(f"fathom serve --port {agent.port}")
    expect(overlay.locator("#person-name")).to_have_count(0)

    # "Try again" while the agent is still down retries at once and keeps saying how to start it.
    overlay.get_by_role("button", name="Try again").click()
    expect(status).to_contain_text("The Fathom agent is not running", timeout=RECONNECT_MS)

    # Once the agent is back, the worker reconnects by itself (its backoff is at most 30 s): no click needed,
    # and none is made, since a click could race the reconnect that removes the button.
    agent.start()
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=RECONNECT_MS)


def test_an_unpaired_browser_is_told_to_pair(browser: ExtensionBrowser, agent: AgentProcess) -> None:
    options = browser.open_options()
    options.get_by_label("Agent port").fill(str(agent.port))
    # Saving the port alone (no pairing) happens through settings; the worker then reports not_paired.
    options.evaluate(
        """async (port) => {
            const { settings = {} } = await chrome.storage.local.get("settings");
            await chrome.storage.local.set({ settings: { ...settings, agentPort: port }, settingsVersion: 1 });
            await chrome.runtime.sendMessage({ type: "UI_SETTINGS_CHANGED" });
        }""",
        agent.port,
    )
    browser.serve(linkedin_member(ADA))
    page = browser.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#status")).to_contain_text("This browser is not paired with Fathom", timeout=RECONNECT_MS)
    expect(overlay.get_by_role("button", name="Open Fathom options")).to_be_visible()

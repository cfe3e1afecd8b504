"""A program on the agent's port that is not the paired agent gets nothing but the auth frame."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.fake_agent import FakeAgent
from tests.e2e.site_pages import ADA, linkedin_member
from tests.support.agent_process import free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def squatter() -> Iterator[FakeAgent]:
    fake = FakeAgent(free_port())
    fake.start()
    yield fake
    fake.stop()


def test_an_agent_that_cannot_prove_the_secret_is_not_verified_and_gets_no_data(
    browser: ExtensionBrowser, squatter: FakeAgent
) -> None:
    options = browser.open_options()
    options.get_by_label("Agent port").fill(str(squatter.port))
    options.get_by_label("Pairing code").fill("ABCD2345")
    options.get_by_role("button", name="Pair").click()
    expect(options.locator("#pair-result")).to_have_text("Agent not verified", timeout=WAIT_MS)

    browser.serve(linkedin_member(ADA))
    page = browser.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#status .status-title")).to_have_text("Agent not verified", timeout=WAIT_MS)
    expect(overlay.locator("#person-name")).to_have_count(0)

    assert squatter.sockets, "the extension never tried the handshake"
    for frames in squatter.sockets:
        assert [f["type"] for f in frames] == ["auth"]
        assert set(frames[0]) == {"type", "client_id", "client_nonce", "mac"}
    assert squatter.data_requests == []


def test_an_agent_with_another_api_version_is_reported_incompatible(browser: ExtensionBrowser) -> None:
    fake = FakeAgent(free_port(), api=2)
    fake.start()
    try:
        options = browser.open_options()
        options.evaluate(
            """async (port) => {
                await chrome.storage.local.set({ settings: { agentPort: port }, settingsVersion: 1 });
                await chrome.runtime.sendMessage({ type: "UI_SETTINGS_CHANGED" });
            }""",
            fake.port,
        )
        expect(options.locator("#agent-status")).to_contain_text("do not match", timeout=WAIT_MS)
        expect(options.locator("#agent-status")).to_contain_text("API 2")
        assert fake.sockets == []
    finally:
        fake.stop()

"""A program on the agent's port that is not the paired agent gets nothing but the auth frame; and the agent's
rarer refusals (a throttled handshake, a busy parser), played by the same fake, are worded for what they are."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.fake_agent import FakeAgent
from tests.e2e.site_pages import ADA, linkedin_member
from tests.support.agent_process import free_port
from tests.support.agent_recording import recorded

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


def pair_with(browser: ExtensionBrowser, fake: FakeAgent) -> None:
    options = browser.open_options()
    options.get_by_label("Agent port").fill(str(fake.port))
    options.get_by_label("Pairing code").fill("ABCD2345")
    options.get_by_role("button", name="Pair").click()
    expect(options.locator("#pair-result")).not_to_be_empty(timeout=WAIT_MS)


def test_a_throttled_handshake_says_to_wait_a_minute_not_that_the_pairing_was_revoked(
    browser: ExtensionBrowser,
) -> None:
    fake = FakeAgent(free_port(), close_code=4429)  # this client id failed too often in the last minute
    fake.start()
    try:
        pair_with(browser, fake)
        browser.serve(linkedin_member(ADA))
        overlay = overlay_frame(browser.open_profile(ADA.url))
        help_text = overlay.locator("#status .muted").first
        expect(help_text).to_contain_text("Too many failed attempts", timeout=WAIT_MS)
        expect(help_text).to_contain_text("Wait a minute")
        expect(help_text).not_to_contain_text("no longer accepts")
    finally:
        fake.stop()


def test_a_busy_agent_reads_as_busy_try_again(browser: ExtensionBrowser) -> None:
    busy = {"ok": False, "error": {"code": "busy", "message": "(the agent's own words)"}}
    answers = {
        "/v1/people/lookup": (200, {"ok": True, **recorded("lookup_unknown_linkedin")}),
        "/v1/context": (503, busy),
    }
    fake = FakeAgent(free_port(), proves_secret=True, answers=answers)
    fake.start()
    try:
        pair_with(browser, fake)
        browser.serve(linkedin_member(ADA))
        overlay = overlay_frame(browser.open_profile(ADA.url))
        expect(overlay.locator("#status .error")).to_have_text(
            "Fathom is busy reading many pages at once. Try again in a moment.", timeout=WAIT_MS
        )
        assert "POST /v1/context" in fake.data_requests
    finally:
        fake.stop()

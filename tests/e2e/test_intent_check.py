"""Before you connect or message: the check the overlay opens when the user clicks Connect/Message."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.site_pages import ADA, LINKEDIN_EDUARDO, X_KIKOBEATS, linkedin_eduardo, linkedin_member, x_kikobeats
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser


def set_mode(browser: ExtensionBrowser, mode: str) -> None:
    options = browser.open_options()
    options.locator(f'input[name="mode"][value="{mode}"]').check()
    expect(options.locator("#mode-result")).not_to_be_empty()
    options.close()


def connect_clicks(page: Page) -> int:
    return int(page.evaluate("window.connectClicks"))


def test_connect_click_opens_the_check_and_offers_to_log_it(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    paired.serve(linkedin_eduardo())
    page = paired.open_profile(LINKEDIN_EDUARDO)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text("Eduardo Alvarez Nowak", timeout=WAIT_MS)

    page.locator("section[data-member-id]").get_by_role(
        "button", name="Invite Eduardo Alvarez Nowak to connect"
    ).click()
    check = overlay.locator("#check")
    expect(check.locator("h2")).to_have_text("Before you connect", timeout=WAIT_MS)
    expect(check.locator(".stage")).to_have_text("Stranger", timeout=WAIT_MS)
    check.get_by_role("button", name="Log connection request").click()
    expect(check).to_contain_text("Logged: Connection request", timeout=WAIT_MS)
    kinds = [i["kind"] for i in agent.show("linkedin", "eduardo-alvarez-nowak")["interactions"]]
    assert kinds == ["connection_request"]


def test_nudge_mode_never_holds_the_click(paired: ExtensionBrowser) -> None:
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)
    page.locator("#connect").click()
    expect(overlay.locator("#check h2")).to_have_text("Before you connect", timeout=WAIT_MS)
    assert connect_clicks(page) == 1


def test_confirm_mode_holds_the_click_until_continue_then_replays_it(paired: ExtensionBrowser) -> None:
    set_mode(paired, "confirm")
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)

    page.locator("#connect").click()
    continue_button = overlay.locator("#check").get_by_role("button", name="Continue")
    expect(continue_button).to_be_visible(timeout=WAIT_MS)
    assert connect_clicks(page) == 0
    continue_button.click()
    page.wait_for_function("window.connectClicks === 1", timeout=WAIT_MS)


def test_confirm_mode_cancel_drops_the_click(paired: ExtensionBrowser) -> None:
    set_mode(paired, "confirm")
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)

    page.locator("#connect").click()
    overlay.locator("#check").get_by_role("button", name="Cancel").click()
    expect(overlay.locator("#check")).not_to_contain_text("Continue", timeout=WAIT_MS)
    assert connect_clicks(page) == 0


def test_follow_click_on_x_opens_the_follow_check(paired: ExtensionBrowser) -> None:
    paired.serve(x_kikobeats())
    page = paired.open_profile(X_KIKOBEATS)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text("Kiko Beats", timeout=WAIT_MS)
    page.locator('[data-testid="primaryColumn"] [data-testid$="-follow"]').first.click()
    expect(overlay.locator("#check h2")).to_have_text("Before you follow", timeout=WAIT_MS)


# What X draws in its top bar once the header has scrolled away: the name and a Follow for the same account.
TOP_BAR_FOLLOW = """() => {
    const bar = document.createElement("div");
    bar.setAttribute("data-testid", "top-bar");
    const follow = document.createElement("button");
    follow.setAttribute("data-testid", "101198215-follow");
    follow.setAttribute("aria-label", "Follow @Kikobeats");
    follow.textContent = "Follow";
    bar.append(follow);
    document.querySelector('[data-testid="primaryColumn"]').prepend(bar);
}"""


def test_the_follow_in_xs_top_bar_opens_the_check_too(paired: ExtensionBrowser) -> None:
    paired.serve(x_kikobeats())
    page = paired.open_profile(X_KIKOBEATS)
    overlay = overlay_frame(page)
    expect(overlay.locator("#bar-name")).to_have_text("Kiko Beats", timeout=WAIT_MS)
    page.evaluate(TOP_BAR_FOLLOW)
    page.locator('[data-testid="top-bar"] button').click()
    expect(overlay.locator("#check h2")).to_have_text("Before you follow", timeout=WAIT_MS)

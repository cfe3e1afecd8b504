"""The user's overrides from the overlay, one click each: a tag that sets the Engaged floor, and how you met."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.site_pages import ADA, linkedin_member
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser


def test_tagging_someone_close_in_the_overlay_sets_the_floor_and_how_you_met_is_kept(
    paired: ExtensionBrowser, agent: AgentProcess
) -> None:
    paired.serve(linkedin_member(ADA))
    overlay = overlay_frame(paired.open_profile(ADA.url))
    close = overlay.get_by_role("button", name="Mark as close")
    expect(close).to_have_attribute("aria-pressed", "false", timeout=WAIT_MS)
    close.click()
    expect(close).to_have_attribute("aria-pressed", "true", timeout=WAIT_MS)
    expect(overlay.locator(".why li").first).to_have_text(
        "You marked this person as close, so they count as at least Engaged."
    )
    overlay.locator("#how-met-edit summary").click()
    overlay.locator("#how-met-input").fill("PyCon 2024, through Grace")
    overlay.locator("#how-met-save").click()
    expect(overlay.locator("#how-met-line")).to_have_text("How you met: PyCon 2024, through Grace", timeout=WAIT_MS)
    person = agent.show("linkedin", ADA.slug)["person"]
    assert (person["tags"], person["how_met"]) == (["close"], "PyCon 2024, through Grace")


def test_a_suggested_profile_on_the_other_network_is_linked_with_one_click(
    paired: ExtensionBrowser, agent: AgentProcess
) -> None:
    body = {"network": "x", "handle": "countess", "name": ADA.name, "kind": "dm", "direction": "them"}
    agent.admin().call("/v1/interactions", body)  # the same name on X: Fathom suggests, never links by itself
    paired.serve(linkedin_member(ADA))
    overlay = overlay_frame(paired.open_profile(ADA.url))
    link = overlay.get_by_role("button", name=f"Link with {ADA.name} on X")
    expect(link).to_be_visible(timeout=WAIT_MS)
    assert agent.show("x", "countess")["person"]["networks"] == ["x"]
    link.click()
    expect(overlay.locator(".networks .network")).to_have_text(["LinkedIn", "X"], timeout=WAIT_MS)
    expect(overlay.locator("#suggestions")).to_be_hidden()  # one person now: nothing left to suggest
    assert agent.show("x", "countess")["person"]["networks"] == ["linkedin", "x"]

"""One-click logging from the overlay, Undo, and live updates through the agent's push."""

from __future__ import annotations

import pytest
from playwright.sync_api import Frame, expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.site_pages import ADA, linkedin_member
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser


def open_ada(browser: ExtensionBrowser) -> Frame:
    page = browser.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)
    return overlay


def test_one_click_log_updates_the_overlay_and_fathom_show(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    paired.serve(linkedin_member(ADA))
    overlay = open_ada(paired)
    overlay.get_by_text("Note, ask or follow-up").click()
    overlay.get_by_label("Note").fill("Talked about analytical engines")
    overlay.get_by_role("button", name="Log Call now").click()

    expect(overlay.locator(".event-kind")).to_have_text(["Call"], timeout=WAIT_MS)
    expect(overlay.locator(".event-dir")).to_have_text(["Both ways"])
    expect(overlay.locator(".event-note")).to_have_text(["Talked about analytical engines"])
    expect(overlay.locator("#undo")).to_be_visible()
    (logged,) = agent.show("linkedin", ADA.slug)["interactions"]
    assert (logged["kind"], logged["direction"], logged["note"]) == ("call", "both", "Talked about analytical engines")


def test_undo_removes_the_interaction_just_logged(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    paired.serve(linkedin_member(ADA))
    overlay = open_ada(paired)
    overlay.get_by_role("button", name="Log Met in person now").click()
    expect(overlay.locator(".event-kind")).to_have_text(["Met in person"], timeout=WAIT_MS)
    overlay.get_by_role("button", name="Undo").click()
    expect(overlay.locator("#no-history")).to_be_visible(timeout=WAIT_MS)
    assert agent.show("linkedin", ADA.slug)["interactions"] == []


def test_a_second_tab_on_the_same_person_updates_through_push(paired: ExtensionBrowser) -> None:
    paired.serve(linkedin_member(ADA))
    first = open_ada(paired)
    second = open_ada(paired)
    second.get_by_role("button", name="Log Message now").click()
    expect(first.locator(".event-kind")).to_have_text(["Message"], timeout=WAIT_MS)
    expect(first.locator(".event-dir")).to_have_text(["You → them"])


def test_a_log_from_the_terminal_reaches_the_open_overlay(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    paired.serve(linkedin_member(ADA))
    overlay = open_ada(paired)
    expect(overlay.locator("#no-history")).to_be_visible()
    agent.cli("log", "--linkedin", ADA.slug, "--kind", "email", "--direction", "them", "--note", "Sent the paper")
    expect(overlay.locator(".event-note")).to_have_text(["Sent the paper"], timeout=WAIT_MS)


def test_a_log_ticked_as_an_ask_says_so_in_the_history(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    paired.serve(linkedin_member(ADA))
    overlay = open_ada(paired)
    overlay.get_by_text("Note, ask or follow-up").click()
    overlay.get_by_label("It was an ask").check()
    overlay.get_by_role("button", name="Log Message now").click()
    expect(overlay.locator(".event-kind")).to_have_text(["Message"], timeout=WAIT_MS)
    expect(overlay.locator(".event .event-ask")).to_have_text(["Ask"])
    (logged,) = agent.show("linkedin", ADA.slug)["interactions"]
    assert logged["ask"] is True

"""The toolbar popup: the agent state, the last logs and the review list."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.site_pages import ADA, linkedin_member
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser


def test_popup_shows_the_connection_and_the_latest_logs(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    agent.cli("log", "--linkedin", ADA.slug, "--kind", "call", "--note", "Planned the workshop")
    popup = paired.context.new_page()
    popup.goto(paired.extension_url("popup/popup.html"))
    expect(popup.locator("#agent-status")).to_contain_text("Connected to your Fathom agent", timeout=WAIT_MS)
    first = popup.locator("#recent li").first
    expect(first.locator(".what")).to_have_text("Call", timeout=WAIT_MS)
    expect(first.locator(".note")).to_have_text("Planned the workshop")


def test_popup_review_item_can_be_dismissed(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    ten_days_ago = (datetime.now(UTC) - timedelta(days=10)).date().isoformat()
    agent.cli("log", "--linkedin", ADA.slug, "--kind", "email", "--direction", "them", "--at", ten_days_ago)
    popup = paired.context.new_page()
    popup.goto(paired.extension_url("popup/popup.html"))
    items = popup.locator("#review li")
    expect(items).to_have_count(1, timeout=WAIT_MS)
    expect(items.first.get_by_role("button")).to_have_text(["Done", "Snooze a week", "Not relevant"])
    items.first.get_by_role("button", name="Not relevant").click()
    expect(popup.locator("#review-section")).to_be_hidden(timeout=WAIT_MS)
    assert json.loads(agent.cli("review", "--json"))["items"] == []


def owed_reply(agent: AgentProcess, handle: str) -> None:
    """Someone who wrote ten days ago and got no answer: one review item."""
    at = (datetime.now(UTC) - timedelta(days=10)).isoformat(timespec="seconds")
    body = {"network": "linkedin", "handle": handle, "kind": "email", "direction": "them", "at": at}
    agent.admin().call("/v1/interactions", body)


def test_a_review_item_links_to_the_profile_where_the_overlay_shows_the_person(
    paired: ExtensionBrowser, agent: AgentProcess
) -> None:
    owed_reply(agent, ADA.slug)
    paired.serve(linkedin_member(ADA))
    popup = paired.context.new_page()
    popup.goto(paired.extension_url("popup/popup.html"))
    link = popup.locator("#review li a.who")
    expect(link).to_have_text(ADA.slug, timeout=WAIT_MS)  # logged before Fathom saw her page: named by slug
    expect(link).to_have_attribute("href", ADA.url.rstrip("/"))  # agent.identity.linkedin_url
    with paired.context.expect_page() as opened:
        link.click()
    profile = opened.value
    assert profile.url == ADA.url.rstrip("/")
    expect(overlay_frame(profile).locator("#person-name")).to_have_text("Ada Lovelace", timeout=WAIT_MS)


def test_the_popup_shows_twenty_items_and_says_how_many_more_there_are(
    paired: ExtensionBrowser, agent: AgentProcess
) -> None:
    for n in range(23):
        owed_reply(agent, f"waiting-person-{n:02d}")
    popup = paired.context.new_page()
    popup.goto(paired.extension_url("popup/popup.html"))
    expect(popup.locator("#review li")).to_have_count(20, timeout=WAIT_MS)
    expect(popup.locator("#review-more")).to_have_text("3 more: fathom review lists them all.")
    expect(popup.locator("#review-more code")).to_have_text("fathom review")


def test_overdue_review_items_come_first_and_are_marked(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    owed_reply(agent, "waiting-person")
    week_ago = (datetime.now(UTC) - timedelta(days=7)).date().isoformat()
    body = {
        "network": "linkedin",
        "handle": "promised-person",
        "kind": "dm",
        "direction": "me",
        "at": (datetime.now(UTC) - timedelta(days=12)).isoformat(timespec="seconds"),
        "follow_up": {"text": "send the deck", "due": week_ago},
    }
    agent.admin().call("/v1/interactions", body)
    popup = paired.context.new_page()
    popup.goto(paired.extension_url("popup/popup.html"))
    items = popup.locator("#review li")
    expect(items).to_have_count(2, timeout=WAIT_MS)
    expect(items.first.locator(".who")).to_have_text("promised-person")
    expect(items.first.locator(".overdue-mark")).to_have_text("Overdue")
    expect(items.nth(1).locator(".overdue-mark")).to_have_count(0)

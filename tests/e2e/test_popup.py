"""The toolbar popup: the agent state, the last logs and the review list."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser
from tests.e2e.site_pages import ADA
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
    items.first.get_by_role("button", name="Dismiss").first.click()
    expect(popup.locator("#review-section")).to_be_hidden(timeout=WAIT_MS)
    assert json.loads(agent.cli("review", "--json"))["items"] == []

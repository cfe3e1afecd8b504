"""Pairing a browser profile with the agent through the options page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser
from tests.support.agent_process import AgentProcess, free_port

pytestmark = pytest.mark.browser


def test_pairing_code_from_fathom_pair_connects_the_browser(browser: ExtensionBrowser, agent: AgentProcess) -> None:
    options = browser.pair(agent.port, agent.pairing_code())
    expect(options.locator("#agent-status")).to_contain_text("Connected to your Fathom agent", timeout=WAIT_MS)


def test_wrong_pairing_code_is_refused_with_the_agents_reason(browser: ExtensionBrowser, agent: AgentProcess) -> None:
    agent.pairing_code()  # opens pairing mode; the code typed below is not it
    options = browser.open_options()
    options.get_by_label("Agent port").fill(str(agent.port))
    options.get_by_label("Pairing code").fill("ZZZZ2222")
    options.get_by_role("button", name="Pair").click()
    result = options.locator("#pair-result")
    expect(result).to_have_class("error", timeout=WAIT_MS)
    expect(result).not_to_have_text(re.compile("^(Paired|Pairing…)"))


def test_pairing_with_no_agent_running_says_how_to_start_it(browser: ExtensionBrowser) -> None:
    options = browser.open_options()
    options.get_by_label("Agent port").fill(str(free_port()))
    options.get_by_label("Pairing code").fill("ABCD2345")
    options.get_by_role("button", name="Pair").click()
    expect(options.locator("#pair-result")).to_contain_text("fathom serve", timeout=WAIT_MS)


def test_pairing_rejects_a_port_outside_the_user_range(browser: ExtensionBrowser) -> None:
    options = browser.open_options()
    options.get_by_label("Agent port").fill("80")
    options.get_by_label("Pairing code").fill("ABCD2345")
    options.get_by_role("button", name="Pair").click()
    expect(options.locator("#pair-result")).to_contain_text("1024 to 65535", timeout=WAIT_MS)

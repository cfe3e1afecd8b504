"""Fixtures for the hostile-world tests: Chromium launched with test-specific options, then paired.

`playwright` and `agent` come from tests/e2e/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Playwright

from tests.e2e.extension_browser import ExtensionBrowser
from tests.support.agent_process import AgentProcess

LaunchPaired = Callable[..., ExtensionBrowser]


@pytest.fixture
def launch_paired(playwright: Playwright, agent: AgentProcess, tmp_path: Path) -> Iterator[LaunchPaired]:
    """launch_paired(**ExtensionBrowser options): Chromium with Fathom (and whatever else the options
    load), paired with the test's agent through the options page. Closed at the end of the test."""
    opened: list[ExtensionBrowser] = []

    def launch(**options: Any) -> ExtensionBrowser:
        browser = ExtensionBrowser(playwright, tmp_path / f"chromium-profile-{len(opened)}", **options)
        opened.append(browser)
        browser.pair(agent.port, agent.pairing_code()).close()
        return browser

    yield launch
    for browser in opened:
        browser.close()

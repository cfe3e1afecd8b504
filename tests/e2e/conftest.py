"""Fixtures for the end-to-end tests: a real agent and Debian's Chromium with the extension loaded.

Every test gets its own agent data dir, port and browser profile. Without /usr/bin/chromium these tests
fail under CI (CI=true) and are skipped elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Playwright, sync_playwright

from tests.e2e.extension_browser import CHROMIUM, ExtensionBrowser
from tests.support.agent_process import AgentProcess, free_port

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"


@pytest.fixture
def chromium() -> Path:
    """Debian's chromium binary; its absence fails the run under CI and skips the test elsewhere."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture
def playwright(chromium: Path) -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture
def agent(tmp_path: Path) -> Iterator[AgentProcess]:
    """A running agent on a free port with an empty data dir of its own."""
    process = AgentProcess(tmp_path / "agent-data", free_port())
    process.start()
    yield process
    process.stop()


@pytest.fixture
def browser(playwright: Playwright, tmp_path: Path) -> Iterator[ExtensionBrowser]:
    """Chromium with Fathom loaded in a fresh profile; no agent paired yet."""
    instance = ExtensionBrowser(playwright, tmp_path / "chromium-profile")
    yield instance
    instance.close()


@pytest.fixture
def paired(browser: ExtensionBrowser, agent: AgentProcess) -> ExtensionBrowser:
    """The browser, paired with the agent through the options page."""
    options = browser.pair(agent.port, agent.pairing_code())
    options.close()
    return browser


@pytest.fixture
def screenshot_dir() -> Path | None:
    """docs/screenshots when FATHOM_SCREENSHOTS=1 (the README's images), else None."""
    if os.environ.get("FATHOM_SCREENSHOTS") != "1":
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

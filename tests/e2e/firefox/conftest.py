"""Firefox fixtures: Debian's firefox-esr over WebDriver BiDi. Its absence fails the run under CI
(CI=true) and skips these tests elsewhere. The `agent` fixture comes from tests/e2e/conftest.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.firefox.firefox_browser import FIREFOX, FirefoxBrowser


@pytest.fixture
def firefox(tmp_path: Path) -> Iterator[FirefoxBrowser]:
    if not FIREFOX.exists():
        message = f"{FIREFOX} is missing: install Debian's firefox-esr package (apt-get install firefox-esr)."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    browser = FirefoxBrowser(tmp_path / "firefox-profile")
    yield browser
    browser.close()

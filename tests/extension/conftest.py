"""Fixtures for the extension tests that need a browser but no agent: Debian's Chromium, no extension,
with the extension's overlay files served from disk at a fake https origin."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
CHROMIUM = Path("/usr/bin/chromium")
ORIGIN = "https://overlay.fathom.test"
CONTENT_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}


def i18n_stand_in() -> str:
    """A <script> giving the page the browser's chrome.i18n.getMessage, read from the extension's English
    messages.json (what the browser would use): $1… filled in, $$ for a dollar, "" for an unknown key."""
    messages = (EXTENSION / "_locales" / "en" / "messages.json").read_text(encoding="utf-8")
    return f"""<script>
  window.chrome = window.chrome || {{}};
  window.chrome.i18n = {{ getMessage(key, values = []) {{
    const entry = ({messages})[key];
    if (!entry) return "";
    return entry.message.replace(/\\$(\\$|[1-9])/g, (all, c) => (c === "$" ? "$" : String(values[Number(c) - 1] ?? "")));
  }} }};
</script>"""


def overlay_harness_html() -> str:
    """overlay.html without the scripts that need the extension runtime (its entry and first paint), and with
    a stand-in for chrome.i18n."""
    source = (EXTENSION / "overlay" / "overlay.html").read_text(encoding="utf-8")
    harness = source
    for script in ('<script type="module" src="overlay.js"></script>', '<script src="first-paint.js"></script>'):
        harness, count = re.subn(rf"\s*{re.escape(script)}", "", harness)
        assert count == 1, f"overlay.html no longer loads {script} as expected"
    return harness.replace("<head>", "<head>" + i18n_stand_in(), 1)


def serve_extension_file(route: Route) -> None:
    path = route.request.url.removeprefix(ORIGIN + "/").split("?")[0]
    if path == "overlay/harness.html":
        route.fulfill(status=200, content_type="text/html", body=overlay_harness_html())
        return
    file = (EXTENSION / path).resolve()
    if EXTENSION not in file.parents or not file.is_file():
        route.fulfill(status=404, body="not found")
        return
    route.fulfill(status=200, content_type=CONTENT_TYPES.get(file.suffix, "text/plain"), body=file.read_bytes())


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Browser]:
    """One plain Chromium (no extension) per test module; each test gets its own context."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu", "--disable-quic"]
        )
        yield browser
        browser.close()


@pytest.fixture
def overlay_page(chromium_browser: Browser) -> Iterator[Page]:
    """A blank page holding the overlay's skeleton (at /overlay/harness.html, so its CSS loads), with
    render.js importable from /overlay/render.js."""
    context = chromium_browser.new_context(viewport={"width": 400, "height": 900})
    context.route("**/*", lambda route: route.abort())
    context.route(f"{ORIGIN}/**", serve_extension_file)
    page = context.new_page()
    page.goto(f"{ORIGIN}/overlay/harness.html")
    yield page
    context.close()

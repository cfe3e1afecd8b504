"""The overlay's first paint (extension/overlay/first-paint.js) in overlay.html's own markup and script order,
with a stand-in for the extension runtime whose port delivers the renders each test chooses."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route

from tests.extension.conftest import EXTENSION, ORIGIN, i18n_stand_in, serve_extension_file

pytestmark = pytest.mark.browser

HARNESS = f"{ORIGIN}/overlay/first-paint-harness.html"
ADA = {"person": {"name": "Ada Lovelace"}, "depth": {"stage": "acquainted"}}
GRACE = {"person": {"name": "Grace Hopper"}, "depth": {"stage": "trusted"}}
# Runs before overlay.html's first script: one fake port, whose listeners deliver() calls.
FAKE_RUNTIME = """<script>
  const listeners = [];
  window.connected = null;
  window.chrome = { runtime: { connect({ name }) {
    window.connected = { name, barLoaded: typeof globalThis.FathomOverlayBar !== "undefined" };
    const onMessage = { addListener: (f) => listeners.push(f) };
    return { onMessage, onDisconnect: { addListener() {} }, postMessage() {} };
  } } };
  window.deliver = (view) => listeners.forEach((f) => f({ type: "BG_RENDER", theme: "light", view }));
</script>"""
# Right after the bar in the markup: what the bar shows before the rest of the document is parsed.
PROBE = """<script>
  window.barWhenParsed = { name: document.getElementById("bar-name").textContent,
                           stage: document.getElementById("bar-stage").textContent };
</script>"""


def harness_html(render_before_bar: dict[str, Any] | None) -> str:
    """overlay.html with the fake runtime first, without the full renderer (overlay.js), optionally a render
    that arrives while <head> is still being parsed, and the probe right after the bar."""
    html = (EXTENSION / "overlay" / "overlay.html").read_text(encoding="utf-8")
    html, count = re.subn(r"\s*<script type=\"module\" src=\"overlay.js\"></script>", "", html)
    assert count == 1, "overlay.html no longer loads overlay.js as expected"
    html = html.replace("<head>", "<head>" + FAKE_RUNTIME + i18n_stand_in(), 1)
    if render_before_bar is not None:
        html = html.replace("</head>", f"<script>deliver({json.dumps(render_before_bar)})</script></head>", 1)
    html = html.replace("</header>", "</header>" + PROBE, 1)
    return html


@pytest.fixture
def open_harness(chromium_browser: Browser) -> Iterator[Any]:
    context = chromium_browser.new_context()
    context.route("**/*", lambda route: route.abort())
    context.route(f"{ORIGIN}/**", serve_extension_file)

    def open_page(render_before_bar: dict[str, Any] | None = None) -> Page:
        def serve(route: Route) -> None:
            route.fulfill(status=200, content_type="text/html", body=harness_html(render_before_bar))

        context.route(HARNESS, serve)
        page = context.new_page()
        page.goto(HARNESS)
        return page

    yield open_page
    context.close()


def bar(page: Page) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """() => ({ name: document.getElementById("bar-name").textContent,
                        stage: document.getElementById("bar-stage").textContent,
                        hidden: document.getElementById("bar-stage").hidden })"""
        )
    )


def test_the_port_opens_before_the_bar_code_has_loaded(open_harness: Any) -> None:
    page = open_harness()
    assert page.evaluate("window.connected") == {"name": "fathom-overlay", "barLoaded": False}


def test_a_render_that_came_before_the_bar_is_painted_as_soon_as_the_bar_is_parsed(open_harness: Any) -> None:
    page = open_harness(render_before_bar=ADA)
    # Not only at the end of parsing: the script right after the bar already sees it painted.
    assert page.evaluate("window.barWhenParsed") == {"name": "Ada Lovelace", "stage": "Acquainted"}
    assert bar(page) == {"name": "Ada Lovelace", "stage": "Acquainted", "hidden": False}


def test_a_render_after_the_bar_is_parsed_is_painted_at_once(open_harness: Any) -> None:
    page = open_harness()
    assert page.evaluate("window.barWhenParsed") == {"name": "Fathom", "stage": ""}
    page.evaluate("(view) => deliver(view)", ADA)
    assert bar(page) == {"name": "Ada Lovelace", "stage": "Acquainted", "hidden": False}


def test_after_the_hand_over_each_render_is_painted_at_once_and_passed_on(open_harness: Any) -> None:
    page = open_harness(render_before_bar=ADA)
    # The full renderer waits for the stored settings before it draws: the bar must not wait with it.
    result = page.evaluate(
        """(view) => {
            const handed = [];
            FathomFirstPaint.takeOver((message) => handed.push(message.view.person.name));
            deliver(view);
            return { handed, stage: document.getElementById("bar-stage").textContent };
        }""",
        GRACE,
    )
    assert result == {"handed": ["Ada Lovelace", "Grace Hopper"], "stage": "Trusted"}
    assert bar(page)["name"] == "Grace Hopper"

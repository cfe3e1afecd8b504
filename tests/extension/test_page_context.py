"""What the content script sends the agent (extension/content/page-context.js with the site's table), on the
real pages served at their real URLs: only what names the person, and what the agent's parser reads the
same way as the whole page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import lxml.html
import pytest
from playwright.sync_api import Browser, Page, Route

from agent.sites.registry import parse_page
from tests.e2e.site_pages import LINKEDIN_EDUARDO, NO_SCRIPTS, REAL_FIXTURES, X_KIKOBEATS
from tests.extension.conftest import EXTENSION

pytestmark = pytest.mark.browser

LINKEDIN_GUEST = "linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html"
LINKEDIN_MEMBER = "linkedin_profile_eduardo-alvarez-nowak_2024-07_loggedin_nonself_body.html"
X_RENDERED = "x_profile_kikobeats_2025-12_rendered.html"

# The site script registers itself with the profile session; here the session only keeps the site.
SESSION_STUB = "globalThis.FathomProfileSession = { start(site) { globalThis.testSite = site; } };"
COLLECT = """(key) => {
    const site = globalThis.testSite;
    const header = site.findHeader(document, key);
    return { ...FathomPageContext.collect(document, site, key, header), headerHtml: header ? header.outerHTML : "" };
}"""


def _modals(html: str) -> list[Any]:
    return lxml.html.fromstring(html).xpath("//*[contains(concat(' ', @class, ' '), ' sign-in-modal ')]")


@pytest.fixture
def site_page(chromium_browser: Browser) -> Iterator[Any]:
    """Opens a real fixture at its URL (its own scripts blocked, nothing else on the network) with the
    extension's page-context.js and the site's table loaded, as the content scripts are."""
    context = chromium_browser.new_context()
    pages: list[Page] = []

    def open_page(url: str, fixture: str, site_script: str) -> Page:
        html = (REAL_FIXTURES / fixture).read_text(encoding="utf-8")

        def serve(route: Route) -> None:
            if route.request.url == url:
                route.fulfill(
                    status=200, content_type="text/html", body=html, headers={"content-security-policy": NO_SCRIPTS}
                )
            else:
                route.abort()

        context.route("**/*", serve)
        page = context.new_page()
        page.goto(url)
        # DevTools evaluation is not subject to the page's CSP, like an extension's isolated world.
        page.evaluate(SESSION_STUB)
        for script in ("content/page-context.js", f"content/sites/{site_script}"):
            page.evaluate((EXTENSION / script).read_text(encoding="utf-8"))
        pages.append(page)
        return page

    yield open_page
    context.close()


def test_linkedin_guest_context_leaves_the_sign_in_modals_behind(site_page: Any) -> None:
    page = site_page(LINKEDIN_EDUARDO, LINKEDIN_GUEST, "linkedin.js")
    sent = page.evaluate(COLLECT, "eduardo-alvarez-nowak")
    assert _modals(sent["headerHtml"]), "the fixture's top card no longer holds the sign-in modals"
    assert not _modals(sent["html"])
    assert "top-card-layout__title" in sent["html"]
    # Most of the guest card is modals: the agent gets a fraction of it to parse.
    assert len(sent["html"]) < len(sent["headerHtml"]) / 2


@pytest.mark.parametrize(
    ("url", "fixture", "site_script", "key"),
    [
        (LINKEDIN_EDUARDO, LINKEDIN_GUEST, "linkedin.js", "eduardo-alvarez-nowak"),
        (LINKEDIN_EDUARDO, LINKEDIN_MEMBER, "linkedin.js", "eduardo-alvarez-nowak"),
        (X_KIKOBEATS, X_RENDERED, "x.js", "kikobeats"),
    ],
)
def test_the_agent_reads_the_sent_context_as_it_reads_the_whole_page(
    site_page: Any, url: str, fixture: str, site_script: str, key: str
) -> None:
    page = site_page(url, fixture, site_script)
    sent = page.evaluate(COLLECT, key)
    whole = parse_page(url, (REAL_FIXTURES / fixture).read_text(encoding="utf-8"))
    assert parse_page(sent["url"], sent["html"]) == whole
    assert whole.handle == key  # type: ignore[union-attr]

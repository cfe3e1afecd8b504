"""The browser end: headless Chromium with the extension, from a profile navigation's commit to the overlay
showing the depth stage, on real fixture pages served at their real URLs by a local HTTPS server
(``site_server.py``) to the e2e harness's browser (tests/e2e).

Times are taken inside the browser on one clock (``performance.timeOrigin + performance.now()``): commit is
the navigation's ``responseStart`` (the response handed to the new document); the overlay frame records the
moment its ``#bar-stage`` chip first shows text, through a MutationObserver installed before its scripts run.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from scripts.benchlib.client import AgentSession, BenchError
from scripts.benchlib.measure import summarize
from scripts.benchlib.site_server import SiteServer, openssl_missing

REPO = Path(__file__).resolve().parents[2]
E2E = REPO / "tests" / "e2e"
CHROMIUM = Path("/usr/bin/chromium")
STEPS = (
    ("dom_interactive", "interactive"),
    ("dom_content_loaded", "dom_content_loaded"),
    ("overlay_frame_created", "frame_created"),
    ("overlay_document_received", "frame_response"),
    ("overlay_document_parsed", "frame_interactive"),
    ("page_load", "load"),
)
# The fixtures' own scripts stay off (site_pages.NO_SCRIPTS); inline styles and data: images still render.
OFFLINE_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
WARMUP_NAVIGATIONS = 2  # one per site: the worker's first handshake is not a navigation's cost
STAGE_TIMEOUT_MS = 20_000

# Runs in every frame before its own scripts; acts only in the overlay's extension page. It notes when the
# stage shows and says so on the console once the overlay settles (on a stage, or on an error it shows the
# user), so the harness waits from outside: polling inside the frame would inject Playwright's own script
# into it while it loads, a cost users don't pay.
SETTLED_MESSAGE = "fathom-bench: overlay settled"
STAGE_WATCH = """
(() => {
  if (!location.href.endsWith("/overlay/overlay.html")) return;
  const shown = () => {
    const chip = document.getElementById("bar-stage");
    return chip && !chip.hidden && chip.textContent.trim();
  };
  const observer = new MutationObserver(() => {
    if (!window.__fathomStageAt && shown()) window.__fathomStageAt = performance.timeOrigin + performance.now();
    if (window.__fathomStageAt || document.querySelector("#status .error")) {
      observer.disconnect();
      console.debug("SETTLED_MESSAGE");
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
""".replace("SETTLED_MESSAGE", SETTLED_MESSAGE)
FAILURE = "(() => window.__fathomStageAt ? null : document.querySelector('#status .error').textContent)()"
PAGE_MARKS = """
(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const at = (ms) => (ms > 0 ? performance.timeOrigin + ms : null); // 0: that step has not happened yet
  return { commit: at(nav.responseStart), interactive: at(nav.domInteractive),
           dom_content_loaded: at(nav.domContentLoadedEventEnd), load: at(nav.loadEventEnd) };
})()
"""
# The overlay frame's own navigation: its document received, then parsed (its first scripts have run).
FRAME_MARKS = """
(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const at = (ms) => (nav && ms > 0 ? performance.timeOrigin + ms : null);
  return { frame_created: performance.timeOrigin, frame_response: at(nav?.responseEnd),
           frame_interactive: at(nav?.domInteractive) };
})()
"""


def _harness() -> tuple[ModuleType, ModuleType]:
    """tests/e2e's modules import each other by bare name, as pytest's rootdir-relative imports do."""
    if str(E2E) not in sys.path:
        sys.path.insert(0, str(E2E))
    return importlib.import_module("extension_browser"), importlib.import_module("site_pages")


def browser_missing() -> str | None:
    """Why the browser part cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (install Debian's chromium package)"
    try:
        importlib.import_module("playwright.sync_api")
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    return openssl_missing()


def offline(page: Any) -> Any:
    """The saved page with its subresources refused by its own policy: offline, every image, stylesheet
    and font it asks for fails either way, and this way without a request to the local server for each."""
    return dataclasses.replace(page, csp=OFFLINE_PAGE_POLICY)


async def _pairing_code(port: int, secret: bytes) -> str:
    async with AgentSession(port, secret) as admin:
        return str((await admin.post("/v1/admin/pair", {}))["code"])


def measure_browser(port: int, secret: bytes, navigations: int, profile_dir: Path) -> dict[str, Any]:
    """Pair a fresh Chromium profile with the agent, then time ``navigations`` profile loads (LinkedIn and X
    alternately) from commit to the stage on screen."""
    from playwright.sync_api import sync_playwright

    extension_browser, site_pages = _harness()
    pages = [
        ("linkedin", offline(site_pages.linkedin_eduardo()), site_pages.LINKEDIN_EDUARDO),
        ("x", offline(site_pages.x_kikobeats()), site_pages.X_KIKOBEATS),
    ]
    marks: list[dict[str, Any]] = []
    failures: list[str] = []  # the overlay showed an error instead of a stage: a product failure, reported
    code = asyncio.run(_pairing_code(port, secret))  # before Playwright's own event loop starts in this thread
    sites = SiteServer((page for _site, page, _url in pages), profile_dir.parent / "sites")
    with sync_playwright() as playwright:
        browser = extension_browser.ExtensionBrowser(
            playwright, profile_dir, extra_args=sites.chromium_args(), intercept=False
        )
        try:
            browser.pair(port, code).close()
            browser.context.add_init_script(STAGE_WATCH)
            tab = browser.context.new_page()
            for n in range(WARMUP_NAVIGATIONS + navigations):
                site, _page, url = pages[n % len(pages)]
                with tab.expect_console_message(lambda m: m.text == SETTLED_MESSAGE, timeout=STAGE_TIMEOUT_MS):
                    tab.goto(url, wait_until="commit")
                frame = extension_browser.overlay_frame(tab, timeout_ms=STAGE_TIMEOUT_MS)
                failure = frame.evaluate(FAILURE)
                if failure is not None:
                    failures.append(f"{site}: {failure}")
                    continue
                page_marks = tab.evaluate(PAGE_MARKS)
                page_marks.update(frame.evaluate(FRAME_MARKS))
                page_marks["stage"] = frame.evaluate("window.__fathomStageAt")
                page_marks["site"] = site
                if n >= WARMUP_NAVIGATIONS:
                    marks.append(page_marks)
        finally:
            browser.close()
            sites.close()
    if not marks:
        raise BenchError(f"no navigation showed a stage in the overlay: {sorted(set(failures))}")
    return {**_breakdown(marks), "failed_navigations": len(failures), "failures": sorted(set(failures))}


def _breakdown(marks: list[dict[str, Any]]) -> dict[str, Any]:
    """Commit to stage, and the steps in between (all from commit), so a miss shows where the time went."""

    def since_commit(name: str) -> list[float]:
        return [m[name] - m["commit"] for m in marks if m.get(name) is not None]

    steps = {}
    for label, name in STEPS:
        values = since_commit(name)
        if values:
            steps[label] = summarize(values)
    per_site = {
        site: summarize([m["stage"] - m["commit"] for m in marks if m["site"] == site])
        for site in sorted({m["site"] for m in marks})
    }
    return {
        "navigations": len(marks),
        "commit_to_stage": summarize(since_commit("stage")),
        "per_site": per_site,
        "steps_from_commit": steps,
    }

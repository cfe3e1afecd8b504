"""Debian's Chromium with the unpacked extension loaded, serving LinkedIn/X pages from fixtures.

Requests from the extension's service worker are not routed by Playwright, so it reaches the real test
agent on 127.0.0.1; every page request is either a fixture or aborted.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Frame, Page, Playwright, Route, Worker, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.site_pages import SitePage

REPO = Path(__file__).resolve().parents[2]
EXTENSION_DIR = REPO / "extension"
EXTENSION_ID = (EXTENSION_DIR / "EXTENSION_ID").read_text(encoding="utf-8").strip()
CHROMIUM = Path("/usr/bin/chromium")
SITES = re.compile(r"^https://(www\.linkedin\.com|x\.com|twitter\.com)/")
WAIT_MS = 20_000
VIEWPORT = {"width": 1280, "height": 860}


def chromium_args(extra_extensions: Sequence[Path] = ()) -> list[str]:
    extensions = ",".join(str(path) for path in (EXTENSION_DIR, *extra_extensions))
    return [
        f"--disable-extensions-except={extensions}",
        f"--load-extension={extensions}",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]


def web_url_pattern(network_hosts: Sequence[str]) -> re.Pattern[str]:
    """Web URLs other than the agent on 127.0.0.1 and `network_hosts` (which go to the real network)."""
    excluded = "|".join(re.escape(host) for host in ("127.0.0.1", *network_hosts))
    return re.compile(rf"^https?://(?!(?:{excluded})[:/])")


def page_key(url: str) -> str:
    """URLs compared without query, fragment, trailing slash or case."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}".lower()


def is_overlay_frame(frame: Frame) -> bool:
    return frame.url.startswith("chrome-extension://") and frame.url.endswith("/overlay/overlay.html")


class ExtensionBrowser:
    """One persistent Chromium profile with Fathom loaded. `pages` is what the fake sites serve.

    Optional, for the hostile-world tests: `extra_extensions` loaded beside Fathom, `extra_args` for
    Chromium, and `network_hosts` whose requests are not routed but go to the real network stack (e.g. a
    host mapped with --host-resolver-rules). With `intercept=False` nothing is routed at all: the caller
    serves the sites through `extra_args` (the benchmark does, so no request pays Playwright's interception)."""

    def __init__(
        self,
        playwright: Playwright,
        user_data_dir: Path,
        *,
        extra_extensions: Sequence[Path] = (),
        extra_args: Sequence[str] = (),
        network_hosts: Sequence[str] = (),
        intercept: bool = True,
    ) -> None:
        self.pages: dict[str, SitePage] = {}
        self.context: BrowserContext = playwright.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=str(CHROMIUM),
            headless=True,
            args=[*chromium_args(extra_extensions), *extra_args],
            viewport=VIEWPORT,
        )
        # The catch-all first: the route registered last wins, so fixtures override it. Only web URLs
        # (routes also see the extension's own files), and never the agent on 127.0.0.1: this Playwright
        # routes the extension service worker's requests too.
        if intercept:
            self.context.route(web_url_pattern(network_hosts), lambda route: route.abort())
            self.context.route(SITES, self._serve)
        if extra_extensions:
            # Several workers run; ours is the one at the pinned id.
            self.extension_id = urlsplit(self.service_worker(EXTENSION_ID).url).netloc
        else:
            worker = self.context.service_workers[0] if self.context.service_workers else None
            if worker is None:
                worker = self.context.wait_for_event("serviceworker", timeout=WAIT_MS)
            self.extension_id = urlsplit(worker.url).netloc

    def service_worker(self, extension_id: str) -> Worker:
        """The running background worker of the extension `extension_id` (waits for it to start)."""

        def is_its(worker: Worker) -> bool:
            return urlsplit(worker.url).netloc == extension_id

        for worker in self.context.service_workers:
            if is_its(worker):
                return worker
        # Events are delivered only inside a Playwright call, so a worker that starts after the loop
        # above is not missed.
        return self.context.wait_for_event("serviceworker", predicate=is_its, timeout=WAIT_MS)

    def serve(self, *pages: SitePage) -> None:
        for page in pages:
            self.pages[page_key(page.url)] = page

    def _serve(self, route: Route) -> None:
        page = self.pages.get(page_key(route.request.url))
        if page is None or route.request.resource_type != "document":
            route.abort()
            return
        headers = {"content-security-policy": page.csp} if page.csp else {}
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=page.html, headers=headers)

    def extension_url(self, path: str) -> str:
        return f"chrome-extension://{self.extension_id}/{path}"

    def open_options(self) -> Page:
        page = self.context.new_page()
        page.goto(self.extension_url("options/options.html"))
        expect(page.locator("body[data-ready]")).to_have_count(1)  # stored settings are filled in
        return page

    def pair(self, port: int, code: str) -> Page:
        """Pairs through the options page, as a user would, and waits until the extension is connected."""
        page = self.open_options()
        page.get_by_label("Agent port").fill(str(port))
        page.get_by_label("Pairing code").fill(code)
        page.get_by_role("button", name="Pair").click()
        expect(page.locator("#pair-result")).to_have_text(re.compile("^Paired"), timeout=WAIT_MS)
        return page

    def open_profile(self, url: str) -> Page:
        page = self.context.new_page()
        page.goto(url)
        return page

    def close(self) -> None:
        self.context.close()


def overlay_frame(page: Page, *, other_than: Frame | None = None, timeout_ms: int = WAIT_MS) -> Frame:
    """The overlay's frame in `page` (inside a closed shadow root, so found through the frame tree)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        for frame in page.frames:
            if is_overlay_frame(frame) and frame is not other_than and not frame.is_detached():
                return frame
        remaining_ms = (deadline - time.monotonic()) * 1000
        if remaining_ms <= 0:
            raise AssertionError(f"no Fathom overlay frame appeared in {page.url} within {timeout_ms} ms")
        # Playwright's sync API delivers events only inside a call, so none is missed between the check
        # above and this wait.
        try:
            page.wait_for_event("framenavigated", timeout=remaining_ms)
        except PlaywrightTimeoutError:
            continue

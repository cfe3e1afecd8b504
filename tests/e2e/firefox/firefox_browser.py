"""Debian's firefox-esr driven over WebDriver BiDi, with Fathom installed as a temporary add-on and the
LinkedIn/X pages served from fixtures through network interception."""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.e2e.firefox.bidi_client import BidiClient, BidiError, deadline_after

REPO = Path(__file__).resolve().parents[3]
EXTENSION_DIR = REPO / "extension"
FIREFOX = Path("/usr/bin/firefox-esr")
ADDON_ID = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))["browser_specific_settings"][
    "gecko"
]["id"]
START_TIMEOUT_S = 60
WAIT_S = 20
POLL_S = 0.1

# Waits inside the page for a condition (a JS expression), polling like Playwright's wait_for_function.
WAIT_FOR = """new Promise((resolve, reject) => {
  const deadline = Date.now() + %(ms)d;
  const check = () => {
    let value;
    try { value = (%(condition)s); } catch (e) { value = undefined; }
    if (value) return resolve(value);
    if (Date.now() > deadline) return reject(new Error("timed out waiting for %(label)s; page text: " +
      (document.body ? document.body.innerText : "")));
    setTimeout(check, 50);
  };
  check();
})"""


class FirefoxBrowser:
    """One Firefox profile (fresh dir) with Fathom installed; `pages` maps URLs to (html, csp)."""

    def __init__(self, profile_dir: Path) -> None:
        self.pages: dict[str, tuple[str, str | None]] = {}
        # The moz-extension UUID is random per install; pinning it lets the tests know the overlay's URL.
        self.extension_uuid = str(uuid.uuid4())
        profile_dir.mkdir(parents=True, exist_ok=True)
        uuids = json.dumps({ADDON_ID: self.extension_uuid})
        (profile_dir / "user.js").write_text(
            f"user_pref({json.dumps('extensions.webextensions.uuids')}, {json.dumps(uuids)});\n", encoding="utf-8"
        )
        self._proc = subprocess.Popen(
            [str(FIREFOX), "--headless", "--no-remote", "--profile", str(profile_dir), "--remote-debugging-port", "0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.output: list[str] = []
        self.client = BidiClient(self._bidi_url())
        # Keep reading Firefox's output so a full pipe never blocks it.
        self._drain = threading.Thread(target=self._read_output, daemon=True)
        self._drain.start()
        self.client.send("session.new", {"capabilities": {}})
        self.client.send("webExtension.install", {"extensionData": {"type": "path", "path": str(EXTENSION_DIR)}})
        self.client.on("network.beforeRequestSent", self._serve)
        self.client.send("session.subscribe", {"events": ["network.beforeRequestSent", "browsingContext.load"]})
        self.client.send(
            "network.addIntercept",
            {"phases": ["beforeRequestSent"], "urlPatterns": [{"type": "pattern", "protocol": "https"}]},
        )
        self.tab = self.client.send("browsingContext.getTree", {})["contexts"][0]["context"]

    def _bidi_url(self) -> str:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:  # Firefox prints the URL once the server is up
            self.output.append(line)
            if "WebDriver BiDi listening on " in line:
                return line.split("WebDriver BiDi listening on ", 1)[1].strip() + "/session"
        raise RuntimeError("firefox-esr exited before starting WebDriver BiDi:\n" + "".join(self.output))

    def _read_output(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self.output.append(line)

    def serve(self, url: str, html: str, csp: str | None = None) -> None:
        self.pages[_key(url)] = (html, csp)

    def _serve(self, params: dict[str, Any]) -> None:
        if not params.get("isBlocked"):
            return
        request = params["request"]["request"]
        page = self.pages.get(_key(params["request"]["url"]))
        try:
            if page is None:
                self.client.send("network.failRequest", {"request": request})
                return
            html, csp = page
            headers = [{"name": "content-type", "value": {"type": "string", "value": "text/html; charset=utf-8"}}]
            if csp:
                headers.append({"name": "content-security-policy", "value": {"type": "string", "value": csp}})
            self.client.send(
                "network.provideResponse",
                {
                    "request": request,
                    "statusCode": 200,
                    "reasonPhrase": "OK",
                    "headers": headers,
                    "body": {"type": "string", "value": html},
                },
            )
        except BidiError:
            pass  # the tab navigated away meanwhile

    def navigate(self, url: str) -> None:
        self.client.send("browsingContext.navigate", {"context": self.tab, "url": url, "wait": "complete"})

    def find_context(self, path: str, timeout_s: float = WAIT_S) -> str:
        """The browsing context (tab or frame) of this extension's page at `path`, once it exists."""
        prefix = f"moz-extension://{self.extension_uuid}/{path}"
        remaining = deadline_after(timeout_s)
        while True:
            found = _find(self.client.send("browsingContext.getTree", {})["contexts"], prefix)
            if found:
                return found
            if remaining() <= 0:
                raise AssertionError(f"no {prefix} context appeared within {timeout_s} s")
            # Firefox sends no load events for extension frames and tabs, so poll the tree (waking early on
            # any event), the way Playwright polls its own conditions.
            self.client.wait_event(min(POLL_S, remaining()))

    def wait_for(self, context: str, condition: str, label: str, timeout_s: float = WAIT_S) -> Any:
        script = WAIT_FOR % {"ms": int(timeout_s * 1000), "condition": condition, "label": label.replace('"', "'")}
        return self.client.evaluate(context, script)

    def close(self) -> None:
        with contextlib.suppress(BidiError):
            self.client.send("browser.close", {})
        self.client.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=10)
        self._drain.join(timeout=10)
        if self._proc.stdout is not None:
            self._proc.stdout.close()


def _key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}".lower()


def _find(contexts: list[dict[str, Any]], prefix: str) -> str | None:
    for context in contexts:
        if context.get("url", "").startswith(prefix):
            return str(context["context"])
        found = _find(context.get("children") or [], prefix)
        if found:
            return found
    return None

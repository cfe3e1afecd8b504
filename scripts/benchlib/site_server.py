"""The saved LinkedIn and X pages served at their real https URLs by a local server, for the browser part.

The e2e tests serve pages through Playwright's request interception, which is convenient but not free: with
any route registered every request of the browser, the overlay frame's own extension files included, pauses
for a round trip to the driver (25-60 ms each in a Chrome trace on a loaded machine). Users pay none of that,
so the benchmark serves the pages the way the network would: Chromium resolves www.linkedin.com and x.com to
this server (``--host-resolver-rules``), every other host fails to resolve as it would offline, and the
server's throwaway certificate is accepted (``--ignore-certificate-errors``, this test browser only).
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.benchlib.client import BenchError


def openssl_missing() -> str | None:
    return None if shutil.which("openssl") else "openssl is missing (install Debian's openssl package)"


class SiteServer:
    """Serves ``pages`` (objects with ``url``, ``html`` and ``csp``) until closed; ``chromium_args`` routes
    the pages' hosts to it."""

    def __init__(self, pages: Iterable[Any], work: Path) -> None:
        self._pages = {_key(page.url): page for page in pages}
        hosts = sorted({urlsplit(page.url).hostname or "" for page in self._pages.values()})
        cert, key = _self_signed(work, hosts)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self._hosts = hosts
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, name="bench-sites", daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def chromium_args(self) -> list[str]:
        rules = [f"MAP {host} 127.0.0.1:{self.port}" for host in self._hosts]
        # Everything else fails to resolve (offline), except the agent on loopback.
        rules += ["MAP * ~NOTFOUND", "EXCLUDE 127.0.0.1"]
        return [f"--host-resolver-rules={', '.join(rules)}", "--ignore-certificate-errors"]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        pages = self._pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                page = pages.get(_key(f"https://{self.headers.get('Host', '')}{self.path}"))
                if page is None:
                    self.send_error(404)
                    return
                body = page.html.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                if page.csp:
                    self.send_header("Content-Security-Policy", page.csp)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


def _key(url: str) -> str:
    """URLs compared without query, fragment, trailing slash, port or case."""
    parts = urlsplit(url)
    return f"{parts.hostname}{parts.path.rstrip('/')}".lower()


def _self_signed(work: Path, hosts: list[str]) -> tuple[Path, Path]:
    work.mkdir(parents=True, exist_ok=True)
    cert, key = work / "sites-cert.pem", work / "sites-key.pem"
    names = ",".join(f"DNS:{host}" for host in hosts)
    command = [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={hosts[0]}",
        "-addext", f"subjectAltName={names}", "-keyout", str(key), "-out", str(cert),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"could not make the local sites' certificate with openssl: {result.stderr.strip()}")
    return cert, key

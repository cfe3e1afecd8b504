"""The benchmark's local sites: a saved page over TLS at its real host name, with its policy header."""

from __future__ import annotations

import http.client
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.benchlib.site_server import SiteServer, openssl_missing


@dataclass(frozen=True)
class Page:
    url: str
    html: str
    csp: str | None = None


@pytest.fixture
def sites(tmp_path: Path):
    if openssl_missing():
        pytest.skip(openssl_missing())
    server = SiteServer([Page("https://www.linkedin.com/in/ada/", "<h1>Ada</h1>", "default-src 'none'")], tmp_path)
    yield server
    server.close()


def fetch(sites: SiteServer, host: str, path: str, tmp_path: Path) -> http.client.HTTPResponse:
    context = ssl.create_default_context(cafile=str(tmp_path / "sites-cert.pem"))
    connection = http.client.HTTPSConnection("127.0.0.1", sites.port, context=context)
    # Connected by hand so that SNI and the certificate check name the real host, as Chromium's would.
    connection.sock = context.wrap_socket(socket.create_connection(("127.0.0.1", sites.port)), server_hostname=host)
    connection.request("GET", path, headers={"Host": host})
    return connection.getresponse()


def test_a_saved_page_is_served_at_its_host_with_its_policy(sites: SiteServer, tmp_path: Path) -> None:
    response = fetch(sites, "www.linkedin.com", "/in/Ada?trk=x", tmp_path)
    assert response.status == 200
    assert response.read() == b"<h1>Ada</h1>"
    assert response.getheader("Content-Security-Policy") == "default-src 'none'"


def test_anything_else_is_not_found(sites: SiteServer, tmp_path: Path) -> None:
    assert fetch(sites, "www.linkedin.com", "/in/grace/", tmp_path).status == 404


def test_chromium_resolves_the_sites_here_and_nothing_else_but_the_agent(sites: SiteServer) -> None:
    rules = sites.chromium_args()[0]
    assert f"MAP www.linkedin.com 127.0.0.1:{sites.port}" in rules
    assert rules.endswith("MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")

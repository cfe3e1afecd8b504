"""What the options page says about the port and the pairing code: the code as `fathom pair` prints it, and a
port where something other than Fathom answers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser


class HtmlPage(BaseHTTPRequestHandler):
    """A web app squatting on the port: every path answers 200 with an HTML page."""

    def do_GET(self) -> None:
        body = b"<!doctype html><title>Dev server</title><p>Hello"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def squatter() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), HtmlPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_a_port_answered_by_another_program_says_so_and_how_to_find_it(
    browser: ExtensionBrowser, squatter: int
) -> None:
    options = browser.open_options()
    options.get_by_label("Agent port").fill(str(squatter))
    options.get_by_label("Pairing code").fill("KX3W-6NYA")
    options.get_by_role("button", name="Pair").click()
    result = options.locator("#pair-result")
    expect(result).to_contain_text(f"not the Fathom agent is listening on 127.0.0.1:{squatter}", timeout=WAIT_MS)
    expect(result).to_contain_text(f"lsof -i :{squatter}")
    expect(result).not_to_contain_text("Nothing answered")


def test_the_code_is_taken_as_fathom_pair_prints_it_dash_and_any_case(
    browser: ExtensionBrowser, agent: AgentProcess
) -> None:
    code = agent.pairing_code()
    printed = f"{code[:4]}-{code[4:]}".lower()
    options = browser.pair(agent.port, printed)
    expect(options.locator("#agent-status")).to_contain_text("Connected to your Fathom agent", timeout=WAIT_MS)


def test_a_malformed_code_is_described_as_printed(browser: ExtensionBrowser, agent: AgentProcess) -> None:
    options = browser.open_options()
    options.get_by_label("Agent port").fill(str(agent.port))
    options.get_by_label("Pairing code").fill("KX3")
    options.get_by_role("button", name="Pair").click()
    result = options.locator("#pair-result")
    expect(result).to_contain_text("such as KX3W-6NYA (with or without the dash", timeout=WAIT_MS)
    expect(options.locator("#pair-section-help")).to_contain_text("KX3W-6NYA")

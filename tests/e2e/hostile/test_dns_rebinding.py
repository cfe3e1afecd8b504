"""T3 in the real browser: `rebind.test` resolves to 127.0.0.1 (Chromium's --host-resolver-rules, the end
state of a DNS-rebinding attack), so a page there is same-origin with the agent as far as the browser
knows. The agent's Host allow-list answers every such request 403 bad_host: the page reads no data, even
holding a stolen session token, and the store is unchanged."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.e2e.extension_browser import WAIT_MS
from tests.e2e.hostile.agent_secrets import session_token, store_snapshot
from tests.e2e.hostile.conftest import LaunchPaired
from tests.e2e.site_pages import ADA
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser

REBIND_HOST = "rebind.test"

# Runs in the rebound page. Same-origin, so the page could read any answer: only the agent stops it.
SAME_ORIGIN_ATTEMPTS = """async ({ token, handle }) => {
  async function attempt(path, init) {
    try {
      const response = await fetch(path, init);
      return { status: response.status, body: await response.text() };
    } catch (error) {
      return { status: 0, body: String(error) };
    }
  }
  const json = { "Content-Type": "application/json" };
  const bearer = { ...json, Authorization: "Bearer " + token };
  const forged = JSON.stringify({ network: "linkedin", handle, kind: "call", note: "forged-by-rebinding" });
  const post = (path, headers, body) => attempt(path, { method: "POST", headers, body });
  const results = {
    get_health: await attempt("/v1/health", {}),
    post_recent_with_stolen_token: await post("/v1/recent", bearer, "{}"),
    post_status_with_stolen_token: await post("/v1/status", bearer, "{}"),
    post_interaction_with_stolen_token: await post("/v1/interactions", bearer, forged),
    post_pair: await post("/v1/pair", json, JSON.stringify({ code: "ABCD2345" })),
  };
  results.websocket_events = await new Promise((resolve) => {
    const messages = [];
    let opened = false;
    const socket = new WebSocket("ws://" + location.host + "/v1/events");
    socket.onopen = () => { opened = true; };
    socket.onmessage = (event) => messages.push(String(event.data));
    socket.onclose = (event) => resolve({ opened, messages, code: event.code });
  });
  return results;
}"""


def test_a_rebound_hostname_gets_only_bad_host_for_pages_and_same_origin_requests(
    launch_paired: LaunchPaired, agent: AgentProcess
) -> None:
    browser = launch_paired(
        extra_args=[f"--host-resolver-rules=MAP {REBIND_HOST} 127.0.0.1"], network_hosts=[REBIND_HOST]
    )
    agent.cli("log", "--linkedin", ADA.slug, "--kind", "call", "--note", f"rebinding-marker-{uuid.uuid4().hex}")
    store_before = store_snapshot(agent.data_dir)
    token = session_token(browser)
    page = browser.context.new_page()
    rebound = f"http://{REBIND_HOST}:{agent.port}"

    top_level = page.goto(f"{rebound}/v1/health", timeout=WAIT_MS)

    assert top_level is not None and top_level.url == f"{rebound}/v1/health"  # the real agent, not a route
    assert top_level.status == 403
    assert json.loads(page.locator("body").inner_text())["error"]["code"] == "bad_host"

    results = page.evaluate(SAME_ORIGIN_ATTEMPTS, {"token": token, "handle": ADA.slug})

    socket = results.pop("websocket_events")
    assert socket == {"opened": False, "messages": [], "code": 1006}
    answers = {
        name: (answer["status"], json.loads(answer["body"])["error"]["code"]) for name, answer in results.items()
    }
    assert answers == dict.fromkeys(answers, (403, "bad_host"))
    assert set(answers) == {
        "get_health",
        "post_recent_with_stolen_token",
        "post_status_with_stolen_token",
        "post_interaction_with_stolen_token",
        "post_pair",
    }
    assert store_snapshot(agent.data_dir) == store_before

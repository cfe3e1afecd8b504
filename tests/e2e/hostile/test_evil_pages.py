"""T1, T2, T4, T7 in the real browser: a page at https://evil.test/ tries every way a web page has to reach
the agent (cors and no-cors fetch, a text/plain form, images, a WebSocket, pairing). It reads nothing and
the store is byte-for-byte unchanged. The same requests replayed without a browser show that the agent
refuses them itself, whatever the browser's Local Network Access does."""

from __future__ import annotations

import json
import uuid

import pytest
from playwright.sync_api import Response, Route

from tests.e2e.extension_browser import WAIT_MS
from tests.e2e.hostile.agent_replay import Answer, send, websocket_upgrade_headers
from tests.e2e.hostile.agent_secrets import paired_clients, store_snapshot
from tests.e2e.hostile.conftest import LaunchPaired
from tests.e2e.hostile.evil_site import EVIL_ORIGIN, EVIL_URL, FORGED_NOTE, evil_page_html
from tests.e2e.site_pages import ADA
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser

ATTEMPTS = {
    "cors_get_health",
    "cors_get_health_with_credentials",
    "cors_post_recent",
    "cors_post_recent_with_bearer",
    "cors_post_pair",
    "no_cors_get_health",
    "no_cors_post_interaction",
    "no_cors_post_interaction_with_credentials",
    "form_text_plain_post_interaction",
    "img_get_health",
    "img_get_recent",
    "websocket_events",
}
PUBLIC_HEALTH_FIELDS = {"name", "version", "api"}
LNA_OFF = "--disable-features=LocalNetworkAccessChecks"


def log_distinctive_interaction(agent: AgentProcess) -> str:
    note = f"evil-pages-marker-{uuid.uuid4().hex}"
    agent.cli("log", "--linkedin", ADA.slug, "--kind", "call", "--direction", "both", "--note", note)
    return note


def is_public_health(response: Response) -> bool:
    """GET /v1/health: public by design (its body is checked by the replay test; an opaque or
    ORB-blocked answer has no body to read here)."""
    return response.request.method == "GET" and response.url.endswith("/v1/health")


@pytest.mark.parametrize(
    ("extra_args", "reaches_agent"),
    [
        # Chromium as shipped: Local Network Access blocks public -> loopback requests before they leave.
        pytest.param([], False, id="local-network-access-as-shipped"),
        # Without LNA the requests reach the agent, so its own gates are what is under test.
        pytest.param([LNA_OFF], True, id="local-network-access-off"),
    ],
)
def test_an_evil_page_reads_nothing_from_the_agent_and_changes_nothing(
    launch_paired: LaunchPaired, agent: AgentProcess, extra_args: list[str], reaches_agent: bool
) -> None:
    browser = launch_paired(extra_args=extra_args)
    log_distinctive_interaction(agent)
    agent.pairing_code()  # pairing mode is open while the page tries /v1/pair
    store_before = store_snapshot(agent.data_dir)
    clients_before = paired_clients(agent.data_dir)
    html = evil_page_html(agent.port, ADA.slug)

    def serve_evil(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    browser.context.route(f"{EVIL_ORIGIN}/**", serve_evil)
    page = browser.context.new_page()
    agent_responses: list[Response] = []
    agent_url = f"http://127.0.0.1:{agent.port}/"
    page.on("response", lambda r: agent_responses.append(r) if r.url.startswith(agent_url) else None)
    page.goto(EVIL_URL)
    page.wait_for_function("window.done === true", timeout=WAIT_MS)
    results = page.evaluate("window.results")

    assert set(results) == ATTEMPTS
    assert {name: result for name, result in results.items() if result["outcome"] == "read"} == {}
    assert store_snapshot(agent.data_dir) == store_before
    assert paired_clients(agent.data_dir) == clients_before
    # What reached the agent (seen by the browser's network stack, not by the page) was refused or was the
    # public health document, and never carried a CORS grant.
    assert [r.url for r in agent_responses if r.status < 400 and not is_public_health(r)] == []
    assert [r.url for r in agent_responses if any(h.startswith("access-control-") for h in r.all_headers())] == []
    refused_writes = [(r.request.method, r.url, r.status) for r in agent_responses if "/v1/interactions" in r.url]
    # Two no-cors fetches and the form; with LNA on, none left the browser.
    assert refused_writes == [("POST", f"{agent_url}v1/interactions", 403)] * (3 if reaches_agent else 0)


def replayed(agent: AgentProcess) -> dict[str, Answer]:
    """The evil page's requests as Chromium sends them (Origin, content type, credentials headers)."""
    port = agent.port
    host = {"Host": f"127.0.0.1:{port}"}
    evil = {**host, "Origin": EVIL_ORIGIN, "Sec-Fetch-Site": "cross-site", "Referer": EVIL_URL}
    forged = json.dumps({"network": "linkedin", "handle": ADA.slug, "kind": "call", "note": FORGED_NOTE}).encode()
    form_body = forged[:-2] + b"=" + forged[-2:] + b"\r\n"  # name=value, as enctype=text/plain writes it
    text = {"Content-Type": "text/plain;charset=UTF-8"}
    cors_json = {**evil, "Content-Type": "application/json"}
    preflight = {**evil, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    preflight_bearer = {**preflight, "Access-Control-Request-Headers": "authorization,content-type"}
    guessed_bearer = {**cors_json, "Authorization": "Bearer guessed-token"}
    pair_body = json.dumps({"code": "ABCD2345"}).encode()
    return {
        "cors_get_health": send(port, "GET", "/v1/health", {**evil, "Sec-Fetch-Mode": "cors"}),
        "preflight_recent": send(port, "OPTIONS", "/v1/recent", preflight),
        "preflight_recent_with_bearer": send(port, "OPTIONS", "/v1/recent", preflight_bearer),
        "preflight_pair": send(port, "OPTIONS", "/v1/pair", preflight),
        "cors_post_pair": send(port, "POST", "/v1/pair", cors_json, pair_body),
        "cors_post_recent_with_bearer": send(port, "POST", "/v1/recent", guessed_bearer, b"{}"),
        "no_cors_post_interaction": send(port, "POST", "/v1/interactions", {**evil, **text}, forged),
        "form_text_plain_post_interaction": send(port, "POST", "/v1/interactions", {**evil, **text}, form_body),
        "form_post_from_sandboxed_frame": send(
            port, "POST", "/v1/interactions", {**text, **host, "Origin": "null"}, form_body
        ),
        "post_without_origin_or_token": send(port, "POST", "/v1/interactions", {**host, **text}, forged),
        "img_get_recent": send(port, "GET", "/v1/recent", {**host, "Sec-Fetch-Dest": "image", "Referer": EVIL_URL}),
        "websocket_events": send(port, "GET", "/v1/events", {**evil, **websocket_upgrade_headers(EVIL_ORIGIN)}),
        "websocket_null_origin": send(port, "GET", "/v1/events", {**host, **websocket_upgrade_headers("null")}),
    }


def test_the_agent_itself_refuses_the_evil_pages_requests_replayed_without_a_browser(agent: AgentProcess) -> None:
    log_distinctive_interaction(agent)
    agent.pairing_code()
    store_before = store_snapshot(agent.data_dir)

    answers = replayed(agent)

    refusals = {name: (answer.status, json.loads(answer.body)["error"]["code"]) for name, answer in answers.items()}
    web_origin = (403, "forbidden_origin")
    assert refusals == {
        "cors_get_health": web_origin,
        "preflight_recent": web_origin,
        "preflight_recent_with_bearer": web_origin,
        "preflight_pair": web_origin,
        "cors_post_pair": web_origin,
        "cors_post_recent_with_bearer": web_origin,
        "no_cors_post_interaction": web_origin,
        "form_text_plain_post_interaction": web_origin,
        "form_post_from_sandboxed_frame": web_origin,
        "post_without_origin_or_token": (401, "unauthenticated"),
        "img_get_recent": (405, "method_not_allowed"),
        "websocket_events": web_origin,
        "websocket_null_origin": web_origin,
    }
    assert {name: answer.cors_headers() for name, answer in answers.items() if answer.cors_headers()} == {}
    assert store_snapshot(agent.data_dir) == store_before
    # An <img> GET of health sends no Origin; it gets only the public health document, with no CORS grant.
    health = send(agent.port, "GET", "/v1/health", {"Host": f"127.0.0.1:{agent.port}", "Sec-Fetch-Dest": "image"})
    assert (health.status, set(json.loads(health.body)), health.cors_headers()) == (200, PUBLIC_HEALTH_FIELDS, [])

"""T12 and T4/T13 from another extension: a hostile extension loaded beside Fathom (with host access to
127.0.0.1 and LinkedIn) can neither message nor connect to our worker, reads and writes nothing through
the agent even with a stolen session token, and its content script cannot read into the overlay."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Worker, expect

from tests.e2e.extension_browser import EXTENSION_DIR, EXTENSION_ID, WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.hostile.agent_secrets import paired_clients, private_secrets, session_token, store_snapshot
from tests.e2e.hostile.conftest import LaunchPaired
from tests.e2e.site_pages import ADA, linkedin_member
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser

HOSTILE_DIR = Path(__file__).resolve().parent / "hostile_extension"
HOSTILE_ID = (HOSTILE_DIR / "EXTENSION_ID").read_text(encoding="utf-8").strip()
NO_RECEIVER = "Could not establish connection. Receiving end does not exist."
PUBLIC_HEALTH_FIELDS = {"name", "version", "api"}
DYNAMIC_OVERLAY_URL = re.compile(
    r"^chrome-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/overlay/overlay\.html$"
)


def fathom_message_types() -> list[str]:
    """Every runtime message type Fathom uses (extension/common/messages.js), to forge each one."""
    source = (EXTENSION_DIR / "common" / "messages.js").read_text(encoding="utf-8")
    types = re.findall(r'^\s+([A-Z][A-Z_]+): "\1"', source, flags=re.MULTILINE)
    assert "UI_PAIR" in types and "CS_PROFILE" in types, "could not read extension/common/messages.js"
    return types


def launch_beside_hostile(launch_paired: LaunchPaired) -> tuple[ExtensionBrowser, Worker]:
    browser = launch_paired(extra_extensions=[HOSTILE_DIR])
    assert browser.extension_id == EXTENSION_ID
    return browser, browser.service_worker(HOSTILE_ID)


def open_ada_with_history(browser: ExtensionBrowser) -> str:
    note = f"hostile-extension-marker-{uuid.uuid4().hex}"
    browser.serve(linkedin_member(ADA))
    overlay = overlay_frame(browser.open_profile(ADA.url))
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)
    overlay.get_by_text("Note, ask or follow-up").click()
    overlay.get_by_label("Note").fill(note)
    overlay.get_by_role("button", name="Log Call now").click()
    expect(overlay.locator(".event-note")).to_have_text([note], timeout=WAIT_MS)
    return note


def error_code(answer: dict[str, Any]) -> tuple[int, str]:
    return answer["status"], json.loads(answer["body"])["error"]["code"]


def test_a_hostile_extension_cannot_message_or_connect_to_our_worker(
    launch_paired: LaunchPaired, agent: AgentProcess
) -> None:
    browser, hostile = launch_beside_hostile(launch_paired)
    open_ada_with_history(browser)
    store_before = store_snapshot(agent.data_dir)
    types = fathom_message_types()
    code = agent.pairing_code()  # pairing mode is open: a forged UI_PAIR with the real code must not pair

    result = hostile.evaluate(
        "attackWorker",
        {"fathomId": EXTENSION_ID, "messageTypes": types, "port": agent.port, "code": code},
    )

    assert result["sent"] == {t: {"outcome": "rejected", "error": NO_RECEIVER} for t in types}
    assert result["connected"] == {
        "overlay_port": {"outcome": "disconnected", "error": NO_RECEIVER, "received": []},
        "unnamed_port": {"outcome": "disconnected", "error": NO_RECEIVER, "received": []},
    }
    assert store_snapshot(agent.data_dir) == store_before
    assert len(paired_clients(agent.data_dir)) == 1


def test_a_hostile_extension_reads_and_writes_nothing_through_the_agent_even_with_a_stolen_token(
    launch_paired: LaunchPaired, agent: AgentProcess
) -> None:
    browser, hostile = launch_beside_hostile(launch_paired)
    open_ada_with_history(browser)
    store_before = store_snapshot(agent.data_dir)
    clients_before = paired_clients(agent.data_dir)

    result = hostile.evaluate(
        "attackAgent",
        {"port": agent.port, "stolenToken": session_token(browser), "handle": ADA.slug, "fathomId": EXTENSION_ID},
    )

    # Health is public by design: it says only that a Fathom agent of this API version listens here.
    health = result.pop("get_health")
    assert (health["status"], set(json.loads(health["body"]))) == (200, PUBLIC_HEALTH_FIELDS)
    assert result.pop("websocket_events") == {"opened": False, "messages": [], "code": 1006}
    assert [result.pop("fathom_manifest")["status"], result.pop("fathom_overlay_page")["status"]] == [0, 0]
    refusals = {name: error_code(answer) for name, answer in result.items()}
    assert refusals == {
        "recent_without_token": (401, "unauthenticated"),
        "recent_with_made_up_token": (401, "unauthenticated"),
        # The token is bound to our extension's Origin; the hostile extension's Origin cannot use it.
        "recent_with_stolen_token": (403, "forbidden_origin"),
        "status_with_stolen_token": (403, "forbidden_origin"),
        "interaction_with_stolen_token": (403, "forbidden_origin"),
        "admin_clients_with_stolen_token": (403, "forbidden_origin"),
        "pair_with_a_guessed_code": (404, "not_pairing"),
    }
    assert store_snapshot(agent.data_dir) == store_before
    assert paired_clients(agent.data_dir) == clients_before


def test_a_hostile_content_script_on_linkedin_cannot_read_the_overlay_or_reach_our_worker(
    launch_paired: LaunchPaired, agent: AgentProcess
) -> None:
    browser, hostile = launch_beside_hostile(launch_paired)
    note = open_ada_with_history(browser)
    privates = [note, *private_secrets(browser, agent.data_dir)]
    store_before = store_snapshot(agent.data_dir)

    probe = hostile.evaluate("runContentProbe", {"fathomId": EXTENSION_ID, "nonce": uuid.uuid4().hex})

    readable = probe.pop("readable_text")
    assert ADA.headline in readable and "<iframe" in readable  # it did read the page and our shadow root
    assert [p for p in privates if p in readable] == []
    # The frame's URL is the per-session dynamic one (use_dynamic_url): it does not even reveal our id.
    assert DYNAMIC_OVERLAY_URL.match(probe.pop("iframe_src"))
    assert probe == {
        "nonce": probe["nonce"],
        "host_found": True,
        "shadow_root_opened": True,
        "iframe_found": True,
        "content_document": "null",
        "window_document": "threw",
        "send_profile": {"outcome": "rejected", "error": NO_RECEIVER},
        "send_log": {"outcome": "rejected", "error": NO_RECEIVER},
        "overlay_port": {"outcome": "disconnected", "error": NO_RECEIVER, "received": []},
    }
    assert store_snapshot(agent.data_dir) == store_before

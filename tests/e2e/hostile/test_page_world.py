"""T11, T12 from the page's side: LinkedIn's own scripts (the page's main world) cannot read the overlay,
cannot message our background worker, and never see the pairing secret K or a session token."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.hostile.agent_secrets import private_secrets
from tests.e2e.hostile.conftest import LaunchPaired
from tests.e2e.hostile.spy_page import spying_linkedin_member
from tests.e2e.site_pages import ADA
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser

# Everything the page's scripts can read: the DOM with every attribute and form value, open shadow roots,
# frame elements and whatever of their windows is reachable, the origin's storage and cookies, resource
# timing (which names loaded URLs), window.name and history.state.
READABLE_BY_THE_PAGE = """async () => {
  const found = [document.documentElement.outerHTML, document.body.innerText, document.title, location.href,
    document.cookie, window.name, JSON.stringify(history.state)];
  const visit = (root) => {
    for (const element of root.querySelectorAll("*")) {
      for (const attribute of element.attributes) found.push(attribute.name, attribute.value);
      if ("value" in element) found.push(String(element.value));
      if (element.shadowRoot) { found.push(element.shadowRoot.innerHTML); visit(element.shadowRoot); }
      if (element instanceof HTMLIFrameElement) {
        found.push(element.src);
        try { found.push(element.contentDocument?.documentElement.outerHTML ?? ""); } catch {}
      }
    }
  };
  visit(document);
  for (let i = 0; i < window.frames.length; i++) {
    try { found.push(window.frames[i].location.href); } catch {}
    try { found.push(window.frames[i].document.documentElement.outerHTML); } catch {}
    try { found.push(window.frames[i].name); } catch {}
  }
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) found.push(storage.key(i), storage.getItem(storage.key(i)));
  }
  found.push(...performance.getEntries().map((entry) => entry.name));
  for (const spied of window.spy.messages) found.push(spied.data);
  return {
    found,
    storage: {
      local: localStorage.length,
      session: sessionStorage.length,
      indexedDB: (await indexedDB.databases()).map((db) => db.name),
      caches: await caches.keys(),
      cookie: document.cookie,
    },
    spy: { shadowRoots: window.spy.shadowRoots.length, iframeSources: window.spy.iframeSources },
  };
}"""

# What the page tries against the overlay and the worker. Each entry says how the attempt ended.
REACH_ATTEMPTS = """async (extensionId) => {
  const out = {};
  const host = document.querySelector("fathom-overlay-host");
  out.host_found = host !== null;
  out.iframe_by_query = document.querySelector("iframe") !== null;
  out.host_shadow_root = host.shadowRoot !== null;
  try { host.attachShadow({ mode: "open" }); out.reattach_shadow = "allowed"; } catch { out.reattach_shadow = "threw"; }
  // A frame inside a shadow tree is not one of the document's child navigables, so not in window.frames.
  out.window_frames = window.frames.length;
  out.runtime = typeof globalThis.chrome?.runtime?.sendMessage;
  if (out.runtime === "function") {
    out.send_message = await chrome.runtime.sendMessage(extensionId, { type: "UI_RECENT", limit: 50 })
      .then(() => "answered", () => "rejected");
  }
  const fetchOutcome = (url) => fetch(url).then((r) => "read " + r.status, () => "rejected");
  out.fetch_manifest = await fetchOutcome(`chrome-extension://${extensionId}/manifest.json`);
  out.fetch_overlay = await fetchOutcome(`chrome-extension://${extensionId}/overlay/overlay.html`);
  // The overlay's static URL (it is web-accessible only through its per-session dynamic URL).
  out.embed_overlay = await new Promise((resolve) => {
    const frame = document.createElement("iframe");
    frame.id = "embedded-overlay";
    frame.addEventListener("load", () => resolve("loaded"), { once: true });
    frame.src = `chrome-extension://${extensionId}/overlay/overlay.html`;
    document.body.append(frame);
  });
  return out;
}"""

# Given the overlay's <iframe> element (which the page cannot find itself), what its window exposes.
REACH_THROUGH_THE_ELEMENT = """(frame) => {
  const out = { content_document: frame.contentDocument === null ? "null" : "read" };
  try { out.window_document = frame.contentWindow.document ? "read" : "null"; } catch { out.window_document = "threw"; }
  try { out.window_href = frame.contentWindow.location.href; } catch { out.window_href = "threw"; }
  return out;
}"""

SPOOFS = """([frame, messages]) => {
  for (const message of messages) {
    frame.contentWindow.postMessage(message, "*");
    frame.contentWindow.postMessage(JSON.stringify(message), "*");
    window.postMessage(message, "*");  // to our content script, which ignores window messages
  }
}"""


def open_spied_profile(browser: ExtensionBrowser) -> tuple[Page, Frame]:
    browser.serve(spying_linkedin_member(ADA))
    page = browser.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)
    return page, overlay


def log_through_overlay(overlay: Frame, note: str, follow_up: str = "") -> None:
    overlay.get_by_text("Note, ask or follow-up").click()
    overlay.get_by_label("Note").fill(note)
    if follow_up:
        overlay.get_by_label("Follow-up").fill(follow_up)
    overlay.get_by_role("button", name="Log Call now").click()
    expect(overlay.locator(".event-note").filter(has_text=note)).to_have_count(1, timeout=WAIT_MS)


def containing(found: list[Any], needle: str) -> list[str]:
    return [str(text)[:200] for text in found if needle in str(text)]


def test_the_page_world_finds_no_private_string_or_secret_anywhere_it_can_read(
    launch_paired: LaunchPaired, agent: AgentProcess
) -> None:
    browser = launch_paired()
    page, overlay = open_spied_profile(browser)
    note = f"private-note-{uuid.uuid4().hex}"
    follow_up = f"private-follow-up-{uuid.uuid4().hex}"
    log_through_overlay(overlay, note, follow_up)
    expect(overlay.locator("ul.why li").first).to_be_visible(timeout=WAIT_MS)
    reasons = overlay.locator("ul.why li").all_inner_texts()
    expect(overlay.locator("#loops")).to_contain_text(follow_up, timeout=WAIT_MS)
    privates = [note, follow_up, *reasons, *private_secrets(browser, agent.data_dir)]

    readable = page.evaluate(READABLE_BY_THE_PAGE)

    assert containing(readable["found"], ADA.headline)  # the walk does read the page
    assert containing(readable["found"], "fathom-overlay-host")  # and sees our host element
    assert {p: containing(readable["found"], p) for p in privates if containing(readable["found"], p)} == {}
    assert readable["storage"] == {"local": 0, "session": 0, "indexedDB": [], "caches": [], "cookie": ""}
    # The content script's attachShadow and iframe.src ran in its isolated world, not through the page's.
    assert readable["spy"] == {"shadowRoots": 0, "iframeSources": []}


def test_the_page_world_cannot_reach_into_the_overlay_or_message_our_worker(launch_paired: LaunchPaired) -> None:
    browser = launch_paired()
    page, overlay = open_spied_profile(browser)

    reached = page.evaluate(REACH_ATTEMPTS, browser.extension_id)
    # Even a page that got hold of the <iframe> element (here handed over by the test) reads nothing.
    through_element = page.evaluate(REACH_THROUGH_THE_ELEMENT, overlay.frame_element())

    assert through_element == {"content_document": "null", "window_document": "threw", "window_href": "threw"}
    assert reached == {
        "host_found": True,
        "iframe_by_query": False,
        "host_shadow_root": False,
        "reattach_shadow": "threw",
        "window_frames": 0,
        "runtime": "undefined",
        "fetch_manifest": "rejected",
        "fetch_overlay": "rejected",
        "embed_overlay": "loaded",  # loaded, but with Chromium's error page, as checked below
    }
    embedded = page.query_selector("#embedded-overlay")
    assert embedded is not None
    embedded_frame = embedded.content_frame()
    assert embedded_frame is not None and embedded_frame.url.startswith("chrome-error://")
    assert embedded_frame.locator("#panel").count() == 0


def test_postmessage_spoofing_neither_drives_the_overlay_nor_gets_an_answer(
    launch_paired: LaunchPaired, agent: AgentProcess
) -> None:
    browser = launch_paired()
    page, overlay = open_spied_profile(browser)
    forged_note = f"forged-by-postmessage-{uuid.uuid4().hex}"
    spoofs = [
        {"type": "UI_LOG", "kind": "call", "note": forged_note},
        {"type": "UI_OPEN_OPTIONS"},
        {"type": "UI_RECENT", "limit": 50},
        {"type": "UI_GET_STATE"},
        {"type": "BG_RENDER", "agent": {"state": "connected"}, "view": {"person": {"name": forged_note}}},
        {"type": "BG_SEND_CONTEXT"},
        {"type": "CS_PROFILE", "url": ADA.url, "html": f"<h1>{forged_note}</h1>"},
    ]
    # Test instrumentation in the overlay's own world, only to know the spoofs were delivered.
    overlay.evaluate("() => { window.delivered = 0; addEventListener('message', () => window.delivered++); }")

    # The page cannot find the overlay's frame (closed shadow root, not in window.frames); the test hands
    # it the <iframe> element to show that even then a forged message does nothing.
    pages_before = len(browser.context.pages)
    page.evaluate(SPOOFS, [overlay.frame_element(), spoofs])

    overlay.wait_for_function("n => window.delivered >= n", arg=2 * len(spoofs), timeout=WAIT_MS)
    real_note = f"real-note-{uuid.uuid4().hex}"
    log_through_overlay(overlay, real_note)  # the port to the worker is ordered: a forged log would be first
    assert [i["note"] for i in agent.show("linkedin", ADA.slug)["interactions"]] == [real_note]
    expect(overlay.locator("#person-name")).to_have_text(ADA.name)
    assert len(browser.context.pages) == pages_before  # a forged UI_OPEN_OPTIONS opened no options tab
    origins = {m["origin"] for m in page.evaluate("window.spy.messages")}
    assert origins == {"https://www.linkedin.com"}  # only the page's own posts; nothing came back

"""The attacker's page at https://evil.test/: it tries every way a web page has to reach the agent.

Each attempt records its outcome in `window.results[name]`, and `window.done` turns true when all have
settled. An outcome is "rejected" (the promise failed), "opaque" (a no-cors answer the page cannot
read), "error" / "unreadable" (an element that failed or whose document is cross-origin), "closed" (a
WebSocket that never opened), or "read" with what the page got: any "read" is a leak.
"""

from __future__ import annotations

import json

EVIL_ORIGIN = "https://evil.test"
EVIL_URL = f"{EVIL_ORIGIN}/attack.html"
FORGED_NOTE = "forged-by-evil-test"

# Why each attempt: cors fetches read answers only with Access-Control-Allow-Origin; no-cors fetches,
# forms and images are "simple" cross-site requests that need no preflight (CSRF); the WebSocket is
# cross-site WebSocket hijacking (no CORS at all, only the Origin check protects it).
_SCRIPT = """
const AGENT = "http://127.0.0.1:" + PORT;
const results = (window.results = {});
window.done = false;

async function tryFetch(name, path, init) {
  try {
    const response = await fetch(AGENT + path, init);
    if (response.type === "opaque") return (results[name] = { outcome: "opaque" });
    results[name] = { outcome: "read", status: response.status, body: await response.text() };
  } catch (error) {
    results[name] = { outcome: "rejected", error: String(error) };
  }
}

function tryImage(name, path) {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve((results[name] = { outcome: "read", width: img.naturalWidth }));
    img.onerror = () => resolve((results[name] = { outcome: "error" }));
    img.src = AGENT + path;
  });
}

function tryForm(name, path, fields) {
  // enctype=text/plain turns name=value into a JSON-looking body: the classic JSON CSRF.
  return new Promise((resolve) => {
    const sink = document.createElement("iframe");
    sink.name = "sink-" + name;
    document.body.append(sink);
    const form = document.createElement("form");
    form.method = "POST";
    form.enctype = "text/plain";
    form.action = AGENT + path;
    form.target = sink.name;
    const input = document.createElement("input");
    input.name = fields.slice(0, -2);
    input.value = fields.slice(-2);
    form.append(input);
    document.body.append(form);
    sink.addEventListener("load", () => {
      try {
        const doc = sink.contentDocument;
        const outcome = doc ? { outcome: "read", body: doc.documentElement.outerHTML } : { outcome: "unreadable" };
        resolve((results[name] = outcome));
      } catch (error) {
        resolve((results[name] = { outcome: "unreadable", error: String(error) }));
      }
    }, { once: true });
    form.submit();
  });
}

function trySocket(name, path) {
  return new Promise((resolve) => {
    const messages = [];
    let opened = false;
    const socket = new WebSocket("ws://127.0.0.1:" + PORT + path);
    socket.onopen = () => {
      opened = true;
      socket.send(JSON.stringify({ type: "auth", client_id: "c_guess", client_nonce: "AAAA", mac: "AAAA" }));
    };
    socket.onmessage = (event) => messages.push(String(event.data));
    socket.onclose = (event) => resolve((results[name] = {
      outcome: opened || messages.length ? "read" : "closed", code: event.code, messages,
    }));
  });
}

const forged = JSON.stringify({ network: "linkedin", handle: HANDLE, kind: "call", note: FORGED });
const json = { "Content-Type": "application/json" };
Promise.all([
  tryFetch("cors_get_health", "/v1/health", {}),
  tryFetch("cors_get_health_with_credentials", "/v1/health", { credentials: "include" }),
  tryFetch("cors_post_recent", "/v1/recent", { method: "POST", headers: json, body: "{}" }),
  tryFetch("cors_post_recent_with_bearer", "/v1/recent", {
    method: "POST", headers: { ...json, Authorization: "Bearer guessed-token" }, body: "{}", credentials: "include",
  }),
  tryFetch("cors_post_pair", "/v1/pair", { method: "POST", headers: json, body: JSON.stringify({ code: "ABCD2345" }) }),
  tryFetch("no_cors_get_health", "/v1/health", { mode: "no-cors" }),
  tryFetch("no_cors_post_interaction", "/v1/interactions", {
    method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: forged,
  }),
  tryFetch("no_cors_post_interaction_with_credentials", "/v1/interactions", {
    method: "POST", mode: "no-cors", credentials: "include", headers: { "Content-Type": "text/plain" }, body: forged,
  }),
  tryForm("form_text_plain_post_interaction", "/v1/interactions", forged),
  tryImage("img_get_health", "/v1/health"),
  tryImage("img_get_recent", "/v1/recent"),
  trySocket("websocket_events", "/v1/events"),
]).then(() => { window.done = true; });
"""


def evil_page_html(port: int, handle: str) -> str:
    """The attack page for the agent on `port`; forged writes target the LinkedIn member `handle`."""
    constants = f"const PORT = {port}; const HANDLE = {json.dumps(handle)}; const FORGED = {json.dumps(FORGED_NOTE)};"
    return f"""<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Totally harmless</title></head>
  <body>
    <h1>Nothing to see here</h1>
    <script>{constants}{_SCRIPT}</script>
  </body>
</html>"""

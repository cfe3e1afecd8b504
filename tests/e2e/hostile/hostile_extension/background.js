// The hostile extension's worker. The test calls these globals through Playwright's worker.evaluate.
importScripts("attempts.js");

const { sendTo, connectTo } = globalThis.HostileAttempts;

async function request(url, init = {}) {
  try {
    const response = await fetch(url, init);
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: String(error?.message ?? error) };
  }
}

function socket(url) {
  return new Promise((resolve) => {
    const messages = [];
    let opened = false;
    const ws = new WebSocket(url);
    ws.onopen = () => {
      opened = true;
      ws.send(JSON.stringify({ type: "auth", client_id: "c_guess", client_nonce: "AAAA", mac: "AAAA" }));
    };
    ws.onmessage = (event) => messages.push(String(event.data));
    ws.onclose = (event) => resolve({ opened, messages, code: event.code });
  });
}

/** Messages and a port to Fathom's worker, with every message type Fathom's own pages use. */
globalThis.attackWorker = async ({ fathomId, messageTypes, port, code }) => {
  const sent = {};
  for (const type of messageTypes) sent[type] = await sendTo(fathomId, { type, limit: 50, port, code, note: "forged-by-hostile-extension" });
  const connected = {
    overlay_port: await connectTo(fathomId, "fathom-overlay", [{ type: "UI_LOG", kind: "call", note: "forged-by-hostile-extension" }]),
    unnamed_port: await connectTo(fathomId, "", [{ type: "UI_RECENT", limit: 50 }]),
  };
  return { sent, connected };
};

/** The agent over HTTP and WebSocket, without a token, with a made-up one and with a stolen real one. */
globalThis.attackAgent = async ({ port, stolenToken, handle, fathomId }) => {
  const agent = `http://127.0.0.1:${port}`;
  const json = { "Content-Type": "application/json" };
  const bearer = (token) => ({ ...json, Authorization: `Bearer ${token}` });
  const forged = JSON.stringify({ network: "linkedin", handle, kind: "call", note: "forged-by-hostile-extension" });
  const post = (path, headers, body = "{}") => request(agent + path, { method: "POST", headers, body });
  return {
    get_health: await request(`${agent}/v1/health`),
    recent_without_token: await post("/v1/recent", json),
    recent_with_made_up_token: await post("/v1/recent", bearer("c2Vzc2lvbi10b2tlbi1ndWVzcw")),
    recent_with_stolen_token: await post("/v1/recent", bearer(stolenToken)),
    status_with_stolen_token: await post("/v1/status", bearer(stolenToken)),
    interaction_with_stolen_token: await post("/v1/interactions", bearer(stolenToken), forged),
    admin_clients_with_stolen_token: await post("/v1/admin/clients", bearer(stolenToken)),
    pair_with_a_guessed_code: await post("/v1/pair", json, JSON.stringify({ code: "ABCD2345", label: "hostile", browser: "chrome" })),
    websocket_events: await socket(`ws://127.0.0.1:${port}/v1/events`),
    fathom_manifest: await request(`chrome-extension://${fathomId}/manifest.json`),
    fathom_overlay_page: await request(`chrome-extension://${fathomId}/overlay/overlay.html`),
  };
};

function nextChange(key, accept) {
  return new Promise((resolve) => {
    const listener = (changes, area) => {
      const value = changes[key]?.newValue;
      if (area === "local" && value !== undefined && accept(value)) {
        chrome.storage.onChanged.removeListener(listener);
        resolve(value);
      }
    };
    chrome.storage.onChanged.addListener(listener);
  });
}

/** Asks the content script in the LinkedIn tab to probe the page (request.nonce identifies the answer). */
globalThis.runContentProbe = async (request) => {
  const ready = nextChange("contentReady", () => true);
  if (!(await chrome.storage.local.get("contentReady")).contentReady) await ready;
  const result = nextChange("probeResult", (value) => value.nonce === request.nonce);
  await chrome.storage.local.set({ probeRequest: request });
  return result;
};

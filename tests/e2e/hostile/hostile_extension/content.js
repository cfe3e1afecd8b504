// The hostile extension's content script on LinkedIn profiles. Unlike the page, it can open closed shadow
// roots (chrome.dom.openOrClosedShadowRoot) and may message other extensions. It probes when its worker
// asks (storage.local "probeRequest") and answers in storage.local "probeResult".
(() => {
  const { sendTo, connectTo } = globalThis.HostileAttempts;
  const FORGED = "forged-by-hostile-content-script";

  async function probe(request) {
    const out = {};
    const host = document.querySelector("fathom-overlay-host");
    const root = host ? chrome.dom.openOrClosedShadowRoot(host) : null;
    const frame = root?.querySelector("iframe") ?? null;
    out.host_found = host !== null;
    out.shadow_root_opened = root !== null;
    out.iframe_found = frame !== null;
    out.iframe_src = frame?.src ?? null;
    out.content_document = frame ? (frame.contentDocument === null ? "null" : "read") : "no frame";
    try {
      out.window_document = frame.contentWindow.document ? "read" : "null";
    } catch {
      out.window_document = "threw";
    }
    frame?.contentWindow.postMessage({ type: "UI_LOG", kind: "call", note: FORGED }, "*");
    out.readable_text = [document.documentElement.outerHTML, document.body.innerText, root ? root.innerHTML : ""].join("\n");
    out.send_profile = await sendTo(request.fathomId, { type: "CS_PROFILE", url: location.href, html: "<h1>forged</h1>" });
    out.send_log = await sendTo(request.fathomId, { type: "UI_LOG", kind: "call", note: FORGED });
    out.overlay_port = await connectTo(request.fathomId, "fathom-overlay", [{ type: "UI_LOG", kind: "call", note: FORGED }]);
    await chrome.storage.local.set({ probeResult: { nonce: request.nonce, ...out } });
  }

  chrome.storage.onChanged.addListener((changes, area) => {
    const request = changes.probeRequest?.newValue;
    if (area === "local" && request) probe(request);
  });
  chrome.storage.local.set({ contentReady: location.href });
})();

// The overlay's first script (overlay.html loads it before its styles and modules). It opens the port to
// the background worker at once, so the worker's first render, which usually already holds the agent's
// answer, travels while the rest of the page loads; and it paints the bar (name, stage) from that render
// as soon as the bar is parsed. overlay.js takes the port over when it has loaded and renders the rest.
globalThis.FathomFirstPaint = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const MSG = globalThis.FathomMessages;
  const port = api.runtime.connect({ name: MSG.PORT_OVERLAY });
  let latest = null; // the newest render before the hand-over
  let onRender = null; // overlay.js's handler, after the hand-over
  let disconnected = false;

  function paint() {
    if (latest && document.getElementById("bar")) globalThis.FathomOverlayBar.paint(document, latest);
  }

  port.onMessage.addListener((message) => {
    if (!message || message.type !== MSG.BG_RENDER) return;
    if (onRender) {
      onRender(message);
      return;
    }
    latest = message;
    paint();
  });
  port.onDisconnect.addListener(() => {
    disconnected = true;
  });
  // The document turns "interactive" once parsed, before its module scripts run: the bar exists by then.
  document.addEventListener("readystatechange", paint, { once: true });

  /**
   * Hands the port to the full renderer: `handler` gets the newest render so far, then every later one.
   * Returns the port, or null if the worker already dropped it (the caller connects anew).
   */
  function takeOver(handler) {
    if (onRender) throw new Error("The overlay port was already taken over.");
    onRender = handler;
    if (disconnected) return null;
    if (latest) handler(latest);
    latest = null;
    return port;
  }

  return Object.freeze({ takeOver });
})();

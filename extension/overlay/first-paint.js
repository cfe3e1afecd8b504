// The overlay's first script (overlay.html loads it before its styles and modules). It opens the port to
// the background worker at once, so the worker's first render, which usually already holds the agent's
// answer, travels while the rest of the page loads; and it paints the bar (name, stage) from every render
// as soon as the bar is parsed. overlay.js takes the port over when it has loaded and renders the rest.
globalThis.FathomFirstPaint = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const MSG = globalThis.FathomMessages;
  const port = api.runtime.connect({ name: MSG.PORT_OVERLAY });
  let latest = null; // the newest render on this port
  let onRender = null; // overlay.js's handler, after the hand-over
  let disconnected = false;

  // bar.js loads after this script (so the port opens one script sooner), but before the bar is parsed.
  function paint() {
    if (latest && document.getElementById("bar-stage")) globalThis.FathomOverlayBar.paint(document, latest);
  }

  port.onMessage.addListener((message) => {
    if (!message || message.type !== MSG.BG_RENDER) return;
    latest = message;
    paint(); // after the hand-over too: the full render first waits for the stored settings
    if (onRender) onRender(message);
  });
  port.onDisconnect.addListener(() => {
    disconnected = true;
  });
  // A render that came before the bar is painted as soon as the parser has inserted the bar, not only
  // once the whole document is parsed.
  const barWatch = new MutationObserver(() => {
    if (!document.getElementById("bar-stage")) return;
    barWatch.disconnect();
    paint();
  });
  barWatch.observe(document, { childList: true, subtree: true });

  /**
   * Hands the port to the full renderer: `handler` gets the newest render so far, then every later one.
   * Returns the port, or null if the worker already dropped it (the caller connects anew).
   */
  function takeOver(handler) {
    if (onRender) throw new Error("The overlay port was already taken over.");
    onRender = handler;
    if (disconnected) return null;
    if (latest) handler(latest);
    return port;
  }

  return Object.freeze({ takeOver });
})();

// What a hostile extension can try against Fathom's worker, shared by its worker and content script.
// Every attempt resolves to a plain object saying how it ended; none throws.
globalThis.HostileAttempts = (() => {
  // Only reached if a connection stays open, which is itself the failure being tested for.
  const STILL_OPEN_AFTER_MS = 10_000;

  async function sendTo(extensionId, message) {
    try {
      const reply = await chrome.runtime.sendMessage(extensionId, message);
      return { outcome: "answered", reply: reply ?? null };
    } catch (error) {
      return { outcome: "rejected", error: String(error?.message ?? error) };
    }
  }

  function connectTo(extensionId, name, messages) {
    return new Promise((resolve) => {
      const received = [];
      let port;
      try {
        port = chrome.runtime.connect(extensionId, { name });
      } catch (error) {
        resolve({ outcome: "threw", error: String(error?.message ?? error), received });
        return;
      }
      const guard = setTimeout(() => resolve({ outcome: "still open", received }), STILL_OPEN_AFTER_MS);
      port.onMessage.addListener((message) => received.push(message));
      port.onDisconnect.addListener(() => {
        clearTimeout(guard);
        resolve({ outcome: received.length ? "answered" : "disconnected", error: chrome.runtime.lastError?.message ?? null, received });
      });
      for (const message of messages) {
        try {
          port.postMessage(message);
        } catch {
          // already disconnected
        }
      }
    });
  }

  return Object.freeze({ sendTo, connectTo });
})();

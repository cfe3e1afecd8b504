// Mounts the overlay: one fixed-position host element (all: initial, so neither the page's CSS nor ours
// leaks across) holding, in a closed shadow root, an iframe of the extension's overlay page. The page
// can see that the frame exists but cannot read into it: the overlay is cross-origin to LinkedIn/X and
// gets its data only from the background worker. Nothing else is added to the page. The host goes on
// <html> itself, not in <body>: it is mounted as soon as <body> exists (the page's theme is known from
// then), and the frame then loads while the rest of the page is still being parsed.
globalThis.FathomOverlayMount = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const HOST_TAG = "fathom-overlay-host";
  const TOP_PX = 72; // below LinkedIn's 52 px global nav
  const MAX_WIDTH = 420;
  const START = { width: 360, height: 120 };
  const EXPANDED_WIDTH = 360; // overlay/overlay.js
  const RIGHT_PX = 16;

  function hostStyle({ width, height }) {
    return [
      "all: initial",
      "display: block",
      "position: fixed",
      `top: ${TOP_PX}px`,
      `right: ${RIGHT_PX}px`,
      "z-index: 2147483646",
      `width: ${Math.min(MAX_WIDTH, Math.max(40, width))}px`,
      // Kept inside the window by CSS rather than by reading innerHeight, which at document_start would
      // force the page's first style and layout before the frame has even started loading.
      `height: min(${Math.max(40, height)}px, max(120px, 100vh - ${TOP_PX + 16}px))`,
      "contain: strict",
      "pointer-events: auto",
    ]
      .map((rule) => `${rule} !important`)
      .join("; ");
  }

  function mount(signal) {
    for (const stale of document.querySelectorAll(HOST_TAG)) stale.remove();
    const host = document.createElement(HOST_TAG);
    host.setAttribute("style", hostStyle(START));
    const shadow = host.attachShadow({ mode: "closed" });
    const frame = document.createElement("iframe");
    frame.setAttribute("title", "Fathom");
    frame.setAttribute(
      "style",
      "all: initial; display: block; border: 0; width: 100%; height: 100%; background: transparent;",
    );
    frame.src = api.runtime.getURL("overlay/overlay.html");
    shadow.append(frame);
    document.documentElement?.append(host); // null only if a page script removed <html>: show nothing
    signal.addEventListener("abort", () => host.remove(), { once: true });
    return Object.freeze({
      resize(size) {
        if (!signal.aborted) host.setAttribute("style", hostStyle(size));
      },
      /** Whether the expanded overlay covers any of `elements` (the profile's own action buttons). */
      covers(elements) {
        const bottom = Math.max(host.getBoundingClientRect().bottom, TOP_PX + START.height);
        const left = innerWidth - RIGHT_PX - EXPANDED_WIDTH;
        return elements.some((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > left && r.left < innerWidth - RIGHT_PX && r.bottom > TOP_PX && r.top < bottom;
        });
      },
    });
  }

  /**
   * Before the page is drawn: whether the expanded overlay takes so much of the window's width that it
   * must cover the profile's action buttons (a phone-sized window), whatever the layout.
   */
  function tooNarrow() {
    return innerWidth < 2 * (EXPANDED_WIDTH + 2 * RIGHT_PX);
  }

  return Object.freeze({ mount, tooNarrow, HOST_TAG });
})();

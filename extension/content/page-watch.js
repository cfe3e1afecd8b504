// Detects which profile the tab shows, including SPA navigation (pushState/popstate). Content scripts
// live in an isolated world and cannot hook the page's history calls, so URL changes are noticed by a
// cheap poll of location.href, the Navigation API where the browser has one, and a <title> observer.
// Each profile view gets its own AbortController: everything mounted for it is torn down on abort.
// The script runs at document_start: a profile is reported from its URL at once, its header later.
globalThis.FathomPageWatch = (() => {
  const POLL_MS = 300;
  const HEADER_WAIT_MS = 10000; // after this the context is sent with whatever header there is

  // Resolves once the document is parsed. Looking for the header earlier would run our selectors on
  // every batch the parser inserts, slowing the host page for no gain: the URL already named the profile.
  function parsed(signal) {
    if (document.readyState !== "loading" || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      document.addEventListener("DOMContentLoaded", () => resolve(), { once: true, signal });
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
  }

  // Resolves with the profile header once the page shows the header for `key`, or null on timeout.
  // onHeadOnly() is called once the document is parsed without the header: the head's title, og and
  // JSON-LD already name the person (or say the profile does not exist), so they need not wait for it.
  async function waitForHeader(site, key, signal, onHeadOnly) {
    await parsed(signal);
    if (signal.aborted) return null;
    return new Promise((resolve) => {
      const found = site.findHeader(document, key);
      if (found) return resolve(found);
      onHeadOnly();
      const observer = new MutationObserver(() => {
        const header = site.findHeader(document, key);
        if (header) finish(header);
      });
      const timer = setTimeout(() => finish(null), HEADER_WAIT_MS);
      function finish(value) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(value);
      }
      signal.addEventListener("abort", () => finish(null), { once: true });
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    });
  }

  /**
   * Calls onProfile({key, header, headOnly, signal}) as soon as the URL shows a new profile, where `header`
   * is a promise of the profile's header element (null if it never appeared) and `headOnly` a promise that
   * resolves when the document is parsed and the header is not there yet (it never resolves otherwise);
   * and onLeave() when the tab navigates to a page that is not a profile. Returns a function that stops
   * watching.
   */
  function watch(site, { onProfile, onLeave }) {
    const stop = new AbortController();
    let current = null; // {key, controller}: the profile view on screen now

    function check() {
      const key = site.profileKey(location.href);
      if (current && current.key === key) return;
      if (current) current.controller.abort();
      current = null;
      if (!key) {
        onLeave();
        return;
      }
      const controller = new AbortController();
      current = { key, controller };
      let headOnly;
      const headReady = new Promise((resolve) => {
        headOnly = resolve;
      });
      const header = waitForHeader(site, key, controller.signal, () => headOnly());
      onProfile({ key, header, headOnly: headReady, signal: controller.signal });
    }

    function observeTitle() {
      const title = document.querySelector("head > title");
      if (!title || stop.signal.aborted) return;
      const observer = new MutationObserver(check);
      observer.observe(title, { childList: true, characterData: true, subtree: true });
      stop.signal.addEventListener("abort", () => observer.disconnect());
    }

    const timer = setInterval(check, POLL_MS);
    stop.signal.addEventListener("abort", () => clearInterval(timer));
    if (globalThis.navigation && typeof navigation.addEventListener === "function") {
      // The event fires before the URL commits; check on the next task, when location.href is updated.
      navigation.addEventListener("navigatesuccess", () => setTimeout(check, 0), { signal: stop.signal });
    }
    addEventListener("popstate", check, { signal: stop.signal });
    parsed(stop.signal).then(observeTitle); // at document_start there is no <title> yet
    check();
    return () => {
      stop.abort();
      if (current) current.controller.abort();
    };
  }

  return Object.freeze({ watch });
})();

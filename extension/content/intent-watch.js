// Notices clicks on the profile's Connect / Message / Follow controls. In "confirm" mode the click is
// held (default prevented, propagation stopped) until the user chooses Continue or Cancel in the
// overlay; Continue replays it on the same element.
globalThis.FathomIntentWatch = (() => {
  function watch(site, key, { signal, holdClicks, onIntent }) {
    const replaying = new WeakSet();

    function onClick(event) {
      const target = event.target instanceof Element ? event.target : null;
      const match = target && site.intentFor(target, key);
      if (!match) return;
      if (replaying.has(match.element)) {
        replaying.delete(match.element);
        return;
      }
      if (!event.isTrusted) return; // page scripts cannot drive our checks with synthetic clicks
      const hold = holdClicks();
      if (hold) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      onIntent({
        intent: match.intent,
        hold,
        replay() {
          if (signal.aborted || !match.element.isConnected) return;
          replaying.add(match.element);
          match.element.click();
        },
      });
    }

    // Capture on window so a held click is stopped before the page's own handlers see it.
    addEventListener("click", onClick, { capture: true, signal });
  }

  return Object.freeze({ watch });
})();

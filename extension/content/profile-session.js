// Wires one site's definition to the page: watches for profiles, mounts the overlay for each, reports
// the profile and Connect/Message/Follow intents to the background worker. A profile is reported twice:
// its identity from the URL at once (so the worker asks the agent while the page is still loading), then
// the page context once the header is there. Content scripts never talk to the agent and hold no
// private data; they ignore window.postMessage entirely.
globalThis.FathomProfileSession = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const MSG = globalThis.FathomMessages;

  function send(message) {
    // The worker may be restarting or the extension reloading; the next report recovers either way.
    return api.runtime.sendMessage(message).catch(() => undefined);
  }

  function start(site) {
    let settings = { ...globalThis.FathomSettings.DEFAULTS }; // the stored ones replace these below

    // The profile on screen: {key, header, signal, frame, pendingReplay}; header is undefined while the
    // page has not shown it yet, and null if it never did.
    let view = null;

    // Whether the expanded overlay would hide the profile's own Connect / Message / Follow: then it starts
    // collapsed. Measured once the header is on screen; before that, only a narrow window says so.
    function coversActions() {
      const narrow = globalThis.FathomOverlayMount.tooNarrow();
      if (narrow || !view?.header || !view.frame) return narrow;
      const actions = site.selectors.intents.flatMap(([, selector]) => [...view.header.querySelectorAll(selector)]);
      return view.frame.covers(actions);
    }

    function announce() {
      if (!view) return;
      send({
        type: MSG.CS_PROFILE_OPEN,
        url: location.href,
        network: site.name,
        handle: view.key,
        theme: pageTheme(), // null at document_start: the worker then waits for CS_THEME before rendering
        coversActions: coversActions(),
      });
    }

    // The page's own light or dark, once <body> is parsed (X writes its theme into the body's style); null
    // before, when only the previous page's colours could be guessed, and a wrong guess flashes.
    function pageTheme() {
      return document.body ? globalThis.FathomTheme.hostTheme(document) : null;
    }

    // `partial`: the document is parsed but the header is not on screen yet; only the head is sent.
    function report({ partial = false } = {}) {
      if (!view || (view.header === undefined && !partial)) return; // the header wait reports when it ends
      const context = globalThis.FathomPageContext.collect(document, site, view.key, view.header ?? null);
      const theme = globalThis.FathomTheme.hostTheme(document);
      send({
        type: MSG.CS_PROFILE,
        ...context,
        network: site.name,
        handle: view.key,
        theme,
        partial,
        coversActions: coversActions(),
      });
    }

    // Runs `then` once <body> is parsed (at once if it is): the page's colours are known from then on, long
    // before the document is. Watched, not polled, so nothing waits longer than the parser.
    function whenBodyExists(signal, then) {
      if (document.body) return then();
      const observer = new MutationObserver(() => {
        if (!document.body) return;
        observer.disconnect();
        if (!signal.aborted) then();
      });
      observer.observe(document.documentElement, { childList: true });
      signal.addEventListener("abort", () => observer.disconnect(), { once: true });
    }

    // Watching starts first: at document_start the URL already names the profile, so the lookup starts at
    // once; reading the settings and adding the listeners below can wait that long.
    globalThis.FathomPageWatch.watch(site, {
      onProfile({ key, header, headOnly, signal }) {
        view = { key, header: undefined, signal, frame: null, pendingReplay: null };
        const mine = view;
        // The agent answers the lookup while the page's head is parsed. The frame is mounted once <body>
        // is there, with the page's theme sent just before it, so its first paint is already in the
        // page's colours (the worker also holds every render until it knows them).
        announce();
        whenBodyExists(signal, () => {
          send({ type: MSG.CS_THEME, theme: pageTheme() });
          mine.frame = globalThis.FathomOverlayMount.mount(signal);
        });
        signal.addEventListener("abort", () => {
          if (view === mine) view = null;
        });
        globalThis.FathomIntentWatch.watch(site, key, {
          signal,
          holdClicks: () => settings.mode === "confirm",
          onIntent({ intent, hold, replay }) {
            if (hold) mine.pendingReplay = replay;
            send({ type: MSG.CS_INTENT, intent, hold });
          },
        });
        headOnly.then(() => {
          if (!signal.aborted && mine.header === undefined) report({ partial: true });
        });
        header.then((found) => {
          if (signal.aborted) return;
          mine.header = found;
          report();
        });
      },
      onLeave() {
        send({ type: MSG.CS_PROFILE_GONE });
      },
    });

    globalThis.FathomSettings.load(api.storage.local).then((loaded) => {
      settings = loaded;
    });
    api.storage.onChanged.addListener((changes, area) => {
      if (area === "local" && changes.settings) {
        globalThis.FathomSettings.load(api.storage.local).then((loaded) => {
          settings = loaded;
        });
      }
    });

    api.runtime.onMessage.addListener((message, sender) => {
      if (sender.id !== api.runtime.id || !view || typeof message !== "object" || message === null) return;
      if (message.type === MSG.BG_FRAME_SIZE) {
        view.frame?.resize({ width: Number(message.width) || 0, height: Number(message.height) || 0 });
      } else if (message.type === MSG.BG_SEND_CONTEXT) {
        announce();
        report();
      } else if (message.type === MSG.BG_INTENT_DECISION) {
        const replay = view.pendingReplay;
        view.pendingReplay = null;
        if (replay && message.decision === "continue") replay();
      }
    });
  }

  return Object.freeze({ start });
})();

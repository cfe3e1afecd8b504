// Wires one site's definition to the page: watches for profiles, mounts the overlay for each, reports
// the page context and Connect/Message/Follow intents to the background worker. Content scripts never
// talk to the agent and hold no private data; they ignore window.postMessage entirely.
globalThis.FathomProfileSession = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const MSG = globalThis.FathomMessages;

  function send(message) {
    // The worker may be restarting or the extension reloading; the next report recovers either way.
    return api.runtime.sendMessage(message).catch(() => undefined);
  }

  function start(site) {
    let settings = { ...globalThis.FathomSettings.DEFAULTS };
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

    let view = null; // {key, header, signal, frame, pendingReplay}: the profile on screen

    function report() {
      if (!view) return;
      const context = globalThis.FathomPageContext.collect(document, site, view.key, view.header);
      send({ type: MSG.CS_PROFILE, ...context, theme: globalThis.FathomTheme.hostTheme(document) });
    }

    api.runtime.onMessage.addListener((message, sender) => {
      if (sender.id !== api.runtime.id || !view || typeof message !== "object" || message === null) return;
      if (message.type === MSG.BG_FRAME_SIZE) {
        view.frame.resize({ width: Number(message.width) || 0, height: Number(message.height) || 0 });
      } else if (message.type === MSG.BG_SEND_CONTEXT) {
        report();
      } else if (message.type === MSG.BG_INTENT_DECISION) {
        const replay = view.pendingReplay;
        view.pendingReplay = null;
        if (replay && message.decision === "continue") replay();
      }
    });

    globalThis.FathomPageWatch.watch(site, {
      onProfile({ key, header, signal }) {
        const frame = globalThis.FathomOverlayMount.mount(signal);
        view = { key, header, signal, frame, pendingReplay: null };
        const mine = view;
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
        report();
      },
      onLeave() {
        send({ type: MSG.CS_PROFILE_GONE });
      },
    });
  }

  return Object.freeze({ start });
})();

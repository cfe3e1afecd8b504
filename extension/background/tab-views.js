// What each tab's overlay shows: the profile context its content script reported, the agent's view of
// that person, a pending Connect/Message/Follow check, and the last one-click log (for Undo). Renders
// go to the overlay frame over its runtime port; nothing here is ever sent to the host page.
import "../shared/messages.js";

const MSG = globalThis.FathomMessages;
const UNDO_MS = 5_000;
// Content scripts already bound the context to 256 KB; the worker does not rely on that alone.
const MAX_URL_CHARS = 2_048;
const MAX_HTML_CHARS = 300_000;
const INTENT_KIND = Object.freeze({ connect: "connection_request", message: "dm", follow: "follow" });

export class TabViews {
  #tabs = new Map(); // tabId -> tab record
  #client;
  #sendToTab;

  /** client: AgentClient; sendToTab(tabId, message): message the tab's top-frame content script. */
  constructor({ client, sendToTab }) {
    this.#client = client;
    this.#sendToTab = sendToTab;
  }

  profileSeen(tabId, { url, html, theme }) {
    const previous = this.#tabs.get(tabId);
    const tab = {
      tabId,
      url: String(url).slice(0, MAX_URL_CHARS),
      html: String(html).slice(0, MAX_HTML_CHARS),
      theme: theme === "dark" ? "dark" : "light",
      view: null,
      error: null,
      loading: true,
      check: null,
      logged: null,
      port: previous?.port ?? null,
      pendingHold: false,
    };
    this.#tabs.set(tabId, tab);
    this.#render(tab);
    return this.#load(tab, () => this.#client.context(tab.url, tab.html));
  }

  profileGone(tabId) {
    const tab = this.#tabs.get(tabId);
    if (tab) this.#tabs.delete(tabId);
    this.#syncSubscriptions();
  }

  tabClosed(tabId) {
    this.profileGone(tabId);
  }

  attachOverlay(tabId, port) {
    let tab = this.#tabs.get(tabId);
    if (!tab) {
      // The worker restarted and lost its tab records: ask the content script to report again.
      tab = { tabId, url: "", html: "", theme: "light", view: null, error: null, loading: true, check: null, logged: null };
      this.#tabs.set(tabId, tab);
      this.#sendToTab(tabId, { type: MSG.BG_SEND_CONTEXT });
    }
    tab.port = port;
    port.onDisconnect.addListener(() => {
      if (tab.port !== port) return;
      tab.port = null;
      if (tab.pendingHold) this.intentDecision(tabId, "continue"); // never trap a held click
    });
    this.#render(tab);
  }

  resize(tabId, { width, height }) {
    this.#sendToTab(tabId, { type: MSG.BG_FRAME_SIZE, width: Number(width) || 0, height: Number(height) || 0 });
  }

  retry(tabId) {
    const tab = this.#tabs.get(tabId);
    this.#client.reconnect().then(() => {
      if (tab && tab.url) this.#reload(tab);
    });
  }

  async log(tabId, { kind, note, ask, follow_up: followUp }) {
    const tab = this.#tabs.get(tabId);
    if (!tab || !tab.view) return;
    const kindRow = (tab.view.kinds || []).find((k) => k.id === kind);
    if (!kindRow) return;
    const body = { ...this.#target(tab.view), kind, direction: kindRow.default_direction, at: new Date().toISOString() };
    if (typeof note === "string" && note.trim()) body.note = note.trim();
    if (ask && kindRow.can_ask) body.ask = true;
    if (followUp && typeof followUp.text === "string" && followUp.text.trim()) {
      body.follow_up = { text: followUp.text.trim(), due: followUp.due || null };
    }
    try {
      const result = await this.#client.logInteraction(body);
      tab.logged = { id: result.interaction.id, label: kindRow.label, until: Date.now() + UNDO_MS };
      tab.error = null;
      if (tab.check) tab.check = { ...tab.check, loggedKind: kind };
      // Only this tab: every other tab showing the person hears about it through the agent's push.
      await this.#refreshTabs(result.person.id, [tab]);
    } catch (error) {
      tab.error = errorJson(error);
      this.#render(tab);
    }
  }

  async undo(tabId, interactionId) {
    const tab = this.#tabs.get(tabId);
    if (!tab || !tab.logged || tab.logged.id !== interactionId) return;
    tab.logged = null;
    try {
      await this.#client.deleteInteraction(interactionId);
      if (tab.view?.person?.id) await this.#refreshTabs(tab.view.person.id, [tab]);
    } catch (error) {
      tab.error = errorJson(error);
      this.#render(tab);
    }
  }

  async intent(tabId, { intent, hold }) {
    const tab = this.#tabs.get(tabId);
    if (!tab || !(intent in INTENT_KIND)) return;
    const check = { intent, hold: Boolean(hold), loading: true, view: null, error: null, decided: null, logKind: INTENT_KIND[intent] };
    tab.check = check;
    tab.pendingHold = check.hold;
    if (check.hold && !tab.port) {
      this.intentDecision(tabId, "continue");
      return;
    }
    this.#render(tab);
    try {
      check.view = await this.#client.context(tab.url, tab.html, intent);
    } catch (error) {
      check.error = errorJson(error);
    }
    check.loading = false;
    if (tab.check === check) this.#render(tab);
  }

  intentDecision(tabId, decision) {
    const tab = this.#tabs.get(tabId);
    if (!tab || !tab.check || !tab.pendingHold) return;
    tab.pendingHold = false;
    tab.check = { ...tab.check, decided: decision === "continue" ? "continue" : "cancel" };
    this.#sendToTab(tabId, { type: MSG.BG_INTENT_DECISION, decision: tab.check.decided });
    this.#render(tab);
  }

  dismissCheck(tabId) {
    const tab = this.#tabs.get(tabId);
    if (!tab) return;
    if (tab.pendingHold) this.intentDecision(tabId, "cancel");
    tab.check = null;
    this.#render(tab);
  }

  /** A push said this person changed: refresh every tab that shows them. */
  personChanged(personId) {
    return this.#refreshTabs(personId, [...this.#tabs.values()].filter((t) => t.view?.person?.id === personId));
  }

  agentStatusChanged(status) {
    for (const tab of this.#tabs.values()) {
      if (status.state === "connected" && tab.url && (!tab.view || tab.error)) this.#reload(tab);
      else this.#render(tab);
    }
    this.#syncSubscriptions();
  }

  // --- internals --------------------------------------------------------------------------------

  #reload(tab) {
    tab.loading = true;
    tab.error = null;
    this.#render(tab);
    return this.#load(tab, () => this.#client.context(tab.url, tab.html));
  }

  async #load(tab, fetchView) {
    try {
      const view = await fetchView();
      if (this.#tabs.get(tab.tabId) !== tab) return; // a newer profile replaced this one meanwhile
      tab.view = view;
      tab.error = null;
    } catch (error) {
      if (this.#tabs.get(tab.tabId) !== tab) return;
      tab.error = errorJson(error);
    }
    tab.loading = false;
    this.#syncSubscriptions();
    this.#render(tab);
  }

  async #refreshTabs(personId, tabs) {
    if (!tabs.length || !personId) return;
    let fresh;
    try {
      fresh = await this.#client.person(personId);
    } catch (error) {
      for (const tab of tabs) {
        tab.error = errorJson(error);
        this.#render(tab);
      }
      return;
    }
    for (const tab of tabs) {
      if (this.#tabs.get(tab.tabId) !== tab) continue;
      tab.view = { ...fresh, profile: tab.view?.profile ?? fresh.profile };
      tab.error = null;
      this.#render(tab);
    }
    this.#syncSubscriptions();
  }

  #target(view) {
    if (view.person && view.person.id) return { person_id: view.person.id };
    const profile = view.profile || {};
    return { network: profile.network, handle: profile.handle };
  }

  #syncSubscriptions() {
    const ids = [...this.#tabs.values()].map((t) => t.view?.person?.id).filter(Boolean);
    this.#client.subscribe(ids);
  }

  #render(tab) {
    if (!tab.port) return;
    const logged = tab.logged && tab.logged.until > Date.now() ? tab.logged : null;
    try {
      tab.port.postMessage({
        type: MSG.BG_RENDER,
        agent: this.#client.status,
        theme: tab.theme,
        loading: tab.loading,
        error: tab.error,
        view: tab.view,
        check: tab.check,
        logged,
      });
    } catch {
      tab.port = null; // the frame went away
    }
  }
}

function errorJson(error) {
  if (error && typeof error.toJSON === "function") return error.toJSON();
  return { code: "internal", message: String(error?.message ?? error) };
}

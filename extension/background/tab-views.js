// What each tab's overlay shows: the profile its content script reported, the agent's view of that
// person, a pending Connect/Message/Follow check, and the last one-click log (for Undo). A profile
// arrives twice: its identity from the URL while the page loads (answered by a lookup, which already has
// the stage, reasons and history), then the page context (answered by /v1/context, which adds what the
// page shows and creates or refreshes the person). Renders go to the overlay frame over its runtime
// port; nothing here is ever sent to the host page.
import "../common/messages.js";
import "../common/i18n.js";

const MSG = globalThis.FathomMessages;
const UNDO_MS = 5_000;
// Content scripts already bound the context to 256 KB; the worker does not rely on that alone.
const MAX_URL_CHARS = 2_048;
const MAX_HTML_CHARS = 300_000;
const MAX_HANDLE_CHARS = 200;
const NETWORKS = Object.freeze(["linkedin", "x"]);
const INTENT_KIND = Object.freeze({ connect: "connection_request", message: "dm", follow: "follow" });
const SOURCE_RANK = Object.freeze({ null: 0, lookup: 1, head: 2, context: 3 });

export class TabViews {
  #tabs = new Map(); // tabId -> tab record
  #client;
  #sendToTab;

  /** client: AgentClient; sendToTab(tabId, message): message the tab's top-frame content script. */
  constructor({ client, sendToTab }) {
    this.#client = client;
    this.#sendToTab = sendToTab;
  }

  /**
   * The tab's URL names a profile: look the person up while the page is still loading. `theme` is null
   * before the page's <body> is parsed; nothing is rendered until it is known (CS_THEME).
   */
  profileOpening(tabId, { url, network, handle, theme, coversActions }) {
    const identity = identityOf(network, handle);
    if (!identity) return undefined;
    const tab = this.#newTab(tabId, { url, identity, theme });
    tab.coversActions = coversActions === true;
    return this.#load(tab, "lookup");
  }

  /**
   * The page shows the profile's header: send its context, which refines what the lookup showed. A
   * `partial` context (the page is parsed, the header not drawn yet) has only the head, whose title, og and
   * JSON-LD usually name the person already; the header's context follows and supersedes it.
   */
  profileSeen(tabId, { url, html, network, handle, theme, partial, coversActions }) {
    const identity = identityOf(network, handle);
    const current = this.#tabs.get(tabId);
    const same = Boolean(identity && current?.identity && sameIdentity(current.identity, identity));
    if (partial && same && current.source === "context") return undefined; // the header's context is in
    const tab = same ? current : this.#newTab(tabId, { url, identity });
    tab.url = String(url).slice(0, MAX_URL_CHARS);
    tab.html = String(html).slice(0, MAX_HTML_CHARS);
    tab.theme = themeOf(theme) ?? "light"; // the page is parsed: its colours are known
    tab.coversActions = tab.coversActions || coversActions === true;
    return this.#load(tab, partial ? "head" : "context");
  }

  /** The page's own theme, as soon as its <body> is parsed: the tab's renders are held until then. */
  themeSeen(tabId, theme) {
    const tab = this.#tabs.get(tabId);
    const seen = themeOf(theme) ?? "light";
    if (!tab || tab.theme === seen) return;
    tab.theme = seen;
    this.#render(tab);
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
      tab = this.#newTab(tabId, { url: "", identity: null });
      tab.loading = true; // until the content script has reported again
      this.#sendToTab(tabId, { type: MSG.BG_SEND_CONTEXT });
    }
    tab.port = port;
    port.onDisconnect.addListener(() => {
      // The record may have been replaced since (a new profile in the tab keeps the frame's port).
      const current = this.#tabs.get(tabId);
      if (!current || current.port !== port) return;
      current.port = null;
      if (current.pendingHold) this.intentDecision(tabId, "continue"); // never trap a held click
    });
    this.#render(tab);
  }

  resize(tabId, { width, height }) {
    this.#sendToTab(tabId, { type: MSG.BG_FRAME_SIZE, width: Number(width) || 0, height: Number(height) || 0 });
  }

  retry(tabId) {
    const tab = this.#tabs.get(tabId);
    this.#client.reconnect().then(() => {
      if (tab) this.#reload(tab);
    });
  }

  async log(tabId, { kind, note, ask, follow_up: followUp }) {
    const tab = this.#tabs.get(tabId);
    if (!tab || !tab.view) return;
    const kindRow = (tab.view.kinds || []).find((k) => k.id === kind);
    if (!kindRow) return;
    const body = { ...this.#target(tab), kind, direction: kindRow.default_direction, at: new Date().toISOString() };
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

  /** The user's overrides (spec: "make logging and overrides one click"): tags and how you met. */
  async updatePerson(tabId, { tags, how_met: howMet }) {
    const tab = this.#tabs.get(tabId);
    const personId = tab?.view?.person?.id;
    if (!personId) return; // a transient stranger: nothing to remember them by yet
    const changes = {};
    if (Array.isArray(tags)) changes.tags = tags.filter((tag) => typeof tag === "string");
    if (typeof howMet === "string") changes.how_met = howMet.trim();
    if (!Object.keys(changes).length) return;
    await this.#changePerson(tab, personId, () => this.#client.updatePerson(personId, changes));
  }

  /** Links this tab's person with one the agent suggested (only those: the frame cannot name anyone else). */
  async linkPerson(tabId, otherId) {
    const tab = this.#tabs.get(tabId);
    const personId = tab?.view?.person?.id;
    const suggested = (tab?.view?.merge_suggestions || []).some((s) => s && s.person_id === otherId);
    if (!personId || !suggested || otherId === personId) return;
    await this.#changePerson(tab, personId, () => this.#client.linkPeople(personId, otherId));
  }

  /** Makes one change to the tab's person at the agent, then redraws the tab (or shows what went wrong). */
  async #changePerson(tab, personId, change) {
    try {
      await change();
      tab.error = null;
      await this.#refreshTabs(personId, [tab]);
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
      check.view = await this.#ask(tab, intent);
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
      // A request still out was waiting for this connection: asking again would only repeat it.
      if (status.state === "connected" && !tab.pending && (!tab.view || tab.error)) this.#reload(tab);
      else this.#render(tab);
    }
    this.#syncSubscriptions();
  }

  // --- internals --------------------------------------------------------------------------------

  #newTab(tabId, { url, identity, theme }) {
    const tab = {
      tabId,
      url: String(url).slice(0, MAX_URL_CHARS),
      identity, // {network, handle} from the URL, or null
      html: "", // the page context, once the header was on screen
      theme: themeOf(theme), // null until the page's <body> is parsed
      view: null,
      source: null, // which answer `view` is: "lookup" (from the URL) or "context" (from the page)
      pending: 0, // requests for this view still out
      error: null,
      loading: false,
      check: null,
      logged: null,
      port: this.#tabs.get(tabId)?.port ?? null,
      pendingHold: false,
      coversActions: false, // the expanded overlay would hide the profile's own action buttons
    };
    this.#tabs.set(tabId, tab);
    return tab;
  }

  // The agent's view of the tab's profile: from the page context once there is one, else from the URL
  // alone (the header is not on screen yet, or never was).
  async #ask(tab, intent) {
    if (tab.html) return this.#client.context(tab.url, tab.html, intent);
    if (tab.identity) return this.#client.lookup(tab.identity.network, tab.identity.handle, intent);
    throw new Error(globalThis.FathomI18n.t("profileNotRead"));
  }

  #reload(tab) {
    // Before the content script reported again (the worker restarted) there is nothing to ask.
    if (!tab.html && !tab.identity) return undefined;
    return this.#load(tab, tab.html ? "context" : "lookup");
  }

  async #load(tab, source) {
    tab.pending += 1;
    tab.loading = !tab.view;
    tab.error = null;
    this.#render(tab);
    let view = null;
    let error = null;
    try {
      view = await this.#ask(tab);
    } catch (caught) {
      error = errorJson(caught);
    }
    tab.pending -= 1;
    if (this.#tabs.get(tab.tabId) !== tab) return; // a newer profile replaced this one meanwhile
    // Each answer is fuller than the one before (lookup < head < context): a lesser one that comes back
    // after a fuller one changes nothing. The head alone may not name anyone on a page that draws its
    // profile late: only the header's context can then say it is not a profile.
    const superseded = SOURCE_RANK[source] < SOURCE_RANK[tab.source];
    const inconclusive = source === "head" && error?.code === "not_a_profile" && error.reason === "unrecognised";
    if (view && !superseded) {
      tab.view = view;
      tab.source = source;
      tab.error = null;
    } else if (error && !superseded && !inconclusive) {
      this.#failed(tab, error);
    }
    tab.loading = tab.pending > 0 && !tab.view && !tab.error;
    this.#syncSubscriptions();
    this.#render(tab);
  }

  // A page the agent could not read as a profile (a login wall, markup it does not know) leaves what the
  // store has on the URL's person on screen. For someone never stored, the agent's reason is more use
  // than an empty "stranger" view.
  #failed(tab, error) {
    if (error.code === "not_a_profile") {
      if (tab.view?.person?.id) return;
      tab.view = null;
    }
    tab.error = error;
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

  #target(tab) {
    const view = tab.view;
    if (view.person && view.person.id) return { person_id: view.person.id };
    if (view.profile?.network) return { network: view.profile.network, handle: view.profile.handle };
    return { network: tab.identity?.network, handle: tab.identity?.handle };
  }

  #syncSubscriptions() {
    const ids = [...this.#tabs.values()].map((t) => t.view?.person?.id).filter(Boolean);
    this.#client.subscribe(ids);
  }

  #render(tab) {
    // Before the page's theme is known any render would guess it, and a wrong guess flashes a dark
    // overlay on a white page (or the reverse); the content script reports it as soon as <body> exists.
    if (!tab.port || !tab.theme) return;
    const logged = tab.logged && tab.logged.until > Date.now() ? tab.logged : null;
    try {
      tab.port.postMessage({
        type: MSG.BG_RENDER,
        agent: this.#client.status,
        theme: tab.theme,
        network: tab.identity?.network ?? null, // the tab's site, known from the URL before any answer
        handle: tab.identity?.handle ?? null,
        coversActions: tab.coversActions,
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

// The identity a content script reported, checked: the agent canonicalises and validates the handle.
function identityOf(network, handle) {
  if (!NETWORKS.includes(network) || typeof handle !== "string") return null;
  const trimmed = handle.trim();
  return trimmed && trimmed.length <= MAX_HANDLE_CHARS ? { network, handle: trimmed } : null;
}

function themeOf(theme) {
  return theme === "dark" || theme === "light" ? theme : null;
}

function sameIdentity(a, b) {
  return a.network === b.network && a.handle.toLowerCase() === b.handle.toLowerCase();
}

function errorJson(error) {
  if (error && typeof error.toJSON === "function") return error.toJSON();
  return { code: "internal", message: String(error?.message ?? error) };
}

// Background entry (Chrome service worker, Firefox event page): builds the agent client and the tab
// views, and routes messages to them after checking who sent each one. No logic of its own.
import "../common/messages.js";
import "../common/i18n.js";
import { AgentClient } from "./agent-client.js";
import { uploadStore } from "../common/upload-store.js";
import { keyStore } from "./key-store.js";
import { classifySender } from "./sender-check.js";
import { TabViews } from "./tab-views.js";

const api = globalThis.browser ?? globalThis.chrome;
const MSG = globalThis.FathomMessages;

const client = new AgentClient({
  keyStore,
  settingsArea: api.storage.local,
  sessionArea: api.storage.session,
  origin: globalThis.location.origin,
  browser: globalThis.location.protocol === "moz-extension:" ? "firefox" : "chrome",
  onStatus: (status) => {
    views.agentStatusChanged(status);
    broadcastToPages({ type: MSG.BG_AGENT_STATUS, agent: status });
  },
  onEvent: (frame) => {
    if (frame.person) views.personChanged(frame.person);
    if (frame.event.startsWith("import.")) {
      broadcastToPages({ type: MSG.BG_IMPORT_PROGRESS, event: frame.event, data: frame.data });
      if (frame.event === "import.finished") client.subscribeAll(false);
    }
  },
});

const views = new TabViews({
  client,
  sendToTab: (tabId, message) => api.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => undefined),
});

// Popup and options pages listen for these; when none is open the send fails, which is fine.
function broadcastToPages(message) {
  api.runtime.sendMessage(message).catch(() => undefined);
}

// Each handler: (message, sender) -> value or promise; the value is the reply.
const CONTENT_HANDLERS = {
  [MSG.CS_PROFILE_OPEN]: (m, s) => {
    views.profileOpening(s.tab.id, m);
  },
  [MSG.CS_PROFILE]: (m, s) => {
    views.profileSeen(s.tab.id, m);
  },
  [MSG.CS_THEME]: (m, s) => views.themeSeen(s.tab.id, m.theme),
  [MSG.CS_PROFILE_GONE]: (m, s) => views.profileGone(s.tab.id),
  [MSG.CS_INTENT]: (m, s) => {
    views.intent(s.tab.id, m);
  },
};

// The popup lists recent logs with the kinds table's labels.
async function recentWithLabels(limit) {
  const [{ interactions }, { kinds }] = await Promise.all([client.recent(limit), client.kinds()]);
  const labels = new Map(kinds.map((k) => [k.id, k.label]));
  return { interactions: interactions.map((i) => ({ ...i, kind_label: labels.get(i.kind) ?? i.kind })) };
}

async function startImport(uploadId, network) {
  const file = await uploadStore.take(String(uploadId));
  if (!file) throw new Error(globalThis.FathomI18n.t("uploadNotHandedOver"));
  client.subscribeAll(true); // import.progress / import.finished go to "all" subscribers
  try {
    return await client.importArchive(network === "linkedin" || network === "x" ? network : null, file);
  } catch (error) {
    client.subscribeAll(false);
    throw error;
  }
}

const PAGE_HANDLERS = {
  [MSG.UI_GET_STATE]: async () => ({ agent: client.status, paired: await client.isPaired() }),
  [MSG.UI_RECENT]: (m) => recentWithLabels(Math.min(50, Math.max(1, Number(m.limit) || 5))),
  [MSG.UI_SETTINGS_CHANGED]: () => client.reconnect(),
  [MSG.UI_REVIEW]: (m) => client.review(Math.min(20, Math.max(1, Number(m.limit) || 5))),
  [MSG.UI_REVIEW_ACT]: (m) => client.reviewAct(String(m.person_id), String(m.key), String(m.action)),
};

const OPTIONS_HANDLERS = {
  ...PAGE_HANDLERS,
  [MSG.UI_PAIR]: (m) => client.pair(m.port, m.code),
  [MSG.UI_IMPORT]: (m) => startImport(m.upload_id, m.network),
};

const HANDLERS_BY_SENDER = { content: CONTENT_HANDLERS, popup: PAGE_HANDLERS, options: OPTIONS_HANDLERS };

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handlers = HANDLERS_BY_SENDER[classifySender(sender, api.runtime)];
  const handler = handlers && message && typeof message === "object" && Object.hasOwn(handlers, message.type) && handlers[message.type];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(message, sender))
    .then(
      (value) => sendResponse({ ok: true, value: value ?? null }),
      (error) => sendResponse({ ok: false, error: { code: error?.code ?? "internal", message: String(error?.message ?? error) } }),
    );
  return true; // the reply is sent asynchronously
});

const OVERLAY_HANDLERS = {
  [MSG.UI_LOG]: (tabId, m) => views.log(tabId, m),
  [MSG.UI_UNDO]: (tabId, m) => views.undo(tabId, String(m.interaction_id)),
  [MSG.UI_UPDATE_PERSON]: (tabId, m) => views.updatePerson(tabId, m),
  [MSG.UI_LINK_PERSON]: (tabId, m) => views.linkPerson(tabId, String(m.person_id)),
  [MSG.UI_RESIZE]: (tabId, m) => views.resize(tabId, m),
  [MSG.UI_INTENT_DECISION]: (tabId, m) => views.intentDecision(tabId, m.decision),
  [MSG.UI_CHECK_DISMISS]: (tabId) => views.dismissCheck(tabId),
  [MSG.UI_RETRY]: (tabId) => views.retry(tabId),
  [MSG.UI_OPEN_OPTIONS]: () => api.runtime.openOptionsPage(),
};

api.runtime.onConnect.addListener((port) => {
  if (port.name !== MSG.PORT_OVERLAY || classifySender(port.sender, api.runtime) !== "overlay") {
    port.disconnect();
    return;
  }
  const tabId = port.sender.tab.id;
  port.onMessage.addListener((message) => {
    const handler = message && typeof message === "object" && Object.hasOwn(OVERLAY_HANDLERS, message.type) && OVERLAY_HANDLERS[message.type];
    if (handler) handler(tabId, message);
  });
  views.attachOverlay(tabId, port);
});

api.tabs.onRemoved.addListener((tabId) => views.tabClosed(tabId));

client.connect();

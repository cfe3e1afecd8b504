// The overlay frame: gets everything it shows from the background worker over a runtime port (the
// worker knows the tab from the port's sender), never from window.postMessage; sends user actions back.
// The port was opened by first-paint.js, which overlay.html loads (with messages.js and bar.js) first and
// which keeps painting the bar from each render while this module waits for the stored settings.
import "../common/settings.js";
import { renderOverlay } from "./render.js";

const api = globalThis.browser ?? globalThis.chrome;
globalThis.FathomI18n.localize(document); // overlay.html loaded common/i18n.js before this module
const MSG = globalThis.FathomMessages;
const Settings = globalThis.FathomSettings;
const EXPANDED_WIDTH = 360;

const ui = {
  port: null,
  model: { agent: { state: "connecting" }, loading: true, view: null, collapsed: false },
  undoTimer: 0,
  lastSize: "",
  autoCollapsedFor: null, // the profile the overlay collapsed itself for: once, the user may expand it again
};

function send(message) {
  try {
    ui.port?.postMessage(message);
  } catch {
    ui.port = null;
  }
}

function readLogDetails() {
  const note = document.getElementById("log-note").value;
  const ask = document.getElementById("log-ask").checked;
  const followText = document.getElementById("log-followup").value;
  const due = document.getElementById("log-due").value;
  return { note, ask, follow_up: followText.trim() ? { text: followText, due: due || null } : null };
}

function clearLogDetails() {
  for (const id of ["log-note", "log-followup", "log-due"]) document.getElementById(id).value = "";
  document.getElementById("log-ask").checked = false;
  document.getElementById("log-details").open = false;
}

const actions = {
  log(kind) {
    send({ type: MSG.UI_LOG, kind, ...readLogDetails() });
    clearLogDetails();
  },
  decide(decision) {
    send({ type: MSG.UI_INTENT_DECISION, decision });
  },
  dismissCheck() {
    send({ type: MSG.UI_CHECK_DISMISS });
  },
  retry() {
    send({ type: MSG.UI_RETRY });
  },
  openOptions() {
    send({ type: MSG.UI_OPEN_OPTIONS });
  },
  setTags(tags) {
    send({ type: MSG.UI_UPDATE_PERSON, tags });
  },
  link(personId) {
    send({ type: MSG.UI_LINK_PERSON, person_id: personId });
  },
  setHowMet(howMet) {
    send({ type: MSG.UI_UPDATE_PERSON, how_met: howMet });
    document.getElementById("how-met-edit").open = false;
  },
};

function render() {
  renderOverlay(document, ui.model, actions);
  clearTimeout(ui.undoTimer);
  if (ui.model.logged) {
    const left = ui.model.logged.until - Date.now();
    ui.undoTimer = setTimeout(() => {
      ui.model = { ...ui.model, logged: null };
      render();
    }, Math.max(0, left));
  }
  reportSize();
}

// The host element is sized by the content script; tell it (through the worker) what we need.
function reportSize() {
  const bar = document.getElementById("bar");
  const content = document.getElementById("content");
  const collapsed = Boolean(ui.model.collapsed);
  const width = collapsed ? Math.ceil(document.getElementById("toggle").scrollWidth) + 2 : EXPANDED_WIDTH;
  const height = Math.ceil(bar.getBoundingClientRect().height + (collapsed ? 0 : content.scrollHeight)) + 2;
  const size = `${width}x${height}`;
  if (size === ui.lastSize) return;
  ui.lastSize = size;
  send({ type: MSG.UI_RESIZE, width, height });
}

async function setCollapsed(collapsed) {
  ui.model = { ...ui.model, collapsed };
  render();
  await Settings.save(api.storage.local, { collapsed });
}

// The collapsed flag is read once, while the worker's first render is on its way.
const collapsedSetting = Settings.load(api.storage.local).then(
  (settings) => settings.collapsed,
  () => false,
);

function onRender(message) {
  // Renders stay in order: every one waits on the same settled promise.
  collapsedSetting.then(() => {
    const expandForCheck = message.check && !ui.model.check && ui.model.collapsed;
    // Over the profile's own Connect / Message / Follow, the overlay starts collapsed (not saved: a wide
    // window shows it as the user left it).
    const profile = `${message.network}:${message.handle}`;
    const collapseForPage = Boolean(message.coversActions) && ui.autoCollapsedFor !== profile && !message.check;
    if (collapseForPage) ui.autoCollapsedFor = profile;
    const collapsed = expandForCheck ? false : collapseForPage ? true : ui.model.collapsed;
    ui.model = { ...message, collapsed };
    render();
  });
}

function listen(port) {
  ui.port = port;
  ui.lastSize = "";
  // The worker was stopped (idle) or restarted: reconnect, which wakes it again.
  port.onDisconnect.addListener(() => {
    if (ui.port === port) {
      ui.port = null;
      setTimeout(connect, 250);
    }
  });
}

function connect() {
  const port = api.runtime.connect({ name: MSG.PORT_OVERLAY });
  port.onMessage.addListener((message) => {
    if (message && message.type === MSG.BG_RENDER) onRender(message);
  });
  listen(port);
}

document.getElementById("toggle").addEventListener("click", () => setCollapsed(!ui.model.collapsed));
document.getElementById("undo-button").addEventListener("click", () => {
  if (ui.model.logged) send({ type: MSG.UI_UNDO, interaction_id: ui.model.logged.id });
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !ui.model.collapsed) {
    event.preventDefault();
    setCollapsed(true).then(() => document.getElementById("toggle").focus());
  }
});
document.getElementById("log-details").addEventListener("toggle", reportSize);
document.getElementById("how-met-edit").addEventListener("toggle", reportSize);
new ResizeObserver(reportSize).observe(document.getElementById("panel"));

collapsedSetting.then((collapsed) => {
  ui.model = { ...ui.model, collapsed };
  render();
});
// After the line above, so a render first-paint.js already holds is drawn with the collapsed flag known.
const firstPort = globalThis.FathomFirstPaint.takeOver(onRender);
if (firstPort) listen(firstPort);
else connect();

// Options: agent port + pairing code ("Pair"), and the nudge/confirm mode. Pairing itself is done by
// the background worker (the only code that talks to the agent); this page only collects the input.
import "../common/messages.js";
import "../common/settings.js";
import "../common/i18n.js";
import { describeAgentState } from "../common/agent-states.js";
import { uploadStore } from "../common/upload-store.js";

const api = globalThis.browser ?? globalThis.chrome;
const MSG = globalThis.FathomMessages;
const Settings = globalThis.FathomSettings;
const { t, localize } = globalThis.FathomI18n;
const $ = (id) => document.getElementById(id);

async function ask(message) {
  const reply = await api.runtime.sendMessage(message);
  if (!reply || !reply.ok) throw new Error(reply?.error?.message ?? t("workerDidNotAnswer"));
  return reply.value;
}

function showAgent(agent, paired) {
  const described = describeAgentState(agent);
  const box = $("agent-status");
  box.dataset.state = agent?.state ?? "connecting";
  box.replaceChildren();
  const title = document.createElement("p");
  title.className = "status-title";
  title.textContent = described.title;
  box.append(title);
  if (described.help) {
    const help = document.createElement("p");
    help.className = "muted";
    help.textContent = described.help;
    box.append(help);
  }
  if (described.command) {
    const code = document.createElement("code");
    code.textContent = described.command;
    box.append(code);
  }
  if (paired === false && agent?.state !== "not_paired") {
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = t("notPairedYet");
    box.append(note);
  }
}

async function refresh() {
  try {
    const { agent, paired } = await ask({ type: MSG.UI_GET_STATE });
    showAgent(agent, paired);
  } catch (error) {
    showAgent({ state: "connecting", detail: error.message });
  }
}

$("pair-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = $("pair-result");
  const button = $("pair-button");
  button.disabled = true;
  result.className = "muted";
  result.textContent = t("pairing");
  try {
    const agent = await ask({ type: MSG.UI_PAIR, port: $("agent-port").value, code: $("pairing-code").value });
    $("pairing-code").value = "";
    result.className = agent.state === "connected" ? "ok" : "error";
    result.textContent =
      agent.state === "connected" ? t("paired") : describeAgentState(agent).title;
    showAgent(agent, true);
  } catch (error) {
    result.className = "error";
    result.textContent = error.message;
  } finally {
    button.disabled = false;
  }
});

for (const radio of document.querySelectorAll('input[name="mode"]')) {
  radio.addEventListener("change", async () => {
    await Settings.save(api.storage.local, { mode: radio.value });
    $("mode-result").textContent = t(radio.value === "confirm" ? "modeConfirmSaved" : "modeNudgeSaved");
  });
}

let importId = null; // the import this page started, whose progress it shows
// A quick import can finish (pushed through the worker) before the upload's answer names its id here.
const latestImportEvent = new Map();

function showImport(text, className = "muted") {
  $("import-result").className = className;
  $("import-result").textContent = text;
}

$("import-button").addEventListener("click", async () => {
  const file = $("import-file").files[0];
  if (!file) {
    showImport(t("importChooseFirst"), "error");
    return;
  }
  $("import-button").disabled = true;
  showImport(t("importUploading"));
  try {
    const key = await uploadStore.put(file);
    const answer = await ask({ type: MSG.UI_IMPORT, upload_id: key, network: $("import-network").value });
    importId = answer.import_id;
    showImport(t("importReading"));
    if (latestImportEvent.has(importId)) onImportEvent(latestImportEvent.get(importId));
  } catch (error) {
    showImport(error.message, "error");
    $("import-button").disabled = false;
  }
});

function onImportEvent({ event, data }) {
  if (!data || typeof data.import_id !== "string") return;
  latestImportEvent.set(data.import_id, { event, data });
  if (data.import_id !== importId) return;
  if (event === "import.progress") {
    const saving = data.stage === "saving";
    if (data.total) showImport(t(saving ? "importSavingCount" : "importReadingStageCount", data.done, data.total));
    else showImport(t(saving ? "importSaving" : "importReadingStage"));
  } else if (event === "import.finished") {
    importId = null;
    $("import-button").disabled = false;
    if (data.ok) {
      const added = Number(data.summary?.interactions_added ?? 0);
      const people = Number(data.summary?.people_created ?? 0);
      const interactions = t(added === 1 ? "importInteraction" : "importInteractions", added);
      showImport(t("importDone", interactions, t(people === 1 ? "importPerson" : "importPeople", people)), "ok");
    } else {
      showImport(String(data.error ?? t("importFailed")), "error");
    }
  }
}

api.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== api.runtime.id) return;
  if (message?.type === MSG.BG_AGENT_STATUS) refresh();
  if (message?.type === MSG.BG_IMPORT_PROGRESS) onImportEvent(message);
});

localize(document);
Settings.load(api.storage.local).then((settings) => {
  $("agent-port").value = String(settings.agentPort);
  for (const radio of document.querySelectorAll('input[name="mode"]')) radio.checked = radio.value === settings.mode;
  document.body.dataset.ready = "true"; // the stored values are in the form now
});
refresh();

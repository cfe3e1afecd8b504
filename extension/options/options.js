// Options: agent port + pairing code ("Pair"), and the nudge/confirm mode. Pairing itself is done by
// the background worker (the only code that talks to the agent); this page only collects the input.
import "../shared/messages.js";
import "../shared/settings.js";
import { describeAgentState } from "../shared/agent-states.js";
import { uploadStore } from "../shared/upload-store.js";

const api = globalThis.browser ?? globalThis.chrome;
const MSG = globalThis.FathomMessages;
const Settings = globalThis.FathomSettings;
const $ = (id) => document.getElementById(id);

async function ask(message) {
  const reply = await api.runtime.sendMessage(message);
  if (!reply || !reply.ok) throw new Error(reply?.error?.message ?? "The Fathom background worker did not answer.");
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
    note.textContent = "Not paired yet.";
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
  result.textContent = "Pairing…";
  try {
    const agent = await ask({ type: MSG.UI_PAIR, port: $("agent-port").value, code: $("pairing-code").value });
    $("pairing-code").value = "";
    result.className = agent.state === "connected" ? "ok" : "error";
    result.textContent =
      agent.state === "connected" ? "Paired. This browser is connected to your Fathom agent." : describeAgentState(agent).title;
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
    $("mode-result").textContent = radio.value === "confirm" ? "Clicks will wait for your choice." : "Clicks go through; the check just shows.";
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
    showImport("Choose the export ZIP first.", "error");
    return;
  }
  $("import-button").disabled = true;
  showImport("Uploading to your agent…");
  try {
    const key = await uploadStore.put(file);
    const answer = await ask({ type: MSG.UI_IMPORT, upload_id: key, network: $("import-network").value });
    importId = answer.import_id;
    showImport("Reading the archive…");
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
    const stage = data.stage === "saving" ? "Saving" : "Reading";
    showImport(data.total ? `${stage}… ${data.done} of ${data.total}` : `${stage}…`);
  } else if (event === "import.finished") {
    importId = null;
    $("import-button").disabled = false;
    if (data.ok) {
      const added = Number(data.summary?.interactions_added ?? 0);
      const people = Number(data.summary?.people_created ?? 0);
      showImport(
        `Imported: ${added} interaction${added === 1 ? "" : "s"} added, ${people} new ${people === 1 ? "person" : "people"}.`,
        "ok",
      );
    } else {
      showImport(String(data.error ?? "The import failed."), "error");
    }
  }
}

api.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== api.runtime.id) return;
  if (message?.type === MSG.BG_AGENT_STATUS) refresh();
  if (message?.type === MSG.BG_IMPORT_PROGRESS) onImportEvent(message);
});

Settings.load(api.storage.local).then((settings) => {
  $("agent-port").value = String(settings.agentPort);
  for (const radio of document.querySelectorAll('input[name="mode"]')) radio.checked = radio.value === settings.mode;
  document.body.dataset.ready = "true"; // the stored values are in the form now
});
refresh();

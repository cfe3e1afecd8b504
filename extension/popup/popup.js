// Popup: the agent state, the last few logs and the review list (open loops and cooling ties), each
// review item with a link to the person's profile (where the overlay shows the rest) and Done / Snooze a
// week / Not relevant.
import "../common/messages.js";
import "../common/i18n.js";
import { describeAgentState } from "../common/agent-states.js";
import { formatDate } from "../overlay/render.js";
import { profilePages, profileUrl } from "./profile-link.js";
import { overdueFirst } from "./review-list.js";

const api = globalThis.browser ?? globalThis.chrome;
const MSG = globalThis.FathomMessages;
const { t, localize } = globalThis.FathomI18n;
const $ = (id) => document.getElementById(id);
const RECENT_LIMIT = 5;
const REVIEW_LIMIT = 20; // the most the background worker asks for; `fathom review` lists everyone
const PROFILE_PAGES = profilePages(api.runtime.getManifest());
const REVIEW_ACTIONS = [
  ["done", "reviewDone"],
  ["snooze", "reviewSnooze"],
  ["dismiss", "reviewDismiss"],
];

async function ask(message) {
  const reply = await api.runtime.sendMessage(message);
  if (!reply || !reply.ok) throw new Error(reply?.error?.message ?? t("workerDidNotAnswer"));
  return reply.value;
}

function item(parts) {
  const li = document.createElement("li");
  for (const [className, value] of parts) {
    if (!value) continue;
    const span = document.createElement("span");
    span.className = className;
    span.textContent = value;
    li.append(span);
  }
  return li;
}

function showAgent(agent) {
  const described = describeAgentState(agent);
  const box = $("agent-status");
  box.dataset.state = agent?.state ?? "connecting";
  box.replaceChildren();
  for (const [tag, className, value] of [
    ["p", "status-title", described.title],
    ["p", "muted", described.help],
    ["code", "", described.command],
  ]) {
    if (!value) continue;
    const el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = value;
    box.append(el);
  }
}

async function showRecent() {
  const list = $("recent");
  try {
    const { interactions } = await ask({ type: MSG.UI_RECENT, limit: RECENT_LIMIT });
    list.replaceChildren(
      ...(interactions || []).map((i) =>
        item([
          ["who", i.person_name ?? i.name ?? i.person?.name ?? ""],
          ["what", i.kind_label ?? i.kind ?? ""],
          ["when muted", formatDate(i.at)],
          ["note muted", i.note ?? ""],
        ]),
      ),
    );
    if (!list.children.length) list.append(item([["muted", t("nothingLogged")]]));
  } catch {
    list.replaceChildren(item([["muted", t("recentWhenConnected")]]));
  }
}

function reviewItem(entry) {
  const li = item([["note", entry.text ?? ""]]);
  const url = profileUrl(entry.person, PROFILE_PAGES);
  const who = document.createElement(url ? "a" : "span");
  who.className = "who";
  who.textContent = entry.person?.name ?? "";
  if (url) {
    who.href = url;
    who.target = "_blank"; // a new tab: the popup closes, the profile opens with its overlay
    who.rel = "noopener noreferrer";
  }
  li.prepend(who);
  if (entry.overdue === true) {
    li.classList.add("overdue");
    const mark = document.createElement("span");
    mark.className = "overdue-mark";
    mark.textContent = t("overdue");
    who.after(mark);
  }
  const row = document.createElement("span");
  row.className = "actions";
  for (const [action, key] of REVIEW_ACTIONS) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = t(key);
    button.setAttribute("aria-label", t("reviewActionLabel", t(key), entry.person?.name ?? "", entry.text ?? ""));
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await ask({ type: MSG.UI_REVIEW_ACT, person_id: entry.person?.id, key: entry.key, action });
      } finally {
        await showReview();
      }
    });
    row.append(button);
  }
  li.append(row);
  return li;
}

async function showReview() {
  try {
    const { items, total } = await ask({ type: MSG.UI_REVIEW, limit: REVIEW_LIMIT });
    $("review-section").hidden = !items?.length;
    $("review").replaceChildren(...overdueFirst(items).map(reviewItem));
    const more = (total ?? 0) - (items?.length ?? 0);
    $("review-more").hidden = more <= 0;
    const command = document.createElement("code");
    command.textContent = "fathom review";
    $("review-more").replaceChildren(t("reviewMoreBefore", more), command, t("reviewMoreAfter"));
  } catch {
    $("review-section").hidden = true;
  }
}

localize(document);
$("open-options").addEventListener("click", () => api.runtime.openOptionsPage());

(async () => {
  try {
    const { agent } = await ask({ type: MSG.UI_GET_STATE });
    showAgent(agent);
    if (agent.state === "connected") {
      await Promise.all([showRecent(), showReview()]);
      return;
    }
  } catch (error) {
    showAgent({ state: "connecting", detail: error.message });
  }
  $("recent").replaceChildren(item([["muted", t("recentWhenConnected")]]));
})();

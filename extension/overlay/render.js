// Renders the overlay from one model (what the background sent plus the collapsed flag). Pure DOM work:
// no messaging and no storage, so it can be tested in a blank page. Every value from the agent is
// inserted as text, never as HTML. The bar comes from bar.js, a classic script (first-paint.js uses it too).
import "../common/i18n.js";
import "./bar.js";
import { describeAgentState } from "../common/agent-states.js";

const { paint: paintBar, personName, stageLabel } = globalThis.FathomOverlayBar;
const { t } = globalThis.FathomI18n;

const NETWORK_LABELS = Object.freeze({ linkedin: "LinkedIn", x: "X" }); // names, not words: never translated
const DIRECTION_KEYS = Object.freeze({ me: "directionMe", them: "directionThem", both: "directionBoth" });
// prettier-ignore
const MONTH_KEYS = Object.freeze(["month1", "month2", "month3", "month4", "month5", "month6", "month7", "month8", "month9", "month10", "month11", "month12"]);
const INTENT_KEYS = Object.freeze({ connect: "checkTitleConnect", message: "checkTitleMessage", follow: "checkTitleFollow" });
const TIMELINE_LIMIT = 30;
const LOOPS_SHOWN = 2; // depth model §6: the two most urgent open loops, at the top

function h(doc, tag, props = {}, ...children) {
  const el = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "className") el.className = value;
    else if (key === "onClick") el.addEventListener("click", value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return el;
}

const text = (value) => (typeof value === "string" ? value : value == null ? "" : String(value));

/** "2024-03-01" or an ISO datetime -> "1 Mar 2024"; "" for missing or unparseable values. */
export function formatDate(at) {
  if (typeof at !== "string" || !at) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(at);
  if (!m) return "";
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return "";
  if (at.length > 10) {
    const local = new Date(at);
    if (!Number.isNaN(local.getTime())) {
      return t("dateDayMonthYear", local.getDate(), t(MONTH_KEYS[local.getMonth()]), local.getFullYear());
    }
  }
  return t("dateDayMonthYear", day, t(MONTH_KEYS[month - 1]), year);
}

export function directionLabel(direction) {
  return Object.hasOwn(DIRECTION_KEYS, direction) ? t(DIRECTION_KEYS[direction]) : "";
}

/** Newest first; undated entries last, in the order the agent gave them. */
export function sortTimeline(interactions) {
  const list = Array.isArray(interactions) ? interactions.filter((i) => i && typeof i === "object") : [];
  return list
    .map((item, index) => ({ item, index, key: typeof item.at === "string" ? Date.parse(item.at) : NaN }))
    .sort((a, b) => {
      const aa = Number.isNaN(a.key);
      const bb = Number.isNaN(b.key);
      if (aa !== bb) return aa ? 1 : -1;
      if (!aa && a.key !== b.key) return b.key - a.key;
      return a.index - b.index;
    })
    .map(({ item }) => item);
}

function lineText(line) {
  if (typeof line === "string") return line;
  if (line && typeof line === "object") return text(line.text ?? line.line ?? line.message ?? line.label);
  return "";
}

/** The depth's "why" lines as strings, whatever shape the agent uses for a line. */
export function whyLines(depth) {
  const lines = depth?.why ?? depth?.lines ?? depth?.reasons ?? [];
  return (Array.isArray(lines) ? lines : []).map(lineText).filter(Boolean);
}

function itemList(items) {
  return (Array.isArray(items) ? items : []).map(lineText).filter(Boolean);
}

function networksOf(view) {
  const fromPerson = Array.isArray(view?.person?.networks) ? view.person.networks : [];
  const list = fromPerson.length ? fromPerson : [view?.profile?.network].filter(Boolean);
  return list.map((n) => NETWORK_LABELS[n] ?? text(n)).filter(Boolean);
}

function scoreOf(depth) {
  const score = Number(depth?.score);
  return Number.isFinite(score) ? Math.round(score) : null;
}

function renderStatus(doc, section, model, actions) {
  const described = describeAgentState(model.agent);
  section.replaceChildren();
  const state = model.agent?.state;
  if (state === "connected") {
    if (model.error && model.error.code !== "connected") {
      section.append(h(doc, "p", { className: "error" }, text(model.error.message) || t("agentCouldNotAnswer")));
    } else if (model.loading) {
      section.append(h(doc, "p", { className: "muted" }, t("lookingUp")));
    }
    return;
  }
  section.append(h(doc, "p", { className: "status-title" }, described.title));
  if (described.help) section.append(h(doc, "p", { className: "muted" }, described.help));
  if (described.command) {
    section.append(h(doc, "p", {}, h(doc, "code", { className: "command" }, described.command)));
  }
  const buttons = [];
  if (described.actions.includes("retry")) {
    buttons.push(h(doc, "button", { type: "button", onClick: () => actions.retry() }, t("tryAgain")));
  }
  if (described.actions.includes("options")) {
    buttons.push(h(doc, "button", { type: "button", onClick: () => actions.openOptions() }, t("openOptions")));
  }
  if (buttons.length) section.append(h(doc, "div", { className: "row" }, buttons));
}

function renderDepth(doc, depth, { compact = false, stageShown = false } = {}) {
  const stage = stageLabel(depth);
  const score = scoreOf(depth);
  const parts = [];
  if (stage || score !== null) {
    parts.push(
      h(
        doc,
        "p",
        { className: "depth" },
        h(doc, "span", { className: `stage stage-${stage.toLowerCase() || "unknown"}${stageShown ? " sr-only" : ""}` }, stage || t("depth")),
        depth?.peak_stage ? h(doc, "span", { className: "peak muted" }, t("peakStage", stageLabel({ stage: depth.peak_stage }))) : null,
        score !== null ? h(doc, "span", { className: "score", "aria-label": t("scoreLabel", score) }, `${score}/100`) : null,
      ),
    );
  }
  const lines = whyLines(depth);
  if (lines.length && !compact) parts.push(h(doc, "ul", { className: "why", "aria-label": t("why") }, lines.map((l) => h(doc, "li", {}, l))));
  return parts;
}

function renderPerson(doc, section, model) {
  section.replaceChildren();
  const view = model.view;
  if (!view) return;
  const name = personName(view);
  const headline = text(view.person?.headline) || text(view.profile?.headline);
  const networks = networksOf(view);
  section.append(
    // The bar shows the name and stage: the body keeps them for screen readers only, not twice on screen.
    h(doc, "h1", { className: "name sr-only", id: "person-name" }, name),
    headline ? h(doc, "p", { className: "headline muted" }, headline) : "",
    networks.length
      ? h(doc, "p", { className: "networks" }, networks.map((n) => h(doc, "span", { className: "network" }, n)))
      : "",
    ...renderDepth(doc, view.depth, { stageShown: true }),
  );
  if (!sortTimeline(view.interactions).length) {
    section.append(
      h(doc, "p", { className: "empty", id: "no-history" }, t("noHistory", name)),
      h(doc, "p", { className: "muted" }, t("noHistoryHelp")),
    );
  }
}

function renderList(doc, section, items, title, className) {
  section.replaceChildren();
  section.hidden = items.length === 0;
  if (!items.length) return;
  section.append(h(doc, "h2", {}, title), h(doc, "ul", { className }, items.map((t) => h(doc, "li", {}, t))));
}

/** The most urgent open loops; overdue promises are marked. */
export function loopItems(loops) {
  return (Array.isArray(loops) ? loops : [])
    .filter((l) => lineText(l))
    .slice(0, LOOPS_SHOWN)
    .map((l) => ({ text: lineText(l), overdue: Boolean(l && l.overdue) }));
}

function renderLoops(doc, section, loops) {
  const items = loopItems(loops);
  section.replaceChildren();
  section.hidden = items.length === 0;
  if (!items.length) return;
  section.append(
    h(doc, "h2", {}, t("openLoops")),
    h(doc, "ul", { className: "loop-list" }, items.map((l) => h(doc, "li", { className: l.overdue ? "overdue" : "" }, l.text))),
  );
}

function renderCheck(doc, section, model, actions) {
  const check = model.check;
  section.replaceChildren();
  section.hidden = !check;
  if (!check) return;
  const cview = check.view;
  section.append(h(doc, "h2", {}, t(INTENT_KEYS[check.intent] ?? "checkTitleAct")));
  if (check.loading) section.append(h(doc, "p", { className: "muted" }, t("checkingHistory")));
  if (check.error) section.append(h(doc, "p", { className: "error" }, text(check.error.message)));
  if (cview) {
    section.append(...renderDepth(doc, cview.depth, { compact: true }));
    const loops = loopItems(cview.open_loops).map((l) => l.text);
    const warnings = itemList(cview.warnings);
    if (loops.length) section.append(h(doc, "ul", { className: "loop-list" }, loops.map((t) => h(doc, "li", {}, t))));
    if (warnings.length) {
      section.append(h(doc, "ul", { className: "warning-list" }, warnings.map((t) => h(doc, "li", {}, t))));
    }
    if (!loops.length && !warnings.length) section.append(h(doc, "p", { className: "muted" }, t("nothingToWatch")));
  }
  const row = h(doc, "div", { className: "row" });
  if (check.hold && !check.decided) {
    row.append(
      h(doc, "button", { type: "button", className: "primary", onClick: () => actions.decide("continue") }, t("continue")),
      h(doc, "button", { type: "button", onClick: () => actions.decide("cancel") }, t("cancel")),
    );
  } else {
    const kind = (model.view?.kinds || []).find((k) => k.id === check.logKind);
    const offer = check.intent !== "follow" && check.decided !== "cancel" && kind;
    if (offer && check.loggedKind === kind.id) row.append(h(doc, "span", { className: "muted" }, t("loggedKind", kind.label)));
    else if (offer) {
      row.append(
        h(doc, "button", { type: "button", className: "primary", onClick: () => actions.log(kind.id) }, t("logKind", kind.label.toLowerCase())),
      );
    }
    // "Dismiss", not "Close": the close-friend tag is a button too, and the two must not read alike.
    row.append(h(doc, "button", { type: "button", "aria-label": t("dismissCheckLabel"), onClick: () => actions.dismissCheck() }, t("dismissCheck")));
  }
  section.append(row);
}

function renderKinds(doc, container, model, actions) {
  // On a profile page, only what exists on that site (no connection request on X); elsewhere, everything.
  // The tab's site is known from its URL: a stored person's view (which may have no profile) must not
  // offer another site's kinds until the page's answer is in.
  const network = model.view?.profile?.network ?? model.network;
  const onSite = (k) => !network || !Array.isArray(k.networks) || !k.networks.length || k.networks.includes(network);
  const kinds = (model.view?.kinds || []).filter((k) => k && k.quick_log && onSite(k));
  container.replaceChildren(
    ...kinds.map((k) =>
      h(doc, "button", { type: "button", className: "kind", "data-kind": k.id, "aria-label": t("logKindNow", text(k.label)), onClick: () => actions.log(k.id) }, text(k.label)),
    ),
  );
  return kinds.length > 0;
}

// "Close" alone reads like the button that closes a panel: the tag is "Close friend".
const TAG_KEYS = Object.freeze({ close: "tagClose", family: "tagFamily", colleague: "tagColleague" });

export function tagLabel(tag) {
  return Object.hasOwn(TAG_KEYS, tag) ? t(TAG_KEYS[tag]) : tag.charAt(0).toUpperCase() + tag.slice(1);
}

/** The tags with `tag` switched on or off, in the agent's order. */
export function toggledTags(all, current, tag) {
  const on = new Set(current);
  if (on.has(tag)) on.delete(tag);
  else on.add(tag);
  return all.filter((t) => on.has(t));
}

// The user's overrides, one click each (depth model: "make logging and overrides one click"): the tags the
// agent offers, pressed or not, and how you met. Only for someone Fathom remembers (not a transient stranger).
function renderAbout(doc, section, model, actions) {
  const person = model.view?.person;
  const all = (Array.isArray(model.view?.tags) ? model.view.tags : []).filter((t) => typeof t === "string");
  section.hidden = !(person?.id && all.length);
  if (section.hidden) return;
  renderSuggestions(doc, doc.getElementById("suggestions"), model.view.merge_suggestions, actions);
  const current = Array.isArray(person.tags) ? person.tags : [];
  doc.getElementById("tags").replaceChildren(
    ...all.map((tag) =>
      h(
        doc,
        "button",
        {
          type: "button",
          className: "tag",
          "aria-label": t("markAs", tagLabel(tag).toLowerCase()),
          "aria-pressed": current.includes(tag) ? "true" : "false",
          onClick: () => actions.setTags(toggledTags(all, current, tag)),
        },
        tagLabel(tag),
      ),
    ),
  );
  const howMet = text(person.how_met);
  const line = doc.getElementById("how-met-line");
  line.hidden = !howMet;
  line.textContent = howMet ? t("howYouMetLine", howMet) : "";
  const input = doc.getElementById("how-met-input");
  if (doc.activeElement !== input) input.value = howMet; // never overwrite what the user is typing
  doc.getElementById("how-met-save").onclick = () => actions.setHowMet(input.value);
}

// Fathom suggests, the user links: "Ada Lovelace on X may be the same person", why, and one button.
function renderSuggestions(doc, list, suggestions, actions) {
  const items = (Array.isArray(suggestions) ? suggestions : []).filter((s) => s && typeof s.person_id === "string");
  list.hidden = items.length === 0;
  list.replaceChildren(
    ...items.map((s) => {
      const who = NETWORK_LABELS[s.network] ? t("nameOnNetwork", text(s.name), NETWORK_LABELS[s.network]) : text(s.name);
      return h(
        doc,
        "li",
        { className: "suggestion" },
        h(doc, "p", {}, t("maybeSamePerson", who)),
        text(s.reason) ? h(doc, "p", { className: "muted" }, text(s.reason)) : null,
        h(doc, "button", { type: "button", "aria-label": t("linkWith", who), onClick: () => actions.link(s.person_id) }, t("linkThem")),
      );
    }),
  );
}

function renderTimeline(doc, section, list, model) {
  const items = sortTimeline(model.view?.interactions);
  section.hidden = items.length === 0;
  const labels = new Map((model.view?.kinds || []).map((k) => [k.id, text(k.label)]));
  list.replaceChildren(
    ...items.slice(0, TIMELINE_LIMIT).map((i) =>
      h(
        doc,
        "li",
        { className: "event" },
        h(
          doc,
          "p",
          { className: "event-head" },
          h(doc, "span", { className: "event-kind" }, labels.get(i.kind) ?? text(i.kind)),
          directionLabel(i.direction) ? h(doc, "span", { className: "event-dir muted" }, directionLabel(i.direction)) : null,
          i.ask === true ? h(doc, "span", { className: "event-ask" }, t("askMark")) : null,
          h(doc, "span", { className: "event-date muted" }, formatDate(i.at) || t("undated")),
        ),
        text(i.note) ? h(doc, "p", { className: "event-note" }, text(i.note)) : null,
        i.follow_up?.text
          ? h(doc, "p", { className: "event-followup muted" }, i.follow_up.due
              ? t("followUpDue", text(i.follow_up.text), formatDate(i.follow_up.due))
              : t("followUp", text(i.follow_up.text)))
          : null,
      ),
    ),
  );
  if (items.length > TIMELINE_LIMIT) list.append(h(doc, "li", { className: "muted" }, t("andEarlier", items.length - TIMELINE_LIMIT)));
}

/** Renders the whole overlay into `doc` (overlay.html's skeleton) from `model`. */
export function renderOverlay(doc, model, actions) {
  const $ = (id) => doc.getElementById(id);
  const view = model.view;
  const connected = model.agent?.state === "connected";
  $("panel").dataset.state = connected ? (view ? "ready" : "loading") : text(model.agent?.state) || "connecting";
  $("panel").classList.toggle("collapsed", Boolean(model.collapsed));

  const toggle = $("toggle");
  toggle.setAttribute("aria-expanded", model.collapsed ? "false" : "true");
  const name = paintBar(doc, model);
  toggle.setAttribute("aria-label", t(model.collapsed ? "showFathomFor" : "hideFathomFor", name));
  $("content").hidden = Boolean(model.collapsed);

  renderStatus(doc, $("status"), model, actions);
  renderCheck(doc, $("check"), model, actions);
  const showView = connected && view;
  renderPerson(doc, $("person"), showView ? model : { view: null });
  renderLoops(doc, $("loops"), showView ? view.open_loops : []);
  renderList(doc, $("warnings"), showView ? itemList(view.warnings) : [], t("headsUp"), "warning-list");
  renderAbout(doc, $("about"), showView ? model : { view: null }, actions);
  $("log").hidden = !(showView && renderKinds(doc, $("kinds"), model, actions));
  renderTimeline(doc, $("timeline"), $("timeline-list"), showView ? model : { view: null });

  const undo = $("undo");
  undo.hidden = !model.logged;
  if (model.logged) $("undo-text").textContent = t("loggedUndo", text(model.logged.label));
}

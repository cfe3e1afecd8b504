// The overlay's bar: the person's name and depth stage, and the page theme. A classic script, shared by
// first-paint.js (which paints the bar before the full renderer has loaded) and render.js, so both paint
// it the same way. Every value from the agent is inserted as text.
globalThis.FathomOverlayBar = (() => {
  // agent/depth/score.py's stages
  const STAGE_KEYS = Object.freeze({
    stranger: "stage_stranger",
    aware: "stage_aware",
    acquainted: "stage_acquainted",
    engaged: "stage_engaged",
    trusted: "stage_trusted",
  });
  const t = (...args) => globalThis.FathomI18n.t(...args);
  const text = (value) => (typeof value === "string" ? value : value == null ? "" : String(value));

  function personName(view) {
    return text(view?.person?.name) || text(view?.profile?.name) || text(view?.profile?.handle) || t("thisPerson");
  }

  function stageLabel(depth) {
    const stage = text(depth?.stage);
    if (Object.hasOwn(STAGE_KEYS, stage)) return t(STAGE_KEYS[stage]);
    return stage ? stage.charAt(0).toUpperCase() + stage.slice(1) : "";
  }

  /** Paints the theme, name and stage chip from a render model (what the worker sent); returns the name. */
  function paint(doc, model) {
    const view = model.view;
    doc.documentElement.dataset.theme = model.theme === "dark" ? "dark" : "light";
    const name = view ? personName(view) : "Fathom";
    doc.getElementById("bar-name").textContent = name;
    const stage = view ? stageLabel(view.depth) : "";
    const chip = doc.getElementById("bar-stage");
    chip.hidden = !stage;
    chip.textContent = stage;
    return name;
  }

  return Object.freeze({ paint, personName, stageLabel });
})();

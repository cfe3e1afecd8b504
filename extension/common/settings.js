// Settings kept in storage.local (none of them private: storage.local is readable by content scripts).
// One defaults object plus an ordered list of migrations, so renamed options keep their values.
// A classic script for the same reason as messages.js.
(() => {
  const DEFAULTS = Object.freeze({
    agentPort: 47821,
    mode: "nudge", // nudge: never block a Connect/Message click; confirm: hold it until Continue/Cancel
    collapsed: false, // the overlay's collapsed state
  });
  const MODES = Object.freeze(["nudge", "confirm"]);
  const SCHEMA_VERSION = 1;

  // Each migration takes the stored object and returns the next version's object.
  const MIGRATIONS = Object.freeze([
    // 0 -> 1: first stored version; drop anything we do not know.
    (stored) => Object.fromEntries(Object.entries(stored).filter(([k]) => k in DEFAULTS)),
  ]);

  // The same range `fathom serve` accepts (agent/__init__.py: MIN_PORT, MAX_PORT).
  const MIN_PORT = 1024;
  const MAX_PORT = 65535;

  function validPort(value) {
    const port = Number(value);
    return Number.isInteger(port) && port >= MIN_PORT && port <= MAX_PORT ? port : null;
  }

  function normalise(stored) {
    const out = { ...DEFAULTS };
    if (validPort(stored.agentPort)) out.agentPort = validPort(stored.agentPort);
    if (MODES.includes(stored.mode)) out.mode = stored.mode;
    if (typeof stored.collapsed === "boolean") out.collapsed = stored.collapsed;
    return out;
  }

  async function load(storageArea) {
    const { settings = {}, settingsVersion = 0 } = await storageArea.get(["settings", "settingsVersion"]);
    let current = settings && typeof settings === "object" ? settings : {};
    for (let v = settingsVersion; v < SCHEMA_VERSION; v += 1) current = MIGRATIONS[v](current);
    return normalise(current);
  }

  async function save(storageArea, changes) {
    const next = normalise({ ...(await load(storageArea)), ...changes });
    await storageArea.set({ settings: next, settingsVersion: SCHEMA_VERSION });
    return next;
  }

  globalThis.FathomSettings = Object.freeze({ DEFAULTS, MODES, MIN_PORT, MAX_PORT, load, save, validPort });
})();

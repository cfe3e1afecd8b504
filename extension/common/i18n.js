// The extension's words come from _locales/<language>/messages.json (the browser picks the language), so a
// translation is one file. A classic script, for the same reason as messages.js. t(key, ...values) fills
// $1, $2… in the message; localize(root) fills the elements marked data-i18n (text), data-i18n-placeholder,
// data-i18n-title and data-i18n-aria-label in a page's markup.
globalThis.FathomI18n = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const ATTRIBUTES = Object.freeze(["placeholder", "title", "aria-label"]);

  function t(key, ...values) {
    // A key missing from messages.json shows as itself (tests/extension/test_i18n.py fails on it first).
    return api.i18n.getMessage(key, values.map(String)) || key;
  }

  function localize(root) {
    for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
    for (const name of ATTRIBUTES) {
      for (const el of root.querySelectorAll(`[data-i18n-${name}]`)) {
        el.setAttribute(name, t(el.getAttribute(`data-i18n-${name}`)));
      }
    }
  }

  return Object.freeze({ t, localize });
})();

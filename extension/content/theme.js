// Reports whether the host page is light or dark, so the overlay can match it. Only the page's
// background colour is read: nothing private.
globalThis.FathomTheme = (() => {
  const DARK_BELOW = 0.4; // relative luminance; X "dim" (#15202b) and "lights out" (#000) fall below it

  function parseRgb(value) {
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)/.exec(value || "");
    if (!m) return null;
    const alpha = m[4] === undefined ? 1 : m[4].endsWith("%") ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return alpha === 0 ? null : [m[1], m[2], m[3]].map(Number);
  }

  function luminance([r, g, b]) {
    const lin = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }

  function hostTheme(doc) {
    for (const el of [doc.body, doc.documentElement]) {
      if (!el) continue;
      const rgb = parseRgb(getComputedStyle(el).backgroundColor);
      if (rgb) return luminance(rgb) < DARK_BELOW ? "dark" : "light";
    }
    return "light";
  }

  return Object.freeze({ hostTheme });
})();

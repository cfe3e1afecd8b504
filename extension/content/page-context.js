// Collects the bounded page context the agent's site parsers read: the URL, the head's meta/link/
// JSON-LD/title, and the profile header's HTML. Nothing else of the page leaves the tab.
globalThis.FathomPageContext = (() => {
  const MAX_BYTES = 256 * 1024;
  const MAX_HEAD_ITEM_BYTES = 32 * 1024; // one oversized JSON-LD blob must not crowd out the header
  const HEAD_ITEMS =
    'title, meta[property], meta[name], link[rel="canonical"], link[rel="alternate"], script[type="application/ld+json"]';
  // Subtrees that carry no identity and only cost bytes.
  const STRIP = "script, style, svg, noscript, template, iframe, video, picture source";
  const bytes = (text) => new TextEncoder().encode(text).length;

  // Head metadata that names a different profile is left over from the previous profile after an SPA
  // navigation: sending it would make the agent attribute this page to the wrong person.
  function isStale(el, site, key) {
    const value = el.getAttribute("href") || el.getAttribute("content") || "";
    if (/^https?:\/\//i.test(value) || value.startsWith("/")) {
      const other = site.profileKey(new URL(value, location.href).href);
      if (other && other !== key) return true;
    }
    if (el.matches('script[type="application/ld+json"]')) {
      const text = (el.textContent || "").toLowerCase();
      return text.includes('"person"') && !text.includes(key.toLowerCase());
    }
    return false;
  }

  function headHtml(doc, site, key) {
    const parts = [];
    for (const el of doc.querySelectorAll(HEAD_ITEMS)) {
      if (el.closest("body") && !el.matches('script[type="application/ld+json"]')) continue;
      if (isStale(el, site, key)) continue;
      const html = el.outerHTML;
      if (bytes(html) <= MAX_HEAD_ITEM_BYTES) parts.push(html);
    }
    return parts.join("\n");
  }

  // The header without the site's noise: subtrees that never name the person (LinkedIn's guest card
  // carries five sign-in modals, 450 of its 520 elements). Every element sent is one the agent must parse.
  function withoutNoise(header, noise) {
    if (!noise || !header.querySelector(noise)) return header;
    const clone = header.cloneNode(true);
    for (const el of clone.querySelectorAll(noise)) el.remove();
    return clone;
  }

  function headerHtml(header, noise, budget) {
    if (!header || budget <= 0) return "";
    const lean = withoutNoise(header, noise);
    const full = lean.outerHTML;
    if (bytes(full) <= budget) return full;
    const clone = lean.cloneNode(true);
    for (const el of clone.querySelectorAll(STRIP)) el.remove();
    const trimmed = clone.outerHTML;
    if (bytes(trimmed) <= budget) return trimmed;
    // Still too big: keep the start, where name, handle and actions sit. The parser tolerates cut HTML.
    return trimmed.slice(0, Math.floor(budget / 4));
  }

  function collect(doc, site, key, header) {
    const head = headHtml(doc, site, key);
    const shell = "<!doctype html><html><head></head><body></body></html>";
    const budget = MAX_BYTES - bytes(head) - bytes(shell) - bytes(location.href) - 64;
    const body = headerHtml(header, site.selectors.noise, budget);
    return { url: location.href, html: `<!doctype html><html><head>${head}</head><body>${body}</body></html>` };
  }

  return Object.freeze({ collect, MAX_BYTES });
})();

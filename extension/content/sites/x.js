// X profile pages (https://x.com/<handle>, legacy twitter.com). Only data-testid and aria-label hooks:
// X's atomic CSS classes change with every deploy. Proved by tests/fixtures/real/
// x_profile_kikobeats_2025-12_rendered.html and twitter_profile_kikobeats_2023-01_rendered.html.
(() => {
  const SELECTORS = Object.freeze({
    column: '[data-testid="primaryColumn"]',
    userName: '[data-testid="UserName"]',
    headerParts: '[data-testid="UserProfileHeader_Items"], [data-testid="UserDescription"]',
    actions: '[data-testid$="-follow"], [data-testid$="-unfollow"], [data-testid="sendDMFromProfile"]',
    intents: [
      ["follow", '[data-testid$="-follow"]'],
      ["message", '[data-testid="sendDMFromProfile"]'],
    ],
  });
  const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
  const HOSTS = new Set(["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com", "www.x.com", "www.twitter.com"]);
  // First path segments that are app pages, not handles.
  const RESERVED = new Set(
    (
      "home explore notifications messages i settings search search-advanced compose login logout signup " +
      "tos privacy about jobs download account intent share hashtag communities premium premium_sign_up " +
      "verified-choose keyboard_shortcuts display who_to_follow connect_people topics lists bookmarks grok " +
      "following followers"
    ).split(" "),
  );
  const MAX_CLIMB = 12; // levels from UserName up to the header block

  function profileKey(href) {
    let url;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    if (url.protocol !== "https:" || !HOSTS.has(url.hostname.toLowerCase())) return null;
    const first = url.pathname.split("/")[1] || "";
    if (!HANDLE.test(first) || RESERVED.has(first.toLowerCase())) return null;
    return first.toLowerCase();
  }

  function nameBlockFor(doc, key) {
    for (const el of doc.querySelectorAll(SELECTORS.userName)) {
      if ((el.textContent || "").toLowerCase().includes(`@${key}`)) return el;
    }
    return null;
  }

  // The header block: the lowest ancestor of the name that also holds the action buttons, or else the bio
  // and profile items. Null until the page shows this handle's name (SPA navigation swaps it late).
  function findHeader(doc, key) {
    const name = nameBlockFor(doc, key);
    if (!name) return null;
    const column = name.closest(SELECTORS.column);
    let fallback = null;
    let el = name;
    for (let i = 0; i < MAX_CLIMB && el.parentElement && el !== column; i += 1) {
      el = el.parentElement;
      if (el.querySelector(SELECTORS.actions)) return el;
      if (!fallback && el.querySelector(SELECTORS.headerParts)) fallback = el;
    }
    return fallback || name.parentElement;
  }

  function intentFor(target, key) {
    for (const [intent, selector] of SELECTORS.intents) {
      const element = target.closest(selector);
      if (!element) continue;
      // The "Who to follow" sidebar has follow buttons for other accounts: only this handle's counts. Its
      // label names the account, so a Follow for this handle counts wherever it is: the header's, or the
      // one X shows in the top bar once the header has scrolled away.
      const label = (element.getAttribute("aria-label") || "").toLowerCase();
      if (intent === "follow") {
        if (label.endsWith(`@${key}`)) return { intent, element };
        continue;
      }
      const header = findHeader(document, key);
      if (header && header.contains(element)) return { intent, element };
    }
    return null;
  }

  globalThis.FathomProfileSession.start(
    Object.freeze({ name: "x", profileKey, findHeader, intentFor, selectors: SELECTORS }),
  );
})();

// LinkedIn profile pages (https://www.linkedin.com/in/<slug>). Selectors sit in one table; each is proved
// by tests/fixtures/real/linkedin_profile_eduardo-alvarez-nowak_2024-07_loggedin_nonself_body.html
// (logged-in top card and actions) or ..._2024-05_guest.html (guest top card). Hashed class names are
// never used: only artdeco-/pv-/top-card utilities and aria-labels, which LinkedIn keeps stable.
(() => {
  const SELECTORS = Object.freeze({
    // The top card, logged in (section with the member id) and as a guest.
    header: ["section.artdeco-card[data-member-id]", "section.top-card-layout", ".pv-top-card"],
    // Links only the profile's own top card has: they carry the slug of the person shown.
    ownLinks: 'a[href*="/overlay/contact-info/"], a[href*="/overlay/about-this-profile/"]',
    // Guest sign-in modals inside the top card: marketing, no identity (the head's canonical names the
    // profile), and most of the card's elements. Not sent to the agent.
    noise: ".modal--sign-in, .sign-in-modal, .contextual-sign-in-modal",
    // The sticky header repeats the actions when the top card scrolls away.
    stickyActions: ".pvs-sticky-header-profile-actions, [class*='pvs-sticky-header-profile-actions']",
    intents: [
      ["connect", '[aria-label^="Invite "][aria-label$=" to connect"]'],
      ["message", '[aria-label^="Message "]'],
      ["follow", '[aria-label^="Follow "]'],
    ],
  });
  const PROFILE_PATH = /^\/in\/([^/?#]+)\/?/;

  // "https://se.linkedin.com/in/Ada-L%C3%B6/details" -> "ada-lö"; null for anything that is not a profile.
  function profileKey(href) {
    let url;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    const host = url.hostname.toLowerCase();
    if (url.protocol !== "https:" || !(host === "linkedin.com" || host.endsWith(".linkedin.com"))) return null;
    const m = PROFILE_PATH.exec(url.pathname);
    if (!m) return null;
    let slug;
    try {
      slug = decodeURIComponent(m[1]);
    } catch {
      return null;
    }
    return slug ? slug.toLowerCase() : null;
  }

  // The top card of the profile `key`; null while the page still shows the previous profile's card.
  function findHeader(doc, key) {
    for (const selector of SELECTORS.header) {
      const header = doc.querySelector(selector);
      if (!header) continue;
      const own = [...header.querySelectorAll(SELECTORS.ownLinks)];
      if (own.length && !own.some((a) => profileKey(new URL(a.getAttribute("href"), location.href).href) === key)) {
        return null;
      }
      return header;
    }
    return null;
  }

  // Only the actions of the profile shown count: "People also viewed" has Connect buttons for others.
  function intentFor(target, key) {
    for (const [intent, selector] of SELECTORS.intents) {
      const element = target.closest(selector);
      if (!element) continue;
      const header = findHeader(document, key);
      if ((header && header.contains(element)) || element.closest(SELECTORS.stickyActions)) {
        return { intent, element };
      }
    }
    return null;
  }

  globalThis.FathomProfileSession.start(
    Object.freeze({ name: "linkedin", profileKey, findHeader, intentFor, selectors: SELECTORS }),
  );
})();

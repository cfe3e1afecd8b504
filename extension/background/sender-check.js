// Decides who sent a runtime message or opened a port. Anything that is not this extension's own
// content script on LinkedIn/X, or one of its own pages, gets null and is ignored.

// Origins, not the /in/ pattern: a content script that was injected on a profile stays in the tab when
// the site's SPA navigates elsewhere on the same origin, and must still be able to say it left.
const SITE_ORIGINS = Object.freeze(["https://www.linkedin.com", "https://x.com", "https://twitter.com"]);

/** Returns "content" | "overlay" | "popup" | "options" | null. */
export function classifySender(sender, runtime) {
  if (!sender || sender.id !== runtime.id || typeof sender.url !== "string") return null;
  let url;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  const own = new URL(runtime.getURL("/"));
  if (url.protocol === own.protocol) {
    // A web-accessible page loaded with use_dynamic_url has a per-session host, so the path decides;
    // sender.id above already proved it is this extension's page.
    if (url.pathname === "/overlay/overlay.html") return sender.tab && sender.frameId !== 0 ? "overlay" : null;
    if (url.host !== own.host) return null;
    if (url.pathname.startsWith("/popup/")) return "popup";
    if (url.pathname.startsWith("/options/")) return "options";
    return null;
  }
  if (sender.tab && sender.frameId === 0 && SITE_ORIGINS.includes(url.origin)) return "content";
  return null;
}

// Which address a review item's name opens: the person's profile, only on a page the overlay runs on.

/** The address prefixes the manifest's content scripts run on ("https://x.com/*" -> "https://x.com/"). */
export function profilePages(manifest) {
  return (manifest?.content_scripts ?? [])
    .flatMap((script) => script.matches ?? [])
    .filter((pattern) => typeof pattern === "string" && pattern.startsWith("https://") && pattern.endsWith("/*"))
    .map((pattern) => pattern.slice(0, -1));
}

/** The first of the person's profile addresses (agent-given) under one of `pages`, or null: whatever the
 * agent sends, the popup opens nothing else. */
export function profileUrl(person, pages) {
  for (const identity of person?.identities ?? []) {
    if (typeof identity?.url !== "string") continue;
    let url;
    try {
      url = new URL(identity.url);
    } catch {
      continue;
    }
    if (pages.some((prefix) => url.href.startsWith(prefix))) return url.href;
  }
  return null;
}

"""A LinkedIn profile whose own scripts spy on everything they can, as a hostile site's would.

The spy script runs in the page's world before any content script: it wraps attachShadow and the iframe
`src` setter (to catch our closed shadow root or the overlay's URL being set) and records every message
posted to the window. Content scripts run in an isolated world with their own prototypes, so nothing of
ours should ever pass through these wrappers.
"""

from __future__ import annotations

from dataclasses import replace

from tests.e2e.site_pages import FakeMember, SitePage, linkedin_member

SPY_SCRIPT = """<script>
  window.spy = { shadowRoots: [], iframeSources: [], messages: [] };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    window.spy.shadowRoots.push(root);
    return root;
  };
  const src = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, "src");
  Object.defineProperty(HTMLIFrameElement.prototype, "src", {
    get() { return src.get.call(this); },
    set(value) { window.spy.iframeSources.push(String(value)); src.set.call(this, value); },
  });
  window.addEventListener("message", (event) => {
    let data;
    try { data = JSON.stringify(event.data); } catch { data = String(event.data); }
    window.spy.messages.push({ origin: event.origin, data });
  }, true);
</script>"""


def spying_linkedin_member(member: FakeMember) -> SitePage:
    page = linkedin_member(member)
    head = "<head>"
    assert head in page.html, "the synthetic LinkedIn page has no <head> to put the spy in"
    return replace(page, html=page.html.replace(head, head + SPY_SCRIPT, 1))

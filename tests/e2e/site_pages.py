"""The LinkedIn and X pages the e2e tests serve at their real https URLs (through context.route).

Real pages come from tests/fixtures/real/ and are served with their scripts disabled (their scripts
expect LinkedIn's/X's servers). Synthetic pages are built here for what no real fixture shows: a second
profile for SPA navigation, a page script that counts clicks on Connect, and a page that has not drawn
its profile yet.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from tests.fixtures import REAL_FIXTURES

NO_SCRIPTS = "script-src 'none'"


@dataclass(frozen=True, slots=True)
class SitePage:
    url: str
    html: str
    csp: str | None = None  # Content-Security-Policy header, if any


def real_page(url: str, fixture_name: str) -> SitePage:
    text = (REAL_FIXTURES / fixture_name).read_text(encoding="utf-8")
    return SitePage(url, text, NO_SCRIPTS)


LINKEDIN_EDUARDO = "https://www.linkedin.com/in/eduardo-alvarez-nowak/"
X_KIKOBEATS = "https://x.com/Kikobeats"


def linkedin_eduardo() -> SitePage:
    """Eduardo Alvarez Nowak's profile as another logged-in member sees it (top card with Connect)."""
    return real_page(LINKEDIN_EDUARDO, "linkedin_profile_eduardo-alvarez-nowak_2024-07_loggedin_nonself_body.html")


def x_kikobeats() -> SitePage:
    """@Kikobeats on X, rendered (dark theme)."""
    return real_page(X_KIKOBEATS, "x_profile_kikobeats_2025-12_rendered.html")


@dataclass(frozen=True, slots=True)
class FakeMember:
    slug: str
    name: str
    headline: str

    @property
    def url(self) -> str:
        return f"https://www.linkedin.com/in/{self.slug}/"

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


ADA = FakeMember("ada-lovelace-fathomtest", "Ada Lovelace", "Analyst of engines")
GRACE = FakeMember("grace-hopper-fathomtest", "Grace Hopper", "Compiler pioneer")


def _top_card(member: FakeMember) -> str:
    """A logged-in top card with the hooks of the real 2024 markup (see the LinkedIn site parser)."""
    name = html.escape(member.name)
    return f"""
      <div class="cover"></div>
      <div class="mt2 relative">
        <div class="photo"></div>
        <a href="/in/{member.slug}/overlay/about-this-profile/"><h1 class="text-heading-xlarge">{name}</h1></a>
        <div class="text-body-medium break-words">{html.escape(member.headline)}</div>
        <span class="text-body-small inline t-black--light break-words">London, United Kingdom</span>
        <a id="top-card-text-details-contact-info" href="/in/{member.slug}/overlay/contact-info/">Contact info</a>
      </div>
      <div class="pvs-profile-actions">
        <button class="artdeco-button artdeco-button--primary pvs-profile-actions__action" id="connect"
          aria-label="Invite {name} to connect">Connect</button>
        <div class="entry-point profile-action-compose-option">
          <button class="artdeco-button pvs-profile-actions__action" id="message"
            aria-label="Message {html.escape(member.first_name)}">Message</button>
        </div>
      </div>"""


def linkedin_member(member: FakeMember, *, next_member: FakeMember | None = None) -> SitePage:
    """A synthetic logged-in LinkedIn profile. Its script counts page-side clicks on Connect (so a test
    can see whether a held click reached the page) and, with next_member, navigates to that profile the
    way LinkedIn does: pushState plus a DOM swap, no page load."""
    spa = ""
    if next_member is not None:
        spa = f"""
      <p><a id="spa-next" href="{next_member.url}">{html.escape(next_member.name)}</a></p>
      <script>
        document.getElementById("spa-next").addEventListener("click", (event) => {{
          event.preventDefault();
          history.pushState({{}}, "", "/in/{next_member.slug}/");
          document.title = {next_member.name!r} + " | LinkedIn";
          document.querySelector('link[rel="canonical"]').href = "{next_member.url}";
          document.querySelector('meta[property="og:title"]').content = {next_member.name!r};
          document.getElementById("top-card").innerHTML = document.getElementById("next-card").innerHTML;
        }});
      </script>
      <template id="next-card">{_top_card(next_member)}</template>"""
    body = f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>{html.escape(member.name)} | LinkedIn</title>
    <link rel="canonical" href="{member.url}">
    <meta property="og:title" content="{html.escape(member.name)}">
    <style>
      body {{ background: #f4f2ee; color: #1d2226; font: 14px/1.4 system-ui, sans-serif; margin: 0; }}
      header {{ height: 52px; background: #fff; border-bottom: 1px solid #e0dfdc; display: flex; align-items: center;
        padding: 0 max(24px, calc(50% - 560px)); gap: 12px; }}
      .logo {{ width: 34px; height: 34px; border-radius: 4px; background: #0a66c2; color: #fff; font: 700 22px/34px
        system-ui; text-align: center; }}
      .search {{ width: 240px; height: 34px; border-radius: 4px; background: #edf3f8; }}
      main {{ max-width: 1128px; margin: 24px auto; padding: 0 24px; }}
      section {{ background: #fff; border-radius: 8px; border: 1px solid #e0dfdc; overflow: hidden; max-width: 720px; }}
      .cover {{ height: 160px; background: linear-gradient(120deg, #a0b4b7, #d5e0d8); }}
      .mt2 {{ padding: 0 24px; margin-top: -72px; }}
      .photo {{ width: 144px; height: 144px; border-radius: 50%; border: 4px solid #fff; background: #c9b7a5; }}
      h1 {{ font-size: 24px; margin: 12px 0 0; color: #1d2226; }}
      .mt2 a {{ color: inherit; text-decoration: none; }}
      #top-card-text-details-contact-info {{ color: #0a66c2; font-weight: 600; }}
      .text-body-medium {{ font-size: 16px; }}
      .t-black--light {{ color: #666; }}
      .pvs-profile-actions {{ display: flex; gap: 8px; padding: 16px 24px 24px; }}
      .artdeco-button {{ border-radius: 16px; padding: 6px 16px; font: 600 16px system-ui; border: 1px solid #0a66c2;
        background: #fff; color: #0a66c2; }}
      .artdeco-button--primary {{ background: #0a66c2; color: #fff; }}
    </style>
  </head>
  <body>
    <header><div class="logo">in</div><div class="search"></div></header>
    <main>
      <section class="artdeco-card" data-member-id="1001" id="top-card">{_top_card(member)}</section>
      {spa}
    </main>
    <script>
      window.connectClicks = 0;
      document.addEventListener("click", (event) => {{
        if (event.target.closest('[aria-label$=" to connect"]')) window.connectClicks += 1;
      }});
    </script>
  </body>
</html>"""
    return SitePage(member.url, body, None)


def linkedin_shell(member: FakeMember) -> SitePage:
    """LinkedIn's page before its scripts have drawn the profile: the URL names the member, the markup and
    head do not. The top card waits in a template until the test draws it with draw_top_card()."""
    body = f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>LinkedIn</title>
  </head>
  <body>
    <header><div class="logo">in</div></header>
    <main id="main"><div class="skeleton" aria-busy="true"></div></main>
    <template id="late-card">{_top_card(member)}</template>
  </body>
</html>"""
    return SitePage(member.url, body, None)


# Runs in the page: what LinkedIn's scripts would do once the profile's data arrived.
DRAW_TOP_CARD = """() => {
    const card = document.createElement("section");
    card.className = "artdeco-card";
    card.dataset.memberId = "1001";
    card.append(document.getElementById("late-card").content.cloneNode(true));
    document.getElementById("main").replaceChildren(card);
}"""

"""The overlay on LinkedIn profiles: the right person and depth, SPA navigation, the first-log offer."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.extension_browser import WAIT_MS, ExtensionBrowser, overlay_frame
from tests.e2e.site_pages import (
    ADA,
    DRAW_TOP_CARD,
    GRACE,
    LINKEDIN_EDUARDO,
    FakeMember,
    linkedin_eduardo,
    linkedin_member,
    linkedin_shell,
    real_page,
)
from tests.support.agent_process import AgentProcess

pytestmark = pytest.mark.browser

HEADER_WAIT_MS = 10_000  # content/page-watch.js: after this the context is sent without a header


def test_overlay_shows_the_linkedin_person_with_the_agents_depth(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    agent.cli(
        "log",
        "--linkedin",
        "eduardo-alvarez-nowak",
        "--kind",
        "in_person",
        "--at",
        "2025-01-10",
        "--note",
        "Met at the Data Summit",
    )
    agent.cli(
        "log",
        "--linkedin",
        "eduardo-alvarez-nowak",
        "--kind",
        "email",
        "--direction",
        "them",
        "--at",
        "2025-01-12",
        "--note",
        "Sent the slides",
    )
    paired.serve(linkedin_eduardo())
    page = paired.open_profile(LINKEDIN_EDUARDO)
    overlay = overlay_frame(page)
    expected = agent.show("linkedin", "eduardo-alvarez-nowak")["depth"]

    expect(overlay.locator("#person-name")).to_have_text("Eduardo Alvarez Nowak", timeout=WAIT_MS)
    expect(overlay.locator("#person .stage")).to_have_text(expected["stage"].capitalize())
    expect(overlay.locator("#person .score")).to_have_text(f"{round(expected['score'])}/100")
    expect(overlay.locator(".event-note")).to_have_text(["Sent the slides", "Met at the Data Summit"])
    expect(overlay.locator("html")).to_have_attribute("data-theme", "light")


def days_ago(days: int) -> str:
    return (datetime.now(UTC).date() - timedelta(days=days)).isoformat()


def test_open_loops_show_above_the_history(paired: ExtensionBrowser, agent: AgentProcess) -> None:
    agent.cli("log", "--linkedin", ADA.slug, "--kind", "in_person", "--at", days_ago(400), "--note", "Met at PyCon")
    agent.cli(
        "log",
        "--linkedin",
        ADA.slug,
        "--kind",
        "call",
        "--at",
        days_ago(30),
        "--note",
        "Talked about her engine notes",
        "--follow-up",
        "Send the paper on Bernoulli numbers",
        "--due",
        days_ago(2),
    )
    agent.cli(
        "log",
        "--linkedin",
        ADA.slug,
        "--kind",
        "email",
        "--direction",
        "them",
        "--at",
        days_ago(9),
        "--note",
        "Asked for an intro to Charles",
    )
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expected = [loop["text"] for loop in agent.show("linkedin", ADA.slug)["open_loops"][:2]]

    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)
    expect(overlay.locator("#loops li")).to_have_text(expected)
    expect(overlay.locator(".event-kind")).to_have_text(["Email", "Call", "Met in person"])


def test_a_known_person_shows_from_the_url_before_the_page_draws_the_profile(
    paired: ExtensionBrowser, agent: AgentProcess
) -> None:
    paired.serve(linkedin_member(ADA))
    first = overlay_frame(paired.open_profile(ADA.url))
    expect(first.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)  # the agent now knows her name
    agent.cli("log", "--linkedin", ADA.slug, "--kind", "in_person", "--at", days_ago(3), "--note", "Met at the Society")
    stage = agent.show("linkedin", ADA.slug)["depth"]["stage"].capitalize()

    moved_on = FakeMember(ADA.slug, ADA.name, "Now at the Analytical Engine Company")
    paired.serve(linkedin_shell(moved_on))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    # Well inside the header wait, so only the lookup by URL can have answered: name, stage and history come
    # from the agent's record.
    expect(overlay.locator("#bar-stage")).to_have_text(stage, timeout=HEADER_WAIT_MS // 2)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name)
    expect(overlay.locator("#person .headline")).to_have_text(ADA.headline)
    expect(overlay.locator(".event-note")).to_have_text(["Met at the Society"])

    page.evaluate(DRAW_TOP_CARD)  # the page's context then refines what the record said
    expect(overlay.locator("#person .headline")).to_have_text(moved_on.headline, timeout=WAIT_MS)
    expect(overlay.locator("#bar-stage")).to_have_text(stage)


def test_the_bar_shows_the_stage_before_the_overlays_modules_have_loaded(
    paired: ExtensionBrowser, agent: AgentProcess
) -> None:
    agent.cli("log", "--linkedin", ADA.slug, "--kind", "in_person", "--at", days_ago(3))
    stage = agent.show("linkedin", ADA.slug)["depth"]["stage"].capitalize()
    # Without the full renderer (overlay.js and its modules) only first-paint.js can paint: it opened the
    # worker's port on its own and draws the bar from the worker's renders.
    paired.context.route(re.compile(r"^chrome-extension://[^/]+/overlay/overlay\.js$"), lambda route: route.abort())
    paired.serve(linkedin_member(ADA))
    overlay = overlay_frame(paired.open_profile(ADA.url))

    expect(overlay.locator("#bar-stage")).to_have_text(stage, timeout=WAIT_MS)
    expect(overlay.locator("#bar-name")).to_have_text(ADA.name, timeout=WAIT_MS)  # the page's context too
    expect(overlay.locator("#person-name")).to_have_count(0)  # the full renderer never ran


def test_spa_navigation_to_another_profile_swaps_the_overlay(paired: ExtensionBrowser) -> None:
    paired.serve(linkedin_member(ADA, next_member=GRACE), linkedin_member(GRACE))
    page = paired.open_profile(ADA.url)
    first = overlay_frame(page)
    expect(first.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)

    page.locator("#spa-next").click()
    expect(page).to_have_url(GRACE.url)
    second = overlay_frame(page, other_than=first)
    expect(second.locator("#person-name")).to_have_text(GRACE.name, timeout=WAIT_MS)
    expect(page.locator("fathom-overlay-host")).to_have_count(1)


def test_a_person_with_no_history_is_told_so_and_offered_the_first_log(paired: ExtensionBrowser) -> None:
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#no-history")).to_have_text(f"No history with {ADA.name} yet.", timeout=WAIT_MS)
    expect(overlay.get_by_role("button", name="Log Met in person now")).to_be_visible()


def test_escape_collapses_the_overlay_and_the_toggle_reopens_it(paired: ExtensionBrowser) -> None:
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    overlay = overlay_frame(page)
    toggle = overlay.locator("#toggle")
    expect(toggle).to_have_attribute("aria-expanded", "true", timeout=WAIT_MS)
    toggle.focus()
    toggle.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(overlay.locator("#content")).to_be_hidden()
    toggle.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(overlay.locator("#content")).to_be_visible()


@pytest.mark.parametrize(("window_height", "overlay_height"), [(300, 300 - 72 - 16), (150, 120)])
def test_the_overlay_is_kept_inside_a_short_window(
    paired: ExtensionBrowser, window_height: int, overlay_height: int
) -> None:
    paired.serve(linkedin_member(ADA))
    page = paired.context.new_page()
    page.set_viewport_size({"width": 1280, "height": window_height})
    page.goto(ADA.url)
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)
    # Its content is taller than fits: the host, 72 px from the top, stops 16 px above the window's bottom
    # edge, and is never shorter than 120 px.
    content = overlay.evaluate("['bar', 'content'].reduce((h, id) => h + document.getElementById(id).scrollHeight, 0)")
    assert content > overlay_height
    page.wait_for_function(
        "(h) => document.querySelector('fathom-overlay-host').getBoundingClientRect().height === h",
        arg=overlay_height,
        timeout=WAIT_MS,
    )


def test_the_overlay_does_not_move_or_restyle_the_host_page(paired: ExtensionBrowser) -> None:
    paired.serve(linkedin_member(ADA))
    page = paired.open_profile(ADA.url)
    card = page.locator("#top-card")
    before = card.bounding_box()
    styles_before = page.evaluate("document.styleSheets.length")
    overlay = overlay_frame(page)
    expect(overlay.locator("#person-name")).to_have_text(ADA.name, timeout=WAIT_MS)
    assert card.bounding_box() == before
    assert page.evaluate("document.styleSheets.length") == styles_before
    host_position = page.locator("fathom-overlay-host").evaluate("el => getComputedStyle(el).position")
    assert host_position == "fixed"


def test_a_2015_layout_shows_the_name_from_the_head_without_waiting_for_a_header(paired: ExtensionBrowser) -> None:
    url = "https://www.linkedin.com/in/jeffweiner08"
    paired.serve(real_page(url, "linkedin_profile_jeffweiner08_2015-12_public_guest.html"))
    overlay = overlay_frame(paired.open_profile(url))
    # The header selectors know only today's layout: well inside their wait, only the head can have named him.
    expect(overlay.locator("#bar-name")).to_have_text("Jeff Weiner", timeout=HEADER_WAIT_MS // 2)


def test_a_profile_not_found_page_says_so_at_once_and_offers_no_log(paired: ExtensionBrowser) -> None:
    url = "https://www.linkedin.com/in/ivanahmadfatoni/"
    paired.serve(real_page(url, "linkedin_profile_not_found_2024-06_guest.html"))
    overlay = overlay_frame(paired.open_profile(url))
    expect(overlay.locator("#status .error")).to_contain_text("does not exist", timeout=HEADER_WAIT_MS // 2)
    expect(overlay.locator("#log")).to_be_hidden()

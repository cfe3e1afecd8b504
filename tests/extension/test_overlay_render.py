"""The overlay's rendering (extension/overlay/render.js) in a blank page: what each state shows.

The views are the agent's real answers, recorded by scripts/record-fixtures (tests/support/agent_recording.py
says what was asked); a test changes its copy only where it needs a state the recording does not show.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.support.agent_recording import recorded

pytestmark = pytest.mark.browser

CONNECTED = {"state": "connected", "port": 47821, "detail": ""}


def history() -> dict[str, Any]:
    """The agent's real answer for Eduardo's LinkedIn page once a little history is logged (a fresh copy)."""
    return recorded("context_linkedin_with_history")


def render(page: Page, model: dict[str, Any]) -> None:
    page.evaluate(
        """async (model) => {
            const { renderOverlay } = await import("/overlay/render.js");
            window.calls = [];
            const record = (name) => (...args) => window.calls.push([name, ...args]);
            renderOverlay(document, model, {
                log: record("log"), decide: record("decide"), dismissCheck: record("dismiss"),
                setTags: record("tags"), setHowMet: record("how_met"), link: record("link"),
                retry: record("retry"), openOptions: record("options"),
            });
        }""",
        model,
    )


def calls(page: Page) -> list[list[Any]]:
    return list(page.evaluate("window.calls"))


def model(**changes: Any) -> dict[str, Any]:
    base = {
        "agent": CONNECTED,
        "loading": False,
        "error": None,
        "view": history(),
        "check": None,
        "logged": None,
        "theme": "light",
        "collapsed": False,
    }
    base.update(changes)
    return base


def test_person_name_networks_stage_score_and_why_lines_are_shown(overlay_page: Page) -> None:
    depth = history()["depth"]
    render(overlay_page, model())
    expect(overlay_page.locator("#person-name")).to_have_text("Eduardo Alvarez Nowak")
    expect(overlay_page.locator(".networks")).to_have_text("LinkedInX")
    expect(overlay_page.locator("#person .stage")).to_have_text("Engaged")
    expect(overlay_page.locator("#person .score")).to_have_text(f"{depth['score']}/100")
    expect(overlay_page.locator(".why li")).to_have_text(depth["reasons"])
    expect(overlay_page.locator("#loops li")).to_have_text(["Promised: Send the deck (due in 3 days)."])
    expect(overlay_page.locator("#warnings")).to_be_hidden()


def test_only_the_two_most_urgent_open_loops_show_and_overdue_ones_are_marked(overlay_page: Page) -> None:
    view = history()
    view["open_loops"] = [
        {"type": "promised_follow_up", "text": "Send the deck (overdue 2 days)", "overdue": True},
        {"type": "you_owe_reply", "text": "They wrote 9 days ago; you haven't replied.", "overdue": False},
        {"type": "pending_request", "text": "Connection request pending for 30 days.", "overdue": False},
    ]
    render(overlay_page, model(view=view))
    loops = overlay_page.locator("#loops li")
    expect(loops).to_have_text(["Send the deck (overdue 2 days)", "They wrote 9 days ago; you haven't replied."])
    expect(loops.first).to_have_class("overdue")


def test_a_dormant_tie_shows_its_peak_stage(overlay_page: Page) -> None:
    view = history()
    view["depth"] = {"stage": "aware", "score": 12, "peak_stage": "trusted", "reasons": []}
    render(overlay_page, model(view=view))
    expect(overlay_page.locator("#person .peak")).to_have_text("was Trusted")


def test_timeline_is_newest_first_with_kind_label_direction_date_and_note(overlay_page: Page) -> None:
    view = history()
    view["interactions"][1]["at"] = None  # as an X archive's likes are: no date
    render(overlay_page, model(view=view))
    events = overlay_page.locator("#timeline-list .event")
    expect(events.locator(".event-kind")).to_have_text(["Met in person", "Message", "Like"])  # undated last
    expect(events.locator(".event-dir")).to_have_text(["Both ways", "You → them", "You → them"])
    expect(events.locator(".event-date")).to_have_text(["1 Mar 2025", "5 Jan 2024", "undated"])
    expect(events.first.locator(".event-note")).to_have_text("coffee")


def test_a_person_with_no_history_is_told_plainly_and_offered_the_first_log(overlay_page: Page) -> None:
    render(overlay_page, model(view=recorded("context_linkedin_first_visit")))
    expect(overlay_page.locator("#no-history")).to_have_text("No history with Eduardo Alvarez Nowak yet.")
    expect(overlay_page.locator("#timeline")).to_be_hidden()
    expect(overlay_page.get_by_role("button", name="Log Met in person now")).to_be_visible()


EVERYWHERE = ["Met in person", "Call", "Email", "Message", "Comment or reply", "Introduction", "Helped"]


def test_quick_log_offers_only_quick_kinds_and_logs_on_one_click(overlay_page: Page) -> None:
    render(overlay_page, model())
    buttons = overlay_page.locator("#kinds button")
    expect(buttons).to_have_text([*EVERYWHERE[:5], "Connection request", *EVERYWHERE[5:]])
    overlay_page.get_by_role("button", name="Log Call now").click()
    assert calls(overlay_page) == [["log", "call"]]


@pytest.mark.parametrize(
    ("answer", "offered"),
    [
        ("context_x_first_visit", EVERYWHERE),
        # no page (the person's own view, as a lookup answers): everything
        ("lookup_linkedin_with_history", [*EVERYWHERE[:5], "Connection request", *EVERYWHERE[5:]]),
    ],
)
def test_quick_log_offers_only_what_exists_on_the_profiles_site(overlay_page: Page, answer, offered) -> None:
    render(overlay_page, model(view=recorded(answer)))
    expect(overlay_page.locator("#kinds button")).to_have_text(offered)


def test_the_users_tags_are_one_click_toggles_and_how_you_met_is_shown(overlay_page: Page) -> None:
    render(overlay_page, model())  # recorded after tagging him a colleague met at PyCon 2024
    tags = overlay_page.locator("#tags button")
    expect(tags).to_have_text(["Close friend", "Family", "Colleague"])
    expect(overlay_page.get_by_role("button", name="Mark as colleague")).to_have_attribute("aria-pressed", "true")
    expect(overlay_page.get_by_role("button", name="Mark as close friend")).to_have_attribute("aria-pressed", "false")
    expect(overlay_page.locator("#how-met-line")).to_have_text("How you met: PyCon 2024")
    overlay_page.get_by_role("button", name="Mark as close friend").click()
    overlay_page.get_by_role("button", name="Mark as colleague").click()
    assert calls(overlay_page) == [["tags", ["close", "colleague"]], ["tags", []]]


def test_how_you_met_is_saved_from_its_field(overlay_page: Page) -> None:
    render(overlay_page, model(view=recorded("context_linkedin_first_visit")))
    expect(overlay_page.locator("#how-met-line")).to_be_hidden()
    overlay_page.locator("#how-met-edit summary").click()
    overlay_page.locator("#how-met-input").fill("Through Sam, 2019")
    overlay_page.locator("#how-met-save").click()
    assert calls(overlay_page) == [["how_met", "Through Sam, 2019"]]


def test_a_merge_suggestion_names_the_other_profile_and_links_only_on_a_click(overlay_page: Page) -> None:
    view = recorded("context_linkedin_first_visit")
    view["merge_suggestions"] = [  # the recording has none: the same name on two sites never came up
        {"person_id": "p_2", "name": "Ada L.", "network": "x", "handle": "countess", "reason": "Same name."},
    ]
    render(overlay_page, model(view=view))
    expect(overlay_page.locator("#suggestions li p").first).to_have_text("Ada L. on X may be the same person.")
    assert calls(overlay_page) == []  # suggested, never linked on its own
    overlay_page.get_by_role("button", name="Link with Ada L. on X").click()
    assert calls(overlay_page) == [["link", "p_2"]]
    view["merge_suggestions"] = []
    render(overlay_page, model(view=view))
    expect(overlay_page.locator("#suggestions")).to_be_hidden()


@pytest.mark.parametrize("person_id", [None, ""])
def test_a_stranger_fathom_does_not_remember_has_no_overrides(overlay_page: Page, person_id) -> None:
    view = recorded("lookup_unknown_linkedin")  # a transient person: id null
    view["person"] = {**view["person"], "id": person_id}
    render(overlay_page, model(view=view))
    expect(overlay_page.locator("#about")).to_be_hidden()


def test_agent_text_is_shown_as_text_never_as_markup(overlay_page: Page) -> None:
    view = history()
    view["interactions"][0]["note"] = '<img src="x" id="injected">'
    view["person"]["name"] = "<b id='bold'>Ada</b>"
    render(overlay_page, model(view=view))
    expect(overlay_page.locator("#injected")).to_have_count(0)
    expect(overlay_page.locator("#bold")).to_have_count(0)
    expect(overlay_page.locator("#timeline-list .event-note").first).to_have_text('<img src="x" id="injected">')


def test_agent_down_shows_the_command_that_starts_it(overlay_page: Page) -> None:
    render(overlay_page, model(agent={"state": "agent_down", "port": 47821, "detail": ""}, view=None))
    expect(overlay_page.locator("#status")).to_contain_text("The Fathom agent is not running")
    expect(overlay_page.locator("#status .command")).to_have_text("fathom serve")
    overlay_page.get_by_role("button", name="Try again").click()
    assert calls(overlay_page) == [["retry"]]


def test_agent_down_on_another_port_names_that_port(overlay_page: Page) -> None:
    render(overlay_page, model(agent={"state": "agent_down", "port": 51234, "detail": ""}, view=None))
    expect(overlay_page.locator("#status .command")).to_have_text("fathom serve --port 51234")


@pytest.mark.parametrize(
    ("state", "title"),
    [
        ("not_paired", "This browser is not paired with Fathom"),
        ("incompatible", "The agent and the extension do not match"),
        ("not_verified", "Agent not verified"),
        ("not_fathom", "Something other than Fathom answers on port 47821"),
    ],
)
def test_each_agent_state_has_its_own_message(overlay_page: Page, state: str, title: str) -> None:
    render(overlay_page, model(agent={"state": state, "port": 47821, "detail": ""}))
    expect(overlay_page.locator("#status .status-title")).to_have_text(title)
    expect(overlay_page.locator("#person")).to_be_empty()


def test_collapsed_overlay_hides_its_content_and_says_so_to_assistive_tech(overlay_page: Page) -> None:
    render(overlay_page, model(collapsed=True))
    toggle = overlay_page.locator("#toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_accessible_name("Show Fathom for Eduardo Alvarez Nowak")
    expect(overlay_page.locator("#content")).to_be_hidden()
    expect(overlay_page.locator("#bar-stage")).to_have_text("Engaged")


def test_held_click_check_offers_continue_and_cancel(overlay_page: Page) -> None:
    check = {
        "intent": "connect",
        "hold": True,
        "loading": False,
        "decided": None,
        "error": None,
        "logKind": "connection_request",
        "view": recorded("lookup_unknown_linkedin_connect"),
    }
    render(overlay_page, model(check=check))
    section = overlay_page.locator("#check")
    expect(section.locator("h2")).to_have_text("Before you connect")
    warnings = [w["text"] for w in check["view"]["warnings"]]
    assert warnings, "the recorded check of a stranger has a warning"
    expect(section.locator(".warning-list li")).to_have_text(warnings)
    section.get_by_role("button", name="Continue").click()
    section.get_by_role("button", name="Cancel").click()
    assert calls(overlay_page) == [["decide", "continue"], ["decide", "cancel"]]


def test_after_a_connect_click_the_check_offers_to_log_it(overlay_page: Page) -> None:
    check = {
        "intent": "connect",
        "hold": False,
        "loading": False,
        "decided": None,
        "error": None,
        "logKind": "connection_request",
        "view": recorded("lookup_unknown_linkedin_connect"),
    }
    render(overlay_page, model(check=check))
    overlay_page.get_by_role("button", name="Log connection request", exact=True).click()
    assert calls(overlay_page) == [["log", "connection_request"]]


def test_dark_theme_follows_the_host_page(overlay_page: Page) -> None:
    render(overlay_page, model(theme="dark"))
    expect(overlay_page.locator("html")).to_have_attribute("data-theme", "dark")
    background = overlay_page.locator("#panel").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(22, 24, 28)"


def test_no_two_buttons_share_a_name_when_the_check_and_the_tags_show(overlay_page: Page) -> None:
    view = history()
    view["tags"] = ["close", "family", "colleague"]
    check = {"intent": "message", "hold": False, "loading": False, "decided": None, "error": None, "logKind": "dm"}
    check["view"] = {"depth": {"stage": "acquainted", "score": 31}}
    render(overlay_page, model(view=view, check=check))
    names = overlay_page.locator("button:visible").evaluate_all(
        "els => els.map((el) => el.getAttribute('aria-label') || el.textContent.trim())"
    )
    texts = overlay_page.locator("button:visible").evaluate_all("els => els.map((el) => el.textContent.trim())")
    assert len(set(names)) == len(names), names
    assert len(set(texts)) == len(texts), texts
    overlay_page.get_by_role("button", name="Dismiss this check").click()
    assert calls(overlay_page) == [["dismiss"]]


def on_screen(page: Page, selector: str) -> list[str]:
    """The texts of the elements matching `selector` that take up room on screen (not screen-reader only)."""
    return list(
        page.locator(selector).evaluate_all(
            """els => els.filter((el) => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1; })
                        .map((el) => el.textContent)"""
        )
    )


def test_name_and_stage_are_on_screen_once_in_the_bar(overlay_page: Page) -> None:
    render(overlay_page, model())
    assert on_screen(overlay_page, "#person-name") == []
    assert on_screen(overlay_page, "#person .stage") == []
    assert on_screen(overlay_page, "#bar-name") == ["Eduardo Alvarez Nowak"]
    assert on_screen(overlay_page, "#bar-stage") == ["Engaged"]
    expect(overlay_page.get_by_role("heading", name="Eduardo Alvarez Nowak")).to_have_count(1)


def test_an_interaction_logged_as_an_ask_says_so_in_the_history(overlay_page: Page) -> None:
    view = history()
    view["interactions"] = [
        {"id": "i_9", "kind": "dm", "direction": "me", "at": "2025-03-02", "note": "intro to Sam", "ask": True},
        {"id": "i_8", "kind": "dm", "direction": "me", "at": "2025-03-01", "note": "thanks", "ask": False},
    ]
    render(overlay_page, model(view=view))
    events = overlay_page.locator("#timeline-list .event")
    expect(events.nth(0).locator(".event-ask")).to_have_text("Ask")
    expect(events.nth(1).locator(".event-ask")).to_have_count(0)


def test_the_overlay_font_stack_falls_back_to_an_emoji_font(overlay_page: Page) -> None:
    render(overlay_page, model())
    family = overlay_page.locator("#bar-name").evaluate("el => getComputedStyle(el).fontFamily")
    assert "Noto Color Emoji" in family and "Segoe UI Emoji" in family and "Apple Color Emoji" in family


def test_a_stored_persons_view_without_a_profile_offers_only_the_tabs_sites_kinds(overlay_page: Page) -> None:
    view = history()
    del view["profile"]  # a lookup answer: the person from the store, before the page is read
    render(overlay_page, model(view=view, network="x"))
    expect(overlay_page.locator("#kinds button")).to_have_text(EVERYWHERE)  # no LinkedIn connection request

"""What each tab's overlay is sent (extension/background/tab-views.js), driven in a blank page with a fake
agent client whose answers the test hands out one by one: the URL's lookup answer first, then the page
context's, in either order, and what a failed context leaves on screen. The answers are the agent's real
ones (recorded by scripts/record-fixtures), each given the name and stage a test needs to tell them apart."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.support.agent_recording import recorded

pytestmark = pytest.mark.browser

TAB = 7
ADA = {"url": "https://www.linkedin.com/in/ada-lovelace/", "network": "linkedin", "handle": "ada-lovelace"}
GRACE = {"url": "https://www.linkedin.com/in/grace-hopper/", "network": "linkedin", "handle": "grace-hopper"}

# A fake client: every request waits in window.h.pending until the test answers or fails it.
SETUP = """async () => {
    const { TabViews } = await import("/background/tab-views.js");
    const pending = [];
    const ask = (call) => (...args) => new Promise((resolve, reject) => pending.push({ call, args, resolve, reject }));
    const client = {
        status: { state: "connected", port: 47821, detail: "" },
        lookup: ask("lookup"), context: ask("context"), person: ask("person"), logInteraction: ask("log"),
        subscribe() {},
    };
    const renders = [];
    const port = { postMessage: (m) => renders.push(structuredClone(m)), onDisconnect: { addListener() {} } };
    window.h = { views: new TabViews({ client, sendToTab() {} }), pending, renders, port };
}"""
SETTLE = "new Promise((resolve) => setTimeout(resolve, 0))"


@pytest.fixture
def views(overlay_page: Page) -> Page:
    overlay_page.evaluate(SETUP)
    return overlay_page


def act(page: Page, script: str, arg: Any = None) -> None:
    """Runs `script` (a function of h and arg) and lets the answers it caused settle."""
    page.evaluate(f"async (arg) => {{ ({script})(window.h, arg); await {SETTLE}; }}", arg)


def open_profile(page: Page, profile: dict[str, str], theme: str | None = "light") -> None:
    """The URL names `profile`; `theme` is None when the page's <body> is not parsed yet."""
    act(page, "(h, p) => h.views.profileOpening(7, p)", {**profile, "theme": theme})


def show_header(page: Page, profile: dict[str, str], html: str = "<h1>page</h1>") -> None:
    act(page, "(h, p) => h.views.profileSeen(7, p)", {**profile, "html": html, "theme": "light"})


def attach_overlay(page: Page) -> None:
    act(page, "(h) => h.views.attachOverlay(7, h.port)")


def requests(page: Page) -> list[list[Any]]:
    return list(page.evaluate("window.h.pending.filter((p) => !p.done).map((p) => [p.call, ...p.args])"))


def answer(page: Page, call: str, value: dict[str, Any]) -> None:
    """Answers the oldest open request of kind `call`."""
    act(
        page,
        """(h, [call, value]) => {
            const p = h.pending.find((q) => q.call === call && !q.done);
            p.done = true;
            p.resolve(value);
        }""",
        [call, value],
    )


def fail(page: Page, call: str, code: str, message: str) -> None:
    """Fails the oldest open request of kind `call` with an agent error."""
    act(
        page,
        """(h, [call, code, message]) => {
            const p = h.pending.find((q) => q.call === call && !q.done);
            p.done = true;
            p.reject({ toJSON: () => ({ code, message }) });
        }""",
        [call, code, message],
    )


def shown(page: Page) -> dict[str, Any]:
    """The last render: whose view, the stage, the error and the loading flag."""
    return dict(
        page.evaluate(
            """(() => {
                const r = window.h.renders.at(-1);
                return { name: r.view?.person?.name ?? null, stage: r.view?.depth?.stage ?? null,
                         error: r.error?.code ?? null, loading: r.loading };
            })()"""
        )
    )


def agent_answer(recording: str, name: str, stage: str, person_id: str | None) -> dict[str, Any]:
    view = recorded(recording)
    view["person"] = {**view["person"], "id": person_id, "name": name}
    view["depth"] = {**view["depth"], "stage": stage}
    return view


def looked_up(name: str, stage: str, person_id: str | None = "p_1") -> dict[str, Any]:
    """What /v1/people/lookup answers (no `profile`)."""
    return agent_answer("lookup_linkedin_with_history", name, stage, person_id)


def from_page(name: str, stage: str, person_id: str | None = "p_1") -> dict[str, Any]:
    """What /v1/context answers (with the page's `profile`)."""
    return agent_answer("context_linkedin_with_history", name, stage, person_id)


def fail_as_recorded(page: Page, call: str, recording: str) -> None:
    """Fails the oldest open request of kind `call` with the agent's recorded error."""
    error = recorded(recording)["error"]
    fail(page, call, error["code"], error["message"])


def test_the_lookup_answer_shows_first_and_the_page_context_refines_it(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    assert requests(views) == [["lookup", "linkedin", "ada-lovelace", None]]
    assert shown(views) == {"name": None, "stage": None, "error": None, "loading": True}

    answer(views, "lookup", looked_up("Ada Lovelace", "acquainted"))
    assert shown(views) == {"name": "Ada Lovelace", "stage": "acquainted", "error": None, "loading": False}

    show_header(views, ADA)
    assert requests(views) == [["context", ADA["url"], "<h1>page</h1>", None]]
    assert shown(views)["name"] == "Ada Lovelace"  # still on screen while the context is asked
    answer(views, "context", from_page("Ada King, Countess of Lovelace", "acquainted"))
    assert shown(views)["name"] == "Ada King, Countess of Lovelace"


def test_a_lookup_answer_that_comes_back_after_the_context_answer_changes_nothing(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    show_header(views, ADA)
    answer(views, "context", from_page("Ada from the page", "acquainted"))
    answer(views, "lookup", looked_up("Ada from the store", "stranger"))
    assert shown(views) == {"name": "Ada from the page", "stage": "acquainted", "error": None, "loading": False}


def test_a_page_the_agent_cannot_read_as_a_profile_keeps_the_lookup_answer_without_an_error(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    answer(views, "lookup", looked_up("Ada Lovelace", "close"))
    show_header(views, ADA, html="<title>LinkedIn</title>")
    fail_as_recorded(views, "context", "context_not_a_profile")
    assert shown(views) == {"name": "Ada Lovelace", "stage": "close", "error": None, "loading": False}


def test_a_stranger_on_a_page_the_agent_cannot_read_gets_the_agents_reason_not_an_empty_view(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    answer(views, "lookup", looked_up("ada-lovelace", "stranger", person_id=None))
    show_header(views, ADA, html="<title>Page not found</title>")
    fail_as_recorded(views, "context", "context_not_a_profile")
    assert shown(views) == {"name": None, "stage": None, "error": "not_a_profile", "loading": False}


def test_a_context_the_agent_failed_to_store_is_shown_beside_the_lookup_answer(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    answer(views, "lookup", looked_up("Ada Lovelace", "close"))
    show_header(views, ADA)
    fail(views, "context", "storage_failed", "The disk is full.")
    assert shown(views) == {"name": "Ada Lovelace", "stage": "close", "error": "storage_failed", "loading": False}


def test_a_failed_lookup_is_shown_until_the_context_answers(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    fail(views, "lookup", "bad_handle", "Not a LinkedIn profile name.")
    assert shown(views) == {"name": None, "stage": None, "error": "bad_handle", "loading": False}
    show_header(views, ADA)
    answer(views, "context", from_page("Ada Lovelace", "stranger", person_id=None))
    assert shown(views) == {"name": "Ada Lovelace", "stage": "stranger", "error": None, "loading": False}


def test_another_profile_starts_afresh_and_a_late_answer_for_the_previous_one_is_dropped(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    open_profile(views, GRACE)  # SPA navigation before Ada's answer came back
    answer(views, "lookup", looked_up("Ada Lovelace", "close"))
    assert shown(views) == {"name": None, "stage": None, "error": None, "loading": True}
    answer(views, "lookup", looked_up("Grace Hopper", "stranger", person_id=None))
    assert shown(views) == {"name": "Grace Hopper", "stage": "stranger", "error": None, "loading": False}


def test_the_check_before_the_header_is_asked_by_identity_with_the_intent(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    answer(views, "lookup", looked_up("Ada Lovelace", "acquainted"))
    act(views, "(h) => h.views.intent(7, { intent: 'connect', hold: false })")
    assert requests(views) == [["lookup", "linkedin", "ada-lovelace", "connect"]]


def test_logging_from_the_lookup_answer_of_someone_new_names_them_by_the_url(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    answer(views, "lookup", looked_up("ada-lovelace", "stranger", person_id=None))
    act(views, "(h) => h.views.log(7, { kind: 'call' })")
    ((call, body),) = requests(views)
    assert call == "log"
    assert (body["network"], body["handle"], body["kind"]) == ("linkedin", "ada-lovelace", "call")


def test_an_identity_on_another_network_or_without_a_handle_asks_nothing(views: Page) -> None:
    open_profile(views, {**ADA, "network": "facebook"})
    open_profile(views, {**ADA, "handle": "   "})
    open_profile(views, {**ADA, "handle": "x" * 201})
    assert requests(views) == []


def show_head(page: Page, profile: dict[str, str], html: str = "<title>Ada Lovelace | LinkedIn</title>") -> None:
    """The page is parsed but its header is not drawn: the content script sends the head alone."""
    act(page, "(h, p) => h.views.profileSeen(7, p)", {**profile, "html": html, "theme": "light", "partial": True})


def fail_with_reason(page: Page, call: str, reason: str) -> None:
    act(
        page,
        """(h, [call, reason]) => {
            const p = h.pending.find((q) => q.call === call && !q.done);
            p.done = true;
            p.reject({ toJSON: () => ({ code: "not_a_profile", message: "Not a profile (" + reason + ").", reason }) });
        }""",
        [call, reason],
    )


def test_the_head_names_the_person_at_once_and_the_header_context_refines_it(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    answer(views, "lookup", looked_up("ada-lovelace", "stranger", person_id=None))
    show_head(views, ADA)
    answer(views, "context", from_page("Ada Lovelace", "stranger"))
    assert shown(views)["name"] == "Ada Lovelace"
    show_header(views, ADA)
    answer(views, "context", from_page("Ada King", "stranger"))
    assert shown(views)["name"] == "Ada King"


def test_a_head_answer_that_comes_back_after_the_header_context_changes_nothing(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    show_head(views, ADA)
    show_header(views, ADA)
    answer(views, "context", from_page("Ada from the head", "stranger"))  # the head's request, sent first
    answer(views, "context", from_page("Ada from the header", "acquainted"))
    show_head(views, ADA)  # a late head report once the header's answer is in asks nothing
    assert [r[0] for r in requests(views)] == ["lookup"]  # only the URL's lookup, never answered here
    assert shown(views)["name"] == "Ada from the header"


def test_a_head_that_says_the_profile_does_not_exist_is_shown_at_once(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    answer(views, "lookup", looked_up("ada-lovelace", "stranger", person_id=None))
    show_head(views, ADA, html="<title>Profile Not Found | LinkedIn</title>")
    fail_with_reason(views, "context", "not_found")
    assert shown(views) == {"name": None, "stage": None, "error": "not_a_profile", "loading": False}


def test_a_head_that_names_nobody_yet_leaves_the_lookup_answer_and_waits_for_the_header(views: Page) -> None:
    open_profile(views, ADA)
    attach_overlay(views)
    answer(views, "lookup", looked_up("ada-lovelace", "stranger", person_id=None))
    show_head(views, ADA, html="<title>LinkedIn</title>")
    fail_with_reason(views, "context", "unrecognised")
    assert shown(views) == {"name": "ada-lovelace", "stage": "stranger", "error": None, "loading": False}


def test_every_render_names_the_tabs_site_before_any_answer(views: Page) -> None:
    open_profile(views, {"url": "https://x.com/kikobeats", "network": "x", "handle": "kikobeats"})
    attach_overlay(views)
    assert views.evaluate("window.h.renders.at(-1).network") == "x"


def test_nothing_is_rendered_before_the_pages_own_theme_is_known(views: Page) -> None:
    act(views, "(h, p) => h.views.profileSeen(7, { ...p, html: '<h1>x</h1>', theme: 'dark' })", ADA)
    open_profile(views, GRACE, theme=None)  # document_start: no <body>, so no colours to go by
    attach_overlay(views)
    answer(views, "lookup", recorded("lookup_unknown_linkedin"))
    assert views.evaluate("window.h.renders.length") == 0  # not even the last LinkedIn page's dark
    act(views, "(h) => h.views.themeSeen(7, 'light')")
    assert views.evaluate("window.h.renders.map((r) => r.theme)") == ["light"]

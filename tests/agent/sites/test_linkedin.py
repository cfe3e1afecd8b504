"""LinkedIn pages → ProfilePage / NotAProfile: every real page, then variants made from them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup

from agent.sites.base import NotAProfile, ProfilePage
from agent.sites.linkedin import LinkedInParser

LOGGED_IN = "linkedin_profile_eduardo-alvarez-nowak_2024-07_loggedin_nonself_body.html"
GUEST = "linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html"
EDUARDO = "https://www.linkedin.com/in/eduardo-alvarez-nowak/"
CONNECT_LABEL = 'aria-label="Invite Eduardo Alvarez Nowak to connect"'
FOLLOW_LABEL = 'aria-label="Follow Eduardo Alvarez Nowak"'


def parse(html: str, url: str = EDUARDO) -> ProfilePage | NotAProfile:
    return LinkedInParser().parse(html, url)


def profile(html: str, url: str = EDUARDO) -> ProfilePage:
    result = parse(html, url)
    assert isinstance(result, ProfilePage), result
    return result


def reason(html: str, url: str = EDUARDO) -> str:
    result = parse(html, url)
    assert isinstance(result, NotAProfile), result
    assert result.network == "linkedin"
    return result.reason


def test_real_page_gives_its_expected_result(linkedin_case, real_fixture, assert_matches_expected) -> None:
    assert_matches_expected(linkedin_case, parse(real_fixture(linkedin_case.name), linkedin_case.page_url))


# --- whose profile ------------------------------------------------------------------------------------


def test_guest_page_without_head_is_identified_from_its_sign_in_redirect(real_fixture) -> None:
    html = real_fixture(GUEST)
    body = html[html.index("<body") :]
    result = profile(body, "https://www.linkedin.com/in/someone-else/")
    assert (result.handle, result.name) == ("eduardo-alvarez-nowak", "Eduardo Alvarez Nowak")
    assert result.location == "Greater Stockholm Metropolitan Area"


def test_page_identity_wins_over_a_url_that_lags_behind(real_fixture) -> None:
    result = profile(real_fixture(LOGGED_IN), "https://www.linkedin.com/in/previous-person/")
    assert result.handle == "eduardo-alvarez-nowak"
    assert result.url == "https://www.linkedin.com/in/eduardo-alvarez-nowak"


def test_country_subdomain_and_percent_encoded_slug_are_normalised(real_fixture) -> None:
    html = real_fixture(GUEST).replace(
        "https://se.linkedin.com/in/eduardo-alvarez-nowak", "https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller-4a1b"
    )
    result = profile(html, "https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller-4a1b")
    assert result.handle == "jürgen-müller-4a1b"
    assert result.url == "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-4a1b"


def test_stale_top_card_of_another_profile_is_not_read(real_fixture) -> None:
    stale_head = '<link rel="canonical" href="https://www.linkedin.com/in/next-person">'
    result = profile(stale_head + real_fixture(LOGGED_IN))
    assert result.handle == "next-person"
    assert (result.name, result.headline, result.location, result.actions) == ("", "", "", ())
    assert result.logged_in


def test_url_is_used_only_for_a_page_with_a_profile_top_card() -> None:
    top_card = '<section class="artdeco-card" data-member-id="1"><h1>Ana Ruiz</h1></section>'
    assert profile(top_card, "https://www.linkedin.com/in/ana-ruiz/").handle == "ana-ruiz"
    assert reason("<p>Welcome to your feed</p>", "https://www.linkedin.com/in/ana-ruiz/") == "unrecognised"


def test_url_member_id_is_not_taken_as_a_key() -> None:
    top_card = '<section class="artdeco-card" data-member-id="1"><h1>Ana Ruiz</h1></section>'
    url = "https://www.linkedin.com/in/ACoAAB1234567890abcdefGHIJKLmnop"
    assert reason(top_card, url) == "unrecognised"


def test_most_frequent_profile_link_is_not_taken_as_the_identity() -> None:
    sidebar = "".join(f'<li><a href="https://www.linkedin.com/in/other-{i}">Other {i}</a></li>' for i in range(3))
    assert reason(f"<ul>{sidebar * 5}</ul>", "https://www.linkedin.com/in/ana-ruiz/") == "unrecognised"


# --- fields -------------------------------------------------------------------------------------------


def test_degree_badges_of_other_people_are_not_the_profiles_degree(real_fixture) -> None:
    html = real_fixture(LOGGED_IN)
    assert html.count("· 3rd+") == 5  # all in "Other similar profiles"
    assert profile(html).degree is None


@pytest.mark.parametrize(("badge", "degree"), [("1st", "1st"), ("2nd", "2nd"), ("3rd+", "3rd+"), ("3rd", "3rd+")])
def test_top_card_degree_badge_is_read(real_fixture, badge: str, degree: str) -> None:
    badge_html = f'</h1><span class="distance-badge"><span class="dist-value">{badge}</span></span>'
    html = real_fixture(LOGGED_IN).replace("</h1>", badge_html, 1)
    assert profile(html).degree == degree


def test_name_falls_back_to_the_connect_label_when_the_heading_is_missing(real_fixture) -> None:
    soup = BeautifulSoup(real_fixture(LOGGED_IN), "lxml")
    soup.select_one("section[data-member-id] h1").decompose()
    assert profile(str(soup)).name == "Eduardo Alvarez Nowak"


def test_guest_headline_is_the_visible_headline_not_the_json_ld_job_title(real_fixture) -> None:
    html = real_fixture(GUEST)
    assert '"jobTitle":["Tech Education Team Lead"]' in html
    assert profile(html).headline == "Tech Education Lead, Tech Expert & Frontend Dev at Novare Potential"


def test_headline_falls_back_to_the_json_ld_job_title(real_fixture) -> None:
    soup = BeautifulSoup(real_fixture(GUEST), "lxml")
    soup.select_one("h2.top-card-layout__headline").decompose()
    assert profile(str(soup)).headline == "Tech Education Team Lead"


def test_hostile_text_is_cleaned_and_bounded() -> None:
    page = (
        '<link rel="canonical" href="https://www.linkedin.com/in/ana-ruiz">'
        '<h1 class="top-card-layout__title">Ana\u202e\x07 Ruiz\n\n</h1>'
        f'<h2 class="top-card-layout__headline">{"word " * 1000}</h2>'
    )
    result = profile(page)
    assert result.name == "Ana Ruiz"
    assert len(result.headline) <= 500


# --- actions ------------------------------------------------------------------------------------------


def test_guest_sign_in_prompts_are_not_actions(real_fixture) -> None:
    html = real_fixture(GUEST)
    assert 'data-tracking-control-name="public_profile_follow"' in html
    result = profile(html)
    assert (result.actions, result.logged_in) == ((), False)


def test_sticky_header_copies_give_the_same_actions_once(real_fixture) -> None:
    soup = BeautifulSoup(real_fixture(LOGGED_IN), "lxml")
    with_sticky = profile(str(soup)).actions
    soup.select_one(".pvs-sticky-header-profile-actions").decompose()
    assert profile(str(soup)).actions == with_sticky == ("connect", "message", "follow")


def test_actions_are_read_from_the_sticky_header_alone(real_fixture) -> None:
    soup = BeautifulSoup(real_fixture(LOGGED_IN), "lxml")
    top_card = soup.select_one("section[data-member-id]")
    for button in top_card.select(".pvs-profile-actions__action"):
        (button.find_parent(class_="artdeco-dropdown") or button).decompose()
    assert profile(str(soup)).actions == ("connect", "message", "follow")


@pytest.mark.parametrize(
    ("old", "new", "actions"),
    [
        (FOLLOW_LABEL, 'aria-label="Unfollow Eduardo Alvarez Nowak"', ("connect", "message", "following")),
        (
            CONNECT_LABEL,
            'aria-label="Pending, click to withdraw invitation sent to Eduardo Alvarez Nowak"',
            ("message", "follow", "pending"),
        ),
        (CONNECT_LABEL, 'aria-label="Invite Thilde Markström to connect"', ("message", "follow")),
    ],
)
def test_actions_follow_the_button_labels(real_fixture, old: str, new: str, actions: tuple[str, ...]) -> None:
    assert profile(real_fixture(LOGGED_IN).replace(old, new)).actions == actions


# --- not a profile ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.linkedin.com/company/10529043/", "company"),
        ("https://se.linkedin.com/school/kth/", "company"),
        ("https://www.linkedin.com/showcase/linkedin-talent-solutions/", "company"),
        ("https://www.linkedin.com/authwall?trk=public_profile&sessionRedirect=x", "authwall"),
        ("https://www.linkedin.com/login", "login"),
        ("https://www.linkedin.com/uas/login?session_redirect=x", "login"),
        ("https://www.linkedin.com/checkpoint/lg/login", "login"),
        ("https://www.linkedin.com/feed/", "not_profile_url"),
        ("https://www.linkedin.com/", "not_profile_url"),
        ("https://www.linkedin.com/in/", "not_profile_url"),
    ],
)
def test_url_that_is_not_a_profile_is_refused_before_reading_the_page(real_fixture, url: str, expected: str) -> None:
    assert reason(real_fixture(LOGGED_IN), url) == expected


def test_company_page_served_at_a_profile_address_is_a_company() -> None:
    page = (
        "<html><head><title>Audiense: Overview | LinkedIn</title>"
        '<meta property="og:url" content="https://www.linkedin.com/company/audiense">'
        '</head><body><h1 class="org-top-card-summary__title">Audiense</h1></body></html>'
    )
    assert reason(page) == "company"


def test_not_found_title_alone_is_enough() -> None:
    assert reason("<title>Profile Not Found | LinkedIn</title>") == "not_found"


@pytest.mark.parametrize(
    "head", ['<link rel="canonical" href="http://[::1">', '<meta property="og:url" content="//[x">']
)
def test_a_link_urljoin_cannot_read_is_ignored_not_raised(head: str) -> None:
    # Found by the garbage-markup fuzz test: urljoin raised ValueError out of the parser.
    assert reason(f"<head>{head}</head><p>hello</p>") == reason("<p>hello</p>") == "unrecognised"


@pytest.mark.parametrize("html", ["", "   \n\t "])
def test_empty_page(html: str) -> None:
    assert reason(html) == "empty"


def test_every_reason_comes_with_words_for_the_user() -> None:
    result = parse("<p>hello</p>")
    assert isinstance(result, NotAProfile)
    assert result.reason == "unrecognised"
    assert "Reload" in result.detail


# --- size ---------------------------------------------------------------------------------------------


def test_synthesized_2_mb_page_parses_to_the_same_profile(real_fixture) -> None:
    html = real_fixture(LOGGED_IN)
    side_panel = "".join(
        f'<li class="artdeco-list__item"><a href="https://www.linkedin.com/in/other-{i}/">'
        f'<span aria-hidden="true">Other Person {i}</span></a>'
        f'<span class="pvs-entity__supplementary-info">· 3rd+</span>'
        f'<button aria-label="Invite Other Person {i} to connect" class="artdeco-button">Connect</button></li>'
        for i in range(6000)
    )
    big = html.replace("</body>", f'<section class="artdeco-card"><ul>{side_panel}</ul></section></body>')
    assert len(big.encode()) > 2_000_000
    assert profile(big) == profile(html)


def test_parser_result_is_plain_json(real_fixture: Callable[[str], str]) -> None:
    data = profile(real_fixture(LOGGED_IN)).to_json()
    assert data["actions"] == ["connect", "message", "follow"]
    assert set(data) == {
        "network",
        "handle",
        "url",
        "name",
        "headline",
        "location",
        "x_id",
        "actions",
        "degree",
        "follows_you",
        "logged_in",
    }

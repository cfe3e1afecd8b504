"""X pages → ProfilePage / NotAProfile: every real page, then variants made from them."""

from __future__ import annotations

import re

import pytest

from agent.sites.base import NotAProfile, ProfilePage
from agent.sites.x import XParser

KIKO = "x_profile_kikobeats_2025-12_rendered.html"
KIKO_2023 = "twitter_profile_kikobeats_2023-01_rendered.html"
KIKO_OG = "x_profile_kikobeats_2025-12_og_only.html"
JAVI = "x_profile_javilop_2025-12_rendered.html"
KIKO_URL = "https://x.com/Kikobeats"
FOLLOW_BUTTON = 'aria-label="Follow @Kikobeats" '
JSON_LD = re.compile(r'<script[^>]*type="application/ld\+json"[^>]*>.*?</script>', re.DOTALL)
LOGGED_IN_CHROME = (
    '<nav><button data-testid="SideNav_AccountSwitcher_Button" aria-label="Account menu"></button></nav>'
    '<div><button data-testid="sendDMFromProfile" aria-label="Message"></button>'
    '<div data-testid="userFollowIndicator"><span>Follows you</span></div></div>'
)


def parse(html: str, url: str = KIKO_URL) -> ProfilePage | NotAProfile:
    return XParser().parse(html, url)


def profile(html: str, url: str = KIKO_URL) -> ProfilePage:
    result = parse(html, url)
    assert isinstance(result, ProfilePage), result
    return result


def reason(html: str, url: str = KIKO_URL) -> str:
    result = parse(html, url)
    assert isinstance(result, NotAProfile), result
    assert result.network == "x"
    return result.reason


def logged_in(html: str, chrome: str = LOGGED_IN_CHROME) -> str:
    """The logged-out page as a logged-in member would see it: no log-in bar, account chrome present."""
    html = html.replace('data-testid="login"', 'data-testid="gone"').replace(
        'data-testid="signup"', 'data-testid="gone"'
    )
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + chrome, html, count=1)


def test_real_page_gives_its_expected_result(x_case, real_fixture, assert_matches_expected) -> None:
    assert_matches_expected(x_case, parse(real_fixture(x_case.name), x_case.page_url))


# --- whose profile ------------------------------------------------------------------------------------


def test_page_identity_wins_over_a_url_that_lags_behind(real_fixture) -> None:
    result = profile(real_fixture(KIKO), "https://x.com/javilop")
    assert (result.handle, result.name, result.x_id) == ("kikobeats", "Kiko Beats", "101198215")


def test_header_of_another_account_lends_no_fields(real_fixture) -> None:
    # Mid-navigation: the head still names @Kikobeats while the header already shows @javilop.
    html = JSON_LD.sub("", real_fixture(KIKO)).replace(">@Kikobeats<", ">@javilop<")
    result = profile(html)
    assert result.handle == "kikobeats"
    assert result.name == "Kiko Beats"  # from the <title>, which names @Kikobeats
    assert (result.headline, result.location) == ("", "")


def test_header_alone_identifies_the_profile(real_fixture) -> None:
    html = real_fixture(JAVI)
    body = JSON_LD.sub("", html[html.index("<body") :])
    result = profile(body, "https://x.com/javilop")
    assert (result.handle, result.name, result.x_id) == ("javilop", "Javi López ⛩️", "16045832")
    assert result.headline.startswith("Comparto tutoriales, herramientas y noticias de IA.")


def test_title_alone_identifies_the_profile() -> None:
    result = profile("<title>Ana Ruiz (@ana_ruiz) / X</title>", "https://x.com/ana_ruiz")
    assert (result.handle, result.name, result.url) == ("ana_ruiz", "Ana Ruiz", "https://x.com/ana_ruiz")


def test_mobile_twitter_address_is_a_profile_address(real_fixture) -> None:
    assert profile(real_fixture(KIKO_OG), "https://mobile.twitter.com/Kikobeats").handle == "kikobeats"


# --- numeric id ---------------------------------------------------------------------------------------


def test_who_to_follow_buttons_do_not_give_the_id(real_fixture) -> None:
    html = JSON_LD.sub("", real_fixture(KIKO_2023))
    assert html.count("-follow") >= 4  # the header's and three "Who to follow" cells'
    assert profile(html, "https://twitter.com/Kikobeats").x_id == "101198215"


def test_button_naming_another_account_gives_no_id(real_fixture) -> None:
    html = real_fixture(KIKO_OG).replace(
        "<body", '<body><button data-testid="999-follow" aria-label="Follow @javilop"></button><div', 1
    )
    assert profile(html).x_id is None


def test_json_ld_id_wins_over_a_disagreeing_button(real_fixture) -> None:
    html = logged_in(real_fixture(KIKO).replace('data-testid="101198215-follow"', 'data-testid="555-follow"'))
    result = profile(html)
    assert result.x_id == "101198215"
    assert "follow" not in result.actions


# --- logged in or out ---------------------------------------------------------------------------------


def test_logged_out_follow_button_is_a_sign_up_prompt_not_an_action(real_fixture) -> None:
    html = real_fixture(KIKO)
    assert FOLLOW_BUTTON in html and 'data-testid="login"' in html
    result = profile(html)
    assert (result.actions, result.follows_you, result.logged_in) == ((), None, False)


def test_logged_in_page_reads_follow_message_and_follows_you(real_fixture) -> None:
    result = profile(logged_in(real_fixture(KIKO)))
    assert (result.actions, result.follows_you, result.logged_in) == (("message", "follow"), True, True)


def test_unfollow_button_means_already_following(real_fixture) -> None:
    html = real_fixture(KIKO).replace('data-testid="101198215-follow"', 'data-testid="101198215-unfollow"')
    html = html.replace(FOLLOW_BUTTON, 'aria-label="Following @Kikobeats" ')
    assert profile(logged_in(html)).actions == ("message", "following")


def test_no_follows_you_indicator_means_they_do_not_follow_you(real_fixture) -> None:
    chrome = '<button data-testid="SideNav_AccountSwitcher_Button"></button>'
    result = profile(logged_in(real_fixture(KIKO), chrome))
    assert (result.actions, result.follows_you) == (("follow",), False)


def test_follows_you_in_a_who_to_follow_cell_is_about_someone_else(real_fixture) -> None:
    chrome = (
        '<button data-testid="SideNav_AccountSwitcher_Button"></button>'
        '<div data-testid="UserCell"><div data-testid="userFollowIndicator">Follows you</div></div>'
    )
    assert profile(logged_in(real_fixture(KIKO), chrome)).follows_you is False


# --- not a profile ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/home", "not_profile_url"),
        ("https://x.com/explore", "not_profile_url"),
        ("https://x.com/Kikobeats/status/1600000000000000000", "not_profile_url"),
        ("https://x.com/", "not_profile_url"),
        ("https://x.com/i/flow/login", "login"),
        ("https://twitter.com/login", "login"),
    ],
)
def test_url_that_is_not_a_profile_is_refused(real_fixture, url: str, expected: str) -> None:
    assert reason(real_fixture(KIKO), url) == expected


def test_account_that_does_not_exist() -> None:
    page = (
        "<title>Profile / X</title><div data-testid='primaryColumn'>"
        "<div data-testid='empty_state_header_text'>This account doesn’t exist</div></div>"
    )
    assert reason(page, "https://x.com/no_such_person") == "not_found"


def test_log_in_page_at_a_profile_address() -> None:
    assert reason("<title>Log in to X / X</title><form></form>", "https://x.com/someone") == "login"


@pytest.mark.parametrize("html", ["", "  \n"])
def test_empty_page(html: str) -> None:
    assert reason(html) == "empty"


def test_page_without_any_handle_is_unrecognised() -> None:
    assert reason('<div id="react-root"></div>') == "unrecognised"


def test_synthesized_2_mb_page_parses_to_the_same_profile(real_fixture) -> None:
    html = real_fixture(KIKO)
    cells = "".join(
        f'<div data-testid="UserCell"><span>Person {i}</span><span>@person_{i}</span>'
        f'<button data-testid="{1000 + i}-follow" aria-label="Follow @person_{i}">Follow</button></div>'
        for i in range(12_000)
    )
    big = html.replace("</body>", f'<aside data-testid="sidebarColumn">{cells}</aside></body>')
    assert len(big.encode()) > 2_000_000
    assert profile(big) == profile(html)


def test_bio_links_read_as_the_page_shows_them_not_as_t_co(real_fixture) -> None:
    result = profile(real_fixture(KIKO))
    assert "t.co/" not in result.headline
    assert "Running microlink.io · unavatar.io" in result.headline


def test_a_t_co_link_the_bio_does_not_show_stays_as_it_is(real_fixture) -> None:
    html = real_fixture(KIKO).replace('href="https://t.co/IG8Qq0IDKi"', 'href="https://t.co/Other00000"')
    result = profile(html)
    assert "microlink.io · https://t.co/IG8Qq0IDKi" in result.headline

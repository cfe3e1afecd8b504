"""Canonical keys from profile URLs and handles, including hostile and odd input."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.identity import (
    X_RESERVED_PATHS,
    IdentityError,
    identity_from_url,
    linkedin_slug,
    linkedin_url,
    network_of_url,
    profile_url,
    url_path_segments,
    x_handle,
    x_url,
)

# --- LinkedIn -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "https://www.linkedin.com/in/eduardo-alvarez-nowak",
        "https://www.linkedin.com/in/eduardo-alvarez-nowak/",
        "http://www.linkedin.com/in/eduardo-alvarez-nowak",
        "https://linkedin.com/in/eduardo-alvarez-nowak",
        "https://se.linkedin.com/in/eduardo-alvarez-nowak",
        "https://se.linkedin.com/in/eduardo-alvarez-nowak?originalSubdomain=se",
        "https://m.linkedin.com/in/eduardo-alvarez-nowak",
        "www.linkedin.com/in/eduardo-alvarez-nowak",  # Endorsement_Received_Info.csv has no scheme
        "linkedin.com/in/eduardo-alvarez-nowak",
        "//www.linkedin.com/in/eduardo-alvarez-nowak",
        "HTTPS://WWW.LINKEDIN.COM/IN/Eduardo-Alvarez-Nowak",
        "https://www.linkedin.com/in/eduardo-alvarez-nowak/overlay/contact-info/",
        "https://www.linkedin.com/in/eduardo-alvarez-nowak/overlay/about-this-profile/",
        "https://www.linkedin.com/in/eduardo-alvarez-nowak#experience",
        "https://www.linkedin.com/in/eduardo-alvarez-nowak/?trk=public_profile&x=1#top",
        "https://www.linkedin.com./in/eduardo-alvarez-nowak",
        "  https://www.linkedin.com/in/eduardo-alvarez-nowak  ",
        "https://www.linkedin.com/in/%65duardo-alvarez-nowak",
        "eduardo-alvarez-nowak",
        "Eduardo-Alvarez-Nowak",
    ],
)
def test_linkedin_url_variants_give_one_key(value: str) -> None:
    assert linkedin_slug(value) == "eduardo-alvarez-nowak"


@pytest.mark.parametrize(
    ("value", "slug"),
    [
        ("https://de.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-4a1b2c", "jürgen-müller-4a1b2c"),
        ("https://de.linkedin.com/in/J%C3%9CRGEN-M%C3%9CLLER-4a1b2c", "jürgen-müller-4a1b2c"),
        ("https://www.linkedin.com/in/Jürgen-Müller-4a1b2c/", "jürgen-müller-4a1b2c"),
        # The same letters written decomposed (u + combining diaeresis) give the same key.
        (unicodedata.normalize("NFD", "jürgen-müller-4a1b2c"), "jürgen-müller-4a1b2c"),
        ("https://www.linkedin.com/in/%E5%BC%A0%E4%BC%9F-12345", "张伟-12345"),
        ("https://www.linkedin.com/in/anna_k", "anna_k"),
    ],
)
def test_linkedin_slug_is_percent_decoded_normalised_and_lowercase(value: str, slug: str) -> None:
    assert linkedin_slug(value) == slug


@pytest.mark.parametrize(
    "value",
    [
        "https://www.linkedin.com.evil.test/in/x",
        "https://linkedin.com@evil.test/in/x",
        "https://evil.test@linkedin.com/in/x",
        "https://user:pass@www.linkedin.com/in/x",
        "https://evil.test\\.linkedin.com/in/x",
        "https://evil.test/in/x",
        "https://notlinkedin.com/in/x",
        "https://www.linkedin.com:8443/in/x",
        "https://www.linkedin.com:443/in/x",
        "https://www.linkedın.com/in/x",  # dotless ı: a look-alike host
        "https://%6cinkedin.com/in/x",
        "javascript:alert(1)//linkedin.com/in/x",
        "javascript:alert(document.domain)",
        "data:text/html,linkedin.com/in/x",
        "ftp://www.linkedin.com/in/x",
        "file:///in/x",
        "https://www.linkedin.com/company/novare-potential/",
        "https://www.linkedin.com/school/kth/",
        "https://www.linkedin.com/feed/",
        "https://www.linkedin.com/",
        "https://www.linkedin.com/in/",
        "https://www.linkedin.com/pub/dir/jeff/weiner",
        "https://www.linkedin.com/in/a%2Fb",
        "https://www.linkedin.com/in/a%20b",
        "https://www.linkedin.com/in/a%00b",
        "https://www.linkedin.com/in/a%0Ab",
        "https://www.linkedin.com/in/a%E2%80%AEb",  # right-to-left override
        "https://www.linkedin.com/in/%E2%80%8B",  # zero-width space only
        "https://www.linkedin.com/in/%C3%28",  # invalid UTF-8
        "https://www.linkedin.com/in/%252e%252e",  # double encoding leaves a %
        "https://www.linkedin.com/in/%3Cscript%3E",
        "https://www.linkedin.com/in/" + "a" * 101,
        "https://[::1/in/x",
        "eduardo alvarez",
        "@eduardo",
        "",
        "   ",
        "x" * 10_000,
        "https://www.linkedin.com/in/" + "x" * 10_000,
    ],
)
def test_linkedin_slug_rejects_what_is_not_a_member_profile(value: str) -> None:
    with pytest.raises(IdentityError):
        linkedin_slug(value)


def test_linkedin_error_message_says_what_was_wrong() -> None:
    with pytest.raises(IdentityError, match=r"not a LinkedIn profile URL: 'https://evil.test/in/x'"):
        linkedin_slug("https://evil.test/in/x")


def test_linkedin_error_message_for_a_company_page_explains_the_in_path() -> None:
    with pytest.raises(IdentityError, match=r"/in/<name>"):
        linkedin_slug("https://www.linkedin.com/company/novare-potential/")


def test_error_message_quotes_a_long_value_shortened() -> None:
    with pytest.raises(IdentityError) as caught:
        linkedin_slug("https://evil.test/" + "a" * 1000)
    assert len(str(caught.value)) < 200


def test_error_message_for_a_huge_value_gives_its_length_and_what_to_do() -> None:
    with pytest.raises(IdentityError, match=r"too long \(10000 characters\); paste just the profile address"):
        linkedin_slug("x" * 10_000)


def test_identity_error_is_a_value_error() -> None:
    assert issubclass(IdentityError, ValueError)


def test_non_text_value_is_refused_with_its_type() -> None:
    with pytest.raises(IdentityError, match="must be text, not NoneType"):
        linkedin_slug(None)  # type: ignore[arg-type]


def test_linkedin_url_is_the_canonical_www_address() -> None:
    assert linkedin_url("Eduardo-Alvarez-Nowak") == "https://www.linkedin.com/in/eduardo-alvarez-nowak"


def test_linkedin_url_percent_encodes_non_ascii_slugs() -> None:
    url = linkedin_url("jürgen-müller-4a1b2c")
    assert url == "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-4a1b2c"
    assert linkedin_slug(url) == "jürgen-müller-4a1b2c"


def test_linkedin_url_refuses_a_bad_slug() -> None:
    with pytest.raises(IdentityError):
        linkedin_url("a/b")


# --- X ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "https://x.com/Kikobeats",
        "https://x.com/kikobeats/",
        "http://x.com/Kikobeats",
        "x.com/Kikobeats",
        "https://www.x.com/Kikobeats",
        "https://twitter.com/Kikobeats",
        "https://www.twitter.com/Kikobeats",
        "https://mobile.twitter.com/Kikobeats",
        "https://mobile.x.com/Kikobeats",
        "https://m.twitter.com/Kikobeats",
        "https://x.com/Kikobeats?lang=en",
        "https://x.com/Kikobeats?s=20&t=abc#top",
        "https://x.com/Kikobeats/with_replies",
        "https://x.com/Kikobeats/media",
        "https://x.com/Kikobeats/verified_followers",
        "https://x.com/Kikobeats/following",
        "https://X.COM/KIKOBEATS",
        "@Kikobeats",
        "Kikobeats",
        " kikobeats ",
    ],
)
def test_x_url_variants_give_one_key(value: str) -> None:
    assert x_handle(value) == "kikobeats"


@pytest.mark.parametrize("reserved", sorted(X_RESERVED_PATHS))
def test_x_reserved_paths_are_not_profiles(reserved: str) -> None:
    with pytest.raises(IdentityError):
        x_handle(f"https://x.com/{reserved}")
    assert identity_from_url(f"https://x.com/{reserved}") is None


@pytest.mark.parametrize(
    "value",
    [
        "https://x.com/",
        "https://x.com/Kikobeats/status/1600000000000000000",
        "https://x.com/i/flow/login",
        "https://twitter.com/intent/user?screen_name=kikobeats",
        "https://x.com.evil.test/kikobeats",
        "https://x.com@evil.test/kikobeats",
        "https://evil.test/kikobeats",
        "https://api.x.com/kikobeats",
        "https://x.com:8080/kikobeats",
        "javascript:alert(1)",
        "https://x.com/sixteen_chars_xx",
        "https://x.com/kiko-beats",
        "https://x.com/kiko.beats",
        "@jösé",
        "@",
        "@@kikobeats",
        "kiko beats",
        "",
        "x" * 10_000,
    ],
)
def test_x_handle_rejects_what_is_not_a_profile(value: str) -> None:
    with pytest.raises(IdentityError):
        x_handle(value)


def test_x_error_message_says_what_was_wrong() -> None:
    with pytest.raises(IdentityError, match=r"not an X handle: '@jösé' \(a handle is 1-15 letters, digits or _\)"):
        x_handle("@jösé")


def test_x_url_is_the_canonical_address() -> None:
    assert x_url("@Kikobeats") == "https://x.com/kikobeats"


def test_reserved_paths_are_one_frozen_set() -> None:
    assert isinstance(X_RESERVED_PATHS, frozenset)
    assert {"home", "explore", "i", "settings", "search", "intent", "verified-choose"} <= X_RESERVED_PATHS


# --- identity_from_url and network_of_url ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "identity"),
    [
        (
            "https://se.linkedin.com/in/eduardo-alvarez-nowak?originalSubdomain=se",
            ("linkedin", "eduardo-alvarez-nowak"),
        ),
        ("https://twitter.com/Kikobeats", ("x", "kikobeats")),
        ("https://x.com/javilop/", ("x", "javilop")),
        ("https://www.linkedin.com/company/novare-potential/", None),
        ("https://x.com/home", None),
        ("https://x.com/javilop/status/1", None),
        ("https://example.com/in/x", None),
        ("javilop", None),  # a bare handle is not a URL of either site
        ("", None),
        ("x" * 10_000, None),
    ],
)
def test_identity_from_url(url: str, identity: tuple[str, str] | None) -> None:
    assert identity_from_url(url) == identity


@pytest.mark.parametrize(
    ("url", "network"),
    [
        ("https://www.linkedin.com/feed/", "linkedin"),
        ("https://se.linkedin.com/company/x", "linkedin"),
        ("https://x.com/home", "x"),
        ("https://mobile.twitter.com/i/flow/login", "x"),
        ("https://www.linkedin.com.evil.test/in/x", None),
        ("https://linkedin.com@evil.test/in/x", None),
        ("https://api.twitter.com/1.1/", None),
        ("chrome-extension://abc/overlay.html", None),
        ("not a url", None),
    ],
)
def test_network_of_url(url: str, network: str | None) -> None:
    assert network_of_url(url) == network


# --- properties ---------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=300))
def test_any_text_either_gives_a_key_or_raises_identity_error(value: str) -> None:
    for canonical in (linkedin_slug, x_handle):
        try:
            key = canonical(value)
        except IdentityError:
            continue
        assert key == canonical(key), "a key must be its own canonical form"


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(min_size=1, max_size=200))
def test_identity_from_url_never_raises(value: str) -> None:
    for url in (value, "https://www.linkedin.com/in/" + value, "https://x.com/" + value):
        found = identity_from_url(url)
        assert found is None or found[0] in ("linkedin", "x")


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=60))
def test_linkedin_url_round_trips_to_the_same_key(slug: str) -> None:
    try:
        key = linkedin_slug(slug)
    except IdentityError:
        return
    assert linkedin_slug(linkedin_url(key)) == key


@settings(max_examples=200, deadline=None, database=None)
@given(st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True))
def test_every_valid_handle_round_trips_unless_reserved(handle: str) -> None:
    if handle.lower() in X_RESERVED_PATHS:
        return
    assert x_handle(x_url(handle)) == handle.lower()
    assert identity_from_url(x_url(handle)) == ("x", handle.lower())


@pytest.mark.parametrize(
    ("url", "segments"),
    [
        ("https://www.linkedin.com/company/10529043/", ("company", "10529043")),
        ("x.com/i/flow/login?redirect=1", ("i", "flow", "login")),
        ("https://x.com/", ()),
        ("javascript:alert(1)", ()),
        ("https://[::1/x", ()),
    ],
)
def test_url_path_segments(url: str, segments: tuple[str, ...]) -> None:
    assert url_path_segments(url) == segments


@pytest.mark.parametrize(
    ("network", "handle", "url"),
    [
        ("linkedin", "ada-lovelace", "https://www.linkedin.com/in/ada-lovelace"),
        ("linkedin", "jürgen-müller", "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller"),
        ("x", "kikobeats", "https://x.com/kikobeats"),
        ("x", None, None),  # an X id seen without its handle: no address to open
        ("x", "not a handle!", None),
        ("myspace", "tom", None),
    ],
)
def test_a_profile_address_is_built_only_from_a_valid_handle(network: str, handle: str | None, url: str | None) -> None:
    assert profile_url(network, handle) == url

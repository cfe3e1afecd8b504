"""The shared readers: head metadata, JSON-LD, display text; all of them calm on hostile markup."""

from __future__ import annotations

import warnings

import pytest

from agent.sites.extract import clean_text, json_ld_nodes, json_ld_types, read_page, tag_text_with_alt


def test_meta_is_read_by_property_or_by_name_and_the_first_wins() -> None:
    head = read_page(
        '<meta name="og:title" content="Jeff Weiner | LinkedIn">'
        '<meta property="og:url" content="https://x.com/a">'
        '<meta property="og:url" content="https://x.com/b">'
        '<meta name="pageKey" content="public_profile_v3_desktop">'
    ).head
    assert head.meta_value("og:title") == "Jeff Weiner | LinkedIn"
    assert head.meta_value("og:url") == "https://x.com/a"
    assert head.meta_value("pagekey", "og:title") == "public_profile_v3_desktop"
    assert head.meta_value("og:missing") == ""


def test_canonical_links_are_kept_in_order() -> None:
    head = read_page(
        '<link rel="canonical" href="/a/"><link rel="alternate" href="/x"><link rel="Canonical" href="/b">'
    ).head
    assert head.canonicals == ("/a/", "/b")


def test_an_icon_title_inside_svg_is_not_the_page_title() -> None:
    page = read_page("<body><svg><title>Verified account</title></svg><title>Kiko Beats (@Kikobeats) / X</title>")
    assert page.head.title == "Kiko Beats (@Kikobeats) / X"


@pytest.mark.parametrize(
    ("script", "blocks"),
    [
        ('{"@type": "Person", "name": "Ana"}', ({"@type": "Person", "name": "Ana"},)),
        ('<!-- {"a": 1} -->', ({"a": 1},)),
        (
            '{"url": "https:\\/\\/www.linkedin.com\\/in\\/jeffweiner08"}',
            ({"url": "https://www.linkedin.com/in/jeffweiner08"},),
        ),
        ("{not json", ()),
        ("[" * 100_000, ()),
        ("", ()),
    ],
)
def test_json_ld_blocks_are_decoded_or_skipped(script: str, blocks: tuple) -> None:
    assert read_page(f'<script type="application/ld+json">{script}</script>').head.json_ld == blocks


def test_json_ld_nodes_include_graph_members_and_list_items() -> None:
    blocks = ({"@graph": [{"@type": "Person"}, 3, {"@type": ["WebPage", "Thing"]}]}, [{"@type": "ProfilePage"}], "x")
    types = [json_ld_types(node) for node in json_ld_nodes(blocks)]
    assert types == [frozenset(), {"Person"}, {"WebPage", "Thing"}, {"ProfilePage"}]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Ana \n\n Ruiz\t", "Ana Ruiz"),
        ("Ana\u202eziuR\u200b", "AnaziuR"),  # bidi override and zero-width space removed
        ("dev \U0001f468\u200d\U0001f4bb", "dev \U0001f468\u200d\U0001f4bb"),  # the emoji joiner stays
        ("a\x00b\x07c", "abc"),
        (None, ""),
        (42, ""),
    ],
)
def test_clean_text(raw: object, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_text_truncates_with_an_ellipsis() -> None:
    text = clean_text("word " * 100, limit=20)
    assert len(text) <= 20
    assert text.endswith("…")


def test_text_with_alt_reads_emoji_images_and_skips_comments_and_scripts() -> None:
    soup = read_page('<span>Javi López <img alt="⛩️"><!-- hidden --><script>x()</script></span>').soup
    assert tag_text_with_alt(soup.span) == "Javi López ⛩️"


def test_lone_surrogates_and_nul_characters_do_not_stop_parsing() -> None:
    page = read_page("<title>Ana\ud800 Ruiz\x00</title>")
    assert page.head.title.startswith("Ana")


def test_clean_text_finds_text_after_long_indentation() -> None:
    assert clean_text(" " * 5000 + "Ana\n" + "\t" * 5000 + "Ruiz", limit=20) == "Ana Ruiz"


@pytest.mark.parametrize("html", ["https://x.com/kikobeats", "profile.html", "C:\\page.txt"])
def test_a_page_that_looks_like_an_address_or_file_name_parses_without_warnings(html: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_page(html).head.title == ""

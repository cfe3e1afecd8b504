"""extension/popup/profile-link.js: a review item's name opens the person's profile, and only on a page the
overlay runs on (the manifest's content scripts), whatever address the agent sends."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from tests.extension.conftest import EXTENSION

MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))


def profile_url(page: Page, identities: list[object]) -> str | None:
    return page.evaluate(
        """async ([manifest, identities]) => {
            const { profilePages, profileUrl } = await import("/popup/profile-link.js");
            return profileUrl({ identities }, profilePages(manifest));
        }""",
        [MANIFEST, identities],
    )


def test_the_pages_are_those_of_the_content_scripts(overlay_page: Page) -> None:
    pages = overlay_page.evaluate(
        """async (manifest) => (await import("/popup/profile-link.js")).profilePages(manifest)""", MANIFEST
    )
    assert set(pages) == {"https://www.linkedin.com/in/", "https://x.com/", "https://twitter.com/"}


@pytest.mark.parametrize(
    ("url", "opened"),
    [
        ("https://www.linkedin.com/in/ada-lovelace", "https://www.linkedin.com/in/ada-lovelace"),
        ("https://x.com/kiko", "https://x.com/kiko"),
        ("javascript:alert(document.domain)", None),
        ("https://x.com.evil.test/kiko", None),
        ("https://evil.test/?https://x.com/kiko", None),
        ("http://x.com/kiko", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("not a url", None),
        (7, None),
        (None, None),
    ],
)
def test_only_a_profile_address_on_a_supported_site_is_opened(
    overlay_page: Page, url: object, opened: str | None
) -> None:
    assert profile_url(overlay_page, [{"network": "x", "handle": "kiko", "url": url}]) == opened


def test_the_first_identity_with_a_usable_address_wins(overlay_page: Page) -> None:
    identities = [
        {"network": "x", "handle": None, "x_id": "12", "url": None},
        {"network": "linkedin", "handle": "ada", "url": "https://www.linkedin.com/in/ada"},
    ]
    assert profile_url(overlay_page, identities) == "https://www.linkedin.com/in/ada"
    assert profile_url(overlay_page, []) is None

"""Person keys read from export files: LinkedIn slugs from URLs, X handles and ids."""

from __future__ import annotations

import pytest

from agent.importers.profile_keys import linkedin_slug, x_handle, x_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://www.linkedin.com/in/priya-natarajan", "priya-natarajan"),
        ("https://www.linkedin.com/in/priya-natarajan/", "priya-natarajan"),
        ("www.linkedin.com/in/Priya-Natarajan", "priya-natarajan"),  # endorsements: no scheme
        ("https://se.linkedin.com/in/eduardo?originalSubdomain=se", "eduardo"),
        ("https://www.linkedin.com/in/j%C3%BCrgen-m", "jürgen-m"),
        ("priya-natarajan", "priya-natarajan"),  # a bare slug, as typed for --me
        ("https://www.linkedin.com/company/acme-cloud", None),
        ("https://example.com/in/priya", None),
        ("https://www.linkedin.com/in/", None),
        ("Priya Natarajan", None),
        ("", None),
    ],
)
def test_linkedin_slug(text: str, expected: str | None) -> None:
    assert linkedin_slug(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("@Kikobeats", "kikobeats"), ("priya_codes", "priya_codes"), ("no spaces", None), ("", None)],
)
def test_x_handle(text: str, expected: str | None) -> None:
    assert x_handle(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1509823746193847296", "1509823746193847296"), (18273645, "18273645"), ("12a", None), (True, None), (None, None)],
)
def test_x_id_keeps_ids_as_strings(value: object, expected: str | None) -> None:
    assert x_id(value) == expected

"""Cleaning text from export files into notes."""

from __future__ import annotations

from agent.importers.base import NOTE_LIMIT
from agent.importers.text_repair import clean_name, clean_text, clip_note, repair_mojibake


def test_mojibake_from_latin1_and_cp1252_is_repaired() -> None:
    assert repair_mojibake("TomÃ¡s") == "Tomás"
    assert repair_mojibake("Itâ€™s") == "It’s"


def test_text_that_only_contains_the_markers_is_unchanged() -> None:
    assert repair_mojibake("SÃO PAULO") == "SÃO PAULO"
    assert repair_mojibake("Ã© and é") == "Ã© and é"


def test_clean_text_turns_breaks_into_newlines_and_drops_tags() -> None:
    assert clean_text("<p>One &amp; two</p><p>Three<br/>four</p>\r\n") == "One & two\nThree\nfour"


def test_clean_text_keeps_angle_brackets_that_are_not_tags() -> None:
    assert clean_text("if a < b or b > c <3") == "if a < b or b > c <3"


def test_clean_text_collapses_runs_of_blank_lines() -> None:
    assert clean_text("a<br><br><br><br>b") == "a\n\nb"


def test_clip_note_keeps_short_text_and_cuts_long_text_with_an_ellipsis() -> None:
    assert clip_note("short") == "short"
    clipped = clip_note("x" * (NOTE_LIMIT + 50))
    assert len(clipped) == NOTE_LIMIT
    assert clipped.endswith("…")


def test_clean_name_joins_parts_and_collapses_whitespace() -> None:
    assert clean_name("  ChloÃ© ", "", " Dubois\t") == "Chloé Dubois"

"""Cleaning text from export files into notes."""

from __future__ import annotations

import pytest

from agent.importers import text_repair
from agent.importers.base import NOTE_LIMIT
from agent.importers.text_repair import clean_name, clean_text, clip_note, repair_mojibake


def test_mojibake_from_latin1_and_cp1252_is_repaired() -> None:
    assert repair_mojibake("TomÃ¡s") == "Tomás"
    assert repair_mojibake("Itâ€™s") == "It’s"


def test_text_that_only_contains_the_markers_is_unchanged() -> None:
    assert repair_mojibake("SÃO PAULO") == "SÃO PAULO"


def mojibake(text: str, times: int = 1) -> str:
    """``text`` as a program shows it after reading its UTF-8 as Windows-1252 (``times`` over)."""
    for _ in range(times):
        text = _as_cp1252(text)
    return text


def _as_cp1252(text: str) -> str:
    # cp1252 leaves five bytes undefined; programs show them as the matching C1 control character
    return "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in text.encode("utf-8")
    )


@pytest.mark.parametrize(
    "clean",
    [
        "Tomás Ferreira",
        "Thanks for the intro — let’s talk next week",
        "Great to meet you 👋🎉",
        "Привет, Анна! Спасибо за встречу",
        "日本語のメッセージありがとう",
        "안녕하세요, 다음 주에 봬요",
        "Zoë Ødegård-Çelik",
    ],
)
@pytest.mark.parametrize("times", [1, 2])
def test_mojibake_in_any_script_once_or_twice_is_repaired(clean: str, times: int) -> None:
    """The hand-made repair fixed only Ã, Â and â€ once; emoji, Cyrillic, CJK and double encoding stayed broken."""
    assert repair_mojibake(mojibake(clean, times)) == clean


def test_mojibake_mixed_into_clean_text_is_repaired() -> None:
    assert repair_mojibake("Déjà vu — the " + mojibake("café") + " was closed") == "Déjà vu — the café was closed"
    assert repair_mojibake("Ã© and é") == "é and é"


@pytest.mark.parametrize(
    "clean", ["plain ascii", "Chloé Dubois — naïve café", "Привет, Анна", "日本語 👋", "SÃO PAULO", "Â"]
)
def test_clean_text_never_pays_for_the_repair(clean: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> str:
        raise AssertionError(f"clean text reached ftfy: {text!r}")

    monkeypatch.setattr(text_repair.ftfy, "fix_encoding", refuse)
    assert repair_mojibake(clean) == clean


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

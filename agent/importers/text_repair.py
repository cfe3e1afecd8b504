"""Turning text from export files into clean notes: mojibake repair, HTML stripping, entity unescaping."""

from __future__ import annotations

import html
import re

import ftfy

from agent.importers.base import NOTE_LIMIT

# Only real tags (a letter right after "<"), so "<3" or "a < b > c" in a message survive.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_BREAK = re.compile(r"<(?:br\s*/?|/p|/div|/li)\s*>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")


# What UTF-8 read as Latin-1 or cp1252 looks like: a lead byte (Â..ô) followed by a continuation byte (shown as
# U+0080..U+00BF or one of cp1252's characters for 0x80..0x9F). Clean text almost never holds such a pair, so
# this one C-speed search keeps it from paying for ftfy.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Latin-1 or cp1252, once or twice, in all or part of the text
    (``TomÃ¡s`` → ``Tomás``, ``ðŸ‘‹`` → ``👋``, ``ÐŸÑ€Ð¸Ð²ÐµÑ‚`` → ``Привет``); other text is unchanged.

    ``ftfy.fix_encoding`` does the repair (not ``fix_text``: quotes, ligatures and HTML are left as written);
    genuine text like "SÃO PAULO" stays as it is.
    """
    if text.isascii() or _SUSPECT.search(text) is None:  # the common case, checked cheaply
        return text
    return ftfy.fix_encoding(text)


def clean_text(text: str) -> str:
    """Plain text from a message body that may hold HTML tags and entities."""
    text = repair_mojibake(text.replace("\r\n", "\n"))
    if "<" in text:
        text = _TAG.sub("", _BREAK.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def clip_note(text: str) -> str:
    """A note no longer than NOTE_LIMIT characters; a cut note ends with an ellipsis."""
    if len(text) <= NOTE_LIMIT:
        return text
    return text[: NOTE_LIMIT - 1] + "…"


def clean_name(*parts: str) -> str:
    """A display name from name parts, repaired and with whitespace collapsed."""
    return " ".join(repair_mojibake(" ".join(parts)).split())

"""Turning text from export files into clean notes: mojibake repair, HTML stripping, entity unescaping."""

from __future__ import annotations

import html
import re

from agent.importers.base import NOTE_LIMIT

# Only real tags (a letter right after "<"), so "<3" or "a < b > c" in a message survive.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_BREAK = re.compile(r"<(?:br\s*/?|/p|/div|/li)\s*>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Latin-1 or cp1252 (``TomÃ¡s`` → ``Tomás``); other text is unchanged.

    Such text shows "Ã" or "Â" before a continuation character, or "â€"; the repair is kept only when the
    whole string round-trips, so genuine capitals like "SÃO PAULO" stay as they are.
    """
    if "Ã" not in text and "Â" not in text and "â€" not in text:  # the common case, checked cheaply
        return text
    for codec in ("latin-1", "cp1252"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


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

"""The agent's error messages begin with the field they are about (`as_of must be …`, the API's wording);
the CLI's user typed a flag, so the CLI says the flag (`--as-of must be …`). The one map of fields to flags."""

from __future__ import annotations

FLAGS: dict[str, str] = {
    "at": "--at",
    "as_of": "--as-of",
    "direction": "--direction",
    "follow_up": "--follow-up",
    "how_met": "--how-met",
    "intent": "--intent",
    "kind": "--kind",
    "note": "--note",
    "notes": "--notes",
    "tags": "--tags",
    "thread": "--thread",
}


def in_flag_words(message: str, flag: str | None = None) -> str:
    """``message`` with its leading field name said as ``flag``, or as that field's own flag."""
    field, space, rest = message.partition(" ")
    named = flag or FLAGS.get(field)
    return f"{named} {rest}" if space and named else message

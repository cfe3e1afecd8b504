"""Validation of the values a client or a CLI user may send; hostile input gets a clear message."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from agent.kinds import DIRECTIONS, INTENTS, KIND_BY_ID
from agent.records import FollowUp
from agent.service.errors import Invalid

MAX_NOTE = 10_000
MAX_THREAD = 200
MAX_FOLLOW_UP = 1_000
TAGS = ("close", "family", "colleague")


def kind(value: Any) -> str:
    if not isinstance(value, str) or value not in KIND_BY_ID:
        raise Invalid(f"kind must be one of {', '.join(KIND_BY_ID)}; got {_show(value)}", "bad_kind")
    return value


def direction(value: Any) -> str:
    if not isinstance(value, str) or value not in DIRECTIONS:
        raise Invalid(f"direction must be one of {', '.join(DIRECTIONS)}; got {_show(value)}", "bad_direction")
    return value


def intent(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in INTENTS:
        raise Invalid(f"intent must be one of {', '.join(INTENTS)}; got {_show(value)}", "bad_intent")
    return value


def text(value: Any, name: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(f"{name} must be a string", f"bad_{name}")
    if len(value) > limit:
        raise Invalid(f"{name} is too long ({len(value)} characters; at most {limit})", f"bad_{name}")
    return value.replace("\x00", "")


def at(value: Any) -> str | None:
    """A date (2024-03-01), a datetime with or without offset (taken as UTC), or None."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise Invalid(f"at must be an ISO 8601 date or datetime; got {_show(value)}", "bad_at")
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Invalid(
            f"at must be an ISO 8601 date or datetime, like 2024-03-01 or 2024-03-01T09:30; got {_show(value)}",
            "bad_at",
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:  # the offset moves it before year 1 or past year 9999, which no date can hold
        raise Invalid(
            f"at must fall between 0001-01-01 and 9999-12-31 once its time zone is applied (UTC); got {_show(value)}",
            "bad_at",
        ) from None


def as_of(value: Any) -> datetime | None:
    """The moment to evaluate at: a date (the end of that day) or a datetime; None for now."""
    if value is None:
        return None
    try:
        stamp = at(value)
    except Invalid as exc:  # the same rules as ``at``, named for the field the caller sent
        raise Invalid("as_of" + exc.message.removeprefix("at"), "bad_as_of") from None
    assert stamp is not None
    if len(stamp) == 10:
        # "as of a date" means the end of that day, so events that day count
        return datetime.fromisoformat(stamp + "T23:59:59+00:00")
    return datetime.fromisoformat(stamp)


def due(value: Any) -> str | None:
    stamp = at(value)
    return stamp[:10] if stamp else None


def follow_up(value: Any) -> FollowUp | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"text", "due", "done"}:
        raise Invalid("follow_up must be an object {text, due?, done?}", "bad_follow_up")
    body = text(value.get("text"), "follow_up", MAX_FOLLOW_UP).strip()
    if not body:
        raise Invalid("follow_up needs a text, e.g. 'send the deck'", "bad_follow_up")
    done = value.get("done", False)
    if not isinstance(done, bool):
        raise Invalid("follow_up.done must be true or false", "bad_follow_up")
    return FollowUp(body, due(value.get("due")), done)


def flag(value: Any, name: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise Invalid(f"{name} must be true or false", f"bad_{name}")
    return value


def tags(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(t, str) and t in TAGS for t in value):
        raise Invalid(f"tags must be a list drawn from {', '.join(TAGS)}", "bad_tags")
    return tuple(sorted(set(value)))


def _show(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."

"""Day numbers: an ISO date or datetime as days since 1970-01-01 UTC, a float.

Pure, and apart from the depth model so that an interaction record can keep its own day number (parsed
once per record rather than on every assessment) and the depth timeline reads the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

SECONDS_PER_DAY = 86_400.0
EPOCH = date(1970, 1, 1)
EPOCH_ORDINAL = EPOCH.toordinal()
UNDATED = float("-inf")

_from_iso = datetime.fromisoformat
_PER_SECOND = 1 / SECONDS_PER_DAY


def parse_day(at: object) -> float:
    """``2024-03-01`` → noon UTC that day; ``2024-03-01T09:30:00+02:00`` → exact; naive datetimes are UTC.

    Anything else (None, garbage, a non-string) is ``UNDATED``: the event is kept but has no time.
    """
    if not isinstance(at, str):
        return UNDATED
    try:
        moment = _from_iso(at)
        return moment.timestamp() * _PER_SECOND if moment.tzinfo is not None else _naive_day(moment, at)
    except (ValueError, OverflowError, OSError):
        return UNDATED


def parse_days(values: Sequence[object]) -> list[float]:
    """``parse_day`` over a list; when every value parses, the parsing runs at C speed."""
    try:
        moments = list(map(_from_iso, values))  # type: ignore[arg-type]  # a non-str raises TypeError
        return [
            m.timestamp() * _PER_SECOND if m.tzinfo is not None else _naive_day(m, v)  # type: ignore[arg-type]
            for m, v in zip(moments, values, strict=True)
        ]
    except (TypeError, ValueError, OverflowError, OSError):
        return [parse_day(value) for value in values]


def _naive_day(moment: datetime, text: str) -> float:
    """A date alone is noon UTC; a datetime without offset is UTC."""
    if len(text) == 10:
        return moment.toordinal() - EPOCH_ORDINAL + 0.5
    return moment.replace(tzinfo=UTC).timestamp() * _PER_SECOND

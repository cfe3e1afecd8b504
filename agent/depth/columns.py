"""Per-event columns at C speed: gathering values and finding events.

The depth model runs on every overlay view, for people with thousands of interactions. A Python loop or
comprehension costs a few hundred machine instructions per event; ``itemgetter`` and ``tuple.index`` do the
same walk in C for a fraction of that, so the timeline and the counts over it are built from these.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any


def look_up(table: Sequence[Any] | Mapping[Any, Any], keys: Sequence[Any]) -> list[Any]:
    """``[table[key] for key in keys]``: a column of values by kind, or a column reordered or filtered."""
    if len(keys) < 2:  # itemgetter needs a key, and returns a bare value for one
        return [table[key] for key in keys]
    return list(itemgetter(*keys)(table))


def forward(column: Sequence[object], value: object, end: int | None = None) -> Iterator[int]:
    """Positions of ``value`` before ``end``, oldest first."""
    end = len(column) if end is None else end
    position = -1
    while True:
        try:
            position = column.index(value, position + 1, end)
        except ValueError:
            return
        yield position


def backward(column: Sequence[object], value: object, start: int = 0) -> Iterator[int]:
    """Positions of ``value`` at or after ``start``, latest first."""
    reversed_column = column[::-1]
    last = len(column) - 1
    stop = max(0, len(column) - start)  # reversed, ``start`` is the last position searched
    at = -1
    while True:
        try:
            at = reversed_column.index(value, at + 1, stop)
        except ValueError:
            return
        yield last - at


def first(column: Sequence[object], value: object, start: int = 0) -> int | None:
    """Position of the first ``value`` at or after ``start``."""
    try:
        return column.index(value, start)
    except ValueError:
        return None


def last(column: Sequence[object], value: object, start: int = 0) -> int | None:
    """Position of the last ``value``, if it is at or after ``start``."""
    return next(backward(column, value, start), None)

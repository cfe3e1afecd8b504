"""Finding events in a timeline column: ``tuple.index`` scans at C speed, a Python loop over thousands of
events does not, and the depth model runs on every overlay view.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence


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

"""Who spoke last: the run of messages from one side that the other side has not answered yet."""

from __future__ import annotations

from bisect import bisect_left

from agent.depth import positions
from agent.depth.timeline import OTHER_SIDE, Timeline


def trailing_messages(timeline: Timeline, side: str) -> tuple[int, ...]:
    """``side``'s private messages since the other side last did anything beyond a one-click action.

    Across all conversations: a reply in any thread, a meeting or a call ends the run; a like does not.
    Oldest first.
    """
    tl = timeline
    since = max(_last_talk(tl), _last_act(tl, OTHER_SIDE[side]), _last_act(tl, "both"), tl.first_dated - 1)
    written = tl.mine if side == "me" else tl.theirs
    return tuple(i for i in written[bisect_left(written, since + 1) :] if tl.classes[i] == "private")


def last_talk(timeline: Timeline) -> float | None:
    """The day of the latest meeting or call, if any: talking settles what was pending in writing."""
    position = _last_talk(timeline)
    return timeline.days[position] if position >= timeline.first_dated else None


def _last_talk(tl: Timeline) -> int:
    """Position of the latest dated meeting or call, or -1."""
    latest = (positions.last(tl.classes, cls, tl.first_dated) for cls in ("live", "voice"))
    return max((position for position in latest if position is not None), default=-1)


def _last_act(tl: Timeline, direction: str) -> int:
    """Position of the latest dated event in ``direction`` that was more than a one-click action, or -1."""
    acts = (i for i in positions.backward(tl.directions, direction, tl.first_dated) if tl.classes[i] != "one_click")
    return next(acts, -1)

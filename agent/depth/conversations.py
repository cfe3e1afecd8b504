"""Who spoke last: the run of messages from one side that the other side has not answered yet."""

from __future__ import annotations

from agent.depth.timeline import OTHER_SIDE, Timeline


def trailing_messages(timeline: Timeline, side: str) -> tuple[int, ...]:
    """``side``'s private messages since the other side last did anything beyond a one-click action.

    Across all conversations: a reply in any thread, a meeting or a call ends the run; a like does not.
    Oldest first.
    """
    tl = timeline
    other = OTHER_SIDE[side]
    run: list[int] = []
    for i in range(len(tl) - 1, tl.first_dated - 1, -1):
        direction = tl.directions[i]
        if tl.classes[i] in ("live", "voice") or (direction in (other, "both") and tl.classes[i] != "one_click"):
            break
        if direction == side and tl.composed[i] and tl.classes[i] == "private":
            run.append(i)
    return tuple(reversed(run))


def last_talk(timeline: Timeline) -> float | None:
    """The day of the latest meeting or call, if any: talking settles what was pending in writing."""
    tl = timeline
    for i in range(len(tl) - 1, tl.first_dated - 1, -1):
        if tl.classes[i] in ("live", "voice"):
            return tl.days[i]
    return None

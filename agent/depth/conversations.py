"""Who spoke last: the run of messages from one side that the other side has not answered yet."""

from __future__ import annotations

from bisect import bisect_left

from agent.depth.timeline import OTHER_SIDE, Timeline
from agent.records import Interaction


def trailing_messages(timeline: Timeline, side: str) -> tuple[int, ...]:
    """``side``'s private messages since the other side last did anything beyond a one-click action.

    Across all conversations: a reply in any thread, a meeting or a call ends the run; a like does not.
    Oldest first.
    """
    tl = timeline
    since = max(tl.last_talk, tl.last_act[OTHER_SIDE[side]], tl.last_act["both"], tl.first_dated - 1)
    written = tl.mine if side == "me" else tl.theirs
    return tuple([i for i in written[bisect_left(written, since + 1) :] if tl.classes[i] == "private"])


def last_talk(timeline: Timeline) -> float | None:
    """The day of the latest meeting or call, if any: talking settles what was pending in writing."""
    return timeline.days[timeline.last_talk] if timeline.last_talk >= 0 else None


def awaits_reply(timeline: Timeline, run: tuple[int, ...]) -> bool:
    """Whether the other side's run of messages asks for an answer: it opens a conversation (its first message
    answered nothing of mine), or one of them asks something (marked as an ask, or a question where the text
    is known). A reply to my message that asks nothing leaves nothing owed."""
    return not timeline.replies[run[0]] or any(_asks(timeline.records[j]) for j in run)


def _asks(record: Interaction) -> bool:
    """An ask, or a message whose text (when known) has a question in it."""
    return record.ask is True or (isinstance(record.note, str) and "?" in record.note)

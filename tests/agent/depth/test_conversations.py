"""Who spoke last: each side's unanswered run, and the latest meeting or call."""

from __future__ import annotations

from hypothesis import given

from agent.depth.conversations import last_talk, trailing_messages
from agent.depth.timeline import build_timeline, now_day

from .conftest import TODAY, histories


def timeline(history):
    return build_timeline(history.items, now_day(history.now))


def test_their_messages_since_my_last_reply_are_waiting(history):
    history.dm("them", 20)
    history.dm("me", 15)
    waiting = [history.dm("them", 10), history.dm("them", 9, thread="other")]
    history.likes("me", [8])  # a like is no answer
    tl = timeline(history)
    assert [tl.records[i].id for i in trailing_messages(tl, "them")] == [m.id for m in waiting]
    assert trailing_messages(tl, "me") == ()


def test_a_call_settles_what_was_pending_in_writing(history):
    history.dm("me", 10)
    history.call(5)
    tl = timeline(history)
    assert trailing_messages(tl, "me") == ()
    assert last_talk(tl) == tl.days[-1]


def test_undated_events_neither_wait_nor_settle(history):
    history.dm("me", None)
    history.call(None)
    tl = timeline(history)
    assert (trailing_messages(tl, "me"), last_talk(tl)) == ((), None)


def _trailing_by_scanning(tl, side):
    """The definition, event by event from the newest: the run stops at the other side's first real act."""
    run = []
    for i in range(len(tl) - 1, tl.first_dated - 1, -1):
        acts = tl.directions[i] in ({"me": "them", "them": "me"}[side], "both") and tl.classes[i] != "one_click"
        if tl.classes[i] in ("live", "voice") or acts:
            break
        if tl.directions[i] == side and tl.composed[i] and tl.classes[i] == "private":
            run.append(i)
    return tuple(reversed(run))


@given(histories)
def test_trailing_messages_match_a_scan_from_the_newest_event(items):
    tl = build_timeline(items, now_day(TODAY))
    for side in ("me", "them"):
        assert trailing_messages(tl, side) == _trailing_by_scanning(tl, side)
    talks = [i for i in range(tl.first_dated, len(tl)) if tl.classes[i] in ("live", "voice")]
    assert last_talk(tl) == (tl.days[talks[-1]] if talks else None)

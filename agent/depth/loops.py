"""Open loops (depth-model.md §6): what is waiting on someone, most urgent first.

Each loop has a stable key, ``"<type>:<interaction id>"``, under which the user's choice is stored
(``loop_state``: done, dismissed, or snoozed until a date). A new message or favour brings a new key, so a
dismissed loop comes back only when something new happens.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from itertools import compress
from typing import TypeGuard

from agent.depth import columns
from agent.depth.conversations import awaits_reply, last_talk
from agent.depth.phrasing import ago, in_days, iso_date, span, times
from agent.depth.results import OpenLoop
from agent.depth.timeline import (
    SERVICE_KINDS,
    UNDATED,
    Timeline,
    day_to_date,
)
from agent.depth.urgency import rank
from agent.kinds import KIND_BY_ID
from agent.records import FollowUp

OWED_REPLY_AFTER_DAYS = 7  # their message unanswered for ≥7 days
WAITING_SHOWN_AFTER_DAYS = 3  # my ask shows as pending from day 3 ...
WAITING_UNANSWERED_AFTER_DAYS = 14  # ... and as unanswered from day 14
ARCHIVED_AFTER_DAYS = 90  # asks and owed replies older than this are archived, not open
PROMISE_DEFAULT_DAYS = 7  # a promise without a due date is due a week after it was made
REQUEST_PENDING_AFTER_DAYS = 21
FAVOUR_RETURN_DAYS = 180  # norm of reciprocity (Gouldner 1960): soft reminder after ~6 months

HIDDEN_STATES = frozenset({"done", "dismissed"})


def open_loops(timeline: Timeline, loop_state: Mapping[str, object]) -> tuple[OpenLoop, ...]:
    """Every open loop the user has not closed, dismissed or snoozed, most urgent first:
    overdue promises, owed replies, promises due, my asks, my connection request, favours to return."""
    today = day_to_date(timeline.now)
    talked = last_talk(timeline)
    candidates = [
        *_promises(timeline, today),
        *_conversation_loops(timeline, talked),
        *_pending_request(timeline),
        *_unreturned_favour(timeline),
    ]
    visible = [(order, loop) for order, loop in candidates if not hidden(loop.key, loop_state, today)]
    visible.sort(key=lambda pair: (pair[0], pair[1].due or "9999-12-31", pair[1].since))
    return tuple(loop for _, loop in visible)


def hidden(key: str, loop_state: Mapping[str, object], today: date) -> bool:
    """Whether the user closed the loop or item under ``key``: done or dismissed, or snoozed until after ``today``
    (a snooze without a readable date hides nothing)."""
    state = loop_state.get(key) if isinstance(loop_state, Mapping) else None
    if not isinstance(state, Mapping):
        return False
    kind = state.get("state")
    if not isinstance(kind, str):
        return False
    if kind in HIDDEN_STATES:
        return True
    if kind == "snoozed":
        until = _parse_date(state.get("until"))
        return until is not None and until > today
    return False


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _promises(timeline: Timeline, today: date) -> list[tuple[int, OpenLoop]]:
    loops = []
    records = timeline.records
    follow_ups = [record.follow_up for record in records]  # a comprehension reads slots faster than attrgetter
    if follow_ups.count(None) == len(follow_ups):
        return []
    for i in compress(range(len(records)), follow_ups):
        record = records[i]
        promise = record.follow_up
        if not open_promise(promise):
            continue
        text = promise.text.strip()
        day = timeline.days[i]
        made = day_to_date(day) if day != UNDATED else None
        due = _parse_date(promise.due) or (made + timedelta(days=PROMISE_DEFAULT_DAYS) if made else None)
        overdue = due is not None and due < today
        if due is None:
            when = ""
        elif overdue:
            when = f" (overdue by {span((today - due).days)})"  # 5 days, 3 weeks, 6 years
        else:
            when = f" (due {in_days(due, today)})"
        loop = OpenLoop(
            type="promised_follow_up",
            key=f"promised_follow_up:{record.id}",
            text=f"Promised: {text}{when}.",
            since=(made or today).isoformat(),
            due=due.isoformat() if due else None,
            overdue=overdue,
            interaction=record.id,
        )
        loops.append((rank(loop.type, overdue), loop))
    return loops


def open_promise(promise: object) -> TypeGuard[FollowUp]:
    """A promise ``_promises`` lists: one kept (done) or without words never opens a loop again."""
    if not isinstance(promise, FollowUp) or promise.done:
        return False
    return isinstance(promise.text, str) and bool(promise.text.strip())


def _conversation_loops(timeline: Timeline, talked: float | None) -> list[tuple[int, OpenLoop]]:
    """You owe a reply / waiting on them, from the tail of each private conversation."""
    tl = timeline
    loops = []
    archived = tl.now - ARCHIVED_AFTER_DAYS
    for side, run in tl.tails:
        last = run[-1]
        if talked is not None and talked >= tl.days[last]:
            continue  # a meeting or call since then: written loops are settled
        if tl.days[last] < archived:
            continue  # archived, and so is every ask before it: most tails of a long history
        if side == "them":
            if not awaits_reply(tl, run):
                continue  # their answer to me: the conversation can rest there
            age = tl.now - tl.days[last]
            if OWED_REPLY_AFTER_DAYS <= age <= ARCHIVED_AFTER_DAYS:
                count = f"{times(len(run))}; the latest" if len(run) > 1 else "once,"
                loop = OpenLoop(
                    type="you_owe_reply",
                    key=f"you_owe_reply:{tl.records[last].id}",
                    text=f"You owe a reply: they messaged you {count} {span(age)} ago.",
                    since=iso_date(tl.days[run[0]]),
                    due=None,
                    overdue=False,
                    interaction=tl.records[last].id,
                )
                loops.append((rank(loop.type), loop))
            continue
        ask = _latest_ask(tl, run)
        if ask is None:
            continue
        age = tl.now - tl.days[ask]
        if WAITING_SHOWN_AFTER_DAYS <= age < ARCHIVED_AFTER_DAYS:
            if age < WAITING_UNANSWERED_AFTER_DAYS:
                text = f"Waiting on them: you asked {span(age)} ago; no answer yet."
            else:
                text = f"Unanswered ask: you asked {span(age)} ago and haven't heard back."
            loop = OpenLoop(
                type="waiting_on_them",
                key=f"waiting_on_them:{tl.records[ask].id}",
                text=text,
                since=iso_date(tl.days[ask]),
                due=None,
                overdue=False,
                interaction=tl.records[ask].id,
            )
            loops.append((rank(loop.type), loop))
    return loops


def _latest_ask(tl: Timeline, run: tuple[int, ...]) -> int | None:
    """My latest ask in ``run`` (a connection note is no ask to wait on), unless it is archived already.

    Read from the newest message back, stopping at the first archived one: older asks are archived too.
    """
    for j in reversed(run):
        if tl.records[j].ask is True and tl.kinds[j] != "connection_request":
            return j
        if tl.now - tl.days[j] >= ARCHIVED_AFTER_DAYS:
            return None
    return None


def _pending_request(timeline: Timeline) -> list[tuple[int, OpenLoop]]:
    """My latest connection request, if older than 21 days, while we are not connected and nothing two-way (a
    meeting, a call, an answered message) came after it.

    Any connection record closes it, dated before the request or after it or not at all: LinkedIn lets me invite
    only someone I am not connected to, and an export's Connections.csv lists who I am connected to when it was
    made, so "hasn't been accepted" next to a connection is always wrong."""
    tl = timeline
    if "connection_request" not in tl.kinds_present or "connection_accepted" in tl.kinds_present:
        return []
    requests = columns.backward(tl.kinds, "connection_request", tl.first_dated)
    i = next((j for j in requests if tl.directions[j] == "me"), None)  # my latest dated request
    if i is None:
        return []
    if tl.exchanges and tl.exchanges[-1] > i:
        return []
    age = tl.now - tl.days[i]
    if age <= REQUEST_PENDING_AFTER_DAYS:
        return []
    loop = OpenLoop(
        type="pending_request",
        key=f"pending_request:{tl.records[i].id}",
        text=f"Your connection request from {ago(age)} hasn't been accepted.",
        since=iso_date(tl.days[i]),
        due=None,
        overdue=False,
        interaction=tl.records[i].id,
    )
    return [(rank(loop.type), loop)]


def _unreturned_favour(timeline: Timeline) -> list[tuple[int, OpenLoop]]:
    """Their latest favour, if 180 days have passed and I have logged no help for them since."""
    tl = timeline
    if not tl.has_any(SERVICE_KINDS) or "them" not in tl.directions:
        return []
    for i in columns.backward(tl.classes, "service", tl.first_dated):
        if tl.directions[i] in ("me", "both"):
            return []
        if tl.directions[i] == "them":
            break
    else:
        return []
    age = tl.now - tl.days[i]
    if age < FAVOUR_RETURN_DAYS:
        return []
    loop = OpenLoop(
        type="unreturned_favour",
        key=f"unreturned_favour:{tl.records[i].id}",
        text=f"They {KIND_BY_ID[tl.kinds[i]].did_for_you} {ago(age)}; you haven't returned a favour since.",
        since=iso_date(tl.days[i]),
        due=None,
        overdue=False,
        interaction=tl.records[i].id,
    )
    return [(rank(loop.type), loop)]

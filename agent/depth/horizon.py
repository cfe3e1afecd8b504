"""The relationship review's horizons: the earliest day each loop and flag rule could hold, read from the
records without scoring (``review_items_impossible_until``).

Review-only bounds. Each imports the constants and helpers of the rule it bounds (``loops``, ``score``,
``timeline``, ``threads``) rather than restating them; ``tests/agent/depth/test_horizon.py`` holds every bound
to ``outlook``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import compress, repeat
from operator import attrgetter, ge
from typing import Any

from agent.depth import columns
from agent.depth.loops import (
    ARCHIVED_AFTER_DAYS,
    FAVOUR_RETURN_DAYS,
    OWED_REPLY_AFTER_DAYS,
    REQUEST_PENDING_AFTER_DAYS,
    WAITING_SHOWN_AFTER_DAYS,
    open_promise,
)
from agent.depth.score import (
    COOLING_FACTOR,
    DORMANT_DAYS,
    ENGAGED_EPISODES,
    RHYTHM_EPISODES,
    RHYTHM_MIN_USUAL_GAP,
    has_override,
    usual_gap,
)
from agent.depth.tally import episode_ends, latest_exchange
from agent.depth.threads import conversation_key
from agent.depth.timeline import (
    CONVERSATION_GAP_DAYS,
    FUTURE_SLACK_DAYS,
    MAYBE_COMPOSED_KINDS,
    SERVICE_KINDS,
    SIDES,
    TWO_WAY_KINDS,
    UNDATED,
    Timeline,
    any_log_may_be_dropped,
    build_timeline,
)
from agent.kinds import KIND_BY_ID
from agent.records import Interaction, days_of


def review_horizon(
    records: Sequence[Interaction], today: float, tags: Collection[str]
) -> tuple[float | None, Timeline | None, float]:
    """``review_items_impossible_until`` at day ``today``, the timeline it built on the way, if any, and its
    loops' part (``loops_impossible_until``)."""
    days = days_of(records)
    loops_until = horizon = loops_impossible_until(records, days, today)
    if horizon <= today:
        return None, None, loops_until
    flags = cold_flags_impossible_until(records, days, today, tags)
    timeline = None
    if flags <= today:
        # The records alone cannot tell a rhythm's gap: the timeline can, and its episodes stay as they are
        # until the horizon (a record within the day's slack made it now; a later one enters only at it).
        timeline = build_timeline(records, today)
        flags = cold_flags_impossible_on(timeline, tags)
    horizon = min(horizon, flags)
    return (horizon if horizon > today else None), timeline, loops_until


def loops_impossible_until(records: Sequence[Interaction], days: Sequence[float], now: float) -> float:
    """A lower bound on the first day ``open_loops`` could list anything for ``records`` (their ``days``) if they
    do not change: ``now`` or earlier when a loop may be open already, ``inf`` when none ever can.

    Read without a timeline, one loop rule at a time, on the record the loop would be about (which the timeline
    keeps or drops, never invents), with the parts that need the timeline left out: an open promise at any age (a
    kept one never reopens); their message from ``OWED_REPLY_AFTER_DAYS`` to ``ARCHIVED_AFTER_DAYS`` old; my ask
    from ``WAITING_SHOWN_AFTER_DAYS`` until archived; my connection request past ``REQUEST_PENDING_AFTER_DAYS``;
    their favour from ``FAVOUR_RETURN_DAYS``. A message is out of its conversation's tail for good once the other side
    wrote later in it (a record surely kept, surely a message, dated by ``now``): their message is then
    answered, and my ask no longer in my latest run. Keep in step with the rules below;
    ``tests/agent/depth/test_horizon.py`` checks it against ``outlook``.
    """
    if _all_settled(records, days, now):
        return float("inf")
    latest = now + FUTURE_SLACK_DAYS
    horizon = float("inf")
    last_written = _last_written(records, days, now)
    for record, day in zip(records, days, strict=True):
        if record.follow_up is not None and open_promise(record.follow_up):
            return now  # _promises: open (or hidden) as soon as it is made, whatever the date
        if day == UNDATED:
            continue  # an undated record ages no further: no loop but a promise is about it
        if day > latest:
            # Not yet happened: ignored until it comes within the slack, and then anything may follow.
            horizon = min(horizon, day - FUTURE_SLACK_DAYS)
            continue
        if day > now:
            return now  # within the slack: the timeline clamps it to each new now, so its age is not fixed yet
        kind, direction = record.kind, record.direction
        if type(kind) is not str:
            continue
        due = float("inf")  # the first day this record's rule can hold; ``inf`` when it never will again
        if kind in MAYBE_COMPOSED_KINDS:
            conversation = conversation_key(record.thread, kind)
            if conversation is True:
                pass  # unthreaded public replies and mentions: one public conversation, never a private tail
            elif direction == "them" and now - day <= ARCHIVED_AFTER_DAYS:
                if last_written.get((conversation, "me"), UNDATED) <= day:
                    due = day + OWED_REPLY_AFTER_DAYS  # _conversation_loops: the tail's last message, theirs
            elif (
                direction == "me"
                and record.ask is True
                and kind != "connection_request"
                and now - day < ARCHIVED_AFTER_DAYS
                and last_written.get((conversation, "them"), UNDATED) <= day
            ):
                due = day + WAITING_SHOWN_AFTER_DAYS  # _conversation_loops: my latest ask (_latest_ask)
            if kind == "connection_request" and direction == "me":
                due = min(due, day + REQUEST_PENDING_AFTER_DAYS)  # _pending_request: age > 21, never archived
        elif kind in SERVICE_KINDS and direction == "them":
            due = day + FAVOUR_RETURN_DAYS  # _unreturned_favour: never archived
        if due <= now:
            return now
        horizon = min(horizon, due)
    return horizon


def _all_settled(records: Sequence[Interaction], days: Sequence[float], now: float) -> bool:
    """The usual case of a review, read at C speed: no open promise, nothing inside the archive window (every
    conversation loop is archived for good), and no connection request or favour (their loops never archive)."""
    if not records or max(days) >= now - ARCHIVED_AFTER_DAYS:
        return not records
    follow_ups = list(map(_follow_up, records))
    if follow_ups.count(None) != len(follow_ups) and any(map(open_promise, follow_ups)):
        return False  # a promise kept, by contrast, never opens a loop again
    try:
        return _NEVER_ARCHIVED_KINDS.isdisjoint(map(_kind, records))
    except TypeError:  # an unhashable kind: the rules below skip it
        return False


_follow_up, _kind = attrgetter("follow_up"), attrgetter("kind")


_NEVER_ARCHIVED_KINDS = SERVICE_KINDS | {"connection_request"}


def _last_written(records: Sequence[Interaction], days: Sequence[float], now: float) -> dict[tuple[object, str], float]:
    """Per (conversation, side), the day of the latest message the timeline surely keeps as a message at ``now``
    and after: dated by ``now``, surely not a dropped duplicate, and not a connection request (a message only
    with a note). Only messages inside the archive window are read: the rules ask whether one came after a
    message of that window, which an older one never did (a long history is mostly older)."""
    recent = list(compress(range(len(days)), map(ge, days, repeat(now - ARCHIVED_AFTER_DAYS))))
    if not recent:
        return {}
    droppable = any_log_may_be_dropped(records)  # then a log by hand may be a dropped duplicate
    latest: dict[tuple[object, str], float] = {}
    for record, day in zip(columns.look_up(records, recent), columns.look_up(days, recent), strict=True):
        kind, direction = record.kind, record.direction
        if droppable and not record.source_id:
            continue
        if day == UNDATED or day > now or type(kind) is not str or type(direction) is not str:
            continue
        if kind in MAYBE_COMPOSED_KINDS and kind != "connection_request" and direction in ("me", "them"):
            key = (conversation_key(record.thread, kind), direction)
            latest[key] = max(latest.get(key, UNDATED), day)
    return latest


def cold_flags_impossible_until(
    records: Sequence[Interaction], days: Sequence[float], now: float, tags: Collection[str]
) -> float:
    """A lower bound on the first day ``flags_and_peak`` could call the tie cooling or lapsing, or dormant with a
    peak stage of engaged or better, if ``records`` (their ``days``) do not change: ``now`` or earlier when it
    may already, ``inf`` when it never can. The caller handles records dated after ``now`` (skipped here).

    Every such flag needs the latest dated two-way exchange older than the shortest silence that flags
    (cooling past ``COOLING_FACTOR`` × at least ``RHYTHM_MIN_USUAL_GAP``, dormant past ``DORMANT_DAYS``), so a
    certain exchange rules every flag out until its day plus that silence; and episodes, which time does not
    add: ``RHYTHM_EPISODES`` dated ones for a rhythm, ``ENGAGED_EPISODES`` (the undated exchanges count as one)
    for an engaged peak unless a tag sets the floor. Each meeting, call, favour or whole exchange may be an episode
    of its own; the written exchanges of one conversation spanning ``L`` days form at most ``L //
    CONVERSATION_GAP_DAYS + 1`` (episodes of it start more than that gap apart). Exchanges are over-counted
    (any message in a conversation where both sides wrote, as ``_pair_replies`` might pair it); an exchange is
    certain only on a record surely kept and surely a message (a meeting, call, favour or whole exchange, or both
    sides writing in one thread). ``tests/agent/depth/test_horizon.py`` checks it against ``outlook``.
    """
    if _too_brief_for_flags(records, days, tags):
        return float("inf")
    quiet = min(COOLING_FACTOR * RHYTHM_MIN_USUAL_GAP, DORMANT_DAYS)  # a flag needs a silence longer than this
    everything_kept = not any_log_may_be_dropped(records)
    episodes, undated = 0, False  # an upper bound on the dated episodes; any undated exchange
    settled = -float("inf")  # the last day a certain exchange is recent enough to rule out every flag
    # Conversation -> [a side that wrote in it, whether the other side did too, its first day, its last day].
    written: dict[object, list[Any]] = {}
    latest: dict[tuple[str | None, str], float] = {}  # (thread, side) -> the day of its latest surely kept message
    # The review asks this of most people: comparisons rather than min() and max() calls, once per record.
    for record, day in zip(records, days, strict=True):
        kind = record.kind
        if type(kind) is not str or day > now:
            continue  # an unknown kind (the timeline drops it), or later than now (the caller's part)
        direction = record.direction
        # A request is a message only with a note: never a certain one.
        certain = (everything_kept or bool(record.source_id)) and kind != "connection_request"
        if kind in TWO_WAY_KINDS or (direction == "both" and kind in MAYBE_COMPOSED_KINDS):
            if day == UNDATED:
                undated = True
                continue
            if certain and day + quiet > settled:
                settled = day + quiet
            episodes += 1
        elif day != UNDATED and kind in MAYBE_COMPOSED_KINDS and type(direction) is str and direction in SIDES:
            thread = record.thread
            threaded = type(thread) is str and thread
            key = conversation_key(thread, kind)
            conversation = written.get(key)
            if conversation is None:
                written[key] = [direction, False, day, day]
            else:
                if conversation[0] != direction:
                    conversation[1] = True
                if day < conversation[2]:
                    conversation[2] = day
                if day > conversation[3]:
                    conversation[3] = day
            if threaded and certain:
                thread_side = (thread, direction)
                if day > latest.get(thread_side, -float("inf")):
                    latest[thread_side] = day
    for (thread, side), day in latest.items():
        other = latest.get((thread, "them")) if side == "me" else None
        if other is not None:  # both wrote since: its reply is an exchange
            settled = max(settled, min(day, other) + quiet)
    for _, both, lo, hi in written.values():
        if both:
            episodes += int((hi - lo) // CONVERSATION_GAP_DAYS) + 1
    if not episodes:
        return float("inf")  # no dated exchange: no flag at all
    engaged = has_override(tags) or episodes + undated >= ENGAGED_EPISODES
    if not (engaged or episodes >= RHYTHM_EPISODES):
        return float("inf")  # too few episodes for a rhythm or an engaged peak, and time adds none
    return max(settled, now)


def _too_brief_for_flags(records: Sequence[Interaction], days: Sequence[float], tags: Collection[str]) -> bool:
    """What rules out every flag for most people in a review, in one comprehension rather than the loop of
    ``cold_flags_impossible_until``: no tag setting the floor, and at most one record that could be an exchange
    (a kind two-way or maybe a message, whatever its direction), dated. Its exchanges then form at most one
    episode, and time adds none."""
    if has_override(tags):
        return False
    try:
        candidates = [day for record, day in zip(records, days, strict=True) if record.kind in _EXCHANGE_KINDS]
    except TypeError:  # an unhashable kind: the full rules skip it
        return False
    return not candidates or (len(candidates) == 1 and candidates[0] != UNDATED)


_EXCHANGE_KINDS = TWO_WAY_KINDS | MAYBE_COMPOSED_KINDS


def cold_flags_impossible_on(timeline: Timeline, tags: Collection[str] = ()) -> float:
    """``cold_flags_impossible_until`` read from the timeline, exactly for cooling and lapsing: the first day the
    silence since the latest dated exchange passes ``DORMANT_DAYS`` (dormant, whatever the peak) or
    ``COOLING_FACTOR`` × the rhythm's baseline, as ``flags_and_peak`` and ``rhythm_of`` have them; ``inf`` with
    no exchange, or when the peak can never be engaged (fewer than ``ENGAGED_EPISODES`` episodes, the undated
    exchanges counting as one, and no tag setting the floor), as there is then no rhythm either and a dormant tie
    is not worth reviving. Meant for a timeline with nothing after its ``now``: its episodes then stay as they are.
    """
    last = latest_exchange(timeline)
    if last is None:
        return float("inf")
    ends = episode_ends(timeline, last)
    undated = bool(timeline.exchanges) and timeline.exchanges[0] < timeline.first_dated
    if len(ends) + undated < ENGAGED_EPISODES and not has_override(tags):
        return float("inf")  # the peak's tally counts these episodes: the Engaged gate stays shut
    quiet = DORMANT_DAYS
    if len(ends) >= RHYTHM_EPISODES:
        quiet = min(quiet, COOLING_FACTOR * max(usual_gap(ends), RHYTHM_MIN_USUAL_GAP))
    return ends[-1] + quiet


def may_have_items(history: Sequence[Interaction]) -> bool:
    """Whether any item is possible at all. Every loop needs a written message, a request, a service or a
    promise, and every cold-tie flag needs a real exchange; one-click events alone (a heavy user's 30,000
    connections) never produce an item, so those people are not scored for the review."""
    try:
        kinds = _KNOWN_KINDS.intersection(map(_kind, history))  # at C speed: the review asks this of everyone
    except TypeError:  # an unhashable kind, which the model skips
        kinds = frozenset(i.kind for i in history if isinstance(i.kind, str) and i.kind in KIND_BY_ID)
    if not kinds.issubset(_ONE_CLICK_KINDS):
        return True
    follow_ups = list(map(_follow_up, history))
    if follow_ups.count(None) == len(follow_ups):
        return False
    return any(i.follow_up is not None for i in history if isinstance(i.kind, str) and i.kind in KIND_BY_ID)


_KNOWN_KINDS = frozenset(KIND_BY_ID)
_ONE_CLICK_KINDS = frozenset(k for k, kind in KIND_BY_ID.items() if kind.klass == "one_click")

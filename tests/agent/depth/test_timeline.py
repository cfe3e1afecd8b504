"""Normalising records into the timeline: dates, answered messages, two-way exchanges, episodes, initiations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given

from agent.depth.timeline import UNDATED, build_timeline, now_day, parse_day, parse_days

from .conftest import TODAY, histories


def timeline(history):
    return build_timeline(history.items, now_day(history.now))


def by_id(tl, field: str) -> dict[str, object]:
    return {record.id: value for record, value in zip(tl.records, getattr(tl, field), strict=True)}


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2025-11-15", datetime(2025, 11, 15, 12, tzinfo=UTC)),
        ("2025-11-15T09:30:00+02:00", datetime(2025, 11, 15, 7, 30, tzinfo=UTC)),
        ("2025-11-15T09:30:00Z", datetime(2025, 11, 15, 9, 30, tzinfo=UTC)),
        ("2025-11-15T09:30:00", datetime(2025, 11, 15, 9, 30, tzinfo=UTC)),
    ],
)
def test_dates_and_datetimes_become_utc_day_numbers(at, expected):
    assert parse_day(at) == pytest.approx(now_day(expected))
    assert parse_days([at, "2025-01-01T00:00:00+00:00"])[0] == pytest.approx(now_day(expected))


@pytest.mark.parametrize("at", [None, "", "yesterday", "2025-02-30", 20251115, "9999-99-99T00:00"])
def test_missing_or_unreadable_dates_are_undated(at):
    assert parse_day(at) == UNDATED
    assert parse_days(["2025-01-01", at]) == [parse_day("2025-01-01"), UNDATED]


def test_events_are_ordered_oldest_first_with_undated_ones_first(history):
    history.met(3)
    history.add("follow", "them", None)
    history.met(30)
    assert [r.id for r in timeline(history).records] == ["i2", "i3", "i1"]


def test_a_reply_in_the_thread_answers_however_late_it_comes(history):
    mine = history.dm("me", 100, thread="t")
    theirs = history.dm("them", 40, thread="t")
    tl = timeline(history)
    assert by_id(tl, "answered")[mine.id] and by_id(tl, "replies")[theirs.id]
    assert by_id(tl, "two_way") == {mine.id: True, theirs.id: True}


def test_a_message_in_another_thread_is_no_answer(history):
    mine = history.dm("me", 10, thread="t")
    history.dm("them", 9, thread="u")
    assert not by_id(timeline(history), "answered")[mine.id]


@pytest.mark.parametrize(("gap", "answered"), [(13, True), (15, False)])
def test_without_a_thread_a_reply_counts_within_14_days(history, gap, answered):
    mine = history.email("me", 30)
    history.email("them", 30 - gap)
    assert by_id(timeline(history), "answered")[mine.id] is answered


def test_public_replies_never_answer_private_messages(history):
    mine = history.email("me", 30)
    history.add("comment", "them", 29)
    assert not by_id(timeline(history), "answered")[mine.id]


def test_unanswered_private_messages_count_a_quarter_and_public_ones_in_full(history):
    dm = history.dm("me", 30)
    comment = history.add("comment", "me", 30)
    weights = by_id(timeline(history), "weights")
    assert (weights[dm.id], weights[comment.id]) == (0.75, 1.5)


def test_a_message_logged_as_both_ways_is_an_exchange(history):
    record = history.email("both", 30)
    assert by_id(timeline(history), "two_way")[record.id]


@pytest.mark.parametrize(("note", "klass"), [("", "one_click"), ("Met at PyCon", "private")])
def test_a_connection_request_is_a_message_only_with_a_note(history, note, klass):
    history.add("connection_request", "me", 3, note=note)
    assert timeline(history).classes == (klass,)


def test_meetings_and_services_are_two_way_whoever_logged_them(history):
    history.add("help", "me", 3)
    history.add("in_person", "unknown", 2)
    assert timeline(history).two_way == (True, True)


def test_every_meeting_or_call_is_a_conversation_of_its_own(history):
    """Issue 17, case 1: weekly meetings were chained into one episode."""
    for days_ago in (60, 54, 48, 30, 30):
        history.met(days_ago)
    history.call(47)
    assert len(timeline(history).episodes) == 6


def test_written_exchanges_group_by_thread_and_a_short_gap(history):
    history.exchange(40, thread="a")
    history.exchange(38, thread="a")  # 2 days later in the same thread: the same conversation
    history.exchange(38, thread="b")  # another thread the same day: another conversation
    history.exchange(25, thread="a")  # an answer, but over 2 weeks after the first: a new one, never one chain
    history.dm("me", 10, thread="c")
    history.dm("them", 2, thread="c")  # an answer a week later: the same conversation
    assert len(timeline(history).episodes) == 4


def test_initiations_are_first_messages_of_episodes_or_after_14_quiet_days(history):
    history.dm("them", 60, thread="a")  # after silence: them
    history.dm("me", 59, thread="a")  # a reply, same episode
    history.dm("me", 40, thread="b")  # 19 quiet days: me, though never answered
    history.met(30)
    history.dm("me", 28, thread="c")  # first message of the meeting's episode
    history.dm("them", 27.5, thread="c")
    started = {k: v for k, v in by_id(timeline(history), "initiated_by").items() if v}
    assert started == {"i1": "them", "i3": "me", "i5": "me"}


def test_a_manual_log_that_repeats_an_import_is_dropped(history):
    history.met(3)
    imported = history.met(3, source_id="x:1")
    history.met(3)
    assert [r.id for r in timeline(history).records] == [imported.id]


def test_a_repeated_log_that_carries_an_ask_is_kept(history):
    history.dm("me", 3, source_id="li:1")
    history.dm("me", 3, ask=True)
    assert len(timeline(history)) == 2


def test_two_manual_logs_on_one_day_both_count(history):
    history.likes("me", [3, 3])
    assert len(timeline(history)) == 2


def kept_ids(history) -> list[str]:
    return sorted(r.id for r in timeline(history).records)


def test_a_meeting_logged_on_both_profiles_of_a_linked_person_counts_once(history):
    history.met(3, network="linkedin", note="Lunch")
    history.met(3, network="x", note="Lunch at Rosa's")
    assert kept_ids(history) == ["i1"]  # the first network's: equal counts keep the one met first


@pytest.mark.parametrize(
    ("logs", "kept"),
    [
        ([("linkedin", {}), ("linkedin", {}), ("x", {})], ["i1", "i2"]),  # two that day on LinkedIn: still two
        ([("x", {}), ("linkedin", {}), ("linkedin", {})], ["i2", "i3"]),  # the network with the most keeps its own
        ([("linkedin", {}), ("x", {"follow_up": "send the deck"})], ["i1", "i2"]),  # a promise is never dropped
        ([("linkedin", {}), ("x", {"source_id": "x:1"})], ["i2"]),  # an import wins, as ever
        ([("linkedin", {}), (None, {})], ["i1", "i2"]),  # a network unknown: not provably the same
        ([("linkedin", {}), (["x"], {}), ("x", {})], ["i1", "i2"]),  # a damaged network is skipped, not a crash
    ],
)
def test_which_of_a_merged_persons_same_day_logs_stay(history, logs, kept):
    for network, fields in logs:
        history.call(3, network=network, **fields)
    assert kept_ids(history) == kept


def test_only_the_same_kind_direction_and_day_are_duplicates_and_never_a_message_of_a_site(history):
    history.met(3, network="linkedin")
    history.call(3, network="x")  # another kind
    history.met(4, network="x")  # another day
    history.email("me", 3, network="linkedin")
    history.email("them", 3, network="x")  # another direction
    history.dm("me", 3, network="linkedin", thread=None)
    history.dm("me", 3, network="x", thread=None)  # a DM on each site is two messages
    assert len(timeline(history)) == 7


def test_unknown_kinds_and_odd_directions_are_handled(history):
    history.add("telepathy", "me", 3)
    history.add("dm", "sideways", 3)
    history.add("dm", ["not", "hashable"], 3)
    tl = timeline(history)
    assert tl.kinds == ("dm", "dm") and tl.directions == ("unknown", "unknown")


@given(histories)
def test_the_positions_a_timeline_keeps_match_its_columns(items):
    tl = build_timeline(items, now_day(TODAY))
    n, dated = len(tl), range(tl.first_dated, len(tl))
    messages = tuple(i for i in dated if tl.composed[i])
    mine = tuple(i for i in messages if tl.directions[i] == "me")
    outreach = tuple(i for i in mine if tl.classes[i] == "private" and not tl.replies[i])
    assert tl.exchanges == tuple(i for i in range(n) if tl.two_way[i])
    assert tl.messages == messages
    assert tl.mine == mine
    assert tl.theirs == tuple(i for i in messages if tl.directions[i] == "them")
    assert tl.outreach == outreach
    assert tl.answered_outreach == tuple(i for i in outreach if tl.answered[i])
    assert tl.openers == tuple(i for i in range(n) if tl.initiated_by[i])
    assert tl.kinds_present == frozenset(tl.kinds)
    assert tl.last_talk == max((i for i in dated if tl.classes[i] in ("live", "voice")), default=-1)
    for side in ("me", "them", "both"):
        acts = (i for i in dated if tl.directions[i] == side and tl.classes[i] != "one_click")
        assert tl.last_act[side] == max(acts, default=-1)


@given(histories)
def test_a_timeline_is_in_time_order_whatever_order_the_records_came_in(items):
    tl = build_timeline(items, now_day(TODAY))
    assert list(tl.days) == sorted(tl.days)
    assert build_timeline(list(reversed(items)), now_day(TODAY)).days == tl.days

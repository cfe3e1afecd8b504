"""``review_items_impossible_until`` is a sound horizon: before the day it names, the model has nothing for the
review at any moment, if the history does not change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.depth import outlook, review_items_impossible_until, review_outlook
from agent.depth.score import ENGAGED_EPISODES, RHYTHM_EPISODES, STAGES, worth_reviving
from agent.depth.timeline import NETWORK_FREE_KINDS, day_to_date, now_day
from agent.records import FollowUp, Interaction

from .conftest import TODAY
from .conftest import histories as recent_histories
from .test_properties import histories, interactions, network_sets, numbered, tag_sets

# Long, dense histories of well-formed records: enough conversations for rhythms, dormancy and peaks.
long_histories = st.lists(interactions(hostile=False), min_size=5, max_size=60).map(numbered)


@st.composite
def conversational_histories(draw) -> list[Interaction]:
    """Real conversations (meetings, calls, answered threads) spread over years, near the flags' thresholds,
    with a few records of any kind around them."""
    records = []
    for n, days_ago in enumerate(draw(st.lists(st.floats(0, 1500, allow_nan=False), min_size=1, max_size=8))):
        moment = (TODAY - timedelta(days=days_ago)).isoformat()
        later = (TODAY - timedelta(days=days_ago - 0.1)).isoformat()
        kind = draw(st.sampled_from(["in_person", "call", "thread", "help"]))
        source = draw(st.sampled_from([None, f"s{n}"]))
        if kind == "thread":
            records.append(Interaction("x", "p1", "dm", "me", moment, thread=f"t{n}", source_id=source))
            records.append(Interaction("x", "p1", "dm", "them", later, thread=f"t{n}", source_id=source))
        else:
            records.append(
                Interaction("x", "p1", kind, draw(st.sampled_from(["both", "them"])), moment, source_id=source)
            )
    records += draw(st.lists(interactions(hostile=False), max_size=6))
    return numbered(draw(st.permutations(records)))


@st.composite
def merged_histories(draw) -> list[Interaction]:
    """Two profiles' histories linked into one: meetings, calls, favours and emails logged by hand on both the
    same day (the copies ``build_timeline`` drops), the copies' threads not always the originals'."""
    records = [
        record.with_changes(network=draw(st.sampled_from(["linkedin", "x"])))
        for record in draw(conversational_histories())
    ]
    for n, days_ago in enumerate(draw(st.lists(st.floats(0, 200, allow_nan=False), max_size=4))):
        at = (TODAY - timedelta(days=days_ago)).isoformat()
        direction, thread = draw(st.sampled_from(["me", "them"])), draw(st.none() | st.just(f"e{n}"))
        records.append(Interaction("x", "p1", "email", direction, at, thread=thread, network="x"))
    copies = [
        record.with_changes(
            network="x" if record.network == "linkedin" else "linkedin",
            thread=draw(st.sampled_from([record.thread, None, "other"])),
        )
        for record in records
        if record.kind in NETWORK_FREE_KINDS and not record.source_id and draw(st.booleans())
    ]
    return numbered(draw(st.permutations(records + copies)))


nows = st.sampled_from([TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=400), TODAY - timedelta(days=900)])


# Every shape of history the horizon's soundness is checked against.
any_history = histories | long_histories | recent_histories | conversational_histories() | merged_histories()


def _review_shows_something(history: list[Interaction], now, tags, networks) -> bool:
    result = outlook(history, now=now, tags=tags, networks=networks)
    dormant = "dormant" in result.flags and worth_reviving(result.peak_stage)
    return bool(result.open_loops) or dormant or any(f in result.flags for f in ("cooling", "lapsing"))


def _moments_before(now, horizon: float) -> list:
    """``now``, a day later, halfway to the horizon and just before it (capped for a horizon of never)."""
    gap = min(horizon - now_day(now), 5 * 365.0)
    offsets = [0.0, 1.0, gap / 2, gap - 0.01, gap * 0.99]
    return [now + timedelta(days=d) for d in offsets if 0 <= d < gap]


def test_only_a_dormant_tie_that_was_engaged_or_trusted_is_worth_reviving() -> None:
    """The horizon lets a dormant tie through only when its peak could be engaged or better."""
    assert [stage for stage in STAGES if worth_reviving(stage)] == ["engaged", "trusted"]
    assert not worth_reviving(None)


@settings(max_examples=600, deadline=None)
@given(any_history, tag_sets, network_sets, nows)
def test_nothing_for_the_review_before_the_horizon(history, tags, networks, now) -> None:
    horizon = review_items_impossible_until(history, now=now, tags=tags)
    if horizon is not None:
        assert horizon > now_day(now)
        for moment in _moments_before(now, horizon):
            assert not _review_shows_something(history, moment, tags, networks), (moment, horizon)


@settings(max_examples=400, deadline=None)
@given(
    long_histories | conversational_histories(), tag_sets, st.floats(min_value=0, max_value=3 * 365, allow_nan=False)
)
def test_the_horizon_holds_from_any_moment(history, tags, days_later) -> None:
    now = TODAY + timedelta(days=days_later)
    horizon = review_items_impossible_until(history, now=now, tags=tags)
    if horizon is not None:
        for moment in _moments_before(now, horizon):
            assert not _review_shows_something(history, moment, tags, ()), (moment, horizon)


def test_an_owed_reply_is_there_now(history) -> None:
    history.add("dm", "them", 10)
    assert review_items_impossible_until(history.items, now=history.now) is None


def test_a_fresh_message_names_the_day_a_reply_is_owed(history) -> None:
    history.exchange(400)
    history.exchange(30, starter="them")  # I answered last
    history.add("dm", "them", 2, thread="new")  # owed from day 7: five days from now
    horizon = review_items_impossible_until(history.items, now=history.now)
    assert horizon is not None
    assert day_to_date(horizon) == (history.now + timedelta(days=5)).date()
    assert not _review_shows_something(history.items, history.now + timedelta(days=4.9), (), ())
    assert _review_shows_something(history.items, history.now + timedelta(days=5.1), (), ())


def test_a_recent_conversation_rules_out_flags_for_ninety_days(history) -> None:
    for days_ago in (400, 200, 5):
        history.exchange(days_ago, starter="them")  # I answered last: nothing owed
    horizon = review_items_impossible_until(history.items, now=history.now)
    assert horizon is not None
    assert round(horizon - now_day(history.now)) == 85


def test_a_steady_rhythm_names_the_day_it_cools(history) -> None:
    for days_ago in (500, 300, 100):
        history.exchange(days_ago, starter="them")
    horizon = review_items_impossible_until(history.items, now=history.now)
    assert horizon is not None
    assert round(horizon - now_day(history.now)) == 500  # three times the usual 200 days, from 100 days ago
    later = history.now + timedelta(days=horizon - now_day(history.now))
    assert not _review_shows_something(history.items, later - timedelta(days=0.01), (), ())
    assert "cooling" in outlook(history.items, now=later + timedelta(days=0.01)).flags


OLD_HISTORIES = {
    # Nothing inside the ninety-day archive window: only promises, requests and favours can still be open.
    "an old answered thread": (lambda h: h.exchange(500), False),
    "their message archived unanswered": (lambda h: h.dm("them", 120), False),
    "my old connection request": (lambda h: h.add("connection_request", "me", 200), True),
    "their old favour": (lambda h: h.add("help", "them", 300), True),
    "my old promise": (lambda h: h.email("me", 300, follow_up="send the deck"), True),
}


@pytest.mark.parametrize("name", OLD_HISTORIES)
def test_an_old_history_has_a_horizon_unless_a_request_favour_or_promise_is_open(history, name) -> None:
    build, open_now = OLD_HISTORIES[name]
    build(history)
    assert _review_shows_something(history.items, history.now, (), ()) is open_now
    assert (review_items_impossible_until(history.items, now=history.now) is None) is open_now


@settings(max_examples=500, deadline=None)
@given(any_history, tag_sets, network_sets, nows)
def test_review_outlook_is_the_horizon_or_else_the_outlook(history, tags, networks, now) -> None:
    result, horizon = review_outlook(history, now=now, tags=tags, networks=networks)
    records_horizon = review_items_impossible_until(history, now=now, tags=tags)
    if records_horizon is None:
        expected = outlook(history, now=now, tags=tags, networks=networks)
        assert result is not None
        assert (result.open_loops, result.flags, result.peak_stage) == (
            expected.open_loops,
            expected.flags,
            expected.peak_stage,
        )
        assert result.reasons() == expected.reasons()
        if horizon is not None:  # what the outlook told beyond the records: as sound, for these networks
            assert horizon > now_day(now)
            for moment in _moments_before(now, horizon):
                assert not _review_shows_something(history, moment, tags, networks), (moment, horizon)
    else:
        assert (result, horizon) == (None, records_horizon)


def test_a_dormant_tie_that_never_reached_two_episodes_is_never_revived(history) -> None:
    for days_ago in (800, 799, 798):  # one thread, a day apart: one episode
        history.exchange(days_ago, starter="them", thread="t")
    assert review_items_impossible_until(history.items, now=history.now) == float("inf")
    for years in (0, 1, 5):
        assert not _review_shows_something(history.items, history.now + timedelta(days=365 * years), (), ())


def test_a_close_tag_makes_the_same_dormant_tie_worth_reviving(history) -> None:
    for days_ago in (800, 799, 798):
        history.exchange(days_ago, starter="them", thread="t")
    assert review_items_impossible_until(history.items, now=history.now, tags=("close",)) is None
    assert _review_shows_something(history.items, history.now, ("close",), ())


def test_a_rhythm_needs_at_least_the_episodes_of_an_engaged_peak() -> None:
    """The horizon skips a tie below ``ENGAGED_EPISODES`` for both dormancy and rhythm."""
    assert RHYTHM_EPISODES >= ENGAGED_EPISODES


def test_a_dormant_tie_below_engaged_has_a_horizon_once_scored() -> None:
    """The records cannot tell the peak stage; the outlook can, and a low peak never revives."""
    history = numbered(
        [  # two short exchanges, about three years ago: two episodes, an acquainted peak
            Interaction("x", "p1", "dm", side, (TODAY - timedelta(days=days)).isoformat(), thread=thread)
            for side, days, thread in (("me", 1000, "t1"), ("them", 999, "t1"), ("me", 900, "t2"), ("them", 899, "t2"))
        ]
    )
    assert review_items_impossible_until(history, now=TODAY) is None
    result, horizon = review_outlook(history, now=TODAY)
    assert result is not None and "dormant" in result.flags and not worth_reviving(result.peak_stage)
    assert horizon == float("inf")
    with_request = numbered([*history, Interaction("x", "p1", "connection_request", "me", TODAY.isoformat())])
    result, horizon = review_outlook(with_request, now=TODAY)
    assert horizon == now_day(TODAY) + 21  # the day the request counts as pending


@pytest.mark.parametrize(
    ("promise", "open_now"),
    [
        (FollowUp("send the deck", None), True),
        (FollowUp("send the deck", None, done=True), False),
        (FollowUp("   ", None), False),
    ],
)
def test_only_an_open_promise_holds_the_horizon_at_now(promise: FollowUp, open_now: bool) -> None:
    """A promise kept (or without words) never opens a loop again, so it no longer makes a long-quiet tie be
    scored every day."""
    made = (TODAY - timedelta(days=400)).isoformat()
    history = numbered([Interaction("x", "p1", "email", "me", made, follow_up=promise)])
    horizon = review_items_impossible_until(history, now=TODAY)
    assert (horizon is None) is open_now
    if not open_now:
        assert horizon == float("inf")


def test_their_public_comment_never_holds_the_horizon_but_their_message_does() -> None:
    """Only a private conversation's tail is owed a reply; unthreaded comments and mentions are one public one."""
    ten_days_ago = (TODAY - timedelta(days=10)).isoformat()
    comment = numbered([Interaction("x", "p1", "comment", "them", ten_days_ago)])
    message = numbered([Interaction("x", "p1", "dm", "them", ten_days_ago)])
    assert review_items_impossible_until(comment, now=TODAY) == float("inf")
    assert review_items_impossible_until(message, now=TODAY) is None


def test_a_reply_logged_on_both_profiles_holds_the_horizon_where_only_its_other_copy_is_kept() -> None:
    """My reply, logged on X in their thread and again on LinkedIn without it, is one email after the merge:
    the LinkedIn copy is kept (it came first), so their message is unanswered in its thread and a reply is
    owed. The horizon must not count the dropped X copy as the reply."""
    nine, ten = ((TODAY - timedelta(days=days)).isoformat() for days in (9, 10))
    history = numbered(
        [
            Interaction("x", "p1", "email", "me", nine, network="linkedin"),
            Interaction("x", "p1", "email", "them", ten, thread="t", network="x"),
            Interaction("x", "p1", "email", "me", nine, thread="t", network="x"),
        ]
    )
    assert [loop.type for loop in outlook(history, now=TODAY).open_loops] == ["you_owe_reply"]
    assert review_items_impossible_until(history, now=TODAY) is None

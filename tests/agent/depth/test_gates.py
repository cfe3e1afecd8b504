"""The caps, floors and gates of depth-model.md §3, each firing and not firing."""

from __future__ import annotations

from math import exp

import pytest

from agent.records import Interaction

YEAR = 365.25


def many_unanswered_dms(history, count: int = 30) -> None:
    for k in range(count):
        history.dm("me", 1 + 3 * k)


def intense_week(history, start: float) -> None:
    """Meetings, a call, answered messages and help both ways, all inside one 7-day episode."""
    history.met(start)
    history.met(start - 2)
    history.call(start - 3)
    for k in range(5):
        history.exchange(start - 1 - k * 0.5, starter="me" if k % 2 else "them", thread="week")
    history.add("help", "them", start - 4)
    history.add("help", "me", start - 5)


def test_no_history_scores_zero_stranger(history):
    depth = history.assess().depth
    assert (depth.score, depth.stage) == (0, "stranger")


def test_records_of_unknown_kinds_count_as_no_history(history):
    history.add("telepathy", "both", 3)
    assert history.assess().depth.score == 0


def test_my_own_outreach_alone_builds_next_to_nothing(history):
    """Issue 17, case 3: one-sided writing counts no more than the other side gave back (plus a little)."""
    many_unanswered_dms(history)
    depth = history.assess().depth
    assert depth.score <= 9 and depth.stage == "stranger"
    assert depth.components["history"] < 3 and depth.components["warmth"] < 5


def test_one_like_from_them_lifts_the_cap_of_my_outreach(history):
    many_unanswered_dms(history)
    history.add("like", "them", 2)
    assert history.assess().depth.score > 9


def test_any_acknowledgement_is_floored_at_aware_10(history):
    history.add("follow", "them", None)
    depth = history.assess().depth
    assert (depth.score, depth.stage) == (10, "aware")


@pytest.mark.parametrize("kind", ["connection_accepted", "like", "dm"])
def test_each_kind_of_acknowledgement_sets_the_floor(history, kind):
    history.add(kind, "them" if kind != "connection_accepted" else "unknown", 400)
    assert history.assess().depth.score == 10


def test_without_acknowledgement_there_is_no_floor(history):
    history.add("follow", "me", None)
    assert history.assess().depth.score < 10


def test_never_two_way_is_capped_at_24(history):
    history.connected(200)
    many_unanswered_dms(history, 60)
    for k in range(20):
        history.dm("them", 2 + 4 * k, thread=f"their-{k}")  # their messages, each left unanswered
    depth = history.assess().depth
    assert (depth.score, depth.stage) == (24, "aware")
    assert sum(depth.components.values()) > 24


def test_one_answered_message_lifts_the_two_way_cap(history):
    history.connected(200)
    many_unanswered_dms(history, 60)
    history.exchange(3, starter="them")
    assert history.assess().depth.score > 24


def test_one_two_way_episode_cannot_be_engaged(history):
    intense_week(history, 10)
    depth = history.assess().depth
    assert (depth.score, depth.stage) == (44, "acquainted")
    assert sum(depth.components.values()) >= 45


def test_a_second_episode_passes_the_engaged_gate(history):
    intense_week(history, 10)
    history.exchange(40, starter="them", thread="earlier")
    assert history.assess().depth.stage in ("engaged", "trusted")


def test_no_two_way_exchange_in_18_months_cannot_be_engaged(history):
    intense_week(history, 1.6 * YEAR)
    intense_week(history, 1.6 * YEAR + 30)
    assert history.assess().depth.stage == "acquainted"


def test_one_sided_initiation_and_ignored_messages_cannot_be_engaged(history):
    for k in range(8):
        history.exchange(20 + 30 * k, starter="me", thread=f"c{k}")
        history.dm("me", 25 + 30 * k, thread=f"ignored-{k}")
    history.met(10)
    history.met(100)
    history.add("help", "me", 12)
    depth = history.assess().depth
    assert depth.components["reciprocity"] < 0.3 * 15
    assert (depth.score, depth.stage) == (44, "acquainted")


def trusted_material(history, last: float) -> None:
    """Two years of monthly answered messages plus meetings and help, ending ``last`` days ago."""
    for k in range(24):
        history.exchange(last + 30 * k, starter="me" if k % 2 else "them", thread=f"m{k}")
    history.met(last + 5)
    history.met(last + 200)
    history.add("help", "them", last + 300)
    history.add("help", "me", last + 100)


def test_trusted_needs_a_two_way_exchange_within_12_months(history):
    trusted_material(history, last=400)
    depth = history.assess().depth
    assert (depth.score, depth.stage) == (69, "engaged")


def test_trusted_material_within_12_months_is_trusted(history):
    trusted_material(history, last=20)
    assert history.assess().depth.stage == "trusted"


def test_trusted_needs_two_meetings_or_a_service(history):
    for k in range(24):
        history.exchange(20 + 30 * k, starter="me" if k % 2 else "them", thread=f"m{k}", kind="email")
        history.add("comment", "them", 21 + 30 * k, thread=f"p{k}")
        history.add("comment", "me", 20.5 + 30 * k, thread=f"p{k}")
    history.met(25)
    assert history.assess(networks=("linkedin", "x")).depth.score == 69
    history.met(300)
    assert history.assess(networks=("linkedin", "x")).depth.stage == "trusted"


@pytest.mark.parametrize(
    ("tag", "wording"), [("close", "as close"), ("family", "as family"), ("colleague", "as a colleague")]
)
def test_tags_set_an_engaged_floor_and_say_so(history, tag, wording):
    history.add("like", "me", 3)
    depth = history.assess(tags=(tag,)).depth
    assert (depth.score, depth.stage) == (45, "engaged")
    assert depth.reasons[0] == f"You marked this person {wording}, so they count as at least Engaged."


def test_tags_are_matched_case_insensitively_and_unknown_tags_ignored(history):
    assert history.assess(tags=("Close",)).depth.stage == "engaged"
    assert history.assess(tags=("vip",)).depth.stage == "stranger"


def test_family_triples_the_warmth_half_life(history):
    history.met(360)
    plain = history.assess().depth.components["warmth"]
    family = history.assess(tags=("family",)).depth.components["warmth"]
    assert plain == pytest.approx(25 * (1 - exp(-10 * 2 ** (-2) / 12)), abs=0.1)
    assert family == pytest.approx(25 * (1 - exp(-10 * 2 ** (-2 / 3) / 12)), abs=0.1)


def test_one_click_events_add_at_most_two_units(history):
    history.likes("me", [1] * 200)
    depth = history.assess().depth
    assert depth.components["history"] == pytest.approx(30 * (1 - exp(-2 / 25)), abs=0.05)


def test_a_pending_message_counts_at_a_quarter(history):
    history.dm("me", 0)
    assert history.assess().depth.components["history"] == pytest.approx(30 * (1 - exp(-0.75 / 25)), abs=0.05)


def test_a_manual_log_repeating_an_imported_event_counts_once(history):
    history.met(3)
    imported = history.met(3, source_id="linkedin:abc")
    single = history.assess().depth.components
    history.items = [imported]
    assert history.assess().depth.components == single


def test_records_from_the_far_future_are_ignored_and_near_future_is_now(history):
    history.met(-10)
    assert history.assess().depth.score == 0
    history.items = [Interaction("i1", "p1", "in_person", "both", history.when(-0.5))]
    assert history.assess().depth.stage == "acquainted"


def test_weekly_meetings_for_two_years_are_engaged_at_least(history):
    """Issue 17, case 1: 104 weekly meetings over two years read "Acquainted 44"."""
    for week in range(104):
        history.met(3 + 7 * week)
    depth = history.assess().depth
    assert depth.stage in ("engaged", "trusted") and depth.score >= 65
    assert "You've met in person 104×." in depth.reasons


def test_two_meetings_7_or_8_days_apart_score_alike(new_history):
    """Issue 17, case 1: 7 days apart scored 44 and 8 days apart 61, with the same lines."""
    depths = []
    for gap in (7, 8):
        history = new_history()
        history.met(20)
        history.met(20 + gap)
        depths.append(history.assess().depth)
    assert abs(depths[0].score - depths[1].score) <= 1 and depths[0].stage == depths[1].stage


def test_a_call_between_two_conversations_never_merges_them(history):
    """Issue 17, case 2: a call logged between two conversations turned Trusted 80 into Engaged 69."""
    for day in (500, 300):
        history.met(day)
        history.exchange(day - 1, starter="them", kind="email")
        history.exchange(day - 2, starter="me", kind="email")
    history.add("help", "them", 500)
    history.add("help", "me", 300)
    history.met(30)
    history.exchange(29, starter="them")
    history.met(20)
    history.exchange(19, starter="me")
    before = history.assess().depth
    history.call(25)
    after = history.assess().depth
    assert before.stage == after.stage == "trusted" and after.score >= before.score


def test_my_volume_of_public_replies_is_not_depth(history):
    """Issue 17, case 3: 50 public replies of mine against 5 of theirs read "Engaged 63"."""
    history.add("follow", "them", None)
    for k in range(50):
        history.add("comment", "me", 5 + 7 * k, thread=f"p{k}")
    for k in range(5):
        history.add("comment", "them", 5.5 + 70 * k, thread=f"p{10 * k}")
    depth = history.assess(intent=None).depth
    assert depth.stage in ("aware", "acquainted")
    assert "You've written 50 times; they've written 5 times." in depth.reasons
    assert "lopsided" in {w.id for w in history.assess().warnings}


def test_a_burst_of_messages_after_years_of_silence_is_not_trust(history):
    """Issue 17, case 4: one chatty week of DMs after seven silent years read "Trusted 71"."""
    for year in range(4):
        history.met(7 * YEAR + 90 * year)
        history.call(7 * YEAR + 90 * year + 30)
    for k in range(120):
        history.dm("me" if k % 2 else "them", 10 - k * 0.05, thread="catch-up")
    depth = history.assess().depth
    assert depth.stage != "trusted" and depth.score <= 69


def test_a_week_of_meetings_alone_is_not_engaged(history):
    """Issue 17, case 4: Engaged needs contact sustained over weeks, not a count within one."""
    for day in (10, 11, 12, 13, 15):
        history.met(day)
    assert history.assess().depth.stage == "acquainted"

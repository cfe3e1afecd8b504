"""The wording of the "why" lines (depth-model.md §5): facts, counts and dates; 2–4 lines; one on recency."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

YEAR = 365.25


def reasons(history, **options) -> tuple[str, ...]:
    return history.assess(**options).depth.reasons


def test_no_history_says_so_and_that_there_was_no_conversation(history):
    assert reasons(history) == (
        "Nothing logged or imported with this person yet.",
        "You've never had a two-way conversation.",
    )


def test_the_recency_line_names_the_channel_and_month(history):
    history.exchange(240, starter="them", kind="email")
    assert "Last real conversation 8 months ago (an email, Mar 2025)." in reasons(history)


@pytest.mark.parametrize(("days_ago", "wording"), [(0.2, "today"), (1.5, "yesterday"), (4, "4 days ago")])
def test_recent_conversations_read_as_days(history, days_ago, wording):
    history.call(days_ago)
    assert reasons(history)[0] == f"Last real conversation {wording} (a call)."


def test_an_undated_conversation_says_its_date_is_unknown(history):
    history.met(None)
    assert "You've had a real conversation, but its date isn't known." in reasons(history)


@pytest.mark.parametrize(
    ("meetings", "wording"),
    [
        ([10], "You met in person once (last week)."),
        ([240, 300], "You've met in person 2× (last: Mar 2025)."),
        ([5 * YEAR], "You met in person once (2020)."),
    ],
)
def test_meetings_are_counted_with_the_last_one(history, meetings, wording):
    for days_ago in meetings:
        history.met(days_ago)
    history.exchange(2, kind="email")  # the last real conversation, so the meetings line keeps its date
    assert wording in reasons(history)


def test_calls_alone_are_counted_with_the_last_one(history):
    for days_ago in (42, 100, 160):
        history.call(days_ago)
    history.exchange(2, kind="email")
    assert "3 calls, the last one 6 weeks ago." in reasons(history)


def test_a_single_call_reads_as_a_call_not_1_call(history):
    history.call(42)
    history.exchange(2, kind="email")
    assert "A call 6 weeks ago." in reasons(history)
    history.met(300)
    assert "You met in person once (Jan 2025) and had a call." in reasons(history)


def test_the_last_meeting_or_call_is_dated_once_not_on_two_lines(history):
    """Issue 17, case 9: "Last real conversation last week (call, Nov 2026)." above "A call last week."."""
    history.call(10)
    assert reasons(history) == ("Last real conversation last week (a call).", "One call so far.")
    history.call(40)
    history.met(100)
    lines = reasons(history)
    assert "Last real conversation last week (a call)." in lines
    assert "You met in person once (Aug 2025) and had 2 calls." in lines


def test_unanswered_outreach_is_counted(history):
    history.exchange(100, starter="me", thread="a")
    history.dm("me", 60, thread="b")
    history.dm("me", 30, thread="c")
    assert "You reached out 3 times; they replied once." in reasons(history)


def test_a_lopsided_start_count_is_stated(history):
    for k, starter in enumerate(["them", "them", "me", "them", "me", "them"]):
        history.exchange(20 + 30 * k, starter=starter, thread=f"c{k}")
    assert "They started 4 of your 6 conversations." in reasons(history)


def test_even_starts_and_full_replies_need_no_reciprocity_line(history):
    for k, starter in enumerate(["them", "me", "them", "me"]):
        history.exchange(20 + 30 * k, starter=starter, thread=f"c{k}")
    assert not any("started" in line or "reached out" in line for line in reasons(history))


def test_their_unanswered_messages_are_always_shown(history):
    history.met(400)
    history.dm("them", 20)
    assert "They messaged you once; you haven't replied." in reasons(history)


def test_known_since_counts_from_the_first_real_conversation(history):
    history.connected(6 * YEAR)
    history.met(3 * YEAR)
    history.met(30)
    lines = reasons(history)
    assert "Known since 2022 (3 yrs); first real conversation Nov 2022." in lines


@pytest.mark.parametrize(
    ("services", "wording"),
    [
        ([("intro", "them"), ("intro", "them")], "Help has gone one way: they've helped you twice (2 intros)."),
        ([("help", "me")], "Help has gone one way: you've helped them once."),
        (
            [("intro", "them"), ("recommendation", "me")],
            "Help both ways: an intro from them and a recommendation from you.",
        ),
        ([("help", "them"), ("help", "me")], "Help both ways: a favour from them and a favour from you."),
        (
            [("help", "them"), ("intro", "them"), ("help", "me")],
            "Help both ways: an intro, a favour from them and a favour from you.",
        ),
        ([("help", "both")], "Help both ways: you've helped each other once."),
    ],
)
def test_services_say_which_way_help_went(history, services, wording):
    for k, (kind, direction) in enumerate(services):
        history.add(kind, direction, 30 + k)
    assert wording in reasons(history)


def test_a_merged_person_says_where_the_history_comes_from(history):
    history.met(30)
    assert "History combined from LinkedIn + X (same person)." in reasons(history, networks=("linkedin", "x"))
    assert not any("combined" in line for line in reasons(history, networks=("linkedin",)))


def test_a_connection_without_messages_says_so(history):
    history.connected(6.5 * YEAR)
    assert "Connected on LinkedIn since May 2019; never messaged." in reasons(history)


@pytest.mark.parametrize(
    ("directions", "wording"),
    [({"me"}, "you follow them"), ({"them"}, "they follow you"), ({"me", "them"}, "you follow each other")],
)
def test_follows_alone_are_one_click_activity(history, directions, wording):
    for direction in sorted(directions):
        history.add("follow", direction, None)
    assert f"Only one-click activity: {wording}, no conversation." in reasons(history)


@pytest.mark.parametrize(
    ("count", "wording"),
    [
        (1, "1 interaction on record, not a conversation."),
        (2, "2 interactions on record, none of them a conversation."),
    ],
)
def test_a_history_without_conversation_or_other_line_counts_its_records(history, count, wording):
    for _ in range(count):
        history.add("comment", "me", 10)  # a public comment of mine, never answered
    assert reasons(history) == ("You've never had a two-way conversation.", wording)


def test_dormant_line_names_the_peak_stage_only_when_it_was_higher(history):
    history.exchange(3 * YEAR, starter="me")
    marked = reasons(history, tags=("close",))  # engaged now, by the tag, and engaged then
    assert "Dormant: no real conversation for 3 years. Reconnect before asking." in marked
    assert reasons(history)[0] == "Dormant: no real conversation for 3 years (was Acquainted). Reconnect before asking."


def test_a_dormant_tie_was_never_merely_aware(history):
    """Issue 17, case 6: "dormant (was Aware)" after a real conversation; Aware means none to show."""
    history.exchange(3 * YEAR, starter="me")
    depth = history.assess().depth
    assert depth.peak_stage == "acquainted"
    assert not any("was Aware" in line for line in depth.reasons)


def test_a_real_conversation_in_the_last_two_years_is_at_least_acquainted(history):
    """Issue 17, case 6: "Aware · 20" beside "1 real conversation in all"."""
    history.connected(600)
    history.exchange(400, starter="them")
    depth = history.assess().depth
    assert (depth.score, depth.stage) == (25, "acquainted")
    assert "1 real conversation in all, by message." in depth.reasons


def test_the_override_line_shows_only_when_the_tag_lifted_the_stage(history):
    history.met(30)
    assert (
        reasons(history, tags=("family",))[0] == "You marked this person as family, so they count as at least Engaged."
    )
    for k in range(20):
        history.exchange(40 + 30 * k, starter="me" if k % 2 else "them", thread=f"c{k}")
    history.met(300)
    assert not any("marked" in line for line in reasons(history, tags=("family",)))


def test_lines_come_pinned_flags_first_then_by_points(history):
    for k in range(9):
        history.call(270 + 35 * k)
    lines = reasons(history)
    assert lines[0] == "You usually talked every ~5 weeks; it's been 9 months."
    assert lines[1:3] == ("9 calls in all.", "Last real conversation 9 months ago (a call, Feb 2025).")


def test_there_are_never_more_than_four_lines(history):
    history.connected(4 * YEAR)
    history.met(3 * YEAR)
    history.add("intro", "them", 2 * YEAR)
    for k in range(6):
        history.exchange(30 + 40 * k, starter="me", thread=f"c{k}")
        history.dm("me", 35 + 40 * k, thread=f"n{k}")
    history.dm("them", 10, thread="z")
    lines = reasons(history, networks=("linkedin", "x"), tags=("close",))
    assert len(lines) == 4
    assert any(line.startswith("Last real conversation") for line in lines)


def test_all_the_starts_on_one_side_say_all(history):
    """Issue 17, case 9: not "You started 6 of your 6 conversations"."""
    for k in range(6):
        history.exchange(20 + 30 * k, starter="me", thread=f"c{k}")
    assert "You started all 6 conversations." in reasons(history)


def test_outreach_never_answered_says_no_reply_not_0_times(history):
    """Issue 17, case 9: not "You reached out once; they replied 0 times"."""
    history.likes("them", [50])
    history.dm("me", 30)
    assert "You reached out once; no reply so far." in reasons(history)


def test_a_silence_under_two_years_is_counted_in_months(history):
    """Issue 17, case 9: "Last real conversation 2 years ago" at 18 months."""
    history.met(18 * 30.44)
    assert "Last real conversation 18 months ago (a meeting, May 2024)." in reasons(history)


def test_known_since_counts_whole_years(history):
    """Issue 17, case 9: "Known since 2021 (6 yrs)" for May 2021, in December 2026."""
    history.now = datetime(2026, 12, 7, 12, tzinfo=UTC)
    history.met((history.now - datetime(2021, 5, 10, 12, tzinfo=UTC)).days)
    history.met(40)
    assert any(line.startswith("Known since 2021 (5 yrs)") for line in reasons(history))


def test_their_answer_to_my_message_is_no_unanswered_line(history):
    """Issue 17, case 7: "you haven't replied" beside their answer to mine."""
    history.dm("me", 20, note="Here are the slides from Tuesday.")
    history.dm("them", 12, note="Thanks, very useful.")
    lines = reasons(history)
    assert not any("you haven't replied" in line for line in lines)
    assert "1 real conversation in all, by message." in lines

"""Open loops (depth-model.md §6): each type opening, not opening and closing; the user's loop state."""

from __future__ import annotations

import pytest

from agent.records import FollowUp


def loops(history, **options):
    return history.assess(**options).open_loops


def types(history, **options) -> list[str]:
    return [loop.type for loop in loops(history, **options)]


# Waiting on them


@pytest.mark.parametrize(("days_ago", "wording"), [(5, "no answer yet"), (20, "haven't heard back")])
def test_my_unanswered_ask_is_waiting_on_them(history, days_ago, wording):
    ask = history.dm("me", days_ago, ask=True)
    [loop] = loops(history)
    assert (loop.type, loop.key, loop.interaction) == ("waiting_on_them", f"waiting_on_them:{ask.id}", ask.id)
    assert wording in loop.text and loop.since == history.date(days_ago)


@pytest.mark.parametrize("days_ago", [1, 95])
def test_an_ask_is_not_shown_before_day_3_or_after_90(history, days_ago):
    history.dm("me", days_ago, ask=True)
    assert loops(history) == ()


def test_a_message_that_is_not_an_ask_waits_on_nobody(history):
    history.dm("me", 10)
    assert loops(history) == ()


def test_their_answer_closes_the_ask(history):
    history.dm("me", 10, ask=True)
    history.dm("them", 8)
    assert "waiting_on_them" not in types(history)


def test_a_call_after_the_ask_closes_it(history):
    history.dm("me", 10, ask=True)
    history.call(6)
    assert types(history) == []


def test_only_the_latest_ask_of_a_conversation_is_open(history):
    history.dm("me", 30, ask=True)
    latest = history.dm("me", 10, ask=True)
    assert [loop.interaction for loop in loops(history)] == [latest.id]


# You owe a reply


def test_their_message_unanswered_for_a_week_is_owed(history):
    first = history.dm("them", 12)
    last = history.dm("them", 8)
    [loop] = loops(history)
    assert (loop.type, loop.interaction, loop.since) == ("you_owe_reply", last.id, history.date(12))
    assert loop.text == "You owe a reply: they messaged you twice; the latest 8 days ago."
    assert first.id != loop.interaction


@pytest.mark.parametrize("days_ago", [5, 120])
def test_a_reply_is_not_owed_before_a_week_or_after_90_days(history, days_ago):
    history.dm("them", days_ago)
    assert loops(history) == ()


def test_my_reply_in_the_thread_closes_what_i_owed(history):
    history.dm("them", 20)
    history.dm("me", 15)
    assert loops(history) == ()


def test_a_logged_reply_without_thread_closes_what_i_owed(history):
    history.email("them", 20)
    history.email("me", 19)
    assert loops(history) == ()


def test_their_answer_to_my_message_is_not_a_debt(history):
    """Issue 17, case 7: a thread that ends with their message is not "you owe a reply" when it answered mine."""
    history.dm("me", 20, note="Here are the slides from Tuesday.")
    history.dm("them", 12, note="Thanks, very useful.")
    assert loops(history) == ()


@pytest.mark.parametrize("fields", [{"note": "Thanks! Could you send the recording too?"}, {"ask": True}])
def test_their_answer_that_asks_something_is_owed(history, fields):
    history.dm("me", 20, note="Here are the slides from Tuesday.")
    history.dm("them", 12, **fields)
    [loop] = loops(history)
    assert loop.type == "you_owe_reply"


def test_their_message_that_opens_a_conversation_is_owed(history):
    history.exchange(200, thread="old")
    history.dm("them", 12, thread="new", note="Congrats on the new role.")
    [loop] = loops(history)
    assert loop.type == "you_owe_reply"


# Promised follow-up


def test_a_promise_is_due_a_week_after_it_was_made(history):
    history.call(4, follow_up=FollowUp("I'll send the deck", None))
    [loop] = loops(history)
    assert (loop.type, loop.due, loop.overdue) == ("promised_follow_up", history.date(-3), False)
    assert loop.text == "Promised: I'll send the deck (due in 3 days)."


def test_a_promise_past_its_due_date_is_overdue(history):
    history.call(30, follow_up=FollowUp("they'll intro me to Dana", history.date(2)))
    [loop] = loops(history)
    assert loop.overdue and loop.text == "Promised: they'll intro me to Dana (overdue by 2 days)."


@pytest.mark.parametrize(
    ("due_days_ago", "phrase"),
    [(1, "overdue by 1 day"), (13, "overdue by 13 days"), (21, "overdue by 3 weeks"), (2093, "overdue by 6 years")],
)
def test_how_long_a_promise_is_overdue_reads_in_the_largest_natural_unit(history, due_days_ago, phrase):
    history.call(2200, follow_up=FollowUp("send deck", history.date(due_days_ago)))
    [loop] = loops(history)
    assert loop.text == f"Promised: send deck ({phrase})."


@pytest.mark.parametrize(("due_in", "phrase"), [(-1, "tomorrow"), (-13, "in 13 days"), (-35, "in 5 weeks")])
def test_a_promise_due_far_ahead_reads_in_weeks_or_months(history, due_in, phrase):
    history.call(1, follow_up=FollowUp("send deck", history.date(due_in)))
    [loop] = loops(history)
    assert loop.text == f"Promised: send deck (due {phrase})."


def test_a_promise_marked_done_is_closed(history):
    history.call(30, follow_up=FollowUp("send deck", None, done=True))
    assert loops(history) == ()


def test_a_promise_with_an_unreadable_due_date_falls_back_to_a_week(history):
    history.call(2, follow_up=FollowUp("send deck", "next tuesday"))
    assert loops(history)[0].due == history.date(-5)


# Unreturned favour


def test_a_favour_unreturned_for_180_days_is_a_soft_loop(history):
    favour = history.add("intro", "them", 200)
    [loop] = loops(history)
    assert (loop.type, loop.interaction) == ("unreturned_favour", favour.id)
    assert loop.text.startswith("They introduced you to someone")


def test_a_recent_favour_is_not_yet_a_loop(history):
    history.add("help", "them", 100)
    assert loops(history) == ()


def test_help_given_after_the_favour_closes_it(history):
    history.add("help", "them", 300)
    history.add("recommendation", "me", 10)
    assert loops(history) == ()


def test_help_given_before_the_favour_does_not_close_it(history):
    history.add("help", "me", 400)
    history.add("help", "them", 300)
    assert types(history) == ["unreturned_favour"]


# Pending request


def test_my_connection_request_unaccepted_after_21_days_is_pending(history):
    request = history.add("connection_request", "me", 30)
    [loop] = loops(history)
    assert (loop.type, loop.key) == ("pending_request", f"pending_request:{request.id}")


def test_a_connection_request_is_not_pending_before_21_days(history):
    history.add("connection_request", "me", 10)
    assert loops(history) == ()


@pytest.mark.parametrize("accepted_days_ago", [20, None])
def test_an_accepted_request_is_closed(history, accepted_days_ago):
    history.add("connection_request", "me", 30)
    history.connected(accepted_days_ago)
    assert loops(history) == ()


def test_a_connection_dated_before_my_request_closes_it(history):
    """QA 17: an export listed them in Connections.csv (Sep 2024) and my invitation in Invitations.csv (Nov 2024);
    the review said the request "hasn't been accepted" about someone I am connected to."""
    history.add("connection_request", "me", 760, source="import:linkedin", source_id="li:inv:1")
    history.add("connection_accepted", "unknown", 805, network="linkedin", source="import:linkedin", source_id="c1")
    assert loops(history) == ()


@pytest.mark.parametrize("two_way", ["met", "call", "exchange"])
def test_anything_two_way_after_the_request_closes_it(history, two_way):
    history.add("connection_request", "me", 60)
    getattr(history, two_way)(30)
    assert loops(history) == ()


def test_a_two_way_interaction_before_the_request_leaves_it_pending(history):
    history.met(90)
    history.add("connection_request", "me", 60)
    assert types(history) == ["pending_request"]


# The user's loop state


@pytest.mark.parametrize("state", [{"state": "done"}, {"state": "dismissed", "until": None}])
def test_done_or_dismissed_loops_are_hidden(history, state):
    ask = history.dm("me", 10, ask=True)
    assert loops(history, loop_state={f"waiting_on_them:{ask.id}": state}) == ()


def test_a_snoozed_loop_is_hidden_until_its_date(history):
    ask = history.dm("me", 10, ask=True)
    key = f"waiting_on_them:{ask.id}"
    assert loops(history, loop_state={key: {"state": "snoozed", "until": history.date(-1)}}) == ()
    assert len(loops(history, loop_state={key: {"state": "snoozed", "until": history.date(0)}})) == 1


@pytest.mark.parametrize(
    "state", [{"state": "snoozed"}, {"state": "bogus"}, {"state": ["done"]}, "done", None, {"until": 5}]
)
def test_unusable_loop_state_leaves_the_loop_open(history, state):
    ask = history.dm("me", 10, ask=True)
    assert len(loops(history, loop_state={f"waiting_on_them:{ask.id}": state})) == 1


def test_a_new_message_opens_a_new_loop_after_a_dismissal(history):
    old = history.dm("them", 20)
    history.dm("them", 9)
    assert len(loops(history, loop_state={f"you_owe_reply:{old.id}": {"state": "dismissed"}})) == 1


def test_loops_come_most_urgent_first(history):
    history.add("help", "them", 400)
    history.add("connection_request", "me", 45)  # after the calls: a call after it would close it
    history.dm("me", 20, ask=True, thread="mine")
    history.call(50, follow_up=FollowUp("send notes", history.date(-5)))
    history.dm("them", 10, thread="theirs")
    history.call(60, follow_up=FollowUp("call back", history.date(1)))
    assert types(history) == [
        "promised_follow_up",
        "you_owe_reply",
        "promised_follow_up",
        "waiting_on_them",
        "pending_request",
        "unreturned_favour",
    ]
    assert [loop.overdue for loop in loops(history)][:3] == [True, False, False]

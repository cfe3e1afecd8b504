"""The relationship review: each item type appears when it should and not otherwise; ordering; actions persist."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agent.records import FollowUp
from agent.service.errors import Missing
from agent.service.interactions import LogRequest, log
from agent.service.review import ReviewCache, act, review
from agent.store.store import Store
from tests.support.review_reads import rescored_names

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def ago(days: float) -> str:
    return (NOW - timedelta(days=days)).isoformat(timespec="seconds")


def add(store: Store, handle: str, kind: str, direction: str, days: float, **extra) -> None:
    store.write(
        lambda s: log(s, LogRequest(kind=kind, direction=direction, at=ago(days), network="x", handle=handle, **extra))
    )


def types_for(store: Store, handle: str) -> set[str]:
    items = review(store, ReviewCache(), NOW, as_of=True)
    return {i["type"] for i in items if i["person"]["name"] == f"@{handle}"}


def test_owed_reply_appears(store: Store) -> None:
    add(store, "ada", "dm", "them", 9)
    assert "you_owe_reply" in types_for(store, "ada")


def test_owed_reply_disappears_once_i_reply(store: Store) -> None:
    add(store, "ada", "dm", "them", 9)
    add(store, "ada", "dm", "me", 8)
    assert "you_owe_reply" not in types_for(store, "ada")


def test_overdue_promise_appears(store: Store) -> None:
    add(
        store,
        "grace",
        "email",
        "me",
        20,
        follow_up=FollowUp("send the deck", (NOW - timedelta(days=3)).date().isoformat()),
    )
    assert "promised_follow_up" in types_for(store, "grace")


def test_done_promise_does_not_appear(store: Store) -> None:
    add(store, "grace", "email", "me", 20, follow_up=FollowUp("send the deck", "2026-11-01", done=True))
    assert "promised_follow_up" not in types_for(store, "grace")


def test_pending_connection_request_appears_after_three_weeks(store: Store) -> None:
    add(store, "linus", "connection_request", "me", 30)
    assert "pending_request" in types_for(store, "linus")


def test_fresh_connection_request_is_not_pending_yet(store: Store) -> None:
    add(store, "linus", "connection_request", "me", 3)
    assert "pending_request" not in types_for(store, "linus")


def test_someone_with_only_a_like_has_no_items(store: Store) -> None:
    add(store, "quiet", "like", "me", 3)
    assert types_for(store, "quiet") == set()


def test_a_promise_made_on_a_one_click_event_still_appears(store: Store) -> None:
    add(store, "liker", "like", "me", 3, follow_up=FollowUp("send the article", NOW.date().isoformat()))
    assert types_for(store, "liker") == {"promised_follow_up"}


def test_my_unanswered_ask_appears_as_waiting_on_them(store: Store) -> None:
    add(store, "ask", "dm", "me", 5, ask=True)
    assert types_for(store, "ask") == {"waiting_on_them"}


@pytest.mark.parametrize(
    ("days", "answered", "ask"),
    [(2, False, True), (91, False, True), (10, True, True), (10, False, False)],
    ids=["too_fresh", "archived", "answered", "not_an_ask"],
)
def test_waiting_on_them_does_not_appear_otherwise(store: Store, days: float, answered: bool, ask: bool) -> None:
    add(store, "ask", "dm", "me", days, ask=ask)
    if answered:
        add(store, "ask", "dm", "them", days - 1)
    assert "waiting_on_them" not in types_for(store, "ask")


def test_a_favour_unreturned_for_six_months_appears(store: Store) -> None:
    add(store, "kind", "intro", "them", 200)
    assert types_for(store, "kind") == {"unreturned_favour"}


@pytest.mark.parametrize(("returned", "days"), [(False, 100), (True, 200)], ids=["recent", "returned"])
def test_an_unreturned_favour_does_not_appear_otherwise(store: Store, returned: bool, days: float) -> None:
    add(store, "kind", "intro", "them", days)
    if returned:
        add(store, "kind", "help", "me", days - 30)
    assert "unreturned_favour" not in types_for(store, "kind")


def test_a_tie_past_eight_of_its_usual_gaps_appears_as_lapsing(store: Store) -> None:
    for k in range(9):  # worked example 8: monthly calls, the last 290 days ago
        add(store, "gone", "call", "both", 290 + 35 * k)
    assert types_for(store, "gone") == {"lapsing"}


def test_a_dormant_tie_appears_only_if_it_was_once_engaged_or_trusted(store: Store) -> None:
    add(store, "brief", "dm", "me", 3 * 365)  # one exchange three years ago: dormant, but was never more than aware
    add(store, "brief", "dm", "them", 3 * 365 - 1)
    assert types_for(store, "brief") == set()


def test_cooling_tie_appears(store: Store) -> None:
    # worked example 8: a call about every 35 days for 10 months with emails both ways; last call 270 days ago
    for n in range(9):
        day = 270 + 35 * (8 - n)
        add(store, "cool", "call", "both", day)
        add(store, "cool", "email", "me", day - 2, thread=f"t{n}")
        add(store, "cool", "email", "them", day - 1, thread=f"t{n}")
    assert "cooling" in types_for(store, "cool") or "lapsing" in types_for(store, "cool")


def test_a_tie_going_cold_is_dated_from_the_last_real_conversation_not_a_later_like(store: Store) -> None:
    for k in range(9):  # worked example 8 (engaged: monthly calls and emails both ways), three years ago
        first, second = ("them", "me") if k % 2 == 0 else ("me", "them")
        add(store, "old", "email", first, 1100 + 35 * k + 3)
        add(store, "old", "email", second, 1100 + 35 * k + 2)
        add(store, "old", "call", "both", 1100 + 35 * k)
    add(store, "old", "like", "them", 20)  # a like since is no conversation
    [item] = [i for i in review(store, ReviewCache(), NOW) if i["person"]["name"] == "@old"]
    assert item["type"] == "dormant"
    assert item["since"] == (NOW - timedelta(days=1100)).date().isoformat()
    assert item["text"].startswith("Dormant: no real conversation for 3 years")


def test_items_are_ordered_by_urgency(store: Store) -> None:
    add(store, "req", "connection_request", "me", 30)
    add(store, "owed", "dm", "them", 9)
    items = review(store, ReviewCache(), NOW, as_of=True)
    order = [i["type"] for i in items]
    assert order.index("you_owe_reply") < order.index("pending_request")


def test_done_snooze_and_dismiss_persist_across_restarts(data_dir: Path) -> None:
    store = Store.open(data_dir)
    add(store, "ada", "dm", "them", 9)
    add(store, "bob", "dm", "them", 9)
    add(store, "cy", "dm", "them", 9)
    items = {i["person"]["name"]: i for i in review(store, ReviewCache(), NOW, as_of=True)}
    for name, action in (("@ada", "done"), ("@bob", "snooze"), ("@cy", "dismiss")):
        item = items[name]
        store.write(lambda s, item=item, action=action: act(s, item["person"]["id"], item["key"], action, NOW))
    store.close()
    again = Store.open(data_dir)
    assert review(again, ReviewCache(), NOW, as_of=True) == []
    later = review(again, ReviewCache(), NOW + timedelta(days=8), as_of=True)
    assert [i["person"]["name"] for i in later if i["type"] == "you_owe_reply"] == ["@bob"]
    again.close()


@pytest.mark.parametrize("action", ["done", "dismiss"])
def test_a_snoozed_item_can_be_closed_by_its_key_alone(store: Store, action: str) -> None:
    add(store, "ada", "dm", "them", 9)
    add(store, "bob", "dm", "them", 9)  # a cold tie's key ends in a person id, a loop's in an interaction id
    item = next(i for i in review(store, ReviewCache(), NOW, as_of=True) if i["person"]["name"] == "@ada")
    store.write(lambda s: act(s, item["person"]["id"], item["key"], "snooze", NOW))
    store.write(lambda s: act(s, None, item["key"], action, NOW))
    later = review(store, ReviewCache(), NOW + timedelta(days=8), as_of=True)
    assert [i["person"]["name"] for i in later if i["type"] == "you_owe_reply"] == ["@bob"]


def test_only_a_snoozed_item_can_be_closed_without_its_person(store: Store) -> None:
    add(store, "ada", "dm", "them", 9)
    item = review(store, ReviewCache(), NOW, as_of=True)[0]
    with pytest.raises(Missing, match="No snoozed review item has the key"):
        store.write(lambda s: act(s, None, item["key"], "done", NOW))
    with pytest.raises(Missing):
        store.write(lambda s: act(s, None, "you_owe_reply:i_nope", "done", NOW))
    assert [i["key"] for i in review(store, ReviewCache(), NOW, as_of=True)] == [item["key"]]


def test_unchanged_people_are_not_rescored(store: Store, monkeypatch) -> None:
    from agent.service import views

    for n in range(5):
        add(store, f"p{n}", "dm", "them", 9)
    cache = ReviewCache()
    review(store, cache, NOW, as_of=True)
    calls: list[str] = []
    real = views.outlook_person
    monkeypatch.setattr(views, "outlook_person", lambda *a, **k: calls.append("x") or real(*a, **k))
    add(store, "p0", "dm", "me", 1)
    review(store, cache, NOW, as_of=True)
    assert len(calls) == 1


def test_people_with_only_one_click_history_are_not_scored(store: Store, monkeypatch) -> None:
    from agent.service import views

    add(store, "liker", "like", "me", 3)
    add(store, "conn", "connection_accepted", "unknown", 300)
    add(store, "owed", "dm", "them", 9)
    calls: list[str] = []
    real = views.outlook_person
    monkeypatch.setattr(views, "outlook_person", lambda *a, **k: calls.append("x") or real(*a, **k))
    items = review(store, ReviewCache(), NOW, as_of=True)
    assert len(calls) == 1 and [i["type"] for i in items] == ["you_owe_reply"]


def test_on_a_new_day_the_items_of_an_unchanged_person_are_those_of_the_new_date(store: Store) -> None:
    add(store, "ada", "dm", "them", 9)
    add(store, "req", "connection_request", "me", 15)
    cache = ReviewCache()
    today = review(store, cache, NOW)
    assert [(i["type"], i["text"]) for i in today] == [
        ("you_owe_reply", "You owe a reply: they messaged you once, 9 days ago.")
    ]
    later = NOW + timedelta(days=10)
    tomorrow = review(store, cache, later)
    assert tomorrow == review(store, ReviewCache(), later)
    assert {i["type"]: i["text"] for i in tomorrow}["you_owe_reply"].endswith("once, 3 weeks ago.")
    assert {i["type"] for i in tomorrow} == {"you_owe_reply", "pending_request"}


def test_after_a_log_only_that_person_is_rescored_and_from_their_new_history(store: Store, monkeypatch) -> None:
    add(store, "ada", "dm", "them", 9)
    add(store, "bob", "dm", "them", 9)
    cache = ReviewCache()
    assert len(review(store, cache, NOW)) == 2
    add(store, "ada", "dm", "me", 1)
    scored = rescored_names(store, monkeypatch)
    items = review(store, cache, NOW)
    assert scored == ["@ada"]
    assert [i["person"]["name"] for i in items] == ["@bob"]
    assert items == review(store, ReviewCache(), NOW)


def test_a_new_day_rescores_only_people_with_items_or_past_their_horizon(store: Store, monkeypatch) -> None:
    add(store, "ada", "dm", "them", 9)  # a reply owed: rescored every day
    add(store, "req", "connection_request", "me", 15)  # pending from day 21: six days from now
    add(store, "quiet", "in_person", "both", 400)  # one meeting long ago: no rhythm, no engaged peak, ever
    cache = ReviewCache()
    review(store, cache, NOW)
    scored = rescored_names(store, monkeypatch)
    for days in (1, 5, 7):
        scored.clear()
        later = NOW + timedelta(days=days)
        items = review(store, cache, later)
        assert scored == (["@ada"] if days < 6 else ["@ada", "@req"])
        assert items == review(store, ReviewCache(), later)


def test_people_whose_horizon_rules_out_an_item_today_are_never_scored(store: Store, monkeypatch) -> None:
    from agent.service import views

    add(store, "ada", "dm", "them", 9)  # a reply owed today
    add(store, "quiet", "in_person", "both", 400)  # one meeting long ago: no item today or ever
    add(store, "req", "connection_request", "me", 15)  # pending only from day 21
    scored: list[str] = []
    real = views.review_outlook_person

    def spy(history, person, now):
        result, horizon = real(history, person, now)
        if result is not None:
            scored.append(person.name)
        return result, horizon

    monkeypatch.setattr(views, "review_outlook_person", spy)
    items = review(store, ReviewCache(), NOW)
    assert scored == ["@ada"]
    assert [i["type"] for i in items] == ["you_owe_reply"]


def test_people_with_items_yesterday_are_scored_first_and_still_get_a_horizon_when_theirs_are_gone(
    store: Store, monkeypatch
) -> None:
    add(store, "ada", "dm", "them", 9)
    cache = ReviewCache()
    assert [i["type"] for i in review(store, cache, NOW)] == ["you_owe_reply"]
    add(store, "ada", "dm", "me", 1)  # answered: no item from now on
    later = NOW + timedelta(days=1)
    assert review(store, cache, later) == []
    scored = rescored_names(store, monkeypatch)
    assert review(store, cache, later + timedelta(days=1)) == []
    assert scored == []  # the day after, her horizon keeps her entry


def test_a_dormant_tie_not_worth_reviving_is_not_scored_again_the_next_day(store: Store, monkeypatch) -> None:
    for side, days, thread in (("me", 1000, "t1"), ("them", 999, "t1"), ("me", 900, "t2"), ("them", 899, "t2")):
        add(store, "old", "dm", side, days, thread=thread)  # two short exchanges long ago: an acquainted peak
    cache = ReviewCache()
    assert review(store, cache, NOW) == []
    scored = rescored_names(store, monkeypatch)
    assert review(store, cache, NOW + timedelta(days=1)) == []
    assert scored == []

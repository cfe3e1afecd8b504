"""Shallow-outreach warnings W1–W7 (depth-model.md §7): each firing and not firing, per intent."""

from __future__ import annotations

import pytest

INTENTS = (None, "connect", "message", "follow", "ask")
YEAR = 365.25


def warned(history, intent=None) -> dict[str, str]:
    return {w.id: w.text for w in history.assess(intent=intent).warnings}


def intents_warning(history, warning_id: str) -> set[str | None]:
    return {intent for intent in INTENTS if warning_id in warned(history, intent)}


# W1 cold pitch


def test_an_ask_as_first_contact_is_a_cold_pitch(history):
    assert warned(history, "ask")["cold_pitch"].startswith("This would be your first real contact, and it's an ask.")


def test_an_ask_after_earlier_messages_is_not_a_cold_pitch(history):
    history.dm("me", 30)
    assert "cold_pitch" not in warned(history, "ask")


def test_an_ask_after_a_real_conversation_is_not_a_cold_pitch(history):
    history.met(30)
    assert "cold_pitch" not in warned(history, "ask")


def test_a_logged_first_message_that_asks_is_a_cold_pitch(history):
    history.dm("me", 10, ask=True)
    assert intents_warning(history, "cold_pitch") == {None}
    assert "Your first contact was an ask (your first message)" in warned(history)["cold_pitch"]


def test_a_logged_first_message_that_does_not_ask_is_no_cold_pitch(history):
    history.dm("me", 10)
    history.dm("me", 5, ask=True)
    assert "cold_pitch" not in warned(history)


def test_a_cold_pitch_that_got_an_answer_is_no_longer_flagged(history):
    history.dm("me", 10, ask=True)
    history.dm("them", 9)
    assert "cold_pitch" not in warned(history)


# W2 bare request


def test_connecting_with_no_history_is_a_bare_request(history):
    assert intents_warning(history, "bare_request") == {"connect"}
    assert warned(history, "connect")["bare_request"].startswith("You've never interacted. Add a note")


def test_connecting_after_only_likes_is_a_bare_request_that_counts_them(history):
    history.likes("me", [3, 4, 5])
    assert "beyond 3 one-click actions" in warned(history, "connect")["bare_request"]


@pytest.mark.parametrize("kind", ["dm", "comment", "in_person"])
def test_connecting_after_a_real_interaction_is_not_bare(history, kind):
    history.add(kind, "them", 30)
    assert "bare_request" not in warned(history, "connect")


def test_connecting_when_already_connected_is_not_bare(history):
    history.connected(100)
    assert "bare_request" not in warned(history, "connect")


# W3 ask exceeds depth


def test_any_ask_at_aware_is_too_big(history):
    history.add("follow", "them", None)
    assert warned(history, "ask")["ask_exceeds_depth"] == (
        "That's a big ask for an Aware tie: you've never had a two-way conversation."
    )


def test_an_ask_at_acquainted_warns_about_intros_referrals_and_jobs(history):
    history.met(40)
    text = warned(history, "ask")["ask_exceeds_depth"]
    assert text.startswith("An intro, referral or job ask is big for an Acquainted tie (1 real conversation, ")


def test_an_ask_at_engaged_is_fine(history):
    history.met(40)
    ids = {w.id for w in history.assess(intent="ask", tags=("close",)).warnings}
    assert history.assess(tags=("close",)).depth.stage == "engaged"
    assert "ask_exceeds_depth" not in ids


def test_depth_warnings_only_come_with_an_ask(history):
    assert intents_warning(history, "ask_exceeds_depth") == {"ask"}


# W4 pile-on


def test_two_unanswered_messages_are_a_pile_on(history):
    history.dm("them", 30)
    history.dm("me", 20)
    history.dm("me", 10)
    assert warned(history)["pile_on"] == "2 messages without a reply. Wait, or add value rather than a 3rd nudge."
    assert intents_warning(history, "pile_on") == {None, "message", "ask"}


def test_one_unanswered_message_is_no_pile_on(history):
    history.dm("them", 30)
    history.dm("me", 10)
    assert "pile_on" not in warned(history)


def test_their_reply_resets_the_pile_on_count(history):
    history.dm("me", 30)
    history.dm("me", 20)
    history.add("comment", "them", 15)
    history.dm("me", 10)
    assert "pile_on" not in warned(history)


def test_a_like_from_them_is_not_a_reply(history):
    history.dm("me", 30)
    history.add("like", "them", 25)
    history.dm("me", 10)
    assert "pile_on" in warned(history)


# W5 lopsided


def test_starting_every_conversation_is_lopsided(history):
    for k in range(4):
        history.exchange(20 + 30 * k, starter="me")
    assert warned(history)["lopsided"] == "You've started all 4 conversations."
    assert intents_warning(history, "lopsided") == {None, "message", "ask"}


@pytest.mark.parametrize(("mine", "theirs"), [(3, 0), (4, 1)])
def test_lopsided_needs_four_starts_and_a_balance_under_a_quarter(history, mine, theirs):
    starters = ["me"] * mine + ["them"] * theirs
    for k, starter in enumerate(starters):
        history.exchange(20 + 30 * k, starter=starter)
    assert "lopsided" not in warned(history)


# W6 dormant ask


def test_asking_a_dormant_tie_warns_to_reconnect_first(history):
    history.met(3 * YEAR)
    assert warned(history, "ask")["dormant_ask"] == (
        "Last real conversation was 3 years ago. Old ties are worth reviving, but reconnect first."
    )
    assert intents_warning(history, "dormant_ask") == {"ask"}


def test_asking_a_recent_tie_is_not_a_dormant_ask(history):
    history.met(1.5 * YEAR)
    assert "dormant_ask" not in warned(history, "ask")


# W7 like-bombing


def test_ten_likes_in_a_month_without_conversation_is_like_bombing(history):
    history.likes("me", list(range(1, 11)))
    assert warned(history)["like_bombing"].startswith("10 one-click actions in the last 30 days and no conversation.")
    assert intents_warning(history, "like_bombing") == {None, "follow"}


def test_nine_likes_in_a_month_is_not_like_bombing(history):
    history.likes("me", [*range(1, 10), 40, 50])
    assert "like_bombing" not in warned(history)


def test_likes_alongside_a_real_conversation_are_not_like_bombing(history):
    history.likes("me", list(range(1, 15)))
    history.met(200)
    assert "like_bombing" not in warned(history)


def test_an_unknown_intent_is_refused_with_the_valid_ones(history):
    with pytest.raises(ValueError, match="unknown intent 'pitch': use one of connect, message, follow, ask, or None"):
        history.assess(intent="pitch")


@pytest.mark.parametrize("tag", ["close", "family", "colleague", "Close"])
def test_a_tie_the_user_marked_gets_no_first_contact_warnings(history, tag):
    """Issue 17, case 8: tags speak for history Fathom never saw (the roommate of ten years, first logged today)."""
    for k in range(12):
        history.add("like", "me", 1 + k)
    history.dm("me", 0.5, ask=True)
    for intent in (None, "ask", "connect", "follow"):
        ids = {w.id for w in history.assess(tags=(tag,), intent=intent).warnings}
        assert not ids & {"cold_pitch", "bare_request", "like_bombing"}, intent
    untagged = {w.id for intent in (None, "follow") for w in history.assess(intent=intent).warnings}
    assert {"cold_pitch", "like_bombing"} <= untagged


def test_a_connection_request_to_a_marked_person_is_not_bare(history):
    assert not history.assess(tags=("family",), intent="connect").warnings
    assert [w.id for w in history.assess(intent="connect").warnings] == ["bare_request"]

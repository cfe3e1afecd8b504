"""The ten worked examples of depth-model.md §8, as acceptance tests.

A case passes when stage and flags match exactly and the score is within ±5 of the spec's number. "Today"
is the fixture's TODAY (2025-11-15); each history below is the example's story, dated back from it.
"""

from __future__ import annotations

import pytest

TOLERANCE = 5
YEAR = 365.25


def assert_depth(result, stage: str, score: int, flags: tuple[str, ...] = (), peak: str | None = None) -> None:
    depth = result.depth
    assert depth.stage == stage
    assert depth.flags == flags
    assert abs(depth.score - score) <= TOLERANCE, f"score {depth.score}, spec {score}"
    assert depth.peak_stage == peak


def has_line(result, text: str) -> bool:
    return any(text.lower() in line.lower() for line in result.depth.reasons)


def warning_ids(result) -> set[str]:
    return {w.id for w in result.warnings}


def one_click_fan(history, *, they_follow_back: bool):
    """#1: 26 likes of their posts in 6 months (11 in the last 30 days), and I follow them."""
    history.likes("me", [1, 3, 5, 8, 10, 13, 16, 19, 22, 25, 28])
    history.likes("me", [35 + 10 * k for k in range(15)])
    history.add("follow", "me", None, network="x")
    if they_follow_back:
        history.add("follow", "them", None, network="x")
        history.likes("them", [2 + 14 * k for k in range(12)])
    return history


def test_example_1a_one_sided_likes_are_stranger_6(history):
    result = one_click_fan(history, they_follow_back=False).assess()
    assert_depth(result, "stranger", 6)
    assert has_line(result, "Only one-click activity: 26 likes, no conversation.")
    assert "like_bombing" in warning_ids(result)
    assert "cold_pitch" in warning_ids(history.assess(intent="ask"))


def test_example_1b_likes_returned_are_aware_10(history):
    result = one_click_fan(history, they_follow_back=True).assess()
    assert_depth(result, "aware", 10)
    assert has_line(result, "Only one-click activity: 26 likes")
    assert "cold_pitch" in warning_ids(history.assess(intent="ask"))


def test_example_2_one_coffee_five_years_ago_is_dormant_aware(history):
    history.met(5 * YEAR)
    history.connected(5 * YEAR)
    result = history.assess()
    assert_depth(result, "aware", 10, ("dormant",), peak="acquainted")
    assert has_line(result, "You met in person once (2020).")
    assert has_line(result, "Dormant: no real conversation for 5 years")
    assert "dormant_ask" in warning_ids(history.assess(intent="ask"))


def test_example_3_seven_unanswered_dms_are_aware_14(history):
    history.connected(130)
    for days_ago in (120, 102, 84, 66, 48, 30, 12):
        history.dm("me", days_ago, ask=days_ago in (102, 66, 30, 12))
    result = history.assess()
    assert_depth(result, "aware", 14)
    assert has_line(result, "You reached out 7 times; no reply so far.")
    [loop] = result.open_loops
    assert loop.type == "waiting_on_them" and "12 days" in loop.text
    assert {"pile_on", "lopsided"} <= warning_ids(result)
    assert {"ask_exceeds_depth", "pile_on", "lopsided"} <= warning_ids(history.assess(intent="ask"))


def test_example_4_their_unanswered_dms_are_aware_10(history):
    for days_ago in (40, 25, 9):
        history.dm("them", days_ago)
    result = history.assess()
    assert_depth(result, "aware", 10)
    assert has_line(result, "They messaged you 3 times; you haven't replied.")
    assert [loop.type for loop in result.open_loops] == ["you_owe_reply"]


def test_example_5_pitch_in_a_connection_note_is_stranger_2(history):
    history.add("connection_request", "me", 25, note="We cut cloud bills by 30%. Worth a quick call?", ask=True)
    result = history.assess()
    assert_depth(result, "stranger", 2)
    assert has_line(result, "You've never had a two-way conversation.")
    assert "cold_pitch" in warning_ids(result)
    assert [loop.type for loop in result.open_loops] == ["pending_request"]


def test_example_6_one_meeting_and_an_email_exchange_is_acquainted_38(history):
    history.met(7)
    history.connected(7)
    history.email("them", 5)
    history.email("me", 4, follow_up="send deck")
    result = history.assess(networks=("linkedin",))
    assert_depth(result, "acquainted", 38)
    assert has_line(result, "met in person once (last week)")
    [loop] = result.open_loops
    assert loop.type == "promised_follow_up"
    assert "send deck" in loop.text and "due in 3 days" in loop.text
    assert loop.due == history.date(-3) and not loop.overdue


def linkedin_side(history) -> None:
    """#7 on LinkedIn: connected 4 years ago, one 6-message thread 2.2 years ago."""
    history.connected(4 * YEAR)
    for k in range(6):
        history.dm("me" if k % 2 == 0 else "them", 2.2 * YEAR - k * 0.3, thread="li-1", network="linkedin")


def x_side(history) -> None:
    """#7 on X: mutual follow, 12 public replies from me over 10 months, DMs 80 and 70 days ago, a video call."""
    history.add("follow", "me", None, network="x")
    history.add("follow", "them", None, network="x")
    for k in range(12):
        history.add("comment", "me", 300 - 25 * k, network="x")
    history.exchange(80, starter="me", thread="x-1")
    history.exchange(70, starter="them", thread="x-1")
    history.call(60, network="x")


def test_example_7_linkedin_alone_is_dormant_aware(history):
    linkedin_side(history)
    assert_depth(history.assess(networks=("linkedin",)), "aware", 16, ("dormant",), peak="acquainted")


def test_example_7_x_alone_is_engaged_63(history):
    x_side(history)
    result = history.assess(networks=("x",))
    assert_depth(result, "engaged", 63)
    assert has_line(result, "Last real conversation 2 months ago (a call, Sep 2025).")


def test_example_7_merged_is_engaged_69_not_trusted(history):
    linkedin_side(history)
    x_side(history)
    result = history.assess(networks=("linkedin", "x"))
    assert_depth(result, "engaged", 69)
    assert has_line(result, "History combined from LinkedIn + X")
    assert has_line(result, "Last real conversation 2 months ago (a call, Sep 2025).")
    assert has_line(result, "Known since 2023")


def test_example_8_monthly_calls_gone_quiet_are_cooling_engaged(history):
    for k in range(9):
        days_ago = 270 + 35 * k
        first, second = ("them", "me") if k % 2 == 0 else ("me", "them")
        history.email(first, days_ago + 3)
        history.email(second, days_ago + 2)
        history.call(days_ago)
    result = history.assess()
    assert_depth(result, "engaged", 69, ("cooling",))
    assert has_line(result, "Last real conversation 9 months ago (a call, Feb 2025).")
    assert has_line(result, "You usually talked every ~5 weeks")


def test_example_8_turns_lapsing_after_8_usual_gaps(history):
    for k in range(9):
        history.call(290 + 35 * k)
    assert history.assess().depth.flags == ("lapsing",)


def colleagues(history, ended_days_ago: float = 0):
    """#9: three years as colleagues; #10 is the same story ending ``ended_days_ago`` earlier."""
    shift = ended_days_ago
    for days_ago in (1095, 900, 700, 500, 250, 21):
        history.met(days_ago + shift)
    for days_ago in (1000, 600, 150):
        history.call(days_ago + shift)
    for k, days_ago in enumerate((1050, 950, 850, 750, 650, 550, 450, 350, 200, 100)):
        history.exchange(days_ago + shift, starter="them" if k % 5 in (0, 1, 3) else "me", kind="email")
    history.email("them", 98 + shift)
    history.add("intro", "them", 395 + shift)
    history.add("recommendation", "me", 213 + shift)
    history.items.sort(key=lambda record: record.at)
    return history


def test_example_9_three_years_as_colleagues_is_trusted_94(history):
    result = colleagues(history).assess()
    assert_depth(result, "trusted", 94)
    assert has_line(result, "Last real conversation 3 weeks ago (a meeting).")
    assert has_line(result, "You've met in person 6× and had 3 calls.")
    assert has_line(result, "Help both ways: an intro from them and a recommendation from you.")
    assert has_line(result, "(3 yrs)")


def test_example_9_colleague_tag_changes_nothing_when_already_trusted(history):
    plain = colleagues(history).assess()
    tagged = history.assess(tags=("colleague",))
    assert (tagged.depth.score, tagged.depth.reasons) == (plain.depth.score, plain.depth.reasons)


def test_example_10_same_story_ended_five_years_ago_is_dormant_acquainted(history):
    result = colleagues(history, ended_days_ago=5 * YEAR).assess()
    assert_depth(result, "acquainted", 44, ("dormant",), peak="trusted")
    assert result.depth.reasons[0] == (
        "Dormant: no real conversation for 5 years (was Trusted). Reconnect before asking."
    )
    assert "dormant_ask" in warning_ids(history.assess(intent="ask"))


@pytest.mark.parametrize("example", [one_click_fan, colleagues], ids=["fan", "colleagues"])
def test_examples_give_two_to_four_reasons(history, example):
    kwargs = {"they_follow_back": True} if example is one_click_fan else {}
    reasons = example(history, **kwargs).assess().depth.reasons
    assert 2 <= len(reasons) <= 4

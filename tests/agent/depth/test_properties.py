"""Properties that hold for any history, including malformed records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.days import UNDATED, parse_day
from agent.depth import STAGES, assess
from agent.depth.timeline import now_day
from agent.kinds import DIRECTIONS, KIND_BY_ID
from agent.records import FollowUp, Interaction

from .conftest import TODAY

EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)
BAND_FLOORS = dict(zip(STAGES, (0, 10, 25, 45, 70), strict=True))
SHALLOW = ("stranger", "aware")


@st.composite
def moments(draw, *, past_only: bool = False) -> str | None:
    """An ``at`` value: ISO date or datetime relative to TODAY, sometimes missing or garbage."""
    days_ago = draw(st.floats(min_value=0 if past_only else -3, max_value=8 * 365, allow_nan=False))
    moment = TODAY - timedelta(days=days_ago)
    choices = [moment.date().isoformat(), moment.isoformat(timespec="seconds")]
    if not past_only:
        choices += [None, "not a date", "2024-13-45"]
    return draw(st.sampled_from(choices))


@st.composite
def interactions(draw, *, kinds=tuple(KIND_BY_ID), directions=DIRECTIONS, past_only=False, hostile=True):
    kind = draw(st.sampled_from(kinds + (("telepathy", None, ["dm"]) if hostile else ())))
    direction = draw(st.sampled_from(directions + (("sideways", 3, ["me"]) if hostile else ())))
    follow_up = draw(
        st.none() | st.builds(FollowUp, st.sampled_from(["send deck", ""]), st.none() | moments(), st.booleans())
    )
    return Interaction(
        id="unnumbered",
        person="p1",
        kind=kind,
        direction=direction,
        at=draw(moments(past_only=past_only)),
        note=draw(st.sampled_from(["", "Hi! Quick question"])),
        thread=draw(st.none() | st.sampled_from(["a", "b", ""] + ([7] if hostile else []))),
        network=draw(st.none() | st.sampled_from(["linkedin", "x"] + ([["x"]] if hostile else []))),
        ask=draw(st.booleans()),
        follow_up=follow_up,
        source_id=draw(st.none() | st.sampled_from(["s1", "s2"])),
    )


def numbered(records: list[Interaction]) -> list[Interaction]:
    """Unique ids, as the store gives them."""
    return [record.with_changes(id=f"i{k}") for k, record in enumerate(records)]


histories = st.lists(interactions(), max_size=25).map(numbered)
tag_sets = st.sets(st.sampled_from(["close", "family", "colleague", "vip"]), max_size=2)
network_sets = st.sets(st.sampled_from(["linkedin", "x"]))
intents = st.sampled_from([None, "connect", "message", "follow", "ask"])


@given(histories, tag_sets, network_sets, intents)
def test_any_history_gives_a_consistent_assessment(history, tags, networks, intent):
    result = assess(history, now=TODAY, tags=tags, networks=networks, intent=intent)
    depth = result.depth
    assert 0 <= depth.score <= 100
    assert depth.stage == max((s for s in STAGES if depth.score >= BAND_FLOORS[s]), key=STAGES.index)
    assert 2 <= len(depth.reasons) <= 4
    assert set(depth.flags) <= {"dormant", "cooling", "lapsing"} and len(depth.flags) <= 1
    assert (depth.peak_stage is not None) == ("dormant" in depth.flags)
    assert len({loop.key for loop in result.open_loops}) == len(result.open_loops)
    assert result.to_json()["depth"]["score"] == depth.score


@given(histories, tag_sets, st.sampled_from(["in_person", "call"]))
def test_a_new_conversation_today_never_lowers_the_score(history, tags, kind):
    before = assess(history, now=TODAY, tags=tags).depth.score
    today = Interaction("new", "p1", kind, "both", TODAY.isoformat())
    assert assess([*history, today], now=TODAY, tags=tags).depth.score >= before


@given(
    st.lists(interactions(past_only=True, hostile=False), max_size=25).map(numbered),
    tag_sets,
    st.floats(min_value=0, max_value=3 * 365, allow_nan=False),
)
def test_later_evaluation_never_raises_recent_warmth(history, tags, days_later):
    now = assess(history, now=TODAY, tags=tags).depth.components["warmth"]
    later = assess(history, now=TODAY + timedelta(days=days_later), tags=tags).depth.components["warmth"]
    assert later <= now


my_messages = st.lists(
    interactions(kinds=("dm", "email", "connection_request"), directions=("me",), hostile=False), max_size=25
).map(numbered)
their_one_clicks = st.lists(
    interactions(kinds=("like", "follow", "endorsement", "connection_accepted"), directions=("them",), hostile=False),
    max_size=10,
).map(numbered)


@given(my_messages, their_one_clicks)
def test_my_own_unanswered_messages_never_lift_the_stage_above_aware(messages, acknowledgements):
    depth = assess([*acknowledgements, *messages], now=TODAY).depth
    assert depth.stage in SHALLOW
    if not acknowledgements:
        assert depth.stage == "stranger"


@given(histories)
def test_the_same_history_always_gives_the_same_assessment(history):
    assert assess(history, now=TODAY) == assess(list(history), now=TODAY.replace(tzinfo=None))


HAD_A_CONVERSATION = ("Last real conversation", "real conversation in all", "real conversations in all", "You've had a")


@given(histories, tag_sets, network_sets)
def test_no_stage_is_shown_beside_a_reason_that_contradicts_it(history, tags, networks):
    """docs/depth.md, Stages: Aware (and Stranger) have no real conversation to show, never or not for over two
    years; Acquainted has had one; Engaged needs repeated ones. A tag that lifts the stage says so."""
    depth = assess(history, now=TODAY, tags=tags, networks=networks).depth
    lines = depth.reasons
    marked = any(line.startswith("You marked this person") for line in lines)
    if depth.stage in SHALLOW and "dormant" not in depth.flags:
        assert not any(phrase in line for line in lines for phrase in HAD_A_CONVERSATION)
    if depth.stage not in SHALLOW and not marked:
        assert "You've never had a two-way conversation." not in lines
    if depth.stage in ("engaged", "trusted") and not marked:
        assert not any(line.startswith("1 real conversation in all") for line in lines)


TWO_WAY_KINDS = ("in_person", "call", "help", "intro", "recommendation")


@st.composite
def sustained_histories(draw) -> list[Interaction]:
    """Many real conversations (meetings, calls, favours, answered threads) over up to three years, dense enough
    to reach Engaged and Trusted and to cross their time rules, with a few records of any kind around them."""
    records = []
    days = draw(st.lists(st.floats(0, 1100, allow_nan=False), min_size=3, max_size=30))
    for n, days_ago in enumerate(days):
        moment = (TODAY - timedelta(days=days_ago)).isoformat()
        kind = draw(st.sampled_from(["in_person", "call", "thread", "help"]))
        if kind == "thread":
            later = (TODAY - timedelta(days=days_ago - 0.1)).isoformat()
            first = draw(st.sampled_from(["me", "them"]))
            records.append(Interaction("x", "p1", "email", first, moment, thread=f"t{n % 3}"))
            records.append(
                Interaction("x", "p1", "email", "them" if first == "me" else "me", later, thread=f"t{n % 3}")
            )
        else:
            records.append(Interaction("x", "p1", kind, draw(st.sampled_from(["both", "them", "me"])), moment))
    records += draw(st.lists(interactions(past_only=True, hostile=False), max_size=5))
    return numbered(records)


@settings(max_examples=300, deadline=None)
@given(
    histories | sustained_histories(),
    tag_sets,
    network_sets,
    st.sampled_from(TWO_WAY_KINDS),
    st.sampled_from(["both", "me", "them"]),
    st.floats(min_value=0, max_value=8 * 365, allow_nan=False),
)
def test_adding_a_two_way_interaction_never_lowers_score_or_stage(history, tags, networks, kind, direction, days_ago):
    """Issue 17, case 2: more contact never lowers the verdict at the same date, whenever it happened."""
    before = assess(history, now=TODAY, tags=tags, networks=networks).depth
    added = Interaction("added", "p1", kind, direction, (TODAY - timedelta(days=days_ago)).isoformat())
    after = assess([*history, added], now=TODAY, tags=tags, networks=networks).depth
    assert after.score >= before.score
    assert STAGES.index(after.stage) >= STAGES.index(before.stage)


SMOOTH_POINTS_PER_DAY = 3  # "a few points": time alone moves the score at most this much in a day


@settings(max_examples=300, deadline=None)
@given(
    st.lists(interactions(past_only=True, hostile=False), max_size=25).map(numbered) | sustained_histories(),
    tag_sets,
    st.sampled_from([0.0, 365.25, 547.875, 730.5]),  # the time rules' thresholds after the latest event
    st.floats(min_value=-3, max_value=400, allow_nan=False),
)
def test_time_passing_alone_never_drops_the_score_by_more_than_a_few_points_a_day(history, tags, threshold, offset):
    """Issue 17, case 5: a 2,000-interaction history fell 95 → 69 overnight, and later 69 → 44 in a day."""
    dated = [parse_day(record.at) for record in history if isinstance(record.at, str)]
    latest = max([day for day in dated if day != UNDATED], default=now_day(TODAY))
    now = EPOCH_UTC + timedelta(days=max(latest, now_day(TODAY)) + threshold + offset)
    today = assess(history, now=now, tags=tags).depth.score
    tomorrow = assess(history, now=now + timedelta(days=1), tags=tags).depth.score
    assert tomorrow >= today - SMOOTH_POINTS_PER_DAY

"""Properties that hold for any history, including malformed records."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from agent.depth import STAGES, assess
from agent.kinds import DIRECTIONS, KIND_BY_ID
from agent.records import FollowUp, Interaction

from .conftest import TODAY

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

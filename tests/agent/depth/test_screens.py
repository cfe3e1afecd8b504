"""``may_have_review_items`` is a necessary condition: whenever it says no, the model has nothing for the review."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.depth import may_have_review_items, outlook
from agent.depth.score import STAGES
from agent.records import Interaction
from agent.service.review import WORTH_REVIVING

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


nows = st.sampled_from([TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=400), TODAY - timedelta(days=900)])


def _review_shows_something(history: list[Interaction], now, tags, networks) -> bool:
    result = outlook(history, now=now, tags=tags, networks=networks)
    dormant = "dormant" in result.flags and result.peak_stage in WORTH_REVIVING
    return bool(result.open_loops) or dormant or any(f in result.flags for f in ("cooling", "lapsing"))


def test_the_review_revives_only_stages_the_screen_covers() -> None:
    """The screen lets a dormant tie through only when its peak could be engaged or better."""
    assert all(STAGES.index(stage) >= STAGES.index("engaged") for stage in WORTH_REVIVING)


@settings(max_examples=600)
@given(histories | long_histories | recent_histories | conversational_histories(), tag_sets, network_sets, nows)
def test_no_from_the_screen_means_no_loop_and_no_flag_the_review_shows(history, tags, networks, now) -> None:
    if not may_have_review_items(history, now=now, tags=tags):
        assert not _review_shows_something(history, now, tags, networks)


@settings(max_examples=400)
@given(
    long_histories | conversational_histories(), tag_sets, st.floats(min_value=0, max_value=3 * 365, allow_nan=False)
)
def test_the_screen_holds_at_any_moment(history, tags, days_later) -> None:
    now = TODAY + timedelta(days=days_later)
    if not may_have_review_items(history, now=now, tags=tags):
        assert not _review_shows_something(history, now, tags, ())


def test_the_screen_lets_through_what_the_model_shows(history) -> None:
    history.add("dm", "them", 10)  # a reply owed
    assert may_have_review_items(history.items, now=history.now)


def test_the_screen_settles_people_without_anything_pending(history) -> None:
    history.exchange(400)
    history.exchange(5)
    assert not may_have_review_items(history.items, now=history.now)
    assert not _review_shows_something(history.items, history.now, (), ())

"""Linking a LinkedIn and an X profile as one person, unlinking them with nothing lost, and the merges Fathom
suggests but never makes on its own (issue 3, "identity merge")."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from agent.depth import assess
from agent.records import FollowUp
from agent.service.errors import Clash, Invalid, Missing
from agent.service.interactions import LogRequest, log
from agent.service.people import link, merge_suggestions, unlink, update_person, upsert_from_profile
from agent.sites.base import ProfilePage
from agent.store.store import Store

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def add(store: Store, network: str, handle: str, kind: str, at: str, **extra) -> None:
    store.write(lambda s: log(s, LogRequest(kind=kind, at=at, network=network, handle=handle, **extra)))


def person(store: Store, network: str, handle: str):
    found = store.find(network, handle)
    assert found is not None
    return found


def depth(store: Store, p) -> tuple:
    result = assess(store.interactions_for(p.id), now=NOW, networks=p.networks, tags=p.tags)
    return result.depth


@pytest.fixture
def ada(store: Store):
    """Ada on both sites before Fathom knew they were one: the same lunch logged on each profile, plus what
    belongs to each site alone."""
    add(store, "linkedin", "ada-l", "in_person", "2026-11-01", note="Lunch")
    add(store, "linkedin", "ada-l", "dm", "2026-10-01", direction="them", thread="li-1")
    add(store, "x", "adal", "in_person", "2026-11-01", note="Lunch at Rosa's")
    add(store, "x", "adal", "comment", "2026-09-01", direction="me")
    return person(store, "linkedin", "ada-l"), person(store, "x", "adal")


def test_linking_unions_the_identities_and_histories_and_counts_the_lunch_once(store: Store, ada) -> None:
    on_linkedin, on_x = ada
    merged = store.write(lambda s: link(s, on_linkedin.id, on_x.id))
    assert merged.id == on_linkedin.id and merged.networks == ("linkedin", "x")
    assert store.person(on_x.id) is None and store.find("x", "adal").id == merged.id
    assert len(store.interactions_for(merged.id)) == 4  # both lunches stay on record
    result = depth(store, merged)
    assert "You met in person once." in result.reasons  # the recency line dates it: "3 weeks ago (a meeting)"
    assert "History combined from LinkedIn + X (same person)." in result.reasons


def test_unlinking_gives_each_profile_its_own_history_back_with_nothing_lost(store: Store, ada) -> None:
    on_linkedin, on_x = ada
    before = {i.id: i.network for i in store.interactions_for(on_linkedin.id) + store.interactions_for(on_x.id)}
    store.write(lambda s: link(s, on_linkedin.id, on_x.id))
    kept, split = store.write(lambda s: unlink(s, on_linkedin.id, "x"))
    assert (kept.id, split.id) == (on_linkedin.id, on_x.id)  # the X profile gets its old id back
    assert {i.id for i in store.interactions_for(kept.id)} == {i for i, n in before.items() if n == "linkedin"}
    assert {i.id for i in store.interactions_for(split.id)} == {i for i, n in before.items() if n == "x"}
    assert store.find("x", "adal").id == split.id and kept.networks == ("linkedin",)


def test_a_promise_logged_on_the_other_profile_survives_the_link(store: Store, ada) -> None:
    on_linkedin, on_x = ada
    add(store, "x", "adal", "call", "2026-11-20", follow_up=FollowUp("send the deck", "2026-11-28"))
    merged = store.write(lambda s: link(s, on_linkedin.id, on_x.id))
    result = assess(store.interactions_for(merged.id), now=NOW, networks=merged.networks)
    assert [loop.type for loop in result.open_loops] == ["promised_follow_up"]


def test_tags_and_notes_of_both_are_kept(store: Store, ada) -> None:
    on_linkedin, on_x = ada
    store.write(lambda s: update_person(s, on_linkedin.id, {"tags": ("colleague",), "notes": "Met at PyCon"}))
    store.write(lambda s: update_person(s, on_x.id, {"tags": ("close",), "notes": "Writes about engines"}))
    merged = store.write(lambda s: link(s, on_linkedin.id, on_x.id))
    assert merged.tags == ("close", "colleague")
    assert merged.notes == "Met at PyCon\nWrites about engines"


@pytest.mark.parametrize(
    ("case", "error", "code"),
    [
        ("same_person", Clash, "already_linked"),
        ("same_network", Clash, "same_network"),
        ("unknown", Missing, "unknown_person"),
    ],
)
def test_a_link_that_cannot_be_made_says_why_and_changes_nothing(store: Store, ada, case, error, code) -> None:
    on_linkedin, on_x = ada
    add(store, "linkedin", "grace-h", "like", "2026-11-01")
    other = {"same_person": on_linkedin.id, "same_network": person(store, "linkedin", "grace-h").id}.get(
        case, "p_0000000000000000"
    )
    with pytest.raises(error) as raised:
        store.write(lambda s: link(s, on_linkedin.id, other))
    assert raised.value.code == code
    assert store.person(on_linkedin.id) == on_linkedin and store.person(on_x.id) == on_x


def test_unlinking_someone_with_one_identity_is_refused(store: Store, ada) -> None:
    with pytest.raises(Clash) as raised:
        store.write(lambda s: unlink(s, ada[0].id))
    assert raised.value.code == "not_linked"


def test_unlinking_a_network_they_have_no_identity_on_is_refused(store: Store, ada) -> None:
    merged = store.write(lambda s: link(s, ada[0].id, ada[1].id))
    with pytest.raises(Invalid):
        store.write(lambda s: unlink(s, merged.id, "mastodon"))


def test_the_same_name_on_the_other_network_is_suggested_never_merged(store: Store) -> None:
    add(store, "linkedin", "ada-lovelace", "like", "2026-11-01")
    add(store, "x", "countess", "like", "2026-11-01")
    add(store, "x", "someone", "like", "2026-11-01")
    for network, handle in (("linkedin", "ada-lovelace"), ("x", "countess")):
        store.write(lambda s, n=network, h=handle: update_person_name(s, n, h, "Ada  LOVELACE"))
    on_x = person(store, "x", "countess")
    [suggestion] = merge_suggestions(store, on_x)
    assert suggestion["person_id"] == person(store, "linkedin", "ada-lovelace").id
    assert suggestion["reason"] == "Same name on the other network."
    assert (suggestion["network"], suggestion["handle"]) == ("linkedin", "ada-lovelace")
    assert len(store.people()) == 3  # suggested, not merged


def test_an_x_bio_naming_a_linkedin_profile_is_suggested(store: Store) -> None:
    add(store, "linkedin", "ada-lovelace", "like", "2026-11-01")
    add(store, "x", "countess", "like", "2026-11-01")
    on_x = person(store, "x", "countess")
    bio = "Engines and numbers. linkedin.com/in/Ada-Lovelace/ for the long version"
    store.write(lambda s: ([_put(on_x.with_changes(headline=bio))], None))
    [suggestion] = merge_suggestions(store, person(store, "x", "countess"))
    assert suggestion["reason"] == "Their X bio links this LinkedIn profile."
    assert suggestion["person_id"] == person(store, "linkedin", "ada-lovelace").id


def test_someone_already_on_both_networks_gets_no_suggestion(store: Store, ada) -> None:
    merged = store.write(lambda s: link(s, ada[0].id, ada[1].id))
    add(store, "x", "ada-fan", "like", "2026-11-01")
    assert merge_suggestions(store, merged) == []


def seen_on_profile(store: Store, network: str, handle: str, name: str, headline: str):
    """As the agent records a profile page the user opened."""
    url = f"https://{'www.linkedin.com/in' if network == 'linkedin' else 'x.com'}/{handle}"
    page = ProfilePage(network=network, handle=handle, url=url, name=name, headline=headline)
    return store.write(lambda s: upsert_from_profile(s, page))


def test_unlinking_gives_each_half_the_name_and_headline_it_had_on_its_own_network(
    store: Store, data_dir: Path
) -> None:
    """QA 8: after link and unlink the X half showed the LinkedIn name."""
    on_linkedin = seen_on_profile(store, "linkedin", "ana-b", "Ana Bell", "Designer at Acme")
    on_x = seen_on_profile(store, "x", "ana_b", "ana 🎨", "pixels and type")
    store.write(lambda s: link(s, on_linkedin.id, on_x.id))
    store.close()
    reopened = Store.open(data_dir)  # what link kept to split them is stored, not held in memory
    try:
        kept, split = reopened.write(lambda s: unlink(s, on_linkedin.id, "x"))
        assert (kept.name, kept.headline) == ("Ana Bell", "Designer at Acme")
        assert (split.name, split.headline) == ("ana 🎨", "pixels and type")
        assert reopened.find("x", "ana_b").name == "ana 🎨"
        assert reopened.find("linkedin", "ana-b").name == "Ana Bell"
    finally:
        reopened.close()


def test_a_profile_seen_while_linked_is_the_name_its_half_gets_back(store: Store) -> None:
    on_linkedin = seen_on_profile(store, "linkedin", "ana-b", "Ana Bell", "Designer at Acme")
    on_x = seen_on_profile(store, "x", "ana_b", "ana", "pixels")
    store.write(lambda s: link(s, on_linkedin.id, on_x.id))
    seen_on_profile(store, "x", "ana_b", "Ana B.", "type nerd")
    _, split = store.write(lambda s: unlink(s, on_linkedin.id, "x"))
    assert (split.name, split.headline) == ("Ana B.", "type nerd")


def test_a_pair_the_user_unlinked_is_not_suggested_again_but_can_be_linked(store: Store) -> None:
    on_linkedin = seen_on_profile(store, "linkedin", "ana-b", "Ana Bell", "See linkedin.com/in/ana-b")
    on_x = seen_on_profile(store, "x", "ana_b", "Ana Bell", "linkedin.com/in/ana-b")
    assert [s["person_id"] for s in merge_suggestions(store, on_x)] == [on_linkedin.id]
    store.write(lambda s: link(s, on_linkedin.id, on_x.id))
    kept, split = store.write(lambda s: unlink(s, on_linkedin.id, "x"))
    assert merge_suggestions(store, store.person(split.id)) == []  # neither the bio nor the name
    assert merge_suggestions(store, store.person(kept.id)) == []
    add(store, "x", "ana_bell_2", "like", "2026-11-01")  # someone else with that name is still suggested
    store.write(lambda s: update_person_name(s, "x", "ana_bell_2", "Ana Bell"))
    assert [s["handle"] for s in merge_suggestions(store, store.person(kept.id))] == ["ana_bell_2"]
    merged = store.write(lambda s: link(s, kept.id, split.id))  # the user's explicit link still works
    assert merged.networks == ("linkedin", "x") and merged.not_same == ()


def update_person_name(store: Store, network: str, handle: str, name: str):
    found = store.find(network, handle)
    assert found is not None
    return [_put(found.with_changes(name=name))], None


def _put(p):
    from agent.store import ops

    return ops.put_person(p)

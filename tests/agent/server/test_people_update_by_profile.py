"""POST /v1/people/update by profile: tags for someone not yet in Fathom (issue 17, case 8), and the error
envelope when the profile is unreadable or there is nothing to set (nothing is stored then)."""

from __future__ import annotations

from .conftest import Harness, Paired, assert_error


async def test_tags_for_a_profile_not_yet_in_fathom_add_the_person(agent: Harness, paired: Paired) -> None:
    body = {"network": "linkedin", "handle": "https://www.linkedin.com/in/roommate/", "tags": ["close"]}
    person = (await agent.call(paired, "/v1/people/update", body))["person"]
    assert person["tags"] == ["close"]
    assert person["identities"][0]["handle"] == "roommate"
    view = await agent.call(paired, "/v1/people/lookup", {"network": "linkedin", "handle": "roommate"})
    assert view["person"]["id"] == person["id"]
    assert view["depth"]["stage"] == "engaged"


async def test_a_profile_already_in_fathom_is_updated_not_added(agent: Harness, paired: Paired) -> None:
    first = await agent.call(paired, "/v1/people/update", {"network": "x", "handle": "@ada", "tags": ["family"]})
    again = await agent.call(paired, "/v1/people/update", {"network": "x", "handle": "ada", "how_met": "school"})
    assert again["person"]["id"] == first["person"]["id"]
    assert again["person"]["tags"] == ["family"] and len(agent.store.people()) == 1


async def test_a_bad_profile_or_nothing_to_set_stores_nothing(agent: Harness, paired: Paired) -> None:
    bad = {"network": "myspace", "handle": "ada", "tags": ["close"]}
    assert_error(await agent.call(paired, "/v1/people/update", bad, expect=400), "bad_network")
    nothing = {"network": "x", "handle": "ada"}
    assert_error(await agent.call(paired, "/v1/people/update", nothing, expect=404), "unknown_person")
    assert_error(await agent.call(paired, "/v1/people/update", {"tags": ["close"]}, expect=400), "missing_field")
    assert agent.store.people() == []

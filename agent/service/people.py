"""Finding, creating, updating, linking and unlinking people. Builders return (ops, result) for Store.write."""

from __future__ import annotations

import re
from typing import Any

from agent.identity import IdentityError, linkedin_slug, x_handle
from agent.records import Identity, Person
from agent.service.clock import iso_now, new_id
from agent.service.errors import Clash, Invalid, Missing
from agent.sites.base import ProfilePage
from agent.store import ops
from agent.store.ops import Op
from agent.store.store import Store

NETWORK_LABEL = {"linkedin": "LinkedIn", "x": "X"}


def identity_key(network: Any, value: Any) -> tuple[str, str]:
    """Canonical (network, handle) from what a user or client typed; Invalid with the reason otherwise."""
    if network not in ("linkedin", "x"):
        raise Invalid("network must be 'linkedin' or 'x'", "bad_network")
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"give a {NETWORK_LABEL[network]} profile URL or handle", "bad_handle")
    try:
        handle = linkedin_slug(value) if network == "linkedin" else x_handle(value)
    except IdentityError as exc:
        raise Invalid(str(exc), "bad_handle") from None
    return network, handle


def find_or_error(store: Store, network: str, handle: str) -> Person:
    person = store.find(network, handle)
    if person is None:
        raise Missing(f"No one with {NETWORK_LABEL[network]} {handle!r} is in Fathom yet.", "unknown_person")
    return person


def get_or_error(store: Store, person_id: Any) -> Person:
    if not isinstance(person_id, str):
        raise Invalid("person_id must be a string", "bad_person_id")
    person = store.person(person_id)
    if person is None:
        raise Missing(f"No person with id {person_id!r}.", "unknown_person")
    return person


def ensure_person(
    store: Store, network: str, handle: str, *, name: str = "", x_id: str | None = None
) -> tuple[list[Op], Person]:
    person = store.find(network, handle, x_id)
    if person is not None:
        return [], person
    now = iso_now()
    person = Person(
        id=new_id("p"),
        name=name or (handle if network == "linkedin" else f"@{handle}"),
        identities=(Identity(network, handle, x_id),),
        created=now,
        updated=now,
    )
    return [ops.put_person(person)], person


def upsert_from_profile(store: Store, page: ProfilePage) -> tuple[list[Op], Person]:
    """Create the person on first sight; update name, headline, location or X id when the page changed."""
    person = store.find(page.network, page.handle, page.x_id)
    if person is None:
        _, person = ensure_person(store, page.network, page.handle, name=page.name, x_id=page.x_id)
        person = person.with_changes(headline=page.headline, location=page.location)
        return [ops.put_person(person)], person
    changes: dict[str, Any] = {}
    if page.name and page.name != person.name:
        changes["name"] = page.name
    if page.headline and page.headline != person.headline:
        changes["headline"] = page.headline
    if page.location and page.location != person.location:
        changes["location"] = page.location
    identities = _with_identity(person.identities, Identity(page.network, page.handle, page.x_id))
    if identities != person.identities:
        changes["identities"] = identities
    if page.network in person.network_profiles:  # linked: this network's own profile stays current for unlink
        seen = {"name": page.name, "headline": page.headline, "location": page.location}
        profile = {**person.network_profiles[page.network], **{k: v for k, v in seen.items() if v}}
        if profile != person.network_profiles[page.network]:
            changes["network_profiles"] = {**person.network_profiles, page.network: profile}
    if not changes:
        return [], person
    person = person.with_changes(updated=iso_now(), **changes)
    return [ops.put_person(person)], person


def _with_identity(current: tuple[Identity, ...], seen: Identity) -> tuple[Identity, ...]:
    out: list[Identity] = []
    merged = False
    for ident in current:
        same = ident.network == seen.network and (
            ident.handle == seen.handle or (seen.x_id is not None and ident.x_id == seen.x_id)
        )
        if same:
            out.append(Identity(ident.network, seen.handle or ident.handle, seen.x_id or ident.x_id))
            merged = True
        else:
            out.append(ident)
    if not merged:
        out.append(seen)
    return tuple(out)


def parse_person_changes(body: dict[str, Any]) -> dict[str, Any]:
    """Validate the editable fields of a person (notes, how_met, tags)."""
    from agent.service import fields

    changes: dict[str, Any] = {}
    if "notes" in body:
        changes["notes"] = fields.text(body["notes"], "notes", fields.MAX_NOTE)
    if "how_met" in body:
        changes["how_met"] = fields.text(body["how_met"], "how_met", 2000)
    if "tags" in body:
        changes["tags"] = fields.tags(body["tags"])
    return changes


def update_person(store: Store, person_id: str, changes: dict[str, Any]) -> tuple[list[Op], Person]:
    person = get_or_error(store, person_id)
    if not changes:
        return [], person
    person = person.with_changes(updated=iso_now(), **changes)
    return [ops.put_person(person)], person


def update_or_add_person(store: Store, target: dict[str, Any], changes: dict[str, Any]) -> tuple[list[Op], Person]:
    """``/v1/people/update``: by ``person_id``, or by a profile (``network`` and ``handle``). A profile Fathom does
    not know yet is added with the changes (a user can say "my university roommate" before logging anything);
    without changes it is not found."""
    if "person_id" in target:
        return update_person(store, target["person_id"], changes)
    if "network" not in target and "handle" not in target:
        raise Invalid("give person_id, or network and handle (a profile URL or handle)", "missing_field")
    network, handle = identity_key(target.get("network"), target.get("handle"))
    found = store.find(network, handle)
    if found is not None:
        return update_person(store, found.id, changes)
    if not changes:
        return [], find_or_error(store, network, handle)
    _, person = ensure_person(store, network, handle)
    person = person.with_changes(**changes)
    return [ops.put_person(person)], person


def link(store: Store, keep_id: str, other_id: str) -> tuple[list[Op], Person]:
    """Merge ``other`` into ``keep``: identities and histories unioned; unlink can split them again."""
    keep = get_or_error(store, keep_id)
    other = get_or_error(store, other_id)
    if keep.id == other.id:
        raise Clash("Those are already the same person.", "already_linked")
    clash = {i.network for i in keep.identities} & {i.network for i in other.identities}
    if clash:
        net = NETWORK_LABEL[sorted(clash)[0]]
        raise Clash(f"Both people have a {net} identity; Fathom links one LinkedIn and one X identity.", "same_network")
    identities = keep.identities + other.identities
    merged = keep.with_changes(
        identities=identities,
        name=keep.name or other.name,
        headline=keep.headline or other.headline,
        notes="\n".join(n for n in (keep.notes, other.notes) if n),
        how_met=keep.how_met or other.how_met,
        tags=tuple(sorted(set(keep.tags) | set(other.tags))),
        loop_state={**other.loop_state, **keep.loop_state},
        merged_from=(*keep.merged_from, other.id),
        network_profiles={**_own_profiles(other), **_own_profiles(keep)},
        # Linking on purpose overrides an earlier "not the same person" between these two.
        not_same=tuple(sorted((set(keep.not_same) | set(other.not_same)) - set(profile_keys(identities)))),
        updated=iso_now(),
    )
    out: list[Op] = [ops.put_person(merged)]
    for inter in store.interactions_for(other.id):
        out.append(
            ops.put_interaction(inter.with_changes(network=inter.network or _only_network(other), person=merged.id))
        )
    out.append(ops.delete_person(other.id))
    return out, merged


def unlink(store: Store, person_id: str, network: str | None = None) -> tuple[list[Op], list[Person]]:
    """Split a linked person back into one person per network; every interaction goes with its network."""
    person = get_or_error(store, person_id)
    if len(person.identities) < 2:
        raise Clash("This person has only one identity; there is nothing to unlink.", "not_linked")
    split_net = network or person.identities[-1].network
    leaving = tuple(i for i in person.identities if i.network == split_net)
    staying = tuple(i for i in person.identities if i.network != split_net)
    if not leaving or not staying:
        raise Invalid(f"This person has no {split_net} identity to split off.", "bad_network")
    new_id_ = person.merged_from[-1] if person.merged_from else new_id("p")
    if store.person(new_id_) is not None:
        new_id_ = new_id("p")
    now = iso_now()
    # Each half gets its own name back (people linked before Fathom kept them get the merged name, as before),
    # and each remembers the user's "not the same person" so the pair is not suggested again.
    leaving_profile = person.network_profiles.get(split_net, {"name": person.name})
    staying_profile = person.network_profiles.get(staying[0].network, {})
    split = Person(
        id=new_id_,
        name=leaving_profile.get("name") or person.name,
        headline=leaving_profile.get("headline", ""),
        location=leaving_profile.get("location", ""),
        identities=leaving,
        created=now,
        updated=now,
        not_same=profile_keys(staying),
    )
    kept = person.with_changes(
        identities=staying,
        name=staying_profile.get("name") or person.name,
        headline=staying_profile.get("headline", person.headline),
        location=staying_profile.get("location", person.location),
        merged_from=person.merged_from[:-1],
        network_profiles={},
        not_same=tuple(sorted(set(person.not_same) | set(profile_keys(leaving)))),
        updated=now,
    )
    out: list[Op] = [ops.put_person(kept), ops.put_person(split)]
    for inter in store.interactions_for(person.id):
        if inter.network == split_net:
            out.append(ops.put_interaction(inter.with_changes(person=split.id)))
    return out, [kept, split]


def _own_profiles(person: Person) -> dict[str, dict[str, str]]:
    """Each network's own name, headline and location for ``person`` (one network unless already linked)."""
    if person.network_profiles:
        return dict(person.network_profiles)
    own = {"name": person.name, "headline": person.headline, "location": person.location}
    return {net: dict(own) for net in person.networks}


def profile_keys(identities: tuple[Identity, ...]) -> tuple[str, ...]:
    """``linkedin:ada-l``, ``x:adal`` (``x#123`` for an X id without handle): stable names for profiles."""
    return tuple(sorted(f"{i.network}:{i.handle}" if i.handle else f"{i.network}#{i.x_id}" for i in identities))


def _said_not_same(a: Person, b: Person) -> bool:
    """Whether the user unlinked ``a`` and ``b`` (either side remembers it)."""
    return bool(set(a.not_same) & set(profile_keys(b.identities)) or set(b.not_same) & set(profile_keys(a.identities)))


def _only_network(person: Person) -> str | None:
    nets = person.networks
    return nets[0] if len(nets) == 1 else None


_LINKEDIN_IN_TEXT = re.compile(r"linkedin\.com/in/([^\s/?#\"'<>]+)", re.IGNORECASE)


def merge_suggestions(store: Store, person: Person) -> list[dict[str, Any]]:
    """People on the other network who may be the same person. Fathom only suggests; the user links."""
    if len(person.networks) != 1:
        return []
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for match in _LINKEDIN_IN_TEXT.finditer(f"{person.headline} {person.notes}"):
        try:
            slug = linkedin_slug(match.group(0))
        except IdentityError:
            continue
        other = store.find("linkedin", slug)
        if other and other.id != person.id and other.id not in seen and not _said_not_same(person, other):
            seen.add(other.id)
            out.append(_suggestion(other, "Their X bio links this LinkedIn profile."))
    for pid in store.people_named(person.name):
        other = store.person(pid)
        if other is None or other.id == person.id or other.id in seen or set(other.networks) & set(person.networks):
            continue
        if _said_not_same(person, other):
            continue
        seen.add(other.id)
        out.append(_suggestion(other, "Same name on the other network."))
    return out[:3]


def _suggestion(other: Person, reason: str) -> dict[str, Any]:
    """Who may be the same person, where (so a client can say "Ada Lovelace on X"), and why."""
    identity = other.identities[0]
    return {
        "person_id": other.id,
        "name": other.name,
        "network": identity.network,
        "handle": identity.handle,
        "reason": reason,
    }

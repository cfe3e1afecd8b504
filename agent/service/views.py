"""What the overlay, `fathom show` and the API return for one person: history plus the depth block."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from typing import Any

from agent.depth import Assessment, Outlook, assess, outlook, review_outlook
from agent.kinds import DIRECTIONS, INTENTS, kinds_table
from agent.records import Identity, Interaction, Person
from agent.service.fields import TAGS
from agent.service.people import merge_suggestions
from agent.store.store import Store

MAX_TIMELINE = 200  # the overlay shows the newest; `fathom show --json` has them all via `limit=None`


class AssessmentCache:
    """Depth results keyed by the person's store version, the day and the intent: a write to one person
    never makes anyone else's result stale, and nobody is rescored when their history did not change."""

    def __init__(self, size: int = 5_000) -> None:
        self._size = size
        self._items: OrderedDict[tuple[Any, ...], Assessment] = OrderedDict()

    def get(self, store: Store, person: Person, now: datetime, intent: str | None, as_of: bool) -> Assessment:
        key = (person.id, store.version(person.id), now.date() if not as_of else now, intent)
        hit = self._items.get(key)
        if hit is not None:
            self._items.move_to_end(key)
            return hit
        history = store.interactions_for(person.id)
        if as_of:
            cutoff = now.isoformat()
            history = tuple(i for i in history if i.at is None or i.at <= cutoff)
        result = assess_person(history, person, now, intent)
        self._items[key] = result
        if len(self._items) > self._size:
            self._items.popitem(last=False)
        return result


def assess_person(
    interactions: tuple[Interaction, ...], person: Person | None, now: datetime, intent: str | None
) -> Assessment:
    return assess(
        interactions,
        now=now,
        networks=person.networks if person else (),
        tags=person.tags if person else (),
        loop_state=person.loop_state if person else {},
        intent=intent,
    )


def outlook_person(interactions: tuple[Interaction, ...], person: Person, now: datetime) -> Outlook:
    """What the review needs of one person: ``assess_person``'s loops and flags, without the rest."""
    return outlook(interactions, now=now, networks=person.networks, tags=person.tags, loop_state=person.loop_state)


def review_outlook_person(
    interactions: tuple[Interaction, ...], person: Person, now: datetime
) -> tuple[Outlook | None, float | None]:
    """``outlook_person`` only when the depth model's horizon cannot rule out a review item today; else the
    horizon (``review_outlook``)."""
    return review_outlook(
        interactions, now=now, networks=person.networks, tags=person.tags, loop_state=person.loop_state
    )


def transient_person(network: str, handle: str, name: str = "", headline: str = "") -> dict[str, Any]:
    """Someone Fathom has never stored: answered like anyone else, with no id."""
    return {
        "id": None,
        "name": name or (handle if network == "linkedin" else f"@{handle}"),
        "headline": headline,
        "location": "",
        "identities": [Identity(network, handle).to_json()],
        "networks": [network],
        "notes": "",
        "how_met": "",
        "tags": [],
        "created": None,
        "updated": None,
        "loop_state": {},
        "merged_from": [],
    }


def person_view(
    store: Store,
    person: Person | None,
    *,
    cache: AssessmentCache,
    now: datetime,
    intent: str | None,
    as_of: bool = False,
    transient: dict[str, Any] | None = None,
    limit: int | None = MAX_TIMELINE,
) -> dict[str, Any]:
    if person is None:
        result = assess_person((), None, now, intent)
        body: dict[str, Any] = {"person": transient, "interactions": [], "interaction_count": 0}
        suggestions: list[dict[str, Any]] = []
    else:
        result = cache.get(store, person, now, intent, as_of)
        history = store.interactions_for(person.id)
        if as_of:
            cutoff = now.isoformat()
            history = tuple(i for i in history if i.at is None or i.at <= cutoff)
        newest_first = list(reversed(history))
        if limit is not None:
            newest_first = newest_first[:limit]
        body = {
            "person": person.to_json(),
            "interactions": [i.to_json() for i in newest_first],
            "interaction_count": len(history),
        }
        suggestions = merge_suggestions(store, person)
    body.update(result.to_json())
    body["merge_suggestions"] = suggestions
    body["as_of"] = now.isoformat(timespec="seconds")
    return body


def kinds_payload() -> dict[str, Any]:
    """The tables clients need beside a view: kinds, directions, intents, and the tags a user may set."""
    return {"kinds": kinds_table(), "directions": list(DIRECTIONS), "intents": list(INTENTS), "tags": list(TAGS)}

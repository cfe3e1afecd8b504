"""The relationship review: every open loop across everyone, plus ties going cold, ordered by urgency.

Each person's items are cached with their store version (ReviewCache), so a review after one new log
rescores one person, not thirty thousand; people whose history cannot produce an item are not scored at all.
The model's ``outlook`` computes only what the review shows: loops and flags, the reasons only for a tie
going cold, never the warnings.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from agent.depth import Outlook, review_items_impossible_until
from agent.depth.horizon import may_have_items
from agent.depth.loops import hidden
from agent.depth.timeline import now_day
from agent.depth.urgency import rank
from agent.identity import profile_url
from agent.records import Person
from agent.service import views
from agent.service.clock import iso_now
from agent.service.errors import Invalid, Missing
from agent.service.people import get_or_error
from agent.store import ops
from agent.store.ops import Op
from agent.store.store import Store

ACTIONS = ("done", "snooze", "dismiss")
SNOOZE_DAYS = 7


class ReviewCache:
    """Each person's review items as of one day (or one exact as-of time), keyed by their store version.

    Thirty thousand people, most with no item: the day is kept once for all, a person without items costs
    one version number, and only the few thousand with items hold a list. A person without items also keeps
    the depth model's horizon, the day before which none can appear while their history stays as it is: a
    new day keeps their entry until then, so it rescores only people with items or past their horizon.
    """

    def __init__(self) -> None:
        self._when: object = None  # the day (or as-of moment) every entry is for
        self._versions: dict[str, int] = {}
        self._items: dict[str, list[dict[str, Any]]] = {}
        self._horizons: dict[str, float] = {}  # people without items, by day: none before it (days.py numbers)
        self._had_items: frozenset[str] = frozenset()  # people with items on the day before: likely again

    def items_for(self, store: Store, person: Person, now: datetime, as_of: bool) -> list[dict[str, Any]]:
        when = now if as_of else now.date()
        if when != self._when:  # another day: every item may read differently
            self._start(when, now, as_of)
        version = store.version(person.id)
        if self._versions.get(person.id) == version:
            return self._items.get(person.id, _NONE)
        history = store.interactions_for(person.id)
        self._horizons.pop(person.id, None)
        horizon: float | None
        if not may_have_items(history):
            items, horizon = _NONE, float("inf")  # nothing but one-click events: no item, ever
        elif as_of:  # the history is cut at a past moment: no horizon (that review is rescored each time)
            cutoff = now.isoformat()
            history = tuple(i for i in history if i.at is None or i.at <= cutoff)
            items, horizon = _person_items(person, views.outlook_person(history, person, now)), None
        elif person.id in self._had_items:  # most still have items: scoring first spares the horizon
            items = _person_items(person, views.outlook_person(history, person, now))
            horizon = None if items else review_items_impossible_until(history, now=now, tags=person.tags)
        else:
            # The horizon first: it costs half of scoring, and for three people in four it proves there is no
            # item today, so they are never scored at all.
            result, horizon = views.review_outlook_person(history, person, now)
            items = _NONE if result is None else _person_items(person, result)
        self._versions[person.id] = version
        if items:
            self._items[person.id] = items
        else:
            self._items.pop(person.id, None)
        if horizon is not None and not as_of:
            self._horizons[person.id] = horizon
        return items

    def saved(self, store: Store) -> dict[str, Any] | None:
        """What may outlive the process: each entry still current, with the fingerprint of the data it was
        computed from (``Store.person_fingerprint``; call after the store is closed and compacted). None when
        the entries are an as-of review's, which are never carried over."""
        if type(self._when) is not date:
            return None
        people: dict[str, list[Any]] = {}
        for pid, version in self._versions.items():
            fingerprint = store.person_fingerprint(pid) if store.version(pid) == version else None
            if fingerprint is None:
                continue  # changed since scored: the next review scores them again
            # Items, or the horizon (None for never), or False: no item today, and no horizon to carry it on.
            held: Any = self._items.get(pid) or self._horizons.get(pid, False)
            people[pid] = [fingerprint, None if held == float("inf") else held]
        return {"day": self._when.isoformat(), "had_items": sorted(self._had_items), "people": people}

    def restore(self, saved: dict[str, Any], store: Store) -> int:
        """Take back what ``saved`` made (already checked for shape by the caller), for the people whose data
        still has the same fingerprint; only into an empty cache. Returns how many were taken back."""
        if self._when is not None:
            return 0
        taken = 0
        for pid, (fingerprint, held) in saved["people"].items():
            version = store.version(pid)  # first: a write landing after it leaves this entry out of date
            if store.person_fingerprint(pid) != fingerprint or store.person(pid) is None:
                continue
            self._versions[pid] = version
            if type(held) is list:
                self._items[pid] = held
            elif held is not False:
                self._horizons[pid] = float("inf") if held is None else float(held)
            taken += 1
        self._when = date.fromisoformat(saved["day"])
        self._had_items = frozenset(saved["had_items"])
        return taken

    @property
    def empty(self) -> bool:
        return not self._versions

    def _start(self, when: object, now: datetime, as_of: bool) -> None:
        """Another day (or as-of moment): from one day to a later one, keep each person without items whose
        horizon is still ahead (their version still decides); drop everything else."""
        today = now_day(now)
        carried = type(self._when) is date and type(when) is date and when > self._when
        horizons = {pid: h for pid, h in self._horizons.items() if today < h} if carried else {}
        self._versions = {pid: self._versions[pid] for pid in horizons if pid in self._versions}
        self._had_items = frozenset(self._items) if carried else frozenset()
        self._when, self._items, self._horizons = when, {}, horizons


_NONE: list[dict[str, Any]] = []  # shared by everyone without an item; never mutated (callers copy items)


def review(store: Store, cache: ReviewCache, now: datetime, *, as_of: bool = False) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for person in store.people():
        found = cache.items_for(store, person, now, as_of)
        if found:
            items.extend(dict(i) for i in found)
    visible = [i for i in items if not _hidden(store.person(i["person"]["id"]), i["key"], now.date())]
    visible.sort(key=lambda i: (i["_rank"], i["due"] or "9999", i["since"] or ""))
    for item in visible:
        del item["_rank"]
    return visible


def _person_items(person: Person, result: Outlook) -> list[dict[str, Any]]:
    """The review items of ``result``, the outlook of ``person``."""
    cold = result.review_flags()
    if not result.open_loops and not cold:
        return []  # most people
    summary = {
        "id": person.id,
        "name": person.name,
        "networks": list(person.networks),
        # The address of each profile: the popup links the name to it, where the overlay shows the rest.
        "identities": [{**i.to_json(), "url": profile_url(i.network, i.handle)} for i in person.identities],
    }
    items: list[dict[str, Any]] = []
    for loop in result.open_loops:
        items.append(
            {
                "person": summary,
                "type": loop.type,
                "key": loop.key,
                "text": loop.text,
                "since": loop.since,
                "due": loop.due,
                "overdue": loop.overdue,
                "_rank": rank(loop.type, loop.overdue),
            }
        )
    for flag in cold:  # at most one: a tie is dormant, cooling or lapsing
        items.append(_flag_item(person, summary, flag, result.cold_line(), result.last_conversation()))
    return items


def _flag_item(person: Person, summary: dict[str, Any], flag: str, line: str, since: str | None) -> dict[str, Any]:
    """A tie going cold, with the model's own line for its flag."""
    return {
        "person": summary,
        "type": flag,
        "key": f"{flag}:{person.id}",
        "text": line,
        "since": since,
        "due": None,
        "overdue": False,
        "_rank": rank(flag),
    }


def _hidden(person: Person | None, key: str, today: date) -> bool:
    """Closed by the user (the loops' rule), or the person is gone."""
    return person is None or hidden(key, person.loop_state, today)


def act(store: Store, person_id: Any, key: Any, action: Any, now: datetime) -> tuple[list[Op], Person]:
    """Remember done / snooze a week / not relevant for one review item. Without ``person_id`` the item is
    one the user snoozed (the review hides it, so the caller cannot name its person): it may still be done."""
    if not isinstance(key, str) or not 3 <= len(key) <= 120 or ":" not in key:
        raise Invalid("key must be a review item's key, as the review returned it", "bad_key")
    if action not in ACTIONS:
        raise Invalid(f"action must be one of {', '.join(ACTIONS)}", "bad_action")
    person = snoozed_owner(store, key) if person_id is None else get_or_error(store, person_id)
    state: dict[str, Any]
    if action == "snooze":
        state = {"state": "snoozed", "until": (now + timedelta(days=SNOOZE_DAYS)).date().isoformat()}
    else:
        state = {"state": "done" if action == "done" else "dismissed", "until": None}
    state["at"] = iso_now()
    updated = person.with_changes(loop_state={**person.loop_state, key: state}, updated=iso_now())
    return [ops.put_person(updated)], updated


def snoozed_owner(store: Store, key: str) -> Person:
    """The person whose review item ``key`` the user snoozed. A key ends in its person's id (a tie going cold)
    or in the id of the interaction it is about (a loop)."""
    ref = key.partition(":")[2]
    person = store.person(ref)
    if person is None:
        interaction = store.interaction(ref)
        person = None if interaction is None else store.person(interaction.person)
    state = None if person is None else person.loop_state.get(key)
    if person is None or not isinstance(state, dict) or state.get("state") != "snoozed":
        raise Missing(f"No snoozed review item has the key {key!r}.", "unknown_key")
    return person

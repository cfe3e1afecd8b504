"""The in-memory state and its indexes. Only the store's writer thread mutates it; values are immutable
records and tuples, so readers on other threads can take references without locks."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from agent.identity import name_key
from agent.records import Interaction, Person, days_of
from agent.store.ops import Op

LOGGED_SOURCES = frozenset({"manual", "page"})


def _sort_key(i: Interaction) -> tuple[str, str, str]:
    return (i.at or "", i.created, i.id)


class State:
    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.interactions: dict[str, Interaction] = {}
        self.by_person: dict[str, tuple[Interaction, ...]] = {}
        self.by_identity: dict[tuple[str, str], str] = {}
        self.by_x_id: dict[str, str] = {}
        self.by_name: dict[str, tuple[str, ...]] = {}  # name_key → person ids (merge suggestions)
        # What the user logged (by hand or on a page), by id: a few hundred among 300,000 imported records,
        # asked for by the popup's "recent" list.
        self.logged: dict[str, Interaction] = {}
        # source_id → interaction id, for imports only: built when the first import asks (300,000 entries
        # are 10 MB that a day without an import does not need), then kept up to date.
        self._by_source_id: dict[str, str] | None = None
        self.meta: dict[str, Any] = {}
        self.imports: dict[str, dict[str, Any]] = {}
        self.versions: dict[str, int] = {}
        self.changes = 0  # bumps on every applied op; cheap "did anything change" check
        self.people_changes = 0  # bumps when a person record is put or deleted (names, identities)

    # -- loading ------------------------------------------------------------------------------------
    def load(self, people: Iterable[Person], interactions: Iterable[Interaction]) -> None:
        for p in people:
            self._index_person(p)
        self.add_loaded(interactions)

    def add_loaded(self, interactions: Iterable[Interaction]) -> None:
        """Index interactions read from the snapshot: all of them at once, or one person-sharded file at a time
        (then every person's history arrives whole, and threads loading other shards touch other people)."""
        batch = interactions if isinstance(interactions, list) else list(interactions)
        days_of(batch)  # each record's day number, parsed here in one C-speed batch rather than on first view
        grouped: dict[str, list[Interaction]] = {}
        for i in batch:
            self.interactions[i.id] = i
            grouped.setdefault(i.person, []).append(i)
            if i.source in LOGGED_SOURCES:
                self.logged[i.id] = i
        for pid, items in grouped.items():
            items.extend(self.by_person.get(pid, ()))  # a record filed in the wrong shard by hand
            items.sort(key=_sort_key)
            self.by_person[pid] = tuple(items)

    def by_source_id(self) -> dict[str, str]:
        """The import index (see ``_by_source_id``); only the writer thread, which also mutates it, asks."""
        if self._by_source_id is None:
            self._by_source_id = {i.source_id: i.id for i in self.interactions.values() if i.source_id}
        return self._by_source_id

    # -- applying ops -------------------------------------------------------------------------------
    def apply(self, op: Op) -> None:
        kind = op["op"]
        if kind == "put_person":
            self._put_person(Person.from_json(op["v"]))
        elif kind == "del_person":
            self._delete_person(op["id"])
        elif kind == "put_interaction":
            self._put_interaction(Interaction.from_json(op["v"]))
        elif kind == "del_interaction":
            self._delete_interaction(op["id"])
        elif kind == "put_meta":
            self.meta[op["key"]] = op["v"]
        elif kind == "put_import":
            self.imports[op["v"]["id"]] = op["v"]
        elif kind == "del_import":
            self.imports.pop(op["id"], None)
        else:
            raise ValueError(f"unknown journal op {kind!r}")
        self.changes += 1

    def _bump(self, pid: str) -> None:
        self.versions[pid] = self.versions.get(pid, 0) + 1

    def _index_person(self, p: Person) -> None:
        self.people[p.id] = p
        for ident in p.identities:
            if ident.handle:
                self.by_identity[(ident.network, ident.handle)] = p.id
            if ident.x_id:
                self.by_x_id[ident.x_id] = p.id
        key = name_key(p.name)
        if key is not None:
            self.by_name[key] = (*self.by_name.get(key, ()), p.id)

    def _unindex_person(self, p: Person) -> None:
        for ident in p.identities:
            if ident.handle and self.by_identity.get((ident.network, ident.handle)) == p.id:
                del self.by_identity[(ident.network, ident.handle)]
            if ident.x_id and self.by_x_id.get(ident.x_id) == p.id:
                del self.by_x_id[ident.x_id]
        key = name_key(p.name)
        if key is not None:
            rest = tuple(pid for pid in self.by_name.get(key, ()) if pid != p.id)
            if rest:
                self.by_name[key] = rest
            else:
                self.by_name.pop(key, None)

    def _put_person(self, p: Person) -> None:
        self.people_changes += 1
        old = self.people.get(p.id)
        if old is not None:
            self._unindex_person(old)
        self._index_person(p)
        self._bump(p.id)

    def _delete_person(self, pid: str) -> None:
        self.people_changes += 1
        old = self.people.pop(pid, None)
        if old is not None:
            self._unindex_person(old)
        self._bump(pid)

    def _put_interaction(self, i: Interaction) -> None:
        old = self.interactions.get(i.id)
        if old is not None:
            self._remove_from_person(old)
        self.interactions[i.id] = i
        if i.source in LOGGED_SOURCES:
            self.logged[i.id] = i
        else:
            self.logged.pop(i.id, None)
        items = list(self.by_person.get(i.person, ()))
        bisect.insort(items, i, key=_sort_key)
        self.by_person[i.person] = tuple(items)
        if i.source_id and self._by_source_id is not None:
            self._by_source_id[i.source_id] = i.id
        self._bump(i.person)

    def _delete_interaction(self, iid: str) -> None:
        old = self.interactions.pop(iid, None)
        self.logged.pop(iid, None)
        if old is not None:
            self._remove_from_person(old)
            index = self._by_source_id
            if old.source_id and index is not None and index.get(old.source_id) == iid:
                del index[old.source_id]

    def _remove_from_person(self, old: Interaction) -> None:
        items = tuple(x for x in self.by_person.get(old.person, ()) if x.id != old.id)
        if items:
            self.by_person[old.person] = items
        else:
            self.by_person.pop(old.person, None)
        self._bump(old.person)

"""Applying an importer's result to the store: match people, skip what is already there, record the run so
`fathom import undo ID` removes exactly what it added. Runs as one store transaction: all or nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from agent.identity import name_key
from agent.importers.base import ImportResult, PersonRef
from agent.records import Identity, Interaction, Person
from agent.service.clock import iso_now, new_id
from agent.service.errors import Missing
from agent.store import ops
from agent.store.ops import Op
from agent.store.store import Store


@dataclass
class ImportSummary:
    import_id: str
    network: str
    people_created: int = 0
    people_updated: int = 0
    added_by_kind: dict[str, int] = field(default_factory=dict)
    already_present: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(self.added_by_kind.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "network": self.network,
            "people_created": self.people_created,
            "people_updated": self.people_updated,
            "interactions_added": self.added,
            "added_by_kind": self.added_by_kind,
            "already_present": self.already_present,
            "skipped": len(self.skipped),
            "skipped_by_reason": self.skipped_by_reason,
            "skipped_rows": self.skipped[:50],
            "notes": self.notes,
        }


class _People:
    """Resolves PersonRefs to people, creating them once per import."""

    def __init__(self, store: Store, network: str, now: str) -> None:
        self.store = store
        self.network = network
        self.now = now
        self.pending: dict[str, Person] = {}  # person id -> new or updated record
        self.created: set[str] = set()
        self.held: set[str] = set()  # existing people this import also brought: undoing an earlier one keeps them
        self._by_handle: dict[tuple[str, str], str] = {}
        self._by_x_id: dict[str, str] = {}
        self._enriched: set[tuple[str, PersonRef]] = set()
        self._by_name: dict[str, str] | None = None
        self.before: dict[str, dict[str, Any]] = {}  # existing person id -> fields as they were, for undo

    def _names(self) -> dict[str, str]:
        if self._by_name is None:
            self._by_name = {}
            for p in self.store.people():
                key = name_key(p.name)
                if key is not None and self.network in p.networks:
                    self._by_name.setdefault(key, p.id)
        return self._by_name

    def _current(self, pid: str) -> Person:
        return self.pending.get(pid) or self.store.person(pid)  # type: ignore[return-value]

    def resolve(self, ref: PersonRef) -> str | None:
        """The person this ref names: by handle, then X id, then (no identity at all) by name; else a new one."""
        pid = self._by_handle.get((ref.network, ref.handle)) if ref.handle else None
        if pid is None and ref.x_id:
            pid = self._by_x_id.get(ref.x_id)
        if pid is None and (ref.handle or ref.x_id):
            person = self.store.find(ref.network, ref.handle, ref.x_id)
            pid = person.id if person else None
        if pid is None and not ref.handle and not ref.x_id:
            if not ref.name:
                return None
            key = name_key(ref.name)
            pid = self._names().get(key) if key is not None else None
        if pid is None:
            pid = self._create(ref)
        elif (pid, ref) not in self._enriched:
            self._enrich(pid, ref)
            self._enriched.add((pid, ref))
        if pid not in self.created:
            self.held.add(pid)
        if ref.handle:
            self._by_handle[(ref.network, ref.handle)] = pid
        if ref.x_id:
            self._by_x_id[ref.x_id] = pid
        key = name_key(ref.name)
        if key is not None:
            self._names().setdefault(key, pid)
        return pid

    def _create(self, ref: PersonRef) -> str:
        pid = new_id("p")
        if ref.network == "linkedin":
            name = ref.name or ref.handle or ""
        else:
            name = ref.name or (f"@{ref.handle}" if ref.handle else f"X user {ref.x_id}")
        identities = (Identity(ref.network, ref.handle, ref.x_id),)
        self.pending[pid] = Person(
            id=pid, name=name, headline=ref.headline, identities=identities, created=self.now, updated=self.now
        )
        self.created.add(pid)
        return pid

    def _enrich(self, pid: str, ref: PersonRef) -> None:
        person = self._current(pid)
        changes: dict[str, Any] = {}
        placeholder = {
            known.handle if (known := person.identity(ref.network)) else None,
            f"@{ref.handle}",
            "",
        }
        if ref.name and person.name in placeholder | {f"X user {ref.x_id}"}:
            changes["name"] = ref.name
        if ref.headline and not person.headline:
            changes["headline"] = ref.headline
        ident = person.identity(ref.network)
        if ident and ((ref.x_id and not ident.x_id) or (ref.handle and not ident.handle)):
            new_ident = Identity(ref.network, ident.handle or ref.handle, ident.x_id or ref.x_id)
            changes["identities"] = tuple(new_ident if i is ident else i for i in person.identities)
        if changes:
            if pid not in self.created:
                kept = self.before.setdefault(pid, {})
                for name in changes:
                    kept.setdefault(name, _field_json(person, name))
            self.pending[pid] = person.with_changes(updated=self.now, **changes)

    def order(self, pid: str) -> tuple[str, str]:
        return _order(self._current(pid), pid)

    def changed(self) -> dict[str, dict[str, dict[str, Any]]]:
        """For each existing person this import changed: the fields before and after, so undo can put back
        exactly what the import overwrote (and leave later edits alone)."""
        return {
            pid: {"before": before, "after": {name: _field_json(self.pending[pid], name) for name in before}}
            for pid, before in self.before.items()
        }


def _order(person: Person | None, pid: str) -> tuple[str, str]:
    """How an import record lists people: by name, not by the random ids, so the same import reads the same."""
    return (person.name if person else "", pid)


def _field_json(person: Person, name: str) -> Any:
    value = getattr(person, name)
    return [i.to_json() for i in value] if name == "identities" else value


def plan_import(store: Store, result: ImportResult, *, import_id: str, label: str) -> tuple[list[Op], ImportSummary]:
    """The ops that add what is new in ``result``; runs on the store's writer thread."""
    now = iso_now()
    summary = ImportSummary(import_id, result.network, notes=list(result.notes))
    people = _People(store, result.network, now)
    owner = result.owner
    added: list[Op] = []
    seen_sources: set[str] = set()
    by_kind: Counter[str] = Counter()
    touched: set[str] = set()
    held: set[str] = set()  # source ids of what an earlier import brought and this one holds too
    for item in result.interactions:
        if item.source_id in seen_sources:
            summary.already_present += 1
            continue
        if (present := store.by_source_id(item.source_id)) is not None:
            summary.already_present += 1
            seen_sources.add(item.source_id)
            existing = store.interaction(present)
            if existing is not None and existing.import_id not in (None, import_id):
                held.add(item.source_id)
                people.held.add(existing.person)
            continue
        seen_sources.add(item.source_id)
        if owner is not None and _same(item.person, owner):
            continue  # the export owner is the user, not a contact
        pid = people.resolve(item.person)
        if pid is None:
            summary.skipped.append({"file": "", "line": 0, "reason": "no way to tell who this was with"})
            continue
        touched.add(pid)
        added.append(
            ops.put_interaction(
                Interaction(
                    id=new_id("i"),
                    person=pid,
                    kind=item.kind,
                    direction=item.direction,
                    at=item.at,
                    source=f"import:{result.network}",
                    created=now,
                    note=item.note,
                    thread=item.thread,
                    ask=item.ask,
                    network=item.network or result.network,
                    source_id=item.source_id,
                    import_id=import_id,
                )
            )
        )
        by_kind[item.kind] += 1
    for ref in result.people:  # people with no new events still get their names and identities
        if owner is not None and _same(ref, owner):
            continue
        if ref.handle or ref.x_id:
            people.resolve(ref)
    person_ops = [ops.put_person(p) for p in people.pending.values()]
    summary.people_created = len(people.created)
    summary.people_updated = len(set(people.pending) - people.created)
    summary.added_by_kind = dict(by_kind.most_common())
    for skip in result.skipped:
        summary.skipped.append({"file": skip.file, "line": skip.line, "reason": skip.reason})
    summary.skipped_by_reason = dict(Counter(s["reason"] for s in summary.skipped).most_common())
    # Recorded even when nothing was new, so the id the user is shown is one `import list` and `import undo` know.
    record = {
        "id": import_id,
        "network": result.network,
        "label": label,
        "at": now,
        # Ordered by name, not by the random ids, so the same import is recorded (and listed) the same way.
        "people_created": sorted(people.created, key=people.order),
        "people_changed": people.changed(),
        # What an earlier import brought and this one holds too: undoing the earlier one leaves it to this one.
        "sources_held": sorted(held),  # by the export's own ids: they name the same records after a restore
        "people_held": sorted(people.held, key=people.order),
        "summary": summary.to_json(),
    }
    return [*person_ops, *added, ops.put_import(record)], summary


def _same(ref: PersonRef, owner: PersonRef) -> bool:
    if ref.network != owner.network:
        return False
    return bool((ref.handle and ref.handle == owner.handle) or (ref.x_id and ref.x_id == owner.x_id))


def plan_undo(store: Store, import_id: str) -> tuple[list[Op], dict[str, Any]]:
    """Remove what import ``import_id`` brought and no one else vouches for. An interaction or person that a
    later (still listed) import also holds stays, now that import's; a person the user has since edited or logged
    by hand stays, with what they added."""
    imports = store.imports()
    record = imports.get(import_id)
    if record is None:
        known = ", ".join(sorted(imports)) or "none"
        raise Missing(f"No import with id {import_id!r}. Imports: {known}.", "unknown_import")
    others = sorted((r for r in imports.values() if r["id"] != import_id), key=lambda r: r["at"], reverse=True)
    held_by = _holders(others, "sources_held")
    people_held_by = _holders(others, "people_held")
    out: list[Op] = []
    brought = [i for i in store.interactions() if i.import_id == import_id]
    removed = [i for i in brought if i.source_id not in held_by]
    out.extend(ops.delete_interaction(i.id) for i in removed)
    out.extend(
        ops.put_interaction(i.with_changes(import_id=held_by[i.source_id])) for i in brought if i.source_id in held_by
    )
    removed_ids = {i.id for i in removed}
    people_removed = people_kept = 0
    adopted: dict[str, list[str]] = {}  # later import id -> people it now owns (its undo removes them)
    for pid in record.get("people_created", []):
        person = store.person(pid)
        if person is None:
            continue
        if pid in people_held_by:
            adopted.setdefault(people_held_by[pid], []).append(pid)
            people_kept += 1
            continue
        remaining = [i for i in store.interactions_for(pid) if i.id not in removed_ids]
        if not remaining and not _edited_since_made(person):
            out.append(ops.delete_person(pid))
            people_removed += 1
        else:
            people_kept += 1
    for holder, pids in adopted.items():
        later = imports[holder]
        owned = {*later.get("people_created", []), *pids}
        out.append(ops.put_import({**later, "people_created": sorted(owned, key=lambda p: _order(store.person(p), p))}))
    people_restored = 0
    now = iso_now()
    for pid, change in (record.get("people_changed") or {}).items():
        person = store.person(pid)
        if person is None:
            continue
        restore = {
            name: _field_value(name, value)
            for name, value in change["before"].items()
            if _field_json(person, name) == change["after"].get(name)  # a later edit by the user wins
        }
        if restore:
            out.append(ops.put_person(person.with_changes(updated=now, **restore)))
            people_restored += 1
    out.append(ops.delete_import(import_id))
    return out, {
        "import_id": import_id,
        "interactions_removed": len(removed),
        "interactions_kept": len(brought) - len(removed),
        "people_removed": people_removed,
        "people_kept": people_kept,
        "people_restored": people_restored,
    }


def _holders(records: list[dict[str, Any]], key: str) -> dict[str, str]:
    """Record id -> the newest other import that also holds it (``records`` newest first)."""
    out: dict[str, str] = {}
    for record in records:
        for rid in record.get(key) or []:
            out.setdefault(rid, record["id"])
    return out


def _edited_since_made(person: Person) -> bool:
    """Whether the user changed ``person`` after an import made them: a later edit stamps ``updated``; tags,
    how-met and notes only ever come from the user (so an edit in the same second shows there)."""
    return person.updated != person.created or bool(person.tags or person.how_met or person.notes)


def _field_value(name: str, value: Any) -> Any:
    return tuple(Identity.from_json(i) for i in value) if name == "identities" else value


def new_import_id() -> str:
    return new_id("imp")

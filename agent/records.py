"""Plain records shared by the store, the depth model, the importers and the API.

Pure: no I/O. Records are frozen so the store can hand out references without copying; an edit
replaces the record.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from sys import intern
from typing import Any

from agent.days import UNDATED, parse_day, parse_days

NETWORKS: tuple[str, ...] = ("linkedin", "x")


@dataclass(frozen=True, slots=True)
class Identity:
    """One account of a person on one network. ``handle`` is the canonical key (see agent.identity)."""

    network: str  # linkedin | x
    handle: str | None  # LinkedIn slug or X handle, canonical (lowercase); None for an X id seen without handle
    x_id: str | None = None  # X numeric id, as a string

    def to_json(self) -> dict[str, Any]:
        return {"network": self.network, "handle": self.handle, "x_id": self.x_id}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Identity:
        return cls(d["network"], d.get("handle"), d.get("x_id"))


@dataclass(frozen=True, slots=True)
class FollowUp:
    text: str
    due: str | None  # ISO date
    done: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "due": self.due, "done": self.done}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> FollowUp | None:
        if not d:
            return None
        return cls(d["text"], d.get("due"), bool(d.get("done", False)))


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str = ""
    headline: str = ""
    location: str = ""
    identities: tuple[Identity, ...] = ()
    notes: str = ""
    how_met: str = ""
    tags: tuple[str, ...] = ()  # close | family | colleague
    created: str = ""
    updated: str = ""
    # Loop/review state the user set: key -> {"state": "done|dismissed|snoozed", "until": ISO date|None}
    loop_state: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False, compare=False)
    # When this person was merged from others: the ids of the people it absorbed (for unlink).
    merged_from: tuple[str, ...] = ()
    # While linked: each network's own name, headline and location, so unlink gives each half its own back.
    network_profiles: dict[str, dict[str, str]] = field(default_factory=dict, hash=False, compare=False)
    # Profiles ("network:handle") the user unlinked from this person: "not the same person", never suggested again.
    not_same: tuple[str, ...] = ()

    @property
    def networks(self) -> tuple[str, ...]:
        return tuple(sorted({i.network for i in self.identities}))

    def identity(self, network: str) -> Identity | None:
        return next((i for i in self.identities if i.network == network), None)

    def with_changes(self, **changes: Any) -> Person:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "headline": self.headline,
            "location": self.location,
            "identities": [i.to_json() for i in self.identities],
            "networks": list(self.networks),
            "notes": self.notes,
            "how_met": self.how_met,
            "tags": list(self.tags),
            "created": self.created,
            "updated": self.updated,
            "loop_state": self.loop_state,
            "merged_from": list(self.merged_from),
            # Only when set: most people were never linked or unlinked.
            **({"network_profiles": self.network_profiles} if self.network_profiles else {}),
            **({"not_same": list(self.not_same)} if self.not_same else {}),
        }

    def to_record(self) -> dict[str, Any]:
        """The stored form: without the derived ``networks`` and without fields at their defaults."""
        record = self.to_json()
        del record["networks"]
        return {k: v for k, v in record.items() if k in ("id", "identities") or v not in ("", [], {}, None)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Person:
        return cls(
            id=intern(d["id"]),
            name=d.get("name", ""),
            headline=d.get("headline", ""),
            location=d.get("location", ""),
            identities=tuple(Identity.from_json(i) for i in d.get("identities", ())),
            notes=d.get("notes", ""),
            how_met=d.get("how_met", ""),
            tags=tuple(d.get("tags", ())),
            created=d.get("created", ""),
            updated=d.get("updated", ""),
            loop_state=dict(d.get("loop_state", {})),
            merged_from=tuple(d.get("merged_from", ())),
            network_profiles={k: dict(v) for k, v in d.get("network_profiles", {}).items()},
            not_same=tuple(d.get("not_same", ())),
        )


@dataclass(frozen=True, slots=True)
class Interaction:
    """One thing that happened between the user and a person.

    ``at`` is an ISO date (``2024-03-01``), an ISO datetime with offset (``2024-03-01T09:30:00+00:00``) or None
    (unknown, e.g. undated follows from an archive). ``network`` says on which network it happened, when known.
    ``source_id`` is a stable id from an import (so re-importing adds nothing); ``import_id`` names the import run.
    """

    id: str
    person: str
    kind: str
    direction: str  # me | them | both | unknown
    at: str | None
    source: str = "manual"  # manual | page | import:linkedin | import:x
    created: str = ""
    note: str = ""
    thread: str | None = None
    ask: bool = False
    follow_up: FollowUp | None = None
    network: str | None = None
    source_id: str | None = None
    import_id: str | None = None
    # ``at`` as a day number (agent.days), parsed on first use and kept: the depth model reads it on every
    # assessment, and parsing 300,000 timestamps at load would slow the store's cold start. A new record
    # (``with_changes`` too) starts without it.
    _day: float | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def day(self) -> float:
        """``at`` as days since 1970-01-01 UTC (``agent.days.parse_day``); ``UNDATED`` when missing or unreadable."""
        day = self._day
        if day is None:
            day = parse_day(self.at)
            _set_day(self, day)
        return day

    def with_changes(self, **changes: Any) -> Interaction:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "person": self.person,
            "kind": self.kind,
            "direction": self.direction,
            "at": self.at,
            "source": self.source,
            "created": self.created,
            "note": self.note,
            "thread": self.thread,
            "ask": self.ask,
            "follow_up": self.follow_up.to_json() if self.follow_up else None,
            "network": self.network,
            "source_id": self.source_id,
            "import_id": self.import_id,
        }

    def to_record(self) -> dict[str, Any]:
        """The stored form: like to_json, without fields at their defaults (a heavy user has 300,000 of these)."""
        full = self.to_json()
        return {k: v for k, v in full.items() if k in _REQUIRED or v != _DEFAULTS[k]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Interaction:
        """Read to_json or to_record output: the store builds 300,000 of these at a heavy user's cold start.

        Slots are set directly (a frozen dataclass's __init__ costs twice as much), and values that repeat are
        shared: the fixed vocabularies through one table, person ids, threads and import ids through intern().
        """
        obj = _new(cls)
        get = d.get
        common = _COMMON.get
        person, thread, import_id = d["person"], get("thread"), get("import_id")
        at, created, follow_up = get("at"), get("created", ""), get("follow_up")
        kind, direction, source, network = d["kind"], d["direction"], get("source", "manual"), get("network")
        _set_id(obj, d["id"])
        _set_person(obj, intern(person))
        _set_kind(obj, common(kind, kind))
        _set_direction(obj, common(direction, direction))
        _set_at(obj, at)
        _set_source(obj, common(source, source))
        _set_created(obj, at if created == at else created)  # imports: the same text, kept once
        _set_note(obj, get("note", ""))
        _set_thread(obj, intern(thread) if thread else None)
        _set_ask(obj, bool(get("ask", False)))
        _set_follow_up(obj, FollowUp.from_json(follow_up) if follow_up else None)
        _set_network(obj, common(network, network) if network else None)
        _set_source_id(obj, get("source_id"))
        _set_import_id(obj, intern(import_id) if import_id else None)
        _set_day(obj, None)
        return obj


def days_of(records: Sequence[Interaction]) -> list[float]:
    """Each record's ``day``: read in one pass once known, the unknown ones parsed together and kept."""
    # A comprehension reads a slot faster than map(attrgetter) (3.11's specialised attribute reads).
    days: list[float | None] = [record._day for record in records]
    try:
        sum(days)  # type: ignore[arg-type]  # floats add at C speed, and a None (not parsed yet) stops it
        return days  # type: ignore[return-value]  # all known
    except TypeError:
        pass
    if days.count(None) == len(days):  # none known yet (a history's first read): all at C speed
        ats = [record.at for record in records]
        if None in ats:  # undated events (X follows) would send parse_days the slow way
            dated = [n for n, at in enumerate(ats) if at is not None]
            parsed = [UNDATED] * len(ats)
            for n, day in zip(dated, parse_days([ats[n] for n in dated]), strict=True):
                parsed[n] = day
        else:
            parsed = parse_days(ats)
        deque(map(_set_day, records, parsed), maxlen=0)
        return parsed
    missing = [i for i, day in enumerate(days) if day is None]
    ats = [records[i].at for i in missing]
    dated = [n for n, at in enumerate(ats) if at is not None]  # one None would send parse_days the slow way
    parsed = [UNDATED] * len(missing)
    for n, day in zip(dated, parse_days([ats[n] for n in dated]), strict=True):
        parsed[n] = day
    for i, day in zip(missing, parsed, strict=True):
        _set_day(records[i], day)
        days[i] = day
    return days  # type: ignore[return-value]  # no None is left


_new = object.__new__
(
    _set_id,
    _set_person,
    _set_kind,
    _set_direction,
    _set_at,
    _set_source,
    _set_created,
    _set_note,
    _set_thread,
    _set_ask,
    _set_follow_up,
    _set_network,
    _set_source_id,
    _set_import_id,
    _set_day,
) = (getattr(Interaction, f.name).__set__ for f in fields(Interaction))
# Values every store repeats hundreds of thousands of times; one shared string each.
_COMMON: dict[str, str] = {
    v: v
    for v in (
        "in_person",
        "call",
        "email",
        "dm",
        "comment",
        "like",
        "follow",
        "connection_request",
        "connection_accepted",
        "endorsement",
        "recommendation",
        "intro",
        "help",
        "me",
        "them",
        "both",
        "unknown",
        "manual",
        "page",
        "import:linkedin",
        "import:x",
        "linkedin",
        "x",
    )
}
_REQUIRED = frozenset({"id", "person", "kind", "direction", "at"})
_DEFAULTS: dict[str, Any] = {
    "source": "manual",
    "created": "",
    "note": "",
    "thread": None,
    "ask": False,
    "follow_up": None,
    "network": None,
    "source_id": None,
    "import_id": None,
}

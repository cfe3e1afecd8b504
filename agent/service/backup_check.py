"""Checking a backup's records with the API's own rules before any is restored.

A backup file is as hostile as any other input: a restore must never store what a client could not have sent
(a bad date that breaks a person's view for good, a 10 MB note, an interaction with no one). Every record goes
through the validators the API uses for logs and people; the first problems are listed and nothing is applied.
"""

from __future__ import annotations

from typing import Any

from agent.records import NETWORKS, Identity, Interaction, Person
from agent.service import fields
from agent.service.errors import Invalid
from agent.service.interactions import parse_log_fields
from agent.service.people import identity_key, parse_person_changes

MAX_PROBLEMS = 10  # listed in the refusal; enough to see a pattern, short enough to read
MAX_ID = 200
CHECKED = (Invalid, KeyError, TypeError, ValueError, OverflowError, AttributeError)


class BackupProblems(Invalid):
    """The file holds records the API would refuse; nothing of it was restored."""

    def __init__(self, name: str, problems: list[str], total: int) -> None:
        more = f" (and {total - len(problems)} more)" if total > len(problems) else ""
        listed = "; ".join(problems)
        super().__init__(
            f"{name} has {total} record(s) Fathom would not accept{more}: {listed}. Nothing was restored; "
            "restore an unedited backup instead.",
            "bad_backup",
        )
        self.problems = problems


def checked_records(name: str, data: dict[str, Any]) -> tuple[list[Person], list[Interaction], list[dict[str, Any]]]:
    """The people, interactions and import records of backup ``data``, each validated; BackupProblems lists
    what is wrong."""
    problems: list[str] = []
    total = 0

    def problem(text: str) -> None:
        nonlocal total
        total += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(text)

    raw_people, raw_inters = data.get("people"), data.get("interactions")
    if not isinstance(raw_people, list) or not isinstance(raw_inters, list):
        raise Invalid(f"{name} has no lists of people and interactions; nothing was restored.", "bad_backup")
    people: list[Person] = []
    refused: set[Any] = set()  # ids of people already listed as a problem: their interactions are not one more
    for n, raw in enumerate(raw_people, 1):
        try:
            people.append(_person(raw))
        except CHECKED as exc:
            problem(f"person {n}: {_reason(exc)}")
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                refused.add(raw["id"])
    known = {p.id for p in people}
    if len(known) != len(people):
        problem("two people share an id")
    interactions: list[Interaction] = []
    for n, raw in enumerate(raw_inters, 1):
        try:
            item = _interaction(raw)
            if item.person in refused:
                continue
            if item.person not in known:
                raise Invalid(f"it names person {item.person!r}, who is not in the file")
            interactions.append(item)
        except CHECKED as exc:
            problem(f"interaction {n}: {_reason(exc)}")
    if len({i.id for i in interactions}) != len(interactions):
        problem("two interactions share an id")
    imports: list[dict[str, Any]] = []
    raw_imports = data.get("imports", [])
    if not isinstance(raw_imports, list):
        raise Invalid(f"{name} has an imports entry that is not a list; nothing was restored.", "bad_backup")
    for n, raw in enumerate(raw_imports, 1):
        try:
            imports.append(_import_record(raw))
        except CHECKED as exc:
            problem(f"import {n}: {_reason(exc)}")
    if total:
        raise BackupProblems(name, problems, total)
    return people, interactions, imports


def _reason(exc: BaseException) -> str:
    if isinstance(exc, Invalid):
        return exc.message
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    return f"malformed ({type(exc).__name__})"


def _record_id(value: Any) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_ID:
        raise Invalid(f"id must be a short string; got {value!r:.60}")
    return value


def _stamp(value: Any, name: str) -> str:
    """created/updated: empty or a date the API would accept, kept as written when it is."""
    if value in (None, ""):
        return ""
    try:
        fields.at(value)
    except Invalid:
        raise Invalid(f"{name} is not an ISO 8601 date or datetime; got {value!r:.60}") from None
    return str(value)


def _person(raw: Any) -> Person:
    if not isinstance(raw, dict):
        raise Invalid("not an object")
    pid = _record_id(raw["id"])
    editable = parse_person_changes(raw)  # notes, how_met, tags: the API's rules
    identities: list[Identity] = []
    for ident in raw.get("identities") or []:
        if not isinstance(ident, dict):
            raise Invalid("an identity is not an object")
        network, handle, x_id = ident.get("network"), ident.get("handle"), ident.get("x_id")
        if network not in NETWORKS:
            raise Invalid(f"network must be 'linkedin' or 'x'; got {network!r:.60}")
        if handle is not None:
            network, handle = identity_key(network, handle)
        if x_id is not None and (not isinstance(x_id, str) or not x_id.isdigit() or len(x_id) > 30):
            raise Invalid(f"x_id must be a numeric string; got {x_id!r:.60}")
        identities.append(Identity(network, handle, x_id))
    loop_state = raw.get("loop_state") or {}
    if not isinstance(loop_state, dict) or not all(_loop_entry(k, v) for k, v in loop_state.items()):
        raise Invalid("loop_state must map review keys to {state, until}")
    merged = raw.get("merged_from") or []
    if not isinstance(merged, list) or not all(isinstance(m, str) for m in merged):
        raise Invalid("merged_from must be a list of ids")
    profiles = raw.get("network_profiles") or {}
    if not isinstance(profiles, dict) or not all(_network_profile(k, v) for k, v in profiles.items()):
        raise Invalid("network_profiles must map 'linkedin' or 'x' to {name, headline, location} text")
    not_same = raw.get("not_same") or []
    if not isinstance(not_same, list) or not all(isinstance(k, str) and len(k) <= MAX_ID for k in not_same):
        raise Invalid("not_same must be a list of profiles such as 'x:handle'")
    return Person(
        id=pid,
        name=fields.text(raw.get("name"), "name", fields.MAX_NOTE),
        headline=fields.text(raw.get("headline"), "headline", fields.MAX_NOTE),
        location=fields.text(raw.get("location"), "location", fields.MAX_NOTE),
        identities=tuple(identities),
        notes=editable.get("notes", ""),
        how_met=editable.get("how_met", ""),
        tags=editable.get("tags", ()),
        created=_stamp(raw.get("created"), "created"),
        updated=_stamp(raw.get("updated"), "updated"),
        loop_state=loop_state,
        merged_from=tuple(merged),
        network_profiles={k: dict(v) for k, v in profiles.items()},
        not_same=tuple(not_same),
    )


def _network_profile(network: Any, profile: Any) -> bool:
    """One network's own name, headline and location, kept while linked (see people.link)."""
    return (
        network in NETWORKS
        and isinstance(profile, dict)
        and set(profile) <= {"name", "headline", "location"}
        and all(isinstance(v, str) and len(v) <= fields.MAX_NOTE for v in profile.values())
    )


def _interaction(raw: Any) -> Interaction:
    if not isinstance(raw, dict):
        raise Invalid("not an object")
    if "direction" not in raw:
        raise KeyError("direction")
    logged = parse_log_fields(raw)  # kind, direction, at, note, thread, ask, follow_up: the API's rules
    network = raw.get("network")
    if network is not None and network not in NETWORKS:
        raise Invalid(f"network must be 'linkedin' or 'x'; got {network!r:.60}")
    source = fields.text(raw.get("source") or "manual", "source", MAX_ID)
    source_id, import_id = raw.get("source_id"), raw.get("import_id")
    return Interaction(
        id=_record_id(raw["id"]),
        person=_record_id(raw["person"]),
        kind=logged["kind"],
        direction=logged["direction"],
        at=logged["at"],
        source=source,
        created=_stamp(raw.get("created"), "created"),
        note=logged["note"],
        thread=logged["thread"],
        ask=logged["ask"],
        follow_up=logged["follow_up"],
        network=network,
        source_id=None if source_id is None else fields.text(source_id, "source_id", MAX_ID),
        import_id=None if import_id is None else _record_id(import_id),
    )


def _loop_entry(key: Any, value: Any) -> bool:
    """A review choice as agent/service/review.py writes it: flat, with a known state."""
    return (
        isinstance(key, str)
        and len(key) <= MAX_ID
        and isinstance(value, dict)
        and value.get("state") in ("done", "dismissed", "snoozed")
        and all(isinstance(v, str | None) and (v is None or len(v) <= MAX_ID) for v in value.values())
    )


# An import record nests six levels (people_changed, a person, before, identities, one identity); the store's
# JSON writer refuses much deeper values, so a deeper record would make every later write fail.
MAX_IMPORT_DEPTH = 8


def _depth(value: Any, limit: int) -> int:
    if limit < 0:
        return 1
    if isinstance(value, dict):
        return 1 + max((_depth(v, limit - 1) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v, limit - 1) for v in value), default=0)
    return 0


def _import_record(raw: Any) -> dict[str, Any]:
    """An import record as `fathom import list` and `import undo` read it (agent/service/importing.py)."""
    if not isinstance(raw, dict):
        raise Invalid("not an object")
    if _depth(raw, MAX_IMPORT_DEPTH) > MAX_IMPORT_DEPTH:
        raise Invalid(f"it nests deeper than {MAX_IMPORT_DEPTH} levels")
    _record_id(raw["id"])
    if raw["network"] not in NETWORKS:
        raise Invalid(f"network must be 'linkedin' or 'x'; got {raw['network']!r:.60}")
    fields.text(raw["label"], "label", fields.MAX_NOTE)
    fields.at(raw["at"])
    created = raw.get("people_created", [])
    if not isinstance(created, list) or not all(isinstance(p, str) for p in created):
        raise Invalid("people_created must be a list of person ids")
    for key in ("sources_held", "people_held"):
        held = raw.get(key, [])
        if not isinstance(held, list) or not all(isinstance(h, str) for h in held):
            raise Invalid(f"{key} must be a list of ids")
    changed = raw.get("people_changed", {})
    if not isinstance(changed, dict) or not all(
        isinstance(c, dict) and isinstance(c.get("before"), dict) and isinstance(c.get("after"), dict)
        for c in changed.values()
    ):
        raise Invalid("people_changed must map person ids to {before, after}")
    summary = raw["summary"]
    if not isinstance(summary, dict) or not all(
        isinstance(summary.get(key), int) for key in ("interactions_added", "people_created")
    ):
        raise Invalid("summary must hold the counts interactions_added and people_created")
    return raw

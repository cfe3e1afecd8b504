"""Logging, editing and undoing interactions. Builders run on the store's writer thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.kinds import KIND_BY_ID
from agent.records import FollowUp, Interaction, Person
from agent.service import fields
from agent.service.clock import iso_now, new_id
from agent.service.errors import Invalid, Missing
from agent.service.people import ensure_person, get_or_error
from agent.store import ops
from agent.store.ops import Op
from agent.store.store import Store

EDITABLE = ("kind", "direction", "at", "note", "thread", "ask", "follow_up")


@dataclass(frozen=True)
class LogRequest:
    kind: str
    direction: str | None = None
    at: str | None = None
    note: str = ""
    thread: str | None = None
    ask: bool = False
    follow_up: FollowUp | None = None
    source: str = "manual"
    person_id: str | None = None
    network: str | None = None
    handle: str | None = None
    name: str = ""


def parse_log_fields(body: dict[str, Any]) -> dict[str, Any]:
    """Validate the interaction fields of a request body (shared by the API and the CLI)."""
    out: dict[str, Any] = {"kind": fields.kind(body.get("kind"))}
    if body.get("direction") is not None:
        out["direction"] = fields.direction(body["direction"])
    out["at"] = fields.at(body.get("at"))
    out["note"] = fields.text(body.get("note"), "note", fields.MAX_NOTE)
    thread = fields.text(body.get("thread"), "thread", fields.MAX_THREAD)
    out["thread"] = thread or None
    out["ask"] = fields.flag(body.get("ask"), "ask")
    out["follow_up"] = fields.follow_up(body.get("follow_up"))
    return out


def log(store: Store, req: LogRequest) -> tuple[list[Op], tuple[Interaction, Person]]:
    out: list[Op] = []
    if req.person_id:
        person = get_or_error(store, req.person_id)
    elif req.network and req.handle:
        out, person = ensure_person(store, req.network, req.handle, name=req.name)
    else:
        raise Invalid("say who: person_id, or network and handle", "missing_person")
    kind = KIND_BY_ID[req.kind]
    if req.ask and not kind.can_ask:
        raise Invalid(f"a {kind.label.lower()} cannot be an ask; use a message, email, call or meeting", "bad_ask")
    now = iso_now()
    follow_up = req.follow_up
    if follow_up and not follow_up.due:
        follow_up = FollowUp(follow_up.text, _plus_days(now, 7), follow_up.done)  # spec default: +7 days
    network = req.network or (person.networks[0] if len(person.networks) == 1 else None)
    interaction = Interaction(
        id=new_id("i"),
        person=person.id,
        kind=req.kind,
        direction=req.direction or kind.default_direction,
        at=req.at or now,
        source=req.source,
        created=now,
        note=req.note,
        thread=req.thread,
        ask=req.ask,
        follow_up=follow_up,
        network=network,
    )
    out.append(ops.put_interaction(interaction))
    return out, (interaction, person)


def edit(store: Store, interaction_id: str, changes: dict[str, Any]) -> tuple[list[Op], Interaction]:
    current = get_interaction(store, interaction_id)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise Invalid(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE)}", "unknown_field")
    if not changes:
        return [], current
    updated = current.with_changes(**changes)
    if updated.ask and not KIND_BY_ID[updated.kind].can_ask:
        raise Invalid(f"a {KIND_BY_ID[updated.kind].label.lower()} cannot be an ask", "bad_ask")
    return [ops.put_interaction(updated)], updated


def delete(store: Store, interaction_id: str) -> tuple[list[Op], Interaction]:
    current = get_interaction(store, interaction_id)
    return [ops.delete_interaction(current.id)], current


def get_interaction(store: Store, interaction_id: Any) -> Interaction:
    if not isinstance(interaction_id, str) or len(interaction_id) > 64:
        raise Invalid("interaction id must be a short string", "bad_id")
    current = store.interaction(interaction_id)
    if current is None:
        raise Missing(
            f"No interaction with id {interaction_id!r}; it may have been undone already.", "unknown_interaction"
        )
    return current


def _plus_days(stamp: str, days: int) -> str:
    from datetime import datetime, timedelta

    return (datetime.fromisoformat(stamp) + timedelta(days=days)).date().isoformat()

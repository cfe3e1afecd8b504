"""The journal's operations: idempotent puts and deletes by id, so replaying them twice is harmless."""

from __future__ import annotations

from typing import Any

from agent.records import Interaction, Person

Op = dict[str, Any]


def put_person(person: Person) -> Op:
    return {"op": "put_person", "v": person.to_record()}


def delete_person(person_id: str) -> Op:
    return {"op": "del_person", "id": person_id}


def put_interaction(interaction: Interaction) -> Op:
    return {"op": "put_interaction", "v": interaction.to_record()}


def delete_interaction(interaction_id: str) -> Op:
    return {"op": "del_interaction", "id": interaction_id}


def put_meta(key: str, value: Any) -> Op:
    return {"op": "put_meta", "key": key, "v": value}


def put_import(record: dict[str, Any]) -> Op:
    return {"op": "put_import", "v": record}


def delete_import(import_id: str) -> Op:
    return {"op": "del_import", "id": import_id}

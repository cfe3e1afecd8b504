"""Export, backup and restore: one documented JSON shape (docs/export.md) that round-trips exactly."""

from __future__ import annotations

import csv
import errno
import io
import itertools
import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent import __version__
from agent.amounts import people_and_interactions
from agent.service.backup_check import checked_records
from agent.service.errors import Invalid
from agent.store import ops
from agent.store.errors import StoreWriteFailed
from agent.store.files import write_new
from agent.store.ops import Op
from agent.store.store import Store

FORMAT = "fathom-export"
FORMAT_VERSION = 1


def document(state: dict[str, Any]) -> dict[str, Any]:
    """The export/backup document for a consistent state copy (Store.export_state)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "fathom_version": __version__,
        "schema": state["schema"],
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        # In an order of their own (the store's depends on how it was loaded), so the same data is the same file.
        "people": sorted(state["people"], key=lambda p: (p["name"], json.dumps(p["identities"]), p["id"])),
        "interactions": sorted(
            state["interactions"], key=lambda i: (i["at"] or "", i["source_id"] or "", i["created"], i["id"])
        ),
        "imports": state.get("imports", []),
    }


def write_backup(store: Store, target: Path, *, fresh_name: bool = False) -> Path:
    """Write the backup as a new file; it never overwrites one. With ``fresh_name`` an existing name gets a counter
    (``…-2.json``), so two backups in the same second are two files; without, an existing ``target`` is refused.
    A full disk or an I/O error is StoreWriteFailed and leaves no file behind."""
    data = json.dumps(document(store.export_state()), ensure_ascii=False).encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for n in itertools.count(1):
            name = target if n == 1 else target.with_name(f"{target.stem}-{n}{target.suffix}")
            try:
                write_new(name, data)
                return name
            except FileExistsError:
                if not fresh_name:
                    raise Invalid(
                        f"{target} already exists; Fathom never overwrites a file. Choose another --out FILE.",
                        "file_exists",
                    ) from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StoreWriteFailed(
                f"The disk is full, so Fathom could not write the backup {target}. Free some space (or choose "
                "another disk with --out) and try again; nothing was changed."
            ) from exc
        raise StoreWriteFailed(
            f"Fathom could not write the backup {target} ({exc.strerror or exc}). Nothing was changed; "
            "check the folder and try again."
        ) from exc
    raise AssertionError("unreachable")  # itertools.count never ends


def backup_name(prefix: str = "") -> str:
    return f"{prefix}fathom-backup-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"


MAX_BACKUP_BYTES = 1 << 30  # a heavy user's 300,000 interactions take ~150 MB; more is not a Fathom backup


def read_document(path: Path) -> dict[str, Any]:
    """A backup or JSON export, read with a size cap and every record checked with the API's rules.

    Anything wrong is an Invalid naming the file (and the first bad records); the store is not touched.
    """
    data = _parse(path, _read_capped(path))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Invalid(f"{path} is not a Fathom backup or JSON export.", "bad_backup")
    version = data.get("format_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise Invalid(
            f"{path} has a format_version that is not a whole number ({version!r:.40}); it was not written "
            "by Fathom. Restore an unedited backup.",
            "bad_backup",
        )
    if version > FORMAT_VERSION:
        raise Invalid(f"{path} was written by a newer Fathom; upgrade to restore it.", "bad_backup")
    data["_people"], data["_interactions"], data["_imports"] = checked_records(str(path), data)
    return data


def _read_capped(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):  # /dev/zero or a pipe would never end
                raise Invalid(f"{path} is not a regular file; give the path of a backup file.", "bad_backup")
            if info.st_size > MAX_BACKUP_BYTES:
                raise Invalid(_too_large(path), "bad_backup")
            raw = handle.read(MAX_BACKUP_BYTES + 1)
    except OSError as exc:
        raise Invalid(f"Cannot read {path}: {exc.strerror}.", "bad_backup") from None
    if len(raw) > MAX_BACKUP_BYTES:
        raise Invalid(_too_large(path), "bad_backup")
    return raw


def _too_large(path: Path) -> str:
    return f"{path} is larger than {MAX_BACKUP_BYTES >> 20} MB, so it is not a Fathom backup; nothing was restored."


def _parse(path: Path, raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except RecursionError:  # deep nesting: no Fathom backup nests more than a few levels
        raise Invalid(f"{path} nests too deeply to be a Fathom backup; nothing was restored.", "bad_backup") from None
    except ValueError:
        raise Invalid(f"{path} is not a Fathom backup or JSON export (not valid JSON).", "bad_backup") from None


def plan_restore(store: Store, data: dict[str, Any], *, replace: bool) -> tuple[list[Op], dict[str, int]]:
    people, interactions = data["_people"], data["_interactions"]
    existing_people, existing_inters = store.counts()
    if (existing_people or existing_inters) and not replace:
        raise Invalid(
            f"This data dir already holds {people_and_interactions(existing_people, existing_inters)}. "
            "Restore into an empty data dir (--data-dir), or pass --replace (a backup of what is there is kept).",
            "not_empty",
        )
    out: list[Op] = []
    if replace:
        out += [ops.delete_interaction(i.id) for i in store.interactions()]
        out += [ops.delete_person(p.id) for p in store.people()]
        out += [ops.delete_import(i) for i in store.imports()]
    out += [ops.put_person(p) for p in people]
    out += [ops.put_interaction(i) for i in interactions]
    out += [ops.put_import(r) for r in data["_imports"]]
    return out, {"people": len(people), "interactions": len(interactions)}


PEOPLE_COLUMNS = (
    "id",
    "name",
    "headline",
    "location",
    "linkedin",
    "x_handle",
    "x_id",
    "tags",
    "how_met",
    "notes",
    "created",
    "updated",
)
INTERACTION_COLUMNS = (
    "id",
    "person",
    "kind",
    "direction",
    "at",
    "note",
    "thread",
    "ask",
    "follow_up_text",
    "follow_up_due",
    "follow_up_done",
    "network",
    "source",
    "source_id",
    "import_id",
    "created",
)


# A cell starting with one of these is a formula to a spreadsheet: a name, headline or message from a page or
# an import could then fetch a URL carrying other cells when the user opens the file (CSV injection).
# Spreadsheets also read the fullwidth forms (Ｚ＝...) as formulas, and skip invisible characters before them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
INVISIBLE_LEAD = "\ufeff\u200b\u200c\u200d\u2060"  # BOM, zero-width space / non-joiner / joiner, word joiner


def spreadsheet_safe(value: object) -> object:
    """``value``, with a leading apostrophe when a spreadsheet would read it as a formula (the apostrophe shows
    as text and keeps the rest literal; the JSON export keeps the exact text)."""
    if isinstance(value, str) and value.lstrip(INVISIBLE_LEAD).startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _SafeWriter:
    """A csv writer whose every cell goes through ``spreadsheet_safe``."""

    def __init__(self, out: io.StringIO) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: list[Any] | tuple[Any, ...]) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


def csv_files(state: dict[str, Any]) -> dict[str, str]:
    """people.csv and interactions.csv (spreadsheet-friendly, formulas defused; JSON is the lossless format)."""
    people = io.StringIO()
    writer = _SafeWriter(people)
    writer.writerow(PEOPLE_COLUMNS)
    for p in state["people"]:
        ids = {i["network"]: i for i in p["identities"]}
        writer.writerow(
            [
                p["id"],
                p["name"],
                p["headline"],
                p["location"],
                (ids.get("linkedin") or {}).get("handle") or "",
                (ids.get("x") or {}).get("handle") or "",
                (ids.get("x") or {}).get("x_id") or "",
                ";".join(p["tags"]),
                p["how_met"],
                p["notes"],
                p["created"],
                p["updated"],
            ]
        )
    inters = io.StringIO()
    writer = _SafeWriter(inters)
    writer.writerow(INTERACTION_COLUMNS)
    for i in state["interactions"]:
        fu = i.get("follow_up") or {}
        writer.writerow(
            [
                i["id"],
                i["person"],
                i["kind"],
                i["direction"],
                i["at"] or "",
                i["note"],
                i["thread"] or "",
                i["ask"],
                fu.get("text", ""),
                fu.get("due") or "",
                fu.get("done", ""),
                i["network"] or "",
                i["source"],
                i["source_id"] or "",
                i["import_id"] or "",
                i["created"],
            ]
        )
    return {"people.csv": people.getvalue(), "interactions.csv": inters.getvalue()}

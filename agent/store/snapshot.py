"""The compacted state on disk: TinyDB JSON files, written atomically.

Layout in ``<data dir>/store/``: ``people.json`` (tables ``people``, ``meta`` and ``imports``) and
``interactions-00.json`` … ``-63.json`` (table ``interactions``), sharded by person id: a compaction after a
few logs rewrites a small file, not 100 MB, and one person's whole history is in one file, so the agent can
answer for a person before the other files are read (``progressive.py``). Every file is a plain TinyDB
database: ``TinyDB(path, storage=AtomicJSONStorage)`` opens it. ``manifest.json`` says what each must hold.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from agent.store import codec
from agent.store.errors import StoreCorrupt
from agent.store.files import atomic_write

# A shard is read in one piece: at a heavy user's 300,000 interactions one is about 1.6 MB, which a reader
# that needs one person loads in tens of milliseconds. Stored in the meta as "shards"; a store written with
# another count is refiled once when opened.
SHARDS = 64
PEOPLE_FILE = "people.json"
SHARD_GLOB = "interactions-*.json"


def shard_of(person_id: str) -> int:
    """The shard holding every interaction of ``person_id`` (schema 2; schema 1 sharded by interaction id)."""
    return zlib.crc32(person_id.encode()) % SHARDS


def shard_file(index: int) -> str:
    return f"interactions-{index:02d}.json"


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file (temp file, fsync, rename)."""

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)
        self.crc: int | None = None  # of the bytes last read or written (0: no file), for Store.person_fingerprint

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self.crc = 0
            return None
        self.crc = zlib.crc32(raw)
        if not raw.strip():
            return None
        try:
            data = codec.loads(raw)
        except ValueError as exc:
            raise StoreCorrupt(str(self.path), f"not valid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise StoreCorrupt(str(self.path), "not a TinyDB database")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raw = codec.dumps(data)
        atomic_write(self.path, raw)
        self.crc = zlib.crc32(raw)

    def close(self) -> None:
        pass


def parse(path: Path, raw: bytes | None, table: str) -> tuple[dict[str, Any] | None, int]:
    """The database in ``raw`` (None: the file is absent) and how many records its ``table`` holds.

    Fathom always writes a file whole with its main table, even an empty one, so a file that is empty, blank,
    ``{}`` or without that table was damaged after it was written: never read as "no records"."""
    if raw is None:
        return None, 0
    if not raw.strip():
        raise StoreCorrupt(str(path), "it is empty, but Fathom never writes an empty file")
    try:
        data = codec.loads(raw)
    except ValueError as exc:
        raise StoreCorrupt(str(path), f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise StoreCorrupt(str(path), "not a TinyDB database")
    rows = data.get(table)
    if not isinstance(rows, dict):
        raise StoreCorrupt(str(path), f"it has no {table!r} table, which Fathom always writes")
    return data, len(rows)


def table_rows(data: dict[str, Any] | None, table: str, path: Path) -> list[dict[str, Any]]:
    if not data:
        return []
    rows = data.get(table, {})
    if not isinstance(rows, dict):
        raise StoreCorrupt(str(path), f"table {table!r} is not a TinyDB table")
    return list(rows.values())


def as_table(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """TinyDB's on-disk table shape: {doc_id: document}."""
    return {str(i): row for i, row in enumerate(rows, start=1)}

"""The two yardsticks for a durable log: the physical floor (append one small record and fsync it, on the
data dir's disk) and the naive design (TinyDB's default JSON storage, which rewrites the whole table on every
insert)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import TinyDB

from agent.records import Interaction

RECORD = b'{"op":"put_interaction","v":{"id":"i_0000000000000000","kind":"dm","direction":"me"}}\n' * 3


class FsyncFloor:
    """Appends a small record and fsyncs it: the least any durable acknowledged write can cost on this disk."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "bench-fsync-floor.log"
        self._fd = -1

    def __enter__(self) -> FsyncFloor:
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        os.close(self._fd)
        self.path.unlink(missing_ok=True)

    def write_once(self) -> float:
        """Milliseconds for one append + fsync."""
        start = time.perf_counter()
        os.write(self._fd, RECORD)
        os.fsync(self._fd)
        return (time.perf_counter() - start) * 1000


def interaction_doc(n: int) -> dict[str, Any]:
    """An interaction shaped and sized like the store's, for the naive table."""
    return Interaction(
        id=f"i_{n:016x}",
        person=f"p_{n % 37_000:016x}",
        kind="dm",
        direction="me" if n % 2 else "them",
        at="2021-06-11T15:33:58+00:00",
        source="import:linkedin",
        created="2021-06-11T15:33:58+00:00",
        note="Thanks for the intro!",
        thread=f"bench-linkedin-{n // 4:012x}",
        network="linkedin",
        source_id=f"bench:linkedin:{n:016x}",
        import_id="imp_bench_linkedin",
    ).to_json()


def tinydb_inserts(directory: Path, rows: int, inserts: int) -> list[float]:
    """Milliseconds per ``table.insert`` into a TinyDB (default JSONStorage) table already holding ``rows``."""
    path = directory / "naive-tinydb.json"
    path.unlink(missing_ok=True)
    try:
        with TinyDB(path) as db:
            db.table("interactions").insert_multiple(interaction_doc(n) for n in range(rows))  # set-up, not timed
        times = []
        with TinyDB(path) as db:
            table = db.table("interactions")
            for n in range(inserts):
                doc = interaction_doc(rows + n)
                start = time.perf_counter()
                table.insert(doc)
                times.append((time.perf_counter() - start) * 1000)
        return times
    finally:
        path.unlink(missing_ok=True)

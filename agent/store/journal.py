"""The append-only journal: every acknowledged write is here, fsync'd, before it is applied in memory.

One line per record: ``<crc32 hex>\t<json>\n``. A transaction may span several records (large imports are
written in chunks so the agent keeps answering); it counts only once its record with ``"end": true`` is on
disk. At start the journal is replayed over the snapshot. Only two things are a crash's leftovers, never
acknowledged, and cut off: a torn tail (a last line without its newline: the write stopped mid-record) and a
transaction whose end record never came. A complete line (newline and all) that fails its checksum is damage,
wherever it is, even last: it may be an acknowledged write, so the store refuses to open and keeps the file
byte-for-byte rather than guess.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.store import codec
from agent.store.errors import StoreCorrupt, StoreWriteFailed
from agent.store.files import PRIVATE_FILE, fsync_dir

Op = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Replayed:
    transactions: list[list[Op]]
    valid_bytes: int  # where the good part ends; anything after it is a torn tail or an unfinished transaction
    cut_bytes: int  # how many bytes that is (logged when the store opens)


def encode_record(txn: int, ops: list[Op], end: bool) -> bytes:
    """One line; the ops must be clean (codec.is_clean), which the store ensures before journalling."""
    raw = codec.dumps({"txn": txn, "end": end, "ops": ops})
    return b"%08x\t%s\n" % (zlib.crc32(raw), raw)


def read_journal(path: Path) -> Replayed:
    """Parse the journal into complete transactions, in order."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Replayed([], 0, 0)
    done: list[list[Op]] = []
    pending: dict[int, list[Op]] = {}
    pos = 0
    valid = 0  # offset after the last record that closed every open transaction
    lines = data.split(b"\n")
    tail = lines.pop()  # the text after the final newline: empty, or a record whose write never finished
    for number, line in enumerate(lines, start=1):
        record = _decode(line)
        if record is None:
            raise StoreCorrupt(str(path), f"journal record {number} (at byte {pos}) is complete but fails its checksum")
        pos += len(line) + 1
        txn, ops, end = record
        pending.setdefault(txn, []).extend(ops)
        if end:
            done.append(pending.pop(txn))
        if not pending:
            valid = pos
    if tail and _decode(tail[:-1]) is not None:
        # Each record is written with its newline in one piece: a whole record followed by a stray byte
        # is a damaged newline, not a write cut short.
        raise StoreCorrupt(str(path), f"the last journal record (at byte {pos}) lost its line end")
    return Replayed(done, valid, len(data) - valid)


def _decode(line: bytes) -> tuple[int, list[Op], bool] | None:
    if len(line) < 10 or line[8:9] != b"\t":
        return None
    raw = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(raw):
            return None
        record = codec.loads(raw)
        return int(record["txn"]), list(record["ops"]), bool(record["end"])
    except (ValueError, KeyError, TypeError):  # orjson.JSONDecodeError is a ValueError
        return None


class JournalWriter:
    """Appends records and fsyncs. Only the store's single writer thread calls it."""

    def __init__(self, path: Path, start_at: int) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
        os.ftruncate(self._fd, start_at)  # drop a torn tail before appending after it
        os.lseek(self._fd, start_at, os.SEEK_SET)
        os.fsync(self._fd)
        self.size = start_at
        self._torn = False  # a failed write's remains could not be cut yet

    def append(self, records: list[bytes]) -> None:
        """Write records and make them durable, or leave the file as it was and raise StoreWriteFailed."""
        before = self.size
        try:
            if self._torn:
                # Appending after a failed write's remains would seal them into a complete line that fails its
                # checksum, and the store would then refuse to open: cut them first, or write nothing.
                self._cut(before)
            for rec in records:
                view = memoryview(rec)
                while view:
                    view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError as exc:
            self._rollback(before)
            raise StoreWriteFailed(_explain(exc)) from exc
        self.size = before + sum(len(r) for r in records)

    def _cut(self, size: int) -> None:
        os.ftruncate(self._fd, size)
        os.lseek(self._fd, size, os.SEEK_SET)
        os.fsync(self._fd)
        self._torn = False

    def _rollback(self, size: int) -> None:
        try:
            self._cut(size)
        except OSError:
            self._torn = True  # cut before the next append; a start cuts it too (no newline: a torn tail)

    def reset(self) -> None:
        """Start an empty journal after a snapshot made everything in it redundant."""
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.fsync(self._fd)
        fsync_dir(self.path.parent)
        self.size = 0
        self._torn = False

    def close(self) -> None:
        os.close(self._fd)


def _explain(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return "The disk is full, so Fathom could not save this. Free some space and try again; nothing was lost."
    return f"Fathom could not save this ({exc.strerror or exc}). Nothing was changed; try again."

"""The store: load at start, serve reads from memory, make every write durable before applying it.

Writes go through one writer thread, in order: a write's ``build`` function runs there against the current
state (so check-then-write is race-free), its ops are journalled and fsync'd, then applied in memory, then
acknowledged. The journal is compacted into the TinyDB snapshot files when it grows past a threshold and
at close. See ``journal.py`` for the crash rules, ``snapshot.py`` for the files and ``manifest.py`` for how a
file damaged after it was written is recognised (then the store refuses to open and never writes over it).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import itertools
import logging
import os
import queue
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from agent.identity import name_key
from agent.paths import DataDirLayout
from agent.records import Interaction, Person
from agent.store import codec, migrations
from agent.store.errors import StoreCorrupt, StoreError, StoreWriteFailed
from agent.store.files import atomic_write, ensure_private_dir
from agent.store.journal import JournalWriter, encode_record, read_journal
from agent.store.lock import DataDirLock
from agent.store.manifest import FORMAT as MANIFEST_FORMAT
from agent.store.manifest import MANIFEST_FILE, FileSum, Manifest, check, read_manifest, write_manifest
from agent.store.ops import Op
from agent.store.progressive import ShardLoader
from agent.store.snapshot import (
    PEOPLE_FILE,
    SHARD_GLOB,
    SHARDS,
    as_table,
    parse,
    shard_file,
    shard_of,
    table_rows,
)
from agent.store.state import State

log = logging.getLogger("fathom.store")

T = TypeVar("T")
Build = Callable[["Store"], tuple[list[Op], T]]

STEP_ASIDE_S = 0.005
MAX_STEP_ASIDE = 50  # × STEP_ASIDE_S: how long the background load waits for requests before each shard
CHUNK_OPS = 2000  # ops per journal record, so a big import never holds the GIL for long in one piece
DEFAULT_COMPACT_BYTES = 32 * 1024 * 1024
# A backup's name as agent/service/backup.py writes it: the UTC time, then a counter for the same second.
BACKUP_NAME = re.compile(r"fathom-backup-(\d{8}T\d{6}Z)(?:-(\d+))?\.json$")


class Store:
    """All of one data dir's people and interactions. Create with :meth:`open`; close when done."""

    def __init__(self, layout: DataDirLayout, lock: DataDirLock, compact_bytes: int) -> None:
        self.layout = layout
        self._lock = lock
        self._state = State()
        self._compact_bytes = compact_bytes
        self._dirty_shards: set[int] = set()
        self._people_dirty = False
        self._txn = itertools.count(1)
        self._queue: queue.Queue[tuple[Build[Any], Future[Any]] | None] = queue.Queue()
        self._journal: JournalWriter | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        self._failed: str | None = None
        self._loader = ShardLoader.already_loaded(SHARDS)
        self._serving = 0  # requests being answered (changed on the event loop's thread only)
        self._loading_in_background = False  # on the writer thread, between writes, until every shard is in
        # What manifest.json says the snapshot files hold (None: a store from before manifests, or a new one),
        # and what each file holds as last read or written here (None: absent). Keys are set by the loading
        # threads one file each.
        self._manifest: Manifest | None = None
        self._sums: dict[str, FileSum | None] = {}

    # -- lifecycle ----------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        role: str = "agent",
        compact_bytes: int = DEFAULT_COMPACT_BYTES,
        progressive: bool = False,
    ) -> Store:
        """Take the data dir's exclusive lock and load the store. Raises DataDirLocked or StoreCorrupt.

        ``progressive`` (the agent): return once the people are read, and read the interaction shards in the
        background (see ``progressive.py``); a damaged shard then surfaces from :meth:`wait_loaded` and from
        the reads that need it. Without it (the CLI, tests), everything is read before this returns.
        """
        ensure_private_dir(data_dir)
        layout = DataDirLayout(data_dir)
        ensure_private_dir(layout.store)
        lock = DataDirLock(layout.lock, role).acquire()
        store = cls(layout, lock, compact_bytes)
        try:
            store._load(progressive)
        except StoreCorrupt as exc:
            lock.release()
            raise store._with_backup(exc) from None
        except BaseException:
            lock.release()
            raise
        store._thread = threading.Thread(target=store._writer_loop, name="fathom-store-writer", daemon=True)
        store._thread.start()
        return store

    def close(self) -> None:
        """Finish queued writes, compact the journal into the snapshot, release the lock."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        if self._thread:
            self._thread.join()
        unrecorded = self._manifest is None and self._loader.complete and bool(self._sums_found())
        try:
            if self._journal and (self._journal.size or unrecorded) and not self._failed:
                self._compact()
        except (OSError, StoreError) as exc:
            log.warning("could not compact at close (%s); the journal keeps every write", exc)
        finally:
            if self._journal:
                self._journal.close()
            self._lock.release()

    def _load(self, progressive: bool) -> None:
        with _collector_paused():
            self._load_files(progressive)
        self._loading_in_background = not self._loader.complete

    def _load_in_background(self) -> None:
        """On the writer thread when no write is waiting: read one more shard no reader has asked for yet."""
        try:
            if self._loader.load_next():
                return
            log.info("store loaded: %d interactions", len(self._state.interactions))
            if self._manifest is None:
                self._record_manifest()
        except StoreError as exc:
            self._failed = str(exc)  # no write may land on a store that is not wholly in memory
            log.error("%s", exc)
        self._loading_in_background = False

    def _record_manifest(self) -> None:
        """A store from before manifests, now wholly read (and found sound): give it its manifest."""
        try:
            self._compact(remove=self._unused_shards())
        except OSError as exc:
            log.warning("could not write the store's manifest yet (%s); it is written at the next compaction", exc)

    @contextlib.contextmanager
    def serving(self) -> Iterator[None]:
        """Around answering a request (the event loop's thread): the background load steps aside meanwhile,
        for up to a quarter second per shard, so a stream of requests cannot stall it."""
        self._serving += 1
        try:
            yield
        finally:
            self._serving -= 1

    @property
    def loaded(self) -> bool:
        """Every shard is in memory (or its load failed, which the reads then raise)."""
        return self._loader.complete

    async def wait_loaded_async(self) -> None:
        """For the event loop: wait off-thread instead of reading the remaining shards on the loop."""
        if not self._loader.complete:
            await asyncio.to_thread(self._loader.wait)

    def wait_loaded(self, timeout: float | None = None) -> bool:
        """Block until every shard is in memory (True) or ``timeout`` passes (False); raise StoreCorrupt if a
        shard is damaged."""
        return self._loader.wait(timeout)

    def _load_files(self, progressive: bool) -> None:
        layout = self.layout
        people_path = layout.store / PEOPLE_FILE
        self._manifest = read_manifest(layout.store / MANIFEST_FILE)
        if self._manifest is not None:
            self._check_sizes()  # a deleted or truncated shard stops the start, not a request an hour later
        people_db = self._read(people_path, "people")
        people_rows = table_rows(people_db, "people", people_path)
        meta = {m["key"]: m["v"] for m in table_rows(people_db, "meta", people_path)}
        imports = {r["id"]: r for r in table_rows(people_db, "imports", people_path)}
        del people_db
        replayed = read_journal(layout.journal)
        if replayed.cut_bytes:
            log.warning(
                "journal: cut %d bytes after the last complete transaction (a write a crash interrupted before it "
                "was acknowledged)",
                replayed.cut_bytes,
            )
        if self._manifest is None:
            self._check_without_manifest(meta, replayed.transactions)
        version = int(meta.get("schema", migrations.SCHEMA_VERSION if not people_rows else 1))
        filed = meta.get("shards") == SHARDS  # a person's history is in the shard shard_of() names
        try:
            if version == migrations.SCHEMA_VERSION and progressive and filed and not replayed.transactions:
                self._load_people_first(people_rows, meta, imports)
            elif version == migrations.SCHEMA_VERSION:
                self._load_current(people_rows, meta, imports, replayed.transactions)
            else:
                self._load_and_migrate(version, people_rows, meta, imports, replayed.transactions)
        except migrations.SchemaTooNew as exc:
            raise StoreError(str(exc)) from None
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreCorrupt(str(layout.store), f"a record is malformed: {exc!r}", self.newest_backup()) from None
        self._journal = JournalWriter(layout.journal, replayed.valid_bytes)
        if self._state.meta.get("schema") != migrations.SCHEMA_VERSION or not filed:
            self._state.meta["schema"] = migrations.SCHEMA_VERSION
            self._state.meta["shards"] = SHARDS
            self._mark_all_dirty()
            if version != migrations.SCHEMA_VERSION or (people_rows and not filed):
                self._compact(remove=self._unused_shards())
        if self._state.meta.get("manifest") != MANIFEST_FORMAT:
            # From now on people.json says a manifest exists, so a deleted manifest is noticed, not ignored.
            self._state.meta["manifest"] = MANIFEST_FORMAT
            self._people_dirty = True
            if self._loader.complete and self._sums_found():
                # A store from before manifests: record what was just read (and found sound) right away; the
                # agent, which reads its shards in the background, does once they are all read.
                self._compact(remove=self._unused_shards())
        log.info(
            "store opened: %d people, %s interactions, %d journal transactions replayed",
            len(self._state.people),
            len(self._state.interactions) if self._loader.complete else "loading the",
            len(replayed.transactions),
        )

    def _load_people_first(
        self, people_rows: list[dict[str, Any]], meta: dict[str, Any], imports: dict[str, dict[str, Any]]
    ) -> None:
        """A clean shutdown left an empty journal: the people now, each interaction shard when first needed."""
        self._state.load([Person.from_json(p) for p in people_rows], ())
        self._state.meta = meta
        self._state.imports = imports
        self._loader = ShardLoader(SHARDS, self._load_shard)

    def _load_shard(self, index: int) -> None:
        with _collector_paused(collect_first=True):
            try:
                self._read_shard(index)
            except StoreCorrupt as exc:
                raise self._with_backup(exc) from None

    def _read_shard(self, index: int) -> None:
        path = self.layout.store / shard_file(index)
        rows = table_rows(self._read(path, "interactions"), "interactions", path)
        try:
            items = [Interaction.from_json(row) for row in rows]
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreCorrupt(str(path), f"a record is malformed: {exc!r}", self.newest_backup()) from None
        if any(shard_of(i.person) != index for i in items):
            # Moved by hand: still loaded (a reader that came early may have missed it); the next compaction
            # files it where it belongs.
            self._dirty_shards.add(index)
        self._state.add_loaded(items)

    def _load_current(
        self,
        people_rows: list[dict[str, Any]],
        meta: dict[str, Any],
        imports: dict[str, dict[str, Any]],
        transactions: list[list[Op]],
    ) -> None:
        """The usual case: records become objects shard by shard (never all raw at once), then the journal's
        transactions are applied on top, exactly as they were applied when first written."""
        people = [Person.from_json(p) for p in people_rows]
        interactions: list[Interaction] = []
        for path in self._shard_paths():
            interactions.extend(
                Interaction.from_json(row) for row in table_rows(self._read(path, "interactions"), "interactions", path)
            )
        self._state.load(people, interactions)
        self._state.meta = meta
        self._state.imports = imports
        for txn in transactions:
            for op in txn:
                self._mark_dirty(op)  # what only the journal holds must reach the snapshot before a reset
                self._state.apply(op)

    def _load_and_migrate(
        self,
        version: int,
        people_rows: list[dict[str, Any]],
        meta: dict[str, Any],
        imports: dict[str, dict[str, Any]],
        transactions: list[list[Op]],
    ) -> None:
        """An older store: everything is migrated as raw records first (journal included), then loaded."""
        people_raw = {p["id"]: p for p in people_rows}
        inter_raw: dict[str, dict[str, Any]] = {}
        for path in self._shard_paths():
            for row in table_rows(self._read(path, "interactions"), "interactions", path):
                inter_raw[row["id"]] = row
        for txn in transactions:
            for op in txn:
                _apply_raw(op, people_raw, inter_raw, meta, imports)
        people_list, inter_list, _ = migrations.migrate(version, list(people_raw.values()), list(inter_raw.values()))
        self._state.load([Person.from_json(p) for p in people_list], [Interaction.from_json(i) for i in inter_list])
        self._state.meta = meta
        self._state.imports = imports
        self._mark_all_dirty()

    def _read(self, path: Path, table: str) -> dict[str, dict[str, Any]] | None:
        """A snapshot file, checked against the manifest before a byte of it is believed."""
        try:
            raw: bytes | None = path.read_bytes()
        except FileNotFoundError:
            raw = None
        found = None if raw is None else FileSum.of(raw, 0)  # the one pass of CRC32 over the bytes
        if self._manifest is not None:
            check(self._manifest, path, raw, found)
        data, records = parse(path, raw, table)
        self._sums[path.name] = None if found is None else dataclasses.replace(found, records=records)
        return data

    def _check_sizes(self) -> None:
        """Each file the manifest lists is there with a size it accepts (a stat each: cheap enough for every
        start). A file that fails is read, which raises StoreCorrupt with the details."""
        assert self._manifest is not None
        for name, forms in self._manifest.files.items():
            path = self.layout.store / name
            try:
                size: int | None = os.stat(path).st_size
            except FileNotFoundError:
                size = None
            if not any((form is None) if size is None else (form is not None and form.size == size) for form in forms):
                raw = None if size is None else path.read_bytes()
                check(self._manifest, path, raw, None if raw is None else FileSum.of(raw, 0))

    def _check_without_manifest(self, meta: dict[str, Any], transactions: list[list[Op]]) -> None:
        """A store with no manifest: new, or written before manifests. What can still be checked is."""
        store_dir = self.layout.store
        if meta.get("manifest") is not None:
            raise StoreCorrupt(str(store_dir / MANIFEST_FILE), f"it is missing, but {PEOPLE_FILE} says it exists")
        shards = self._shard_paths()
        if shards and PEOPLE_FILE not in self._sums_found() and not transactions:
            # A compaction writes the shards before people.json and empties the journal only after both.
            raise StoreCorrupt(str(store_dir / PEOPLE_FILE), "it is missing, but the interaction files are there")
        if meta.get("shards") == SHARDS:
            # Such a store's first compaction wrote every shard before it wrote people.json with this "shards".
            for index in range(SHARDS):
                if not (store_dir / shard_file(index)).exists():
                    raise StoreCorrupt(str(store_dir / shard_file(index)), "it is missing")

    def _sums_found(self) -> set[str]:
        return {name for name, found in self._sums.items() if found is not None}

    def _with_backup(self, exc: StoreCorrupt) -> StoreCorrupt:
        backup = exc.backup or self.newest_backup()
        return exc if backup == exc.backup else StoreCorrupt(exc.path, exc.detail, backup)

    def _shard_paths(self) -> list[Path]:
        """Every shard file there is, whatever layout wrote it (a full load does not depend on the layout), and
        every one the manifest expects (a missing one is then reported, not skipped)."""
        names = {path.name for path in self.layout.store.glob(SHARD_GLOB)}
        if self._manifest is not None:
            names.update(name for name in self._manifest.files if name != PEOPLE_FILE)
        return [self.layout.store / name for name in sorted(names)]

    def _unused_shards(self) -> list[str]:
        """For a refiling compaction: files of a layout with more shards, which then hold nothing current."""
        current = {shard_file(index) for index in range(SHARDS)}
        return [path.name for path in self._shard_paths() if path.name not in current]

    def newest_backup(self) -> str | None:
        """The newest backup by the time in its name (fathom-backup-<time>[-n].json, also before-restore-…)."""
        if not self.layout.backups.exists():
            return None
        stamped = [(m.groups(), p) for p in self.layout.backups.glob("*.json") if (m := BACKUP_NAME.search(p.name))]
        if not stamped:
            return None
        return str(max(stamped, key=lambda s: (s[0][0], int(s[0][1] or 1)))[1])

    # -- reads (any thread) -------------------------------------------------------------------------
    def person(self, person_id: str) -> Person | None:
        return self._state.people.get(person_id)

    def people(self) -> list[Person]:
        return list(self._state.people.values())

    def find(self, network: str, handle: str | None = None, x_id: str | None = None) -> Person | None:
        pid = None
        if handle:
            pid = self._state.by_identity.get((network, handle))
        if pid is None and x_id and network == "x":
            pid = self._state.by_x_id.get(x_id)
        return self._state.people.get(pid) if pid else None

    def people_named(self, name: str) -> tuple[str, ...]:
        """Ids of the people whose name is ``name`` (case and spacing folded; see identity.name_key)."""
        key = name_key(name)
        return self._state.by_name.get(key, ()) if key is not None else ()

    def interactions_for(self, person_id: str) -> tuple[Interaction, ...]:
        """Oldest first."""
        self._loader.ensure(shard_of(person_id))
        return self._state.by_person.get(person_id, ())

    def interaction(self, interaction_id: str) -> Interaction | None:
        self._loader.ensure_all()  # any shard may hold it
        return self._state.interactions.get(interaction_id)

    def interactions(self) -> list[Interaction]:
        self._loader.ensure_all()
        return list(self._state.interactions.values())

    def logged(self) -> list[Interaction]:
        """What the user logged by hand or on a page (not imports), in the order they reached the store (for
        those logged since it opened; the others in the order their shards were read)."""
        self._loader.ensure_all()
        return list(self._state.logged.values())

    def by_source_id(self, source_id: str) -> str | None:
        """The interaction an import brought in with ``source_id``. On the writer thread (in a write's build)."""
        self._loader.ensure_all()
        return self._state.by_source_id().get(source_id)

    def meta(self, key: str, default: Any = None) -> Any:
        return self._state.meta.get(key, default)

    def imports(self) -> dict[str, dict[str, Any]]:
        return dict(self._state.imports)

    def version(self, person_id: str) -> int:
        return self._state.versions.get(person_id, 0)

    def person_fingerprint(self, person_id: str) -> int | None:
        """A number that differs whenever ``person_id``'s record or history may differ, across processes: the
        checksums of the two files that hold them (the people file and their shard). Only while those files
        hold what memory holds for them: they have not changed since the store opened, or the journal is empty
        (at close, once it is compacted). Otherwise None, as before their shard is read. For results derived from
        a person that are kept on disk (the review's); within one process, :meth:`version` is what to compare."""
        journal = self._journal
        if self.version(person_id) and (journal is None or journal.size):
            return None  # changed since the store opened, and the change is only in the journal
        sums = self._sums
        if PEOPLE_FILE not in sums or shard_file(shard_of(person_id)) not in sums:
            return None  # not read yet
        people, shard = sums[PEOPLE_FILE], sums[shard_file(shard_of(person_id))]
        return (people.crc32 if people else 0) << 32 | (shard.crc32 if shard else 0)

    def counts(self) -> tuple[int, int]:
        self._loader.ensure_all()
        return len(self._state.people), len(self._state.interactions)

    @property
    def changes(self) -> int:
        return self._state.changes

    @property
    def people_changes(self) -> int:
        """Bumps only when a person record changes: logging an interaction leaves it alone."""
        return self._state.people_changes

    # -- writes -------------------------------------------------------------------------------------
    def write(self, build: Build[T]) -> T:
        """Run ``build`` on the writer thread, make its ops durable, apply them; return its result."""
        return self.submit(build).result()

    async def write_async(self, build: Build[T]) -> T:
        return await asyncio.wrap_future(self.submit(build))

    def submit(self, build: Build[T]) -> Future[T]:
        fut: Future[T] = Future()
        if self._closed:
            fut.set_exception(StoreError("The store is closed; the agent is shutting down. Try again shortly."))
            return fut
        self._queue.put((build, fut))
        return fut

    def _writer_loop(self) -> None:
        stepped_aside = 0
        while True:
            if self._loading_in_background:  # writes first, then requests, shards in between
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    if self._serving and stepped_aside < MAX_STEP_ASIDE:
                        # Loading holds the GIL; a request being answered meanwhile would wait on it.
                        stepped_aside += 1
                        try:
                            item = self._queue.get(timeout=STEP_ASIDE_S)
                        except queue.Empty:
                            continue
                    else:
                        stepped_aside = 0
                        self._load_in_background()
                        continue
            else:
                item = self._queue.get()
            if item is None:
                return
            build, fut = item
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(self._run(build))
            except BaseException as exc:  # delivered to the caller, never kills the writer
                fut.set_exception(exc)

    def _run(self, build: Build[T]) -> T:
        if self._failed:
            raise StoreWriteFailed(self._failed)
        if self._loader.error is not None:  # a reader found a damaged shard: nothing may be written now
            raise self._loader.error
        ops, result = build(self)
        if not ops:
            return result
        if not self._loader.complete and any(op["op"] in _INTERACTION_OPS for op in ops):
            # The id may sit in a shard not read yet (filed under another person): reading that shard after
            # this write would bring the old record back. Interaction writes wait for the whole state.
            self._loader.ensure_all()
        assert self._journal is not None
        txn = next(self._txn)
        try:
            records = _encode(txn, ops)
        except codec.EncodeError:
            ops = codec.scrub(ops)  # memory and disk must agree, so the scrubbed ops are the ones applied
            records = _encode(txn, ops)
        self._journal.append(records)
        for op in ops:
            self._mark_dirty(op)
            self._state.apply(op)
        if self._journal.size > self._compact_bytes:
            try:
                self._compact()
            except (OSError, StoreError) as exc:
                log.warning("compaction failed (%s); will retry, the journal keeps every write", exc)
        return result

    def _mark_dirty(self, op: Op) -> None:
        """Before ``op`` is applied: the shards it changes are its person's and, when it moves or deletes an
        interaction, the shard of the person the interaction belonged to."""
        kind = op["op"]
        if kind == "put_interaction" or kind == "del_interaction":
            old = self._state.interactions.get(op["v"]["id"] if kind == "put_interaction" else op["id"])
            if old is not None:
                self._dirty_shards.add(shard_of(old.person))
            if kind == "put_interaction":
                self._dirty_shards.add(shard_of(op["v"]["person"]))
        else:
            self._people_dirty = True

    def _mark_all_dirty(self) -> None:
        self._dirty_shards = set(range(SHARDS))
        self._people_dirty = True

    # -- compaction and snapshots -------------------------------------------------------------------
    def compact(self) -> None:
        """Fold the journal into the snapshot now (runs on the writer thread)."""
        self.write(lambda _store: (self._compact(), ([], None))[1])  # type: ignore[func-returns-value]  # no ops: compaction is the write

    def _compact(self, remove: Sequence[str] = ()) -> None:
        """Write the dirty snapshot files (and delete ``remove``) under the manifest's two-step commit (see
        ``manifest.py``), then empty the journal."""
        self._loader.ensure_all()  # a shard is rewritten from memory: all of it must be there
        state = self._state
        files: dict[str, bytes] = {}
        written: dict[str, FileSum | None] = {}
        if self._dirty_shards:
            buckets: dict[int, list[dict[str, Any]]] = {i: [] for i in self._dirty_shards}
            for inter in state.interactions.values():
                bucket = buckets.get(shard_of(inter.person))
                if bucket is not None:
                    bucket.append(inter.to_record())
            for index, rows in buckets.items():
                raw = codec.dumps({"interactions": as_table(rows)})
                files[shard_file(index)], written[shard_file(index)] = raw, FileSum.of(raw, len(rows))
        if self._people_dirty:
            raw = codec.dumps(
                {
                    "people": as_table([p.to_record() for p in state.people.values()]),
                    "meta": as_table([{"key": k, "v": v} for k, v in state.meta.items()]),
                    "imports": as_table(list(state.imports.values())),
                }
            )
            files[PEOPLE_FILE], written[PEOPLE_FILE] = raw, FileSum.of(raw, len(state.people))
        written.update(dict.fromkeys(remove))
        if written or self._manifest is None:
            self._commit(files, written, remove)
        self._dirty_shards.clear()
        self._people_dirty = False
        assert self._journal is not None
        self._journal.reset()

    def _commit(self, files: dict[str, bytes], written: dict[str, FileSum | None], remove: Sequence[str]) -> None:
        """The snapshot files into place between the manifest's two steps (see ``manifest.py``)."""
        manifest = self._manifest or Manifest({n: (f,) for n, f in self._sums.items() if f is not None})
        manifest_path = self.layout.store / MANIFEST_FILE
        write_manifest(manifest_path, manifest.pending(written, self._sums))
        for name, raw in files.items():
            atomic_write(self.layout.store / name, raw)
            self._sums[name] = written[name]
        for name in remove:
            (self.layout.store / name).unlink(missing_ok=True)
            self._sums[name] = None
        self._manifest = manifest.committed(written, self._sums)
        write_manifest(manifest_path, self._manifest)

    def export_state(self) -> dict[str, Any]:
        """A consistent copy of everything (taken on the writer thread, so no write is half-seen)."""

        def build(_store: Store) -> tuple[list[Op], dict[str, Any]]:
            self._loader.ensure_all()  # writes go ahead of the background load: this one reads everything
            state = self._state
            return [], {
                "schema": state.meta.get("schema", migrations.SCHEMA_VERSION),
                "people": [p.to_json() for p in state.people.values()],
                "interactions": [i.to_json() for i in state.interactions.values()],
                "meta": dict(state.meta),
                "imports": list(state.imports.values()),
            }

        return self.write(build)


@contextlib.contextmanager
def _collector_paused(*, collect_first: bool = False) -> Iterator[None]:
    """Around loading: hundreds of thousands of objects are created, which the cyclic GC would rescan over and
    over (a third of the load time). What was loaded is then frozen out of every later collection, which also
    keeps GC pauses out of request latencies. ``collect_first`` for a shard loaded while requests are answered:
    their cyclic garbage must be collected, not frozen with the store (a full collection then reads only what
    came since the last freeze: about a shard, a few milliseconds)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collect_first:
            gc.collect()
            # A thread kept waiting through that collection takes the GIL as it returns and makes garbage until
            # it hands back: collect that young garbage too, quickly enough that the freeze comes before the
            # waiting thread asks again (it asks after sys.getswitchinterval(), 5 ms).
            gc.collect(0)
        gc.freeze()
        if enabled:
            gc.enable()


_INTERACTION_OPS = frozenset({"put_interaction", "del_interaction"})


def _encode(txn: int, ops: list[Op]) -> list[bytes]:
    chunks = [ops[i : i + CHUNK_OPS] for i in range(0, len(ops), CHUNK_OPS)]
    return [encode_record(txn, chunk, end=n == len(chunks) - 1) for n, chunk in enumerate(chunks)]


def _apply_raw(
    op: Op,
    people: dict[str, dict[str, Any]],
    interactions: dict[str, dict[str, Any]],
    meta: dict[str, Any],
    imports: dict[str, dict[str, Any]],
) -> None:
    kind = op.get("op")
    if kind == "put_person":
        people[op["v"]["id"]] = op["v"]
    elif kind == "del_person":
        people.pop(op["id"], None)
    elif kind == "put_interaction":
        interactions[op["v"]["id"]] = op["v"]
    elif kind == "del_interaction":
        interactions.pop(op["id"], None)
    elif kind == "put_meta":
        meta[op["key"]] = op["v"]
    elif kind == "put_import":
        imports[op["v"]["id"]] = op["v"]
    elif kind == "del_import":
        imports.pop(op["id"], None)
    else:
        raise ValueError(f"unknown journal operation {kind!r}")

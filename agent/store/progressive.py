"""Loading the interaction shards after the store has opened, so the agent answers its first overlay while
the rest of a heavy user's 100 MB is still being read.

Interactions are sharded by person id, so one person's whole history lives in one shard. The people file is
read at open; the writer thread then loads the shards one by one whenever no write is waiting. A reader
that needs one person's history before then loads (or waits for) just that person's shard; a reader that
needs everything (an export, an interaction by id, the import index) loads the rest itself. Each shard is
loaded once, under its own lock, by whichever thread gets there first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from agent.store.errors import StoreError


class ShardLoader:
    """Which shards are in memory yet, and the one way to bring one in."""

    def __init__(self, shards: int, load: Callable[[int], None], *, loaded: bool = False) -> None:
        self._load = load
        self._locks = tuple(threading.Lock() for _ in range(shards))
        self._pending = set() if loaded else set(range(shards))
        self._error: StoreError | None = None
        self._done = threading.Event()
        if loaded:
            self._done.set()

    @classmethod
    def already_loaded(cls, shards: int) -> ShardLoader:
        """For a store that read everything at open (a CLI, a journal to replay, a migration)."""
        return cls(shards, _nothing, loaded=True)

    @property
    def error(self) -> StoreError | None:
        """The damage a shard's load found, if any (the store then takes no more writes)."""
        return self._error

    @property
    def complete(self) -> bool:
        return self._done.is_set()

    def ensure(self, shard: int) -> None:
        """Return once ``shard`` is in memory. Raises the load's StoreError (a damaged file) for every caller."""
        if self._error is not None:
            raise self._error
        if shard not in self._pending:  # a set lookup: the hot path once everything is loaded
            return
        with self._locks[shard]:
            if self._error is not None:
                raise self._error
            if shard not in self._pending:  # another thread loaded it while this one waited
                return
            try:
                self._load(shard)
            except StoreError as exc:
                self._error = exc
                self._done.set()  # nothing more will load: waiters must wake up and see the error
                raise
            self._pending.discard(shard)
            if not self._pending:
                self._done.set()

    def load_next(self) -> bool:
        """Load the first shard not in memory yet; False when there is none left."""
        for shard in range(len(self._locks)):
            if shard in self._pending:
                self.ensure(shard)
                return True
        if self._error is not None:
            raise self._error
        return False

    def ensure_all(self) -> None:
        for shard in range(len(self._locks)):
            self.ensure(shard)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every shard is loaded (or the load failed: then raise its error)."""
        done = self._done.wait(timeout)
        if self._error is not None:
            raise self._error
        return done


def _nothing(_shard: int) -> None:
    raise AssertionError("a loaded store has no shard left to load")

"""The heavy user's data dir, written through the real store API and cached under ``bench-data/``.

The cache key names everything the content depends on (plan sizes, seed, end date, store schema, this
generator's version), so a stale dir is never reused; ``rebuild=True`` forces a fresh one. A build goes to a
temporary dir that is renamed into place only when complete, so an interrupted build is never mistaken for
a finished one.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from agent.store import migrations, ops
from agent.store.ops import Op
from agent.store.store import Store
from scripts.benchlib.plan import Plan
from scripts.benchlib.population import population

GENERATOR_VERSION = 2  # bump when population.py changes what it generates
CHUNK = 5_000  # ops per store write: big enough to be quick, small enough to keep each journal record modest
# Journal everything and compact once at close: the result on disk is the same, the build is faster.
BUILD_COMPACT_BYTES = 1 << 40


def cache_key(plan: Plan, seed: int, end: date) -> str:
    return f"{_family(plan, seed)}-{end.isoformat()}-schema{migrations.SCHEMA_VERSION}-gen{GENERATOR_VERSION}"


def _family(plan: Plan, seed: int) -> str:
    """The part of the key that stays when only the month, schema or generator changes."""
    return f"datadir-{plan.linkedin_people}li-{plan.x_identities}x-{plan.interactions}i-seed{seed}"


def write_population(data_dir: Path, plan: Plan, seed: int, end: date) -> tuple[int, int]:
    """Write the population into an empty ``data_dir`` through ``Store.write``; returns (people, interactions)."""
    store = Store.open(data_dir, role="bench", compact_bytes=BUILD_COMPACT_BYTES)
    try:
        pending: list[Op] = []
        for person, history in population(plan, seed, end):
            pending.append(ops.put_person(person))
            pending.extend(ops.put_interaction(i) for i in history)
            if len(pending) >= CHUNK:
                _write(store, pending)
                pending = []
        if pending:
            _write(store, pending)
        return store.counts()
    finally:
        store.close()


def _write(store: Store, chunk: list[Op]) -> None:
    store.write(lambda _store: (chunk, None))


def cached_data_dir(cache: Path, plan: Plan, seed: int, end: date, *, rebuild: bool = False) -> tuple[Path, bool]:
    """The cached data dir for this plan (built if missing or ``rebuild``); returns (path, built now)."""
    target = cache / cache_key(plan, seed, end)
    if target.is_dir() and not rebuild:
        return target, False
    building = cache / f".{target.name}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    try:
        write_population(building, plan, seed, end)
        for stale in cache.glob(_family(plan, seed) + "-*"):  # last month's, an older schema's or generator's
            shutil.rmtree(stale)
        building.rename(target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return target, True


def working_copy(source: Path, destination: Path) -> Path:
    """A private copy of a cached data dir for one run: measurements write to it, the cache stays pristine."""
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("agent.lock", "agent.json"))
    return destination

"""The review's cache kept across runs: a restart scores no one whose data is unchanged, and anyone whose data
may have changed (a crash's journal, a write while no review ran, a file another process rewrote) is scored again."""

from __future__ import annotations

import os
import shutil
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from agent.service import review_kept
from agent.service.interactions import LogRequest, log
from agent.service.review import ReviewCache, review
from agent.service.review_kept import KeptReview
from agent.store import ops
from agent.store.manifest import MANIFEST_FILE, FileSum, read_manifest, write_manifest
from agent.store.snapshot import SHARDS, shard_file, shard_of
from agent.store.store import Store
from tests.support.review_reads import rescored_names

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

# Someone for every outcome: an item today, an item from a later day (a horizon), no item ever.
POPULATION = {
    "ada": [("dm", "them", 9)],
    "bob": [("dm", "them", 30), ("dm", "me", 29)],
    "cy": [("connection_request", "me", 15)],
    "fay": [("connection_request", "me", 25)],
    "dee": [("in_person", "both", 400)],
    "eve": [("like", "me", 3)],
    **{f"p{n}": [("dm", "them", 200 + n), ("dm", "me", 199 + n), ("call", "both", 90 + n)] for n in range(12)},
}


def add(store: Store, handle: str, kind: str, direction: str, days: float) -> None:
    at = (NOW - timedelta(days=days)).isoformat(timespec="seconds")
    store.write(lambda s: log(s, LogRequest(kind=kind, direction=direction, at=at, network="x", handle=handle)))


def populated(data_dir: Path) -> None:
    store = Store.open(data_dir)
    for handle, events in POPULATION.items():
        for kind, direction, days in events:
            add(store, handle, kind, direction, days)
    store.close()


def run(data_dir: Path, now: datetime = NOW, *, before=None) -> tuple[list[dict], list[str]]:
    """One run of Fathom that reviews once: open, (``before`` the review), review, close. Returns the items and
    the people whose history the review read."""
    store = Store.open(data_dir)
    kept = KeptReview(store, store.layout.review_cache)
    try:
        if before:
            before(store)
        with pytest.MonkeyPatch.context() as patch:
            read = rescored_names(store, patch)
            items = kept.review(now)
    finally:
        store.close()
        kept.close()
    return items, read


def fresh(data_dir: Path, now: datetime = NOW) -> list[dict]:
    store = Store.open(data_dir)
    try:
        return review(store, ReviewCache(), now)
    finally:
        store.close()


@pytest.fixture
def data(data_dir: Path) -> Path:
    populated(data_dir)
    return data_dir


def test_a_restart_scores_no_one_and_gives_the_same_items(data: Path) -> None:
    first, read = run(data)
    assert len(read) == len(POPULATION)
    assert {i["person"]["name"] for i in first} == {"@ada", "@fay"}
    again, read = run(data)
    assert read == []
    assert again == first == fresh(data)


@pytest.mark.parametrize("days", [1, 6, 30, 800])
def test_a_restart_on_a_later_day_gives_what_a_fresh_review_gives(data: Path, days: int) -> None:
    run(data)
    later = NOW + timedelta(days=days)
    items, read = run(data, later)
    assert items == fresh(data, later)
    assert len(read) < len(POPULATION)  # those whose horizon is still ahead are not read


def with_a_neighbour_of(data: Path, handle: str) -> str:
    """Adds people until one shares ``handle``'s interaction shard (ids are random, so a fixed population shares
    one only by chance) and returns that neighbour's name."""
    shard = shard_of(_person_id(data, handle))
    store = Store.open(data)
    try:
        for n in range(10 * SHARDS):
            add(store, f"n{n}", "like", "me", 50)
            if shard_of(store.find("x", f"n{n}").id) == shard:
                return f"@n{n}"
    finally:
        store.close()
    raise AssertionError("no neighbour after 640 people: shard_of is not spreading ids")


def test_a_person_logged_in_a_run_without_a_review_is_scored_again_with_their_shard(data: Path) -> None:
    neighbour = with_a_neighbour_of(data, "ada")
    run(data)
    store = Store.open(data)  # a command while the agent is off: it writes, it never reviews
    kept = KeptReview(store, store.layout.review_cache)
    add(store, "ada", "dm", "me", 1)
    store.close()
    kept.close()
    items, read = run(data)
    # The stop rewrote Ada's shard file: whoever it holds may have changed, as far as the next run can tell.
    ada_shard = shard_of(_person_id(data, "ada"))
    assert sorted(read) == sorted(name for name, pid in _ids(data).items() if shard_of(pid) == ada_shard)
    assert {"@ada", neighbour} <= set(read)
    assert items == fresh(data)
    assert "@ada" not in {i["person"]["name"] for i in items}


def test_a_write_only_in_the_journal_after_a_crash_is_scored_again_and_only_it(data: Path, tmp_path: Path) -> None:
    neighbour = with_a_neighbour_of(data, "ada")
    run(data)
    store = Store.open(data)
    add(store, "ada", "dm", "me", 1)
    crashed = tmp_path / "crashed"
    shutil.copytree(data, crashed)  # the disk as a kill -9 leaves it: the write is in the journal only
    store.close()
    assert (crashed / "store" / "journal.log").stat().st_size > 0
    items, read = run(crashed)
    assert read == ["@ada"]  # the shard file is as the last stop left it: the neighbour is kept
    assert neighbour not in read
    assert items == fresh(crashed)


def test_a_shard_rewritten_by_another_process_has_its_people_scored_again_and_no_one_else(data: Path) -> None:
    run(data)
    shard = data / "store" / shard_file(shard_of(_person_id(data, "ada")))
    rows = orjson.loads(shard.read_bytes())
    rewritten = orjson.dumps(rows, option=orjson.OPT_INDENT_2)  # same records, other bytes
    shard.write_bytes(rewritten)
    # Recorded in the store's manifest, as a Fathom process writing it does (a hand edit is refused).
    manifest = read_manifest(data / "store" / MANIFEST_FILE)
    assert manifest is not None
    written = {shard.name: FileSum.of(rewritten, len(rows["interactions"]))}
    write_manifest(data / "store" / MANIFEST_FILE, manifest.committed(written, written))
    items, read = run(data)
    in_shard = {name for name, pid in _ids(data).items() if shard_of(pid) == shard_of(_person_id(data, "ada"))}
    assert "@ada" in read
    assert set(read) == in_shard
    assert items == fresh(data)


def test_a_person_removed_is_not_kept(data: Path) -> None:
    run(data)
    gone = _person_id(data, "ada")
    run(data, before=lambda s: s.write(lambda _s: ([ops.delete_person(gone)], None)))
    kept = orjson.loads((data / "review-cache.json").read_bytes())
    assert gone not in kept["people"]
    assert all(gone not in pid for pid in kept["had_items"])


def test_the_kept_file_is_private(data: Path) -> None:
    run(data)
    if os.name == "posix":
        assert stat.S_IMODE((data / "review-cache.json").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"[]",
        b'{"format": 1}',
        b"\xff\xfe not json",
        "replace the day",
        "an item for someone else",
        "a fingerprint as text",
        "an unknown item type",
    ],
)
def test_a_damaged_kept_file_means_scoring_everyone_and_is_rewritten(data: Path, content) -> None:
    run(data)
    path = data / "review-cache.json"
    if isinstance(content, str):
        kept = orjson.loads(path.read_bytes())
        pid, entry = next((p, e) for p, e in kept["people"].items() if isinstance(e[1], list))
        other = next(p for p in kept["people"] if p != pid)
        if content == "replace the day":
            kept["day"] = "yesterday"
        elif content == "an item for someone else":
            kept["people"][other] = [kept["people"][other][0], entry[1]]
        elif content == "a fingerprint as text":
            entry[0] = str(entry[0])
        else:
            entry[1][0]["type"] = "<script>"
        content = orjson.dumps(kept)
    path.write_bytes(content)
    items, read = run(data)
    assert len(read) == len(POPULATION)
    assert items == fresh(data)
    assert review_kept.well_formed(orjson.loads(path.read_bytes()))


def test_another_version_of_the_model_scores_everyone(data: Path, monkeypatch) -> None:
    run(data)
    monkeypatch.setattr(review_kept, "model_digest", lambda: "another")
    _, read = run(data)
    assert len(read) == len(POPULATION)
    _, read = run(data)
    assert read == []  # and what it then keeps is its own


def test_an_as_of_review_leaves_the_kept_file_as_it_was(data: Path) -> None:
    run(data)
    before = (data / "review-cache.json").read_bytes()
    store = Store.open(data)
    kept = KeptReview(store, store.layout.review_cache)
    kept.review(NOW - timedelta(days=100), as_of=True)
    store.close()
    kept.close()
    assert (data / "review-cache.json").read_bytes() == before


def test_a_run_that_neither_reviews_nor_writes_leaves_the_file_alone(data: Path) -> None:
    run(data)
    path = data / "review-cache.json"
    before = path.stat().st_mtime_ns, path.read_bytes()
    store = Store.open(data)
    kept = KeptReview(store, store.layout.review_cache)
    store.close()
    kept.close()
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def _ids(data: Path) -> dict[str, str]:
    store = Store.open(data)
    try:
        return {p.name: p.id for p in store.people()}
    finally:
        store.close()


def _person_id(data: Path, handle: str) -> str:
    return _ids(data)[f"@{handle}"]


@pytest.mark.parametrize("source", ["depth/score.py", "identity.py"])  # the score; the items' profile addresses
def test_the_model_digest_follows_the_scoring_code_not_the_version_number(monkeypatch, source: str) -> None:
    import agent

    before = review_kept.model_digest()
    monkeypatch.setattr(agent, "__version__", "99.0.0")
    assert review_kept.model_digest() == before, "a release that leaves the model alone keeps the review"
    scoring = Path(agent.__file__).parent / source
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        return real(path) + b"\n# changed" if path == scoring else real(path)

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert review_kept.model_digest() != before


def test_closing_waits_for_a_review_still_running_in_another_thread(data: Path, monkeypatch) -> None:
    import threading

    from agent.service import review as review_module

    store = Store.open(data)
    kept = KeptReview(store, store.layout.review_cache)
    started, finish = threading.Event(), threading.Event()
    real = review_module.review

    def slow_review(*args, **kwargs):
        started.set()
        finish.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(review_kept, "review", slow_review)
    worker = threading.Thread(target=kept.review, args=(NOW,))
    worker.start()
    started.wait(10)
    store.close()
    closing = threading.Thread(target=kept.close)
    closing.start()
    closing.join(0.2)
    assert closing.is_alive(), "close waits for the review"
    finish.set()
    worker.join(10)
    closing.join(10)
    kept_people = orjson.loads((data / "review-cache.json").read_bytes())["people"]
    assert len(kept_people) == len(POPULATION)


def test_a_kept_file_too_large_to_be_ours_is_not_read(data: Path, monkeypatch) -> None:
    run(data)
    monkeypatch.setattr(review_kept, "MAX_BYTES", 100)
    reads: list[Path] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: reads.append(path) or real(path))
    items, read = run(data)
    assert data / "review-cache.json" not in reads
    assert len(read) == len(POPULATION)
    assert items == fresh(data)


def test_someone_without_items_today_and_no_horizon_is_scored_again_on_a_later_day(data: Path, monkeypatch) -> None:
    """The horizon may not rule out an item today even when the outlook shows none: that entry holds for the
    day only, after a restart as before it."""
    from agent.service import views

    real = views.review_outlook_person

    def no_horizon(history, person, now):
        result, _ = real(history, person, now)
        return result or views.outlook_person(history, person, now), None

    monkeypatch.setattr(views, "review_outlook_person", no_horizon)
    first, _ = run(data)
    with_items = {i["person"]["name"] for i in first}
    again, read = run(data)
    assert (again, read) == (first, [])  # the same day: nothing to score again
    later = NOW + timedelta(days=1)
    _, read = run(data, later)
    assert set(read) == {f"@{h}" for h in POPULATION if h != "eve"}  # all but the like, which never has an item
    assert with_items <= set(read)


def test_on_a_realistic_population_every_restart_gives_what_a_fresh_review_gives(tmp_path: Path) -> None:
    """The benchmark's synthetic heavy user, small: restarts on later days, each after the last one kept its
    cache, always list exactly what a review from scratch lists."""
    from dataclasses import replace

    from scripts.benchlib.datadir import write_population
    from scripts.benchlib.plan import QUICK

    data = tmp_path / "data"
    plan = replace(QUICK, name="kept-review", linkedin_people=600, x_identities=200, interactions=6_000)
    write_population(data, plan, seed=7, end=NOW.date())
    first, read = run(data)
    rescored = [len(read)]
    later_that_day, read = run(data, NOW + timedelta(hours=5))
    assert (later_that_day, read) == (first, [])  # a day's items are those of its first review, as in one run
    for moment in [NOW + timedelta(days=d) for d in (1, 4, 5, 30, 31, 95, 400, 401)]:
        items, read = run(data, moment)
        assert items == fresh(data, moment), moment
        rescored.append(len(read))
    assert max(rescored[1:]) < rescored[0]


def test_a_log_landing_while_the_cache_is_taken_back_is_scored_again(data: Path) -> None:
    run(data)
    ada = _person_id(data, "ada")
    store = Store.open(data)
    kept = KeptReview(store, store.layout.review_cache)
    real = store.person_fingerprint
    landed: list[str] = []

    def racing(pid: str):
        fingerprint = real(pid)
        if pid == ada and not landed:
            landed.append(pid)
            add(store, "ada", "dm", "me", 0.5)  # her reply lands just after her entry was checked
        return fingerprint

    store.person_fingerprint = racing  # type: ignore[method-assign]
    try:
        items = kept.review(NOW)
        assert landed == [ada]
        assert "@ada" not in {i["person"]["name"] for i in items}
        assert items == review(store, ReviewCache(), NOW)
    finally:
        store.close()

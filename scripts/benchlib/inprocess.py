"""The pure cores timed in this process: page parsing, scoring one long history, the relationship review."""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from agent.depth import assess
from agent.paths import DataDirLayout
from agent.records import Identity, Person
from agent.service import interactions as logging_service
from agent.service.review_kept import KeptReview
from agent.sites.base import ProfilePage
from agent.sites.registry import parse_page
from agent.store.state import State
from agent.store.store import Store
from scripts.benchlib.client import BenchError
from scripts.benchlib.measure import summarize, time_calls
from scripts.benchlib.plan import SCORED_HISTORY
from scripts.benchlib.population import SPAN_SECONDS, Member, history


def measure_parse(pages: dict[str, tuple[str, str]], samples: int) -> dict[str, Any]:
    """``parse_page`` on whole saved pages and on bounded contexts: name -> (url, html)."""
    out: dict[str, Any] = {}
    for name, (url, html) in pages.items():
        if not isinstance(parse_page(url, html), ProfilePage):
            raise BenchError(f"{name} no longer parses as a profile; the benchmark needs a readable page")
        samples_ms = time_calls(lambda u=url, h=html: parse_page(u, h), samples, warmup=2)
        out[name] = {"bytes": len(html.encode("utf-8")), **summarize(samples_ms)}
    return out


def measure_score(seed: int, samples: int, now: datetime) -> dict[str, Any]:
    """``assess`` over one person with SCORED_HISTORY interactions on both networks (issue 8), as the agent
    scores them: in the order the store's index hands a history to the model (``Store.interactions_for``)."""
    rng = random.Random(seed)
    person = Person(id="p_bench_scored", name="Scored Person",
                    identities=(Identity("linkedin", "scored-person"), Identity("x", "scoredperson")))  # fmt: skip
    index = State()
    index.load([person], history(rng, Member(person, SCORED_HISTORY, SPAN_SECONDS), now))
    events = index.by_person[person.id]
    networks = person.networks

    def score() -> None:
        assess(events, now=now, networks=networks, tags=(), loop_state={}, intent="message")

    return {"interactions": len(events), **summarize(time_calls(score, samples, warmup=3))}


def measure_review(data_dir: Path, now: datetime, sample_size: int, seed: int) -> tuple[dict[str, Any], list[str]]:
    """The review over everyone: cold (nothing kept from an earlier run), after a restart (what the last run
    kept, ``review_kept.py``), after one log (only that person rescored) and on the next day (only people with
    items or past their horizon rescored).

    Also returns ``sample_size`` person ids (drawn with ``seed``) for the server measurements to log on.
    """
    kept_file = DataDirLayout(data_dir).review_cache
    kept_file.unlink(missing_ok=True)  # cold means cold: nothing from an earlier benchmark run
    store = Store.open(data_dir, role="bench")
    kept = KeptReview(store, kept_file)
    try:
        people = sorted(p.id for p in store.people())
        start = time.perf_counter()
        items = kept.review(now)
        cold = time.perf_counter() - start
    finally:
        store.close()
    start = time.perf_counter()
    kept.close()
    keep = time.perf_counter() - start
    kept_bytes = kept_file.stat().st_size
    store = Store.open(data_dir, role="bench")
    kept = KeptReview(store, kept_file)
    try:
        start = time.perf_counter()
        restarted = kept.review(now)
        restart = time.perf_counter() - start
        if restarted != items:
            raise BenchError("the review after a restart differs from the one before it")
        chosen = random.Random(seed).sample(people, min(sample_size, len(people)))
        request = logging_service.LogRequest(kind="dm", direction="me", person_id=chosen[0], note="bench review")
        store.write(lambda s: logging_service.log(s, request))
        start = time.perf_counter()
        kept.review(now)
        warm = time.perf_counter() - start
        start = time.perf_counter()
        kept.review(now + timedelta(days=1))
        next_day = time.perf_counter() - start
    finally:
        store.close()
    # The agent's measurements after this one start without a kept review: its first review over the API then
    # scores everyone, the heaviest state the memory figure should see.
    kept_file.unlink(missing_ok=True)
    result = {
        "people": len(people),
        "items": len(items),
        "cold_s": round(cold, 3),
        "after_restart_s": round(restart, 3),
        "keep_at_close_s": round(keep, 3),
        "kept_mb": round(kept_bytes / 1e6, 2),
        "warm_s": round(warm, 3),
        "next_day_s": round(next_day, 3),
    }
    return result, chosen

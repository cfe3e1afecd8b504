"""The pure cores timed in this process: page parsing, scoring one long history, the relationship review."""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from agent.depth import assess
from agent.records import Identity, Person
from agent.service import interactions as logging_service
from agent.service.review import ReviewCache, review
from agent.sites.base import ProfilePage
from agent.sites.registry import parse_page
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
    """``assess`` over one person with SCORED_HISTORY interactions on both networks (issue 8)."""
    rng = random.Random(seed)
    person = Person(id="p_bench_scored", name="Scored Person",
                    identities=(Identity("linkedin", "scored-person"), Identity("x", "scoredperson")))  # fmt: skip
    events = tuple(history(rng, Member(person, SCORED_HISTORY, SPAN_SECONDS), now))
    networks = person.networks

    def score() -> None:
        assess(events, now=now, networks=networks, tags=(), loop_state={}, intent="message")

    return {"interactions": len(events), **summarize(time_calls(score, samples, warmup=3))}


def measure_review(data_dir: Path, now: datetime, sample_size: int, seed: int) -> tuple[dict[str, Any], list[str]]:
    """The review over everyone, cold (empty cache), warm (after one log, only that person rescored) and on the
    next day (the same cache: only people with items or past their horizon rescored).

    Also returns ``sample_size`` person ids (drawn with ``seed``) for the server measurements to log on.
    """
    store = Store.open(data_dir, role="bench")
    try:
        people = sorted(p.id for p in store.people())
        cache = ReviewCache()
        start = time.perf_counter()
        items = review(store, cache, now)
        cold = time.perf_counter() - start
        chosen = random.Random(seed).sample(people, min(sample_size, len(people)))
        request = logging_service.LogRequest(kind="dm", direction="me", person_id=chosen[0], note="bench review")
        store.write(lambda s: logging_service.log(s, request))
        start = time.perf_counter()
        review(store, cache, now)
        warm = time.perf_counter() - start
        start = time.perf_counter()
        review(store, cache, now + timedelta(days=1))
        next_day = time.perf_counter() - start
    finally:
        store.close()
    result = {
        "people": len(people),
        "items": len(items),
        "cold_s": round(cold, 3),
        "warm_s": round(warm, 3),
        "next_day_s": round(next_day, 3),
    }
    return result, chosen

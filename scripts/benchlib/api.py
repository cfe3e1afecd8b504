"""Latency through the real server on loopback: overlay context, one-click log (beside the fsync floor) and
push fan-out. Every figure is client-side wall time over a persistent connection, as the extension sees it."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from scripts.benchlib.client import AgentSession, BenchError, Subscriber
from scripts.benchlib.durability import FsyncFloor
from scripts.benchlib.measure import ratio, summarize

WARMUP = 5
LOG_BLOCK = 10  # logs and floor writes alternate in blocks, so both see the same disk weather
PUSH_TIMEOUT_S = 10.0


async def person_id(session: AgentSession, network: str, handle: str) -> str:
    answer = await session.post("/v1/people/lookup", {"network": network, "handle": handle})
    pid = answer["person"]["id"]
    if not pid:
        raise BenchError(f"{network} {handle} is not in the benchmark's data dir; rebuild it (--rebuild)")
    return str(pid)


async def measure_context(
    session: AgentSession, contexts: dict[str, dict[str, str]], samples: int, owners: dict[str, str]
) -> dict[str, Any]:
    """Each fixture page's context, two ways.

    Repeat views: the same page ``samples`` times, round robin, so the agent serves the depth from its cache.
    First views: right after a log on that page's person (``owners``: page -> person id), so the depth is
    computed afresh, as on the first view of a person each day and after every change.
    """
    for _ in range(WARMUP):
        for body in contexts.values():
            await session.post("/v1/context", body)
    repeat: dict[str, list[float]] = {name: [] for name in contexts}
    for _ in range(samples):
        for name, body in contexts.items():
            repeat[name].append((await session.timed_post("/v1/context", body))[1])
    fresh: dict[str, list[float]] = {name: [] for name in contexts}
    for n in range(max(10, samples // 4)):
        for name, body in contexts.items():
            log = {"person_id": owners[name], "kind": "like", "note": f"bench rescore {n}"}
            await session.post("/v1/interactions", log)
            fresh[name].append((await session.timed_post("/v1/context", body))[1])
    return {
        "repeat_view": _per_page(repeat),
        "first_view": _per_page(fresh),
        "body_bytes": {name: len(body["html"].encode("utf-8")) for name, body in contexts.items()},
    }


def _per_page(times: dict[str, list[float]]) -> dict[str, Any]:
    per_page = {name: summarize(series) for name, series in times.items()}
    return {
        "per_page": per_page,
        "all": summarize([t for series in times.values() for t in series]),
        "worst_p99_ms": max(s["p99_ms"] for s in per_page.values()),
    }


async def measure_log(session: AgentSession, people: list[str], samples: int, floor_dir: Path) -> dict[str, Any]:
    """One-click logs (durable before the answer) beside bare write+fsync of a small record on the same disk."""
    logs: list[float] = []
    floor_times: list[float] = []
    # The same kind of authenticated JSON request that writes nothing: the HTTP part of the log's time, which
    # on a disk with a fast fsync is most of it.
    empty: list[float] = []
    with FsyncFloor(floor_dir) as floor:
        for n in range(WARMUP):
            await session.post("/v1/interactions", {"person_id": people[n % len(people)], "kind": "dm"})
            await session.post("/v1/kinds", {})
            floor.write_once()
        while len(logs) < samples:
            for _ in range(min(LOG_BLOCK, samples - len(logs))):
                body = {"person_id": people[len(logs) % len(people)], "kind": "dm", "direction": "me"}
                logs.append((await session.timed_post("/v1/interactions", body, expect=(201,)))[1])
                empty.append((await session.timed_post("/v1/kinds", {}))[1])
            floor_times.extend(floor.write_once() for _ in range(LOG_BLOCK))
    log_summary, floor_summary, empty_summary = summarize(logs), summarize(floor_times), summarize(empty)
    return {
        "log": log_summary,
        "fsync_floor": floor_summary,
        "empty_request": empty_summary,
        # The judged ratio: what durability adds to a request. A bare fsync is no floor for a request: on a
        # fast disk it is below one loopback round trip.
        "over_request_p50": ratio(log_summary["p50_ms"], empty_summary["p50_ms"]),
        "over_request_p99": ratio(log_summary["p99_ms"], empty_summary["p99_ms"]),
        "over_floor_p50": ratio(log_summary["p50_ms"], floor_summary["p50_ms"]),
        "over_floor_p99": ratio(log_summary["p99_ms"], floor_summary["p99_ms"]),
    }


async def measure_push(
    session: AgentSession, secret: bytes, person: str, subscribers: int, logs: int
) -> dict[str, Any]:
    """A log on one connection; the time until each of ``subscribers`` other sockets has the event."""
    subs = [Subscriber(session.port, secret) for _ in range(subscribers)]
    try:
        await asyncio.gather(*(s.open([person]) for s in subs))
        deliveries: list[float] = []
        slowest: list[float] = []
        for n in range(logs + 1):
            marker = f"bench push {n}"
            waits = [asyncio.create_task(s.next_event(PUSH_TIMEOUT_S)) for s in subs]
            await asyncio.sleep(0)  # every subscriber is waiting before the log is sent
            sent = time.perf_counter()
            await session.post("/v1/interactions", {"person_id": person, "kind": "comment", "note": marker})
            arrivals = []
            for frame, arrived in await asyncio.gather(*waits):
                if frame.get("data", {}).get("note") != marker:
                    raise BenchError(f"a subscriber got {frame.get('event')} for another log than {marker!r}")
                arrivals.append((arrived - sent) * 1000)
            if n == 0:
                continue  # the first fan-out warms the sockets up
            deliveries.extend(arrivals)
            slowest.append(max(arrivals))
    finally:
        await asyncio.gather(*(s.close() for s in subs), return_exceptions=True)
    return {
        "subscribers": subscribers,
        "logs": logs,
        "delivery": summarize(deliveries),
        "slowest_subscriber": summarize(slowest),
    }

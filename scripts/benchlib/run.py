"""``scripts/bench``: build (or reuse) the heavy user, run every measurement in one run, print the report."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import time
import traceback
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from scripts.benchlib.api import measure_context, measure_log, measure_push, person_id
from scripts.benchlib.browser import browser_missing, measure_browser
from scripts.benchlib.client import AgentSession, admin_secret
from scripts.benchlib.datadir import cached_data_dir, working_copy
from scripts.benchlib.durability import tinydb_inserts
from scripts.benchlib.export import cached_export
from scripts.benchlib.importing import measure_import
from scripts.benchlib.inprocess import measure_parse, measure_review, measure_score
from scripts.benchlib.machine import load_average, machine_info
from scripts.benchlib.measure import ratio, summarize
from scripts.benchlib.page_context import bounded_context
from scripts.benchlib.plan import DEFAULT_SEED, FIXTURE_LINKEDIN, FIXTURE_X, FULL, QUICK, Plan
from scripts.benchlib.report import build_report, markdown, table
from scripts.benchlib.startup import agent_pid, cold_start, memory_mb
from tests.fixtures import REAL_FIXTURES

REPO = Path(__file__).resolve().parents[2]
LINKEDIN_URL = "https://www.linkedin.com/in/eduardo-alvarez-nowak/"
X_URL = "https://x.com/Kikobeats"
# name -> (fixture file, url, network, key): what the overlay is asked about
PAGES = MappingProxyType({
    "linkedin_guest": ("linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html", LINKEDIN_URL, "linkedin",
                       FIXTURE_LINKEDIN[0]),
    "linkedin_member": ("linkedin_profile_eduardo-alvarez-nowak_2024-07_loggedin_nonself_body.html", LINKEDIN_URL,
                        "linkedin", FIXTURE_LINKEDIN[0]),
    "x": ("x_profile_kikobeats_2025-12_rendered.html", X_URL, "x", FIXTURE_X[0]),
})  # fmt: skip
SAMPLE_PEOPLE = 50
BUSY_LOAD = 1.0


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/bench",
        description="Measure Fathom at a heavy user's scale and print one JSON report plus a table. "
        "Figures are information: the exit status is 0 even when a target is missed.",
    )
    parser.add_argument("--quick", action="store_true", help="a small size that runs in under a minute")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached data dir and export")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the synthetic user's seed")
    parser.add_argument("--cache", type=Path, default=REPO / "bench-data", help="where built data is cached")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurement")
    parser.add_argument("--keep", action="store_true", help="keep this run's working data dirs")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = QUICK if args.quick else FULL
    try:
        report = run(plan, args)
    except Exception as exc:  # any failure of the benchmark itself: say what, exit non-zero
        traceback.print_exc()
        print(f"scripts/bench broke: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
    out = args.cache / ("report.json" if plan is FULL else f"report-{plan.name}.json")
    text = json.dumps(report, indent=2, ensure_ascii=False)
    out.write_text(text + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(report) + "\n", encoding="utf-8")
    print(screen(report, full=plan is FULL, out=out))
    return 0


def screen(report: dict[str, Any], *, full: bool, out: Path) -> str:
    """What the terminal shows. The quick run is part of scripts/test: one short table, its JSON in the file."""
    where = (
        f"\n\n{report['mode']} run: {report['duration_s']} s; report in {out}, README table in {out.with_suffix('.md')}"
    )
    if not full:
        return table(report, ratios=False) + where
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n\n" + table(report) + where


def run(plan: Plan, args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    args.cache.mkdir(parents=True, exist_ok=True)
    machine = machine_info(args.cache)
    end = date.today().replace(day=1)  # the synthetic history ends at the start of this month
    notes: list[str] = []
    progress(f"{plan.name}: data dir of {plan.linkedin_people} LinkedIn people, {plan.x_identities} X identities, "
             f"{plan.interactions} interactions")  # fmt: skip
    built_at = time.perf_counter()
    base, built = cached_data_dir(args.cache, plan, args.seed, end, rebuild=args.rebuild)
    export = cached_export(
        args.cache, plan.export_connections, plan.export_messages, args.seed, end, rebuild=args.rebuild
    )
    build_s = time.perf_counter() - built_at
    work = args.cache / f"run-{plan.name}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        data_dir = working_copy(base, work / "data")
        settle_disk()
        measurements = _measure(plan, args, data_dir, work, export, notes)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    data = {
        "linkedin_people": plan.linkedin_people,
        "x_identities": plan.x_identities,
        "interactions": plan.interactions,
        "export": {"connections": plan.export_connections, "messages": plan.export_messages},
        "cache": str(base),
        "built_now": built,
        "prepare_s": round(build_s, 1),
        "history_ends": end.isoformat(),
    }
    # Only the load before the benchmark started is someone else's; by the end its own agents add to it.
    if (machine["load_avg_1m_at_start"] or 0) >= BUSY_LOAD:
        notes.append(
            f"The machine was busy before the run (1-minute load average {machine['load_avg_1m_at_start']} on "
            f"{machine['cores']} cores): other processes competed for CPU and disk, so latencies are inflated. "
            "Rerun on a quiet machine for figures to quote."
        )
    return build_report(
        mode=plan.name,
        seed=args.seed,
        plan=plan.to_json(),
        data=data,
        machine={**machine, "load_avg_1m_at_end": load_average()},
        measurements=measurements,
        duration_s=time.perf_counter() - started,
        notes=notes,
    )


def settle_disk() -> None:
    """Write back what earlier steps left dirty, so it does not land on the fsyncs being measured."""
    if hasattr(os, "sync"):
        os.sync()


def _measure(
    plan: Plan, args: argparse.Namespace, data_dir: Path, work: Path, export: Path, notes: list[str]
) -> dict[str, Any]:
    pages = {n: ((REAL_FIXTURES / f).read_text("utf-8"), url, net, key) for n, (f, url, net, key) in PAGES.items()}
    contexts = {name: bounded_context(url, html, net, key) for name, (html, url, net, key) in pages.items()}
    m, people = _in_process(plan, args.seed, data_dir, pages, contexts)
    settle_disk()
    m.update(_with_agent(plan, args, data_dir, work, contexts, people, notes))

    progress(f"naive TinyDB: {plan.tinydb_inserts} inserts into a {plan.interactions}-row table")
    naive = summarize(tinydb_inserts(work, plan.interactions, plan.tinydb_inserts))
    m["log"]["tinydb_naive"] = naive
    m["log"]["tinydb_over_log_p50"] = ratio(naive["p50_ms"], m["log"]["log"]["p50_ms"])
    settle_disk()

    progress(f"import: {plan.export_connections} connections + {plan.export_messages} messages into an empty agent")
    m["import"] = measure_import(work / "import-data", export, contexts["linkedin_guest"])
    return m


def _in_process(
    plan: Plan,
    seed: int,
    data_dir: Path,
    pages: dict[str, tuple[str, str, str, str]],
    contexts: dict[str, dict[str, str]],
) -> tuple[dict[str, Any], list[str]]:
    progress("in-process: parse, score, review")
    now = datetime.now(UTC)
    largest = max(pages, key=lambda name: len(pages[name][0]))
    html, url = pages[largest][0], pages[largest][1]
    bounded = {name: (c["url"], c["html"]) for name, c in contexts.items()}
    m: dict[str, Any] = {
        "parse": {
            "largest_fixture": PAGES[largest][0],
            "whole_page": measure_parse({largest: (url, html)}, plan.parse_samples)[largest],
            "bounded_context": measure_parse(bounded, plan.parse_samples),
        },
        "score": measure_score(seed, plan.score_samples, now),
    }
    m["review"], people = measure_review(data_dir, now, SAMPLE_PEOPLE, seed)
    return m, people


def _with_agent(
    plan: Plan,
    args: argparse.Namespace,
    data_dir: Path,
    work: Path,
    contexts: dict[str, dict[str, str]],
    people: list[str],
    notes: list[str],
) -> dict[str, Any]:
    """Cold start, then everything measured on the running agent, then the remaining cold starts."""
    progress("agent: cold start")
    agent, first = cold_start(data_dir, contexts["linkedin_guest"])
    cold = [first]
    secret = admin_secret(data_dir)
    try:
        progress("agent: context, log, push, review, memory")
        m = asyncio.run(_server_measurements(agent.port, secret, contexts, people, plan, data_dir))
        m["browser"] = _browser(plan, args, agent.port, secret, work, notes)
    finally:
        agent.stop()
    for n in range(plan.cold_starts - 1):
        progress(f"agent: cold start {n + 2}")
        again, timing = cold_start(data_dir, contexts["linkedin_guest"])
        again.stop()
        cold.append(timing)
    m["cold_start"] = {"runs": cold, "worst_s": max(run["first_context_s"] for run in cold)}
    notes.append("Cold starts read the data dir from a warm page cache (it was just copied).")
    return m


async def _server_measurements(
    port: int, secret: bytes, contexts: dict[str, dict[str, str]], people: list[str], plan: Plan, data_dir: Path
) -> dict[str, Any]:
    async with AgentSession(port, secret) as session:
        # Steady state: /v1/status answers once the agent has read every shard. The seconds before that, while
        # it already answers from the shards it has, are what the cold-start figure measures.
        await session.post("/v1/status", {})
        owners = {name: await person_id(session, PAGES[name][2], PAGES[name][3]) for name in contexts}
        context = await measure_context(session, contexts, plan.context_samples, owners)
        log = await measure_log(session, people, plan.log_samples, data_dir)
        push = await measure_push(session, secret, people[-1], plan.push_subscribers, plan.push_logs)
        pid = agent_pid(data_dir)
        before_review = memory_mb(pid)
        start = time.perf_counter()
        items = (await session.post("/v1/review", {}))["items"]
        review_api = {"seconds": round(time.perf_counter() - start, 3), "items": len(items)}
        after_review = memory_mb(pid)
    memory: dict[str, Any] = {"rss_mb": "n/a", "note": "no /proc on this system"}
    if before_review and after_review:
        # The review scores everyone once, filling the agent's depth cache: the heaviest state a day reaches.
        memory = {**after_review, "rss_before_review_mb": before_review["rss_mb"]}
    return {"context": context, "log": log, "push": push, "review_over_api": review_api, "memory": memory}


def _browser(plan: Plan, args: argparse.Namespace, port: int, secret: bytes, work: Path, notes: list[str]) -> Any:
    if args.no_browser:
        return {"skipped": "--no-browser"}
    missing = browser_missing()
    if missing:
        notes.append(f"Browser part skipped: {missing}.")
        progress(f"browser: skipped, {missing}")
        return {"skipped": missing}
    progress(f"browser: {plan.browser_navigations} navigations in headless Chromium")
    result = measure_browser(port, secret, plan.browser_navigations, work / "chromium-profile")
    notes.append(
        "Browser: the saved pages come from a local HTTPS server at their real host names, with no request "
        "interception (which delays the overlay frame's own files; users don't pay it); their subresources fail "
        "as offline."
    )
    if result["failed_navigations"]:
        notes.append(
            f"{result['failed_navigations']} browser navigations showed an error instead of the stage "
            f"({'; '.join(result['failures'])}); the browser figures cover the others."
        )
    return result

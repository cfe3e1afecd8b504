"""The report: every figure in one JSON object, each target with its verdict, and a short table for people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

REPORT_VERSION = 2  # 2: the log is judged against a request that writes nothing; figures without targets


@dataclass(frozen=True, slots=True)
class Target:
    key: str
    label: str
    path: tuple[str, ...]  # where the judged value sits in the measurements
    limit: float | None  # None: a figure reported without a target (this class of machine cannot hold one)
    unit: str
    summary: tuple[str, ...] | None = None  # where its p50/p95/p99 sit, for the table


TARGETS: tuple[Target, ...] = (
    Target("context_repeat_p99", "1. context, repeat view (worst page)", ("context", "repeat_view", "worst_p99_ms"),
           25, "ms", ("context", "repeat_view", "all")),
    Target("context_first_p99", "1. context, first view (worst page)", ("context", "first_view", "worst_p99_ms"),
           25, "ms", ("context", "first_view", "all")),
    Target("log_p99", "2. one-click log, durable", ("log", "log", "p99_ms"), 15, "ms", ("log", "log")),
    Target("log_over_request", "2. log vs a request writing nothing (its ms)", ("log", "over_request_p50"), 2, "x",
           ("log", "empty_request")),
    Target("push_p99", "3. push to 50 subscribers", ("push", "delivery", "p99_ms"), 50, "ms", ("push", "delivery")),
    Target("cold_start", "4. cold start -> first context", ("cold_start", "worst_s"), 2, "s"),
    Target("import", "5. import LinkedIn export", ("import", "seconds"), 20, "s",
           ("import", "overlays_during")),
    Target("memory", "6. agent RSS after warm-up", ("memory", "rss_mb"), 300, "MB"),
    Target("browser_p95", "7. browser commit -> stage shown", ("browser", "commit_to_stage", "p95_ms"), 300, "ms",
           ("browser", "commit_to_stage")),
    Target("score_2000", "8. score 2,000 interactions", ("score", "p99_ms"), None, "ms", ("score",)),
    Target("review_cold", "9. review, cold (nothing kept)", ("review", "cold_s"), None, "s"),
    Target("review_restart", "9. review, after a restart", ("review", "after_restart_s"), 1, "s"),
    Target("review_warm", "9. review, after one log", ("review", "warm_s"), 1, "s"),
    Target("review_next_day", "9. review, the next day", ("review", "next_day_s"), 1, "s"),
)  # fmt: skip


def _lookup(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = data
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def verdicts(measurements: dict[str, Any]) -> list[dict[str, Any]]:
    """Each measure with its value and pass/miss; ``pass`` is None when it was not measured or has no target."""
    out = []
    for target in TARGETS:
        value = _lookup(measurements, target.path)
        measured = isinstance(value, int | float)
        out.append(
            {
                "key": target.key,
                "label": target.label,
                "value": value if measured else None,
                "target": target.limit,
                "unit": target.unit,
                "pass": (value <= target.limit) if measured and target.limit is not None else None,
            }
        )
    return out


def _status(verdict: dict[str, Any], missed: str) -> str:
    if verdict["value"] is None:
        return "not measured"
    if verdict["target"] is None:
        return "figure"
    return "ok" if verdict["pass"] else missed


def _target_cell(verdict: dict[str, Any], at_most: str) -> str:
    return "-" if verdict["target"] is None else f"{at_most} {_cell(verdict['target'])} {verdict['unit']}"


def build_report(
    *, mode: str, seed: int, plan: dict[str, Any], data: dict[str, Any], machine: dict[str, Any],
    measurements: dict[str, Any], duration_s: float, notes: list[str],
) -> dict[str, Any]:  # fmt: skip
    judged = verdicts(measurements)
    return {
        "report_version": REPORT_VERSION,
        "mode": mode,
        "seed": seed,
        "plan": plan,
        "data": data,
        "machine": machine,
        "measurements": measurements,
        "targets": judged,
        "missed": [t["key"] for t in judged if t["pass"] is False],
        "not_measured": [t["key"] for t in judged if t["value"] is None],
        "duration_s": round(duration_s, 1),
        "notes": notes,
    }


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return str(value)


def table(report: dict[str, Any], *, ratios: bool = True) -> str:
    """A fixed-width table: each measure's p50/p95/p99 (where it has a distribution), value, target, verdict;
    then, with ``ratios``, a line per ratio and the parse figures."""
    rows = [("measure", "p50", "p95", "p99", "value", "target", "")]
    by_key = {t.key: t for t in TARGETS}
    for verdict in report["targets"]:
        target = by_key[verdict["key"]]
        dist = _lookup(report["measurements"], target.summary) if target.summary else None
        p50, p95, p99 = (dist.get(k) if isinstance(dist, dict) else None for k in ("p50_ms", "p95_ms", "p99_ms"))
        rows.append(
            (
                verdict["label"],
                _cell(p50),
                _cell(p95),
                _cell(p99),
                f"{_cell(verdict['value'])} {verdict['unit']}",
                _target_cell(verdict, "<="),
                _status(verdict, "missed"),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines + (_ratio_lines(report["measurements"]) if ratios else []))


def _ratio_lines(m: dict[str, Any]) -> list[str]:
    out = [""]
    log = m.get("log", {})
    if log:
        out.append(
            f"log vs a request that writes nothing: {_cell(log.get('over_request_p50'))}x at p50, "
            f"{_cell(log.get('over_request_p99'))}x at p99; a bare write+fsync on the same disk, p50 "
            f"{_cell(log.get('fsync_floor', {}).get('p50_ms'))} ms (the log is {_cell(log.get('over_floor_p50'))}x "
            f"that); naive TinyDB insert p50 {_cell(log.get('tinydb_naive', {}).get('p50_ms'))} ms = "
            f"{_cell(log.get('tinydb_over_log_p50'))}x Fathom's log"
        )
    parse = m.get("parse", {})
    if parse:
        whole = parse["whole_page"]
        out.append(
            f"parse alone, largest real page ({whole['bytes'] // 1024} KB): p50 {_cell(whole['p50_ms'])} ms, "
            f"p99 {_cell(whole['p99_ms'])} ms; bounded contexts p99: "
            + ", ".join(f"{name} {_cell(s['p99_ms'])} ms" for name, s in parse["bounded_context"].items())
        )
    return out


def markdown(report: dict[str, Any]) -> str:
    """docs/performance.md's "Benchmark figures" section: the table and the machine the figures came from."""
    machine = report["machine"]
    disk = machine.get("disk", {})
    rows = [
        "| measure | p50 | p95 | p99 | value | target | |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    by_key = {t.key: t for t in TARGETS}
    for verdict in report["targets"]:
        target = by_key[verdict["key"]]
        dist = _lookup(report["measurements"], target.summary) if target.summary else None
        cells = [_cell(dist.get(k)) if isinstance(dist, dict) else "-" for k in ("p50_ms", "p95_ms", "p99_ms")]
        value = f"{_cell(verdict['value'])} {verdict['unit']}"
        rows.append(f"| {verdict['label']} | {' | '.join(cells)} | {value} | {_target_cell(verdict, '≤')} "
                    f"| {_status(verdict, '**missed**')} |")  # fmt: skip
    where = (
        f"{machine.get('cpu')}, {machine.get('cores')} cores, {machine.get('ram_gb')} GB RAM, "
        f"{disk.get('filesystem', '?')} on {disk.get('device', '?')}, Python {machine.get('python')}, "
        f"{machine.get('os')}; load average {machine.get('load_avg_1m_at_start')} at the start"
    )
    lines = [
        f"`scripts/bench` ({report['mode']} size, seed {report['seed']}), {report['duration_s']} s. Machine: {where}.",
        "",
        *rows,
        *(f"- {line}" if line else line for line in _ratio_lines(report["measurements"])),
    ]
    lines += [f"- {note}" for note in report.get("notes", [])]
    return "\n".join(lines)

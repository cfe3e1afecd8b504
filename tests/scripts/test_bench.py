"""scripts/bench's machinery on a tiny size: a deterministic generator, sound percentile maths, a report of the
right shape. No timing is asserted: figures are information, and this test only keeps the benchmark from rot."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from agent.importers.linkedin_export import read_linkedin_export
from agent.sites.registry import parse_page
from agent.store.store import Store
from scripts.benchlib.datadir import cached_data_dir, write_population
from scripts.benchlib.export import OWNER_SLUG, write_export
from scripts.benchlib.measure import percentile, ratio, summarize
from scripts.benchlib.page_context import MAX_BYTES, bounded_context
from scripts.benchlib.plan import FIXTURE_LINKEDIN, FIXTURE_X, QUICK
from scripts.benchlib.population import population, scaled_counts
from scripts.benchlib.report import TARGETS, build_report, markdown, table
from scripts.benchlib.run import screen

ROOT = Path(__file__).resolve().parents[2]
END = date(2026, 1, 1)
TINY = replace(QUICK, name="tiny", linkedin_people=40, x_identities=15, interactions=1_200)


def _flatten(plan=TINY, seed=7):
    return [(person.to_json(), [i.to_json() for i in history]) for person, history in population(plan, seed, END)]


# -- percentiles ---------------------------------------------------------------------------------------------
def test_percentile_interpolates_between_closest_ranks() -> None:
    values = [4.0, 1.0, 3.0, 2.0]
    assert percentile(values, 0) == 1.0
    assert percentile(values, 50) == 2.5
    assert percentile(values, 100) == 4.0
    assert percentile(list(range(1, 101)), 99) == pytest.approx(99.01)


def test_percentile_of_one_sample_is_that_sample() -> None:
    assert percentile([7.5], 99) == 7.5


def test_percentile_without_samples_or_outside_0_100_is_refused() -> None:
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 50)
    with pytest.raises(ValueError, match="outside 0-100"):
        percentile([1.0], 101)


def test_summary_gives_p50_p95_p99_max_and_mean() -> None:
    summary = summarize([float(n) for n in range(1, 101)])
    assert summary == {"n": 100, "p50_ms": 50.5, "p95_ms": 95.05, "p99_ms": 99.01, "max_ms": 100.0, "mean_ms": 50.5}


def test_ratio_to_a_zero_floor_is_none_not_a_crash() -> None:
    assert ratio(3.0, 1.5) == 2.0
    assert ratio(3.0, 0.0) is None


# -- the synthetic user ---------------------------------------------------------------------------------------
def test_same_seed_generates_the_same_people_and_histories() -> None:
    assert _flatten(seed=7) == _flatten(seed=7)


def test_another_seed_generates_other_data() -> None:
    assert _flatten(seed=7) != _flatten(seed=8)


def test_population_has_exactly_the_planned_sizes() -> None:
    people = list(population(TINY, 3, END))
    identities = [i for person, _ in people for i in person.identities]
    assert sum(1 for i in identities if i.network == "linkedin") == TINY.linkedin_people
    assert sum(1 for i in identities if i.network == "x") == TINY.x_identities
    assert sum(len(history) for _, history in people) == TINY.interactions
    assert len({person.id for person, _ in people}) == len(people)
    assert len({i.id for _, history in people for i in history}) == TINY.interactions


def test_fixture_people_have_their_long_history() -> None:
    by_handle = {(p.identities[0].network, p.identities[0].handle): h for p, h in population(TINY, 3, END)}
    assert len(by_handle[("linkedin", FIXTURE_LINKEDIN[0])]) == FIXTURE_LINKEDIN[2]
    assert len(by_handle[("x", FIXTURE_X[0])]) == FIXTURE_X[2]


def test_histories_start_with_the_connection_and_stay_in_the_ten_years() -> None:
    for person, history in population(TINY, 5, END):
        if "linkedin" in person.networks:
            assert history[0].kind == "connection_accepted"
        dated = [i.at[:10] for i in history if i.at]
        assert all("2016-01-01" <= day <= END.isoformat() for day in dated), person.id
    follows = [i for _, h in population(TINY, 5, END) for i in h if i.kind == "follow"]
    assert follows and all(i.at is None for i in follows)


def test_interaction_counts_have_a_long_tail() -> None:
    counts = sorted(scaled_counts(random.Random(1), 3_000, 25_000))
    assert sum(counts) == 25_000 and counts[0] >= 1
    assert sum(1 for c in counts if c <= 3) > len(counts) / 2  # most people: one to three
    assert sum(1 for c in counts if c >= 100) >= 10  # a few with hundreds


def test_counts_below_one_each_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot give each"):
        scaled_counts(random.Random(1), 10, 5)


def test_data_dir_built_through_the_store_reopens_with_every_record(tmp_path: Path) -> None:
    people, interactions = write_population(tmp_path / "data", TINY, 11, END)
    assert interactions == TINY.interactions
    store = Store.open(tmp_path / "data")
    try:
        assert store.counts() == (people, interactions)
        eduardo = store.find("linkedin", FIXTURE_LINKEDIN[0])
        assert eduardo is not None and len(store.interactions_for(eduardo.id)) == FIXTURE_LINKEDIN[2]
    finally:
        store.close()


def test_cached_data_dir_is_reused_until_a_rebuild_is_asked_for(tmp_path: Path) -> None:
    first, built = cached_data_dir(tmp_path, TINY, 11, END)
    again, built_again = cached_data_dir(tmp_path, TINY, 11, END)
    assert (built, built_again, again) == (True, False, first)
    _path, rebuilt = cached_data_dir(tmp_path, TINY, 11, END, rebuild=True)
    assert rebuilt
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no half-built dir left behind


def test_building_a_new_data_dir_drops_last_months_copy(tmp_path: Path) -> None:
    old, _ = cached_data_dir(tmp_path, TINY, 11, date(2025, 12, 1))
    new, _ = cached_data_dir(tmp_path, TINY, 11, END)
    assert not old.exists() and new.exists()


# -- the big export --------------------------------------------------------------------------------------------
def test_export_is_read_by_the_linkedin_importer_with_its_owner(tmp_path: Path) -> None:
    write_export(tmp_path / "export.zip", 50, 300, 4, END)
    result = read_linkedin_export(tmp_path / "export.zip")
    kinds = [i.kind for i in result.interactions]
    assert kinds.count("connection_accepted") == 50
    assert kinds.count("dm") >= 300
    assert not result.skipped
    assert result.owner is not None and result.owner.handle == OWNER_SLUG


def test_export_content_is_deterministic(tmp_path: Path) -> None:
    write_export(tmp_path / "a.zip", 20, 100, 4, END)
    write_export(tmp_path / "b.zip", 20, 100, 4, END)
    with zipfile.ZipFile(tmp_path / "a.zip") as a, zipfile.ZipFile(tmp_path / "b.zip") as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}


# -- the page context ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fixture", "url", "network", "key"),
    [
        ("linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html", "https://www.linkedin.com/in/eduardo-alvarez-nowak/",
         "linkedin", "eduardo-alvarez-nowak"),
        ("linkedin_profile_eduardo-alvarez-nowak_2024-07_loggedin_nonself_body.html",
         "https://www.linkedin.com/in/eduardo-alvarez-nowak/", "linkedin", "eduardo-alvarez-nowak"),
        ("x_profile_kikobeats_2025-12_rendered.html", "https://x.com/Kikobeats", "x", "kikobeats"),
    ],
)  # fmt: skip
def test_bounded_context_is_small_and_parses_like_the_whole_page(real_page, fixture, url, network, key) -> None:
    html = real_page(fixture)
    context = bounded_context(url, html, network, key)
    assert len(context["html"].encode("utf-8")) <= MAX_BYTES < len(html.encode("utf-8"))
    assert parse_page(context["url"], context["html"]) == parse_page(url, html)


# -- the report ------------------------------------------------------------------------------------------------
def _measurements() -> dict:
    dist = summarize([1.0, 2.0, 3.0])
    return {
        "context": {
            "repeat_view": {"all": dist, "worst_p99_ms": 12.0},
            "first_view": {"all": dist, "worst_p99_ms": 40.0},
        },
        "log": {"log": dist, "fsync_floor": dist, "empty_request": dist, "over_request_p50": 1.5,
                "over_request_p99": 1.8, "over_floor_p50": 6.0, "over_floor_p99": 7.0, "tinydb_naive": dist,
                "tinydb_over_log_p50": 1.0},
        "score": {**dist, "p99_ms": 4.1},  # over the 2 ms this machine could not hold: a figure now
        "review": {"cold_s": 1.4, "after_restart_s": 0.2, "warm_s": 0.05, "next_day_s": 0.6},
        "parse": {"whole_page": {"bytes": 600_000, **dist}, "bounded_context": {"x": dist}},
        "memory": {"rss_mb": 120.0},
    }  # fmt: skip


def test_report_judges_each_target_and_lists_misses_and_gaps() -> None:
    report = build_report(mode="tiny", seed=1, plan={}, data={}, machine={}, measurements=_measurements(),
                          duration_s=1.0, notes=[])  # fmt: skip
    assert [t["key"] for t in report["targets"]] == [t.key for t in TARGETS]
    assert report["missed"] == ["context_first_p99"]
    assert "memory" not in report["not_measured"] and "push_p99" in report["not_measured"]
    assert json.loads(json.dumps(report)) == report


def test_table_shows_each_target_with_its_verdict() -> None:
    report = build_report(mode="tiny", seed=1, plan={}, data={}, machine={}, measurements=_measurements(),
                          duration_s=1.0, notes=[])  # fmt: skip
    text = table(report)
    assert "missed" in text and "not measured" in text
    assert "naive TinyDB insert" in text
    assert len(text.splitlines()) >= len(TARGETS) + 2


def test_log_is_judged_against_a_request_that_writes_nothing_not_a_bare_fsync() -> None:
    report = build_report(mode="tiny", seed=1, plan={}, data={}, machine={}, measurements=_measurements(),
                          duration_s=1.0, notes=[])  # fmt: skip
    judged = {t["key"]: t for t in report["targets"]}
    assert "log_over_floor" not in judged  # 6x a bare fsync: a loopback round trip costs more than the fsync
    assert judged["log_over_request"] | {"label": ""} == {
        "key": "log_over_request", "label": "", "value": 1.5, "target": 2, "unit": "x", "pass": True,
    }  # fmt: skip


def test_score_and_cold_review_are_figures_without_targets() -> None:
    report = build_report(mode="tiny", seed=1, plan={}, data={}, machine={}, measurements=_measurements(),
                          duration_s=1.0, notes=[])  # fmt: skip
    judged = {t["key"]: t for t in report["targets"]}
    for key, value in (("score_2000", 4.1), ("review_cold", 1.4)):
        assert (judged[key]["value"], judged[key]["target"], judged[key]["pass"]) == (value, None, None)
        assert key not in report["missed"] and key not in report["not_measured"]
    row = next(line for line in table(report).splitlines() if line.startswith("8. score"))
    assert row.split()[-2:] == ["-", "figure"]


def test_the_quick_run_prints_one_short_table_and_no_json(tmp_path: Path) -> None:
    report = build_report(mode="quick", seed=1, plan={}, data={}, machine={}, measurements=_measurements(),
                          duration_s=1.0, notes=[])  # fmt: skip
    shown = screen(report, full=False, out=tmp_path / "report-quick.json")
    lines = shown.splitlines()
    assert lines[0].startswith("measure") and "{" not in shown
    assert len(lines) == len(TARGETS) + 4  # header, rule, a row per measure, a blank line, where the report is
    assert lines[-1].endswith(
        f"report in {tmp_path / 'report-quick.json'}, README table in {tmp_path / 'report-quick.md'}"
    )
    full = screen(report, full=True, out=tmp_path / "report.json")
    assert json.loads(full.split("\n\n", 1)[0]) == report


def test_markdown_names_the_machine_and_has_a_row_per_target() -> None:
    machine = {"cpu": "Test CPU", "cores": 2, "ram_gb": 4.0, "python": "3.11.7", "os": "Linux"}
    report = build_report(mode="tiny", seed=1, plan={}, data={}, machine=machine, measurements=_measurements(),
                          duration_s=1.0, notes=["a note"])  # fmt: skip
    text = markdown(report)
    assert "Test CPU, 2 cores" in text
    assert sum(1 for line in text.splitlines() if line.startswith("| ")) == len(TARGETS) + 1
    assert "- a note" in text


def test_bench_help_runs_from_the_repo_root() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/bench", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "--quick" in result.stdout

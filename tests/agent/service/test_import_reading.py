"""Exports are read in a worker process with a memory budget: a bomb ends the worker, never the agent."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from agent.importers import ImportFormatError
from agent.service.import_reading import read_export
from tests.fixtures.exports import build


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def peak_rss_while(action: Callable[[], object]) -> tuple[int, object]:
    """The highest RSS of this process, sampled while ``action`` runs, and what it returned or raised."""
    peak, done = [rss_bytes()], threading.Event()

    def sample() -> None:
        while not done.wait(0.01):
            peak[0] = max(peak[0], rss_bytes())

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        outcome: object = action()
    except Exception as exc:  # the outcome is checked by the caller
        outcome = exc
    finally:
        done.set()
        sampler.join()
    return peak[0], outcome


def test_a_zip_bomb_is_refused_naming_the_member_and_costs_the_caller_no_memory(tmp_path: Path) -> None:
    """A ZIP of a few hundred KB that unpacks to 400 MB grew the agent by gigabytes; now the worker reads it,
    stops at the member cap and says which file it was."""
    bomb = build.bomb_zip(tmp_path / "bomb.zip", {"Connections.csv": 400 << 20})
    assert bomb.stat().st_size < 4 << 20
    before = rss_bytes()
    peak, outcome = peak_rss_while(lambda: read_export(bomb, "linkedin"))
    assert isinstance(outcome, ImportFormatError), outcome
    assert outcome.file == "Connections.csv" and "archive bomb" in str(outcome)
    assert peak - before < 100 << 20


def test_a_worker_past_its_memory_budget_is_stopped_with_a_clear_message(tmp_path: Path) -> None:
    export = build.bomb_zip(tmp_path / "big.zip", {"Connections.csv": 200 << 20})  # under the member cap
    with pytest.raises(ImportFormatError, match="more than 300 MB of memory"):
        read_export(export, "linkedin", memory_budget=300 << 20)


def test_the_worker_reports_progress_and_returns_the_result(tmp_path: Path) -> None:
    export = build.linkedin_2025(tmp_path / "li")
    seen: list[tuple[int, int]] = []
    network, result = read_export(export, None, progress=lambda done, total: seen.append((done, total)))
    assert network == "linkedin" and result.interactions
    assert seen and seen[-1][0] == seen[-1][1]


def test_something_that_is_no_export_is_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="neither a LinkedIn data export nor an X archive"):
        read_export(build.not_an_export_zip(tmp_path), None)


def rss_of(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for pid {pid}")


@pytest.mark.slow
def test_a_running_agent_stays_small_while_it_refuses_a_zip_bomb(tmp_path: Path) -> None:
    """A 1 MB LinkedIn export ZIP grew the agent to 7.2 GB RSS: through the real agent, its RSS stays flat."""
    from agent.cli.agent_client import AgentError
    from tests.support.agent_process import AgentProcess, free_port

    bomb = build.bomb_zip(tmp_path / "bomb.zip", {"Connections.csv": 400 << 20})
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        pid = agent._proc.pid  # type: ignore[union-attr]
        before = rss_of(pid)
        peak, outcome = [before], [None]

        def run() -> None:
            try:
                agent.admin().call("/v1/admin/import", {"path": str(bomb), "network": "linkedin", "wait": True})
            except AgentError as exc:
                outcome[0] = exc  # type: ignore[call-overload]

        importer = threading.Thread(target=run)
        importer.start()
        while importer.is_alive():
            peak[0] = max(peak[0], rss_of(pid))
            importer.join(0.01)
    finally:
        agent.stop()
    error = outcome[0]
    assert isinstance(error, AgentError) and error.code == "bad_export"
    assert error.message.startswith("Connections.csv: this file unpacks to more than")
    assert peak[0] - before < 150 << 20

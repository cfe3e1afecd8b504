"""kill -9 at any instant loses no acknowledged write, and the store always opens again.

A real agent runs in a subprocess; threads log over HTTP and `fathom log` processes log through the CLI at the
same time; the agent is SIGKILLed mid-burst; every write that was acknowledged must be there afterwards.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from agent.cli.errors import CliError
from agent.store.store import Store
from tests.support.agent_process import REPO, AgentProcess, free_port


def burst(agent: AgentProcess, acked: list[str], stop: threading.Event, seed: int) -> None:
    client = agent.admin()
    n = 0
    while not stop.is_set():
        n += 1
        try:
            answer = client.call(
                "/v1/interactions", {"network": "x", "handle": f"crash{seed}", "kind": "dm", "note": f"note {seed}-{n}"}
            )
        except (CliError, OSError):
            return  # the agent died under us: this one was never acknowledged
        acked.append(answer["interaction"]["id"])


def cli_logs(agent: AgentProcess, acked_notes: list[str], stop: threading.Event) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        note = f"cli note {n}"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "agent",
                "log",
                "--x",
                "clilogger",
                "--kind",
                "call",
                "--note",
                note,
                "--data-dir",
                str(agent.data_dir),
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode == 0:
            acked_notes.append(note)


def one_round(agent: AgentProcess, rng: random.Random) -> tuple[list[str], list[str]]:
    agent.start()
    acked: list[str] = []
    notes: list[str] = []
    stop = threading.Event()
    threads = [threading.Thread(target=burst, args=(agent, acked, stop, s)) for s in range(3)]
    threads.append(threading.Thread(target=cli_logs, args=(agent, notes, stop)))
    for t in threads:
        t.start()
    target = rng.randint(5, 60)
    deadline = threading.Event()
    while len(acked) < target and not deadline.wait(0.005):
        pass
    agent.kill()
    stop.set()
    for t in threads:
        t.join(timeout=60)
    return acked, notes


def verify(data_dir: Path, acked: list[str], notes: list[str]) -> None:
    store = Store.open(data_dir, role="test")
    try:
        missing = [i for i in acked if store.interaction(i) is None]
        assert not missing, f"{len(missing)} acknowledged interactions lost"
        stored_notes = {i.note for i in store.interactions()}
        lost = [n for n in notes if n not in stored_notes]
        assert not lost, f"CLI writes lost: {lost}"
    finally:
        store.close()


def run_rounds(tmp_path: Path, rounds: int) -> None:
    agent = AgentProcess(tmp_path / "data", free_port())
    rng = random.Random(1234)
    all_acked: list[str] = []
    all_notes: list[str] = []
    for _ in range(rounds):
        acked, notes = one_round(agent, rng)
        all_acked += acked
        all_notes += notes
        verify(agent.data_dir, all_acked, all_notes)
    agent.start()  # and the agent itself starts on what the crashes left
    status = agent.admin().call("/v1/status")
    assert status["interactions"] >= len(all_acked) + len(all_notes)
    agent.stop()


def test_log_survives_kill_9_during_concurrent_http_and_cli_writes(tmp_path: Path) -> None:
    run_rounds(tmp_path, rounds=4)


@pytest.mark.slow
def test_log_survives_fifty_rounds_of_kill_9(tmp_path: Path) -> None:
    run_rounds(tmp_path, rounds=50)

"""Without an agent the CLI opens the store itself, under the data dir's one-writer lock, and runs the
agent's operations on it; what they write is there for the next process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from agent.cli import backend as backend_module
from agent.cli.backend import LocalBackend, open_backend
from agent.cli.errors import CliError
from agent.store.errors import DataDirLocked
from agent.store.store import Store
from tests.support.agent_process import AgentProcess, free_port


def test_without_an_agent_the_cli_holds_the_lock_and_its_writes_outlive_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr(backend_module, "LOCK_WAIT_SECONDS", 0.0)  # the second command gives up at once
    with open_backend(data) as backend:
        assert isinstance(backend, LocalBackend)
        logged = backend.call("/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm", "at": "2025-03-01"})
        with pytest.raises(DataDirLocked):
            Store.open(data)  # an agent starting now is refused: one writer
        with pytest.raises(CliError, match=r"Another Fathom process \(cli pid \d+\)"), open_backend(data):
            pass
    store = Store.open(data)
    try:
        assert store.interaction(logged["interaction"]["id"]) is not None
    finally:
        store.close()


def test_a_copy_of_a_running_agents_data_dir_is_opened_locally_not_through_that_agent(tmp_path: Path) -> None:
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        agent.cli("log", "--x", "ada", "--kind", "dm")
        copy = tmp_path / "copy"
        shutil.copytree(agent.data_dir, copy)  # `cp -a` while it runs: its runtime file and key come along
        with open_backend(copy) as backend:
            assert isinstance(backend, LocalBackend)
            backend.call("/v1/interactions", {"network": "x", "handle": "bea", "kind": "dm", "at": "2025-03-01"})
            status = backend.call("/v1/status")
        assert Path(status["data_dir"]).samefile(copy) and status["interactions"] == 2
        original = json.loads(agent.cli("status", "--json"))
        assert original["running"] is True and original["interactions"] == 1
    finally:
        agent.stop()

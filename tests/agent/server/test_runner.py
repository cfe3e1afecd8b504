"""Running the agent: graceful shutdown on SIGTERM and SIGINT finishes writes and leaves a compacted store."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from agent.store.store import Store
from tests.support.agent_process import AgentProcess, free_port


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_shuts_down_cleanly_and_compacts(tmp_path: Path, sig: signal.Signals) -> None:
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    client = agent.admin()
    ids = [
        client.call("/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm"})["interaction"]["id"]
        for _ in range(5)
    ]
    proc = agent._proc
    assert proc is not None
    proc.send_signal(sig)
    assert proc.wait(timeout=30) == 0
    agent.stop()
    data = tmp_path / "data"
    assert not (data / "agent.json").exists(), "the runtime file is removed on a clean stop"
    assert (data / "store" / "journal.log").stat().st_size == 0, "everything was folded into the snapshot"
    assert "stopped" in (data / "logs" / "agent.log").read_text()
    store = Store.open(data)
    assert all(store.interaction(i) is not None for i in ids)
    store.close()


def test_log_file_never_contains_secrets(tmp_path: Path) -> None:
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        client = agent.admin()
        client.authenticate()
        code = client.call("/v1/admin/pair")["code"]
        token = client._token
    finally:
        agent.stop()
    log = (tmp_path / "data" / "logs" / "agent.log").read_text()
    admin_key = (tmp_path / "data" / "admin.key").read_text().strip()
    assert log and code not in log and token not in log and admin_key not in log


def test_a_shard_found_damaged_after_listening_stops_the_agent_and_names_the_file(tmp_path: Path) -> None:
    """The agent answers before it has read every interaction shard; damage found later ends it as damage
    found at start would: non-zero exit, the file named, the file untouched."""
    from agent.records import Identity, Person
    from agent.store import ops
    from agent.store.snapshot import shard_file, shard_of

    data = tmp_path / "data"
    store = Store.open(data)
    ada = Person(id="p_ada", name="Ada", identities=(Identity("x", "ada"),))
    store.write(lambda _s: ([ops.put_person(ada)], None))
    store.close()
    damaged = data / "store" / shard_file((shard_of("p_ada") + 1) % 16)
    damaged.write_text('{"interactions": {"1": ')
    # Found before or after it listens (the shards load in the background), the damage ends the agent.
    result = subprocess.run(
        [sys.executable, "-m", "agent.cli.main", "serve", "--port", str(free_port()), "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert str(damaged) in result.stderr
    assert damaged.read_text() == '{"interactions": {"1": '


@pytest.mark.parametrize("damage", ["people file emptied", "last journal record flipped"])
def test_serve_refuses_to_start_on_a_damaged_store_naming_the_file_and_the_fix(tmp_path: Path, damage: str) -> None:
    from agent.records import Person
    from agent.store import ops

    data = tmp_path / "data"
    store = Store.open(data)
    store.write(lambda _s: ([ops.put_person(Person(id="p_ada", name="Ada"))], None))
    if damage == "people file emptied":
        store.close()
        damaged = data / "store" / "people.json"
        content = b"{}"
    else:
        store.write(lambda _s: ([ops.put_person(Person(id="p_bob", name="Bob"))], None))
        store._lock.release()  # kill -9: both writes acknowledged, only in the journal
        damaged = data / "store" / "journal.log"
        content = damaged.read_bytes().replace(b"Bob", b"Bop")
    damaged.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "agent.cli.main", "serve", "--port", str(free_port()), "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode != 0
    assert str(damaged) in result.stderr and "is damaged" in result.stderr
    assert "fathom restore" in result.stderr
    assert damaged.read_bytes() == content


def test_a_restarted_agent_takes_its_review_back_from_the_last_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    agent = AgentProcess(data, free_port())
    agent.start()
    try:
        client = agent.admin()
        nine_days_ago = (date.today() - timedelta(days=9)).isoformat()
        ada = {"network": "x", "handle": "ada", "kind": "dm", "direction": "them", "at": nine_days_ago}
        client.call("/v1/interactions", ada)
        client.call("/v1/interactions", {"network": "x", "handle": "bob", "kind": "like", "direction": "me"})
        first = client.call("/v1/review", {})["items"]
    finally:
        agent.stop()  # SIGTERM: a clean stop keeps the review
    assert [i["person"]["name"] for i in first] == ["@ada"]
    assert (data / "review-cache.json").exists()
    agent.start()
    try:
        assert agent.admin().call("/v1/review", {})["items"] == first
    finally:
        agent.stop()
    assert "review: 2 of 2 people taken back from the last run" in (data / "logs" / "agent.log").read_text()

"""fathom doctor: each check says ok or what is wrong and how to fix it; the exit status says whether all is
well. The autostart and browser checks depend on the machine, so only the others are pinned here."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from agent.cli import doctor
from agent.records import Interaction, Person
from agent.store import ops
from agent.store.snapshot import shard_file, shard_of
from agent.store.store import Store
from tests.conftest import REPO
from tests.support.agent_process import AgentProcess, free_port


def run(data_dir: Path, port: int) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = doctor.run_checks(data_dir, port, out=lines.append)
    return code, lines


def line(lines: list[str], name: str) -> str:
    found = [text for text in lines if text.startswith(("[ok] ", "[!!] ")) and text[5:].startswith(f"{name}:")]
    assert len(found) == 1, lines
    return found[0]


def fix_after(lines: list[str], name: str) -> str:
    following = lines[lines.index(line(lines, name)) + 1]
    assert following.startswith("     fix: "), lines
    return following


def test_without_an_agent_it_says_how_to_start_one_and_fails(data_dir: Path) -> None:
    Store.open(data_dir).close()
    port = free_port()
    code, lines = run(data_dir, port)
    assert code == 1
    assert line(lines, "agent") == "[!!] agent: not running for this data dir"
    assert "fathom serve" in fix_after(lines, "agent")
    assert line(lines, "port") == f"[ok] port: 127.0.0.1:{port} is free for the agent"
    assert line(lines, "store") == "[ok] store: opens cleanly: 0 people, 0 interactions"
    assert line(lines, "pairing") == "[!!] pairing: no browser is paired"
    assert lines[-1].endswith("problems found.")


def test_a_taken_port_is_named_with_the_way_around_it(data_dir: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        _, lines = run(data_dir, port)
    assert line(lines, "port") == f"[!!] port: 127.0.0.1:{port} is taken by another program"
    assert "--port N" in fix_after(lines, "port")


def test_a_port_left_only_with_a_stopped_agents_time_wait_connections_is_free(data_dir: Path) -> None:
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the agent binds
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)) as browser:
            served, _ = listener.accept()
            served.close()  # the agent's side closes first, so its end of the connection waits in TIME_WAIT
            browser.recv(1)
    _, lines = run(data_dir, port)
    assert line(lines, "port") == f"[ok] port: 127.0.0.1:{port} is free for the agent"


def test_a_damaged_store_points_to_the_newest_backup(data_dir: Path) -> None:
    Store.open(data_dir).close()
    (data_dir / "store" / "people.json").write_text('{"people": {"1": ', encoding="utf-8")
    _, lines = run(data_dir, free_port())
    assert line(lines, "store").startswith("[!!] store: ")
    assert "fathom restore" in fix_after(lines, "store")


@pytest.mark.parametrize("content", [b"", b"{}", b" \n"], ids=["0 bytes", "{}", "whitespace"])
def test_an_emptied_people_file_is_reported_with_how_to_recover(data_dir: Path, content: bytes) -> None:
    store = Store.open(data_dir)
    store.write(lambda _s: ([ops.put_person(Person(id="p_ada", name="Ada"))], None))
    store.close()
    (data_dir / "backups").mkdir()
    backup = data_dir / "backups" / "fathom-backup-20260101T000000Z.json"
    backup.write_text("{}")
    people = data_dir / "store" / "people.json"
    people.write_bytes(content)
    code, lines = run(data_dir, free_port())
    assert code == 1
    assert line(lines, "store").startswith(f"[!!] store: {people} is damaged (")
    assert f"`fathom restore {backup}`" in fix_after(lines, "store")
    assert f"mv {data_dir / 'store'} " in fix_after(lines, "store")
    assert people.read_bytes() == content


def test_a_deleted_interaction_shard_is_reported(data_dir: Path) -> None:
    store = Store.open(data_dir)
    ada = Person(id="p_ada", name="Ada")
    first = Interaction(id="i_1", person="p_ada", kind="dm", direction="me", at="2024-01-01")
    store.write(lambda _s: ([ops.put_person(ada), ops.put_interaction(first)], None))
    store.close()
    shard = data_dir / "store" / shard_file(shard_of("p_ada"))
    shard.unlink()
    _, lines = run(data_dir, free_port())
    assert line(lines, "store").startswith(f"[!!] store: {shard} is damaged (it is missing")
    assert not shard.exists()


@pytest.mark.slow
def test_with_a_running_agent_it_reports_its_port_and_counts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    agent = AgentProcess(data, free_port())
    agent.start()
    try:
        agent.cli("log", "--x", "ada", "--kind", "call")
        other = free_port()
        _, lines = run(data, other)
    finally:
        agent.stop()
    assert line(lines, "agent") == f"[ok] agent: running on 127.0.0.1:{agent.port}"
    assert line(lines, "store") == "[ok] store: 1 person, 1 interaction"
    assert line(lines, "port") == f"[!!] port: the agent uses {agent.port}, but {other} is configured here"


def test_the_minimum_browser_versions_are_the_manifests() -> None:
    manifest = json.loads((REPO / "extension" / "manifest.json").read_text(encoding="utf-8"))
    assert int(manifest["minimum_chrome_version"]) == doctor.MIN_CHROME
    assert int(manifest["browser_specific_settings"]["gecko"]["strict_min_version"].split(".")[0]) == doctor.MIN_FIREFOX


def test_a_damaged_store_points_to_the_newest_backup_also_a_before_restore_one(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.write(lambda _s: ([ops.put_person(Person(id="p_ada", name="Ada"))], None))
    store.close()
    backups = data_dir / "backups"
    backups.mkdir()
    for name in (
        "fathom-backup-20261207T100000Z.json",
        "before-restore-fathom-backup-20261208T002928Z.json",
        "before-restore-fathom-backup-20261208T002928Z-2.json",  # a second restore in the same second
        "fathom-backup-20261201T000000Z.json",
    ):
        (backups / name).write_text("{}")
    (data_dir / "store" / "people.json").write_bytes(b"")
    _, lines = run(data_dir, free_port())
    newest = backups / "before-restore-fathom-backup-20261208T002928Z-2.json"
    assert f"`fathom restore {newest}`" in fix_after(lines, "store")

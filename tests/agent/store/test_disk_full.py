"""A disk that fills up mid-write: no acknowledged write is lost, the store still opens, the user is told.

The data dir lives on a small tmpfs mounted for this test (needs root, as in CI), so ENOSPC is real.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.cli.agent_client import AgentError
from agent.store.store import Store
from tests.support.agent_process import AgentProcess, free_port

pytestmark = pytest.mark.skipif(
    os.name != "posix" or (os.geteuid() != 0 and os.environ.get("CI") != "true"),
    reason="mounting a small tmpfs needs root (CI runs as root)",
)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_mid_write_loses_nothing_acknowledged(small_disk: Path) -> None:
    agent = AgentProcess(small_disk / "data", free_port())
    agent.start()
    client = agent.admin()
    acked: list[str] = []
    refusal = None
    try:
        for n in range(20_000):
            try:
                answer = client.call(
                    "/v1/interactions", {"network": "x", "handle": "full", "kind": "dm", "note": f"{n} " + "n" * 2000}
                )
            except AgentError as exc:
                refusal = exc
                break
            acked.append(answer["interaction"]["id"])
        assert refusal is not None, "the 1 MB disk never filled"
        assert refusal.status == 507 and "disk is full" in refusal.message
        # the agent keeps answering reads while the disk is full
        assert client.call("/v1/status")["interactions"] == len(acked)
    finally:
        agent.kill()
    store = Store.open(small_disk / "data", role="test")
    try:
        missing = [i for i in acked if store.interaction(i) is None]
        assert not missing and len(acked) > 10
    finally:
        store.close()

"""`fathom backup` on a full disk: the same clear storage_failed as a log on a full disk, and no partial file.

The backup goes to a small tmpfs mounted for this test (needs root, as in CI), so ENOSPC is real.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.cli.agent_client import AgentError
from agent.cli.main import main
from agent.service.backup import write_backup
from agent.service.interactions import LogRequest, log
from agent.store.errors import StoreWriteFailed
from agent.store.store import Store
from tests.support.agent_process import AgentProcess, free_port

pytestmark = pytest.mark.skipif(
    os.name != "posix" or (os.geteuid() != 0 and os.environ.get("CI") != "true"),
    reason="mounting a small tmpfs needs root (CI runs as root)",
)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs with all but a few bytes taken by a filler file."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(fd, b"f" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def seeded(data_dir: Path) -> Store:
    store = Store.open(data_dir)
    for n in range(20):
        store.write(lambda s, n=n: log(s, LogRequest(kind="dm", network="x", handle=f"u{n}", note="n" * 500)))
    return store


def test_backup_on_a_full_disk_is_storage_failed_and_leaves_no_file(tmp_path: Path, full_disk: Path) -> None:
    store = seeded(tmp_path / "data")
    try:
        with pytest.raises(StoreWriteFailed, match="disk is full"):
            write_backup(store, full_disk / "backups" / "b.json")
    finally:
        store.close()
    assert sorted(p.name for p in full_disk.rglob("*") if p.is_file()) == ["filler"]


def test_cli_backup_on_a_full_disk_says_so_without_a_traceback(
    tmp_path: Path, full_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded(tmp_path / "data").close()
    code = main(["backup", "--data-dir", str(tmp_path / "data"), "--out", str(full_disk / "b.json")])
    err = capsys.readouterr().err
    assert code == 1 and "disk is full" in err and "Traceback" not in err
    assert not (full_disk / "b.json").exists()


def test_api_backup_on_a_full_disk_is_507_storage_failed(tmp_path: Path, full_disk: Path) -> None:
    seeded(tmp_path / "data").close()
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        with pytest.raises(AgentError) as info:
            agent.admin().call("/v1/admin/backup", {"path": str(full_disk / "b.json")})
    finally:
        agent.kill()
    assert info.value.status == 507 and info.value.code == "storage_failed"
    assert "disk is full" in info.value.message
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]

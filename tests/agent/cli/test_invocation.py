"""The commands Fathom prints work when pasted where the user is (a checkout's .venv is not on the PATH)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from agent.cli.invocation import fathom_command
from tests.support.agent_process import READY_TIMEOUT_S, REPO, free_port


def _script(root: Path) -> Path:
    script = root / ".venv" / "bin" / "fathom"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    return script


def test_fathom_on_the_path_is_named_bare(tmp_path: Path) -> None:
    script = _script(tmp_path)
    got = fathom_command("pair", argv0=str(script), cwd="/", path=str(script.parent))
    assert got == "fathom pair"


def test_checkout_venv_not_on_the_path_is_named_relative_to_the_checkout(tmp_path: Path) -> None:
    script = _script(tmp_path)
    got = fathom_command("pair", argv0=str(script), cwd=str(tmp_path), path="/usr/bin")
    assert got == ".venv/bin/fathom pair"


def test_outside_the_checkout_the_path_is_absolute(tmp_path: Path) -> None:
    script = _script(tmp_path / "repo")
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    got = fathom_command("pair", argv0=str(script), cwd=str(elsewhere), path="/usr/bin")
    assert got == f"{script} pair"


def test_another_fathom_on_the_path_is_not_taken_for_this_one(tmp_path: Path) -> None:
    script = _script(tmp_path / "repo")
    other = _script(tmp_path / "other")
    got = fathom_command("pair", argv0=str(script), cwd=str(tmp_path / "repo"), path=str(other.parent))
    assert got == ".venv/bin/fathom pair"


def test_python_dash_m_agent_is_named_with_its_interpreter() -> None:
    got = fathom_command("pair", argv0="/x/agent/cli/main.py", python="/opt/py 3/bin/python")
    assert got == "'/opt/py 3/bin/python' -m agent pair"


def test_serve_from_the_checkout_prints_the_pair_command_that_works_there(tmp_path: Path) -> None:
    venv_fathom = Path(sys.executable).parent / "fathom"
    assert venv_fathom.exists(), "scripts/test installs the agent into .venv"
    env = {k: v for k, v in os.environ.items() if k != "FATHOM_PORT"}
    env["PATH"] = "/usr/bin:/bin"  # as in a fresh shell: the venv is not activated
    env["PYTHONUNBUFFERED"] = "1"
    args = [str(venv_fathom), "serve", "--port", str(free_port()), "--data-dir", str(tmp_path / "data")]
    proc = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "To pair a browser" in line:
                break
    finally:
        proc.terminate()
        proc.wait(timeout=READY_TIMEOUT_S)
        if proc.stdout is not None:
            proc.stdout.close()
    assert f"run `{venv_fathom.resolve()} pair`" in lines[-1], "".join(lines)


def test_readme_quick_start_names_the_pair_command_a_checkout_prints() -> None:
    printed = fathom_command("pair", argv0=str(REPO / ".venv" / "bin" / "fathom"), cwd=str(REPO), path="/usr/bin")
    quick_start = (REPO / "README.md").read_text(encoding="utf-8").split("## Five-minute quick start", 1)[1]
    assert f"`{printed}`" in quick_start.split("\n## ", 1)[0]

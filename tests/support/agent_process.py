"""A real Fathom agent (`fathom serve`) in a subprocess, on a free loopback port, with its own data dir."""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 30
CLI_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AgentProcess:
    """Starts and stops `python -m agent.cli.main serve`, and runs other CLI commands on its data dir."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir = data_dir
        self.port = port
        self._proc: subprocess.Popen[str] | None = None
        self._pump_thread: threading.Thread | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.output: list[str] = []

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("FATHOM_PORT", None)
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def start(self) -> None:
        """Starts the agent and waits until it prints that it is listening."""
        self._lines = queue.Queue()
        self._proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "agent.cli.main",
                "serve",
                "--port",
                str(self.port),
                "--data-dir",
                str(self.data_dir),
            ],
            cwd=REPO,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._pump_thread = threading.Thread(target=self._pump, args=(self._proc,), daemon=True)
        self._pump_thread.start()
        ready = f"Fathom agent listening on http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self._lines.get(timeout=max(0.0, remaining))
            except queue.Empty:
                line = None
            if line is None:
                self.stop()
                raise RuntimeError(
                    f"the agent did not print {ready!r} within {READY_TIMEOUT_S} s; its output:\n"
                    + "".join(self.output)
                )
            if ready in line:
                return

    def _pump(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.output.append(line)
            self._lines.put(line)
        self._lines.put(None)

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if self._pump_thread is not None:
            self._pump_thread.join(timeout=10)  # it ends at the pipe's EOF, now that the process exited
        if proc.stdout is not None:
            proc.stdout.close()

    def cli(self, *args: str) -> str:
        """Runs `fathom ARGS --data-dir D` (talking to this agent) and returns its stdout."""
        result = subprocess.run(
            [sys.executable, "-m", "agent.cli.main", *args, "--data-dir", str(self.data_dir)],
            cwd=REPO,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT_S,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"fathom {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def pairing_code(self) -> str:
        return str(json.loads(self.cli("pair", "--json"))["code"])

    def show(self, network: str, handle: str) -> dict[str, Any]:
        """`fathom show --linkedin SLUG --json` (or --x HANDLE): the agent's view of that person."""
        return dict(json.loads(self.cli("show", f"--{network}", handle, "--json")))

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, exactly like a crash or a power cut."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        self.stop()  # reaps the pipe and its reader

    def admin(self) -> Any:
        """An authenticated admin client (the same one the `fathom` CLI uses)."""
        from agent.cli.agent_client import AgentClient
        from agent.server.clients import read_admin_key

        secret = read_admin_key(self.data_dir / "admin.key")
        assert secret is not None, "the agent has not written its admin key"
        return AgentClient(self.port, secret)

"""The agent as a real subprocess: cold start to the first answered overlay, and its memory from /proc."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from scripts.benchlib.client import AgentSession, BenchError, admin_secret
from tests.support.agent_process import AgentProcess, free_port


def start_agent(data_dir: Path) -> tuple[AgentProcess, float]:
    """Start ``fathom serve`` on ``data_dir`` and a free port; returns the agent and the seconds it took to say
    it is listening."""
    agent = AgentProcess(data_dir, free_port())
    start = time.perf_counter()
    agent.start()
    return agent, time.perf_counter() - start


def cold_start(data_dir: Path, context: dict[str, str]) -> tuple[AgentProcess, dict[str, float]]:
    """Start the agent and time it from the process launch to its first answered ``/v1/context``.

    The clock includes the interpreter start, imports, loading the store, binding the port, the client's
    handshake and the first overlay answer: what a user waits for after logging in. The agent is left running.
    """
    start = time.perf_counter()
    agent, listening = start_agent(data_dir)
    try:
        asyncio.run(_first_context(agent.port, data_dir, context))
    except BaseException:
        agent.stop()
        raise
    return agent, {"listening_s": round(listening, 3), "first_context_s": round(time.perf_counter() - start, 3)}


async def _first_context(port: int, data_dir: Path, context: dict[str, str]) -> None:
    async with AgentSession(port, admin_secret(data_dir)) as session:
        await session.post("/v1/context", context)


def agent_pid(data_dir: Path) -> int:
    """The running agent's pid, from the runtime file it writes once it listens."""
    try:
        return int(json.loads((data_dir / "agent.json").read_text("utf-8"))["pid"])
    except (OSError, ValueError, KeyError) as exc:
        raise BenchError(f"cannot read the agent's pid from {data_dir / 'agent.json'} ({exc})") from None


def memory_mb(pid: int) -> dict[str, float] | None:
    """Resident and peak resident memory of ``pid`` in MB (VmRSS, VmHWM); None where /proc is missing."""
    status = Path(f"/proc/{pid}/status")
    try:
        lines = status.read_text("utf-8").splitlines()
    except OSError:
        return None
    values = {}
    for line in lines:
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = round(int(rest.split()[0]) / 1024, 1)  # kB
    if "VmRSS" not in values:
        return None
    return {"rss_mb": values["VmRSS"], "peak_rss_mb": values.get("VmHWM", values["VmRSS"])}

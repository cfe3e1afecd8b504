"""Load on the heavy user's data dir: 200 concurrent overlays plus 50 live sockets for 60 s.

Zero errors and flat memory are asserted; latency is only reported (timings are never asserted: these
machines are shared). The data dir is the benchmark's synthetic heavy user (scripts/benchlib), built once
and cached under bench-data/.
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import date
from pathlib import Path

import aiohttp
import pytest

from scripts.benchlib.client import Subscriber, admin_secret, handshake
from scripts.benchlib.datadir import cached_data_dir, working_copy
from scripts.benchlib.measure import summarize
from scripts.benchlib.page_context import bounded_context
from scripts.benchlib.plan import DEFAULT_SEED, FIXTURE_LINKEDIN, FULL
from tests.conftest import REPO
from tests.fixtures import REAL_FIXTURES
from tests.support.agent_process import AgentProcess, free_port

pytestmark = pytest.mark.slow

DURATION_S = 60.0
CONCURRENT = 200
SOCKETS = 50
PAGE = "linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html"
URL = f"https://www.linkedin.com/in/{FIXTURE_LINKEDIN[0]}/"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


async def hammer(port: int, secret: bytes, body: bytes, deadline: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    connector = aiohttp.TCPConnector(limit=CONCURRENT)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as http:
        ws, token = await handshake(http, port, secret)
        await ws.close()
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}

        async def worker() -> None:
            while time.monotonic() < deadline:
                start = time.perf_counter()
                try:
                    async with http.post(f"http://127.0.0.1:{port}/v1/context", data=body, headers=headers) as resp:
                        await resp.read()
                        if resp.status != 200:
                            errors.append(f"status {resp.status}")
                except (TimeoutError, aiohttp.ClientError) as exc:
                    errors.append(repr(exc))
                latencies.append((time.perf_counter() - start) * 1000)

        await asyncio.gather(*(worker() for _ in range(CONCURRENT)))
    return latencies, errors


async def run_load(agent: AgentProcess, secret: bytes, body: bytes, person_id: str) -> dict:
    subscribers = [Subscriber(agent.port, secret) for _ in range(SOCKETS)]
    for sub in subscribers:
        await sub.open([person_id])
    pid = agent._proc.pid  # type: ignore[union-attr]
    memory: list[float] = []
    deadline = time.monotonic() + DURATION_S

    async def sample_memory() -> None:
        while time.monotonic() < deadline:
            memory.append(rss_mb(pid))
            await asyncio.sleep(5)  # a sampling period, not a wait for a condition

    latencies, errors = (await asyncio.gather(hammer(agent.port, secret, body, deadline), sample_memory()))[0]
    alive = 0
    for sub in subscribers:
        assert sub.ws is not None
        await sub.ws.send_json({"type": "ping"})
        if (await sub.ws.receive_json(timeout=10)).get("type") == "pong":
            alive += 1
        await sub.close()
    return {"latencies": latencies, "errors": errors, "memory": memory, "alive": alive}


def test_200_concurrent_overlays_and_50_sockets_for_a_minute(tmp_path: Path) -> None:
    end = date.today().replace(day=1)
    source, _ = cached_data_dir(REPO / "bench-data", FULL, DEFAULT_SEED, end)
    data = working_copy(source, tmp_path / "data")
    agent = AgentProcess(data, free_port())
    agent.start()
    try:
        secret = admin_secret(data)
        context = bounded_context(URL, (REAL_FIXTURES / PAGE).read_text("utf-8"), "linkedin", FIXTURE_LINKEDIN[0])
        person_id = agent.admin().call("/v1/context", context)["person"]["id"]
        agent.admin().call("/v1/status")  # answers once every shard is read: memory is then at its steady size
        result = asyncio.run(run_load(agent, secret, json.dumps(context).encode(), person_id))
    finally:
        agent.stop()
    figures = summarize(result["latencies"])
    print(
        f"\nload: {len(result['latencies'])} context requests in {DURATION_S:.0f} s, "
        f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms; RSS MB {result['memory']}"
    )
    assert result["errors"] == [], result["errors"][:5]
    assert result["alive"] == SOCKETS
    steady = result["memory"][1:]  # the first sample is before the caches warmed
    assert max(steady) <= min(steady) * 1.15 + 20, f"memory grew under steady load: {result['memory']}"

"""A big LinkedIn export imported through a running agent, while overlays keep asking for context."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path
from typing import Any

from scripts.benchlib.client import AgentSession, BenchError, admin_secret
from scripts.benchlib.measure import summarize
from scripts.benchlib.startup import start_agent

# A browsing user opens a profile every few seconds; ten a second is a generous upper bound, and pacing keeps
# the overlay loop from simply competing with the import for the CPU.
OVERLAY_INTERVAL_S = 0.1


async def _overlays_until(done: asyncio.Event, session: AgentSession, context: dict[str, str]) -> list[float]:
    times: list[float] = []
    while not done.is_set():
        times.append((await session.timed_post("/v1/context", context))[1])
        with contextlib.suppress(TimeoutError):  # the pause between two overlays
            await asyncio.wait_for(done.wait(), OVERLAY_INTERVAL_S)
    return times


async def _import_with_overlays(port: int, secret: bytes, export: Path, context: dict[str, str]) -> dict[str, Any]:
    async with AgentSession(port, secret) as admin, AgentSession(port, secret) as overlay:
        await overlay.post("/v1/context", context)  # warm: the overlay's session and parser are ready
        done = asyncio.Event()
        overlays = asyncio.create_task(_overlays_until(done, overlay, context))
        start = time.perf_counter()
        try:
            answer = await admin.post("/v1/admin/import", {"path": str(export), "network": "linkedin", "wait": True})
        finally:
            seconds = time.perf_counter() - start
            done.set()
            during = await overlays
    if not during:
        raise BenchError("no overlay was answered while the import ran")
    return {"seconds": round(seconds, 2), "summary": answer.get("summary", {}), "overlays_during": summarize(during)}


def measure_import(data_dir: Path, export: Path, context: dict[str, str]) -> dict[str, Any]:
    """Import ``export`` into the empty ``data_dir`` through a fresh agent; end-to-end seconds, overlay latency."""
    agent, _ = start_agent(data_dir)
    try:
        result = asyncio.run(_import_with_overlays(agent.port, admin_secret(data_dir), export, context))
    finally:
        agent.stop()
    result["export_bytes"] = export.stat().st_size
    return result

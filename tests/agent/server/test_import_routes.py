"""Imports through the agent: an import, good or hostile, never stalls the overlay's lookups."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from agent.server.keys import IMPORTS
from tests.agent.server.conftest import Harness, Paired
from tests.fixtures.exports import build


async def test_lookups_are_answered_while_a_hostile_import_runs_in_its_worker(
    agent: Harness, paired: Paired, tmp_path: Path
) -> None:
    """The reading happens outside the agent's process: lookups complete while the import is still running,
    and the agent itself spends a small share of that time working (a reader thread would spend all of it)."""
    export = build.bomb_zip(tmp_path / "slow.zip", {"Connections.csv": 60 << 20})  # under the caps: read whole
    await agent.call(paired, "/v1/interactions", {"network": "linkedin", "handle": "ada-l", "kind": "dm"}, expect=201)
    runner = agent.client.app[IMPORTS]
    import_id = runner.start(export, "linkedin", None)
    wall, cpu = time.monotonic(), time.process_time()
    answered = 0
    while import_id in runner.running and answered < 10_000:
        body = await agent.call(paired, "/v1/people/lookup", {"network": "linkedin", "handle": "ada-l"})
        assert body["person"]["name"]
        answered += 1
        await asyncio.sleep(0.02)  # paced like a user browsing, so the lookups' own CPU stays a small share
    wall, cpu = time.monotonic() - wall, time.process_time() - cpu
    assert answered >= 5, "lookups waited for the import"
    # Lookups themselves cost CPU; the import must not: at most half the wall time went to the agent.
    assert cpu < 0.5 * wall

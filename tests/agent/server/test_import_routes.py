"""Imports through the agent: an import, good or hostile, never stalls the overlay's lookups."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from agent.server.keys import IMPORTS
from agent.service.errors import Invalid
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


async def upload(agent: Harness, paired: Paired, data: bytes, name: str) -> str:
    resp = await agent.client.post(
        "/v1/import",
        params={"name": name},
        data=data,
        headers={"Authorization": f"Bearer {paired.token}", "Origin": paired.origin, "Content-Type": "application/zip"},
    )
    body = await resp.json()
    assert resp.status == 202, body
    return body["import_id"]


async def test_an_uploaded_text_file_is_called_not_a_zip_by_its_own_name(agent: Harness, paired: Paired) -> None:
    """Errors showed the upload's saved path ("/…/incoming/upload-a1e1….zip: this ZIP file is damaged")."""
    import_id = await upload(agent, paired, b"Shopping list\neggs\n", "notes.txt")
    with pytest.raises(Invalid) as info:
        await agent.client.app[IMPORTS].wait(import_id)
    assert info.value.message.startswith("notes.txt: this is not a ZIP file")
    assert "incoming" not in info.value.message and "upload-" not in info.value.message


async def test_a_damaged_upload_is_called_damaged_by_its_own_name(
    agent: Harness, paired: Paired, tmp_path: Path
) -> None:
    whole = build.zip_folder(build.linkedin_2025(tmp_path / "li"), tmp_path / "li.zip")
    damaged = build.truncated_zip(whole, tmp_path / "cut.zip").read_bytes()
    import_id = await upload(agent, paired, damaged, "Basic_LinkedInDataExport_12-07-2026.zip")
    with pytest.raises(Invalid) as info:
        await agent.client.app[IMPORTS].wait(import_id)
    assert info.value.message.startswith("Basic_LinkedInDataExport_12-07-2026.zip: this ZIP file is damaged")


async def test_import_list_names_an_upload_by_the_files_own_name(
    agent: Harness, paired: Paired, tmp_path: Path
) -> None:
    export = build.zip_folder(build.linkedin_2025(tmp_path / "li"), tmp_path / "li.zip").read_bytes()
    hostile_name = "C:\\Users\\me\\Downloads\\My export\u202egpj.zip"  # a path and a right-to-left override
    import_id = await upload(agent, paired, export, hostile_name)
    await agent.client.app[IMPORTS].wait(import_id)
    imports = (await agent.call(paired, "/v1/imports", {}))["imports"]
    assert [(r["id"], r["label"]) for r in imports] == [(import_id, "My exportgpj.zip")]

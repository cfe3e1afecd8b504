"""Restore through the agent: a hostile file is a 400 with the one error envelope, never a 500."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.agent.server.conftest import Harness, assert_error


@pytest.mark.parametrize(
    "content",
    [
        '{"format": "fathom-export", "format_version": "1", "people": [], "interactions": []}',
        '{"format": "fathom-export", "people": ' + "[" * 50_000 + "]" * 50_000 + "}",
        json.dumps(
            {
                "format": "fathom-export",
                "format_version": 1,
                "people": [{"id": "p1", "identities": [{"network": "x", "handle": "ada"}]}],
                "interactions": [{"id": "i1", "person": "p1", "kind": "dm", "direction": "me", "at": "0001-13-01"}],
            }
        ),
    ],
    ids=["string format_version", "deep nesting", "bad date"],
)
async def test_restore_of_a_hostile_file_is_a_400_and_stores_nothing(
    agent: Harness, tmp_path: Path, content: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(content)
    token = await agent.admin_token()
    body = await agent.post("/v1/admin/restore", {"path": str(path)}, token, expect=400)
    assert_error(body, "bad_backup")
    assert agent.store.counts() == (0, 0)


async def test_restore_of_a_device_that_never_ends_is_a_400(agent: Harness) -> None:
    token = await agent.admin_token()
    body = await agent.post("/v1/admin/restore", {"path": "/dev/zero"}, token, expect=400)
    assert_error(body, "bad_backup")

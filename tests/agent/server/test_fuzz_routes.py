"""Hostile bodies for every route never produce a 500: always the error envelope, and a refused request
leaves the store byte-for-byte unchanged. A real agent runs in a subprocess; hypothesis writes the bodies."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.agent_process import AgentProcess, free_port

ROUTES = [
    "/v1/pair",
    "/v1/context",
    "/v1/people/lookup",
    "/v1/people/get",
    "/v1/people/update",
    "/v1/people/link",
    "/v1/people/unlink",
    "/v1/interactions",
    "/v1/interactions/i_x",
    "/v1/interactions/i_x/delete",
    "/v1/kinds",
    "/v1/recent",
    "/v1/review",
    "/v1/review/act",
    "/v1/settings/notifications",
    "/v1/status",
    "/v1/imports",
    "/v1/admin/pair",
    "/v1/admin/clients",
    "/v1/admin/unpair",
    "/v1/admin/similar",
    "/v1/admin/import",
    "/v1/admin/import/undo",
    "/v1/admin/backup",
    "/v1/admin/export",
    "/v1/admin/restore",
]
FIELDS = [
    "url",
    "html",
    "network",
    "handle",
    "kind",
    "direction",
    "at",
    "note",
    "thread",
    "ask",
    "follow_up",
    "person_id",
    "person_ids",
    "tags",
    "intent",
    "as_of",
    "limit",
    "key",
    "action",
    "code",
    "path",
    "linkedin",
    "x",
    "client_id",
    "import_id",
    "weekly",
    "notes",
    "how_met",
    "replace",
    "wait",
    "source",
    "name",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=50),
    st.sampled_from(
        [
            "dm",
            "me",
            "linkedin",
            "x",
            "https://x.com/a",
            "2026-01-01",
            "close",
            "ask",
            "snooze",
            "../../etc/passwd",
            "\x00",
            "😀" * 10,
        ]
    ),
)
json_values = st.recursive(
    scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4), max_leaves=12
)
bodies = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6),
    json_values,
)


class Caller:
    def __init__(self, agent: AgentProcess) -> None:
        self.agent = agent
        client = agent.admin()
        client.authenticate()
        self.token = client._token
        self.conn = http.client.HTTPConnection("127.0.0.1", agent.port, timeout=30)

    def post(self, route: str, raw: bytes, content_type: str = "application/json") -> tuple[int, Any]:
        headers = {"Content-Type": content_type, "Authorization": f"Bearer {self.token}"}
        try:
            self.conn.request("POST", route, body=raw, headers=headers)
            resp = self.conn.getresponse()
            data = resp.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.agent.port, timeout=30)
            raise
        return resp.status, json.loads(data)

    def journal(self) -> bytes:
        return (self.agent.data_dir / "store" / "journal.log").read_bytes()


@pytest.fixture(scope="module")
def caller(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Caller]:
    agent = AgentProcess(tmp_path_factory.mktemp("fuzz") / "data", free_port())
    agent.start()
    fuzz = Caller(agent)
    yield fuzz
    fuzz.conn.close()
    agent.stop()


def check(caller: Caller, route: str, raw: bytes, content_type: str = "application/json") -> None:
    before = caller.journal()
    status, body = caller.post(route, raw, content_type)
    assert status != 500, body
    assert isinstance(body, dict)
    if status >= 400:
        assert body["ok"] is False and body["error"]["code"] and body["error"]["message"], body
        assert caller.journal() == before, f"{route} refused the request but changed the store"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), body=bodies)
def test_random_json_bodies_never_500(caller: Caller, route: str, body: Any) -> None:
    check(caller, route, json.dumps(body).encode())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), raw=st.binary(max_size=300))
def test_invalid_utf8_and_garbage_bytes_never_500(caller: Caller, route: str, raw: bytes) -> None:
    check(caller, route, raw)


@pytest.mark.parametrize("route", ROUTES)
def test_huge_strings_deep_nesting_and_ten_megabytes(caller: Caller, route: str) -> None:
    check(caller, route, json.dumps({"note": "x" * 900_000, "handle": "y" * 50_000}).encode())
    check(caller, route, b'{"a":' * 10_000 + b"1" + b"}" * 10_000)
    check(caller, route, b"[" * 100_000 + b"]" * 100_000)
    check(caller, route, b'{"html": "' + b"z" * (10 * 1024 * 1024) + b'"}')


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_wrong_content_types_are_415(caller: Caller, content_type: str) -> None:
    status, body = caller.post("/v1/interactions", b'{"kind": "dm", "network": "x", "handle": "a"}', content_type)
    assert status == 415 and body["error"]["code"] == "unsupported_media_type"


def test_import_upload_of_garbage_is_a_clear_error(caller: Caller, tmp_path: Path) -> None:
    status, body = caller.post("/v1/import", b"PK\x03\x04 not really a zip", "application/zip")
    assert status == 202  # accepted, then refused by the reader with a message on the push channel
    status, body = caller.post("/v1/import", b"", "application/zip")
    assert status == 400 and body["error"]["code"] == "empty"

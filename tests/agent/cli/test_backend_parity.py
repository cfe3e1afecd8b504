"""The CLI without an agent answers exactly as the agent does: the same calls, through a running agent and
through LocalBackend on an identical fresh data dir, give the same answers and the same errors (code and
message), once ids and clock stamps are put aside."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from agent.cli.agent_client import AgentError
from agent.cli.backend import Backend, LocalBackend, RemoteBackend, open_backend
from agent.cli.errors import CliError
from tests.fixtures.exports import build
from tests.support.agent_process import REPO, AgentProcess, free_port

ID = re.compile(r"\b([a-z]+)_[0-9a-f]{16}\b")
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")
BACKUP_STAMP = re.compile(r"fathom-backup-\d{8}T\d{6}Z")  # the time in a backup's file name


class Normaliser:
    """Each id becomes its prefix and the order it first appeared in; a stamp of the run's own clock becomes
    <clock>; the side's own folder becomes <dir>. Stamps a call gave (2025-…) stay as they are: they are part
    of what is compared."""

    def __init__(self, side: Path) -> None:
        self.side = str(side)
        self.ids: dict[str, str] = {}
        self.started = datetime.now(UTC) - timedelta(minutes=5)

    def __call__(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {self(k): self(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self(v) for v in value]
        if isinstance(value, str):
            value = BACKUP_STAMP.sub("fathom-backup-<clock>", value.replace(self.side, "<dir>"))
            return STAMP.sub(self._stamp, ID.sub(self._id, value))
        return value

    def _id(self, match: re.Match[str]) -> str:
        return self.ids.setdefault(match.group(0), f"{match.group(1)}#{len(self.ids)}")

    def _stamp(self, match: re.Match[str]) -> str:
        try:
            when = datetime.fromisoformat(match.group(0))
        except ValueError:
            return match.group(0)
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        return "<clock>" if when >= self.started else match.group(0)


class Recorder:
    """Calls one backend and keeps every outcome: the answer, or the error's status, code and message."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.outcomes: list[tuple[Any, ...]] = []

    def __call__(self, label: str, route: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            answer = self.backend.call(route, body)
        except AgentError as exc:
            self.outcomes.append((label, "error", exc.status, exc.code, exc.message))
            return {}
        except CliError as exc:  # the CLI's own refusal, e.g. a route it cannot answer without an agent
            self.outcomes.append((label, "cli_error", exc.exit_code, exc.message))
            return {}
        self.outcomes.append((label, "ok", answer))
        return answer


def calls(call: Recorder, side: Path, export: Path) -> None:
    """One user's session: every route the CLI uses without an agent, good and bad inputs alike."""
    call("kinds", "/v1/kinds")
    call("status", "/v1/status")
    call("lookup someone new", "/v1/people/lookup", {"network": "linkedin", "handle": "ada-lovelace"})
    logged = call(
        "log with a follow-up",
        "/v1/interactions",
        {
            "network": "linkedin",
            "handle": "ada-lovelace",
            "kind": "in_person",
            "direction": "both",
            "at": "2025-03-01T09:30:00+00:00",
            "note": "met at the workshop",
            "thread": None,
            "ask": True,
            "follow_up": {"text": "send the deck", "due": "2025-03-08"},
        },
    )
    ada = logged.get("person", {}).get("id", "")
    inter = logged.get("interaction", {}).get("id", "")
    call("log on x", "/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm", "at": "2025-03-02"})
    call("log by person id", "/v1/interactions", {"person_id": ada, "kind": "email", "at": "2025-03-03"})
    call("lookup known", "/v1/people/lookup", {"network": "linkedin", "handle": "ada-lovelace", "intent": "ask"})
    call("show as of", "/v1/people/lookup", {"network": "linkedin", "handle": "ada-lovelace", "as_of": "2025-04-01"})
    call("get all", "/v1/people/get", {"person_id": ada, "limit": None})
    call("update", "/v1/people/update", {"person_id": ada, "notes": "mathematician", "how_met": "a workshop"})
    call("unknown tag", "/v1/people/update", {"person_id": ada, "tags": ["friend"]})
    call("update tags", "/v1/people/update", {"person_id": ada, "tags": ["colleague", "close"]})
    call("edit", f"/v1/interactions/{inter}", {"note": "met at the workshop in March"})
    call("similar", "/v1/admin/similar", {"network": "linkedin", "handle": "ada-lovelac"})
    linked = call("link", "/v1/people/link", {"linkedin": "ada-lovelace", "x": "ada"})
    merged = linked.get("person", {}).get("id", "")
    call("unlink", "/v1/people/unlink", {"person_id": merged, "network": "x"})
    items = call("review", "/v1/review", {"as_of": "2025-04-01"}).get("items", [])
    for item, action in zip(items, ("done", "snooze", "dismiss"), strict=False):
        call(
            f"review {action}",
            "/v1/review/act",
            {"person_id": item["person"]["id"], "key": item["key"], "action": action},
        )
    call("review after", "/v1/review", {"as_of": "2025-04-01", "limit": 1})
    call("recent", "/v1/recent", {"limit": 5})
    call("delete", f"/v1/interactions/{inter}/delete")
    # Bad inputs: each is refused with the same code and message, and nothing stored changes.
    call("unknown kind", "/v1/interactions", {"network": "x", "handle": "ada", "kind": "telepathy"})
    call("bad date", "/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm", "at": "2025-13-45"})
    call("oversize note", "/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm", "note": "n" * 10_001})
    call("a kind x does not have", "/v1/interactions", {"network": "x", "handle": "ada", "kind": "endorsement"})
    call("unknown network", "/v1/interactions", {"network": "myspace", "handle": "ada", "kind": "dm"})
    call("unknown field", "/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm", "mood": "happy"})
    call("nobody to log for", "/v1/interactions", {"kind": "dm"})
    call("bad source", "/v1/interactions", {"network": "x", "handle": "ada", "kind": "dm", "source": "import"})
    call("missing person id", "/v1/people/get", {})
    call("unknown person", "/v1/people/get", {"person_id": "per_0000000000000000"})
    call("bad limit", "/v1/people/get", {"person_id": ada, "limit": -1})
    call("bad as of", "/v1/people/lookup", {"network": "x", "handle": "ada", "as_of": "yesterday"})
    call("bad intent", "/v1/people/lookup", {"network": "x", "handle": "ada", "intent": "flatter"})
    call("oversize notes", "/v1/people/update", {"person_id": ada, "notes": "n" * 10_001})
    call("link half", "/v1/people/link", {"linkedin": "ada-lovelace"})
    call("link someone unknown", "/v1/people/link", {"linkedin": "ada-lovelace", "x": "nobody_here"})
    call("unlink bad network", "/v1/people/unlink", {"person_id": ada, "network": "myspace"})
    call("review bad action", "/v1/review/act", {"person_id": ada, "key": "loop:x", "action": "forget"})
    call("edit unknown", "/v1/interactions/int_0000000000000000", {"note": "?"})
    call("delete again", f"/v1/interactions/{inter}/delete")
    # Imports: the same export went through `fathom import` before these calls.
    call("import a relative path", "/v1/admin/import", {"path": "export"})
    call("import nothing there", "/v1/admin/import", {"path": str(side / "none.zip")})
    call("import for myspace", "/v1/admin/import", {"path": str(export), "network": "myspace"})
    call("import again", "/v1/admin/import", {"network": "linkedin", "path": str(export), "wait": True})
    imports = call("imports", "/v1/imports").get("imports", [])
    import_id = imports[0]["id"] if imports else ""
    call("undo import", "/v1/admin/import/undo", {"import_id": import_id})
    call("undo import again", "/v1/admin/import/undo", {"import_id": import_id})
    call("undo a number", "/v1/admin/import/undo", {"import_id": 7})
    call("imports after undo", "/v1/imports")
    call("export", "/v1/admin/export")
    call("backup", "/v1/admin/backup", {"path": str(side / "backup.json")})
    call("backup to a relative path", "/v1/admin/backup", {"path": "backup.json"})
    call("restore over data", "/v1/admin/restore", {"path": str(side / "backup.json")})
    call("restore a missing file", "/v1/admin/restore", {"path": str(side / "missing.json")})
    call("restore replacing", "/v1/admin/restore", {"path": str(side / "backup.json"), "replace": True})
    call("after restore", "/v1/people/lookup", {"network": "linkedin", "handle": "ada-lovelace"})


def fathom(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agent.cli.main", *args, "--data-dir", str(data_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_cli_without_an_agent_answers_every_call_as_the_agent_does(tmp_path: Path) -> None:
    export = build.linkedin_2023(tmp_path / "export")
    with_agent, without = tmp_path / "with-agent", tmp_path / "without-agent"
    agent = AgentProcess(with_agent / "data", free_port())
    alone = without / "data"
    agent.start()
    try:
        imported_through_agent = fathom(agent.data_dir, "import", "linkedin", str(export), "--json")
        imported_alone = fathom(alone, "import", "linkedin", str(export), "--json")
        remote = Recorder(RemoteBackend(agent.admin()))
        calls(remote, with_agent, export)
    finally:
        agent.stop()
    with open_backend(alone) as backend:
        assert isinstance(backend, LocalBackend), "no agent runs for this data dir: the CLI holds the store"
        local = Recorder(backend)
        calls(local, without, export)

    assert imported_through_agent.returncode == imported_alone.returncode == 0, imported_alone.stderr
    assert Normaliser(without)(imported_alone.stdout) == Normaliser(with_agent)(imported_through_agent.stdout)
    assert [o[0] for o in local.outcomes] == [o[0] for o in remote.outcomes]
    for outcomes in (remote.outcomes, local.outcomes):  # the port and the paired clients are the agent's own
        status = next(o[2] for o in outcomes if o[0] == "status")
        status.update(port="<agent's>", clients="<agent's>")
    expected, got = Normaliser(with_agent)(remote.outcomes), Normaliser(without)(local.outcomes)
    for want, have in zip(expected, got, strict=True):
        assert have == want, f"{want[0]}: the CLI alone answered differently from the agent"
    refused = {o[0] for o in remote.outcomes if o[1] == "error"}
    assert {
        "unknown kind",
        "bad date",
        "oversize note",
        "unknown field",
        "undo import again",
        "restore over data",
    } <= refused
    assert not any(o[1] == "cli_error" for o in remote.outcomes + local.outcomes)

"""Where a CLI command's request goes: the running agent (through its API) or, when none runs, the store
opened here under the same exclusive lock. Either way there is one writer, and the answers have one shape."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from agent.cli.agent_client import AgentClient, AgentError
from agent.cli.errors import CliError
from agent.cli.flag_names import in_flag_words
from agent.operations.context import Context, no_agent
from agent.operations.failures import failure_of
from agent.operations.import_runner import ImportRunner
from agent.operations.table import resolve
from agent.paths import DataDirLayout
from agent.server.clients import read_admin_key
from agent.server.reviewing import Reviewer
from agent.service.views import AssessmentCache
from agent.store.errors import DataDirLocked, StoreError
from agent.store.store import Store

LOCK_WAIT_SECONDS = 15.0

Listener = Callable[[str, str | None, dict[str, Any]], None]


class Backend(Protocol):
    remote: bool

    def call(self, route: str, body: dict[str, Any] | None = None) -> dict[str, Any]: ...


class RemoteBackend:
    remote = True

    def __init__(self, client: AgentClient) -> None:
        self.client = client

    def call(self, route: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            return self.client.call(route, body)
        except AgentError as exc:
            raise AgentError(exc.status, exc.code, in_flag_words(exc.message)) from None


class LocalBackend:
    """The agent's operations (agent/operations), run here on a store this process holds: the same
    validation, the same answers and the same error codes and messages as through the agent's API."""

    remote = False

    def __init__(self, store: Store) -> None:
        self.store = store
        self.reviewer = Reviewer(store, store.layout.review_cache)
        self.listeners: list[Listener] = []
        imports = ImportRunner(store, self._publish)
        self.context = Context(store, AssessmentCache(size=1000), self.reviewer, self._publish, imports, no_agent)
        self._loop = asyncio.new_event_loop()

    async def _publish(self, event: str, person: str | None, data: dict[str, Any]) -> None:
        """What the agent would push to its subscribers goes to this command's own listeners (a progress bar)."""
        for listener in self.listeners:
            listener(event, person, data)

    def call(self, route: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        found = resolve(route)
        if found is None:
            raise CliError("This needs the running agent. Start it with `fathom serve` (or scripts/run).", 4)
        operation, params = found
        # Through JSON both ways, as over HTTP: the operation sees, and the command gets, the same values.
        sent = json.loads(json.dumps(body or {}))
        try:
            answer = self._loop.run_until_complete(operation.run(self.context, sent, **params))
        except Exception as exc:
            failure = failure_of(exc)
            if failure is None:
                raise
            raise AgentError(failure.status, failure.code, in_flag_words(failure.message)) from None
        return {"ok": True, **json.loads(json.dumps(answer))}

    def close(self) -> None:
        """After the store is closed (the review keeps its cache for the next run, as the agent does)."""
        self._loop.run_until_complete(self._loop.shutdown_default_executor())
        self._loop.close()
        self.reviewer.close()


def running_agent(data_dir: Path) -> AgentClient | None:
    """The agent holding this data dir, if one answers, we hold its admin key and its status names this very
    dir: a copy of a live data dir carries the original's runtime file and key, and must not reach it."""
    layout = DataDirLayout(data_dir)
    try:
        info = json.loads(layout.runtime.read_text("utf-8"))
        port = int(info["port"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    secret = read_admin_key(layout.admin_key)
    if secret is None:
        return None
    client = AgentClient(port, secret)
    if not client.health():
        return None
    served = client.call("/v1/status").get("data_dir")
    return client if isinstance(served, str) and same_dir(Path(served), data_dir) else None


def same_dir(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


@contextmanager
def open_backend(data_dir: Path, *, need_agent: bool = False) -> Iterator[Backend]:
    """The running agent if there is one; otherwise the store itself (waiting briefly for another CLI)."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        client = running_agent(data_dir)
        if client is not None:
            yield RemoteBackend(client)
            return
        if need_agent:
            raise CliError(
                f"No Fathom agent is running for {data_dir}. Start it with `fathom serve` "
                "(or scripts/run from a checkout).",
                4,
            )
        try:
            store = Store.open(data_dir, role="cli")
        except DataDirLocked as exc:
            if time.monotonic() > deadline:
                raise CliError(str(exc)) from None
            time.sleep(0.05)  # another fathom command holds the store for a moment; writes are serialised
            continue
        except StoreError as exc:
            raise CliError(str(exc)) from None
        backend = LocalBackend(store)
        try:
            yield backend
        finally:
            store.close()
            backend.close()
        return

"""Where a CLI command's request goes: the running agent (through its API) or, when none runs, the store
opened here under the same exclusive lock. Either way there is one writer, and the answers have one shape."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from agent import __version__
from agent.cli.agent_client import AgentClient
from agent.cli.errors import CliError
from agent.paths import DataDirLayout
from agent.server.clients import read_admin_key
from agent.service import fields
from agent.service import interactions as inter_service
from agent.service import review as review_service
from agent.service.clock import now_utc
from agent.service.errors import ServiceError
from agent.service.people import (
    find_or_error,
    get_or_error,
    identity_key,
    link,
    parse_person_changes,
    unlink,
    update_or_add_person,
)
from agent.service.review_kept import KeptReview
from agent.service.similar import similar_people
from agent.service.views import AssessmentCache, kinds_payload, person_view, transient_person
from agent.store.errors import DataDirLocked, StoreError
from agent.store.store import Store

LOCK_WAIT_SECONDS = 15.0


class Backend(Protocol):
    remote: bool

    def call(self, route: str, body: dict[str, Any] | None = None) -> dict[str, Any]: ...


class RemoteBackend:
    remote = True

    def __init__(self, client: AgentClient) -> None:
        self.client = client

    def call(self, route: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.client.call(route, body)


class LocalBackend:
    """The same routes as the agent, answered from a store this process holds."""

    remote = False

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache = AssessmentCache(size=1000)
        self.review = KeptReview(store, store.layout.review_cache)
        self._routes: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "/v1/people/lookup": self._lookup,
            "/v1/people/get": self._get,
            "/v1/people/update": self._update,
            "/v1/people/link": self._link,
            "/v1/people/unlink": self._unlink,
            "/v1/interactions": self._log,
            "/v1/status": self._status,
            "/v1/kinds": lambda _b: kinds_payload(),
            "/v1/review": self._review,
            "/v1/review/act": self._review_act,
            "/v1/admin/similar": self._similar,
        }

    def call(self, route: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        body = body or {}
        handler = self._routes.get(route)
        if handler is None and route.startswith("/v1/interactions/"):
            handler = self._interaction_route(route.removeprefix("/v1/interactions/"))
        if handler is None:
            raise CliError("This needs the running agent. Start it with `fathom serve` (or scripts/run).", 4)
        try:
            return {"ok": True, **handler(body)}
        except ServiceError as exc:
            raise CliError(exc.message, 3 if exc.code == "not_a_profile" else 1) from None
        except StoreError as exc:
            raise CliError(str(exc)) from None

    def _interaction_route(self, rest: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
        if rest.endswith("/delete"):
            iid = rest.removesuffix("/delete")
            return lambda _b: {"interaction": self.store.write(lambda s: inter_service.delete(s, iid)).to_json()}

        def edit(body: dict[str, Any]) -> dict[str, Any]:
            full = inter_service.parse_log_fields({"kind": body.get("kind", "dm"), **body})
            changes = {k: full[k] for k in body}
            return {"interaction": self.store.write(lambda s: inter_service.edit(s, rest, changes)).to_json()}

        return edit

    def _view(self, person: Any, body: dict[str, Any], transient: dict[str, Any] | None = None) -> dict[str, Any]:
        as_of = fields.as_of(body.get("as_of"))
        return {
            **person_view(
                self.store,
                person,
                cache=self.cache,
                now=as_of or now_utc(),
                intent=fields.intent(body.get("intent")),
                as_of=as_of is not None,
                transient=transient,
                limit=body.get("limit", 200),
            ),
            **kinds_payload(),
        }

    def _lookup(self, body: dict[str, Any]) -> dict[str, Any]:
        network, handle = identity_key(body.get("network"), body.get("handle"))
        return self._view(self.store.find(network, handle), body, transient_person(network, handle))

    def _get(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._view(get_or_error(self.store, body.get("person_id")), body)

    def _update(self, body: dict[str, Any]) -> dict[str, Any]:
        changes = parse_person_changes(body)
        person = self.store.write(lambda s: update_or_add_person(s, body, changes))
        return {"person": person.to_json()}

    def _link(self, body: dict[str, Any]) -> dict[str, Any]:
        keep = find_or_error(self.store, *identity_key("linkedin", body.get("linkedin"))).id
        other = find_or_error(self.store, *identity_key("x", body.get("x"))).id
        return {"person": self.store.write(lambda s: link(s, keep, other)).to_json()}

    def _unlink(self, body: dict[str, Any]) -> dict[str, Any]:
        people = self.store.write(lambda s: unlink(s, body["person_id"], body.get("network")))
        return {"people": [p.to_json() for p in people]}

    def _log(self, body: dict[str, Any]) -> dict[str, Any]:
        parsed = inter_service.parse_log_fields(body)
        network, handle = identity_key(body.get("network"), body.get("handle"))
        req = inter_service.LogRequest(network=network, handle=handle, **parsed)
        interaction, person = self.store.write(lambda s: inter_service.log(s, req))
        return {"interaction": interaction.to_json(), "person": person.to_json()}

    def _review(self, body: dict[str, Any]) -> dict[str, Any]:
        as_of = fields.as_of(body.get("as_of"))
        items = self.review.review(as_of or now_utc(), as_of=as_of is not None)
        return {"items": items, "total": len(items)}

    def _review_act(self, body: dict[str, Any]) -> dict[str, Any]:
        now = now_utc()
        person = self.store.write(
            lambda s: review_service.act(s, body.get("person_id"), body.get("key"), body.get("action"), now)
        )
        return {"person_id": person.id, "key": body["key"], "state": person.loop_state[body["key"]]}

    def _similar(self, body: dict[str, Any]) -> dict[str, Any]:
        network, handle = identity_key(body.get("network"), body.get("handle"))
        return {"people": similar_people(self.store.people(), network, handle)}

    def _status(self, _body: dict[str, Any]) -> dict[str, Any]:
        people, interactions = self.store.counts()
        return {
            "version": __version__,
            "port": None,
            "data_dir": str(self.store.layout.root),
            "people": people,
            "interactions": interactions,
            "clients": None,
            "subscribers": 0,
        }


def running_agent(data_dir: Path) -> AgentClient | None:
    """The agent holding this data dir, if one answers and we hold its admin key."""
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
    return client if client.health() else None


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
            backend.review.close()  # after the compaction, as the agent does
        return

"""Paired clients (one per browser profile) and the local admin credential, kept in 0600 files."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from agent.handshake import ADMIN_CLIENT, b64, new_secret, unb64
from agent.paths import DataDirLayout
from agent.service.clock import iso_now
from agent.store.files import atomic_write


@dataclass
class Client:
    client_id: str
    origin: str
    secret: str  # base64url; never logged, never sent after pairing
    label: str
    browser: str
    created: str
    last_seen: str | None = None

    def public(self) -> dict[str, str | None]:
        return {
            "client_id": self.client_id,
            "origin": self.origin,
            "label": self.label,
            "browser": self.browser,
            "created": self.created,
            "last_seen": self.last_seen,
        }


class ClientRegistry:
    def __init__(self, layout: DataDirLayout) -> None:
        self._path = layout.clients
        self._admin_path = layout.admin_key
        self._clients: dict[str, Client] = {}
        if self._path.exists():
            data = json.loads(self._path.read_text("utf-8") or "{}")
            for item in data.get("clients", []):
                client = Client(**item)
                self._clients[client.client_id] = client
        self.admin_secret = ensure_admin_key(self._admin_path)

    def add(self, origin: str, label: str, browser: str) -> tuple[Client, bytes]:
        secret = new_secret()
        client = Client(f"c_{secrets.token_hex(8)}", origin, b64(secret), label, browser, iso_now())
        self._clients[client.client_id] = client
        self._save()
        return client, secret

    def get(self, client_id: str) -> Client | None:
        return self._clients.get(client_id)

    def secret_for(self, client_id: str) -> bytes | None:
        if client_id == ADMIN_CLIENT:
            return self.admin_secret
        client = self._clients.get(client_id)
        return unb64(client.secret) if client else None

    def origin_for(self, client_id: str) -> str | None:
        if client_id == ADMIN_CLIENT:
            return ""
        client = self._clients.get(client_id)
        return client.origin if client else None

    def origins(self) -> set[str]:
        return {c.origin for c in self._clients.values()}

    def remove(self, client_id: str) -> bool:
        if self._clients.pop(client_id, None) is None:
            return False
        self._save()
        return True

    def remove_all(self) -> int:
        count = len(self._clients)
        self._clients.clear()
        self._save()
        return count

    def touch(self, client_id: str) -> None:
        client = self._clients.get(client_id)
        if client:
            client.last_seen = iso_now()
            self._save()

    def all(self) -> list[Client]:
        return list(self._clients.values())

    def _save(self) -> None:
        data = {"clients": [asdict(c) for c in self._clients.values()]}
        atomic_write(self._path, json.dumps(data, indent=1).encode("utf-8"))


def ensure_admin_key(path: Path) -> bytes:
    """The local admin credential: 32 random bytes, readable only by this OS user."""
    if path.exists():
        return unb64(path.read_text("ascii").strip())
    secret = new_secret()
    atomic_write(path, b64(secret).encode("ascii") + b"\n")
    return secret


def read_admin_key(path: Path) -> bytes | None:
    try:
        return unb64(path.read_text("ascii").strip())
    except (FileNotFoundError, ValueError):
        return None

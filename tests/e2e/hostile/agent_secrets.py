"""What an attacker would want and must never see: the agent's stored data, the paired client's secret K
and the extension's session token, read from the trusted side (the data dir and our service worker)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from tests.e2e.extension_browser import ExtensionBrowser


def store_snapshot(data_dir: Path) -> dict[str, bytes]:
    """The bytes of every file under <data dir>/store/, by relative path."""
    store = data_dir / "store"
    return {str(path.relative_to(store)): path.read_bytes() for path in sorted(store.rglob("*")) if path.is_file()}


def paired_clients(data_dir: Path) -> dict[str, str]:
    """client_id -> base64url secret K, from the agent's clients.json."""
    data = json.loads((data_dir / "clients.json").read_text(encoding="utf-8"))
    return {client["client_id"]: client["secret"] for client in data["clients"]}


def secret_spellings(secret_b64url: str) -> list[str]:
    """K as the agent stores it (base64url) and the other ways a leak might spell the same 32 bytes."""
    raw = base64.urlsafe_b64decode(secret_b64url + "=" * (-len(secret_b64url) % 4))
    return [secret_b64url, base64.b64encode(raw).decode().rstrip("="), raw.hex()]


def session_token(browser: ExtensionBrowser) -> str:
    """The session token our service worker holds in storage.session (it is there once connected)."""
    worker = browser.service_worker(browser.extension_id)
    session = worker.evaluate("async () => (await chrome.storage.session.get('agentSession')).agentSession")
    assert session and isinstance(session.get("token"), str), f"the worker holds no session token: {session!r}"
    return str(session["token"])


def private_secrets(browser: ExtensionBrowser, data_dir: Path) -> list[str]:
    """Every spelling of every paired client's K, plus the live session token."""
    found = [session_token(browser)]
    for secret in paired_clients(data_dir).values():
        found.extend(secret_spellings(secret))
    return found

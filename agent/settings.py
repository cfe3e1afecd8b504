"""The agent's settings: one table declares each with its default and help (the CLI and docs use it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agent import DEFAULT_PORT
from agent.paths import DataDirLayout


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("port", DEFAULT_PORT, "TCP port on 127.0.0.1 (FATHOM_PORT, --port)."),
    Setting("max_body_bytes", 1024 * 1024, "Largest JSON request body; larger bodies get 413."),
    Setting("max_import_bytes", 512 * 1024 * 1024, "Largest import ZIP uploaded by the extension."),
    Setting("pairing_seconds", 120, "How long `fathom pair` keeps pairing open."),
    Setting("pairing_tries", 5, "Wrong pairing codes allowed before pairing closes."),
    Setting("auth_timeout_seconds", 5.0, "A socket must authenticate within this time."),
    Setting("session_ttl_seconds", 12 * 3600, "Lifetime of a session token (memory only)."),
    Setting(
        "auth_failures_limit", 20, "Failed handshakes per minute as one client id before its failures close with 4429."
    ),
    Setting("max_subscriptions", 500, "People one socket may follow."),
    Setting("parses_running", 2, "Profile pages parsed at once."),
    Setting("parse_queue_chars", 64 * 1024 * 1024, "Page text that may wait for a parse; past it, 503 busy."),
)


@dataclass(frozen=True)
class AgentSettings:
    data_dir: Path
    port: int = DEFAULT_PORT
    max_body_bytes: int = 1024 * 1024
    max_import_bytes: int = 512 * 1024 * 1024
    pairing_seconds: float = 120
    pairing_tries: int = 5
    auth_timeout_seconds: float = 5.0
    session_ttl_seconds: float = 12 * 3600
    auth_failures_limit: int = 20
    max_subscriptions: int = 500
    parses_running: int = 2
    parse_queue_chars: int = 64 * 1024 * 1024

    @property
    def layout(self) -> DataDirLayout:
        return DataDirLayout(self.data_dir)

"""Store failures, each with a message that says what to do."""

from __future__ import annotations


class StoreError(Exception):
    """Base class for store failures."""


class StoreCorrupt(StoreError):
    """A store file cannot be read. It is never overwritten; the agent refuses to start."""

    def __init__(self, path: str, detail: str, backup: str | None = None) -> None:
        hint = (
            f" The newest good backup is {backup}: restore it with `fathom restore {backup}`."
            if backup
            else " No backup was found; keep a copy of the file before trying to repair it."
        )
        super().__init__(f"The store file {path} is damaged ({detail}). Fathom did not change it.{hint}")
        self.path = path
        self.backup = backup


class DataDirLocked(StoreError):
    """Another process (an agent or a CLI command) holds the data dir."""

    def __init__(self, path: str, holder: str) -> None:
        super().__init__(
            f"Another Fathom process ({holder}) is using the data dir {path}. "
            "Stop it first, or use its API (`fathom status` shows it)."
        )
        self.path = path
        self.holder = holder


class StoreWriteFailed(StoreError):
    """A write could not be made durable (disk full, I/O error). Nothing of it was applied."""


class Conflict(StoreError):
    """A write's precondition failed (the record changed or vanished meanwhile)."""

    def __init__(self, message: str, code: str = "conflict") -> None:
        super().__init__(message)
        self.code = code


class NotFound(StoreError):
    def __init__(self, message: str, code: str = "not_found") -> None:
        super().__init__(message)
        self.code = code

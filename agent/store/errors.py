"""Store failures, each with a message that says what to do."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class for store failures."""


class StoreCorrupt(StoreError):
    """A store file cannot be trusted. It is never overwritten; the store refuses to open (or, found while the
    agent loads in the background, stops it) until the user repairs it."""

    def __init__(self, path: str, detail: str, backup: str | None = None) -> None:
        self.path = path
        self.detail = detail
        self.backup = backup
        self.fix = _fix(Path(path), backup)
        super().__init__(f"The store file {path} is damaged ({detail}). Fathom did not change it. {self.fix}")


def _fix(path: Path, backup: str | None) -> str:
    # Restoring needs a store that opens: the damaged one is set aside whole (nothing deleted), a new one made.
    folder = path if path.name == "store" else path.parent
    aside = f"move the folder {folder} aside (`mv {folder} {folder}.damaged`; that keeps every byte)"
    if backup:
        return f"To recover, {aside}, then restore the newest backup with `fathom restore {backup}`."
    return (
        f"No backup was found in the data dir. To recover, {aside}, then restore a backup you keep elsewhere with "
        "`fathom restore FILE`; without one, Fathom then starts with an empty store."
    )


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

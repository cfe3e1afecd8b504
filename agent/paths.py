"""Where Fathom keeps things on disk, and how the data dir is chosen."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DATA_DIR = "FATHOM_DATA_DIR"


def default_data_dir() -> Path:
    """The OS user data dir (e.g. ~/.local/share/fathom on Linux)."""
    return Path(user_data_dir("fathom", appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None) -> Path:
    """--data-dir, else FATHOM_DATA_DIR, else the OS default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


class DataDirLayout:
    """File names inside one data dir."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.store = root / "store"
        self.journal = root / "store" / "journal.log"
        self.lock = root / "agent.lock"
        self.runtime = root / "agent.json"  # pid, port, agent id of the running agent
        self.admin_key = root / "admin.key"
        self.clients = root / "clients.json"
        self.backups = root / "backups"
        self.log = root / "logs" / "agent.log"
        self.settings = root / "settings.json"
        self.review_cache = root / "review-cache.json"  # derived; private like the store (see review_kept.py)

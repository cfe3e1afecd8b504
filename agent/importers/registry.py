"""The importer readers by network, and recognising which network an export comes from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from agent.importers.base import ImportResult
from agent.importers.export_files import ExportFiles
from agent.importers.linkedin_export import looks_like_linkedin_export, read_linkedin_export
from agent.importers.x_archive import looks_like_x_archive, read_x_archive

READERS: dict[str, Callable[..., ImportResult]] = {
    "linkedin": read_linkedin_export,
    "x": read_x_archive,
}


def detect(path: Path) -> str | None:
    """``"linkedin"`` or ``"x"`` for an export of that network, None for anything else.

    Raises ImportFormatError when ``path`` is missing or is a damaged ZIP, since then nothing can be said.
    """
    with ExportFiles.open(Path(path), suffixes=(".csv", ".js")) as files:
        if looks_like_linkedin_export(files):
            return "linkedin"
        if looks_like_x_archive(files):
            return "x"
    return None

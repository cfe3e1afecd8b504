"""Pure readers for the LinkedIn data export and the X archive: a path in, an ``ImportResult`` out."""

from agent.importers.base import (
    ImportedInteraction,
    ImportFormatError,
    ImportResult,
    PersonRef,
    Progress,
    Skipped,
)
from agent.importers.linkedin_export import read_linkedin_export
from agent.importers.registry import READERS, detect
from agent.importers.x_archive import read_x_archive

__all__ = [
    "READERS",
    "ImportFormatError",
    "ImportResult",
    "ImportedInteraction",
    "PersonRef",
    "Progress",
    "Skipped",
    "detect",
    "read_linkedin_export",
    "read_x_archive",
]

"""What an importer reader returns: the contract between the pure readers and the code that stores results.

A reader takes a path (a ZIP or an unpacked folder) and returns an ``ImportResult``. It never touches the
store: matching people, idempotency and undo belong to the code that applies the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

NOTE_LIMIT = 2000  # characters kept of a message, invitation note or recommendation text
GROUP_FANOUT_LIMIT = 10  # other members; beyond this the owner's group message is a broadcast, not a chat


@dataclass(frozen=True, slots=True)
class PersonRef:
    """Who an imported event is with, as far as the file says."""

    network: str  # linkedin | x
    handle: str | None  # canonical LinkedIn slug or X handle (lowercase); None when the file gives none
    x_id: str | None = None  # X numeric account id, always a string
    name: str = ""  # display name as in the file
    headline: str = ""  # LinkedIn position/company, X bio when known
    company: str = ""  # helps name matching where the file has no URL (recommendations)


@dataclass(frozen=True, slots=True)
class ImportedInteraction:
    """One event read from an export.

    ``source_id`` is stable across exports: the same real event read from a newer export gets the same id,
    whatever the row order or the file name, so re-importing adds nothing.
    """

    person: PersonRef
    kind: str  # an id from agent.kinds.KINDS
    direction: str  # me | them | both | unknown
    at: str | None  # ISO date, ISO datetime with +00:00 offset, or None (undated follow)
    source_id: str
    note: str = ""
    thread: str | None = None
    ask: bool = False  # asks are marked by the user, never inferred from a file
    network: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row that could not be read. ``line`` is the CSV line, or the 1-based record number in an X JS file."""

    file: str
    line: int
    reason: str


@dataclass
class ImportResult:
    network: str
    owner: PersonRef | None
    people: list[PersonRef]  # everyone seen, deduplicated by identity, with the best name/headline
    interactions: list[ImportedInteraction]
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # counts of what was left out on purpose, and why
    files_read: list[str] = field(default_factory=list)


class ImportFormatError(Exception):
    """The export cannot be read at all; nothing from it may be imported."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.file is None:
            return self.message
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.message}"


Progress = Callable[[int, int], None]  # (rows done, rows in total)

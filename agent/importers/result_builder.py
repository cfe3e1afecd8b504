"""Gathering a reader's findings and turning them into one ``ImportResult``.

Events are held as light drafts that point at a person key; only at the end, once every sighting of a
person is known, are they turned into ``ImportedInteraction`` records carrying the final ``PersonRef``.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from agent.importers.base import ImportedInteraction, ImportResult, PersonRef, Progress, Skipped
from agent.importers.people_book import PeopleBook, PersonKey

PROGRESS_EVERY = 1000  # rows between progress calls


class Draft(NamedTuple):
    person: PersonKey
    kind: str
    direction: str
    at: str | None
    source_id: str
    note: str
    thread: str | None


def counted(count: int, noun: str) -> str:
    """``1 like``, ``412 likes``: notes name counts of regular nouns."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def digest(*parts: str) -> str:
    """A short stable hash of ``parts`` for source ids (joined by the ASCII unit separator, rare in text)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[:20]


class ResultBuilder:
    def __init__(self, network: str, progress: Progress | None = None) -> None:
        self.network = network
        self.book = PeopleBook(network)
        self.drafts: list[Draft] = []
        self.skipped: list[Skipped] = []
        self.notes: list[str] = []
        self.files_read: list[str] = []
        self._progress = progress
        self._done = 0
        self._total = 0

    def expect_rows(self, total: int) -> None:
        self._total = total
        self._report()

    def row_done(self) -> None:
        self._done += 1
        if self._done % PROGRESS_EVERY == 0:
            self._report()

    def _report(self) -> None:
        if self._progress is not None:
            self._progress(min(self._done, self._total), self._total)

    def add(
        self,
        person: PersonKey,
        kind: str,
        direction: str,
        at: str | None,
        source_id: str,
        note: str = "",
        thread: str | None = None,
    ) -> None:
        self.drafts.append(Draft(person, kind, direction, at, source_id, note, thread))

    def skip(self, file: str, line: int, reason: str) -> None:
        self.skipped.append(Skipped(file, line, reason))

    def finish(self, owner: PersonRef | None) -> ImportResult:
        refs, people = self.book.finish()
        interactions: list[ImportedInteraction] = []
        seen: set[str] = set()
        duplicates = 0
        network = self.network
        for draft in self.drafts:
            if draft.source_id in seen:
                duplicates += 1
                continue
            seen.add(draft.source_id)
            interactions.append(
                ImportedInteraction(
                    refs[draft.person],
                    draft.kind,
                    draft.direction,
                    draft.at,
                    draft.source_id,
                    draft.note,
                    draft.thread,
                    False,
                    network,
                )
            )
        if duplicates:
            self.notes.append(
                f"{counted(duplicates, 'duplicate row')} read once: the export lists the same event twice."
            )
        self._done = self._total
        self._report()
        return ImportResult(network, owner, people, interactions, self.skipped, self.notes, self.files_read)

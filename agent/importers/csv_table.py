"""Reading one CSV file of an export into rows addressed by header name.

LinkedIn writes a preamble before some headers and adds columns over the years, so the header is found by
looking for the columns a file must have, and every later lookup goes by column name, never position.
"""

from __future__ import annotations

import _csv
import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from agent.importers.base import ImportFormatError, Skipped

HEADER_SCAN_ROWS = 20  # the Connections.csv preamble takes three; leave room for future notes


@dataclass
class CsvTable:
    file: str
    header: list[str]  # as written in the file
    # Tuples, not the lists csv gives: the garbage collector stops tracking tuples of strings, which keeps
    # it from re-scanning 100,000 rows again and again while a big export is read.
    rows: list[tuple[str, ...]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # where each row starts (kept apart: fewer objects to track)
    skipped: list[Skipped] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for position, name in enumerate(self.header):
            self._index.setdefault(_header_key(name), position)

    def numbered(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(line where the row starts, fields) for each row."""
        return zip(self.lines, self.rows, strict=True)

    def has(self, name: str) -> bool:
        return _header_key(name) in self._index

    def column(self, name: str) -> Callable[[tuple[str, ...]], str]:
        """A getter for column ``name`` (any case); it returns "" for every row when the file lacks the column."""
        position = self._index.get(_header_key(name))
        if position is None:
            return _empty
        return itemgetter(position)


def _empty(row: tuple[str, ...]) -> str:
    return ""


def _header_key(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).lower()


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 text without BOM; anything else is fatal and names the first bad line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFormatError(
            "this file is not UTF-8 text (it may have been re-saved by a spreadsheet program in another "
            "encoding). Use the file exactly as it came in the downloaded export, or save it again as "
            '"CSV UTF-8".',
            file,
            line,
        ) from exc


MAX_ROW_CHARS = 1 << 20  # one CSV record; the longest real message row is a few KB


def read_table(data: bytes, file: str, required: tuple[str, ...]) -> CsvTable:
    """Rows of ``file`` after the first row that holds every ``required`` column (lowercase names).

    An empty file gives an empty table. Rows of only commas are dropped; rows with the wrong number of
    fields, over MAX_ROW_CHARS, or that the csv module refuses (a field over its 128 KiB limit), are reported
    in ``skipped``, and reading goes on with the next record. A file without such a header row is fatal.
    Work is linear in the file's size whatever it holds (an unterminated quote cannot make it quadratic).
    """
    text = decode_text(data, file)
    if not text.strip():
        return CsvTable(file, list(required))
    lines = _Lines(text, 0)
    reader = csv.reader(lines)
    header = _find_header(reader, file, required)
    width = len(header)
    table = CsvTable(file, header)
    line, counted = 1, 0  # the line where the record at ``counted`` starts
    while True:
        start = lines.position
        line += text.count("\n", counted, start)
        counted = start
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            table.skipped.append(Skipped(file, line, f"unreadable CSV row ({exc})"))
            # The reader stopped inside the record; go on after the record's end so its remainder is not
            # read as rows of its own.
            lines = _Lines(text, _record_end(text, start))
            reader = csv.reader(lines)
            continue
        if lines.position - start > MAX_ROW_CHARS:
            table.skipped.append(Skipped(file, line, f"row longer than {MAX_ROW_CHARS} characters"))
            continue
        if not any(row) or (not row[0].strip() and not "".join(row).strip()):
            continue  # a row of only commas (or blanks)
        if len(row) != width:
            if len(row) > width and not "".join(row[width:]).strip():
                row = row[:width]
            else:
                table.skipped.append(Skipped(file, line, f"expected {width} fields, found {len(row)}"))
                continue
        table.rows.append(tuple(row))
        table.lines.append(line)
    return table


class _Lines:
    """The lines of ``text`` from ``position`` on, for csv.reader, without copying the text (a restart after a
    bad record costs nothing) and knowing where the next unread line starts."""

    def __init__(self, text: str, position: int) -> None:
        self.text = text
        self.position = position

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        text, position = self.text, self.position
        if position >= len(text):
            raise StopIteration
        end = text.find("\n", position)
        end = len(text) if end < 0 else end + 1
        self.position = end
        return text[position:end]


def _record_end(text: str, start: int) -> int:
    """Index just after the CSV record that starts at ``start``: the first newline outside double quotes.

    Linear: inside quotes only the closing quote is looked for, outside only up to the next newline."""
    position = start
    while True:
        newline = text.find("\n", position)
        stop = len(text) if newline < 0 else newline
        quote = text.find('"', position, stop)
        if quote < 0:
            return stop if newline < 0 else newline + 1
        closing = text.find('"', quote + 1)
        if closing < 0:
            return len(text)  # an unterminated quote runs to the end of the file
        position = closing + 1


def _find_header(reader: _csv.Reader, file: str, required: tuple[str, ...]) -> list[str]:
    wanted = set(required)
    try:
        for _ in range(HEADER_SCAN_ROWS):
            row = next(reader, None)
            if row is None:
                break
            if wanted.issubset(_header_key(cell) for cell in row):
                return row
    except csv.Error as exc:
        raise ImportFormatError(
            f"cannot read this CSV file ({exc}). Download the export again.", file, reader.line_num
        ) from exc
    names = ", ".join(name.title() for name in required)
    raise ImportFormatError(
        f"no header row with the columns {names} in the first {HEADER_SCAN_ROWS} rows, so this is not a file "
        "LinkedIn wrote or its format has changed. Use the file exactly as it came in the downloaded export.",
        file,
    )

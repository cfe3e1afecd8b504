"""LinkedIn ``Messages.csv`` as exports of about 2018 wrote it: ``From,To,Date,Subject,Content,Direction,Folder``.

That era has no conversation id and no profile URLs: each row says its direction (``INCOMING`` from the person
in ``From``, ``OUTGOING`` to the person in ``To``), the date is US-style (``10/16/18, 8:36 AM``) and the content
carries HTML entities. People are known by name until a profile of theirs is seen, as for a connection without
a URL. The thread is the conversation with that one person, so a reply pairs up with the message before it.
"""

from __future__ import annotations

from collections import Counter

from agent.importers.csv_table import CsvTable
from agent.importers.result_builder import ResultBuilder, digest
from agent.importers.text_repair import clean_name, clean_text, clip_note
from agent.importers.timestamps import iso_utc_text, slashed_clock

REQUIRED_COLUMNS = ("from", "to", "date", "content", "direction")


def owner_name(table: CsvTable) -> str:
    """The export owner's name: who wrote the OUTGOING messages (or received the INCOMING ones)."""
    sender, recipient, direction = table.column("from"), table.column("to"), table.column("direction")
    names: Counter[str] = Counter()
    for row in table.rows:
        raw = direction(row).strip().upper()
        name = sender(row) if raw == "OUTGOING" else recipient(row) if raw == "INCOMING" else ""
        if name.strip():
            names[clean_name(name)] += 1
    return max(sorted(names), key=lambda n: names[n]) if names else ""


def add_messages_2018(table: CsvTable, builder: ResultBuilder) -> None:
    sender, recipient, date_of = table.column("from"), table.column("to"), table.column("date")
    subject_of, content_of, direction_of = table.column("subject"), table.column("content"), table.column("direction")
    for line, row in table.numbered():
        builder.row_done()
        raw_direction = direction_of(row).strip().upper()
        if raw_direction == "INCOMING":
            direction, name = "them", clean_name(sender(row))
        elif raw_direction == "OUTGOING":
            direction, name = "me", clean_name(recipient(row))
        else:
            builder.skip(table.file, line, f"Direction is {raw_direction[:20]!r}, expected INCOMING or OUTGOING")
            continue
        raw_date = date_of(row).strip()
        at = slashed_clock(raw_date) or iso_utc_text(raw_date)
        if at is None:
            builder.skip(table.file, line, f"unreadable Date {raw_date[:40]!r}")
            continue
        key = builder.book.see(name=name)
        if key is None:
            builder.skip(table.file, line, "message without the other person's name")
            continue
        content = content_of(row).replace("\r\n", "\n").strip()
        subject = clean_text(subject_of(row))
        note = clean_text(content)
        if subject and subject.casefold() not in note.casefold():
            note = f"{subject}\n{note}" if note else subject
        thread = "li2018:" + digest(name.casefold())
        source_id = "li:msg2018:" + digest(raw_direction, name.casefold(), at, content)
        builder.add(key, "dm", direction, at, source_id, clip_note(note), thread)

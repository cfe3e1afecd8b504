"""Reading LinkedIn's "Get a copy of your data" export (a ZIP of CSVs, or the unpacked folder).

What each file becomes:
- ``Connections.csv`` → ``connection_accepted``, direction unknown, dated by ``Connected On``.
- ``messages.csv`` → ``dm`` (see ``linkedin_messages`` for who a message is with; ``linkedin_messages_2018``
  for the 2018-era file with a Direction column and no conversation ids).
- ``Invitations.csv`` → ``connection_request``; INCOMING is ``them``, OUTGOING ``me``; the message is the note.
- ``Endorsement_Received_Info.csv`` / ``Endorsement_Given_Info.csv`` → ``endorsement`` (``them`` / ``me``),
  the skill as note; only ACCEPTED ones.
- ``Recommendations_Received.csv`` / ``Recommendations_Given.csv`` → ``recommendation`` (``them`` / ``me``);
  only VISIBLE ones. These files have no profile URL: the person is known by name and company.
- ``Profile.csv`` names the owner.

Source ids hash what identifies the event, never the row position or file name. Connections are keyed by
name and date because old exports have no URL column; two people of the same name connected on the same
day are told apart by their URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from agent.importers.base import ImportFormatError, ImportResult, PersonRef, Progress
from agent.importers.csv_table import CsvTable, read_table
from agent.importers.export_files import ExportFiles
from agent.importers.linkedin_messages import REQUIRED_COLUMNS as MESSAGE_COLUMNS
from agent.importers.linkedin_messages import MessageLog, add_messages, find_owner, owner_slug, read_messages
from agent.importers.linkedin_messages_2018 import REQUIRED_COLUMNS as MESSAGE_COLUMNS_2018
from agent.importers.linkedin_messages_2018 import add_messages_2018, owner_name
from agent.importers.profile_keys import linkedin_slug
from agent.importers.result_builder import ResultBuilder, counted, digest
from agent.importers.text_repair import clean_name, clean_text, clip_note
from agent.importers.timestamps import day_month_year, iso_utc_text, slashed_clock

NETWORK = "linkedin"

# file role -> (base name, columns the header must have)
FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "profile": ("profile.csv", ("first name", "last name")),
    "connections": ("connections.csv", ("first name", "last name", "connected on")),
    "messages": ("messages.csv", MESSAGE_COLUMNS),
    "invitations": ("invitations.csv", ("from", "to", "sent at", "direction")),
    "endorsements_received": (
        "endorsement_received_info.csv",
        ("endorsement date", "skill name", "endorser first name", "endorser last name"),
    ),
    "endorsements_given": (
        "endorsement_given_info.csv",
        ("endorsement date", "skill name", "endorsee first name", "endorsee last name"),
    ),
    "recommendations_received": (
        "recommendations_received.csv",
        ("first name", "last name", "text", "creation date"),
    ),
    "recommendations_given": ("recommendations_given.csv", ("first name", "last name", "text", "creation date")),
}
EVENT_FILES = tuple(role for role in FILES if role != "profile")


def looks_like_linkedin_export(files: ExportFiles) -> bool:
    return any(files.find(FILES[role][0]) for role in EVENT_FILES)


def read_linkedin_export(path: Path, *, me: str | None = None, progress: Progress | None = None) -> ImportResult:
    """Read a LinkedIn data export. ``me`` (your profile URL or slug) overrides the detected owner.

    Raises ImportFormatError when the export cannot be read at all; single bad rows are reported in
    ``ImportResult.skipped`` instead.
    """
    me_slug = owner_slug(me) if me is not None else None
    builder = ResultBuilder(NETWORK, progress)
    with ExportFiles.open(Path(path), suffixes=(".csv",)) as files:
        if not looks_like_linkedin_export(files):
            raise ImportFormatError(
                "this does not look like a LinkedIn data export: expected Connections.csv or messages.csv in it. "
                "Download your data from LinkedIn (Settings → Data privacy → Get a copy of your data) and "
                "import the ZIP it sends you.",
                str(path),
            )
        tables: dict[str, CsvTable] = {}
        for role, (base_name, required) in FILES.items():
            name = files.find(base_name)
            if name is not None:
                data = files.read_bytes(name)
                if role == "messages":
                    era, table = _read_messages_table(data, name)
                    tables[era] = table
                else:
                    tables[role] = read_table(data, name, required)
                builder.files_read.append(name)
    for read in tables.values():
        builder.skipped.extend(read.skipped)
    builder.expect_rows(sum(len(t.rows) for role, t in tables.items() if role != "profile"))

    # Each table is dropped once read: fewer live objects keeps garbage collection cheap on big exports.
    profile_name, profile_headline = _profile(tables.pop("profile", None))
    old_messages = tables.pop("messages_2018", None)
    if old_messages is not None:
        if not profile_name:
            profile_name = owner_name(old_messages)
        add_messages_2018(old_messages, builder)
        del old_messages
    messages_table = tables.pop("messages", None)
    messages = read_messages(messages_table, builder) if messages_table else MessageLog()
    messages_file = messages_table.file if messages_table else ""
    del messages_table
    owner = find_owner(messages, me_slug, profile_name)
    for role, add in _ROW_READERS.items():
        role_table = tables.pop(role, None)
        if role_table is not None:
            add(role_table, builder)
    add_messages(messages, owner, builder, messages_file)

    owner_ref = None
    if owner.slug or owner.name:
        owner_ref = PersonRef(NETWORK, owner.slug, name=owner.name, headline=profile_headline)
    return builder.finish(owner_ref)


def _read_messages_table(data: bytes, name: str) -> tuple[str, CsvTable]:
    """("messages", table) for today's header, ("messages_2018", table) for the 2018-era one."""
    try:
        return "messages", read_table(data, name, MESSAGE_COLUMNS)
    except ImportFormatError as modern:
        try:
            return "messages_2018", read_table(data, name, MESSAGE_COLUMNS_2018)
        except ImportFormatError:
            raise modern from None


def _add_endorsements_received(table: CsvTable, builder: ResultBuilder) -> None:
    _add_endorsements(table, builder, "them", "endorser")


def _add_endorsements_given(table: CsvTable, builder: ResultBuilder) -> None:
    _add_endorsements(table, builder, "me", "endorsee")


def _add_recommendations_received(table: CsvTable, builder: ResultBuilder) -> None:
    _add_recommendations(table, builder, "them")


def _add_recommendations_given(table: CsvTable, builder: ResultBuilder) -> None:
    _add_recommendations(table, builder, "me")


def _profile(table: CsvTable | None) -> tuple[str, str]:
    if table is None or not table.rows:
        return "", ""
    row = table.rows[0]
    name = clean_name(table.column("first name")(row), table.column("last name")(row))
    return name, clean_name(table.column("headline")(row))


def _headline(position: str, company: str) -> str:
    if position and company:
        return f"{position} at {company}"
    return position or company


def _add_connections(table: CsvTable, builder: ResultBuilder) -> None:
    first, last, url = table.column("first name"), table.column("last name"), table.column("url")
    company_of, position_of, connected = table.column("company"), table.column("position"), table.column("connected on")
    found: list[tuple[str, str | None, str | None, tuple[str, str]]] = []  # (name, slug, at, person key)
    dates: dict[str, str | None] = {"": None}  # thousands of rows share a few thousand dates
    for line, row in table.numbered():
        builder.row_done()
        name = clean_name(first(row), last(row))
        raw_url = url(row).strip()
        slug = linkedin_slug(raw_url) if raw_url else None
        if not name and not slug:
            builder.skip(table.file, line, "connection without a name or profile URL")
            continue
        raw_date = connected(row).strip()
        if raw_date not in dates:
            dates[raw_date] = day_month_year(raw_date) or _day_of(slashed_clock(raw_date))  # 2018: 1/8/18, 6:14 PM
        at = dates[raw_date]
        if raw_date and at is None:
            builder.skip(table.file, line, f"unreadable Connected On date {raw_date[:40]!r}")
            continue
        company, position = clean_name(company_of(row)), clean_name(position_of(row))
        key = builder.book.see(handle=slug, name=name, headline=_headline(position, company), company=company)
        if key is not None:
            found.append((name.casefold(), slug, at, key))
    handles_by_event: dict[tuple[str, str | None], set[str | None]] = {}
    for name, slug, at, _key in found:
        handles_by_event.setdefault((name, at), set()).add(slug)
    for name, slug, at, key in found:
        parts = [name, at or ""]
        if len(handles_by_event[(name, at)]) > 1:
            parts.append(slug or "")
        builder.add(key, "connection_accepted", "unknown", at, "li:conn:" + digest(*parts))


def _day_of(stamp: str | None) -> str | None:
    return stamp[:10] if stamp else None


def _add_invitations(table: CsvTable, builder: ResultBuilder) -> None:
    from_name, to_name, sent_at = table.column("from"), table.column("to"), table.column("sent at")
    message, direction_of = table.column("message"), table.column("direction")
    inviter_url, invitee_url = table.column("inviterprofileurl"), table.column("inviteeprofileurl")
    for line, row in table.numbered():
        builder.row_done()
        raw_direction = direction_of(row).strip().upper()
        if raw_direction == "INCOMING":
            direction, name, url = "them", clean_name(from_name(row)), inviter_url(row)
        elif raw_direction == "OUTGOING":
            direction, name, url = "me", clean_name(to_name(row)), invitee_url(row)
        else:
            builder.skip(table.file, line, f"Direction is {raw_direction[:20]!r}, expected INCOMING or OUTGOING")
            continue
        raw_date = sent_at(row).strip()
        at = slashed_clock(raw_date) or iso_utc_text(raw_date)
        if at is None:
            builder.skip(table.file, line, f"unreadable Sent At date {raw_date[:40]!r}")
            continue
        slug = linkedin_slug(url) if url.strip() else None
        key = builder.book.see(handle=slug, name=name)
        if key is None:
            builder.skip(table.file, line, "invitation without a name or profile URL")
            continue
        source_id = "li:inv:" + digest(raw_direction, name.casefold() or slug or "", at)
        note = clip_note(clean_text(message(row)))
        builder.add(key, "connection_request", direction, at, source_id, note)


def _add_endorsements(table: CsvTable, builder: ResultBuilder, direction: str, prefix: str) -> None:
    date_of, skill_of, status_of = (
        table.column("endorsement date"),
        table.column("skill name"),
        table.column("endorsement status"),
    )
    first, last, url = (
        table.column(f"{prefix} first name"),
        table.column(f"{prefix} last name"),
        table.column(f"{prefix} public url"),
    )
    not_accepted = 0
    for line, row in table.numbered():
        builder.row_done()
        status = status_of(row).strip().upper()
        if status and status != "ACCEPTED":
            not_accepted += 1
            continue
        at = iso_utc_text(date_of(row))
        if at is None:
            builder.skip(table.file, line, f"unreadable Endorsement Date {date_of(row)[:40]!r}")
            continue
        name = clean_name(first(row), last(row))
        raw_url = url(row).strip()
        slug = linkedin_slug(raw_url) if raw_url else None
        key = builder.book.see(handle=slug, name=name)
        if key is None:
            builder.skip(table.file, line, "endorsement without a name or profile URL")
            continue
        skill = clean_name(skill_of(row))
        source_id = "li:endorse:" + digest(direction, skill.casefold(), slug or name.casefold(), at)
        builder.add(key, "endorsement", direction, at, source_id, clip_note(skill))
    if not_accepted:
        builder.notes.append(f"{counted(not_accepted, 'endorsement')} in {table.file} skipped: not accepted.")


def _add_recommendations(table: CsvTable, builder: ResultBuilder, direction: str) -> None:
    first, last, company_of = table.column("first name"), table.column("last name"), table.column("company")
    title_of, text_of, date_of, status_of = (
        table.column("job title"),
        table.column("text"),
        table.column("creation date"),
        table.column("status"),
    )
    not_visible = 0
    for line, row in table.numbered():
        builder.row_done()
        status = status_of(row).strip().upper()
        if status and status != "VISIBLE":
            not_visible += 1
            continue
        raw_date = date_of(row).strip()
        at = slashed_clock(raw_date) or iso_utc_text(raw_date)
        if at is None:
            builder.skip(table.file, line, f"unreadable Creation Date {raw_date[:40]!r}")
            continue
        name = clean_name(first(row), last(row))
        company = clean_name(company_of(row))
        key = builder.book.see(name=name, headline=_headline(clean_name(title_of(row)), company), company=company)
        if key is None:
            builder.skip(table.file, line, "recommendation without a name")
            continue
        source_id = "li:rec:" + digest(direction, name.casefold(), at)
        builder.add(key, "recommendation", direction, at, source_id, clip_note(clean_text(text_of(row))))
    if not_visible:
        builder.notes.append(f"{counted(not_visible, 'recommendation')} in {table.file} skipped: hidden or pending.")


_ROW_READERS: dict[str, Callable[[CsvTable, ResultBuilder], None]] = {
    "connections": _add_connections,
    "invitations": _add_invitations,
    "endorsements_received": _add_endorsements_received,
    "endorsements_given": _add_endorsements_given,
    "recommendations_received": _add_recommendations_received,
    "recommendations_given": _add_recommendations_given,
}

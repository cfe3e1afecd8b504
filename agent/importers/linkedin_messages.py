"""LinkedIn ``messages.csv``: who the export's owner is, and each message as a ``dm`` with one person.

Who a message is "with":
- A message someone else sent is with its sender, direction ``them``, in a 1:1 chat and in a group alike.
- A message the owner sent is with each other participant it went to (the ``RECIPIENT PROFILE URLS`` of the
  row; in the oldest header variant, which has no recipient URLs, the others who wrote in the thread, or the
  ``TO`` name of a 1:1 chat), direction ``me``, each with its own source id. All of them carry
  ``thread`` = the conversation id, so a reply from any one member pairs up with the owner's message.
- In a group of more than ``GROUP_FANOUT_LIMIT`` other people the owner's messages are broadcasts rather than
  conversation with each member: they are not attributed, and a note counts them.
- Drafts are left out and counted; so are messages whose sender URL is not a member profile (company pages,
  sponsored messages). ``guide_messages.csv`` and the other bot-chat files share this format but are never read.

The owner is the ``me`` the caller gives; otherwise the profile URL that takes part in the most
conversations, preferring URLs whose messages carry the ``Profile.csv`` name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from agent.importers.base import GROUP_FANOUT_LIMIT, ImportFormatError
from agent.importers.csv_table import CsvTable
from agent.importers.people_book import PeopleBook, PersonKey
from agent.importers.profile_keys import linkedin_slug
from agent.importers.result_builder import ResultBuilder, counted, digest
from agent.importers.text_repair import clean_name, clean_text, clip_note
from agent.importers.timestamps import iso_utc_text

REQUIRED_COLUMNS = ("conversation id", "from", "date", "content")
_DRAFT_VALUES = frozenset({"true", "yes", "y", "1"})


Writer = tuple[str | None, str]  # (slug, display name) of someone who wrote in a conversation


@dataclass(frozen=True, slots=True)
class Owner:
    slug: str | None
    name: str  # may be "" when nothing names the owner

    def wrote(self, slug: str | None, name: str) -> bool:
        if slug:
            return slug == self.slug
        return bool(self.name) and name.casefold() == self.name.casefold()


class MessageRow(NamedTuple):
    line: int
    conversation: str
    titled: bool
    sender: str | None  # slug
    sender_name: str
    to_name: str
    recipients: tuple[str, ...]  # slugs, in file order
    at: str
    content: str  # as in the file, line endings normalised


@dataclass
class MessageLog:
    """The readable messages, plus who takes part in each conversation (gathered in the same pass)."""

    rows: list[MessageRow] = field(default_factory=list)
    participants: dict[str, set[str]] = field(default_factory=dict)  # conversation -> slugs writing or receiving
    writers: dict[str, dict[str, Writer]] = field(default_factory=dict)  # conversation -> identity -> writer


def read_messages(table: CsvTable, builder: ResultBuilder) -> MessageLog:
    """Every readable, non-draft message; bad rows go to ``builder.skipped``, drafts to its notes."""
    conversation = table.column("conversation id")
    title = table.column("conversation title")
    sender_name = table.column("from")
    sender_url = table.column("sender profile url")
    to_name = table.column("to")
    recipient_urls = table.column("recipient profile urls")
    date = table.column("date")
    content = table.column("content")
    draft = table.column("is message draft")
    log = MessageLog()
    drafts = not_members = 0
    # The same few URLs and names repeat on every row (the owner's above all): clean each distinct text once.
    senders: dict[str, str | None] = {}
    recipient_lists: dict[str, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    for line, row in table.numbered():
        builder.row_done()
        if draft(row).strip().lower() in _DRAFT_VALUES:
            drafts += 1
            continue
        thread = conversation(row).strip()
        at = iso_utc_text(date(row))
        if not thread:
            builder.skip(table.file, line, "no CONVERSATION ID")
            continue
        if at is None:
            builder.skip(table.file, line, f"unreadable DATE {date(row)[:40]!r}")
            continue
        url = sender_url(row).strip()
        if url not in senders:
            senders[url] = linkedin_slug(url) if url else None
        sender = senders[url]
        if url and sender is None:
            not_members += 1
            continue
        raw_recipients = recipient_urls(row)
        recipients = recipient_lists.get(raw_recipients)
        if recipients is None:
            recipients = recipient_lists[raw_recipients] = _slugs(raw_recipients)
        name = _cached_name(names, sender_name(row))
        participants = log.participants.get(thread)
        if participants is None:
            participants = log.participants[thread] = set()
            log.writers[thread] = {}
        if sender:
            participants.add(sender)
        participants.update(recipients)
        writers = log.writers[thread]
        identity = sender or name.casefold()
        if identity not in writers:
            writers[identity] = (sender, name)
        log.rows.append(
            MessageRow(
                line,
                thread,
                bool(title(row).strip()),
                sender,
                name,
                _cached_name(names, to_name(row)),
                recipients,
                at,
                content(row).replace("\r\n", "\n").strip(),
            )
        )
    if drafts:
        builder.notes.append(f"{counted(drafts, 'draft message')} skipped: never sent.")
    if not_members:
        builder.notes.append(
            f"{counted(not_members, 'message')} skipped: sent by a company page or as sponsored messages, "
            "not by a member."
        )
    return log


def _cached_name(names: dict[str, str], raw: str) -> str:
    name = names.get(raw)
    if name is None:
        name = names[raw] = clean_name(raw)
    return name


def _slugs(urls: str) -> tuple[str, ...]:
    """Profile slugs from RECIPIENT PROFILE URLS, which separates URLs with ";" (and, in some exports, ",")."""
    found = (linkedin_slug(part) for part in urls.replace(";", ",").split(","))
    return tuple(slug for slug in found if slug)


def owner_slug(me: str) -> str:
    """The slug of the ``me`` a user gave (profile URL or slug); refused with a hint when it is neither."""
    slug = linkedin_slug(me)
    if slug is None:
        raise ImportFormatError(
            f"{me[:100]!r} is not a LinkedIn profile URL or slug. Give your own profile URL, "
            "like https://www.linkedin.com/in/your-name."
        )
    return slug


def find_owner(log: MessageLog, me_slug: str | None, profile_name: str) -> Owner:
    """The export owner: ``me_slug`` when given, else the profile URL found in the most conversations."""
    if me_slug is not None:
        return Owner(me_slug, profile_name or _name_of(log, me_slug))
    conversations_of: Counter[str] = Counter()
    for slugs in log.participants.values():
        conversations_of.update(slugs)
    profile_key = profile_name.casefold()
    named_as_profile = {
        slug
        for writers in log.writers.values()
        for slug, name in writers.values()
        if slug and profile_key and name.casefold() == profile_key
    }
    candidates = named_as_profile or set(conversations_of)
    if candidates:
        slug = max(sorted(candidates), key=lambda s: conversations_of[s])
        return Owner(slug, profile_name or _name_of(log, slug))
    if profile_name:
        return Owner(None, profile_name)
    # No URL anywhere (hand-made files): the name that wrote in the most conversations.
    by_name = Counter(name for writers in log.writers.values() for _slug, name in writers.values() if name)
    if not by_name:
        return Owner(None, "")
    return Owner(None, max(sorted(by_name), key=lambda n: by_name[n]))


def _name_of(log: MessageLog, slug: str) -> str:
    names = Counter(
        name for writers in log.writers.values() for writer_slug, name in writers.values() if writer_slug == slug
    )
    return names.most_common(1)[0][0] if names else ""


def add_messages(log: MessageLog, owner: Owner, builder: ResultBuilder, file: str) -> None:
    """Turn messages into ``dm`` drafts on ``builder`` (see the module docstring for attribution)."""
    book = builder.book
    add = builder.add
    # Threads repeat the same sender and the same recipients on every message: work each out once.
    sender_keys: dict[Writer, PersonKey | None] = {}
    targets_of: dict[tuple[str, tuple[str, ...], str, bool], list[tuple[str, PersonKey]]] = {}
    broadcasts = 0
    for message in log.rows:
        thread = message.conversation
        base = "li:msg:" + digest(thread, message.at, message.sender or message.sender_name.casefold(), message.content)
        note = clip_note(clean_text(message.content)) if message.content else ""
        if not owner.wrote(message.sender, message.sender_name):
            writer = (message.sender, message.sender_name)
            if writer not in sender_keys:
                sender_keys[writer] = book.see(handle=message.sender, name=message.sender_name)
            key = sender_keys[writer]
            if key is None:
                builder.skip(file, message.line, "message without sender name or profile URL")
            else:
                add(key, "dm", "them", message.at, base, note, thread)
            continue
        recipients = (thread, message.recipients, message.to_name, message.titled)
        targets = targets_of.get(recipients)
        if targets is None:
            others = {identity: writer for identity, writer in log.writers[thread].items() if not owner.wrote(*writer)}
            targets = targets_of[recipients] = _targets(message, owner, others, book)
        if not targets:
            builder.skip(file, message.line, "sent message without a recipient name or profile URL")
        elif len(targets) > GROUP_FANOUT_LIMIT:
            broadcasts += 1
        elif len(targets) == 1:
            add(targets[0][1], "dm", "me", message.at, base, note, thread)
        else:
            for identity, key in targets:
                add(key, "dm", "me", message.at, base + ":" + digest(identity), note, thread)
    if broadcasts:
        builder.notes.append(
            f"{counted(broadcasts, 'message')} you sent to groups of more than {GROUP_FANOUT_LIMIT} people not "
            "counted as a conversation with each member."
        )


def _targets(
    message: MessageRow,
    owner: Owner,
    others: dict[str, Writer],
    book: PeopleBook,
) -> list[tuple[str, PersonKey]]:
    """(identity, person key) of everyone the owner's message went to."""
    recipients = [slug for slug in dict.fromkeys(message.recipients) if slug != owner.slug]
    found: list[tuple[str, PersonKey]] = []
    if recipients:
        single_name = message.to_name if len(recipients) == 1 else ""
        for slug in recipients:
            name = others[slug][1] if slug in others else single_name
            key = book.see(handle=slug, name=name)
            if key is not None:
                found.append((slug, key))
    elif others:
        for identity, (other_slug, name) in others.items():
            key = book.see(handle=other_slug, name=name)
            if key is not None:
                found.append((identity, key))
    elif message.to_name and not message.titled and message.to_name.casefold() != owner.name.casefold():
        key = book.see(name=message.to_name)
        if key is not None:
            found.append((message.to_name.casefold(), key))
    return found

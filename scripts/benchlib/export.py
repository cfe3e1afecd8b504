"""A heavy user's LinkedIn data export (ZIP): every connection, and messages in realistic threads.

The file shapes are the importer fixtures' (``tests/fixtures/exports/build.py``: headers, preamble,
conversation ids), written streaming into the ZIP so 100,000 messages never sit in memory as text. Who talks
to whom follows a long tail, as in real inboxes: most connections never message, a few hundred fill most of
the threads. ``Profile.csv`` names the owner, whose messages carry the owner's profile URL.
"""

from __future__ import annotations

import csv
import io
import os
import random
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from scripts.benchlib.population import FIRST, LAST, SPAN_SECONDS, bounded_pareto
from tests.fixtures.exports.build import (
    CONNECTIONS_HEADER,
    CONNECTIONS_PREAMBLE,
    MESSAGES_HEADERS,
    PROFILE_HEADER,
    conversation_id,
)

GENERATOR_VERSION = 1
LI = "https://www.linkedin.com/in/"
OWNER_FIRST, OWNER_LAST, OWNER_SLUG = "Morgan", "Reyes", "morgan-reyes-bench"
OWNER_URL = LI + OWNER_SLUG + "/"
MESSAGE_VARIANT = 4  # today's header, with ATTACHMENTS and IS MESSAGE DRAFT
GROUP_SHARE = 0.03
LINES = (
    "Hi! Thanks for connecting.",
    "Would you be up for a coffee next week?",
    "Here is the link I mentioned: https://example.com/notes",
    "Congrats on the launch, well deserved.",
    "Sorry for the slow reply, busy month.",
    "Sure, Thursday at 10 works for me.",
    "Could you introduce me to someone on the platform team?",
    "Great chatting today, I'll send the deck.",
)


def cache_name(connections: int, messages: int, seed: int, end: date) -> str:
    return f"{_family(connections, messages, seed)}-{end.isoformat()}-gen{GENERATOR_VERSION}.zip"


def _family(connections: int, messages: int, seed: int) -> str:
    return f"linkedin-export-{connections}c-{messages}m-seed{seed}"


def cached_export(cache: Path, connections: int, messages: int, seed: int, end: date, *, rebuild: bool = False) -> Path:
    """The export ZIP in the bench cache, written if missing (or ``rebuild``)."""
    target = cache / cache_name(connections, messages, seed, end)
    if target.is_file() and not rebuild:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        write_export(partial, connections, messages, seed, end)
        for stale in cache.glob(_family(connections, messages, seed) + "-*.zip"):
            stale.unlink()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def write_export(path: Path, connections: int, messages: int, seed: int, end: date) -> None:
    rng = random.Random(seed)
    end_at = datetime(end.year, end.month, end.day, tzinfo=UTC)
    people = [_connection(rng, n, end_at) for n in range(connections)]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with _csv_member(archive, "Profile.csv") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(PROFILE_HEADER)
            writer.writerow([OWNER_FIRST, OWNER_LAST, "", "", "", "Head of Platform at Example Co", "", "Software",
                             "", "Lisbon, Portugal", "", "", ""])  # fmt: skip
        with _csv_member(archive, "Connections.csv") as out:
            out.write(CONNECTIONS_PREAMBLE)
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(CONNECTIONS_HEADER)
            for first, last, slug, connected in people:
                writer.writerow([first, last, LI + slug, "", "Example Co", "Engineer", connected.strftime("%d %b %Y")])
        with _csv_member(archive, "messages.csv") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(MESSAGES_HEADERS[MESSAGE_VARIANT])
            writer.writerows(_message_rows(rng, people, messages, end_at))


def _csv_member(archive: zipfile.ZipFile, name: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(archive.open(name, "w"), encoding="utf-8", newline="")


def _connection(rng: random.Random, index: int, end_at: datetime) -> tuple[str, str, str, datetime]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    slug = f"{first}-{last}-{index:x}{rng.getrandbits(24):06x}".lower().replace("ü", "u")
    connected = end_at - timedelta(seconds=rng.randrange(SPAN_SECONDS))
    return first, last, slug, connected


def _message_rows(
    rng: random.Random, people: list[tuple[str, str, str, datetime]], total: int, end_at: datetime
) -> Iterator[list[str]]:
    weights = [bounded_pareto(rng) for _ in people]
    cumulative: list[float] = []
    running = 0.0
    for weight in weights:
        running += weight
        cumulative.append(running)
    written = 0
    thread_number = 0
    while written < total:
        thread_number += 1
        size = 3 if rng.random() < GROUP_SHARE else 1
        members = rng.choices(people, cum_weights=cumulative, k=size)
        length = min(total - written, _thread_length(rng))
        conversation = conversation_id(f"bench-{thread_number}")
        title = "Project group" if size > 1 else ""
        since = max(members, key=lambda m: m[3])[3]
        moment = since + timedelta(seconds=rng.randrange(max(1, int((end_at - since).total_seconds()))))
        owner_turn = rng.random() < 0.5
        for _ in range(length):
            if owner_turn:
                sender, sender_url = f"{OWNER_FIRST} {OWNER_LAST}", OWNER_URL
                to = ", ".join(f"{m[0]} {m[1]}" for m in members)
                recipients = ",".join(LI + m[2] for m in members)
            else:
                writer = rng.choice(members)
                sender, sender_url = f"{writer[0]} {writer[1]}", LI + writer[2]
                others = [m for m in members if m is not writer]
                to = ", ".join([f"{OWNER_FIRST} {OWNER_LAST}", *(f"{m[0]} {m[1]}" for m in others)])
                recipients = ",".join([OWNER_URL, *(LI + m[2] for m in others)])
            stamp = min(moment, end_at).strftime("%Y-%m-%d %H:%M:%S UTC")
            yield [conversation, title, sender, sender_url, to, recipients, stamp, "", rng.choice(LINES), "INBOX",
                   "", "false", "false"]  # fmt: skip
            written += 1
            owner_turn = not owner_turn if rng.random() < 0.85 else owner_turn
            moment += timedelta(minutes=rng.randrange(2, 2 * 24 * 60))


def _thread_length(rng: random.Random) -> int:
    length = 1
    while length < 40 and rng.random() < 0.7:
        length += 1
    return length

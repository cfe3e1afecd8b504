"""Reading an X (Twitter) archive: the downloaded ZIP, or the folder it unpacks to (``data/`` or flat).

What each file becomes:
- ``account.js`` (or ``manifest.js``'s ``userInfo``) → the owner.
- ``tweets.js`` / ``tweet.js`` and their parts → ``comment`` for replies and mentions (see ``x_tweets``).
- ``direct-messages.js`` / ``direct-messages-group.js`` → ``dm`` (see ``x_messages``).
- ``following.js`` → undated ``follow``, direction ``me``; ``follower.js`` → undated ``follow``, ``them``.
  These files hold account ids only; handles are filled in from the replies and mentions in the tweets.
- ``like.js`` → nothing: it does not say whose tweet was liked. A note counts the likes.

``manifest.js`` (2020 on) lists every data file and part and is followed when present; older archives
are read by file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.importers.base import GROUP_FANOUT_LIMIT, ImportFormatError, ImportResult, PersonRef, Progress
from agent.importers.export_files import ExportFiles
from agent.importers.profile_keys import x_handle, x_id
from agent.importers.result_builder import ResultBuilder, counted
from agent.importers.x_accounts import XAccounts
from agent.importers.x_js import parse_archive_js
from agent.importers.x_messages import add_conversations, owner_from_conversations
from agent.importers.x_tweets import add_tweets, learn_handles

NETWORK = "x"


@dataclass(frozen=True, slots=True)
class Role:
    manifest_keys: tuple[str, ...]  # dataTypes keys in manifest.js, current name first
    patterns: tuple[str, ...]  # base names to look for without a manifest
    marker: bytes  # occurs once per record; counts rows for progress without parsing


ROLES: dict[str, Role] = {
    "account": Role(("account",), ("account.js",), b'"accountId"'),
    "tweets": Role(
        ("tweets", "tweet"), ("tweets.js", "tweet.js", "tweets-part*.js", "tweet-part*.js"), b'"created_at"'
    ),
    "direct_messages": Role(
        ("directMessages", "directMessage"),
        ("direct-messages.js", "direct-message.js", "direct-messages-part*.js", "direct-message-part*.js"),
        b'"dmConversation"',
    ),
    "direct_messages_group": Role(
        ("directMessagesGroup", "directMessageGroup"),
        (
            "direct-messages-group.js",
            "direct-message-group.js",
            "direct-messages-group-part*.js",
            "direct-message-group-part*.js",
        ),
        b'"dmConversation"',
    ),
    "following": Role(("following",), ("following.js", "following-part*.js"), b'"accountId"'),
    "follower": Role(("follower",), ("follower.js", "follower-part*.js"), b'"accountId"'),
    "like": Role(("like",), ("like.js", "like-part*.js"), b'"tweetId"'),
}


def looks_like_x_archive(files: ExportFiles) -> bool:
    return files.find("manifest.js") is not None or any(
        files.glob(pattern) for role in ROLES.values() for pattern in role.patterns
    )


def read_x_archive(path: Path, *, progress: Progress | None = None) -> ImportResult:
    """Read an X archive. Raises ImportFormatError when it cannot be read at all."""
    builder = ResultBuilder(NETWORK, progress)
    with ExportFiles.open(Path(path), suffixes=(".js",)) as files:
        manifest = _manifest(files, builder)
        located = _locate(files, manifest, builder)
        if manifest is None and not any(located.values()):
            raise ImportFormatError(
                "this does not look like an X archive: expected data/manifest.js, data/tweets.js or "
                "data/direct-messages.js in it. Download your archive from X (Settings → Your account → "
                "Download an archive of your data) and import the ZIP it sends you.",
                str(path),
            )
        contents = {role: [(name, files.read_bytes(name)) for name in names] for role, names in located.items()}
    builder.files_read.extend(name for parts in contents.values() for name, _ in parts)
    builder.expect_rows(_estimate_rows(contents))

    accounts = XAccounts()
    owner_name = _read_owner(contents.pop("account", []), manifest, accounts)
    conversations = [
        (name, _records(data, name))
        for role in ("direct_messages", "direct_messages_group")
        for name, data in contents.pop(role, [])
    ]
    if accounts.owner_id is None:
        accounts.owner_id = owner_from_conversations([r for _n, records in conversations for r in records])

    # Tweets first: their replies and mentions name the accounts that messages and follows give as ids.
    tweets = [(name, _records(data, name)) for name, data in contents.pop("tweets", [])]
    for _name, records in tweets:
        learn_handles(records, accounts)
    if accounts.owner_id and not accounts.owner_handle:
        accounts.owner_handle = accounts.handles.get(accounts.owner_id)
    for name, records in tweets:
        add_tweets(records, name, accounts, builder)
    del tweets

    if accounts.owner_id is None and conversations:
        builder.notes.append("Direct messages skipped: the archive does not say whose it is (account.js is missing).")
    else:
        broadcasts = sum(add_conversations(records, name, accounts, builder) for name, records in conversations)
        if broadcasts:
            builder.notes.append(
                f"{counted(broadcasts, 'message')} you sent to groups of more than {GROUP_FANOUT_LIMIT} people "
                "not counted as a conversation with each member."
            )
    del conversations

    for role, direction in (("following", "me"), ("follower", "them")):
        for name, data in contents.pop(role, []):
            _add_follows(_records(data, name), name, role, direction, accounts, builder)

    likes = sum(data.count(ROLES["like"].marker) for _name, data in contents.pop("like", []))
    if likes:
        builder.notes.append(f"{counted(likes, 'like')} skipped: X archives do not say whose tweet was liked.")

    owner = None
    if accounts.owner_id or accounts.owner_handle:
        owner = PersonRef(NETWORK, accounts.owner_handle, accounts.owner_id, name=owner_name)
    return builder.finish(owner)


def _manifest(files: ExportFiles, builder: ResultBuilder) -> dict[str, Any] | None:
    name = files.find_path("data/manifest.js") or files.find("manifest.js")
    if name is None:
        return None
    value = parse_archive_js(files.read_bytes(name), name)
    if not isinstance(value, dict):
        raise ImportFormatError(
            "manifest.js does not hold the archive's table of contents. Download the archive again.", name
        )
    builder.files_read.append(name)
    return value


def _locate(files: ExportFiles, manifest: dict[str, Any] | None, builder: ResultBuilder) -> dict[str, list[str]]:
    """The stored names of each role's files: from the manifest when there is one, else by name."""
    located: dict[str, list[str]] = {}
    data_types = manifest.get("dataTypes") if manifest else None
    for role_name, role in ROLES.items():
        if isinstance(data_types, dict):
            located[role_name] = _from_manifest(files, data_types, role, builder)
        else:
            names = dict.fromkeys(name for pattern in role.patterns for name in files.glob(pattern))
            located[role_name] = sorted(names, key=_part_order)
    return located


def _from_manifest(files: ExportFiles, data_types: dict[str, Any], role: Role, builder: ResultBuilder) -> list[str]:
    names: list[str] = []
    for key in role.manifest_keys:
        entry = data_types.get(key)
        listed = entry.get("files") if isinstance(entry, dict) else None
        if not isinstance(listed, list):
            continue
        for file_entry in listed:
            if not isinstance(file_entry, dict) or not isinstance(file_entry.get("fileName"), str):
                continue
            found = files.find_path(file_entry["fileName"])
            if found is not None:
                names.append(found)
            elif str(file_entry.get("count", "0")) != "0":
                builder.skip(file_entry["fileName"], 0, "listed in manifest.js but missing from the archive")
                builder.notes.append(
                    f"{file_entry['fileName']} is listed in manifest.js but missing: its records were not "
                    "imported. Import the complete archive to include them."
                )
        if names:
            break
    return names


def _part_order(name: str) -> tuple[int, str]:
    """tweets.js before tweets-part1.js before tweets-part2.js ... before tweets-part10.js."""
    stem = name.rsplit("/", 1)[-1].lower().removesuffix(".js")
    _, _, part = stem.rpartition("-part")
    return (int(part) if part.isdigit() else 0, name)


def _estimate_rows(contents: dict[str, list[tuple[str, bytes]]]) -> int:
    """Records to process, counted by a marker each record holds once (cheaper than parsing twice)."""
    return sum(
        data.count(ROLES[role].marker)
        for role, parts in contents.items()
        if role not in ("account", "like")
        for _name, data in parts
    )


def _records(data: bytes, name: str) -> list[Any]:
    value = parse_archive_js(data, name)
    if not isinstance(value, list):
        raise ImportFormatError(
            "this file should hold a list of records ([ ... ]) but does not. Download the archive again.", name
        )
    return value


def _read_owner(parts: list[tuple[str, bytes]], manifest: dict[str, Any] | None, accounts: XAccounts) -> str:
    """Fill the owner's id and handle; returns their display name."""
    name = ""
    for file, data in parts:
        for item in _records(data, file):
            account = item.get("account") if isinstance(item, dict) else None
            if isinstance(account, dict):
                accounts.owner_id = accounts.owner_id or x_id(account.get("accountId"))
                accounts.owner_handle = accounts.owner_handle or _handle(account.get("username"))
                name = name or _string(account.get("accountDisplayName"))
    user = manifest.get("userInfo") if manifest else None
    if isinstance(user, dict):
        accounts.owner_id = accounts.owner_id or x_id(user.get("accountId"))
        accounts.owner_handle = accounts.owner_handle or _handle(user.get("userName"))
        name = name or _string(user.get("displayName"))
    return name


def _add_follows(
    records: list[Any], file: str, role: str, direction: str, accounts: XAccounts, builder: ResultBuilder
) -> None:
    for index, item in enumerate(records, 1):
        builder.row_done()
        entry = item.get(role) if isinstance(item, dict) else None
        account = x_id(entry.get("accountId")) if isinstance(entry, dict) else None
        if account is None:
            builder.skip(file, index, f"not a {role} record with an accountId")
            continue
        if account == accounts.owner_id:
            continue
        key = accounts.see(builder.book, account)
        if key is not None:
            builder.add(key, "follow", direction, None, f"x:{role}:{account}")


def _string(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _handle(value: Any) -> str | None:
    return x_handle(value) if isinstance(value, str) else None

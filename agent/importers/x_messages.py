"""X direct messages (``direct-messages.js``, ``direct-messages-group.js``) as ``dm`` events.

Attribution follows the LinkedIn reader: a message someone else sent is with its sender (``them``); a
message the owner sent is with its recipient, or in a group (where messages have no ``recipientId``) with
each other participant, each with its own source id, up to ``GROUP_FANOUT_LIMIT`` members. ``thread`` is
the conversation id. Group participants come from senders and from join events (``joinConversation``'s
``participantsSnapshot``, ``participantsJoin``'s ``userIds``); any other event object is ignored.
Messages are listed newest first in the file; order does not matter here.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from agent.importers.base import GROUP_FANOUT_LIMIT
from agent.importers.profile_keys import x_id
from agent.importers.result_builder import ResultBuilder, digest
from agent.importers.text_repair import clean_text, clip_note
from agent.importers.timestamps import iso_utc_text
from agent.importers.x_accounts import XAccounts

_JOIN_EVENTS = (("joinConversation", "participantsSnapshot"), ("participantsJoin", "userIds"))


def owner_from_conversations(records: list[Any]) -> str | None:
    """The account id that takes part in the most conversations: the owner takes part in all of them."""
    counts: Counter[str] = Counter()
    for item in records:
        conversation = _conversation(item)
        events = conversation.get("messages") if conversation else None
        if conversation is not None and isinstance(events, list):
            counts.update(_participants(events, str(conversation.get("conversationId") or "")))
    if not counts:
        return None
    return max(sorted(counts), key=lambda account: counts[account])


def add_conversations(records: list[Any], file: str, accounts: XAccounts, builder: ResultBuilder) -> int:
    """Add a ``dm`` per message (per member for the owner's group messages).

    Returns how many of the owner's messages to large groups were left out as broadcasts.
    """
    broadcasts = 0
    for index, item in enumerate(records, 1):
        builder.row_done()
        conversation = _conversation(item)
        if conversation is None:
            builder.skip(file, index, "not a dmConversation object")
            continue
        thread = str(conversation.get("conversationId") or "") or None
        events = conversation.get("messages")
        if not isinstance(events, list):
            builder.skip(file, index, "conversation without a messages list")
            continue
        members = _participants(events, thread)
        for event in events:
            message = event.get("messageCreate") if isinstance(event, dict) else None
            if not isinstance(message, dict):
                continue
            outcome = _add_message(message, thread, members, accounts, builder)
            if outcome == "broadcast":
                broadcasts += 1
            elif outcome:
                builder.skip(file, index, f"message {str(message.get('id', ''))[:30]}: {outcome}")
    return broadcasts


def _add_message(
    message: dict[str, Any], thread: str | None, members: list[str], accounts: XAccounts, builder: ResultBuilder
) -> str:
    """Add the message; returns "" when added, "broadcast", or why it was skipped."""
    sender = x_id(message.get("senderId"))
    at = iso_utc_text(message["createdAt"]) if isinstance(message.get("createdAt"), str) else None
    if sender is None or at is None:
        return "no readable senderId or createdAt"
    raw_text: str = message["text"] if isinstance(message.get("text"), str) else ""
    message_id = x_id(message.get("id")) or digest(thread or "", at, sender, raw_text)
    note = clip_note(clean_text(raw_text))
    if sender != accounts.owner_id:
        key = accounts.see(builder.book, sender)
        if key is not None:
            builder.add(key, "dm", "them", at, f"x:dm:{message_id}", note, thread)
        return ""
    recipient = x_id(message.get("recipientId"))
    targets = [recipient] if recipient else [m for m in members if m != accounts.owner_id]
    if not targets:
        return "sent message without a recipient"
    if len(targets) > GROUP_FANOUT_LIMIT:
        return "broadcast"
    for target in targets:
        key = accounts.see(builder.book, target)
        if key is None:
            continue
        source_id = f"x:dm:{message_id}" if len(targets) == 1 else f"x:dm:{message_id}:{target}"
        builder.add(key, "dm", "me", at, source_id, note, thread)
    return ""


def _conversation(item: Any) -> dict[str, Any] | None:
    conversation = item.get("dmConversation") if isinstance(item, dict) else None
    return conversation if isinstance(conversation, dict) else None


def _participants(events: list[Any], thread: str | None) -> list[str]:
    """Everyone known to be in the conversation, in first-seen order."""
    members: dict[str, None] = {}
    for event in events:
        if not isinstance(event, dict):
            continue
        message = event.get("messageCreate")
        if isinstance(message, dict):
            for field in ("senderId", "recipientId"):
                account = x_id(message.get(field))
                if account:
                    members.setdefault(account)
        for name, list_field in _JOIN_EVENTS:
            join = event.get(name)
            if isinstance(join, dict) and isinstance(join.get(list_field), list):
                for raw in join[list_field]:
                    account = x_id(raw)
                    if account:
                        members.setdefault(account)
    if thread and not members:
        for part in thread.split("-"):
            account = x_id(part)
            if account:
                members.setdefault(account)
    return list(members)

"""The owner's tweets: replies and mentions become public ``comment`` events, direction ``me``.

Both record shapes are read: ``{"tweet": {...}}`` (2020 on) and the bare object (2019). A reply counts for
the account replied to, unless it is a reply to oneself (a thread); a mention counts for each account
mentioned, except the owner and except in retweets (``RT @user:``), which quote someone else's tweet.
Mentions and replies are also the only place an archive pairs account ids with handles, so every one seen
(retweets included) goes into the id→handle map used for messages and follows.
"""

from __future__ import annotations

from typing import Any

from agent.importers.profile_keys import x_handle, x_id
from agent.importers.result_builder import ResultBuilder
from agent.importers.text_repair import clean_text, clip_note
from agent.importers.timestamps import tweet_time
from agent.importers.x_accounts import XAccounts


def learn_handles(records: list[Any], accounts: XAccounts) -> None:
    """First pass: fill the id→handle map from every reply and mention."""
    for item in records:
        tweet = _tweet(item)
        if tweet is None:
            continue
        accounts.learn(
            x_id(tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id")),
            _handle(tweet.get("in_reply_to_screen_name")),
        )
        for mention in _mentions(tweet):
            accounts.learn(
                x_id(mention.get("id_str") or mention.get("id")),
                _handle(mention.get("screen_name")),
                _text(mention.get("name")),
            )


def add_tweets(records: list[Any], file: str, accounts: XAccounts, builder: ResultBuilder) -> None:
    """Second pass: a ``comment`` for each account replied to or mentioned."""
    for index, item in enumerate(records, 1):
        builder.row_done()
        tweet = _tweet(item)
        if tweet is None:
            builder.skip(file, index, "not a tweet object")
            continue
        tweet_id = x_id(tweet.get("id_str") or tweet.get("id"))
        at = tweet_time(_text(tweet.get("created_at")))
        if tweet_id is None or at is None:
            builder.skip(file, index, "tweet without a readable id or created_at")
            continue
        raw_text = _text(tweet.get("full_text") or tweet.get("text"))
        targets: dict[str, tuple[str | None, str | None, str]] = {}
        reply_id = x_id(tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id"))
        reply_handle = _handle(tweet.get("in_reply_to_screen_name"))
        if (reply_id or reply_handle) and not accounts.is_owner(reply_id, reply_handle):
            targets[reply_id or f"@{reply_handle}"] = (reply_id, reply_handle, "")
        if not raw_text.startswith("RT @"):
            for mention in _mentions(tweet):
                mention_id = x_id(mention.get("id_str") or mention.get("id"))
                handle = _handle(mention.get("screen_name"))
                if (mention_id or handle) and not accounts.is_owner(mention_id, handle):
                    targets.setdefault(mention_id or f"@{handle}", (mention_id, handle, _text(mention.get("name"))))
        if not targets:
            continue
        note = clip_note(clean_text(raw_text))
        for target, (account_id, handle, name) in targets.items():
            key = accounts.see(builder.book, account_id, handle, name)
            if key is not None:
                builder.add(key, "comment", "me", at, f"x:tweet:{tweet_id}:{target}", note)


def _tweet(item: Any) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        return None
    tweet = item.get("tweet", item)
    return tweet if isinstance(tweet, dict) else None


def _mentions(tweet: dict[str, Any]) -> list[dict[str, Any]]:
    entities = tweet.get("entities")
    mentions = entities.get("user_mentions") if isinstance(entities, dict) else None
    if not isinstance(mentions, list):
        return []
    return [m for m in mentions if isinstance(m, dict)]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _handle(value: Any) -> str | None:
    return x_handle(value) if isinstance(value, str) else None

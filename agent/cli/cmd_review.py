"""fathom review: who is waiting on you, what you promised, which good ties are going cold."""

from __future__ import annotations

import argparse
from typing import Any

from agent.cli.agent_client import AgentError
from agent.cli.backend import Backend, open_backend
from agent.cli.common import add_data_dir, data_dir, print_json
from agent.cli.errors import CliError

LABELS = {
    "you_owe_reply": "You owe a reply",
    "promised_follow_up": "You promised",
    "unreturned_favour": "Unreturned favour",
    "waiting_on_them": "Waiting on them",
    "pending_request": "Pending request",
    "cooling": "Cooling",
    "lapsing": "Lapsing",
    "dormant": "Dormant",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="what needs you this week, across everyone")
    p.add_argument("--as-of", metavar="DATE", help="review as if today were DATE")
    p.add_argument("--json", action="store_true", help='print {"items": [...]}')
    p.add_argument("--done", metavar="KEY", help="mark the item with this key done")
    p.add_argument("--snooze", metavar="KEY", help="hide the item with this key for a week")
    p.add_argument("--dismiss", metavar="KEY", help="mark the item with this key not relevant")
    p.add_argument(
        "--notifications",
        choices=("on", "off"),
        help="a desktop notification once a week with the count and the top item (off by default)",
    )
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    actions = [(a, k) for a, k in (("done", args.done), ("snooze", args.snooze), ("dismiss", args.dismiss)) if k]
    if len(actions) > 1:
        raise CliError("Give one of --done, --snooze or --dismiss at a time.", 2)
    if args.notifications:
        with open_backend(data_dir(args), need_agent=True) as backend:
            backend.call("/v1/settings/notifications", {"weekly": args.notifications == "on"})
        print(f"Weekly review notification turned {args.notifications}.")
        return 0
    with open_backend(data_dir(args)) as backend:
        items = backend.call("/v1/review", {"as_of": args.as_of})["items"]
        if actions:
            action, key = actions[0]
            match = next((i for i in items if i["key"] == key), None)
            if match is None:
                return _act_on_snoozed(backend, action, key)
            acted = backend.call("/v1/review/act", {"person_id": match["person"]["id"], "key": key, "action": action})
            print(f"{_what_happened(action, acted['state'])} — {match['person']['name']}: {match['text']}")
            return 0
    if args.json:
        print_json({"items": items})
        return 0
    print_items(items)
    return 0


def _act_on_snoozed(backend: Backend, action: str, key: str) -> int:
    """A snoozed item is not in the review, yet can be marked done or not relevant (or snoozed again)."""
    try:
        acted = backend.call("/v1/review/act", {"key": key, "action": action})
    except AgentError as exc:
        if exc.code != "unknown_key":
            raise
        raise CliError(f"No review item has the key {key!r}; `fathom review` lists them.") from None
    name = backend.call("/v1/people/get", {"person_id": acted["person_id"], "limit": 0})["person"]["name"]
    print(f"{_what_happened(action, acted['state'])} — {name} (a snoozed item)")
    return 0


def _what_happened(action: str, state: dict[str, Any]) -> str:
    if action == "snooze":
        return f"Snoozed for a week, until {state['until']}"
    return "Marked done" if action == "done" else "Marked not relevant"


def print_items(items: list[dict[str, Any]]) -> None:
    if not items:
        print("Nothing needs you right now.")
        return
    print("1 thing needs you:" if len(items) == 1 else f"{len(items)} things need you:")
    for item in items:
        since = f", since {item['since'][:10]}" if item.get("since") else ""
        overdue = ", overdue" if item.get("overdue") else ""
        print(f"- {item['person']['name']}: {item['text']}  [{LABELS[item['type']].lower()}{overdue}{since}]")
        print(f"    key: {item['key']}")

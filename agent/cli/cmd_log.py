"""fathom log: record an interaction from the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from agent.cli.backend import Backend, open_backend
from agent.cli.common import add_data_dir, add_person, data_dir, person_target, print_json
from agent.cli.errors import CliError
from agent.cli.flag_names import in_flag_words
from agent.cli.unknown_person import close_matches, did_you_mean, identity_words
from agent.kinds import DIRECTIONS, KIND_BY_ID
from agent.service import fields
from agent.service.errors import Invalid


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("log", help="log an interaction with someone")
    add_person(p)
    p.add_argument(
        "--kind", required=True, choices=list(KIND_BY_ID), metavar="KIND", help=f"one of: {', '.join(KIND_BY_ID)}"
    )
    p.add_argument(
        "--direction",
        choices=[d for d in DIRECTIONS if d != "unknown"],
        help="me (I did it or started it), them, or both (a meeting or call); default depends on kind",
    )
    p.add_argument("--at", metavar="ISO8601", help="when (default: now), e.g. 2025-03-01 or 2025-03-01T09:30")
    p.add_argument("--note", metavar="TEXT", help="a short note")
    p.add_argument("--thread", metavar="ID", help="conversation id, to pair replies with messages")
    p.add_argument("--ask", action="store_true", help="this asks them for something")
    p.add_argument("--follow-up", metavar="TEXT", help='a promise, e.g. "send the deck"')
    p.add_argument("--due", metavar="DATE", help="when the follow-up is due (default: in 7 days)")
    p.add_argument("--json", action="store_true", help="print the stored interaction as JSON")
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.due and not args.follow_up:
        raise_usage("--due needs --follow-up TEXT")
    try:
        fields.due(args.due)  # here: the agent's message for a bad due date names its rule's field, `at`
    except Invalid as exc:
        raise CliError(in_flag_words(exc.message, "--due")) from None
    body = {
        **person_target(args),
        "kind": args.kind,
        "direction": args.direction,
        "at": args.at,
        "note": args.note,
        "thread": args.thread,
        "ask": args.ask,
    }
    if args.follow_up:
        body["follow_up"] = {"text": args.follow_up, "due": args.due}
    with open_backend(data_dir(args)) as backend:
        # Asked first, so that a typo's new person is said out loud (with whom it probably meant).
        known = backend.call("/v1/people/lookup", person_target(args))["person"]
        answer = backend.call("/v1/interactions", body)
        inter, person = answer["interaction"], answer["person"]
        new = [] if known.get("id") else _new_person_lines(backend, person, known["identities"][0])
    if args.json:
        print_json(inter)
    else:
        print(
            f"Logged {KIND_BY_ID[inter['kind']].label.lower()} ({inter['direction']}) with {person['name']} "
            f"at {inter['at']}. Id: {inter['id']}"
        )
    for line in new:  # beside JSON, on stderr: the JSON stays one parseable object
        print(line, file=sys.stderr if args.json else sys.stdout)
    return 0


def _new_person_lines(backend: Backend, person: dict[str, Any], identity: dict[str, Any]) -> list[str]:
    network, handle = identity["network"], identity["handle"]
    lines = [f"New in Fathom: {person['name']} ({identity_words(network, handle)}) was not there before."]
    return lines + did_you_mean(close_matches(backend, network, handle))


def raise_usage(message: str) -> None:
    raise CliError(message, 2)

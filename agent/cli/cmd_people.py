"""fathom link / unlink / person: one person across networks, and per-person overrides."""

from __future__ import annotations

import argparse

from agent.cli.backend import open_backend
from agent.cli.common import add_data_dir, add_person, data_dir, person_target, print_json
from agent.cli.errors import CliError
from agent.service.fields import TAGS


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("link", help="mark a LinkedIn and an X profile as the same person (histories combine)")
    p.add_argument("--linkedin", required=True, metavar="SLUG_OR_URL")
    p.add_argument("--x", required=True, metavar="HANDLE_OR_URL")
    add_data_dir(p)
    p.set_defaults(func=run_link)
    u = sub.add_parser("unlink", help="split a linked person back into one per network; nothing is lost")
    add_person(u)
    add_data_dir(u)
    u.set_defaults(func=run_unlink)
    t = sub.add_parser("person", help="set tags (close, family, colleague), how you met, or notes")
    add_person(t)
    t.add_argument("--tags", metavar="LIST", help=f"comma-separated, from {', '.join(TAGS)}; '' clears")
    t.add_argument("--how-met", metavar="TEXT")
    t.add_argument("--notes", metavar="TEXT")
    t.add_argument("--json", action="store_true")
    add_data_dir(t)
    t.set_defaults(func=run_person)


def run_link(args: argparse.Namespace) -> int:
    with open_backend(data_dir(args)) as backend:
        person = backend.call("/v1/people/link", {"linkedin": args.linkedin, "x": args.x})["person"]
    print(f"Linked: {person['name']} is one person on LinkedIn and X. Undo with `fathom unlink --x {args.x}`.")
    return 0


def _person_id(backend, args: argparse.Namespace) -> str:
    view = backend.call("/v1/people/lookup", person_target(args))
    if not view["person"].get("id"):
        raise CliError("That person is not in Fathom yet.")
    return str(view["person"]["id"])


def run_unlink(args: argparse.Namespace) -> int:
    network = "linkedin" if args.linkedin is not None else "x"
    with open_backend(data_dir(args)) as backend:
        people = backend.call("/v1/people/unlink", {"person_id": _person_id(backend, args), "network": network})
    print(f"Split into {len(people['people'])} people; each kept the history of its own network.")
    return 0


def run_person(args: argparse.Namespace) -> int:
    body: dict[str, object] = {}
    if args.tags is not None:
        body["tags"] = [t.strip() for t in args.tags.split(",") if t.strip()]
    if args.how_met is not None:
        body["how_met"] = args.how_met
    if args.notes is not None:
        body["notes"] = args.notes
    with open_backend(data_dir(args)) as backend:
        if body:  # by profile: someone not yet in Fathom is added, so tags can come before any log
            person = backend.call("/v1/people/update", {**person_target(args), **body})["person"]
        else:
            person = backend.call("/v1/people/get", {"person_id": _person_id(backend, args)})["person"]
    if args.json:
        print_json(person)
    else:
        print(f"{person['name']}: tags {', '.join(person['tags']) or 'none'}; how we met: {person['how_met'] or '-'}")
    return 0

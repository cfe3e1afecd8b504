"""fathom show: exactly what the overlay would show for one person."""

from __future__ import annotations

import argparse
from typing import Any

from agent.cli.backend import Backend, open_backend
from agent.cli.common import add_data_dir, add_person, data_dir, person_target, print_json
from agent.cli.errors import CliError
from agent.cli.unknown_person import NOT_FOUND_EXIT, close_matches, did_you_mean, identity_words
from agent.kinds import INTENTS, KIND_BY_ID

DIRECTION_WORDS = {"me": "you", "them": "they", "both": "together", "unknown": ""}
NOTE_WIDTH = 100  # characters of a note in the history: one terminal line with the date, kind and direction


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "show",
        help="the person, their history and how deep the relationship is (exit 3: not in Fathom)",
    )
    add_person(p)
    p.add_argument("--intent", choices=INTENTS, help="show the warnings for what you are about to do")
    p.add_argument("--as-of", metavar="DATE", help="evaluate as if today were DATE")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    body = {**person_target(args), "intent": args.intent, "as_of": args.as_of}
    with open_backend(data_dir(args)) as backend:
        view = backend.call("/v1/people/lookup", body)
        if not view["person"].get("id"):
            raise_not_in_fathom(backend, view["person"]["identities"][0])
        if view.get("interaction_count", 0) > len(view["interactions"]):  # the overlay's newest only: all here
            view = backend.call(
                "/v1/people/get",
                {"person_id": view["person"]["id"], "intent": args.intent, "as_of": args.as_of, "limit": None},
            )
    out = {k: view[k] for k in ("person", "interactions", "depth", "open_loops", "warnings")}
    out["merge_suggestions"] = view.get("merge_suggestions", [])
    if args.json:
        print_json(out)
    else:
        print_human(out)
    return 0


def raise_not_in_fathom(backend: Backend, identity: dict[str, Any]) -> None:
    network, handle = identity["network"], identity["handle"]
    flag = f"--linkedin {handle}" if network == "linkedin" else f"--x {handle}"
    lines = [
        f"{identity_words(network, handle)} is not in Fathom.",
        *did_you_mean(close_matches(backend, network, handle)),
        f"To add them, log something: fathom log {flag} --kind KIND",
    ]
    raise CliError("\n".join(lines), NOT_FOUND_EXIT)


def print_human(view: dict[str, Any]) -> None:
    person, depth = view["person"], view["depth"]
    handles = ", ".join(
        f"LinkedIn {i['handle']}" if i["network"] == "linkedin" else f"X @{i['handle'] or i['x_id']}"
        for i in person["identities"]
    )
    print(f"{person['name']}  ({handles})")
    if person.get("headline"):
        print(f"  {one_line(person['headline'], NOTE_WIDTH)}")
    flags = f" · {', '.join(depth['flags'])}" if depth["flags"] else ""
    peak = f" (was {depth['peak_stage'].capitalize()})" if depth.get("peak_stage") else ""
    print(f"\n{depth['stage'].capitalize()} · {depth['score']}/100{flags}{peak}")
    for line in depth["reasons"]:
        print(f"  - {line}")
    if view["open_loops"]:
        print("\nOpen loops:")
        for loop in view["open_loops"]:
            print(f"  - {loop['text']}")
    if view["warnings"]:
        print("\nBefore you reach out:")
        for warning in view["warnings"]:
            print(f"  ! {warning['text']}")
    print_suggestions(person, view.get("merge_suggestions") or [])
    if not view["interactions"]:
        print(f"\nNo history with {person['name']} yet. Log one: fathom log --kind dm ...")
        return
    print("\nHistory (newest first):")
    for inter in view["interactions"]:
        kind = KIND_BY_ID.get(inter["kind"])
        when = (inter["at"] or "undated")[:10]
        who = DIRECTION_WORDS.get(inter["direction"], "")
        note = f" — {one_line(inter['note'], NOTE_WIDTH)}" if inter["note"] else ""
        print(f"  {when}  {kind.label if kind else inter['kind']:<20} {who:<8}{note}")


def one_line(text: str, width: int) -> str:
    """``text`` folded onto one line (a multi-line message would break the table), cut at a word with "…"."""
    folded = " ".join(text.split())
    if len(folded) <= width:
        return folded
    cut = folded[: width - 1]
    if folded[width - 1] != " " and " " in cut:  # mid-word: back to the last whole word
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def print_suggestions(person: dict[str, Any], suggestions: list[dict[str, Any]]) -> None:
    """Who may be the same person, and the command that links them (Fathom never links on its own)."""
    mine = {i["network"]: i["handle"] for i in person["identities"] if i.get("handle")}
    if not suggestions:
        return
    print("\nMaybe the same person:")
    for s in suggestions:
        network, handle = s.get("network"), s.get("handle")
        where = {"linkedin": " on LinkedIn", "x": " on X"}.get(network or "", "")
        print(f"  ? {s['name']}{where}: {s['reason']}")
        linkedin = handle if network == "linkedin" else mine.get("linkedin")
        x = handle if network == "x" else mine.get("x")
        if linkedin and x:
            print(f"    link them: fathom link --linkedin {linkedin} --x {x}")

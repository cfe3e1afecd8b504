"""fathom import linkedin|x PATH, fathom import undo ID, fathom import list."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from agent.amounts import interactions, people, people_and_interactions
from agent.cli.agent_client import AgentError
from agent.cli.backend import LocalBackend, RemoteBackend, open_backend
from agent.cli.common import add_data_dir, data_dir, print_json
from agent.cli.errors import CliError
from agent.cli.progress import ProgressBar


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import your LinkedIn data export or X archive (ZIP or folder)")
    isub = p.add_subparsers(dest="import_command", metavar="SOURCE", required=True)
    li = isub.add_parser("linkedin", help="LinkedIn 'Get a copy of your data' export")
    li.add_argument("path", metavar="PATH", help="the export ZIP or its unpacked folder")
    li.add_argument("--me", metavar="URL", help="your own LinkedIn profile URL, if Fathom guesses wrong")
    x = isub.add_parser("x", help="X 'Download an archive of your data' archive")
    x.add_argument("path", metavar="PATH", help="the archive ZIP or its unpacked folder")
    for parser in (li, x):
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        add_data_dir(parser)
        parser.set_defaults(func=run_import, network=(parser is li and "linkedin") or "x")
    undo = isub.add_parser("undo", help="remove exactly what one import added")
    undo.add_argument("import_id", metavar="ID", help="from `fathom import list`")
    add_data_dir(undo)
    undo.set_defaults(func=run_undo)
    listing = isub.add_parser("list", help="past imports and their ids")
    add_data_dir(listing)
    listing.set_defaults(func=run_list)


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.path).expanduser().resolve()
    if not path.exists():
        raise CliError(f"{path} does not exist. Give the export ZIP or the folder you unpacked it into.", 2)
    bar = ProgressBar(f"Importing {path.name}")
    with open_backend(data_dir(args)) as backend:
        if isinstance(backend, RemoteBackend):
            summary = _through_agent(backend, path, args, bar)
        else:
            assert isinstance(backend, LocalBackend)
            summary = _locally(backend, path, args, bar)
    bar.finish()
    if args.json:
        print_json(summary)
    else:
        print_summary(summary)
    return 0


def _locally(backend: LocalBackend, path: Path, args: argparse.Namespace, bar: ProgressBar) -> dict[str, Any]:
    def progress(event: str, _person: str | None, data: dict[str, Any]) -> None:
        if event == "import.progress" and data.get("stage") == "reading":
            bar.update(data["done"], data["total"])

    backend.listeners.append(progress)
    try:
        return backend.call("/v1/admin/import", {**_import_body(path, args), "wait": True})["summary"]
    except AgentError as exc:  # as through the agent: a failed import says so, and nothing was imported
        raise CliError(f"{exc.message}\nNothing was imported.", 2) from None


def _import_body(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    body = {"network": args.network, "path": str(path)}
    if getattr(args, "me", None):
        body["me"] = args.me
    return body


def _through_agent(backend: RemoteBackend, path: Path, args: argparse.Namespace, bar: ProgressBar) -> dict[str, Any]:
    with backend.client.events() as ws:
        ws.send(json.dumps({"type": "subscribe", "people": [], "all": True}))
        import_id = backend.call("/v1/admin/import", _import_body(path, args))["import_id"]
        while True:
            frame = json.loads(ws.recv(timeout=3600))
            data = frame.get("data") or {}
            if frame.get("type") != "event" or data.get("import_id") != import_id:
                continue
            if frame["event"] == "import.progress" and data.get("stage") == "reading":
                bar.update(data["done"], data["total"])
            elif frame["event"] == "import.finished":
                if not data.get("ok"):
                    raise CliError(f"{data.get('error')}\nNothing was imported.", 2)
                return data["summary"]


def run_undo(args: argparse.Namespace) -> int:
    with open_backend(data_dir(args)) as backend:
        result = backend.call("/v1/admin/import/undo", {"import_id": args.import_id})
    restored = result.get("people_restored", 0)
    print(
        f"Undid import {args.import_id}: removed {interactions(result['interactions_removed'])} and "
        f"{people(result['people_removed'])} it had created"
        + (f", and put back the details it had changed of {people(restored)}." if restored else ".")
    )
    kept_inters, kept_people = result.get("interactions_kept", 0), result.get("people_kept", 0)
    if kept_inters or kept_people:
        print(
            f"  Kept {people_and_interactions(kept_people, kept_inters)} that a later import also holds or that "
            "you have since edited or logged by hand."
        )
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_backend(data_dir(args)) as backend:
        records = backend.call("/v1/imports")["imports"]
    if not records:
        print("No imports yet.")
    for r in records:
        s = r["summary"]
        print(
            f"{r['id']}  {r['at'][:16]}  {r['network']:<8} {r['label']}: {interactions(s['interactions_added'])}, "
            f"{people(s['people_created'], 'new')}"
        )
    return 0


SHOW_SKIPPED = 10


def print_summary(summary: dict[str, Any]) -> None:
    print(f"Import {summary['import_id']} ({summary['network']}) done.")
    print(f"  People: {summary['people_created']} new, {summary['people_updated']} updated.")
    kinds = ", ".join(f"{n} {k}" for k, n in summary["added_by_kind"].items()) or "nothing new"
    print(f"  Interactions added: {summary['interactions_added']} ({kinds}).")
    if summary["already_present"]:
        print(f"  Already in Fathom from an earlier import: {summary['already_present']}.")
    if summary["skipped"]:
        rows = "1 row" if summary["skipped"] == 1 else f"{summary['skipped']} rows"
        print(f"  Skipped {rows} that could not be read:")
        for row in summary["skipped_rows"][:SHOW_SKIPPED]:
            where = f"{row['file']}, line {row['line']}" if row["file"] else "(no file)"
            print(f"    {where}: {row['reason']}")
        if summary["skipped"] > SHOW_SKIPPED:
            print(f"    … and {summary['skipped'] - SHOW_SKIPPED} more (--json lists the first 50).")
    for note in summary["notes"]:
        print(f"  Note: {note}")
    if summary["interactions_added"] or summary["people_created"] or summary["people_updated"]:
        print(f"  Undo with: fathom import undo {summary['import_id']}")

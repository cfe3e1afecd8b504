"""fathom logs, doctor, export, backup and restore: looking after the agent and the data."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from agent.amounts import people_and_interactions
from agent.cli.backend import open_backend
from agent.cli.common import add_data_dir, data_dir
from agent.cli.doctor import run_checks
from agent.cli.errors import CliError
from agent.paths import DataDirLayout
from agent.service.backup import csv_files
from agent.store.files import atomic_write


def add_parser(sub: argparse._SubParsersAction) -> None:
    logs = sub.add_parser("logs", help="show the agent's log")
    logs.add_argument("-n", "--lines", type=int, default=50, help="how many lines from the end (default 50)")
    logs.add_argument("--path", action="store_true", help="print the log file's path only")
    add_data_dir(logs)
    logs.set_defaults(func=run_logs)

    doctor = sub.add_parser("doctor", help="check what can go wrong and say how to fix it")
    doctor.add_argument("--port", type=int, help="the port the agent should use (default: FATHOM_PORT or 47821)")
    add_data_dir(doctor)
    doctor.set_defaults(func=lambda a: run_checks(data_dir(a), a.port))

    export = sub.add_parser("export", help="export everything (JSON: lossless, CSV: for spreadsheets)")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--out", metavar="PATH", help="file (json; default stdout) or folder (csv; required)")
    add_data_dir(export)
    export.set_defaults(func=run_export)

    backup = sub.add_parser("backup", help="write a consistent snapshot (safe while the agent runs)")
    backup.add_argument("--out", metavar="FILE", help="default: <data dir>/backups/fathom-backup-<time>.json")
    add_data_dir(backup)
    backup.set_defaults(func=run_backup)

    restore = sub.add_parser("restore", help="restore a backup or JSON export")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--replace", action="store_true", help="replace what the data dir holds (a backup of it is written first)"
    )
    add_data_dir(restore)
    restore.set_defaults(func=run_restore)


def run_logs(args: argparse.Namespace) -> int:
    path = DataDirLayout(data_dir(args)).log
    if args.path:
        print(path)
        return 0
    if not path.exists():
        raise CliError(f"No log yet at {path}: the agent writes it once it has run (`fathom serve`).")
    lines = path.read_text("utf-8", errors="replace").splitlines()
    print("\n".join(lines[-max(args.lines, 1) :]))
    return 0


def run_export(args: argparse.Namespace) -> int:
    if args.format == "csv" and not args.out:
        raise CliError("--format csv writes people.csv and interactions.csv: give a folder with --out DIR.", 2)
    out = Path(args.out).expanduser() if args.out else None
    if out is not None and args.format == "csv" and out.exists() and not out.is_dir():
        raise CliError(f"{out} is a file; --format csv writes two files into a folder: give --out DIR.", 2)
    if out is not None and args.format == "json" and out.is_dir():
        raise CliError(f"{out} is a folder; --format json writes one file: give --out FILE.", 2)
    with open_backend(data_dir(args)) as backend:
        doc = backend.call("/v1/admin/export")["document"]
    if args.format == "json":
        data = json.dumps(doc, ensure_ascii=False, indent=1)
        if out is not None:
            _write(out, data)
            counts = people_and_interactions(len(doc["people"]), len(doc["interactions"]))
            print(f"Exported {counts} to {args.out}.")
        else:
            sys.stdout.write(data + "\n")
        return 0
    assert out is not None  # csv without --out was refused above
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"Cannot create the folder {out} ({exc.strerror}); choose another --out DIR.") from None
    for name, text in csv_files(doc).items():
        _write(out / name, text)
    print(f"Wrote people.csv and interactions.csv to {out}.")
    return 0


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # as backup --out does
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise CliError(f"Cannot write {path} ({exc.strerror}); check the folder, or choose another --out.") from None


def run_backup(args: argparse.Namespace) -> int:
    root = data_dir(args)
    # Without --out the agent names the file in its backups folder (a new name each time, never an overwrite).
    body = {"path": str(Path(args.out).expanduser().resolve())} if args.out else {}
    with open_backend(root) as backend:
        written = backend.call("/v1/admin/backup", body)["path"]
    # This data dir is not empty (or there would be little to back up), so restoring into it needs --replace.
    where = f" --data-dir {shlex.quote(args.data_dir)}" if args.data_dir else ""
    print(
        f"Backup written to {written}. Restore it with `fathom restore --replace{where} {shlex.quote(written)}` "
        "(or without --replace into an empty data dir)."
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser().resolve()
    with open_backend(data_dir(args)) as backend:
        result = backend.call("/v1/admin/restore", {"path": str(path), "replace": args.replace})
    if result.get("kept_backup"):
        print(f"Kept a backup of the current data: {result['kept_backup']}")
    print(f"Restored {people_and_interactions(result['people'], result['interactions'])} from {path}.")
    return 0

"""Arguments and output shared by several commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from agent.paths import resolve_data_dir


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help="data dir (default: FATHOM_DATA_DIR or the OS user data dir)")


def data_dir(args: argparse.Namespace) -> Path:
    return resolve_data_dir(args.data_dir)


def add_person(parser: argparse.ArgumentParser, required: bool = True) -> None:
    who = parser.add_mutually_exclusive_group(required=required)
    who.add_argument("--linkedin", metavar="SLUG_OR_URL", help="the person's LinkedIn profile URL or slug")
    who.add_argument("--x", metavar="HANDLE_OR_URL", help="the person's X handle or profile URL")


def person_target(args: argparse.Namespace) -> dict[str, str]:
    if args.linkedin is not None:
        return {"network": "linkedin", "handle": args.linkedin}
    return {"network": "x", "handle": args.x}


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

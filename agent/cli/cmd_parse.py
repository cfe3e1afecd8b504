"""fathom parse URL FILE: run the site parser on a saved page (how users report a page that stopped parsing)."""

from __future__ import annotations

import argparse
from pathlib import Path

from agent.cli.common import print_json
from agent.cli.errors import CliError
from agent.sites.base import NotAProfile
from agent.sites.registry import parse_page

MAX_PAGE = 20 * 1024 * 1024


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse a saved profile page and print what Fathom sees (exit 3: not a profile)")
    p.add_argument("url", metavar="URL", help="the page's address, e.g. https://www.linkedin.com/in/someone/")
    p.add_argument("file", metavar="FILE", help="the saved HTML (a whole page or only <body>)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_PAGE:
            raise CliError(f"{path} is larger than 20 MB; save only the profile page.", 2)
        html = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise CliError(f"Cannot read {path}: {exc.strerror}.", 2) from None
    result = parse_page(args.url, html)
    if args.json:
        print_json(
            {"profile": result.to_json()}
            if not isinstance(result, NotAProfile)
            else {"not_a_profile": result.to_json()}
        )
        return 3 if isinstance(result, NotAProfile) else 0
    if isinstance(result, NotAProfile):
        print(f"Not a profile page ({result.reason}): {result.detail}")
        return 3
    data = result.to_json()
    for key, value in data.items():
        if value not in (None, "", [], ()):
            print(f"{key:>12}: {', '.join(value) if isinstance(value, list | tuple) else value}")
    return 0

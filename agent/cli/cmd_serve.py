"""fathom serve: run the agent in the foreground."""

from __future__ import annotations

import argparse
import asyncio

from agent import MAX_PORT, MIN_PORT
from agent.cli.common import add_data_dir, data_dir
from agent.cli.errors import CliError
from agent.paths import resolve_port
from agent.server.runner import PortInUse, serve
from agent.settings import AgentSettings
from agent.store.errors import DataDirLocked, StoreError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="run the agent (127.0.0.1 only) in the foreground",
        description="Run the Fathom agent on 127.0.0.1. Default port 47821 (FATHOM_PORT).",
    )
    p.add_argument("--port", type=int, metavar="N", help="TCP port on 127.0.0.1 (default 47821 or FATHOM_PORT)")
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        port = resolve_port(args.port)
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    if not MIN_PORT <= port <= MAX_PORT:
        raise CliError(f"--port {port} is outside {MIN_PORT}-{MAX_PORT}, the ports the extension can pair with.", 2)
    settings = AgentSettings(data_dir=data_dir(args), port=port)
    try:
        asyncio.run(serve(settings))
    except DataDirLocked as exc:
        raise CliError(f"{exc} An agent is probably already running: `fathom status` shows it.") from None
    except PortInUse as exc:
        raise CliError(str(exc)) from None
    except StoreError as exc:
        raise CliError(str(exc)) from None
    return 0

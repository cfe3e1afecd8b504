"""fathom serve: run the agent in the foreground."""

from __future__ import annotations

import argparse
import asyncio

from agent.cli.common import add_data_dir, data_dir
from agent.cli.errors import CliError
from agent.cli.invocation import fathom_command
from agent.server.runner import PortInUse, serve
from agent.settings import SETTINGS, flag_help, resolve_settings
from agent.store.errors import DataDirLocked, StoreError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="run the agent (127.0.0.1 only) in the foreground",
        description="Run the Fathom agent on 127.0.0.1. Each setting is read from its flag, else its "
        "environment variable, else its default (all of them: docs/settings.md).",
    )
    for setting in SETTINGS:
        # Read as text: the flag and the environment variable share one parser and its error messages.
        p.add_argument(setting.flag, dest=setting.name, metavar="N", help=flag_help(setting))
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = resolve_settings(data_dir(args), {setting.name: getattr(args, setting.name) for setting in SETTINGS})
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    try:
        asyncio.run(serve(settings, pair_command=fathom_command("pair")))
    except DataDirLocked as exc:
        # Said for serve: another agent can only be stopped, not used, to start this one (not the store's advice).
        raise CliError(
            f"Another Fathom process ({exc.holder}) is using the data dir {exc.path}, so this agent cannot start. "
            "An agent is probably already running: `fathom status` shows it; stop it first to start this one."
        ) from None
    except PortInUse as exc:
        raise CliError(str(exc)) from None
    except StoreError as exc:
        raise CliError(str(exc)) from None
    return 0

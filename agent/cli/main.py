"""Entry point of the ``fathom`` command: one module per subcommand, wired here."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from agent import __version__
from agent.cli.errors import CliError

# Each module has add_parser(subparsers) that registers itself with set_defaults(func=run),
# and run(args) -> int. Listed in the order `fathom --help` shows them.
COMMAND_MODULES: tuple[str, ...] = (
    "agent.cli.cmd_serve",
    "agent.cli.cmd_status",
    "agent.cli.cmd_pair",
    "agent.cli.cmd_parse",
    "agent.cli.cmd_log",
    "agent.cli.cmd_show",
    "agent.cli.cmd_people",
    "agent.cli.cmd_import",
    "agent.cli.cmd_review",
    "agent.cli.cmd_autostart",
    "agent.cli.cmd_maintenance",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fathom",
        description="Fathom: a private, local-first relationship memory. Your data stays on this machine.",
    )
    parser.add_argument("--version", action="version", version=f"fathom {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"fathom: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("fathom: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `fathom show | head`: the reader left; not an error worth a traceback
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())

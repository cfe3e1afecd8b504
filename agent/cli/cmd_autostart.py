"""`fathom autostart install|remove|status`: start the agent when you log in."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable

from agent import DEFAULT_PORT
from agent.autostart import (
    AutostartContext,
    AutostartError,
    AutostartOptions,
    AutostartResult,
    Outcome,
    detect_context,
    install,
    remove,
    status,
)
from agent.autostart.commands import Runner, run_command
from agent.cli.errors import CliError
from agent.paths import default_data_dir, resolve_data_dir
from agent.settings import resolve_port

ACTIONS: dict[str, Callable[[AutostartOptions], AutostartResult]] = {
    "install": install,
    "remove": remove,
    "status": status,
}

# status exits 0 only when the entry is installed as this Fathom would write it.
STATUS_EXIT = {Outcome.INSTALLED: 0, Outcome.NOT_INSTALLED: 3, Outcome.DIFFERENT: 4}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--dry-run", action="store_true", help="print what would be written and run, and change nothing"
    )
    shared.add_argument("--data-dir", help="data dir the agent should use (default: FATHOM_DATA_DIR or the OS default)")
    shared.add_argument(
        "--port", type=int, help=f"port the agent should listen on (default: FATHOM_PORT or {DEFAULT_PORT})"
    )
    parser = subparsers.add_parser(
        "autostart",
        help="start the agent when you log in",
        description=(
            "Start the Fathom agent when you log in: a systemd user unit (or an XDG autostart entry) on Linux, "
            "a LaunchAgent on macOS, a Startup-folder entry on Windows. No admin rights needed."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("install", parents=[shared], help="start the agent at login (and now, where possible)")
    actions.add_parser("remove", parents=[shared], help="stop starting the agent at login")
    actions.add_parser(
        "status",
        parents=[shared],
        help="show whether the agent starts at login",
        epilog="Exit status: 0 installed, 3 not installed, 4 installed but different from what install writes.",
    )
    parser.set_defaults(func=run)


def run(
    args: argparse.Namespace,
    runner: Runner = run_command,
    detect: Callable[..., AutostartContext] = detect_context,
) -> int:
    """Run one action; ``runner`` and ``detect`` are replaced in tests so nothing real is touched."""
    context = _context(args, detect)
    opts = AutostartOptions(context=context, runner=runner, dry_run=args.dry_run)
    try:
        result = ACTIONS[args.action](opts)
    except AutostartError as exc:
        raise CliError(str(exc)) from exc
    print(render_result(result))
    if result.outcome is Outcome.FAILED:
        return 1
    if result.action == "status":
        return STATUS_EXIT[result.outcome]
    return 0


def _context(args: argparse.Namespace, detect: Callable[..., AutostartContext]) -> AutostartContext:
    """Only non-default data dir and port go into the entry, so the defaults can move with Fathom."""
    try:
        port = resolve_port(args.port)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if not 1024 <= port <= 65535:
        raise CliError(f"port {port} is out of range; use 1024-65535")
    data_dir = resolve_data_dir(args.data_dir)
    try:
        return detect(
            data_dir=None if data_dir == default_data_dir() else data_dir,
            port=None if port == DEFAULT_PORT else port,
        )
    except AutostartError as exc:
        raise CliError(str(exc)) from exc


def render_result(result: AutostartResult) -> str:
    """What the user reads: files and commands first, then what it means and what to do."""
    lines: list[str] = []
    if result.dry_run and result.action != "status":
        lines.append("Dry run: nothing was written, removed or run.")
    would = "Would " if result.dry_run else ""
    for planned in result.written:
        verb = "write" if result.dry_run else "Wrote"
        lines.append(f"{would}{verb} {planned.path} ({result.method}):")
        lines.append(textwrap.indent(planned.content.replace("\r\n", "\n").rstrip("\n"), "    "))
    for path in result.removed:
        lines.append(f"{would}{'remove' if result.dry_run else 'Removed'} {path}")
    for command in result.commands:
        if command.returncode is None:
            lines.append(f"Would run: {command.describe()}")
        else:
            state = "ok" if command.returncode == 0 else f"failed, exit status {command.returncode}"
            lines.append(f"Ran: {command.describe()} ({state})")
    if not result.dry_run and result.outcome in (Outcome.INSTALLED, Outcome.UPDATED):
        lines.append(f"Fathom's {result.method} is {result.outcome.value}.")
    lines.extend(result.messages)
    return "\n".join(lines)

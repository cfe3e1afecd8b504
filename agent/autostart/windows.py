"""Windows: a .cmd in the user's Startup folder, which needs no admin rights and no registry access."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

from agent.autostart.plan import ENTRY_NAME, AutostartContext, AutostartError, AutostartPlan, PlannedFile

METHOD = "Startup folder entry"

# Characters cmd.exe treats specially outside double quotes (plus space and tab, which split arguments).
_CMD_SPECIAL = frozenset(" \t&|<>^(),;=!%")


def plans(ctx: AutostartContext) -> list[AutostartPlan]:
    return [startup_plan(ctx)]


def startup_dir(ctx: AutostartContext) -> Path:
    """%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup (APPDATA defaults under the home)."""
    appdata = ctx.env.get("APPDATA") or str(ctx.home / "AppData" / "Roaming")
    return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"


def startup_plan(ctx: AutostartContext) -> AutostartPlan:
    return AutostartPlan(
        method=METHOD,
        files=[PlannedFile(startup_dir(ctx) / f"{ENTRY_NAME}.cmd", render_cmd(ctx))],
        notes=[
            "Windows starts Fathom at your next sign-in (it is not restarted if it stops).",
            "To start it now, run: fathom serve",
        ],
    )


def windowless_python(python: str) -> str:
    """pythonw.exe beside python.exe, so no console window stays open; other names are kept as they are."""
    path = PureWindowsPath(python)
    if path.name.lower() == "python.exe":
        return str(path.with_name("pythonw.exe"))
    return python


def render_cmd(ctx: AutostartContext) -> str:
    argv = [windowless_python(ctx.argv[0]), *ctx.argv[1:]]
    lines = [
        "@echo off",
        "rem Starts the Fathom agent when you sign in. Written by fathom autostart install;",
        "rem remove it with: fathom autostart remove",
    ]
    text_args = [*argv, str(ctx.working_dir or "")]
    if not all(arg.isascii() for arg in text_args):
        # cmd.exe reads a batch file in the OEM code page; switch to UTF-8 so non-ASCII paths survive.
        lines.append("chcp 65001 >nul")
    if ctx.working_dir is not None:
        lines.append(f"cd /d {cmd_quote(str(ctx.working_dir))}")
    # `start` returns at once, so this window closes; its first quoted argument is the window title.
    lines.append('start "Fathom agent" /min ' + " ".join(cmd_quote(arg) for arg in argv))
    return "\r\n".join(lines) + "\r\n"


def cmd_quote(arg: str) -> str:
    """One argument in a batch file: ``%`` doubled (expanded even inside quotes), quoted when needed."""
    if '"' in arg:
        raise AutostartError(f"{arg!r} contains a double quote, which Windows paths cannot hold; check the path")
    escaped = arg.replace("%", "%%")
    if not arg or any(ch in _CMD_SPECIAL for ch in arg):
        # Backslashes right before the closing quote would escape it for the program's argv parser.
        trailing = escaped[len(escaped.rstrip("\\")) :]
        return '"' + escaped + trailing + '"'
    return escaped

"""Linux (and other freedesktop systems): a systemd user unit, or an XDG autostart entry without systemd."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from agent.autostart.commands import Runner, run_command
from agent.autostart.plan import ENTRY_NAME, AutostartContext, AutostartPlan, PlannedFile

UNIT_NAME = f"{ENTRY_NAME}.service"
SYSTEMD_METHOD = "systemd user unit"
XDG_METHOD = "XDG autostart entry"

# Characters that need no quoting in a systemd command line or a desktop Exec= key.
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=+,@-")


def plans(ctx: AutostartContext) -> list[AutostartPlan]:
    """Both Linux entries, the one to install first: systemd where a user session runs, else XDG."""
    systemd, xdg = systemd_plan(ctx), xdg_plan(ctx)
    return [systemd, xdg] if ctx.has_systemd_user_session else [xdg, systemd]


def config_home(home: Path, env: Mapping[str, str]) -> Path:
    """$XDG_CONFIG_HOME, else ~/.config (the spec says to ignore a relative value)."""
    value = env.get("XDG_CONFIG_HOME", "")
    return Path(value) if value.startswith("/") else home / ".config"


def systemd_plan(ctx: AutostartContext) -> AutostartPlan:
    unit = config_home(ctx.home, ctx.env) / "systemd" / "user" / UNIT_NAME
    return AutostartPlan(
        method=SYSTEMD_METHOD,
        files=[PlannedFile(unit, render_unit(ctx))],
        commands=[
            ["systemctl", "--user", "daemon-reload"],
            ["systemctl", "--user", "enable", "--now", UNIT_NAME],
        ],
        remove_commands=[["systemctl", "--user", "disable", "--now", UNIT_NAME]],
        notes=[
            "Fathom starts when you log in and is restarted if it fails.",
            f"Its output goes to the journal: journalctl --user -u {ENTRY_NAME}",
        ],
    )


def xdg_plan(ctx: AutostartContext) -> AutostartPlan:
    entry = config_home(ctx.home, ctx.env) / "autostart" / f"{ENTRY_NAME}.desktop"
    return AutostartPlan(
        method=XDG_METHOD,
        files=[PlannedFile(entry, render_desktop_entry(ctx))],
        notes=[
            "No systemd user session was found, so your desktop starts Fathom at your next login "
            "(it is not restarted if it stops).",
            "To start it now, run: fathom serve",
        ],
    )


def render_unit(ctx: AutostartContext) -> str:
    lines = [
        "# Starts the Fathom agent when you log in. Written by `fathom autostart install`;",
        "# remove it with `fathom autostart remove`.",
        "[Unit]",
        "Description=Fathom local agent (private relationship memory)",
        # Stop retrying after 5 failures in a minute, e.g. when another agent already holds the data dir.
        "StartLimitIntervalSec=60",
        "StartLimitBurst=5",
        "",
        "[Service]",
        "Type=simple",
    ]
    if ctx.working_dir is not None:
        # WorkingDirectory= takes the rest of the line as one path; only specifiers need escaping.
        lines.append(f"WorkingDirectory={_systemd_specifier_escape(str(ctx.working_dir))}")
    lines += [
        "Environment=PYTHONUNBUFFERED=1",
        "ExecStart=" + " ".join(systemd_quote(arg) for arg in ctx.argv),
        "Restart=on-failure",
        "RestartSec=5",
        "",
        "[Install]",
        "WantedBy=default.target",
    ]
    return "\n".join(lines) + "\n"


def systemd_quote(arg: str) -> str:
    """One ExecStart= argument: double-quoted with C escapes, ``%`` and ``$`` doubled (systemd.service(5))."""
    if arg and all(ch in _PLAIN for ch in arg):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _systemd_specifier_escape(escaped).replace("$", "$$") + '"'


def _systemd_specifier_escape(value: str) -> str:
    return value.replace("%", "%%")


def render_desktop_entry(ctx: AutostartContext) -> str:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=Fathom agent",
        "Comment=Starts the Fathom agent when you log in (written by fathom autostart install)",
        "Exec=" + " ".join(desktop_exec_quote(arg) for arg in ctx.argv),
    ]
    if ctx.working_dir is not None:
        lines.append("Path=" + _desktop_string_escape(str(ctx.working_dir)))
    lines += [
        "Terminal=false",
        "NoDisplay=true",
        "X-GNOME-Autostart-enabled=true",
    ]
    return "\n".join(lines) + "\n"


def desktop_exec_quote(arg: str) -> str:
    """One Exec= argument, per the Desktop Entry Specification's "The Exec key".

    Reserved characters need double quotes; inside them ``"`` `` ` `` ``$`` ``\\`` take a backslash. ``%``
    is a field code, so it is doubled. The string-value escaping (``\\`` → ``\\\\``) applies on top, which
    is why a literal backslash ends up as four.
    """
    if arg and all(ch in _PLAIN for ch in arg):
        return arg
    quoted = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return _desktop_string_escape('"' + quoted.replace("%", "%%") + '"')


def _desktop_string_escape(value: str) -> str:
    return value.replace("\\", "\\\\")


def probe_systemd_user_session(
    uid: int,
    runtime_root: Path = Path("/run/user"),
    runner: Runner = run_command,
) -> bool:
    """True when systemd manages this user's session: its runtime dir exists or systemctl --user answers."""
    if (runtime_root / str(uid) / "systemd").is_dir():
        return True
    return runner(["systemctl", "--user", "show-environment"]).returncode == 0

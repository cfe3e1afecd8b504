"""macOS: a per-user LaunchAgent in ~/Library/LaunchAgents, loaded into the login (gui) domain."""

from __future__ import annotations

import plistlib
from typing import Any

from agent.autostart.plan import ENTRY_NAME, AutostartContext, AutostartError, AutostartPlan, PlannedFile

LABEL = "local.fathom.agent"
METHOD = "LaunchAgent"


def plans(ctx: AutostartContext) -> list[AutostartPlan]:
    return [launch_agent_plan(ctx)]


def launch_agent_plan(ctx: AutostartContext) -> AutostartPlan:
    if ctx.uid is None:
        raise AutostartError("cannot tell your user id, which launchctl needs; run this as a logged-in user")
    plist_path = ctx.home / "Library" / "LaunchAgents" / f"{LABEL}.plist"
    return AutostartPlan(
        method=METHOD,
        files=[PlannedFile(plist_path, render_plist(ctx))],
        commands=[["launchctl", "bootstrap", f"gui/{ctx.uid}", str(plist_path)]],
        remove_commands=[["launchctl", "bootout", f"gui/{ctx.uid}/{LABEL}"]],
        notes=[
            "Fathom starts when you log in and is restarted if it fails.",
            f"Its output goes to {log_path(ctx)}",
        ],
    )


def log_path(ctx: AutostartContext) -> str:
    return str(ctx.home / "Library" / "Logs" / f"{ENTRY_NAME}.log")


def render_plist(ctx: AutostartContext) -> str:
    """The LaunchAgent plist; plistlib does the XML escaping of paths."""
    job: dict[str, Any] = {
        "Label": LABEL,
        "ProgramArguments": list(ctx.argv),
        "RunAtLoad": True,
        # Restart only after a failure, like systemd's Restart=on-failure: a clean exit (the user stopped
        # the agent) stays stopped until the next login.
        "KeepAlive": {"SuccessfulExit": False},
        # launchd's default throttle is 10 s; say so, so a crash loop's pace is visible here.
        "ThrottleInterval": 10,
        "EnvironmentVariables": {"PYTHONUNBUFFERED": "1"},
        "StandardOutPath": log_path(ctx),
        "StandardErrorPath": log_path(ctx),
    }
    if ctx.working_dir is not None:
        job["WorkingDirectory"] = str(ctx.working_dir)
    return plistlib.dumps(job, sort_keys=False).decode("utf-8")

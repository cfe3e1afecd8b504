"""The weekly review notification: off until the user turns it on, never more than once a week, sent with the
platform's own mechanism (notify-send, osascript, a Windows toast)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

WEEK = timedelta(days=7)
Runner = Callable[[Sequence[str]], int]


def is_due(settings: dict[str, Any], now: datetime) -> bool:
    if not settings.get("weekly"):
        return False
    last = settings.get("last_sent")
    return last is None or now - datetime.fromisoformat(last) >= WEEK


def compose(items: list[dict[str, Any]]) -> tuple[str, str] | None:
    if not items:
        return None
    top = items[0]
    people = len({item["person"].get("id") or item["person"]["name"] for item in items})  # one may have several
    title = f"Fathom: {people:,} relationship{'s' if people != 1 else ''} need{'' if people != 1 else 's'} you"
    return title, f"{top['person']['name']}: {top['text']}"


def command_for(platform: str, title: str, body: str) -> list[str] | None:
    """The argv that shows a notification here, or None where there is no mechanism."""
    if platform.startswith("linux"):
        exe = shutil.which("notify-send")
        return [exe, "--app-name=Fathom", title, body] if exe else None
    if platform == "darwin":
        script = f"display notification {_applescript(body)} with title {_applescript(title)}"
        return ["osascript", "-e", script]
    if platform == "win32":
        ps = (
            "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType=WindowsRuntime]"
            " > $null; $t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent(1); "
            "$x = $t.GetElementsByTagName('text'); "
            f"$x.Item(0).AppendChild($t.CreateTextNode({_powershell(title)})) > $null; "
            f"$x.Item(1).AppendChild($t.CreateTextNode({_powershell(body)})) > $null; "
            "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('Fathom')"
            ".Show([Windows.UI.Notifications.ToastNotification]::new($t))"
        )
        return ["powershell", "-NoProfile", "-NonInteractive", "-Command", ps]
    return None


def send(title: str, body: str, *, platform: str = sys.platform, runner: Runner | None = None) -> bool:
    argv = command_for(platform, title, body)
    if argv is None:
        return False
    run = runner or _run
    return run(argv) == 0


def _run(argv: Sequence[str]) -> int:
    try:
        return subprocess.run(list(argv), capture_output=True, timeout=20, check=False).returncode
    except (OSError, subprocess.SubprocessError):
        return 1


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _powershell(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"

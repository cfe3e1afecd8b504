"""The weekly review notification: off until the user turns it on, never more than once a week, sent with the
platform's own mechanism (notify-send, osascript, a Windows toast)."""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

WEEK = timedelta(days=7)
WINDOWS_APP_ID = "Fathom.LocalAgent"  # the AppUserModelID the toast is sent as, registered by the toast script
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
        # Base64 of UTF-16LE: no command-line quoting can split the script, whatever a name contains.
        encoded = base64.b64encode(windows_toast_script(title, body).encode("utf-16-le")).decode("ascii")
        return ["powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded]
    return None


def windows_toast_script(title: str, body: str) -> str:
    """PowerShell that shows a toast as Fathom, and exits non-zero when Windows would show nothing.

    Windows 10 and later silently drop a toast from an AppUserModelID they do not know, so the id is first
    registered for this user (HKCU, no admin rights: the key unpackaged apps use). A notifier that throws, or
    that the user or policy turned off (its Setting is not Enabled), exits 1 so that ``send`` says it failed.
    """
    key = f"HKCU:\\Software\\Classes\\AppUserModelId\\{WINDOWS_APP_ID}"
    return (
        "$ErrorActionPreference = 'Stop'; try { "
        f"New-Item -Path {_powershell(key)} -Force > $null; "
        f"New-ItemProperty -Path {_powershell(key)} -Name DisplayName -Value 'Fathom' -PropertyType String -Force"
        " > $null; "
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType=WindowsRuntime]"
        " > $null; $t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent(1); "
        "$x = $t.GetElementsByTagName('text'); "
        f"$x.Item(0).AppendChild($t.CreateTextNode({_powershell(title)})) > $null; "
        f"$x.Item(1).AppendChild($t.CreateTextNode({_powershell(body)})) > $null; "
        "$n = [Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier("
        f"{_powershell(WINDOWS_APP_ID)}); "
        "if ($n.Setting -ne 'Enabled') { [Console]::Error.WriteLine('toasts are off: ' + $n.Setting); exit 1 }; "
        "$n.Show([Windows.UI.Notifications.ToastNotification]::new($t)); exit 0 "
        "} catch { [Console]::Error.WriteLine($_.Exception.Message); exit 1 }"
    )


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
    """A single-quoted PowerShell string: it ends at any of five quote marks, so each is doubled."""
    return "'" + "".join(c * 2 if c in _POWERSHELL_QUOTES else c for c in text) + "'"


_POWERSHELL_QUOTES = frozenset("'\u2018\u2019\u201a\u201b")

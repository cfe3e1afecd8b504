"""The weekly notification: off by default, at most once a week, the platform's own mechanism."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from agent import notify

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
ITEMS = [
    {"person": {"name": "Ada"}, "text": "She messaged you 9 days ago; you haven't replied."},
    {"person": {"name": "Grace"}, "text": "You promised the deck."},
]


def test_off_by_default() -> None:
    assert notify.is_due({}, NOW) is False


def test_due_when_on_and_never_sent() -> None:
    assert notify.is_due({"weekly": True}, NOW) is True


@pytest.mark.parametrize(("days", "due"), [(1, False), (6, False), (7, True), (30, True)])
def test_never_more_than_once_a_week(days: int, due: bool) -> None:
    last = (NOW - timedelta(days=days)).isoformat()
    assert notify.is_due({"weekly": True, "last_sent": last}, NOW) is due


def test_message_has_the_count_and_the_top_item() -> None:
    title, body = notify.compose(ITEMS)  # type: ignore[misc]
    assert "2 relationships need you" in title
    assert body.startswith("Ada: She messaged you")
    assert notify.compose([]) is None


def test_the_count_is_of_people_not_items() -> None:
    ada_again = {"person": {"name": "Ada"}, "text": "You promised her the paper."}
    assert notify.compose([*ITEMS, ada_again])[0] == "Fathom: 2 relationships need you"  # type: ignore[index]
    assert notify.compose([ITEMS[0], ada_again])[0] == "Fathom: 1 relationship needs you"  # type: ignore[index]
    many = [{"person": {"id": f"p{n}", "name": "Sam"}, "text": "..."} for n in range(4532)]
    assert notify.compose(many)[0] == "Fathom: 4,532 relationships need you"  # type: ignore[index]


def test_linux_uses_notify_send(monkeypatch) -> None:
    monkeypatch.setattr(notify.shutil, "which", lambda name: "/usr/bin/notify-send")
    seen: list[list[str]] = []
    assert notify.send("T", "B", platform="linux", runner=lambda argv: seen.append(list(argv)) or 0)
    assert seen == [["/usr/bin/notify-send", "--app-name=Fathom", "T", "B"]]


def test_macos_uses_osascript_with_quotes_escaped() -> None:
    argv = notify.command_for("darwin", 'Say "hi"', "x")
    assert argv is not None and argv[0] == "osascript"
    assert '\\"hi\\"' in argv[2]


def _windows_script(title: str, body: str) -> str:
    argv = notify.command_for("win32", title, body)
    assert argv is not None and argv[:4] == ["powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand"]
    return base64.b64decode(argv[4]).decode("utf-16-le")


def test_windows_uses_a_toast_without_admin_rights() -> None:
    script = _windows_script("T", "it's")
    assert "'it''s'" in script and "HKLM" not in script and "RunAs" not in script


def test_windows_registers_the_app_id_it_sends_as_before_sending() -> None:
    script = _windows_script("T", "B")
    key = f"'HKCU:\\Software\\Classes\\AppUserModelId\\{notify.WINDOWS_APP_ID}'"
    registered = script.index(f"New-ItemProperty -Path {key} -Name DisplayName -Value 'Fathom'")
    assert registered < script.index(f"CreateToastNotifier('{notify.WINDOWS_APP_ID}')")
    assert "CreateToastNotifier('Fathom')" not in script  # the unknown id Windows dropped silently


def test_windows_script_exits_non_zero_when_nothing_is_shown() -> None:
    script = _windows_script("T", "B")
    assert script.startswith("$ErrorActionPreference = 'Stop'; try { ")
    assert script.endswith("} catch { [Console]::Error.WriteLine($_.Exception.Message); exit 1 }")
    assert "if ($n.Setting -ne 'Enabled') {" in script and script.index("exit 1 }") < script.index("$n.Show(")


def test_a_failed_windows_toast_is_reported_as_not_sent() -> None:
    assert notify.send("T", "B", platform="win32", runner=lambda argv: 1) is False
    assert notify.send("T", "B", platform="win32", runner=lambda argv: 0) is True


def test_windows_text_cannot_close_its_string_with_typographic_quotes() -> None:
    script = _windows_script("T", "Kiko\u2019); Remove-Item x; (\u2018")
    assert "'Kiko\u2019\u2019); Remove-Item x; (\u2018\u2018'" in script


def test_no_mechanism_means_no_notification(monkeypatch) -> None:
    monkeypatch.setattr(notify.shutil, "which", lambda name: None)
    assert notify.send("T", "B", platform="linux", runner=lambda argv: 0) is False
